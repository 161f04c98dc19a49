/**
 * Each node's hinted store, read from the trace (paper §4.6; lectures 002, 003).
 *
 * A stand-in that takes a write meant for a node that does not answer keeps it in a
 * separate hinted store, with the name of the node it was meant for, and hands it over
 * when that node answers again. The panel shows those stores as they are at the cursor:
 * the trace up to the cursor says exactly what each stand-in holds (the engine traces
 * every change: `hint-stored`, the acknowledgement that trims a hint, `hint-deleted`, and
 * `node-destroyed`, which loses a node's hints with its disk), so stepping back shows
 * the earlier stores, and nothing here depends on the recorded future.
 *
 * `HintLedger` reads the trace once, forwards only: moving the cursor on reads just the
 * new events. When the cursor moves back it starts again from the last checkpoint at or
 * before it, a copy of its state kept every `CHECKPOINT_EVENTS` events (as the gossip
 * ledger does): a step back in a recording of a million events re-reads a few thousand,
 * not the million.
 */
import { addVersion, type NodeId, type TraceEvent, type Version } from '../../engine/index';
import { CHECKPOINT_EVENTS, Checkpoints } from '../../store/checkpoints';

/** The latest attempt to hand a hint over: a message that arrives, is lost, or is still on its way. */
export interface HandoffAttempt {
  readonly msgId: number;
  readonly to: NodeId;
  readonly sentAtMs: number;
  readonly deliverAtMs: number;
  /** 'lost': dropped (the receiver was down, the link cut, or the message lost). */
  readonly outcome: 'in-flight' | 'arrived' | 'lost';
}

/** One hint in a stand-in's hinted store. */
export interface HeldHint {
  /** The stand-in that keeps it. */
  readonly holder: NodeId;
  readonly key: string;
  /** The node the write was meant for. */
  readonly intendedFor: NodeId;
  /** When the stand-in took the first version of this hint. */
  readonly sinceMs: number;
  /** The siblings held for `intendedFor`, oldest first. */
  readonly versions: readonly Version[];
  readonly attempt: HandoffAttempt | null;
}

/** A hint handed over: the stand-in deleted it once the node that took it acknowledged. */
export interface HintDelivery {
  readonly holder: NodeId;
  readonly key: string;
  readonly intendedFor: NodeId;
  /** Who took it: the intended node, or (if it left the ring) the key's first replica, or the stand-in itself. */
  readonly deliveredTo: NodeId;
  readonly versionIds: readonly number[];
  /** When the stand-in deleted its copy. */
  readonly atMs: number;
  readonly seq: number;
}

/** A coordinator sent a request to a stand-in instead of a node of the top N (sloppy quorum). */
export interface SloppyTarget {
  readonly seq: number;
  readonly atMs: number;
  readonly op: 'put' | 'get';
  readonly key: string;
  readonly coordinator: NodeId;
  readonly standIn: NodeId;
  readonly intendedFor: NodeId;
  /**
   * Why the coordinator went past the intended node, as the trace shows it at that moment:
   * it was down, the network cut it off from the coordinator, or neither — it was up and
   * connected but had not answered in time (a slow reply; latency has a long tail).
   */
  readonly why: SloppyReason;
  /**
   * What became of the message to the stand-in: a copy sent across a cut is lost and the
   * stand-in keeps nothing, which "sent to node3 for node2" alone did not say (lecture 000's
   * cart: the narration said no hint was kept, and the panel listed the send).
   */
  readonly outcome: 'on-the-way' | 'arrived' | 'lost';
}

export type SloppyReason = 'down' | 'cut-off' | 'no-answer';

/** How many hints the whole cluster held from `atMs` on. */
export interface HintCountPoint {
  readonly atMs: number;
  readonly count: number;
}

export interface HintsAtCursor {
  /** Every hint held, by stand-in then intended node then key. */
  readonly held: readonly HeldHint[];
  /** Hints handed over, oldest first (the last `RECENT_MAX`). */
  readonly deliveries: readonly HintDelivery[];
  /** Requests sent to stand-ins, oldest first (the last `RECENT_MAX`). */
  readonly sloppy: readonly SloppyTarget[];
  /** The cluster's hint count after every change, oldest first (one point per virtual time). */
  readonly counts: readonly HintCountPoint[];
  /** Hints lost with a destroyed stand-in's disk, so far. */
  readonly lost: number;
}

/** How many deliveries and sloppy targets are kept: the panel shows the latest few. */
export const RECENT_MAX = 50;

interface MutableHint {
  holder: NodeId;
  key: string;
  intendedFor: NodeId;
  sinceMs: number;
  versions: readonly Version[];
  attempt: HandoffAttempt | null;
}

const hintKey = (holder: NodeId, intendedFor: NodeId, key: string) => `${holder}\u0000${intendedFor}\u0000${key}`;

export { CHECKPOINT_EVENTS };

/**
 * The ledger's state after its first `read` events. The count history is kept by its
 * length and last point alone: it only grows or has its last point replaced, so going
 * back to a checkpoint truncates it (copying it whole every time would make checkpoints
 * grow with the square of the recording).
 */
interface Checkpoint {
  readonly read: number;
  /** Copies of the hints, which are changed in place as the trace is read. */
  readonly hints: ReadonlyMap<string, Readonly<MutableHint>>;
  readonly attempts: ReadonlyMap<number, string>;
  readonly takenBy: ReadonlyMap<string, NodeId>;
  readonly deliveries: readonly HintDelivery[];
  readonly sloppy: readonly SloppyTarget[];
  readonly sloppyNext: SloppyTarget | null;
  readonly sloppyMsgs: ReadonlyMap<number, number>;
  readonly down: ReadonlySet<NodeId>;
  readonly groups: readonly (readonly NodeId[])[];
  readonly cutLinks: ReadonlySet<string>;
  readonly countsLength: number;
  readonly lastCount: HintCountPoint | undefined;
  readonly lost: number;
}

const copyHints = (hints: ReadonlyMap<string, Readonly<MutableHint>>) => new Map([...hints].map(([id, h]): [string, MutableHint] => [id, { ...h }]));

/** Reads the trace forwards into the hinted stores; see the module comment. */
export class HintLedger {
  private read = 0;
  private epoch = -1;
  private hints = new Map<string, MutableHint>();
  /** Hints by the message that tries to hand them over, while its fate is unknown. */
  private attempts = new Map<number, string>();
  /** Who acknowledged each hint last: the node that took it. */
  private takenBy = new Map<string, NodeId>();
  private deliveries: HintDelivery[] = [];
  private sloppy: SloppyTarget[] = [];
  /** The stand-in just chosen, whose message the next send is; then that message's id → the sloppy entry's seq. */
  private sloppyNext: SloppyTarget | null = null;
  private sloppyMsgs = new Map<number, number>();
  /** Nodes down (failed or destroyed), partition groups and cut links at the event being read: why a stand-in was used. */
  private down = new Set<NodeId>();
  private groups: readonly (readonly NodeId[])[] = [];
  private cutLinks = new Set<string>();
  private counts: HintCountPoint[] = [];
  private lost = 0;
  private cached: HintsAtCursor | null = null;
  /** Copies of the state every `every` events of this epoch's trace. */
  private checkpoints: Checkpoints<Checkpoint>;

  constructor(every = CHECKPOINT_EVENTS) {
    this.checkpoints = new Checkpoints(every);
  }

  /** The stores after the first `upTo` events of `events`; `epoch` changes when the trace was cut. */
  at(events: readonly TraceEvent[], upTo: number, epoch = 0): HintsAtCursor {
    const end = Math.min(upTo, events.length);
    if (epoch !== this.epoch) this.reset(epoch);
    else if (end < this.read) this.restore(end);
    let changed = this.cached === null;
    while (this.read < end) {
      changed = this.apply(events[this.read]!) || changed;
      this.read++;
      if (this.checkpoints.isDue(this.read)) this.keep();
    }
    if (changed) this.cached = this.snapshot(); // unchanged stores keep their identity: the panel need not redraw them
    return this.cached!;
  }

  /** Lets everything read go (the trace was cut): the next `at` reads the trace afresh, even in the same epoch. */
  forget(): void {
    this.reset(-1);
  }

  private keep(): void {
    const { read, sloppyNext, groups, counts, lost } = this;
    // sloppyNext, groups and the entries of the lists are replaced, never changed in place: shared, not copied.
    // (sloppyNext may be an older copy of its entry in `sloppy`; only its seq, coordinator and stand-in are read.)
    this.checkpoints.keep({
      read,
      hints: copyHints(this.hints),
      attempts: new Map(this.attempts),
      takenBy: new Map(this.takenBy),
      deliveries: [...this.deliveries],
      sloppy: [...this.sloppy],
      sloppyNext,
      sloppyMsgs: new Map(this.sloppyMsgs),
      down: new Set(this.down),
      groups,
      cutLinks: new Set(this.cutLinks),
      countsLength: counts.length,
      lastCount: counts.at(-1),
      lost,
    });
  }

  /** Back to the last checkpoint at or before `end` (the start, if none). */
  private restore(end: number): void {
    const checkpoints = this.checkpoints;
    const c = checkpoints.before(end);
    if (!c) {
      this.reset(this.epoch);
      this.checkpoints = checkpoints; // still this epoch's: kept for the next step back
      return;
    }
    this.read = c.read;
    this.hints = copyHints(c.hints); // the checkpoint's own copies stay as they are for the next step back
    this.attempts = new Map(c.attempts);
    this.takenBy = new Map(c.takenBy);
    this.deliveries = [...c.deliveries];
    this.sloppy = [...c.sloppy];
    this.sloppyNext = c.sloppyNext;
    this.sloppyMsgs = new Map(c.sloppyMsgs);
    this.down = new Set(c.down);
    this.groups = c.groups;
    this.cutLinks = new Set(c.cutLinks);
    // The points before the checkpoint's last are as they were then; later ones go (snapshots handed out have their own copies).
    this.counts.length = c.countsLength;
    if (c.lastCount) this.counts[c.countsLength - 1] = c.lastCount;
    this.lost = c.lost;
    this.cached = null;
  }

  private reset(epoch: number): void {
    this.read = 0;
    this.epoch = epoch;
    this.checkpoints = new Checkpoints(this.checkpoints.every);
    this.hints = new Map();
    this.attempts = new Map();
    this.takenBy = new Map();
    this.deliveries = [];
    this.sloppy = [];
    this.sloppyNext = null;
    this.sloppyMsgs = new Map();
    this.down = new Set();
    this.groups = [];
    this.cutLinks = new Set();
    this.counts = [];
    this.lost = 0;
    this.cached = null;
  }

  /** Applies one event; true when it changed what the panel shows. */
  private apply(e: TraceEvent): boolean {
    const before = this.hints.size;
    switch (e.kind) {
      case 'hint-stored': {
        const id = hintKey(e.node!, e.intendedFor, e.key);
        const existing = this.hints.get(id);
        const versions = addVersion(existing?.versions ?? [], e.version).siblings;
        if (existing) existing.versions = versions;
        else this.hints.set(id, { holder: e.node!, key: e.key, intendedFor: e.intendedFor, sinceMs: e.atMs, versions, attempt: null });
        break;
      }
      case 'send':
        if (this.sloppyNext !== null && e.from === this.sloppyNext.coordinator && e.to === this.sloppyNext.standIn) this.sloppyMsgs.set(e.msgId, this.sloppyNext.seq);
        this.sloppyNext = null;
        if (e.body.type !== 'hint-deliver') return false;
        this.attemptSent(e.msgId, e.from, e.to, e.body.intendedFor, e.body.key, e.atMs, e.deliverAtMs);
        break;
      case 'deliver':
      case 'drop':
        if (this.sloppyMsgs.size > 0 && this.sloppyMsgs.has(e.msgId)) return this.sloppyEnded(e.msgId, e.kind === 'deliver' ? 'arrived' : 'lost');
        if (e.body.type !== 'hint-deliver' && e.body.type !== 'hint-ack') return false;
        this.attemptEnded(e.msgId, e.kind === 'deliver' ? 'arrived' : 'lost');
        if (e.kind === 'deliver' && e.body.type === 'hint-ack') this.acknowledged(e.to, e.from, e.body.intendedFor, e.body.key, e.body.versionIds);
        break;
      case 'hint-deleted':
        this.deleted(e.node!, e.intendedFor, e.key, e.reason, e.atMs, e.seq);
        break;
      case 'node-destroyed':
        this.down.add(e.node!);
        for (const [id, h] of this.hints) if (h.holder === e.node) this.hints.delete(id);
        this.lost += before - this.hints.size;
        break;
      case 'node-failed':
        this.down.add(e.node!);
        return false;
      case 'node-recovered':
        this.down.delete(e.node!);
        return false;
      case 'partitioned':
        this.groups = e.groups;
        return false;
      case 'link-changed':
        if (e.change === 'cut') this.cutLinks.add(`${e.from}>${e.to}`);
        return false;
      case 'healed':
        this.groups = [];
        this.cutLinks = new Set();
        return false;
      case 'sloppy-target': {
        const target: SloppyTarget = { seq: e.seq, atMs: e.atMs, op: e.op, key: e.key, coordinator: e.node!, standIn: e.standIn, intendedFor: e.intendedFor, why: this.whyPast(e.node!, e.intendedFor), outcome: 'on-the-way' };
        pushRecent(this.sloppy, target);
        this.sloppyNext = target;
        break;
      }
      default:
        return false;
    }
    if (this.hints.size !== before) this.countChanged(e.atMs);
    return true;
  }

  /** The message to a stand-in arrived or was lost: its entry says so (replaced, as the snapshot's entries are shared). */
  private sloppyEnded(msgId: number, outcome: SloppyTarget['outcome']): boolean {
    const seq = this.sloppyMsgs.get(msgId);
    this.sloppyMsgs.delete(msgId);
    const at = this.sloppy.findIndex((s) => s.seq === seq);
    if (at < 0) return false;
    this.sloppy[at] = { ...this.sloppy[at]!, outcome };
    return true;
  }

  private whyPast(coordinator: NodeId, intendedFor: NodeId): SloppyReason {
    if (this.down.has(intendedFor)) return 'down';
    if (this.cutLinks.has(`${coordinator}>${intendedFor}`) || this.cutLinks.has(`${intendedFor}>${coordinator}`)) return 'cut-off';
    const a = this.groups.findIndex((g) => g.includes(coordinator));
    const b = this.groups.findIndex((g) => g.includes(intendedFor));
    return a >= 0 && b >= 0 && a !== b ? 'cut-off' : 'no-answer';
  }

  private attemptSent(msgId: number, holder: NodeId, to: NodeId, intendedFor: NodeId, key: string, sentAtMs: number, deliverAtMs: number): void {
    const id = hintKey(holder, intendedFor, key);
    const hint = this.hints.get(id);
    if (!hint) return;
    hint.attempt = { msgId, to, sentAtMs, deliverAtMs, outcome: 'in-flight' };
    this.attempts.set(msgId, id);
  }

  private attemptEnded(msgId: number, outcome: 'arrived' | 'lost'): void {
    const id = this.attempts.get(msgId);
    if (id === undefined) return;
    this.attempts.delete(msgId);
    const hint = this.hints.get(id);
    if (hint?.attempt?.msgId === msgId) hint.attempt = { ...hint.attempt, outcome };
  }

  /** The stand-in lets go of the acknowledged versions (as the engine does); the last one goes with `hint-deleted`. */
  private acknowledged(holder: NodeId, taker: NodeId, intendedFor: NodeId, key: string, versionIds: readonly number[]): void {
    const id = hintKey(holder, intendedFor, key);
    const hint = this.hints.get(id);
    if (!hint) return;
    this.takenBy.set(id, taker);
    const remaining = hint.versions.filter((v) => !versionIds.includes(v.id));
    if (remaining.length > 0) hint.versions = remaining;
  }

  private deleted(holder: NodeId, intendedFor: NodeId, key: string, reason: 'delivered' | 'destroyed', atMs: number, seq: number): void {
    const id = hintKey(holder, intendedFor, key);
    const hint = this.hints.get(id);
    this.hints.delete(id);
    if (reason !== 'delivered' || !hint) return;
    const deliveredTo = this.takenBy.get(id) ?? holder;
    this.takenBy.delete(id);
    pushRecent(this.deliveries, { holder, key, intendedFor, deliveredTo, versionIds: hint.versions.map((v) => v.id), atMs, seq });
  }

  private countChanged(atMs: number): void {
    const point = { atMs, count: this.hints.size };
    if (this.counts.at(-1)?.atMs === atMs) this.counts[this.counts.length - 1] = point;
    else this.counts.push(point);
  }

  private snapshot(): HintsAtCursor {
    const held = [...this.hints.values()]
      .map((h): HeldHint => ({ ...h }))
      .sort((a, b) => compare(a.holder, b.holder) || compare(a.intendedFor, b.intendedFor) || compare(a.key, b.key));
    return { held, deliveries: [...this.deliveries], sloppy: [...this.sloppy], counts: [...this.counts], lost: this.lost };
  }
}

function pushRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > RECENT_MAX) list.shift();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The stand-ins that hold hints at the cursor, each with its hints (stand-ins in id order). */
export function storesByHolder(held: readonly HeldHint[]): { readonly holder: NodeId; readonly hints: readonly HeldHint[] }[] {
  const out = new Map<NodeId, HeldHint[]>();
  for (const h of held) {
    const list = out.get(h.holder);
    if (list) list.push(h);
    else out.set(h.holder, [h]);
  }
  return [...out].map(([holder, hints]) => ({ holder, hints }));
}

/** Deliveries that happened within `windowMs` of virtual time before `nowMs`: the ones the panel animates. */
export function recentDeliveries(deliveries: readonly HintDelivery[], nowMs: number, windowMs: number): HintDelivery[] {
  return deliveries.filter((d) => d.atMs <= nowMs && nowMs - d.atMs <= windowMs);
}

/** A hint's handover as the cursor sees it: in flight (with progress 0–1), arrived, lost or not tried yet. */
export function attemptAt(attempt: HandoffAttempt | null, clockMs: number): { readonly phase: 'none' | 'in-flight' | 'arrived' | 'lost'; readonly progress: number } {
  if (!attempt) return { phase: 'none', progress: 0 };
  if (attempt.outcome !== 'in-flight') return { phase: attempt.outcome, progress: 1 };
  const span = attempt.deliverAtMs - attempt.sentAtMs;
  const progress = span > 0 ? Math.max(0, Math.min(1, (clockMs - attempt.sentAtMs) / span)) : 1;
  return { phase: 'in-flight', progress };
}
