/**
 * The latency ledger counts exactly the requests answered by the cursor, failed ones apart,
 * and its percentiles are d3-array's over the same latencies sorted: after any walk of the
 * cursor forwards and back, as after a fresh read; and on a real cluster's trace.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Cluster, type TraceEvent } from '../../engine/index';
// Test support shared with the engine's own tests; it reaches the engine through index.ts alone.
// eslint-disable-next-line no-restricted-imports
import { FOUR_NODE_RING } from '../../engine/testing/fixtures';
import { binCounts, HIST_THRESHOLDS, LatencyLedger, percentile, SLA_MS, type LatencyStats } from './latency-ledger';

interface End {
  readonly op: 'get' | 'put';
  readonly ok: boolean;
  readonly latencyMs: number;
}

/** A trace of op-ends, each after a note that is no request, so indices and counts differ. */
function traceOf(ends: readonly End[]): TraceEvent[] {
  return ends.flatMap((e, i): TraceEvent[] => [
    { seq: 2 * i, atMs: i, node: null, causeSeq: null, kind: 'note', text: 'between' },
    { seq: 2 * i + 1, atMs: i, node: 'A', causeSeq: null, kind: 'op-end', opId: i, op: e.op, key: 'k', ok: e.ok, latencyMs: e.latencyMs, coordinator: 'A' },
  ]);
}

/** The smallest latency that at least a share `q` of the requests did not exceed. */
function plainPercentile(sorted: readonly number[], q: number): number | undefined {
  return sorted.find((v) => sorted.filter((x) => x <= v).length >= q * sorted.length);
}

/** What the ledger should say of `ends`' first `upTo` trace events, computed the plain way. */
function expected(ends: readonly End[], upTo: number, op: 'get' | 'put'): LatencyStats {
  const answered = ends.filter((_, i) => 2 * i + 1 < upTo && ends[i]!.op === op);
  const sorted = answered.filter((e) => e.ok).map((e) => e.latencyMs).sort((a, b) => a - b);
  return {
    op,
    answered: answered.length,
    failed: answered.filter((e) => !e.ok).length,
    succeeded: sorted.length,
    p50: plainPercentile(sorted, 0.5),
    p99: plainPercentile(sorted, 0.99),
    p999: plainPercentile(sorted, 0.999),
    slowestMs: sorted.at(-1),
    withinSla: sorted.filter((ms) => ms <= SLA_MS).length,
    slaMs: SLA_MS,
    bins: binCounts(sorted),
  };
}

const end = fc.record({ op: fc.constantFrom<'get' | 'put'>('get', 'put'), ok: fc.boolean(), latencyMs: fc.double({ min: 0, max: 2000, noNaN: true }) });

describe('the ledger against a plain count over the same sorted latencies', () => {
  test.prop([fc.array(end, { maxLength: 300 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 })])('at every cursor a walk visits, forwards and back', (ends, cursors) => {
    const trace = traceOf(ends);
    const ledger = new LatencyLedger();
    for (const c of cursors) {
      const upTo = c % (trace.length + 1);
      const at = ledger.at(trace, upTo);
      expect(at.get).toEqual(expected(ends, upTo, 'get'));
      expect(at.put).toEqual(expected(ends, upTo, 'put'));
    }
  });

  test.prop([fc.array(end, { minLength: 1, maxLength: 200 })])('a trace read as it grows says what a fresh read says', (ends) => {
    const trace = traceOf(ends);
    const ledger = new LatencyLedger();
    const growing: TraceEvent[] = [];
    for (const e of trace) {
      growing.push(e);
      ledger.at(growing, growing.length);
    }
    expect(ledger.at(growing, growing.length)).toEqual(new LatencyLedger().at(trace, trace.length));
  });
});

describe('percentiles', () => {
  test.prop([fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.constantFrom(0.5, 0.99, 0.999)])('"q of requests within p" is true as written, and p is a latency some request had', (latencies, q) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const p = percentile(sorted, q)!;
    expect(sorted).toContain(p);
    expect(sorted.filter((ms) => ms <= p).length).toBeGreaterThanOrEqual(q * sorted.length);
    expect(sorted.filter((ms) => ms < p).length).toBeLessThan(q * sorted.length);
  });

  it('three puts: the 99.9th is the slowest, not a latency between the two slowest', () => {
    expect(percentile([100, 115.4, 115.8], 0.999)).toBe(115.8);
    expect(percentile([100, 115.4, 115.8], 0.5)).toBe(115.4);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('what counts', () => {
  const ends: End[] = [
    { op: 'get', ok: true, latencyMs: 12 },
    { op: 'get', ok: false, latencyMs: 300 },
    { op: 'put', ok: true, latencyMs: 20 },
    { op: 'get', ok: true, latencyMs: 40 },
  ];

  it('a failed request is answered but not among the percentiles', () => {
    const { get } = new LatencyLedger().at(traceOf(ends), 8);
    // The median of 12 and 40 is 12 (half of the gets within it), not 26, which no get took.
    expect([get.answered, get.failed, get.succeeded, get.p50, get.slowestMs]).toEqual([3, 1, 2, 12, 40]);
  });

  it('only the requests answered before the cursor', () => {
    const ledger = new LatencyLedger();
    const trace = traceOf(ends);
    expect(ledger.at(trace, 8).get.answered).toBe(3);
    expect(ledger.at(trace, 3).get).toMatchObject({ answered: 1, failed: 0, p999: 12 });
    expect(ledger.at(trace, 3).put.answered).toBe(0);
    expect(ledger.at(trace, 0).get).toMatchObject({ answered: 0, p50: undefined, p999: undefined });
  });

  it('a cut trace (a fork) is read afresh', () => {
    const ledger = new LatencyLedger();
    const trace = traceOf(ends);
    ledger.at(trace, trace.length, 0);
    const forked = traceOf([{ op: 'get', ok: true, latencyMs: 5 }]);
    expect(ledger.at(forked, forked.length, 1).get).toMatchObject({ answered: 1, p50: 5 });
  });

  it('forgotten (the trace was cut), it reads the trace afresh, even in the same epoch', () => {
    const ledger = new LatencyLedger();
    const trace = traceOf(ends);
    const before = ledger.at(trace, trace.length, 0);
    ledger.forget();
    expect(ledger.at(trace, trace.length, 0)).toEqual(before);
    expect(ledger.at(trace, 3, 0)).toEqual(new LatencyLedger().at(trace, 3, 0));
  });

  it('the histogram has a bin more than its inner edges, and clamps the tails into its end bins', () => {
    const counts = binCounts([0.2, 1, 10, 999, 5000]);
    expect(counts).toHaveLength(HIST_THRESHOLDS.length + 1);
    expect(counts[0]).toBe(2);
    expect(counts.at(-1)).toBe(2);
    expect(counts.reduce((a, b) => a + b)).toBe(5);
  });
});

describe('on a cluster', () => {
  it('every get and put the clients made is counted once, failures apart, a failed coordinator refusing', () => {
    const cluster = Cluster.create(FOUR_NODE_RING, 7);
    for (let i = 0; i < 20; i++) cluster.apply({ type: 'put', key: `k${i % 5}`, value: i, via: 'A' });
    cluster.runUntil(1000);
    cluster.apply({ type: 'fail', node: 'B' });
    for (let i = 0; i < 10; i++) cluster.apply({ type: 'get', key: `k${i % 5}`, via: i % 2 === 0 ? 'A' : 'B' });
    cluster.runUntil(3000);
    const at = new LatencyLedger().at(cluster.trace, cluster.trace.length);
    expect([at.put.answered, at.put.failed, at.get.answered]).toEqual([20, 0, 10]);
    expect(at.get.failed).toBeGreaterThanOrEqual(5); // B was down: those through it were refused
    expect(at.put.p50).toBeGreaterThan(0);
    expect(at.put.p999).toBeLessThanOrEqual(at.put.slowestMs!);
  });
});
