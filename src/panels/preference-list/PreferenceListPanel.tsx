/** The selected key's preference list: rank, node, token, role, state, and which versions each node holds. */
import { useMemo, useRef } from 'react';
import { keyName } from '../../engine/index';
import { KeyText, NamedText } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { useStore, traceIndex, type State } from '../../store/store';
import type { OpSummary } from '../../store/trace-index';
import { sameList } from '../../store/frame-merge';
import { members, nodeStatus, viewpointOf } from '../../store/selectors';
import { networkGroups, splitText } from '../controls/network-groups';
import { formatPosition } from '../ring/ring-layout';
import { preferenceTable, type PrefTable } from './preference-list-layout';
import { useTightTable } from './use-tight-table';
import { coordinatorSoFar } from '../request-trace/request-story';
import { useLectureStore } from '../lectures/lecture-store';
import { useIsVeiled } from '../lectures/use-veils';
import { noKeyText } from '../versions/use-history';

/** A request on the key and the node it was routed to. */
interface Routed {
  readonly op: OpSummary;
  readonly coordinator: string;
}

/**
 * The request picked in the request trace, or else the latest request on `key` at the
 * cursor, with its coordinator, if it has been routed with the preference list shown now:
 * once the ring has changed (a node joined or left), an older request's coordinator says
 * nothing about who coordinates now.
 */
function routedRequest(key: string, upTo: number, list: readonly string[], pickedOpId: number | null): Routed | null {
  const ops = traceIndex.opsBefore(upTo);
  // The request picked in the request trace, when it is on this key, is the one both panels show.
  const picked = pickedOpId === null ? undefined : ops.find((op) => op.opId === pickedOpId && op.key === key);
  let op = picked;
  for (let i = ops.length - 1; i >= 0 && !op; i--) if (ops[i]!.key === key) op = ops[i];
  const coordinator = op ? coordinatorOf(op.opId, upTo, list) : null;
  return op && coordinator !== null ? { op, coordinator } : null;
}

function coordinatorOf(opId: number, upTo: number, list: readonly string[]): string | null {
  const indices = traceIndex.eventsOfOp(opId);
  for (const index of indices) {
    const e = traceIndex.events[index]!;
    // A forward the first node did not take goes on to the next (lecture 002: G → B, then C).
    if (index < upTo && e.kind === 'op-route') return sameList(e.preferenceList, list) ? coordinatorSoFar(traceIndex.events, indices, upTo) : null;
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
  const { coordinator, routed } = useCoordinator(keyView, nodes);
  const table = useMemo(() => (keyView ? preferenceTable(keyView, coordinator, isTeaching ? 3 : 2) : null), [keyView, coordinator, isTeaching]);
  const viewpoint = viewpointOf(nodes, selectedNode);
  const isVeiled = useIsVeiled();
  const isLecture = useLectureStore((s) => s.lecture !== null);
  // Lecture 004's notes say RF throughout: so does the heading in its lectures.
  const replicaName = useLectureStore((s) => s.lecture?.replicaName ?? 'N');
  const scroll = useRef<HTMLDivElement>(null);
  const isTight = useTightTable(scroll, tableContents(table, viewpoint?.id ?? null));

  return (
    <section className="panel pref-panel" aria-labelledby="pref-title">
      <h2 id="pref-title" className="panel-title">
        Preference list
        {keyView ? (
          <span className="subtle" title={keyView.n === n ? undefined : `This lecture step asks for ${keyView.n} replicas; the cluster's N is ${n}`}>
            {' '}
            · <KeyText k={keyView.key} /> @ {formatPosition(keyView.position, ringSize, isTeaching)} · {keyView.n === n && replicaName === 'N' ? `N=${n}` : `RF=${keyView.n}`}
          </span>
        ) : null}
      </h2>
      {blockedLinks.length > 0 && !viewpoint ? <SplitNote ids={members(nodes).map((x) => x.id)} blockedLinks={blockedLinks} /> : null}
      {!keyView || !table ? (
        // In a lecture about the ring as a whole (ownership, virtual nodes), free play's "type a key" is not for the class.
        <p className="empty">{noKeyText(isLecture)}</p>
      ) : isVeiled ? (
        <TableVeil rows={table.rows.length + 1 + (table.moreFallbacks > 0 ? 1 : 0)} />
      ) : (
        <div className="table-scroll" ref={scroll}>
          <table className={isTight ? 'pref-table tight' : 'pref-table'} aria-label={`Preference list for ${keyName(keyView.key)}`}>
            <TableHead viewpoint={viewpoint?.id ?? null} />
            <tbody>
              {table.rows.map((row) => {
                const node = nodes.find((x) => x.id === row.node);
                const status = node ? nodeStatus(node, viewpoint, blockedLinks) : 'down';
                return (
                  <tr key={row.node} className={`${row.role} ${status}`}>
                    <td>{row.rank}</td>
                    <th scope="row">{row.node}</th>
                    <td>{row.token === null ? '—' : formatPosition(row.token, ringSize, isTeaching)}</td>
                    <RoleCell role={row.role} />
                    <StateCell status={status} />
                    <td className="holds" title={row.holds.length === 0 ? undefined : row.holds.map((h) => h.full).join('; ')}>
                      {row.holds.length === 0 ? '—' : row.holds.map((h) => h.text).join('; ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {table.moreFallbacks > 0 ? <p className="subtle more">+ {table.moreFallbacks} more {table.moreFallbacks === 1 ? 'fallback' : 'fallbacks'} in walk order</p> : null}
          {routed ? <RoutedNote routed={routed} first={keyView.preferenceList[0]} nodes={nodes} /> : null}
        </div>
      )}
    </section>
  );
}

/**
 * The table while a question waits. As tall as the table it hides (`rows` lines, a header and its rows, at 15 px about
 * 1.43 em each, less the veil's own padding), so the panels below do not move up at the question and back down at the
 * answer. Written twice, as the routed note is: where the versions below need the room (useVersionsRoom), one line in
 * its place. At the cart's 10:07, on the space-time stage, the tall veil left the Versions panel D1's bottom and D4's top:
 * the question was about D4.
 */
function TableVeil({ rows }: { rows: number }) {
  return (
    <>
      <p className="veiled pref-veil long" style={{ minHeight: `${1.43 * rows}em` }}>
        Hidden while the lecture's question waits: Next shows the answer.
      </p>
      <p className="veiled pref-veil short" title="Hidden while the lecture's question waits: Next shows the answer.">
        Hidden while the lecture's question waits.
      </p>
    </>
  );
}

/** What sets the table's width: its node ids, what they hold and whose view the states are. */
function tableContents(table: PrefTable | null, viewpoint: string | null): string {
  return `${viewpoint ?? ''}|${table?.rows.map((row) => `${row.node}:${row.role}:${row.holds.map((h) => h.text).join(';')}`).join('|') ?? ''}`;
}

/** With a node selected, the states are what that node believes: said in the header, as the ring's legend says it. */
function TableHead({ viewpoint }: { viewpoint: string | null }) {
  return (
    <thead>
      <tr>
        <th scope="col">#</th>
        <th scope="col">Node</th>
        <th scope="col">Token</th>
        <th scope="col">Role</th>
        <th scope="col" title={viewpoint ? `What ${viewpoint} believes: a node it got no answer from, or cannot reach across a cut link, is unreachable to it` : undefined}>
          {viewpoint ? `${viewpoint} sees` : 'State'}
        </th>
        <th scope="col">Holds</th>
      </tr>
    </thead>
  );
}

/**
 * A node's role. On a phone's narrow table "coordinator" is drawn as "coord." (the whole word stays
 * for a screen reader): at 360 px the six columns took 326 of 326 px, and a node id of seven
 * characters pushed the Holds column off the table's edge.
 */
function RoleCell({ role }: { role: string }) {
  if (role !== 'coordinator') return <td>{role}</td>;
  return (
    <td className="role" title="coordinator">
      <span className="role-word">coordinator</span>
      <span className="role-short" aria-hidden="true">
        coord.
      </span>
    </td>
  );
}

/** A node's state; "unreachable" is cut to "unreach." so the Holds column keeps its room. */
function StateCell({ status }: { status: string }) {
  return (
    <td className={`state ${status}`} title={status === 'unreachable' ? 'the selected node believes it down, or cannot reach it' : undefined}>
      {status === 'unreachable' ? 'unreach.' : status}
    </td>
  );
}

/** "up" in the State column says a node runs, not that everyone can reach it: with the network split, the table says so. */
function SplitNote({ ids, blockedLinks }: { ids: readonly string[]; blockedLinks: Parameters<typeof networkGroups>[1] }) {
  const groups = networkGroups(ids, blockedLinks);
  return (
    // The sides are drawn on the ring and named in its legend: here one line says what the split means for the table.
    <p className="pref-split" role="note" title={splitText(groups)}>
      <strong>{groups.length > 1 ? 'Split:' : 'Links cut:'}</strong> “up” nodes may not reach each other
    </p>
  );
}

/**
 * The coordinator the table marks: the node the latest (or picked) request was routed to
 * while it is up, else the walk's first node while it is up, the one that usually
 * coordinates (lecture 000: "the node the walk meets first"). When the first node is down
 * no node is marked: which one takes the next request depends on who finds out, and when,
 * that the first is down (lecture 002 asks exactly that). `routed` is the request whose
 * coordinator is worth a note under the table: one that is not the walk's first node, or
 * one that is down now.
 */
function useCoordinator(keyView: State['keyView'], nodes: State['nodes']): { coordinator: string | null; routed: Routed | null } {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const pickedOpId = useStore((s) => s.pickedOpId);
  return useMemo(() => {
    if (!keyView) return { coordinator: null, routed: null };
    const isUp = (id: string) => nodes.find((x) => x.id === id)?.isUp === true;
    const first = keyView.preferenceList[0];
    const usual = first !== undefined && isUp(first) ? first : null;
    const routed = routedRequest(keyView.key, upTo, keyView.preferenceList, pickedOpId);
    if (!routed) return { coordinator: usual, routed: null };
    if (!isUp(routed.coordinator)) return { coordinator: usual, routed: usual === null ? routed : null };
    return { coordinator: routed.coordinator, routed: routed.coordinator === first ? null : routed };
  }, [keyView, upTo, nodes, pickedOpId]);
}

/**
 * Why the coordinator marked is not the walk's first node (a request was routed to it), or why no node is marked.
 * Written twice: long, and in one short line for a column where the versions below need the room (useVersionsRoom);
 * the column's fold shows one of them (app.css), and the other stays laid out, unseen, so its height is known.
 */
function RoutedNote({ routed, first, nodes }: { routed: Routed; first: string | undefined; nodes: State['nodes'] }) {
  const { long, short } = routedText(routed, first, nodes);
  return (
    <>
      <p className="subtle pref-routed long" role="note">
        <NamedText text={long} />
      </p>
      <p className="subtle pref-routed short" role="note" title={withIsolates(long)}>
        <NamedText text={short} />
      </p>
    </>
  );
}

/** The note's two wordings: "C coordinated #1 put(key); usually the first node, B, does." and "C coordinated #1 put(key), not B." */
function routedText(routed: Routed, first: string | undefined, nodes: State['nodes']): { long: string; short: string } {
  const isUp = (id: string) => nodes.find((x) => x.id === id)?.isUp === true;
  const isDestroyed = nodes.find((x) => x.id === routed.coordinator)?.isDestroyed === true;
  // One line where the panel is short (a split's note above it, 720p): the table names the roles.
  const handled = `${routed.coordinator} coordinated #${routed.op.opId} ${routed.op.op}(${keyName(routed.op.key)})`;
  if (isDestroyed) return { long: `${handled}, and is destroyed now.`, short: `${handled}; destroyed now.` };
  if (!isUp(routed.coordinator)) return { long: `${handled}, and is down now.`, short: `${handled}; down now.` };
  if (first === undefined) return { long: `${handled}.`, short: `${handled}.` };
  if (isUp(first)) return { long: `${handled}; usually the first node, ${first}, does.`, short: `${handled}, not ${first}.` };
  return { long: `${handled}: the first node, ${first}, is down.`, short: `${handled}: ${first} is down.` };
}
