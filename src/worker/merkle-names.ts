/**
 * The lecture's names for the hashes of small Merkle trees (lecture 001: h0 = hash(v0), h1 =
 * hash(v1), h2 = hash(h0 + h1), …), kept while the same replicas compare the same keys.
 * Given in the worker, from the trace: see `foldedNames` in merkle-query.ts.
 */
import type { MerkleTree } from '../engine/index';

/**
 * The lecture's names for the hashes of small trees (lecture 001: h0 = hash(v0),
 * h1 = hash(v1), h2 = hash(h0 + h1); the other replica's h3 = hash(v2)): each distinct hash
 * named in the order first met, leaves before their parents, the first tree before the
 * second, so equal hashes share a name across replicas; a hash over an empty half has none.
 * `known` names stay as they were
 * and new hashes take the next numbers. Null when there are more than `most` (a big
 * tree's names would be noise): the hex digits alone say it then.
 */
export function hashNames(trees: readonly MerkleTree[], most = 12, known: ReadonlyMap<string, string> = new Map()): ReadonlyMap<string, string> | null {
  let overflow = false;
  const names = new Map(known);
  for (const tree of trees) {
    for (let level = tree.depth; level >= 0; level--) {
      const below = tree.levels[level + 1];
      (tree.levels[level] ?? []).forEach((hash, i) => {
        // A hash over an empty half is not one the lecture names (its root over k0 alone is not h1).
        if (hash === '' || names.has(hash) || (below !== undefined && (below[2 * i] === '' || below[2 * i + 1] === ''))) return;
        if (names.size < most) names.set(hash, `h${names.size}`);
        else overflow = true;
      });
      if (overflow) return null;
    }
  }
  return names;
}

/**
 * Hash names that last (lecture 001): once h3 = hash(v2) and h4 = Node0's root are named, they
 * keep those names after anti-entropy copies v2 to Node1, and when the lecture steps back.
 * The names are kept while the same replicas compare the same range holding the same keys;
 * a key added or removed changes every hash above it, so the names start again from h0, as
 * the notes' tree over k0 and k1 does once k1 is written.
 */
export class HashNameMemory {
  private subject = '';
  private names: ReadonlyMap<string, string> = new Map();

  namesFor(pair: readonly string[], range: number, trees: readonly MerkleTree[], most = 12): ReadonlyMap<string, string> | null {
    const subject = subjectOf(pair, range, trees);
    // Past `most` names kept from before, the numbering starts again from these trees.
    const names = (subject === this.subject ? hashNames(trees, most, this.names) : null) ?? hashNames(trees, most);
    if (names) {
      this.subject = subject;
      this.names = names;
    }
    return names;
  }
}

/** What the names of `HashNameMemory` last for: the pair (either way round), the range, and the keys it holds. */
function subjectOf(pair: readonly string[], range: number, trees: readonly MerkleTree[]): string {
  return JSON.stringify([[...pair].sort(), range, [...new Set(trees.flatMap((t) => t.leafKeys.flat()))].sort()]);
}

