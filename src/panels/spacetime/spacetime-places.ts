/**
 * Where the space-time diagram's labels may go (pure): for each clock, request, message name
 * and fault's words, its candidate places in the order they are tried. The scene
 * (spacetime-scene.ts) gives each label the first of its places that is free.
 */
import type { SceneArrow, SceneFault, SceneOp, SceneVersion } from './spacetime-scene';
import { boxCorners, labelWidth, segmentCrossesBox, type Box } from './spacetime-layout';

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
}

const LABEL_BOX_PX = LABEL_PX + 4;
/** Half the width of a version's diamond (a 12 px square turned 45°). */
export const DIAMOND_PX = 8.5;

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
  const text = `${o.op.op}(${o.op.key})`;
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
  // a get from node1 to node2 at 20 ms) draw one line, and its two names go either side of it.
  const beside = angle === 0 ? [] : ALONG.slice(0, 3).flatMap((f) => [along(f, -LABEL_BOX_PX / 2 - 1), along(f, LABEL_BOX_PX / 2 + 1)]);
  return [...ALONG.map((f) => along(f)), ...beside].filter((b) => isInside(b, room));
}

/**
 * A label's places, those the fewest arrows (other than its own, `a`) pass through first, in
 * their own order among equals: a message name another arrow runs through could be read as
 * that arrow's, and a clock struck through by lines is hard to read from the back of a room.
 * Only the order changes, so every place a label could take before it can take still.
 */
export function clearestFirst(a: SceneArrow | null, places: readonly Box[], arrows: readonly SceneArrow[]): Box[] {
  if (arrows.length > LABELS_MAX) return [...places];
  const crossings = (b: Box) => arrows.reduce((n, o) => n + Number(o !== a && segmentCrossesBox(o, b)), 0);
  return places
    .map((b, i) => ({ b, i, n: crossings(b) }))
    .sort((p, q) => p.n - q.n || p.i - q.i)
    .map((p) => p.b);
}

/** A fault's words ("network splits {A, B} | {C, D}") are drawn wherever they fall (FaultMarks): the other labels keep off them. */
/** Where each fault's words go: a network fault's over its line, or under it at the window's top; a node's beside its mark. */
export function faultBoxes(faults: readonly SceneFault[], room: Room): Box[][] {
  const widthPx = room.widthPx;
  return faults.map(({ x, y, text }) => {
    const w = Math.min(labelWidth(text, LABEL_PX), widthPx - 8);
    if (x === null) {
      // A line above the window (under the lanes' names) keeps its words to its tooltip.
      if (y < room.topPx) return [];
      const over = { x: 4, y: y - 5 - LABEL_PX, width: w, height: LABEL_BOX_PX };
      return over.y >= room.topPx ? [over] : [{ ...over, y: y + 5 }];
    }
    const isLeft = widthPx - (x + 20) < w && x - 20 > widthPx - (x + 20);
    return [{ x: isLeft ? x - 16 - w : x + 16, y: y + 5 - LABEL_PX, width: w, height: LABEL_BOX_PX }];
  });
}
