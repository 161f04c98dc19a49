/**
 * Who holds which part of the ring, and what moves when membership changes (paper §4.9,
 * §6.2; lecture 000: "adding node5 at 644 moves only the keys between 458 and 644").
 *
 * The ring is cut at every token and partition end into *elementary ranges* `(start,
 * end]`; inside one, every key has the same preference list. Comparing the holders of
 * each range before and after a change gives exactly the ranges that change holder.
 */
import { topNodes, type PreferenceOptions } from './preference-list';
import { partitionBoundary, type NodeId, type Ring } from './ring';

/** Keys at positions p with start < p ≤ end (wrapping past the top when start ≥ end). */
export type Range = readonly [start: number, end: number];

/** One range whose data moves from one node to another. */
export interface Transfer {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly range: Range;
}

export interface NodeLoad {
  readonly node: NodeId;
  /** Fraction of the ring this node coordinates (first in the preference list). */
  readonly primaryShare: number;
  /** Fraction of the ring this node holds a replica of (anywhere in the top N). */
  readonly replicaShare: number;
  /** The ranges this node coordinates. */
  readonly primaryRanges: readonly Range[];
}

/** The elementary ranges of one or more rings, as (start, end] pairs in ring order. */
export function elementaryRanges(...rings: Ring[]): Range[] {
  const cuts = [...new Set(rings.flatMap((r) => r.cutPoints()))].sort((a, b) => a - b);
  if (cuts.length === 0) return [];
  return cuts.map((end, i) => [i === 0 ? cuts[cuts.length - 1]! : cuts[i - 1]!, end] as const);
}

export function rangeLength(range: Range, size: number): number {
  const len = (range[1] - range[0] + size) % size;
  return len === 0 ? size : len;
}

/**
 * The ranges that change holders from `before` to `after` with `n` replicas: each node
 * that starts holding a range receives it from a node that stops holding it (or, when
 * none stops, from the range's first remaining holder). Adjacent ranges are merged.
 */
export function transfersBetween(before: Ring, after: Ring, n: number, options: PreferenceOptions = {}): Transfer[] {
  const out: Transfer[] = [];
  const endingAt = new Map<number, number[]>();
  for (const range of elementaryRanges(before, after)) {
    const was = topNodes(before, range[1], n, options);
    const now = topNodes(after, range[1], n, options);
    const gained = now.filter((id) => !was.includes(id));
    const lost = was.filter((id) => !now.includes(id));
    gained.forEach((to, i) => {
      const from = lost[i] ?? was.find((id) => now.includes(id)) ?? was[0];
      if (from !== undefined) pushMerged(out, endingAt, { from, to, range });
    });
  }
  return out;
}

/**
 * Appends `t`, or extends the first transfer of the same sender and receiver that ends where
 * `t` starts. `endingAt` lists, by end position, the transfers in `out` that end there, in
 * order: searching all of `out` for each range made a join that moves many ranges quadratic
 * (Q = 65,536 under strategy 3: 170,000 transfers, a minute and a half).
 */
function pushMerged(out: Transfer[], endingAt: Map<number, number[]>, t: Transfer): void {
  const candidates = endingAt.get(t.range[0]);
  const at = candidates?.findIndex((i) => out[i]!.from === t.from && out[i]!.to === t.to) ?? -1;
  if (candidates !== undefined && at >= 0) {
    const i = candidates[at]!;
    candidates.splice(at, 1);
    out[i] = { ...out[i]!, range: [out[i]!.range[0], t.range[1]] };
    endAt(endingAt, t.range[1], i);
  } else {
    out.push(t);
    endAt(endingAt, t.range[1], out.length - 1);
  }
}

/** Records that transfer `i` ends at `end`, keeping each list in the order of `out`. */
function endAt(endingAt: Map<number, number[]>, end: number, i: number): void {
  const list = endingAt.get(end);
  if (list === undefined) endingAt.set(end, [i]);
  else {
    let k = list.length;
    while (k > 0 && list[k - 1]! > i) k--;
    list.splice(k, 0, i);
  }
}

/** How much of the ring each node coordinates and replicates. */
export function nodeLoads(ring: Ring, n: number, options: PreferenceOptions = {}): NodeLoad[] {
  const size = ring.space.size;
  const loads = new Map<NodeId, { primary: number; replica: number; ranges: Range[] }>(
    ring.nodes.map((node) => [node.id, { primary: 0, replica: 0, ranges: [] }]),
  );
  for (const range of elementaryRanges(ring)) {
    const len = rangeLength(range, size);
    topNodes(ring, range[1], n, options).forEach((id, rank) => {
      const load = loads.get(id);
      if (!load) return;
      load.replica += len;
      if (rank === 0) {
        load.primary += len;
        const last = load.ranges[load.ranges.length - 1];
        if (last && last[1] === range[0]) load.ranges[load.ranges.length - 1] = [last[0], range[1]];
        else load.ranges.push(range);
      }
    });
  }
  return [...loads].map(([node, l]) => ({ node, primaryShare: l.primary / size, replicaShare: l.replica / size, primaryRanges: l.ranges }));
}

/**
 * Each node's primary ranges (those it coordinates) and share of the ring, from the tokens
 * alone (`sorted` by position), for the page, which has no `Ring`, in one pass for all nodes.
 * With `q` = 0 (strategy 1) each token takes the range from the token before it. Under
 * strategies 2 and 3 (paper §6.2) the ring is `q` equal partitions, each going whole to the
 * node of the first token at or after its end, as `nodeLoads` finds them, so a share is whole
 * partitions whatever the tokens' gaps (lecture 002's strategy 2: strategy 1's random tokens,
 * other shares); adjacent partitions of one node are one range.
 */
export function primaryRanges(sorted: readonly { readonly pos: number; readonly node: string }[], ringSize: number, q = 0): Map<NodeId, { ranges: [number, number][]; share: number }> {
  const held = new Map<NodeId, { ranges: [number, number][]; covered: number }>();
  const add = (node: NodeId, start: number, end: number) => {
    let h = held.get(node);
    if (!h) held.set(node, (h = { ranges: [], covered: 0 }));
    h.covered += rangeLength([start, end], ringSize);
    const last = h.ranges.at(-1);
    if (q > 0 && last && last[1] === start) last[1] = end;
    else h.ranges.push([start, end]);
  };
  const shares = () => new Map([...held].map(([node, h]) => [node, { ranges: h.ranges, share: h.covered / ringSize }]));
  if (sorted.length === 0) return shares();
  if (q === 0) {
    // Each token takes the range from the token before it (across the top for the first).
    sorted.forEach((t, i) => add(t.node, sorted[(i - 1 + sorted.length) % sorted.length]!.pos, t.pos));
    return shares();
  }
  // The engine's order: the partition ending at the top (position 0) first, then clockwise; each
  // goes to the first token at or after its end, found in one sweep, as partition ends ascend.
  add(sorted[0]!.node, partitionBoundary(q - 1, ringSize, q), 0);
  let next = 0;
  for (let k = 1; k < q; k++) {
    const end = partitionBoundary(k, ringSize, q);
    while (next < sorted.length && sorted[next]!.pos < end) next++;
    add((sorted[next] ?? sorted[0]!).node, partitionBoundary(k - 1, ringSize, q), end);
  }
  return shares();
}
