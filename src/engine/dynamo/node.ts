/**
 * A storage node: a machine that may be up or down, with its local store of versions,
 * its store of hinted writes held for others, its membership view and its failure
 * detector's beliefs.
 *
 * Dynamo is symmetric (paper §2.3): every node can receive requests, coordinate, and hold
 * replicas. The local store maps each key to its sibling set. A failed node keeps its
 * disk and comes back with it (a temporary failure); a destroyed node has lost its disk
 * for good (a permanent failure, lecture 003). Each node judges for itself which peers
 * answer (paper §4.8.3: "a purely local notion of failure detection"), so views differ between nodes.
 */
import type { NodeId } from './ring';
import { addVersion, type AddResult, type Version } from './versions';
import { counterOf } from './vector-clock';
import type { PendingTransfer } from './rebalance';
import type { ClientRequest } from './messages';

/**
 * A request this node forwarded into the key's top N and is waiting to hear was taken
 * (lecture 002: G forwards to B, then to C). The node keeps it to forward it again.
 */
export interface PendingForward {
  readonly request: ClientRequest;
  /** The nodes it has forwarded the request to, in order. */
  readonly tried: readonly NodeId[];
}

/** A write held for a node that could not take it (sloppy quorum, paper §4.6). */
export interface Hint {
  readonly key: string;
  readonly intendedFor: NodeId;
  /** The siblings held for it; arrays are replaced, never mutated. */
  readonly versions: readonly Version[];
  readonly sinceMs: number;
  /**
   * When the intended node no longer holds the key: the key's replicas that have acknowledged
   * every version of it. Absent until one has, so snapshots of the usual case are as before.
   */
  readonly handedTo?: readonly NodeId[];
}

/** One member as a node knows it: membership changes carry versions (paper §4.8.1). */
export interface MemberEntry {
  readonly version: number;
  readonly status: 'joined' | 'left';
  readonly tokens: readonly number[];
}

export interface NodeState {
  readonly id: NodeId;
  isUp: boolean;
  /** Lost its data for good; never comes back. */
  isDestroyed: boolean;
  /** On the ring (false once an administrator removed it). */
  isMember: boolean;
  readonly dc: string | undefined;
  /**
   * key → siblings. Arrays are replaced, never mutated, so snapshots can share them. Read-only
   * outside this module: every write goes through `storeVersion`, `forgetKey` and
   * `clearStore`, which keep the change log the Merkle index reads (merkle-index.ts).
   */
  readonly store: ReadonlyMap<string, readonly Version[]>;
  /** Hinted writes held for others, by `hintId(intendedFor, key)`. */
  readonly hints: Map<string, Hint>;
  /** Peers this node believes do not answer (its local failure detector). */
  readonly unreachable: Set<NodeId>;
  /** Per peer, the trace seq of the send of the last message heard from it (failure-detector.ts `heardSince`). */
  readonly heardSeq: Map<NodeId, number>;
  /** This node's membership view: every member it knows of. */
  readonly view: Map<NodeId, MemberEntry>;
  /** The highest counter this node has ever put into a clock, per key: counters only grow. */
  readonly counters: Map<string, number>;
  /** Range transfers this node owes others until they are acknowledged. */
  readonly transfers: Map<number, PendingTransfer>;
  /** Requests it forwarded that no node has yet told it it took, by op id (held in memory: lost when the node fails). */
  readonly forwarding: Map<number, PendingForward>;
  /** A retry of hints and probes of unreachable peers is scheduled. */
  hasRetryTimer: boolean;
}

export function createNode(id: NodeId, dc: string | undefined): NodeState {
  return { id, isUp: true, isDestroyed: false, isMember: true, dc, store: new Map(), hints: new Map(), unreachable: new Set(), heardSeq: new Map(), view: new Map(), counters: new Map(), transfers: new Map(), forwarding: new Map(), hasRetryTimer: false };
}

export function hintId(intendedFor: NodeId, key: string): string {
  return `${intendedFor}\u0000${key}`;
}

export function siblingsAt(node: NodeState, key: string): readonly Version[] {
  return node.store.get(key) ?? NO_VERSIONS;
}

/**
 * What a node holds of a key it has never stored: one shared empty list, since it may end
 * up in the trace (a get-reply's versions). Read-only by type, like EMPTY_CLOCK.
 */
const NO_VERSIONS: readonly Version[] = [];

/**
 * What a node answers a read with: its own siblings plus any it holds as hints, the hints
 * taken in the order of the nodes they are for. Not the map's insertion order: a snapshot
 * keeps hints sorted, so after a restore (any step back or seek) two hints of one key came
 * back in the other order, and the reply listed their versions the other way round.
 */
export function readableVersions(node: NodeState, key: string): readonly Version[] {
  let out = siblingsAt(node, key);
  if (node.hints.size === 0) return out;
  let matched: Hint[] | null = null;
  for (const hint of node.hints.values()) if (hint.key === key) (matched ??= []).push(hint);
  if (matched === null) return out;
  if (matched.length > 1) matched.sort((a, b) => (a.intendedFor < b.intendedFor ? -1 : a.intendedFor > b.intendedFor ? 1 : 0));
  for (const hint of matched) for (const v of hint.versions) out = addVersion(out, v).siblings;
  return out;
}

/** Stores a version into the node's sibling set for `key`. */
export function storeVersion(node: NodeState, key: string, version: Version): AddResult {
  const result = addVersion(siblingsAt(node, key), version);
  if (result.coveredBy === undefined) {
    writable(node).set(key, result.siblings);
    noteChange(node, key);
  }
  return result;
}

/** The store as this module, and only it, may change it. */
function writable(node: NodeState): Map<string, readonly Version[]> {
  return node.store as Map<string, readonly Version[]>;
}

/**
 * Sets a key's siblings as given, with none of `storeVersion`'s checks: for tests and tools that
 * build a store's state (or break it on purpose) directly. Logged like every other write.
 */
export function setStored(node: NodeState, key: string, siblings: readonly Version[]): void {
  writable(node).set(key, siblings);
  noteChange(node, key);
}

/** The node forgets `key` (its range was handed to another node). */
export function forgetKey(node: NodeState, key: string): void {
  if (writable(node).delete(key)) noteChange(node, key);
}

/** The node loses every key it stores (a permanent failure). */
export function clearStore(node: NodeState): void {
  for (const key of node.store.keys()) noteChange(node, key);
  writable(node).clear();
}

/**
 * The keys written to or deleted from a store since the log was opened, oldest first, as
 * absolute positions: `keys[i]` is change `base + i`. Kept only for a store someone asked
 * a log of (the anti-entropy trees kept up to date, merkle-index.ts): every other store's
 * writes cost one look-up. The log lives beside the node, not in it, so a snapshot never
 * copies it and a restored node starts without one. Once it holds more changes than four
 * times the store's keys plus 4,096, it is emptied: a reader that has not read them works from the
 * store itself, which costs no more than reading them would.
 */
export interface StoreLog {
  base: number;
  keys: string[];
}

const storeLogs = new WeakMap<ReadonlyMap<string, readonly Version[]>, StoreLog>();

function noteChange(node: NodeState, key: string): void {
  const log = storeLogs.get(node.store);
  if (log === undefined) return;
  log.keys.push(key);
  if (log.keys.length > 4 * node.store.size + 4096) {
    log.base += log.keys.length;
    log.keys = [];
  }
}

/** The store's change log, opened empty at its first call. */
export function storeLog(node: NodeState): StoreLog {
  let log = storeLogs.get(node.store);
  if (log === undefined) {
    log = { base: 0, keys: [] };
    storeLogs.set(node.store, log);
  }
  return log;
}

/** Stores a version in the hinted store, for `intendedFor`. */
export function storeHint(node: NodeState, key: string, intendedFor: NodeId, version: Version, nowMs: number): AddResult {
  const id = hintId(intendedFor, key);
  const existing = node.hints.get(id);
  const result = addVersion(existing?.versions ?? [], version);
  // A new version is owed to every replica again: `handedTo` acknowledged the versions before it.
  if (result.coveredBy === undefined) node.hints.set(id, { key, intendedFor, versions: result.siblings, sinceMs: existing?.sinceMs ?? nowMs });
  return result;
}

/**
 * The highest counter `node` has written for `key`: what it ever used as coordinator (even
 * for versions it has since handed off) and what it holds, hints included.
 */
export function ownCounter(node: NodeState, key: string): number {
  let max = node.counters.get(key) ?? 0;
  for (const v of readableVersions(node, key)) max = Math.max(max, counterOf(v.clock, node.id));
  return max;
}
