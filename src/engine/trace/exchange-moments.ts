/**
 * Reading one anti-entropy exchange off the trace: where it started, and when each side
 * built its Merkle trees (the responder when the exchange's first message reaches it, the
 * initiator when the responder's roots do). The Merkle panel redraws the trees only at those
 * moments, and the worker rebuilds them as they were then: both read them here, so the two
 * cannot drift apart.
 */
import type { MessageBody } from '../dynamo/messages';
import type { EventOf, TraceEvent } from './events';

export type AeBody = Extract<MessageBody, { readonly type: 'ae-start' | 'ae-hashes' | 'ae-keys' }>;

/** A message of exchange `exchangeId`, typed. */
export function isAeBodyOf(body: MessageBody, exchangeId: number): body is AeBody {
  return (body.type === 'ae-start' || body.type === 'ae-hashes' || body.type === 'ae-keys') && body.exchangeId === exchangeId;
}

/** The index of the exchange's `ae-started` among the first `upTo` events, or -1. */
export function exchangeStart(trace: readonly TraceEvent[], upTo: number, exchangeId: number): number {
  for (let i = Math.min(upTo, trace.length) - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'ae-started' && e.exchangeId === exchangeId) return i;
  }
  return -1;
}

/** Per side (node id), the seq of the delivery at which it built its trees, among the first `upTo` events. */
export function treesBuiltAt(trace: readonly TraceEvent[], start: number, upTo: number, exchangeId: number): Map<string, number> {
  const started = trace[start] as EventOf<'ae-started'> | undefined;
  const builtAt = new Map<string, number>();
  if (!started || started.kind !== 'ae-started' || started.node === null) return builtAt;
  for (let i = start + 1; i < Math.min(upTo, trace.length) && builtAt.size < 2; i++) {
    const e = trace[i]!;
    if (e.kind !== 'deliver' || !isAeBodyOf(e.body, exchangeId)) continue;
    if (e.body.type === 'ae-start') builtAt.set(started.peer, e.seq);
    else if (e.body.type === 'ae-hashes' && e.to === started.node && !builtAt.has(started.node)) builtAt.set(started.node, e.seq);
  }
  return builtAt;
}
