/**
 * Geometry of the "hints held over time" chart: a step area from the start of the session
 * to the cursor, with a few round ticks. d3 does the scales and the path; React draws.
 */
import { scaleLinear } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import type { HintCountPoint } from './hint-ledger';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room for the y labels on the left and the x labels below. */
  readonly left: number;
  readonly bottom: number;
}

export interface CountChart {
  readonly areaPath: string;
  readonly linePath: string;
  readonly xTicks: readonly { readonly x: number; readonly label: string; readonly anchor: 'start' | 'middle' | 'end' }[];
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  /** The most hints held at once so far. */
  readonly peak: number;
  readonly plot: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
  /** Where "now" is on the time axis: the right edge once the run is longer than the axis's least span. */
  readonly nowX: number;
}

/** "250 ms", "1.5 s", "12 s": virtual time as the axis says it. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s < 10 ? Number(s.toFixed(1)) : Math.round(s)} s`;
}

/** The count as a step function of time, from 0 at time 0 to the count at `nowMs`. */
export function stepPoints(points: readonly HintCountPoint[], nowMs: number): HintCountPoint[] {
  const out: HintCountPoint[] = [{ atMs: 0, count: 0 }];
  for (const p of points) if (p.atMs <= nowMs) out.push(p);
  out.push({ atMs: Math.max(nowMs, out.at(-1)!.atMs), count: out.at(-1)!.count });
  return out;
}

/** The time axis spans at least this much, so the first moments are not stretched across the chart. */
export const MIN_SPAN_MS = 100;

/** A time label this close to the chart's right edge is drawn ending at its tick. */
const EDGE_PX = 30;

export function countChart(points: readonly HintCountPoint[], nowMs: number, box: ChartBox): CountChart {
  const series = stepPoints(points, nowMs);
  const peak = Math.max(0, ...series.map((p) => p.count));
  const plot = { x0: box.left, x1: box.width - 8, y0: box.height - box.bottom, y1: 6 };
  const x = scaleLinear()
    .domain([0, Math.max(MIN_SPAN_MS, nowMs)])
    .range([plot.x0, plot.x1]);
  const y = scaleLinear()
    .domain([0, Math.max(1, peak)])
    .range([plot.y0, plot.y1])
    .nice(3);
  const areaPath =
    area<HintCountPoint>()
      .x((p) => x(p.atMs))
      .y0(plot.y0)
      .y1((p) => y(p.count))
      .curve(curveStepAfter)(series) ?? '';
  const linePath =
    line<HintCountPoint>()
      .x((p) => x(p.atMs))
      .y((p) => y(p.count))
      .curve(curveStepAfter)(series) ?? '';
  // The first label starts at its tick and one near the right edge ends at it, so neither is cut.
  const xTicks = x
    .ticks(4)
    .map((t) => ({ x: x(t), label: formatMs(t) }))
    .filter((t, i, all) => i === 0 || t.label !== all[i - 1]!.label)
    .map((t, i) => ({ ...t, anchor: i === 0 ? ('start' as const) : t.x > plot.x1 - EDGE_PX ? ('end' as const) : ('middle' as const) }));
  const yTicks = y
    .ticks(Math.min(3, Math.max(1, peak)))
    .filter(Number.isInteger)
    .map((t) => ({ y: y(t), label: String(t) }));
  return { areaPath, linePath, xTicks, yTicks, peak, plot, nowX: x(nowMs) };
}
