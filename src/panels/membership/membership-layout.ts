/**
 * Geometry of the membership panel: the gossip circle (nodes evenly around it, an
 * exchange a chord between two of them) and the strip that shows which key ranges move on
 * a join or leave (the ring cut open at position 0 and laid flat). d3-scale does the
 * mapping; the panel only draws.
 */
import { scaleLinear } from 'd3-scale';
import { isAbbreviated, longestName, shortNodeNames } from '../../app/node-names';
import { rangeLength, type NodeId } from '../../engine/index';
import type { TransferProgress, TransferState } from './gossip-ledger';

export interface CirclePoint {
  readonly x: number;
  readonly y: number;
  readonly angle: number;
}

/** Nodes evenly around a circle in a `size`×`size` box, the first at twelve o'clock, clockwise. */
export function circleLayout(ids: readonly NodeId[], size: number, margin: number): Map<NodeId, CirclePoint> {
  const r = Math.max(0, size / 2 - margin);
  const c = size / 2;
  const angle = scaleLinear()
    .domain([0, Math.max(1, ids.length)])
    .range([0, 2 * Math.PI]);
  return new Map(ids.map((id, i) => [id, { x: c + r * Math.sin(angle(i)), y: c - r * Math.cos(angle(i)), angle: angle(i) }]));
}

interface Chord {
  readonly a: { x: number; y: number };
  readonly control: { x: number; y: number };
  readonly b: { x: number; y: number };
}

/**
 * A gossip exchange's chord from one node to another, bowed towards the centre: a straight
 * chord between nodes two apart runs through the node between them (lecture 002's E → C
 * passes under D). A quadratic curve whose control point is halfway from the chord's middle
 * to the centre, from the edge of one node's circle to the edge of the other's.
 */
function chord(from: CirclePoint, to: CirclePoint, size: number, nodeR: number): Chord | null {
  const centre = size / 2;
  const control = { x: (from.x + to.x) / 4 + centre / 2, y: (from.y + to.y) / 4 + centre / 2 };
  const edge = (p: CirclePoint, gap: number) => {
    const dx = control.x - p.x;
    const dy = control.y - p.y;
    const length = Math.hypot(dx, dy);
    return length <= gap ? null : { x: p.x + (dx / length) * gap, y: p.y + (dy / length) * gap };
  };
  const a = edge(from, nodeR);
  const b = edge(to, nodeR + 2);
  return a && b ? { a, control, b } : null;
}

/** The chord as an SVG path; null when the nodes overlap. */
export function chordPath(from: CirclePoint, to: CirclePoint, size: number, nodeR: number): string | null {
  const c = chord(from, to, size, nodeR);
  if (!c) return null;
  const f = (n: number) => n.toFixed(1);
  return `M${f(c.a.x)},${f(c.a.y)}Q${f(c.control.x)},${f(c.control.y)} ${f(c.b.x)},${f(c.b.y)}`;
}

/** A message on its way, `progress` (0 to 1) along the chord it is drawn on. */
export function chordPoint(from: CirclePoint, to: CirclePoint, size: number, nodeR: number, progress: number): { x: number; y: number } | null {
  const c = chord(from, to, size, nodeR);
  if (!c) return null;
  const t = Math.min(1, Math.max(0, progress));
  const along = (p: 'x' | 'y') => (1 - t) * (1 - t) * c.a[p] + 2 * (1 - t) * t * c.control[p] + t * t * c.b[p];
  return { x: along('x'), y: along('y') };
}

/**
 * Where a label goes: a little further out from the centre than its node. A label beside
 * a node (at three or nine o'clock) that would run out of the `size`-wide box, `labelPx`
 * wide as estimated, goes under the node instead (node4 at nine o'clock lost its "nod").
 */
export function labelPoint(p: CirclePoint, size: number, distance: number, labelPx = 0): { x: number; y: number; anchor: 'start' | 'middle' | 'end' } {
  const dx = p.x - size / 2;
  const dy = p.y - size / 2;
  const sin = dx / (Math.hypot(dx, dy) || 1);
  const anchor = Math.abs(sin) < 0.3 ? 'middle' : sin > 0 ? 'start' : 'end';
  const { x, y } = outwardPoint(p, size, distance);
  const isOut = anchor === 'end' ? x - labelPx < 0 : anchor === 'start' ? x + labelPx > size : false;
  // Above a node in the upper half (the corner beside it is empty), under one in the lower half:
  // under B at two o'clock, "B★" ran into C's circle below it.
  if (isOut) return { x: Math.min(size - labelPx / 2, Math.max(labelPx / 2, p.x)), y: dy < -1 ? p.y - distance - 4 : p.y + distance + 6, anchor: 'middle' };
  return { x, y, anchor };
}

/** Room outside a node for a seed's ★, beyond the node's own radius. */
export const STAR_ROOM_PX = 11;
/** Width of a character of a bold name inside a node, as a share of its font size ("n17", "c003"). */
const CHAR_EM = 0.62;
const NODE_GAP_PX = 3;

/** How a circle of nodes named inside is drawn: each node's radius, the names' font size and the circle's margin. */
export interface InsideNames {
  readonly nodeR: number;
  readonly fontPx: number;
  readonly margin: number;
}

/** The straight distance between neighbours on a circle of radius `r` with `count` nodes. */
const neighbourGap = (count: number, r: number) => (count < 2 ? Infinity : 2 * r * Math.sin(Math.PI / count));

/**
 * Nodes as large as a `size`-wide box lets `count` of them sit around the circle, 3 px apart
 * (at most 20 px across the radius, as node1…node5 are), a seed's ★ outside each, and the
 * largest font (7 to 10 px) at which a name of `longestChars` characters fits inside.
 */
export function insideNameFit(count: number, size: number, longestChars: number): InsideNames {
  let nodeR = 20;
  while (nodeR > 5 && neighbourGap(count, size / 2 - nodeR - STAR_ROOM_PX) < 2 * nodeR + NODE_GAP_PX) nodeR -= 0.5;
  const fontPx = Math.max(7, Math.min(10, Math.floor((2 * nodeR - 4) / (Math.max(1, longestChars) * CHAR_EM))));
  return { nodeR, fontPx, margin: nodeR + STAR_ROOM_PX };
}

/** The least box in which `count` nodes hold names of `longestChars` characters at 8 px (16 nodes, "n17": 160 px). */
export function sizeForInsideNames(count: number, longestChars: number): number {
  const nodeR = Math.ceil((Math.max(1, longestChars) * CHAR_EM * 8 + 4) / 2);
  const r = count < 2 ? 0 : (2 * nodeR + NODE_GAP_PX) / (2 * Math.sin(Math.PI / count));
  return Math.ceil(2 * (r + nodeR + STAR_ROOM_PX));
}

/**
 * The least circle for these ids: 120 px, or for ids drawn by short names inside, what those
 * names need at 8 px (sixteen "dc2-node17"s, drawn "n17": 160 px, where 120 left 13 px nodes).
 */
export function leastCircleSize(ids: readonly NodeId[]): number {
  const names = shortNodeNames(ids);
  if (!isAbbreviated(names)) return 120;
  return Math.max(120, sizeForInsideNames(ids.length, longestName(names)));
}

/** The point `distance` further out from the circle's centre than `p` (a seed's ★ beside its node). */
export function outwardPoint(p: CirclePoint, size: number, distance: number): { x: number; y: number } {
  const dx = p.x - size / 2;
  const dy = p.y - size / 2;
  const length = Math.hypot(dx, dy) || 1;
  return { x: p.x + (dx / length) * distance, y: p.y + (dy / length) * distance };
}

export interface RangeSegment {
  readonly x: number;
  readonly width: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly state: TransferState;
}

/**
 * A range (start, end] as one or two segments of a strip `width` wide: a range that wraps
 * past the top of the ring is drawn at both ends. Very thin ranges (the MD5 ring's) get
 * at least `minPx` so they can be seen.
 */
export function rangeSegments(transfers: readonly TransferProgress[], ringSize: number, width: number, minPx = 3): RangeSegment[] {
  const x = scaleLinear().domain([0, ringSize]).range([0, width]);
  const out: RangeSegment[] = [];
  const push = (a: number, b: number, t: TransferProgress) => {
    const x0 = x(a);
    const w = Math.max(minPx, x(b) - x0);
    out.push({ x: Math.min(x0, width - w), width: w, from: t.from, to: t.to, state: t.state });
  };
  for (const t of transfers) {
    const [start, end] = t.range;
    if (start < end) push(start, end, t);
    else {
      push(start, ringSize, t);
      push(0, end, t);
    }
  }
  return out;
}

export interface TransferGroup {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly ranges: readonly (readonly [number, number])[];
  readonly keys: number;
  /** The least advanced state of its ranges. */
  readonly state: TransferState;
}

const ORDER: Readonly<Record<TransferState, number>> = { unaware: 0, waiting: 1, sending: 2, done: 3, repair: 4 };

/** Transfers grouped by (old holder, new holder), in order of first appearance. */
export function transferGroups(transfers: readonly TransferProgress[]): TransferGroup[] {
  const groups = new Map<string, { from: NodeId; to: NodeId; ranges: (readonly [number, number])[]; keys: number; state: TransferState }>();
  for (const t of transfers) {
    const id = `${t.from}>${t.to}`;
    const g = groups.get(id);
    if (!g) groups.set(id, { from: t.from, to: t.to, ranges: [t.range], keys: t.keys, state: t.state });
    else {
      g.ranges.push(t.range);
      g.keys += t.keys;
      if (ORDER[t.state] < ORDER[g.state]) g.state = t.state;
    }
  }
  return [...groups.values()];
}

/**
 * "3 ranges move", or with Q equal partitions "3 partitions move": lecture 001 counts whole
 * partitions ("hands the six partitions over") where the list joins neighbouring ones into one
 * range ("4 ranges move" beside "six partitions"). Counted from the moving length all together,
 * so a partition a token splits into two transfers counts once.
 */
export function movesText(transfers: readonly { readonly range: readonly [number, number] }[], ringSize: number, partitions: number): string {
  if (partitions > 0) {
    const moving = transfers.reduce((sum, t) => sum + rangeLength(t.range, ringSize), 0);
    const count = Math.round(moving / (ringSize / partitions));
    return `${count} ${count === 1 ? 'partition moves' : 'partitions move'}`;
  }
  return `${transfers.length} ${transfers.length === 1 ? 'range moves' : 'ranges move'}`;
}
