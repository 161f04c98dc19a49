import { describe, expect, it } from 'vitest';
import type { LevelRecord } from './merkle-exchange';
import { HashNameMemory, hashNames, isUnder, leafCounts, leafLabel, levelSummaries, nodeStates, parentOf, shortHash, summaryText, treeLayout, treeWindow, ownerTitle } from './merkle-layout';

/** The comparison records of one differing leaf `leaf` in a tree of `depth` levels (range 0). */
function onePath(depth: number, leaf: number, upToLevel = depth): LevelRecord[] {
  return Array.from({ length: upToLevel + 1 }, (_, level) => {
    const index = leaf >> (depth - level);
    const compared = level === 0 ? [{ range: 0, index: 0 }] : [{ range: 0, index: index & ~1 }, { range: 0, index: index | 1 }];
    return { level, by: level % 2 === 0 ? 'A' : 'B', compared, differing: [{ range: 0, index }] };
  });
}

const OPTIONS = { width: 450, rowHeight: 44, nodeHeight: 28, gutter: 40, footHeight: 22 };

describe('node states', () => {
  it('marks compared nodes equal or differing, greys what lies under an equal node, and leaves the rest pending', () => {
    const states = nodeStates(3, onePath(3, 2, 1), 0);
    expect(states[0]).toEqual(['differing']);
    expect(states[1]).toEqual(['differing', 'equal']);
    expect(states[2]).toEqual(['pending', 'pending', 'skipped', 'skipped']);
    expect(states[3]).toEqual(['pending', 'pending', 'pending', 'pending', 'skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('ignores other ranges’ records', () => {
    const other = onePath(3, 2).map((l) => ({ ...l, compared: l.compared.map((r) => ({ ...r, range: 1 })), differing: l.differing.map((r) => ({ ...r, range: 1 })) }));
    expect(nodeStates(3, other, 0).flat().every((s) => s === 'pending')).toBe(true);
  });

  it('a 1,024-leaf tree with one differing key: half of it is "512 equal" after one level', () => {
    const states = nodeStates(10, onePath(10, 700, 1), 0);
    expect(summaryText(leafCounts(states, { level: 1, index: 0 }), states[1]![0]!)).toBe('512 equal');
    expect(summaryText(leafCounts(states, { level: 1, index: 1 }), states[1]![1]!)).toBe('512 leaves');
    const done = nodeStates(10, onePath(10, 700), 0);
    expect(summaryText(leafCounts(done, { level: 1, index: 1 }), done[1]![1]!)).toBe('1 of 512 differ');
    expect(leafCounts(done, { level: 0, index: 0 })).toEqual({ leaves: 1024, differing: 1, equal: 1023, pending: 0 });
  });

  it('sums each level: compared and differing', () => {
    expect(levelSummaries(3, onePath(3, 5), 0).map((l) => [l.level, l.nodes, l.compared, l.differing])).toEqual([
      [0, 1, 1, 1],
      [1, 2, 2, 1],
      [2, 4, 2, 1],
      [3, 8, 2, 1],
    ]);
  });
});

describe('the window and the zoom', () => {
  it('draws a lecture-size tree (8 leaves) whole in the narrow stage', () => {
    expect(treeWindow(3, { level: 0, index: 0 }, 410)).toEqual({ root: { level: 0, index: 0 }, levels: 4, depth: 3 });
  });

  it('draws only the top of a 1,024-leaf tree, deeper when zoomed, never past the leaves', () => {
    const top = treeWindow(10, { level: 0, index: 0 }, 410);
    expect(top.levels).toBe(4);
    expect(treeWindow(10, { level: 0, index: 0 }, 1200).levels).toBe(5);
    expect(treeWindow(10, { level: 8, index: 200 }, 410).levels).toBe(3);
  });

  it('knows parents and subtrees', () => {
    expect(parentOf({ level: 3, index: 5 })).toEqual({ level: 2, index: 2 });
    expect(parentOf({ level: 0, index: 0 })).toBeNull();
    expect(isUnder({ level: 3, index: 5 }, { level: 1, index: 1 })).toBe(true);
    expect(isUnder({ level: 3, index: 3 }, { level: 1, index: 1 })).toBe(false);
  });
});

describe('tree layout', () => {
  const states = nodeStates(3, onePath(3, 6), 0);

  it('puts every node inside the width, rows top-down, each child under its parent’s half', () => {
    const layout = treeLayout(treeWindow(3, { level: 0, index: 0 }, 410), states, OPTIONS);
    expect(layout.nodes).toHaveLength(15);
    expect(layout.edges).toHaveLength(14);
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(OPTIONS.gutter);
      expect(n.x + n.width / 2).toBeLessThanOrEqual(OPTIONS.width);
    }
    const at = (level: number, index: number) => layout.nodes.find((n) => n.level === level && n.index === index)!;
    expect(at(1, 0).y).toBeGreaterThan(at(0, 0).y);
    expect(at(2, 0).x).toBeLessThan(at(1, 0).x);
    expect(at(2, 1).x).toBeGreaterThan(at(1, 0).x);
    expect(at(3, 6).state).toBe('differing');
    expect(layout.nodes.every((n) => n.hasText && !n.isCollapsed)).toBe(true);
  });

  it('in a zoomed window of a large tree, numbers nodes as in the whole tree and marks the bottom row collapsed', () => {
    const big = nodeStates(10, onePath(10, 700), 0);
    const layout = treeLayout(treeWindow(10, { level: 2, index: 2 }, 410), big, OPTIONS);
    expect(layout.nodes[0]).toMatchObject({ level: 2, index: 2, state: 'differing' });
    const bottom = layout.nodes.filter((n) => n.level === 5);
    expect(bottom.map((n) => n.index)).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
    expect(bottom.every((n) => n.isCollapsed)).toBe(true);
    expect(bottom.find((n) => n.index === 700 >> 5)!.state).toBe('differing');
  });
});

describe('labels', () => {
  it('prints hashes short, and ∅ for an empty subtree', () => {
    expect(shortHash('3fa2c9')).toBe('3fa2');
    // Names for small trees only: past `most` distinct hashes, none.
    const tree = (levels: string[][]) => ({ range: [0, 10] as const, depth: levels.length - 1, levels, leafKeys: [] });
    expect(hashNames([tree([['r'], ['a', 'b']])])).toEqual(new Map([['a', 'h0'], ['b', 'h1'], ['r', 'h2']]));
    expect(hashNames([tree([['r'], ['a', '']])])?.has('')).toBe(false);
    expect(hashNames([tree([['r'], ['a', 'b']])], 2)).toBeNull();
    expect(shortHash('')).toBe('∅');
  });

  it('keeps the names it gave while the same keys are compared, and starts again when a key comes or goes', () => {
    const tree = (levels: string[][], leafKeys: string[][]) => ({ range: [0, 10] as const, depth: levels.length - 1, levels, leafKeys });
    const memory = new HashNameMemory();
    const name = (names: ReadonlyMap<string, string> | null, ...hashes: string[]) => hashes.map((h) => names?.get(h));
    // One key: its leaf is h0; the root over it and an empty half is left unnamed (it is not the notes' h1).
    expect(name(memory.namesFor(['A', 'B'], 0, [tree([['r0'], ['a', '']], [['k0'], []])]), 'a', 'r0')).toEqual(['h0', undefined]);
    // k1 is written: every hash above it changes, so the names start again, as the notes' tree does.
    const synced = tree([['r'], ['a', 'b']], [['k0'], ['k1']]);
    expect(name(memory.namesFor(['A', 'B'], 0, [synced, synced]), 'a', 'b', 'r')).toEqual(['h0', 'h1', 'h2']);
    // B's k0 changes: the new hashes take the next names.
    const changed = tree([['r2'], ['c', 'b']], [['k0'], ['k1']]);
    expect(name(memory.namesFor(['A', 'B'], 0, [synced, changed]), 'a', 'b', 'r', 'c', 'r2')).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    // Repaired, both hold B's version: the names step back and forth do not change (the pair in either order).
    expect(name(memory.namesFor(['B', 'A'], 0, [changed, changed]), 'c', 'b', 'r2')).toEqual(['h3', 'h1', 'h4']);
    expect(name(memory.namesFor(['A', 'B'], 0, [synced, changed]), 'a', 'r')).toEqual(['h0', 'h2']);
    // Past twelve names kept, the numbering starts again from the trees on screen rather than naming nothing.
    const busy = new HashNameMemory();
    const restarts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const names = busy.namesFor(['A', 'B'], 0, [tree([[`r${i}`], [`x${i}`, 'b']], [['k0'], ['k1']])]);
      expect(names).not.toBeNull();
      expect(names!.size).toBeLessThanOrEqual(12);
      if (names!.get(`x${i}`) === 'h0') restarts.push(`x${i}`);
    }
    // The first tree is named from h0, and so is the one that found the memory full.
    expect(restarts).toEqual(['x0', 'x5']);
    // Another pair, or another range, starts from h0.
    expect(name(memory.namesFor(['A', 'C'], 0, [changed, changed]), 'c', 'b', 'r2')).toEqual(['h0', 'h1', 'h2']);
  });

  it('names a leaf’s keys as far as they fit', () => {
    expect(leafLabel(['k0'], 6)).toBe('k0');
    expect(leafLabel(['k0', 'k5', 'k9'], 6)).toBe('k0 +2');
    expect(leafLabel(['user:1234'], 6)).toBe('user:…');
    expect(leafLabel([], 6)).toBe('');
  });

  it('names a leaf’s key as the log does: a space quoted, a direction override escaped', () => {
    expect(leafLabel(['my cart'], 20)).toBe('"my cart"');
    expect(leafLabel(['x\u202eabc', 'k1'], 20)).toBe('"x\\u202eabc" +1');
  });
});

describe("a tree's title beside its root", () => {
  it('is "C’s tree" for ids of five characters or fewer, whatever the room (the lectures, as before)', () => {
    expect(ownerTitle('A', 40)).toEqual({ text: 'A’s tree', isCut: false });
    expect(ownerTitle('node3', 60)).toEqual({ text: 'node3’s tree', isCut: false });
  });

  it('drops "’s tree" for a long id where it would run over the level names, and cuts an id longer still', () => {
    // At 1280×720 the root's box leaves 162 px right of x=0 for the title.
    expect(ownerTitle('dc2-node12', 162)).toEqual({ text: 'dc2-node12', isCut: true });
    expect(ownerTitle('dc2-node12', 300)).toEqual({ text: 'dc2-node12’s tree', isCut: false });
    const cut = ownerTitle('rack-07-server-a', 162);
    expect(cut.isCut).toBe(true);
    expect(cut.text).toMatch(/^rack-07-s.*…$/);
    expect([...cut.text].length * 11).toBeLessThanOrEqual(162 - 48);
  });

  it('beside the other tree in the narrow stage (tight), a short id too goes without "’s tree" where that does not fit', () => {
    // Side by side at 1024×576 the first root's box leaves 60 px right of x=0 for the title.
    expect(ownerTitle('A', 60, true)).toEqual({ text: 'A', isCut: true });
    expect(ownerTitle('A', 200, true)).toEqual({ text: 'A’s tree', isCut: false });
    // Lecture 001's Node0 and Node1 keep their whole names there: the title takes the place of "root" (cut to "N…"
    // behind it, the two trees could not be told apart).
    expect(ownerTitle('Node0', 60, true)).toEqual({ text: 'Node0', isCut: true });
  });
});
