/**
 * One client request's whole story, in order, from the trace: the key's MD5 and ring
 * position, its preference list, the coordinator (and the forward, when the client
 * contacted another node), each replica's request and reply counted toward W or R, the
 * stand-ins of a sloppy quorum, and the answer to the client with its latency.
 *
 * Pure: it reads trace events and the indices of one operation's events (kept by the
 * store's trace index) and never looks at anything else.
 */
import { describe, type TraceEvent } from '../../engine/index';

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
  readonly standIns: readonly { readonly standIn: string; readonly intendedFor: string }[];
  readonly lines: readonly StoryLine[];
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
  const standIns: { standIn: string; intendedFor: string }[] = [];
  const lines: StoryLine[] = [];
  for (const i of included) {
    const e = events[i]!;
    if (e.kind === 'op-route') route = e;
    if (e.kind === 'op-end') end = e;
    if (e.kind === 'reply-counted') count = { count: e.count, needed: e.needed };
    if (e.kind === 'sloppy-target') standIns.push({ standIn: e.standIn, intendedFor: e.intendedFor });
    lines.push({ seq: e.seq, sinceStartMs: Math.round((e.atMs - start.atMs) * 10) / 10, tone: toneOf(e), text: describe(e) });
  }
  return { opId: start.opId, op: start.op, key: start.key, via: start.via, route, end, count, standIns, lines };
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
