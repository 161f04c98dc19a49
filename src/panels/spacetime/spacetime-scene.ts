/**
 * What the diagram shows in its window (pure): the messages, operations, version marks and
 * faults that overlap the view at the cursor, placed in content coordinates, with their
 * accessible names and the labels that fit without overlapping.
 *
 * Content coordinates put time `originMs` at y = 0; the drawing shifts the whole layer by
 * the scroll offset, so scrolling moves one transform and leaves every item's props alone
 * (the items are memoised). `originMs` changes only every few thousand pixels of scrolling.
 */
import type { EventClass } from '../../app/theme';
import type { ArrowRecord, FaultMark, OpRecord, SpaceTimeModel, VersionMark } from './spacetime-model';
import {
  arrowGeometry,
  boxesOverlap,
  boxCorners,
  arrowTarget,
  downSpans,
  faultText,
  labelWidth,
  opEndMs,
  opOutcome,
  placeLabels,
  segmentCrossesBox,
  viewEndMs,
  type ArrowState,
  type Box,
  type Lanes,
  type Outcome,
  type TimeView,
} from './spacetime-layout';

/** Above this many things in view, the diagram is drawn on a canvas, without labels or tab stops. */
export const DENSE_MIN = 250;
/**
 * While playing, a lower limit: a busy window changes every frame, and SVG elements coming
 * and going cost far more than painting lines (bench:ui). Pausing brings the SVG back.
 */
export const DENSE_MIN_PLAYING = 150;
/**
 * While the wheel scrolls or zooms, lower again: every item moves every frame, and with
 * 100–190 SVG arrows in view a zoom dropped frames (bench:ui). Still again, the SVG comes back.
 */
export const DENSE_MIN_MOVING = 60;
/** Labels of a kind are tried only when fewer items of that kind than this are in view. */
const LABELS_MAX = 40;
export const LABEL_PX = 14;
/** Room kept around a message's name, split between its two sides. */
const ARROW_LABEL_PAD = 12;
const ORIGIN_STEP_PX = 4096;

export interface SceneArrow {
  readonly a: ArrowRecord;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly state: ArrowState;
  /** In flight: where it is due, drawn dashed from where it is (ArrowGeometry). */
  readonly due?: { readonly x: number; readonly y: number };
  /** The event a click jumps to. */
  readonly target: number;
  readonly isCurrent: boolean;
  /** Where the name goes: its centre, and the degrees it is turned to lie along its arrow (0: upright). */
  readonly label: { readonly x: number; readonly y: number; readonly angleDeg: number } | null;
}

export interface SceneOp {
  readonly op: OpRecord;
  readonly outcome: Outcome;
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
  readonly target: number;
  readonly isCurrent: boolean;
  /** A forwarded request, once taken: the span goes on from `y` on the coordinator's lane at `x`, and ends there. */
  readonly taken: { readonly x: number; readonly y: number } | null;
  /** The operation's name above its start, where it fits: the centre of its text. */
  readonly label: { readonly x: number; readonly y: number; readonly text: string } | null;
  /** The centre of its outcome's mark (✓ ✗ ⚠), where it fits; null while it waits, or where no room is free. */
  readonly glyph: { readonly x: number; readonly y: number } | null;
}

export interface SceneVersion {
  readonly v: VersionMark;
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly isCurrent: boolean;
  /** The centre of its clock's label, where it fits. */
  readonly label: { readonly x: number; readonly y: number } | null;
}

export interface SceneFault {
  readonly f: FaultMark;
  readonly y: number;
  readonly x: number | null;
  readonly text: string;
  /** False when its words would fall on an earlier fault's: the mark stays, the words move to its tooltip. */
  readonly isTextShown?: boolean;
  /** A network fault's words go under its line, not over it: over it, they were under the lanes' names. */
  readonly isTextBelow?: true;
}

export interface Scene {
  readonly originMs: number;
  /** The layer's shift: content y of the view's top edge, negated. */
  readonly offsetPx: number;
  readonly arrows: readonly SceneArrow[];
  readonly ops: readonly SceneOp[];
  readonly versions: readonly SceneVersion[];
  readonly faults: readonly SceneFault[];
  readonly downs: readonly { readonly node: string; readonly x: number; readonly y1: number; readonly y2: number; readonly isDestroyed: boolean }[];
  readonly isDense: boolean;
}

export interface SceneInput {
  readonly model: SpaceTimeModel;
  readonly lanes: Lanes;
  readonly view: TimeView;
  readonly heightPx: number;
  /** Trace events that exist at the cursor. */
  readonly upTo: number;
  /** Seq of the event the cursor stands on (-1: none). */
  readonly currentSeq: number;
  /** The display clock. */
  readonly nowMs: number;
  readonly filter: Readonly<Record<EventClass, boolean>>;
  /** The key the page looks at: its versions are named without the key. */
  readonly selectedKey: string | null;
  /** Above this many things in view, draw on a canvas (DENSE_MIN unless said). */
  readonly denseMin?: number;
  /** Where the lecture's step begins in the trace: its own items' labels are placed first (0: no step, the order of kinds alone). */
  readonly focusFrom?: number;
}

export function sceneOf(input: SceneInput): Scene {
  const { view, heightPx } = input;
  const originMs = Math.floor((view.startMs * view.pxPerMs) / ORIGIN_STEP_PX) * (ORIGIN_STEP_PX / view.pxPerMs);
  const y = (t: number) => (t - originMs) * view.pxPerMs;
  const overscanMs = (0.25 * heightPx) / view.pxPerMs;
  const t0 = view.startMs - overscanMs;
  const t1 = viewEndMs(view, heightPx) + overscanMs;
  const ctx = { ...input, y, t0, t1 };
  const arrows = sceneArrows(ctx);
  const ops = sceneOps(ctx);
  const versions = sceneVersions(ctx);
  const isDense = arrows.length + ops.length + versions.length > (input.denseMin ?? DENSE_MIN);
  const faults = input.filter.cluster ? sceneFaults(ctx) : [];
  const room = { widthPx: input.lanes.width, topPx: y(view.startMs), bottomPx: y(view.startMs) + heightPx };
  return {
    originMs,
    offsetPx: -y(view.startMs),
    // Dense (a long run fitted to the stage): no names on arrows, but the faults' words still keep off each other.
    ...(isDense ? { arrows, ops, versions, faults: labelled([], [], [], room, faults).faults } : labelled(arrows, ops, versions, room, faults, input.focusFrom)),
    downs: sceneDowns(ctx),
    isDense,
  };
}

type Ctx = SceneInput & { readonly y: (t: number) => number; readonly t0: number; readonly t1: number };

function sceneArrows(c: Ctx): SceneArrow[] {
  const out: SceneArrow[] = [];
  for (const a of c.model.arrowsIn(c.t0, c.t1)) {
    if (!c.filter[a.traffic]) continue;
    const g = arrowGeometry(a, c.upTo, c.nowMs, c.lanes.x, c.y);
    if (!g) continue;
    const isCurrent = a.seq === c.currentSeq || (a.end !== null && a.end.seq === c.currentSeq);
    // Names are made when drawn as SVG: a dense window can hold tens of thousands of arrows.
    out.push(Object.assign(g, { a, target: arrowTarget(a), isCurrent, label: null }));
  }
  return out;
}

function sceneOps(c: Ctx): SceneOp[] {
  if (!c.filter.client) return [];
  const out: SceneOp[] = [];
  for (const op of c.model.opsIn(c.t0, c.t1)) {
    const outcome = opOutcome(op, c.upTo);
    const x = c.lanes.x.get(op.via);
    if (outcome === null || x === undefined) continue;
    const isCurrent = op.seq === c.currentSeq || op.end?.seq === c.currentSeq;
    const target = op.end && op.end.index < c.upTo ? op.end.seq : op.seq;
    const takenX = op.taken && op.taken.index < c.upTo ? c.lanes.x.get(op.taken.node) : undefined;
    const taken = takenX === undefined ? null : { x: takenX, y: c.y(op.taken!.atMs) };
    out.push({ op, outcome, x, y1: c.y(op.startMs), y2: c.y(opEndMs(op, outcome, c.nowMs)), target, isCurrent, taken, label: null, glyph: null });
  }
  return out;
}

function sceneVersions(c: Ctx): SceneVersion[] {
  if (!c.filter.replication) return [];
  const out: SceneVersion[] = [];
  for (const v of c.model.versionsIn(c.t0, c.t1)) {
    const x = c.lanes.x.get(v.node);
    if (v.index >= c.upTo || x === undefined) continue;
    const name = `D${v.versionId}`;
    const text = `${v.key === c.selectedKey ? '' : `${v.key} `}${name} ${v.clock}`;
    out.push({ v, x, y: c.y(v.atMs), text, isCurrent: v.seq === c.currentSeq, label: null });
  }
  return out;
}

function sceneFaults(c: Ctx): SceneFault[] {
  return c.model
    .faultsIn(c.t0, c.t1)
    .filter((f) => f.index < c.upTo)
    .map((f) => ({ f, y: c.y(f.atMs), x: f.node === null ? null : (c.lanes.x.get(f.node) ?? null), text: faultText(f) }));
}

function sceneDowns(c: Ctx): Scene['downs'] {
  const out: Scene['downs'][number][] = [];
  for (const d of downSpans(c.model.faults, c.upTo)) {
    const x = c.lanes.x.get(d.node);
    const to = d.toMs ?? Math.max(d.fromMs, c.nowMs);
    if (x === undefined || to < c.t0 || d.fromMs > c.t1) continue;
    out.push({ node: d.node, x, y1: c.y(Math.max(d.fromMs, c.t0)), y2: c.y(Math.min(to, c.t1)), isDestroyed: d.isDestroyed });
  }
  return out;
}

/** The centre of a label's box, where its text goes. */
type LabelAt = { readonly x: number; readonly y: number; readonly angleDeg: number };

/** A request's ✓, ✗ or ⚠ (16 px): its box, centred on the place tried. */
const GLYPH_BOX = { width: 16, height: 18 };

/** The room labels may take: the stage's width, and the window in view (a label above the top edge lay under the lanes' names). */
interface Room {
  readonly widthPx: number;
  readonly topPx: number;
  readonly bottomPx: number;
}

/** One thing that wants a label, its candidate places in order, and whether it belongs to the step the lecture stands on. */
interface Want {
  readonly places: readonly Box[];
  /** Lower is placed first (see `labelled`). */
  readonly rank: number;
}

/**
 * Labels that fit, each at the first of its candidate places that is free and in view. The
 * faults' words come first (they are always drawn), then what belongs to the lecture's step
 * (`focusFrom`: a step of a long wait or of several events at one instant piled the step's
 * labels onto earlier ones), then the rest; among each, each request's outcome (✓ ✗ ⚠),
 * version clocks (the lecture's point), request names above their spans, and message names
 * along the longer arrows. A label with no free place is left to its item's tooltip.
 */
function labelled(arrows: SceneArrow[], ops: SceneOp[], versions: SceneVersion[], room: Room, faults: readonly SceneFault[] = [], focusFrom = 0): Pick<Scene, 'arrows' | 'ops' | 'versions' | 'faults'> {
  const faultPlaces = faultBoxes(faults, room);
  // Faults first, the network's (splits, heals: across every lane) before a node's, earliest first:
  // words that would fall on another fault's (a split and a recovery moments apart, a whole run
  // fitted into a narrow stage) give way to its tooltip, and the other labels keep off them.
  const faultOrder = faults.map((f, i) => i).sort((i, j) => Number(faults[i]!.x !== null) - Number(faults[j]!.x !== null) || i - j);
  const isOpFocus = (o: SceneOp) => o.op.index >= focusFrom || (o.op.end !== null && o.op.end.index >= focusFrom);
  const isArrowFocus = (a: SceneArrow) => a.a.index >= focusFrom || (a.a.end !== null && a.a.end.index >= focusFrom);
  // Placed by rank: the clocks first, the step's own before the earlier ones, then the step's
  // marks ✓ ✗ ⚠ and names, then the rest. The clocks are what a lecture's narration is about
  // ("returns v2", "D4's clock descends from D2's"): a message name of the step took D4's place,
  // and a mark set beside its span took D2's. A name keeps off the diamonds too: "get(row)" was
  // written over D1's, as "get(◆ow)" (a mark sits under its span's end, by its diamond, as ever).
  const diamonds = versions.map((v): Box => ({ x: v.x - DIAMOND_PX, y: v.y - DIAMOND_PX, width: 2 * DIAMOND_PX, height: 2 * DIAMOND_PX }));
  const offDiamonds = (places: readonly Box[]) => places.filter((b) => !diamonds.some((d) => boxesOverlap(b, d)));
  const wants: Want[] = [
    ...versions.map((v) => ({ places: versions.length > LABELS_MAX / 2 ? [] : clearestFirst(null, offDiamonds(versionPlaces(v, room)), arrows), rank: v.v.index >= focusFrom ? 0 : 1 })),
    ...ops.map((o) => ({ places: glyphPlaces(o, room), rank: isOpFocus(o) ? 2 : 5 })),
    ...ops.map((o) => ({ places: ops.length > LABELS_MAX ? [] : clearestFirst(null, offDiamonds(opPlaces(o, room)), arrows), rank: isOpFocus(o) ? 3 : 6 })),
    ...arrows.map((a) => ({ places: arrows.length > LABELS_MAX ? [] : clearestFirst(a, offDiamonds(arrowPlaces(a, room)), arrows), rank: isArrowFocus(a) ? 4 : 7 })),
  ];
  const order = wants.map((_, i) => i).sort((i, j) => wants[i]!.rank - wants[j]!.rank);
  const chosen = placeLabels([...faultOrder.map((i) => faultPlaces[i]!), ...order.map((i) => wants[i]!.places)]);
  const faultsOut = faults.map((f, i) => ({ ...f, isTextShown: chosen[faultOrder.indexOf(i)] === 0, ...(f.x === null && (faultPlaces[i]![0]?.y ?? 0) > f.y ? { isTextBelow: true as const } : {}) }));
  const picked: (LabelAt | null)[] = [];
  order.forEach((w, k) => {
    const b = wants[w]!.places[chosen[faultOrder.length + k]!];
    picked[w] = b ? { x: b.x + b.width / 2, y: b.y + b.height / 2, angleDeg: ((b.angle ?? 0) * 180) / Math.PI } : null;
  });
  const at = (() => {
    let k = 0;
    return () => picked[k++] ?? null;
  })();
  const versionsOut = versions.map((v) => ({ ...v, label: at() }));
  const glyphs = ops.map(() => at());
  const opsOut = ops.map((o, i) => {
    const label = at();
    return { ...o, glyph: glyphs[i] ?? null, label: label ? { ...label, text: `${o.op.op}(${o.op.key})` } : null };
  });
  const arrowsOut = arrows.map((a) => ({ ...a, label: at() }));
  return { arrows: arrowsOut, ops: opsOut, versions: versionsOut, faults: faultsOut };
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
function glyphPlaces(o: SceneOp, room: Room): Box[] {
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
function versionPlaces(v: SceneVersion, room: Room): Box[] {
  const h = LABEL_BOX_PX;
  const w = labelWidth(v.text, LABEL_PX) + 6;
  const places = [box(v.x + 11 + w / 2, v.y, v.text, 6), box(v.x - 11 - w / 2, v.y, v.text, 6)];
  for (const dy of [h, 2 * h, 3 * h]) places.push(box(v.x + 8 + w / 2, v.y + dy, v.text, 6), box(v.x - 8 - w / 2, v.y + dy, v.text, 6));
  return places.filter((b) => isInside(b, room));
}

/** A request's name: above its span's start, else beside the span's top (a span starting at the window's top edge). */
function opPlaces(o: SceneOp, room: Room): Box[] {
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
function arrowPlaces(a: SceneArrow, room: Room): Box[] {
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
function clearestFirst(a: SceneArrow | null, places: readonly Box[], arrows: readonly SceneArrow[]): Box[] {
  if (arrows.length > LABELS_MAX) return [...places];
  const crossings = (b: Box) => arrows.reduce((n, o) => n + Number(o !== a && segmentCrossesBox(o, b)), 0);
  return places
    .map((b, i) => ({ b, i, n: crossings(b) }))
    .sort((p, q) => p.n - q.n || p.i - q.i)
    .map((p) => p.b);
}

/** A fault's words ("network splits {A, B} | {C, D}") are drawn wherever they fall (FaultMarks): the other labels keep off them. */
/** Where each fault's words go: a network fault's over its line, or under it at the window's top; a node's beside its mark. */
function faultBoxes(faults: readonly SceneFault[], room: Room): Box[][] {
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
