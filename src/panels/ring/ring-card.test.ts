/** Where a node's card goes on the ring panel (`cardPlacement`): inside the panel, off its node, over as few others as can be. */
import { describe, expect, it } from 'vitest';
import { cardPlacement, nodeAnchors, ringGeometry } from './ring-layout';

/** The area two boxes share. */
const area = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

describe("a node's card", () => {
  it("puts a node's card inside the panel and off the node it is about, on a wide panel and on a narrow one", () => {
    const card = { width: 300, height: 150 };
    const nodes = [20, 230, 458, 850].map((pos, i) => ({ id: 'ABCD'[i]!, tokens: [pos] }));
    for (const [width, height] of [[466, 470], [700, 470], [360, 420]] as const) {
      const geometry = ringGeometry(width, height, 4, true, 1);
      for (const [id, a] of nodeAnchors(nodes, 1000, geometry)) {
        const { left, top } = cardPlacement(a, geometry, card);
        expect(left, `${id} at ${width}×${height}`).toBeGreaterThanOrEqual(0);
        expect(left + card.width, `${id} at ${width}×${height}`).toBeLessThanOrEqual(width);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top + card.height, `${id} at ${width}×${height}`).toBeLessThanOrEqual(height);
        const badge = { x: a.x - geometry.badgeRadius, y: a.y - geometry.badgeRadius, width: 2 * geometry.badgeRadius, height: 2 * geometry.badgeRadius };
        expect(area({ x: left, y: top, ...card }, badge), `${id} at ${width}×${height}`).toBe(0);
      }
    }
  });

  it("puts a node's card over as few other badges as any place in the panel would: C's card hid A and D", () => {
    const card = { width: 300, height: 150 };
    const nodes = [20, 230, 458, 850].map((pos, i) => ({ id: 'ABCD'[i]!, tokens: [pos] }));
    const meets = (c: { x: number; y: number }, r: number, b: { x: number; y: number; width: number; height: number }) => Math.hypot(Math.max(b.x - c.x, 0, c.x - b.x - b.width), Math.max(b.y - c.y, 0, c.y - b.y - b.height)) < r;
    for (const [width, height] of [[466, 470], [700, 470], [466, 560], [360, 420]] as const) {
      const geometry = ringGeometry(width, height, 4, true, 1);
      const anchors = nodeAnchors(nodes, 1000, geometry);
      const r = geometry.badgeRadius;
      for (const [id, a] of anchors) {
        const others = [...anchors].filter(([other]) => other !== id).map(([, o]) => o);
        const covers = (box: { x: number; y: number; width: number; height: number }) => others.filter((o) => meets(o, r, box)).length;
        // Every place on a 4 px grid inside the panel and off the node itself.
        let fewest = Infinity;
        for (let x = 4; x <= width - card.width - 4; x += 4)
          for (let y = 4; y <= height - card.height - 4; y += 4) if (!meets(a, r, { x, y, ...card })) fewest = Math.min(fewest, covers({ x, y, ...card }));
        const { left, top } = cardPlacement(a, geometry, card, others);
        expect(covers({ x: left, y: top, ...card }), `${id}'s card at ${width}×${height}`).toBeLessThanOrEqual(fewest);
      }
    }
  });
});
