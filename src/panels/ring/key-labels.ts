/**
 * Where the teaching ring writes a key's name: outside the ring at the key's angle, turned
 * (within the key's own arc, never past a neighbouring token, which would put the name in
 * another node's range) to clear the tokens' labels, and on two lines where one would not
 * fit beside the ring. A name turned away from its key is tied to it by a dashed arc.
 */
import { overlap, type Box } from './message-labels';
import { KEY_CHAR_PX, WALK_KEY_CHAR_PX, anchorBox, angleOf, keepInside, labelAnchor, polar, ringKeyName, tokenLabelBoxes, type Point, type RingGeometry, type TokenMark } from './ring-layout';

export interface KeyLabel {
  /** The angle the name is written at. */
  readonly angle: number;
  /** One line, or two where one would not fit beside the ring ("row-near-" / "the-end"). */
  readonly lines: readonly string[];
  readonly x: number;
  /** The first line's baseline. */
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  /** The dashed arc from the key to its name, when the name turned more than 8° away. */
  readonly leader: string | null;
}

export interface KeyDot extends Point {
  readonly key: string;
  readonly pos: number;
  readonly angle: number;
  /** Its name, on the teaching ring (`null` on the MD5 ring, which names no key beside the ring). */
  readonly label: KeyLabel | null;
}

/** Line height of a key's name. */
const LINE_PX = 19;
/** The most a name turns from its key, if its arc allows. */
const MAX_TURN = (80 * Math.PI) / 180;
/** Kept between a turned name and a neighbouring token's angle. */
const TOKEN_MARGIN = (3 * Math.PI) / 180;
const LEADER_MIN_TURN = (8 * Math.PI) / 180;
/** Pushed back by the panel's edge this far, a name is still clear of the ring (16 px out). */
const PUSH_ALLOWED_PX = 8;

export function keyDots(keys: readonly { readonly key: string; readonly pos: number }[], ringSize: number, g: RingGeometry, marks: readonly TokenMark[] = []): KeyDot[] {
  const r = g.isDetailed ? g.radius : g.radius - 6;
  return keys.map(({ key, pos }) => {
    const angle = angleOf(pos, ringSize);
    return { key, pos, angle, label: g.isDetailed ? placeKeyLabel(key, angle, KEY_CHAR_PX, marks, g) : null, ...polar(g, angle, r) };
  });
}

/** A key's name placed for type `charPx` wide a character (KEY_CHAR_PX, or WALK_KEY_CHAR_PX for the selected key). */
export function placeKeyLabel(key: string, angle: number, charPx: number, marks: readonly TokenMark[], g: RingGeometry): KeyLabel {
  const name = ringKeyName(key);
  const lines = pushedPx(angle, name.length * charPx, g) > PUSH_ALLOWED_PX ? splitName(name) : [name];
  const width = Math.max(...lines.map((l) => l.length)) * charPx;
  const tokenBoxes = tokenLabelBoxes(marks, g);
  const range = turnRange(angle, marks);
  const { turn, cost } = bestTurn(angle, width, lines, tokenBoxes, range, g, 0);
  // Crowded between two tokens' labels (lecture 004's "row" at 550, between "node4 600" and
  // "node3 500": it was set against "600" and read "600row"), the name may come in towards the ring.
  const inset = cost === 0 ? null : insetPlace(angle, width, lines, tokenBoxes, range, g);
  const at = labelAt(angle + (inset?.turn ?? turn), width, lines.length, g, inset?.insetPx ?? 0);
  const chosen = inset?.turn ?? turn;
  return { angle: angle + chosen, lines, ...at, leader: Math.abs(chosen) > LEADER_MIN_TURN ? leaderArc(angle, chosen, g) : null };
}

/** The boxes of the keys' names, the selected key's in the walk's larger type. */
function keyLabelBoxes(dots: readonly KeyDot[], marks: readonly TokenMark[], g: RingGeometry, selectedKey: string | null): Box[] {
  return dots.flatMap((d) => {
    if (!d.label) return [];
    const label = d.key === selectedKey ? placeKeyLabel(d.key, d.angle, WALK_KEY_CHAR_PX, marks, g) : d.label;
    const charPx = d.key === selectedKey ? WALK_KEY_CHAR_PX : KEY_CHAR_PX;
    return [boxOf(label.x, label.y, label.anchor, Math.max(...label.lines.map((l) => l.length)) * charPx, label.lines.length)];
  });
}

/** The turns allowed: up to 80° either way, but not past the nearest token on either side. */
function turnRange(angle: number, marks: readonly TokenMark[]): readonly [number, number] {
  const TAU = 2 * Math.PI;
  let back = MAX_TURN;
  let ahead = MAX_TURN;
  for (const m of marks) {
    const d = (((m.angle - angle) % TAU) + TAU) % TAU; // clockwise from the key to the token, 0…2π
    if (d === 0) continue; // a token at the key itself bounds neither side
    ahead = Math.min(ahead, d - TOKEN_MARGIN);
    back = Math.min(back, TAU - d - TOKEN_MARGIN);
  }
  return [-Math.max(0, back), Math.max(0, ahead)];
}

/** The nearest turn in range at which the name covers nothing; where none does, the one that covers least (and what it covers). */
function bestTurn(angle: number, width: number, lines: readonly string[], tokenBoxes: readonly Box[], [lo, hi]: readonly [number, number], g: RingGeometry, insetPx: number): { turn: number; cost: number } {
  const step = Math.PI / 180;
  let best = { turn: 0, cost: Infinity };
  let bestScore = Infinity;
  for (let k = 0; k * step <= MAX_TURN; k++) {
    for (const turn of k === 0 ? [0] : [k * step, -k * step]) {
      if (turn < lo || turn > hi) continue;
      const cost = placeCost(angle + turn, width, lines, tokenBoxes, g, insetPx);
      if (cost === 0) return { turn, cost };
      // A little for the turn itself: of two equally crowded places, the nearer.
      if (cost + k < bestScore) {
        best = { turn, cost };
        bestScore = cost + k;
      }
    }
  }
  return best;
}

/** How much a name at `angle`, `insetPx` nearer the ring than usual, covers of the tokens' labels, the ring's band and beyond the panel's edge. */
function placeCost(angle: number, width: number, lines: readonly string[], tokenBoxes: readonly Box[], g: RingGeometry, insetPx: number): number {
  const lineCount = lines.length;
  const at = labelAt(angle, width, lineCount, g, insetPx);
  const box = boxOf(at.x, at.y, at.anchor, width, lineCount);
  // Covering a token's label costs most; touching it costs too: "row" set edge to edge with "600" read as "600row".
  const clear = widened(box, TOKEN_CLEARANCE_PX);
  const tokens = tokenBoxes.reduce((sum, t) => sum + 10 * overlap(box, t) + overlap(clear, t), 0);
  return tokens + Math.max(0, pushedPx(angle, width, g) - PUSH_ALLOWED_PX) * 20 * lineCount + (insetPx > 0 ? 100 * ringBandCover(at, width, lines, g) : 0);
}

/** How far brought in towards the ring a crowded name may come, px (its usual place is 16 px out). */
const INSETS_PX = [2, 4, 6, 8];

/** The first place nearer the ring where the name covers nothing; null when there is none (the name then stays where bestTurn put it). */
function insetPlace(angle: number, width: number, lines: readonly string[], tokenBoxes: readonly Box[], range: readonly [number, number], g: RingGeometry): { turn: number; insetPx: number } | null {
  for (const insetPx of INSETS_PX) {
    const { turn, cost } = bestTurn(angle, width, lines, tokenBoxes, range, g, insetPx);
    if (cost === 0) return { turn, insetPx };
  }
  return null;
}

/**
 * Px by which a name's letters come inside the ring's band (the walk's 5 px either side of the
 * line, and 1 px more): they rise 12 px over the baseline, 9 for a name of short letters only ("row").
 */
function ringBandCover(at: { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' }, width: number, lines: readonly string[], g: RingGeometry): number {
  const rise = lines.every((l) => /^[acemnorsuvwxz]*$/.test(l)) ? 9 : 12;
  const ink = anchorBox(at.x, at.anchor, width, at.y - rise, rise + 3 + (lines.length - 1) * LINE_PX);
  const nx = Math.min(Math.max(g.cx, ink.x), ink.x + ink.width);
  const ny = Math.min(Math.max(g.cy, ink.y), ink.y + ink.height);
  return Math.max(0, g.radius + 6 - Math.hypot(nx - g.cx, ny - g.cy));
}

/** Kept between a key's name and a token's label beside it, on top of the name's own margin. */
const TOKEN_CLEARANCE_PX = 4;

function widened(box: Box, px: number): Box {
  return { ...box, x: box.x - px, width: box.width + 2 * px };
}

/** How far the panel's edge pushes a name `width` px wide at `angle` back towards the ring. */
function pushedPx(angle: number, width: number, g: RingGeometry): number {
  const at = polar(g, angle, g.radius + 16);
  return Math.abs(keepInside(at.x, labelAnchor(angle), width, g.width) - at.x);
}

function labelAt(angle: number, width: number, lineCount: number, g: RingGeometry, insetPx = 0): { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' } {
  const at = polar(g, angle, g.radius + 16 - insetPx);
  const anchor = labelAnchor(angle);
  // Two lines stand centred on the point where one would sit; above the ring, they grow upwards.
  const y = lineCount === 1 ? at.y + 6 : Math.cos(angle) > 0.5 ? at.y + 6 - LINE_PX : at.y + 6 - LINE_PX / 2;
  return { x: keepInside(at.x, anchor, width, g.width), y, anchor };
}

/** A name's box, with room to spare: a short name of wide letters ("row") outruns its estimate, and ran into "600" beside it. */
function boxOf(x: number, y: number, anchor: 'start' | 'middle' | 'end', width: number, lineCount: number): Box {
  const box = anchorBox(x, anchor, width, y - 15, 20 + (lineCount - 1) * LINE_PX);
  return { ...box, x: box.x - 4, width: box.width + 8 };
}

/** A name in two lines, broken after a "-", "_", ":", "/", "." or space nearest its middle; whole if it has none. */
export function splitName(name: string): readonly string[] {
  let at = -1;
  for (let i = 1; i < name.length - 1; i++) if ('-_:/. '.includes(name[i]!) && (at < 0 || Math.abs(i + 1 - name.length / 2) < Math.abs(at + 1 - name.length / 2))) at = i;
  if (at < 0) return [name];
  const cut = name[at] === ' ' ? at : at + 1;
  return [name.slice(0, cut), name.slice(at + 1)].map((l) => l.trim());
}

/** The dashed arc just outside the ring from a key to where its name turned. */
function leaderArc(angle: number, turn: number, g: RingGeometry): string {
  const r = g.radius + 8;
  const from = polar(g, angle, r);
  const to = polar(g, angle + turn, r);
  const f = (n: number) => n.toFixed(1);
  return `M${f(from.x)},${f(from.y)}A${f(r)},${f(r)} 0 0 ${turn > 0 ? 1 : 0} ${f(to.x)},${f(to.y)}`;
}

/**
 * The boxes of the ring's own words, which a message label must not cover: each token's
 * "B 230" outside the ring, and each key's name (on the teaching ring, where both are
 * shown; the selected key's name is drawn larger, by its walk, in the same place).
 */
export function ringLabelBoxes(marks: readonly TokenMark[], dots: readonly KeyDot[], g: RingGeometry, selectedKey: string | null): Box[] {
  if (!g.isDetailed) return [];
  return [...tokenLabelBoxes(marks, g), ...keyLabelBoxes(dots, marks, g, selectedKey)];
}
