/**
 * Background clients (pure): a steady stream of puts and gets on the stored keys, so a
 * lecturer (and the UI benchmark) can show a busy cluster. The choices come from the page's
 * own small seeded generator and become ordinary recorded inputs, so the session stays
 * replayable.
 */
import type { Input } from '../engine/index';

export class Workload {
  private carry = 0;
  private state: number;
  private count = 0;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** The operations due over `spanMs` of virtual time at `opsPerSecond`. */
  opsFor(spanMs: number, opsPerSecond: number, keys: readonly { readonly key: string }[]): Input[] {
    if (opsPerSecond <= 0 || spanMs <= 0) return [];
    this.carry += (spanMs * opsPerSecond) / 1000;
    const due = Math.floor(this.carry);
    this.carry -= due;
    const out: Input[] = [];
    for (let i = 0; i < due; i++) {
      const key = keys.length > 0 ? keys[this.next() % keys.length]!.key : `key:${this.next() % 100}`;
      this.count++;
      out.push(this.next() % 2 === 0 ? { type: 'put', key, value: `w${this.count}` } : { type: 'get', key });
    }
    return out;
  }

  /** xorshift32: small, fast, and enough to spread keys. */
  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}
