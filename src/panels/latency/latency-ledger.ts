/**
 * Latency as the clients see it (paper §2.3 and §6; lectures 000, 003, 004).
 *
 * Dynamo's requirement is not an average but a tail: 99.9% of requests answered within
 * 300 ms. A get waits for the slowest of its R replies and a put for the slowest of its W
 * acknowledgements, so R=3 shows as slower reads, and a network cut as requests that run
 * into the deadline (counted apart: a failure has no latency of its own). Every answered request ends in an `op-end` event with its latency;
 * this ledger reads them from the trace and keeps, for gets and puts apart, the failed
 * ones counted aside and the successful ones' latencies sorted, so the percentiles are
 * taken over exactly the requests answered by the cursor. A percentile is a latency some
 * request had (nearest rank, `percentile`), never one between two: "99.9% of puts within
 * 115.6 ms" over three puts, the second at 115.4 and the third at 115.8, was false.
 *
 * Cheap at a million events: the trace is read once, forwards, as it grows (the future
 * beyond the cursor included: stepping back only shortens a prefix); the sorted latencies
 * follow the cursor by merging the newly answered in, or taking the few un-answered out,
 * and are sorted afresh only for a long jump back. The histogram's counts follow the same
 * way, each batch binned by d3-array's `bin` over fixed thresholds.
 */
import { bin, bisectLeft, bisectRight } from 'd3-array';
import type { TraceEvent } from '../../engine/index';

export type LatencyOp = 'get' | 'put';

/**
 * The `q` percentile of `sorted` by nearest rank: the smallest latency that at least a share
 * `q` of the requests did not exceed, so "99.9% within" it is true as written. With fewer
 * than 1,000 requests the 99.9th is the slowest. Undefined with none.
 */
export function percentile(sorted: readonly number[], q: number): number | undefined {
  return sorted.length === 0 ? undefined : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** The histogram's span (ms): latencies outside it count in the first or last bin. */
export const HIST_MIN_MS = 1;
export const HIST_MAX_MS = 1000;
/** Bins per tenfold of latency: the axis is logarithmic, as a long tail reads best. */
const BINS_PER_DECADE = 8;

/** The bins' inner edges, evenly spaced on a log axis from `HIST_MIN_MS` to `HIST_MAX_MS`. */
export const HIST_THRESHOLDS: readonly number[] = Array.from({ length: 3 * BINS_PER_DECADE - 1 }, (_, i) => HIST_MIN_MS * 10 ** ((i + 1) / BINS_PER_DECADE));

const clampMs = (ms: number) => Math.min(HIST_MAX_MS, Math.max(HIST_MIN_MS, ms));
const binner = bin<number, number>()
  .value(clampMs)
  .domain([HIST_MIN_MS, HIST_MAX_MS])
  .thresholds(HIST_THRESHOLDS as number[]);

/** How many of `values` fall in each bin (`HIST_THRESHOLDS.length + 1` of them). */
export function binCounts(values: readonly number[]): number[] {
  return binner(values as number[]).map((b) => b.length);
}

/** The requests of one kind answered by the cursor. */
export interface LatencyStats {
  readonly op: LatencyOp;
  /** Answered: succeeded or failed. */
  readonly answered: number;
  /** Failed: timed out, or refused by a coordinator that was down. */
  readonly failed: number;
  readonly succeeded: number;
  /** Percentiles of the successful ones' latency (ms); undefined with none. */
  readonly p50: number | undefined;
  readonly p99: number | undefined;
  readonly p999: number | undefined;
  readonly slowestMs: number | undefined;
  /** Successful within `slaMs`. */
  readonly withinSla: number;
  readonly slaMs: number;
  /** The successful ones per histogram bin. */
  readonly bins: readonly number[];
}

/** The paper's service-level agreement: 99.9% of requests within 300 ms. */
export const SLA_MS = 300;

/** Merges two sorted lists into a new one. */
function merged(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

const ascending = (a: number, b: number) => a - b;

/** A long jump back sorts afresh rather than taking this many out one by one. */
const MAX_REMOVALS = 64;

/** One kind of request: its op-ends in trace order, and the successful latencies of a prefix sorted. */
class OpSeries {
  /** Trace index and latency of each successful op-end, in trace order. */
  private readonly okAt: number[] = [];
  private readonly okMs: number[] = [];
  private readonly failedAt: number[] = [];
  /** `okMs` of the first `sortedCount` successful ones, sorted; their histogram counts. */
  private sorted: number[] = [];
  private sortedCount = 0;
  private counts: number[] = binCounts([]);

  constructor(readonly op: LatencyOp) {}

  add(index: number, ok: boolean, latencyMs: number): void {
    if (!ok) {
      this.failedAt.push(index);
      return;
    }
    this.okAt.push(index);
    this.okMs.push(latencyMs);
  }

  /** The statistics of the op-ends before trace index `upTo`. */
  at(upTo: number): LatencyStats {
    const succeeded = bisectLeft(this.okAt, upTo);
    const failed = bisectLeft(this.failedAt, upTo);
    this.follow(succeeded);
    const s = this.sorted;
    return {
      op: this.op,
      answered: succeeded + failed,
      failed,
      succeeded,
      p50: percentile(s, 0.5),
      p99: percentile(s, 0.99),
      p999: percentile(s, 0.999),
      slowestMs: s.at(-1),
      withinSla: bisectRight(s, SLA_MS),
      slaMs: SLA_MS,
      bins: this.counts.slice(),
    };
  }

  /** Brings `sorted` and `counts` to the first `count` successful requests. */
  private follow(count: number): void {
    if (count > this.sortedCount) {
      const added = this.okMs.slice(this.sortedCount, count);
      this.sorted = merged(this.sorted, added.sort(ascending));
      binCounts(added).forEach((n, i) => (this.counts[i]! += n));
    } else if (count < this.sortedCount - MAX_REMOVALS) {
      this.sorted = this.okMs.slice(0, count).sort(ascending);
      this.counts = binCounts(this.sorted);
    } else if (count < this.sortedCount) {
      const removed = this.okMs.slice(count, this.sortedCount);
      for (const ms of removed) this.sorted.splice(bisectLeft(this.sorted, ms), 1);
      binCounts(removed).forEach((n, i) => (this.counts[i]! -= n));
    }
    this.sortedCount = count;
  }
}

export interface LatencyAtCursor {
  readonly get: LatencyStats;
  readonly put: LatencyStats;
}

/** Both kinds of request, read from a trace that grows, and is cut when the timeline forks (`epoch` changes then). */
export class LatencyLedger {
  private read = 0;
  private epoch = -1;
  private series = { get: new OpSeries('get'), put: new OpSeries('put') };

  /** The requests answered in the first `upTo` events of `events`. */
  at(events: readonly TraceEvent[], upTo: number, epoch = 0): LatencyAtCursor {
    if (epoch !== this.epoch || events.length < this.read) this.reset(epoch);
    for (; this.read < events.length; this.read++) {
      const e = events[this.read]!;
      if (e.kind === 'op-end') this.series[e.op].add(this.read, e.ok, e.latencyMs);
    }
    const end = Math.min(upTo, events.length);
    return { get: this.series.get.at(end), put: this.series.put.at(end) };
  }

  /** Lets everything read go (the trace was cut): the next `at` reads the trace afresh. */
  forget(): void {
    this.reset(-1);
  }

  private reset(epoch: number): void {
    this.read = 0;
    this.epoch = epoch;
    this.series = { get: new OpSeries('get'), put: new OpSeries('put') };
  }
}
