/**
 * The client's side of reconciliation (paper §4.4, lecture 000): the latest successful get
 * of a key before the cursor, with the siblings it returned and the context for the next
 * put (every returned clock merged), so the panel can offer the cart's merge.
 */
import { contextClock, mergeCarts, type Json, type TraceEvent, type Version, type VectorClock } from '../../engine/index';

export interface LatestRead {
  readonly opId: number;
  readonly versions: readonly Version[];
  readonly context: VectorClock;
}

/** The last successful get of `key` among the first `upTo` events, if any. */
export function latestRead(trace: readonly TraceEvent[], upTo: number, key: string): LatestRead | null {
  for (let i = Math.min(upTo, trace.length) - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'op-end' && e.op === 'get' && e.key === key && e.ok) {
      const versions = e.versions ?? [];
      return { opId: e.opId, versions, context: contextClock(versions) };
    }
  }
  return null;
}

/** The shopping cart's merge of a read's siblings: the union of their items. */
export function mergedCart(read: LatestRead): Json[] {
  return mergeCarts(read.versions.map((v) => v.value));
}
