/**
 * Every event in one plain-language line, filterable by kind so background traffic does
 * not drown the story; click a line to jump there. Only the rows on screen are rendered:
 * the trace can reach 100k events.
 */
import { classChosen } from '../../app/stage-store';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useSize } from '../../app/use-size';
import { NamedText } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { describe } from '../../engine/index';
import { EVENT_CLASSES, EVENT_CLASS_LABEL, TRAFFIC_COLOUR, type EventClass } from '../../app/theme';
import { hiddenClasses, traceIndex, useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import type { TraceIndex } from '../../store/trace-index';
import { useController } from '../../app/controller-context';
import type { Controller } from '../../engine-client/controller';
import { useLectureStore } from '../lectures/lecture-store';
import { useQuestionVeilFrom } from '../lectures/use-veils';
import { lastBelow, scrollToShow, shownEvents } from './event-log-layout';

const ROW_PX = 30;
/** The most lines the current event's row takes. */
const MAX_LINES = 3;

export function EventLogPanel() {
  const controller = useController();
  const version = useStore((s) => s.traceVersion);
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const filter = useStore((s) => s.logFilter);
  const list = useMemo(() => {
    const indices = shownEvents.indices(traceIndex, filter);
    return { indices, length: indices.length };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the trace index changes with `version`
  }, [filter, version]);
  const counts = useTraceMemo(countByClass, []);
  const [jumped, onJump] = useJump(controller);
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);
  const { width, height } = useSize(viewport);
  const visible = Math.max(1, Math.floor(height / ROW_PX));
  const currentRow = jumpedRow(list.indices, upTo, traceIndex.epoch, jumped) ?? lastBelow(list.indices, upTo);
  // In lecture mode the recorded future is not listed: it would answer the step's question before it is asked.
  const isLecture = useLectureStore((s) => s.lecture !== null);
  // While its question waits, the step's own events are veiled too: they often state the answer.
  const veilFrom = useQuestionVeilFrom();
  const shown = veilFrom !== null ? lastBelow(list.indices, veilFrom) + 1 : isLecture ? currentRow + 1 : list.length;
  // The list scrolls by rows, in state: no native scrolling, so following the cursor never
  // makes the browser lay the page out in the middle of a frame.
  const [topRow, setTopRow] = useState(0);
  const [followedRow, setFollowedRow] = useState(-2);
  // The current event is what the class looks at: it gets the lines it needs, so the narrow log
  // under the key column shows it whole rather than cut by "…" (in a lecture, the step's last
  // event; in free play, while paused: playing, the current row changes every frame). Up to
  // three, even where that is the whole log (lecture 004's token map, "node1 {t1, t2}, …, node4
  // {t7, t8}", lost its last node at two). Keeping a row for the event before it cut the current
  // one at two lines in a lecture's three-row log, often at what the step was about ("get(row)
  // failed after 300 ms: only 2 of R=3 replicas…"); the event before it, one line, was cut too.
  const isPlaying = useStore((s) => s.isPlaying);
  const mayBeTall = (isLecture || !isPlaying) && veilFrom === null && currentRow >= 0;
  const mostLines = Math.min(MAX_LINES, visible);
  // … as many as its text takes: a line that fits whole gives the room back to the rows after it.
  const currentLines = useLinesNeeded(viewport, mayBeTall ? mostLines : 1, `${list.indices[currentRow]}@${width}`);
  const extraRows = currentLines - 1;
  // A veil takes the row after the last one shown, and is what the list follows while it is up.
  const rowCount = shown + (veilFrom !== null ? 1 : 0) + extraRows;
  const followRow = veilFrom !== null ? shown : currentRow;
  const maxTop = Math.max(0, rowCount - visible);
  if (followRow !== followedRow && height > 0) {
    setFollowedRow(followRow);
    // A tall row is followed with all its lines.
    const top = Math.floor(scrollToShow(Math.max(0, followRow), ROW_PX, topRow * ROW_PX, visible * ROW_PX, currentLines) / ROW_PX);
    if (top !== topRow) setTopRow(top);
  }
  const first = Math.min(topRow, maxTop);
  const scrollBy = (rows: number) => setTopRow(Math.max(0, Math.min(maxTop, first + rows)));
  const rowFocus = useRowFocus(viewport, { first, visible, shown, currentRow }, (top) => setTopRow(Math.max(0, Math.min(maxTop, top))));
  const { focusLater } = rowFocus;
  // A line chosen with the keyboard keeps the focus through the jump.
  const onRowJump = useCallback((seq: number, row: number | null) => void onJump(seq).then(() => row !== null && focusLater(row)), [onJump, focusLater]);
  const onKey = logKeys(visible, (rows) => scrollBy(Number.isFinite(rows) ? rows : rows < 0 ? -rowCount : rowCount), rowFocus.moveFrom);

  const rows = [];
  for (let r = first; r < Math.min(shown, first + visible + 1); r++) rows.push(list.indices[r]!);
  // The time column fits the longest time in view ("128795.0 ms" two minutes in), so it never runs into the kind.
  const lastAtMs = rows.length > 0 ? (traceIndex.events[rows[rows.length - 1]!]?.atMs ?? 0) : 0;
  const timeChars = Math.max(9, `${lastAtMs.toFixed(1)} ms`.length);
  return (
    <section className="panel log-panel" aria-labelledby="log-title">
      <div className="panel-head">
        <h2 id="log-title" className="visually-hidden">
          Event log
        </h2>
        <KindFilters counts={counts} isNarrow={width > 0 && width < NARROW_PX} />
      </div>
      {/* One Tab stop for the whole list (a line, or the list while it has none): Tab went through every line on screen before the next panel. */}
      <div className="log-viewport" ref={setViewport} onWheel={(e) => scrollBy(Math.sign(e.deltaY) * 3)} onKeyDown={onKey} tabIndex={shown > 0 ? -1 : 0} role="group" aria-label="Events">
        <ol className="log-rows" aria-label="Event list" style={{ '--time-chars': timeChars } as CSSProperties}>
          {rows.map((index, i) => (
            <LogRow key={`${traceIndex.epoch}:${index}`} index={index} row={first + i} isTabStop={first + i === rowFocus.tabRow} onFocusRow={rowFocus.focused} top={(i + (currentRow >= first && first + i > currentRow ? extraRows : 0)) * ROW_PX} when={first + i === currentRow ? 'now' : index < upTo ? 'past' : 'future'} lines={first + i === currentRow ? currentLines : 1} onJump={onRowJump} />
          ))}
        </ol>
        {veilFrom !== null && shown - first <= visible + 1 ? (
          <p className="veiled log-veil" style={{ top: (shown - first) * ROW_PX }}>
            This step's events: hidden while the lecture's question waits.
          </p>
        ) : null}
        {shown === 0 && veilFrom === null ? <p className="log-empty">{emptyText(isLecture, upTo)}</p> : null}
        {rowCount > visible ? <div className="log-thumb" aria-hidden="true" style={{ top: `${(first / rowCount) * 100}%`, height: `${Math.max(4, (visible / rowCount) * 100)}%` }} /> : null}
      </div>
    </section>
  );
}

/** What an empty log says: where its lines will come from (or that the kinds hidden hold them). */
export function emptyText(isLecture: boolean, eventsSoFar: number): string {
  if (eventsSoFar > 0) return `None of the ${eventsSoFar.toLocaleString('en')} events so far is of a kind shown: click a kind above to show it.`;
  return isLecture ? "The step's events are listed here, one a line, as it plays." : 'Every message and event gets a line here as it happens: put or get a key, fail a node, then Step forward or Play.';
}

/** An event clicked in the log: its index, and the trace's length at the cursor the click took it to. */
interface Jump {
  readonly index: number;
  readonly upTo: number;
  readonly epoch: number;
}

/**
 * A click jumps to the step that made the event; the row clicked stays the one marked, though
 * the step may have made events after it in the same instant (a delivery, its store, its ack).
 */
function useJump(controller: Controller): readonly [Jump | null, (seq: number) => Promise<void>] {
  const [jumped, setJumped] = useState<Jump | null>(null);
  const onJump = useCallback(
    (seq: number) =>
      controller.seekToEvent(seq).then(() => {
        const index = traceIndex.indexOfSeq(seq);
        const upTo = useStore.getState().traceLengthAtCursor;
        setJumped(index >= 0 && index < upTo ? { index, upTo, epoch: traceIndex.epoch } : null);
      }),
    [controller],
  );
  return [jumped, onJump];
}

/** The row of the event clicked, while the cursor is still where that click took it and the filter lists it. */
function jumpedRow(indices: readonly number[], upTo: number, epoch: number, jumped: Jump | null): number | null {
  if (jumped === null || jumped.upTo !== upTo || jumped.epoch !== epoch) return null;
  const row = lastBelow(indices, jumped.index + 1);
  return row >= 0 && indices[row] === jumped.index ? row : null;
}

/**
 * How many of `most` lines the current row needs: drawn with all of them first, its text is
 * measured before the browser paints, and the lines it does not fill go back to the rows after
 * it (`at`: the row's event and the log's width, which measured it).
 */
function useLinesNeeded(viewport: HTMLDivElement | null, most: number, at: string): number {
  const [measured, setMeasured] = useState<{ readonly at: string; readonly most: number; readonly lines: number } | null>(null);
  const lines = most <= 1 ? 1 : measured?.at === at && measured.most === most ? measured.lines : most;
  useLayoutEffect(() => {
    const text = most > 1 && lines === most ? viewport?.querySelector<HTMLElement>('.log-row.tall .log-text') : null;
    if (!text) return;
    // The whole text's height (scrollHeight: the clamp hides what is past the last line), in lines.
    const needed = Math.max(1, Math.round(text.scrollHeight / parseFloat(getComputedStyle(text).lineHeight)));
    // Measuring before paint and drawing again is what layout effects are for (React's tooltip example).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state comes from the DOM measured here
    setMeasured({ at, most, lines: Math.min(most, needed) });
  }, [viewport, most, lines, at]);
  return lines;
}

function countByClass(index: TraceIndex, upTo: number): Record<EventClass, number> {
  return Object.fromEntries(EVENT_CLASSES.map((c) => [c, index.countBefore(c, upTo)])) as Record<EventClass, number>;
}

/** Narrower than this (the log under a lecture's key column), the kinds fold behind one button: their two rows of chips left room for one event. */
const NARROW_PX = 560;

function KindFilters({ counts, isNarrow }: { counts: Record<EventClass, number>; isNarrow: boolean }) {
  const filter = useStore((s) => s.logFilter);
  const [isOpen, setOpen] = useState(false);
  if (!isNarrow) return <Filters counts={counts} />;
  const hidden = hiddenClasses(filter).map((c) => EVENT_CLASS_LABEL[c]);
  return (
    <>
      <button type="button" className="kinds-toggle" aria-expanded={isOpen} title="Which kinds of event the log lists" onClick={() => setOpen(!isOpen)}>
        {hidden.length === 0 ? 'Every kind shown' : `Hidden: ${hidden.join(', ')}`} <span aria-hidden="true">{isOpen ? '▴' : '▾'}</span>
      </button>
      {isOpen ? <Filters counts={counts} /> : null}
    </>
  );
}

function Filters({ counts }: { counts: Record<EventClass, number> }) {
  const filter = useStore((s) => s.logFilter);
  return (
    <div className="filters" role="group" aria-label="Show events of kind">
      {EVENT_CLASSES.map((c) => (
        <button key={c} type="button" className={`chip ${filter[c] ? 'on' : 'off'}`} aria-pressed={filter[c]} title={`${counts[c].toLocaleString('en')} events so far`} onClick={() => classChosen(c)}>
          <span className="chip-dot" style={{ background: TRAFFIC_COLOUR[c] }} aria-hidden="true" />
          {EVENT_CLASS_LABEL[c]}
        </button>
      ))}
    </div>
  );
}

/** The log's keys: on a line, the focus moves line by line (the list scrolling with it); on the list itself, the list scrolls. */
function logKeys(visible: number, scroll: (rows: number) => void, moveFrom: (row: number, by: number) => void) {
  return (e: KeyboardEvent) => {
    const rows = { ArrowUp: -1, ArrowDown: 1, PageUp: -visible, PageDown: visible, Home: -Infinity, End: Infinity }[e.key];
    if (rows === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const row = (e.target as HTMLElement).dataset.row;
    if (row !== undefined) moveFrom(Number(row), rows);
    else scroll(rows);
  };
}

/**
 * Roving focus over the lines (the WAI-ARIA pattern for a list): one line is the Tab stop (the
 * one last focused while on screen, else the current event's, else the first shown), and the
 * arrows, Page Up/Down, Home and End move the focus line by line, scrolling the list with it.
 */
function useRowFocus(viewport: HTMLDivElement | null, at: { first: number; visible: number; shown: number; currentRow: number }, scrollTo: (top: number) => void) {
  const { first, visible, shown, currentRow } = at;
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  // The line moved to is drawn only once the list has scrolled to it: focused then.
  useLayoutEffect(() => {
    if (pending.current === null) return;
    const button = viewport?.querySelector<HTMLButtonElement>(`button[data-row="${pending.current}"]`);
    if (!button) return;
    pending.current = null;
    button.focus();
  });
  const isOnScreen = (row: number | null) => row !== null && row >= first && row < Math.min(shown, first + visible);
  const tabRow = isOnScreen(focusRow) ? focusRow! : isOnScreen(currentRow) ? currentRow : first;
  const moveFrom = (row: number, by: number) => {
    const to = Math.max(0, Math.min(shown - 1, Number.isFinite(by) ? row + by : by < 0 ? 0 : shown - 1));
    setFocusRow(to);
    pending.current = to;
    if (to < first) scrollTo(to);
    else if (to >= first + visible) scrollTo(to - visible + 1);
  };
  const focused = useCallback((row: number) => setFocusRow(row), []);
  /** Focus line `row` once drawn: a jump redraws the list, and the line that had the focus lost it to the page's body. */
  const focusLater = useCallback((row: number) => {
    pending.current = row;
    setFocusRow(row);
  }, []);
  return { tabRow, moveFrom, focused, focusLater };
}

const LogRow = memo(function LogRow({ index, row, isTabStop, onFocusRow, top, when, lines, onJump }: { index: number; row: number; isTabStop: boolean; onFocusRow: (row: number) => void; top: number; when: 'past' | 'now' | 'future'; lines: number; onJump: (seq: number, row: number | null) => void }) {
  // Read against the ring: under strategies 2 and 3 a join counts the partitions that move, as the Members panel does.
  const ringSize = useStore((s) => s.ringSize);
  const partitions = useStore((s) => s.partitions);
  const e = traceIndex.events[index];
  if (!e) return null;
  const cls = traceIndex.classOf(index);
  const text = describe(e, { ringSize, partitions });
  return (
    <li className={`log-row ${when}${lines > 1 ? ' tall' : ''}`} style={lines > 1 ? ({ top, height: lines * ROW_PX, '--lines': lines } as CSSProperties) : { top }} aria-current={when === 'now' ? 'step' : undefined}>
      <button type="button" tabIndex={isTabStop ? 0 : -1} data-row={row} onFocus={() => onFocusRow(row)} onClick={(click) => onJump(e.seq, click.currentTarget === document.activeElement ? row : null)}>
        <span className="log-time">{e.atMs.toFixed(1)} ms</span>
        <span className="log-class" style={{ borderColor: TRAFFIC_COLOUR[cls] }}>
          {EVENT_CLASS_LABEL[cls]}
        </span>
        <span className="log-text" title={withIsolates(text)}>
          <NamedText text={text} />
        </span>
      </button>
    </li>
  );
});
