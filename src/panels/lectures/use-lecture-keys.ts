/**
 * A presenter's remote sends PageDown/PageUp (some send → and ←): while a lecture is open
 * they mean Next and Previous, and Escape leaves the lecture. Listening in the capture
 * phase lets these win over the page's own → and ← (one event step).
 */
import { useEffect } from 'react';
import type { Controller } from '../../engine-client/controller';
import { lectureLeft, nextPressed, previousPressed, useLectureStore } from './lecture-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}

export function useLectureKeys(controller: Controller): void {
  const isOn = useLectureStore((s) => s.lecture !== null);
  useEffect(() => {
    if (!isOn) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || useLectureStore.getState().isLibraryOpen) return;
      if (e.key === 'PageDown' || e.key === 'ArrowRight') void nextPressed(controller);
      else if (e.key === 'PageUp' || e.key === 'ArrowLeft') void previousPressed(controller);
      else if (e.key === 'Escape') void lectureLeft(controller);
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [controller, isOn]);
}
