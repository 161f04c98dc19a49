/**
 * The page's copy of the trace, with the indexes the panels need, kept incrementally.
 *
 * The trace can reach 100k events, so it is not copied into the store on every frame: this
 * object holds it (mutated in place, append-only apart from a cut when the timeline forks)
 * and the store holds a version number that changes whenever it does. Indexes — each
 * event's traffic class, the events of each client operation — are extended as events
 * arrive and cut back with the trace when the timeline forks.
 */
import type { TraceEvent } from '../engine/index';
import { bisectLeft } from 'd3-array';
import { ALL_KEYS, eventClass, historyKeysOf, type EventClass } from '../engine/index';

export { eventClass };


/** The client operation an event belongs to, if any. */
export function opIdOf(e: TraceEvent): number | undefined {
  if ('opId' in e) return e.opId;
  if (e.kind === 'send' || e.kind === 'deliver' || e.kind === 'drop') {
    const body = e.body;
    if (body.type === 'forward') return body.request.opId;
    if ('opId' in body) return body.opId;
  }
  return undefined;
}

export interface OpSummary {
  readonly opId: number;
  readonly op: 'put' | 'get';
  readonly key: string;
  readonly via: string;
  /** Index of its op-start event. */
  readonly startIndex: number;
}

/** Lists of event indices, each in trace order, by some key: cut back together with the trace. */
class IndexLists<K> {
  private readonly lists = new Map<K, number[]>();

  add(key: K, index: number): void {
    const list = this.lists.get(key);
    if (list) list.push(index);
    else this.lists.set(key, [index]);
  }

  get(key: K): readonly number[] {
    return this.lists.get(key) ?? NONE;
  }

  /** Drops the indices from `from` on: each list is cut where it reaches `from` (d3-array's bisectLeft). */
  cut(from: number): void {
    for (const [key, list] of this.lists) {
      list.length = bisectLeft(list, from);
      if (list.length === 0) this.lists.delete(key);
    }
  }
}

const NONE: readonly number[] = [];

/** The last index in `list` (indices in order) below `upTo`, or -1. */
function lastBefore(list: readonly number[], upTo: number): number {
  const at = bisectLeft(list, upTo) - 1;
  return at >= 0 ? list[at]! : -1;
}

export class TraceIndex {
  readonly events: TraceEvent[] = [];
  private readonly classes: EventClass[] = [];
  private readonly byClass = new IndexLists<EventClass>();
  private readonly byOp = new IndexLists<number>();
  private readonly ops: OpSummary[] = [];
  /** Per key, its successful gets' op-ends and its puts' op-starts (the client form and the Reconcile panel ask at every frame). */
  private readonly readsOfKey = new IndexLists<string>();
  private readonly putsOfKey = new IndexLists<string>();
  /** Anti-entropy: each exchange's start (between two nodes), and each exchange's own events (its start, levels and end). */
  private readonly exchangeStarts: number[] = [];
  private readonly byExchange = new IndexLists<number>();
  /** Per key, the events its version history reads (`historyKeysOf`); and every node destroyed, which every key's reads. */
  private readonly historyOfKey = new IndexLists<string>();
  private readonly destroyedAt: number[] = [];
  /** Bumped on every cut, so caches built on the old prefix know to start again. */
  epoch = 0;
  /** Bumped whenever the events change, by a cut or an append: what the store's `traceVersion` follows. */
  changes = 0;
  private readonly cutListeners: (() => void)[] = [];

  /** An index of a whole trace (the page's is filled frame by frame instead, with `apply`). */
  static of(events: readonly TraceEvent[]): TraceIndex {
    const index = new TraceIndex();
    index.apply(0, events);
    return index;
  }

  get length(): number {
    return this.events.length;
  }

  /**
   * Calls `listener` at every cut (a fork of the timeline, a new session), so a panel's cache
   * built on the old prefix lets it go at once. Kept until the panel was next drawn, the
   * space-time diagram's held a whole recording of a million events (94 MB) after Reset.
   */
  whenCut(listener: () => void): void {
    this.cutListeners.push(listener);
  }

  /** Applies a frame's trace delta: drop everything from `from` on, then append. */
  apply(from: number, added: readonly TraceEvent[]): void {
    if (from < this.events.length || added.length > 0) this.changes++;
    if (from < this.events.length) this.cut(from);
    for (const e of added) this.push(e);
  }

  classOf(index: number): EventClass {
    return this.classes[index]!;
  }

  /** How many of the first `upTo` events are of class `cls`. */
  countBefore(cls: EventClass, upTo: number): number {
    return bisectLeft(this.byClass.get(cls), upTo);
  }

  /** Indices of the events of operation `opId`, in trace order. */
  eventsOfOp(opId: number): readonly number[] {
    return this.byOp.get(opId);
  }

  /** The index of the op-end of the last successful get of `key` among the first `upTo` events, or -1. */
  lastReadBefore(key: string, upTo: number): number {
    return lastBefore(this.readsOfKey.get(key), upTo);
  }

  /** The indices of the op-ends of the last `count` successful gets of `key` among the first `upTo` events, newest first. */
  lastReadsBefore(key: string, upTo: number, count: number): number[] {
    const reads = this.readsOfKey.get(key);
    const end = bisectLeft(reads, upTo);
    return reads.slice(Math.max(0, end - count), end).reverse();
  }

  /** The indices below `upTo` of the events `key`'s version history reads, in order (`versionHistory`'s `indices`). */
  historyEventsOf(key: string, upTo: number): number[] {
    const own = this.historyOfKey.get(key);
    const [a, b] = [own.slice(0, bisectLeft(own, upTo)), this.destroyedAt.slice(0, bisectLeft(this.destroyedAt, upTo))];
    if (b.length === 0) return a;
    const merged: number[] = [];
    for (let i = 0, j = 0; i < a.length || j < b.length; ) merged.push(j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!);
    return merged;
  }

  /** Indices of the op-starts of the puts of `key`, in trace order. */
  putsOf(key: string): readonly number[] {
    return this.putsOfKey.get(key);
  }

  /** The index of the op-start of the last put of `key` among the first `upTo` events, or -1. */
  lastPutBefore(key: string, upTo: number): number {
    return lastBefore(this.putsOfKey.get(key), upTo);
  }

  /** The index of the last anti-entropy exchange's start among the first `upTo` events, or -1. */
  lastExchangeBefore(upTo: number): number {
    return lastBefore(this.exchangeStarts, upTo);
  }

  /** Indices of exchange `exchangeId`'s start, levels compared and end, in trace order. */
  eventsOfExchange(exchangeId: number): readonly number[] {
    return this.byExchange.get(exchangeId);
  }

  /** The index of the event with this seq (seqs are consecutive from the first event). */
  indexOfSeq(seq: number): number {
    const first = this.events[0]?.seq ?? 0;
    return seq - first;
  }

  /** Operations started among the first `upTo` events, oldest first. */
  opsBefore(upTo: number): readonly OpSummary[] {
    let hi = this.ops.length;
    while (hi > 0 && this.ops[hi - 1]!.startIndex >= upTo) hi--;
    return hi === this.ops.length ? this.ops : this.ops.slice(0, hi);
  }

  /** The operation started last among the first `upTo` events. */
  latestOpBefore(upTo: number): OpSummary | undefined {
    for (let i = this.ops.length - 1; i >= 0; i--) if (this.ops[i]!.startIndex < upTo) return this.ops[i];
    return undefined;
  }

  /** The ids of the messages sent among events `from`…`upTo` (a lecture step's own, which a waiting question veils). */
  sentBetween(from: number, upTo: number): ReadonlySet<number> {
    const ids = new Set<number>();
    for (let i = Math.max(0, from); i < Math.min(upTo, this.events.length); i++) {
      const e = this.events[i]!;
      if (e.kind === 'send') ids.add(e.msgId);
    }
    return ids;
  }

  op(opId: number): OpSummary | undefined {
    const first = this.byOp.get(opId)[0];
    if (first === undefined) return undefined;
    const e = this.events[first]!;
    return e.kind === 'op-start' ? { opId, op: e.op, key: e.key, via: e.via, startIndex: first } : undefined;
  }

  private push(e: TraceEvent): void {
    const index = this.events.length;
    this.events.push(e);
    const cls = eventClass(e);
    this.classes.push(cls);
    this.byClass.add(cls, index);
    if (e.kind === 'ae-started' || e.kind === 'ae-level' || e.kind === 'ae-done') this.byExchange.add(e.exchangeId, index);
    if (e.kind === 'ae-started' && e.node !== null) this.exchangeStarts.push(index);
    const keys = historyKeysOf(e);
    if (keys === ALL_KEYS) this.destroyedAt.push(index);
    else for (const key of keys.length > 1 ? new Set(keys) : keys) this.historyOfKey.add(key, index);
    const opId = opIdOf(e);
    if (opId === undefined) return;
    this.byOp.add(opId, index);
    if (e.kind === 'op-start') {
      this.ops.push({ opId, op: e.op, key: e.key, via: e.via, startIndex: index });
      if (e.op === 'put') this.putsOfKey.add(e.key, index);
    } else if (e.kind === 'op-end' && e.op === 'get' && e.ok) this.readsOfKey.add(e.key, index);
  }

  /**
   * Drops the events from `from` on, and their entries in each index: every list holds indices
   * in order, so each is cut where it reaches `from` (d3-array's bisectLeft). Re-indexing the kept prefix instead cost
   * a pass over up to a million events on the main thread at every Undo of a busy session.
   */
  private cut(from: number): void {
    this.events.length = from;
    this.classes.length = from;
    for (const lists of [this.byClass, this.byOp, this.readsOfKey, this.putsOfKey, this.byExchange, this.historyOfKey]) lists.cut(from);
    this.exchangeStarts.length = bisectLeft(this.exchangeStarts, from);
    this.destroyedAt.length = bisectLeft(this.destroyedAt, from);
    while (this.ops.length > 0 && this.ops[this.ops.length - 1]!.startIndex >= from) this.ops.pop();
    this.epoch++;
    for (const listener of this.cutListeners) listener();
  }
}
