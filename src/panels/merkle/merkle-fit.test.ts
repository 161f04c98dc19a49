import { describe, expect, it } from 'vitest';
import { fitTrees, MIN_BESIDE_TREE_PX, SIDE_BY_SIDE_PX } from './merkle-fit';

const ROOT = { level: 0, index: 0 };
/** Lecture 001's trees: one root over two leaves. */
const area = (width: number, height: number, depth = 1) => ({ width, height, barHeight: 0, depth, zoom: ROOT });

describe('how the two trees share the room under the controls', () => {
  it('stand one above the other in the narrow stage while both fit (1280×720: 446 × 296 px)', () => {
    const fit = fitTrees(area(446, 296));
    expect(fit.arrangement).toBe('stacked');
    expect(fit.isWhole).toBe(true);
    expect(fit.spill).toBe(0);
    expect(fit.treeWidth).toBe(446);
  });

  it('stand side by side at 1024×576, where one above the other would cut the second tree (481 × 100 px)', () => {
    for (const height of [100, 116, 165]) {
      const fit = fitTrees(area(481, height));
      expect(fit.arrangement).toBe('beside');
      expect(fit.spill).toBe(0);
      expect(fit.isWhole).toBe(true);
      // Each tree keeps its two leaves wide enough for "h0 cc98" at 15 px, and rows no lower than before.
      expect(fit.treeWidth).toBeGreaterThanOrEqual(MIN_BESIDE_TREE_PX);
      expect(fit.rowHeight).toBeGreaterThanOrEqual(30);
      expect(fit.nodeHeight).toBeGreaterThanOrEqual(24);
      expect(fit.rowHeight * fit.shown.levels + 4 + fit.footHeight).toBeLessThanOrEqual(height);
    }
  });

  it('stand side by side under the legend in the wide stage, as before', () => {
    expect(fitTrees(area(SIDE_BY_SIDE_PX, 300)).arrangement).toBe('wide');
    expect(fitTrees(area(SIDE_BY_SIDE_PX, 80)).arrangement).toBe('wide');
  });

  it('stay one above the other where side by side would be too narrow for the Legend button beside the second root', () => {
    const fit = fitTrees(area(390, 100));
    expect(fit.arrangement).toBe('stacked');
    expect(fit.spill).toBeGreaterThan(0);
  });

  it('side by side, a large tree fits fewer levels in each half, with the zoom bar, rather than leaving the second below the fold', () => {
    const stacked = fitTrees({ ...area(481, 400, 10), barHeight: 30 });
    expect(stacked.arrangement).toBe('stacked');
    expect(stacked.isWhole).toBe(false);
    const beside = fitTrees({ ...area(481, 150, 10), barHeight: 30 });
    expect(beside.arrangement).toBe('beside');
    expect(beside.isWhole).toBe(false);
    expect(beside.spill).toBe(0);
    expect(beside.shown.levels).toBeGreaterThanOrEqual(2);
  });
});
