/**
 * Whether the preference list must be drawn tight to fit its box: node ids of ten characters
 * ("dc2-node12") widened the Node column by 60 px, and at 1280×720 the Holds column was cut to
 * "Hol" at the panel's edge. Tight, "coordinator" is drawn "coord." and a hint held ("D1 for
 * backup-01") may break anywhere; a table that fits (ids of five characters at 1280 px) is drawn
 * as it always was.
 *
 * The table's width drawn loose is remembered: tight, it fits, and measuring it again would
 * loosen it and cut it again. It goes back to loose when its box grows to that width, or when
 * what it shows (`contents`) changes.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useTightTable(box: RefObject<HTMLElement | null>, contents: string): boolean {
  const [looseWidth, setLooseWidth] = useState<{ contents: string; px: number } | null>(null);
  const isTight = looseWidth !== null && looseWidth.contents === contents;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      if (!isTight && el.scrollWidth > el.clientWidth + 1) setLooseWidth({ contents, px: el.scrollWidth });
      else if (isTight && looseWidth !== null && el.clientWidth >= looseWidth.px) setLooseWidth(null);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box, contents, isTight, looseWidth]);
  return isTight;
}
