/**
 * What the latency panel writes and draws for a set of statistics: its words (the honest note
 * below 1,000 requests, failures counted in) and its histogram's geometry (a log axis, marks
 * kept apart, the 300 ms line where 300 ms is).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binCounts, HIST_THRESHOLDS, percentile, SLA_MS, type LatencyStats } from './latency-ledger';
import { formatLatency, formatShare, histogram, LABEL_ROWS } from './latency-layout';
import { latencyWords } from './latency-text';

function statsOf(op: 'get' | 'put', okMs: readonly number[], failed = 0): LatencyStats {
  const s = [...okMs].sort((a, b) => a - b);
  return { op, answered: s.length + failed, failed, succeeded: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99), p999: percentile(s, 0.999), slowestMs: s.at(-1), withinSla: s.filter((ms) => ms <= SLA_MS).length, slaMs: SLA_MS, bins: binCounts(s) };
}

describe('the panel’s words', () => {
  it('says the 99.9th percentile first, counts failures among the requests, and keeps each unit on its line', () => {
    const words = latencyWords(statsOf('get', [10, 20, 30, 400], 1));
    expect(words.headline).toBe('99.9% of gets within');
    expect(words.headlineMs).toBe(formatLatency(400));
    expect(words.counts).toBe('5 gets · 1 failed · 60% within 300\u00a0ms');
    expect(words.note).toBe('With 4 gets, the 99.9th percentile (and the 99th too) is the slowest one: 1,000 are needed to say more.');
  });

  it('drops "the 99th too" from 100 requests and the note from 1,000', () => {
    const ms = (n: number) => Array.from({ length: n }, (_, i) => 1 + i / 10);
    expect(latencyWords(statsOf('put', ms(100))).note).toBe('With 100 puts, the 99.9th percentile is the slowest one: 1,000 are needed to say more.');
    expect(latencyWords(statsOf('put', ms(1000))).note).toBeNull();
    expect(latencyWords(statsOf('put', [7])).note).toBe('With one put answered, every percentile is that one put.');
  });

  it('says why requests answered in 0 ms took no time: one reply, the coordinator\'s own, was enough (R=1 or W=1)', () => {
    const zeros = Array.from({ length: 1000 }, () => 0);
    expect(latencyWords(statsOf('get', zeros)).note).toBe('Answered in 0 ms: with R=1 a coordinator that holds the key needs only its own copy, and the client’s hop to it is not simulated.');
    expect(latencyWords(statsOf('put', [0, 0, 12])).note).toMatch(/^Answered in 0 ms: with W=1 .* With 3 puts, the 99.9th percentile/);
    expect(latencyWords(statsOf('get', [0, 10, 12])).note).not.toMatch(/0 ms/);
  });

  it('with none succeeded, says so rather than show a percentile', () => {
    expect(latencyWords(statsOf('get', [], 1))).toMatchObject({ headline: 'The one get failed', headlineMs: null, figures: null });
    expect(latencyWords(statsOf('get', [], 3)).headline).toBe('All 3 gets failed');
    expect(latencyWords(statsOf('put', []))).toMatchObject({ headline: 'No put answered yet', counts: null }); // not "0 puts · 0 failed · – within 300 ms"
  });

  it('never rounds a miss up to 100%', () => {
    expect(formatShare(9999, 10000)).toBe('>99.9%');
    expect(formatShare(10000, 10000)).toBe('100%');
    expect(formatShare(1, 3)).toBe('33.3%');
    expect(formatShare(0, 0)).toBe('–');
  });
});

describe('the histogram', () => {
  it('puts each bar, mark and the 300 ms line inside the box, left to right as time grows, on a log axis', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 5000, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 120, max: 900 }), (ms, width) => {
        const h = histogram(statsOf('get', ms), { width, height: 118 });
        expect(h.bars).toHaveLength(HIST_THRESHOLDS.length + 1);
        for (const b of h.bars) expect(b.x >= h.plot.x0 && b.x + b.width <= h.plot.x1 + 0.5 && b.y >= h.plot.y1 - 0.001).toBe(true);
        expect(h.bars.reduce((n, b) => n + b.count, 0)).toBe(ms.length);
        const xs = h.marks.map((m) => m.x);
        expect([...xs].sort((a, b) => a - b)).toEqual(xs);
        for (const m of h.marks) expect(m.row >= 0 && m.row < LABEL_ROWS && m.x >= h.plot.x0 && m.x <= h.plot.x1).toBe(true);
        expect(h.slaX).toBeGreaterThan(h.plot.x0);
        expect(h.slaX).toBeLessThan(h.plot.x1);
      }),
    );
  });

  it('keeps marks that would touch on separate rows, and stands 10 ms as far from 1 ms as 100 ms from 10 ms', () => {
    const h = histogram(statsOf('get', [...Array.from({ length: 998 }, () => 20), 21, 22]), { width: 440, height: 118 });
    expect(new Set(h.marks.map((m) => m.row)).size).toBe(3); // 50%, 99% and 99.9% all near 20 ms
    const tick = (label: string) => h.xTicks.find((t) => t.label === label)!.x;
    expect(tick('10 ms') - tick('1 ms')).toBeCloseTo(tick('100 ms') - tick('10 ms'), 6);
    expect(h.slaX).toBeCloseTo(tick('300 ms'), 6);
    // On a phone the 3s go, so "100 ms" and "300 ms" do not run together.
    expect(histogram(statsOf('get', [20]), { width: 340, height: 118 }).xTicks.map((t) => t.label)).toEqual(['1 ms', '10 ms', '100 ms', '1 s']);
  });
});
