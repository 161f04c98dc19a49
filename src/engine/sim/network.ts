/**
 * The simulated network between nodes: latency, loss and cut links.
 *
 * Dynamo is designed for a network where most messages are quick and a few are very
 * slow (the paper measures its SLA at the 99.9th percentile, §2.2), where messages can
 * be lost, and where links can be cut. Latency is therefore drawn from a log-normal
 * distribution by default: a median, and a long tail set by `sigma`. A partition is a
 * set of blocked *directed* links, so one-way partitions are data too. Everything here is
 * plain state plus pure functions of the `Rng`; nothing reads a clock.
 */
import type { Rng } from './rng';

/** How long a message takes. All variants are in virtual milliseconds. */
export type LatencyConfig =
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number; readonly minMs?: number }
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number };

export const DEFAULT_LATENCY: LatencyConfig = { kind: 'lognormal', medianMs: 10, sigma: 0.6, minMs: 1 };

/** Per-link overrides: a slower or lossier link between two nodes (directed). */
export interface LinkOverride {
  readonly extraMs: number;
  readonly lossRate: number;
}

export interface NetworkState {
  readonly latency: LatencyConfig;
  readonly lossRate: number;
  /** Directed links that deliver nothing, written `from>to`: the partition's and those cut one by one. */
  readonly blocked: readonly string[];
  /** Of those, the links cut one by one (`cutLink`), which a later partition leaves cut. */
  readonly cut?: readonly string[];
  readonly overrides: ReadonlyArray<readonly [string, LinkOverride]>;
}

export function linkName(from: string, to: string): string {
  return `${from}>${to}`;
}

export class Network {
  /** Every blocked link: the partition's and the cut ones (kept as one set for `isLinkUp`, read on every delivery). */
  private blocked = new Set<string>();
  /** Links cut one by one: a partition replaces the partition before it, not these. */
  private cut = new Set<string>();
  private overrides = new Map<string, LinkOverride>();

  constructor(
    readonly latency: LatencyConfig,
    readonly lossRate: number,
  ) {}

  static fromState(state: NetworkState): Network {
    const net = new Network(state.latency, state.lossRate);
    net.blocked = new Set(state.blocked);
    net.cut = new Set(state.cut ?? []);
    net.overrides = new Map(state.overrides);
    return net;
  }

  state(): NetworkState {
    return {
      latency: this.latency,
      lossRate: this.lossRate,
      blocked: [...this.blocked].sort(),
      ...(this.cut.size > 0 ? { cut: [...this.cut].sort() } : {}),
      overrides: [...this.overrides].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    };
  }

  /** True when a message sent now from `from` would be allowed through to `to`. */
  isLinkUp(from: string, to: string): boolean {
    return from === to || this.blocked.size === 0 || !this.blocked.has(linkName(from, to));
  }

  /**
   * Cuts the cluster into groups: links between different groups are blocked both ways.
   * Nodes named in no group stay connected to everyone. Replaces any earlier partition;
   * links cut one by one stay cut.
   */
  partition(groups: readonly (readonly string[])[]): void {
    this.blocked = new Set(this.cut);
    groups.forEach((group, gi) => {
      groups.forEach((other, oi) => {
        if (gi === oi) return;
        for (const a of group) for (const b of other) this.blocked.add(linkName(a, b));
      });
    });
  }

  /** Blocks one direction only: `from`'s messages no longer reach `to`. */
  blockLink(from: string, to: string): void {
    this.blocked.add(linkName(from, to));
    this.cut.add(linkName(from, to));
  }

  setOverride(from: string, to: string, override: LinkOverride): void {
    this.overrides.set(linkName(from, to), override);
  }

  /** Restores every link: no partition, no slow or lossy link. */
  heal(): void {
    this.blocked.clear();
    this.cut.clear();
    this.overrides.clear();
  }

  /** Draws a message's latency (ms, rounded to 0.01 ms so traces read cleanly). */
  sampleLatencyMs(rng: Rng, from: string, to: string): number {
    const extra = this.overrides.size === 0 ? 0 : (this.overrides.get(linkName(from, to))?.extraMs ?? 0);
    return Math.round((drawLatency(this.latency, rng) + extra) * 100) / 100;
  }

  /** Draws whether a message is lost in transit. Consumes one draw only when loss is possible. */
  sampleLoss(rng: Rng, from: string, to: string): boolean {
    const linkLoss = this.overrides.size === 0 ? 0 : (this.overrides.get(linkName(from, to))?.lossRate ?? 0);
    const p = 1 - (1 - this.lossRate) * (1 - linkLoss);
    return p > 0 && rng.float() < p;
  }
}

function drawLatency(latency: LatencyConfig, rng: Rng): number {
  switch (latency.kind) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return latency.minMs + rng.float() * (latency.maxMs - latency.minMs);
    case 'lognormal':
      return Math.max(latency.minMs ?? 0, latency.medianMs * Math.exp(latency.sigma * rng.normal()));
  }
}
