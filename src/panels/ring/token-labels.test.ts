/** The teaching ring's token labels in a crowd (`tokenMarks`): apart, each by its tick, positions only where names have no room. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { captionBoxes, ringGeometry } from './ring-layout';
import { MOST_PLACED_LABELS, originBox, originSide, tokenLabelBoxes, tokenMarks, type TokenMark } from './token-labels';
import { area, lectureRings } from './ring-testing';
import { LECTURES, loadLecture } from '../../lectures/index';
import { execute } from '../../scenario/runner';

const TAU = Math.PI * 2;

/** The ring's stage, w×h: in a lecture at 1280×720, 1280×640 and 1024×576 (two layouts), and in free play at 1280×720 and 1024×576. */
const STAGES = [[446, 425], [446, 345], [372, 330], [481, 311], [446, 436], [481, 336]] as const;

/** How far a label was moved round the ring from its tick, px along the circle its anchor is on. */
const moved = (m: TokenMark, radius: number) => Math.abs(((m.labelAngle - m.angle + 3 * Math.PI) % TAU) - Math.PI) * (radius + 24);

/** Pairs of drawn labels whose boxes meet. */
function meeting(marks: readonly TokenMark[], boxes: readonly { x: number; y: number; width: number; height: number }[]): string[] {
  const drawn = marks.filter((m) => m.labelKind !== 'none');
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (area(boxes[i]!, boxes[j]!) > 0) out.push(`${drawn[i]!.name} ${drawn[i]!.pos} and ${drawn[j]!.name} ${drawn[j]!.pos}`);
  return out;
}

/** The partitioning lecture's strategy 1 after node5 joins: 15 tokens, four of them within 115 positions on the ring's left. */
function fifteenTokens() {
  const part = loadLecture(LECTURES.find((l) => l.id.includes('partitioning'))!.id).parts[1]!;
  const ring = execute(part.scenario).cluster.ring;
  return { tokens: ring.tokens, ids: ring.nodes.map((n) => n.id), ringSize: part.scenario.config.ringSize! };
}

describe('token labels in a crowd', () => {
  it("keeps every built-in lecture's token labels apart, each within 60 px of its tick, on the stages of 1280×720 to 1024×576", () => {
    for (const { where, ring, ringSize } of lectureRings()) {
      const ids = ring.nodes.map((n) => n.id);
      for (const [w, h] of STAGES) {
        const g = ringGeometry(w, h, ids.length, true, Math.max(...ids.map((n) => n.length)));
        const marks = tokenMarks(ring.tokens, ringSize, g, undefined, captionBoxes(null, g)[0]);
        expect(meeting(marks, tokenLabelBoxes(marks, g)), `${where}, ${w}×${h}`).toEqual([]);
        // Before, "node1 877" sat 88 px up the ring from its tick, atop a column of four labels.
        for (const m of marks) expect(moved(m, g.radius), `${where}, ${w}×${h}: ${m.name} ${m.pos}`).toBeLessThanOrEqual(60);
        expect(marks.filter((m) => m.labelKind === 'none').map((m) => `${m.name} ${m.pos}`), `${where}, ${w}×${h}: every token labelled`).toEqual([]);
      }
    }
  });

  it("gives the partitioning lecture's crowded columns only their positions, and names the tokens with room: node5 1113, node1 505", () => {
    const { tokens, ids, ringSize } = fifteenTokens();
    expect(tokens).toHaveLength(15);
    const g = ringGeometry(446, 425, ids.length, true, 5);
    const marks = tokenMarks(tokens, ringSize, g, undefined, captionBoxes(null, g)[0]);
    const kindOf = (pos: number) => marks.find((m) => m.pos === pos)!.labelKind;
    expect([877, 852, 824].map(kindOf)).toEqual(['position', 'position', 'position']);
    expect([1113, 505].map(kindOf)).toEqual(['named', 'named']);
    // Deterministic: the same ring on the same stage, the same labels.
    expect(tokenMarks(tokens, ringSize, g, undefined, captionBoxes(null, g)[0])).toEqual(marks);
  });

  it('keeps the labels of any teaching ring of up to 40 tokens apart, off the caption and inside the panel; the same ring gives the same labels', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(...STAGES),
        fc.boolean(),
        (positions, nodes, [w, h], isLong) => {
          const tokens = positions.map((pos, i) => ({ pos, node: isLong ? `node${(i % nodes) + 1}` : 'ABCDEFGH'[i % nodes]! }));
          const g = ringGeometry(w, h, nodes, true, isLong ? 5 : 1);
          const caption = captionBoxes(null, g)[0]!;
          const marks = tokenMarks(tokens, 1000, g, undefined, caption);
          const boxes = tokenLabelBoxes(marks, g);
          expect(meeting(marks, boxes)).toEqual([]);
          for (const box of boxes) {
            expect(area(box, caption)).toBe(0);
            expect(box.x).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width).toBeLessThanOrEqual(w);
          }
          expect(tokenMarks(tokens, 1000, g, undefined, caption)).toEqual(marks);
        },
      ),
      // Found by hand: four nodes of eight virtual nodes each on the free-play stage at 1280×720, 27 pairs of labels on one another.
      { examples: [[[10, 35, 90, 100, 128, 140, 152, 231, 239, 251, 253, 272, 304, 314, 315, 334, 427, 443, 452, 461, 526, 624, 690, 697, 729, 757, 782, 849, 900, 904, 909, 910], 4, [446, 436], false]] },
    );
  });

  it('places no labels past 64 tokens (a scenario file\'s teaching ring of hundreds), where placing them would take seconds and few would fit', () => {
    const g = ringGeometry(446, 436, 8, true, 3);
    const tokens = (count: number) => Array.from({ length: count }, (_, i) => ({ pos: Math.floor((i * 1000) / count), node: `n${(i % 8) + 1}` }));
    expect(tokenMarks(tokens(MOST_PLACED_LABELS), 1000, g).some((m) => m.labelKind !== 'none')).toBe(true);
    const many = tokenMarks(tokens(512), 1000, g);
    expect(many.every((m) => m.labelKind === 'none' && m.leader === null && m.labelAngle === m.angle)).toBe(true);
  });

  it('writes the 0 a label\'s margin away from every token label, or inside the ring: "B 10" and then "0" read as "B 100"', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(...STAGES), (positions, [w, h]) => {
        const g = ringGeometry(w, h, 4, true, 1);
        const marks = tokenMarks(positions.map((pos, i) => ({ pos, node: 'ABCD'[i % 4]! })), 1000, g);
        const side = originSide(marks, g);
        if (side === 'inside') return;
        const zero = originBox(side, g);
        const near = { x: zero.x - 6, y: zero.y - 6, width: zero.width + 12, height: zero.height + 12 };
        for (const box of tokenLabelBoxes(marks, g)) expect(area(box, near)).toBe(0);
      }),
    );
  });
});
