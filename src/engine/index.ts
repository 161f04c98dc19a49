/**
 * The engine's public surface: the only module code outside `src/engine/` imports.
 * See CONTEXT.md for the glossary and the paper sections each module follows.
 */
export { Cluster, type QueueItem } from './cluster';
export type { ClusterConfig, NodeConfig, ResolvedConfig } from './config';
export { resolveConfig } from './config';
export { InputError, keyLengthProblem, strategy3JoinProblem, removedName, type Input, type InputResult } from './inputs';
export { snapshot, restore, type ClusterSnapshot, type NodeSnapshot } from './snapshot';
export type { TraceEvent, TraceEventBody, TraceKind, EventOf, OpKind, DropReason, StoreSource } from './trace/events';
export { describe, type RingWords } from './trace/describe';
export { keyName, oneLine } from './trace/key-name';
export { exchangeStart, isAeBodyOf, treesBuiltAt, type AeBody } from './trace/exchange-moments';
export { eventClass, EVENT_CLASSES, type EventClass } from './trace/event-class';
export { Ring, partitionBoundary, type NodeId, type Token, type RingNode, type Strategy, type RingState } from './dynamo/ring';
export { preferenceList, preferenceWalk, topNodes, type PreferenceList, type WalkStep, type WalkRole } from './dynamo/preference-list';
export { transfersBetween, nodeLoads, primaryRanges, elementaryRanges, rangeLength, type Range, type Transfer, type NodeLoad } from './dynamo/ownership';
export { keyPosition, md5Hex, md5Position, md5Modulo, md5Space, teachingSpace, MD5_RING_SIZE, type RingSpace } from './dynamo/hash';
export {
  compareClocks,
  mergeClocks,
  incrementClock,
  truncateClock,
  descendsOrEqual,
  formatClock,
  clockToObject,
  counterOf,
  EMPTY_CLOCK,
  type VectorClock,
  type ClockEntry,
  type ClockOrder,
} from './dynamo/vector-clock';
export { addVersion, reconcile, contextClock, versionName, versionNames, type Version, type Json } from './dynamo/versions';
export { messageLabel, type Message, type MessageBody, type ClientRequest } from './dynamo/messages';
export { Rng } from './sim/rng';
export { EventQueue } from './sim/event-queue';
export { DEFAULT_LATENCY, type LatencyConfig } from './sim/network';
export { checkInvariants, type InvariantViolation } from './checkers/invariants';
export { describeView, viewsAgree } from './dynamo/membership';
export { checkConsistency, type ConsistencyReport, type StaleRead, type LostWrite } from './checkers/consistency';
export { commonRanges, type ExchangeState } from './dynamo/anti-entropy';
export { inRange } from './dynamo/rebalance';
export { buildTree, depthFor, leafIndex, hashEntry, entryBytes, HASH_BYTES, type MerkleTree, type TreeEntry } from './dynamo/merkle';
export type { Hint, MemberEntry, NodeState } from './dynamo/node';
export { setStored } from './dynamo/node';
export { trafficClass, type TrafficClass } from './dynamo/messages';
export { clusterView, keySet, keyView, keyPositions, type ClusterView, type KeyView, type NodeView, type MessageView, type KeyHolding } from './view';
export { versionHistory, historyKeysOf, ALL_KEYS, keysWithVersions, ancestorEdges, explainRelation, mergeCarts, lastWriteWins, type VersionHistory, type HistoryVersion, type VersionEdge, type NodeHolding, type Truncation, type Explainable, type RelationExplanation, type LastWriteWins } from './dynamo/version-history';
