/**
 * One client request's whole story, in order, from the trace: the key's MD5 and ring
 * position, its preference list, the coordinator (and the forward, when the client
 * contacted another node), each replica's request and reply counted toward W or R, the
 * stand-ins of a sloppy quorum, and the answer to the client with its latency.
 *
 * Pure: it reads trace events and the indices of one operation's events (kept by the
 * store's trace index) and never looks at anything else.
 */
import { describe, descendsOrEqual, type TraceEvent, type Version } from '../../engine/index';

export type StoryTone = 'client' | 'route' | 'request' | 'reply' | 'count' | 'store' | 'fallback' | 'lost' | 'answer' | 'failed';

export interface StoryLine {
  readonly seq: number;
  /** Milliseconds since the client asked. */
  readonly sinceStartMs: number;
  readonly tone: StoryTone;
  readonly text: string;
}

export interface RequestStory {
  readonly opId: number;
  readonly op: 'put' | 'get';
  readonly key: string;
  readonly via: string;
  readonly route: Extract<TraceEvent, { kind: 'op-route' }> | null;
  readonly end: Extract<TraceEvent, { kind: 'op-end' }> | null;
  /** The last count toward R or W so far. */
  readonly count: { readonly count: number; readonly needed: number } | null;
  /** Stand-ins tried under sloppy quorum, and what became of each: sent, holding a hint, or the message lost. */
  readonly standIns: readonly StandIn[];
  readonly lines: readonly StoryLine[];
  /** The coordinator so far: the node routed to, or the one a later forward went to (`coordinatorSoFar`). */
  readonly coordinator: string | null;
  /** A put with an empty context, once its coordinator stored it: what the new version replaced or stood beside. */
  readonly blindWrite: BlindWrite | null;
}

/**
 * A put with an empty context at its coordinator. Clocks are per coordinator: through the
 * coordinator that wrote the old versions it replaces them (its counter moved past them),
 * through another it stands beside them as a sibling.
 */
export interface BlindWrite {
  readonly coordinator: string;
  readonly version: Version;
  readonly superseded: readonly number[];
  readonly siblings: readonly number[];
}

export interface StandIn {
  readonly standIn: string;
  readonly intendedFor: string;
  readonly outcome: 'sent' | 'hinted' | 'lost';
  /**
   * Why the coordinator turned to a stand-in: null when it did so as it took the request (it
   * believed `intendedFor` down already, and never asked it); else after a replica timeout:
   * the nodes it had asked last that stayed silent, for how long, and whether the client had
   * its answer by then (the stand-in then counted toward no W).
   */
  readonly timeout: StandInTimeout | null;
}

export interface StandInTimeout {
  readonly silent: readonly string[];
  readonly silentForMs: number;
  readonly isAfterAnswer: boolean;
}

const STORED = new Set(['version-stored', 'version-ignored', 'hint-stored', 'clock-truncated', 'unread-superseded']);

/**
 * The story of the operation whose events are at `opIndices`, as far as the first `upTo`
 * events tell it (the cursor may stand in the middle of it).
 */
export function requestStory(events: readonly TraceEvent[], opIndices: readonly number[], upTo: number): RequestStory | null {
  const start = events[opIndices[0] ?? -1];
  if (!start || start.kind !== 'op-start' || opIndices[0]! >= upTo) return null;
  const included = collect(events, opIndices, upTo);
  let route: RequestStory['route'] = null;
  let end: RequestStory['end'] = null;
  let count: RequestStory['count'] = null;
  const standIns: StandIn[] = [];
  const lines: StoryLine[] = [];
  let blindWrite: BlindWrite | null = null;
  const isBlind = start.op === 'put' && (start.context ?? []).length === 0;
  for (const [at, i] of included.entries()) {
    const e = events[i]!;
    // The coordinator's own store: an empty context's clock names only the coordinator (the
    // node that took the put, which a retried forward can make another than the first one routed to).
    if (isBlind && !blindWrite && e.kind === 'version-stored' && e.version.clock.length === 1 && e.node === e.version.clock[0]!.node) blindWrite = { coordinator: e.node, version: e.version, superseded: e.superseded, siblings: e.siblings };
    if (e.kind === 'op-route') route = e;
    if (e.kind === 'op-end') end = e;
    if (e.kind === 'reply-counted') count = { count: e.count, needed: e.needed };
    if (e.kind === 'sloppy-target') standIns.push({ standIn: e.standIn, intendedFor: e.intendedFor, outcome: 'sent', timeout: timeoutBefore(events, included.slice(0, at), e, end !== null) });
    standInOutcome(e, standIns);
    // A reply after the client was answered counts toward no quorum (a get's may still feed read repair): said, or it read as the quorum still being gathered.
    const isLateReply = end !== null && e.kind === 'deliver' && (e.body.type === 'put-ack' || e.body.type === 'get-reply');
    lines.push({ seq: e.seq, sinceStartMs: Math.round((e.atMs - start.atMs) * 10) / 10, tone: toneOf(e), text: isLateReply ? `${describe(e)}, after the answer` : describe(e) });
  }
  return { opId: start.opId, op: start.op, key: start.key, via: start.via, route, end, count, standIns, lines, coordinator: coordinatorSoFar(events, opIndices, upTo), blindWrite };
}

/**
 * What the coordinator had waited for when it sent to a stand-in (`StandIn.timeout`): null when
 * it sent nothing for the request before, that is, it chose the stand-in as it took it. Else
 * the round of requests it sent last, at one moment, and who of them had not replied since.
 */
function timeoutBefore(events: readonly TraceEvent[], before: readonly number[], e: Extract<TraceEvent, { kind: 'sloppy-target' }>, isAfterAnswer: boolean): StandInTimeout | null {
  const asked: { readonly to: string; readonly atMs: number }[] = [];
  const replied = new Set<string>();
  for (const i of before) {
    const x = events[i]!;
    if (x.kind === 'send' && x.from === e.node && x.atMs < e.atMs && (x.body.type === 'put' || x.body.type === 'get')) asked.push({ to: x.to, atMs: x.atMs });
    if (x.kind === 'deliver' && x.to === e.node && (x.body.type === 'put-ack' || x.body.type === 'get-reply')) replied.add(x.from);
  }
  if (asked.length === 0) return null;
  const roundMs = Math.max(...asked.map((a) => a.atMs));
  const silent = asked.filter((a) => a.atMs === roundMs && !replied.has(a.to)).map((a) => a.to);
  return { silent: [...new Set(silent)], silentForMs: Math.round((e.atMs - roundMs) * 10) / 10, isAfterAnswer };
}

/**
 * The summary's sloppy-quorum line, in the order things happened; null without a stand-in. A
 * stand-in chosen as the request began: "Sloppy quorum (A believes C down): B stands in for C".
 * One sent after a replica timeout says so, and that it came after the answer when it did:
 * "Sloppy quorum after the answer (C silent for 100 ms): B stands in for C, keeping a hint".
 * Said as the first, a put through A just after C failed read, top down, as if A knew C down
 * from the start and B's ack made its W: A and D had answered the client at 18 ms, and A
 * turned to B at 100 ms, when C's replica timeout ran out.
 */
export function sloppyQuorumText(standIns: readonly StandIn[], coordinator: string): string | null {
  const groups: StandIn[][] = [];
  for (const s of standIns) {
    const last = groups.at(-1);
    if (last && sameMoment(last[0]!.timeout, s.timeout)) last.push(s);
    else groups.push([s]);
  }
  if (groups.length === 0) return null;
  const told = groups.map((group, i) => `${i === 0 ? 'Sloppy quorum' : 'then'}${why(group, coordinator)}: ${group.map(standInText).join('; ')}`);
  return told.join('; ');
}

/** Stand-ins sent at one moment: all as the request was taken, or all after one timeout. */
function sameMoment(a: StandInTimeout | null, b: StandInTimeout | null): boolean {
  return a === null || b === null ? a === b : a.silentForMs === b.silentForMs && a.isAfterAnswer === b.isAfterAnswer && a.silent.join() === b.silent.join();
}

/** " (A believes C down)", or " after the answer (C silent for 100 ms)". */
function why(group: readonly StandIn[], coordinator: string): string {
  const timeout = group[0]!.timeout;
  if (timeout === null) return ` (${coordinator} believes ${[...new Set(group.map((s) => s.intendedFor))].join(' and ')} down)`;
  const silent = timeout.silent.length > 0 ? `${timeout.silent.join(' and ')} silent` : 'no reply';
  return `${timeout.isAfterAnswer ? ' after the answer' : ''} (${silent} for ${timeout.silentForMs} ms)`;
}

/** "B stands in for D", "B stands in for D, keeping a hint", or "B, tried for D, never got it". */
function standInText(s: StandIn): string {
  if (s.outcome === 'hinted') return `${s.standIn} stands in for ${s.intendedFor}, keeping a hint`;
  if (s.outcome === 'lost') return `${s.standIn}, tried for ${s.intendedFor}, never got it`;
  return `${s.standIn} stands in for ${s.intendedFor}`;
}

/** A stand-in's message lost on the way, or its hint kept: what became of the stand-in it is about. */
function standInOutcome(e: TraceEvent, standIns: StandIn[]): void {
  const at = (node: string | null, intendedFor: string | undefined) => standIns.findIndex((s) => s.standIn === node && s.outcome === 'sent' && (intendedFor === undefined || s.intendedFor === intendedFor));
  const i = e.kind === 'drop' ? at(e.to, e.body.type === 'put' ? e.body.hintFor : undefined) : e.kind === 'hint-stored' ? at(e.node, e.intendedFor) : -1;
  if (i >= 0) standIns[i] = { ...standIns[i]!, outcome: e.kind === 'drop' ? 'lost' : 'hinted' };
}

/** The operation's own events plus what its deliveries caused directly (a replica storing the version). */
function collect(events: readonly TraceEvent[], opIndices: readonly number[], upTo: number): number[] {
  const out = new Set<number>();
  for (const i of opIndices) {
    if (i >= upTo) break;
    out.add(i);
    const e = events[i]!;
    if (e.kind === 'deliver') addCaused(events, i, upTo, out);
    if (e.kind === 'op-route' && !e.isForwarded) addLocalWrite(events, i, upTo, e.coordinator, e.key, out);
  }
  return [...out].sort((a, b) => a - b);
}

/** Store events right after a delivery, caused by it. */
function addCaused(events: readonly TraceEvent[], i: number, upTo: number, out: Set<number>): void {
  const seq = events[i]!.seq;
  for (let j = i + 1; j < upTo; j++) {
    const e = events[j]!;
    if (e.causeSeq !== seq) break;
    if (STORED.has(e.kind)) out.add(j);
  }
}

/** The coordinator's own write, recorded right after it routes a request it received from the client. */
function addLocalWrite(events: readonly TraceEvent[], i: number, upTo: number, coordinator: string, key: string, out: Set<number>): void {
  const cause = events[i]!.causeSeq;
  for (let j = i + 1; j < upTo; j++) {
    const e = events[j]!;
    if (e.causeSeq !== cause || e.node !== coordinator) break;
    if (STORED.has(e.kind) && 'key' in e && e.key === key) out.add(j);
  }
}

function toneOf(e: TraceEvent): StoryTone {
  switch (e.kind) {
    case 'op-start':
      return 'client';
    case 'op-route':
      return 'route';
    case 'send':
      return e.body.type === 'put-ack' || e.body.type === 'get-reply' ? 'reply' : e.body.type === 'put' && e.body.hintFor !== undefined ? 'fallback' : 'request';
    case 'deliver':
      return e.body.type === 'put-ack' || e.body.type === 'get-reply' ? 'reply' : 'request';
    case 'drop':
      return 'lost';
    case 'reply-counted':
      return 'count';
    case 'sloppy-target':
    case 'hint-stored':
      return 'fallback';
    case 'op-end':
      return e.ok ? 'answer' : 'failed';
    default:
      return 'store';
  }
}

/** A write a get did not see (see `missedWrites`). */
export interface MissedWrite {
  readonly putOpId: number;
  readonly versionId: number;
}

/** What `missedWrites` needs of the page's trace index. */
interface OpIndex {
  readonly events: readonly TraceEvent[];
  eventsOfOp(opId: number): readonly number[];
  opsBefore(upTo: number): readonly { readonly opId: number; readonly op: 'put' | 'get'; readonly key: string }[];
}

/**
 * A stale read, as the consistency checker defines it (src/engine/checkers/consistency.ts):
 * the puts of the get's key acknowledged before the get began whose version nothing the get
 * returned covers (R + W ≤ N lets the quorums miss each other: lecture 004's last row).
 * Empty for a put, a get not yet answered or failed, and a get that saw every earlier write.
 */
export function missedWrites(index: OpIndex, getOpId: number): MissedWrite[] {
  const own = index.eventsOfOp(getOpId);
  const start = own[0];
  const end = own.map((i) => index.events[i]!).find((e) => e.kind === 'op-end');
  if (start === undefined || !end || end.kind !== 'op-end' || end.op !== 'get' || !end.ok) return [];
  const returned = end.versions ?? [];
  const missed: MissedWrite[] = [];
  for (const op of index.opsBefore(start)) {
    if (op.op !== 'put' || op.key !== end.key) continue;
    for (const i of index.eventsOfOp(op.opId)) {
      const e = index.events[i]!;
      if (i < start && e.kind === 'op-end' && e.ok && e.version && !returned.some((v) => descendsOrEqual(v.clock, e.version!.clock))) missed.push({ putOpId: op.opId, versionId: e.version.id });
    }
  }
  return missed;
}

/**
 * The node coordinating a request as far as the first `upTo` events tell: where it was routed
 * (op-route), then each node a forward went to next, when the first did not take it in time
 * (lecture 002: G forwards to B, then to C), and in the end the one that answered. Null
 * before it was routed.
 */
export function coordinatorSoFar(events: readonly TraceEvent[], opIndices: readonly number[], upTo: number): string | null {
  let coordinator: string | null = null;
  for (const i of opIndices) {
    if (i >= upTo) break;
    const e = events[i]!;
    if (e.kind === 'op-route') coordinator = e.coordinator;
    else if (e.kind === 'send' && e.body.type === 'forward' && coordinator !== null) coordinator = e.to;
    else if (e.kind === 'op-end' && e.coordinator !== null) coordinator = e.coordinator;
  }
  return coordinator;
}
