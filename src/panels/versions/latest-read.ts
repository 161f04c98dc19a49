/**
 * The client's side of reconciliation (paper §4.4, lecture 000): the latest successful get
 * of a key before the cursor, with the siblings it returned and the context for the next
 * put (every returned clock merged), so the panel can offer the cart's merge.
 */
import type { TraceIndex } from '../../store/trace-index';
import { compareClocks, contextClock, lastWriteWins, mergeCarts, oneLine, type Json, type LastWriteWins, type Version, type VectorClock } from '../../engine/index';

export interface LatestRead {
  readonly opId: number;
  /** The index of the get's op-end in the trace. */
  readonly index: number;
  readonly versions: readonly Version[];
  readonly context: VectorClock;
}

/** The last successful get of `key` among the first `upTo` events, if any (found in the page's index, not by a scan back through the trace). */
export function latestRead(trace: TraceIndex, upTo: number, key: string): LatestRead | null {
  return readAt(trace, trace.lastReadBefore(key, upTo));
}

/** The get whose op-end is event `index`: what it returned and the context a put then carries (every returned clock merged); null if that is no get's end. */
export function readAt(trace: TraceIndex, index: number): LatestRead | null {
  const e = trace.events[index];
  if (!e || e.kind !== 'op-end') return null;
  const versions = e.versions ?? [];
  return { opId: e.opId, index, versions, context: contextClock(versions) };
}

/**
 * The version a put carrying this read's context wrote after it, among the first `upTo`
 * events: the reconciled version the siblings collapsed into; null while none is written.
 */
export function writtenBack(trace: TraceIndex, upTo: number, key: string, read: LatestRead): Version | null {
  for (const start of trace.putsOf(key)) {
    if (start <= read.index) continue;
    if (start >= upTo) break;
    const e = trace.events[start]!;
    if (e.kind !== 'op-start' || !e.context || compareClocks(e.context, read.context) !== 'equal') continue;
    const endIndex = trace.eventsOfOp(e.opId).find((i) => trace.events[i]!.kind === 'op-end');
    const end = endIndex === undefined || endIndex >= upTo ? undefined : trace.events[endIndex];
    if (end?.kind === 'op-end' && end.ok && end.version) return end.version;
  }
  return null;
}

/** The shopping cart's merge of a read's siblings: the union of their items. */
export function mergedCart(read: LatestRead): Json[] {
  return mergeCarts(read.versions.map((v) => v.value));
}

/** A cart of plain items (text without commas): shown, and edited, as its items separated by commas. */
export function isPlainCart(value: Json): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && !item.includes(','));
}

/** A value as the client form writes it: a cart's items separated by commas, anything else as JSON. */
export function valueText(value: Json): string {
  if (isPlainCart(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A value as a line of the page shows it: as the client form writes it, its control and bidi characters escaped as a trace line's are (`oneLine`), so none turns the line. */
export function shownValue(value: Json): string {
  return oneLine(valueText(value));
}

/**
 * The client's edit of a merged value, read back as it was shown (`valueText`): a cart of
 * plain items as a comma-separated list (blank items dropped, an item "[1]" kept as text);
 * anything else, a cart with an item that holds a comma among them, as JSON if it parses,
 * else the text. Split at its commas, ["shoes, socks","shoes, hat"] was stored as four
 * items with quotes in them.
 */
export function editedValue(text: string, merged: Json): Json {
  const isCart = Array.isArray(merged) && merged.every((item) => typeof item === 'string');
  const json = isPlainCart(merged) ? undefined : parsed(text);
  if (isCart && !Array.isArray(json?.value)) {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return json ? json.value : text;
}

/** The text as JSON, boxed (JSON's own null is a value); undefined when it is not JSON. */
function parsed(text: string): { readonly value: Json } | undefined {
  try {
    return { value: JSON.parse(text) as Json };
  } catch {
    return undefined;
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
