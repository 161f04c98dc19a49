/**
 * Where the Versions panel draws each version of a key (pure geometry, DESIGN §1.4): the
 * versions in layers, top to bottom, as the lectures draw D1 → D2, D3 → D4 on a slide. A
 * version's layer is the longest chain of ancestors above it, so every arrow points down;
 * versions of one layer sit side by side in creation order. d3 computes the positions and
 * the arrows' curves; React renders them.
 */
import { max } from 'd3-array';
import { scaleBand, type ScaleBand } from 'd3-scale';
import { linkVertical } from 'd3-shape';

export interface LayoutVersion {
  readonly id: number;
}

export interface LayoutEdge {
  readonly from: number;
  readonly to: number;
}

export interface PlacedVersion {
  readonly id: number;
  readonly layer: number;
  /** Top-left corner and size of its box. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge extends LayoutEdge {
  /** SVG path from the bottom of `from`'s box to the top of `to`'s. */
  readonly path: string;
}

export interface VersionsLayout {
  readonly versions: readonly PlacedVersion[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

export interface LayoutOptions {
  readonly width: number;
  readonly boxHeight: number;
  /** A lone version is not stretched wider than this; it is centred. */
  readonly maxBoxWidth: number;
  /** Vertical space between layers (the arrows run there). */
  readonly gap: number;
  /** A version's own box height, when boxes differ (a clock wrapped onto more lines); a layer is as tall as its tallest box. */
  readonly heightOf?: (id: number) => number;
}

/** The layer of every version: 0 for a version with no ancestor, else one below its deepest parent. */
export function layersOf(versions: readonly LayoutVersion[], edges: readonly LayoutEdge[]): Map<number, number> {
  const parents = new Map<number, number[]>();
  for (const e of edges) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  const layer = new Map<number, number>();
  const depth = (id: number, seen: Set<number>): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle cannot come from clocks; guard anyway
    seen.add(id);
    const d = (parents.get(id) ?? []).reduce((m, p) => Math.max(m, depth(p, seen) + 1), 0);
    layer.set(id, d);
    return d;
  };
  for (const v of versions) depth(v.id, new Set());
  return layer;
}

export function versionsLayout(versions: readonly LayoutVersion[], edges: readonly LayoutEdge[], options: LayoutOptions): VersionsLayout {
  const { width, boxHeight, gap, maxBoxWidth } = options;
  const heightOf = options.heightOf ?? (() => boxHeight);
  const layer = layersOf(versions, edges);
  const layerCount = (max(versions, (v) => layer.get(v.id)!) ?? -1) + 1;
  const placed = new Map<number, PlacedVersion>();
  const rows = Array.from({ length: layerCount }, (_, l) => versions.filter((v) => layer.get(v.id) === l).sort((a, b) => a.id - b.id));
  // An arrow that skips a layer (D3 → D4 past D2) would run behind that layer's boxes, drawn
  // across the whole width: there the boxes take a column each, under their parents.
  const isCrossed = (l: number) => edges.some((e) => layer.get(e.from)! < l && layer.get(e.to)! > l);
  const columns = scaleBand<number>()
    .domain(Array.from({ length: Math.max(1, ...rows.map((row) => row.length)) }, (_, i) => i))
    .range([0, width])
    .paddingInner(0.08);
  let y = 0;
  rows.forEach((row, l) => {
    const rowHeight = Math.max(0, ...row.map((v) => heightOf(v.id)));
    const lefts = isCrossed(l) ? underParents(row, edges, placed, columns) : spreadAcross(row, width, maxBoxWidth);
    for (const [v, [x, boxWidth]] of row.map((v, i) => [v, lefts[i]!] as const)) placed.set(v.id, { id: v.id, layer: l, x, y, width: boxWidth, height: rowHeight });
    y += rowHeight + gap;
  });
  const link = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();
  const placedEdges = edges.flatMap((e): PlacedEdge[] => {
    const a = placed.get(e.from);
    const b = placed.get(e.to);
    if (!a || !b) return [];
    const path = link({ source: [a.x + a.width / 2, a.y + a.height], target: [b.x + b.width / 2, b.y] }) ?? '';
    return [{ ...e, path }];
  });
  const height = layerCount === 0 ? 0 : y - gap;
  return { versions: versions.map((v) => placed.get(v.id)!), edges: placedEdges, width, height };
}

/** A layer's boxes side by side across the whole width, each at most `maxBoxWidth` wide and centred in its share: [left, width] each. */
function spreadAcross(row: readonly LayoutVersion[], width: number, maxBoxWidth: number): [number, number][] {
  const x = scaleBand<number>()
    .domain(row.map((v) => v.id))
    .range([0, width])
    .paddingInner(0.08);
  const boxWidth = Math.min(x.bandwidth(), maxBoxWidth);
  return row.map((v) => [x(v.id)! + (x.bandwidth() - boxWidth) / 2, boxWidth]);
}

/**
 * A layer's boxes a column wide, each as near as it can be to the middle of its parents
 * (a version with none, to its place in the row), in creation order, none overlapping,
 * inside the width: the columns a skipping arrow needs stay free.
 */
function underParents(row: readonly LayoutVersion[], edges: readonly LayoutEdge[], placed: ReadonlyMap<number, PlacedVersion>, columns: ScaleBand<number>): [number, number][] {
  const w = columns.bandwidth();
  const step = columns.step();
  const [start, end] = columns.range();
  const wanted = row.map((v, i) => {
    const parents = edges.filter((e) => e.to === v.id).map((e) => placed.get(e.from)!);
    const centre = parents.length > 0 ? parents.reduce((sum, p) => sum + p.x + p.width / 2, 0) / parents.length : columns(i)! + w / 2;
    return centre - w / 2;
  });
  // Left to right, each at least a column's step after the one before; then back inside the width from the right.
  const lefts: number[] = [];
  wanted.forEach((x, i) => lefts.push(Math.max(x, start, i > 0 ? lefts[i - 1]! + step : -Infinity)));
  for (let i = lefts.length - 1; i >= 0; i--) lefts[i] = Math.min(lefts[i]!, i < lefts.length - 1 ? lefts[i + 1]! - step : end - w);
  return lefts.map((x) => [x, w]);
}

/** How wide a text is drawn, in the drawing's units. */
export type Measure = (text: string) => number;

/** A measure from a fixed width per character: where no canvas can measure (tests), an estimate. */
export const perChar = (charPx: number): Measure => (text) => [...text].length * charPx;

/**
 * How to draw `text` in `widthPx`: whole; squeezed a little (`squeeze`, the factor for
 * SVG's textLength) when it is at most `maxSqueeze` too wide; else cut to the longest start
 * that fits, ending in "…". Whole code points only: never half an emoji. The box's tooltip
 * and accessible name keep the whole text.
 */
export function fitText(text: string, widthPx: number, measure: Measure, maxSqueeze = 1): { readonly text: string; readonly squeeze: number } {
  const full = measure(text);
  if (full <= widthPx) return { text, squeeze: 1 };
  if (full * maxSqueeze <= widthPx) return { text, squeeze: widthPx / full };
  const chars = [...text];
  let lo = 0; // the longest prefix known to fit, with its ellipsis
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`) <= widthPx) lo = mid;
    else hi = mid - 1;
  }
  return { text: `${chars.slice(0, lo).join('')}…`, squeeze: 1 };
}
