/**
 * Background clients (pure): a steady stream of puts and gets spread over the ring, on the
 * session's background keys (`backgroundKeys`: `key:0` to `key:99`, or a preset's preloaded
 * keys), so a lecturer (and the UI benchmark) can show a busy cluster. Drawn from the keys
 * stored at the moment, a session with one key stored (the lecturer's cart) sent every
 * operation to it: 200 ops/s on one or two keys, versions numbered past D100, nothing like a
 * busy cluster, and the lecturer's own key buried under the clients' writes. They become ordinary recorded
 * inputs, so the session stays replayable.
 *
 * Each operation is a pure function of virtual time: at `opsPerSecond` ops/s, the k-th
 * operation falls at exactly k × (1000 / opsPerSecond) ms, and its key and kind come from
 * a hash of k. Animation frames only decide how many of them one request carries, never
 * when they happen or what they are: playing on from the same moment at the same rate gives
 * the same run on any machine, so a shared link with background clients plays on as the
 * class saw it.
 */
import type { Input } from '../engine/index';

/** A background client's operation and the virtual time it is made at. */
export interface TimedInput {
  readonly atMs: number;
  readonly input: Input;
}

/** The operations due in the virtual time span (`fromMs`, `toMs`] at `opsPerSecond`, in order. */
export function opsBetween(fromMs: number, toMs: number, opsPerSecond: number, keys: readonly string[]): TimedInput[] {
  if (opsPerSecond <= 0 || toMs <= fromMs || keys.length === 0) return [];
  const periodMs = 1000 / opsPerSecond;
  const out: TimedInput[] = [];
  for (let k = Math.floor(fromMs / periodMs); k * periodMs <= toMs; k++) {
    const atMs = k * periodMs;
    if (atMs <= fromMs) continue;
    const h = mix(k);
    const key = keys[h % keys.length]!;
    out.push({ atMs, input: mix(h) % 2 === 0 ? { type: 'put', key, value: `w${k}` } : { type: 'get', key } });
  }
  return out;
}

/** A 32-bit integer hash (the murmur3 finaliser): neighbouring k give unrelated draws. */
function mix(k: number): number {
  let x = (k ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
