import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chordPath, chordPoint, circleLayout, insideNameFit, labelPoint, leastCircleSize, movesText, sizeForInsideNames, rangeSegments, transferGroups } from './membership-layout';
import type { TransferProgress } from './gossip-ledger';
import { rangesText } from './RangeMoves';

describe('the gossip circle', () => {
  it('puts the first node at twelve o’clock and goes clockwise, inside the box', () => {
    const points = circleLayout(['A', 'B', 'C', 'D'], 200, 20);
    expect(points.get('A')!.x).toBeCloseTo(100);
    expect(points.get('A')!.y).toBeCloseTo(20);
    expect(points.get('B')!.x).toBeCloseTo(180);
    expect(points.get('C')!.y).toBeCloseTo(180);
    expect(points.get('D')!.x).toBeCloseTo(20);
    for (const p of points.values()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(200);
    }
  });

  it('draws a chord that keeps clear of every other node, as the page sizes the circle (E → C does not pass under D)', () => {
    // The page's circle: 8 nodes of radius 15, 38 px of margin for labels, 150 to 300 px across.
    fc.assert(
      fc.property(fc.integer({ min: 150, max: 300 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 7 }), (size, i, step) => {
        const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
        const points = circleLayout(ids, size, 38);
        const from = points.get(ids[i]!)!;
        const to = points.get(ids[(i + step) % 8]!)!;
        expect(chordPath(from, to, size, 15)).toMatch(/^M[\d.]+,[\d.]+Q[\d.]+,[\d.]+ [\d.]+,[\d.]+$/);
        for (let t = 0; t <= 1; t += 0.05) {
          const p = chordPoint(from, to, size, 15, t)!;
          for (const other of points.values()) {
            if (other === from || other === to) continue;
            expect(Math.hypot(p.x - other.x, p.y - other.y)).toBeGreaterThan(15 + 1.5);
          }
        }
        // It starts and ends at the edges of the two nodes' circles.
        expect(Math.hypot(chordPoint(from, to, size, 15, 0)!.x - from.x, chordPoint(from, to, size, 15, 0)!.y - from.y)).toBeCloseTo(15);
        expect(Math.hypot(chordPoint(from, to, size, 15, 1)!.x - to.x, chordPoint(from, to, size, 15, 1)!.y - to.y)).toBeCloseTo(17);
      }),
    );
  });

  it('sets labels outwards, anchored away from the circle', () => {
    const points = circleLayout(['A', 'B', 'C', 'D'], 200, 20);
    expect(labelPoint(points.get('A')!, 200, 10)).toMatchObject({ anchor: 'middle' });
    expect(labelPoint(points.get('A')!, 200, 10).y).toBeCloseTo(10);
    expect(labelPoint(points.get('B')!, 200, 10).anchor).toBe('start');
    expect(labelPoint(points.get('D')!, 200, 10).anchor).toBe('end');
  });

  it('puts a side label that would leave the box under its node, inside the box', () => {
    const points = circleLayout(['node1', 'node2', 'node3', 'node4'], 200, 38);
    const west = points.get('node4')!;
    expect(labelPoint(west, 200, 23, 12).anchor).toBe('end');
    const under = labelPoint(west, 200, 23, 54);
    expect(under.anchor).toBe('middle');
    expect(under.y).toBeGreaterThan(west.y + 23);
    expect(under.x - 27).toBeGreaterThanOrEqual(0);
    const east = labelPoint(points.get('node2')!, 200, 23, 54);
    expect(east.anchor).toBe('middle');
    expect(east.x + 27).toBeLessThanOrEqual(200);
  });

  it('puts such a label above a node in the upper half, where the corner is empty, not onto the node below it', () => {
    const points = circleLayout(['A', 'B', 'C', 'D', 'E'], 200, 38);
    const b = points.get('B')!;
    expect(b.y).toBeLessThan(100);
    const label = labelPoint(b, 200, 23, 54);
    expect(label.anchor).toBe('middle');
    expect(label.y).toBeLessThan(b.y - 23);
    expect(label.x + 27).toBeLessThanOrEqual(200);
  });
});

const transfer = (from: string, to: string, range: [number, number], state: TransferProgress['state'] = 'done', keys = 0): TransferProgress => ({ from, to, range, state, keys });

describe('the ranges that move', () => {
  it('lays (458, 644] of the 0–1000 ring on a 500 px strip, and splits a range that wraps', () => {
    const [seg] = rangeSegments([transfer('C', 'E', [458, 644])], 1000, 500);
    expect(seg).toMatchObject({ x: 229, from: 'C', to: 'E' });
    expect(seg!.width).toBeCloseTo(93);
    const wrapped = rangeSegments([transfer('D', 'E', [850, 20])], 1000, 500);
    expect(wrapped.map((s) => [s.x, Math.round(s.width)])).toEqual([
      [425, 75],
      [0, 10],
    ]);
  });

  it('keeps a tiny MD5 range visible', () => {
    const [seg] = rangeSegments([transfer('n1', 'n33', [10, 11])], 2 ** 52, 400);
    expect(seg!.width).toBe(3);
  });

  it('groups ranges by old and new holder; a group is done only when all its ranges are', () => {
    const groups = transferGroups([transfer('A', 'E', [1, 2], 'done', 2), transfer('B', 'E', [3, 4]), transfer('A', 'E', [5, 6], 'sending', 1)]);
    expect(groups).toEqual([
      { from: 'A', to: 'E', ranges: [[1, 2], [5, 6]], keys: 3, state: 'sending' },
      { from: 'B', to: 'E', ranges: [[3, 4]], keys: 0, state: 'done' },
    ]);
  });
});

describe('how many move', () => {
  it('counts ranges on a ring of tokens, and whole partitions on a ring of Q equal ones (lecture 001: "hands the six partitions over")', () => {
    const ranges = (...rs: [number, number][]) => rs.map((range) => ({ range }));
    expect(movesText(ranges([20, 230], [458, 644]), 1000, 0)).toBe('2 ranges move');
    expect(movesText(ranges([20, 230]), 1000, 0)).toBe('1 range moves');
    // Q = 12 on 0–1199: (0, 200] is two partitions, (1100, 0] one across the top.
    expect(movesText(ranges([0, 200], [500, 700], [800, 900], [1100, 0]), 1200, 12)).toBe('6 partitions move');
    expect(movesText(ranges([100, 200]), 1200, 12)).toBe('1 partition moves');
    // A token at 1150 splits the partition across the top into two transfers: still one partition.
    expect(movesText(ranges([1150, 0], [1100, 1150]), 1200, 12)).toBe('1 partition moves');
  });
});

describe("a pair of holders' ranges in the list of moves", () => {
  it('shows two when they are short or the panel wide, else one, and counts the rest', () => {
    expect(rangesText(['(1100, 0]', '(300, 400]'], 430)).toBe('(1100, 0] (300, 400]');
    expect(rangesText(['(7.3%, 9.4%]', '(66.07%, 66.08%]', '(1%, 2%]'], 430)).toBe('(7.3%, 9.4%] +2');
    expect(rangesText(['(7.3%, 9.4%]', '(66.07%, 66.08%]', '(1%, 2%]'], 520)).toBe('(7.3%, 9.4%] (66.07%, 66.08%] +1');
    expect(rangesText(['(458, 644]'], 300)).toBe('(458, 644]');
  });
});

describe('a circle of nodes named inside by short names', () => {
  const chars = (n: number) => n * 0.62;
  it('fits names of 3 characters in sixteen nodes, 3 px apart, in the least circle it asks for', () => {
    const ids = Array.from({ length: 16 }, (_, i) => `dc2-node${i + 10}`);
    const size = leastCircleSize(ids);
    expect(size).toBe(160);
    const fit = insideNameFit(16, size, 3);
    const points = [...circleLayout(ids, size, fit.margin).values()];
    expect(Math.hypot(points[0]!.x - points[1]!.x, points[0]!.y - points[1]!.y)).toBeGreaterThanOrEqual(2 * fit.nodeR + 3);
    expect(chars(3) * fit.fontPx).toBeLessThanOrEqual(2 * fit.nodeR - 2);
    expect(fit.fontPx).toBeGreaterThanOrEqual(8);
  });

  it('keeps 120 px for ids drawn as they are, and for eight long ids is no bigger than that', () => {
    expect(leastCircleSize(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])).toBe(120);
    expect(leastCircleSize(['node10', 'server-a', 'dc1-node3', 'dc2-node12', 'backup-01', 'node7', 'eu-west-1a', 'cache-003'])).toBeLessThanOrEqual(140);
  });

  it('never sets two nodes closer than 3 px apart, nor a name wider than its node, from the least size up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 24 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 200 }), (count, longest, extra) => {
        const size = Math.max(120, sizeForInsideNames(count, longest)) + extra;
        const fit = insideNameFit(count, size, longest);
        const r = size / 2 - fit.margin;
        expect(2 * r * Math.sin(Math.PI / count)).toBeGreaterThanOrEqual(2 * fit.nodeR + 3 - 1e-9);
        expect(chars(longest) * fit.fontPx).toBeLessThanOrEqual(2 * fit.nodeR - 2);
      }),
    );
  });
});
