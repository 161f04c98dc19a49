/**
 * How the Merkle panel's two trees share the room under its controls (pure): side by side
 * with the legend in the wide stage; in the narrow stage one above the other, or side by
 * side when one above the other does not fit the height.
 *
 * A 1280×720 projector at 125% zoom (1024×576) leaves the trees 100 to 116 px in a lecture:
 * two trees of two levels one above the other need 176, and the second tree, the one the
 * lecture compares the first with, lay below the fold of the trees' area. Side by side they
 * need 86, each tree still wide enough for its hashes at 15 px.
 */
import { treeWindow, type TreeNodeRef, type TreeWindow } from './merkle-layout';

/**
 * Room left of a tree for the level names. "▶root" is 44 px (14 px, bold); at 44 px of gutter
 * the tree's title beside a two-leaf root ("Node0’s tree", lecture 001) ran 4 px into it.
 */
export const GUTTER = 56;
/** The lowest row a level is drawn in: below it the tree is cut to fewer levels, or the area scrolls. */
export const MIN_ROW = 30;
const TREE_GAP = 4;
/** The wide stage's legend, one line above the trees. */
const LEGEND_PX = 26;
/** The gap between trees side by side (the `.mk-trees.side-by-side` gap). */
const BESIDE_GAP = 16;
/** From this width of the trees' area, the trees stand side by side with the legend above them. */
export const SIDE_BY_SIDE_PX = 760;
/**
 * Narrower than this, trees side by side in the narrow stage leave no room between the second
 * root and the corner for the Legend button (and the first tree's title runs into the level names).
 */
export const MIN_BESIDE_TREE_PX = 200;

/**
 * `wide`: side by side under the legend. `stacked`: one above the other, the legend folded in
 * the corner. `beside`: side by side in the narrow stage, the legend folded, each title short.
 */
export type Arrangement = 'wide' | 'stacked' | 'beside';

export interface TreesArea {
  readonly width: number;
  readonly height: number;
  /** The zoom bar's height, once drawn (it is, when a tree does not fit whole). */
  readonly barHeight: number;
  readonly depth: number;
  readonly zoom: TreeNodeRef;
}

export interface TreesFit {
  readonly arrangement: Arrangement;
  /** Each tree's width. */
  readonly treeWidth: number;
  /** The whole tree is drawn: no zoom bar. */
  readonly isWhole: boolean;
  readonly shown: TreeWindow;
  readonly rowHeight: number;
  readonly nodeHeight: number;
  /** Room under the bottom row for the key names or the summaries. */
  readonly footHeight: number;
  /** How far the trees run past the bottom of the area (0 when they fit): the area scrolls. */
  readonly spill: number;
  /** The widest box: side by side in the narrow stage, a little narrower, so that "A" fits between the level names and the root. */
  readonly maxNodeWidth: number;
}

const ROOT: TreeNodeRef = { level: 0, index: 0 };

/** The arrangement that shows both trees: one above the other while they fit, else side by side. */
export function fitTrees(area: TreesArea): TreesFit {
  if (area.width >= SIDE_BY_SIDE_PX) return fitAs('wide', area);
  const stacked = fitAs('stacked', area);
  if (stacked.spill <= 0) return stacked;
  const beside = fitAs('beside', area);
  return beside.treeWidth >= MIN_BESIDE_TREE_PX && beside.spill < stacked.spill ? beside : stacked;
}

function fitAs(arrangement: Arrangement, area: TreesArea): TreesFit {
  const { width, height, barHeight, depth, zoom } = area;
  const isStacked = arrangement === 'stacked';
  const treeWidth = isStacked ? width : Math.max(160, (width - BESIDE_GAP) / 2);
  const treeHeight = (h: number) => Math.max(0, isStacked ? (h - TREE_GAP) / 2 : h);
  // The zoom bar appears only when the whole tree does not fit the whole area.
  const room = height - (arrangement === 'wide' ? LEGEND_PX : 0);
  const whole = fitWindow(depth, ROOT, treeWidth - GUTTER, treeHeight(room));
  const isWhole = whole.levels === depth + 1;
  const space = isWhole ? room : room - barHeight - TREE_GAP;
  const available = treeHeight(space);
  const shown = isWhole ? whole : fitWindow(depth, zoom, treeWidth - GUTTER, available);
  const footHeight = footFor(shown);
  const rowHeight = Math.max(MIN_ROW, Math.min(70, (available - footHeight - 4) / shown.levels));
  const nodeHeight = Math.min(38, rowHeight - 6 - Math.max(0, rowHeight - 44) / 2);
  const tree = rowHeight * shown.levels + 4 + footHeight;
  const spill = (isStacked ? 2 * tree + TREE_GAP : tree) - space;
  return { arrangement, treeWidth, isWhole, shown, rowHeight, nodeHeight, footHeight, spill: Math.max(0, Math.round(spill)), maxNodeWidth: arrangement === 'beside' ? 88 : 96 };
}

/** Room under the bottom row: one line of key names under leaves, two lines of summary under collapsed nodes. */
function footFor(shown: TreeWindow): number {
  return shown.root.level + shown.levels - 1 === shown.depth ? 22 : 40;
}

/** The deepest window that fits both the width and the height (at least two levels). */
function fitWindow(depth: number, zoom: TreeNodeRef, width: number, height: number): TreeWindow {
  for (let levels = 5; levels > 2; levels--) {
    const shown = treeWindow(depth, zoom, width, levels);
    if (shown.levels * MIN_ROW + footFor(shown) <= height) return shown;
  }
  return treeWindow(depth, zoom, width, 2);
}
