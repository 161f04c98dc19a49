import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KEY_CHAR_PX, WALK_KEY_CHAR_PX, angleOf, ringGeometry } from './ring-layout';
import { tokenLabelBoxes, tokenMarks } from './token-labels';
import { overlap } from './message-labels';
import { keyDots, placeKeyLabel, ringLabelBoxes, roomForKeyName, shorterNames, splitName } from './key-labels';
import { polar } from './ring-layout';

/** The token walk lecture's ring: two tokens a node (lecture 004). */
const WALK_TOKENS = [
  { pos: 100, node: 'node1' },
  { pos: 200, node: 'node2' },
  { pos: 300, node: 'node4' },
  { pos: 400, node: 'node1' },
  { pos: 500, node: 'node3' },
  { pos: 600, node: 'node4' },
  { pos: 700, node: 'node2' },
  { pos: 800, node: 'node3' },
];

const between = (angle: number, lo: number, hi: number) => angle > lo && angle < hi;

describe("a key's name beside the teaching ring", () => {
  it('never turns past a neighbouring token, which would put it in another node\'s range, at any panel size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 380, max: 900 }), fc.integer({ min: 360, max: 700 }), fc.constantFrom(550, 750, 150, 450), fc.constantFrom(KEY_CHAR_PX, WALK_KEY_CHAR_PX), (w, h, pos, charPx) => {
        const g = ringGeometry(w, h, 4, true, 5);
        const marks = tokenMarks(WALK_TOKENS, 1000, g);
        const label = placeKeyLabel(pos === 750 ? 'row-near-the-end' : 'row', angleOf(pos, 1000), charPx, marks, g);
        const lo = angleOf(Math.floor(pos / 100) * 100, 1000);
        expect(between(label.angle, lo, lo + angleOf(100, 1000))).toBe(true);
      }),
    );
  });

  it('writes a long name that does not fit beside the ring on two lines, broken at a hyphen, inside the panel', () => {
    // At 446×440 the ring makes room for it (roomForKeyName): 36 px more margin. With 30 it had to turn from its ◆, onto "node2 700".
    const g = roomForKeyName((extra) => ringGeometry(446, 440, 4, true, 5, extra), (geometry) => tokenMarks(WALK_TOKENS, 1000, geometry), { key: 'row-near-the-end', angle: angleOf(750, 1000) });
    expect(g).toEqual(ringGeometry(446, 440, 4, true, 5, 36));
    const marks = tokenMarks(WALK_TOKENS, 1000, g);
    const label = placeKeyLabel('row-near-the-end', angleOf(750, 1000), WALK_KEY_CHAR_PX, marks, g);
    expect(label.lines).toEqual(['row-near-', 'the-end']);
    expect(label.anchor).toBe('end');
    expect(label.x - 9 * WALK_KEY_CHAR_PX).toBeGreaterThanOrEqual(0);
    // A short name stays on one line and at its key.
    const row = placeKeyLabel('row', angleOf(150, 1000), WALK_KEY_CHAR_PX, marks, g);
    expect(row.lines).toEqual(['row']);
  });

  it('ties a name turned away from its key to it with an arc outside the ring, and draws none for a name at its key', () => {
    const g = ringGeometry(446, 440, 4, true, 5);
    const marks = tokenMarks(WALK_TOKENS, 1000, g);
    const [row] = keyDots([{ key: 'row', pos: 550 }], 1000, g, marks);
    const turned = Math.abs(row!.label!.angle - row!.angle) > (8 * Math.PI) / 180;
    if (turned) expect(row!.label!.leader).toMatch(/^M[\d.]+,[\d.]+A[\d.]+,[\d.]+ 0 0 [01] [\d.]+,[\d.]+$/);
    else expect(row!.label!.leader).toBeNull();
    // The wrapped name at nine o'clock stays in its key's range, 700…800.
    const end = placeKeyLabel('row-near-the-end', angleOf(750, 1000), WALK_KEY_CHAR_PX, marks, g);
    expect(end.angle).toBeGreaterThan(angleOf(700, 1000));
    const alone = keyDots([{ key: 'row', pos: 550 }], 1000, g)[0]!;
    expect(alone.label!.angle).toBe(alone.angle);
    expect(alone.label!.leader).toBeNull();
    // The MD5 ring names no key beside it.
    expect(keyDots([{ key: 'row', pos: 550 }], 1000, ringGeometry(446, 440, 16, false))[0]!.label).toBeNull();
  });

  it('keeps "row" at 550 a few pixels clear of "node4 600" beside it, not edge to edge ("600row")', () => {
    // 446×425 is the ring's panel at 1280×720 in the lecture: there only a place nearer the ring is clear of both "600" and "node3 500".
    for (const [w, h] of [[466, 470], [520, 500], [446, 425]] as const) {
      const g = roomForKeyName((extra) => ringGeometry(w, h, 4, true, 5, extra), (geometry) => tokenMarks(WALK_TOKENS, 1000, geometry), { key: 'row', angle: angleOf(550, 1000) });
      const marks = tokenMarks(WALK_TOKENS, 1000, g);
      const [row] = keyDots([{ key: 'row', pos: 550 }], 1000, g, marks);
      const boxes = ringLabelBoxes(marks, [row!], g, 'row');
      const name = boxes.at(-1)!;
      // At 446×425 the place nearer the ring that kept 4 px more would cover the ◆: there the letters are clear, not the box's spare room.
      const margin = w === 446 ? -4 : 4;
      for (const token of tokenLabelBoxes(marks, g)) expect(overlap({ ...name, x: name.x - margin, width: name.width + 2 * margin }, token), `${w}×${h}`).toBe(0);
    }
  });

  it('breaks a name at the separator nearest its middle, and keeps one without any whole', () => {
    expect(splitName('row-near-the-end')).toEqual(['row-near-', 'the-end']);
    expect(splitName('user:42:cart')).toEqual(['user:', '42:cart']);
    expect(splitName('shopping cart')).toEqual(['shopping', 'cart']);
    expect(splitName('basketball')).toEqual(['basketball']);
  });

  it("never covers its own ◆ or a token's tick: lecture 004's row-near-the-end at 750 gets room from a smaller ring, whole", () => {
    const geometryWith = (extra: number) => ringGeometry(446, 425, 4, true, 5, extra);
    const marksOf = (g: ReturnType<typeof ringGeometry>) => tokenMarks(WALK_TOKENS, 1000, g);
    const angle = angleOf(750, 1000);
    const g = roomForKeyName(geometryWith, marksOf, { key: 'row-near-the-end', angle });
    expect(g.radius).toBeLessThan(geometryWith(0).radius);
    const label = placeKeyLabel('row-near-the-end', angle, WALK_KEY_CHAR_PX, marksOf(g), g);
    expect(label.isWhole).toBe(true);
    expect(label.lines).toEqual(['row-near-', 'the-end']);
    // The text ends left of the ◆ (18 px square turned 45°, 12.7 px from its centre to a corner).
    const key = polar(g, angle, g.radius);
    expect(label.anchor).toBe('end');
    expect(label.x).toBeLessThan(key.x - 12.7);
    // A key whose name fits keeps the usual ring.
    expect(roomForKeyName(geometryWith, marksOf, { key: 'row', angle: angleOf(150, 1000) })).toEqual(geometryWith(0));
  });

  it("writes no name where even its shortest cut would lie on a token's label: at 853×480 lecture 004's 700…800 is all labels", () => {
    // The ring's panel at 853×480: the ring is as small as the panel's height makes it, and no smaller one helps.
    const geometryWith = (extra: number) => ringGeometry(396, 215, 4, true, 5, extra);
    const g = roomForKeyName(geometryWith, (geometry) => tokenMarks(WALK_TOKENS, 1000, geometry), { key: 'row-near-the-end', angle: angleOf(750, 1000) });
    const marks = tokenMarks(WALK_TOKENS, 1000, g);
    const [dot] = keyDots([{ key: 'row-near-the-end', pos: 750 }], 1000, g, marks);
    expect(placeKeyLabel('row-near-the-end', angleOf(750, 1000), WALK_KEY_CHAR_PX, marks, g).isClear).toBe(false);
    expect(dot!.label!.isClear).toBe(false);
    // Not written, it is nothing a message's name must keep off: the tokens' labels alone.
    expect(ringLabelBoxes(marks, [dot!], g, 'row-near-the-end')).toEqual(tokenLabelBoxes(marks, g));
    // Where it has room (1280×720), it is written whole and clear.
    const roomy = roomForKeyName((extra) => ringGeometry(446, 425, 4, true, 5, extra), (geometry) => tokenMarks(WALK_TOKENS, 1000, geometry), { key: 'row-near-the-end', angle: angleOf(750, 1000) });
    const label = placeKeyLabel('row-near-the-end', angleOf(750, 1000), WALK_KEY_CHAR_PX, tokenMarks(WALK_TOKENS, 1000, roomy), roomy);
    expect([label.isWhole, label.isClear]).toEqual([true, true]);
  });

  it('cuts a name that has no room beside its key, and never inside a character', () => {
    const g = ringGeometry(446, 436, 4, true, 1);
    const label = placeKeyLabel('x'.repeat(100), angleOf(620, 1000), WALK_KEY_CHAR_PX, tokenMarks(WALK_TOKENS, 1000, g), g);
    expect(label.isWhole).toBe(false);
    expect(label.lines.at(-1)).toMatch(/…$/);
    expect(shorterNames('row-near-the-end')[0]).toBe('row-near-the-end');
    expect(shorterNames('row-near-the-end').at(-1)).toBe('row-…');
    for (const name of shorterNames('🛒🛒🛒🛒🛒🛒🛒🛒')) expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
