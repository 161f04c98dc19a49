/**
 * The version history read back from the trace, told the way the lectures tell it: the
 * shopping cart's D1 … D4 and their arrows, which replica holds what at each moment,
 * the lectures' sentence for two versions, truncation, and the client's two ways to
 * reconcile siblings (the cart's union, and last-write-wins with the loss it causes).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster, compareClocks, contextClock, type ClusterConfig, type EventOf, type Json, type TraceEvent, type VectorClock, type Version } from '../index';
import { FOUR_NODE_RING, opEnd } from '../testing/fixtures';
import { ancestorEdges, explainRelation, keysWithVersions, lastWriteWins, mergeCarts, versionHistory, type HistoryVersion } from './version-history';

const CART_RING: ClusterConfig = {
  n: 4,
  r: 2,
  w: 1,
  ringSize: 1000,
  keyPositions: { cart: 100 },
  latency: { kind: 'fixed', ms: 10 },
  gossipIntervalMs: 0,
  antiEntropyIntervalMs: 0,
  nodes: [
    { id: 'node1', tokens: [200] },
    { id: 'node2', tokens: [400] },
    { id: 'node3', tokens: [600] },
    { id: 'node4', tokens: [800] },
  ],
};

function put(cluster: Cluster, via: string, value: Json, context: VectorClock = []): EventOf<'op-end'> {
  const { opId } = cluster.apply({ type: 'put', key: 'cart', value, via, context });
  cluster.runUntilDone(opId!);
  return opEnd(cluster, opId);
}

function get(cluster: Cluster, via: string): readonly Version[] {
  const { opId } = cluster.apply({ type: 'get', key: 'cart', via });
  cluster.runUntilDone(opId!);
  return opEnd(cluster, opId).versions ?? [];
}

const lastSeq = (trace: readonly TraceEvent[]): number => trace[trace.length - 1]!.seq;

/** Lecture 000, 10:00 to 10:07, with the position in the trace after each moment. */
function shoppingCart() {
  const cluster = Cluster.create(CART_RING, 2007);
  const at: Record<string, number> = {};
  put(cluster, 'node1', ['basketball']);
  cluster.settle();
  at['10:01'] = lastSeq(cluster.trace);
  cluster.apply({ type: 'partition', groups: [['node1', 'node4'], ['node2', 'node3']] });
  put(cluster, 'node2', ['basketball', 'shoes'], contextClock(get(cluster, 'node2')));
  at['10:02'] = lastSeq(cluster.trace);
  cluster.settle();
  put(cluster, 'node4', ['basketball', 'ps5'], contextClock(get(cluster, 'node4')));
  cluster.settle();
  at['10:04'] = lastSeq(cluster.trace);
  cluster.apply({ type: 'heal' });
  const both = get(cluster, 'node1');
  at['10:06'] = lastSeq(cluster.trace);
  put(cluster, 'node1', ['shoes', 'ps5'], contextClock(both));
  at['10:07'] = lastSeq(cluster.trace);
  cluster.settle();
  return { cluster, at, both };
}

const stored = (h: ReturnType<typeof versionHistory>): Record<string, string[]> => Object.fromEntries(h.holdings.map((x) => [x.node, x.stored.map((id) => `D${id}`)]));

describe('the shopping cart of lecture 000, read back from the trace', () => {
  const { cluster, at, both } = shoppingCart();
  const history = versionHistory(cluster.trace, 'cart');
  const byName = (name: string): HistoryVersion => history.versions.find((v) => v.name === name)!;

  it('lists D1 … D4 in order of creation, with the clocks and coordinators of the slides', () => {
    expect(history.versions.map((v) => [v.name, v.coordinator, v.value])).toEqual([
      ['D1', 'node1', ['basketball']],
      ['D2', 'node2', ['basketball', 'shoes']],
      ['D3', 'node4', ['basketball', 'ps5']],
      ['D4', 'node1', ['shoes', 'ps5']],
    ]);
    expect(history.versions.map((v) => v.clock.map((e) => `[${e.node},${e.counter}]`).join(','))).toEqual(['[node1,1]', '[node1,1],[node2,1]', '[node1,1],[node4,1]', '[node1,2],[node2,1],[node4,1]']);
    expect(history.versions.map((v) => v.createdAtMs)).toEqual([...history.versions.map((v) => v.createdAtMs)].sort((a, b) => a - b));
  });

  it('draws D1 → D2, D1 → D3, D2 → D4, D3 → D4: no arrow from D1 to D4, which the others imply', () => {
    expect(history.edges).toEqual([
      { from: 1, to: 2 },
      { from: 1, to: 3 },
      { from: 2, to: 4 },
      { from: 3, to: 4 },
    ]);
  });

  it('holds what the slides show at each moment', () => {
    expect(stored(versionHistory(cluster.trace, 'cart', { atSeq: at['10:01'] }))).toEqual({ node1: ['D1'], node2: ['D1'], node3: ['D1'], node4: ['D1'] });
    expect(stored(versionHistory(cluster.trace, 'cart', { atSeq: at['10:02'] }))).toMatchObject({ node2: ['D2'], node4: ['D1'] });
    const at1004 = versionHistory(cluster.trace, 'cart', { atSeq: at['10:04'] });
    expect(stored(at1004)).toEqual({ node1: ['D3'], node2: ['D2'], node3: ['D2'], node4: ['D3'] });
    expect(at1004.siblings).toEqual([2, 3]);
    expect(stored(versionHistory(cluster.trace, 'cart', { atSeq: at['10:06'] })).node1).toEqual(['D2', 'D3']);
    expect(stored(versionHistory(cluster.trace, 'cart', { atSeq: at['10:07'] })).node1).toEqual(['D4']);
  });

  it('after the sync every node holds only D4, and nothing is a sibling any more', () => {
    expect(stored(history)).toEqual({ node1: ['D4'], node2: ['D4'], node3: ['D4'], node4: ['D4'] });
    expect(history.live).toEqual([4]);
    expect(history.siblings).toEqual([]);
    for (const node of cluster.nodes.values()) expect((node.store.get('cart') ?? []).map((v) => v.id)).toEqual([4]);
  });

  it('explains D1 and D2, and D2 and D3, in the lectures\' words', () => {
    expect(explainRelation(byName('D1'), byName('D2')).text).toBe('every counter of D1 ≤ the matching counter of D2, so D1 is an ancestor of D2 and can be forgotten');
    expect(explainRelation(byName('D4'), byName('D3'))).toMatchObject({ order: 'descends', text: 'every counter of D3 ≤ the matching counter of D4, so D3 is an ancestor of D4 and can be forgotten' });
    const concurrent = explainRelation(byName('D2'), byName('D3'));
    expect(concurrent.text).toBe('D2 has [node2,1] where D3 has [node2,0], and D3 has [node4,1] where D2 has [node4,0]: they are concurrent, so the client must reconcile');
    expect(concurrent.aheadInA).toMatchObject({ node: 'node2', counter: 1 });
    expect(explainRelation(byName('D2'), byName('D2')).order).toBe('equal');
  });

  it('merging the 10:06 read by union keeps every item; deleting the basketball is the client\'s own step', () => {
    expect(mergeCarts(both.map((v) => v.value))).toEqual(['basketball', 'shoes', 'ps5']);
  });

  it('last-write-wins on the 10:06 read keeps D3 and silently loses D2, and with it the shoes', () => {
    const lww = lastWriteWins(both);
    expect(lww.winner.id).toBe(3);
    expect(lww.lost.map((v) => v.id)).toEqual([2]);
  });

  it('finds the key in the trace', () => {
    expect(keysWithVersions(cluster.trace)).toEqual(['cart']);
  });
});

describe('hinted copies and destroyed disks', () => {
  const config: ClusterConfig = FOUR_NODE_RING;

  it('shows D holding a hint for B while B is down, and nothing once B has it', () => {
    const cluster = Cluster.create(config, 2);
    cluster.apply({ type: 'fail', node: 'B' });
    put(cluster, 'A', ['book']);
    cluster.runUntil(200);
    const during = versionHistory(cluster.trace, 'cart');
    expect(during.holdings.find((h) => h.node === 'D')).toEqual({ node: 'D', stored: [], hinted: [{ intendedFor: 'B', versionIds: [1] }] });
    expect(during.live).toEqual([1]);
    cluster.apply({ type: 'recover', node: 'B' });
    cluster.runUntil(1200);
    const after = versionHistory(cluster.trace, 'cart');
    expect(after.holdings.map((h) => h.node)).toEqual(['A', 'B', 'C']);
    expect(after.holdings.every((h) => h.hinted.length === 0)).toBe(true);
  });

  it('forgets what a destroyed node held', () => {
    const cluster = Cluster.create(config, 2);
    put(cluster, 'A', ['book']);
    cluster.settle();
    cluster.apply({ type: 'destroy', node: 'C' });
    expect(versionHistory(cluster.trace, 'cart').holdings.map((h) => h.node)).toEqual(['A', 'B']);
  });
});

describe('clock truncation', () => {
  it('marks the version that lost an entry, and the explanation says a descendant may look concurrent', () => {
    const cluster = Cluster.create({ ...CART_RING, clockTruncationThreshold: 2 }, 1);
    put(cluster, 'node1', ['a']);
    cluster.settle();
    put(cluster, 'node2', ['a', 'b'], contextClock(get(cluster, 'node2')));
    cluster.settle();
    cluster.runUntil(cluster.nowMs + 5);
    put(cluster, 'node3', ['a', 'b', 'c'], contextClock(get(cluster, 'node3')));
    const history = versionHistory(cluster.trace, 'cart');
    expect(history.truncations).toEqual([expect.objectContaining({ versionId: 3, node: 'node3', removed: [expect.objectContaining({ node: 'node1', counter: 1 })] })]);
    const [d1, , d3] = history.versions;
    expect(d3!.truncated.map((e) => e.node)).toEqual(['node1']);
    expect(d3!.clock.map((e) => e.node)).toEqual(['node2', 'node3']);
    const text = explainRelation(d1!, d3!).text;
    expect(text).toMatch(/^D1 has \[node1,1\] where D3 has \[node1,0\], and D3 has \[node2,1\] where D1 has \[node2,0\]: they are concurrent/);
    expect(text).toContain("truncation removed [node1,1] from D3's clock");
  });
});

describe('reconciling siblings in the client', () => {
  it('mergeCarts: a union in order of first appearance; a deleted item comes back', () => {
    // One branch deleted the basketball, the other still has it: the union brings it back.
    expect(mergeCarts([['shoes', 'ps5'], ['basketball', 'shoes']])).toEqual(['shoes', 'ps5', 'basketball']);
    expect(mergeCarts([null, ['a'], 'b', [{ sku: 1 }], [{ sku: 1 }, 'a']])).toEqual(['a', 'b', { sku: 1 }]);
    expect(mergeCarts([])).toEqual([]);
  });

  const v = (id: number, ...entries: [string, number, number][]): Version => ({ id, value: id, clock: entries.map(([node, counter, atMs]) => ({ node, counter, atMs })) });

  it('lastWriteWins: the newest timestamp wins; ties go to the larger node id; ancestors are discarded but not lost', () => {
    const old = v(1, ['a', 1, 5]);
    const left = v(2, ['a', 1, 5], ['b', 1, 30]);
    const right = v(3, ['a', 1, 5], ['c', 1, 20]);
    expect(lastWriteWins([old, left, right])).toEqual({ winner: left, discarded: [old, right], lost: [right] });
    const tieB = v(4, ['b', 1, 40]);
    const tieC = v(5, ['c', 1, 40]);
    expect(lastWriteWins([tieC, tieB]).winner).toBe(tieC);
    expect(lastWriteWins([tieB]).discarded).toEqual([]);
    expect(() => lastWriteWins([])).toThrow();
  });
});

const NODES = ['n1', 'n2', 'n3', 'n4'];
const clockArb = fc
  .uniqueArray(fc.record({ node: fc.constantFrom(...NODES), counter: fc.integer({ min: 1, max: 3 }), atMs: fc.constant(0) }), { selector: (e) => e.node, maxLength: NODES.length })
  .map((entries): VectorClock => [...entries].sort((a, b) => (a.node < b.node ? -1 : 1)));

/** Which ids each id reaches by following edges. */
function closure(ids: readonly number[], edges: readonly { from: number; to: number }[]): Map<number, Set<number>> {
  const reach = new Map(ids.map((id) => [id, new Set<number>()]));
  const visit = (from: number, at: number): void => {
    for (const e of edges) {
      if (e.from !== at || reach.get(from)!.has(e.to)) continue;
      reach.get(from)!.add(e.to);
      visit(from, e.to);
    }
  };
  for (const id of ids) visit(id, id);
  return reach;
}

describe('the ancestor edges are the clocks\' order, reduced', () => {
  it('following edges reaches exactly the pairs compareClocks orders, and every edge is needed', () => {
    fc.assert(
      fc.property(fc.array(clockArb, { maxLength: 9 }), (clocks) => {
        const versions = clocks.map((clock, i) => ({ id: i + 1, clock }));
        const ids = versions.map((x) => x.id);
        const edges = ancestorEdges(versions);
        const reach = closure(ids, edges);
        for (const a of versions) for (const b of versions) expect(reach.get(a.id)!.has(b.id)).toBe(compareClocks(a.clock, b.clock) === 'descended-by');
        for (const edge of edges) expect(closure(ids, edges.filter((e) => e !== edge)).get(edge.from)!.has(edge.to)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('holdings replayed from the trace match the nodes\' stores', () => {
  const ids = CART_RING.nodes.map((n) => n.id);
  const action = fc.oneof(
    fc.record({ type: fc.constant('put' as const), via: fc.constantFrom(...ids), withContext: fc.boolean() }),
    fc.record({ type: fc.constantFrom('fail' as const, 'recover' as const), node: fc.constantFrom(...ids) }),
    fc.record({ type: fc.constant('split' as const), cut: fc.constantFrom(...ids) }),
    fc.constant({ type: 'heal' as const }),
    fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 600 }) }),
  );

  it('for random puts, failures and partitions, the history\'s holdings are each node\'s siblings and hints', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const cluster = Cluster.create({ ...CART_RING, n: 3, r: 2, w: 2 }, seed);
        actions.forEach((a, i) => {
          if (a.type === 'put') {
            if (!cluster.nodes.get(a.via)!.isUp) return;
            const { opId } = cluster.apply({ type: 'put', key: 'cart', value: [i], via: a.via, context: a.withContext ? contextClock([...cluster.nodes.get(a.via)!.store.get('cart') ?? []]) : [] });
            cluster.runUntilDone(opId!);
          } else if (a.type === 'split') cluster.apply({ type: 'partition', groups: [[a.cut], ids.filter((n) => n !== a.cut)] });
          else if (a.type === 'heal') cluster.apply({ type: 'heal' });
          else if (a.type === 'wait') cluster.runUntil(cluster.nowMs + a.ms);
          else cluster.apply({ type: a.type, node: a.node });
        });
        const history = versionHistory(cluster.trace, 'cart');
        for (const node of cluster.nodes.values()) {
          const held = history.holdings.find((h) => h.node === node.id);
          expect(held?.stored ?? []).toEqual((node.store.get('cart') ?? []).map((x) => x.id).sort((a, b) => a - b));
          const hints = [...node.hints.values()].filter((h) => h.key === 'cart').map((h) => ({ intendedFor: h.intendedFor, versionIds: h.versions.map((x) => x.id).sort((a, b) => a - b) }));
          expect(held?.hinted ?? []).toEqual(hints.sort((a, b) => (a.intendedFor < b.intendedFor ? -1 : 1)));
        }
        for (const x of history.versions) expect(x.coordinator).not.toBeNull();
      }),
      { numRuns: 40 },
    );
  });
});
