/**
 * The discrete-event queue: a binary min-heap ordered by (virtual time, sequence).
 *
 * Two events scheduled for the same millisecond come out in the order they were
 * scheduled, so a run never depends on heap internals. Kept deliberately small and
 * allocation-free on pop; the benchmark compares the engine against this heap alone.
 */
export interface Scheduled<T> {
  readonly atMs: number;
  readonly seq: number;
  readonly item: T;
}

export class EventQueue<T> {
  private heap: Scheduled<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: Scheduled<T>): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  peek(): Scheduled<T> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  /** All entries in pop order, without changing the queue (for snapshots). */
  toSortedArray(): Scheduled<T>[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** Removes every entry for which `matches` is true (rare: user drops a message). */
  removeWhere(matches: (item: T) => boolean): number {
    const kept = this.heap.filter((e) => !matches(e.item));
    const removed = this.heap.length - kept.length;
    if (removed > 0) {
      this.heap = [];
      for (const e of kept) this.push(e);
    }
    return removed;
  }
}

function before<T>(a: Scheduled<T>, b: Scheduled<T>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
