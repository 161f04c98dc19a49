import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Network, linkName, type LatencyConfig } from './network';
import { Rng } from './rng';

const FIXED: LatencyConfig = { kind: 'fixed', ms: 10 };
const nodes = ['A', 'B', 'C', 'D', 'E'];

describe('Network links', () => {
  it('a partition blocks links across groups both ways, but not within a group', () => {
    const net = new Network(FIXED, 0);
    net.partition([
      ['A', 'B'],
      ['C', 'D'],
    ]);
    for (const [a, b] of [
      ['A', 'C'],
      ['A', 'D'],
      ['B', 'C'],
      ['B', 'D'],
    ] as const) {
      expect(net.isLinkUp(a, b)).toBe(false);
      expect(net.isLinkUp(b, a)).toBe(false);
    }
    expect(net.isLinkUp('A', 'B')).toBe(true);
    expect(net.isLinkUp('B', 'A')).toBe(true);
    expect(net.isLinkUp('C', 'D')).toBe(true);
    // a node named in no group keeps talking to everyone; a node always reaches itself
    for (const x of ['A', 'B', 'C', 'D']) {
      expect(net.isLinkUp('E', x)).toBe(true);
      expect(net.isLinkUp(x, 'E')).toBe(true);
      expect(net.isLinkUp(x, x)).toBe(true);
    }
  });

  it('a link is up exactly when both ends are in the same group (or one is in none)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: nodes.length, maxLength: nodes.length }), (groupOf) => {
        // group 3 means "named in no group"
        const groups = [0, 1, 2].map((g) => nodes.filter((_, i) => groupOf[i] === g));
        const net = new Network(FIXED, 0);
        net.partition(groups);
        nodes.forEach((a, i) =>
          nodes.forEach((b, j) => {
            const expected = a === b || groupOf[i] === 3 || groupOf[j] === 3 || groupOf[i] === groupOf[j];
            expect(net.isLinkUp(a, b)).toBe(expected);
          }),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('a new partition replaces the previous one', () => {
    const net = new Network(FIXED, 0);
    net.partition([['A'], ['B']]);
    net.partition([['A'], ['C']]);
    expect(net.isLinkUp('A', 'B')).toBe(true);
    expect(net.isLinkUp('A', 'C')).toBe(false);
  });

  it('a partition leaves links cut one by one cut, before it and after it, and in a copy', () => {
    const net = new Network(FIXED, 0);
    net.blockLink('A', 'B');
    net.partition([['C'], ['D']]);
    expect(net.isLinkUp('A', 'B')).toBe(false);
    expect(net.isLinkUp('C', 'D')).toBe(false);
    net.partition([['A', 'B', 'C', 'D']]);
    expect(net.isLinkUp('A', 'B')).toBe(false);
    expect(net.isLinkUp('C', 'D')).toBe(true);
    const copy = Network.fromState(JSON.parse(JSON.stringify(net.state())) as ReturnType<Network['state']>);
    copy.partition([['E'], ['A']]);
    expect(copy.isLinkUp('A', 'B')).toBe(false);
    net.heal();
    expect(net.isLinkUp('A', 'B')).toBe(true);
  });

  it('blockLink cuts one direction only', () => {
    const net = new Network(FIXED, 0);
    net.blockLink('A', 'B');
    expect(net.isLinkUp('A', 'B')).toBe(false);
    expect(net.isLinkUp('B', 'A')).toBe(true);
  });

  it('heal restores every link and removes overrides', () => {
    const net = new Network(FIXED, 0);
    net.partition([['A'], ['B', 'C']]);
    net.blockLink('C', 'B');
    net.setOverride('A', 'B', { extraMs: 50, lossRate: 0.5 });
    net.heal();
    for (const a of nodes) for (const b of nodes) expect(net.isLinkUp(a, b)).toBe(true);
    expect(net.sampleLatencyMs(Rng.fromSeed(1), 'A', 'B')).toBe(10);
    expect(net.state().blocked).toEqual([]);
    expect(net.state().overrides).toEqual([]);
  });

  it('state() and fromState() round-trip', () => {
    const net = new Network({ kind: 'uniform', minMs: 1, maxMs: 9 }, 0.1);
    net.partition([['A'], ['B']]);
    net.blockLink('C', 'D');
    net.setOverride('A', 'C', { extraMs: 5, lossRate: 0.2 });
    const state = JSON.parse(JSON.stringify(net.state())) as ReturnType<Network['state']>;
    const copy = Network.fromState(state);
    expect(copy.state()).toEqual(net.state());
    expect(copy.isLinkUp('C', 'D')).toBe(false);
    expect(copy.isLinkUp('D', 'C')).toBe(true);
    expect(net.state().blocked).toContain(linkName('A', 'B'));
  });
});

describe('Network latency and loss', () => {
  it('fixed latency is exact and draws nothing from the rng', () => {
    const net = new Network({ kind: 'fixed', ms: 12.5 }, 0);
    const rng = Rng.fromSeed(9);
    const before = rng.state();
    expect(net.sampleLatencyMs(rng, 'A', 'B')).toBe(12.5);
    expect(rng.state()).toEqual(before);
  });

  it('uniform latency stays within [minMs, maxMs]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer(), (minMs, width, seed) => {
        const net = new Network({ kind: 'uniform', minMs, maxMs: minMs + width }, 0);
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < 40; i++) {
          const ms = net.sampleLatencyMs(rng, 'A', 'B');
          expect(ms).toBeGreaterThanOrEqual(minMs);
          expect(ms).toBeLessThanOrEqual(minMs + width);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('log-normal latency is finite, rounded to 0.01 ms and never below minMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer(),
        (medianMs, sigma, minMs, seed) => {
          const net = new Network({ kind: 'lognormal', medianMs, sigma, minMs }, 0);
          const rng = Rng.fromSeed(seed);
          for (let i = 0; i < 40; i++) {
            const ms = net.sampleLatencyMs(rng, 'A', 'B');
            expect(Number.isFinite(ms)).toBe(true);
            expect(ms).toBeGreaterThanOrEqual(minMs);
            expect(Math.round(ms * 100) / 100).toBe(ms);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('log-normal latency has the configured median and a long tail', () => {
    const net = new Network({ kind: 'lognormal', medianMs: 10, sigma: 0.6, minMs: 1 }, 0);
    const rng = Rng.fromSeed(2024);
    const xs = Array.from({ length: 2001 }, () => net.sampleLatencyMs(rng, 'A', 'B')).sort((a, b) => a - b);
    expect(xs[1000]).toBeGreaterThan(9);
    expect(xs[1000]).toBeLessThan(11);
    expect(xs[1990]!).toBeGreaterThan(2.5 * xs[1000]!); // p99.5 ≈ e^(2.58·0.6) ≈ 4.7 × median
  });

  it('a link override adds its extra latency to that direction only', () => {
    const net = new Network(FIXED, 0);
    net.setOverride('A', 'B', { extraMs: 40, lossRate: 0 });
    expect(net.sampleLatencyMs(Rng.fromSeed(1), 'A', 'B')).toBe(50);
    expect(net.sampleLatencyMs(Rng.fromSeed(1), 'B', 'A')).toBe(10);
  });

  it('loss rate 0 never consumes an rng draw', () => {
    const net = new Network(FIXED, 0);
    const rng = Rng.fromSeed(4);
    const before = rng.state();
    for (let i = 0; i < 20; i++) expect(net.sampleLoss(rng, 'A', 'B')).toBe(false);
    expect(rng.state()).toEqual(before);
  });

  it('a lossy link override consumes draws on that link only', () => {
    const net = new Network(FIXED, 0);
    net.setOverride('A', 'B', { extraMs: 0, lossRate: 0.5 });
    const rng = Rng.fromSeed(4);
    const before = rng.state();
    net.sampleLoss(rng, 'B', 'A');
    expect(rng.state()).toEqual(before);
    net.sampleLoss(rng, 'A', 'B');
    expect(rng.state()).not.toEqual(before);
  });

  it('loss rate 1 loses everything; 0.3 loses about 30%', () => {
    const rng = Rng.fromSeed(8);
    const all = new Network(FIXED, 1);
    for (let i = 0; i < 20; i++) expect(all.sampleLoss(rng, 'A', 'B')).toBe(true);
    const some = new Network(FIXED, 0.3);
    const lost = Array.from({ length: 2000 }, () => some.sampleLoss(rng, 'A', 'B')).filter(Boolean).length;
    expect(lost / 2000).toBeGreaterThan(0.26);
    expect(lost / 2000).toBeLessThan(0.34);
  });
});
