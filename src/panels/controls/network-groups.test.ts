import { describe, expect, it } from 'vitest';
import { groupText, networkGroups, nextNodeId, splitText } from './network-groups';

describe('network groups', () => {
  it('is one group when every link works', () => {
    expect(networkGroups(['A', 'B', 'C'], [])).toEqual([['A', 'B', 'C']]);
  });

  it('reads a partition back from its blocked links', () => {
    const blocked = ['A>C', 'C>A', 'A>D', 'D>A', 'B>C', 'C>B', 'B>D', 'D>B'];
    expect(networkGroups(['A', 'B', 'C', 'D'], blocked)).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
  });
});

describe('the next node name', () => {
  it('continues the letters of the teaching ring and the numbers of the big ring', () => {
    expect(nextNodeId(['A', 'B', 'C', 'D'])).toBe('E');
    expect(nextNodeId(['A', 'C'])).toBe('B');
    expect(nextNodeId(['n1', 'n2', 'n3'])).toBe('n4');
    expect(nextNodeId(['n1', 'n3'])).toBe('n4');
  });

  it("continues a scenario file's own names, and falls back to n1, n2… where the names share no pattern", () => {
    expect(nextNodeId(['node1', 'node2', 'node3', 'node4'])).toBe('node5');
    expect(nextNodeId(['Sx', 'Sy', 'Sz'])).toBe('n4');
    expect(nextNodeId(['node1', 'n2'])).toBe('n3');
    expect(nextNodeId(['node1', 'Sx'])).toBe('n3');
    expect(nextNodeId([])).toBe('n1');
  });
});

describe('a group in a few words (the split note under the ring)', () => {
  it('names a small group whole and a big one by its first three and a count', () => {
    expect(groupText(['A', 'B'])).toBe('{A, B}');
    expect(groupText(['n1', 'n2', 'n3', 'n4'])).toBe('{n1, n2, n3, n4}');
    expect(groupText(Array.from({ length: 29 }, (_, i) => `n${i + 4}`))).toBe('{n4, n5, n6, … 26 more}');
  });

  it('says the split, or that some links are cut when the groups still connect', () => {
    expect(splitText([['A', 'B'], ['C', 'D']])).toBe('Split: {A, B} | {C, D}');
    expect(splitText([['A', 'B', 'C', 'D']])).toBe('Some links are cut');
  });
});
