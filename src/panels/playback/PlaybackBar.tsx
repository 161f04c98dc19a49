/** Playback: play, pause, step one event forward or back (by replay), speed, background clients. */
import { useLiveWhenPaused } from '../../app/use-live';
import { NamedText } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { oneLine } from '../../engine/index';
import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useClock } from '../../store/clock';
import { useSize } from '../../app/use-size';
import { isReplacedNext, redoTarget, traceIndex, undoTarget, useStore } from '../../store/store';
import { StepAnnouncer } from './StepAnnouncer';
import { StepNote } from './StepNote';
import { classesToPassOver } from '../../app/stage-store';
import { eventClass } from '../../app/theme';
import { useController } from '../../app/controller-context';
import { useUndoReachesLecture, useLectureStore } from '../lectures/lecture-store';
import { CLIENT_RATES, PLAYBACK_SPEEDS } from '../../worker/protocol';
import { playbackBoost, QUIET_BOOST } from '../../engine-client/playback-clock';

/** The speeds and background loads offered: the values a link or a saved session may name (worker/protocol). */
export const SPEEDS: readonly { readonly value: number; readonly label: string }[] = PLAYBACK_SPEEDS.map((value) => ({ value, label: value === 1000 ? 'real time' : `${value} ms/s` }));

export const WORKLOADS: readonly { readonly value: number; readonly label: string }[] = CLIENT_RATES.map((value) => ({ value, label: value === 0 ? 'none' : `${value.toLocaleString('en')} ops/s` }));

const clockText = (clockMs: number) => `${clockMs.toFixed(1)} ms`;

/**
 * The clock, and while a quiet stretch runs faster (playbackBoost), a marker saying so, so a
 * class knows time jumped (▶▶: the fast-forward sign ⏩ is missing from some fonts). While
 * Play may boost, the marker's room is kept even when it is not shown: it comes and goes many
 * times a minute, and the bar must not shift (or cut Undo's label) each time it does.
 */
function ClockReadout({ mayBoost }: { readonly mayBoost: boolean }) {
  const clockMs = useClock((s) => s.clockMs);
  const boost = useClock((s) => s.boost);
  const isShown = boost > 1;
  const live = useLiveWhenPaused();
  return (
    <>
      <span className="clock" title="Virtual time">
        {clockText(clockMs)}
      </span>
      {isShown || mayBoost ? (
        <span className={`boost${isShown ? '' : ' idle'}`} role="status" aria-live={live} aria-hidden={!isShown} title={`Nothing the log shows is in flight: the clock runs ${QUIET_BOOST} times faster until something is sent`}>
          ▶▶ ×{QUIET_BOOST}
        </span>
      ) : null}
    </>
  );
}

export function PlaybackBar() {
  const controller = useController();
  const isPlaying = useStore((s) => s.isPlaying);
  const speed = useStore((s) => s.speed);
  const workload = useStore((s) => s.workload);
  const workloadChosen = useStore((s) => s.workloadChosen);
  // A lecture's steps are its own: background clients would rewrite them, so none run in lecture mode.
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const cursor = useStore((s) => s.cursor);
  const length = useStore((s) => s.length);
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const total = useStore((s) => s.traceLength);
  const isLoading = useStore((s) => s.isLoading);
  const isPast = cursor < length;
  const [bar, setBar] = useState<HTMLElement | null>(null);
  const undoable = useStore((s) => s.undoable);
  const redoable = useStore(redoTarget);
  const countText = isPast ? `${upTo.toLocaleString('en')}/${total.toLocaleString('en')}` : upTo.toLocaleString('en');
  // The clock's width too: it gains a digit as a run passes 1 s, 10 s, 100 s (re-rendering only then), and Play is narrower than Pause.
  const clockDigits = useClock((s) => clockText(s.clockMs).length);
  const mayBoost = isPlaying && playbackBoost({ isFreePlay: !isLecture, workload, speed, isShownInFlight: false }) > 1;
  const { level: compact, undoRoom } = useCompactLevel(bar, isPlaying, [undoable, redoable, countText.length, clockDigits, isPast, isLecture, speed, workload, mayBoost]);
  return (
    <section ref={setBar} className={`playback${compact > 0 ? ` compact-${compact}` : ''}`} style={undoRoom === null ? undefined : ({ '--undo-room': `${undoRoom}px` } as CSSProperties)} aria-label="Playback">
      <TimeSlider upTo={upTo} total={total} cursor={cursor} actions={length} disabled={isLoading} />
      {/* aria-disabled at the start, not disabled: stepping back to it with the keyboard would drop the focus on the page. */}
      <button type="button" onClick={() => void (cursor === 0 || isLoading ? null : controller.stepBack(classesToPassOver()))} aria-disabled={cursor === 0 || isLoading} aria-keyshortcuts="ArrowLeft">
        <span aria-hidden="true">◀ </span><span className="step-word">Step back</span>
      </button>
      <button type="button" className="play" onClick={() => controller.togglePlay()} disabled={isLoading} aria-keyshortcuts="Space">
        <span aria-hidden="true">{isPlaying ? '❚❚ ' : '▶ '}</span>
        {isPlaying ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => void controller.stepForward(classesToPassOver())} disabled={isLoading} aria-keyshortcuts="ArrowRight">
        <span className="step-word">Step forward</span><span aria-hidden="true"> ▶</span>
      </button>
      <label className="inline-label">
        <span>Speed</span>
        <select value={speed} aria-label="Speed" onChange={(e) => controller.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {isLecture ? null : (
        <label className="inline-label">
          <span aria-hidden="true">Clients</span>
          <select value={workload} aria-label="Clients (background load)" title="Background load: clients putting and getting keys of their own (key:0 to key:99, or the preset’s preloaded keys) while playing" onChange={(e) => workloadChosen(Number(e.target.value))}>
            {WORKLOADS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <ClockReadout mayBoost={mayBoost} />
      {/* Counted in the event log's lines (hidden kinds included), not the engine's steps: a lecture's "Step 2 of 8" is the only step count on the page. */}
      <Position upTo={upTo} total={total} countText={countText} isPast={isPast} isLecture={isLecture} />
      <StepNote bar={bar} />
      <UndoButton />
      {redoable === null || isLecture ? null : <RedoButton label={redoable} />}
      <StepAnnouncer />
    </section>
  );
}

/** Where the cursor stands, in the event log's lines ("event 44/135 · past"). */
function Position({ upTo, total, countText, isPast, isLecture }: { upTo: number; total: number; countText: string; isPast: boolean; isLecture: boolean }) {
  // A timer (a live region that says nothing unasked), not a status: during Play it changed ten times a second, and "event 182" tells a screen reader's user nothing (StepAnnouncer does).
  return (
    <span className="position" role="timer" aria-label="Position" title={isPast ? `${upTo.toLocaleString('en')} of the ${total.toLocaleString('en')} events recorded have happened` : `${upTo.toLocaleString('en')} events so far`}>
      {/* Where the bar is short of room, the word "event" gives way first, then the end of a long Undo label, then "Speed" and "Clients" (useCompactLevel). */}
      <span className="word">event </span>
      <span className="count">{countText}</span>
      {/* A lecture part is recorded ahead: being behind its end is the normal case, not a warning.
          An input here still drops that recorded future; the lecture panel says so ("Off script"). */}
      {isPast && !isLecture ? <strong className="past"> · past</strong> : null}
    </span>
  );
}

/**
 * How much the bar must leave out to have room for everything (a long Undo label, big
 * event counts): 0 nothing; 1 the word "event"; 2 also the end of a long Undo label (cut to
 * UNDO_CUT_EM, or UNDO_CUT_PLAYING_EM, with "…", whole in its tooltip) and Redo's word (↷ stays,
 * named in full for a screen reader and in its tooltip); 3 also the words "Speed" and "Clients":
 * without them two menus read "20 ms/s" and "none" with nothing to say what; 4 (a small
 * laptop) also the words of the step buttons, which keep ◀ and ▶ beside ❚❚, as a player's.
 * Words go whole, so the numbers, the menus and "past" still show. Measured, not guessed:
 * the width each item needs, plus the words while they are hidden.
 */
function useCompactLevel(el: HTMLElement | null, isPlaying: boolean, deps: readonly unknown[]): { readonly level: number; readonly undoRoom: number | null } {
  const [level, setLevel] = useState(0);
  const [undoRoom, setUndoRoom] = useState<number | null>(null);
  const wordWidths = useRef([0, 0, 0, 0]);
  // What the level was last chosen for: measured again for the same width and contents (the level itself changed), it may only rise.
  const chosenFor = useRef('');
  const { width } = useSize(el);
  useLayoutEffect(() => {
    if (!el || width === 0) return;
    const inputs = JSON.stringify([width, isPlaying, ...deps]);
    const isSameInputs = inputs === chosenFor.current;
    chosenFor.current = inputs;
    const style = getComputedStyle(el);
    const items = [...el.children].filter((c) => getComputedStyle(c).position !== 'absolute');
    // A hidden word also takes its label's gap with it.
    const widthOf = (w: Element) => w.getBoundingClientRect().width + (w.parentElement?.classList.contains('inline-label') ? parseFloat(getComputedStyle(w.parentElement).columnGap) || 0 : 0);
    const sumOf = (selector: string) => [...el.querySelectorAll(selector)].reduce((sum, w) => sum + widthOf(w), 0);
    if (level < 1) wordWidths.current[0] = sumOf('.position .word');
    if (level < 3) wordWidths.current[1] = sumOf('.inline-label > span');
    if (level < 4) wordWidths.current[2] = sumOf('.step-word');
    if (level < 2) wordWidths.current[3] = sumOf('.redo-word');
    const [event, labels, steps, redo] = wordWidths.current as [number, number, number, number];
    const gaps = (parseFloat(style.columnGap) || 0) * (items.length - 1) + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    // What each item needs, borders included (scrollWidth leaves them out: 2 px a button, enough to cut Undo's label).
    const needs = (c: Element) => c.scrollWidth + (c instanceof HTMLElement ? c.offsetWidth - c.clientWidth : 0);
    const undo = el.querySelector('button.undo');
    const em = undo ? parseFloat(getComputedStyle(undo).fontSize) : 0;
    const undoWhole = undo ? Math.min(needs(undo), UNDO_MAX_EM * em) : 0;
    const undoCut = undo ? Math.min(needs(undo), (isPlaying ? UNDO_CUT_PLAYING_EM : UNDO_CUT_EM) * em) : 0;
    const others = items.filter((c) => c !== undo).reduce((sum, c) => sum + Math.min(needs(c), parseFloat(getComputedStyle(c).maxWidth) || Infinity), 0) + gaps;
    const full = others + undoWhole + (level >= 1 ? event : 0) + (level >= 2 ? redo : 0) + (level >= 3 ? labels : 0) + (level >= 4 ? steps : 0);
    // Coming back needs a few pixels to spare, so a rounding error cannot flip the bar back and forth.
    const room = (to: number) => el.clientWidth - (to < level ? 4 : 0);
    const cut = event + undoWhole - undoCut + redo;
    const saved = [0, event, cut, cut + labels, cut + labels + steps];
    const found = saved.findIndex((s, to) => full - s <= room(to));
    // Each level's words are measured only while shown, so two levels can each find the other fits better (the bar flipped
    // between them for ever at some widths, and React gave up, blanking the page): with nothing changed but the level, never go back down.
    const next = Math.max(found < 0 ? 4 : found, isSameInputs ? level : 0);
    setLevel(next);
    // Cut, Undo's label takes all the room the rest leaves it (at least UNDO_CUT_EM).
    const rest = full - undoWhole - saved[next]! + (undoWhole - undoCut);
    setUndoRoom(next >= 2 ? Math.floor(Math.max(undoCut, room(next) - rest)) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the deps are what changes the bar's contents
  }, [el, width, level, isPlaying, ...deps]);
  return { level, undoRoom };
}

/** Undo's label at most (app.css), and cut to this before the menus lose their words. */
const UNDO_MAX_EM = 21;
const UNDO_CUT_EM = 10.5; // "↶ Undo put cart" whole
/**
 * While playing, less: nobody reaches for Undo mid-play, and the ▶▶ ×10 marker's room is kept
 * then, so Play cuts Undo's label rather than take "Speed" and "Clients" away (and Pause gives
 * it back), at the bar's far end, where a change moves nothing else.
 */
const UNDO_CUT_PLAYING_EM = 7;

/** Undo names what it takes back, so a lecturer sees which click it reverses. */
function UndoButton() {
  const controller = useController();
  const isLectureStep = useUndoReachesLecture();
  // Undo would take back a step of the lecture: Previous does that.
  // A session the last action replaced comes back first (a settings change, an input in the past).
  const undoable = useStore((s) => (isLectureStep ? null : undoTarget(s)));
  const isReplacing = useStore((s) => !isLectureStep && isReplacedNext(s));
  const isLoading = useStore((s) => s.isLoading);
  const isOff = undoable === null || isLoading;
  // A right-to-left key isolated as the button's text isolates it, before the colon: an isolate holding "עגלה:" would draw the colon on the key's left.
  const named = undoable === null ? '' : withIsolates(`Undo ${undoable}`);
  const title = isLectureStep ? "The lecture's steps: Previous takes one back" : undoable === null ? 'Nothing to undo' : isReplacing ? `${named}: bring back the session as it was before it` : `${named}: take back the last action and everything after it`;
  return (
    // aria-disabled, not disabled: the Undo that takes back the last action greys the button out, and a disabled button drops the keyboard's focus to the page's body.
    <button type="button" className="undo" onClick={() => void (isOff ? null : controller.undo())} aria-disabled={isOff} aria-keyshortcuts="Control+Z" title={title}>
      <span aria-hidden="true">↶ </span>
      {/* It names a key as it was typed: escaped and isolated, as the lines naming it are. */}
      {undoable === null ? 'Undo' : <NamedText text={oneLine(`Undo ${undoable}`)} />}
    </button>
  );
}

/**
 * Redo, there only while it has something to bring back (after an Undo, until the next
 * action): a lecturer who undid one click too many, or undid in the past and dropped the
 * rest of the demo, gets it back, and Undo again goes on back rather than undoing the Undo.
 * The button says only "Redo"; what it brings back is in its name and tooltip.
 */
function RedoButton({ label }: { readonly label: string }) {
  const controller = useController();
  const isLoading = useStore((s) => s.isLoading);
  const named = withIsolates(`Redo ${label}`);
  // Bringing the session back draws the bar anew, Redo's button too: the focus, if it was on it, goes to Redo again
  // while there is more to redo (pressed again, Enter redoes the next), else to Undo beside it, not to the page's body
  // (where the next Space would start Play). Looked at once the page has drawn what Redo brought back.
  const redoKeepingFocus = async (button: HTMLButtonElement) => {
    const wasFocused = document.activeElement === button;
    const bar = button.closest('.playback');
    await controller.redo();
    await new Promise((drawn) => requestAnimationFrame(drawn));
    const isLost = document.activeElement === null || document.activeElement === document.body;
    if (wasFocused && !button.isConnected && isLost) (bar?.querySelector<HTMLButtonElement>('button.redo') ?? bar?.querySelector<HTMLButtonElement>('button.undo'))?.focus();
  };
  return (
    <button type="button" className="redo" onClick={(e) => void (isLoading ? null : redoKeepingFocus(e.currentTarget))} aria-disabled={isLoading} aria-keyshortcuts="Control+Shift+Z Control+Y" aria-label={oneLine(`Redo ${label}`)} title={`${named}: bring back the session as it was before Undo (Ctrl+Shift+Z)`}>
      <span aria-hidden="true">↷ </span>
      <span className="redo-word">Redo</span>
    </button>
  );
}

/**
 * The time slider (RaftScope's): the whole recording as one track along the top of the
 * bar, in events as the count beside it counts them. Dragging it or pressing its arrow
 * keys moves playback to that event, as clicking a line of the event log does; the
 * cluster's state there is exact, replayed from the nearest checkpoint.
 */
function TimeSlider({ upTo, total, cursor, actions, disabled }: { upTo: number; total: number; cursor: number; actions: number; disabled: boolean }) {
  const controller = useController();
  const [dragged, setDragged] = useState<number | null>(null);
  const value = dragged ?? upTo;
  // Playback stops between actions, and one action can record several events: it lands at
  // the end of the action that recorded the event.
  const keyMove = useRef<'back' | 'forward' | null>(null);
  // At the last event with actions still after it (a closing wait), the thumb already stands at
  // the far end: End, → or a click there changes nothing, so no change event comes. Go to the end.
  const onEndAgain = (at: number) => {
    if (at >= total && cursor < actions) void controller.seek(actions);
  };
  const seekTo = async (events: number) => {
    // Onto an event the log shows (as Step forward and back pass over hidden ones): on a hidden
    // gossip event the clock read later than the line the log marked. A key moving forward goes
    // on to the next shown event, anything else back to the last one at or before the place.
    const hidden = classesToPassOver();
    const isHidden = (n: number) => n > 0 && n <= traceIndex.events.length && hidden.includes(eventClass(traceIndex.events[n - 1]!));
    // The track's far end is the end of the recording: every action, hidden events and a
    // closing wait included. A scenario ending in `wait` ended there at its last event, short of
    // the clock npm run sim reports, and a file saved there ran to that shorter end.
    if (events >= traceIndex.events.length) return controller.seek(actions);
    let shown = events;
    if (keyMove.current === 'forward') while (shown < traceIndex.events.length && isHidden(shown)) shown++;
    else while (isHidden(shown)) shown--;
    if (shown >= upTo || keyMove.current !== 'back') {
      const event = traceIndex.events[shown - 1];
      if (event) await controller.seekToEvent(event.seq);
      else await controller.seek(0);
      return;
    }
    // A key moving back lands at the end of the action before, or ← would stay where it is.
    const after = traceIndex.events[events];
    if (events === 0 || !after) return controller.seek(0);
    await controller.seekToEvent(after.seq);
    await controller.stepBack(hidden);
  };
  return (
    <input
      type="range"
      className="time-slider"
      min={0}
      max={Math.max(total, 1)}
      step={1}
      value={value}
      disabled={disabled || total === 0}
      aria-label="Time: the recording, event by event"
      aria-valuetext={`event ${value.toLocaleString('en')} of ${total.toLocaleString('en')}`}
      title={`Drag to move through the ${total.toLocaleString('en')} events recorded`}
      // The part already played is filled, as a video player's is.
      style={{ '--played': `${total === 0 ? 0 : (100 * value) / total}%` } as React.CSSProperties}
      onKeyDown={(e) => {
        keyMove.current = ['ArrowLeft', 'ArrowDown', 'PageDown', 'Home'].includes(e.key) ? 'back' : ['ArrowRight', 'ArrowUp', 'PageUp', 'End'].includes(e.key) ? 'forward' : null;
        if (keyMove.current === 'forward') onEndAgain(value);
      }}
      onPointerDown={() => {
        keyMove.current = null;
      }}
      onPointerUp={(e) => onEndAgain(Number(e.currentTarget.value))}
      onChange={(e) => {
        const events = Number(e.target.value);
        setDragged(events);
        void seekTo(events).finally(() => setDragged(null));
      }}
    />
  );
}
