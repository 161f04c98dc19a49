/**
 * The simulation's only source of randomness.
 *
 * Every random choice the engine makes (message latency, loss, token placement, gossip
 * peers) goes through one `Rng`, seeded once per run. Its whole state is four 32-bit
 * integers, so a snapshot can carry it and a restored cluster continues with exactly the
 * same draws: that is what makes stepping back, share links and bug reports replay.
 * The generator is pure-rand's xoroshiro128+ (see docs/decisions.md).
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

export class Rng {
  private constructor(private readonly gen: Generator) {}

  /**
   * A generator for a run: equal seeds give equal sequences of draws. The seed is spread
   * over the generator's 128-bit state by SplitMix32 first, so nearby seeds (1, 2, 3…)
   * start far apart instead of giving nearly equal first draws.
   */
  static fromSeed(seed: number): Rng {
    let x = seed | 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    const state = [next(), next(), next(), next()];
    if (!state.some((v) => v !== 0)) state[0] = 1; // xoroshiro's one forbidden state
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** Resumes exactly where `state()` was taken. */
  static fromState(state: readonly number[]): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** The generator's state, plain numbers, safe to serialize. */
  state(): number[] {
    return [...this.gen.getState()];
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('Rng.pick: empty array');
    return item;
  }

  /** A standard normal draw (Box–Muller), used for log-normal latencies. */
  normal(): number {
    const u = 1 - this.float(); // (0, 1]: log is finite
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
