/**
 * The simulated cluster: nodes, ring, network, virtual clock and randomness, advanced
 * one event at a time.
 *
 * `apply(input)` takes a user's action (a put, a failure, a partition…) and `step()`
 * processes exactly one queued event (a message arriving, a deadline passing). Both
 * append to the trace and return what they appended. The only source of randomness is
 * the seeded `Rng`, the only clock is `nowMs`: the same seed and the same inputs give
 * the same trace, byte for byte.
 */
import { configProblem, resolveConfig, type ClusterConfig, type ResolvedConfig } from './config';
import { Rng } from './sim/rng';
import { EventQueue, type Scheduled } from './sim/event-queue';
import { Network } from './sim/network';
import { keyPosition, md5Hex, md5Space, teachingSpace } from './dynamo/hash';
import { Ring, type NodeId } from './dynamo/ring';
import { createNode, type NodeState } from './dynamo/node';
import { preferenceList, type PreferenceList } from './dynamo/preference-list';
import type { Message, MessageBody } from './dynamo/messages';
import { EMPTY_CLOCK } from './dynamo/vector-clock';
import { newOpState, receiveRequest } from './dynamo/coordinator';
import type { OpOutcome, OpState, RepairWindow, Timer, World } from './world';
import type { ExchangeState } from './dynamo/anti-entropy';
import { startAntiEntropyTimer } from './dynamo/anti-entropy';
import { startGossip } from './dynamo/membership';
import { heardFrom } from './dynamo/failure-detector';
import { dispatch, fireTimer, isDelivery, isStale } from './dispatch';
import type { TraceEvent, TraceEventBody, EventOf } from './trace/events';
import { applyInput, InputError, type Input, type InputResult } from './inputs';
import { round2 } from './sim/time';

/**
 * What waits in the event queue: a message to deliver, or a timer to fire. Queued as they
 * are, with no wrapper object around them (every message is queued, so one object fewer
 * per message counts); a message is told from a timer by its `body` (see `isDelivery`).
 */
export type QueueItem = Message | Timer;

export interface Counters {
  traceSeq: number;
  queueSeq: number;
  msgId: number;
  opId: number;
  transferId: number;
  exchangeId: number;
}

export class Cluster implements World {
  nowMs = 0;
  /** Queue events processed so far (deliveries and deadlines that fired). */
  eventsProcessed = 0;
  readonly trace: TraceEvent[] = [];
  readonly nodes = new Map<NodeId, NodeState>();
  readonly ops = new Map<number, OpState>();
  readonly inFlight = new Map<number, Message>();
  readonly queue = new EventQueue<QueueItem>();
  readonly counters: Counters = { traceSeq: 0, queueSeq: 0, msgId: 0, opId: 0, transferId: 0, exchangeId: 0 };
  /** Puts already answered whose coordinator still works to reach N replicas (until the deadline). */
  readonly replicating = new Map<number, OpState>();
  /** Gets recently answered, still repairing replicas whose replies come late. */
  readonly repairWindows = new Map<number, RepairWindow>();
  /** Anti-entropy exchanges, running and finished. */
  readonly exchanges = new Map<number, ExchangeState>();
  /** Versions created so far, per key: version ids count per key, D1, D2, … */
  readonly versionCounts = new Map<string, number>();
  /** The event being handled: new events record it as their cause. */
  private cause: number | null = null;
  /** Per key: its ring position and MD5 digest, computed once, and its preference list. */
  private readonly keyInfo = new Map<string, KeyInfo>();
  /** The key looked up last: a request asks for its key's position, digest and list several times in a row. */
  private lastKeyInfo: KeyInfo | undefined = undefined;
  /** Preference lists by owning token index, valid for one ring version. */
  private listMemo: { ringVersion: number; lists: Map<number, PreferenceList> } = { ringVersion: -1, lists: new Map() };

  constructor(
    readonly config: ResolvedConfig,
    readonly ring: Ring,
    readonly network: Network,
    readonly rng: Rng,
  ) {}

  /** A fresh cluster: every configured node up, on the ring, with no data. */
  static create(config: ClusterConfig, seed: number): Cluster {
    const problem = configProblem(config);
    if (problem) throw new InputError(problem.message, problem.field);
    const resolved = resolveConfig(config);
    const space = resolved.ringSize === undefined ? md5Space() : teachingSpace(resolved.ringSize, resolved.keyPositions);
    const rng = Rng.fromSeed(seed);
    const ring = Ring.create(space, resolved.strategy, resolved.partitions, resolved.tokensPerNode);
    const cluster = new Cluster(resolved, ring, new Network(resolved.latency, resolved.lossRate), rng);
    for (const n of resolved.nodes) {
      ring.addNode({ id: n.id, capacity: n.capacity ?? 1, dc: n.dc }, n.tokens, rng);
      cluster.nodes.set(n.id, createNode(n.id, n.dc));
    }
    const members = ring.nodes.map((n) => [n.id, { version: 1, status: 'joined' as const, tokens: ring.tokens.filter((t) => t.node === n.id).map((t) => t.pos) }] as const);
    for (const node of cluster.nodes.values()) for (const [id, entry] of members) node.view.set(id, entry);
    for (const id of cluster.nodes.keys()) {
      startGossip(cluster, id);
      startAntiEntropyTimer(cluster, id);
    }
    return cluster;
  }

  // ---- the World the Dynamo handlers use ------------------------------------------

  node(id: NodeId): NodeState {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`unknown node ${id}`);
    return node;
  }

  op(opId: number): OpState | undefined {
    return this.ops.get(opId) ?? this.replicating.get(opId);
  }

  keyPosition(key: string): number {
    return this.keyInfoOf(key).pos;
  }

  /** The key's 128-bit MD5 digest in hex, as the request trace shows it. */
  keyDigest(key: string): string {
    return this.keyInfoOf(key).md5;
  }

  private keyInfoOf(key: string): KeyInfo {
    if (key === this.lastKeyInfo?.key) return this.lastKeyInfo;
    let info = this.keyInfo.get(key);
    if (info === undefined) {
      info = { key, pos: keyPosition(this.ring.space, key), md5: md5Hex(key), listRingVersion: -1, list: undefined };
      this.keyInfo.set(key, info);
    }
    this.lastKeyInfo = info;
    return info;
  }

  /** The key's preference list: its top `n` (default N) and the fallbacks. */
  preferenceListOf(key: string, n = this.config.n): PreferenceList {
    if (n !== this.config.n || this.ring.tokens.length === 0) return preferenceList(this.ring, this.keyPosition(key), n, { spanDatacenters: this.config.spanDatacenters });
    const info = this.keyInfoOf(key);
    const ringVersion = this.ring.version;
    if (info.listRingVersion === ringVersion) return info.list!;
    if (this.listMemo.ringVersion !== ringVersion) this.listMemo = { ringVersion, lists: new Map() };
    const index = this.ring.successorIndex(this.ring.placementPosition(info.pos));
    let list = this.listMemo.lists.get(index);
    if (list === undefined) {
      list = preferenceList(this.ring, info.pos, n, { spanDatacenters: this.config.spanDatacenters });
      this.listMemo.lists.set(index, list);
    }
    info.list = list;
    info.listRingVersion = ringVersion;
    return list;
  }

  believesReachable(from: NodeId, to: NodeId): boolean {
    return !this.node(from).unreachable.has(to);
  }

  emit(node: NodeId | null, body: TraceEventBody): TraceEvent {
    const event = { seq: this.counters.traceSeq++, atMs: this.nowMs, node, causeSeq: this.cause, ...body } as TraceEvent;
    this.trace.push(event);
    return event;
  }

  /** The event being handled, which a new event records as its cause. */
  get causeSeq(): number | null {
    return this.cause;
  }

  get traceSeq(): number {
    return this.counters.traceSeq;
  }

  nextTraceSeq(): number {
    return this.counters.traceSeq++;
  }

  record<E extends TraceEvent>(event: E): E {
    this.trace.push(event);
    return event;
  }

  send(from: NodeId, to: NodeId, body: MessageBody): number {
    const latency = this.network.sampleLatencyMs(this.rng, from, to);
    const isLost = this.network.sampleLoss(this.rng, from, to);
    const id = ++this.counters.msgId;
    // Times are kept to 0.01 ms, as latencies are: 32.73, not 32.730000000000004.
    const deliverAtMs = round2(this.nowMs + latency);
    const seq = this.counters.traceSeq++;
    this.trace.push({ seq, atMs: this.nowMs, node: from, causeSeq: this.cause, kind: 'send', msgId: id, from, to, deliverAtMs, body });
    const msg: Message = { id, from, to, sentAtMs: this.nowMs, deliverAtMs, sendSeq: seq, isLost, body };
    this.inFlight.set(id, msg);
    this.queue.push({ atMs: deliverAtMs, seq: this.counters.queueSeq++, item: msg });
    return id;
  }

  nextVersionId(key: string): number {
    const id = (this.versionCounts.get(key) ?? 0) + 1;
    this.versionCounts.set(key, id);
    return id;
  }

  nextId(kind: 'transfer' | 'exchange' | 'op'): number {
    return kind === 'transfer' ? ++this.counters.transferId : kind === 'exchange' ? ++this.counters.exchangeId : ++this.counters.opId;
  }

  finishOp(opId: number, outcome: OpOutcome): void {
    const op = this.ops.get(opId);
    if (!op || op.isDone) return;
    op.isDone = true;
    this.ops.delete(opId);
    // A put whose coordinator wrote its version looks for N holders whatever its client was told:
    // a write reported failed is on disk all the same, and reaching N replicas is the coordinator's own business.
    if (op.request.op === 'put' && op.version !== undefined && op.lostBy?.node !== op.coordinator && op.replies.length < this.config.n && op.isSearchOver === undefined) this.replicating.set(opId, op);
    const { request } = op;
    const seq = this.counters.traceSeq++;
    const latencyMs = round2(this.nowMs - request.startedAtMs);
    const { coordinator } = op;
    // One literal per outcome, fields in the order `emit` would give (see `World.record`).
    this.trace.push(
      !outcome.ok
        ? { seq, atMs: this.nowMs, node: coordinator, causeSeq: this.cause, kind: 'op-end', opId, op: request.op, key: request.key, latencyMs, coordinator, ok: outcome.ok, error: outcome.error, ...partialOutcome(outcome) }
        : 'acks' in outcome
          ? { seq, atMs: this.nowMs, node: coordinator, causeSeq: this.cause, kind: 'op-end', opId, op: request.op, key: request.key, latencyMs, coordinator, ok: outcome.ok, version: outcome.version, acks: outcome.acks, hinted: outcome.hinted }
          : { seq, atMs: this.nowMs, node: coordinator, causeSeq: this.cause, kind: 'op-end', opId, op: request.op, key: request.key, latencyMs, coordinator, ok: outcome.ok, versions: outcome.versions, context: outcome.context, replies: outcome.replies },
    );
  }

  schedule(atMs: number, timer: Timer): void {
    this.queue.push({ atMs: round2(atMs), seq: this.counters.queueSeq++, item: timer }, TIMER_LANES[timer.type]);
  }

  // ---- driving the simulation -----------------------------------------------------

  /** Applies a user's action now; returns the trace events it produced and its result. */
  apply(input: Input): InputResult {
    const from = this.trace.length;
    this.cause = null;
    // applyInput returns a fresh object: adding `events` to it is cheaper than spreading a copy.
    const result = applyInput(this, input) as { events?: readonly TraceEvent[] };
    result.events = this.trace.slice(from);
    return result as InputResult;
  }

  /**
   * Advances to the next event that records something (a delivery always does; a timer
   * may find nothing to do) and returns what it recorded; [] when nothing is left to do.
   */
  step(untilMs = Infinity): TraceEvent[] {
    const from = this.trace.length;
    for (let silent = 0; silent < MAX_SILENT_EVENTS && this.trace.length === from; silent++) {
      // Not past `untilMs` (where a wait ends): the silent events after it belong to what comes next.
      if (silent > 0 && untilMs !== Infinity && (this.peekLive()?.atMs ?? Infinity) > untilMs) break;
      if (!this.advance()) break;
    }
    return this.trace.slice(from);
  }

  /** The next queued entry that will do something, dropping stale timers in front of it. */
  peekLive(): Scheduled<QueueItem> | undefined {
    for (let head = this.queue.peek(); head; head = this.queue.peek()) {
      if (isDelivery(head.item) || !isStale(this, head.item)) return head;
      this.queue.pop();
    }
    return undefined;
  }

  /** Processes one queued event; false when the queue is empty. */
  private advance(): boolean {
    for (;;) {
      const entry = this.queue.pop();
      if (!entry) return false;
      if (!isDelivery(entry.item) && isStale(this, entry.item)) continue;
      this.process(entry);
      return true;
    }
  }

  /** Handles an entry just taken off the queue, known not to be stale. */
  private process(entry: Scheduled<QueueItem>): void {
    const { item } = entry;
    this.nowMs = Math.max(this.nowMs, entry.atMs);
    this.cause = null;
    this.eventsProcessed++;
    if (isDelivery(item)) this.deliver(item);
    else fireTimer(this, item);
  }

  /** True when nothing is in flight and no client operation waits for an answer. */
  get isSettled(): boolean {
    return this.inFlight.size === 0 && this.ops.size === 0;
  }

  /**
   * Processes every event up to and including `timeMs`, then sets the clock to it. With
   * `maxEvents`, stops after that many events if more are due by then, leaving the clock
   * at the last one, and returns false (the scenario runner's bound on a run).
   */
  runUntil(until: number, maxEvents = Infinity): boolean {
    // To 0.01 ms like every time the engine keeps: 4.48 + 60 is 64.47999999999999 in floating point.
    const timeMs = round2(until);
    let left = maxEvents;
    // peekLive has already dropped stale timers, so the head can be processed as it is.
    for (let next = this.peekLive(); next && next.atMs <= timeMs; next = this.peekLive()) {
      if (left-- <= 0) return false;
      this.process(this.queue.pop()!);
    }
    this.nowMs = Math.max(this.nowMs, timeMs);
    return true;
  }

  /** Runs until no message is in flight and no operation is pending (bounded); returns the events processed. */
  settle(maxEvents = 10_000_000): number {
    let steps = 0;
    while (steps < maxEvents && !this.isSettled && this.advance()) steps++;
    return steps;
  }

  /** Runs until client operation `opId` has been answered. */
  runUntilDone(opId: number, maxEvents = 10_000_000): void {
    for (let i = 0; i < maxEvents && this.ops.has(opId) && this.advance(); i++);
  }

  private deliver(msg: Message): void {
    this.inFlight.delete(msg.id);
    this.cause = msg.sendSeq;
    const { from, to, body } = msg;
    const target = this.nodes.get(to);
    const reason = msg.isLost ? 'loss' : !this.network.isLinkUp(from, to) ? 'partition' : !target?.isUp ? 'node-down' : null;
    const seq = this.counters.traceSeq++;
    if (reason !== null) {
      this.trace.push({ seq, atMs: this.nowMs, node: to, causeSeq: this.cause, kind: 'drop', msgId: msg.id, from, to, body, reason });
      return;
    }
    this.trace.push({ seq, atMs: this.nowMs, node: to, causeSeq: this.cause, kind: 'deliver', msgId: msg.id, from, to, body });
    this.cause = seq;
    heardFrom(this, target!, from, msg.sendSeq, body.type); // delivered, so the target exists and is up
    dispatch(this, to, from, body);
  }

  /** Starts a client operation at node `via` (used by `applyInput`). */
  startRequest(request: OpState['request']): void {
    this.ops.set(request.opId, newOpState(request));
    this.schedule(this.nowMs + this.config.requestTimeoutMs, { type: 'deadline', opId: request.opId });
    const { opId, op, key, via } = request;
    const seq = this.counters.traceSeq++;
    this.trace.push(
      op === 'put'
        ? { seq, atMs: this.nowMs, node: via, causeSeq: this.cause, kind: 'op-start', opId, op, key, via, value: request.value ?? null, context: request.context ?? EMPTY_CLOCK }
        : { seq, atMs: this.nowMs, node: via, causeSeq: this.cause, kind: 'op-start', opId, op, key, via },
    );
    if (!this.nodes.get(via)?.isUp) return this.finishOp(opId, { ok: false, error: `node ${via} is down and cannot take the request` });
    receiveRequest(this, request);
  }
}

/** A key's position and digest, and its preference list as of ring version `listRingVersion`. */
interface KeyInfo {
  readonly key: string;
  readonly pos: number;
  readonly md5: string;
  listRingVersion: number;
  list: PreferenceList | undefined;
}

/**
 * Queue lanes for timers always set the same delay ahead, so they come due in the order
 * they are set (see `EventQueue`): request deadlines, and the replica-timeout wait.
 */
const TIMER_LANES: Readonly<Record<Timer['type'], number | undefined>> = {
  deadline: 0,
  'replica-timeout': 1,
  'forward-timeout': 1,
  'reply-timeout': 1,
  retry: undefined,
  gossip: undefined,
  'anti-entropy': undefined,
  'exchange-timeout': undefined,
};

/** A step gives up looking for something to show after this many silent timer events. */
const MAX_SILENT_EVENTS = 10_000;

/** What a failed operation had done by its deadline, as its op-end records it (only the fields it has). */
function partialOutcome(outcome: Extract<OpOutcome, { ok: false }>): Partial<EventOf<'op-end'>> {
  const { version, acks, hinted, replies } = outcome;
  return { ...(version ? { version } : {}), ...(acks ? { acks } : {}), ...(hinted ? { hinted } : {}), ...(replies ? { replies } : {}) };
}

