/**
 * Merkle trees over a key range (paper §4.7; lectures 001, 002, 003).
 *
 * A range is cut into 2^depth equal buckets, the leaves; a leaf's hash covers the keys in
 * its bucket and all their versions, a parent's hash covers its two children. Two replicas
 * with equal roots hold the same data for the whole range; where hashes differ, only the
 * differing children need a closer look, so the data that moves is proportional to the
 * difference, not to the range. Pure functions: the anti-entropy protocol sends the
 * hashes in messages.
 */
import { md5 } from 'js-md5';
import { rangeLength, type Range } from './ownership';
import type { Version } from './versions';

/** Bytes one hash costs on the wire (an MD5 digest). */
export const HASH_BYTES = 16;
/** A leaf or subtree with no keys. */
export const EMPTY_HASH = '';

export interface MerkleTree {
  readonly range: Range;
  readonly depth: number;
  /** levels[0] is [root]; levels[depth] are the 2^depth leaves. */
  readonly levels: readonly (readonly string[])[];
  /** The keys in each leaf, sorted. */
  readonly leafKeys: readonly (readonly string[])[];
}

export interface TreeEntry {
  readonly key: string;
  readonly pos: number;
  readonly versions: readonly Version[];
}

/** Enough leaves for about one key each, as lecture 001 draws it (two keys: h0 and h1 under one root); at most 2^20. */
export function depthFor(keyCount: number): number {
  return Math.min(20, Math.max(1, Math.ceil(Math.log2(Math.max(1, keyCount)))));
}

/** Which leaf of a tree over `range` (on a ring of `size`) holds position `pos`. */
export function leafIndex(pos: number, range: Range, depth: number, size: number): number {
  const len = rangeLength(range, size);
  const offset = (((pos - range[0]) % size) + size) % size || size; // in (0, len]
  return Math.min(2 ** depth - 1, Math.floor(((offset - 1) * 2 ** depth) / len));
}

/** A canonical text of a key's versions: clocks (without timestamps) and values, sorted. */
export function canonicalEntry(key: string, versions: readonly Version[]): string {
  const parts = versions.map((v) => JSON.stringify([v.clock.map((e) => [e.node, e.counter]), v.value])).sort();
  return JSON.stringify([key, parts]);
}

/**
 * Each sibling list's hash and size, by the list itself. A store's lists are replaced, never changed
 * (`addVersion` returns a new one), so an anti-entropy tick hashes only the keys written since
 * the last: 20,000 puts with anti-entropy every second spent most of 13 s in MD5 of leaves
 * that had not changed. The key is kept with it: an empty list is shared by every key.
 */
const entryFacts = new WeakMap<readonly Version[], { readonly key: string; readonly hash: string; readonly bytes: number }>();

function factsOf(key: string, versions: readonly Version[]): { readonly hash: string; readonly bytes: number } {
  const known = entryFacts.get(versions);
  if (known !== undefined && known.key === key) return known;
  const text = canonicalEntry(key, versions);
  const facts = { key, hash: md5.hex(text), bytes: utf8Length(text) };
  entryFacts.set(versions, facts);
  return facts;
}

export function hashEntry(key: string, versions: readonly Version[]): string {
  return factsOf(key, versions).hash;
}

/** What a key and its versions cost to send: its canonical text in UTF-8 bytes. */
export function entryBytes(key: string, versions: readonly Version[]): number {
  return factsOf(key, versions).bytes;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function buildTree(entries: readonly TreeEntry[], range: Range, depth: number, size: number): MerkleTree {
  const buckets: TreeEntry[][] = Array.from({ length: 2 ** depth }, () => []);
  for (const e of entries) buckets[leafIndex(e.pos, range, depth, size)]!.push(e);
  const sorted = buckets.map((b) => b.sort(byKey));
  const leafKeys = sorted.map((b) => b.map((e) => e.key));
  return { range, depth, levels: levelsAbove(sorted.map(leafHash)), leafKeys };
}

const byKey = (x: TreeEntry, y: TreeEntry): number => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

/** A leaf's hash, over its entries sorted by key; the empty hash for none. */
export function leafHash(sorted: readonly TreeEntry[]): string {
  return sorted.length === 0 ? EMPTY_HASH : md5.hex(sorted.map((e) => hashEntry(e.key, e.versions)).join(''));
}

/** A parent's hash: empty over two empty children. */
export function parentHash(left: string, right: string): string {
  return left === EMPTY_HASH && right === EMPTY_HASH ? EMPTY_HASH : md5.hex(left + right);
}

/** Every level of a tree from its leaves: [root], …, leaves. */
function levelsAbove(leaves: string[]): string[][] {
  const levels: string[][] = [leaves];
  while (levels[0]!.length > 1) {
    const below = levels[0]!;
    const above: string[] = [];
    for (let i = 0; i < below.length; i += 2) above.push(parentHash(below[i]!, below[i + 1]!));
    levels.unshift(above);
  }
  return levels;
}
