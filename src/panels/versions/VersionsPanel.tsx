/**
 * The selected key's versions as the lectures draw them: D1, D2, … with value and clock,
 * arrows to immediate descendants, siblings marked, truncated clocks flagged, and which
 * node holds which versions at the cursor. Clicking two versions gives the lectures' rule
 * applied to them (explainRelation).
 */
import { useLectureStore } from '../lectures/lecture-store';
import { useVersionsSeenFrom, useVersionsVeil } from '../lectures/use-veils';
import { useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { explainRelation, formatClock, oneLine, versionHistory, type HistoryVersion, type VersionHistory } from '../../engine/index';
import { traceIndex, useStore } from '../../store/store';
import { noKeyText, useHistory } from './use-history';
import { fitText, perChar, versionsLayout, type Measure, type VersionsLayout } from './versions-layout';
import { useTextMeasure } from '../../app/use-text-measure';
import { KeyText, NamedTspans } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { Reconcile } from './Reconcile';
import { Holdings, VersionsLegend } from './VersionsLegend';
import { ExportButtons } from '../share/ExportButtons';
import { useStageStore } from '../../app/stage-store';

const WIDTH = 420;
/** The narrowest the graph is laid out (then scaled up to the panel): 1.5× type at most. */
const MIN_WIDTH = 280;
/** The widest a version's box is drawn, however much room its row has. */
const MAX_BOX_W = 280;
/** About how wide a character is in the graph's units: the bold name line, and the value line (14 px type). */
const NAME_CHAR_PX = 8.8;
const VALUE_CHAR_PX = 8;
const NAME_ESTIMATE = perChar(NAME_CHAR_PX);
const VALUE_ESTIMATE = perChar(VALUE_CHAR_PX);
/** Room around the drawing, in its units, for strokes and focus rings outside the boxes. */
const EDGE = 5;

/** A clock is squeezed to as little as this share of its width before it is cut. */
const NAME_MAX_SQUEEZE = 0.75;
const BOX_H = 38;
const GAP = 14;
/** A line of a box, and how far a wrapped clock's later lines are indented (under the first entry, about). */
const LINE_H = 16;
const WRAP_INDENT = 24;

/** What the panel says with no version to show: in a lecture, not free play's instructions to the lecturer. */
function emptyText(key: string | null, isLecture: boolean): string {
  if (key === null) return noKeyText(isLecture);
  return isLecture ? 'No version of this key yet.' : 'No version of this key yet: put it.';
}

/**
 * `isCompact`: the small side panel, where larger type would push the holdings out of sight;
 * there only a key's one version is drawn larger (lecture 000's D1 of key-at-344 stood in 14 px
 * type over an empty card). Decided by the history alone: the key column gives the versions the
 * room they ask for (use-versions-room.ts), so a choice made by the room left would feed back.
 */
export function VersionsPanel({ tabs, isCompact = false }: { tabs?: ReactNode; isCompact?: boolean }) {
  const key = useStore((s) => s.selectedKey);
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const panel = useRef<HTMLElement>(null);
  const titleId = useId();
  const isOnStage = useStageStore((s) => s.stage === 'versions');
  const stageChosen = useStageStore((s) => s.stageChosen);
  const history = useHistory(key);
  // Version ids start again at D1 for each key: two picked of cart are not hat's D1 and D2, nor what a new session made.
  const [picks, setPicks] = useState<{ readonly key: string | null; readonly ids: readonly number[] }>({ key, ids: [] });
  const versions = history?.versions ?? [];
  const picked = picks.key === key ? picks.ids.filter((id) => versions.some((v) => v.id === id)) : [];
  const pick = (id: number) => setPicks({ key, ids: picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id].slice(-2) });
  const a = versions.find((v) => v.id === picked[0]);
  const b = versions.find((v) => v.id === picked[1]);
  return (
    <section className="panel versions-panel" aria-labelledby={titleId} ref={panel}>
      <div className="panel-head">
        <h2 id={titleId} className="panel-title">
          Versions <span className="subtle">· {key === null ? 'no key' : <KeyText k={key} />}</span>
        </h2>
        {history && versions.length > 0 ? <ExportButtons target={panel} name={`versions-${key ?? 'key'}`} label="Versions" /> : null}
        {isOnStage ? null : (
          <button type="button" className="enlarge" aria-label="Show the versions on the stage" title="Show the versions in the big panel on the left" onClick={() => stageChosen('versions')}>
            <span aria-hidden="true">⤢</span>
          </button>
        )}
        {tabs}
      </div>
      {!history || versions.length === 0 ? <p className="empty">{emptyText(key, isLecture)}</p> : <VersionsBody history={history} picked={picked} onPick={pick} isFitted={!isCompact || versions.length === 1} />}
      {a && b ? (
        <p className="relation" role="status">
          {explainRelation(a, b).text}.
        </p>
      ) : versions.length > 1 ? (
        <p className="hint subtle">Click two versions to compare their clocks.</p>
      ) : null}
    </section>
  );
}

function VersionsBody({ history, picked, onPick, isFitted }: { history: VersionHistory; picked: readonly number[]; onPick: (id: number) => void; isFitted: boolean }) {
  // While a lecture's question waits, the boxes keep their clocks (what the class reasons
  // from) but not what follows from them: no arrows of descent, no sibling or "no longer
  // held" marks, no reconciliation. Those are the answers to "can node1 save only D4?". The
  // boxes stand in one column, in the order they were made: side by side under D2, D3 and D4
  // would say "concurrent" before "Which of D3 and D4 is newer?" is answered. Where the key column is short
  // of room, the veil's note folds to "…: hidden." (a `foldable` span, as in the legend).
  const veil = useVersionsVeil();
  const isVeiled = veil !== null;
  const { layout, isWrapped } = useMemo(() => graphLayout(history, isVeiled, isFitted), [history, isFitted, isVeiled]);
  // Veiled, the versions no replica held when the step began stay greyed (see useForgottenBefore).
  const isStepVeiled = veil === 'question' || veil === 'ahead';
  const forgotten = useForgottenBefore(history, isStepVeiled);
  const byId = new Map(history.versions.map((v) => [v.id, v]));
  const body = useNewestInView(history.versions.length);
  return (
    <div className="versions-body" ref={body}>
      {/* A margin for what is drawn outside a box: a picked version's 4 px stroke and the keyboard's focus ring, cut at the panel's edge with 2. */}
      <svg className="versions-graph" viewBox={`${-EDGE} ${-EDGE} ${layout.width + 2 * EDGE} ${layout.height + 2 * EDGE}`} aria-label="Version graph">
        <defs>
          <marker id="version-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill="#333" />
          </marker>
        </defs>
        {isVeiled ? null : layout.edges.map((e) => <path key={`${e.from}-${e.to}`} d={e.path} className="version-edge" markerEnd="url(#version-arrow)" />)}
        {layout.versions.map((p) => (
          <VersionBox key={p.id} version={byId.get(p.id)!} box={p} isWrapped={isWrapped} isLive={isStepVeiled ? !forgotten.has(p.id) : history.live.includes(p.id)} isSibling={!isVeiled && history.siblings.includes(p.id)} isPicked={picked.includes(p.id)} onPick={onPick} />
        ))}
      </svg>
      {veil === 'lineage' ? (
        // Only how the versions relate waits for the question ahead; who holds which is what the
        // narration of the step tells ("D2 on node2, D3 on node1 and node4").
        <>
          <p className="veiled" data-export>
            Which version descends from which: hidden<span className="foldable"> until the lecture asks about it</span>.
          </p>
          <Holdings history={history} />
        </>
      ) : isVeiled ? (
        <p className="veiled" data-export>
          Which version descends from which, and who holds which: hidden<span className="foldable"> {veil === 'ahead' ? 'until the lecture asks about it' : "while the lecture's question waits"}</span>.
        </p>
      ) : (
        <>
          {/* Who holds which before what the marks mean: the narration names the holders ("node2 still holds D2
              alone"), and in the key column's short card the line under the legend was out of sight. */}
          <Holdings history={history} />
          <VersionsLegend history={history} />
        </>
      )}
      <Reconcile itemKey={history.key} isVeiled={isVeiled} isAhead={veil === 'ahead' || veil === 'lineage'} />
    </div>
  );
}

/**
 * Where each box goes. A history of few, short versions per row is drawn in a narrower box,
 * which the SVG scales up to the panel's width: the same drawing in larger type for the back
 * of the hall. A row's boxes are as wide as each other, so each row needs its count times its
 * own widest text: the paper's D5, alone on its row, does not size the row of D3 and D4 beside
 * it. On the stage, when siblings' clocks side by side would leave the type at its smallest
 * (the cart's D2 and D3: 14 px), each clock is wrapped one entry a line, if that lets the type grow.
 */
function graphLayout(history: VersionHistory, isVeiled: boolean, isFitted: boolean): { layout: VersionsLayout; isWrapped: boolean } {
  const options = { width: WIDTH, boxHeight: BOX_H, gap: GAP, maxBoxWidth: MAX_BOX_W };
  const edges = isVeiled ? history.versions.slice(1).map((v, i) => ({ from: history.versions[i]!.id, to: v.id })) : history.edges;
  const wide = versionsLayout(history.versions, edges, options);
  if (!isFitted) return { layout: wide, isWrapped: false };
  const needOf = (isWrapped: boolean) => {
    const rows = new Map<number, { count: number; widest: number }>();
    wide.versions.forEach((p, i) => {
      const row = rows.get(p.layer) ?? { count: 0, widest: 0 };
      rows.set(p.layer, { count: row.count + 1, widest: Math.max(row.widest, boxTextWidth(history.versions[i]!, isWrapped)) });
    });
    return Math.max(0, ...[...rows.values()].map((r) => r.count * (r.widest + 16) + (r.count - 1) * 12));
  };
  const need = needOf(false);
  // Wrapped whenever that is narrower: even when long values keep the type small, whole clocks beat clocks cut by "…".
  const isWrapped = need > WIDTH && needOf(true) < need - 24;
  const width = Math.max(MIN_WIDTH, Math.min(WIDTH, isWrapped ? needOf(true) : need));
  if (!isWrapped) return { layout: width === WIDTH ? wide : versionsLayout(history.versions, edges, { ...options, width }), isWrapped };
  const lines = new Map(history.versions.map((v) => [v.id, boxLines(v, true).name.length]));
  return { layout: versionsLayout(history.versions, edges, { ...options, width, heightOf: (id) => BOX_H + ((lines.get(id) ?? 1) - 1) * LINE_H }), isWrapped };
}

interface BoxProps {
  version: HistoryVersion;
  box: { x: number; y: number; width: number; height: number };
  /** The clock one entry a line (see graphLayout). */
  isWrapped: boolean;
  isLive: boolean;
  isSibling: boolean;
  isPicked: boolean;
  onPick: (id: number) => void;
}

/**
 * A version box's lines of text: name and clock (✂ when truncated), then the value (after ∥
 * for a sibling). Wrapped, the clock takes a line per entry: "D2 ([node1,1]," then "[node2,1])".
 */
function boxLines(version: HistoryVersion, isWrapped = false): { name: readonly string[]; value: string } {
  const value = oneLine(Array.isArray(version.value) ? version.value.join(', ') : JSON.stringify(version.value));
  const mark = version.truncated.length > 0 ? ' ✂' : '';
  const entries = version.clock.map((e) => `[${e.node},${e.counter}]`);
  if (!isWrapped || entries.length < 2) return { name: [`${version.name} ${formatClock(version.clock)}${mark}`], value };
  return { name: entries.map((e, i) => `${i === 0 ? `${version.name} (` : ''}${e}${i === entries.length - 1 ? `)${mark}` : ','}`), value };
}

/** About how wide a box's text is, in the graph's units (14 px type, the name lines bold, a wrapped line indented; room for ∥). */
function boxTextWidth(version: HistoryVersion, isWrapped = false): number {
  const { name, value } = boxLines(version, isWrapped);
  return Math.max(...name.map((line, i) => line.length * NAME_CHAR_PX + (i > 0 ? WRAP_INDENT : 0)), (value.length + 2) * VALUE_CHAR_PX);
}

function VersionBox({ version, box, isWrapped, isLive, isSibling, isPicked, onPick }: BoxProps) {
  const lines = boxLines(version, isWrapped);
  const valueY = 32 + (lines.name.length - 1) * LINE_H;
  const label = `${version.name} ${formatClock(version.clock)}: ${lines.value}${isSibling ? ', sibling' : ''}${isLive ? '' : ', no longer held'}${version.truncated.length > 0 ? ', clock truncated' : ''}`;
  const cls = ['version', isLive ? 'live' : 'gone', isSibling ? 'sibling' : '', isPicked ? 'picked' : ''].join(' ');
  return (
    <g
      className={cls}
      transform={`translate(${box.x},${box.y})`}
      role="button"
      tabIndex={0}
      aria-pressed={isPicked}
      aria-label={label}
      onClick={() => onPick(version.id)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onPick(version.id))}
    >
      <title>{withIsolates(label)}</title>
      <rect width={box.width} height={box.height} rx={6} />
      {lines.name.map((line, i) => (
        <FittedText key={i} x={6 + (i > 0 ? WRAP_INDENT : 0)} y={16 + i * LINE_H} className="version-name" text={line} width={box.width - 12 - (i > 0 ? WRAP_INDENT : 0)} estimate={NAME_ESTIMATE} maxSqueeze={NAME_MAX_SQUEEZE} />
      ))}
      <FittedText x={6} y={valueY} className="version-value" text={`${isSibling ? '∥ ' : ''}${lines.value}`} width={box.width - 12} estimate={VALUE_ESTIMATE} maxSqueeze={1} />
    </g>
  );
}

/**
 * A line of a version box, kept inside it: a clock a little too long is squeezed (the clock
 * is the lesson), a long value is cut with "…"; the box's tooltip has both whole.
 */
function FittedText({ x, y, className, text, width, estimate, maxSqueeze }: { x: number; y: number; className: string; text: string; width: number; estimate: Measure; maxSqueeze: number }) {
  const [el, setEl] = useState<SVGTextElement | null>(null);
  const measure = useTextMeasure(el, estimate);
  const fitted = fitText(text, width, measure, maxSqueeze);
  const squeezed = fitted.squeeze < 1 ? { textLength: width, lengthAdjust: 'spacingAndGlyphs' } : {};
  return (
    <text ref={setEl} x={x} y={y} className={className} {...squeezed}>
      <NamedTspans text={fitted.text} />
    </text>
  );
}

/**
 * A long history opens at its newest versions, where the story is, and keeps them in view
 * as versions are added, unless the viewer has scrolled away to read older ones. Scrolled
 * just far enough to show the newest box whole, not to the panel's end: below the graph the
 * reconciliation took that place, and two siblings, what the class has to compare, showed
 * only their bottom edges. Given more room, it scrolls back as far as the newest allows: the
 * key column makes room for the versions after the body first scrolled (the cart's 10:07
 * answer, the Versions tab opened there: D1's name line stayed 7 px above the panel's top,
 * with the room for it below).
 */
function useNewestInView(count: number): RefObject<HTMLDivElement | null> {
  const body = useRef<HTMLDivElement>(null);
  const isFollowing = useRef(true);
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    if (isFollowing.current) showNewest(el);
    const onScroll = () => {
      isFollowing.current = isNewestShown(el);
    };
    el.addEventListener('scroll', onScroll);
    const resized = new ResizeObserver(() => {
      if (isFollowing.current) scrollLeast(el);
    });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, [count]);
  return body;
}

/** Scrolled back, never on, to the least that keeps the newest box whole. */
function scrollLeast(el: HTMLElement): void {
  const box = newestBox(el);
  if (!box) return;
  const least = Math.max(0, box.bottom + NEWEST_MARGIN_PX - el.clientHeight);
  if (el.scrollTop > least) el.scrollTop = least;
}

/** The newest version's box (boxes are drawn in the order the versions were made), as it stands in the scrolled body: top and bottom in px. */
function newestBox(el: HTMLElement): { top: number; bottom: number } | null {
  const boxes = el.querySelectorAll('.versions-graph .version');
  const box = boxes[boxes.length - 1]?.getBoundingClientRect();
  if (!box) return null;
  const origin = el.getBoundingClientRect().top - el.scrollTop;
  return { top: box.top - origin, bottom: box.bottom - origin };
}

function isNewestShown(el: HTMLElement): boolean {
  const box = newestBox(el);
  return box === null || (box.top >= el.scrollTop - 1 && box.bottom <= el.scrollTop + el.clientHeight + 1);
}

function showNewest(el: HTMLElement): void {
  const box = newestBox(el);
  if (!box) return;
  if (box.bottom + NEWEST_MARGIN_PX > el.scrollTop + el.clientHeight) el.scrollTop = box.bottom + NEWEST_MARGIN_PX - el.clientHeight;
  else if (box.top < el.scrollTop) el.scrollTop = Math.max(0, box.top - NEWEST_MARGIN_PX);
}

/** Room kept below the newest box when following it. */
const NEWEST_MARGIN_PX = 8;

/**
 * While the versions are veiled whole (a question waits, or one ahead asks about them), the
 * versions no replica held any longer when the step began: they stay greyed, as the class
 * last saw them. Veiled whole, the cart's D1, shown forgotten at 10:05, stood live again at
 * the 10:06 question (which is about last-write-wins, not D1); and revealing "D1 can be
 * forgotten" drew D1 held again, since the step stays veiled for the questions ahead. What
 * the step itself forgets stays hidden: that is often the answer. So does what the steps
 * before it forgot while they kept the versions veiled too (`useVersionsSeenFrom`).
 */
function useForgottenBefore(history: VersionHistory, isVeiled: boolean): ReadonlySet<number> {
  const from = useVersionsSeenFrom(isVeiled);
  const version = useStore((s) => s.traceVersion);
  return useMemo(() => {
    if (from === null || from === 0) return NONE_FORGOTTEN;
    const before = versionHistory(traceIndex.events, history.key, { atSeq: traceIndex.events[from - 1]?.seq ?? -1, indices: traceIndex.historyEventsOf(history.key, from) });
    return new Set(before.versions.filter((v) => !before.live.includes(v.id)).map((v) => v.id));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the trace index changes with `version`
  }, [history.key, from, version]);
}

const NONE_FORGOTTEN: ReadonlySet<number> = new Set();
