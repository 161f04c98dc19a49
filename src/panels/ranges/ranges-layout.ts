/**
 * Who coordinates which positions of the ring (lectures 000 and 001: each node takes the
 * range from the token before its own up to its own; under strategies 2 and 3, whole
 * partitions): one row per member, its ranges merged where they touch, so two tokens of one
 * node in a row read as one range. The engine's `primaryRanges` reads the whole ring in one
 * pass for all nodes, so a big ring (65,536 tokens, or as many partitions) costs one sort.
 */
import { primaryRanges } from '../../engine/index';

export interface RangeRow {
  readonly id: string;
  /** How many tokens (virtual nodes) the node has. */
  readonly tokens: number;
  /** The fraction of the ring it coordinates. */
  readonly share: number;
  /** Its ranges (start, end], clockwise from the top, neighbours merged; [] with none, or with the whole ring. */
  readonly ranges: readonly (readonly [number, number])[];
  /** It coordinates the whole ring (the only node with tokens). */
  readonly isWhole: boolean;
}

type Tokens = readonly { readonly pos: number; readonly node: string }[];

export function rangeRows(ids: readonly string[], tokens: Tokens, ringSize: number, partitions = 0): RangeRow[] {
  const sorted = [...tokens].sort((a, b) => a.pos - b.pos);
  const held = primaryRanges(sorted, ringSize, partitions);
  const counts = new Map<string, number>();
  for (const t of sorted) counts.set(t.node, (counts.get(t.node) ?? 0) + 1);
  return ids.map((id) => {
    const { ranges, share } = held.get(id) ?? { ranges: [], share: 0 };
    const isWhole = share >= 1 - 1e-12;
    return { id, tokens: counts.get(id) ?? 0, share: Math.min(1, share), ranges: isWhole ? [] : mergeTouching(ranges, ringSize), isWhole };
  });
}

/** (a, b] and (b, c] are (a, c]; the last range may also run on into the first across the top. */
export function mergeTouching(ranges: readonly (readonly [number, number])[], ringSize: number): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && last[1] % ringSize === start % ringSize) last[1] = end;
    else merged.push([start, end]);
  }
  if (merged.length > 1) {
    const first = merged[0]!;
    const last = merged.at(-1)!;
    if (last[1] % ringSize === first[0] % ringSize) {
      first[0] = last[0];
      merged.pop();
    }
  }
  return merged;
}
