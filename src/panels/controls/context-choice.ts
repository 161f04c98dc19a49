/**
 * Which context the client form's put carries (paper §4.1: put(key, context, object)). By
 * default the latest get's, while no put of the key has followed that get: the read-modify-write
 * a cart's client does. Once a put has followed, that context is stale and the default is none,
 * a blind write. The lecturer may choose the other in the Context menu; the choice is about one
 * read at one moment, so it stands only while that moment does: in the same recording (a new
 * session or a fork cuts the trace), for the same get, and until the next put of the key.
 * Kept by the get's number, a choice of "from get #2" outlived Reset and was put again with the
 * new session's get #2; kept for a stale read, it went with every later put, each a lost update.
 */
import type { TraceIndex } from '../../store/trace-index';

export type ContextOption = 'none' | 'read';

/** Where the key's reads and writes stand at the cursor: what a choice of context is about. */
export interface ContextMoment {
  /** The trace's epoch (`TraceIndex.epoch`), bumped at every cut: Reset, any new session, an action in the past, Undo. */
  readonly epoch: number;
  /** The index of the op-end of the key's latest successful get, or -1 when it was not read. */
  readonly readIndex: number;
  /** The index of the op-start of the key's latest put, or -1. */
  readonly lastPutIndex: number;
}

/** The lecturer's choice in the Context menu, and the moment it was made at. */
export interface ContextChoice extends ContextMoment {
  readonly option: ContextOption;
}

/** The key's moment among the first `upTo` events of `trace`. */
export function contextMoment(trace: TraceIndex, upTo: number, key: string): ContextMoment {
  return { epoch: trace.epoch, readIndex: trace.lastReadBefore(key, upTo), lastPutIndex: trace.lastPutBefore(key, upTo) };
}

/** The context a put carries now: the lecturer's choice while its moment stands, else the default. */
export function contextOption(chosen: ContextChoice | null, now: ContextMoment): ContextOption {
  if (now.readIndex < 0) return 'none';
  const isStanding = chosen !== null && chosen.epoch === now.epoch && chosen.readIndex === now.readIndex && chosen.lastPutIndex === now.lastPutIndex;
  if (isStanding) return chosen.option;
  // A put that started before the get ended (its op-start is earlier) did not follow it.
  return now.lastPutIndex < now.readIndex ? 'read' : 'none';
}
