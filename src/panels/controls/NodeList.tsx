/** Every node, as a legend and a list of actions: fail, recover, remove; and adding a node. */
import { memo, useMemo, useRef, useState, type CSSProperties, type FormEvent, type RefObject } from 'react';
import type { NodeView } from '../../engine/index';
import { useStore } from '../../store/store';
import { members, nodeColours, nodeStatus, viewpointOf, type NodeStatus } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { nextNodeId } from './network-groups';
import { shortNodeNames } from '../../app/node-names';
import { pinsOf, scrollRowIntoView, useRowsOutOfView, useScrollByWholeRows, useScrollToAdded, useWholeRows } from './node-list-scroll';

export function NodeList() {
  const nodes = useStore((s) => s.nodes);
  const selectedNode = useStore((s) => s.selectedNode);
  const blockedLinks = useStore((s) => s.blockedLinks);
  const nodeClicked = useStore((s) => s.nodeClicked);
  const idList = nodes.map((n) => n.id).join(',');
  const colours = useMemo(() => nodeColours(idList.split(',')), [idList]);
  // Every node by its short name once some id passes the seven characters its row has room for
  // beside the state and buttons ("dc2-node12" ran under Fail and hid "up"), as the gossip circle draws them.
  const names = useMemo(() => shortNodeNames(idList.split(','), 7), [idList]);
  const ring = members(nodes);
  const viewpoint = viewpointOf(ring, selectedNode);
  // The rows listed: the members. A removed node keeps its colour (idList) but loses its row, and
  // the list is measured again: measured by idList, it stayed cut to three rows after E joined and B left.
  const rowList = ring.map((n) => n.id).join(',');
  const pins = pinsOf(ring);
  const pinList = pins.map((p) => (p === null ? '' : 'pinned')).join(',');
  const list = useScrollToAdded(rowList);
  const hidden = useRowsOutOfView(list, `${rowList};${pinList}`);
  const wrap = useRef<HTMLDivElement>(null);
  const fit = useWholeRows(wrap, list, rowList);
  useScrollByWholeRows(list, fit.rowPx);
  const listStyle = { ...(fit.maxHeight === undefined ? {} : { maxHeight: fit.maxHeight }), '--row-px': `${fit.rowPx}px` } as CSSProperties;
  return (
    <div className="node-list-wrap" ref={wrap}>
      <div className="node-head">
        <span aria-hidden="true">Node</span>
        <span aria-hidden="true">{viewpoint ? `${viewpoint.id} sees` : 'State'}</span>
        <OutOfView hidden={hidden} list={list} names={names} />
      </div>
      <ul className="node-list" aria-label="Nodes" ref={list} style={listStyle}>
        {ring.map((node, i) => (
          <NodeRow key={node.id} node={node} name={names.get(node.id) ?? node.id} colour={colours.get(node.id)!} status={nodeStatus(node, viewpoint, blockedLinks)} isSelected={node.id === selectedNode} pinnedAbove={pins[i]?.above ?? null} pinnedBelow={pins[i]?.below ?? null} onSelect={nodeClicked} />
        ))}
      </ul>
      <AddNodeForm existing={nodes.map((n) => n.id)} />
    </div>
  );
}

/** "▲ A" and "▼ F": the nodes out of the list's view, each a button that scrolls to it. */
function OutOfView({ hidden, list, names }: { hidden: { readonly above: readonly string[]; readonly below: readonly string[] }; list: RefObject<HTMLUListElement | null>; names: ReadonlyMap<string, string> }) {
  const show = (id: string) => {
    const ul = list.current;
    const row = ul?.querySelector<HTMLElement>(`[data-node="${CSS.escape(id)}"]`);
    if (ul && row) scrollRowIntoView(ul, row);
  };
  const cue = (ids: readonly string[], arrow: string, where: string) =>
    ids.length === 0 ? null : (
      <button type="button" className="small secondary out-of-view" title={`Scrolled out of view ${where}: ${ids.join(', ')}`} aria-label={`Show node ${ids[0]} (${ids.length === 1 ? 'scrolled' : `${ids.length} nodes scrolled`} out of view ${where})`} onClick={() => show(ids[0]!)}>
        {arrow} {ids.length <= 2 ? ids.map((id) => names.get(id) ?? id).join(', ') : `${names.get(ids[0]!) ?? ids[0]} +${ids.length - 1}`}
      </button>
    );
  return (
    <span className="out-of-view-cues">
      {cue(hidden.above, '▲', 'above')}
      {cue(hidden.below, '▼', 'below')}
    </span>
  );
}

interface RowProps {
  readonly node: NodeView;
  /** What the row shows: the id, or its short name (`shortNodeNames`), the id then in a tooltip. */
  readonly name: string;
  readonly colour: string;
  readonly status: NodeStatus;
  readonly isSelected: boolean;
  /** Where the row stays while the list scrolls, for a node that is not up (`pinsOf`); null for one that is up. As numbers, so an unchanged row is not drawn again. */
  readonly pinnedAbove: number | null;
  readonly pinnedBelow: number | null;
  readonly onSelect: (id: string) => void;
}

const NodeRow = memo(function NodeRow({ node, name, colour, status, isSelected, pinnedAbove, pinnedBelow, onSelect }: RowProps) {
  const controller = useController();
  const isPinned = pinnedAbove !== null && pinnedBelow !== null;
  const pinStyle = isPinned ? ({ '--pinned-above': pinnedAbove, '--pinned-below': pinnedBelow } as CSSProperties) : undefined;
  return (
    <li className={`node-row ${status}${isSelected ? ' selected' : ''}${isPinned ? ' pinned' : ''}`} data-node={node.id} style={pinStyle}>
      <button type="button" className="node-name" aria-pressed={isSelected} aria-label={`Select node ${node.id}`} title={name === node.id ? undefined : node.id} onClick={() => onSelect(node.id)}>
        <span className={`swatch ${status}`} style={{ background: status === 'down' || status === 'destroyed' ? undefined : colour }} aria-hidden="true" />
        <span className="node-id">{name}</span>
      </button>
      <span className={`state ${status}`} title={status === 'unreachable' ? 'the selected node believes it down, or cannot reach it' : undefined}>
        {status === 'unreachable' ? 'unreach.' : status}
      </span>
      {/* A destroyed node never comes back: no Recover, and "destroyed" takes the button's room. */}
      {node.isUp ? (
        <button type="button" className="small danger" aria-label={`Fail node ${node.id}`} onClick={() => void controller.input({ type: 'fail', node: node.id })}>
          Fail
        </button>
      ) : node.isDestroyed ? null : (
        <button type="button" className="small" aria-label={`Recover node ${node.id}`} onClick={() => void controller.input({ type: 'recover', node: node.id })}>
          Recover
        </button>
      )}
      <button type="button" className="small secondary" aria-label={`Remove node ${node.id}`} onClick={(e) => void removed(e.currentTarget, () => controller.input({ type: 'removeNode', id: node.id }))}>
        Remove
      </button>
    </li>
  );
});

function AddNodeForm({ existing }: { existing: readonly string[] }) {
  const controller = useController();
  const isTeaching = useStore((s) => s.isTeachingRing);
  const ringSize = useStore((s) => s.ringSize);
  const placesTokens = useStore((s) => s.placesJoinTokens);
  const joinTokens = useStore((s) => s.joinTokens);
  const [token, setToken] = useState('');
  const id = nextNodeId(existing);
  // A double click sent E twice before the page heard of the first: the second was refused as "a node named E already exists".
  const isAdding = useRef(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isAdding.current) return;
    isAdding.current = true;
    const pos = token.trim() === '' || placesTokens ? undefined : Number(token);
    const ok = await controller.input({ type: 'addNode', id, ...(pos === undefined ? {} : { tokens: [pos] }) }).finally(() => {
      isAdding.current = false;
    });
    if (ok) setToken('');
  };
  return (
    <form className="add-node" aria-label="Add a node" onSubmit={(e) => void submit(e)}>
      {/* The second click of a double click (detail 2) adds nothing: when the first add had already come back, it added F as well as E. */}
      <button type="submit" onClick={(e) => e.detail > 1 && e.preventDefault()}>
        Add node
      </button>
      <span>
        <strong>{id}</strong>
      </span>
      {placesTokens ? (
        <span className="subtle" title="Strategy 3: the ring gives a joining node Q/S partitions, taken from the nodes holding the most">
          at partition ends (strategy 3)
        </span>
      ) : isTeaching ? (
        <label>
          <span>at</span>
          <input type="number" min={0} max={ringSize - 1} value={token} placeholder="any" aria-label={`${id} at position (empty: any free one)`} title={`The ring position of ${id}'s token, 0–${ringSize - 1}; empty: a random free position`} onChange={(e) => setToken(e.target.value)} />
        </label>
      ) : (
        <span className="subtle">{`with ${joinTokens} random ${joinTokens === 1 ? 'token' : 'tokens'}`}</span>
      )}
    </form>
  );
}

/**
 * Removes a node, and if its row (the button pressed) goes with it, gives the keyboard's focus
 * to the row that took its place, or the one before, or Add node: not to the page's body.
 */
async function removed(button: HTMLElement, remove: () => Promise<unknown>): Promise<void> {
  const row = button.closest('li');
  const list = row?.parentElement;
  const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling)?.getAttribute('data-node') ?? null;
  await remove();
  requestAnimationFrame(() => {
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    const rows = [...(list?.querySelectorAll<HTMLElement>('li.node-row') ?? [])];
    const target = rows.find((r) => r.dataset.node === neighbour) ?? rows.at(-1);
    (target?.querySelector<HTMLElement>('button.node-name') ?? document.querySelector<HTMLElement>('.add-node button'))?.focus();
  });
}
