/**
 * How wide a text is drawn in an element's font (an SVG label, a menu), measured with a canvas in the element's own
 * computed font (weight, size, family), so an SVG label can be fitted to its box exactly
 * rather than by a guess per character. Until the element is mounted, or where there is no
 * canvas (unit tests), the `fallback` estimate is used. The element itself, not a ref to it
 * (hold it in state, `ref={setElement}`): one drawn after the first render is read when it comes.
 */
import { useLayoutEffect, useMemo, useState } from 'react';

let context: CanvasRenderingContext2D | null | undefined;

/** The page's one canvas for measuring text; null outside a browser (unit tests) or without a canvas. */
export function canvasContext(): CanvasRenderingContext2D | null {
  if (context === undefined) {
    try {
      context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    } catch {
      context = null; // jsdom without a canvas package
    }
  }
  return context;
}

export function useTextMeasure(el: Element | null, fallback: (text: string) => number): (text: string) => number {
  const [font, setFont] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!el) return;
    const style = getComputedStyle(el);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state comes from the DOM read here
    setFont(`${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`);
  }, [el]);
  return useMemo(() => {
    const ctx = font === null ? null : canvasContext();
    if (!ctx || font === null) return fallback;
    return (text: string) => {
      ctx.font = font;
      return ctx.measureText(text).width;
    };
  }, [font, fallback]);
}
