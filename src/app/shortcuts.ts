/**
 * Keyboard shortcuts for the lecturer: Space plays or pauses, → and ← step, ? lists them.
 * Ignored while typing in a field, so a key or a value can contain spaces.
 */
import { useEffect } from 'react';
import type { Controller } from '../engine-client/controller';
import { useStore } from '../store/store';
import { classesToPassOver } from './stage-store';

export const SHORTCUTS: readonly { readonly keys: string; readonly does: string }[] = [
  { keys: 'Space', does: 'Play or pause' },
  { keys: '→', does: 'Step forward: the next message or timer, and what it causes' },
  { keys: '←', does: 'Step back the same way' },
  { keys: 'Ctrl+Z', does: 'Undo the last action' },
  { keys: '?', does: 'Show or hide this list' },
  { keys: 'Esc', does: 'Close a menu or this list' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

export function useShortcuts(controller: Controller): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault();
        if (useStore.getState().undoable !== null) void controller.undo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const store = useStore.getState();
      if (e.key === '?') store.shortcutsToggled();
      else if (e.key === 'Escape') {
        store.shortcutsToggled(false);
        store.nodeMenuClosed();
        store.messageClicked(null);
      } else if (e.key === ' ') controller.togglePlay();
      else if (e.key === 'ArrowRight') void controller.stepForward(classesToPassOver());
      else if (e.key === 'ArrowLeft') void controller.stepBack(classesToPassOver());
      else return;
      e.preventDefault();
    };
    // Space on a focused button would also click it: the shortcut wins, on key-up too.
    const onKeyUp = (e: KeyboardEvent) => e.key === ' ' && !isTyping(e.target) && e.preventDefault();
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [controller]);
}
