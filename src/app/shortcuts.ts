/**
 * Keyboard shortcuts for the lecturer: Space plays or pauses, → and ← step, ? lists them.
 * Ignored while typing in a field, so a key or a value can contain spaces, and on a control
 * reached with the keyboard, where Space presses it and arrows move between tabs
 * (see focus-origin).
 */
import { useEffect } from 'react';
import type { Controller } from '../engine-client/controller';
import { redoTarget, undoTarget, useStore } from '../store/store';
import { classesToPassOver } from './stage-store';
import { isKeyForFocused, isTyping, trackFocusOrigin } from './focus-origin';
import { undoReachesLecture, useLectureStore } from '../panels/lectures/lecture-store';

export const SHORTCUTS: readonly { readonly keys: string; readonly does: string }[] = [
  { keys: 'Space', does: 'Play or pause (a button reached with Tab takes Space for itself, as buttons do: a click on an empty part of the page gives it back to Play)' },
  { keys: '→', does: 'Step forward: the next message or timer, and what it causes' },
  { keys: '←', does: 'Step back the same way' },
  { keys: 'Ctrl+Z', does: 'Undo the last action (in the past: the last before that point, and what was recorded after it); again, the one before' },
  { keys: 'Ctrl+Shift+Z', does: 'Redo: bring back what Undo took back (so does Ctrl+Y)' },
  { keys: 'PageDown', does: 'In a lecture: the next step (so do Space and →)' },
  { keys: 'PageUp', does: 'In a lecture: the previous step (so does ←)' },
  { keys: 'Tab', does: 'The next control: Space or Enter presses it, ← and → move between tabs' },
  { keys: '↑ ↓', does: "In the request trace's steps: the step before or after (Enter jumps there)" },
  { keys: '?', does: 'Show or hide this list' },
  { keys: 'Esc', does: 'Close a menu or this list; with none open, leave a lecture' },
];

export function useShortcuts(controller: Controller): void {
  useEffect(() => {
    /** Space was taken as the shortcut: its key-up must not click the focused button as well. */
    let isSpaceTaken = false;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if (isModalOpen()) {
        // Behind a modal dialog the page's keys do nothing (the dialog's own buttons keep Space and
        // Enter): ← and → stepped the cluster behind the Share dialog, which still offered the link
        // it had made before. ? closes the list of shortcuts as it opened it.
        if (e.key === '?' && useStore.getState().isShortcutsOpen) useStore.getState().shortcutsToggled(false);
        // Nor the browser's own undo, which went behind the dialog to take back the last text typed in the page's fields.
        if (isUndoKey(e) || isRedoKey(e)) e.preventDefault();
        return;
      }
      if (isUndoKey(e)) {
        e.preventDefault();
        if (undoTarget(useStore.getState()) !== null && !undoReachesLecture()) void controller.undo();
        return;
      }
      if (isRedoKey(e)) {
        e.preventDefault();
        // Free play's: in a lecture, Previous and Next walk its steps (the button is not there either).
        if (redoTarget(useStore.getState()) !== null && !isLectureOpen()) void controller.redo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const store = useStore.getState();
      if (e.key === '?') store.shortcutsToggled();
      else if (e.key === 'Escape') {
        store.shortcutsToggled(false);
        store.nodeMenuClosed();
        store.messageClicked(null);
      } else if (isKeyForFocused(e.target, e.key)) return;
      else if (e.key === ' ') {
        isSpaceTaken = true;
        controller.togglePlay();
      } else if (e.key === 'ArrowRight') void controller.stepForward(classesToPassOver());
      else if (e.key === 'ArrowLeft') void controller.stepBack(classesToPassOver());
      else return;
      e.preventDefault();
    };
    // A button clicked with the mouse keeps the focus, and Space's key-up would click it again.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' || !isSpaceTaken) return;
      isSpaceTaken = false;
      e.preventDefault();
    };
    const stopTracking = trackFocusOrigin();
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      stopTracking();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [controller]);
}

function isLectureOpen(): boolean {
  return useLectureStore.getState().lecture !== null;
}

/** A modal dialog is open (the shortcuts, the lecture library, the share dialog): it has the keyboard. */
function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Ctrl+Z (⌘Z on a Mac), not Ctrl+Shift+Z. */
function isUndoKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z';
}

/** Ctrl+Shift+Z (⇧⌘Z on a Mac), or Ctrl+Y as on Windows. */
function isRedoKey(e: KeyboardEvent): boolean {
  const key = e.key.toLowerCase();
  return (e.ctrlKey || e.metaKey) && !e.altKey && (e.shiftKey ? key === 'z' : key === 'y');
}
