/**
 * Which context the client form's put carries (paper §4.1: put(key, context, object)). The
 * Context menu offers none, a blind write, and the key's recent gets: one form plays several
 * clients, each writing with the context of its own read (lecture 003: two clients read D2,
 * then Sy writes D3 with its read's context and Sz D4 with its own, siblings). By default the
 * put carries the latest get's, while no put of the key has followed that get: the
 * read-modify-write a cart's client does. Once a put has followed, that context is stale and
 * the default is none, a blind write. The lecturer may choose another in the menu; the choice
 * names one get at one moment, so it stands only while that moment does: in the same recording
 * (a new session or a fork cuts the trace), with the same latest get, and until the next put
 * of the key. Kept by the get's number, a choice of "from get #2" outlived Reset and was put
 * again with the new session's get #2; kept for a stale read, it went with every later put,
 * each a lost update.
 */
import type { VectorClock } from '../../engine/index';
import type { TraceIndex } from '../../store/trace-index';
import { readAt } from '../versions/latest-read';

/**
 * How many of the key's gets the menu offers, newest first. The paper's example plays two
 * clients; five leaves room for a third and a read again or two, and keeps the open menu a
 * short list a class takes in at a glance, not every get of a long session (the request
 * trace and the event log have those).
 */
export const OFFERED_READS = 5;

/** A get the menu offers: its number, its op-end's index, and the context it returned (every returned clock merged: `readAt`). */
export interface OfferedRead {
  readonly opId: number;
  readonly index: number;
  readonly context: VectorClock;
}

/** Where the key's reads and writes stand at the cursor: what a choice of context is about. */
export interface ContextMoment {
  /** The trace's epoch (`TraceIndex.epoch`), bumped at every cut: Reset, any new session, an action in the past, Undo. */
  readonly epoch: number;
  /** The key's latest successful gets (at most `OFFERED_READS`), newest first; none when it was not read. */
  readonly reads: readonly OfferedRead[];
  /** The index of the op-start of the key's latest put, or -1. */
  readonly lastPutIndex: number;
}

/** The lecturer's choice in the Context menu, and the moment it was made at. */
export interface ContextChoice {
  readonly epoch: number;
  /** The op-end index of the key's latest get when the choice was made. */
  readonly readIndex: number;
  readonly lastPutIndex: number;
  /** The op-end index of the chosen get, or none: a blind write. */
  readonly option: number | 'none';
}

/** The key's moment among the first `upTo` events of `trace`. */
export function contextMoment(trace: TraceIndex, upTo: number, key: string): ContextMoment {
  const reads = trace.lastReadsBefore(key, upTo, OFFERED_READS).flatMap((index) => readAt(trace, index) ?? []);
  return { epoch: trace.epoch, reads, lastPutIndex: trace.lastPutBefore(key, upTo) };
}

/** The choice of `read` (null: none) at `moment`. */
export function chooseAt(moment: ContextMoment, read: OfferedRead | null): ContextChoice {
  return { epoch: moment.epoch, readIndex: moment.reads[0]?.index ?? -1, lastPutIndex: moment.lastPutIndex, option: read === null ? 'none' : read.index };
}

/** The get whose context a put carries now, one of `now.reads`, or null for a blind write: the lecturer's choice while its moment stands, else the default. */
export function carriedRead(chosen: ContextChoice | null, now: ContextMoment): OfferedRead | null {
  const latest = now.reads[0];
  if (latest === undefined) return null;
  const isStanding = chosen !== null && chosen.epoch === now.epoch && chosen.readIndex === latest.index && chosen.lastPutIndex === now.lastPutIndex;
  // Standing, it was made with the same latest get in the same recording: among the same gets offered.
  if (isStanding) return chosen.option === 'none' ? null : (now.reads.find((r) => r.index === chosen.option) ?? null);
  // A put that started before the get ended (its op-start is earlier) did not follow it.
  return now.lastPutIndex < latest.index ? latest : null;
}
