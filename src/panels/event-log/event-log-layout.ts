/**
 * The event log's arithmetic (pure): which events pass the filter, kept incrementally so a
 * 100k-event trace is not rescanned every frame, and which rows of a fixed-height list are
 * on screen (only those are rendered).
 */
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

/** Position of the last entry of `sorted` that is < `limit` (binary search), or -1. */
export function lastBelow(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface RowWindow {
  readonly first: number;
  /** One past the last row rendered. */
  readonly end: number;
  readonly offsetPx: number;
  readonly totalPx: number;
}

/** The rows to render for a list of `count` rows of `rowPx` scrolled to `scrollTop`, plus `overscan` either side. */
export function rowWindow(count: number, rowPx: number, scrollTop: number, viewportPx: number, overscan = 4): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowPx) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportPx) / rowPx) + overscan);
  return { first, end: Math.max(first, end), offsetPx: first * rowPx, totalPx: count * rowPx };
}

/** The scrollTop that shows row `row` at the bottom of the viewport, unless it is already visible. */
export function scrollToShow(row: number, rowPx: number, scrollTop: number, viewportPx: number): number {
  const top = row * rowPx;
  const bottom = top + rowPx;
  if (top >= scrollTop && bottom <= scrollTop + viewportPx) return scrollTop;
  return Math.max(0, bottom - viewportPx);
}
