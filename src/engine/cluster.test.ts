/**
 * The cluster through the engine's public surface: puts and gets with their quorums,
 * forwarding, siblings and contexts, failures, partitions, clock truncation and the
 * lecture 000 shopping cart, read the way the lectures tell them.
 */
import { describe, expect, it } from 'vitest';
import {
  Cluster,
  checkInvariants,
  describe as describeEvent,
  formatClock,
  type ClusterConfig,
  type EventOf,
  type Json,
  type TraceEvent,
  type TraceKind,
  type VectorClock,
} from './index';
import { LECTURE_000_RING, ofKind, opEnd } from './testing/fixtures';

const only = <K extends TraceKind>(events: readonly TraceEvent[], kind: K): EventOf<K> => {
  const found = ofKind(events, kind);
  expect(found, `exactly one ${kind}`).toHaveLength(1);
  return found[0]!;
};
/** Runs to quiet, bounded so that a regression cannot hang the suite. */
const settle = (cluster: Cluster) => {
  cluster.settle(100_000);
  expect(cluster.isSettled, 'the cluster settles').toBe(true);
};
const storedIds = (cluster: Cluster, node: string, key: string) => (cluster.nodes.get(node)!.store.get(key) ?? []).map((v) => v.id);

/**
 * The lecture 000 ring (0–1000; node1 at 20, node2 at 230, node3 at 458, node4 at 850), with
 * fixed 10 ms links so that times read cleanly. `cart` sits at 600: its top 3 is node4, node1,
 * node2, and node3 is outside it.
 */
const LECTURE_RING: ClusterConfig = { ...LECTURE_000_RING, keyPositions: { cart: 600, k344: 344 } };
const lectureCluster = (overrides: Partial<ClusterConfig> = {}, seed = 1) => Cluster.create({ ...LECTURE_RING, ...overrides }, seed);

describe('routing a request', () => {
  it('the key at 344 belongs to node3 (lecture 000)', () => {
    const cluster = lectureCluster({ n: 1, r: 1, w: 1 });
    const { events } = cluster.apply({ type: 'get', key: 'k344' });
    const route = only(events, 'op-route');
    expect(route.position).toBe(344);
    expect(route.preferenceList).toEqual(['node3']);
    expect(route.coordinator).toBe('node3');
    expect(route.md5).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a client with no via contacts the first node of the top N, which coordinates', () => {
    const cluster = lectureCluster();
    const { events } = cluster.apply({ type: 'put', key: 'cart', value: 1 });
    const route = only(events, 'op-route');
    expect(route).toMatchObject({ node: 'node4', preferenceList: ['node4', 'node1', 'node2'], fallbacks: ['node3'], coordinator: 'node4', isForwarded: false });
  });

  it('a put sent to a node outside the top N is forwarded, and the clock names the coordinator (lecture 002: G forwards to B)', () => {
    const cluster = lectureCluster();
    const { events, opId } = cluster.apply({ type: 'put', key: 'cart', value: ['basketball'], via: 'node3' });
    expect(only(events, 'op-route')).toMatchObject({ node: 'node3', isForwarded: true, coordinator: 'node4' });
    const forward = only(events, 'send');
    expect(forward).toMatchObject({ from: 'node3', to: 'node4', body: { type: 'forward' } });
    settle(cluster);
    const end = opEnd(cluster, opId);
    expect(end).toMatchObject({ ok: true, coordinator: 'node4' });
    expect(formatClock(end.version!.clock)).toBe('([node4,1])');
    expect(storedIds(cluster, 'node3', 'cart')).toEqual([]); // the forwarding node keeps no copy
    const deliver = ofKind(cluster.trace, 'deliver').find((e) => e.msgId === forward.msgId)!;
    expect(deliver.causeSeq).toBe(forward.seq);
    expect(describeEvent(forward)).toBe('node3 forwards put(cart) to node4 to coordinate');
  });

  it('a get sent outside the top N is forwarded too', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'put', key: 'cart', value: 1 });
    settle(cluster);
    const { opId } = cluster.apply({ type: 'get', key: 'cart', via: 'node3' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'node4' });
    expect(opEnd(cluster, opId).versions!.map((v) => v.value)).toEqual([1]);
  });

  it("a request that fails after forwards went unanswered says where its time went: two of the top N down cost 200 ms before C took it", () => {
    const nodes = ['A', 'B', 'C', 'D', 'E', 'F'].map((id, i) => ({ id, tokens: [100 * (i + 1)] }));
    const cluster = Cluster.create({ n: 3, r: 2, w: 2, ringSize: 1000, keyPositions: { k: 50 }, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes }, 1);
    cluster.apply({ type: 'fail', node: 'A' });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'E' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({
      ok: false,
      coordinator: 'C',
      error: "only 1 of W=2 replicas answered within 300 ms: E's forwards to A and B went unanswered, and C took the request only after 210 ms",
    });
    // All three down: no node of the top N took it, and E's third forward was still waiting at the deadline.
    cluster.apply({ type: 'fail', node: 'C' });
    const next = cluster.apply({ type: 'put', key: 'k', value: 'y', via: 'F' });
    settle(cluster);
    expect(opEnd(cluster, next.opId).error).toBe("no coordinator took the request within 300 ms: F's forwards to A, B and C went unanswered");
  });

  it('a node outside the top N tries each of them once: heard from again by gossip, A is not forwarded to a second time before C', () => {
    const nodes = ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ id, tokens: [100 + 200 * i] }));
    const cluster = Cluster.create({ n: 3, r: 2, w: 2, ringSize: 1000, keyPositions: { cart: 50 }, latency: { kind: 'fixed', ms: 5 }, gossipIntervalMs: 10, antiEntropyIntervalMs: 0, nodes }, 1);
    // E cannot reach A or B, who can still reach E: their gossip tells E they are up.
    cluster.apply({ type: 'cutLink', from: 'E', to: 'A' });
    cluster.apply({ type: 'cutLink', from: 'E', to: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 'x', via: 'E' });
    cluster.runUntilDone(opId!);
    expect(ofKind(cluster.trace, 'peer-reachable').some((e) => e.node === 'E' && e.peer === 'A')).toBe(true);
    const forwards = ofKind(cluster.trace, 'send').filter((e) => e.body.type === 'forward' && e.body.request.opId === opId);
    // Before: A, B, A (and on to the deadline), never C.
    expect(forwards.map((e) => e.to)).toEqual(['A', 'B', 'C']);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'C' });
  });

  it('without sloppy quorum, a node outside the top N that reaches none of them coordinates nothing: the put fails with no version, and the next write is D1', () => {
    // N = 2: both forwards time out (100 ms each) before the request's 300 ms deadline.
    const cluster = lectureCluster({ n: 2, r: 1, w: 1, hintedHandoff: false });
    cluster.apply({ type: 'partition', groups: [['node3'], ['node1', 'node2', 'node4']] });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 'x', via: 'node3' });
    settle(cluster);
    const end = opEnd(cluster, opId);
    expect(end).toMatchObject({ ok: false, coordinator: null, error: expect.stringContaining('no coordinator took the request') });
    expect(end.version).toBeUndefined();
    expect(ofKind(cluster.trace, 'version-stored')).toEqual([]);
    cluster.apply({ type: 'heal' });
    const next = cluster.apply({ type: 'put', key: 'cart', value: 'y' });
    settle(cluster);
    expect(opEnd(cluster, next.opId).version!.id).toBe(1);
  });

  it('without sloppy quorum, a node that believes the whole top N down tries each of them in order, and the one that is up coordinates', () => {
    const cluster = lectureCluster({ n: 2, r: 1, w: 1, hintedHandoff: false });
    cluster.apply({ type: 'partition', groups: [['node3'], ['node1', 'node2', 'node4']] });
    cluster.apply({ type: 'put', key: 'cart', value: 'x', via: 'node3' }); // node3 comes to believe node4 and node1 down
    settle(cluster);
    cluster.apply({ type: 'heal' });
    cluster.apply({ type: 'fail', node: 'node4' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 'y', via: 'node3' });
    settle(cluster);
    const forwards = ofKind(cluster.trace, 'send').filter((e) => e.body.type === 'forward' && e.body.request.opId === opId);
    expect(forwards.map((e) => e.to)).toEqual(['node4', 'node1']);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'node1' });
  });
});

describe('quorums', () => {
  it('a put with W=2 on N=3 is acknowledged by exactly 2 nodes, and all 3 replicas hold it after settling', () => {
    const cluster = lectureCluster();
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['basketball'] });
    cluster.runUntilDone(opId!, 100_000);
    const end = opEnd(cluster, opId);
    expect(end.ok).toBe(true);
    expect(end.acks).toHaveLength(2);
    expect(end.acks![0]).toBe('node4'); // the coordinator's own write counts
    expect(end.latencyMs).toBe(20); // one round trip of 10 ms links
    settle(cluster);
    for (const node of ['node4', 'node1', 'node2']) expect(storedIds(cluster, node, 'cart')).toEqual([1]);
    expect(storedIds(cluster, 'node3', 'cart')).toEqual([]);
    expect(ofKind(cluster.trace, 'reply-counted').map((e) => e.count)).toEqual([1, 2]); // the third ack is not counted
    expect(ofKind(cluster.trace, 'op-end')).toHaveLength(1);
    expect(cluster.isSettled).toBe(true);
  });

  it('a get with R=2 returns after 2 replies', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'put', key: 'cart', value: 'v' });
    settle(cluster);
    const { opId } = cluster.apply({ type: 'get', key: 'cart' });
    settle(cluster);
    const end = opEnd(cluster, opId);
    expect(end).toMatchObject({ ok: true, replies: ['node4', 'node1'] });
    expect(end.versions!.map((v) => v.id)).toEqual([1]);
    expect(formatClock(end.context!)).toBe('([node4,1])');
  });

  it('with W=3 and a replica down, the put fails after requestTimeoutMs with a clear error', () => {
    // three nodes only: no other node could stand in for the failed replica
    const cluster = lectureCluster({ w: 3, nodes: LECTURE_RING.nodes.filter((n) => n.id !== 'node3') });
    cluster.apply({ type: 'fail', node: 'node2' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1 });
    settle(cluster);
    const end = opEnd(cluster, opId);
    expect(end.ok).toBe(false);
    expect(end.error).toMatch(/2 of W=3 .*300 ms/);
    expect(end.atMs).toBe(300);
    expect(end.latencyMs).toBe(300);
    const drops = ofKind(cluster.trace, 'drop');
    expect(drops.length).toBeGreaterThan(0);
    for (const d of drops) expect(d).toMatchObject({ to: 'node2', reason: 'node-down' });
    expect(describeEvent(end)).toMatch(/^put\(cart\) failed after 300 ms: .*W=3/);
    // The client hears "failed", yet the write is stored on the two replicas that acknowledged in time.
    expect(end.acks).toHaveLength(2);
    expect(end.version).toBeDefined();
    for (const node of end.acks!) expect(cluster.node(node).store.get('cart')?.map((v) => v.id)).toEqual([end.version!.id]);
  });

  it('with R=3 and a replica down, the get fails and says which replicas did reply', () => {
    const cluster = lectureCluster({ r: 3, nodes: LECTURE_RING.nodes.filter((n) => n.id !== 'node3') });
    cluster.apply({ type: 'fail', node: 'node2' });
    const { opId } = cluster.apply({ type: 'get', key: 'cart' });
    settle(cluster);
    const end = opEnd(cluster, opId);
    expect(end).toMatchObject({ ok: false, error: expect.stringMatching(/only 2 of R=3/) });
    expect([...end.replies!].sort()).toEqual(['node1', 'node4']);
    expect(end.versions).toBeUndefined();
  });

  it('the put succeeds again once the replica recovers', () => {
    const cluster = lectureCluster({ w: 3, requestTimeoutMs: 100 });
    cluster.apply({ type: 'fail', node: 'node2' });
    cluster.apply({ type: 'recover', node: 'node2' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1 });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, acks: ['node4', 'node1', 'node2'] });
  });

  it('a request sent to a node that is down fails at once', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'fail', node: 'node3' });
    const { opId, events } = cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'node3' });
    expect(only(events, 'op-end')).toMatchObject({ opId, ok: false, error: 'node node3 is down and cannot take the request', latencyMs: 0 });
  });
});

describe('network partitions', () => {
  it('drops messages across the partition with reason "partition"; healing lets them through', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'partition', groups: [['node4'], ['node1', 'node2', 'node3']] });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'node4' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: false, error: 'only 1 of W=2 replicas answered within 300 ms' });
    const drops = ofKind(cluster.trace, 'drop');
    for (const d of drops) expect(d).toMatchObject({ from: 'node4', reason: 'partition' });
    expect(drops.filter((d) => d.body.type === 'put').map((d) => d.to)).toEqual(expect.arrayContaining(['node1', 'node2']));
    expect(storedIds(cluster, 'node4', 'cart')).toEqual([1]); // the coordinator wrote locally
    expect(storedIds(cluster, 'node1', 'cart')).toEqual([]);

    cluster.apply({ type: 'heal' });
    cluster.runUntil(cluster.nowMs + 1000); // time for the nodes to notice
    const again = cluster.apply({ type: 'put', key: 'cart', value: 2, via: 'node4' });
    settle(cluster);
    expect(opEnd(cluster, again.opId).ok).toBe(true);
  });

  it('nodes on the same side still talk', () => {
    const cluster = lectureCluster();
    cluster.apply({
      type: 'partition',
      groups: [
        ['node4', 'node1'],
        ['node2', 'node3'],
      ],
    });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'node4' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, acks: ['node4', 'node1'] });
    const drops = ofKind(cluster.trace, 'drop');
    expect(drops.map((d) => d.to)).toContain('node2');
    for (const d of drops) expect(d.reason).toBe('partition');
    for (const d of drops) expect(['node2', 'node3']).toContain(d.to); // only across the cut
  });
});

describe('versions, siblings and contexts: the lecture 000 shopping cart', () => {
  /** Puts through `via` with `context` and runs to quiet; returns the op-end. */
  const put = (cluster: Cluster, via: string, value: Json, context?: VectorClock) => {
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value, via, ...(context ? { context } : {}) });
    settle(cluster);
    return opEnd(cluster, opId);
  };
  const get = (cluster: Cluster, via: string) => {
    const { opId } = cluster.apply({ type: 'get', key: 'cart', via });
    settle(cluster);
    return opEnd(cluster, opId);
  };
  const replicas = ['node4', 'node1', 'node2'];

  it('D1 → D2 supersedes; D3 is concurrent with D2; a get returns both with their merged context; D4 supersedes both', () => {
    const cluster = lectureCluster();
    const d1 = put(cluster, 'node1', ['basketball']); // 10:01
    expect(formatClock(d1.version!.clock)).toBe('([node1,1])');

    const read1 = get(cluster, 'node2');
    const d2 = put(cluster, 'node2', ['basketball', 'shoes'], read1.context); // 10:02
    expect(formatClock(d2.version!.clock)).toBe('([node1,1],[node2,1])');
    for (const node of replicas) expect(storedIds(cluster, node, 'cart')).toEqual([2]); // "Can node2 save only D2? Yes"

    const d3 = put(cluster, 'node4', ['basketball', 'ps5'], d1.version!.clock); // 10:04, from the app reopened on D1
    expect(formatClock(d3.version!.clock)).toBe('([node1,1],[node4,1])');
    for (const node of replicas) expect(storedIds(cluster, node, 'cart')).toEqual([2, 3]); // "only D3? No"

    const read2 = get(cluster, 'node1');
    expect(read2.versions!.map((v) => v.id)).toEqual([2, 3]);
    expect(formatClock(read2.context!)).toBe('([node1,1],[node2,1],[node4,1])');

    const d4 = put(cluster, 'node1', ['basketball', 'shoes', 'ps5'], read2.context);
    expect(d4.version!.id).toBe(4);
    expect(formatClock(d4.version!.clock)).toBe('([node1,2],[node2,1],[node4,1])');
    for (const node of replicas) expect(storedIds(cluster, node, 'cart')).toEqual([4]);
    const stored = ofKind(cluster.trace, 'version-stored').filter((e) => e.version.id === 4);
    expect(stored.map((e) => e.superseded)).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(checkInvariants(cluster)).toEqual([]);
    for (const e of cluster.trace) expect(describeEvent(e).length).toBeGreaterThan(0);
  });

  it('a put without context after an earlier one does not reuse its clock', () => {
    const cluster = lectureCluster();
    put(cluster, 'node1', 'a');
    const second = put(cluster, 'node1', 'b');
    expect(formatClock(second.version!.clock)).toBe('([node1,2])');
    expect(storedIds(cluster, 'node1', 'cart')).toEqual([2]);
  });

  it('a put with a stale context becomes a sibling of the newer version, never its clock twin', () => {
    const cluster = lectureCluster();
    const d1 = put(cluster, 'node1', 'old');
    put(cluster, 'node2', 'new', d1.version!.clock);
    const stale = put(cluster, 'node1', 'again', d1.version!.clock);
    expect(formatClock(stale.version!.clock)).toBe('([node1,2])'); // one past node1's own highest counter
    for (const node of replicas) expect(storedIds(cluster, node, 'cart')).toEqual([2, 3]);
    expect(checkInvariants(cluster)).toEqual([]);
  });

  it('a stale context through the coordinator that wrote the newer version: that write is replaced unread, and the trace says so', () => {
    // Two clients read D1; B writes D2 through node1; A then writes through node1 with D1's context.
    const cluster = lectureCluster();
    const d1 = put(cluster, 'node1', ['a']);
    put(cluster, 'node1', ['a', 'b'], d1.version!.clock);
    const { events } = cluster.apply({ type: 'put', key: 'cart', value: ['a', 'c'], via: 'node1', context: d1.version!.clock });
    const lost = only(events, 'unread-superseded');
    expect(lost).toMatchObject({ node: 'node1', key: 'cart', versionId: 3, lost: [2] });
    expect(describeEvent(lost)).toBe("Lost update: node1's D3 of cart replaces D2, which its client never read (node1 counts both writes on one counter, so D3's clock covers it)");
    cluster.settle();
    for (const node of replicas) expect(storedIds(cluster, node, 'cart')).toEqual([3]);
    // A blind write (no context) means to overwrite: nothing to say.
    expect(ofKind(cluster.apply({ type: 'put', key: 'cart', value: ['d'], via: 'node1' }).events, 'unread-superseded')).toEqual([]);
  });

  it('a replica that already holds a newer version ignores an older one arriving late', () => {
    const cluster = lectureCluster();
    const first = cluster.apply({ type: 'put', key: 'cart', value: 'old', via: 'node4' });
    const toNode2 = ofKind(first.events, 'send').find((e) => e.to === 'node2')!;
    cluster.apply({ type: 'delayMessage', msgId: toNode2.msgId, byMs: 500 });
    cluster.runUntilDone(first.opId!, 100_000);
    const d2 = put(cluster, 'node4', 'new', opEnd(cluster, first.opId).version!.clock);
    expect(d2.ok).toBe(true);
    expect(cluster.nowMs).toBeGreaterThanOrEqual(510);
    const ignored = only(cluster.trace, 'version-ignored');
    expect(ignored).toMatchObject({ node: 'node2', key: 'cart', coveredBy: 2, version: { id: 1 } });
    expect(storedIds(cluster, 'node2', 'cart')).toEqual([2]);
    expect(describeEvent(ignored)).toBe('node2 already has D2, which descends from D1: nothing to store');
    expect(describeEvent({ ...ignored, coveredBy: 1 })).toBe('node2 already has D1: nothing to store');
  });

  it("says a coordinator's repair of its own copy as a local store, not a message to itself", () => {
    const base = { seq: 0, atMs: 0, node: 'node3', causeSeq: null, kind: 'read-repair', opId: 1, key: 'row', versionIds: [2] } as const;
    expect(describeEvent({ ...base, target: 'node3' })).toBe("Read repair: node3's own copy of row lacked D2; it stores it");
    expect(describeEvent({ ...base, target: 'node1' })).toBe('Read repair: node3 sends D2 of row to node1, which lacked it');
  });
});

describe('clock truncation', () => {
  it('drops the oldest entry when more coordinators than the threshold have written, and says so', () => {
    const cluster = Cluster.create(
      {
        n: 3,
        r: 3,
        w: 3,
        ringSize: 1000,
        nodes: [
          { id: 'node1', tokens: [20] },
          { id: 'node2', tokens: [230] },
          { id: 'node3', tokens: [458] },
        ],
        keyPositions: { cart: 100 },
        latency: { kind: 'fixed', ms: 10 },
        clockTruncationThreshold: 2,
      },
      1,
    );
    let context: VectorClock | undefined;
    for (const via of ['node1', 'node2', 'node3']) {
      const { opId } = cluster.apply({ type: 'put', key: 'cart', value: via, via, ...(context ? { context } : {}) });
      settle(cluster);
      expect(opEnd(cluster, opId).ok).toBe(true);
      const read = cluster.apply({ type: 'get', key: 'cart', via });
      settle(cluster);
      context = opEnd(cluster, read.opId).context;
    }
    const truncated = only(cluster.trace, 'clock-truncated');
    expect(truncated).toMatchObject({ node: 'node3', key: 'cart', versionId: 3, removed: [{ node: 'node1', counter: 1, atMs: 0 }] });
    const d3 = ofKind(cluster.trace, 'op-end').filter((e) => e.op === 'put')[2]!.version!;
    expect(formatClock(d3.clock)).toBe('([node2,1],[node3,1])');
    // the truncated clock no longer shows that D3 descends from D2: replicas keep both (paper §4.4)
    expect(storedIds(cluster, 'node1', 'cart')).toEqual([2, 3]);
    expect(checkInvariants(cluster)).toEqual([]);
    expect(describeEvent(truncated)).toBe("node3 truncates D3's clock, dropping [node1,1]");
  });

  it("keeps the coordinator's own new entry when every entry was written in the same millisecond: the new version never takes an old one's clock", () => {
    // Threshold 1, R = W = 1: D1 by B, then A writes over it with D1's context, all at 0 ms.
    const cluster = Cluster.create(
      { n: 3, r: 1, w: 1, ringSize: 1000, keyPositions: { k: 50 }, clockTruncationThreshold: 1, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }] },
      1,
    );
    cluster.apply({ type: 'put', key: 'k', value: 'first', via: 'B' });
    const read = cluster.apply({ type: 'get', key: 'k', via: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'second', via: 'A', context: opEnd(cluster, read.opId).context! });
    settle(cluster);
    expect(formatClock(opEnd(cluster, opId).version!.clock)).toBe('([A,1])');
    // Truncation hid that D2 descends from D1 (paper §4.4): every replica keeps both.
    for (const id of ['A', 'B', 'C']) expect([...storedIds(cluster, id, 'k')].sort(), id).toEqual([1, 2]);
  });
});

describe('driving the simulation', () => {
  it('step() processes one event and returns exactly what it appended', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'put', key: 'cart', value: 1 });
    let total = cluster.trace.length;
    for (let i = 0; i < 10_000 && !cluster.isSettled; i++) {
      const events = cluster.step();
      expect(events.length).toBeGreaterThan(0);
      expect(events).toEqual(cluster.trace.slice(total));
      total = cluster.trace.length;
    }
    expect(cluster.isSettled).toBe(true);
  });

  it('trace events have increasing seq and never go back in time', () => {
    const cluster = lectureCluster({ latency: { kind: 'lognormal', medianMs: 10, sigma: 1 } }, 42);
    for (let i = 0; i < 10; i++) cluster.apply({ type: 'put', key: `k${i}`, value: i });
    settle(cluster);
    cluster.trace.forEach((e, i) => {
      expect(e.seq).toBe(i);
      if (i > 0) expect(e.atMs).toBeGreaterThanOrEqual(cluster.trace[i - 1]!.atMs);
      if (e.causeSeq !== null) expect(e.causeSeq).toBeLessThan(e.seq);
    });
  });

  it('runUntil(t) processes the events due by t and sets the clock to t', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'put', key: 'cart', value: 1 });
    cluster.runUntil(15);
    expect(cluster.nowMs).toBe(15);
    expect(ofKind(cluster.trace, 'deliver').map((e) => e.atMs)).toEqual([10, 10]);
    expect(ofKind(cluster.trace, 'op-end')).toHaveLength(0);
    cluster.runUntil(20);
    expect(ofKind(cluster.trace, 'op-end')).toHaveLength(1);
  });

  // Regression: when an answered operation's deadline was the next
  // queue entry, runUntil calls advance(), which skips that stale deadline and then processes
  // the *following* event even if it is due after `timeMs`.
  it('runUntil(t) never processes an event due after t, even behind a stale deadline', () => {
    const cluster = lectureCluster({ r: 1, w: 1 });
    cluster.apply({ type: 'put', key: 'cart', value: 1 }); // answered at once (W=1): its deadline at 300 goes stale
    cluster.runUntil(295);
    cluster.apply({ type: 'put', key: 'cart', value: 2 }); // its messages arrive at 305
    cluster.runUntil(301);
    expect(cluster.nowMs).toBe(301);
    expect(cluster.trace.filter((e) => e.atMs > 301)).toEqual([]);
  });

  it('the same seed and inputs give the same trace; another seed gives another', () => {
    const run = (seed: number) => {
      const cluster = lectureCluster({ latency: { kind: 'lognormal', medianMs: 10, sigma: 0.6, minMs: 1 }, lossRate: 0.1 }, seed);
      cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'node3' });
      cluster.apply({ type: 'get', key: 'cart' });
      settle(cluster);
      return JSON.stringify(cluster.trace);
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });
});
