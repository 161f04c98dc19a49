/**
 * The ranges that change holder on the last join or leave (paper §4.9; lecture 000): the
 * ring cut open at 0 and laid flat, each moving range marked in the colour of the node
 * that takes it, and a list of old holder → new holder with how far the transfer got.
 */
import { memo } from 'react';
import { formatRange } from '../ring/ring-layout';
import { NodeChip } from '../hints/NodeChip';
import { formatMs } from '../hints/hints-layout';
import type { MembershipChange, TransferProgress, TransferState } from './gossip-ledger';
import { movesText, rangeSegments, transferGroups } from './membership-layout';

const GROUPS_SHOWN = 5;
const STATE_WORD: Readonly<Record<Exclude<TransferState, 'unaware' | 'repair'>, string>> = { waiting: 'waiting for the sender', sending: 'sending…', done: 'done ✓' };

/**
 * What a row says: an old holder that has not heard of the new node yet cannot send it
 * anything, nor can a destroyed one, and the row says who.
 */
function stateText(state: TransferState, from: string, to: string): string {
  if (state === 'unaware') return `${from} has not heard of ${to} yet`;
  if (state === 'repair') return `${from}'s disk is gone: anti-entropy restores it from another replica, if one holds it`;
  return STATE_WORD[state];
}

/**
 * A pair's first ranges and how many more: two where they are short or the panel wide, else
 * one, so a row and its state fit one line beside a lecture (MD5 ranges such as "(66.07%,
 * 66.08%]" took two lines a row, and pushed the last pair out of view).
 */
export function rangesText(ranges: readonly string[], width: number): string {
  const shown = ranges.length >= 2 && (width >= 520 || ranges[0]!.length + ranges[1]!.length <= 22) ? 2 : 1;
  return `${ranges.slice(0, shown).join(' ')}${ranges.length > shown ? ` +${ranges.length - shown}` : ''}`;
}

interface Props {
  readonly change: MembershipChange;
  readonly transfers: readonly TransferProgress[];
  readonly ringSize: number;
  readonly isTeaching: boolean;
  /** Q equal partitions (strategies 2 and 3), or 0: the heading then counts partitions, as the lectures do. */
  readonly partitions: number;
  readonly colours: ReadonlyMap<string, string>;
  readonly width: number;
}

export const RangeMoves = memo(function RangeMoves({ change, transfers, ringSize, isTeaching, partitions, colours, width }: Props) {
  const stripW = Math.max(120, width);
  const segments = rangeSegments(transfers, ringSize, stripW);
  const groups = transferGroups(transfers);
  const tokens = change.tokens.length === 0 ? '' : isTeaching ? ` at ${change.tokens.join(', ')}` : ` with ${change.tokens.length} tokens`;
  return (
    <div className="mb-moves" role="group" aria-label="Ranges moving" data-export>
      {/* Short enough for one or two lines beside the gossip circle: when it happened is in the agreement line above. */}
      <h3 title={`at ${formatMs(change.atMs)}`}>
        {change.node} {change.kind === 'joined' ? `joins${tokens}` : 'leaves'}: {movesText(transfers, ringSize, partitions)}
      </h3>
      <svg width={stripW} height={30} role="img" aria-label={`The ring from 0 to ${isTeaching ? ringSize : 'the top'}, with the moving ranges marked`}>
        <rect x={0} y={6} width={stripW} height={10} className="mb-strip" />
        {segments.map((s, i) => (
          <rect key={i} x={s.x} y={3} width={s.width} height={16} fill={colours.get(s.to) ?? '#555'} className={`mb-seg ${s.state}`} />
        ))}
        <text x={0} y={29} className="mb-strip-label">
          0
        </text>
        <text x={stripW} y={29} textAnchor="end" className="mb-strip-label">
          {isTeaching ? ringSize : '100%'}
        </text>
      </svg>
      <ul className="mb-transfers">
        {groups.slice(0, GROUPS_SHOWN).map((g) => (
          <li key={`${g.from}>${g.to}`} className={`mb-transfer ${g.state}`}>
            <span className="mb-flow">
              <NodeChip id={g.from} colour={colours.get(g.from)} size="small" /> → <NodeChip id={g.to} colour={colours.get(g.to)} size="small" />
            </span>
            <span className="mb-ranges">{rangesText(g.ranges.map((range) => formatRange(range, ringSize, isTeaching)), width)}</span>
            <span className="mb-state">
              {g.keys > 0 ? `${g.keys} key${g.keys === 1 ? '' : 's'}, ` : ''}
              {stateText(g.state, g.from, g.to)}
            </span>
          </li>
        ))}
        {groups.length > GROUPS_SHOWN ? <li className="mb-more">and {groups.length - GROUPS_SHOWN} more pairs of holders</li> : null}
      </ul>
    </div>
  );
});
