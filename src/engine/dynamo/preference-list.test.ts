import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ring, type NodeId, type Strategy } from './ring';
import { md5Space, teachingSpace } from './hash';
import { preferenceList, preferenceWalk, topNodes, walkOrder } from './preference-list';
import { Rng } from '../sim/rng';

/** A teaching ring of 1000 positions with tokens at 100, 200, …, owned in the given order. */
function tokenRing(owners: readonly string[], dcs: Record<string, string> = {}): Ring {
  const ring = Ring.create(teachingSpace(1000), 1, 0, 1);
  const rng = Rng.fromSeed(0);
  for (const id of [...new Set(owners)]) {
    const positions = owners.flatMap((o, i) => (o === id ? [(i + 1) * 100] : []));
    ring.addNode({ id, capacity: 1, dc: dcs[id] }, positions, rng);
  }
  return ring;
}

// Lecture 004: "Computers: node 1 node 2 node 4 node 1 node 3 node 4 node 2 node 3".
const LECTURE_004 = ['node1', 'node2', 'node4', 'node1', 'node3', 'node4', 'node2', 'node3'];

describe('the lecture 004 token walk', () => {
  const ring = tokenRing(LECTURE_004);

  it('a key just before the 6th token (node4) lives on nodes 4, 2 with RF=2', () => {
    expect(topNodes(ring, 599, 2)).toEqual(['node4', 'node2']);
    expect(topNodes(ring, 550, 2)).toEqual(['node4', 'node2']);
    expect(preferenceList(ring, 599, 2).nodes).toEqual(['node4', 'node2']);
  });

  it('… and on nodes 4, 2, 3 with RF=3 ("walk until we get enough nodes")', () => {
    expect(topNodes(ring, 599, 3)).toEqual(['node4', 'node2', 'node3']);
    expect(preferenceList(ring, 599, 3)).toEqual({ nodes: ['node4', 'node2', 'node3'], fallbacks: ['node1'] });
  });

  it('a key at or just before the last token lives on nodes 3, 1, 2 with RF=3', () => {
    expect(topNodes(ring, 800, 3)).toEqual(['node3', 'node1', 'node2']);
    expect(topNodes(ring, 799, 3)).toEqual(['node3', 'node1', 'node2']);
    expect(topNodes(ring, 701, 3)).toEqual(['node3', 'node1', 'node2']);
  });

  it('the walk skips a second token of a node already taken (same failure domain)', () => {
    // from 250: node4@300, node1@400, node3@500, node4@600 (skipped), node2@700
    expect(preferenceWalk(ring, 250, 3).map((s) => `${s.node}@${s.pos}:${s.role}`)).toEqual([
      'node4@300:replica',
      'node1@400:replica',
      'node3@500:replica',
      'node4@600:skipped',
      'node2@700:fallback',
    ]);
  });

  it('skips node1\'s second token in the ring "node 1 node 2 node 1 node 4 node 3 node 4 node 2 node 3"', () => {
    const other = tokenRing(['node1', 'node2', 'node1', 'node4', 'node3', 'node4', 'node2', 'node3']);
    expect(topNodes(other, 50, 3)).toEqual(['node1', 'node2', 'node4']);
    const walk = preferenceWalk(other, 50, 3);
    expect(walk.map((s) => s.role)).toEqual(['replica', 'replica', 'skipped', 'replica', 'fallback']);
    expect(walk.map((s) => s.tokenIndex)).toEqual([0, 1, 2, 3, 4]);
  });

  it('wraps past the top of the ring', () => {
    expect(topNodes(ring, 801, 3)).toEqual(['node1', 'node2', 'node4']);
    expect(preferenceWalk(ring, 801, 1)[0]).toEqual({ tokenIndex: 0, pos: 100, node: 'node1', role: 'replica' });
  });
});

describe('preference lists across datacenters', () => {
  it('with nodes in 2 datacenters and N=2, the top 2 span both', () => {
    const ring = tokenRing(['A', 'B', 'C', 'D'], { A: 'east', B: 'east', C: 'west', D: 'west' });
    expect(preferenceList(ring, 50, 2).nodes).toEqual(['A', 'B']);
    expect(preferenceList(ring, 50, 2, { spanDatacenters: true })).toEqual({ nodes: ['A', 'C'], fallbacks: ['B', 'D'] });
    expect(preferenceList(ring, 250, 2, { spanDatacenters: true }).nodes).toEqual(['C', 'A']); // walk order kept
    expect(preferenceList(ring, 50, 3, { spanDatacenters: true }).nodes).toEqual(['A', 'B', 'C']);
  });

  it('marks the walk with the datacenter-spread replicas', () => {
    const ring = tokenRing(['A', 'B', 'C', 'D'], { A: 'east', B: 'east', C: 'west', D: 'west' });
    expect(preferenceWalk(ring, 50, 2, { spanDatacenters: true }).map((s) => s.role)).toEqual(['replica', 'fallback', 'replica', 'fallback']);
  });
});

// ---- properties over random rings ------------------------------------------------------

interface Spec {
  readonly strategy: Strategy;
  readonly isMd5: boolean;
  readonly nodeCount: number;
  readonly tokensPerNode: number;
  readonly q: number;
  readonly seed: number;
  readonly dcs: readonly string[];
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  strategy: fc.constantFrom<Strategy>(1, 2, 3),
  isMd5: fc.boolean(),
  nodeCount: fc.integer({ min: 1, max: 7 }),
  tokensPerNode: fc.integer({ min: 1, max: 5 }),
  q: fc.integer({ min: 14, max: 64 }),
  seed: fc.integer(),
  dcs: fc.array(fc.constantFrom('east', 'west', 'north'), { minLength: 7, maxLength: 7 }),
});

function buildRing(spec: Spec): Ring {
  const ring = Ring.create(spec.isMd5 ? md5Space() : teachingSpace(1000), spec.strategy, spec.q, spec.tokensPerNode);
  const rng = Rng.fromSeed(spec.seed);
  for (let i = 0; i < spec.nodeCount; i++) ring.addNode({ id: `n${i}`, capacity: 1, dc: spec.dcs[i] }, undefined, rng);
  return ring;
}

/** A fraction of the ring as a position on it. */
const positionOf = (ring: Ring, fraction: number) => Math.min(ring.space.size - 1, Math.floor(fraction * ring.space.size));
const fractionArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** The walk, written independently of the engine: sort tokens, start at the placement position, keep distinct nodes. */
function modelWalk(ring: Ring, pos: number): NodeId[] {
  const tokens = [...ring.tokens].sort((a, b) => a.pos - b.pos);
  let start = pos;
  if (ring.partitionCount > 0) {
    const ends = Array.from({ length: ring.partitionCount }, (_, k) => Math.floor((k * ring.space.size) / ring.partitionCount));
    start = ends.find((e) => e >= pos) ?? 0;
  }
  const first = tokens.findIndex((t) => t.pos >= start);
  const order: NodeId[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[((first === -1 ? 0 : first) + i) % tokens.length]!;
    if (!order.includes(t.node)) order.push(t.node);
  }
  return order;
}

describe('preference lists (properties)', () => {
  it('hold min(N, nodes) distinct nodes, in the order of the walk; topNodes is their head', () => {
    fc.assert(
      fc.property(specArb, fractionArb, fc.integer({ min: 1, max: 9 }), (spec, f, n) => {
        const ring = buildRing(spec);
        const pos = positionOf(ring, f);
        const list = preferenceList(ring, pos, n);
        expect(list.nodes).toHaveLength(Math.min(n, spec.nodeCount));
        expect(new Set(list.nodes).size).toBe(list.nodes.length);
        expect(topNodes(ring, pos, n)).toEqual(list.nodes);
        expect([...list.nodes, ...list.fallbacks]).toEqual(modelWalk(ring, pos));
      }),
      { numRuns: 200 },
    );
  });

  it('on rings of more than 16 nodes, where the walk keeps a set of the nodes it has met, it still meets them as the model does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 60 }), fc.integer({ min: 1, max: 8 }), fc.integer(), fractionArb, fc.boolean(), (nodeCount, tokensPerNode, seed, f, isMd5) => {
        const ring = buildRing({ strategy: 1, isMd5, nodeCount, tokensPerNode, q: 0, seed, dcs: [] });
        const pos = positionOf(ring, f);
        expect(walkOrder(ring, pos)).toEqual(modelWalk(ring, pos));
      }),
      { numRuns: 40 },
    );
  });

  it('nodes and fallbacks together name every node exactly once', () => {
    fc.assert(
      fc.property(specArb, fractionArb, fc.integer({ min: 1, max: 9 }), fc.boolean(), (spec, f, n, spanDatacenters) => {
        const ring = buildRing(spec);
        const list = preferenceList(ring, positionOf(ring, f), n, { spanDatacenters });
        const all = [...list.nodes, ...list.fallbacks];
        expect([...all].sort()).toEqual(ring.nodes.map((x) => x.id).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('with spanDatacenters, the top N covers as many datacenters as it can, in walk order', () => {
    fc.assert(
      fc.property(specArb, fractionArb, fc.integer({ min: 1, max: 5 }), (spec, f, n) => {
        const ring = buildRing(spec);
        const pos = positionOf(ring, f);
        const { nodes } = preferenceList(ring, pos, n, { spanDatacenters: true });
        const dcs = new Set(ring.nodes.map((x) => x.dc));
        expect(new Set(nodes.map((id) => ring.node(id)!.dc)).size).toBe(Math.min(n, dcs.size));
        expect(nodes).toHaveLength(Math.min(n, spec.nodeCount));
        const walk = modelWalk(ring, pos);
        expect(walk.filter((id) => nodes.includes(id))).toEqual(nodes);
      }),
      { numRuns: 200 },
    );
  });

  it('with spanDatacenters, topNodes walks only until it has N nodes and N datacenters, and picks what the whole walk would', () => {
    fc.assert(
      fc.property(specArb, fc.array(fractionArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (spec, fs, n) => {
        const ring = buildRing(spec);
        // Asked before and after the whole walk of the same token is memoized, and with another N between.
        for (const f of fs) {
          const pos = positionOf(ring, f);
          const first = topNodes(ring, pos, n, { spanDatacenters: true });
          topNodes(ring, pos, n + 1, { spanDatacenters: true });
          const whole = preferenceList(ring, pos, n, { spanDatacenters: true }).nodes;
          expect(first).toEqual(whole);
          expect(topNodes(ring, pos, n, { spanDatacenters: true })).toEqual(whole);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with spanDatacenters, a range reads a few nodes of the walk, not every node (the whole walks of a join on 511 nodes took 29 s)', () => {
    const ring = Ring.create(md5Space(), 1, 0, 16);
    const rng = Rng.fromSeed(3);
    for (let i = 0; i < 64; i++) ring.addNode({ id: `n${i}`, capacity: 1, dc: i % 2 === 0 ? 'a' : 'b' }, 16, rng);
    const longest = Math.max(...ring.tokens.map((_, index) => ring.spanningFrom(index, 3).length));
    expect(longest).toBeGreaterThanOrEqual(3);
    expect(longest).toBeLessThan(20);
  });

  it('the walk visits tokens in ring order, meets every node, and marks repeats as skipped', () => {
    fc.assert(
      fc.property(specArb, fractionArb, fc.integer({ min: 1, max: 9 }), (spec, f, n) => {
        const ring = buildRing(spec);
        const pos = positionOf(ring, f);
        const walk = preferenceWalk(ring, pos, n);
        const list = preferenceList(ring, pos, n);
        const count = ring.tokens.length;
        walk.forEach((s, i) => {
          expect(ring.tokens[s.tokenIndex]).toEqual({ pos: s.pos, node: s.node });
          if (i > 0) expect(s.tokenIndex).toBe((walk[i - 1]!.tokenIndex + 1) % count);
          const seenBefore = walk.slice(0, i).some((p) => p.node === s.node);
          expect(s.role).toBe(seenBefore ? 'skipped' : list.nodes.includes(s.node) ? 'replica' : 'fallback');
        });
        expect(walk[0]!.tokenIndex).toBe(ring.successorIndex(ring.placementPosition(pos)));
        expect(walk.filter((s) => s.role !== 'skipped').map((s) => s.node)).toEqual([...list.nodes, ...list.fallbacks]);
        expect(walk.at(-1)!.role).not.toBe('skipped'); // it stops at the last new node
      }),
      { numRuns: 200 },
    );
  });

  it('an empty ring has an empty preference list', () => {
    const ring = Ring.create(teachingSpace(100), 1, 0, 1);
    expect(topNodes(ring, 5, 3)).toEqual([]);
    expect(preferenceList(ring, 5, 3)).toEqual({ nodes: [], fallbacks: [] });
    expect(preferenceWalk(ring, 5, 3)).toEqual([]);
  });

  it('stays correct when the ring changes after a look-up', () => {
    const ring = tokenRing(LECTURE_004);
    expect(topNodes(ring, 599, 3)).toEqual(['node4', 'node2', 'node3']);
    ring.addNode({ id: 'node5', capacity: 1, dc: undefined }, [650], Rng.fromSeed(0));
    expect(topNodes(ring, 599, 3)).toEqual(['node4', 'node5', 'node2']);
    ring.removeNode('node2', Rng.fromSeed(0));
    expect(topNodes(ring, 599, 3)).toEqual(['node4', 'node5', 'node3']);
    expect(preferenceList(ring, 599, 3).fallbacks).toEqual(['node1']);
  });
});
