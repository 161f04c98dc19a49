/**
 * The grid of views: a row per observer, a column per member, each cell what that
 * observer believes (up, down, left, unknown) with the entry's version. Cells an observer
 * just learned flash; cells that are behind another live observer's are outlined.
 */
import { memo, useMemo } from 'react';
import { shortNodeNames } from '../../app/node-names';
import { cellLabel, type CellState, type GridCell, type GridRow, type MembershipGrid as Grid } from './membership-grid';

const GLYPH: Readonly<Record<CellState, string>> = { up: '●', down: '▼', left: '×', unknown: '?' };

interface Props {
  readonly grid: Grid;
  readonly cellPx: number;
  readonly detail: 'text' | 'short' | 'glyph';
  /** `observer>member` cells learned just now. */
  readonly learned: ReadonlySet<string>;
  /** Nodes in a gossip exchange just now. */
  readonly gossiping: ReadonlySet<string>;
}

export const MembershipGrid = memo(function MembershipGrid({ grid, cellPx, detail, learned, gossiping }: Props) {
  const isNarrow = detail === 'glyph';
  // Columns are a cell wide: ids longer than five characters are headed by the short names the
  // gossip circle below draws (dc1-node3 → n3); cut, every dc1-… column read "dc1-n".
  const idList = grid.members.map((m) => m.id).join(',');
  const names = useMemo(() => shortNodeNames(idList === '' ? [] : idList.split(',')), [idList]);
  return (
    <table className={`mb-grid ${detail}`} aria-label="Views: rows are observers, columns are members" data-export style={{ ['--cell' as string]: `${cellPx}px` }}>
      <thead>
        <tr>
          <th scope="col" className="mb-corner">
            <span className="visually-hidden">observer sees member</span>
            <span aria-hidden="true">{isNarrow ? '' : 'sees →'}</span>
          </th>
          {grid.members.map((m) => (
            <th key={m.id} scope="col" className={isNarrow ? 'mb-col vertical' : 'mb-col'} aria-label={`${m.id}${m.isSeed ? ', seed' : ''}`} title={m.isSeed ? `${m.id} is a seed` : m.id}>
              {names.get(m.id) ?? m.id}
              {m.isSeed ? <span className="mb-seed">★</span> : null}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.rows.map((row) => (
          <Row key={row.observer} row={row} name={isNarrow ? (names.get(row.observer) ?? row.observer) : row.observer} detail={detail} learned={learned} isGossiping={gossiping.has(row.observer)} />
        ))}
      </tbody>
    </table>
  );
});

/** `name`: the observer's id, or in a dense grid its short name (its header column is narrow too: every dc1-… row read "dc1-nod"). */
function Row({ row, name, detail, learned, isGossiping }: { row: GridRow; name: string; detail: Props['detail']; learned: ReadonlySet<string>; isGossiping: boolean }) {
  const status = row.status === 'up' ? '' : `, ${row.status}`;
  return (
    <tr className={`${row.isLive ? '' : 'mb-not-live'}${isGossiping ? ' mb-gossiping' : ''}`}>
      <th scope="row" className="mb-row" aria-label={`${row.observer}${row.isSeed ? ', seed' : ''}${status}${isGossiping ? ', gossiping' : ''}`} title={name === row.observer ? undefined : row.observer}>
        {name}
        {row.isSeed ? <span className="mb-seed">★</span> : null}
        {row.status !== 'up' && detail !== 'glyph' ? <span className="mb-row-state"> {row.status}</span> : null}
        {isGossiping ? <span className="mb-talk" aria-hidden="true"> ⇄</span> : null}
      </th>
      {row.cells.map((cell) => (
        <Cell key={cell.member} observer={row.observer} cell={cell} detail={detail} isLearned={learned.has(`${row.observer}>${cell.member}`)} />
      ))}
    </tr>
  );
}

const OUTLINES = 'Outlined dark: a node’s own cell; outlined blue: news just learned';
const VERSIONS = 'v1, v2…: the entry’s version; when two views meet, the higher wins';

function Cell({ observer, cell, detail, isLearned }: { observer: string; cell: GridCell; detail: Props['detail']; isLearned: boolean }) {
  const cls = ['mb-cell', cell.state, cell.isStale ? 'stale' : '', cell.isSelf ? 'self' : '', isLearned ? 'learned' : ''].filter(Boolean).join(' ');
  return (
    <td className={cls} aria-label={cellLabel(observer, cell)} title={cellLabel(observer, cell)}>
      <span aria-hidden="true">{cellText(cell, detail)}</span>
    </td>
  );
}

function cellText(cell: GridCell, detail: Props['detail']): string {
  if (cell.state === 'unknown') return '?';
  if (detail === 'text') return `${cell.state} v${cell.version}`;
  if (detail === 'short') return `${GLYPH[cell.state]}${cell.version}`;
  return GLYPH[cell.state];
}

/**
 * What the cells mean. `isRoomy` (the wide stage): also the outlines of a node's own cell and of
 * news just learned, and what the versions are; in the narrow stage those are the legend's
 * tooltip, so the ranges a join moves stay whole on screen below it.
 */
export function GridLegend({ isRoomy, maxWidth }: { isRoomy: boolean; maxWidth: number }) {
  // As wide as the grid (300 px at least), which the gossip circle and the moving ranges stand beside in the wide stage.
  return (
    <ul className="mb-legend" aria-label="Legend" title={isRoomy ? undefined : `${OUTLINES}. ${VERSIONS}.`} style={{ maxWidth: Math.max(300, maxWidth) }}>
      <li>
        <span className="mb-cell up">●</span> up
      </li>
      <li>
        <span className="mb-cell down">▼</span> down
      </li>
      <li>
        <span className="mb-cell left">×</span> left
      </li>
      <li>
        <span className="mb-cell unknown">?</span> unknown
      </li>
      <li>
        <span className="mb-cell up stale">●</span> behind
      </li>
      {isRoomy ? (
        <>
          <li>
            <span className="mb-cell up learned">●</span> just learned
          </li>
          <li>
            <span className="mb-cell up self">●</span> itself
          </li>
        </>
      ) : null}
      <li>
        <span className="mb-seed">★</span> seed
      </li>
      {/* "up v1" was asked about: the number is the entry's version, which decides whose news is newer. */}
      {isRoomy ? <li className="mb-legend-words">{VERSIONS}</li> : null}
    </ul>
  );
}
