/**
 * How the node list scrolls when it has more nodes than room (a fifth node at 1280×720): whole
 * rows, never a sliced strip of buttons; a node that is not up pinned in view; and which nodes
 * are out of view, for the cues beside the list's head. The DOM side of NodeList.tsx.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { NodeView } from '../../engine/index';

/**
 * Where a row stays when the list is scrolled, for a node that is not up: its Recover button
 * is what a lecturer reaches for next, so it is never scrolled out of view before a node that
 * is up. Each such row sticks below the ones before it (`above` rows of them) and above the
 * ones after it (`below`), covering an up node's row instead; the rows keep the ring's order.
 * Null: an up node, which scrolls.
 */
export interface Pin {
  readonly above: number;
  readonly below: number;
}

export function pinsOf(nodes: readonly Pick<NodeView, 'isUp'>[]): (Pin | null)[] {
  const total = nodes.filter((n) => !n.isUp).length;
  let above = 0;
  return nodes.map((n) => (n.isUp ? null : { above, below: total - ++above }));
}

/**
 * Scrolls the list the least that shows `row` whole and clear of the rows pinned above and
 * below it (`pinsOf`): scrolled only into the list's box, a node could land under a down one.
 */
export function scrollRowIntoView(ul: HTMLElement, row: HTMLElement): void {
  if (row.classList.contains('pinned')) return; // always in view
  const rows = [...ul.children] as HTMLElement[];
  const at = rows.indexOf(row);
  const pinnedBefore = rows.slice(0, at).filter((r) => r.classList.contains('pinned')).length;
  const pinnedAfter = rows.slice(at + 1).filter((r) => r.classList.contains('pinned')).length;
  // The row's place in the list's content (it scrolls: its box is where the content puts it).
  const top = row.getBoundingClientRect().top - ul.getBoundingClientRect().top - ul.clientTop + ul.scrollTop;
  const height = row.offsetHeight;
  const lowest = top + height * (1 + pinnedAfter) - ul.clientHeight;
  const highest = top - height * pinnedBefore;
  ul.scrollTop = Math.min(highest, Math.max(lowest, ul.scrollTop));
}

/**
 * A node just added is scrolled into the list's view, so the lecturer can fail or remove it
 * at once: the list shows four or five rows, and a new node's row comes last.
 */
export function useScrollToAdded(idList: string): RefObject<HTMLUListElement | null> {
  const list = useRef<HTMLUListElement>(null);
  const before = useRef(idList);
  useEffect(() => {
    const old = new Set(before.current.split(','));
    before.current = idList;
    const added = idList.split(',').filter((id) => !old.has(id));
    const ul = list.current;
    if (added.length !== 1 || !ul) return; // a new session replaces every id: leave the list at its top
    const row = [...ul.children].find((li) => (li as HTMLElement).dataset.node === added[0]) as HTMLElement | undefined;
    if (!row) return;
    // At the next frame: by then the list is cut to its whole rows for the added one (useWholeRows), else the row scrolled to could fall below the cut.
    const frame = requestAnimationFrame(() => scrollRowIntoView(ul, row));
    return () => cancelAnimationFrame(frame);
  }, [idList]);
  return list;
}

/**
 * The rows scrolled out of the list's view, above and below: with a fifth node added (and the
 * client form's Context row), node A scrolled away with no sign of it, and a class took it
 * for removed. A row under a pinned one (`pinsOf`) is out of view too, on the side that row
 * stuck to. `rows` changes whenever the rows or their pins do.
 */
export function useRowsOutOfView(list: RefObject<HTMLUListElement | null>, rows: string): { readonly above: readonly string[]; readonly below: readonly string[] } {
  const [hidden, setHidden] = useState<{ above: string[]; below: string[] }>({ above: [], below: [] });
  useEffect(() => {
    const ul = list.current;
    if (!ul) return;
    const measure = () => {
      const { above, below } = rowsOutOfView(ul);
      setHidden((h) => (h.above.join() === above.join() && h.below.join() === below.join() ? h : { above, below }));
    };
    measure();
    ul.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(ul);
    return () => {
      ul.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [list, rows]);
  return hidden;
}

/** The ids of the rows less than half of which shows, by the side they went: scrolled past the list's box, or under a pinned row. */
function rowsOutOfView(ul: HTMLElement): { above: string[]; below: string[] } {
  const rows = [...ul.children] as HTMLElement[];
  const box = ul.getBoundingClientRect();
  const boxes = rows.map((r) => r.getBoundingClientRect());
  const pinned = rows.map((r) => r.classList.contains('pinned'));
  const above: string[] = [];
  const below: string[] = [];
  rows.forEach((row, i) => {
    const middle = boxes[i]!.top + boxes[i]!.height / 2;
    // A pinned row earlier in the list can only have stuck to the top, a later one to the bottom.
    const under = pinned.findIndex((isPinned, j) => isPinned && j !== i && boxes[j]!.top <= middle && middle <= boxes[j]!.bottom);
    if (middle < box.top || (under >= 0 && under < i)) above.push(row.dataset.node ?? '');
    else if (middle > box.bottom || under > i) below.push(row.dataset.node ?? '');
  });
  return { above, below };
}

/**
 * A list too long for its room shows whole rows: its height is cut down to a whole number of
 * them (the rest of the room left empty), so no row shows as a sliced strip of buttons under
 * the last one (eight nodes at 720p). "▼ F +2" names the rest.
 */
export function useWholeRows(wrap: RefObject<HTMLDivElement | null>, list: RefObject<HTMLUListElement | null>, idList: string): { readonly maxHeight: number | undefined; readonly rowPx: number } {
  const [fit, setFit] = useState<{ readonly maxHeight: number | undefined; readonly rowPx: number }>({ maxHeight: undefined, rowPx: 0 });
  useLayoutEffect(() => {
    const box = wrap.current;
    const ul = list.current;
    if (!box || !ul) return;
    const measure = () => {
      // The list's room: the wrapper's height less the head, the add-node form and the gaps between them.
      const others = [...box.children].filter((c) => c !== ul).reduce((sum, c) => sum + c.getBoundingClientRect().height, 0);
      const room = box.clientHeight - others - (parseFloat(getComputedStyle(box).rowGap) || 0) * (box.children.length - 1);
      const row = ul.firstElementChild?.getBoundingClientRect().height ?? 0;
      const border = ul.offsetHeight - ul.clientHeight;
      const isTooLong = row > 0 && ul.children.length * row + border > room + 1;
      const maxHeight = isTooLong ? Math.max(row, Math.floor((room - border) / row) * row) + border : undefined;
      setFit((f) => (f.maxHeight === maxHeight && f.rowPx === row ? f : { maxHeight, rowPx: row }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [wrap, list, idList]);
  return fit;
}

/**
 * With the list's height a whole number of rows (`useWholeRows`), a scroll that comes to rest
 * is rounded to a row's top, so no row shows sliced. Not CSS scroll snapping: Chromium takes a
 * pinned row's snap position where it is stuck, and refused to scroll back to the top of a list
 * whose first node was down.
 */
export function useScrollByWholeRows(list: RefObject<HTMLUListElement | null>, rowPx: number): void {
  useEffect(() => {
    const ul = list.current;
    if (!ul || rowPx <= 0) return;
    const settle = () => {
      const top = Math.round(ul.scrollTop / rowPx) * rowPx;
      if (Math.abs(top - ul.scrollTop) > 0.5) ul.scrollTo({ top, behavior: 'instant' });
    };
    // Where 'scrollend' is unknown (older Safari), a scroll quiet for a moment counts as ended.
    if ('onscrollend' in window) {
      ul.addEventListener('scrollend', settle);
      return () => ul.removeEventListener('scrollend', settle);
    }
    let timer = 0;
    const onScroll = () => {
      clearTimeout(timer);
      timer = window.setTimeout(settle, 150);
    };
    ul.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      ul.removeEventListener('scroll', onScroll);
    };
  }, [list, rowPx]);
}
