/** Every node, as a legend and a list of actions: fail, recover, remove; and adding a node. */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { NodeView } from '../../engine/index';
import { useStore } from '../../store/store';
import { members, nodeColours, nodeStatus, viewpointOf, type NodeStatus } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { nextNodeId } from './network-groups';
import { shortNodeNames } from '../../app/node-names';

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
  const list = useScrollToAdded(rowList);
  const hidden = useRowsOutOfView(list, rowList);
  const wrap = useRef<HTMLDivElement>(null);
  const maxHeight = useWholeRows(wrap, list, rowList);
  return (
    <div className="node-list-wrap" ref={wrap}>
      <div className="node-head">
        <span aria-hidden="true">Node</span>
        <span aria-hidden="true">{viewpoint ? `${viewpoint.id} sees` : 'State'}</span>
        <OutOfView hidden={hidden} list={list} names={names} />
      </div>
      <ul className="node-list" aria-label="Nodes" ref={list} style={maxHeight === undefined ? undefined : { maxHeight }}>
        {ring.map((node) => (
          <NodeRow key={node.id} node={node} name={names.get(node.id) ?? node.id} colour={colours.get(node.id)!} status={nodeStatus(node, viewpoint, blockedLinks)} isSelected={node.id === selectedNode} onSelect={nodeClicked} />
        ))}
      </ul>
      <AddNodeForm existing={nodes.map((n) => n.id)} />
    </div>
  );
}

/**
 * A node just added is scrolled into the list's view, so the lecturer can fail or remove it
 * at once: the list shows four or five rows, and a new node's row comes last.
 */
function useScrollToAdded(idList: string): RefObject<HTMLUListElement | null> {
  const list = useRef<HTMLUListElement>(null);
  const before = useRef(idList);
  useEffect(() => {
    const old = new Set(before.current.split(','));
    before.current = idList;
    const added = idList.split(',').filter((id) => !old.has(id));
    const ul = list.current;
    if (added.length !== 1 || !ul) return; // a new session replaces every id: leave the list at its top
    const row = [...ul.children].find((li) => (li as HTMLElement).dataset.node === added[0]) as HTMLElement | undefined;
    if (!row) return;
    const top = row.getBoundingClientRect().top - ul.getBoundingClientRect().top + ul.scrollTop;
    if (top < ul.scrollTop) ul.scrollTop = top;
    else if (top + row.offsetHeight > ul.scrollTop + ul.clientHeight) ul.scrollTop = top + row.offsetHeight - ul.clientHeight;
  }, [idList]);
  return list;
}

/**
 * The rows scrolled out of the list's view, above and below: with a fifth node added (and the
 * client form's Context row), node A scrolled away with no sign of it, and a class took it
 * for removed.
 */
function useRowsOutOfView(list: RefObject<HTMLUListElement | null>, idList: string): { readonly above: readonly string[]; readonly below: readonly string[] } {
  const [hidden, setHidden] = useState<{ above: string[]; below: string[] }>({ above: [], below: [] });
  useEffect(() => {
    const ul = list.current;
    if (!ul) return;
    const measure = () => {
      const rows = [...ul.children] as HTMLElement[];
      const box = ul.getBoundingClientRect();
      // A row counts as out of view when less than half of it shows.
      const middle = (r: HTMLElement) => {
        const b = r.getBoundingClientRect();
        return b.top + b.height / 2;
      };
      const above = rows.filter((r) => middle(r) < box.top).map((r) => r.dataset.node ?? '');
      const below = rows.filter((r) => middle(r) > box.bottom).map((r) => r.dataset.node ?? '');
      setHidden((h) => (h.above.join() === above.join() && h.below.join() === below.join() ? h : { above, below }));
    };
    measure();
    ul.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(ul);
    return () => {
      ul.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [list, idList]);
  return hidden;
}

/**
 * A list too long for its room shows whole rows: its height is cut down to a whole number of
 * them (the rest of the room left empty), so no row shows as a sliced strip of buttons under
 * the last one (eight nodes at 720p, or a notice above taking room). "▼ F +2" names the rest.
 */
function useWholeRows(wrap: RefObject<HTMLDivElement | null>, list: RefObject<HTMLUListElement | null>, idList: string): number | undefined {
  const [maxHeight, setMaxHeight] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const box = wrap.current;
    const ul = list.current;
    if (!box || !ul) return;
    const fit = () => {
      // The list's room: the wrapper's height less the head, the add-node form and the gaps between them.
      const others = [...box.children].filter((c) => c !== ul).reduce((sum, c) => sum + c.getBoundingClientRect().height, 0);
      const room = box.clientHeight - others - (parseFloat(getComputedStyle(box).rowGap) || 0) * (box.children.length - 1);
      const row = ul.firstElementChild?.getBoundingClientRect().height ?? 0;
      const border = ul.offsetHeight - ul.clientHeight;
      const isTooLong = row > 0 && ul.children.length * row + border > room + 1;
      setMaxHeight(isTooLong ? Math.max(row, Math.floor((room - border) / row) * row) + border : undefined);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, [wrap, list, idList]);
  return maxHeight;
}

/** "▲ A" and "▼ F": the nodes out of the list's view, each a button that scrolls to it. */
function OutOfView({ hidden, list, names }: { hidden: { readonly above: readonly string[]; readonly below: readonly string[] }; list: RefObject<HTMLUListElement | null>; names: ReadonlyMap<string, string> }) {
  const show = (id: string) => (list.current?.querySelector(`[data-node="${CSS.escape(id)}"]`) as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
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
  readonly onSelect: (id: string) => void;
}

const NodeRow = memo(function NodeRow({ node, name, colour, status, isSelected, onSelect }: RowProps) {
  const controller = useController();
  return (
    <li className={`node-row ${status}${isSelected ? ' selected' : ''}`} data-node={node.id}>
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
        <span className="subtle">with 8 random tokens</span>
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
