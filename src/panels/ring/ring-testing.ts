/** Test support for the panels that draw the ring: lecture 000's four tokens, random rings under the paper's three strategies, every lecture's rings. */
import fc from 'fast-check';
import { Cluster, type Ring } from '../../engine/index';
import { LECTURES, loadLecture } from '../../lectures/index';
import { execute } from '../../scenario/runner';
import { ringGeometry } from './ring-layout';

/** Lecture 000's teaching ring: nodes at 20, 230, 458 and 850 of 1000. */
export const TEACHING_TOKENS = [
  { pos: 20, node: 'A' },
  { pos: 230, node: 'B' },
  { pos: 458, node: 'C' },
  { pos: 850, node: 'D' },
];

/** The teaching ring's geometry in a 500×500 panel, four nodes. */
export const TEACHING_GEOMETRY = ringGeometry(500, 500, 4, true);

/** The area two boxes share (the tests' own arithmetic, not the code's `overlap` they check). */
export const area = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * A small ring under one of the paper's three strategies (Q = 12 under strategies 2 and 3),
 * 1–6 nodes of 1–4 tokens on a ring of 997 to 1200 positions: its `Ring`, and its tokens as
 * the page has them.
 */
export const anyStrategyRing = fc
  .tuple(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), fc.constantFrom(1000, 1200, 997))
  .map(([strategy, nodes, t, seed, ringSize]) => {
    const config = { n: 1, r: 1, w: 1, ringSize, strategy: strategy as 1 | 2 | 3, ...(strategy === 1 ? {} : { partitions: 12 }), ...(strategy === 3 ? {} : { tokensPerNode: t }), nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}` })) };
    const { ring } = Cluster.create(config, seed);
    return { ring, ringSize, tokens: ring.tokens.map(({ pos, node }) => ({ pos, node })) };
  });

/** Whether ranges (a, b] hold position p, wrapping past the top; (a, a] is the whole ring. */
export const holdsPosition = (ranges: readonly (readonly [number, number])[], p: number) => ranges.some(([a, b]) => (a === b ? true : a < b ? a < p && p <= b : p > a || p <= b));

/** Every built-in lecture's teaching ring, as it starts and after each join and leave. */
export function* lectureRings(): Generator<{ where: string; ring: Ring; ringSize: number }> {
  for (const { id } of LECTURES) {
    for (const part of loadLecture(id).parts) {
      const { scenario } = part;
      const { ringSize } = scenario.config;
      if (ringSize === undefined) continue;
      const changes = scenario.steps.flatMap((step, i) => (step.op === 'addNode' || step.op === 'removeNode' ? [i + 1] : []));
      for (const upTo of [0, ...changes]) yield { where: `${id}, ${part.title ?? ''}, after step ${upTo}`, ring: execute({ ...scenario, steps: scenario.steps.slice(0, upTo) }).cluster.ring, ringSize };
    }
  }
}
