/** The selected key's preference list: rank, node, token, role, state, and which versions each node holds. */
import { useMemo } from 'react';
import { useStore, traceIndex, type State } from '../../store/store';
import { sameList } from '../../store/frame-merge';
import { members, nodeStatus } from '../../store/selectors';
import { networkGroups, splitText } from '../controls/network-groups';
import { formatPosition } from '../ring/ring-layout';
import { preferenceTable } from './preference-list-layout';
import { useIsVeiled } from '../lectures/lecture-store';

/**
 * The coordinator of the request picked in the request trace, or else of the latest request
 * on `key` at the cursor, if it has been routed with
 * the preference list shown now: once the ring has changed (a node joined or left), an older
 * request's coordinator says nothing about who coordinates now.
 */
function routedCoordinator(key: string, upTo: number, list: readonly string[], pickedOpId: number | null): string | null {
  const ops = traceIndex.opsBefore(upTo);
  // The request picked in the request trace, when it is on this key, is the one both panels show.
  const picked = pickedOpId === null ? undefined : ops.find((op) => op.opId === pickedOpId && op.key === key);
  if (picked) return coordinatorOf(picked.opId, upTo, list);
  for (let i = ops.length - 1; i >= 0; i--) if (ops[i]!.key === key) return coordinatorOf(ops[i]!.opId, upTo, list);
  return null;
}

function coordinatorOf(opId: number, upTo: number, list: readonly string[]): string | null {
  for (const index of traceIndex.eventsOfOp(opId)) {
    const e = traceIndex.events[index]!;
    if (index < upTo && e.kind === 'op-route') return sameList(e.preferenceList, list) ? e.coordinator : null;
  }
  return null;
}

export function PreferenceListPanel() {
  const keyView = useStore((s) => s.keyView);
  const nodes = useStore((s) => s.nodes);
  const blockedLinks = useStore((s) => s.blockedLinks);
  const selectedNode = useStore((s) => s.selectedNode);
  const n = useStore((s) => s.n);
  const ringSize = useStore((s) => s.ringSize);
  const isTeaching = useStore((s) => s.isTeachingRing);
  const coordinator = useCoordinator(keyView, nodes);
  const table = useMemo(() => (keyView ? preferenceTable(keyView, coordinator, isTeaching ? 4 : 2) : null), [keyView, coordinator, isTeaching]);
  const viewpoint = nodes.find((x) => x.id === selectedNode);
  const isVeiled = useIsVeiled();

  return (
    <section className="panel pref-panel" aria-labelledby="pref-title">
      <h2 id="pref-title" className="panel-title">
        Preference list
        {keyView ? (
          <span className="subtle" title={keyView.n === n ? undefined : `This lecture step asks for ${keyView.n} replicas; the cluster's N is ${n}`}>
            {' '}
            · {keyView.key} @ {formatPosition(keyView.position, ringSize, isTeaching)} · {keyView.n === n ? `N=${n}` : `RF=${keyView.n}`}
          </span>
        ) : null}
      </h2>
      {blockedLinks.length > 0 && !viewpoint ? <SplitNote ids={members(nodes).map((x) => x.id)} blockedLinks={blockedLinks} /> : null}
      {!keyView || !table ? (
        <p className="empty">Type a key or click one on the ring.</p>
      ) : isVeiled ? (
        <p className="veiled">Hidden while the lecture's question waits: Next shows the answer.</p>
      ) : (
        <div className="table-scroll">
          <table className="pref-table" aria-label={`Preference list for ${keyView.key}`}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Node</th>
                <th scope="col">Token</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Holds</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => {
                const node = nodes.find((x) => x.id === row.node);
                const status = node ? nodeStatus(node, viewpoint, blockedLinks) : 'down';
                return (
                  <tr key={row.node} className={`${row.role} ${status}`}>
                    <td>{row.rank}</td>
                    <th scope="row">{row.node}</th>
                    <td>{row.token === null ? '—' : formatPosition(row.token, ringSize, isTeaching)}</td>
                    <td>{row.role}</td>
                    <StateCell status={status} />
                    <td className="holds" title={row.holds.length === 0 ? undefined : row.holds.map((h) => h.full).join('; ')}>
                      {row.holds.length === 0 ? '—' : row.holds.map((h) => h.text).join('; ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {table.moreFallbacks > 0 ? <p className="subtle more">+ {table.moreFallbacks} more fallbacks in walk order</p> : null}
        </div>
      )}
    </section>
  );
}

/** A node's state; "unreachable" is cut to "unreach." so the Holds column keeps its room. */
function StateCell({ status }: { status: string }) {
  return (
    <td className={`state ${status}`} title={status === 'unreachable' ? 'unreachable from the selected node' : undefined}>
      {status === 'unreachable' ? 'unreach.' : status}
    </td>
  );
}

/** "up" in the State column says a node runs, not that everyone can reach it: with the network split, the table says so. */
function SplitNote({ ids, blockedLinks }: { ids: readonly string[]; blockedLinks: Parameters<typeof networkGroups>[1] }) {
  return (
    <p className="pref-split" role="note">
      <strong>{splitText(networkGroups(ids, blockedLinks))}</strong>: “up” nodes may be out of each other’s reach
    </p>
  );
}

/** The coordinator the table marks: the one the latest (or picked) request was routed to, else the first live node of the list. */
function useCoordinator(keyView: State['keyView'], nodes: State['nodes']): string | null {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const pickedOpId = useStore((s) => s.pickedOpId);
  return useMemo(() => {
    if (!keyView) return null;
    return routedCoordinator(keyView.key, upTo, keyView.preferenceList, pickedOpId) ?? keyView.preferenceList.find((id) => nodes.find((x) => x.id === id)?.isUp) ?? null;
  }, [keyView, upTo, nodes, pickedOpId]);
}
