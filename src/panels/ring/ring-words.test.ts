import { describe, expect, it } from 'vitest';
import { formatRange, nodeAnchors, ringGeometry, stateWordPlaces } from './ring-layout';
import { drawnMessageLabel, overlap } from './message-labels';

describe('state words', () => {
  it("put a node's state word where it covers no other badge: A's \"unreachable\" is not read as D's", () => {
    const g = ringGeometry(440, 420, 4, true);
    const nodes = [['A', 20], ['B', 230], ['C', 458], ['D', 850]].map(([id, pos]) => ({ id: id as string, tokens: [pos as number] }));
    const anchors = nodeAnchors(nodes, 1000, g);
    const r = g.badgeRadius;
    const charPx = 9.6;
    const words = ['A', 'B'].map((id) => ({ id, anchor: anchors.get(id)!, word: 'unreachable' }));
    const places = stateWordPlaces(words, [...anchors.values()], r, charPx);
    /** The word's box on the page, and whether it comes within a badge's reach of another node. */
    const boxOf = (id: string) => {
      const a = anchors.get(id)!;
      const p = places.get(id)!;
      const w = 'unreachable'.length * charPx;
      return { x: a.x + p.x - (p.textAnchor === 'middle' ? w / 2 : p.textAnchor === 'end' ? w : 0), y: a.y + p.y - 14, width: w, height: 18 };
    };
    const near = (id: string, b: { x: number; y: number; width: number; height: number }) =>
      [...anchors].filter(([other]) => other !== id).filter(([, c]) => {
        const nx = Math.max(b.x, Math.min(c.x, b.x + b.width));
        const ny = Math.max(b.y, Math.min(c.y, b.y + b.height));
        return (c.x - nx) ** 2 + (c.y - ny) ** 2 < (r * 1.6 + 4) ** 2;
      }).map(([other]) => other);
    for (const id of ['A', 'B']) expect(near(id, boxOf(id)), id).toEqual([]);
    // The two words do not cover each other either.
    expect(overlap(boxOf('A'), boxOf('B'))).toBe(0);
    // With no other badge near, the word keeps its place on the badge's inner side, below A at the top.
    const alone = stateWordPlaces([{ id: 'A', anchor: anchors.get('A')!, word: 'down' }], [anchors.get('A')!], r, charPx).get('A')!;
    expect(alone).toMatchObject({ x: expect.closeTo(-Math.sin(anchors.get('A')!.angle) * (r + 14), 6), textAnchor: 'middle' });
    expect(alone.y).toBeGreaterThan(r);
  });
});

describe('ranges as text', () => {
  it('reads a teaching range as written, and keeps an MD5 range’s two ends apart with as many decimals as it takes', () => {
    expect(formatRange([230, 458], 1000, true)).toBe('(230, 458]');
    expect(formatRange([0.1, 0.4], 1, false)).toBe('(10.0%, 40.0%]');
    expect(formatRange([0.6612, 0.6614], 1, false)).toBe('(66.12%, 66.14%]');
    expect(formatRange([0.66121, 0.66124], 1, false)).toBe('(66.121%, 66.124%]');
    // 5e-7 of the ring still has two ends, and a start just short of the top is not 100%.
    expect(formatRange([0.4517112, 0.4517117], 1, false)).toBe('(45.17112%, 45.17117%]');
    expect(formatRange([0.9997, 0.0003], 1, false)).toBe('(99.9%, 0.0%]');
  });
});

describe("a message's label as drawn", () => {
  it('is whole up to 30 characters, and a long key cut to 20 with "…"', () => {
    expect(drawnMessageLabel('put(cart) hinted for node3')).toBe('put(cart) hinted for node3');
    expect(drawnMessageLabel(`put(${'x'.repeat(256)})`)).toBe(`put(${'x'.repeat(15)}…`);
    expect(Array.from(drawnMessageLabel(`get(${'🛒'.repeat(40)})`))).toHaveLength(20);
  });
});
