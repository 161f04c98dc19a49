import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAbbreviated, longestName, shortNodeNames } from './node-names';

const MIXED8 = ['node10', 'server-a', 'dc1-node3', 'dc2-node12', 'backup-01', 'node7', 'eu-west-1a', 'cache-003'];
const MIXED16 = ['dc1-node1', 'dc1-node2', 'dc1-node3', 'server-a', 'dc1-node5', 'eu-west-1a', 'dc1-node7', 'dc1-node8', 'dc2-node10', 'dc2-node11', 'dc2-node12', 'dc2-node13', 'dc2-node14', 'dc2-node15', 'dc2-node16', 'dc2-node17'];

describe('short node names', () => {
  it('leaves names of five characters or fewer as they are (the built-in lectures)', () => {
    for (const ids of [['A', 'B', 'C', 'D'], ['node1', 'node2', 'node3', 'node4', 'node5'], ['n1', 'n2', 'n3', 'n4'], ['Sx', 'Sy', 'Sz']]) {
      const names = shortNodeNames(ids);
      expect([...names.values()]).toEqual(ids);
      expect(isAbbreviated(names)).toBe(false);
    }
  });

  it('keeps the number a node is read by and the letter before it', () => {
    expect([...shortNodeNames(MIXED8).values()]).toEqual(['n10', 'sa', 'n3', 'n12', 'b01', 'n7', 'w1a', 'c003']);
    expect([...shortNodeNames(MIXED16).values()]).toEqual(['n1', 'n2', 'n3', 'sa', 'n5', 'w1a', 'n7', 'n8', 'n10', 'n11', 'n12', 'n13', 'n14', 'n15', 'n16', 'n17']);
  });

  it('lengthens the names two nodes would share: dc1-node3 and dc2-node3 are d1n3 and d2n3', () => {
    expect([...shortNodeNames(['dc1-node3', 'dc2-node3', 'dc2-node4']).values()]).toEqual(['d1n3', 'd2n3', 'n4']);
    expect([...shortNodeNames(['node-1', 'node1', 'server7']).values()]).toEqual(['node-', 'node1', 's7']);
  });

  it('gives every id a name of its own, never empty', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 }), (ids) => {
        const names = [...shortNodeNames(ids).values()];
        expect(new Set(names).size).toBe(ids.length);
        for (const n of names) expect(n.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('longestName', () => {
  it('counts characters as a reader does (an emoji is one), and is at least 1', () => {
    expect(longestName(shortNodeNames(['dc2-node12', 'eu-west-1a', 'A']))).toBe(3);
    expect(longestName(new Map([['x', '🍒ab']]))).toBe(3);
    expect(longestName(new Map())).toBe(1);
  });
});
