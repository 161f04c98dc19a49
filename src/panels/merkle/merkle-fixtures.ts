/**
 * A session for tests only, shared by the unit tests and the e2e spec's link: it imports no
 * more than a type, since the e2e runner loads it too (merkle-testing.ts brings in the engine and its lectures).
 */
import type { Session } from '../../worker/protocol';

/**
 * A reviewer's free play on the teaching ring (N=3, R=2, W=2, seed 42), its Play runs kept as
 * step counts: siblings of cart, the network split {A,B} | {C,D} with a put from each side,
 * healed; anti-entropy A ↔ C over (230, 458] and (850, 20] repairs A; E joins at 644 and A drops
 * (230, 458], which it no longer replicates; B is removed. A and C now share (644, 20] alone, where
 * neither holds a key, and the panel said "A's root is now ∅, the same as C's" beside C's tree of
 * (230, 458] holding cart.
 */
export const RING_CHANGED_AFTER_EXCHANGE: Session = {
  seed: 42,
  config: { n: 3, r: 2, w: 2, ringSize: 1000, nodes: [{ id: 'A', tokens: [20] }, { id: 'B', tokens: [230] }, { id: 'C', tokens: [458] }, { id: 'D', tokens: [850] }] },
  actions: [
    { input: { type: 'put', key: 'cart', value: 'shoes' } },
    { steps: 4 },
    { input: { type: 'get', key: 'cart', via: 'B' } },
    { steps: 27 },
    { input: { type: 'put', key: 'cart', value: 'shoes+book', via: 'C', context: [{ node: 'C', counter: 1, atMs: 0 }] } },
    { input: { type: 'put', key: 'cart', value: 'shoes+pen', via: 'D', context: [{ node: 'C', counter: 1, atMs: 0 }] } },
    { steps: 8 },
    { input: { type: 'get', key: 'cart', via: 'A' } },
    { steps: 7 },
    { input: { type: 'put', key: 'cart', value: 'shoes+book+pen', via: 'A', context: [{ node: 'C', counter: 2, atMs: 1324.94 }, { node: 'D', counter: 1, atMs: 1324.94 }] } },
    { steps: 13 },
    { input: { type: 'fail', node: 'C' } },
    { input: { type: 'put', key: 'cart', value: 'hat' } },
    { steps: 5 },
    { input: { type: 'recover', node: 'C' } },
    { steps: 19 },
    { input: { type: 'partition', groups: [['A', 'B'], ['C', 'D']] } },
    { input: { type: 'put', key: 'cart', value: 'left-side', via: 'A' } },
    { input: { type: 'put', key: 'cart', value: 'right-side', via: 'C' } },
    { steps: 14 },
    { input: { type: 'heal' } },
    { steps: 24 },
    { input: { type: 'antiEntropy', a: 'A', b: 'C' } },
    { steps: 5 },
    { input: { type: 'addNode', id: 'E', tokens: [644] } },
    { steps: 21 },
    { input: { type: 'removeNode', id: 'B' } },
  ],
};
