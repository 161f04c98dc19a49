/**
 * Each stand-in's hinted store at the cursor: one group of rows per node that holds hints
 * (one table, so the columns line up and a busy ring stays compact), a row per hint linking the stand-in to the node the write was meant for, with the key, the
 * versions held, since when, and how the handover is going.
 */
import { memo } from 'react';
import { versionNames, type NodeView } from '../../engine/index';
import { wholeKey } from '../ring/ring-layout';
import { useClock } from '../../store/clock';
import { KeyText } from '../../app/NamedText';
import { attemptAt, storesByHolder, type HeldHint } from './hint-ledger';
import { formatMs } from './hints-layout';
import { NodeChip } from './NodeChip';

/** Rows shown per stand-in before "and N more": a busy MD5 ring can hold hundreds. */
const ROWS_PER_STORE = 6;

interface Props {
  readonly held: readonly HeldHint[];
  readonly nodes: readonly NodeView[];
  readonly colours: ReadonlyMap<string, string>;
  /** Hints were held before the cursor (and are all gone now). */
  readonly hasHistory: boolean;
}

export const nodeState = (node: NodeView | undefined): 'up' | 'down' | 'destroyed' | 'left' =>
  !node ? 'left' : node.isDestroyed ? 'destroyed' : !node.isMember ? 'left' : node.isUp ? 'up' : 'down';


export function HintStores({ held, nodes, colours, hasHistory }: Props) {
  if (held.length === 0) {
    return (
      <p className="empty hh-empty" data-export>
        {hasHistory
          ? 'No hints held now: every stand-in has handed its hints over (or lost them with its disk).'
          : 'No hints held. Fail a replica, then put a key: a stand-in keeps the write, with a hint naming the replica it was meant for.'}
      </p>
    );
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (
    // Exported row by row (data-export): a slide has every row whole on screen; the table as one stood whole only up to about four hints.
    <table className="hh-stores" aria-label="Hinted stores">
      <thead data-export>
        <tr>
          <th scope="col">Stand-in ⟶ meant for</th>
          <th scope="col">Key</th>
          <th scope="col">Held</th>
          <th scope="col">Since</th>
          <th scope="col">Handover</th>
        </tr>
      </thead>
      {storesByHolder(held).map(({ holder, hints }) => (
        <Store key={holder} holder={holder} hints={hints} byId={byId} colours={colours} />
      ))}
    </table>
  );
}

interface StoreProps {
  readonly holder: string;
  readonly hints: readonly HeldHint[];
  readonly byId: ReadonlyMap<string, NodeView>;
  readonly colours: ReadonlyMap<string, string>;
}

/** One stand-in's hinted store: a group of rows under a line naming the stand-in. */
const Store = memo(function Store({ holder, hints, byId, colours }: StoreProps) {
  const shown = hints.slice(0, ROWS_PER_STORE);
  const more = hints.length - shown.length;
  return (
    <tbody aria-label={`Hinted store of ${holder}`}>
      <tr className="hh-store-head" data-export>
        <th colSpan={5} scope="rowgroup">
          <NodeChip id={holder} colour={colours.get(holder)} state={nodeState(byId.get(holder))} /> holds {hints.length} hint{hints.length === 1 ? '' : 's'}
        </th>
      </tr>
      {shown.map((h) => (
        <tr key={`${h.intendedFor}/${h.key}`} data-export>
          <td className="hh-link">
            <NodeChip id={h.holder} colour={colours.get(h.holder)} size="small" />
            <span className="hh-arrow" role="img" aria-label="standing in for">
              ⟶
            </span>
            <NodeChip id={h.intendedFor} colour={colours.get(h.intendedFor)} state={nodeState(byId.get(h.intendedFor))} size="small" />
          </td>
          <td className="hh-key" title={wholeKey(h.key)}>
            <KeyText k={h.key} />
          </td>
          <td>{versionNames(h.versions.map((v) => v.id))}</td>
          <td>{formatMs(h.sinceMs)}</td>
          <td className="hh-handover-cell">
            <Handover hint={h} target={byId.get(h.attempt?.to ?? h.intendedFor)} />
          </td>
        </tr>
      ))}
      {more > 0 ? (
        <tr data-export>
          <td colSpan={5} className="hh-more">
            and {more} more hint{more === 1 ? '' : 's'} at {holder}
          </td>
        </tr>
      ) : null}
    </tbody>
  );
});

/** Clusters this small show every node's store size in one line, empty ones too. */
const COUNTS_MAX_NODES = 12;

/** Every member's hinted store at a glance: how many hints each node holds (small clusters only). */
export function StoreSizes({ held, nodes, colours }: Omit<Props, 'hasHistory'>) {
  const members = nodes.filter((n) => n.isMember || held.some((h) => h.holder === n.id));
  if (members.length > COUNTS_MAX_NODES) return null;
  const counts = new Map<string, number>();
  for (const h of held) counts.set(h.holder, (counts.get(h.holder) ?? 0) + 1);
  return (
    <ul className="hh-sizes" aria-label="Hints held per node" data-export>
      <li className="hh-sizes-title" aria-hidden="true">
        Held per node:
      </li>
      {members.map((n) => {
        const count = counts.get(n.id) ?? 0;
        return (
          <li key={n.id} className={count === 0 ? 'none' : undefined}>
            <NodeChip id={n.id} colour={colours.get(n.id)} state={nodeState(n)} size="small" /> {count}
          </li>
        );
      })}
    </ul>
  );
}

/** How the handover stands: waiting, on its way (drawn by its send and arrival times), arrived or lost. */
function Handover({ hint, target }: { hint: HeldHint; target: NodeView | undefined }) {
  const { attempt } = hint;
  if (attempt && attempt.outcome === 'in-flight') return <InFlight hint={hint} />;
  const isTargetUp = nodeState(target) === 'up';
  if (attempt?.outcome === 'arrived') return <span>arrived; awaits ack</span>;
  // A lost try loses only the message: the stand-in keeps the hint and tries again later.
  if (attempt?.outcome === 'lost') {
    return (
      <span className="hh-lost" title={`The handover message was lost${isTargetUp ? '' : ` (${hint.intendedFor} is down)`}; ${hint.holder} keeps the hint and tries again.`}>
        {isTargetUp ? `✕ lost; ${hint.holder} tries again` : `✕ lost (${hint.intendedFor} down); ${hint.holder} keeps it`}
      </span>
    );
  }
  return <span className="subtle">waiting</span>;
}

function InFlight({ hint }: { hint: HeldHint }) {
  const clockMs = useClock((s) => s.clockMs);
  const { progress } = attemptAt(hint.attempt, clockMs);
  return (
    <span className="hh-sending" role="img" aria-label={`sending to ${hint.attempt!.to}, ${Math.round(progress * 100)}% of the way`}>
      <span className="hh-track">
        <span className="hh-dot" style={{ left: `calc(${(progress * 100).toFixed(1)}% - 6px)` }} />
      </span>
      to {hint.attempt!.to}
    </span>
  );
}
