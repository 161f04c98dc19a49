/**
 * What the Dynamo handlers see of the simulated world: the cluster's state plus the
 * ability to send messages, set timers and record trace events. `Cluster` implements it;
 * handlers in `dynamo/` take it as their first argument, so each reads as the paper
 * describes it.
 */
import type { ResolvedConfig } from './config';
import type { ClientRequest, MessageBody } from './dynamo/messages';
import type { NodeState } from './dynamo/node';
import type { NodeId, Ring } from './dynamo/ring';
import type { PreferenceList } from './dynamo/preference-list';
import type { Version } from './dynamo/versions';
import type { VectorClock } from './dynamo/vector-clock';
import type { Rng } from './sim/rng';
import type { TraceEvent, TraceEventBody } from './trace/events';
import type { ExchangeState } from './dynamo/anti-entropy';

/** A client operation in progress. */
export interface OpState {
  readonly request: ClientRequest;
  coordinator: NodeId | null;
  /** When the coordinator took the request; -1 before. */
  takenAtMs: number;
  /** The nodes `via` forwarded the request to, in order. */
  readonly forwards: NodeId[];
  /** The key's top N when the coordinator took the request. */
  replicas: readonly NodeId[];
  /** The nodes the coordinator sent to (the first N it believed reachable, then replacements). */
  readonly targets: NodeId[];
  /**
   * Targets that did not answer in time (and were replaced, if sloppy quorum allows).
   * Small arrays rather than a Set and Maps: N is a handful, and every operation makes them.
   */
  readonly timedOut: NodeId[];
  /** Stand-ins and the top-N node each one holds a hint for, as [stand-in, intended] in order. */
  readonly standIns: [NodeId, NodeId][];
  /** W for a put, R for a get. */
  needed: number;
  /** Nodes whose acknowledgement or reply has been counted, in order. */
  readonly replies: NodeId[];
  /** get: every version received so far, and which node sent which. */
  readonly versions: Version[];
  readonly replyVersions: [NodeId, readonly Version[]][];
  /** put: the version being written. */
  version: Version | undefined;
  isDone: boolean;
  /**
   * The node that failed while it held the request (its coordinator, or `via` before any
   * node took it), and when: it forgot the request. Absent in the usual case, so snapshots
   * of runs without such a failure are as before.
   */
  lostBy?: { readonly node: NodeId; readonly atMs: number; readonly isDestroyed?: true };
  /**
   * Set when the coordinator's search for more replicas has ended before the client was
   * answered (no one left to ask): answered later by a straggler, the put is not kept
   * looking for holders, for nothing would ever end that search. Absent in the usual case.
   */
  isSearchOver?: true;
}

/** How a client operation ended: failed, a put written, or a get answered. */
export type OpOutcome =
  /**
   * Failed: the reason, and what had happened by then. A put that missed W may still have
   * been stored (its version, the acks that came in time); a get that missed R says who replied.
   */
  | {
      readonly ok: false;
      readonly error: string;
      readonly version?: Version;
      readonly acks?: readonly NodeId[];
      readonly hinted?: readonly { readonly holder: NodeId; readonly intendedFor: NodeId }[];
      readonly replies?: readonly NodeId[];
    }
  | { readonly ok: true; readonly version: Version | undefined; readonly acks: readonly NodeId[]; readonly hinted: readonly { readonly holder: NodeId; readonly intendedFor: NodeId }[] }
  | { readonly ok: true; readonly versions: readonly Version[]; readonly context: VectorClock; readonly replies: readonly NodeId[] };

/** A get recently answered: late replies still trigger read repair until its deadline. */
export interface RepairWindow {
  readonly key: string;
  readonly coordinator: NodeId;
  /** The latest versions the get has seen: its answer, and what later replies added. */
  readonly siblings: readonly Version[];
  readonly replicas: readonly NodeId[];
  /** The replicas the get asked (of `replicas`; not those it believed down as it began): whose silence its replica timeout reads. */
  readonly asked: readonly NodeId[];
  /** Replicas that answered and were brought up to `siblings`. */
  readonly answered: readonly NodeId[];
}

/** Timers: things a node does at a set virtual time. */
export type Timer =
  | { readonly type: 'deadline'; readonly opId: number }
  // `sinceSeq`: the trace's next seq when the wait began; a message sent from then on answers it (see `heardSince`).
  | { readonly type: 'replica-timeout'; readonly opId: number; readonly sinceSeq: number }
  | { readonly type: 'forward-timeout'; readonly opId: number; readonly via: NodeId; readonly target: NodeId; readonly sinceSeq: number }
  | { readonly type: 'reply-timeout'; readonly node: NodeId; readonly peer: NodeId; readonly sinceSeq: number }
  | { readonly type: 'retry'; readonly node: NodeId }
  | { readonly type: 'gossip'; readonly node: NodeId }
  | { readonly type: 'anti-entropy'; readonly node: NodeId }
  | { readonly type: 'exchange-timeout'; readonly exchangeId: number };

export interface World {
  readonly nowMs: number;
  readonly config: ResolvedConfig;
  readonly ring: Ring;
  readonly rng: Rng;
  readonly nodes: ReadonlyMap<NodeId, NodeState>;
  node(id: NodeId): NodeState;
  op(opId: number): OpState | undefined;
  keyPosition(key: string): number;
  /** The key's MD5 digest in hex. */
  keyDigest(key: string): string;
  /** The key's preference list under the current ring and configuration. */
  preferenceListOf(key: string): PreferenceList;
  /** Whether `from` currently believes `to` answers (its local failure detector). */
  believesReachable(from: NodeId, to: NodeId): boolean;
  /** Sends a message; returns its id. */
  send(from: NodeId, to: NodeId, body: MessageBody): number;
  schedule(atMs: number, timer: Timer): void;
  emit(node: NodeId | null, body: TraceEventBody): TraceEvent;
  /**
   * The hot path's `emit`: the caller builds the whole event in one literal, with `seq`
   * from `nextTraceSeq()` and `causeSeq`, the same fields in the same order `emit` gives.
   * Spreading a body into a new object costs several times more than building it once.
   */
  record<E extends TraceEvent>(event: E): E;
  nextTraceSeq(): number;
  /** The seq the next trace event will get, without taking it. */
  readonly traceSeq: number;
  /** The event being handled: what a new event records as its cause. */
  readonly causeSeq: number | null;
  /** The next version id for `key`: versions are numbered per key, D1, D2, … */
  nextVersionId(key: string): number;
  /** A new id: a transfer's, an exchange's, or an operation's (`op`: numbered with the clients' own, #1, #2, …). */
  nextId(kind: 'transfer' | 'exchange' | 'op'): number;
  finishOp(opId: number, outcome: OpOutcome): void;
  readonly repairWindows: Map<number, RepairWindow>;
  readonly ops: Map<number, OpState>;
  readonly replicating: Map<number, OpState>;
  readonly exchanges: Map<number, ExchangeState>;
}
