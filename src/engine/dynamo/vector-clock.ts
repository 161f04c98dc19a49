/**
 * Vector clocks: how Dynamo tells whether one version of an object replaces another
 * (paper §4.4; lectures 000, 002, 003).
 *
 * A clock is a list of (node, counter) pairs, one per node that coordinated a write of
 * the object; each pair also carries the virtual time of its last update, used only to
 * truncate. The lectures' rule: if every counter of the first clock is ≤ the matching
 * counter of the second, the first is an ancestor and can be forgotten; otherwise the two
 * are concurrent and the client reconciles. When a clock grows past a threshold (10 by
 * default), Dynamo drops its oldest pair — which can make a descendant look concurrent.
 *
 * Clocks are immutable arrays sorted by node id, so equal clocks serialize identically.
 */
import type { NodeId } from './ring';

export interface ClockEntry {
  readonly node: NodeId;
  readonly counter: number;
  /** Virtual time (ms) at which this node last advanced its counter. */
  readonly atMs: number;
}

export type VectorClock = readonly ClockEntry[];

/** How clock `a` stands to clock `b`. `descends`: a has seen everything b has. */
export type ClockOrder = 'equal' | 'descends' | 'descended-by' | 'concurrent';

export const EMPTY_CLOCK: VectorClock = [];

export function counterOf(clock: VectorClock, node: NodeId): number {
  for (const e of clock) if (e.node === node) return e.counter;
  return 0;
}

/** Compares counters only; timestamps never decide causality. */
export function compareClocks(a: VectorClock, b: VectorClock): ClockOrder {
  let aAhead = false;
  let bAhead = false;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ea = a[i];
    const eb = b[j];
    if (eb === undefined || (ea !== undefined && ea.node < eb.node)) {
      if (ea!.counter > 0) aAhead = true;
      i++;
    } else if (ea === undefined || eb.node < ea.node) {
      if (eb.counter > 0) bAhead = true;
      j++;
    } else {
      if (ea.counter > eb.counter) aAhead = true;
      else if (eb.counter > ea.counter) bAhead = true;
      i++;
      j++;
    }
    if (aAhead && bAhead) return 'concurrent';
  }
  return aAhead ? 'descends' : bAhead ? 'descended-by' : 'equal';
}

/** True when `a` has seen everything `b` has (equal clocks included). */
export function descendsOrEqual(a: VectorClock, b: VectorClock): boolean {
  const order = compareClocks(a, b);
  return order === 'equal' || order === 'descends';
}

/** The least upper bound: each node's highest counter (and that entry's timestamp). */
export function mergeClocks(a: VectorClock, b: VectorClock): VectorClock {
  const out: ClockEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ea = a[i];
    const eb = b[j];
    if (eb === undefined || (ea !== undefined && ea.node < eb.node)) {
      out.push(ea!);
      i++;
    } else if (ea === undefined || eb.node < ea.node) {
      out.push(eb);
      j++;
    } else {
      out.push(ea.counter > eb.counter || (ea.counter === eb.counter && ea.atMs >= eb.atMs) ? ea : eb);
      i++;
      j++;
    }
  }
  return out;
}

/** The clock with `node`'s counter set to `counter`, stamped `atMs`. */
export function withCounter(clock: VectorClock, node: NodeId, counter: number, atMs: number): VectorClock {
  const entry: ClockEntry = { node, counter, atMs };
  // Sized up front: versions keep their clocks for good, and an array grown by push
  // from empty reserves room for 16 entries.
  let length = clock.length + 1;
  for (const e of clock) if (e.node === node) length--;
  const out = new Array<ClockEntry>(length);
  let n = 0;
  let isPlaced = false;
  for (const e of clock) {
    if (e.node === node) continue;
    if (!isPlaced && e.node > node) {
      out[n++] = entry;
      isPlaced = true;
    }
    out[n++] = e;
  }
  if (!isPlaced) out[n++] = entry;
  return out;
}

/** The coordinator's step: its own counter plus one. */
export function incrementClock(clock: VectorClock, node: NodeId, atMs: number): VectorClock {
  return withCounter(clock, node, counterOf(clock, node) + 1, atMs);
}

/**
 * Drops the oldest entries (by timestamp, then node id) until at most `threshold`
 * remain. Returns the kept clock and what was dropped, so the trace can show it.
 * `writer`'s entry, the one its put has just updated, is the newest whatever the
 * timestamps say: entries written in the same millisecond would otherwise tie, and
 * dropping the writer's own would give the new version an older version's clock, which
 * every replica would then take for a version it already has.
 */
export function truncateClock(clock: VectorClock, threshold: number, writer?: NodeId): { clock: VectorClock; removed: ClockEntry[] } {
  if (clock.length <= threshold) return { clock, removed: [] };
  const byAge = [...clock].sort((x, y) => Number(x.node === writer) - Number(y.node === writer) || x.atMs - y.atMs || (x.node < y.node ? -1 : 1));
  const removed = byAge.slice(0, clock.length - threshold);
  return { clock: clock.filter((e) => !removed.includes(e)), removed };
}

/** The lectures' notation: `([node1,2],[node2,1])`. */
export function formatClock(clock: VectorClock): string {
  return `(${clock.map((e) => `[${e.node},${e.counter}]`).join(',')})`;
}

/** The clock as a plain object, node → counter, as the scenario runner prints it. */
export function clockToObject(clock: VectorClock): Record<NodeId, number> {
  // Object.fromEntries defines own properties, so a node named "__proto__" is kept.
  return Object.fromEntries(clock.map((e) => [e.node, e.counter]));
}
