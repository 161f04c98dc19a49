import { describe, expect, it } from 'vitest';
import type { WalkStep } from '../../engine/index';
import { angleOf, formatPosition, labelAnchor, messagePoint, messageProgress, nodeAnchors, nodeRanges, ringGeometry, tokenMarks, walkMarks } from './ring-layout';

const TEACHING_TOKENS = [
  { pos: 20, node: 'A' },
  { pos: 230, node: 'B' },
  { pos: 458, node: 'C' },
  { pos: 850, node: 'D' },
];
const g = ringGeometry(500, 500, 4, true);

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

  it('reads positions as integers on the teaching ring and percentages on the MD5 ring', () => {
    expect(formatPosition(458, 1000, true)).toBe('458');
    expect(formatPosition(2 ** 51, 2 ** 52, false)).toBe('50.0%');
  });
});
