import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from './rng';

const seedArb = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

function draws(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.float());
}

describe('Rng', () => {
  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        expect(draws(Rng.fromSeed(seed), 20)).toEqual(draws(Rng.fromSeed(seed), 20));
      }),
      { numRuns: 50 },
    );
  });

  it('gives different sequences for different seeds', () => {
    expect(draws(Rng.fromSeed(1), 10)).not.toEqual(draws(Rng.fromSeed(2), 10));
  });

  it('resumes exactly from state(), whatever was drawn before', () => {
    fc.assert(
      fc.property(seedArb, fc.nat({ max: 50 }), fc.array(fc.constantFrom('float', 'int', 'pick', 'normal'), { maxLength: 30 }), (seed, warmUp, ops) => {
        const rng = Rng.fromSeed(seed);
        draws(rng, warmUp);
        const resumed = Rng.fromState(rng.state());
        const run = (r: Rng) =>
          ops.map((op) => (op === 'float' ? r.float() : op === 'int' ? r.int(-3, 9) : op === 'pick' ? r.pick(['a', 'b', 'c']) : r.normal()));
        expect(run(resumed)).toEqual(run(rng));
      }),
      { numRuns: 60 },
    );
  });

  it('state() survives a JSON round trip and is a copy', () => {
    const rng = Rng.fromSeed(7);
    rng.float();
    const state = rng.state();
    const resumed = Rng.fromState(JSON.parse(JSON.stringify(state)) as number[]);
    state[0] = 12345; // mutating the copy must not touch the generator
    expect(draws(resumed, 5)).toEqual(draws(rng, 5));
  });

  it('float() is in [0, 1)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        for (const x of draws(Rng.fromSeed(seed), 50)) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('int(lo, hi) is an integer within [lo, hi]', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 1000 }), (seed, lo, width) => {
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < 30; i++) {
          const x = rng.int(lo, lo + width);
          expect(Number.isInteger(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(lo);
          expect(x).toBeLessThanOrEqual(lo + width);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('int(lo, hi) reaches both ends and everything between', () => {
    const rng = Rng.fromSeed(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Rng.fromSeed(3).int(4, 4)).toBe(4);
  });

  it('pick() returns an element, reaches every element, and refuses an empty array', () => {
    const rng = Rng.fromSeed(11);
    const items = ['node1', 'node2', 'node3'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const x = rng.pick(items);
      expect(items).toContain(x);
      seen.add(x);
    }
    expect(seen.size).toBe(3);
    expect(() => rng.pick([])).toThrow(/empty/);
  });

  it('normal() is finite and roughly standard', () => {
    const rng = Rng.fromSeed(5);
    const xs = Array.from({ length: 4000 }, () => rng.normal());
    expect(xs.every(Number.isFinite)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.85);
    expect(variance).toBeLessThan(1.15);
  });

  // Regression: fromSeed once fed the seed to xoroshiro128+ unmixed
  // (pure-rand's xoroshiro128plus(seed) starts from the state [-1, ~seed, seed, 0]), so the
  // first output is 2^32 - 1 - seed: the first float() of every small seed is 0.99999…,
  // and the second grows linearly with the seed (0.75, 0.8125, 0.875, … for seeds 0, 1, 2).
  it('spreads the first draws of different seeds over [0, 1)', () => {
    const firsts = Array.from({ length: 100 }, (_, seed) => Rng.fromSeed(seed).float());
    expect(Math.min(...firsts)).toBeLessThan(0.9);
  });
});
