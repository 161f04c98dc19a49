/**
 * The teaching ring's token marks and their labels (pure): the ticks, the labels spread round
 * the circle clear of one another and of the caption in the panel's corner (spread.ts), the
 * leader lines of labels moved aside, and where the ring's "0" goes among them. The ring's
 * geometry is in ring-layout.ts.
 */
import { overlap, type Box } from './message-labels';
import { spreadLabelAngles, type LabelSizes } from './spread';
import { anchorBox, angleOf, keepInside, labelAnchor, polar, type Point, type RingGeometry } from './ring-layout';

const TAU = Math.PI * 2;

export interface TokenMark {
  readonly pos: number;
  readonly node: string;
  /** What its label calls the node: its id, or its short name when ids are long (`tokenMarks`). */
  readonly name: string;
  readonly inner: Point;
  readonly outer: Point;
  readonly label: Point;
  readonly angle: number;
  /** Where the label is, around the circle: the token's angle, unless a close neighbour's label pushed it aside. */
  readonly labelAngle: number;
  /** A label pushed well aside is tied to its tick by a thin line, from the tick's end to the label's side of the ring. */
  readonly leader: { readonly from: Point; readonly to: Point } | null;
}

/** A token label moved more than this far round the ring from its tick gets a leader line to it. */
const LEADER_MIN_PX = 16;

/** Space kept between two token labels' boxes on the teaching ring, px. */
const LABEL_MARGIN_PX = 6;

/**
 * The token marks and labels. `avoid`: a box no label may cover (the ring's caption, when it
 * is in the panel's corner): labels that would are moved along the circle, out of its way.
 */
export function tokenMarks(tokens: readonly { readonly pos: number; readonly node: string }[], ringSize: number, g: RingGeometry, names?: ReadonlyMap<string, string>, avoid?: Box): TokenMark[] {
  const nameOf = (node: string) => names?.get(node) ?? node;
  // Teaching ring: ticks across the ring line. MD5 ring: ticks outside it, leaving the inside edge to the keys.
  const [innerR, outerR] = g.isDetailed ? [g.radius - 13, g.radius + 13] : [g.radius + 1, g.radius + 11];
  const labelR = g.radius + 24;
  const angles = tokens.map(({ pos }) => angleOf(pos, ringSize));
  const sizes = labelSizes(tokens.map((t) => ({ pos: t.pos, node: nameOf(t.node) })));
  const labelAngles = g.isDetailed ? spreadLabelAngles(angles, labelR, sizes, avoid ? arcCovering(avoid, labelR, sizes, g) : null) : angles;
  return tokens.map(({ pos, node }, i) => {
    const angle = angles[i]!;
    const labelAngle = labelAngles[i]!;
    const turn = Math.abs(((labelAngle - angle + 3 * Math.PI) % TAU) - Math.PI);
    const leader = g.isDetailed && turn * labelR > LEADER_MIN_PX ? { from: polar(g, angle, outerR + 2), to: polar(g, labelAngle, labelR - 4) } : null;
    const name = nameOf(node);
    return { pos, node, name, angle, labelAngle, leader, inner: polar(g, angle, innerR), outer: polar(g, angle, outerR), label: tokenLabelAt(name, pos, labelAngle, labelR, g) };
  });
}

/** A token label's anchor point, moved in just enough to stay inside the panel ("node1" beside 300 lost its "1" at the panel's edge). */
function tokenLabelAt(node: string, pos: number, labelAngle: number, labelR: number, g: RingGeometry): Point {
  const at = polar(g, labelAngle, labelR);
  if (!g.isDetailed) return at;
  const anchor = labelAnchor(labelAngle);
  const chars = anchor === 'middle' ? node.length + 1 + String(pos).length : Math.max(node.length, String(pos).length);
  return { x: keepInside(at.x, anchor, chars * TOKEN_CHAR_PX, g.width), y: at.y };
}

/** The widest token label, px: two lines ("node2" over "728") on the sides, one ("node4 648") at the top and bottom. */
function labelSizes(tokens: readonly { readonly pos: number; readonly node: string }[]): LabelSizes {
  let side = 0;
  let line = 0;
  for (const { pos, node } of tokens) {
    side = Math.max(side, Math.max(node.length, String(pos).length) * TOKEN_CHAR_PX);
    line = Math.max(line, (node.length + 1 + String(pos).length) * TOKEN_CHAR_PX);
  }
  return { sideWidth: side + LABEL_MARGIN_PX, sideHeight: 40 + LABEL_MARGIN_PX, lineWidth: line + LABEL_MARGIN_PX };
}

/** Steps around the circle at which `arcCovering` tries a label. */
const ARC_STEPS = 720;

/**
 * The arc of the label circle where the widest token label would cover `box` (2 px kept
 * clear), clockwise from `from` to `to`, free steps between covering ones included; null
 * when none would, or every angle would.
 */
function arcCovering(box: Box, labelR: number, sizes: LabelSizes, g: RingGeometry): { from: number; to: number } | null {
  const clear = { x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4 };
  const covers = Array.from({ length: ARC_STEPS }, (_, k) => {
    const angle = ((k + 0.5) / ARC_STEPS) * TAU;
    const at = polar(g, angle, labelR);
    const anchor = labelAnchor(angle);
    const [width, height] = anchor === 'middle' ? [sizes.lineWidth, 20] : [sizes.sideWidth, 40];
    return overlap(anchorBox(keepInside(at.x, anchor, width, g.width), anchor, width, at.y - height / 2, height), clear) > 0;
  });
  const covering = covers.indexOf(true);
  if (covering < 0 || !covers.includes(false)) return null;
  // Every covering step, in one arc: all but the longest run of free steps. Where the anchor
  // changes near the top a label's box jumps, and the steps that cover come in more than one run.
  let gap = { start: 0, length: 0 };
  let start = -1;
  for (let i = 1; i <= ARC_STEPS; i++) {
    const k = (covering + i) % ARC_STEPS;
    if (!covers[k] && start < 0) start = k;
    if (covers[k] && start >= 0) {
      const length = (k - start + ARC_STEPS) % ARC_STEPS;
      if (length > gap.length) gap = { start, length };
      start = -1;
    }
  }
  const best = { start: gap.start + gap.length, length: ARC_STEPS - gap.length };
  // Ends half a step past the free steps either side: a label's box jumps where its anchor changes (at ±5.7° from the top), between two steps.
  // Both in [0, 2π), as the label scale reads them (a run that starts at step 0 began just before it).
  const turn = (step: number) => (((step + ARC_STEPS) % ARC_STEPS) / ARC_STEPS) * TAU;
  return { from: turn(best.start - 1), to: turn(best.start + best.length + 1) };
}

/** Where the ring's "0" is written: left of the tick at the top, or to its right, or just inside the ring. */
export type OriginSide = 'left' | 'right' | 'inside';

/** The box of the ring's "0" (18 px bold, 10 px beside the tick at the top) on each side. */
export function originBox(side: OriginSide, g: RingGeometry): Box {
  const top = side === 'inside' ? g.cy - g.radius + 10 : g.cy - g.radius - 36;
  return { x: side === 'right' ? g.cx + 10 : g.cx - 22, y: top, width: 12, height: 16 };
}

/**
 * Where the ring's "0" goes: left of the tick, unless a token's label is there (a crowded
 * ring's labels, moved round out of the caption's way, reach the top): then right of it,
 * or just inside the ring when labels are on both sides.
 */
export function originSide(marks: readonly TokenMark[], g: RingGeometry): OriginSide {
  const boxes = tokenLabelBoxes(marks, g);
  const isFree = (side: OriginSide) => boxes.every((b) => overlap(b, originBox(side, g)) === 0);
  return isFree('left') ? 'left' : isFree('right') ? 'right' : 'inside';
}

/** About how wide one character of a token's label is (17 px bold: "node4" measures 59 px), a little over rather than under. */
const TOKEN_CHAR_PX = 12;

/** The boxes of the tokens' labels, drawn on the teaching ring only. */
export function tokenLabelBoxes(marks: readonly TokenMark[], g: RingGeometry): Box[] {
  return g.isDetailed ? marks.map(tokenLabelBox) : [];
}

/** The box of a token's label (see TokenLabel): one line "B 230" above and below the ring, the node over its position on the sides. */
function tokenLabelBox(m: TokenMark): Box {
  const anchor = labelAnchor(m.labelAngle);
  if (anchor === 'middle') return anchorBox(m.label.x, anchor, (m.name.length + 1 + String(m.pos).length) * TOKEN_CHAR_PX, m.label.y - 10, 20);
  return anchorBox(m.label.x, anchor, Math.max(m.name.length, String(m.pos).length) * TOKEN_CHAR_PX, m.label.y - 20, 40);
}

/**
 * The letters of the tokens' labels, line by line, without the room their boxes keep around them:
 * capitals 12 px over each baseline (TokenLabel's), 4 px under an id's letters that hang, nothing
 * under a position's digits. A key's name must not cover these (key-labels.ts); the boxes are for
 * what keeps its distance.
 */
export function tokenLabelLetters(marks: readonly TokenMark[], g: RingGeometry): Box[] {
  if (!g.isDetailed) return [];
  return marks.flatMap((m) => {
    const anchor = labelAnchor(m.labelAngle);
    const fall = /[gjpqy]/.test(m.name) ? 4 : 1;
    const pos = String(m.pos);
    // One line, its baseline 6 px under the label's point; two, 4 px over it (the id) and 15 under (the position).
    if (anchor === 'middle') return [anchorBox(m.label.x, anchor, (m.name.length + 1 + pos.length) * TOKEN_CHAR_PX, m.label.y - 6, 12 + fall)];
    return [anchorBox(m.label.x, anchor, m.name.length * TOKEN_CHAR_PX, m.label.y - 16, 12 + fall), anchorBox(m.label.x, anchor, pos.length * TOKEN_CHAR_PX, m.label.y + 3, 13)];
  });
}
