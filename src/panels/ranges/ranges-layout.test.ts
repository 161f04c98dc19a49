import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nodeLoads } from '../../engine/index';
import { anyStrategyRing, holdsPosition } from '../ring/ring-testing';
import { rangeRows } from './ranges-layout';


describe('ranges', () => {
  it("lecture 000's ring (nodes at 20, 230, 458 and 850): node1 takes (850, 20], across the top", () => {
    const tokens = [20, 230, 458, 850].map((pos, i) => ({ pos, node: `node${i + 1}` }));
    expect(rangeRows(['node1', 'node2', 'node3', 'node4'], tokens, 1000)).toEqual([
      { id: 'node1', tokens: 1, share: 0.17, ranges: [[850, 20]], isWhole: false },
      { id: 'node2', tokens: 1, share: 0.21, ranges: [[20, 230]], isWhole: false },
      { id: 'node3', tokens: 1, share: 0.228, ranges: [[230, 458]], isWhole: false },
      { id: 'node4', tokens: 1, share: 0.392, ranges: [[458, 850]], isWhole: false },
    ]);
  });

  it('merges two tokens of one node in a row into one range, and says when one node holds the whole ring', () => {
    const tokens = [100, 200, 700, 900].map((pos, i) => ({ pos, node: i < 2 ? 'a' : 'b' }));
    expect(rangeRows(['a', 'b'], tokens, 1000).map((r) => r.ranges)).toEqual([[[900, 200]], [[200, 900]]]);
    const alone = rangeRows(['a', 'c'], tokens.map((t) => ({ ...t, node: 'a' })), 1000);
    expect(alone[0]).toMatchObject({ tokens: 4, share: 1, ranges: [], isWhole: true });
    expect(alone[1]).toMatchObject({ tokens: 0, share: 0, ranges: [], isWhole: false });
  });

  it("lecture 001's strategy 2 (Q = 12 on 0–1199): node4's seven partitions in three ranges", () => {
    const tokens = [['node4', 116], ['node3', 177], ['node3', 338], ['node2', 396], ['node4', 430], ['node1', 505], ['node4', 648], ['node2', 728], ['node1', 762], ['node2', 824], ['node3', 852], ['node1', 877]].map(([node, pos]) => ({ node: node as string, pos: pos as number }));
    const node4 = rangeRows(['node4'], tokens, 1200, 12)[0]!;
    // (800, 1100] and (1100, 100] touch across the top: one range, (800, 100].
    expect(node4.ranges).toEqual([[800, 100], [300, 400], [500, 600]]);
    expect(node4.share).toBeCloseTo(7 / 12, 12);
    expect(node4.tokens).toBe(3);
  });

  it("gives each node exactly the positions and the share the engine's ownership gives it, under all three strategies", () => {
    fc.assert(
      fc.property(anyStrategyRing, ({ ring, ringSize, tokens }) => {
        const loads = nodeLoads(ring, 1);
        const rows = rangeRows(loads.map((l) => l.node), tokens, ringSize, ring.partitionCount);
        loads.forEach((load, i) => {
          const row = rows[i]!;
          expect(row.share).toBeCloseTo(load.primaryShare, 9);
          expect(row.tokens).toBe(tokens.filter((x) => x.node === load.node).length);
          const ranges = row.isWhole ? [[0, 0] as const] : row.ranges;
          for (let p = 0; p < ringSize; p += 7) expect(holdsPosition(ranges, p), `${load.node} at ${p}`).toBe(holdsPosition(load.primaryRanges, p));
          // Merged: no two of a node's ranges touch.
          for (const [, end] of row.ranges) expect(row.ranges.filter(([start]) => start % ringSize === end % ringSize)).toEqual([]);
        });
      }),
      { numRuns: 200 },
    );
  }, 20_000); // 1.7 s alone; over 5 s with the machine busy
});
