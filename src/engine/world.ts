/**
 * What the Dynamo handlers see of the simulated world: the cluster's state plus the
 * ability to send messages and record trace events. `Cluster` implements it; handlers in
 * `dynamo/` take it as their first argument, so each reads as the paper describes it.
 */
import type { ResolvedConfig } from './config';
import type { ClientRequest, MessageBody } from './dynamo/messages';
import type { NodeState } from './dynamo/node';
import type { NodeId, Ring } from './dynamo/ring';
import type { PreferenceList } from './dynamo/preference-list';
import type { Version } from './dynamo/versions';
import type { VectorClock } from './dynamo/vector-clock';
import type { TraceEvent, TraceEventBody } from './trace/events';

/** A client operation in progress. */
export interface OpState {
  readonly request: ClientRequest;
  coordinator: NodeId | null;
  /** The top N the coordinator sent to. */
  replicas: readonly NodeId[];
  /** W for a put, R for a get. */
  needed: number;
  /** Nodes whose acknowledgement or reply has been counted, in order. */
  readonly replies: NodeId[];
  /** get: every version received so far. */
  readonly versions: Version[];
  /** put: the version being written. */
  version: Version | undefined;
  isDone: boolean;
}

export interface OpOutcome {
  readonly ok: boolean;
  readonly error?: string;
  readonly version?: Version | undefined;
  readonly acks?: readonly NodeId[];
  readonly versions?: readonly Version[];
  readonly context?: VectorClock;
  readonly replies?: readonly NodeId[];
}

export interface World {
  readonly nowMs: number;
  readonly config: ResolvedConfig;
  readonly ring: Ring;
  node(id: NodeId): NodeState;
  op(opId: number): OpState | undefined;
  keyPosition(key: string): number;
  /** The key's MD5 digest in hex. */
  keyDigest(key: string): string;
  /** The key's preference list under the current ring and configuration. */
  preferenceListOf(key: string): PreferenceList;
  /** Whether `from` currently believes `to` answers (its local failure detector). */
  believesReachable(from: NodeId, to: NodeId): boolean;
  send(from: NodeId, to: NodeId, body: MessageBody): void;
  emit(node: NodeId | null, body: TraceEventBody): TraceEvent;
  /** The next version id for `key`: versions are numbered per key, D1, D2, … */
  nextVersionId(key: string): number;
  finishOp(opId: number, outcome: OpOutcome): void;
}
