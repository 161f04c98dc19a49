/**
 * Whose key is it: the page's shortcut, or the focused control's own? A lecturer clicks
 * Put or Next with the mouse and then presses Space to play (or → to step, or a remote's
 * key): the button keeps the focus, but the key is meant for the page. A keyboard user who
 * tabbed to the same button presses Space to press it. Which of the two it is depends on
 * how the focus got there, so this module remembers whether the last focus came from the
 * pointer or from the keyboard (Tab). `:focus-visible` cannot tell: it turns on with the
 * first key pressed, before the page sees that key.
 */

import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

let isPointerFocus = false;

/** Starts following how focus moves; returns the function that stops it. */
export function trackFocusOrigin(): () => void {
  const onPointer = () => {
    isPointerFocus = true;
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Tab') isPointerFocus = false;
  };
  window.addEventListener('pointerdown', onPointer, { capture: true });
  window.addEventListener('keydown', onKey, { capture: true });
  return () => {
    window.removeEventListener('pointerdown', onPointer, { capture: true });
    window.removeEventListener('keydown', onKey, { capture: true });
  };
}

/** A text field, a select or an editable area: every key there is the field's own. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

const PRESSABLE = 'button, a[href], summary, input, [role="button"], [role="tab"], [role="menuitem"], [role="option"], [role="checkbox"], [role="switch"]';
const ARROWED = '[role="tab"], [role="radio"], [role="slider"], [role="option"], [role="menuitem"], input[type="radio"], input[type="range"]';

/**
 * True when `key` belongs to the focused control rather than to the page's shortcuts:
 * always while typing; Space and Enter on a control reached with the keyboard; arrows on
 * a tab, radio button or slider reached with the keyboard.
 */
export function isKeyForFocused(target: EventTarget | null, key: string): boolean {
  if (isTyping(target)) return true;
  if (!(target instanceof Element) || isPointerFocus) return false;
  if (key === ' ' || key === 'Enter') return target.closest(PRESSABLE) !== null;
  if (key.startsWith('Arrow') || key === 'Home' || key === 'End') return target.closest(ARROWED) !== null;
  return false;
}

/**
 * Arrow keys, Home and End on a tab list reached with the keyboard: move to the next,
 * previous, first or last tab and show it (the WAI-ARIA tabs pattern). For a tab clicked
 * with the mouse the arrows stay the page's step keys.
 */
export function onTabListKey(e: ReactKeyboardEvent<HTMLElement>): void {
  if (!['ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(e.key) || !isKeyForFocused(e.target, e.key)) return;
  const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const at = tabs.findIndex((tab) => tab === e.target);
  if (at < 0) return;
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
  e.preventDefault();
  tabs[next]!.focus();
  tabs[next]!.click();
}
