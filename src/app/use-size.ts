/** The content size of an element, kept up to date with a ResizeObserver. */
import { useEffect, useState } from 'react';

export interface Size {
  readonly width: number;
  readonly height: number;
}

const NO_SIZE: Size = { width: 0, height: 0 };

/**
 * `element`'s size: 0 × 0 while there is none. The element itself, not a ref to it, so that
 * one mounted later (or replaced) is observed: hold it in state, `ref={setElement}`. A ref
 * object's element that came after the first render was never observed (the Merkle panel's
 * zoom bar, drawn only once the tree stops fitting, measured 0 px tall).
 */
export function useSize(element: Element | null): Size {
  const [measured, setMeasured] = useState<{ readonly element: Element | null; readonly size: Size }>({ element: null, size: NO_SIZE });
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setMeasured((m) => (m.element === element && Math.abs(m.size.width - width) < 1 && Math.abs(m.size.height - height) < 1 ? m : { element, size: { width, height } }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return element !== null && measured.element === element ? measured.size : NO_SIZE;
}

/** Whether the viewer asked for less motion (animations then jump to their end). */
export function useReducedMotion(): boolean {
  return useMediaQuery('(prefers-reduced-motion: reduce)');
}

/** The stacked page, one column that scrolls (app.css, "Phone-sized screens"): the same query as the style sheet's. */
export const STACKED_QUERY = '(max-width: 760px), (max-height: 420px)';

/** Whether a media query matches now, following its changes (a window resized, a phone turned). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
