import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clockToObject,
  compareClocks,
  counterOf,
  descendsOrEqual,
  EMPTY_CLOCK,
  formatClock,
  incrementClock,
  mergeClocks,
  truncateClock,
  withCounter,
  type ClockEntry,
  type ClockOrder,
  type VectorClock,
} from './vector-clock';

const NODES = ['node1', 'node2', 'node3', 'node4'];

/** Well-formed clocks: sorted by node, one entry per node, counters ≥ 1. Small ranges so that comparable pairs are common. */
const clockArb = (maxCounter = 3): fc.Arbitrary<VectorClock> =>
  fc
    .uniqueArray(fc.record({ node: fc.constantFrom(...NODES), counter: fc.integer({ min: 1, max: maxCounter }), atMs: fc.integer({ min: 0, max: 50 }) }), {
      selector: (e) => e.node,
      maxLength: NODES.length,
    })
    .map((entries) => [...entries].sort((a, b) => (a.node < b.node ? -1 : 1)));

const allNodes = (...clocks: VectorClock[]) => [...new Set(clocks.flatMap((c) => c.map((e) => e.node)))];

/** The definition in the lectures: compare counter by counter. */
function modelCompare(a: VectorClock, b: VectorClock): ClockOrder {
  let aAhead = false;
  let bAhead = false;
  for (const n of allNodes(a, b)) {
    if (counterOf(a, n) > counterOf(b, n)) aAhead = true;
    if (counterOf(b, n) > counterOf(a, n)) bAhead = true;
  }
  return aAhead && bAhead ? 'concurrent' : aAhead ? 'descends' : bAhead ? 'descended-by' : 'equal';
}

const mirror: Record<ClockOrder, ClockOrder> = { equal: 'equal', descends: 'descended-by', 'descended-by': 'descends', concurrent: 'concurrent' };
const leq = (a: VectorClock, b: VectorClock) => descendsOrEqual(b, a);
const isSortedByNode = (c: VectorClock) => c.every((e, i) => i === 0 || c[i - 1]!.node < e.node);
const c = (...pairs: [string, number][]): VectorClock => pairs.map(([node, counter]) => ({ node, counter, atMs: 0 }));

describe('compareClocks is the pointwise partial order', () => {
  it('agrees with the counter-by-counter definition', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), (a, b) => {
        expect(compareClocks(a, b)).toBe(modelCompare(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('is reflexive: a clock equals itself', () => {
    fc.assert(
      fc.property(clockArb(), (a) => {
        expect(compareClocks(a, a)).toBe('equal');
        expect(
          compareClocks(
            a,
            a.map((e) => ({ ...e, atMs: e.atMs + 7 })),
          ),
        ).toBe('equal'); // timestamps never decide
      }),
    );
  });

  it('compare(a, b) mirrors compare(b, a)', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), (a, b) => {
        expect(compareClocks(b, a)).toBe(mirror[compareClocks(a, b)]);
      }),
      { numRuns: 300 },
    );
  });

  it('is antisymmetric: a ≤ b and b ≤ a only for equal counters', () => {
    fc.assert(
      fc.property(clockArb(2), clockArb(2), (a, b) => {
        if (leq(a, b) && leq(b, a)) {
          expect(compareClocks(a, b)).toBe('equal');
          expect(clockToObject(a)).toEqual(clockToObject(b));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is transitive on random triples', () => {
    fc.assert(
      fc.property(clockArb(2), clockArb(2), clockArb(2), (a, b, x) => {
        if (leq(a, b) && leq(b, x)) expect(leq(a, x)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is transitive on chains built by merging', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), clockArb(), (a, d1, d2) => {
        const b = mergeClocks(a, d1);
        const x = mergeClocks(b, d2);
        expect(leq(a, b) && leq(b, x) && leq(a, x)).toBe(true);
      }),
    );
  });

  it('reads the empty clock as the bottom', () => {
    expect(compareClocks(EMPTY_CLOCK, EMPTY_CLOCK)).toBe('equal');
    expect(compareClocks(c(['node1', 1]), EMPTY_CLOCK)).toBe('descends');
    expect(compareClocks(EMPTY_CLOCK, c(['node1', 1]))).toBe('descended-by');
  });
});

describe('mergeClocks is the least upper bound', () => {
  it("takes each node's highest counter and stays well-formed", () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), (a, b) => {
        const m = mergeClocks(a, b);
        expect(isSortedByNode(m)).toBe(true);
        expect(m.map((e) => e.node)).toEqual(allNodes(a, b).sort());
        for (const n of allNodes(a, b)) expect(counterOf(m, n)).toBe(Math.max(counterOf(a, n), counterOf(b, n)));
      }),
      { numRuns: 200 },
    );
  });

  it('descends from (or equals) both inputs', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), (a, b) => {
        const m = mergeClocks(a, b);
        expect(descendsOrEqual(m, a)).toBe(true);
        expect(descendsOrEqual(m, b)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is below any clock that dominates both inputs', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), clockArb(), (a, b, extra) => {
        const upper = mergeClocks(mergeClocks(b, extra), a); // dominates a and b by construction
        expect(descendsOrEqual(upper, mergeClocks(a, b))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is below any random clock that dominates both inputs', () => {
    fc.assert(
      fc.property(clockArb(2), clockArb(2), clockArb(2), (a, b, x) => {
        if (leq(a, x) && leq(b, x)) expect(leq(mergeClocks(a, b), x)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is commutative', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), (a, b) => {
        expect(mergeClocks(a, b)).toEqual(mergeClocks(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(clockArb(), clockArb(), clockArb(), (a, b, x) => {
        expect(mergeClocks(mergeClocks(a, b), x)).toEqual(mergeClocks(a, mergeClocks(b, x)));
      }),
    );
  });

  it('is idempotent, with the empty clock as identity', () => {
    fc.assert(
      fc.property(clockArb(), (a) => {
        expect(mergeClocks(a, a)).toEqual(a);
        expect(mergeClocks(a, EMPTY_CLOCK)).toEqual(a);
        expect(mergeClocks(EMPTY_CLOCK, a)).toEqual(a);
      }),
    );
  });

  it('keeps the later timestamp when two entries have the same counter', () => {
    const early: VectorClock = [{ node: 'node1', counter: 2, atMs: 5 }];
    const late: VectorClock = [{ node: 'node1', counter: 2, atMs: 9 }];
    expect(mergeClocks(early, late)).toEqual(late);
    expect(mergeClocks(late, early)).toEqual(late);
  });
});

describe('incrementClock', () => {
  it('descends from the clock it advances', () => {
    fc.assert(
      fc.property(clockArb(), fc.constantFrom(...NODES, 'node0', 'node9'), fc.nat({ max: 1000 }), (a, node, atMs) => {
        const next = incrementClock(a, node, atMs);
        expect(compareClocks(next, a)).toBe('descends');
        expect(counterOf(next, node)).toBe(counterOf(a, node) + 1);
        expect(next.find((e) => e.node === node)?.atMs).toBe(atMs);
        expect(isSortedByNode(next)).toBe(true);
        for (const n of allNodes(a)) if (n !== node) expect(counterOf(next, n)).toBe(counterOf(a, n));
      }),
    );
  });

  it('does not mutate its input', () => {
    const a = c(['node1', 1]);
    incrementClock(a, 'node1', 3);
    withCounter(a, 'node2', 5, 3);
    expect(a).toEqual(c(['node1', 1]));
  });
});

describe('truncateClock', () => {
  const tsClockArb = fc
    .uniqueArray(
      fc.record({ node: fc.constantFrom(...NODES, 'node5', 'node6'), counter: fc.integer({ min: 1, max: 5 }), atMs: fc.integer({ min: 0, max: 10 }) }),
      {
        selector: (e) => e.node,
        maxLength: 6,
      },
    )
    .map((entries) => [...entries].sort((a, b) => (a.node < b.node ? -1 : 1)));

  it('keeps at most threshold entries and drops the oldest', () => {
    fc.assert(
      fc.property(tsClockArb, fc.integer({ min: 0, max: 7 }), (clock, threshold) => {
        const { clock: kept, removed } = truncateClock(clock, threshold);
        expect(kept.length).toBe(Math.min(clock.length, threshold));
        expect(removed.length).toBe(clock.length - kept.length);
        expect([...kept, ...removed].sort((a, b) => (a.node < b.node ? -1 : 1))).toEqual(clock);
        expect(isSortedByNode(kept)).toBe(true);
        // every dropped entry is at least as old as every kept one (ties broken by node id)
        const older = (x: ClockEntry, y: ClockEntry) => x.atMs < y.atMs || (x.atMs === y.atMs && x.node < y.node);
        for (const r of removed) for (const k of kept) expect(older(r, k)).toBe(true);
        if (clock.length <= threshold) expect(kept).toBe(clock);
      }),
      { numRuns: 200 },
    );
  });

  it('drops the oldest pair of a clock past the threshold (paper §4.4)', () => {
    const clock: VectorClock = [
      { node: 'node1', counter: 3, atMs: 40 },
      { node: 'node2', counter: 1, atMs: 10 },
      { node: 'node3', counter: 2, atMs: 30 },
    ];
    const { clock: kept, removed } = truncateClock(clock, 2);
    expect(removed).toEqual([{ node: 'node2', counter: 1, atMs: 10 }]);
    expect(formatClock(kept)).toBe('([node1,3],[node3,2])');
  });

  it("never drops the writer's own entry, the newest, even when timestamps tie: the new version keeps a clock of its own", () => {
    fc.assert(
      fc.property(tsClockArb, fc.integer({ min: 1, max: 6 }), fc.constantFrom(...NODES), (clock, threshold, writer) => {
        const written = incrementClock(clock, writer, 10); // the writer's entry ties with any other at 10 ms
        const { clock: kept } = truncateClock(written, threshold, writer);
        expect(counterOf(kept, writer)).toBe(counterOf(written, writer));
        expect(kept.length).toBe(Math.min(written.length, threshold));
      }),
      { numRuns: 200 },
    );
    // node1 writes over node2's D1 in the same millisecond: by age and node id alone, node1's
    // new entry would go, and D2 would carry D1's clock ([node2,1]).
    const d2 = incrementClock(c(['node2', 1]), 'node1', 0);
    expect(formatClock(truncateClock(d2, 1).clock)).toBe('([node2,1])');
    expect(formatClock(truncateClock(d2, 1, 'node1').clock)).toBe('([node1,1])');
  });

  it('can make a descendant look concurrent with its ancestor', () => {
    const ancestor: VectorClock = [
      { node: 'node1', counter: 1, atMs: 0 },
      { node: 'node2', counter: 1, atMs: 10 },
    ];
    const descendant = truncateClock(incrementClock(ancestor, 'node3', 20), 2).clock;
    expect(compareClocks(descendant, ancestor)).toBe('concurrent');
  });
});

describe('formatClock and friends', () => {
  it("writes the lectures' notation", () => {
    expect(formatClock(c(['node1', 2], ['node2', 1], ['node4', 1]))).toBe('([node1,2],[node2,1],[node4,1])');
    expect(formatClock(c(['node1', 1]))).toBe('([node1,1])');
    expect(formatClock(EMPTY_CLOCK)).toBe('()');
  });

  it('builds D4 of lecture 000 by merging D2 and D3 and advancing node1', () => {
    const d1 = incrementClock(EMPTY_CLOCK, 'node1', 0);
    const d2 = incrementClock(d1, 'node2', 1);
    const d3 = incrementClock(d1, 'node4', 4);
    const d4 = incrementClock(mergeClocks(d2, d3), 'node1', 5);
    expect([d1, d2, d3, d4].map(formatClock)).toEqual(['([node1,1])', '([node1,1],[node2,1])', '([node1,1],[node4,1])', '([node1,2],[node2,1],[node4,1])']);
  });

  it('clockToObject and counterOf read counters by node', () => {
    const clock = c(['node1', 2], ['node4', 1]);
    expect(clockToObject(clock)).toEqual({ node1: 2, node4: 1 });
    expect(counterOf(clock, 'node4')).toBe(1);
    expect(counterOf(clock, 'node2')).toBe(0);
  });
});
