import { describe, expect, it } from 'vitest';
import { Cluster, clusterView } from '../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../worker/default-config';
import { mergeNodes, mergeStrings, sameTokens } from './frame-merge';

describe('structural sharing between frames', () => {
  it('keeps the previous arrays when nothing changed, and only the nodes that changed otherwise', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    const before = clusterView(cluster);
    const same = clusterView(cluster);
    expect(mergeNodes(before.nodes, same.nodes)).toBe(before.nodes);
    expect(sameTokens(before.tokens, same.tokens)).toBe(true);
    cluster.apply({ type: 'fail', node: 'B' });
    const after = mergeNodes(before.nodes, clusterView(cluster).nodes);
    expect(after).not.toBe(before.nodes);
    expect(after[0]).toBe(before.nodes[0]);
    expect(after[1]).not.toBe(before.nodes[1]);
    expect(after[1]!.isUp).toBe(false);
  });

  it('compares blocked links by content', () => {
    const prev = ['A>B'];
    expect(mergeStrings(prev, ['A>B'])).toBe(prev);
    expect(mergeStrings(prev, [])).toEqual([]);
  });
});
