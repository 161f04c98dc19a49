/**
 * Asks before the page is reloaded, closed or navigated away from while that would lose the
 * lecturer's work. A free-play session lives only in the page until Share or File → Save
 * keeps it: an F5 or a Back in front of a class wiped the run without a word. The browser
 * asks in its own words (pages may no longer give their own). Nothing is asked of a page with
 * nothing done on it, or in a lecture, whose step the library offers to resume; nor of a link
 * or file just opened, whose own inputs opening it again brings back, until the lecturer acts.
 */
import { useEffect } from 'react';
import { useStore } from '../store/store';
import { useLectureStore } from '../panels/lectures/lecture-store';

/** True when leaving now would lose something only this page holds. */
export function hasWorkToLose(s: { readonly ownInputs: number; readonly openedInputs: number; readonly replaced: unknown; readonly redo: readonly unknown[] }, isLecture: boolean): boolean {
  // Inputs are counted up to the cursor, so stepping through an opened link's or file's own never
  // passes openedInputs: only an input after them does (one before their end drops the rest, kept as `replaced`).
  // A session an action replaced, kept for Undo, is work too: after a seed change the run is there alone. So is one Undo left for Redo.
  return !isLecture && (s.ownInputs > s.openedInputs || s.replaced !== null || s.redo.length > 0);
}

export function useLeaveGuard(): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasWorkToLose(useStore.getState(), useLectureStore.getState().lecture !== null)) return;
      e.preventDefault();
      // Older browsers ask only when a value is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
