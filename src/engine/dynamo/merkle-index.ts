/**
 * Merkle trees kept up to date, as a Dynamo node keeps them (paper §4.7: "each node
 * maintains a separate Merkle tree for each key range it hosts").
 *
 * An exchange asks a node for its keys in a list of ranges: how many, what they would cost
 * to send, and their trees. Worked out from scratch, that is every key the node stores,
 * hashed again, at every exchange: a run of 40,000 puts with anti-entropy spent nine tenths
 * of its time there. Here each node keeps, per list of ranges it has exchanged over, its
 * keys in each range and their trees, and brings them up to date from the store's change
 * log (node.ts): only the leaves whose keys changed are hashed again, and the paths above
 * them. What it gives is exactly what `buildTree` gives on the store as it is now; a
 * property test holds the two equal.
 */
import type { World } from '../world';
import type { NodeId } from './ring';
import type { Range } from './ownership';
import { buildTree, entryBytes, leafHash, leafIndex, parentHash, type MerkleTree, type TreeEntry } from './merkle';
import { storeLog, type NodeState, type StoreLog } from './node';
import { inRange } from './rebalance';

/** A node's keys in one list of ranges, kept up to date. */
export interface RangeKeys {
  /** The node's keys in each range, with what they cost to send together. */
  readonly parts: readonly RangePart[];
  /** The change of the store's log this is up to date with. */
  logAt: number;
  /** When an exchange last asked for it, to forget the one asked for longest ago. */
  usedAt: number;
}

interface RangePart {
  readonly range: Range;
  readonly entries: Map<string, TreeEntry>;
  bytes: number;
  tree: LiveTree | undefined;
}

/** A tree that is changed in place: `dirty` are the leaves whose keys changed since its hashes were last worked out. */
interface LiveTree {
  readonly depth: number;
  readonly levels: string[][];
  readonly leafKeys: (readonly string[])[];
  readonly dirty: Set<number>;
}

/**
 * Lists of ranges kept per node, the most recently used: one per replica peer it exchanges
 * with, on rings of up to about 128 nodes; on larger ones the peers a node has not met for
 * longest are built again from the store, as before.
 */
export const KEPT_PER_NODE = 32;

const kept = new WeakMap<NodeState, Map<string, RangeKeys>>();
let useCount = 0;

/** The node's keys in `ranges`, up to date with its store. */
export function rangeKeys(world: World, at: NodeId, ranges: readonly Range[]): RangeKeys {
  const node = world.node(at);
  const log = storeLog(node);
  let byRanges = kept.get(node);
  if (byRanges === undefined) {
    byRanges = new Map();
    kept.set(node, byRanges);
  }
  const id = ranges.map((r) => `${r[0]},${r[1]}`).join(';');
  let keys = byRanges.get(id);
  if (keys === undefined || keys.logAt < log.base) {
    keys = fromStore(world, node, ranges, log);
    keys.usedAt = ++useCount; // before the oldest is forgotten: the list just made is the newest
    byRanges.set(id, keys);
    forgetOldest(byRanges);
  } else {
    for (let i = keys.logAt - log.base; i < log.keys.length; i++) noteChange(world, node, keys, log.keys[i]!);
    keys.logAt = log.base + log.keys.length;
    keys.usedAt = ++useCount;
  }
  return keys;
}

export function keyCounts(keys: RangeKeys): number[] {
  return keys.parts.map((p) => p.entries.size);
}

/** What sending every key in the ranges would cost, in bytes. */
export function fullTransferBytes(keys: RangeKeys): number {
  return keys.parts.reduce((sum, p) => sum + p.bytes, 0);
}

/** The trees of depth `depth` over each range: a copy, which later writes to the store do not change. */
export function treesOf(keys: RangeKeys, depth: number, size: number): MerkleTree[] {
  return keys.parts.map((part) => {
    let tree = part.tree;
    if (tree === undefined || tree.depth !== depth) {
      const built = buildTree([...part.entries.values()], part.range, depth, size);
      tree = { depth, levels: built.levels.map((l) => l.slice()), leafKeys: built.leafKeys.slice(), dirty: new Set() };
      part.tree = tree;
    } else {
      rehash(part, tree);
    }
    return { range: part.range, depth, levels: tree.levels.map((l) => l.slice()), leafKeys: tree.leafKeys.slice() };
  });
}

function fromStore(world: World, node: NodeState, ranges: readonly Range[], log: StoreLog): RangeKeys {
  const parts: RangePart[] = ranges.map((range) => ({ range, entries: new Map(), bytes: 0, tree: undefined }));
  for (const [key, versions] of node.store) {
    const pos = world.keyPosition(key);
    const part = parts.find((p) => inRange(pos, p.range));
    if (part === undefined) continue;
    part.entries.set(key, { key, pos, versions });
    part.bytes += entryBytes(key, versions);
  }
  return { parts, logAt: log.base + log.keys.length, usedAt: 0 };
}

/** Brings one key up to date with the store: its entry, the bytes, and its leaf in the tree. */
function noteChange(world: World, node: NodeState, keys: RangeKeys, key: string): void {
  const pos = world.keyPosition(key);
  const part = keys.parts.find((p) => inRange(pos, p.range));
  if (part === undefined) return;
  const before = part.entries.get(key);
  const now = node.store.get(key);
  if (before?.versions === now) return;
  if (before !== undefined) part.bytes -= entryBytes(key, before.versions);
  if (now !== undefined) {
    part.entries.set(key, { key, pos, versions: now });
    part.bytes += entryBytes(key, now);
  } else {
    part.entries.delete(key);
  }
  const { tree } = part;
  if (tree === undefined) return;
  const leaf = leafIndex(pos, part.range, tree.depth, world.ring.space.size);
  // A leaf's key list is replaced, never changed: copies handed to exchanges share it.
  if (before === undefined) tree.leafKeys[leaf] = [...tree.leafKeys[leaf]!, key].sort();
  else if (now === undefined) tree.leafKeys[leaf] = tree.leafKeys[leaf]!.filter((k) => k !== key);
  tree.dirty.add(leaf);
}

/** Hashes again the leaves that changed, then their parents up to the root. */
function rehash(part: RangePart, tree: LiveTree): void {
  if (tree.dirty.size === 0) return;
  let changed = [...tree.dirty];
  tree.dirty.clear();
  const leaves = tree.levels[tree.depth]!;
  for (const leaf of changed) leaves[leaf] = leafHash(tree.leafKeys[leaf]!.map((k) => part.entries.get(k)!));
  for (let level = tree.depth - 1; level >= 0; level--) {
    const above = tree.levels[level]!;
    const below = tree.levels[level + 1]!;
    changed = [...new Set(changed.map((i) => i >> 1))];
    for (const i of changed) above[i] = parentHash(below[2 * i]!, below[2 * i + 1]!);
  }
}

function forgetOldest(byRanges: Map<string, RangeKeys>): void {
  if (byRanges.size <= KEPT_PER_NODE) return;
  let oldest: string | undefined;
  let oldestAt = Infinity;
  for (const [id, keys] of byRanges) {
    if (keys.usedAt < oldestAt) {
      oldest = id;
      oldestAt = keys.usedAt;
    }
  }
  byRanges.delete(oldest!);
}
