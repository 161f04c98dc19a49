/**
 * The event log's arithmetic (pure): which events pass the filter, kept incrementally so a
 * 100k-event trace is not rescanned every frame, and how far to scroll a fixed-height list
 * so the cursor's line shows (only the rows on screen are rendered).
 */
import { bisectLeft } from 'd3-array';
import type { EventClass } from '../../app/theme';

export interface FilterSource {
  readonly length: number;
  /** Bumped when the trace was cut (indices past the cut are no longer valid). */
  readonly epoch: number;
  classOf(index: number): EventClass;
}

export interface FilteredList {
  readonly key: string;
  readonly epoch: number;
  /** Events examined so far. */
  scanned: number;
  readonly indices: number[];
}

function filterKey(filter: Readonly<Record<EventClass, boolean>>): string {
  return Object.entries(filter)
    .filter(([, on]) => on)
    .map(([c]) => c)
    .sort()
    .join(',');
}

/**
 * The indices of events passing `filter`, reusing `cache` when only events were appended
 * since it was built. Returns the (possibly same, extended) cache.
 */
export function filteredIndices(source: FilterSource, filter: Readonly<Record<EventClass, boolean>>, cache: FilteredList | null): FilteredList {
  const key = filterKey(filter);
  const list = cache && cache.key === key && cache.epoch === source.epoch && cache.scanned <= source.length ? cache : { key, epoch: source.epoch, scanned: 0, indices: [] };
  for (let i = list.scanned; i < source.length; i++) if (filter[source.classOf(i)]) list.indices.push(i);
  list.scanned = source.length;
  return list;
}

/** Holds the last filtered list, so each call only scans events appended since. */
export class FilterCache {
  private list: FilteredList | null = null;

  indices(source: FilterSource, filter: Readonly<Record<EventClass, boolean>>): readonly number[] {
    this.list = filteredIndices(source, filter, this.list);
    return this.list.indices;
  }
}

/**
 * The events of the kinds the log shows, one list for the page: the log lists them, and the
 * space-time diagram finds the log's current event in them. Both read it with the log's filter,
 * so a second list (up to a million entries) would only repeat this one.
 */
export const shownEvents = new FilterCache();

/** Position of the last entry of `sorted` that is < `limit` (binary search), or -1. */
export function lastBelow(sorted: readonly number[], limit: number): number {
  return bisectLeft(sorted, limit) - 1;
}

/**
 * The scrollTop that shows rows `row` … `row + rows - 1` (a tall row takes two) at the bottom
 * of the viewport, unless they are already all visible. Always at the bottom, from above as
 * from below, so a page that steps back to an event and one opened there by a link list the
 * same rows. (Following only a tall row's second line once left its first above the view,
 * and the current event unlisted, after a step back.)
 */
export function scrollToShow(row: number, rowPx: number, scrollTop: number, viewportPx: number, rows = 1): number {
  const top = row * rowPx;
  const bottom = top + rows * rowPx;
  if (top >= scrollTop && bottom <= scrollTop + viewportPx) return scrollTop;
  return Math.max(0, bottom - viewportPx);
}
