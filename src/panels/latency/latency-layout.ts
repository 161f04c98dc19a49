/**
 * Geometry of a latency histogram and the words the panel writes large: a logarithmic
 * time axis (a long tail reads best on one, and 1 ms, 10 ms and 100 ms stand equally
 * apart), a bar per bin, the 50th, 99th and 99.9th percentiles marked, and the paper's
 * 300 ms line. d3 does the scales; React draws.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { HIST_MAX_MS, HIST_MIN_MS, HIST_THRESHOLDS, type LatencyStats } from './latency-ledger';

export interface HistogramBox {
  readonly width: number;
  readonly height: number;
}

export interface HistogramBar {
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
  readonly count: number;
}

export interface PercentileMark {
  readonly label: string;
  readonly ms: number;
  readonly x: number;
  /** Which row of labels above the plot: a mark close to the one before goes a row higher. */
  readonly row: number;
}

export interface Histogram {
  readonly bars: readonly HistogramBar[];
  readonly marks: readonly PercentileMark[];
  readonly slaX: number;
  readonly xTicks: readonly { readonly x: number; readonly label: string; readonly anchor: 'start' | 'middle' | 'end' }[];
  readonly plot: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
}

/** Rows of percentile labels above the plot (one each at worst), and their height. */
export const LABEL_ROWS = 3;
export const ROW_PX = 15;
/** Two labels closer than this share no row. */
const LABEL_GAP_PX = 58;
/** A bin with any request in it is at least this tall, so one slow request in the tail shows. */
const MIN_BAR_PX = 2;

const TICKS_MS = [1, 3, 10, 30, 100, 300, 1000];
/** Below this width (a phone) the 3s go: "100 ms 300 ms" ran together. The 300 ms line keeps its own label. */
const NARROW_PX = 420;
const NARROW_TICKS_MS = [1, 10, 100, 1000];

/** "84.2 ms", "1.2 s": a latency as the panel writes it, its unit kept on its line (a no-break space). */
export function formatLatency(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)}\u00a0ms` : `${(ms / 1000).toFixed(1)}\u00a0s`;
}

/** "1,204": counts as the panel writes them. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** "98.9%", never "100.0%" while one request missed. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '–';
  const pct = (100 * part) / whole;
  return part < whole && pct >= 99.95 ? '>99.9%' : `${pct.toFixed(1).replace(/\.0$/, '')}%`;
}

/** Spreads labels over `LABEL_ROWS` rows, left to right: each takes the lowest row whose last label is far enough to its left. */
function rowsFor(xs: readonly number[]): number[] {
  const lastX = new Array<number>(LABEL_ROWS).fill(-Infinity);
  return xs.map((x) => {
    const row = lastX.findIndex((last) => x - last >= LABEL_GAP_PX);
    lastX[row] = x;
    return row;
  });
}

export function histogram(stats: LatencyStats, box: HistogramBox): Histogram {
  const plot = { x0: 4, x1: box.width - 4, y0: box.height - 20, y1: LABEL_ROWS * ROW_PX + 4 };
  const x = scaleLog().domain([HIST_MIN_MS, HIST_MAX_MS]).range([plot.x0, plot.x1]).clamp(true);
  const peak = Math.max(0, ...stats.bins);
  const y = scaleLinear()
    .domain([0, Math.max(1, peak)])
    .range([0, plot.y0 - plot.y1]);
  const edges = [HIST_MIN_MS, ...HIST_THRESHOLDS, HIST_MAX_MS];
  const bars = stats.bins.map((count, i) => {
    const x0 = x(edges[i]!);
    const height = count === 0 ? 0 : Math.max(MIN_BAR_PX, y(count));
    return { x: x0 + 0.5, width: Math.max(1, x(edges[i + 1]!) - x0 - 1), y: plot.y0 - height, height, count };
  });
  const found = [
    { label: '50%', ms: stats.p50 },
    { label: '99%', ms: stats.p99 },
    { label: '99.9%', ms: stats.p999 },
  ].filter((m): m is { label: string; ms: number } => m.ms !== undefined);
  const xs = found.map((m) => x(m.ms));
  const rows = rowsFor(xs);
  const marks = found.map((m, i) => ({ ...m, x: xs[i]!, row: rows[i]! }));
  const ticks = box.width < NARROW_PX ? NARROW_TICKS_MS : TICKS_MS;
  const xTicks = ticks.map((ms, i) => ({ x: x(ms), label: ms < 1000 ? `${ms} ms` : '1 s', anchor: i === 0 ? ('start' as const) : i === ticks.length - 1 ? ('end' as const) : ('middle' as const) }));
  return { bars, marks, slaX: x(stats.slaMs), xTicks, plot };
}
