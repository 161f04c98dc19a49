/**
 * Merkle trees over a key range (paper §4.7; lectures 001, 002, 003): the range cut into
 * 2^depth equal leaves, leaves hashing their keys' versions, parents their two children.
 * Equal data gives equal roots; one differing key changes exactly one leaf and the path
 * from it to the root, which is why anti-entropy only descends where hashes differ.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTree, depthFor, hashEntry, leafIndex, type Json, type MerkleTree, type Range, type TreeEntry, type Version } from '../index';

const version = (id: number, value: Json, clock: Record<string, number>, atMs = 0): Version => ({
  id,
  value,
  clock: Object.entries(clock)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([node, counter]) => ({ node, counter, atMs })),
});
const entry = (key: string, pos: number, ...versions: Version[]): TreeEntry => ({ key, pos, versions });

/** Every (level, index) whose hash differs between two trees of the same shape. */
function differing(a: MerkleTree, b: MerkleTree): [number, number][] {
  const out: [number, number][] = [];
  a.levels.forEach((level, l) => level.forEach((hash, i) => hash !== b.levels[l]![i] && out.push([l, i])));
  return out;
}

describe('tree shape', () => {
  it('depth d has d + 1 levels of 1, 2, 4 … 2^d hashes, and 2^d leaves of keys', () => {
    for (const depth of [0, 1, 3, 6]) {
      const tree = buildTree([entry('k', 5, version(1, 'v', { A: 1 }))], [0, 100], depth, 1000);
      expect(tree.levels.map((l) => l.length)).toEqual(Array.from({ length: depth + 1 }, (_, i) => 2 ** i));
      expect(tree.leafKeys).toHaveLength(2 ** depth);
      expect(tree.leafKeys.flat()).toEqual(['k']);
      expect(tree.depth).toBe(depth);
      expect(tree.range).toEqual([0, 100]);
    }
  });

  it('an empty range has the empty root; a parent of two empty children is empty too', () => {
    const empty = buildTree([], [0, 100], 3, 1000);
    expect(empty.levels.flat().every((h) => h === '')).toBe(true);
    const one = buildTree([entry('k', 10, version(1, 'v', { A: 1 }))], [0, 100], 3, 1000);
    expect(one.levels[0]![0]).toMatch(/^[0-9a-f]{32}$/);
    expect(one.levels[3]!.filter((h) => h !== '')).toHaveLength(1);
    expect(one.levels[1]![1]).toBe(''); // the half without the key
  });

  it('leaves hold their keys sorted, whatever order the entries come in', () => {
    const entries = [entry('b', 12, version(1, 1, { A: 1 })), entry('a', 11, version(1, 1, { A: 1 })), entry('c', 90, version(1, 1, { A: 1 }))];
    const tree = buildTree(entries, [0, 100], 2, 1000);
    expect(tree.leafKeys).toEqual([['a', 'b'], [], [], ['c']]);
  });

  it('depthFor aims at about one key per leaf, as lecture 001 draws it (two keys, two leaves): at least 1, at most 20', () => {
    expect([0, 1, 2, 3, 8, 9, 16, 17, 2000].map(depthFor)).toEqual([1, 1, 1, 2, 3, 4, 4, 5, 11]);
    expect(depthFor(10 ** 9)).toBe(20);
  });
});

describe('leafIndex: which leaf holds a position', () => {
  it('cuts (100, 200] into four leaves (100,125], (125,150], (150,175], (175,200]', () => {
    const leaf = (pos: number) => leafIndex(pos, [100, 200], 2, 1000);
    expect([101, 125, 126, 150, 151, 175, 176, 200].map(leaf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('a wrapping range (900, 100] runs past the top of the ring: 0 sits in the middle', () => {
    const leaf = (pos: number) => leafIndex(pos, [900, 100], 2, 1000);
    // Leaves: (900,950], (950,1000≡0], (0,50], (50,100].
    expect([901, 950, 951, 999, 0, 1, 50, 51, 100].map(leaf)).toEqual([0, 0, 1, 1, 1, 2, 2, 3, 3]);
  });

  it('the whole ring (start = end) has its end in the last leaf and start + 1 in the first', () => {
    expect(leafIndex(0, [0, 0], 3, 1000)).toBe(7);
    expect(leafIndex(1, [0, 0], 3, 1000)).toBe(0);
    expect(leafIndex(300, [300, 300], 1, 1000)).toBe(1);
    expect(leafIndex(301, [300, 300], 1, 1000)).toBe(0);
    expect(leafIndex(799, [300, 300], 1, 1000)).toBe(0);
    expect(leafIndex(800, [300, 300], 1, 1000)).toBe(0);
    expect(leafIndex(801, [300, 300], 1, 1000)).toBe(1);
  });

  it('every position in a range lands in a leaf, and leaves follow the ring order (random ranges and depths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 6 }), (start, len, depth) => {
        const end = (start + len) % 1000;
        let last = 0;
        for (let offset = 1; offset <= len; offset += Math.max(1, Math.floor(len / 50))) {
          const leaf = leafIndex((start + offset) % 1000, [start, end], depth, 1000);
          expect(leaf).toBeGreaterThanOrEqual(last);
          expect(leaf).toBeLessThan(2 ** depth);
          last = leaf;
        }
        expect(leafIndex((start + 1) % 1000, [start, end], depth, 1000)).toBe(0);
        // With at least one position per leaf, the range's end is in the last leaf.
        if (len >= 2 ** depth) expect(leafIndex(end, [start, end], depth, 1000)).toBe(2 ** depth - 1);
      }),
      { numRuns: 100 },
    );
  });
});

describe('comparing trees', () => {
  const keys = Array.from({ length: 40 }, (_, i) => entry(`key${i}`, (i * 37) % 1000, version(1, i, { A: 1, B: i % 3 + 1 })));

  it('equal data gives equal roots, whatever order the entries come in', () => {
    const a = buildTree(keys, [0, 0], 5, 1000);
    const b = buildTree([...keys].reverse(), [0, 0], 5, 1000);
    expect(a.levels[0]![0]).toBe(b.levels[0]![0]);
    expect(differing(a, b)).toEqual([]);
  });

  it('one differing key changes exactly one leaf and the path from it to the root', () => {
    const changed = keys.map((e, i) => (i === 17 ? entry(e.key, e.pos, version(2, 'new', { A: 2, B: 1 })) : e));
    const a = buildTree(keys, [0, 0], 5, 1000);
    const b = buildTree(changed, [0, 0], 5, 1000);
    const leaf = leafIndex(keys[17]!.pos, [0, 0], 5, 1000);
    expect(differing(a, b)).toEqual([0, 1, 2, 3, 4, 5].map((level) => [level, leaf >> (5 - level)]));
    expect(a.leafKeys[leaf]).toContain('key17');
  });

  it('a key missing on one side is a difference too', () => {
    const a = buildTree(keys, [0, 0], 5, 1000);
    const b = buildTree(keys.slice(1), [0, 0], 5, 1000);
    const leaf = leafIndex(keys[0]!.pos, [0, 0], 5, 1000);
    expect(differing(a, b).map(([level, i]) => [level, i])).toEqual([0, 1, 2, 3, 4, 5].map((level) => [level, leaf >> (5 - level)]));
  });

  it('the lecture 001 example: (k0,v0),(k1,v1) against (k0,v2),(k1,v1) — the roots differ, only k0’s leaf differs', () => {
    const k1 = entry('k1', 600, version(1, 'v1', { A: 1 }));
    const node0 = buildTree([entry('k0', 100, version(1, 'v0', { A: 1 })), k1], [0, 0], 1, 1000);
    const node1 = buildTree([entry('k0', 100, version(2, 'v2', { A: 1, B: 1 })), k1], [0, 0], 1, 1000);
    expect(node0.leafKeys).toEqual([['k0'], ['k1']]); // h0 and h1 in the slide
    expect(differing(node0, node1)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(node0.levels[1]![1]).toBe(node1.levels[1]![1]); // h1 = hash(v1) on both
  });

  it('hashes cover clocks and values, not the wall-clock stamps in clock entries', () => {
    expect(hashEntry('k', [version(1, 'v', { A: 1 }, 5)])).toBe(hashEntry('k', [version(1, 'v', { A: 1 }, 999)]));
    expect(hashEntry('k', [version(1, 'v', { A: 1 })])).not.toBe(hashEntry('k', [version(1, 'w', { A: 1 })]));
    expect(hashEntry('k', [version(1, 'v', { A: 1 })])).not.toBe(hashEntry('k', [version(1, 'v', { A: 2 })]));
    // Siblings hash the same in any order.
    const s = [version(1, 'x', { A: 1 }), version(2, 'y', { B: 1 })];
    expect(hashEntry('k', s)).toBe(hashEntry('k', [...s].reverse()));
  });
});

describe('ranges in trees', () => {
  it('a key outside the tree’s range still lands in some leaf: callers filter keys by range first', () => {
    const range: Range = [100, 200];
    expect(leafIndex(500, range, 2, 1000)).toBe(3); // clamped to the last leaf
  });
});
