import { describe, expect, it } from 'vitest';
import { Cluster, keyView } from '../../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { preferenceTable } from './preference-list-layout';

describe('preference list table', () => {
  it('lists the top N with their tokens and roles, then fallbacks, and who holds which version', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'C' });
    cluster.settle();
    const table = preferenceTable(keyView(cluster, 'cart'), 'C', 4);
    expect(table.rows.map((r) => [r.rank, r.node, r.token, r.role])).toEqual([
      ['1', 'C', 458, 'coordinator'],
      ['2', 'D', 850, 'replica'],
      ['3', 'A', 20, 'replica'],
      ['F1', 'B', 230, 'fallback'],
    ]);
    expect(table.rows[0]!.holds).toEqual([{ text: 'D1', full: 'D1 [C,1]' }]);
    expect(table.rows[3]!.holds).toEqual([]);
    expect(table.moreFallbacks).toBe(0);
  });

  it('shows a hint a fallback keeps for a node that was down, and leaves out the fallbacks that do not matter', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    cluster.apply({ type: 'fail', node: 'C' });
    cluster.apply({ type: 'put', key: 'cart', value: 'hat' });
    cluster.runUntil(400);
    const table = preferenceTable(keyView(cluster, 'cart'), 'D', 0);
    expect(table.rows.find((r) => r.node === 'B')).toMatchObject({ rank: 'F1', role: 'fallback', holds: [{ text: 'D1 for C', full: 'D1 [D,1], a hint kept for C' }] });
    expect(preferenceTable(keyView(Cluster.create(DEFAULT_CONFIG, 1), 'cart'), null, 0)).toMatchObject({ moreFallbacks: 1 });
  });

  it('names the versions a node holds in the order they were made, whatever order its store keeps them in', () => {
    // Written on both sides of a split, then read-repaired: C and D store D2 before D1.
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    cluster.apply({ type: 'partition', groups: [['A', 'B'], ['C', 'D']] });
    cluster.apply({ type: 'put', key: 'cart', value: 'a', via: 'A' });
    cluster.settle();
    cluster.apply({ type: 'put', key: 'cart', value: 'c', via: 'C' });
    cluster.settle();
    cluster.apply({ type: 'heal' });
    cluster.apply({ type: 'get', key: 'cart', via: 'C' });
    cluster.settle();
    const view = keyView(cluster, 'cart');
    expect(view.holdings.find((h) => h.node === 'C')!.versions.map((v) => v.id)).toEqual([2, 1]);
    const table = preferenceTable(view, 'C', 4);
    expect(table.rows.filter((r) => r.node === 'C' || r.node === 'D').map((r) => r.holds.map((h) => h.text))).toEqual([
      ['D1', 'D2'],
      ['D1', 'D2'],
    ]);
  });

  it('with a strict quorum (no hinted handoff) nobody stands in: no fallbacks, and the walk ends at the last of the top N', () => {
    const sloppy = keyView(Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED), 'cart');
    const strict = keyView(Cluster.create({ ...DEFAULT_CONFIG, hintedHandoff: false }, DEFAULT_SEED), 'cart');
    expect(sloppy.fallbacks).toEqual(['B']);
    expect(sloppy.walk.map((s) => s.role)).toContain('fallback');
    expect(strict.preferenceList).toEqual(sloppy.preferenceList);
    expect(strict.fallbacks).toEqual([]);
    expect(strict.walk.map((s) => [s.node, s.role])).toEqual(sloppy.walk.filter((s) => s.role === 'replica').map((s) => [s.node, s.role]));
    expect(preferenceTable(strict, 'C', 4).rows.map((r) => r.rank)).toEqual(['1', '2', '3']);
  });
});
