/**
 * One replica's Merkle tree, as far as the window shows it: each node with the start of
 * its hash, coloured by the comparison (equal greyed, differing highlighted, not compared
 * yet outlined), the keys under each leaf, and under a collapsed node the leaves it stands
 * for. A collapsed node is a button: it zooms into its subtree.
 */
import { keyName, type MerkleTree } from '../../engine/index';
import { withIsolates } from '../../app/named-text';
import { NamedTspans } from '../../app/NamedText';
import { leafCounts, leafLabel, ownerTitle, shortHash, summaryText, type DrawnNode, type NodeState, type TreeLayout, type TreeNodeRef } from './merkle-layout';

const STATE_WORD: Readonly<Record<NodeState, string>> = {
  differing: 'differs',
  equal: 'equal',
  skipped: 'not compared: equal above',
  pending: 'not compared yet',
};

export interface TreeViewProps {
  readonly node: string;
  readonly colour: string;
  readonly tree: MerkleTree;
  readonly states: readonly (readonly NodeState[])[];
  readonly layout: TreeLayout;
  /** The level compared last, marked in the gutter. */
  readonly currentLevel: number | null;
  readonly onZoom: (node: TreeNodeRef) => void;
  /** Larger type, when the stage has room for it. */
  readonly isLarge?: boolean;
  /** The lecture's names of the hashes (h0, h1, …), for trees small enough to name them (see `hashNames`). */
  readonly names?: ReadonlyMap<string, string> | null;
  /** The tree as the exchange compared it, no longer the replica's own (it was repaired since). */
  readonly isAsCompared?: boolean;
  /**
   * With `isAsCompared`, the replica's tree as it is now (same range and depth): each node whose
   * hash the repair changed shows both, "h0 → h3", so Node1's tree (lecture 001) no longer reads as still holding v0.
   */
  readonly now?: MerkleTree | null;
  /**
   * Leave out the "as compared" caption (still in the tree's name): the narrow stage's Legend button stands in the first
   * tree's top right corner, where it covered it, and the sentence above the trees says "Below: the trees as compared".
   */
  readonly isCaptionLeftOut?: boolean;
  /** Side by side in the narrow stage: the title beside the root is cut to the room there ("A", not "A’s tree"). */
  readonly isTitleTight?: boolean;
}

/** "as compared" in 14 px italic, and its gap from the root's box. */
const CAPTION_PX = 90;
const CAPTION_GAP = 10;

export function levelName(level: number, depth: number): string {
  return level === 0 ? 'root' : level === depth ? 'leaf' : `L${level}`;
}

export function MerkleTreeView({ node, colour, tree, states, layout, currentLevel, onZoom, isLarge = false, names = null, isAsCompared = false, isCaptionLeftOut = false, isTitleTight = false, now = null }: TreeViewProps) {
  const depth = tree.depth;
  const top = layout.nodes[0];
  const isCaptionRight = top !== undefined && layout.width - (top.x + top.width / 2 + CAPTION_GAP) >= CAPTION_PX * (isLarge ? 1.25 : 1);
  return (
    <div className={isLarge ? 'mk-tree large' : 'mk-tree'}>
      <svg width={layout.width} height={layout.height} role="group" aria-label={`${node}'s tree${isAsCompared ? ', as compared' : ''}`}>
        {/* Tight, the tree's title takes the root row's level name's place (ownerTitle): the leaves keep theirs. */}
        {layout.rows.filter((row) => !(isTitleTight && row.level === 0)).map((row) => (
          <text key={row.level} x={0} y={row.y} dy="0.35em" className={row.level === currentLevel ? 'mk-level current' : 'mk-level'}>
            {row.level === currentLevel ? '▶' : ''}
            {levelName(row.level, depth)}
          </text>
        ))}
        {layout.edges.map((e) => (
          <line key={e.key} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} className={`mk-edge ${e.state}`} />
        ))}
        {/* After the edges, haloed: the edge to the first child runs under "as compared". */}
        {top ? (
          <g className="mk-owner" transform={`translate(${top.x - top.width / 2 - 10},${top.y})`} aria-hidden="true">
            <rect x={-16} y={-8} width={16} height={16} rx={3} fill={colour} />
            <OwnerTitle node={node} rightPx={top.x - top.width / 2 - 31} isTight={isTitleTight} />
            {isAsCompared && !isCaptionLeftOut && !isCaptionRight ? (
              <text x={-21} dy="1.9em" textAnchor="end" className="mk-as-compared">
                as compared
              </text>
            ) : null}
          </g>
        ) : null}
        {/* Beside the root where there is room: under the title, it ran into the first leaf on a shallow tree. */}
        {top && isAsCompared && !isCaptionLeftOut && isCaptionRight ? (
          <text x={top.x + top.width / 2 + CAPTION_GAP} y={top.y} dy="0.35em" className="mk-as-compared" aria-hidden="true">
            as compared
          </text>
        ) : null}
        {layout.nodes.map((n) => (
          <TreeNode key={`${n.level}:${n.index}`} node={node} drawn={n} tree={tree} states={states} onZoom={onZoom} names={names} nowHash={isAsCompared ? changedHash(tree, now, n) : null} />
        ))}
        {layout.nodes.filter((n) => n.level === depth).map((n) => (
          <text key={`k${n.index}`} x={n.x} y={layout.footY} dy="0.9em" className="mk-keys">
            <NamedTspans text={leafLabel(tree.leafKeys[n.index] ?? [], Math.floor((n.width + 6) / (isLarge ? 10 : 8)))} />
          </text>
        ))}
        {layout.nodes.filter((n) => n.isCollapsed).map((n) => (
          <Summary key={`s${n.index}`} drawn={n} states={states} y={layout.footY} />
        ))}
      </svg>
    </div>
  );
}

/** "C’s tree", or for an id too long for the room beside the root, the id alone (its tree's name in the tooltip). */
function OwnerTitle({ node, rightPx, isTight }: { node: string; rightPx: number; isTight: boolean }) {
  const title = ownerTitle(node, rightPx, isTight);
  return (
    <text x={-21} dy="0.35em" textAnchor="end">
      {title.isCut ? <title>{`${node}’s tree`}</title> : null}
      {title.text}
    </text>
  );
}

/** The node's hash now, where the repair changed it since the exchange compared it; else null. */
function changedHash(tree: MerkleTree, now: MerkleTree | null, ref: TreeNodeRef): string | null {
  const hash = now?.levels[ref.level]?.[ref.index];
  return hash === undefined || hash === tree.levels[ref.level]?.[ref.index] ? null : hash;
}

/** A hash by its lecture name ("h3 (adc6)") or its first digits, for the accessible name. */
function hashWords(hash: string, names: ReadonlyMap<string, string> | null): string {
  const name = names?.get(hash);
  return hash === '' ? 'empty' : name ? `${name} (${shortHash(hash)})` : shortHash(hash);
}

interface TreeNodeProps {
  readonly node: string;
  readonly drawn: DrawnNode;
  readonly tree: MerkleTree;
  readonly states: TreeViewProps['states'];
  readonly onZoom: (n: TreeNodeRef) => void;
  readonly names: ReadonlyMap<string, string> | null;
  /** The node's hash now, when a repair changed it after the comparison drawn (`changedHash`). */
  readonly nowHash: string | null;
}

function TreeNode({ node, drawn, tree, states, onZoom, names, nowHash }: TreeNodeProps) {
  const hash = tree.levels[drawn.level]?.[drawn.index] ?? '';
  const keys = drawn.level === tree.depth ? tree.leafKeys[drawn.index] ?? [] : [];
  const where = drawn.level === 0 ? 'root' : `level ${drawn.level} node ${drawn.index}${drawn.level === tree.depth ? ' (leaf)' : ''}`;
  const hashText = nowHash === null ? hashWords(hash, names) : `${hashWords(hash, names)} as compared, now ${hashWords(nowHash, names)}`;
  const what = `${node} ${where}: hash ${hashText}, ${STATE_WORD[drawn.state]}${keys.length > 0 ? `, keys ${keys.map((k) => keyName(k)).join(', ')}` : ''}`;
  const zoom = () => onZoom({ level: drawn.level, index: drawn.index });
  const label = drawn.isCollapsed ? `Zoom into ${where}: ${summaryText(leafCounts(states, drawn), drawn.state)}` : what;
  return (
    <g
      className={`mk-node ${drawn.state}${drawn.isCollapsed ? ' zoomable' : ''}${nowHash === null ? '' : ' changed'}`}
      transform={`translate(${drawn.x},${drawn.y})`}
      role={drawn.isCollapsed ? 'button' : 'img'}
      aria-label={label}
      tabIndex={drawn.isCollapsed ? 0 : undefined}
      onClick={drawn.isCollapsed ? zoom : undefined}
      onKeyDown={drawn.isCollapsed ? (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), zoom()) : undefined}
    >
      <title>{withIsolates(what)}</title>
      <rect x={-drawn.width / 2} y={-drawn.height / 2} width={drawn.width} height={drawn.height} rx={4} />
      {drawn.hasText ? <HashText hash={hash} nowHash={nowHash} names={names} /> : null}
    </g>
  );
}

/**
 * A box's words: "h2 5bf3", or where a repair changed the hash since it was compared, the
 * old one struck through and the new one after an arrow, "h2 → h4". Without names, the same
 * four digits every other box shows, a little smaller to fit, "0484→4117": cut to three,
 * "048 → 411" beside the other tree's "4117" read as two roots that still differ.
 */
function HashText({ hash, nowHash, names }: { hash: string; nowHash: string | null; names: ReadonlyMap<string, string> | null }) {
  const name = names?.get(hash);
  if (nowHash === null) {
    return (
      <text dy="0.35em" textAnchor="middle">
        {name ? <tspan className="mk-hash-name">{name} </tspan> : null}
        {shortHash(hash)}
      </text>
    );
  }
  const nowName = names?.get(nowHash);
  if (name && nowName) {
    return (
      <text dy="0.35em" textAnchor="middle">
        <tspan className="mk-was">{name}</tspan>
        <tspan className="mk-arrow"> → </tspan>
        <tspan className="mk-now">{nowName}</tspan>
      </text>
    );
  }
  return (
    <text dy="0.35em" textAnchor="middle" className="mk-hash-change">
      <tspan className="mk-was">{shortHash(hash)}</tspan>
      <tspan className="mk-arrow">→</tspan>
      <tspan className="mk-now">{shortHash(nowHash)}</tspan>
    </text>
  );
}

/** Under a collapsed node: how many leaves it stands for, and how they compared. */
function Summary({ drawn, states, y }: { drawn: DrawnNode; states: TreeViewProps['states']; y: number }) {
  const counts = leafCounts(states, drawn);
  const isEqual = drawn.state === 'equal' || drawn.state === 'skipped' || counts.equal === counts.leaves;
  const [first, second] = isEqual ? [counts.leaves.toLocaleString('en'), 'equal'] : counts.differing > 0 ? [`${counts.differing}/${counts.leaves}`, 'differ'] : [counts.leaves.toLocaleString('en'), 'leaves'];
  return (
    <text x={drawn.x} y={y} className={`mk-summary ${isEqual ? 'equal' : counts.differing > 0 ? 'differing' : ''}`} textAnchor="middle" aria-hidden="true">
      <tspan x={drawn.x} dy="0.9em">
        {first}
      </tspan>
      <tspan x={drawn.x} dy="1.1em">
        {second}
      </tspan>
    </text>
  );
}
