/**
 * The client's side of reconciliation (paper §4.4, lecture 000): the latest successful get
 * of a key before the cursor, with the siblings it returned and the context for the next
 * put (every returned clock merged), so the panel can offer the cart's merge.
 */
import { compareClocks, contextClock, lastWriteWins, mergeCarts, type Json, type LastWriteWins, type TraceEvent, type Version, type VectorClock } from '../../engine/index';

export interface LatestRead {
  readonly opId: number;
  /** The index of the get's op-end in the trace. */
  readonly index: number;
  readonly versions: readonly Version[];
  readonly context: VectorClock;
}

/** The last successful get of `key` among the first `upTo` events, if any. */
export function latestRead(trace: readonly TraceEvent[], upTo: number, key: string): LatestRead | null {
  for (let i = Math.min(upTo, trace.length) - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'op-end' && e.op === 'get' && e.key === key && e.ok) {
      const versions = e.versions ?? [];
      return { opId: e.opId, index: i, versions, context: contextClock(versions) };
    }
  }
  return null;
}

/**
 * The version a put carrying this read's context wrote after it, among the first `upTo`
 * events: the reconciled version the siblings collapsed into; null while none is written.
 */
export function writtenBack(trace: readonly TraceEvent[], upTo: number, key: string, read: LatestRead): Version | null {
  const puts = new Set<number>();
  for (let i = read.index + 1; i < Math.min(upTo, trace.length); i++) {
    const e = trace[i]!;
    if (e.kind === 'op-start' && e.op === 'put' && e.key === key && e.context && compareClocks(e.context, read.context) === 'equal') puts.add(e.opId);
    else if (e.kind === 'op-end' && e.ok && e.version && puts.has(e.opId)) return e.version;
  }
  return null;
}

/** The shopping cart's merge of a read's siblings: the union of their items. */
export function mergedCart(read: LatestRead): Json[] {
  return mergeCarts(read.versions.map((v) => v.value));
}

/** A value as the client form writes it: a cart's items separated by commas, anything else as JSON. */
export function valueText(value: Json): string {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && !item.includes(','))) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The client's edit of a merged value, read back: when the merge was a cart of plain items,
 * a comma-separated list (blank items dropped); otherwise JSON if it parses, else the text.
 */
export function editedValue(text: string, merged: Json): Json {
  if (Array.isArray(merged) && merged.every((item) => typeof item === 'string')) {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** What last-write-wins does to a read's siblings, and what the class loses by it. */
export interface LwwOutcome extends LastWriteWins<Version> {
  /** Items of the lost versions that the winner does not have (a cart's lost additions). */
  readonly lostItems: readonly Json[];
  /** When, and where, the winner was written: its newest clock entry. */
  readonly stamp: { readonly node: string; readonly atMs: number } | null;
}

export function lastWriteWinsOf(read: LatestRead): LwwOutcome {
  const outcome = lastWriteWins(read.versions);
  const kept = new Set((Array.isArray(outcome.winner.value) ? outcome.winner.value : [outcome.winner.value]).map((item) => JSON.stringify(item)));
  const lostItems = mergeCarts(outcome.lost.map((v) => v.value)).filter((item) => !kept.has(JSON.stringify(item)));
  const newest = [...outcome.winner.clock].sort((a, b) => b.atMs - a.atMs)[0];
  return { ...outcome, lostItems, stamp: newest ? { node: newest.node, atMs: newest.atMs } : null };
}
