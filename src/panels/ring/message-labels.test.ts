import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { angleOf, captionBoxes, ringGeometry } from './ring-layout';
import { tokenLabelBoxes, tokenMarks } from './token-labels';
import { keyDots, ringLabelBoxes } from './key-labels';
import { messageLabelBox, placeMessageLabelBoxes, placeMessageLabels } from './message-labels';
import { TEACHING_GEOMETRY, TEACHING_TOKENS, area } from './ring-testing';

const g = TEACHING_GEOMETRY;

describe('message labels', () => {
  it('two names never touch end to end: a name keeps a space from another on its row', () => {
    // B's right side runs out of the panel; its left side would end where A's name, right of A, starts.
    const dots = [
      { x: 100, y: 100, labelWidth: 50 },
      { x: 220, y: 100, labelWidth: 50 },
    ];
    const [a, b] = placeMessageLabelBoxes(dots, 5, [], 232, 300);
    expect(a!.side).toBe('right');
    expect(b!.side).not.toBe('left');
    const apart = (p: { x: number; width: number }, q: { x: number; width: number }) => Math.max(q.x - (p.x + p.width), p.x - (q.x + q.width));
    const sameRow = Math.abs(a!.box.y - b!.box.y) < a!.box.height;
    expect(!sameRow || apart(a!.box, b!.box) >= 6).toBe(true);
  });

  it("keeps clear of a name it would touch: 'D' and '1 differing key' side by side read 'D1 differing key'", () => {
    const right = messageLabelBox(200, 200, 6, 80, 'right');
    const word = { x: right.x + right.width, y: right.y, width: 30, height: right.height };
    const [side] = placeMessageLabels([{ x: 200, y: 200, labelWidth: 80 }], 6, [], 800, 600, [word]);
    expect(side).not.toBe('right');
    // With nothing beside it, the first choice stands.
    expect(placeMessageLabels([{ x: 200, y: 200, labelWidth: 80 }], 6, [], 800, 600, [])[0]).toBe('right');
  });



  it('puts a lone label to the right of its dot', () => {
    expect(placeMessageLabels([{ x: 100, y: 100, labelWidth: 110 }], 9, [], 440, 440)).toEqual(['right']);
  });

  it('moves a label off a node badge it would cover', () => {
    // The screen of a put's two acks: B's badge sits right of the dot.
    expect(placeMessageLabels([{ x: 200, y: 330, labelWidth: 110 }], 9, [{ x: 300, y: 335, r: 20 }], 440, 440)).not.toEqual(['right']);
  });

  it('keeps a label near the right edge inside the panel', () => {
    expect(placeMessageLabels([{ x: 400, y: 100, labelWidth: 110 }], 9, [], 440, 440)).toEqual(['left']);
  });

  it('lays two acks on their way to the same node apart, not on top of each other', () => {
    const dots = [
      { x: 175, y: 343, labelWidth: 110 },
      { x: 244, y: 328, labelWidth: 110 },
    ];
    const sides = placeMessageLabels(dots, 9, [], 440, 440);
    const [a, b] = dots.map((d, i) => messageLabelBox(d.x, d.y, 9, d.labelWidth, sides[i]!));
    expect(area(a!, b!)).toBe(0);
  });

  it("keeps a label off another message's dot, which would hide its first letter", () => {
    // A partition cuts an ack in flight: two acks side by side between badges A, B and D.
    const badges = [
      { x: 250, y: 263, r: 20 },
      { x: 178, y: 294, r: 20 },
      { x: 332, y: 329, r: 20 },
    ];
    for (const dots of [
      [
        { x: 185, y: 326, labelWidth: 110 },
        { x: 242, y: 312, labelWidth: 110 },
      ],
      [
        { x: 242, y: 312, labelWidth: 110 },
        { x: 185, y: 326, labelWidth: 110 },
      ],
    ]) {
      const sides = placeMessageLabels(dots, 9, badges, 466, 440);
      dots.forEach((d, i) => {
        const other = dots[1 - i]!;
        const label = messageLabelBox(d.x, d.y, 9, d.labelWidth, sides[i]!);
        expect(area(label, { x: other.x - 9, y: other.y - 9, width: 18, height: 18 })).toBe(0);
      });
    }
  });

  it('in a crowd, leaves a message unnamed rather than cover another name (property)', () => {
    // Up to 14 messages anywhere in a 466 × 440 panel, a dozen crossing its middle at once.
    const dot = fc.record({ x: fc.integer({ min: 20, max: 446 }), y: fc.integer({ min: 20, max: 420 }), labelWidth: fc.integer({ min: 60, max: 140 }) });
    fc.assert(
      fc.property(fc.array(dot, { minLength: 2, maxLength: 14 }), (dots) => {
        const sides = placeMessageLabels(dots, 9, [], 466, 440);
        const boxes = dots.flatMap((d, i) => (sides[i] ? [messageLabelBox(d.x, d.y, 9, d.labelWidth, sides[i])] : []));
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(area(a, b)).toBeLessThanOrEqual(0.1 * Math.max(a.width * a.height, b.width * b.height))));
      }),
    );
    // A message alone is always named, even in a corner.
    fc.assert(
      fc.property(dot, (d) => {
        expect(placeMessageLabels([d], 9, [], 466, 440)[0]).not.toBeNull();
      }),
    );
  });

  it('keeps the name of the message the lecturer opened, even in a crowd', () => {
    // Ten messages on one spot: not all can be named, and the last would not be; opened, it is.
    const dots = Array.from({ length: 10 }, () => ({ x: 200, y: 200, labelWidth: 100 }));
    expect(placeMessageLabels(dots, 9, [], 440, 440)[9]).toBeNull();
    const sides = placeMessageLabels(dots, 9, [], 440, 440, [], 9);
    expect(sides[9]).not.toBeNull();
    expect(sides.filter((s) => s !== null).length).toBeLessThan(10);
  });

  it("keeps a message's name off a token's label on the teaching ring", () => {
    // get-reply(hat) on its way to B, just inside the ring beside "B 230".
    const marks = tokenMarks(TEACHING_TOKENS, 1000, g);
    const words = ringLabelBoxes(marks, [], g, null);
    const b = words[1]!;
    const dot = { x: b.x - 80, y: b.y + 10, labelWidth: 120 };
    const [side] = placeMessageLabels([dot], 9, [], 500, 500, words);
    expect(side).not.toBe('right');
    expect(area(messageLabelBox(dot.x, dot.y, 9, dot.labelWidth, side!), b)).toBe(0);
  });

  it("turns a key's name off the token label it would cover, and leaves the others where they are", () => {
    // Lecture keys on the teaching ring: shoes at 235 lies beside B's token at 230.
    const marks = tokenMarks(TEACHING_TOKENS, 1000, g);
    const dots = keyDots(
      [
        { key: 'shoes', pos: 235 },
        { key: 'cart', pos: 344 },
      ],
      1000,
      g,
      marks,
    );
    const [shoes, cart] = dots;
    expect(shoes!.label!.angle).not.toBe(shoes!.angle);
    expect(cart!.label!.angle).toBe(cart!.angle);
    const tokens = tokenLabelBoxes(marks, g);
    for (const key of ringLabelBoxes(marks, dots, g, null).slice(tokens.length)) for (const t of tokens) expect(area(key, t)).toBe(0);
    // Without the tokens (the MD5 ring draws no token labels), a key's name stays at its angle.
    expect(keyDots([{ key: 'shoes', pos: 235 }], 1000, g)[0]!.label!.angle).toBe(angleOf(235, 1000));
  });

  it('does not count a label’s own dot against a side: below, which touches it, beats covering another name', () => {
    // Found by the property below: 'below' grazes its own dot by a pixel, which counted as crowding.
    const dots = [
      { x: 150, y: 170, labelWidth: 100 },
      { x: 213, y: 188, labelWidth: 100 },
    ];
    const sides = placeMessageLabels(dots, 9, [], 600, 600);
    const [a, b] = dots.map((d, i) => messageLabelBox(d.x, d.y, 9, d.labelWidth, sides[i]!));
    expect(area(a!, b!)).toBe(0);
  });

  it('keeps a name off the centre caption ("positions 0–999 / clockwise →"), which once printed over "gossip-reply"', () => {
    const g4 = ringGeometry(466, 470, 4, true, 5);
    const caption = captionBoxes(0, g4)[0]!;
    // A dot just left of the caption's first line: its preferred side, right, would run across it.
    const dot = { x: caption.x - 20, y: g4.cy - 8, labelWidth: 110 };
    const [side] = placeMessageLabels([dot], 9, [], 466, 470, [caption]);
    expect(side).not.toBeNull();
    expect(area(messageLabelBox(dot.x, dot.y, 9, dot.labelWidth, side!), caption)).toBe(0);
    expect(captionBoxes(null, g4)).toEqual([{ x: 0, y: 0, width: 160, height: 50 }]);
    // The MD5 ring's walked key, under the centre and wider than the caption, is kept clear too, wherever the caption went.
    for (const dy of [0, -40, null]) expect(captionBoxes(dy, g4, true)[1]).toEqual({ x: g4.cx - 110, y: g4.cy + 38, width: 220, height: 24 });
  });

  describe('a label whose dot is near an edge stays wholly inside the panel, beside its dot', () => {
    // Lecture "Consistent hashing and adding a node", step 10: "transfer of 1 key" left of its dot near the
    // ring's left edge, every other side on a badge or a name, lost its "t" at the panel's edge.
    const [W, H, R, LABEL] = [466, 440, 9, 135];
    /** The dot, 3 px too near the edge for its label on that side, and the ring's words filling the panel beyond the dot, so that no other side will do. */
    const cases = [
      { edge: 'left', dot: { x: 146, y: 200 }, words: [{ x: 152, y: 0, width: W - 152, height: H }] },
      { edge: 'right', dot: { x: W - 146, y: 200 }, words: [{ x: 0, y: 0, width: W - 152, height: H }] },
      { edge: 'top', dot: { x: 200, y: 26 }, words: [{ x: 0, y: 30, width: W, height: H - 30 }] },
      { edge: 'bottom', dot: { x: 200, y: H - 24 }, words: [{ x: 0, y: 0, width: W, height: H - 28 }] },
    ];
    it.each(cases)('near the $edge edge', ({ dot, words }) => {
      const d = { ...dot, labelWidth: LABEL };
      const [place] = placeMessageLabelBoxes([d], R, [], W, H, words);
      expect(place).not.toBeNull();
      const { box, side, dx, dy } = place!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(W);
      expect(box.y + box.height).toBeLessThanOrEqual(H);
      // The box drawn is the side's, moved only as far as it ran out: the label stays by its dot.
      const beside = messageLabelBox(d.x, d.y, R, LABEL, side);
      expect(box).toEqual({ ...beside, x: beside.x + dx, y: beside.y + dy });
      expect(Math.abs(dx) + Math.abs(dy)).toBeLessThanOrEqual(3);
      expect(placeMessageLabels([d], R, [], W, H, words)).toEqual([side]);
    });

    it('anywhere, among badges (property)', () => {
      const dot = fc.record({ x: fc.integer({ min: R, max: W - R }), y: fc.integer({ min: R, max: H - R }), labelWidth: fc.integer({ min: 60, max: 200 }) });
      const badge = fc.record({ x: fc.integer({ min: 0, max: W }), y: fc.integer({ min: 0, max: H }), r: fc.constant(20) });
      fc.assert(
        fc.property(fc.array(dot, { minLength: 1, maxLength: 4 }), fc.array(badge, { maxLength: 5 }), (dots, badges) => {
          for (const place of placeMessageLabelBoxes(dots, R, badges, W, H)) {
            if (!place) continue;
            expect(place.box.x).toBeGreaterThanOrEqual(0);
            expect(place.box.y).toBeGreaterThanOrEqual(0);
            expect(place.box.x + place.box.width).toBeLessThanOrEqual(W);
            expect(place.box.y + place.box.height).toBeLessThanOrEqual(H);
          }
        }),
      );
    });
  });

  it('never covers another label when there is room for both (property)', () => {
    // Two dots anywhere in the middle of a roomy panel: some side for each keeps them apart.
    const dot = fc.record({ x: fc.integer({ min: 150, max: 450 }), y: fc.integer({ min: 150, max: 450 }) });
    fc.assert(
      fc.property(dot, dot, (p, q) => {
        fc.pre(Math.hypot(p.x - q.x, p.y - q.y) > 20);
        const dots = [p, q].map((d) => ({ ...d, labelWidth: 100 }));
        const sides = placeMessageLabels(dots, 9, [], 600, 600);
        const [a, b] = dots.map((d, i) => messageLabelBox(d.x, d.y, 9, d.labelWidth, sides[i]!));
        expect(area(a!, b!)).toBe(0);
      }),
    );
  });
});
