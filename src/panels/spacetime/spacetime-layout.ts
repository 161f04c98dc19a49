/**
 * The space-time diagram's geometry (pure): one lane per node across, virtual time running
 * down. Positions come from d3 scales; what has happened is decided by the cursor (`upTo`,
 * the number of trace events that exist at it) and the display clock (`nowMs`), never by a
 * running animation (DESIGN §3), so stepping back redraws exactly.
 *
 * Zoom and scroll are a `TimeView`: the time at the top edge and pixels per millisecond.
 * Only what overlaps the view is laid out; the model (spacetime-model.ts) finds it by
 * binary search.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { ArrowRecord, FaultMark, OpRecord, VersionMark } from './spacetime-model';
import { keyName, versionName } from '../../engine/index';

export interface TimeView {
  /** Virtual time at the top edge of the lanes. */
  readonly startMs: number;
  readonly pxPerMs: number;
}

export const MIN_PX_PER_MS = 0.002;
export const MAX_PX_PER_MS = 400;
/** About 20 ms of the teaching ring's put fills half a lecture-size diagram. */
export const DEFAULT_PX_PER_MS = 12;

const ms1 = (x: number): string => `${x.toFixed(1)} ms`;

// ---- lanes and time --------------------------------------------------------------------

export interface Lanes {
  /** The centre of each node's lane. */
  readonly x: ReadonlyMap<string, number>;
  readonly laneWidth: number;
  /** Width of all lanes: wider than the space given when lanes would be too narrow to read. */
  readonly width: number;
}

/** Lanes in configuration order, at least `minLanePx` wide each. */
export function laneLayout(nodeIds: readonly string[], widthPx: number, minLanePx: number): Lanes {
  const width = Math.max(widthPx, nodeIds.length * minLanePx);
  const band = scaleBand<string>().domain(nodeIds).range([0, width]);
  const half = band.bandwidth() / 2;
  return { x: new Map(nodeIds.map((id) => [id, band(id)! + half])), laneWidth: band.bandwidth(), width };
}

/** A lane's header: the text it shows, its font size and its box's width. */
export interface LaneHead {
  readonly id: string;
  readonly text: string;
  readonly fontPx: number;
  readonly width: number;
}

/** Box width for `chars` characters of the header's bold type: about 10 px each at 15 px, and 16 px of padding. */
const headWidth = (chars: number, fontPx: number) => (chars * 10 * fontPx) / 15 + 16;

/**
 * Each lane's header: its id in 15 px bold while every id fits its lane; else every lane shows its
 * node's short name (`shortNames`: "n12" for dc2-node12), at 15 px or as large as its lane lets it,
 * down to 10 px. Drawn whole in lanes too narrow for them, "dc1-node3", "dc2-node12" and
 * "backup-01" ran over each other at eight nodes on a 1280 px screen. Never wider than the lane.
 */
export function laneHeads(ids: readonly string[], shortNames: ReadonlyMap<string, string>, laneWidth: number): LaneHead[] {
  const room = laneWidth - 4;
  // Ids of five characters or fewer (the lectures', the MD5 ring's n1…n32) are drawn as they always were.
  const isWhole = ids.every((id) => shortNames.get(id) === id) || ids.every((id) => headWidth([...id].length, 15) <= room);
  return ids.map((id) => {
    const text = isWhole ? id : (shortNames.get(id) ?? id);
    const chars = [...text].length;
    const fontPx = isWhole ? 15 : Math.max(10, Math.min(15, Math.floor(((room - 6) * 15) / (chars * 10))));
    return { id, text, fontPx, width: Math.min(room, Math.max(30, headWidth(chars, fontPx))) };
  });
}

/** How many lanes are out of sight to the left and right when the lanes are scrolled across by `scrollLeft`. */
export function hiddenLanes(lanes: Lanes, scrollLeft: number, widthPx: number): { readonly left: number; readonly right: number } {
  let left = 0;
  let right = 0;
  for (const x of lanes.x.values()) {
    if (x < scrollLeft + 4) left++;
    else if (x > scrollLeft + widthPx - 4) right++;
  }
  return { left, right };
}

/** The time at the bottom edge. */
export function viewEndMs(view: TimeView, heightPx: number): number {
  return view.startMs + heightPx / view.pxPerMs;
}

/** Pixel y of time `t` in the view (0 at the top edge). */
export function yOf(view: TimeView, t: number): number {
  return (t - view.startMs) * view.pxPerMs;
}

/** Time-axis ticks for the view, with labels in ms. */
export function timeTicks(view: TimeView, heightPx: number): { readonly y: number; readonly label: string }[] {
  const scale = scaleLinear().domain([view.startMs, viewEndMs(view, heightPx)]).range([0, heightPx]);
  const format = scale.tickFormat(Math.max(2, Math.floor(heightPx / 70)));
  return scale.ticks(Math.max(2, Math.floor(heightPx / 70))).map((t) => ({ y: scale(t), label: `${format(t)} ms` }));
}

// ---- zoom, scroll, follow ------------------------------------------------------------------

/** Zooms by `factor` keeping the time under `anchorPx` (a y in the view) where it is. */
export function zoomAround(view: TimeView, anchorPx: number, factor: number): TimeView {
  const pxPerMs = clamp(view.pxPerMs * factor, MIN_PX_PER_MS, MAX_PX_PER_MS);
  const anchorMs = view.startMs + anchorPx / view.pxPerMs;
  return { startMs: anchorMs - anchorPx / pxPerMs, pxPerMs };
}

/** Scrolls by `deltaPx`, keeping the view near the trace: [first − a little, last]. */
export function scrollBy(view: TimeView, deltaPx: number, heightPx: number, lastMs: number): TimeView {
  return { ...view, startMs: clampStart(view.startMs + deltaPx / view.pxPerMs, view, heightPx, lastMs) };
}

export function clampStart(startMs: number, view: TimeView, heightPx: number, lastMs: number): number {
  const margin = (0.1 * heightPx) / view.pxPerMs;
  return clamp(startMs, -margin, Math.max(-margin, lastMs - margin));
}

/** The whole trace so far in the view, with room above its start for the first request's name. */
export function fitAll(lastMs: number, heightPx: number): TimeView {
  const topPx = 30;
  const pxPerMs = clamp((heightPx - topPx - 10) / Math.max(1, lastMs), MIN_PX_PER_MS, MAX_PX_PER_MS);
  return { startMs: -topPx / pxPerMs, pxPerMs };
}

/**
 * A view that shows the span `startMs`…`endMs` whole (a lecture step, from its first event
 * to the cursor), so that following the cursor keeps it still: the span's start near the
 * top, its end three quarters down. `view` is kept when the span is already in it, and it
 * is never zoomed in, only out, so a lecturer's zoom stays when the step fits.
 */
export function showSpan(view: TimeView, startMs: number, endMs: number, heightPx: number): TimeView {
  const inView = (ms: number) => yOf(view, ms) >= 0.06 * heightPx && yOf(view, ms) <= 0.94 * heightPx;
  if (heightPx <= 0 || (inView(startMs) && inView(endMs))) return view;
  const pxPerMs = clamp(Math.min(view.pxPerMs, (0.67 * heightPx) / Math.max(1, endMs - startMs)), MIN_PX_PER_MS, MAX_PX_PER_MS);
  return { pxPerMs, startMs: startMs - (0.08 * heightPx) / pxPerMs };
}

/**
 * Following the cursor. While playing, the diagram scrolls with the cursor held near the
 * bottom, like a chart recorder (below the cursor is the future: nothing is drawn there).
 * While stepping, the view stays still as long as the cursor is well inside it, and turns
 * a page when it leaves, putting the cursor three quarters down with the recent past above.
 */
export function followCursor(view: TimeView, cursorMs: number, heightPx: number, isPlaying = false): TimeView {
  const y = yOf(view, cursorMs);
  // Never further above time 0 than `clampStart` allows: zoomed out, the cursor near the start
  // of a run put "-300 ms" at the top and the run's first 40 ms in a strip at the bottom.
  const at = (f: number): TimeView => ({ ...view, startMs: Math.max(cursorMs - (f * heightPx) / view.pxPerMs, (-0.1 * heightPx) / view.pxPerMs) });
  // Half a pixel of slack: a view just placed must count as placed despite rounding.
  if (isPlaying) return y > 0.85 * heightPx + 0.5 || y < 0 ? at(0.85) : view;
  return y >= 0.06 * heightPx - 0.5 && y <= 0.94 * heightPx + 0.5 ? view : at(0.75);
}

// ---- messages ------------------------------------------------------------------------------

export type ArrowState = 'delivered' | 'dropped' | 'in-flight';

export interface ArrowGeometry {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly state: ArrowState;
  /**
   * A message in flight: where it is due, on its receiver's lane, drawn dashed from where it
   * is now. Without it, a message half-way to a far lane seemed to end on the lane between
   * (lecture 004: node1's put to slow node3 stood at 20 ms on node2's lane, a second message to node2).
   */
  readonly due?: { readonly x: number; readonly y: number };
}

/** When a message is due as known at the cursor (a delay recorded later is not known yet). */
export function dueAt(a: ArrowRecord, upTo: number): number {
  let due = a.dueMs;
  for (const d of a.delays) if (d.index < upTo) due = d.dueMs;
  return due;
}

/** How a message stands at the cursor; null if it is not sent yet (the recorded future). */
export function arrowState(a: ArrowRecord, upTo: number): ArrowState | null {
  if (a.index >= upTo) return null;
  if (!a.end || a.end.index >= upTo) return 'in-flight';
  return a.end.kind === 'deliver' ? 'delivered' : 'dropped';
}

/**
 * The arrow of a message at the cursor: from its send to its delivery; a lost message ends
 * where it was on its way when it was lost (a cross is drawn there); a message in flight
 * ends where it is now. Null if it is not sent yet.
 */
export function arrowGeometry(a: ArrowRecord, upTo: number, nowMs: number, laneX: ReadonlyMap<string, number>, y: (t: number) => number): ArrowGeometry | null {
  const state = arrowState(a, upTo);
  const xFrom = laneX.get(a.from);
  const xTo = laneX.get(a.to);
  if (state === null || xFrom === undefined || xTo === undefined) return null;
  const dueMs = dueAt(a, upTo);
  const endMs = state === 'in-flight' ? Math.min(nowMs, dueMs) : a.end!.atMs;
  const f = state === 'delivered' ? 1 : dueMs > a.sendMs ? clamp((endMs - a.sendMs) / (dueMs - a.sendMs), 0, 1) : 1;
  const x2 = xFrom + f * (xTo - xFrom);
  const y2 = y(Math.max(a.sendMs, endMs));
  const isOnItsWay = state === 'in-flight' && xFrom !== xTo && dueMs > endMs;
  return { x1: xFrom, y1: y(a.sendMs), x2, y2, state, ...(isOnItsWay ? { due: { x: xTo, y: y(dueMs) } } : {}) };
}

/** The accessible name of an arrow: what, who to whom, and when. */
export function arrowName(a: ArrowRecord, state: ArrowState): string {
  const head = `${a.label} ${a.from} → ${a.to}, sent at ${ms1(a.sendMs)}`;
  if (state === 'in-flight') return `${head}, in flight`;
  if (state === 'delivered') return `${head}, delivered at ${ms1(a.end!.atMs)}`;
  return `${head}, lost at ${ms1(a.end!.atMs)} (${DROP_WORD[a.end!.reason ?? 'loss']})`;
}

const DROP_WORD: Readonly<Record<string, string>> = { loss: 'lost by the network', partition: 'the network is split', 'node-down': `the receiver is down`, user: 'dropped by hand' };

/** The event a click on an arrow jumps to: its delivery or loss if recorded, else its send. */
export function arrowTarget(a: ArrowRecord): number {
  return a.end ? a.end.seq : a.seq;
}

// ---- client operations --------------------------------------------------------------------

export type Outcome = 'ok' | 'siblings' | 'failed' | 'pending';

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = { ok: 'succeeded', siblings: 'siblings', failed: 'failed', pending: 'waiting' };

/** How a client operation stands at the cursor; null if not started yet. */
export function opOutcome(op: OpRecord, upTo: number): Outcome | null {
  if (op.index >= upTo) return null;
  if (!op.end || op.end.index >= upTo) return 'pending';
  if (!op.end.ok) return 'failed';
  return op.end.versionCount > 1 ? 'siblings' : 'ok';
}

/** The accessible name of a version's mark. */
export function versionMarkName(v: VersionMark): string {
  return `${v.node} creates ${keyName(v.key)} ${versionName(v.versionId)} ${v.clock} at ${ms1(v.atMs)}`;
}

/** The accessible name of an operation's span. */
export function opName(op: OpRecord, outcome: Outcome): string {
  const head = `${op.op}(${keyName(op.key)}) via ${op.via}`;
  const end = op.end;
  if (outcome === 'pending' || !end) return `${head}: waiting since ${ms1(op.startMs)}`;
  if (outcome === 'failed') return `${head}: failed after ${ms1(end.latencyMs)}${end.error ? ` (${end.error})` : ''}`;
  if (outcome === 'siblings') return `${head}: ${end.versionCount} versions (siblings) in ${ms1(end.latencyMs)}`;
  return `${head}: succeeded in ${ms1(end.latencyMs)}`;
}

/** The span's end time at the cursor (now, while it waits). */
export function opEndMs(op: OpRecord, outcome: Outcome, nowMs: number): number {
  return outcome === 'pending' || !op.end ? Math.max(op.startMs, nowMs) : op.end.atMs;
}

// ---- faults ---------------------------------------------------------------------------------

export interface DownSpan {
  readonly node: string;
  readonly fromMs: number;
  /** Null while still down at the cursor. */
  readonly toMs: number | null;
  readonly isDestroyed: boolean;
}

/** Where each lane's node was down (or destroyed) at the cursor, from the faults in trace order. */
export function downSpans(faults: readonly FaultMark[], upTo: number): DownSpan[] {
  const open = new Map<string, { fromMs: number; isDestroyed: boolean }>();
  const spans: DownSpan[] = [];
  for (const f of faults) {
    if (f.index >= upTo) break;
    if (f.node === null) continue;
    if (f.kind === 'failed' || f.kind === 'destroyed') {
      if (!open.has(f.node)) open.set(f.node, { fromMs: f.atMs, isDestroyed: f.kind === 'destroyed' });
    } else if (f.kind === 'recovered' || f.kind === 'added') {
      const o = open.get(f.node);
      if (o) spans.push({ node: f.node, fromMs: o.fromMs, toMs: f.atMs, isDestroyed: o.isDestroyed });
      open.delete(f.node);
    }
  }
  for (const [node, o] of open) spans.push({ node, fromMs: o.fromMs, toMs: null, isDestroyed: o.isDestroyed });
  return spans;
}

/** What a fault mark says on screen. */
export function faultText(f: FaultMark): string {
  switch (f.kind) {
    case 'partitioned':
      return `network splits ${f.detail ?? ''}`.trim();
    case 'healed':
      return 'network heals';
    default:
      return `${f.node ?? ''} ${f.kind}`.trim();
  }
}

// ---- labels and picking --------------------------------------------------------------------

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Turned by this many radians about its centre (a message's name laid along its arrow); absent, upright. */
  readonly angle?: number;
}

/** True when two boxes share some area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  if (!a.angle && !b.angle) return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  // Turned boxes: apart when their centres are further apart than their half-diagonals reach (cheap, and most pairs are)…
  const reach = (Math.hypot(a.width, a.height) + Math.hypot(b.width, b.height)) / 2;
  if (Math.hypot(a.x + a.width / 2 - b.x - b.width / 2, a.y + a.height / 2 - b.y - b.height / 2) >= reach) return false;
  // …else when some side's direction separates their corners (separating axes).
  const ca = boxCorners(a);
  const cb = boxCorners(b);
  const axes = [a.angle ?? 0, (a.angle ?? 0) + Math.PI / 2, b.angle ?? 0, (b.angle ?? 0) + Math.PI / 2];
  return axes.every((t) => {
    const along = (c: readonly [number, number]) => c[0] * Math.cos(t) + c[1] * Math.sin(t);
    const pa = ca.map(along);
    const pb = cb.map(along);
    return Math.min(...pa) < Math.max(...pb) && Math.min(...pb) < Math.max(...pa);
  });
}

/** A box's four corners, turned with it. */
export function boxCorners(b: Box): [number, number][] {
  const corners: [number, number][] = [
    [b.x, b.y],
    [b.x + b.width, b.y],
    [b.x + b.width, b.y + b.height],
    [b.x, b.y + b.height],
  ];
  return corners.map(([x, y]) => turnedAbout(b, b.angle ?? 0, x, y));
}

/** The point (x, y) turned by `angle` radians about the centre of `b`. */
function turnedAbout(b: Box, angle: number, x: number, y: number): [number, number] {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos];
}

/** A straight segment from (x1, y1) to (x2, y2). */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** True when a segment passes through a box's inside (Liang–Barsky clipping; grazing an edge does not count). */
export function segmentCrossesBox(seg: Segment, b: Box): boolean {
  return clipToBox(seg, b) !== null;
}

/** How long a stretch of the segment lies inside the box, in px (0 when it misses it): the letters a line through a label hides. */
export function lengthInBox(seg: Segment, b: Box): number {
  const t = clipToBox(seg, b);
  return t === null ? 0 : (t[1] - t[0]) * Math.hypot(seg.x2 - seg.x1, seg.y2 - seg.y1);
}

/**
 * The stretch of an arrow under its name, when the name lies on it (its centre on the line: a
 * place along the arrow, not beside it): the name's box, `text` wide in the labels' font,
 * centred on (`cx`, `cy`) and turned `angleDeg`. The halo round the letters leaves the line
 * showing through the spaces between the words, so "hinted cart for D" read as
 * "hinted-cart-for-D"; the drawing hides this stretch instead. Null for a name beside its arrow.
 */
export function lineUnderName(arrow: Segment, cx: number, cy: number, angleDeg: number, text: string, fontPx: number): Segment | null {
  const length = Math.hypot(arrow.x2 - arrow.x1, arrow.y2 - arrow.y1);
  const offLinePx = length === 0 ? Infinity : Math.abs((arrow.x2 - arrow.x1) * (cy - arrow.y1) - (arrow.y2 - arrow.y1) * (cx - arrow.x1)) / length;
  if (offLinePx > 1) return null;
  const width = labelWidth(text, fontPx);
  const t = clipToBox(arrow, { x: cx - width / 2, y: cy - fontPx / 2, width, height: fontPx, angle: (angleDeg * Math.PI) / 180 });
  if (t === null) return null;
  const at = (f: number) => [arrow.x1 + f * (arrow.x2 - arrow.x1), arrow.y1 + f * (arrow.y2 - arrow.y1)] as const;
  const [[x1, y1], [x2, y2]] = [at(t[0]), at(t[1])];
  return { x1, y1, x2, y2 };
}

/** The part of the segment inside the box, as the fractions of its length where it enters and leaves; null if none. */
function clipToBox(seg: Segment, b: Box): [number, number] | null {
  // A turned box: turn the segment the other way about the box's centre, and test it upright.
  const s = b.angle ? unturned(seg, b) : seg;
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  // Each side as p·t < q: the part of the segment on the box's side of that edge.
  const sides: readonly (readonly [number, number])[] = [
    [-dx, s.x1 - b.x],
    [dx, b.x + b.width - s.x1],
    [-dy, s.y1 - b.y],
    [dy, b.y + b.height - s.y1],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q <= 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return null;
  }
  return [t0, t1];
}

function unturned(s: Segment, b: Box): Segment {
  const [x1, y1] = turnedAbout(b, -(b.angle ?? 0), s.x1, s.y1);
  const [x2, y2] = turnedAbout(b, -(b.angle ?? 0), s.x2, s.y2);
  return { x1, y1, x2, y2 };
}

/**
 * Greedy label placement: each label takes the first of its candidate places that overlaps
 * no label placed before it, or none (-1). Earlier labels win, so put the important first.
 */
export function placeLabels(candidates: readonly (readonly Box[])[]): number[] {
  const shown: Box[] = [];
  const overlaps = (b: Box) => shown.some((s) => boxesOverlap(b, s));
  return candidates.map((boxes) => {
    const i = boxes.findIndex((b) => !overlaps(b));
    if (i >= 0) shown.push(boxes[i]!);
    return i;
  });
}

/** Approximate width of a label in the diagram's font (no DOM measuring). */
export function labelWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.58;
}

/** The segment nearest to (x, y) within `maxPx`, for clicks on the dense (canvas) drawing; -1 if none. */
export function nearestSegment(segments: readonly { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }[], x: number, y: number, maxPx: number): number {
  let best = -1;
  let bestD = maxPx * maxPx;
  segments.forEach((s, i) => {
    const dx = s.x2 - s.x1;
    const dy = s.y2 - s.y1;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : clamp(((x - s.x1) * dx + (y - s.y1) * dy) / len2, 0, 1);
    const ex = s.x1 + t * dx - x;
    const ey = s.y1 + t * dy - y;
    const d = ex * ex + ey * ey;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
