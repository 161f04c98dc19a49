/**
 * The teaching ring's token marks and their labels (pure): the ticks, the labels spread round
 * the circle clear of one another and of the caption in the panel's corner (spread.ts), the
 * leader lines of labels moved aside, and where the ring's "0" goes among them. Where whole
 * labels ("node3 852") would crowd, the crowd's labels give only their positions ("852"), and
 * where even those do not fit, some give nothing: the tick's colour and tooltip name its node.
 * The ring's geometry is in ring-layout.ts.
 */
import { overlap, type Box } from './message-labels';
import { spreadLabelAngles, type LabelSizes } from './spread';
import { anchorBox, angleOf, keepInside, labelAnchor, polar, type Point, type RingGeometry } from './ring-layout';

const TAU = Math.PI * 2;

/**
 * What a token's label says: its node and position ("node3 852", two lines on the ring's
 * sides), only its position ("852", one line), or nothing. The node's name is then the tick's
 * tooltip and accessible name, and its colour.
 */
export type TokenLabelKind = 'named' | 'position' | 'none';

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
  /** What the label says (`placeLabels`): on the MD5 ring, where no label is drawn, 'named'. */
  readonly labelKind: TokenLabelKind;
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
  const texts = tokens.map((t) => ({ pos: t.pos, name: nameOf(t.node) }));
  const placed = g.isDetailed ? placeLabels(texts, angles, { labelR, g, avoid }) : { labelAngles: angles, kinds: texts.map(() => 'named' as const) };
  return tokens.map(({ pos, node }, i) => {
    const angle = angles[i]!;
    const labelAngle = placed.labelAngles[i]!;
    const labelKind = placed.kinds[i]!;
    const turn = Math.abs(((labelAngle - angle + 3 * Math.PI) % TAU) - Math.PI);
    const leader = g.isDetailed && labelKind !== 'none' && turn * labelR > LEADER_MIN_PX ? { from: polar(g, angle, outerR + 2), to: polar(g, labelAngle, labelR - 4) } : null;
    const name = nameOf(node);
    return { pos, node, name, angle, labelAngle, leader, labelKind, inner: polar(g, angle, innerR), outer: polar(g, angle, outerR), label: tokenLabelAt({ name, pos }, labelKind, labelAngle, labelR, g) };
  });
}

/** Where the labels go round the ring: the circle of their anchors, the ring's geometry, and a box none may cover. */
interface LabelCircle {
  readonly labelR: number;
  readonly g: RingGeometry;
  readonly avoid: Box | undefined;
}

type LabelText = { readonly pos: number; readonly name: string };

/**
 * A label moved further than this round the ring from its tick no longer reads as that tick's:
 * the partitioning lecture's 15 tokens sent "node1 877" 88 px up the ring's side, into a
 * column of four labels whose names and positions read as one list.
 */
const MOST_LABEL_MOVE_PX = 60;

/**
 * The most tokens whose labels are placed. Placing is quadratic in the labels, and runs for each
 * of the few ring sizes tried to make room for a selected key's name: a teaching ring of 512
 * tokens (a scenario file's `ringSize`) took 0.4 s a try, where 64 take under 10 ms.
 */
export const MOST_PLACED_LABELS = 64;

/**
 * Each token label's angle and what it says. Whole labels, spread clear of one another, where
 * each of a crowd stays near its tick; a crowd that would send one further gives only its
 * positions (`shortLabels`), and then each label with room for it where it stands gets back
 * its position, then its node's name. Deterministic: the same tokens on the same stage give
 * the same labels.
 */
function placeLabels(texts: readonly LabelText[], angles: readonly number[], circle: LabelCircle): { labelAngles: number[]; kinds: TokenLabelKind[] } {
  // No label, each tick named by its tooltip, as on the MD5 ring: past this many the labels that fit are a scattered few.
  if (texts.length > MOST_PLACED_LABELS) return { labelAngles: [...angles], kinds: texts.map(() => 'none') };
  const kinds = texts.map((): TokenLabelKind => 'named');
  const whole = spreadAs(texts, angles, kinds, circle);
  for (const crowd of farCrowds(texts, angles, whole, kinds, circle)) for (const i of crowd) kinds[i] = 'position';
  // Boxes that only touch pass here, as they did before labels gave way: the spread keeps its margin where the circle has room.
  if (!kinds.includes('position') && crowdedOut(boxesOf(texts, kinds, whole, circle), kinds, ringOrder(whole), circle.avoid, 0).length === 0) return { labelAngles: whole, kinds };
  const labelAngles = shortLabels(texts, angles, whole, kinds, circle);
  // A label that gave way where a crowd thinned out comes back, at its tick, if it has room there; then names, where they have room.
  for (const [from, to] of [['none', 'position'], ['position', 'named']] as const) {
    for (const i of ringOrder(angles)) {
      if (kinds[i] !== from) continue;
      kinds[i] = to;
      if (crowdedOut(boxesOf(texts, kinds, labelAngles, circle), kinds, ringOrder(labelAngles), circle.avoid, LABEL_MARGIN_PX, i).length > 0) kinds[i] = from;
    }
  }
  return { labelAngles, kinds };
}

/**
 * The labels' angles once the crowds' labels say only their positions, spread as whole labels
 * are (`kinds` is changed to say what each label says). Where even positions would cover one
 * another or go far from their ticks, every other one of the crowd gives way, in the ring's
 * order, until the rest fit; a whole label in their way gives up its name first.
 */
function shortLabels(texts: readonly LabelText[], angles: readonly number[], whole: readonly number[], kinds: TokenLabelKind[], circle: LabelCircle): number[] {
  const asPositions = () => kinds.map((k) => (k === 'none' ? k : 'position'));
  let short = spreadAs(texts, angles, asPositions(), circle);
  const mixed = () => kinds.map((k, i) => (k === 'named' ? whole[i]! : short[i]!));
  // Half the margin: the spread keeps the whole of it where it has room, give or take the curve's pixel.
  const near = LABEL_MARGIN_PX / 2;
  // Each round takes names, or else labels, away, so this ends.
  for (;;) {
    const at = mixed();
    const [boxes, order] = [boxesOf(texts, kinds, at, circle), ringOrder(at)];
    const out = crowdedOut(boxes, kinds, order, circle.avoid, near);
    const far = farCrowds(texts, angles, short, asPositions(), circle).map((crowd) => crowd.filter((i) => kinds[i] === 'position')).filter((crowd) => crowd.length > 1);
    if (out.length === 0 && far.length === 0) return at;
    const names = kinds.flatMap((k, i) => (k === 'named' && crowdedOut(boxes, kinds, order, circle.avoid, near, i).length > 0 ? [i] : []));
    for (const i of names) kinds[i] = 'position';
    if (names.length > 0) continue;
    for (const i of out.length > 0 ? out : far.flatMap((crowd) => crowd.filter((_, k) => k % 2 === 1))) kinds[i] = 'none';
    short = spreadAs(texts, angles, asPositions(), circle);
  }
}

/**
 * The crowds of two or more labels (of `kinds`, at `labelAngles`) in which one was moved further
 * than MOST_LABEL_MOVE_PX from its tick, each in the ring's order. A crowd is a run of labels
 * each within twice the margin of the next, as the spread packs them. A label alone that far
 * was moved out of the caption's way: its leader line ties it to its tick.
 */
function farCrowds(texts: readonly LabelText[], angles: readonly number[], labelAngles: readonly number[], kinds: readonly TokenLabelKind[], circle: LabelCircle): number[][] {
  const order = ringOrder(labelAngles).filter((i) => kinds[i] !== 'none');
  const n = order.length;
  const all = boxesOf(texts, kinds, labelAngles, circle);
  const isFar = (i: number) => Math.abs(((labelAngles[i]! - angles[i]! + 3 * Math.PI) % TAU) - Math.PI) * circle.labelR > MOST_LABEL_MOVE_PX;
  const isPackedWithNext = (k: number) => n > 1 && !isApart(all[order[k]!]!, all[order[(k + 1) % n]!]!, 2 * LABEL_MARGIN_PX);
  // From a label that starts a crowd (one whole crowd round the ring when none does).
  const first = Math.max(0, order.findIndex((_, k) => !isPackedWithNext((k - 1 + n) % n)));
  const out: number[][] = [];
  let crowd: number[] = [];
  for (let step = 0; step < n; step++) {
    const k = (first + step) % n;
    crowd.push(order[k]!);
    if (step < n - 1 && isPackedWithNext(k)) continue;
    if (crowd.length > 1 && crowd.some(isFar)) out.push(crowd);
    crowd = [];
  }
  return out;
}

/** The labels' boxes, of `kinds`, at `labelAngles` (a label of kind 'none' has an empty one). */
function boxesOf(texts: readonly LabelText[], kinds: readonly TokenLabelKind[], labelAngles: readonly number[], { labelR, g }: LabelCircle): Box[] {
  return texts.map((text, i) => labelBox(text, kinds[i]!, tokenLabelAt(text, kinds[i]!, labelAngles[i]!, labelR, g), labelAngles[i]!));
}

/** The angles of the labels of kind `kinds` spread clear of one another (and of `avoid`); a label of kind 'none' stays at its token. */
function spreadAs(texts: readonly LabelText[], angles: readonly number[], kinds: readonly TokenLabelKind[], { labelR, g, avoid }: LabelCircle): number[] {
  const shown = kinds.flatMap((k, i) => (k === 'none' ? [] : [i]));
  const kind = kinds.includes('named') ? 'named' : 'position';
  const sizes = labelSizes(shown.map((i) => texts[i]!), kind);
  const spread = spreadLabelAngles(shown.map((i) => angles[i]!), labelR, sizes, avoid ? arcCovering(avoid, labelR, sizes, g) : null);
  const out = [...angles];
  shown.forEach((i, k) => (out[i] = spread[k]!));
  return out;
}

/** Whether two boxes are at least `margin` px apart. */
function isApart(a: Box, b: Box, margin: number): boolean {
  return overlap({ x: a.x - margin, y: a.y - margin, width: a.width + 2 * margin, height: a.height + 2 * margin }, b) === 0;
}

/**
 * The labels (`boxes`, of kind `kinds`, in `order`) that would come within `margin` px of one
 * drawn before them, or cover `avoid`: each crowd keeps its first, third… label. With `only`,
 * that label if it comes so near any other.
 */
function crowdedOut(boxes: readonly Box[], kinds: readonly TokenLabelKind[], order: readonly number[], avoid: Box | undefined, margin: number, only?: number): number[] {
  const isClearOfAvoid = (b: Box) => !avoid || isApart(b, avoid, 2);
  const shown = order.filter((i) => kinds[i] !== 'none');
  if (only !== undefined) return isClearOfAvoid(boxes[only]!) && shown.every((j) => j === only || isApart(boxes[only]!, boxes[j]!, margin)) ? [] : [only];
  const kept: Box[] = [];
  const out: number[] = [];
  for (const i of shown) {
    if (isClearOfAvoid(boxes[i]!) && kept.every((b) => isApart(boxes[i]!, b, margin))) kept.push(boxes[i]!);
    else out.push(i);
  }
  return out;
}

/** The indices of `angles` in the ring's clockwise order from its top (ties in their own order). */
function ringOrder(angles: readonly number[]): number[] {
  return angles.map((_, i) => i).sort((a, b) => angles[a]! - angles[b]! || a - b);
}

/** A token label's anchor point, moved in just enough to stay inside the panel ("node1" beside 300 lost its "1" at the panel's edge). */
function tokenLabelAt(text: LabelText, kind: TokenLabelKind, labelAngle: number, labelR: number, g: RingGeometry): Point {
  const at = polar(g, labelAngle, labelR);
  if (!g.isDetailed) return at;
  const anchor = labelAnchor(labelAngle);
  return { x: keepInside(at.x, anchor, labelChars(text, kind, anchor) * TOKEN_CHAR_PX, g.width), y: at.y };
}

/** How many characters wide a label is: "node4 648" on one line at the top and bottom, "node2" over "728" on the sides, or "728". */
function labelChars({ pos, name }: LabelText, kind: TokenLabelKind, anchor: 'start' | 'middle' | 'end'): number {
  const digits = String(pos).length;
  if (kind === 'none') return 0;
  if (kind === 'position') return digits;
  return anchor === 'middle' ? name.length + 1 + digits : Math.max(name.length, digits);
}

/** The box of a label anchored at `at`: two lines (40 px) for a named one on the ring's sides, one line (20 px) else. */
function labelBox(text: LabelText, kind: TokenLabelKind, at: Point, labelAngle: number): Box {
  const anchor = labelAnchor(labelAngle);
  const height = kind === 'named' && anchor !== 'middle' ? 40 : 20;
  return anchorBox(at.x, anchor, labelChars(text, kind, anchor) * TOKEN_CHAR_PX, at.y - height / 2, height);
}

/**
 * The room the widest label of `kind` takes, px, its margin included: named, two lines ("node2"
 * over "728") on the sides and one ("node4 648") at the top and bottom; a position, one line.
 */
function labelSizes(texts: readonly LabelText[], kind: 'named' | 'position'): LabelSizes {
  let side = 0;
  let line = 0;
  for (const text of texts) {
    side = Math.max(side, labelChars(text, kind, 'start') * TOKEN_CHAR_PX);
    line = Math.max(line, labelChars(text, kind, 'middle') * TOKEN_CHAR_PX);
  }
  return { sideWidth: side + LABEL_MARGIN_PX, sideHeight: (kind === 'named' ? 40 : 20) + LABEL_MARGIN_PX, lineWidth: line + LABEL_MARGIN_PX };
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
    const [width, height] = anchor === 'middle' ? [sizes.lineWidth, 20] : [sizes.sideWidth, sizes.sideHeight - LABEL_MARGIN_PX];
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
 * or just inside the ring when labels are on both sides. A label's margin away: "0" just after
 * "B 10" read as "B 100".
 */
export function originSide(marks: readonly TokenMark[], g: RingGeometry): OriginSide {
  const boxes = tokenLabelBoxes(marks, g);
  const isFree = (side: OriginSide) => boxes.every((b) => isApart(b, originBox(side, g), LABEL_MARGIN_PX));
  return isFree('left') ? 'left' : isFree('right') ? 'right' : 'inside';
}

/** About how wide one character of a token's label is (17 px bold: "node4" measures 59 px), a little over rather than under. */
const TOKEN_CHAR_PX = 12;

/** The boxes of the tokens' labels, drawn on the teaching ring only (a label of kind 'none' has none). */
export function tokenLabelBoxes(marks: readonly TokenMark[], g: RingGeometry): Box[] {
  return g.isDetailed ? marks.flatMap((m) => (m.labelKind === 'none' ? [] : [labelBox(m, m.labelKind, m.label, m.labelAngle)])) : [];
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
    if (m.labelKind === 'none') return [];
    // One line of digits, its baseline 6 px under the label's point.
    if (m.labelKind === 'position') return [anchorBox(m.label.x, anchor, pos.length * TOKEN_CHAR_PX, m.label.y - 6, 13)];
    // One line, its baseline 6 px under the label's point; two, 4 px over it (the id) and 15 under (the position).
    if (anchor === 'middle') return [anchorBox(m.label.x, anchor, (m.name.length + 1 + pos.length) * TOKEN_CHAR_PX, m.label.y - 6, 12 + fall)];
    return [anchorBox(m.label.x, anchor, m.name.length * TOKEN_CHAR_PX, m.label.y - 16, 12 + fall), anchorBox(m.label.x, anchor, pos.length * TOKEN_CHAR_PX, m.label.y + 3, 13)];
  });
}
