/**
 * A menu whose choice starts something costly (a new cluster, a lecture's part): stepped
 * through with the arrow keys while closed, a `<select>` changes its value at every key,
 * and each change restarted the session (arrowing from the teaching ring to the MD5 ring
 * rebuilt two clusters on the way). A value reached by keys on the closed menu waits for
 * Enter, or for the focus to leave; one picked from the open list, with the mouse or the
 * keyboard, applies at once. Esc takes a waiting value back.
 */
import { useRef, useState, type ChangeEvent, type FocusEvent, type KeyboardEvent } from 'react';

/** Keys that change a closed menu's value in place (letters too: they jump to an option). */
const STEPPING = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
/** A change this soon after a stepping key came from that key (an open list's choice comes later). */
const SAME_KEY_MS = 100;

export interface SettledSelect {
  readonly value: string;
  readonly onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLSelectElement>) => void;
  readonly onBlur: (e: FocusEvent<HTMLSelectElement>) => void;
  /** Whether a value waits for Enter (the menu may say so). */
  readonly isPending: boolean;
}

export function useSettledSelect(value: string, commit: (value: string) => void): SettledSelect {
  const [pending, setPending] = useState<string | null>(null);
  const steppedAt = useRef(-Infinity);
  const settle = () => {
    if (pending === null) return;
    setPending(null);
    if (pending !== value) commit(pending);
  };
  return {
    value: pending ?? value,
    isPending: pending !== null,
    onChange: (e) => {
      if (performance.now() - steppedAt.current < SAME_KEY_MS) setPending(e.target.value);
      else {
        setPending(null);
        commit(e.target.value);
      }
    },
    onKeyDown: (e) => {
      if (e.key === 'Enter' && pending !== null) {
        e.preventDefault();
        settle();
      } else if (e.key === 'Escape' && pending !== null) {
        e.preventDefault();
        e.stopPropagation();
        setPending(null);
      } else if (STEPPING.has(e.key) || (e.key.length === 1 && e.key !== ' ')) steppedAt.current = performance.now();
    },
    onBlur: settle,
  };
}
