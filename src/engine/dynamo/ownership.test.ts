import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ring, type Strategy } from './ring';
import { md5Space, teachingSpace } from './hash';
import { elementaryRanges, nodeLoads, rangeLength, transfersBetween, type Range, type Transfer } from './ownership';
import { topNodes } from './preference-list';
import { Rng } from '../sim/rng';
import { lecture000Ring } from '../testing/fixtures';

/** (start, end], wrapping past the top when start ≥ end. */
const inRange = (pos: number, [start, end]: Range) => (start < end ? pos > start && pos <= end : pos > start || pos <= end);

describe('lecture 000: node5 joins at 644', () => {
  it('with one replica, only the keys between 458 and 644 move, from node4 to node5', () => {
    const before = lecture000Ring();
    const after = before.clone();
    after.addNode({ id: 'node5', capacity: 1, dc: undefined }, [644], Rng.fromSeed(0));
    expect(transfersBetween(before, after, 1)).toEqual([{ from: 'node4', to: 'node5', range: [458, 644] }]);
  });

  it('with three replicas, node5 takes (230, 644] from the nodes that stop holding it', () => {
    const before = lecture000Ring();
    const after = before.clone();
    after.addNode({ id: 'node5', capacity: 1, dc: undefined }, [644], Rng.fromSeed(0));
    // (20,230]: node2,node3,node4 → node2,node3,node5; (230,458]: node3,node4,node1 → node3,node5,node4; (458,644]: node4,node1,node2 → node5,node4,node1
    expect(transfersBetween(before, after, 3)).toEqual([
      { from: 'node4', to: 'node5', range: [20, 230] },
      { from: 'node1', to: 'node5', range: [230, 458] },
      { from: 'node2', to: 'node5', range: [458, 644] },
    ]);
  });

  it('when node3 leaves, node4 takes (230, 458] from it', () => {
    const before = lecture000Ring();
    const after = before.clone();
    after.removeNode('node3', Rng.fromSeed(0));
    expect(transfersBetween(before, after, 1)).toEqual([{ from: 'node3', to: 'node4', range: [230, 458] }]);
  });

  it('nothing moves when nothing changes', () => {
    expect(transfersBetween(lecture000Ring(), lecture000Ring(), 3)).toEqual([]);
  });
});

describe('nodeLoads and ranges', () => {
  it('gives each lecture node the range between its predecessor and itself', () => {
    const loads = nodeLoads(lecture000Ring(), 1);
    expect(loads.map((l) => [l.node, l.primaryShare, l.primaryRanges])).toEqual([
      ['node1', 0.17, [[850, 20]]],
      ['node2', 0.21, [[20, 230]]],
      ['node3', 0.228, [[230, 458]]],
      ['node4', 0.392, [[458, 850]]],
    ]);
    for (const l of loads) expect(l.replicaShare).toBe(l.primaryShare);
  });

  it('with N=3 every node replicates 3 of the 4 ranges', () => {
    const loads = nodeLoads(lecture000Ring(), 3);
    expect(loads.find((l) => l.node === 'node1')!.replicaShare).toBeCloseTo(1 - 0.21, 10); // all but (20,230]
    expect(loads.reduce((s, l) => s + l.replicaShare, 0)).toBeCloseTo(3, 10);
  });

  it('rangeLength wraps, and a range from a point to itself is the whole ring', () => {
    expect(rangeLength([458, 644], 1000)).toBe(186);
    expect(rangeLength([850, 20], 1000)).toBe(170);
    expect(rangeLength([20, 20], 1000)).toBe(1000);
  });

  it('elementary ranges cut at every token of both rings, in ring order', () => {
    const a = lecture000Ring();
    const b = a.clone();
    b.addNode({ id: 'node5', capacity: 1, dc: undefined }, [644], Rng.fromSeed(0));
    expect(elementaryRanges(a, b)).toEqual([
      [850, 20],
      [20, 230],
      [230, 458],
      [458, 644],
      [644, 850],
    ]);
    expect(elementaryRanges(Ring.create(teachingSpace(10), 1, 0, 1))).toEqual([]);
  });
});

// ---- properties over random membership changes ------------------------------------------

interface Spec {
  readonly strategy: Strategy;
  readonly isMd5: boolean;
  readonly nodeCount: number;
  readonly tokensPerNode: number;
  readonly n: number;
  readonly seed: number;
  readonly change: 'add' | 'remove';
  readonly which: number;
  readonly capacity: number;
}

const specArb = (strategies: Strategy[], change?: 'add' | 'remove'): fc.Arbitrary<Spec> =>
  fc.record({
    strategy: fc.constantFrom(...strategies),
    isMd5: fc.boolean(),
    nodeCount: fc.integer({ min: change === 'remove' ? 2 : 1, max: 6 }),
    tokensPerNode: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer(),
    change: change ? fc.constant(change) : fc.constantFrom('add' as const, 'remove' as const),
    which: fc.nat(),
    capacity: fc.integer({ min: 1, max: 2 }),
  });

/** Builds a ring, applies the change, and returns both rings, the node that joined or left, and the transfers. */
function scenario(spec: Spec) {
  const before = Ring.create(spec.isMd5 ? md5Space() : teachingSpace(1000), spec.strategy, 48, spec.tokensPerNode);
  const rng = Rng.fromSeed(spec.seed);
  for (let i = 0; i < spec.nodeCount; i++) before.addNode({ id: `n${i}`, capacity: 1, dc: undefined }, undefined, rng);
  const after = before.clone();
  const isAdd = spec.change === 'add' || spec.nodeCount < 2;
  const changed = isAdd ? 'new' : `n${spec.which % spec.nodeCount}`;
  if (isAdd) after.addNode({ id: changed, capacity: spec.capacity, dc: undefined }, undefined, rng);
  else after.removeNode(changed, rng);
  return { before, after, changed, isAdd, transfers: transfersBetween(before, after, spec.n) };
}

/** The transfers describe exactly the holder changes of every elementary range. */
function expectTransfersMatchHolderChanges(before: Ring, after: Ring, n: number, transfers: readonly Transfer[]): void {
  for (const range of elementaryRanges(before, after)) {
    const was = topNodes(before, range[1], n);
    const now = topNodes(after, range[1], n);
    const gained = now.filter((id) => !was.includes(id));
    const lost = was.filter((id) => !now.includes(id));
    const covering = transfers.filter((t) => inRange(range[1], t.range));
    expect(covering.map((t) => t.to).sort()).toEqual([...gained].sort());
    for (const t of covering) {
      expect(was).toContain(t.from); // data comes from a node that held it
      if (lost.length >= gained.length) expect(lost).toContain(t.from); // … and that lets go of it
    }
  }
  // merged transfer ranges are unions of elementary ranges: no transfer covers a range that did not change
  for (const t of transfers) expect(t.from).not.toBe(t.to);
}

describe('transfersBetween (properties)', () => {
  it('describes exactly the ranges whose holders change, for every strategy', () => {
    fc.assert(
      fc.property(specArb([1, 2, 3]), (spec) => {
        const { before, after, transfers } = scenario(spec);
        expectTransfersMatchHolderChanges(before, after, spec.n, transfers);
      }),
      { numRuns: 80 },
    );
  });

  it('adding a node moves data only to the new node (strategies 1 and 2)', () => {
    fc.assert(
      fc.property(specArb([1, 2], 'add'), (spec) => {
        const { transfers, changed } = scenario(spec);
        for (const t of transfers) expect(t.to).toBe(changed);
      }),
      { numRuns: 150 },
    );
  });

  it('removing a node moves only its data (strategies 1 and 2)', () => {
    fc.assert(
      fc.property(specArb([1, 2], 'remove'), (spec) => {
        const { transfers, changed } = scenario(spec);
        for (const t of transfers) expect(t.from).toBe(changed);
      }),
      { numRuns: 150 },
    );
  });

  it('with one replica, strategy 3 also moves data only to a joining node and only from a leaving one', () => {
    fc.assert(
      fc.property(specArb([3]), (spec) => {
        const { transfers, changed, isAdd } = scenario({ ...spec, n: 1 });
        for (const t of transfers) expect(isAdd ? t.to : t.from).toBe(changed);
      }),
      { numRuns: 100 },
    );
  });

  it('with N replicas, a joining node receives exactly the ranges it now replicates', () => {
    fc.assert(
      fc.property(specArb([1, 2, 3], 'add'), (spec) => {
        const { before, after, transfers, changed } = scenario(spec);
        for (const range of elementaryRanges(before, after)) {
          const receives = transfers.some((t) => t.to === changed && inRange(range[1], t.range));
          expect(receives).toBe(topNodes(after, range[1], spec.n).includes(changed));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('nodeLoads (properties)', () => {
  it('primary shares sum to 1 and replica shares to min(N, nodes)', () => {
    fc.assert(
      fc.property(specArb([1, 2, 3]), (spec) => {
        const { after } = scenario(spec);
        const loads = nodeLoads(after, spec.n);
        const holders = new Set(after.tokens.map((t) => t.node)).size;
        expect(loads.reduce((s, l) => s + l.primaryShare, 0)).toBeCloseTo(1, 9);
        expect(loads.reduce((s, l) => s + l.replicaShare, 0)).toBeCloseTo(Math.min(spec.n, holders), 9);
        for (const l of loads) {
          const covered = l.primaryRanges.reduce((s, r) => s + rangeLength(r, after.space.size), 0);
          expect(covered / after.space.size).toBeCloseTo(l.primaryShare, 9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('elementary ranges tile the ring', () => {
    fc.assert(
      fc.property(specArb([1, 2, 3]), (spec) => {
        const { before, after } = scenario(spec);
        const ranges = elementaryRanges(before, after);
        expect(ranges.reduce((s, r) => s + rangeLength(r, before.space.size), 0)).toBe(before.space.size);
        ranges.forEach((r, i) => i > 0 && expect(r[0]).toBe(ranges[i - 1]![1]));
      }),
      { numRuns: 100 },
    );
  });
});
