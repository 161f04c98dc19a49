import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addVersion, contextClock, reconcile, type Version } from './versions';
import { compareClocks, counterOf, descendsOrEqual, formatClock, type VectorClock } from './vector-clock';

const c = (...pairs: [string, number][]): VectorClock => pairs.map(([node, counter]) => ({ node, counter, atMs: 0 }));

// Lecture 000, the shopping cart from 10:00 to 10:07.
const D1: Version = { id: 1, value: ['basketball'], clock: c(['node1', 1]) };
const D2: Version = { id: 2, value: ['basketball', 'shoes'], clock: c(['node1', 1], ['node2', 1]) };
const D3: Version = { id: 3, value: ['basketball', 'ps5'], clock: c(['node1', 1], ['node4', 1]) };
const D4: Version = { id: 4, value: ['basketball', 'shoes', 'ps5'], clock: c(['node1', 2], ['node2', 1], ['node4', 1]) };

const ids = (vs: readonly Version[]) => vs.map((v) => v.id);

describe('the lecture 000 shopping cart', () => {
  it('D2 supersedes D1: "Can node2 save only D2? Yes"', () => {
    expect(compareClocks(D2.clock, D1.clock)).toBe('descends');
    const r = addVersion([D1], D2);
    expect(ids(r.siblings)).toEqual([2]);
    expect(ids(r.superseded)).toEqual([1]);
    expect(r.coveredBy).toBeUndefined();
  });

  it('D2 and D3 are concurrent: "Can node1 save only D3? No", both stay', () => {
    expect(compareClocks(D2.clock, D3.clock)).toBe('concurrent');
    const r = addVersion([D2], D3);
    expect(ids(r.siblings)).toEqual([2, 3]);
    expect(r.superseded).toEqual([]);
  });

  it('D3 supersedes D1 when only D1 is held: "Can node1 save only D3? Yes"', () => {
    expect(ids(addVersion([D1], D3).siblings)).toEqual([3]);
  });

  it('D4 supersedes both D2 and D3', () => {
    expect(compareClocks(D4.clock, D2.clock)).toBe('descends');
    expect(compareClocks(D4.clock, D3.clock)).toBe('descends');
    const r = addVersion([D2, D3], D4);
    expect(ids(r.siblings)).toEqual([4]);
    expect(ids(r.superseded)).toEqual([2, 3]);
    expect(formatClock(r.siblings[0]!.clock)).toBe('([node1,2],[node2,1],[node4,1])');
  });

  it('the context of a get returning D2 and D3 is the clock D4 extends', () => {
    expect(formatClock(contextClock([D2, D3]))).toBe('([node1,1],[node2,1],[node4,1])');
    expect(ids(reconcile([D1, D3, D2]))).toEqual([2, 3]);
    expect(ids(reconcile([D4, D1, D2, D3]))).toEqual([4]);
  });
});

describe('addVersion', () => {
  it('ignores a version an existing sibling already covers (older or equal)', () => {
    const older = addVersion([D2], D1);
    expect(older.coveredBy).toBe(D2);
    expect(older.siblings).toEqual([D2]);
    expect(older.superseded).toEqual([]);
    const same = addVersion([D2, D3], { ...D2, id: 9 });
    expect(same.coveredBy).toBe(D2);
    expect(ids(same.siblings)).toEqual([2, 3]);
  });

  it('adds to an empty set and never mutates its input', () => {
    const before: Version[] = [D2, D3];
    expect(ids(addVersion([], D1).siblings)).toEqual([1]);
    addVersion(before, D4);
    expect(ids(before)).toEqual([2, 3]);
  });
});

const NODES = ['node1', 'node2', 'node3', 'node4'];
const clockArb: fc.Arbitrary<VectorClock> = fc
  .uniqueArray(fc.record({ node: fc.constantFrom(...NODES), counter: fc.integer({ min: 1, max: 2 }), atMs: fc.constant(0) }), {
    selector: (e) => e.node,
    maxLength: 4,
  })
  .map((es) => [...es].sort((a, b) => (a.node < b.node ? -1 : 1)));
const versionsArb = fc.array(clockArb, { maxLength: 12 }).map((clocks) => clocks.map((clock, i): Version => ({ id: i + 1, value: i, clock })));

describe('reconcile and contextClock (properties)', () => {
  it('reconcile keeps no two comparable versions', () => {
    fc.assert(
      fc.property(versionsArb, (versions) => {
        const siblings = reconcile(versions);
        siblings.forEach((a, i) => siblings.forEach((b, j) => i !== j && expect(compareClocks(a.clock, b.clock)).toBe('concurrent')));
      }),
      { numRuns: 200 },
    );
  });

  it('reconcile keeps only inputs, and every input is covered by a kept version', () => {
    fc.assert(
      fc.property(versionsArb, (versions) => {
        const siblings = reconcile(versions);
        for (const s of siblings) expect(versions).toContain(s);
        for (const v of versions) expect(siblings.some((s) => descendsOrEqual(s.clock, v.clock))).toBe(true);
        expect(ids(siblings)).toEqual([...ids(siblings)].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('reconcile gives the same clocks whatever the arrival order', () => {
    fc.assert(
      fc.property(
        versionsArb.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }))),
        ([versions, shuffled]) => {
          const clocks = (vs: Version[]) => vs.map((v) => formatClock(v.clock)).sort();
          expect(clocks(reconcile(shuffled))).toEqual(clocks(reconcile(versions)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('addVersion one by one equals reconcile of everything', () => {
    fc.assert(
      fc.property(versionsArb, versionsArb, (held, incoming) => {
        let siblings = reconcile(held);
        for (const v of incoming) siblings = [...addVersion(siblings, v).siblings];
        const clocks = (vs: readonly Version[]) => vs.map((v) => formatClock(v.clock)).sort();
        expect(clocks(siblings)).toEqual(clocks(reconcile([...held, ...incoming])));
      }),
      { numRuns: 100 },
    );
  });

  it('contextClock dominates every input, and is the least such clock', () => {
    fc.assert(
      fc.property(versionsArb, (versions) => {
        const ctx = contextClock(versions);
        for (const v of versions) expect(descendsOrEqual(ctx, v.clock)).toBe(true);
        for (const { node, counter } of ctx) expect(counter).toBe(Math.max(...versions.map((v) => counterOf(v.clock, node))));
        expect(contextClock([])).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
