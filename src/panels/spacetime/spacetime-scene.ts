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
import { arrowGeometry, boxesOverlap, arrowTarget, downSpans, faultText, opEndMs, opOutcome, placeLabels, viewEndMs, type ArrowState, type Box, type Lanes, type Outcome, type TimeView } from './spacetime-layout';
import { arrowPlaces, clearestFirst, clutterOf, faultPlaces, glyphPlaces, LABELS_MAX, opPlaces, versionPlaces, type Room } from './spacetime-places';
import { keyName, versionName } from '../../engine/index';

export { LABEL_PX } from './spacetime-places';

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
  /**
   * Where its words go: their box's left edge, the centre of its height, its width, and what they
   * say there (a split's may be only "network splits"). Null when no place near its mark is clear
   * of arrows, marks and other labels: the mark stays, and `text` is its tooltip and accessible name.
   */
  readonly words: { readonly x: number; readonly y: number; readonly width: number; readonly text: string } | null;
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
  const room = { widthPx: input.lanes.width, topPx: y(view.startMs), bottomPx: y(view.startMs) + heightPx, cursorPx: y(input.nowMs) };
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
    const name = versionName(v.versionId);
    const text = `${v.key === c.selectedKey ? '' : `${keyName(v.key)} `}${name} ${v.clock}`;
    out.push({ v, x, y: c.y(v.atMs), text, isCurrent: v.seq === c.currentSeq, label: null });
  }
  return out;
}

function sceneFaults(c: Ctx): SceneFault[] {
  return c.model
    .faultsIn(c.t0, c.t1)
    .filter((f) => f.index < c.upTo)
    .map((f) => ({ f, y: c.y(f.atMs), x: f.node === null ? null : (c.lanes.x.get(f.node) ?? null), text: faultText(f), words: null }));
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

/** One thing that wants a label, its candidate places in order, and whether it belongs to the step the lecture stands on. */
interface Want {
  readonly places: readonly Box[];
  /** Lower is placed first (see `labelled`). */
  readonly rank: number;
}

/**
 * Labels that fit, each at the first of its candidate places that is free and in view. The
 * faults' words come first, then what belongs to the lecture's step
 * (`focusFrom`: a step of a long wait or of several events at one instant piled the step's
 * labels onto earlier ones), then the rest; among each, each request's outcome (✓ ✗ ⚠),
 * version clocks (the lecture's point), request names above their spans, and message names
 * along the longer arrows. A label with no free place is left to its item's tooltip.
 */
function labelled(arrows: SceneArrow[], ops: SceneOp[], versions: SceneVersion[], room: Room, faults: readonly SceneFault[] = [], focusFrom = 0): Pick<Scene, 'arrows' | 'ops' | 'versions' | 'faults'> {
  const clutter = clutterOf(arrows, ops, versions, faults, room);
  const faultBoxes = faultPlaces(faults, room, clutter);
  // Faults first, the network's (splits, heals: across every lane) before a node's, earliest first:
  // words that would fall on another fault's (a split and a recovery moments apart, a whole run
  // fitted into a narrow stage) take the next place near their mark, or give way to its tooltip,
  // and the other labels keep off them.
  const faultOrder = faults.map((f, i) => i).sort((i, j) => Number(faults[i]!.x !== null) - Number(faults[j]!.x !== null) || i - j);
  const isOpFocus = (o: SceneOp) => o.op.index >= focusFrom || (o.op.end !== null && o.op.end.index >= focusFrom);
  const isArrowFocus = (a: SceneArrow) => a.a.index >= focusFrom || (a.a.end !== null && a.a.end.index >= focusFrom);
  // Placed by rank: the clocks first, the step's own before the earlier ones, then the step's
  // marks ✓ ✗ ⚠ and names, then the rest. The clocks are what a lecture's narration is about
  // ("returns v2", "D4's clock descends from D2's"): a message name of the step took D4's place,
  // and a mark set beside its span took D2's. A name keeps off the diamonds too: "get(row)" was
  // written over D1's, as "get(◆ow)" (a mark sits under its span's end, by its diamond, as ever);
  // and off a lost message's cross and a node's fault mark, which "get-reply(key)" covered by B's.
  const offMarks = (places: readonly Box[]) => places.filter((b) => !clutter.marks.some((d) => boxesOverlap(b, d)));
  // Ranked by the lines through them: the arrows, the cursor's, and a split's or heal's across the
  // lanes (which ran through "D2 ([node1,2])", written at the split's instant). With many arrows in
  // view, in their own order, to keep the cost down.
  const across = (y: number) => ({ x1: 0, y1: y, x2: room.widthPx, y2: y });
  const lines = [...arrows, ...(room.cursorPx === undefined ? [] : [across(room.cursorPx)]), ...faults.flatMap((f) => (f.x === null ? [across(f.y)] : []))];
  const clearest = (a: SceneArrow | null, places: readonly Box[], isAlongLeftOut = false) => (arrows.length > LABELS_MAX ? [...places] : clearestFirst(a, offMarks(places), lines, isAlongLeftOut));
  const wants: Want[] = [
    ...versions.map((v) => ({ places: versions.length > LABELS_MAX / 2 ? [] : clearest(null, versionPlaces(v, room)), rank: v.v.index >= focusFrom ? 0 : 1 })),
    ...ops.map((o) => ({ places: glyphPlaces(o, room), rank: isOpFocus(o) ? 2 : 5 })),
    ...ops.map((o) => ({ places: ops.length > LABELS_MAX ? [] : clearest(null, opPlaces(o, room)), rank: isOpFocus(o) ? 3 : 6 })),
    ...arrows.map((a) => ({ places: arrows.length > LABELS_MAX ? [] : clearest(a, arrowPlaces(a, room), true), rank: isArrowFocus(a) ? 4 : 7 })),
  ];
  const order = wants.map((_, i) => i).sort((i, j) => wants[i]!.rank - wants[j]!.rank);
  const chosen = placeLabels([...faultOrder.map((i) => faultBoxes[i]!), ...order.map((i) => wants[i]!.places)]);
  const faultsOut = faults.map((f, i) => {
    const b = faultBoxes[i]![chosen[faultOrder.indexOf(i)]!];
    return { ...f, words: b ? { x: b.x, y: b.y + b.height / 2, width: b.width, text: b.text } : null };
  });
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
    return { ...o, glyph: glyphs[i] ?? null, label: label ? { ...label, text: `${o.op.op}(${keyName(o.op.key)})` } : null };
  });
  const arrowsOut = arrows.map((a) => ({ ...a, label: at() }));
  return { arrows: arrowsOut, ops: opsOut, versions: versionsOut, faults: faultsOut };
}
