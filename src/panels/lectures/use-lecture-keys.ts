/**
 * A presenter's remote sends PageDown/PageUp (some send → and ←), and slides go on with
 * Space: while a lecture is open they mean Next and Previous, and Escape leaves the
 * lecture. Listening in the capture phase lets these win over the page's own → and ← (one
 * event step) and Space (play, which would run the lecture's recording ahead of the class).
 * A control reached with the keyboard keeps its own keys (see focus-origin).
 */
import { useEffect } from 'react';
import type { Controller } from '../../engine-client/controller';
import { useLectureStore } from './lecture-store';
import { nextPressed, previousPressed } from './lecture-player';
import { lectureLeft } from './lecture-session';
import { isKeyForFocused } from '../../app/focus-origin';

export function useLectureKeys(controller: Controller): void {
  const isOn = useLectureStore((s) => s.lecture !== null);
  useEffect(() => {
    if (!isOn) return;
    /** Space was taken as Next: its key-up must not also click the button that has the focus (Next itself, after a click). */
    let isSpaceTaken = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isKeyForFocused(e.target, e.key) || useLectureStore.getState().isLibraryOpen) return;
      // An open dialog or menu (the shortcuts, File, a node's menu) takes Escape: it closes, not the lecture.
      if (e.key === 'Escape' && isOverlayOpen()) return;
      const isLectureKey = ['PageDown', 'PageUp', 'ArrowRight', 'ArrowLeft', ' ', 'Escape'].includes(e.key);
      // Behind a modal dialog the remote's keys do nothing (nor do they reach the page's own shortcuts).
      if (isLectureKey && document.querySelector('[aria-modal="true"]') !== null) {
        e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
      if (e.key === ' ') isSpaceTaken = true;
      if (e.key === 'PageDown' || e.key === 'ArrowRight' || e.key === ' ') void nextPressed(controller);
      else if (e.key === 'PageUp' || e.key === 'ArrowLeft') void previousPressed(controller);
      else if (e.key === 'Escape') void lectureLeft(controller).then(() => requestAnimationFrame(focusLecturesIfLost));
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' || !isSpaceTaken) return;
      isSpaceTaken = false;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('keyup', onKeyUp, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('keyup', onKeyUp, { capture: true });
    };
  }, [controller, isOn]);
}

function isOverlayOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="menu"]') !== null;
}

/**
 * Left with Escape, the focus may have stood on something of the lecture's cluster (a ring
 * node after Undo): free play's session takes it away, and the focus fell to the page's body
 * once the lecture had gone. It goes to Lectures, as after the Leave button.
 */
function focusLecturesIfLost(): void {
  if (document.activeElement === document.body || document.activeElement === null) document.querySelector<HTMLButtonElement>('header button.lectures-open')?.focus();
}
