/**
 * Geometry and state of the Merkle panel's trees (pure; d3-scale does the mathematics).
 *
 * Every tree node is in one of four states, which the panel draws as the lecture does:
 * `differing` (compared, the hashes differ: highlighted), `equal` (compared, the same:
 * greyed), `skipped` (never compared because an ancestor was equal: greyed, which is the
 * whole saving) and `pending` (not compared yet). A tree of 8 leaves is drawn whole; a
 * large one (1,024 leaves) shows a window of a few levels under a zoom root, and each
 * node at the window's bottom summarises the leaves below it ("128 equal").
 */
import { scaleLinear } from 'd3-scale';
import type { LevelRecord } from './merkle-exchange';
import { keyName } from '../../engine/index';

export type NodeState = 'pending' | 'equal' | 'differing' | 'skipped';

/** A tree node by level (0 is the root) and index within the level. */
export interface TreeNodeRef {
  readonly level: number;
  readonly index: number;
}

/** The state of every node of range `range`'s tree: `states[level][index]`. */
export function nodeStates(depth: number, levels: readonly LevelRecord[], range: number): NodeState[][] {
  const states: NodeState[][] = Array.from({ length: depth + 1 }, (_, level) => new Array<NodeState>(2 ** level).fill('pending'));
  for (const record of levels) {
    const row = states[record.level];
    if (!row) continue;
    for (const ref of record.compared) if (ref.range === range && ref.index < row.length) row[ref.index] = 'equal';
    for (const ref of record.differing) if (ref.range === range && ref.index < row.length) row[ref.index] = 'differing';
  }
  for (let level = 0; level < depth; level++) {
    states[level]!.forEach((state, index) => {
      if (state !== 'equal' && state !== 'skipped') return;
      for (const child of [2 * index, 2 * index + 1]) if (states[level + 1]![child] === 'pending') states[level + 1]![child] = 'skipped';
    });
  }
  return states;
}

/** How many leaves under a node are in each state. */
export interface LeafCounts {
  readonly leaves: number;
  readonly differing: number;
  /** Compared equal, or under an equal ancestor. */
  readonly equal: number;
  readonly pending: number;
}

export function leafCounts(states: readonly (readonly NodeState[])[], node: TreeNodeRef): LeafCounts {
  const depth = states.length - 1;
  const span = 2 ** (depth - node.level);
  const leaves = states[depth]!.slice(node.index * span, (node.index + 1) * span);
  const count = (test: (s: NodeState) => boolean) => leaves.filter(test).length;
  return { leaves: span, differing: count((s) => s === 'differing'), equal: count((s) => s === 'equal' || s === 'skipped'), pending: count((s) => s === 'pending') };
}

/** The words under a collapsed node: "512 equal", "3 of 128 differ", "128 leaves". */
export function summaryText(counts: LeafCounts, state: NodeState): string {
  if (state === 'equal' || state === 'skipped' || counts.equal === counts.leaves) return `${counts.leaves.toLocaleString('en')} equal`;
  if (counts.differing > 0) return `${counts.differing} of ${counts.leaves.toLocaleString('en')} differ`;
  return `${counts.leaves.toLocaleString('en')} leaves`;
}

/** One level's totals, for the line that tells levels the window does not draw. */
export interface LevelSummary {
  readonly level: number;
  readonly nodes: number;
  readonly compared: number;
  readonly differing: number;
}

export function levelSummaries(depth: number, levels: readonly LevelRecord[], range: number): LevelSummary[] {
  return Array.from({ length: depth + 1 }, (_, level) => {
    const record = levels.find((l) => l.level === level);
    return {
      level,
      nodes: 2 ** level,
      compared: record?.compared.filter((r) => r.range === range).length ?? 0,
      differing: record?.differing.filter((r) => r.range === range).length ?? 0,
    };
  });
}

/** Which part of a tree is drawn: `levels` levels from the zoom root down. */
export interface TreeWindow {
  readonly root: TreeNodeRef;
  readonly levels: number;
  readonly depth: number;
}

/** A bottom-row slot narrower than this draws no hash text. */
export const TEXT_SLOT_PX = 46;
/** Narrower than this, a level is not drawn at all: the window stops above it. */
export const MIN_SLOT_PX = 40;

/** As many levels under `root` as fit `width` (at least two, never past the leaves). */
export function treeWindow(depth: number, root: TreeNodeRef, width: number, maxLevels = 5): TreeWindow {
  const fit = 1 + Math.floor(Math.log2(Math.max(2, width / MIN_SLOT_PX)));
  const levels = Math.max(1, Math.min(depth - root.level + 1, Math.max(2, Math.min(fit, maxLevels))));
  return { root, levels, depth };
}

/** The node one level up from `node`, or null at the root. */
export function parentOf(node: TreeNodeRef): TreeNodeRef | null {
  return node.level === 0 ? null : { level: node.level - 1, index: Math.floor(node.index / 2) };
}

/** Whether `node` lies in the subtree under `root` (a node is under itself). */
export function isUnder(node: TreeNodeRef, root: TreeNodeRef): boolean {
  return node.level >= root.level && Math.floor(node.index / 2 ** (node.level - root.level)) === root.index;
}

export interface DrawnNode extends TreeNodeRef {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly state: NodeState;
  /** The window's bottom row above the leaves: the node stands for a hidden subtree. */
  readonly isCollapsed: boolean;
  readonly hasText: boolean;
}

export interface DrawnEdge {
  readonly key: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly state: NodeState;
}

export interface TreeLayout {
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  /** Where each drawn row sits: the level and its vertical centre. */
  readonly rows: readonly { readonly level: number; readonly y: number }[];
  readonly width: number;
  readonly height: number;
  /** Height of the row of key names or summaries under the bottom row. */
  readonly footY: number;
}

export interface LayoutOptions {
  readonly width: number;
  readonly rowHeight: number;
  readonly nodeHeight: number;
  /** Room left for the level labels. */
  readonly gutter: number;
  readonly footHeight: number;
  /** The widest a box is drawn (96 px: a hash's name and four digits at 19 px, with a margin). */
  readonly maxNodeWidth?: number;
}

/** Positions of the window's nodes: each row spreads its nodes evenly under their parents. */
export function treeLayout(window: TreeWindow, states: readonly (readonly NodeState[])[], o: LayoutOptions): TreeLayout {
  const { root, levels, depth } = window;
  const slots = 2 ** (levels - 1);
  const x = scaleLinear().domain([0, slots]).range([o.gutter, o.width]);
  const slotWidth = (o.width - o.gutter) / slots;
  const nodes: DrawnNode[] = [];
  const edges: DrawnEdge[] = [];
  const rows = Array.from({ length: levels }, (_, j) => ({ level: root.level + j, y: o.rowHeight * j + o.rowHeight / 2 }));
  for (let j = 0; j < levels; j++) {
    const count = 2 ** j;
    const span = slots / count;
    const level = root.level + j;
    const nodeWidth = Math.min(Math.max(6, slotWidth * span - 6), o.maxNodeWidth ?? 96);
    for (let i = 0; i < count; i++) {
      const index = root.index * count + i;
      const cx = x((i + 0.5) * span);
      const y = rows[j]!.y;
      const state = states[level]?.[index] ?? 'pending';
      nodes.push({ level, index, x: cx, y, width: nodeWidth, height: o.nodeHeight, state, isCollapsed: j === levels - 1 && level < depth, hasText: slotWidth * span >= TEXT_SLOT_PX });
      if (j > 0) {
        const parentX = x((Math.floor(i / 2) + 0.5) * span * 2);
        edges.push({ key: `${level}:${index}`, x1: parentX, y1: rows[j - 1]!.y + o.nodeHeight / 2, x2: cx, y2: y - o.nodeHeight / 2, state });
      }
    }
  }
  const footY = o.rowHeight * levels + 4;
  return { nodes, edges, rows, width: o.width, height: footY + o.footHeight, footY };
}

// The hashes' names are given in the worker, from the trace (src/worker/merkle-names.ts); re-exported for the panel's tests.
export { hashNames, HashNameMemory } from '../../worker/merkle-names';

/** A hash as the panel prints it: its first hex digits, or ∅ for an empty subtree. */
export function shortHash(hash: string, digits = 4): string {
  return hash === '' ? '∅' : hash.slice(0, digits);
}

/** Key names under a leaf, as many as fit: "k0", "k3 +2". */
export function leafLabel(keys: readonly string[], maxChars: number): string {
  if (keys.length === 0) return '';
  // Named as the log names it: a key with a space quoted, a control character escaped.
  const first = keyName(keys[0]!);
  const more = keys.length > 1 ? ` +${keys.length - 1}` : '';
  const room = Math.max(1, maxChars - more.length);
  return (first.length > room ? `${first.slice(0, Math.max(1, room - 1))}…` : first) + more;
}

/** Width of a character of the tree's title (17 px, weight 800), a little generous. */
const TITLE_CHAR_PX = 11;
/** Where the level names ("▶root", 14 px) end, and the gap the title keeps from them. */
const LEVEL_NAME_PX = 48;

/**
 * The title left of a tree's root: "C’s tree" where it fits between the level names and the
 * root's box (`rootLeftPx` less the owner's colour square), else the id alone, else the id cut
 * with "…" (whole in its tooltip and the tree's accessible name). "dc1-node7’s tree" at 1280 px
 * ran 40 px over "root". Ids of five characters or fewer are never cut, unless `isTight`: two
 * trees side by side in the narrow stage leave room for "A" alone beside the first root. There
 * the title takes the root row's level name's place too (the tree view leaves "root" out for
 * it): "N…" and "N…" could not be told apart, for Node0 and Node1.
 */
export function ownerTitle(node: string, titleRightPx: number, isTight = false): { text: string; isCut: boolean } {
  const chars = [...node];
  const room = titleRightPx - (isTight ? 0 : LEVEL_NAME_PX);
  const fits = (n: number) => (!isTight && chars.length <= 5) || n * TITLE_CHAR_PX <= room;
  if (fits(chars.length + 7)) return { text: `${node}’s tree`, isCut: false };
  if (fits(chars.length)) return { text: node, isCut: true };
  return { text: `${chars.slice(0, Math.max(1, Math.floor(room / TITLE_CHAR_PX) - 1)).join('')}…`, isCut: true };
}
