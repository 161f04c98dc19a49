/**
 * Where the teaching ring writes a key's name: outside the ring at the key's angle, turned
 * (within the key's own arc, never past a neighbouring token, which would put the name in
 * another node's range) to clear the tokens' labels, and on two lines where one would not
 * fit beside the ring. A name turned away from its key is tied to it by a dashed arc.
 */
import { overlap, type Box } from './message-labels';
import { canvasContext } from '../../app/use-text-measure';
import { KEY_CHAR_PX, WALK_KEY_CHAR_PX, anchorBox, angleOf, keepInside, labelAnchor, polar, ringKeyName, type Point, type RingGeometry } from './ring-layout';
import { tokenLabelBoxes, tokenLabelLetters, type TokenMark } from './token-labels';

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
  /** Whether the whole name (ringKeyName) is written, clear of the ◆, the tokens' ticks and labels, and inside the panel; false when it had to be cut shorter. */
  readonly isWhole: boolean;
  /**
   * Whether the name, whole or cut, is clear of all those. False when even its shortest cut found no such
   * place: then the ring does not write it, and the ◆'s tooltip has the key. At 853×480 lecture 004's ring
   * is as small as the panel's height makes it, and "node3 800" and "node2 700" stand one over the other
   * across the whole of the key's arc: "row-near-the-end" lay on "node2 700", a label the walk's answer needs.
   */
  readonly isClear: boolean;
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
  const whole = ringKeyName(key);
  const near: Near = { tokenBoxes: tokenLabelBoxes(marks, g), tokenLetters: tokenLabelLetters(marks, g), diamond: { ...polar(g, angle, g.radius), half: markerHalf(charPx) }, ticks: tickBoxes(marks), range: turnRange(angle, marks) };
  let last: KeyLabel | null = null;
  // Where the whole name would cover the key's own ◆, a token's tick or label, or stick out of the
  // panel (lecture 004's "row-near-the-end" at 750 lay over its ◆, beside node3's 800), it is cut shorter.
  for (const name of shorterNames(whole)) {
    const { label, isClear } = placeName(name, angle, charPx, near, g);
    if (isClear) return { ...label, isWhole: name === whole, isClear };
    last = { ...label, isWhole: false, isClear };
  }
  return last!;
}

/** The most the teaching ring's margin grows, in steps of ROOM_STEP_PX, to make room for the selected key's name. */
const MOST_ROOM_PX = 36;
const ROOM_STEP_PX = 6;

/**
 * The teaching ring's geometry (`geometryWith(extraMargin)`), made a little smaller where that
 * lets the selected key's whole name stand beside it clear of its ◆ and the tokens' labels: at
 * 1280×720 lecture 004's "row-near-the-end" at 750, at nine o'clock, had no room between its ◆
 * and the panel's edge. The usual geometry where no key is selected, its name fits already, or
 * no smaller ring helps.
 */
export function roomForKeyName(geometryWith: (extraMargin: number) => RingGeometry, marksOf: (g: RingGeometry) => readonly TokenMark[], key: { readonly key: string; readonly angle: number } | null): RingGeometry {
  const usual = geometryWith(0);
  if (!key || !usual.isDetailed) return usual;
  for (let extra = 0; extra <= MOST_ROOM_PX; extra += ROOM_STEP_PX) {
    const g = extra === 0 ? usual : geometryWith(extra);
    if (placeKeyLabel(key.key, key.angle, WALK_KEY_CHAR_PX, marksOf(g), g).isWhole) return g;
  }
  return usual;
}

/** What a key's name is placed among: the tokens' labels, the ◆ and ticks it must never cover, and how far it may turn. */
interface Near {
  readonly tokenBoxes: readonly Box[];
  /** The letters of the tokens' labels, which the name must not cover (tokenBoxes keep room around them). */
  readonly tokenLetters: readonly Box[];
  /** The key's own ◆ (a square turned 45°: `half` px from its centre to a corner). */
  readonly diamond: { readonly x: number; readonly y: number; readonly half: number };
  /** The tokens' ticks. */
  readonly ticks: readonly Box[];
  readonly range: readonly [number, number];
}

/** One name's best place, and whether there it covers no marker and stays inside the panel. */
function placeName(name: string, angle: number, charPx: number, near: Near, g: RingGeometry): { label: Omit<KeyLabel, 'isWhole' | 'isClear'>; isClear: boolean } {
  const lines = pushedPx(angle, textPx(name, charPx), g) > PUSH_ALLOWED_PX ? splitName(name) : [name];
  const width = Math.max(...lines.map((l) => textPx(l, charPx)));
  const { turn, cost } = bestTurn(angle, width, lines, near, g, 0);
  // Crowded between two tokens' labels (lecture 004's "row" at 550, between "node4 600" and
  // "node3 500": it was set against "600" and read "600row"), the name may come in towards the ring.
  const inset = cost === 0 ? null : insetPlace(angle, width, lines, near, g);
  const chosen = inset?.turn ?? turn;
  const at = labelAt(angle + chosen, width, lines.length, g, inset?.insetPx ?? 0);
  const box = boxOf(at.x, at.y, at.anchor, width, lines.length);
  const isClear = markerCover(inkOf(box), near) === 0 && tokenCover(lettersOf(at, width, lines), near) === 0 && pushedPx(angle + chosen, width, g) <= PUSH_ALLOWED_PX && width <= g.width - 8;
  return { label: { angle: angle + chosen, lines, ...at, leader: Math.abs(chosen) > LEADER_MIN_TURN ? leaderArc(angle, chosen, g) : null }, isClear };
}

/** The shortest cut of a name tried, in characters before its "…". */
const SHORTEST_CUT = 4;

/** A name, then cut ever shorter ("row-near-the-e…", …, "row…"), cut between characters, never inside one (an emoji is two UTF-16 units). */
export function shorterNames(name: string): string[] {
  const chars = Array.from(name.endsWith('…') ? name.slice(0, -1) : name);
  const names = [name];
  for (let n = chars.length - 1; n >= SHORTEST_CUT; n -= Math.max(1, Math.round(n / 8))) names.push(`${chars.slice(0, n).join('').trimEnd()}…`);
  return names;
}

/** Half the ◆'s size, px: the selected key's is 18 px square turned 45°, the others' 14. */
function markerHalf(charPx: number): number {
  return charPx === WALK_KEY_CHAR_PX ? 13 : 10;
}

/** The boxes of the tokens' ticks (9 px wide lines on the teaching ring). */
function tickBoxes(marks: readonly TokenMark[]): Box[] {
  return marks.map((m) => ({ x: Math.min(m.inner.x, m.outer.x) - 4.5, y: Math.min(m.inner.y, m.outer.y) - 4.5, width: Math.abs(m.inner.x - m.outer.x) + 9, height: Math.abs(m.inner.y - m.outer.y) + 9 }));
}

/** How much of the key's ◆ and the tokens' ticks the letters `ink` cover, px²; 0 when they cover none. */
function markerCover(ink: Box, near: Near): number {
  const { x, y, half } = near.diamond;
  // The point of the letters' box nearest the ◆'s centre is inside the ◆ when |dx| + |dy| < half.
  const dx = Math.max(ink.x - x, 0, x - (ink.x + ink.width));
  const dy = Math.max(ink.y - y, 0, y - (ink.y + ink.height));
  const diamond = dx + dy < half ? 1 + overlap(ink, { x: x - half, y: y - half, width: 2 * half, height: 2 * half }) : 0;
  return near.ticks.reduce((sum, t) => sum + overlap(ink, t), diamond);
}

/** Lines whose letters' boxes meet by this much at most, px, one over the other, meet at descents and accents, not ink on ink. */
const GLYPH_SLACK_PX = 1;
/** Kept between a name's letters and a token label's on the same line, px: edge to edge, "row" and "600" read "600row". */
const LETTER_GAP_PX = 3;

/**
 * How much of the tokens' labels' letters a name's `letters` cover or come too near, px²: on one line they keep
 * LETTER_GAP_PX apart (at 853×480 "row" met "600" edge to edge); one line over another may meet by a pixel or
 * two. Coming into the room the labels' boxes keep is neither.
 */
function tokenCover(letters: Box, near: Near): number {
  const kept = { x: letters.x - LETTER_GAP_PX, y: letters.y + GLYPH_SLACK_PX, width: letters.width + 2 * LETTER_GAP_PX, height: letters.height - 2 * GLYPH_SLACK_PX };
  return near.tokenLetters.reduce((sum, t) => sum + overlap(kept, { ...t, y: t.y + GLYPH_SLACK_PX, height: t.height - 2 * GLYPH_SLACK_PX }), 0);
}

/** The boxes of the keys' names, the selected key's in the walk's larger type. */
function keyLabelBoxes(dots: readonly KeyDot[], marks: readonly TokenMark[], g: RingGeometry, selectedKey: string | null): Box[] {
  return dots.flatMap((d) => {
    if (!d.label) return [];
    const label = d.key === selectedKey ? placeKeyLabel(d.key, d.angle, WALK_KEY_CHAR_PX, marks, g) : d.label;
    if (!label.isClear) return [];
    const charPx = d.key === selectedKey ? WALK_KEY_CHAR_PX : KEY_CHAR_PX;
    return [boxOf(label.x, label.y, label.anchor, Math.max(...label.lines.map((l) => textPx(l, charPx))), label.lines.length)];
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
function bestTurn(angle: number, width: number, lines: readonly string[], near: Near, g: RingGeometry, insetPx: number): { turn: number; cost: number } {
  const [lo, hi] = near.range;
  const step = Math.PI / 180;
  let best = { turn: 0, cost: Infinity };
  let bestScore = Infinity;
  for (let k = 0; k * step <= MAX_TURN; k++) {
    for (const turn of k === 0 ? [0] : [k * step, -k * step]) {
      if (turn < lo || turn > hi) continue;
      const cost = placeCost(angle + turn, width, lines, near, g, insetPx);
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
function placeCost(angle: number, width: number, lines: readonly string[], near: Near, g: RingGeometry, insetPx: number): number {
  const lineCount = lines.length;
  const at = labelAt(angle, width, lineCount, g, insetPx);
  const box = boxOf(at.x, at.y, at.anchor, width, lineCount);
  // Covering a token's label costs most; touching it costs too: "row" set edge to edge with "600" read as "600row".
  const clear = widened(box, TOKEN_CLEARANCE_PX);
  const tokens = near.tokenBoxes.reduce((sum, t) => sum + 10 * overlap(box, t) + overlap(clear, t), 0);
  // Covering the ◆ or a tick hides where the key sits, which is what the name is for: that costs most of all.
  const markers = 1000 * markerCover(inkOf(box), near);
  return tokens + markers + Math.max(0, pushedPx(angle, width, g) - PUSH_ALLOWED_PX) * 20 * lineCount + (insetPx > 0 ? 100 * ringBandCover(at, width, lines, g) : 0);
}

/** How far brought in towards the ring a crowded name may come, px (its usual place is 16 px out). */
const INSETS_PX = [2, 4, 6, 8];

/** The first place nearer the ring where the name covers nothing; null when there is none (the name then stays where bestTurn put it). */
function insetPlace(angle: number, width: number, lines: readonly string[], near: Near, g: RingGeometry): { turn: number; insetPx: number } | null {
  for (const insetPx of INSETS_PX) {
    const { turn, cost } = bestTurn(angle, width, lines, near, g, insetPx);
    if (cost === 0) return { turn, insetPx };
  }
  return null;
}

/**
 * Px by which a name's letters come inside the ring's band (the walk's 5 px either side of the
 * line, and 1 px more): they rise 12 px over the baseline, 9 for a name of short letters only ("row").
 */
function ringBandCover(at: { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' }, width: number, lines: readonly string[], g: RingGeometry): number {
  const rise = riseOf(lines);
  const ink = anchorBox(at.x, at.anchor, width, at.y - rise, rise + 3 + (lines.length - 1) * LINE_PX);
  const nx = Math.min(Math.max(g.cx, ink.x), ink.x + ink.width);
  const ny = Math.min(Math.max(g.cy, ink.y), ink.y + ink.height);
  return Math.max(0, g.radius + 6 - Math.hypot(nx - g.cx, ny - g.cy));
}

/** How far a name's letters rise over the baseline, px: 12, or 9 for a name of short letters only ("row"). */
function riseOf(lines: readonly string[]): number {
  return lines.every((l) => /^[acemnorsuvwxz]*$/.test(l)) ? 9 : 12;
}

/**
 * The letters of a name at `at` themselves: from its tallest letter's top to its last line's foot (4 px
 * under the baseline where a letter may hang below it, else 1). At 853×480 "row" over "node3 500" stood
 * 3 px clear of its letters: counted with the boxes' spare room, it covered them.
 */
function lettersOf(at: { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' }, width: number, lines: readonly string[]): Box {
  const rise = riseOf(lines);
  // Beyond plain ASCII (and "…") a letter may hang too: "ç", an emoji.
  const fall = /[gjpqy,;()[\]{}|@$]|[^ -~…]/.test(lines.at(-1) ?? '') ? 4 : 1;
  return anchorBox(at.x, at.anchor, width, at.y - rise, rise + fall + (lines.length - 1) * LINE_PX);
}

/** The type each width of a character stands for (RingLayers' .key-label and .walk-key-label). */
function fontFor(charPx: number): string {
  return charPx === WALK_KEY_CHAR_PX ? '800 17px' : 'italic 16px';
}

/** The page's font family, read once, the first time a name is measured in the browser. */
let family: string | undefined;

/**
 * About how wide `text` is drawn in the type `charPx` stands for: its characters at `charPx`
 * each, or in the browser its measured width where that is more. A name of wide letters
 * ("xxxx…", "wwww…") outran the estimate by a fifth and ran out of the panel.
 */
export function textPx(text: string, charPx: number): number {
  const estimate = Array.from(text).length * charPx;
  const context = canvasContext();
  if (!context) return estimate;
  family ??= getComputedStyle(document.body).fontFamily;
  context.font = `${fontFor(charPx)} ${family}`;
  return Math.max(estimate, context.measureText(text).width);
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

/** A name's box without the room to spare boxOf gives it: the letters themselves (12 px over the baseline, 4 under), which must not cover a ◆ or a tick. */
function inkOf(box: Box): Box {
  return { x: box.x + 4, y: box.y + 3, width: box.width - 8, height: box.height - 4 };
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
