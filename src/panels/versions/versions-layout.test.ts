import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitText, layersOf, versionsLayout } from './versions-layout';

// The shopping cart: D1 → D2, D1 → D3, D2 → D4, D3 → D4.
const versions = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
const edges = [
  { from: 1, to: 2 },
  { from: 1, to: 3 },
  { from: 2, to: 4 },
  { from: 3, to: 4 },
];

describe('versions layout', () => {
  it('puts each version one layer below its deepest ancestor', () => {
    expect([...layersOf(versions, edges)].sort(([a], [b]) => a - b)).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
      [4, 2],
    ]);
  });

  it('places siblings side by side in creation order, inside the width, and arrows point down', () => {
    const layout = versionsLayout(versions, edges, { width: 400, boxHeight: 40, gap: 20, maxBoxWidth: 300 });
    const [d1, d2, d3, d4] = layout.versions;
    expect(d2!.y).toBe(d3!.y);
    expect(d2!.x).toBeLessThan(d3!.x);
    expect(d2!.x + d2!.width).toBeLessThanOrEqual(d3!.x);
    expect(d3!.x + d3!.width).toBeLessThanOrEqual(400);
    expect(d1!.width).toBe(300);
    expect(d1!.x).toBe(50);
    expect(d4!.y).toBe(120);
    expect(layout.height).toBe(160);
    expect(layout.edges).toHaveLength(4);
    expect(layout.edges[0]!.path).toMatch(/^M200,40C/);
  });

  it('is empty for a key with no versions', () => {
    expect(versionsLayout([], [], { width: 100, boxHeight: 40, gap: 20, maxBoxWidth: 300 })).toEqual({ versions: [], edges: [], width: 100, height: 0 });
  });
});

describe('fitText', () => {
  it('keeps text that fits, and cuts longer text to the width with an ellipsis', () => {
    expect(fitText('basketball', 100, 8)).toBe('basketball');
    expect(fitText('basketball, shoes, a very long winter coat', 100, 8)).toBe('basketball,…');
    expect(fitText('basketball, shoes, a very long winter coat', 100, 8)).toHaveLength(12);
  });

  it('never cuts a character in half, and is never longer than the width allows', () => {
    expect(fitText('🛒🛒🛒🛒', 24, 8)).toBe('🛒🛒…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.integer({ min: 8, max: 400 }), (text, width) => {
        const fitted = fitText(text, width, 8);
        return [...fitted].length <= Math.max(1, Math.floor(width / 8)) && (fitted === text || (fitted.endsWith('…') && text.startsWith(fitted.slice(0, -1))));
      }),
    );
  });
});
