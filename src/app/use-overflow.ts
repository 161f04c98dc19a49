/** Whether a scrolling box holds more than it shows, whether it is scrolled to its end, and how tall its content is, kept up to date as it scrolls or resizes. */
import { useEffect, useState, type RefObject } from 'react';

/** Pixels of slack: a box scrolled to within this of its end shows all there is. */
const SLACK_PX = 8;

export interface Overflow {
  readonly isOver: boolean;
  readonly isAtEnd: boolean;
  /** The content's height, in px (the box's scroll height). */
  readonly contentPx: number;
}

export function useOverflow(ref: RefObject<HTMLElement | null>): Overflow {
  const [overflow, setOverflow] = useState<Overflow>({ isOver: false, isAtEnd: true, contentPx: 0 });
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => {
      const isOver = box.scrollHeight - box.clientHeight > SLACK_PX;
      const isAtEnd = box.scrollHeight - box.scrollTop - box.clientHeight <= SLACK_PX;
      const contentPx = box.scrollHeight;
      setOverflow((o) => (o.isOver === isOver && o.isAtEnd === isAtEnd && o.contentPx === contentPx ? o : { isOver, isAtEnd, contentPx }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    box.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', measure);
    };
  }, [ref]);
  return overflow;
}
