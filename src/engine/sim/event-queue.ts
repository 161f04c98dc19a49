/**
 * The discrete-event queue: entries come out ordered by (virtual time, sequence), from a
 * binary min-heap and, for timers that are set in time order, first-in-first-out lanes.
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
  /**
   * First-in-first-out lanes beside the heap. Timers set a fixed delay ahead (every
   * request's deadline, every replica timeout) come due in the order they are set, so a
   * caller may name a lane for them: appending and taking the head are then O(1), and the
   * heap keeps only what comes due out of order (messages, with their random latency).
   * An entry that would break its lane's order goes to the heap instead, so entries always
   * come out in (time, sequence) order, whatever lanes callers name.
   */
  private lanes: Lane<T>[] = [];
  /** `firstLane()`'s answer until the queue changes; undefined when not known. */
  private firstKnown: Lane<T> | null | undefined = undefined;

  get size(): number {
    let size = this.heap.length;
    for (const lane of this.lanes) size += lane.entries.length - lane.head;
    return size;
  }

  /** Adds an entry; `lane` (a small integer) for entries usually pushed in time order. */
  push(entry: Scheduled<T>, lane?: number): void {
    this.firstKnown = undefined;
    if (lane !== undefined) {
      while (this.lanes.length <= lane) this.lanes.push({ entries: [], head: 0 });
      const { entries } = this.lanes[lane]!;
      const tail = entries[entries.length - 1];
      if (tail === undefined || before(tail, entry)) {
        entries.push(entry);
        return;
      }
    }
    this.pushToHeap(entry);
  }

  peek(): Scheduled<T> | undefined {
    const lane = this.firstLane();
    return lane === null ? this.heap[0] : lane.entries[lane.head];
  }

  pop(): Scheduled<T> | undefined {
    const lane = this.firstLane();
    this.firstKnown = undefined;
    if (lane === null) return this.popFromHeap();
    const entry = lane.entries[lane.head++];
    if (lane.head === lane.entries.length) {
      lane.entries.length = 0;
      lane.head = 0;
    } else if (lane.head >= COMPACT_AT && lane.head * 2 >= lane.entries.length) {
      lane.entries.splice(0, lane.head);
      lane.head = 0;
    }
    return entry;
  }

  /** All entries in pop order, without changing the queue (for snapshots). */
  toSortedArray(): Scheduled<T>[] {
    const all = [...this.heap];
    for (const lane of this.lanes) for (let i = lane.head; i < lane.entries.length; i++) all.push(lane.entries[i]!);
    return all.sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** Removes every entry for which `matches` is true (rare: user drops a message). */
  removeWhere(matches: (item: T) => boolean): number {
    this.firstKnown = undefined;
    const sizeBefore = this.size;
    for (const lane of this.lanes) {
      lane.entries = lane.entries.slice(lane.head).filter((e) => !matches(e.item));
      lane.head = 0;
    }
    const kept = this.heap.filter((e) => !matches(e.item));
    if (kept.length < this.heap.length) {
      this.heap = [];
      for (const e of kept) this.pushToHeap(e);
    }
    return sizeBefore - this.size;
  }

  /**
   * The lane whose head comes before the heap's top and every other lane's head; null
   * when the heap's top comes first (or nothing is queued). Kept until the next change,
   * since a peek is usually followed by a pop.
   */
  private firstLane(): Lane<T> | null {
    if (this.firstKnown !== undefined) return this.firstKnown;
    let best: Lane<T> | null = null;
    let first = this.heap[0];
    for (const lane of this.lanes) {
      const head = lane.entries[lane.head];
      if (head !== undefined && (first === undefined || before(head, first))) {
        best = lane;
        first = head;
      }
    }
    this.firstKnown = best;
    return best;
  }

  private pushToHeap(entry: Scheduled<T>): void {
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

  private popFromHeap(): Scheduled<T> | undefined {
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
}

interface Lane<T> {
  entries: Scheduled<T>[];
  /** Index of the lane's first entry still queued. */
  head: number;
}

/** A lane drops the entries it has handed out once this many have piled up in front. */
const COMPACT_AT = 1024;

function before<T>(a: Scheduled<T>, b: Scheduled<T>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
