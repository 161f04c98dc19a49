/**
 * Where the space-time diagram's labels may go (pure): for each clock, request, message name
 * and fault's words, its candidate places in the order they are tried. The scene
 * (spacetime-scene.ts) gives each label the first of its places that is free.
 */
import { keyName } from '../../engine/index';
import type { SceneArrow, SceneFault, SceneOp, SceneVersion } from './spacetime-scene';
import { boxCorners, boxesOverlap, faultText, labelWidth, lengthInBox, segmentCrossesBox, type Box, type Segment } from './spacetime-layout';

/** Labels of a kind are tried only when fewer items of that kind than this are in view. */
export const LABELS_MAX = 40;
export const LABEL_PX = 14;
/** Room kept around a message's name, split between its two sides. */
const ARROW_LABEL_PAD = 12;

/** A request's ✓, ✗ or ⚠ (16 px): its box, centred on the place tried. */
const GLYPH_BOX = { width: 16, height: 18 };

/** The room labels may take: the stage's width, and the window in view (a label above the top edge lay under the lanes' names). */
export interface Room {
  readonly widthPx: number;
  readonly topPx: number;
  readonly bottomPx: number;
  /** The cursor's line across the lanes, which a fault's words keep off (a step that ends on a fault ends with the cursor on it). */
  readonly cursorPx?: number;
}

const LABEL_BOX_PX = LABEL_PX + 4;
/** Half the width of a version's diamond (a 12 px square turned 45°). */
const DIAMOND_PX = 8.5;

/** A label's box centred on (cx, cy), `pad` wider. */
function box(cx: number, cy: number, text: string, pad = 0): Box {
  const w = labelWidth(text, LABEL_PX) + pad;
  return { x: cx - w / 2, y: cy - LABEL_BOX_PX / 2, width: w, height: LABEL_BOX_PX };
}

function isInside(b: Box, room: Room): boolean {
  if (b.angle) return boxCorners(b).every(([x, y]) => x >= 0 && x <= room.widthPx && y >= room.topPx && y <= room.bottomPx);
  return b.x >= 0 && b.x + b.width <= room.widthPx && b.y >= room.topPx && b.y + b.height <= room.bottomPx;
}

/** Where a request's outcome goes: under the span's end, else beside it. None while it waits. */
export function glyphPlaces(o: SceneOp, room: Room): Box[] {
  if (o.outcome === 'pending') return [];
  const x = o.taken?.x ?? o.x;
  const at = (cx: number, cy: number): Box => ({ x: cx - GLYPH_BOX.width / 2, y: cy - GLYPH_BOX.height / 2, width: GLYPH_BOX.width, height: GLYPH_BOX.height });
  return [at(x, o.y2 + 11), at(x + 17, o.y2 + 4), at(x - 17, o.y2 + 4)].filter((b) => isInside(b, room));
}

/**
 * A version's clock: beside its diamond, else a row or two under it. Several puts at one instant
 * (lecture 000's keys at 0 ms) put their diamonds on one row, and a clock beside one lay over the
 * next lane's diamond ("D1 ([node2,1])" hid node3's); the rows under it are where they fit.
 */
export function versionPlaces(v: SceneVersion, room: Room): Box[] {
  const h = LABEL_BOX_PX;
  const w = labelWidth(v.text, LABEL_PX) + 6;
  const places = [box(v.x + 11 + w / 2, v.y, v.text, 6), box(v.x - 11 - w / 2, v.y, v.text, 6)];
  for (const dy of [h, 2 * h, 3 * h]) places.push(box(v.x + 8 + w / 2, v.y + dy, v.text, 6), box(v.x - 8 - w / 2, v.y + dy, v.text, 6));
  return places.filter((b) => isInside(b, room));
}

/** A request's name: above its span's start, else beside the span's top (a span starting at the window's top edge). */
export function opPlaces(o: SceneOp, room: Room): Box[] {
  const h = LABEL_BOX_PX;
  const text = `${o.op.op}(${keyName(o.op.key)})`;
  const w = labelWidth(text, LABEL_PX);
  const inside = Math.min(Math.max(o.x, w / 2 + 2), room.widthPx - w / 2 - 2);
  const above = o.y1 - h / 2 - 10;
  const beside = o.y1 + h / 2 + 2;
  return [box(inside, above, text), box(o.x + 8 + w / 2, above, text), box(o.x - 8 - w / 2, above, text), box(inside, above - h, text), box(o.x + 10 + w / 2, beside, text), box(o.x - 10 - w / 2, beside, text)].filter((b) => isInside(b, room));
}

/** Where along its arrow a message's name may go, the middle first. */
const ALONG = [0.5, 0.35, 0.65, 0.25, 0.75];
/** A name lies along an arrow no steeper than this (radians, 50°); a steeper one's stays upright, as text turned further reads badly from the back of a room. */
const MAX_TILT = (50 * Math.PI) / 180;
/** Nor is a name turned by less than this (4°): a nearly level line gains nothing, and the text's edges would jag. */
const MIN_TILT = (4 * Math.PI) / 180;

/**
 * A message's name lies along its arrow, on the line, so where arrows cross it reads as its
 * own arrow's and no other's: upright, lecture 004's last steps stacked "get(row)" and
 * "put(row)" where four arrows met, and a student could not tell which name was whose.
 */
export function arrowPlaces(a: SceneArrow, room: Room): Box[] {
  const isLong = Math.abs(a.x2 - a.x1) > 70 || Math.abs(a.y2 - a.y1) > 50;
  if (!isLong || a.state === 'in-flight') return [];
  const slope = Math.atan2(a.y2 - a.y1, a.x2 - a.x1);
  // Read left to right whichever way the message goes.
  const level = slope > Math.PI / 2 ? slope - Math.PI : slope < -Math.PI / 2 ? slope + Math.PI : slope;
  const angle = Math.abs(level) > MAX_TILT || Math.abs(level) < MIN_TILT ? 0 : level;
  // Padded, so two names side by side keep a gap (the width is an estimate; bold text runs wider).
  const along = (f: number, off = 0): Box => ({
    ...box(a.x1 + f * (a.x2 - a.x1) - off * Math.sin(angle), a.y1 + f * (a.y2 - a.y1) + off * Math.cos(angle), a.a.label, ARROW_LABEL_PAD),
    ...(angle !== 0 ? { angle } : {}),
  });
  // Then beside the line, above and below: two messages sent together over one path (a put and
  // a get from node1 to node2 at 20 ms) draw one line, and its two names go either side of it;
  // so do a level line's (a hint and its acknowledgement, 1° apart). A steep line's upright name
  // moved up or down would stay on it.
  const beside = Math.abs(level) > MAX_TILT ? [] : ALONG.slice(0, 3).flatMap((f) => [along(f, -LABEL_BOX_PX / 2 - 1), along(f, LABEL_BOX_PX / 2 + 1)]);
  return [...ALONG.map((f) => along(f)), ...beside].filter((b) => isInside(b, room));
}

/**
 * A label's places, those with the least of a line (an arrow other than its own, `a`, the
 * cursor's, a split's) running along them first, then the least across them, in their own order among
 * near-equals: a message name another arrow runs through could be read as that arrow's, and
 * a clock struck through by lines is hard to read from the back of a room. Measured as the
 * length of line inside the label, which is what hides letters: a line along the text, within
 * 30° of it, strikes it out ("took put(key)" along "put(key)" read as one name), one across
 * it steeply hides a letter's width, and one through a corner almost nothing (counted as
 * lines, a clock moved off its diamond, where three lines grazed its corners, to a row where
 * two ran through its first letters). With `isAlongLeftOut` (a message's name, which its
 * arrow's tooltip keeps) a place a line runs along is left out; otherwise only the order
 * changes, so every place a clock or request's name could take it can take still.
 */
export function clearestFirst(a: SceneArrow | null, places: readonly Box[], lines: readonly Segment[], isAlongLeftOut = false): Box[] {
  const ranked = places.map((b, i) => {
    let alongPx = 0;
    let acrossPx = 0;
    for (const o of lines) {
      const px = o === a ? 0 : lengthInBox(o, b);
      if (px === 0) continue;
      if (isAlong(o, b)) alongPx += px;
      else acrossPx += px;
    }
    // In steps of about a letter: a line grazing a place for less than half a letter counts as none.
    return { b, i, along: Math.round(alongPx / STRIKE_PX), across: Math.round(acrossPx / STRIKE_PX) };
  });
  return ranked
    .filter((p) => !isAlongLeftOut || p.along === 0)
    .sort((p, q) => p.along - q.along || p.across - q.across || p.i - q.i)
    .map((p) => p.b);
}

/** The length of line (px) that counts as one step of striking a label out: about a letter's width. */
const STRIKE_PX = 8;

/** Lines within this angle of a line of text (30°) run along it rather than across it. */
const ALONG_RAD = (30 * Math.PI) / 180;

/** True when the line runs within 30° of the text's own direction (a box's angle, 0 upright). */
function isAlong(l: Segment, b: Box): boolean {
  return Math.abs(Math.sin(Math.atan2(l.y2 - l.y1, l.x2 - l.x1) - (b.angle ?? 0))) < Math.sin(ALONG_RAD);
}

/** How wide a fault's words are drawn, a character at a time (14 px bold; FaultMarks fits them to their box). */
export const FAULT_CHAR_PX = 8.4;

/** What is drawn on the lanes besides the labels, which labels keep clear of. */
export interface Clutter {
  /** Lines that must not run through a fault's words: the arrows, a message's dashes to where it is due, the cursor's line. */
  readonly lines: readonly Segment[];
  /** Marks no label covers: the versions' diamonds, a lost message's cross, a message's dot, a node's fault mark. */
  readonly marks: readonly Box[];
  /** The requests' spans, which a fault's words keep off too (a request's name goes just over its span). */
  readonly spans: readonly Box[];
}

/** What is drawn where labels might go: every arrow, the cursor's line, and the marks and spans on the lanes. */
export function clutterOf(arrows: readonly SceneArrow[], ops: readonly SceneOp[], versions: readonly SceneVersion[], faults: readonly SceneFault[], room: Room): Clutter {
  const lines: Segment[] = [];
  const marks: Box[] = versions.map((v) => ({ x: v.x - DIAMOND_PX, y: v.y - DIAMOND_PX, width: 2 * DIAMOND_PX, height: 2 * DIAMOND_PX }));
  for (const a of arrows) {
    // A message to itself is a loop to the right of its lane.
    lines.push(a.a.from === a.a.to ? { x1: a.x1 + 20, y1: a.y1, x2: a.x2 + 20, y2: a.y2 } : a);
    if (a.due) lines.push({ x1: a.x2, y1: a.y2, x2: a.due.x, y2: a.due.y });
    // A lost message's cross (12 px, its strokes' round ends past it), or the dot of one in flight (10 px).
    const r = a.state === 'dropped' ? 7.25 : 5;
    if (a.state !== 'delivered') marks.push({ x: a.x2 - r, y: a.y2 - r, width: 2 * r, height: 2 * r });
  }
  for (const f of faults) if (f.x !== null) marks.push({ x: f.x - 14, y: f.y - 2, width: 28, height: 4 });
  const spans: Box[] = [];
  for (const o of ops) {
    spans.push({ x: o.x - 5, y: o.y1, width: 10, height: Math.max(2, (o.taken?.y ?? o.y2) - o.y1) });
    if (o.taken) spans.push({ x: o.taken.x - 5, y: o.taken.y, width: 10, height: Math.max(2, o.y2 - o.taken.y) });
  }
  if (room.cursorPx !== undefined) lines.push({ x1: 0, y1: room.cursorPx, x2: room.widthPx, y2: room.cursorPx });
  return { lines, marks, spans };
}

/**
 * The letters of a fault's words within their box: from 3 px under its top (a capital's top
 * and its halo) to 4 px over its bottom (the baseline; "p" and "y" hang lower, thin). Lines
 * and marks are kept from the letters: the halo may run over a line or a mark's edge.
 */
const lettersOf = (b: Box): Box => ({ ...b, y: b.y + 3, height: b.height - 7 });

/** Rows a node's fault words may take, its mark's first, then up to three above and below it. */
const FAULT_ROWS = [0, -1, 1, -2, 2, -3, 3].map((k) => k * LABEL_BOX_PX);

/**
 * Where each fault's words may go, nearest first: a node's beside its mark, else a row or
 * up to three above or below it; a network fault's over its line, else under it, at the
 * lanes' left (a split's short form at the right too). Only places clear of every line and
 * mark in `clutter` and of the other faults' lines and marks, and never past another fault
 * of the same lane or of the network, which would tell them in the wrong order. Words with
 * no such place are left to the mark's tooltip: "node3 failed" with an arrow along it read
 * "node3_failed", and "node2 failed" written up to node3's cross ran into it.
 *
 * A network fault's words run across every lane, and on a busy step no place is free of
 * arrows (lecture 004's split at 100 ms, the step's subject, had none): failing a clear
 * place, they take one that lines cross only steeply, which hides a letter's width, where
 * a line along them would make them unreadable.
 */
export function faultPlaces(faults: readonly SceneFault[], room: Room, clutter: Clutter): FaultPlace[][] {
  const marks = [...clutter.marks, ...clutter.spans];
  return faults.map((f) => {
    const others = faults.filter((g) => g !== f && (g.x === null || g.x === f.x));
    const lines = [...clutter.lines, ...others.flatMap((g) => (g.x === null ? [{ x1: 0, y1: g.y, x2: room.widthPx, y2: g.y }] : []))];
    const isFree = (b: FaultPlace) => isInside(b, room) && !others.some((g) => isBetween(g.y, b, f.y)) && !marks.some((m) => boxesOverlap(m, lettersOf(b)));
    const free = faultCandidates(f, room).filter(isFree);
    const isClear = (b: Box) => !lines.some((l) => segmentCrossesBox(l, lettersOf(b)));
    if (f.x !== null) return free.filter(isClear);
    // A split's whole words, clear or crossed only steeply, before its short form.
    const isSteeplyCrossed = (b: Box) => !isClear(b) && !lines.some((l) => isAlong(l, b) && segmentCrossesBox(l, lettersOf(b)));
    const [whole, short] = [free.filter((b) => b.text === f.text), free.filter((b) => b.text !== f.text)];
    return [...whole.filter(isClear), ...whole.filter(isSteeplyCrossed), ...short.filter(isClear), ...short.filter(isSteeplyCrossed)];
  });
}

/** True when `y` lies strictly between a fault's line at `fromY` and the far edge of its words' box `b`. */
function isBetween(y: number, b: Box, fromY: number): boolean {
  return Math.min(b.y, fromY) < y && y < Math.max(b.y + b.height, fromY);
}

/** A place for a fault's words, and the words drawn there (a split's may be its short form). */
export interface FaultPlace extends Box {
  readonly text: string;
}

/**
 * A fault's places before any is tested: its words' box, as wide as FaultMarks draws them. A
 * node's go on a side where they fit whole, else on the roomier side, squeezed or cut with
 * "…" (the whole text in the tooltip). A split's long words ("network splits {node1, node4} |
 * {node2, node3}", most of a narrow stage) may instead say only "network splits", at the
 * left or the right: on the cart's 10:02 no place across the lanes was free of marks.
 */
function faultCandidates({ f, x, y, text }: SceneFault, room: Room): FaultPlace[] {
  const widthOf = (t: string) => Math.min(t.length * FAULT_CHAR_PX, room.widthPx - 8);
  const at = (left: number, width: number, cy: number, words = text): FaultPlace => ({ x: left, y: cy - LABEL_BOX_PX / 2, width, height: LABEL_BOX_PX, text: words });
  const full = widthOf(text);
  if (x === null) {
    const short = faultText({ ...f, detail: undefined });
    const w = widthOf(short);
    const shorter = short === text ? [] : [4, room.widthPx - 4 - w].flatMap((left) => [at(left, w, y - 10, short), at(left, w, y + 14, short)]);
    return [at(4, full, y - 10), at(4, full, y + 14), ...shorter];
  }
  // Beside the mark, 16 px from the lane; in the rows above and below, where the mark is not, 10 px.
  const sides = (gap: number) => {
    const right = { x: x + gap, width: Math.min(full, room.widthPx - 4 - (x + gap)) };
    const leftWidth = Math.min(full, x - gap - 4);
    const left = { x: x - gap - leftWidth, width: leftWidth };
    const whole = [right, left].filter((s) => s.width >= full);
    const roomier = right.width >= left.width ? right : left;
    return whole.length > 0 ? whole : roomier.width >= Math.min(full, 60) ? [roomier] : [];
  };
  return FAULT_ROWS.flatMap((dy) => sides(dy === 0 ? 16 : 10).map((s) => at(s.x, s.width, y + dy)));
}
