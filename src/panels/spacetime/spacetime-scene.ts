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
  arrowTarget,
  downSpans,
  faultText,
  labelWidth,
  opEndMs,
  opOutcome,
  placeLabels,
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
  /** The event a click jumps to. */
  readonly target: number;
  readonly isCurrent: boolean;
  readonly label: { readonly x: number; readonly y: number } | null;
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
  return {
    originMs,
    offsetPx: -y(view.startMs),
    // Dense (a long run fitted to the stage): no names on arrows, but the faults' words still keep off each other.
    ...(isDense ? { arrows, ops, versions, faults: labelled([], [], [], input.lanes.width, faults).faults } : labelled(arrows, ops, versions, input.lanes.width, faults)),
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
    out.push({ op, outcome, x, y1: c.y(op.startMs), y2: c.y(opEndMs(op, outcome, c.nowMs)), target, isCurrent, taken, label: null });
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
type LabelAt = { readonly x: number; readonly y: number };

/**
 * Labels that fit, each at the first of its candidate places that is free: version clocks
 * first (the lecture's point), then request names above their spans, then message names
 * along the longer arrows.
 */
function labelled(arrows: SceneArrow[], ops: SceneOp[], versions: SceneVersion[], widthPx: number, faults: readonly SceneFault[] = []): Pick<Scene, 'arrows' | 'ops' | 'versions' | 'faults'> {
  const h = LABEL_PX + 4;
  const fits = (b: Box) => b.x >= 0 && b.x + b.width <= widthPx;
  const box = (cx: number, cy: number, text: string, pad = 0): Box => {
    const w = labelWidth(text, LABEL_PX) + pad;
    return { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
  };
  const versionPlaces = versions.map((v) => {
    if (versions.length > LABELS_MAX / 2) return [];
    const w = labelWidth(v.text, LABEL_PX) + 6;
    const places = [box(v.x + 11 + w / 2, v.y, v.text, 6), box(v.x - 11 - w / 2, v.y, v.text, 6), box(v.x + 8 + w / 2, v.y + h, v.text, 6), box(v.x - 8 - w / 2, v.y + h, v.text, 6)];
    return places.filter(fits);
  });
  const opPlaces = ops.map((o) => {
    if (ops.length > LABELS_MAX) return [];
    const text = `${o.op.op}(${o.op.key})`;
    const w = labelWidth(text, LABEL_PX);
    const inside = Math.min(Math.max(o.x, w / 2 + 2), widthPx - w / 2 - 2);
    const above = o.y1 - h / 2 - 10;
    return [box(inside, above, text), box(o.x + 8 + w / 2, above, text), box(o.x - 8 - w / 2, above, text), box(inside, above - h, text)].filter(fits);
  });
  const withLabels = arrows.length <= LABELS_MAX;
  const arrowPlaces = arrows.map((a) => {
    const isLong = Math.abs(a.x2 - a.x1) > 70 || Math.abs(a.y2 - a.y1) > 50;
    if (!withLabels || !isLong || a.state === 'in-flight') return [];
    // Padded, so two names side by side keep a gap (the width is an estimate; bold text runs wider).
    const along = (f: number) => box(a.x1 + f * (a.x2 - a.x1), a.y1 + f * (a.y2 - a.y1), a.a.label, ARROW_LABEL_PAD);
    return [along(0.5), along(0.35), along(0.65)].filter(fits);
  });
  // A fault's words ("network splits {A, B} | {C, D}") are drawn wherever they fall (FaultMarks): the other labels keep off them.
  const faultPlaces = faults.map(({ x, y, text }) => {
    const w = Math.min(labelWidth(text, LABEL_PX), widthPx - 8);
    if (x === null) return [{ x: 4, y: y - 5 - LABEL_PX, width: w, height: h }];
    const isLeft = widthPx - (x + 20) < w && x - 20 > widthPx - (x + 20);
    return [{ x: isLeft ? x - 16 - w : x + 16, y: y + 5 - LABEL_PX, width: w, height: h }];
  });
  // Faults first, the network's (splits, heals: across every lane) before a node's, earliest first:
  // words that would fall on another fault's (a split and a recovery moments apart, a whole run
  // fitted into a narrow stage) give way to its tooltip, and the other labels keep off them.
  const faultOrder = faults.map((f, i) => i).sort((i, j) => Number(faults[i]!.x !== null) - Number(faults[j]!.x !== null) || i - j);
  const chosen = placeLabels([...faultOrder.map((i) => faultPlaces[i]!), ...versionPlaces, ...opPlaces, ...arrowPlaces]);
  const faultsOut = faults.map((f, i) => ({ ...f, isTextShown: chosen[faultOrder.indexOf(i)] === 0 }));
  let k = faultPlaces.length;
  const at = (places: readonly Box[]): LabelAt | null => {
    const i = chosen[k++]!;
    const b = i >= 0 ? places[i]! : null;
    return b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null;
  };
  const versionsOut = versions.map((v, i) => ({ ...v, label: at(versionPlaces[i]!) }));
  const opsOut = ops.map((o, i) => {
    const label = at(opPlaces[i]!);
    return { ...o, label: label ? { ...label, text: `${o.op.op}(${o.op.key})` } : null };
  });
  const arrowsOut = arrows.map((a, i) => ({ ...a, label: at(arrowPlaces[i]!) }));
  return { arrows: arrowsOut, ops: opsOut, versions: versionsOut, faults: faultsOut };
}
