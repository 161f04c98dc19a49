/**
 * Spreading things apart around a circle (pure): angles at least a gap apart, and token
 * labels by the room each one needs where it stands. The ring's layout places node badges
 * and token labels with them.
 */

const TAU = Math.PI * 2;

/**
 * The angles moved apart until neighbours around the circle are at least `minGap` apart
 * (less when the circle is too crowded for that: then evenly), keeping their circular order
 * and moving each as little as its crowd needs: angles already far apart do not move.
 *
 * Cut the circle at its widest gap, then place the angles on that line as clusters: each
 * crowd is a run `minGap` apart centred on its members' own angles, and a run that reaches
 * its neighbour merges with it (the least-squares placement of ordered, spaced points).
 */
export function spreadAngles(angles: readonly number[], minGap: number): number[] {
  const n = angles.length;
  if (n < 2) return [...angles];
  const gap = Math.max(0, Math.min(minGap, TAU / n));
  const order = angles.map((_, i) => i).sort((a, b) => angles[a]! - angles[b]! || a - b);
  const sorted = order.map((i) => angles[i]!);
  let cut = 0;
  let widest = -1;
  sorted.forEach((a, k) => {
    const width = k === 0 ? a + TAU - sorted[n - 1]! : a - sorted[k - 1]!;
    if (width > widest) [widest, cut] = [width, k];
  });
  // The angles in order from just after the widest gap, unwrapped so they only increase.
  const line = Array.from({ length: n }, (_, j) => sorted[(cut + j) % n]! + (cut + j >= n ? TAU : 0));
  const placed = placeOnLine(line, gap);
  // The two ends may now crowd each other across the cut: then one even run for everyone.
  if (placed[0]! + TAU - placed[n - 1]! < gap - 1e-9) {
    const first = line.reduce((sum, a, j) => sum + a - j * gap, 0) / n;
    for (let j = 0; j < n; j++) placed[j] = first + j * gap;
  }
  const out = new Array<number>(n);
  placed.forEach((a, j) => (out[order[(cut + j) % n]!] = a >= 0 && a < TAU ? a : ((a % TAU) + TAU) % TAU));
  return out;
}

/**
 * Ordered points on a line moved apart until neighbours are at least `gap` apart, each crowd
 * a run `gap` apart centred on its members' own positions, and a run that reaches its
 * neighbour merging with it (the least-squares placement of ordered, spaced points).
 */
function placeOnLine(line: readonly number[], gap: number): number[] {
  // Each cluster: its first member, its size, and the sum of (position − offset in the run).
  const clusters: { first: number; size: number; sum: number }[] = [];
  const startOf = (c: { size: number; sum: number }) => c.sum / c.size;
  line.forEach((a, j) => {
    let c = { first: j, size: 1, sum: a };
    for (let prev = clusters.at(-1); prev && startOf(prev) + prev.size * gap > startOf(c); prev = clusters.at(-1)) {
      clusters.pop();
      c = { first: prev.first, size: prev.size + c.size, sum: prev.sum + c.sum - c.size * prev.size * gap };
    }
    clusters.push(c);
  });
  const placed = new Array<number>(line.length);
  for (const c of clusters) for (let m = 0; m < c.size; m++) placed[c.first + m] = startOf(c) + m * gap;
  return placed;
}

/**
 * As `spreadAngles`, but no angle ends inside the arc clockwise from `from` to `to` (the
 * room a caption takes): an angle in it moves to the arc's nearer end, and the circle is cut
 * there, so a crowd pushed out of it grows away from it. When the rest of the circle is too
 * crowded for `minGap`, the angles share it evenly.
 */
export function spreadAnglesAvoiding(angles: readonly number[], minGap: number, from: number, to: number): number[] {
  const n = angles.length;
  const wrap = (a: number) => ((a % TAU) + TAU) % TAU;
  const room = wrap(from - to); // the free arc, clockwise from `to` to `from`
  if (n === 0) return [];
  // Each angle as its offset clockwise from `to`, those in the arc moved to its nearer end.
  const own = angles.map((a) => wrap(a - to));
  const offsets = own.map((d) => (d <= room ? d : d - room < TAU - d ? room : 0));
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]! || a - b);
  // Evenly sharing the free arc when it is crowded, and never closer across the avoided arc than around the circle.
  const gap = n < 2 ? 0 : Math.min(minGap, room / (n - 1), TAU / n);
  const pad = Math.max(0, (gap - (TAU - room)) / 2);
  const placed = placeOnLine(order.map((i) => offsets[i]!), gap);
  // Kept inside the free arc: pushed in from its start, then from its end.
  for (let j = 0; j < n; j++) placed[j] = Math.max(placed[j]!, j === 0 ? pad : placed[j - 1]! + gap);
  for (let j = n - 1; j >= 0; j--) placed[j] = Math.min(placed[j]!, j === n - 1 ? room - pad : placed[j + 1]! - gap);
  const out = new Array<number>(n);
  order.forEach((i, j) => (out[i] = own[i] === placed[j] ? angles[i]! : wrap(to + placed[j]!)));
  return out;
}

export interface LabelSizes {
  readonly sideWidth: number;
  readonly sideHeight: number;
  readonly lineWidth: number;
}

/**
 * The arc length two token labels need between their anchors at `angle` so their boxes do
 * not touch: on the sides, where neighbours stack, a label's height; towards the top and
 * bottom, where they stand side by side, its width (both as the arc turns there).
 */
function labelArcNeed(angle: number, sizes: LabelSizes): number {
  const across = Math.abs(Math.sin(angle));
  const along = Math.abs(Math.cos(angle));
  if (across < 0.1) return sizes.lineWidth; // one line, anchored at its middle (labelAnchor)
  return Math.min(sizes.sideWidth / Math.max(along, 1e-6), sizes.sideHeight / across);
}

/** Steps of the table that maps an angle to the scale on which labels need the same room everywhere. */
const NEED_STEPS = 720;

/**
 * Token labels spread around the ring so that neighbours' boxes do not touch. The room a
 * label needs changes around the circle (`labelArcNeed`), so the angles are first mapped to
 * a scale on which it is the same everywhere, spread there by `spreadAngles`, and mapped
 * back. A label that needs no room keeps its token's angle exactly. With `avoid`, an arc
 * clockwise from `from` to `to` where a label would cover something (the ring's caption in
 * the panel's corner), no label stays in it.
 */
export function spreadLabelAngles(angles: readonly number[], labelR: number, sizes: LabelSizes, avoid: { readonly from: number; readonly to: number } | null = null): number[] {
  if (angles.length < (avoid === null ? 2 : 1)) return [...angles];
  // scale[k]: the room, in labels, from angle 0 to angle k·TAU/NEED_STEPS.
  const scale = new Float64Array(NEED_STEPS + 1);
  const step = TAU / NEED_STEPS;
  for (let k = 0; k < NEED_STEPS; k++) scale[k + 1] = scale[k]! + (labelR * step) / labelArcNeed((k + 0.5) * step, sizes);
  const total = scale[NEED_STEPS]!;
  const toScale = (a: number) => {
    const x = a / step;
    const k = Math.min(NEED_STEPS - 1, Math.floor(x));
    return scale[k]! + (x - k) * (scale[k + 1]! - scale[k]!);
  };
  const fromScale = (u: number) => {
    let lo = 0;
    let hi = NEED_STEPS;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (scale[mid]! <= u) lo = mid;
      else hi = mid;
    }
    return (lo + (u - scale[lo]!) / (scale[lo + 1]! - scale[lo]!)) * step;
  };
  const toTau = (a: number) => (toScale(a) / total) * TAU;
  const mapped = angles.map(toTau);
  const spread = avoid === null ? spreadAngles(mapped, TAU / total) : spreadAnglesAvoiding(mapped, TAU / total, toTau(avoid.from), toTau(avoid.to));
  return spread.map((m, i) => (m === mapped[i] ? angles[i]! : fromScale((m / TAU) * total)));
}
