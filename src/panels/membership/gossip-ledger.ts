/**
 * The story of the last membership change, read from the trace (paper §4.8, §4.9;
 * lectures 000, 001, 002): which node joined or left, the key ranges that change holder
 * and how far their transfer got, and the gossip since — how many rounds it took until
 * every live node's view agreed.
 *
 * A *round* is what the lectures draw: every node contacts one other node. Round k is
 * complete once every live member has started k gossip exchanges since the change (a
 * joining node's announcement to the seeds and to the nodes that owe it a range, which
 * they wait for before they send it, and a leave's announcement, are part of the change,
 * not gossip rounds). Views that agree after some exchanges of round k+1 have begun took
 * k+1 rounds.
 *
 * Like the hint ledger, `GossipLedger` reads the trace forwards once, so what it says
 * depends only on the events up to the cursor. When the cursor moves back it starts again
 * from the last checkpoint before it, a copy of its state kept every `CHECKPOINT_EVENTS`
 * events (the state is a few small maps): a step back in a recording of a million events
 * re-reads a few thousand, not the million.
 */
import type { NodeId, TraceEvent, Transfer } from '../../engine/index';
import { CHECKPOINT_EVENTS, Checkpoints } from '../../store/checkpoints';

export interface MembershipChange {
  readonly kind: 'joined' | 'left';
  readonly node: NodeId;
  readonly atMs: number;
  readonly seq: number;
  /** A join's tokens; [] for a leave. */
  readonly tokens: readonly number[];
  /** Sent by their old holders, then those whose old holder was destroyed (state `repair`). */
  readonly transfers: readonly Transfer[];
}

/**
 * `unaware`: a join's old holder has not heard of the new node yet, so it cannot hand the
 * range over; `waiting`: it knows, but has not sent (it is down, say); then `sending`, `done`.
 * `repair`: the old holder was destroyed, so nothing is sent; anti-entropy copies the range
 * from the other replicas.
 */
export type TransferState = 'unaware' | 'waiting' | 'sending' | 'done' | 'repair';

export interface TransferProgress extends Transfer {
  readonly state: TransferState;
  /** Keys in the last transfer message sent for this range. */
  readonly keys: number;
}

/** One gossip message: an exchange's opening (`gossip`) or its answer (`gossip-reply`). */
export interface GossipMessage {
  readonly msgId: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly isReply: boolean;
  readonly sentAtMs: number;
  readonly deliverAtMs: number;
}

export interface MembershipStory {
  readonly change: MembershipChange | null;
  readonly transfers: readonly TransferProgress[];
  /** Gossip exchanges started since the change (announcements excluded). */
  readonly exchanges: number;
  /** Exchanges each node started since the change. */
  readonly startedBy: ReadonlyMap<NodeId, number>;
  /** When a view last changed since the change (the moment views came to agree, if they agree). */
  readonly lastLearnedAtMs: number | null;
  /** Exchanges each node had started when a view last changed. */
  readonly startedByAtLastLearned: ReadonlyMap<NodeId, number>;
}

interface Pending {
  readonly transfer: Transfer;
  state: TransferState;
  keys: number;
  readonly ids: Set<number>;
}

export { CHECKPOINT_EVENTS };

/** The ledger's state after its first `read` events. */
interface Checkpoint {
  readonly read: number;
  readonly change: MembershipChange | null;
  readonly pending: readonly Pending[];
  readonly startedBy: ReadonlyMap<NodeId, number>;
  readonly exchanges: number;
  readonly lastLearnedAtMs: number | null;
  readonly startedByAtLastLearned: Map<NodeId, number>;
  readonly announcer: NodeId | null;
}

const copyPending = (pending: readonly Pending[]): Pending[] => pending.map((p) => ({ ...p, ids: new Set(p.ids) }));

/** Reads the trace forwards into the story of the last membership change; see the module comment. */
export class GossipLedger {
  private read = 0;
  private epoch = -1;
  private change: MembershipChange | null = null;
  private pending: Pending[] = [];
  private startedBy = new Map<NodeId, number>();
  private exchanges = 0;
  private lastLearnedAtMs: number | null = null;
  private startedByAtLastLearned = new Map<NodeId, number>();
  /** The sender of the change's announcement, while its events are still being read. */
  private announcer: NodeId | null = null;
  private cached: MembershipStory | null = null;
  /** Copies of the state every `every` events of this epoch's trace. */
  private checkpoints: Checkpoints<Checkpoint>;

  constructor(every = CHECKPOINT_EVENTS) {
    this.checkpoints = new Checkpoints(every);
  }

  at(events: readonly TraceEvent[], upTo: number, epoch = 0): MembershipStory {
    const end = Math.min(upTo, events.length);
    if (epoch !== this.epoch) this.reset(epoch);
    else if (end < this.read) this.restore(end);
    let changed = this.cached === null;
    while (this.read < end) {
      changed = this.apply(events[this.read]!) || changed;
      this.read++;
      if (this.checkpoints.isDue(this.read)) this.keep();
    }
    if (!changed) return this.cached!;
    this.cached = {
      change: this.change,
      transfers: this.pending.map((p) => ({ ...p.transfer, state: p.state, keys: p.keys })),
      exchanges: this.exchanges,
      startedBy: new Map(this.startedBy),
      lastLearnedAtMs: this.lastLearnedAtMs,
      startedByAtLastLearned: this.startedByAtLastLearned,
    };
    return this.cached;
  }

  /** Lets go of all it read (the trace was cut): the next `at` reads the trace afresh, even in the same epoch. */
  forget(): void {
    this.reset(-1);
  }

  private keep(): void {
    const { read, change, pending, startedBy, exchanges, lastLearnedAtMs, startedByAtLastLearned, announcer } = this;
    // startedByAtLastLearned is replaced, never changed in place: shared, not copied.
    this.checkpoints.keep({ read, change, pending: copyPending(pending), startedBy: new Map(startedBy), exchanges, lastLearnedAtMs, startedByAtLastLearned, announcer });
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
    this.change = c.change;
    this.pending = copyPending(c.pending);
    this.startedBy = new Map(c.startedBy);
    this.exchanges = c.exchanges;
    this.lastLearnedAtMs = c.lastLearnedAtMs;
    this.startedByAtLastLearned = c.startedByAtLastLearned;
    this.announcer = c.announcer;
    this.cached = null;
  }

  private reset(epoch: number): void {
    this.read = 0;
    this.epoch = epoch;
    this.checkpoints = new Checkpoints(this.checkpoints.every);
    this.change = null;
    this.pending = [];
    this.startedBy = new Map();
    this.exchanges = 0;
    this.lastLearnedAtMs = null;
    this.startedByAtLastLearned = new Map();
    this.announcer = null;
    this.cached = null;
  }

  /** Applies one event; true when it may have changed the story. */
  private apply(e: TraceEvent): boolean {
    if (this.announcer !== null && !this.isAnnouncement(e)) this.announcer = null;
    switch (e.kind) {
      case 'node-added':
      case 'node-removed':
        this.started(e);
        return true;
      case 'node-destroyed': {
        // A holder that owed a range and lost its disk will never send it: anti-entropy must.
        const owed = this.pending.filter((p) => p.transfer.from === e.node && p.state !== 'done');
        for (const p of owed) p.state = 'repair';
        return owed.length > 0;
      }
      case 'send':
        if (e.body.type === 'gossip' && this.announcer === null) {
          this.startedBy.set(e.from, (this.startedBy.get(e.from) ?? 0) + 1);
          this.exchanges++;
          return true;
        }
        if (e.body.type !== 'transfer') return false;
        this.transferSent(e.from, e.to, e.body.range, e.body.transferId, e.body.entries.length);
        return true;
      case 'deliver':
        if (e.body.type !== 'transfer-ack') return false;
        this.transferAcknowledged(e.to, e.body.transferId);
        return true;
      case 'view-changed':
        if (this.change === null || this.announcer !== null) return false;
        this.senderLearned(e.node!, e.learned);
        this.lastLearnedAtMs = e.atMs;
        this.startedByAtLastLearned = new Map(this.startedBy);
        return true;
      default:
        return false;
    }
  }

  private started(e: Extract<TraceEvent, { kind: 'node-added' | 'node-removed' }>): void {
    const isJoin = e.kind === 'node-added';
    const repairs = e.repairs ?? [];
    this.change = { kind: isJoin ? 'joined' : 'left', node: e.node!, atMs: e.atMs, seq: e.seq, tokens: isJoin ? e.tokens : [], transfers: [...e.transfers, ...repairs] };
    // A joining node's old holders learn of it from its announcement (or gossip) before they send; a leaving node knows it leaves.
    this.pending = [
      ...e.transfers.map((transfer): Pending => ({ transfer, state: isJoin ? 'unaware' : 'waiting', keys: 0, ids: new Set() })),
      ...repairs.map((transfer): Pending => ({ transfer, state: 'repair', keys: 0, ids: new Set() })),
    ];
    this.startedBy = new Map();
    this.exchanges = 0;
    this.lastLearnedAtMs = null;
    this.startedByAtLastLearned = new Map();
    this.announcer = isJoin ? e.node! : '';
  }

  /**
   * The events an administrator's join or leave makes at once: the leave recorded by a
   * live member, and the announcement sent to the seeds by the joining (or leaving, or
   * recording) node. They follow the change directly, in the same instant.
   */
  private isAnnouncement(e: TraceEvent): boolean {
    if (e.causeSeq !== null || e.atMs !== this.change?.atMs) return false;
    if (e.kind === 'view-changed') return this.change.kind === 'left' && this.announcer === '';
    if (e.kind !== 'send' || e.body.type !== 'gossip') return false;
    if (this.announcer === '') this.announcer = e.from;
    return e.from === this.announcer;
  }

  private transferSent(from: NodeId, to: NodeId, range: readonly [number, number], id: number, keys: number): void {
    const same = (x: Pending) => x.transfer.from === from && x.transfer.range[0] === range[0] && x.transfer.range[1] === range[1];
    const p = this.pending.find((x) => same(x) && x.transfer.to === to) ?? this.pending.find(same);
    if (!p) return;
    p.ids.add(id);
    p.keys = keys;
    if (p.state === 'waiting' || p.state === 'unaware') p.state = 'sending';
  }

  /** A view changed at `at`: if it learned of the joining node, its transfers to it can go. */
  private senderLearned(at: NodeId, learned: readonly { readonly node: NodeId; readonly status: 'joined' | 'left' }[]): void {
    const joiner = this.change?.kind === 'joined' ? this.change.node : null;
    if (joiner === null || !learned.some((l) => l.node === joiner && l.status === 'joined')) return;
    for (const p of this.pending) if (p.transfer.from === at && p.state === 'unaware') p.state = 'waiting';
  }

  private transferAcknowledged(at: NodeId, id: number): void {
    const p = this.pending.find((x) => x.transfer.from === at && x.ids.has(id));
    if (p) p.state = 'done';
  }
}

/**
 * Rounds of gossip since the change: complete rounds (every live node started that many
 * exchanges), plus the round under way if some live node already started its next one.
 */
export function roundsOf(startedBy: ReadonlyMap<NodeId, number>, live: readonly NodeId[]): number {
  if (live.length === 0) return 0;
  const counts = live.map((id) => startedBy.get(id) ?? 0);
  const complete = Math.min(...counts);
  return complete + (counts.some((c) => c > complete) ? 1 : 0);
}

/** What the panel says about agreement at the cursor. */
export interface Agreement {
  readonly agree: boolean;
  /** Rounds until the views agreed (agree), or rounds so far (not yet). */
  readonly rounds: number;
  readonly exchanges: number;
  /** Virtual ms from the change to agreement (agree) or to now. */
  readonly elapsedMs: number;
}

export function agreement(story: MembershipStory, agree: boolean, live: readonly NodeId[], nowMs: number): Agreement | null {
  const { change } = story;
  if (!change) return null;
  if (agree) {
    const until = story.lastLearnedAtMs ?? change.atMs;
    return { agree, rounds: roundsOf(story.startedByAtLastLearned, live), exchanges: sum(story.startedByAtLastLearned), elapsedMs: until - change.atMs };
  }
  return { agree, rounds: roundsOf(story.startedBy, live), exchanges: story.exchanges, elapsedMs: nowMs - change.atMs };
}

function sum(counts: ReadonlyMap<NodeId, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}

/**
 * Gossip messages sent in the last `windowMs` of virtual time before `nowMs` (and not after
 * it), newest last: the exchanges the panel draws. Reads backwards from the cursor only as
 * far as the window reaches.
 */
export function recentGossip(events: readonly TraceEvent[], upTo: number, nowMs: number, windowMs: number): GossipMessage[] {
  const out: GossipMessage[] = [];
  for (let i = Math.min(upTo, events.length) - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.atMs < nowMs - windowMs) break;
    if (e.kind === 'send' && (e.body.type === 'gossip' || e.body.type === 'gossip-reply')) {
      out.push({ msgId: e.msgId, from: e.from, to: e.to, isReply: e.body.type === 'gossip-reply', sentAtMs: e.atMs, deliverAtMs: e.deliverAtMs });
    }
  }
  return out.reverse();
}

/** The grid cells that changed in the last `windowMs` before `nowMs`: `observer>member`, to flash them. */
export function recentlyLearned(events: readonly TraceEvent[], upTo: number, nowMs: number, windowMs: number): Set<string> {
  const out = new Set<string>();
  for (let i = Math.min(upTo, events.length) - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.atMs < nowMs - windowMs) break;
    if (e.kind === 'view-changed') for (const l of e.learned) out.add(`${e.node}>${l.node}`);
  }
  return out;
}
