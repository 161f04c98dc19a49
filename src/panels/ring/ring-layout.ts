/**
 * Geometry of the token ring (pure; d3-scale and d3-shape do the mathematics).
 *
 * Angles follow d3-shape's convention: 0 at twelve o'clock, growing clockwise, so ring
 * position 0 is at the top and the preference-list walk goes clockwise on screen. Physical
 * nodes are drawn as badges inside the ring: beside their token when each node has one
 * (the teaching ring), evenly spaced when nodes have many tokens scattered over the ring.
 * The tokens' marks and labels are in token-labels.ts.
 */
import { scaleLinear } from 'd3-scale';
import { arc } from 'd3-shape';
import { keyName, oneLine, primaryRanges, type MessageView, type WalkStep } from '../../engine/index';
import { cutToChars, overlap, type Box } from './message-labels';
import { spreadAngles } from './spread';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RingGeometry {
  readonly width: number;
  readonly height: number;
  readonly cx: number;
  readonly cy: number;
  /** Radius of the ring line, where tokens and keys sit. */
  readonly radius: number;
  /** Radius of the circle of node badges. */
  readonly nodeRadius: number;
  /** Radius of one node badge. */
  readonly badgeRadius: number;
  /** Whether tokens and keys get text labels (the teaching ring). */
  readonly isDetailed: boolean;
}

const TAU = Math.PI * 2;

/** A badge's id fills at most this share of its diameter. */
const BADGE_FILL = 0.92;
/** Average width of a bold character of the badge's id, in ems. */
const BADGE_CHAR_EM = 0.66;
/** The smallest type a detailed badge's id is drawn in. */
const BADGE_MIN_FONT_PX = 13;

/** The badge radius that fits an id of `chars` characters in `fontPx` type. */
function badgeRadiusFor(fontPx: number, chars: number): number {
  return (fontPx * BADGE_CHAR_EM * Math.max(1, chars)) / (2 * BADGE_FILL);
}

/** The largest font (up to `maxPx`) that fits an id of `chars` characters in a badge of radius `r`. */
export function badgeFontFor(r: number, chars: number, maxPx: number): number {
  return Math.max(10, Math.min(maxPx, (2 * r * BADGE_FILL) / (BADGE_CHAR_EM * Math.max(1, chars))));
}

/**
 * The ring's geometry in a panel of this size. On the teaching ring, token labels ("node2",
 * "200") sit outside the ring, so the margin grows with the longest node id; `extraMargin`
 * makes room for a key's name beside it (roomForKeyName).
 */
export function ringGeometry(width: number, height: number, nodeCount: number, isDetailed: boolean, longestId = 1, extraMargin = 0): RingGeometry {
  const labelMargin = (isDetailed ? Math.max(66, 30 + 10 * longestId) : 40) + extraMargin;
  // Token labels need their width beside the ring but only two lines above and below it: on a
  // stage wider than tall the ring takes the height that frees, up to the side margins. Once
  // only on stages under 300 px tall (a projector at 150% zoom): at 1280×640 the lecture's stage,
  // 446×345, kept a label margin of 80 px above and below, and lecture 004's walk a radius of 57 px.
  const aboveAndBelow = Math.min(44, labelMargin);
  const radius = Math.max(40, Math.min(Math.max(120, width) / 2 - labelMargin, Math.max(120, height) / 2 - aboveAndBelow));
  // A detailed badge is big enough for its id ("node1") in type a lecture hall reads.
  const forId = Math.min(24, badgeRadiusFor(BADGE_MIN_FONT_PX, longestId));
  // On the MD5 ring a few nodes have room for badges their ids fit in readable type too
  // (lecture 000's five nodes wrote "node1" in 10 px); many share the circle.
  const share = (Math.PI * radius * 0.74) / Math.max(1, nodeCount) - 3;
  const badgeRadius = isDetailed ? Math.max(16, Math.min(26, radius * 0.13), forId) : Math.max(9, Math.min(Math.max(17, forId), share));
  // Badges sit inside the ring, with room between for the walk's stops; on a small stage (a
  // projector at 125% zoom) that room would pull them onto one another at the centre.
  const inner = isDetailed ? radius - badgeRadius - 44 : radius - badgeRadius - 22;
  const nodeRadius = Math.max(inner, Math.min(radius - badgeRadius - 6, radius * 0.55));
  return { width, height, cx: width / 2, cy: height / 2, radius, ...(isDetailed ? badgesApart(nodeCount, radius, nodeRadius, badgeRadius) : { nodeRadius, badgeRadius }), isDetailed };
}

/**
 * A teaching ring's badges evenly spread at `nodeRadius` clear of one another: on a stage
 * too small for that (a projector at 150% zoom, 853×480, left the cart's ring a radius of
 * 50 px and its four badges on top of one another at the centre), they move out towards the
 * circle and, only if even the circle is too small, shrink. Where they were 6 px apart
 * already, nothing changes. (The MD5 ring's many badges share the circle by design, `share`
 * above.)
 */
function badgesApart(nodeCount: number, radius: number, nodeRadius: number, badgeRadius: number): { nodeRadius: number; badgeRadius: number } {
  if (nodeCount < 2) return { nodeRadius, badgeRadius };
  // Neighbours evenly spread are a chord of 2·r·sin(π/n) apart; two radii and a gap of 6 px must fit in it.
  const apart = Math.sin(Math.PI / nodeCount);
  const needed = (badgeRadius + 3) / apart;
  if (needed <= nodeRadius) return { nodeRadius, badgeRadius };
  const out = Math.min(radius, needed);
  return { nodeRadius: out, badgeRadius: Math.min(badgeRadius, Math.max(9, out * apart - 3)) };
}

/** Ring position → angle in radians. */
export function angleOf(pos: number, ringSize: number): number {
  return scaleLinear().domain([0, ringSize]).range([0, TAU])(pos);
}

export function polar(g: RingGeometry, angle: number, r: number): Point {
  return { x: g.cx + r * Math.sin(angle), y: g.cy - r * Math.cos(angle) };
}

export interface Anchor extends Point {
  readonly angle: number;
}

/**
 * Where each node's badge sits; messages travel between these points. A node with one
 * token sits beside it, nudged along the circle when two tokens are so close that their
 * badges would cover each other (lecture 000's nodes at 117 and 141).
 */
export function nodeAnchors(nodes: readonly { readonly id: string; readonly tokens: readonly number[] }[], ringSize: number, g: RingGeometry): Map<string, Anchor> {
  const out = new Map<string, Anchor>();
  const isOneTokenEach = nodes.every((n) => n.tokens.length === 1);
  // Two badges and 6 px between them as a chord of the circle they sit on (as an arc, they touched where the circle is small).
  const gap = 2 * Math.asin(Math.min(1, (g.badgeRadius + 3) / Math.max(1, g.nodeRadius)));
  const angles = isOneTokenEach ? spreadAngles(nodes.map((n) => angleOf(n.tokens[0]!, ringSize)), gap) : nodes.map((_, i) => (i / nodes.length) * TAU);
  nodes.forEach((node, i) => {
    const angle = angles[i]!;
    out.set(node.id, { ...polar(g, angle, g.nodeRadius), angle });
  });
  return out;
}

/**
 * Where the ring's caption ("positions 0–999 / clockwise →") goes: the centre, unless a
 * badge covers it there, then the nearest free height above or below; null when the badges
 * leave no room inside the ring (the caption then goes to the panel's corner). Returns the
 * offset from the centre in pixels.
 */
export function captionOffset(obstacles: Iterable<Point>, g: RingGeometry, halfWidth = 80): number | null {
  const points = [...obstacles];
  const isFree = (dy: number) =>
    points.every((p) => {
      // The caption's box: two lines from 16 px above the centre line to 34 px below it.
      const nearestX = Math.max(g.cx - halfWidth, Math.min(g.cx + halfWidth, p.x));
      const nearestY = Math.max(g.cy + dy - 16, Math.min(g.cy + dy + 34, p.y));
      return Math.hypot(p.x - nearestX, p.y - nearestY) > g.badgeRadius + 4;
    });
  if (isFree(0)) return 0;
  for (let step = 1; step * 8 <= g.nodeRadius - g.badgeRadius; step++) {
    for (const dy of [step * 8, -step * 8]) if (isFree(dy)) return dy;
  }
  return null;
}

/**
 * The box the caption takes, at `captionDy` from the centre (or in the panel's corner when
 * null), with the MD5 ring's walked key under it when one is shown: message names keep off
 * it as they keep off the ring's other words.
 */
export function captionBoxes(captionDy: number | null, g: RingGeometry, withWalkKey = false, halfWidth = 80): { x: number; y: number; width: number; height: number }[] {
  const caption = captionDy === null ? { x: 0, y: 0, width: 2 * halfWidth, height: 50 } : { x: g.cx - halfWidth, y: g.cy + captionDy - 16, width: 2 * halfWidth, height: 50 };
  // The walked key ("◆ cart @ 1,234,567…") stays under the centre wherever the caption went, and is wider.
  return withWalkKey ? [caption, { x: g.cx - 110, y: g.cy + 38, width: 220, height: 24 }] : [caption];
}

/** A node's heading on a card: "Node C", but a node named "node3" (as the lectures name theirs) is "node3", not "Node node3". */
export function nodeTitle(id: string): string {
  return /^node/i.test(id) ? id : `Node ${id}`;
}

/**
 * A side of a split as the ring and its note name it: I, II, III… Roman numerals, so a
 * side reads as nothing like the walk's 1, 2, 3 on the same badges (a node tagged "1" beside
 * its replica badge "1" read as one numbering).
 */
export function sideName(side: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI'][side - 1] ?? String(side);
}

/** Text anchor for a label at this angle outside the ring, so it grows away from the ring. */
export function labelAnchor(angle: number): 'start' | 'middle' | 'end' {
  const s = Math.sin(angle);
  return Math.abs(s) < 0.1 ? 'middle' : s > 0 ? 'start' : 'end';
}

/** About how wide one character of a key's label is (16 px italic), to keep long keys inside the panel. */
export const KEY_CHAR_PX = 9.5;
/** The same for the selected key's label, in 17 px bold. */
export const WALK_KEY_CHAR_PX = 10.8;

/** The most characters of a key the ring writes: a key may have 256, which would run across the ring and out of the panel. */
const RING_KEY_CHARS = 20;

/**
 * A key as the ring writes it: named as its messages' labels name it (`keyName`: quoted where
 * odd, a pasted U+202E escaped, not left to turn the label and what follows it backwards),
 * whole, or cut to its first characters and "…" (its whole name is in the tooltip and the panels).
 */
export function ringKeyName(key: string): string {
  return cutToChars(keyName(key), RING_KEY_CHARS);
}

/** A key whole, as typed, for a tooltip where its name is cut: its control and bidi characters escaped (`oneLine`), so none turns the tooltip's text. */
export function wholeKey(key: string): string {
  return oneLine(key);
}

/** A label's x, moved in just enough that a text about `textWidth` px wide stays inside 0…`width`. */
export function keepInside(x: number, anchor: 'start' | 'middle' | 'end', textWidth: number, width: number): number {
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - textWidth / 2 : x - textWidth;
  return x + Math.max(0, 4 - left) - Math.max(0, left + textWidth - (width - 4));
}

export interface WalkMark {
  readonly step: WalkStep;
  /** `1`…`N` for the top N, `F1`… for fallbacks, `skip` for a token of a node already chosen. */
  readonly label: string;
  /** The arc from the previous stop (or the key) to this token, as an SVG path. */
  readonly arcPath: string;
  readonly marker: Point;
  /** Where the token is, for the leader line when the marker had to move aside. */
  readonly token: Point;
}

/**
 * The walk as drawn: one mark per token visited, up to the last fallback shown. On a big
 * ring the walk meets every node eventually; only `maxFallbacks` fallbacks are drawn.
 */
/**
 * The walk's stops and bands. On the teaching ring a stop's marker sits inside the ring, by
 * its token; where a node's badge is there (`badges`: their centres, of radius
 * `g.badgeRadius`), the marker moves out toward the ring line so the badge does not hide it
 * (lecture 000's F1 sat under node2).
 */
export function walkMarks(walk: readonly WalkStep[], keyPos: number, ringSize: number, g: RingGeometry, maxFallbacks: number, badges: readonly Point[] = []): WalkMark[] {
  const out: WalkMark[] = [];
  const band = arc<{ startAngle: number; endAngle: number }>()
    .innerRadius(g.radius - 5)
    .outerRadius(g.radius + 5);
  let from = angleOf(keyPos, ringSize);
  let replicas = 0;
  let fallbacks = 0;
  // Markers keep a minimum angle apart so tokens close together (the MD5 ring) stay readable.
  const markerRadius = g.isDetailed ? g.radius - 30 : g.radius + 24;
  const minGap = 30 / markerRadius;
  let lastMarker = -Infinity;
  for (const step of walk) {
    if (step.role === 'fallback' && fallbacks >= maxFallbacks) break;
    let to = angleOf(step.pos, ringSize);
    while (to < from - 1e-9) to += TAU;
    const label = step.role === 'replica' ? String(++replicas) : step.role === 'fallback' ? `F${++fallbacks}` : 'skip';
    const markerAngle = Math.max(to, lastMarker + minGap);
    lastMarker = markerAngle;
    // Distance to the nearest badge's edge; the marker takes the spot inside the ring unless a badge covers it.
    const clearance = (p: Point) => Math.min(Infinity, ...badges.map((b) => Math.hypot(b.x - p.x, b.y - p.y) - g.badgeRadius));
    const inner = polar(g, markerAngle, markerRadius);
    const nearRing = polar(g, markerAngle, g.radius - WALK_STOP_R - 2);
    const marker = !g.isDetailed || clearance(inner) >= WALK_STOP_R || clearance(nearRing) <= clearance(inner) ? inner : nearRing;
    out.push({ step, label, arcPath: band({ startAngle: from, endAngle: to }) ?? '', marker, token: polar(g, to, g.radius + (g.isDetailed ? 0 : 8)) });
    from = to;
  }
  return out;
}

/** A walk stop's circle (WalkLayer draws 14 px on the teaching ring). */
const WALK_STOP_R = 14;

/** How far along its link a message is at `clockMs`: 0 at the sender, 1 at the receiver. */
export function messageProgress(msg: Pick<MessageView, 'sentAtMs' | 'deliverAtMs'>, clockMs: number): number {
  const span = msg.deliverAtMs - msg.sentAtMs;
  if (!(span > 0)) return 1;
  return Math.max(0, Math.min(1, (clockMs - msg.sentAtMs) / span));
}

/**
 * Where a message is drawn: between the two badges' edges, shifted a little to the right of
 * its direction so a request and its reply on the same link do not hide each other.
 */
export function messagePoint(from: Point, to: Point, progress: number, badgeRadius: number, offset: number): Point | null {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length < 1e-6) return null;
  const ux = dx / length;
  const uy = dy / length;
  const start = Math.min(badgeRadius + 4, length / 2);
  const travel = Math.max(0, length - 2 * start);
  const d = start + travel * progress;
  return { x: from.x + ux * d - uy * offset, y: from.y + uy * d + ux * offset };
}

export interface NodeRanges {
  /** The ranges (start, end] this node coordinates: from the previous token to each of its own. */
  readonly ranges: readonly (readonly [number, number])[];
  /** The fraction of the ring those ranges cover. */
  readonly share: number;
}

export function nodeRanges(tokens: readonly { readonly pos: number; readonly node: string }[], ringSize: number, node: string, partitions = 0): NodeRanges {
  return primaryRanges([...tokens].sort((a, b) => a.pos - b.pos), ringSize, partitions).get(node) ?? { ranges: [], share: 0 };
}

/** A share of the ring as the lectures write it: one decimal, 53.2%. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * A range (start, end] as people read it: "(230, 458]" on a teaching ring; on the MD5 ring in
 * percentages with as many decimals as keep its two ends apart ("(66.12%, 66.14%]", not
 * "(66.1%, 66.1%]", which read as empty).
 */
export function formatRange([start, end]: readonly [number, number], ringSize: number, isTeaching: boolean): string {
  if (isTeaching) return `(${start}, ${end}]`;
  // Cut, not rounded: a start just short of the top reads 99.9…%, never 100.0%.
  const at = (p: number, digits: number) => `${(Math.floor((p / ringSize) * 100 * 10 ** digits + 1e-6) / 10 ** digits).toFixed(digits)}%`;
  let digits = 1;
  while (digits < 9 && at(start, digits) === at(end, digits)) digits++;
  return `(${at(start, digits)}, ${at(end, digits)}]`;
}

/** A ring position as people read it: the integer on a teaching ring, a percentage of the MD5 ring. */
export function formatPosition(pos: number, ringSize: number, isTeaching: boolean): string {
  if (isTeaching) return String(pos);
  return `${((pos / ringSize) * 100).toFixed(1)}%`;
}

export function anchorBox(x: number, anchor: 'start' | 'middle' | 'end', width: number, top: number, height: number): Box {
  return { x: anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width, y: top, width, height };
}

/** Space kept between a node's card and its badge, and between the card and the panel's edge. */
const CARD_GAP_PX = 10;
const CARD_EDGE_PX = 4;

/**
 * Where a node's card goes: beside the node, on the side towards the ring's centre first,
 * then under it, over it, and in the panel's corners, each kept inside the panel and off the
 * node it is about. Of those, the one over the fewest other badges (`others`), then the
 * nearest: over C, low on the teaching ring, the card hid A and D, the very nodes its note
 * ("the ring dots the nodes C believes down") asks the class to look at.
 */
export function cardPlacement(anchor: Point, g: Pick<RingGeometry, 'width' | 'height' | 'cx' | 'cy' | 'badgeRadius'>, card: { width: number; height: number }, others: readonly Point[] = []): { left: number; top: number } {
  const reach = g.badgeRadius + CARD_GAP_PX;
  const [minX, maxX, maxY] = [CARD_EDGE_PX, g.width - card.width - CARD_EDGE_PX, g.height - card.height - CARD_EDGE_PX];
  const top = Math.max(CARD_EDGE_PX, Math.min(maxY, anchor.y - 30));
  const x = Math.max(minX, Math.min(maxX, anchor.x - card.width / 2));
  const right = { left: anchor.x + reach, top };
  const left = { left: anchor.x - reach - card.width, top };
  const below = { left: x, top: anchor.y + reach };
  const above = { left: x, top: anchor.y - reach - card.height };
  const corners = [minX, maxX].flatMap((l) => [CARD_EDGE_PX, maxY].map((t) => ({ left: l, top: t })));
  const candidates = [...(anchor.x < g.cx ? [right, left] : [left, right]), below, above, ...corners];
  const boxOf = (p: { left: number; top: number }): Box => ({ x: p.left, y: p.top, width: card.width, height: card.height });
  const isInside = (p: { left: number; top: number }) => p.left >= minX - 1e-6 && p.left <= maxX + 1e-6 && p.top >= CARD_EDGE_PX - 1e-6 && p.top <= maxY + 1e-6;
  const covered = (p: { left: number; top: number }) => others.filter((o) => circleMeetsBox(o, g.badgeRadius, boxOf(p))).length;
  const distance = (p: { left: number; top: number }) => Math.hypot(p.left + card.width / 2 - anchor.x, p.top + card.height / 2 - anchor.y);
  // Beside, under and over the node in their order; a corner, the nearest of them, after those.
  const scored = candidates.flatMap((p, i) => (isInside(p) && !circleMeetsBox(anchor, g.badgeRadius, boxOf(p)) ? [{ p, covers: covered(p), rank: i < 4 ? i : 4 + distance(p) }] : []));
  const best = scored.sort((a, b) => a.covers - b.covers || a.rank - b.rank)[0]?.p;
  // None fits (a panel smaller than the card): under the node, or over it in the lower half, slid sideways.
  return best ?? { left: x, top: anchor.y < g.cy || below.top + card.height <= g.height ? below.top : Math.max(CARD_EDGE_PX, above.top) };
}

/** Where a node's state word ("down", "unreachable") goes, relative to its badge's centre (the text's baseline). */
export interface WordAt {
  readonly x: number;
  readonly y: number;
  readonly textAnchor: 'start' | 'middle' | 'end';
}

/**
 * Each state word at the first of its places that comes near no other badge and covers no
 * word placed before it: the badge's inner side, away from the ring and the walk's markers
 * (centred above or below it near the top and bottom, beside it elsewhere), then right of
 * the badge, left of it, below, above. On a small ring A's "unreachable", centred under A,
 * ran on from D's badge and read "D unreachable". A word with no free place takes the one
 * over the fewest badges, then the fewest words.
 */
export function stateWordPlaces(words: readonly { readonly id: string; readonly anchor: Anchor; readonly word: string }[], badges: readonly Point[], r: number, charPx: number): Map<string, WordAt> {
  const placed: Box[] = [];
  const out = new Map<string, WordAt>();
  for (const { id, anchor, word } of words) {
    const w = word.length * charPx;
    const dx = -Math.sin(anchor.angle);
    const dy = Math.cos(anchor.angle);
    const inner: WordAt = Math.abs(dx) < 0.5 ? { x: dx * (r + 14), y: dy * (r + 14) + 6, textAnchor: 'middle' } : { x: dx * (r + 6), y: dy * (r + 6) + 6, textAnchor: dx < 0 ? 'end' : 'start' };
    const places: WordAt[] = [inner, { x: r + 6, y: 6, textAnchor: 'start' }, { x: -r - 6, y: 6, textAnchor: 'end' }, { x: 0, y: r + 20, textAnchor: 'middle' }, { x: 0, y: -r - 8, textAnchor: 'middle' }];
    const boxOf = (p: WordAt): Box => stateWordBox(anchor, p, w);
    // Clear of another badge by more than half a badge: a word that merely grazes one reads as its.
    const isFree = (b: Box) => !placed.some((o) => overlap(b, o) > 0) && !badges.some((c) => (c.x !== anchor.x || c.y !== anchor.y) && circleMeetsBox(c, r * 1.6 + 4, b));
    // With no free place (a crowded ring), the place over the fewest badges, then the fewest words: never over a badge if any place is not.
    const cost = (b: Box) => badges.filter((c) => (c.x !== anchor.x || c.y !== anchor.y) && circleMeetsBox(c, r + 2, b)).length * 1000 + placed.filter((o) => overlap(b, o) > 0).length;
    const best = places.find((p) => isFree(boxOf(p))) ?? places.reduce((a, b) => (cost(boxOf(b)) < cost(boxOf(a)) ? b : a));
    placed.push(boxOf(best));
    out.set(id, best);
  }
  return out;
}

/** The box a state word `width` wide takes at `place` beside the badge at `anchor` (what message labels keep clear of). */
export function stateWordBox(anchor: Point, place: WordAt, width: number): Box {
  return { x: anchor.x + place.x - (place.textAnchor === 'middle' ? width / 2 : place.textAnchor === 'end' ? width : 0), y: anchor.y + place.y - 14, width, height: 18 };
}

function circleMeetsBox(c: Point, radius: number, b: Box): boolean {
  const nx = Math.max(b.x, Math.min(c.x, b.x + b.width));
  const ny = Math.max(b.y, Math.min(c.y, b.y + b.height));
  return (c.x - nx) ** 2 + (c.y - ny) ** 2 < radius * radius;
}
