/** Whether a scrolling box holds more than it shows, and whether it is scrolled to its end, kept up to date as it scrolls or resizes. */
import { useEffect, useState, type RefObject } from 'react';

/** Pixels of slack: a box scrolled to within this of its end shows all there is. */
const SLACK_PX = 8;

export interface Overflow {
  readonly isOver: boolean;
  readonly isAtEnd: boolean;
}

export function useOverflow(ref: RefObject<HTMLElement | null>): Overflow {
  const [overflow, setOverflow] = useState<Overflow>({ isOver: false, isAtEnd: true });
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => {
      const isOver = box.scrollHeight - box.clientHeight > SLACK_PX;
      const isAtEnd = box.scrollHeight - box.scrollTop - box.clientHeight <= SLACK_PX;
      setOverflow((o) => (o.isOver === isOver && o.isAtEnd === isAtEnd ? o : { isOver, isAtEnd }));
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
