/** HTML overlays on the ring: the legend, a node's hover card, and the node and message menus. */
import { useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { primaryRanges } from '../../engine/index';
import { FOCUSABLE, useModalFocus } from '../../app/use-modal-focus';
import type { NodeView } from '../../engine/index';
import { useStore } from '../../store/store';
import { useClock } from '../../store/clock';
import { useController } from '../../app/controller-context';
import { useIsVeiled } from '../lectures/use-veils';
import { mergeTouching } from '../ranges/ranges-layout';
import { cardPlacement, formatRange, nodeTitle, formatShare, messagePoint, messageProgress, nodeRanges, type Anchor, type Point, type RingGeometry } from './ring-layout';
import { messageFate } from './message-fate';

/**
 * Names each node by its colour, with its share of the ring (the ranges it coordinates) as
 * a number and as a stacked bar, so "who owns how much" is read off the page rather than a
 * hover card. While a lecture question waits the shares stay hidden: they are often its answer.
 *
 * `isSplit`: the network is split and its note stands above the legend. The shares give way to
 * it: they say nothing about who can reach whom, and the ring keeps its size (with both, the
 * ring of the shopping cart's split shrank to a radius of 100 px, its names at 10 px).
 * `isWalkHidden`: a question veils the walk; its legend lines keep their room, unseen.
 */
export function RingLegend({ ring, colours, names, walkN = null, hasFallbacks = true, isSplit = false, isWalkHidden = false }: { ring: readonly NodeView[]; colours: ReadonlyMap<string, string>; names?: ReadonlyMap<string, string>; walkN?: number | null; hasFallbacks?: boolean; isSplit?: boolean; isWalkHidden?: boolean }) {
  const tokens = useStore((s) => s.tokens);
  const ringSize = useStore((s) => s.ringSize);
  const partitions = useStore((s) => s.partitions);
  const isVeiled = useIsVeiled();
  const ids = ring.map((n) => n.id).join(',');
  const allShares = useMemo(() => {
    const list = ids === '' ? [] : ids.split(',');
    if (list.length > 10) return null;
    const held = primaryRanges([...tokens].sort((a, b) => a.pos - b.pos), ringSize, partitions);
    return list.map((id) => ({ id, share: held.get(id)?.share ?? 0 }));
  }, [ids, tokens, ringSize, partitions]);
  const shares = isVeiled || isSplit ? null : allShares;
  // While a question waits, the shares and the walk's lines are masked in place rather than
  // removed: the legend keeps its height, so the ring does not grow at the question and
  // shrink back at the answer, moving everything on the projector twice.
  const isMasked = isVeiled && !isSplit && allShares !== null;
  return (
    <div className="ring-legend" role="group" aria-label="Legend">
      {isMasked ? <div className="share-bar masked" aria-hidden="true" /> : null}
      {shares ? (
        <div className="share-bar" role="img" aria-label={`Share of the ring: ${shares.map((s) => `${s.id} ${formatShare(s.share)}`).join(', ')}`}>
          {shares.map((s) => (
            <span key={s.id} style={{ flexGrow: s.share, background: colours.get(s.id) }} title={`${s.id}: ${formatShare(s.share)} of the ring`} />
          ))}
        </div>
      ) : null}
      {ring.length <= 10 ? (
        <ul className="legend-nodes">
          {ring.map((n, i) => (
            <li key={n.id}>
              <span className="swatch" style={{ background: colours.get(n.id) }} aria-hidden="true" /> <LegendName id={n.id} name={names?.get(n.id) ?? n.id} />
              {shares ? <span className="legend-share">{` ${formatShare(shares[i]!.share)}`}</span> : isMasked ? <span className="legend-share masked"> ––.–%</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="legend-note">Colours repeat after 10 nodes: hover to name</p>
      )}
      <ul className="legend-states">
        <li>
          <span className="state-icon up" aria-hidden="true" /> up
        </li>
        <li>
          <span className="state-icon down" aria-hidden="true" /> down
        </li>
        <li>
          <span className="state-icon unreachable" aria-hidden="true" /> unreachable from selected
        </li>
        {partitions > 0 ? (
          <li>
            <span className="partition-swatch" aria-hidden="true" /> {partitions} partition ends
          </li>
        ) : null}
        {walkN !== null ? (
          // The selected key's walk, clockwise from it: what its bands on the ring mean (kept, unseen, while they are veiled).
          <>
            <li className={isWalkHidden ? 'masked' : undefined}>
              <span className="walk-swatch replica" aria-hidden="true" /> walk to the top {walkN}
            </li>
            {hasFallbacks ? (
              <li className={isWalkHidden ? 'masked' : undefined}>
                <span className="walk-swatch fallback" aria-hidden="true" /> on to fallbacks
              </li>
            ) : null}
          </>
        ) : null}
      </ul>
    </div>
  );
}

/** A card's place near `anchor`, off the other nodes' badges where the panel has room (`cardPlacement`). */
function cardPosition(anchor: Point, g: RingGeometry, anchors: ReadonlyMap<string, Anchor>): { left: number; top: number } {
  return cardPlacement(anchor, g, RING_CARD, [...anchors.values()].filter((a) => a.x !== anchor.x || a.y !== anchor.y));
}

/** A node's card (.ring-card: 280 px wide plus padding and border; about this tall with its buttons). */
const RING_CARD = { width: 300, height: 150 };

export function NodeTooltip({ nodeId, anchors, g }: { nodeId: string; anchors: ReadonlyMap<string, Anchor>; g: RingGeometry }) {
  const node = useStore((s) => s.nodes.find((n) => n.id === nodeId));
  const tokens = useStore((s) => s.tokens);
  const ringSize = useStore((s) => s.ringSize);
  const partitions = useStore((s) => s.partitions);
  const isTeaching = useStore((s) => s.isTeachingRing);
  const isMenuOpen = useStore((s) => s.nodeMenu !== null);
  // Like the legend, the card keeps a node's share and ranges to itself while a lecture question waits.
  const isVeiled = useIsVeiled();
  const anchor = anchors.get(nodeId);
  if (!node || !anchor || isMenuOpen) return null;
  const held = nodeRanges(tokens, ringSize, nodeId, partitions);
  const { share } = held;
  const ranges = share >= 1 ? [] : mergeTouching(held.ranges, ringSize);
  return (
    <div className="ring-card" role="tooltip" style={cardPosition(anchor, g, anchors)}>
      <strong>
        {nodeTitle(node.id)} · {node.isDestroyed ? 'destroyed' : node.isUp ? 'up' : 'down'}
      </strong>
      <div>
        {node.tokens.length} token{node.tokens.length === 1 ? '' : 's'}
        {isTeaching ? `: ${node.tokens.join(', ')}` : ''}
      </div>
      {isVeiled ? (
        // Its ranges as much as its share: "(230, 458]" answers "which node stores 344?".
        <div>Which keys it coordinates: hidden while the lecture's question waits</div>
      ) : (
        <div>
          {/* "Coordinates (230, 458]" read as x and y: it is the keys it coordinates. */}
          Coordinates keys in {share >= 1 ? 'the whole ring' : ranges.length <= 2 ? ranges.map((range) => formatRange(range, ringSize, isTeaching)).join(' and ') : `${ranges.length} ranges`}: {formatShare(share)} of the ring
        </div>
      )}
      <div>
        Stores {node.keyCount} key{node.keyCount === 1 ? '' : 's'} · {node.hintCount} hint{node.hintCount === 1 ? '' : 's'}
      </div>
      {node.unreachable.length > 0 ? <div>Believes down: {node.unreachable.join(', ')}</div> : null}
    </div>
  );
}

/** What selecting the node shows (viewpointOf): its beliefs, while it holds any. */
function menuNote(node: NodeView): string {
  if (node.isDestroyed) return `${node.id} is destroyed: its disk is lost, so it believes nothing. Remove takes it out of the ring.`;
  if (!node.isUp) return `${node.id} is down: it believes nothing until it recovers, so the ring shows every node as it is.`;
  return `Selected: the ring dots the nodes ${node.id} believes down or cannot reach`;
}

export function NodeMenu({ anchors, g }: { anchors: ReadonlyMap<string, Anchor>; g: RingGeometry }) {
  const controller = useController();
  const nodeId = useStore((s) => s.nodeMenu);
  const node = useStore((s) => s.nodes.find((n) => n.id === s.nodeMenu));
  const close = useStore((s) => s.nodeMenuClosed);
  const anchor = nodeId === null ? undefined : anchors.get(nodeId);
  if (!node || !anchor) return null;
  const act = (input: Parameters<typeof controller.input>[0]) => {
    close();
    void controller.input(input);
  };
  return (
    <MenuCard label={`Node ${node.id}`} style={cardPosition(anchor, g, anchors)} onClose={close}>
      <strong>{nodeTitle(node.id)}</strong>
      <p className="menu-note">{menuNote(node)}</p>
      <div className="menu-buttons">
        {node.isUp ? (
          <button type="button" className="danger" aria-label={`Fail node ${node.id}`} onClick={() => act({ type: 'fail', node: node.id })}>
            Fail
          </button>
        ) : (
          <button type="button" aria-label={`Recover node ${node.id}`} disabled={node.isDestroyed} onClick={() => act({ type: 'recover', node: node.id })}>
            Recover
          </button>
        )}
        {node.isDestroyed ? null : (
          <button type="button" className="danger" aria-label={`Destroy node ${node.id}`} title="A permanent failure: its disk is lost" onClick={() => act({ type: 'destroy', node: node.id })}>
            Destroy
          </button>
        )}
        <button type="button" className="secondary" aria-label={`Remove node ${node.id}`} onClick={() => act({ type: 'removeNode', id: node.id })}>
          Remove
        </button>
        <button type="button" className="secondary" onClick={close}>
          Close
        </button>
      </div>
    </MenuCard>
  );
}

export function MessageMenu({ anchors, g }: { anchors: ReadonlyMap<string, Anchor>; g: RingGeometry }) {
  const controller = useController();
  const message = useStore((s) => s.inFlight.find((m) => m.id === s.messageMenu));
  const close = useStore((s) => s.messageClicked);
  const clockMs = useClock((s) => s.clockMs);
  if (!message) return null;
  const from = anchors.get(message.from);
  const to = anchors.get(message.to);
  const point = from && to ? messagePoint(from, to, messageProgress(message, clockMs), g.badgeRadius, 0) : null;
  if (!point) return null;
  const act = (input: Parameters<typeof controller.input>[0]) => {
    close(null);
    void controller.input(input);
  };
  return (
    <MenuCard label={`Message ${message.label}`} style={cardPosition(point, g, anchors)} onClose={() => close(null)}>
      <strong>
        {message.label}: {message.from} → {message.to}
      </strong>
      <p className="menu-note">
        sent at {message.sentAtMs.toFixed(1)} ms, arrives at {message.deliverAtMs.toFixed(1)} ms{message.isDoomed ? ` — ${messageFate(message)}` : ''}
      </p>
      <div className="menu-buttons">
        <button type="button" className="danger" onClick={() => act({ type: 'dropMessage', msgId: message.id })}>
          Drop message
        </button>
        <button type="button" onClick={() => act({ type: 'delayMessage', msgId: message.id, byMs: 50 })}>
          Delay 50 ms
        </button>
        <button type="button" className="secondary" onClick={() => close(null)}>
          Close
        </button>
      </div>
    </MenuCard>
  );
}

/**
 * A node's or a message's menu: focus moves into it (Enter on a node opens it), Escape
 * closes it, and focus goes back to the node or message it was opened from. Tab out of it
 * closes it too (it covered the ring behind it); a click elsewhere is the ring's to handle
 * (a click on the same node closes it, on another opens that one's).
 */
function MenuCard({ label, style, onClose, children }: { label: string; style: CSSProperties; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // Read while the menu first renders, before its effect takes the focus in: the node or message it was opened from.
  const [opener] = useState(() => document.activeElement);
  useModalFocus(box, true, onClose, undefined, false);
  // Tab past the menu's last control goes on from the node it was opened from, to the next node: the menu comes last in
  // the page's order, and Tab went on to the Key field, past every other node of the ring.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !box.current || !(opener instanceof HTMLElement || opener instanceof SVGElement)) return;
    const inMenu = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (document.activeElement !== (e.shiftKey ? inMenu[0] : inMenu.at(-1))) return;
    const order = [...document.querySelectorAll<HTMLElement | SVGElement>(FOCUSABLE)].filter((el) => !box.current!.contains(el));
    const next = e.shiftKey ? opener : order[order.indexOf(opener) + 1];
    if (!next) return;
    e.preventDefault();
    next.focus();
    onClose();
  };
  const onBlur = () =>
    // Once the focus has landed: the keyboard's moves show a focus ring (:focus-visible), a click's on the ring do not.
    window.setTimeout(() => {
      const now = document.activeElement;
      if (now && box.current && !box.current.contains(now) && now.matches(':focus-visible')) onClose();
    }, 0);
  return (
    <div ref={box} className="ring-card menu" role="dialog" aria-label={label} style={style} onBlur={onBlur} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}

/** A node in the legend: its id, after the short name its badge shows when that is another ("sa server-a"), so a class can read which is which. */
function LegendName({ id, name }: { id: string; name: string }) {
  if (name === id) return <>{id}</>;
  return (
    <>
      <b className="legend-short" aria-hidden="true">
        {name}
      </b>
      <span className="legend-full">{id}</span>
    </>
  );
}
