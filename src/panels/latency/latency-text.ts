/**
 * What the latency panel says of one kind of request, in words a class reads from the
 * back of the hall: the 99.9th percentile first (the paper's measure), then the median
 * and the 99th, the counts, and — with too few requests for a 99.9th percentile to mean
 * more than "the slowest" — an honest note saying so.
 */
import { formatCount, formatLatency, formatShare } from './latency-layout';
import type { LatencyStats } from './latency-ledger';

export interface LatencyWords {
  /** "99.9% of gets within", then `headlineMs`: "84.2 ms" (written larger); null with no successful request. */
  readonly headline: string;
  readonly headlineMs: string | null;
  /** "50%: 12.1 ms · 99%: 60.3 ms · max 90.4 ms"; null with no successful request. */
  readonly figures: string | null;
  /** "1,204 gets · 3 failed · 99.8% within 300 ms"; null with none answered (the headline says so). */
  readonly counts: string | null;
  /** Too few requests for the tail's percentiles to say more than the slowest ones; null with enough. */
  readonly note: string | null;
}

const plural = (n: number, op: string) => `${formatCount(n)} ${op}${n === 1 ? '' : 's'}`;

function noteOn(stats: LatencyStats): string | null {
  const n = stats.succeeded;
  const ops = plural(n, stats.op);
  if (n === 0 || n >= 1000) return null;
  if (n === 1) return `With one ${stats.op} answered, every percentile is that one ${stats.op}.`;
  const p99 = n < 100 ? ' (and the 99th too)' : '';
  return `With ${ops}, the 99.9th percentile${p99} is the slowest one: 1,000 are needed to say more.`;
}

/**
 * Half the requests or more answered in 0 ms: R=1 or W=1 showed "99.9% of gets within 0.0 ms",
 * which read as a fault. It is what the engine times: from a request reaching the node the
 * client asked to the coordinator's answer, and one reply, the coordinator's own, is enough.
 */
function zeroNote(stats: LatencyStats): string | null {
  if (stats.p50 !== 0) return null;
  const quorum = stats.op === 'get' ? 'R=1' : 'W=1';
  return `Answered in 0 ms: with ${quorum} a coordinator that holds the key needs only its own copy, and the client’s hop to it is not simulated.`;
}

export function latencyWords(stats: LatencyStats): LatencyWords {
  const { op, answered, failed, succeeded } = stats;
  // Every request counted, the failed ones too (the client's answer was a failure): "13 gets · 1 failed".
  const counts = answered === 0 ? null : `${plural(answered, op)} · ${formatCount(failed)} failed · ${formatShare(stats.withinSla, answered)} within ${stats.slaMs}\u00a0ms`;
  if (succeeded === 0) {
    const headline = answered === 0 ? `No ${op} answered yet` : answered === 1 ? `The one ${op} failed` : `All ${formatCount(answered)} ${op}s failed`;
    return { headline, headlineMs: null, figures: null, counts, note: null };
  }
  return {
    headline: `99.9% of ${op}s within`,
    headlineMs: formatLatency(stats.p999!),
    figures: `50%:\u00a0${formatLatency(stats.p50!)} · 99%:\u00a0${formatLatency(stats.p99!)} · max\u00a0${formatLatency(stats.slowestMs!)}`,
    counts,
    note: [zeroNote(stats), noteOn(stats)].filter((n) => n !== null).join(' ') || null,
  };
}
