/**
 * The trees a node keeps up to date (merkle-index.ts) must be exactly the trees built from
 * scratch on its store as it is now, whatever was written, forgotten or lost in between:
 * anti-entropy's messages carry their hashes, so any difference would change the trace.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { World } from '../world';
import { buildTree, entryBytes, type TreeEntry } from './merkle';
import { fullTransferBytes, keyCounts, KEPT_PER_NODE, rangeKeys, treesOf } from './merkle-index';
import { clearStore, createNode, forgetKey, storeLog, storeVersion, type NodeState } from './node';
import type { Range } from './ownership';
import { inRange } from './rebalance';
import type { Version } from './versions';

const SIZE = 1000;
const KEYS = Array.from({ length: 12 }, (_, i) => `k${i}`);
const positionOf = (key: string): number => (Number(key.slice(1)) * 83 + 7) % SIZE;
/** Lists of ranges an exchange might ask for: two apart, one wrapping past 0, the whole ring. */
const RANGE_LISTS: readonly (readonly Range[])[] = [[[0, 300], [500, 900]], [[900, 100]], [[0, 0]], [[250, 650]]];

function worldOf(node: NodeState): World {
  return { node: () => node, keyPosition: positionOf, ring: { space: { size: SIZE } } } as unknown as World;
}

/** What an exchange would see, worked out from scratch on the store. */
function fromScratch(node: NodeState, ranges: readonly Range[], depth: number) {
  const entries: TreeEntry[][] = ranges.map(() => []);
  for (const [key, versions] of node.store) {
    const r = ranges.findIndex((range) => inRange(positionOf(key), range));
    if (r >= 0) entries[r]!.push({ key, pos: positionOf(key), versions });
  }
  return {
    counts: entries.map((e) => e.length),
    bytes: entries.flat().reduce((sum, e) => sum + entryBytes(e.key, e.versions), 0),
    trees: entries.map((list, r) => buildTree(list, ranges[r]!, depth, SIZE)),
  };
}

function kept(node: NodeState, ranges: readonly Range[], depth: number) {
  const keys = rangeKeys(worldOf(node), node.id, ranges);
  return { counts: keyCounts(keys), bytes: fullTransferBytes(keys), trees: treesOf(keys, depth, SIZE) };
}

let versionId = 0;
const version = (writer: string, counter: number, value: string): Version => ({ id: ++versionId, value, clock: [{ node: writer, counter, atMs: 0 }] });

type Command =
  | { readonly op: 'write'; readonly key: number; readonly writer: string; readonly counter: number }
  | { readonly op: 'forget'; readonly key: number }
  | { readonly op: 'clear' }
  | { readonly op: 'check'; readonly list: number; readonly depth: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('write' as const), key: fc.nat(KEYS.length - 1), writer: fc.constantFrom('A', 'B'), counter: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('forget' as const), key: fc.nat(KEYS.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('check' as const), list: fc.nat(RANGE_LISTS.length - 1), depth: fc.constantFrom(0, 3, 3, 3, 3, 5) }) },
);

describe('trees kept up to date', () => {
  it('equal the trees built from scratch after any writes, forgets and losses', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const node = createNode('A', undefined);
        for (const c of commands) {
          if (c.op === 'write') storeVersion(node, KEYS[c.key]!, version(c.writer, c.counter, `${c.writer}${c.counter}`));
          else if (c.op === 'forget') forgetKey(node, KEYS[c.key]!);
          else if (c.op === 'clear') clearStore(node);
          else expect(kept(node, RANGE_LISTS[c.list]!, c.depth)).toEqual(fromScratch(node, RANGE_LISTS[c.list]!, c.depth));
        }
        for (const list of RANGE_LISTS) expect(kept(node, list, 3)).toEqual(fromScratch(node, list, 3));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes again only what changed: one write changes one leaf and its path, and the copy an exchange holds stays as it was', () => {
    const node = createNode('A', undefined);
    for (const key of KEYS) storeVersion(node, key, version('A', 1, 'v1'));
    const ranges = RANGE_LISTS[2]!;
    const [before] = kept(node, ranges, 4).trees;
    storeVersion(node, 'k3', version('A', 2, 'v2'));
    const [after] = kept(node, ranges, 4).trees;
    const changed = before!.levels.flatMap((level, l) => level.flatMap((hash, i) => (hash !== after!.levels[l]![i] ? [[l, i]] : [])));
    expect(changed).toHaveLength(5); // root to leaf, at depth 4
    expect(after).toEqual(fromScratch(node, ranges, 4).trees[0]);
    expect(before).not.toEqual(after);
  });

  it('works from the store itself once its change log has been emptied', () => {
    const node = createNode('A', undefined);
    const ranges = RANGE_LISTS[0]!;
    kept(node, ranges, 3);
    const log = storeLog(node);
    for (let i = 1; i <= 6000; i++) storeVersion(node, KEYS[i % KEYS.length]!, version('A', i, `v${i}`));
    expect(log.base).toBeGreaterThan(0); // emptied at least once: 6,000 changes against 12 keys
    expect(log.keys.length).toBeLessThan(4 * node.store.size + 4097);
    expect(kept(node, ranges, 3)).toEqual(fromScratch(node, ranges, 3));
  });
});

describe('the lists of ranges a node keeps', () => {
  it('are the most recently used: past the limit, the one asked for longest ago is built again, never the one just asked for', () => {
    const node = createNode('A', undefined);
    for (const key of KEYS) storeVersion(node, key, version('A', 1, 'v1'));
    const lists = Array.from({ length: KEPT_PER_NODE + 8 }, (_, i): readonly Range[] => [[i, i + 500]]);
    const world = worldOf(node);
    const first = lists.map((ranges) => rangeKeys(world, 'A', ranges));
    // The last KEPT_PER_NODE lists asked for are kept: asked again, each is the same object.
    const recent = lists.slice(-KEPT_PER_NODE);
    expect(recent.every((ranges, i) => rangeKeys(world, 'A', ranges) === first[lists.length - KEPT_PER_NODE + i])).toBe(true);
    // The first ones were forgotten: built again (and what they hold is still right).
    const again = rangeKeys(world, 'A', lists[0]!);
    expect(again).not.toBe(first[0]);
    expect(keyCounts(again)).toEqual(fromScratch(node, lists[0]!, 2).counts);
    expect(rangeKeys(world, 'A', lists[0]!)).toBe(again);
  });
});
