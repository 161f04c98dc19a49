/**
 * What the space-time diagram draws, indexed by virtual time (pure): each message from its
 * send to its delivery or loss, each client operation from request to answer, the events
 * that create versions (with their vector clocks), and the faults.
 *
 * Built once per trace and extended as events arrive (the trace can reach 100k events):
 * each `update` reads only the events appended since the last one, and a cut of the trace
 * (a fork of the timeline) starts again. Records are immutable; a record that learns its
 * end is replaced, so a drawing memoised on a record redraws exactly when it changed. The
 * model includes the recorded future; what has happened at the cursor is decided when
 * drawing, from the trace index of each end (`index < upTo`).
 */
import { bisector } from 'd3-array';
import { formatClock, messageLabel, trafficClass, type DropReason, type TraceEvent, type TrafficClass } from '../../engine/index';

/** One end of a message: its delivery or its loss. */
export interface MessageEnd {
  readonly index: number;
  readonly seq: number;
  readonly atMs: number;
  readonly kind: 'deliver' | 'drop';
  readonly reason?: DropReason;
}

export interface ArrowRecord {
  readonly msgId: number;
  /** Index of the send event in the trace. */
  readonly index: number;
  readonly seq: number;
  readonly from: string;
  readonly to: string;
  readonly sendMs: number;
  /** When it was due as sent. */
  readonly dueMs: number;
  /** Delays a user added, in trace order: from `index` on it is due at `dueMs`. */
  readonly delays: readonly { readonly index: number; readonly dueMs: number }[];
  /** `put(cart)`, `gossip`, … */
  readonly label: string;
  readonly traffic: TrafficClass;
  readonly end: MessageEnd | null;
}

export interface OpEnd {
  readonly index: number;
  readonly seq: number;
  readonly atMs: number;
  readonly ok: boolean;
  readonly latencyMs: number;
  /** get: versions returned (more than one: siblings). */
  readonly versionCount: number;
  readonly error?: string;
}

export interface OpRecord {
  readonly opId: number;
  readonly index: number;
  readonly seq: number;
  readonly op: 'put' | 'get';
  readonly key: string;
  /** The node the client asked: the span is drawn on its lane. */
  readonly via: string;
  readonly startMs: number;
  readonly end: OpEnd | null;
  /**
   * Where a request forwarded into the top N was taken (lecture 002: G forwards to B): the
   * node it reached and when. From then on the span is drawn on that node's lane, which
   * coordinates and answers the client. The last forward delivered: one to a node that has
   * since failed is dropped, and the next one tried takes it.
   */
  readonly taken: { readonly node: string; readonly atMs: number; readonly index: number } | null;
}

/** A version's creation: the first node to store it (the coordinator of its put). */
export interface VersionMark {
  readonly index: number;
  readonly seq: number;
  readonly node: string;
  readonly atMs: number;
  readonly key: string;
  readonly versionId: number;
  /** The lectures' notation: `([A,2],[B,1])`. */
  readonly clock: string;
}

export type FaultKind = 'failed' | 'recovered' | 'destroyed' | 'added' | 'removed' | 'partitioned' | 'healed';

export interface FaultMark {
  readonly index: number;
  readonly seq: number;
  readonly atMs: number;
  /** Null for the whole network (a split, a heal). */
  readonly node: string | null;
  readonly kind: FaultKind;
  /** `{A, B} | {C, D}` for a split. */
  readonly detail?: string;
}

/** Where an interval ends when its end is not known yet. */
const OPEN = Number.POSITIVE_INFINITY;
/** Intervals longer than this are kept in a short separate list, so a query stays a binary search. */
const LONG_MS = 1000;
const byValue = bisector((x: number) => x);

/**
 * Intervals added in order of start time, queried by overlap with a time window: a binary
 * search over the starts, widened by the longest short interval, plus the few long ones.
 */
export class IntervalIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private maxShortMs = 0;
  private readonly long: number[] = [];
  private readonly isLong = new Set<number>();

  get length(): number {
    return this.starts.length;
  }

  /** Adds an interval; its start must not be before the previous one's. */
  add(startMs: number, endMs: number): number {
    const i = this.starts.length;
    this.starts.push(startMs);
    this.ends.push(startMs);
    this.setEnd(i, endMs);
    return i;
  }

  setEnd(i: number, endMs: number): void {
    const start = this.starts[i]!;
    const end = Math.max(start, endMs);
    this.ends[i] = end;
    if (end - start > LONG_MS) {
      if (!this.isLong.has(i)) {
        this.isLong.add(i);
        this.long.push(i);
      }
    } else if (!this.isLong.has(i)) this.maxShortMs = Math.max(this.maxShortMs, end - start);
  }

  /** The intervals that overlap [t0, t1], in order. */
  query(t0: number, t1: number): number[] {
    const hi = byValue.right(this.starts, t1);
    const lo = byValue.left(this.starts, t0 - this.maxShortMs, 0, hi);
    const out: number[] = [];
    for (const i of this.long) if (i < lo && this.ends[i]! >= t0) out.push(i);
    out.sort((a, b) => a - b);
    for (let i = lo; i < hi; i++) if (this.ends[i]! >= t0) out.push(i);
    return out;
  }
}

/** The trace as the diagram needs it. Feed it the trace index's events with `update`. */
export class SpaceTimeModel {
  arrows: ArrowRecord[] = [];
  ops: OpRecord[] = [];
  versions: VersionMark[] = [];
  faults: FaultMark[] = [];
  private arrowTimes = new IntervalIndex();
  private opTimes = new IntervalIndex();
  private arrowOf = new Map<number, number>();
  private opOf = new Map<number, number>();
  private created = new Set<string>();
  private scanned = 0;
  private epoch = -1;
  /** Virtual time of the last event read. */
  lastMs = 0;

  /** Reads the events appended since the last call; starts again after a cut (`epoch` changed). */
  update(events: readonly TraceEvent[], epoch: number): this {
    if (epoch !== this.epoch || events.length < this.scanned) this.reset(epoch);
    for (let i = this.scanned; i < events.length; i++) this.read(events[i]!, i);
    this.scanned = events.length;
    return this;
  }

  /** Lets everything read go (the trace was cut): the next `update` reads the trace afresh. */
  forget(): void {
    this.reset(-1);
  }

  /** Arrows whose time span overlaps [t0, t1] (sent or not by the cursor), in send order. */
  arrowsIn(t0: number, t1: number): ArrowRecord[] {
    return this.arrowTimes.query(t0, t1).map((i) => this.arrows[i]!);
  }

  opsIn(t0: number, t1: number): OpRecord[] {
    return this.opTimes.query(t0, t1).map((i) => this.ops[i]!);
  }

  versionsIn(t0: number, t1: number): VersionMark[] {
    return pointsIn(this.versions, t0, t1);
  }

  faultsIn(t0: number, t1: number): FaultMark[] {
    return pointsIn(this.faults, t0, t1);
  }

  /**
   * When the last message of a shown kind (`isShown`) sent before trace index `upTo` began,
   * or the last request started before it (requests are drawn with the client's messages);
   * null when there is none among the last `limit` messages (background gossip can be most
   * of a long run).
   */
  lastShownStart(upTo: number, isShown: (traffic: TrafficClass) => boolean, limit = 5000): number | null {
    let start: number | null = null;
    for (let i = this.arrows.length - 1, seen = 0; i >= 0 && seen < limit; i--) {
      const a = this.arrows[i]!;
      if (a.index >= upTo) continue;
      seen++;
      if (isShown(a.traffic)) {
        start = a.sendMs;
        break;
      }
    }
    for (let i = this.ops.length - 1; i >= 0 && isShown('client'); i--) {
      const op = this.ops[i]!;
      if (op.index >= upTo) continue;
      return start === null ? op.startMs : Math.max(start, op.startMs);
    }
    return start;
  }

  /** The arrow of message `msgId`, if it was sent. */
  arrow(msgId: number): ArrowRecord | undefined {
    const i = this.arrowOf.get(msgId);
    return i === undefined ? undefined : this.arrows[i];
  }

  private reset(epoch: number): void {
    this.arrows = [];
    this.ops = [];
    this.versions = [];
    this.faults = [];
    this.arrowTimes = new IntervalIndex();
    this.opTimes = new IntervalIndex();
    this.arrowOf = new Map();
    this.opOf = new Map();
    this.created = new Set();
    this.scanned = 0;
    this.epoch = epoch;
    this.lastMs = 0;
  }

  private read(e: TraceEvent, index: number): void {
    this.lastMs = e.atMs;
    switch (e.kind) {
      case 'send': {
        const record: ArrowRecord = { msgId: e.msgId, index, seq: e.seq, from: e.from, to: e.to, sendMs: e.atMs, dueMs: e.deliverAtMs, delays: [], label: messageLabel(e.body), traffic: trafficClass(e.body), end: null };
        this.arrowOf.set(e.msgId, this.arrows.length);
        this.arrows.push(record);
        this.arrowTimes.add(e.atMs, e.deliverAtMs);
        return;
      }
      case 'deliver':
      case 'drop':
        if (e.kind === 'deliver' && e.body.type === 'forward') this.takeOp(e.body.request.opId, e.to, e.atMs, index);
        return this.endArrow(e.msgId, { index, seq: e.seq, atMs: e.atMs, kind: e.kind, ...(e.kind === 'drop' ? { reason: e.reason } : {}) });
      case 'message-delayed':
        return this.delayArrow(e.msgId, index, e.deliverAtMs);
      case 'op-start':
        this.opOf.set(e.opId, this.ops.length);
        this.ops.push({ opId: e.opId, index, seq: e.seq, op: e.op, key: e.key, via: e.via, startMs: e.atMs, end: null, taken: null });
        this.opTimes.add(e.atMs, OPEN);
        return;
      case 'op-end':
        return this.endOp(e.opId, { index, seq: e.seq, atMs: e.atMs, ok: e.ok, latencyMs: e.latencyMs, versionCount: e.versions?.length ?? 0, ...(e.error !== undefined ? { error: e.error } : {}) });
      case 'version-stored':
        return this.noteVersion(e, index);
      case 'late-forward':
        return this.untakeOp(e.opId, e.node);
      default:
        return this.noteFault(e, index);
    }
  }

  private endArrow(msgId: number, end: MessageEnd): void {
    const i = this.arrowOf.get(msgId);
    if (i === undefined) return;
    const a = this.arrows[i]!;
    this.arrows[i] = { ...a, end };
    this.arrowTimes.setEnd(i, Math.max(end.atMs, a.dueMs));
  }

  private delayArrow(msgId: number, index: number, dueMs: number): void {
    const i = this.arrowOf.get(msgId);
    if (i === undefined) return;
    const a = this.arrows[i]!;
    this.arrows[i] = { ...a, delays: [...a.delays, { index, dueMs }] };
    this.arrowTimes.setEnd(i, Math.max(dueMs, a.end?.atMs ?? 0));
  }

  /** The first forward delivered takes the request; one delivered after it was taken or answered does not. */
  private takeOp(opId: number, node: string, atMs: number, index: number): void {
    const i = this.opOf.get(opId);
    if (i !== undefined && this.ops[i]!.taken === null && this.ops[i]!.end === null) this.ops[i] = { ...this.ops[i]!, taken: { node, atMs, index } };
  }

  /**
   * A forward delivered late (the trace's late-forward, right after the delivery): its node
   * coordinates a copy of the request that answers no client, so it did not take this one. The
   * node that did, `via` itself after its forwards timed out, the trace does not name.
   */
  private untakeOp(opId: number, node: string | null): void {
    const i = this.opOf.get(opId);
    if (i !== undefined && this.ops[i]!.taken?.node === node && this.ops[i]!.end === null) this.ops[i] = { ...this.ops[i]!, taken: null };
  }

  private endOp(opId: number, end: OpEnd): void {
    const i = this.opOf.get(opId);
    if (i === undefined) return;
    this.ops[i] = { ...this.ops[i]!, end };
    this.opTimes.setEnd(i, end.atMs);
  }

  private noteVersion(e: Extract<TraceEvent, { kind: 'version-stored' }>, index: number): void {
    const name = `${e.key}\u0000${e.version.id}`;
    if (this.created.has(name) || e.node === null) return;
    this.created.add(name);
    this.versions.push({ index, seq: e.seq, node: e.node, atMs: e.atMs, key: e.key, versionId: e.version.id, clock: formatClock(e.version.clock) });
  }

  private noteFault(e: TraceEvent, index: number): void {
    const base = { index, seq: e.seq, atMs: e.atMs, node: e.node };
    const kind = FAULT_KINDS[e.kind];
    if (kind === undefined) return;
    const detail = e.kind === 'partitioned' ? e.groups.map((g) => `{${g.join(', ')}}`).join(' | ') : undefined;
    this.faults.push({ ...base, kind, ...(detail !== undefined ? { detail } : {}) });
  }
}

const FAULT_KINDS: Partial<Record<TraceEvent['kind'], FaultKind>> = {
  'node-failed': 'failed',
  'node-recovered': 'recovered',
  'node-destroyed': 'destroyed',
  'node-added': 'added',
  'node-removed': 'removed',
  partitioned: 'partitioned',
  healed: 'healed',
};

const byTime = bisector((p: { readonly atMs: number }) => p.atMs);

/** Points (in time order) with t0 ≤ atMs ≤ t1. */
function pointsIn<T extends { readonly atMs: number }>(points: readonly T[], t0: number, t1: number): T[] {
  return points.slice(byTime.left(points, t0), byTime.right(points, t1));
}
