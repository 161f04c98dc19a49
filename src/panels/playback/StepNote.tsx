/**
 * The step note: why Step forward did not move (only events the log hides are ahead, or nothing
 * at all), or what a change in the header did: the controller's 'step' notice. It goes by
 * itself after a while, or at a click, and the next step asked for takes it away.
 *
 * It sits in the playback bar's own row, over the menus and readouts between the Step buttons
 * and Undo, and a longer one rises from there over the work column's foot where the bar has
 * room right of the stage (floated over the stage's foot, it covered the last row of the
 * ring's legend at 720p, and all of it at 1024×576); with less room than NOTE_MIN_PX there (a
 * long Undo label beside Redo), it rises from the bar's row over the stage's foot after all.
 * Where the bar has no room at all (a phone, where it wraps), it floats above the bar's left end
 * as before. It is placed as it appears and when the bar's width changes, not when Undo's label
 * does (pausing lengthens it) in the few seconds it shows.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { useStore } from '../../store/store';
import { useSize } from '../../app/use-size';

/** How long the step note stays up unless clicked away. */
const STEP_NOTE_MS = 6000;

/** Space kept between the note and the buttons beside it, and the work column's edge, px. */
const NOTE_GAP_PX = 8;

/** The narrowest room in the bar the note takes: narrower, its words would stand a few to a line. */
const NOTE_MIN_PX = 240;

/** Where the note is in the bar: its left and right edges, px from the bar's padding box's. */
interface Place {
  readonly left: number;
  readonly right: number;
}

export function StepNote({ bar }: { readonly bar: HTMLElement | null }) {
  const notice = useStore((s) => s.notice);
  const noticeShown = useStore((s) => s.noticeShown);
  const isStep = notice?.field === 'step';
  const note = useInBarPlace(bar, notice);
  // It floats over the panels: it goes by itself after a while, or at a click, so it never hides them for long.
  useEffect(() => {
    if (!isStep) return;
    const timer = window.setTimeout(() => {
      if (useStore.getState().notice === notice) noticeShown(null);
    }, STEP_NOTE_MS);
    return () => window.clearTimeout(timer);
  }, [isStep, notice, noticeShown]);
  if (!isStep) return null;
  return (
    <span ref={note} className="step-note" role="alert" title="Click to close" onClick={() => noticeShown(null)}>
      {notice.message}
    </span>
  );
}

/**
 * Places the note in the bar's row (`inBarPlace`), again when the bar's width or the notice
 * changes; taller than the bar, right of the stage's column, so that what rises above the bar
 * covers the work column, not the ring. Written to the note itself, measured as it is drawn.
 */
function useInBarPlace(bar: HTMLElement | null, notice: unknown): RefObject<HTMLSpanElement | null> {
  const { width } = useSize(bar);
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const note = ref.current;
    if (!bar || !note) return;
    const placeAt = (place: Place | null) => {
      note.classList.toggle('in-bar', place !== null);
      note.style.left = place ? `${place.left}px` : '';
      note.style.right = place ? `${place.right}px` : '';
    };
    placeAt(inBarPlace(bar, false));
    if (note.classList.contains('in-bar') && note.offsetHeight > bar.clientHeight) placeAt(inBarPlace(bar, true) ?? inBarPlace(bar, false));
  }, [bar, notice, width]);
  return ref;
}

/**
 * From Step forward's right to Undo's left, in the bar's padding box (where the note is placed);
 * with `isClearOfStage`, also right of the stage's column when the work column stands beside it.
 * Null when the bar wraps (a phone) or leaves less than NOTE_MIN_PX.
 */
function inBarPlace(bar: HTMLElement, isClearOfStage: boolean): Place | null {
  const step = bar.querySelector('button[aria-keyshortcuts="ArrowRight"]')?.getBoundingClientRect();
  const undo = bar.querySelector('button.undo')?.getBoundingClientRect();
  if (!step || !undo || Math.abs(step.top - undo.top) > 4) return null;
  const box = bar.getBoundingClientRect();
  const inner = { left: box.left + bar.clientLeft, right: box.left + bar.clientLeft + bar.clientWidth };
  // The work column beside the stage, above the bar (stacked on a phone it is below; with the stage wide, not drawn).
  const work = document.querySelector('.right-column')?.getBoundingClientRect();
  const isBeside = work !== undefined && work.width > 0 && work.bottom <= box.top + 1;
  const left = Math.max(step.right, isClearOfStage && isBeside ? work.left : -Infinity) + NOTE_GAP_PX;
  const right = undo.left - NOTE_GAP_PX;
  return right - left < NOTE_MIN_PX ? null : { left: Math.round(left - inner.left), right: Math.round(inner.right - right) };
}
