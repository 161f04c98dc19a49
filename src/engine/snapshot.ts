/**
 * A plain, serializable copy of the whole cluster — ring, nodes and their stores, the
 * network, the queue of pending events, operations in progress and the rng state — and
 * the way back from it. Restoring a snapshot and stepping on gives exactly the events the
 * original would have given: that is how the timeline seeks and steps back.
 *
 * Versions, clocks and messages are immutable, so a snapshot shares them rather than
 * copying them; everything around them is copied.
 */
import { Cluster, type Counters } from './cluster';
import { isDelivery } from './dispatch';
import type { ResolvedConfig } from './config';
import { Ring, type NodeId, type RingState } from './dynamo/ring';
import type { Version } from './dynamo/versions';
import type { OpState, RepairWindow, Timer } from './world';
import type { Hint, MemberEntry, PendingForward } from './dynamo/node';
import type { PendingTransfer } from './dynamo/rebalance';
import type { ExchangeState } from './dynamo/anti-entropy';
import { Network, type NetworkState } from './sim/network';
import { Rng } from './sim/rng';
import type { Message } from './dynamo/messages';

export interface NodeSnapshot {
  readonly id: NodeId;
  readonly isUp: boolean;
  readonly isDestroyed: boolean;
  readonly isMember: boolean;
  readonly dc: string | undefined;
  /** key → siblings, keys in sorted order. */
  readonly store: readonly (readonly [string, readonly Version[]])[];
  readonly unreachable: readonly NodeId[];
  readonly hints: readonly (readonly [string, Hint])[];
  readonly heardSeq: readonly (readonly [NodeId, number])[];
  readonly view: readonly (readonly [NodeId, MemberEntry])[];
  readonly hasRetryTimer: boolean;
  readonly transfers: readonly (readonly [number, PendingTransfer])[];
  readonly counters: readonly (readonly [string, number])[];
  /** Op id → the request it forwarded and where to, in op id order. */
  readonly forwarding: readonly (readonly [number, PendingForward])[];
}

/** A pending event as a snapshot records it: tagged, whereas the live queue holds the message or timer itself. */
export type QueuedEvent = { readonly type: 'deliver'; readonly msg: Message } | { readonly type: 'timer'; readonly timer: Timer };

export interface ClusterSnapshot {
  readonly format: 1;
  readonly config: ResolvedConfig;
  readonly nowMs: number;
  readonly counters: Readonly<Counters>;
  /** Versions created per key, keys sorted. */
  readonly versionCounts: readonly (readonly [string, number])[];
  readonly rng: readonly number[];
  readonly ring: RingState;
  readonly network: NetworkState;
  readonly nodes: readonly NodeSnapshot[];
  /** Pending events in the order they will be processed. */
  readonly queue: readonly { readonly atMs: number; readonly seq: number; readonly item: QueuedEvent }[];
  readonly ops: readonly OpSnapshot[];
  readonly replicating: readonly OpSnapshot[];
  readonly repairWindows: readonly (readonly [number, RepairWindow])[];
  readonly exchanges: readonly ExchangeSnapshot[];
  /** Messages sent and not yet delivered or dropped. */
  readonly inFlight: readonly Message[];
  /** How many trace events exist at this point. */
  readonly traceLength: number;
}

export function snapshot(cluster: Cluster): ClusterSnapshot {
  return {
    format: 1,
    config: cluster.config,
    nowMs: cluster.nowMs,
    counters: { ...cluster.counters },
    versionCounts: [...cluster.versionCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    rng: cluster.rng.state(),
    ring: cluster.ring.state(),
    network: cluster.network.state(),
    nodes: [...cluster.nodes.values()].map((n) => ({
      id: n.id,
      isUp: n.isUp,
      isDestroyed: n.isDestroyed,
      isMember: n.isMember,
      dc: n.dc,
      store: [...n.store].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      unreachable: [...n.unreachable].sort(),
      hints: sortedEntries(n.hints),
      heardSeq: sortedEntries(n.heardSeq),
      view: sortedEntries(n.view),
      hasRetryTimer: n.hasRetryTimer,
      transfers: [...n.transfers].sort(([a], [b]) => a - b),
      counters: sortedEntries(n.counters),
      forwarding: [...n.forwarding].sort(([a], [b]) => a - b),
    })),
    repairWindows: [...cluster.repairWindows],
    exchanges: [...cluster.exchanges.values()].map(exchangeToSnapshot),
    queue: cluster.queue.toSortedArray().map(({ atMs, seq, item }) => ({ atMs, seq, item: isDelivery(item) ? { type: 'deliver', msg: item } : { type: 'timer', timer: item } })),
    ops: [...cluster.ops.values()].map(opToSnapshot),
    replicating: [...cluster.replicating.values()].map(opToSnapshot),
    inFlight: [...cluster.inFlight.values()].sort((a, b) => a.id - b.id),
    traceLength: cluster.trace.length,
  };
}

/**
 * A cluster that continues exactly where `snap` was taken. Its trace starts empty; the
 * caller that keeps the history (the timeline) owns the events before this point.
 */
export function restore(snap: ClusterSnapshot): Cluster {
  const cluster = new Cluster(snap.config, Ring.fromState(snap.ring), Network.fromState(snap.network), Rng.fromState(snap.rng));
  cluster.nowMs = snap.nowMs;
  Object.assign(cluster.counters, snap.counters);
  for (const [key, count] of snap.versionCounts) cluster.versionCounts.set(key, count);
  for (const n of snap.nodes) {
    cluster.nodes.set(n.id, {
      id: n.id,
      isUp: n.isUp,
      isDestroyed: n.isDestroyed,
      isMember: n.isMember,
      dc: n.dc,
      store: new Map(n.store),
      hints: new Map(n.hints),
      unreachable: new Set(n.unreachable),
      heardSeq: new Map(n.heardSeq),
      view: new Map(n.view),
      hasRetryTimer: n.hasRetryTimer,
      transfers: new Map(n.transfers),
      counters: new Map(n.counters),
      forwarding: new Map(n.forwarding),
    });
  }
  for (const [id, w] of snap.repairWindows) cluster.repairWindows.set(id, w);
  for (const e of snap.exchanges) cluster.exchanges.set(e.id, { ...e, trees: new Map(e.trees), differingKeys: [...e.differingKeys] });
  for (const { atMs, seq, item } of snap.queue) cluster.queue.push({ atMs, seq, item: item.type === 'deliver' ? item.msg : item.timer });
  for (const op of snap.ops) cluster.ops.set(op.request.opId, opFromSnapshot(op));
  for (const op of snap.replicating) cluster.replicating.set(op.request.opId, opFromSnapshot(op));
  for (const m of snap.inFlight) cluster.inFlight.set(m.id, m);
  return cluster;
}

function sortedEntries<K extends string, V>(map: ReadonlyMap<K, V>): [K, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An operation in progress, as plain data. */
export type OpSnapshot = Omit<OpState, 'timedOut' | 'standIns' | 'replyVersions' | 'forwards'> & {
  readonly timedOut: readonly NodeId[];
  readonly forwards: readonly NodeId[];
  readonly standIns: readonly (readonly [NodeId, NodeId])[];
  readonly replyVersions: readonly (readonly [NodeId, readonly Version[]])[];
};

export type ExchangeSnapshot = Omit<ExchangeState, 'trees'> & { readonly trees: readonly (readonly [NodeId, ExchangeState['trees'] extends Map<NodeId, infer T> ? T : never])[] };

function opToSnapshot(op: OpState): OpSnapshot {
  return { ...op, forwards: [...op.forwards], targets: [...op.targets], timedOut: [...op.timedOut], standIns: [...op.standIns], replies: [...op.replies], versions: [...op.versions], replyVersions: [...op.replyVersions] };
}

function opFromSnapshot(op: OpSnapshot): OpState {
  return {
    ...op,
    forwards: [...op.forwards],
    targets: [...op.targets],
    timedOut: [...op.timedOut],
    standIns: op.standIns.map(([standIn, intendedFor]) => [standIn, intendedFor]),
    replies: [...op.replies],
    versions: [...op.versions],
    replyVersions: op.replyVersions.map(([replica, versions]) => [replica, versions]),
  };
}

function exchangeToSnapshot(e: ExchangeState): ExchangeSnapshot {
  return { ...e, trees: [...e.trees], differingKeys: [...e.differingKeys] };
}
