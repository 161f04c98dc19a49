import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitText, layersOf, perChar, versionsLayout } from './versions-layout';

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

  it('gives each layer the height of its tallest box, so boxes of more lines push the layers below down', () => {
    const heights = new Map([[1, 40], [2, 40], [3, 72], [4, 40]]);
    const layout = versionsLayout(versions, edges, { width: 400, boxHeight: 40, gap: 20, maxBoxWidth: 300, heightOf: (id) => heights.get(id)! });
    const [d1, d2, d3, d4] = layout.versions;
    expect(d2!.height).toBe(72); // as tall as D3 beside it, so their bottoms and arrows line up
    expect(d3!.height).toBe(72);
    expect(d4!.y).toBe(40 + 20 + 72 + 20);
    expect(layout.height).toBe(d4!.y + 40);
    expect(d1!.y).toBe(0);
  });

  it("keeps an arrow that skips a layer clear of that layer's box: D3 → D4 past D2, the merge a reconciliation makes", () => {
    // D1 ([C,1]) → D2 ([C,2]); D3 ([D,1]) made apart; D4 reconciles D2 and D3. D2 stood alone across the width, and D3's arrow ran behind it.
    const merged = versionsLayout(versions, [{ from: 1, to: 2 }, { from: 2, to: 4 }, { from: 3, to: 4 }], { width: 400, boxHeight: 40, gap: 20, maxBoxWidth: 300 });
    const [d1, d2, d3, d4] = merged.versions;
    expect([d1!.y, d3!.y, d2!.y, d4!.y]).toEqual([0, 0, 60, 120]);
    expect(d2!.x).toBeCloseTo(d1!.x); // under its parent, a column wide
    expect(d2!.width).toBeCloseTo(d1!.width);
    // The arrow's curve (d3's linkVertical: M x0,y0 C x0,ym x1,ym x1,y1) stays right of D2 through D2's layer.
    const [x0, y0, , , , , x1, y1] = merged.edges.find((e) => e.from === 3)!.path.match(/-?[\d.]+/g)!.map(Number);
    for (let t = 0; t <= 1; t += 0.01) {
      const x = (1 - t) ** 3 * x0! + 3 * (1 - t) ** 2 * t * x0! + 3 * (1 - t) * t ** 2 * x1! + t ** 3 * x1!;
      const y = (1 - t) ** 3 * y0! + 3 * (1 - t) ** 2 * t * ((y0! + y1!) / 2) + 3 * (1 - t) * t ** 2 * ((y0! + y1!) / 2) + t ** 3 * y1!;
      if (y >= d2!.y && y <= d2!.y + d2!.height) expect(x).toBeGreaterThan(d2!.x + d2!.width);
    }
    // A layer no arrow skips keeps its lone box wide and centred, as the lectures draw D1 and D4.
    expect(d4!.width).toBe(300);
  });

  it('never overlaps two boxes of a layer, nor draws one outside the width, whatever the history', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7))), fc.integer({ min: 120, max: 900 }), (count, pairs, width) => {
        const vs = Array.from({ length: count }, (_, i) => ({ id: i + 1 }));
        const es = pairs.filter(([a, b]) => a < b && b < count).map(([a, b]) => ({ from: a + 1, to: b + 1 }));
        const { versions: placed } = versionsLayout(vs, es, { width, boxHeight: 40, gap: 20, maxBoxWidth: 300 });
        return placed.every((a) => a.x >= -1e-6 && a.x + a.width <= width + 1e-6 && placed.every((b) => a === b || a.y !== b.y || a.x + a.width <= b.x + 1e-6 || b.x + b.width <= a.x + 1e-6));
      }),
    );
  });

  it('is empty for a key with no versions', () => {
    expect(versionsLayout([], [], { width: 100, boxHeight: 40, gap: 20, maxBoxWidth: 300 })).toEqual({ versions: [], edges: [], width: 100, height: 0 });
  });
});

describe('fitText', () => {
  const est = perChar(8);

  it('keeps text that fits, squeezes text a little too wide, and cuts longer text with an ellipsis', () => {
    expect(fitText('basketball', 100, est)).toEqual({ text: 'basketball', squeeze: 1 });
    // A clock 10 % too wide is squeezed, never cut: it is what the lecture is about.
    expect(fitText('D2 ([node1,1],[node2,1])', 24 * 8 * 0.9, est, 0.8)).toEqual({ text: 'D2 ([node1,1],[node2,1])', squeeze: 0.9 });
    expect(fitText('basketball, shoes, a very long winter coat', 100, est)).toEqual({ text: 'basketball,…', squeeze: 1 });
  });

  it('never cuts a character in half, and what it draws always fits', () => {
    expect(fitText('🛒🛒🛒🛒', 24, est).text).toBe('🛒🛒…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.integer({ min: 8, max: 400 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (text, width, maxSqueeze) => {
        const fitted = fitText(text, width, est, maxSqueeze);
        const drawn = est(fitted.text) * fitted.squeeze;
        const isStart = fitted.text === text || (fitted.text.endsWith('…') && text.startsWith(fitted.text.slice(0, -1)));
        return drawn <= width + 1e-9 && isStart && fitted.squeeze >= maxSqueeze - 1e-9;
      }),
    );
  });
});
