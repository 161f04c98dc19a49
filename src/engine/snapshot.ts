/**
 * A plain, serializable copy of the whole cluster — ring, nodes and their stores, the
 * network, the queue of pending events, operations in progress and the rng state — and
 * the way back from it. Restoring a snapshot and stepping on gives exactly the events the
 * original would have given: that is how the timeline seeks and steps back.
 *
 * Versions, clocks and messages are immutable, so a snapshot shares them rather than
 * copying them; everything around them is copied.
 */
import { Cluster, type Counters, type QueueItem } from './cluster';
import type { ResolvedConfig } from './config';
import { Ring, type NodeId, type RingState } from './dynamo/ring';
import type { Version } from './dynamo/versions';
import type { OpState } from './world';
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
}

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
  readonly queue: readonly { readonly atMs: number; readonly seq: number; readonly item: QueueItem }[];
  readonly ops: readonly OpState[];
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
      unreachable: [...(cluster.unreachable.get(n.id) ?? [])].sort(),
    })),
    queue: cluster.queue.toSortedArray(),
    ops: [...cluster.ops.values()].map((op) => ({ ...op, replies: [...op.replies], versions: [...op.versions] })),
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
    cluster.nodes.set(n.id, { id: n.id, isUp: n.isUp, isDestroyed: n.isDestroyed, isMember: n.isMember, dc: n.dc, store: new Map(n.store) });
    if (n.unreachable.length > 0) cluster.unreachable.set(n.id, new Set(n.unreachable));
  }
  for (const e of snap.queue) cluster.queue.push(e);
  for (const op of snap.ops) cluster.ops.set(op.request.opId, { ...op, replies: [...op.replies], versions: [...op.versions] });
  for (const m of snap.inFlight) cluster.inFlight.set(m.id, m);
  return cluster;
}
