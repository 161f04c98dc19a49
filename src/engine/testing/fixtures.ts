/**
 * Helpers and cluster configurations shared by the engine's tests: reading the trace, what
 * a node stores, and the lectures' rings. Test support only, like `random-schedule.ts`; it
 * reaches the engine through `index.ts` alone. A test that needs a variant spreads one of
 * these configurations and overrides the values that differ.
 */
import { Cluster, Ring, Rng, teachingSpace, type ClusterConfig, type EventOf, type TraceEvent, type TraceKind } from '../index';

/** The events of one kind, typed as that kind. */
export const ofKind = <K extends TraceKind>(events: readonly TraceEvent[], kind: K) => events.filter((e): e is EventOf<K> => e.kind === kind);

/** The `op-end` event of an operation (its answer to the client). */
export const opEnd = (cluster: Cluster, opId: number | undefined) => ofKind(cluster.trace, 'op-end').find((e) => e.opId === opId)!;

/** The values a node stores for a key (siblings in store order), [] when it holds none. */
export const values = (cluster: Cluster, node: string, key: string) => (cluster.node(node).store.get(key) ?? []).map((v) => v.value);

/** Lecture 002's four-node teaching ring (0–1000, A 100, B 300, C 500, D 700): cart at 50 has top three A, B, C and D as first fallback; fixed 10 ms links; gossip and anti-entropy off. */
export const FOUR_NODE_RING: ClusterConfig = {
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1000,
  keyPositions: { cart: 50 },
  latency: { kind: 'fixed', ms: 10 },
  gossipIntervalMs: 0,
  antiEntropyIntervalMs: 0,
  nodes: [
    { id: 'A', tokens: [100] },
    { id: 'B', tokens: [300] },
    { id: 'C', tokens: [500] },
    { id: 'D', tokens: [700] },
  ],
};

/** Lecture 000's node positions on its 0–1000 ring: node1 at 20, node2 at 230, node3 at 458, node4 at 850. */
export const LECTURE_000_POSITIONS = [
  ['node1', 20],
  ['node2', 230],
  ['node3', 458],
  ['node4', 850],
] as const;

/** Lecture 000's ring as a cluster: N=3 R=2 W=2 with fixed 10 ms links, no key positions (each test places its own keys). */
export const LECTURE_000_RING: ClusterConfig = {
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1000,
  nodes: LECTURE_000_POSITIONS.map(([id, pos]) => ({ id, tokens: [pos] })),
  latency: { kind: 'fixed', ms: 10 },
};

/** Lecture 000's ring as a bare Ring (strategy 1, one token per node, capacity 1, no datacenter). */
export function lecture000Ring(): Ring {
  const ring = Ring.create(teachingSpace(1000), 1, 0, 1);
  const rng = Rng.fromSeed(0);
  for (const [id, pos] of LECTURE_000_POSITIONS) ring.addNode({ id, capacity: 1, dc: undefined }, [pos], rng);
  return ring;
}
