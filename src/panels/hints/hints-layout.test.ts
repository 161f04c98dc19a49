import { describe, expect, it } from 'vitest';
import { countChart, formatMs, stepPoints } from './hints-layout';

const box = { width: 400, height: 100, left: 30, bottom: 20 };

describe('hints held over time', () => {
  it('is a step function from 0 at the start to the count at the cursor; later points are the future', () => {
    const points = [
      { atMs: 100, count: 1 },
      { atMs: 900, count: 0 },
    ];
    expect(stepPoints(points, 500)).toEqual([
      { atMs: 0, count: 0 },
      { atMs: 100, count: 1 },
      { atMs: 500, count: 1 },
    ]);
    expect(stepPoints([], 0)).toEqual([
      { atMs: 0, count: 0 },
      { atMs: 0, count: 0 },
    ]);
  });

  it('fits the box: time runs left to right, more hints are higher, and the peak is labelled', () => {
    const chart = countChart([{ atMs: 250, count: 3 }], 1000, box);
    expect(chart.peak).toBe(3);
    expect(chart.plot).toEqual({ x0: 30, x1: 392, y0: 80, y1: 6 });
    expect(chart.xTicks[0]).toEqual({ x: 30, label: '0 ms', anchor: 'start' });
    expect(chart.xTicks.at(-1)!.x).toBeLessThanOrEqual(392);
    expect(chart.yTicks.map((t) => t.label)).toContain('3');
    const [zero, three] = [chart.yTicks.find((t) => t.label === '0')!, chart.yTicks.find((t) => t.label === '3')!];
    expect(three.y).toBeLessThan(zero.y);
    expect(chart.areaPath.startsWith('M30,80')).toBe(true);
  });

  it('labels virtual time in ms, then seconds', () => {
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(12_400)).toBe('12 s');
  });
});

describe('the time axis', () => {
  it('spans at least 100 ms and never repeats a label', () => {
    const chart = countChart([], 0, box);
    expect(chart.xTicks.at(-1)!.label).toBe('100 ms');
    for (const nowMs of [1, 7, 117, 1500, 12_345]) {
      const labels = countChart([], nowMs, box).xTicks.map((t) => t.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('marks now where it is on the axis: at 0 ms, the left edge; past the least span, the right edge', () => {
    expect(countChart([], 0, box).nowX).toBe(countChart([], 0, box).plot.x0);
    const early = countChart([], 50, box);
    expect(early.nowX).toBeCloseTo((early.plot.x0 + early.plot.x1) / 2);
    const late = countChart([], 1500, box);
    expect(late.nowX).toBe(late.plot.x1);
  });

  it('ends a label at the right edge at its tick, so "100 ms" is not cut', () => {
    const ticks = countChart([], 0, box).xTicks;
    expect(ticks.at(-1)).toMatchObject({ label: '100 ms', anchor: 'end' });
    expect(ticks[0]!.anchor).toBe('start');
    expect(ticks.slice(1, -1).every((t) => t.anchor === 'middle')).toBe(true);
  });
});
