/**
 * The space-time diagram: one lane per node, virtual time running down, every message an
 * arrow from its send to its delivery (a lost one ends in a cross, one in flight ends where
 * it is now), client requests as spans coloured by outcome, and the vector clock of every
 * new version. The cursor line is now, and a ring marks the current event, the one the event
 * log marks; clicking an arrow jumps there.
 *
 * The trace can hold 100k events: the model is extended per frame with the new events only,
 * and only the window in view is laid out (spacetime-scene.ts); thousands of arrows in view
 * are painted on a canvas.
 */
import { useLiveWhenPaused } from '../../app/use-live';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ExportButtons } from '../share/ExportButtons';
import { traceIndex, useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { useClock } from '../../store/clock';
import { nodeColours } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { useSize } from '../../app/use-size';
import { useTextMeasure } from '../../app/use-text-measure';
import { SpaceTimeModel } from './spacetime-model';
import { hiddenLanes, laneLayout, timeTicks, yOf, type Lanes, type TimeView } from './spacetime-layout';
import { DENSE_MIN, DENSE_MIN_MOVING, DENSE_MIN_PLAYING, sceneOf, type Scene } from './spacetime-scene';
import { ArrowItem, ArrowMarkers, CursorLine, DownLines, FaultMarks, LaneHeaders, LaneLines, OpItem, VersionItem, arrowProps, opProps, versionProps } from './SpaceTimeLayers';
import { SpaceTimeCanvas } from './SpaceTimeCanvas';
import { SpaceTimeLegend } from './SpaceTimeLegend';
import { useLectureStore } from '../lectures/lecture-store';
import { useQuestionVeilFrom } from '../lectures/use-veils';
import { ZOOM_STEP, useTimeView, type TimeViewControls } from './use-time-view';
import { lastBelow, shownEvents } from '../event-log/event-log-layout';
import type { TraceEvent } from '../../engine/index';
import type { EventClass } from '../../app/theme';
import './spacetime.css';

/** The diagram is one panel per page: its model is kept here between renders, and let go when the trace is cut. */
const model = new SpaceTimeModel();
traceIndex.whenCut(() => model.forget());
const HEADER_PX = 30;
const GUTTER_PX = 58;
/** The axis labels' average character width (14 px bold digits, a narrow comma and space). */
const AXIS_CHAR_PX = 8;
/** 32 lanes fit the Wide stage at 1280 px; in the narrow stage they scroll across. */
const MIN_LANE_PX = 36;

export function SpaceTimePanel() {
  const controller = useController();
  // While a lecture's question waits, the step's own messages are not drawn: "Which node does
  // G forward the request to?" is answered by the arrow from G.
  const veilFrom = useQuestionVeilFrom();
  const atCursor = useStore((s) => s.traceLengthAtCursor);
  const upTo = veilFrom === null ? atCursor : Math.min(atCursor, veilFrom);
  const nodes = useStore((s) => s.nodes);
  const filter = useStore((s) => s.logFilter);
  const selectedKey = useStore((s) => s.selectedKey);
  const isPlaying = useStore((s) => s.isPlaying);
  const clockMs = useClock((s) => s.clockMs);
  // The model reads on from where it stopped, as the ledgers do: done while drawing, as the scene
  // below is laid out from it, and harmless to repeat. Only while the panel is drawn: kept up to
  // date with every frame instead, it would hold a long recording while nobody looks at it.
  const lastMs = useTraceMemo((index) => model.update(index.events, index.epoch).lastMs, []);
  // Whether the step's messages are hidden: a scan of the step's events, not one every clock tick.
  const isStepVeiled = useTraceMemo((index, at) => veilFrom !== null && index.sentBetween(veilFrom, at).size > 0, [veilFrom]);

  const viewport = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLElement>(null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const { width, height } = useSize(scroller);
  const [scrollLeft, setScrollLeft] = useState(0);
  const bodyPx = Math.max(0, height - HEADER_PX);
  // While playing under a heavy load the display clock runs ahead of what the engine has
  // computed (up to a quarter second of playback): follow the computed edge, where events are.
  const engineMs = useStore((s) => s.nowMs);
  const followMs = isPlaying ? Math.min(clockMs, Math.max(engineMs, lastMs)) : clockMs;
  // The view's end, what "All" fits and scrolling stops at: what is drawn, up to the cursor, not
  // the whole recording. A lecture records each part whole, so at 140 ms "All" spread 1.4 s over
  // the panel and crammed the step's messages into its top 20 px.
  const drawnMs = upTo > 0 ? (traceIndex.events[upTo - 1]?.atMs ?? 0) : 0;
  const controls = useTimeView(viewport, bodyPx, Math.max(drawnMs, clockMs), followMs, isPlaying);
  const axis = useAxis(controls.view, bodyPx);
  useFollowOnPlay(isPlaying, controls);
  useLectureStep(controls, bodyPx > 0);

  const idList = nodes.map((n) => n.id).join(',');
  const ids = useMemo(() => (idList === '' ? [] : idList.split(',')), [idList]);
  const colours = useMemo(() => nodeColours(ids), [ids]);
  const lanes = useMemo(() => laneLayout(ids, width, MIN_LANE_PX), [ids, width]);
  const current = currentShown(upTo, filter);
  const denseMin = useDenseLimit(isPlaying, controls.isMoving);
  const scene = sceneOf({ model, lanes, view: controls.view, heightPx: bodyPx, upTo, currentSeq: current?.seq ?? -1, nowMs: clockMs, filter, selectedKey, denseMin: denseMin.limit, focusFrom: useStepStart() });
  denseMin.seen(scene.isDense);
  const onJump = useCallback((seq: number) => void controller.seekToEvent(seq), [controller]);
  useLaneFollow(scroller, lanes.x.get(current?.node ?? ''), width, controls.isFollowing && !isPlaying);
  useRecentWhenQuiet(controls, bodyPx > 0 && upTo > 0 && isQuiet(scene) && controls.isFollowing && !isPlaying, upTo, clockMs, filter);
  const currentAt = current && current.node !== null && lanes.x.has(current.node) ? { x: lanes.x.get(current.node)!, y: HEADER_PX + yOf(controls.view, current.atMs) } : null;

  return (
    <section className="panel stage-panel spacetime-panel" aria-label="Space-time diagram" ref={panel}>
      <div className="panel-head">
        {/* Beside the tools in the narrow stage, the title is the tab's own word: "Space-time". */}
        <h2 id="spacetime-title" className="panel-title">
          Space-time<span className="title-more"> diagram</span>
        </h2>
        <Tools controls={controls} />
        <ExportButtons target={panel} name="space-time" label="Space-time diagram" />
      </div>
      <SpaceTimeLegend />
      <div className="st-viewport" ref={viewport} tabIndex={0} role="group" aria-label="Diagram: the wheel or a finger scrolls time; Ctrl+wheel, a pinch, or + and − zoom" onKeyDown={controls.onKeyDown}>
        <TimeAxis view={controls.view} bodyPx={bodyPx} clockMs={clockMs} setProbe={axis.setProbe} ticks={axis.ticks} gutter={axis.gutter} />
        <div className="st-scroll" ref={setScroller} onScroll={(e) => setScrollLeft(e.currentTarget.scrollLeft)}>
          {width > 0 ? (
            <svg className="st-svg" width={lanes.width} height={height} role="group" aria-label="Messages and requests">
              <ArrowMarkers />
              <Body scene={scene} lanes={lanes} ids={ids} colours={colours} height={height} cursorY={HEADER_PX + yOf(controls.view, clockMs)} onJump={onJump} />
              <CursorLine y={HEADER_PX + yOf(controls.view, clockMs)} width={lanes.width} current={currentAt} />
              <rect className="st-head-bg" x={0} y={0} width={lanes.width} height={HEADER_PX} />
              <LaneHeaders ids={ids} x={lanes.x} colours={colours} laneWidth={lanes.laneWidth} />
            </svg>
          ) : null}
          {width > 0 && scene.isDense ? <SpaceTimeCanvas scene={scene} width={lanes.width} height={bodyPx} top={HEADER_PX} onJump={onJump} /> : null}
          {isStepVeiled ? <p className="veiled st-veil" data-export>This step's messages: hidden while the lecture's question waits.</p> : null}
          {upTo === 0 && veilFrom === null ? <p className="st-empty">Put or get a key, then step forward: each message appears as an arrow.</p> : null}
          {upTo > 0 && isQuiet(scene) && !isStepVeiled ? <QuietNote onShowAll={isAllInView(controls.view, Math.max(drawnMs, clockMs), bodyPx) ? null : () => controls.fit()} /> : null}
        </div>
        {lanes.width > width + 1 ? <LaneOverflow left={axis.gutter} hidden={hiddenLanes(lanes, scrollLeft, width)} onScroll={(dx) => scroller?.scrollBy({ left: dx * Math.max(lanes.laneWidth, width - 2 * lanes.laneWidth), behavior: 'smooth' })} /> : null}
      </div>
    </section>
  );
}

interface BodyProps {
  readonly scene: Scene;
  readonly lanes: Lanes;
  readonly ids: readonly string[];
  readonly colours: ReadonlyMap<string, string>;
  readonly height: number;
  readonly cursorY: number;
  readonly onJump: (seq: number) => void;
}

/** Lanes, and (unless dense) every item in view, in one layer shifted by the scroll. */
function Body({ scene, lanes, ids, colours, height, cursorY, onJump }: BodyProps) {
  const shift = HEADER_PX + scene.offsetPx;
  return (
    <>
      <rect className="st-future" x={0} y={Math.max(HEADER_PX, cursorY)} width={lanes.width} height={Math.max(0, height - Math.max(HEADER_PX, cursorY))} />
      <LaneLines ids={ids} x={lanes.x} colours={colours} top={HEADER_PX} bottom={height} />
      <g transform={`translate(0,${shift})`}>
        <DownLines downs={scene.downs} />
        <FaultMarks faults={scene.faults} width={lanes.width} part="marks" />
        {scene.isDense ? null : (
          <>
            <g className="st-ops" role="group" aria-label="Requests">
              {scene.ops.map((s) => (
                <OpItem key={s.op.opId} {...opProps(s, onJump)} />
              ))}
            </g>
            <g className="st-messages" role="group" aria-label="Messages">
              {scene.arrows.map((s) => (
                <ArrowItem key={s.a.msgId} {...arrowProps(s, onJump)} />
              ))}
            </g>
            <g className="st-versions" role="group" aria-label="New versions">
              {scene.versions.map((s) => (
                <VersionItem key={s.v.seq} {...versionProps(s, onJump)} />
              ))}
            </g>
          </>
        )}
        <FaultMarks faults={scene.faults} width={lanes.width} part="words" />
      </g>
    </>
  );
}

/**
 * Playing at real time, most of the time is quiet, and gossip is hidden by default: say so, rather
 * than show blank lanes. With the whole run in view already (`onShowAll` null: a lecture part that
 * begins with a link slowed, or a question asked before its write), nothing shown has happened yet,
 * and a button to show the whole run would show the same empty lanes. Not said while a lecture's
 * question hides the step's messages: that is why the lanes are empty, and "nothing shown has
 * happened yet" was untrue there (lecture 002's gossip round).
 */
function QuietNote({ onShowAll }: { onShowAll: (() => void) | null }) {
  const live = useLiveWhenPaused();
  if (onShowAll === null) {
    return (
      <p className="st-empty st-quiet" role="status" aria-live={live}>
        Nothing shown has happened yet: each message will appear as an arrow.
      </p>
    );
  }
  return (
    <p className="st-empty st-quiet" role="status" aria-live={live}>
      Nothing shown happens in this stretch of time.{' '}
      <button type="button" onClick={onShowAll}>
        Show the whole run
      </button>
    </p>
  );
}

/** What All would show is in view already: from the run's start to `endMs`, its last drawn moment. */
function isAllInView(view: TimeView, endMs: number, bodyPx: number): boolean {
  return view.startMs <= 0 && yOf(view, endMs) <= bodyPx;
}

/**
 * The current event: the last before `upTo` of a kind shown, the line the event log marks as
 * now, found as the log finds it. The last event of all is often of a hidden kind (background
 * gossip, between a put's answer and its hint): the ring stood on an empty lane, on an event
 * the diagram and the log both hid, while the log marked the put's answer.
 */
function currentShown(upTo: number, filter: Readonly<Record<EventClass, boolean>>): TraceEvent | undefined {
  const shown = shownEvents.indices(traceIndex, filter);
  const index = shown[lastBelow(shown, upTo)];
  return index === undefined ? undefined : traceIndex.events[index];
}

/** No arrow, request, version or fault in view (the lanes and down lines alone). */
function isQuiet(scene: Scene): boolean {
  return !scene.isDense && scene.arrows.length === 0 && scene.ops.length === 0 && scene.versions.length === 0 && scene.faults.length === 0;
}

function Tools({ controls }: { controls: TimeViewControls }) {
  return (
    <div className="st-tools" role="group" aria-label="Time zoom">
      <button type="button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => controls.zoom(1 / ZOOM_STEP)}>
        −
      </button>
      <button type="button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => controls.zoom(ZOOM_STEP)}>
        +
      </button>
      <button type="button" title="Show the whole trace so far" onClick={() => controls.fit()}>
        All
      </button>
      <button type="button" aria-pressed={controls.isFollowing} title="Keep the current event in view" onClick={() => controls.follow(!controls.isFollowing)}>
        Follow
      </button>
    </div>
  );
}

/** Until the axis's font is known, a label's width from its length. */
const estimateAxisLabel = (label: string) => label.length * AXIS_CHAR_PX;

/**
 * The time axis's ticks and width: wide enough for the longest label ("66,960 ms" a minute
 * into a run), measured in the axis's own font (the probe, a hidden text in the axis): a
 * guess per character cut the first digit off on some fonts.
 */
function useAxis(view: TimeView, bodyPx: number) {
  const [probe, setProbe] = useState<SVGTextElement | null>(null);
  const measure = useTextMeasure(probe, estimateAxisLabel);
  const ticks = bodyPx > 0 ? timeTicks(view, bodyPx) : [];
  const gutter = Math.max(GUTTER_PX, Math.ceil(Math.max(0, ...ticks.map((t) => measure(t.label)))) + 14);
  return { setProbe, ticks, gutter };
}

interface TimeAxisProps {
  readonly view: TimeView;
  readonly bodyPx: number;
  readonly clockMs: number;
  readonly setProbe: (probe: SVGTextElement | null) => void;
  readonly ticks: ReturnType<typeof timeTicks>;
  readonly gutter: number;
}

function TimeAxis({ view, bodyPx, clockMs, setProbe, ticks, gutter }: TimeAxisProps) {
  const nowY = HEADER_PX + yOf(view, clockMs);
  const isNowShown = nowY >= HEADER_PX && nowY <= HEADER_PX + bodyPx;
  return (
    <svg className="st-axis" width={gutter} height={bodyPx + HEADER_PX} aria-hidden="true">
      <text ref={setProbe} visibility="hidden" />
      <text x={gutter - 6} y={19} textAnchor="end" className="st-axis-title">
        time ↓
      </text>
      {ticks.map((t) =>
        isNowShown && Math.abs(HEADER_PX + t.y - nowY) < 16 ? null : (
          <g key={t.label} transform={`translate(0,${HEADER_PX + t.y})`}>
            <line x1={gutter - 5} x2={gutter} stroke="#333" />
            <text x={gutter - 7} y={5} textAnchor="end">
              {t.label}
            </text>
          </g>
        ),
      )}
      {isNowShown ? (
        <g className="st-now" transform={`translate(0,${nowY})`}>
          <rect x={0} y={-10} width={gutter} height={20} rx={4} />
          <text x={gutter / 2} y={5} textAnchor="middle">
            {clockMs < 1000 ? clockMs.toFixed(1) : Math.round(clockMs).toLocaleString('en')}
          </text>
        </g>
      ) : null}
    </svg>
  );
}

/** When the lanes are wider than the stage: how many are out of sight each side, and buttons to scroll to them. */
/** `left`: where the lanes begin, just right of the time axis. */
function LaneOverflow({ left, hidden, onScroll }: { left: number; hidden: { left: number; right: number }; onScroll: (direction: number) => void }) {
  return (
    <>
      {hidden.left > 0 ? (
        <button type="button" className="st-more left" style={{ left }} aria-label={`Scroll to ${hidden.left} more lanes on the left`} onClick={() => onScroll(-1)}>
          ◂ {hidden.left}
        </button>
      ) : null}
      {hidden.right > 0 ? (
        <button type="button" className="st-more right" aria-label={`Scroll to ${hidden.right} more lanes on the right`} onClick={() => onScroll(1)}>
          {hidden.right} ▸
        </button>
      ) : null}
    </>
  );
}

/**
 * How many things in view switch the drawing to the canvas. While playing, fewer (a busy
 * window changes every frame); while the wheel scrolls or zooms, fewer still (every item
 * moves every frame). Once switched, it stays on the canvas until paused or still again:
 * swapping hundreds of SVG elements in and out as the count wavers costs long frames.
 */
function useDenseLimit(isPlaying: boolean, isMoving: boolean): { limit: number; seen(isDense: boolean): void } {
  const [isStuck, setStuck] = useState(false);
  const isBusy = isPlaying || isMoving;
  if (!isBusy && isStuck) setStuck(false);
  return {
    limit: !isBusy ? DENSE_MIN : isStuck ? 0 : isMoving ? DENSE_MIN_MOVING : DENSE_MIN_PLAYING,
    seen: (isDense) => {
      if (isBusy && isDense && !isStuck) setStuck(true);
    },
  };
}

/** When lanes scroll across (many nodes, narrow stage), stepping brings the current event's lane into sight. */
function useLaneFollow(element: HTMLDivElement | null, laneX: number | undefined, width: number, isOn: boolean): void {
  useEffect(() => {
    if (!isOn || !element || laneX === undefined) return;
    if (laneX < element.scrollLeft + 20 || laneX > element.scrollLeft + width - 20) element.scrollTo({ left: laneX - width / 2, behavior: 'smooth' });
  }, [element, laneX, width, isOn]);
}

/**
 * Paused after a stretch where nothing shown happened (the background's gossip is hidden by
 * default, and most of real time is quiet), the diagram reaches back to the last message or
 * request it shows, up to the cursor: following the cursor alone showed empty lanes and
 * "Nothing shown happens" where the class wants the put it just watched. In a lecture it
 * reaches back however far: a part runs a second or two, and a step that only looks (lecture
 * 002's "D's hinted store is empty", 670 ms after the handoff) showed empty lanes at 1,300 ms.
 */
function useRecentWhenQuiet(controls: TimeViewControls, isQuietHere: boolean, upTo: number, clockMs: number, filter: Readonly<Record<string, boolean>>): void {
  const { show } = controls;
  const reachBackMs = useLectureStore((s) => (s.lecture === null ? REACH_BACK_MS : Infinity));
  const shownFor = useRef(-1);
  useEffect(() => {
    if (!isQuietHere || shownFor.current === upTo) return;
    shownFor.current = upTo;
    const start = model.lastShownStart(upTo, (traffic) => filter[traffic] === true);
    if (start !== null && clockMs - start <= reachBackMs) show(start - REACH_MARGIN_MS, clockMs + REACH_MARGIN_MS);
  }, [isQuietHere, upTo, clockMs, filter, show, reachBackMs]);
}

/**
 * How far back a quiet diagram reaches for the last thing it shows: about a pixel a
 * millisecond on a 720p stage, so a put's 20 ms still stand 20 px tall. Further back, the
 * arrows would be too squeezed to read; the diagram says nothing shown happens, and offers
 * the whole run.
 */
const REACH_BACK_MS = 400;
const REACH_MARGIN_MS = 2;

/**
 * When a lecture moves to a step, the diagram shows the whole step, from its first event to
 * where it ends: following the cursor alone showed only the step's last moments (lecture
 * 002: "G forwards it to B, which does not answer in time" had scrolled off the top).
 */
function useLectureStep(controls: TimeViewControls, isMeasured: boolean): void {
  const place = useLectureStore((s) => (s.lecture && !s.isBusy ? `${s.place.part}:${s.place.step}` : null));
  const { show } = controls;
  // Also once the panel has its height: opened on a step (its tab clicked), it has none at first.
  useEffect(() => {
    if (place === null || !isMeasured) return;
    const { place: at, stepTraceEnds } = useLectureStore.getState();
    const first = traceIndex.events[at.step === 0 ? 0 : (stepTraceEnds[at.step - 1] ?? Number.MAX_SAFE_INTEGER)];
    const last = traceIndex.events[(stepTraceEnds[at.step] ?? 0) - 1];
    if (first && last && last.seq >= first.seq) show(first.atMs, Math.max(last.atMs, useStore.getState().nowMs));
  }, [place, show, isMeasured]);
}

/** Where the lecture's step begins in the trace (0 outside a lecture): the step's own labels are placed before earlier steps'. */
function useStepStart(): number {
  return useLectureStore((s) => (s.lecture === null || s.place.step === 0 ? 0 : (s.stepTraceEnds[s.place.step - 1] ?? 0)));
}

/** Pressing Play brings the cursor back into view and keeps it there. */
function useFollowOnPlay(isPlaying: boolean, controls: TimeViewControls): void {
  const [wasPlaying, setWasPlaying] = useState(isPlaying);
  if (isPlaying !== wasPlaying) {
    setWasPlaying(isPlaying);
    if (isPlaying && !controls.isFollowing) controls.follow(true);
  }
}
