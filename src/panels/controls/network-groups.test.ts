import { describe, expect, it } from 'vitest';
import { networkGroups, nextNodeId } from './network-groups';

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
});
