/**
 * The key column of a lecture step about the ring as a whole (partitioning, virtual nodes,
 * a join): which positions each node coordinates, its tokens and its share, and the ranges
 * the last join or leave moved (paper §4.2, §4.9; lectures 000 and 001). Where a step with a
 * key shows its preference list and versions, a step without one shows the ring's division,
 * rather than "no key" twice.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../../store/store';
import { members, nodeColours } from '../../store/selectors';
import { useSize } from '../../app/use-size';
import { formatRange, formatShare } from '../ring/ring-layout';
import { NodeChip } from '../hints/NodeChip';
import { RangeMoves } from '../membership/RangeMoves';
import { useMembershipStory } from '../membership/use-membership-story';
import { useIsVeiled } from '../lectures/use-veils';
import { rangeRows, type RangeRow } from './ranges-layout';
import '../membership/membership.css';

/**
 * Past this many ranges a row ends in "+ k more" (the whole list is its tooltip): fewer on
 * the MD5 ring, where a node's many small ranges are the point, not where each one lies.
 */
const RANGES_LISTED = { teaching: 4, md5: 2 };

export function RangesPanel() {
  const nodes = useStore((s) => s.nodes);
  const tokens = useStore((s) => s.tokens);
  const ringSize = useStore((s) => s.ringSize);
  const partitions = useStore((s) => s.partitions);
  const isTeaching = useStore((s) => s.isTeachingRing);
  const story = useMembershipStory();
  const isVeiled = useIsVeiled();
  // Measured on the panel, which is always there (the body is not while a question waits).
  const [panel, setPanel] = useState<HTMLElement | null>(null);
  const { width } = useSize(panel);
  const idList = nodes.map((n) => n.id).join(',');
  const colours = useMemo(() => nodeColours(idList.split(',')), [idList]);
  const ring = useMemo(() => members(nodes), [nodes]);
  const rows = useMemo(() => rangeRows(ring.map((n) => n.id), tokens, ringSize, partitions), [ring, tokens, ringSize, partitions]);
  const fmt = (range: readonly [number, number]) => formatRange(range, ringSize, isTeaching);
  return (
    <section className="panel ranges-panel" aria-labelledby="ranges-title" ref={setPanel}>
      <h2 className="panel-title">
        <span id="ranges-title">Ranges</span> <span className="subtle">· who coordinates which positions</span>
      </h2>
      {isVeiled ? (
        // The shares and the moves are often the question's answer, as on the ring's legend.
        <p className="veiled ranges-veiled">Hidden while the lecture's question waits: Next shows the answer.</p>
      ) : (
        <div className="ranges-body">
          <table className="pref-table ranges-table">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Tokens</th>
                <th scope="col">Share</th>
                <th scope="col" title="Each range holds the positions p with start < p ≤ end">
                  Ranges (start, end]
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const node = ring.find((n) => n.id === r.id);
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <NodeChip id={r.id} colour={colours.get(r.id)} size="small" state={node?.isDestroyed ? 'destroyed' : node && !node.isUp ? 'down' : 'up'} />
                    </th>
                    <td className="num">{r.tokens}</td>
                    <td className="num">{formatShare(r.share)}</td>
                    <RangesCell row={r} fmt={fmt} listed={isTeaching ? RANGES_LISTED.teaching : RANGES_LISTED.md5} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          {story.change ? <RangeMoves change={story.change} transfers={story.transfers} ringSize={ringSize} isTeaching={isTeaching} partitions={partitions} colours={colours} width={Math.min(520, Math.max(120, width - 4))} /> : null}
        </div>
      )}
    </section>
  );
}

function RangesCell({ row, fmt, listed }: { row: RangeRow; fmt: (range: readonly [number, number]) => string; listed: number }) {
  if (row.isWhole) return <td className="ranges">the whole ring</td>;
  if (row.ranges.length === 0) return <td className="ranges subtle">none</td>;
  const all = row.ranges.map((range) => fmt(range));
  const more = all.length - listed;
  return (
    <td className="ranges" title={more > 0 ? all.join(' ') : undefined}>
      {all.slice(0, listed).join(' ')}
      {more > 0 ? <span className="subtle"> + {more} more</span> : null}
    </td>
  );
}
