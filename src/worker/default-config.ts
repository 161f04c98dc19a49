/**
 * The cluster the worker starts with, and the one the e2e tests compare the page against:
 * one source of truth, so a test can compute in Node what the worker computes in the page.
 *
 * Lecture 000's teaching ring: 1000 positions, four nodes with one token each (A at 20,
 * B at 230, C at 458, D at 850), N=3, R=2, W=2. Keys sit at their MD5 modulo 1000.
 */
import type { ClusterConfig } from '../engine/index';

export const DEFAULT_SEED = 42;

/** The key the panels show when the page opens (and after a lecture that named none). */
export const DEFAULT_KEY = 'cart';

export const DEFAULT_CONFIG: ClusterConfig = {
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1000,
  keyPositions: {},
  nodes: [
    { id: 'A', tokens: [20] },
    { id: 'B', tokens: [230] },
    { id: 'C', tokens: [458] },
    { id: 'D', tokens: [850] },
  ],
};
