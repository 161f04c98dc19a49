import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nodeLoads, type WalkStep } from '../../engine/index';
import { angleOf, badgeFontFor, ringKeyName, captionBoxes, captionOffset, formatPosition, keepInside, labelAnchor, messagePoint, messageProgress, nodeAnchors, nodeRanges, ringGeometry, sideName, walkMarks } from './ring-layout';
import { originBox, originSide, tokenLabelBoxes, tokenMarks } from './token-labels';
import { spreadAngles, spreadAnglesAvoiding } from './spread';
import { TEACHING_GEOMETRY, TEACHING_TOKENS, anyStrategyRing, area, holdsPosition, lectureRings } from './ring-testing';
import { keyDots, ringLabelBoxes } from './key-labels';
import type { Box } from './message-labels';

const g = TEACHING_GEOMETRY;

describe('ring geometry', () => {
  it('puts position 0 at twelve o’clock and goes clockwise', () => {
    expect(angleOf(0, 1000)).toBe(0);
    expect(angleOf(250, 1000)).toBeCloseTo(Math.PI / 2);
    const [right] = tokenMarks([{ pos: 250, node: 'A' }], 1000, g);
    expect(right!.outer.x).toBeGreaterThan(g.cx);
    expect(right!.outer.y).toBeCloseTo(g.cy);
  });

  it('fits inside the box it is given', () => {
    expect(g.radius).toBeLessThan(250);
    expect(g.nodeRadius + g.badgeRadius).toBeLessThan(g.radius);
  });

  it('anchors a one-token node beside its token, and spreads many-token nodes evenly', () => {
    const nodes = TEACHING_TOKENS.map((t) => ({ id: t.node, tokens: [t.pos] }));
    expect(nodeAnchors(nodes, 1000, g).get('B')!.angle).toBeCloseTo(angleOf(230, 1000));
    const many = Array.from({ length: 4 }, (_, i) => ({ id: `n${i}`, tokens: [i * 10, i * 10 + 500] }));
    const anchors = nodeAnchors(many, 1000, ringGeometry(500, 500, 4, false));
    expect([...anchors.values()].map((a) => a.angle)).toEqual([0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2]);
  });

  it('a bigger stage never gives a smaller ring (property)', () => {
    // The old rule took the height beside the labels only under 300 px: at 1280×640 the lecture's
    // stage, 446×345, gave a radius of 92 where 481×245 (1024×576) gave 78 and 481×299 gave 105.
    expect(ringGeometry(446, 345, 4, true, 5).radius).toBeGreaterThanOrEqual(ringGeometry(481, 299, 4, true, 5).radius - (481 - 446) / 2);
    expect(ringGeometry(446, 345, 4, true, 5).radius).toBeGreaterThanOrEqual(120);
    fc.assert(
      fc.property(fc.integer({ min: 80, max: 1400 }), fc.integer({ min: 80, max: 1400 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.boolean(), fc.integer({ min: 1, max: 12 }), (w, h, dw, dh, isDetailed, longestId) => {
        expect(ringGeometry(w + dw, h + dh, 4, isDetailed, longestId).radius).toBeGreaterThanOrEqual(ringGeometry(w, h, 4, isDetailed, longestId).radius);
      }),
    );
  });

  it('leaves the label margin beside the ring and two lines above and below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 1400 }), fc.integer({ min: 300, max: 1400 }), fc.boolean(), fc.integer({ min: 1, max: 12 }), (w, h, isDetailed, longestId) => {
        const geo = ringGeometry(w, h, 4, isDetailed, longestId);
        const margin = isDetailed ? Math.max(66, 30 + 10 * longestId) : 40;
        expect(geo.radius === 40 || geo.radius + margin <= w / 2 + 1e-9).toBe(true);
        expect(geo.radius === 40 || geo.radius + Math.min(44, margin) <= h / 2 + 1e-9).toBe(true);
      }),
    );
  });

  it('anchors labels away from the ring', () => {
    expect(labelAnchor(0)).toBe('middle');
    expect(labelAnchor(Math.PI / 2)).toBe('start');
    expect(labelAnchor((3 * Math.PI) / 2)).toBe('end');
  });
});

describe('preference-list walk', () => {
  const walk: WalkStep[] = [
    { tokenIndex: 2, pos: 458, node: 'C', role: 'replica' },
    { tokenIndex: 3, pos: 850, node: 'D', role: 'replica' },
    { tokenIndex: 4, pos: 900, node: 'C', role: 'skipped' },
    { tokenIndex: 0, pos: 20, node: 'A', role: 'replica' },
    { tokenIndex: 1, pos: 230, node: 'B', role: 'fallback' },
  ];

  it('numbers the top N, marks skipped tokens and fallbacks, and goes clockwise past the top', () => {
    const marks = walkMarks(walk, 348, 1000, g, 8);
    expect(marks.map((m) => m.label)).toEqual(['1', '2', 'skip', '3', 'F1']);
    expect(marks.every((m) => m.arcPath.startsWith('M'))).toBe(true);
  });

  it("moves a stop out toward the ring where a node's badge sits on it, so the badge does not hide it", () => {
    const free = walkMarks(walk, 348, 1000, g, 8);
    const f1 = free.find((m) => m.label === 'F1')!;
    // A badge just inside F1's marker, as a node's badge sits by its token: the marker moves out, clear of it.
    const r = Math.hypot(f1.marker.x - g.cx, f1.marker.y - g.cy);
    const badge = { x: g.cx + ((f1.marker.x - g.cx) * (r - 26)) / r, y: g.cy + ((f1.marker.y - g.cy) * (r - 26)) / r };
    const marks = walkMarks(walk, 348, 1000, g, 8, [badge]);
    const moved = marks.find((m) => m.label === 'F1')!;
    expect(Math.hypot(f1.marker.x - badge.x, f1.marker.y - badge.y)).toBeLessThan(g.badgeRadius + 14);
    expect(Math.hypot(moved.marker.x - badge.x, moved.marker.y - badge.y)).toBeGreaterThanOrEqual(g.badgeRadius + 14 - 1e-9);
    expect(Math.hypot(moved.marker.x - g.cx, moved.marker.y - g.cy)).toBeLessThan(g.radius);
    // The other stops stay where they were.
    expect(marks.filter((m) => m.label !== 'F1').map((m) => m.marker)).toEqual(free.filter((m) => m.label !== 'F1').map((m) => m.marker));
  });

  it('stops after the fallbacks it is asked to draw', () => {
    expect(walkMarks(walk, 348, 1000, g, 0).map((m) => m.label)).toEqual(['1', '2', 'skip', '3']);
  });

  it('keeps markers of tokens close together apart', () => {
    const close: WalkStep[] = [
      { tokenIndex: 0, pos: 100, node: 'A', role: 'replica' },
      { tokenIndex: 1, pos: 101, node: 'B', role: 'replica' },
    ];
    const [a, b] = walkMarks(close, 99, 1000, ringGeometry(500, 500, 32, false), 2);
    expect(Math.hypot(a!.marker.x - b!.marker.x, a!.marker.y - b!.marker.y)).toBeGreaterThanOrEqual(29);
  });
});

describe('messages in flight', () => {
  it('are at the sender when sent, at the receiver when due, and clamp outside that', () => {
    const m = { sentAtMs: 10, deliverAtMs: 30 };
    expect(messageProgress(m, 10)).toBe(0);
    expect(messageProgress(m, 20)).toBe(0.5);
    expect(messageProgress(m, 99)).toBe(1);
    expect(messageProgress(m, 0)).toBe(0);
    expect(messageProgress({ sentAtMs: 5, deliverAtMs: 5 }, 5)).toBe(1);
  });

  it('travel between badge edges, offset to one side so a reply does not hide its request', () => {
    const from = { x: 0, y: 0 };
    const to = { x: 100, y: 0 };
    expect(messagePoint(from, to, 0, 10, 0)).toEqual({ x: 14, y: 0 });
    expect(messagePoint(from, to, 1, 10, 0)).toEqual({ x: 86, y: 0 });
    const there = messagePoint(from, to, 0.5, 10, 5)!;
    const back = messagePoint(to, from, 0.5, 10, 5)!;
    expect(there.y).toBe(-back.y);
    expect(messagePoint(from, from, 0.5, 10, 5)).toBeNull();
  });
});

describe('node ranges and load', () => {
  it('gives each token the range from the previous token, wrapping past the top', () => {
    expect(nodeRanges(TEACHING_TOKENS, 1000, 'A')).toEqual({ ranges: [[850, 20]], share: 0.17 });
    expect(nodeRanges(TEACHING_TOKENS, 1000, 'C')).toEqual({ ranges: [[230, 458]], share: 0.228 });
  });

  it('under strategies 2 and 3 gives whole partitions, as the engine places keys: the same ranges and shares as its ownership, on any ring', () => {
    fc.assert(
      fc.property(anyStrategyRing, ({ ring, ringSize, tokens }) => {
        for (const load of nodeLoads(ring, 1)) {
          const drawn = nodeRanges(tokens, ringSize, load.node, ring.partitionCount);
          expect(drawn.share).toBeCloseTo(load.primaryShare, 9);
          for (let p = 0; p < ringSize; p += 7) expect(holdsPosition(drawn.ranges, p), `${load.node} at ${p}`).toBe(holdsPosition(load.primaryRanges, p));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lecture 002, strategy 2: the same tokens as strategy 1, but shares in whole partitions', () => {
    const tokens = [['node4', 116], ['node3', 177], ['node3', 338], ['node2', 396], ['node4', 430], ['node1', 505], ['node4', 648], ['node2', 728], ['node1', 762], ['node2', 824], ['node3', 852], ['node1', 877]].map(([node, pos]) => ({ node: node as string, pos: pos as number }));
    const share = (node: string, q: number) => Number(nodeRanges(tokens, 1200, node, q).share.toFixed(4));
    expect(['node1', 'node2', 'node3', 'node4'].map((n) => share(n, 0))).toEqual([0.1117, 0.1667, 0.2083, 0.5133]);
    expect(['node1', 'node2', 'node3', 'node4'].map((n) => share(n, 12))).toEqual([0.0833, 0.1667, 0.1667, 0.5833]);
    // node4's seven partitions: each goes to the first token at or after its end (400 → node4 at 430, 600 → 648, 900, 1000, 1100, 0 and 100 → 116).
    expect(nodeRanges(tokens, 1200, 'node4', 12).ranges).toEqual([[1100, 100], [300, 400], [500, 600], [800, 1100]]);
  });

  it('reads positions as integers on the teaching ring and percentages on the MD5 ring', () => {
    expect(formatPosition(458, 1000, true)).toBe('458');
    expect(formatPosition(2 ** 51, 2 ** 52, false)).toBe('50.0%');
  });
});

describe('crowded labels and badges', () => {
  const TAU = Math.PI * 2;
  const circularGaps = (angles: readonly number[]) => {
    const sorted = [...angles].sort((a, b) => a - b);
    return sorted.map((a, i) => (i + 1 < sorted.length ? sorted[i + 1]! - a : sorted[0]! + TAU - a));
  };

  it('moves the badges of lecture 000’s nodes at 117 and 141 apart, and the others hardly at all', () => {
    const g4 = ringGeometry(466, 470, 4, true, 5);
    const nodes = [
      { id: 'node1', tokens: [765] },
      { id: 'node2', tokens: [141] },
      { id: 'node3', tokens: [673] },
      { id: 'node4', tokens: [117] },
    ];
    const anchors = nodeAnchors(nodes, 1000, g4);
    const a2 = anchors.get('node2')!;
    const a4 = anchors.get('node4')!;
    expect(Math.hypot(a2.x - a4.x, a2.y - a4.y)).toBeGreaterThanOrEqual(2 * g4.badgeRadius + 5);
    // Still in ring order: node4 before node2, clockwise.
    expect(a4.angle).toBeLessThan(a2.angle);
    // node1 (765) and node3 (673) are just too close for badges that fit "node1" in readable
    // type: each gives way by a degree at most, no more.
    const degrees = (rad: number) => (rad * 180) / Math.PI;
    expect(Math.abs(degrees(anchors.get('node1')!.angle - angleOf(765, 1000)))).toBeLessThan(2);
    expect(Math.abs(degrees(anchors.get('node3')!.angle - angleOf(673, 1000)))).toBeLessThan(2);
    const a1 = anchors.get('node1')!;
    const a3 = anchors.get('node3')!;
    expect(Math.hypot(a1.x - a3.x, a1.y - a3.y)).toBeGreaterThanOrEqual(2 * g4.badgeRadius + 5);
  });

  it('a detailed badge fits a five-character id in at least 12 px type', () => {
    const g = ringGeometry(466, 470, 4, true, 5);
    expect(badgeFontFor(g.badgeRadius, 5, 20)).toBeGreaterThanOrEqual(12);
    expect(badgeFontFor(g.badgeRadius, 1, 20)).toBe(20);
  });

  it("keeps every built-in lecture's token labels off the caption in the panel's corner, and off the ring's 0, on lecture stages from 1280×720 to 1024×576", () => {
    const clear = (a: Box, b: Box) => area(a, b) === 0;
    for (const { where, ring, ringSize } of lectureRings()) {
      const ids = ring.nodes.map((n) => n.id);
      // The ring's stage in a lecture at 1280×720, 1280×640 and 1024×576.
      for (const [w, h] of [[446, 425], [446, 345], [372, 330]] as const) {
        const geometry = ringGeometry(w, h, ids.length, true, Math.max(...ids.map((n) => n.length)));
        const caption = captionBoxes(null, geometry)[0]!;
        const marks = tokenMarks(ring.tokens, ringSize, geometry, undefined, caption);
        const zero = originBox(originSide(marks, geometry), geometry);
        for (const [i, box] of tokenLabelBoxes(marks, geometry).entries()) {
          expect(clear(box, caption), `${where}, ${w}×${h}: ${marks[i]!.name} ${marks[i]!.pos} on the caption`).toBe(true);
          expect(clear(box, zero), `${where}, ${w}×${h}: ${marks[i]!.name} ${marks[i]!.pos} on the 0`).toBe(true);
        }
      }
    }
  });

  it('keeps any few token labels off a box in any place, at finite angles', () => {
    const g4 = ringGeometry(446, 425, 4, true, 5);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 6 }),
        fc.record({ x: fc.integer({ min: 0, max: 400 }), y: fc.integer({ min: 0, max: 400 }), width: fc.integer({ min: 20, max: 160 }), height: fc.integer({ min: 16, max: 50 }) }),
        (positions, box) => {
          const marks = tokenMarks(positions.map((pos, i) => ({ pos, node: `node${i + 1}` })), 1000, g4, undefined, box);
          for (const m of marks) expect(Number.isFinite(m.labelAngle) && Number.isFinite(m.label.x) && Number.isFinite(m.label.y)).toBe(true);
          for (const [i, b] of tokenLabelBoxes(marks, g4).entries()) expect(area(b, box), `${marks[i]!.name} ${marks[i]!.pos}`).toBe(0);
        },
      ),
      // Found by this test: at 5.76° a label is anchored at its side, taller than the one line at 5.25°, and covered the box when only the longest covering run was avoided.
      { examples: [[[16], { x: 85, y: 0, width: 155, height: 27 }]] },
    );
  });

  it('writes the 0 left of the tick at the top, unless a token label is there', () => {
    const g4 = ringGeometry(446, 425, 4, true, 5);
    expect(originSide(tokenMarks([{ pos: 200, node: 'node1' }, { pos: 700, node: 'node2' }], 1000, g4), g4)).toBe('left');
    // node1 over 984, left of the top, reaches the 0's place; "node1 999", one line centred on the top, covers both sides of the tick.
    expect(originSide(tokenMarks([{ pos: 984, node: 'node1' }, { pos: 700, node: 'node2' }], 1000, g4), g4)).toBe('right');
    expect(originSide(tokenMarks([{ pos: 999, node: 'node1' }, { pos: 500, node: 'node2' }], 1000, g4), g4)).toBe('inside');
  });

  it('spreads the two close token labels and leaves the ticks where the tokens are', () => {
    const g4 = ringGeometry(466, 470, 4, true, 5);
    const marks = tokenMarks([{ pos: 117, node: 'node4' }, { pos: 141, node: 'node2' }, { pos: 673, node: 'node3' }], 1000, g4);
    expect(Math.hypot(marks[0]!.label.x - marks[1]!.label.x, marks[0]!.label.y - marks[1]!.label.y)).toBeGreaterThanOrEqual(49);
    expect(marks[0]!.angle).toBeCloseTo(angleOf(117, 1000));
    expect(marks[2]!.labelAngle).toBe(marks[2]!.angle);
  });

  it("keeps every token label of every built-in lecture's teaching ring clear of its neighbours, through each join and leave", () => {
    for (const { where, ring, ringSize } of lectureRings()) {
      const { tokens } = ring;
      const geometry = ringGeometry(466, 470, ring.nodes.length, true, Math.max(...ring.nodes.map((n) => n.id.length)));
      // The labels fit when the circle has room for them; a crowd beyond that is spread evenly.
      const boxes = tokenLabelBoxes(tokenMarks(tokens, ringSize, geometry), geometry);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(area(boxes[i]!, boxes[j]!), `${where}: ${tokens[i]!.node} ${tokens[i]!.pos} and ${tokens[j]!.node} ${tokens[j]!.pos}`).toBe(0);
    }
  });

  it('keeps angles apart by the gap, in their circular order, whatever they are', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: TAU, noNaN: true, maxExcluded: true }), { minLength: 2, maxLength: 24 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (angles, minGap) => {
        const out = spreadAngles(angles, minGap);
        const gap = Math.min(minGap, TAU / angles.length);
        expect(Math.min(...circularGaps(out))).toBeGreaterThanOrEqual(gap - 1e-6);
        // Circular order kept: sorting by the new angles gives the old order up to a rotation.
        const byOld = angles.map((_, i) => i).sort((a, b) => angles[a]! - angles[b]! || a - b);
        const byNew = out.map((_, i) => i).sort((a, b) => out[a]! - out[b]! || a - b);
        const shift = byNew.indexOf(byOld[0]!);
        expect(byOld.map((_, k) => byNew[(k + shift) % byNew.length])).toEqual(byOld);
      }),
    );
  });

  it('keeps angles out of an arc to avoid, apart by the gap (or evenly sharing the rest), in their circular order', () => {
    const wrap = (a: number) => ((a % TAU) + TAU) % TAU;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: TAU, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 24 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: TAU, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (angles, minGap, from, width) => {
          const to = wrap(from + width);
          const out = spreadAnglesAvoiding(angles, minGap, from, to);
          // Nothing strictly inside the arc clockwise from `from` to `to`.
          for (const a of out) expect(wrap(a - from) <= 1e-9 || wrap(a - from) >= width - 1e-9, `${a} in (${from}, ${to})`).toBe(true);
          if (angles.length > 1) expect(Math.min(...circularGaps(out))).toBeGreaterThanOrEqual(Math.min(minGap, (TAU - width) / (angles.length - 1), TAU / angles.length) - 1e-6);
          // Angles already clear of the arc and of one another stay exactly where they are.
          const isClear = (i: number) => wrap(angles[i]! - from) >= width && angles.every((b, j) => j === i || Math.min(wrap(b - angles[i]!), wrap(angles[i]! - b)) >= 2 * (angles.length * minGap + width));
          angles.forEach((a, i) => isClear(i) && expect(out[i]).toBe(a));
        },
      ),
    );
  });

  it('does not move angles that are already far enough apart', () => {
    expect(spreadAngles([0, 1, 2, 3], 0.5)).toEqual([0, 1, 2, 3]);
  });

  it('keeps badges apart on a small stage (a 720p projector at 125% zoom), and where they were on a big one', () => {
    const letters = [20, 230, 458, 850].map((pos, i) => ({ id: 'ABCD'[i]!, tokens: [pos] }));
    // The cart's ring at 853×480 (a 720p projector at 150% zoom): its badges lay on one another at the centre.
    const cart = [200, 400, 600, 800].map((pos, i) => ({ id: `node${i + 1}`, tokens: [pos] }));
    for (const [w, h, nodes] of [
      [488, 272, letters],
      [420, 230, letters],
      [395, 188, cart],
      [395, 215, cart],
    ] as const) {
      const g = ringGeometry(w, h, 4, true, Math.max(...nodes.map((n) => n.id.length)));
      const points = [...nodeAnchors(nodes, 1000, g).values()];
      for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y), `${w}×${h}`).toBeGreaterThan(2 * g.badgeRadius);
      // Still big enough for "node1" in type a hall reads.
      expect(g.badgeRadius, `${w}×${h}`).toBeGreaterThanOrEqual(16);
    }
    const big = ringGeometry(466, 470, 4, true, 5);
    expect(big.nodeRadius).toBe(big.radius - big.badgeRadius - 44);
  });

  it('moves the caption off the centre only when a badge covers it', () => {
    const g4 = ringGeometry(466, 470, 4, true, 5);
    expect(captionOffset([{ x: g4.cx, y: g4.cy - g4.nodeRadius }], g4)).toBe(0);
    const dy = captionOffset([{ x: g4.cx - 70, y: g4.cy + 10 }], g4);
    expect(dy).not.toBe(0);
    expect(dy !== null && (dy < -16 - g4.badgeRadius || dy > g4.badgeRadius)).toBe(true);
    // Badges above and below the centre everywhere: no room inside, so the corner.
    const wall = Array.from({ length: 24 }, (_, i) => ({ x: g4.cx - 80 + i * 7, y: g4.cy + (i % 2 === 0 ? -40 : 50) }));
    expect(captionOffset([...wall, { x: g4.cx, y: g4.cy }], g4)).toBeNull();
  });

  it('moves a long key label in from the panel edge, and leaves one that fits', () => {
    expect(keepInside(60, 'end', 90, 466)).toBe(94);
    expect(keepInside(420, 'start', 90, 466)).toBe(372);
    expect(keepInside(200, 'middle', 90, 466)).toBe(200);
  });
});

describe('long keys', () => {
  it('the ring writes at most 20 characters of a key, and a key that fits whole', () => {
    expect(ringKeyName('cart')).toBe('cart');
    expect(ringKeyName('k'.repeat(20))).toBe('k'.repeat(20));
    expect(ringKeyName('k'.repeat(256))).toBe(`${'k'.repeat(19)}…`);
    // Cut between characters, not inside an emoji's pair of UTF-16 units.
    expect(ringKeyName('🛒'.repeat(30))).toBe(`${'🛒'.repeat(19)}…`);
    // Named as the messages' labels name it: an odd key quoted, a bidi control escaped.
    expect(ringKeyName('my cart')).toBe('"my cart"');
    expect(ringKeyName('x\u202eabc')).toBe('"x\\u202eabc"');
    expect(ringKeyName('עגלה')).toBe('עגלה');
    const g = ringGeometry(466, 470, 4, true, 1);
    const [dot] = keyDots([{ key: 'x'.repeat(256), pos: 600 }], 1000, g);
    const box = ringLabelBoxes([], [dot!], g, null)[0]!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(466);
  });
});

describe('leader lines', () => {
  it('ties a token label pushed well aside to its tick, and leaves labels at their ticks without one', () => {
    const g4 = ringGeometry(466, 470, 4, true, 5);
    const marks = tokenMarks([{ pos: 700, node: 'node1' }, { pos: 710, node: 'node2' }, { pos: 720, node: 'node3' }, { pos: 200, node: 'node4' }], 1000, g4);
    expect(marks[3]!.leader).toBeNull();
    const moved = marks.filter((m) => m.leader !== null);
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) expect(Math.hypot(m.leader!.from.x - m.outer.x, m.leader!.from.y - m.outer.y)).toBeLessThan(4);
    expect(tokenMarks([{ pos: 700, node: 'A' }, { pos: 710, node: 'B' }], 1000, ringGeometry(466, 470, 2, false)).every((m) => m.leader === null)).toBe(true);
  });
});

describe('sideName', () => {
  it('names a split\'s sides I, II, III…, nothing like the walk\'s 1, 2, 3 on the same badges', () => {
    expect([1, 2, 3, 4, 5, 6].map(sideName)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
  });
});
