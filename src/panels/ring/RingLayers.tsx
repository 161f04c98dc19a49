/** The ring's static layers: the ring line, tokens, keys and node badges (memoised; they change rarely). */
import { memo, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { keyName, partitionBoundary, type NodeView } from '../../engine/index';
import { DOWN_GREY, INK, textOn } from '../../app/theme';
import { NamedTspans } from '../../app/NamedText';
import type { NodeStatus } from '../../store/selectors';
import { badgeFontFor, formatPosition, labelAnchor, polar, ringKeyName, sideName, wholeKey, type Anchor, type RingGeometry, type WordAt } from './ring-layout';
import { originBox, type OriginSide, type TokenMark } from './token-labels';
import type { KeyDot, KeyLabel } from './key-labels';

/** Past this many partitions their ends are not drawn: the ticks would merge into a band. */
const MOST_PARTITION_TICKS = 64;

/**
 * The ring line and position 0; under strategies 2 and 3 (`partitions` > 0), a tick inside
 * the ring at each partition's end, so "partition (200, 300]" can be found on it.
 */
export const RingBase = memo(function RingBase({ g, isTeaching, ringSize, partitions, hasTokenAtZero = false, origin = 'left' }: { g: RingGeometry; isTeaching: boolean; ringSize: number; partitions: number; hasTokenAtZero?: boolean; origin?: OriginSide }) {
  const zero = originBox(origin, g);
  const ends = partitions > 0 && partitions <= MOST_PARTITION_TICKS ? Array.from({ length: partitions }, (_, k) => partitionBoundary(k, ringSize, partitions)) : [];
  return (
    <g aria-hidden="true">
      <circle cx={g.cx} cy={g.cy} r={g.radius} fill="none" stroke="#555" strokeWidth={3} />
      {ends.map((pos) => {
        const inner = polar(g, (pos / ringSize) * 2 * Math.PI, g.radius - 14);
        const outer = polar(g, (pos / ringSize) * 2 * Math.PI, g.radius);
        return <line key={pos} x1={inner.x} y1={inner.y} x2={outer.x} y2={outer.y} className="partition-end" />;
      })}
      <line x1={g.cx} y1={g.cy - g.radius - 8} x2={g.cx} y2={g.cy - g.radius + 8} stroke={INK} strokeWidth={3} />
      {/* A token at 0 names the position in its own label ("node3 0"): the origin's "0" would print over it. */}
      {isTeaching && !hasTokenAtZero ? (
        <text x={zero.x + zero.width} y={zero.y + 14} textAnchor="end" className="ring-origin">
          0
        </text>
      ) : null}
    </g>
  );
});

/**
 * The caption, moved `captionDy` px down (or up) off the centre when a badge is there, or to
 * the panel's top-left corner (null) when no height is free; on the MD5 ring, with the key
 * whose walk is shown. It is drawn over the messages, haloed, so a busy ring's dots flying
 * across the middle never hide a letter of it.
 */
export const RingCaption = memo(function RingCaption({ g, ringSize, isTeaching, captionDy, walkKey }: { g: RingGeometry; ringSize: number; isTeaching: boolean; captionDy: number | null; walkKey: { readonly key: string; readonly position: number } | null }) {
  const [x, y, anchor]: [number, number, 'start' | 'middle'] = captionDy === null ? [6, 18, 'start'] : [g.cx, g.cy + captionDy + 6, 'middle'];
  return (
    <g aria-hidden="true" className="ring-captions">
      <text x={x} y={y} textAnchor={anchor} className="ring-caption">
        {isTeaching ? `positions 0–${ringSize - 1}` : 'MD5 ring'}
      </text>
      <text x={x} y={y + 22} textAnchor={anchor} className="ring-caption small">
        clockwise →
      </text>
      {walkKey !== null ? (
        <text x={g.cx} y={g.cy + 56} textAnchor="middle" className="walk-key-label">
          ◆ <NamedTspans text={ringKeyName(walkKey.key)} /> @ {formatPosition(walkKey.position, ringSize, false)}
        </text>
      ) : null}
    </g>
  );
});

/**
 * The tokens (virtual nodes). With a node `focus` (hovered, or selected), its own tokens are
 * drawn wider and the others faded, so its virtual nodes can be found around the ring (on
 * the MD5 ring, 8 of 256 ticks).
 */
export const TokensLayer = memo(function TokensLayer({ marks, colours, g, focus = null, onHover }: { marks: readonly TokenMark[]; colours: ReadonlyMap<string, string>; g: RingGeometry; focus?: string | null; onHover: (node: string | null) => void }) {
  const width = g.isDetailed ? 9 : 4;
  return (
    <g className="tokens" onMouseLeave={() => onHover(null)}>
      {marks.map((m) => (
        <g key={`${m.node}@${m.pos}`} onMouseMove={(e) => hasMoved(e) && onHover(m.node)} className={focus === null ? undefined : m.node === focus ? 'token-focus' : 'token-faded'}>
          {/* A label that gives only the position, or nothing, in a crowd: the node is named in the tooltip and to a screen reader. */}
          {g.isDetailed && m.labelKind !== 'named' ? <title>{`${m.node} ${m.pos}`}</title> : null}
          <line x1={m.inner.x} y1={m.inner.y} x2={m.outer.x} y2={m.outer.y} stroke={colours.get(m.node) ?? INK} strokeWidth={focus === m.node ? width * 2 : width} strokeLinecap="round" />
          {m.leader ? <line x1={m.leader.from.x} y1={m.leader.from.y} x2={m.leader.to.x} y2={m.leader.to.y} stroke={colours.get(m.node) ?? INK} strokeWidth={2.5} className="token-leader" /> : null}
          {g.isDetailed && m.labelKind !== 'none' ? <TokenLabel mark={m} /> : null}
        </g>
      ))}
    </g>
  );
});

/** Where the pointer was at the page's last mouse move (read after the ring's own handlers, on the document). */
let lastPointer: { readonly x: number; readonly y: number } | null = null;
if (typeof document !== 'undefined') document.addEventListener('mousemove', (e) => void (lastPointer = { x: e.clientX, y: e.clientY }));

/**
 * Whether the pointer itself moved: a node's card opens when the pointer moves onto the node,
 * not when the ring is drawn under a pointer at rest. Opening a lecture from the library left
 * the pointer where its title was, and "node4 · up" covered the ring at the lecture's first step:
 * the browser says the pointer entered the node then, and may send a move where it has not moved.
 */
function hasMoved(e: ReactMouseEvent): boolean {
  return lastPointer === null || lastPointer.x !== e.clientX || lastPointer.y !== e.clientY;
}

interface KeysProps {
  readonly dots: readonly KeyDot[];
  readonly selectedKey: string | null;
  readonly onPick: (key: string) => void;
}

/** Key dots on the ring. Few keys are labelled buttons; thousands are plain dots with one click handler. */
export const KeysLayer = memo(function KeysLayer({ dots, selectedKey, onPick }: KeysProps) {
  const isFew = dots.length <= 24;
  const pick = (event: { target: EventTarget }) => {
    const key = (event.target as Element).getAttribute('data-key');
    if (key !== null) onPick(key);
  };
  if (!isFew) {
    return (
      <g className="keys many" onClick={pick} aria-hidden="true">
        {dots.map((d) => (
          <circle key={d.key} data-key={d.key} cx={d.x} cy={d.y} r={2.2} />
        ))}
      </g>
    );
  }
  return (
    <g className="keys">
      {dots.map((d) => {
        const name = ringKeyName(d.key);
        const onKey = (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onPick(d.key));
        return (
          <g key={d.key} role="button" tabIndex={0} aria-label={`Key ${keyName(d.key)}`} className={d.key === selectedKey ? 'key selected' : 'key'} onClick={() => onPick(d.key)} onKeyDown={onKey}>
            {name !== d.key || (d.label !== null && !d.label.isWhole) ? <title>{wholeKey(d.key)}</title> : null}
            <rect x={d.x - 7} y={d.y - 7} width={14} height={14} transform={`rotate(45 ${d.x} ${d.y})`} />
            {d.label?.isClear && d.key !== selectedKey ? <KeyName label={d.label} className="key-label" /> : null}
          </g>
        );
      })}
    </g>
  );
});

/** A key's name beside the ring, on one line or two, with the dashed arc to its key when it had to turn away (key-labels.ts). */
export function KeyName({ label, className }: { label: KeyLabel; className: string }) {
  return (
    <>
        {label.leader ? <path d={label.leader} className="key-leader" fill="none" /> : null}
        <text x={label.x} y={label.y} textAnchor={label.anchor} className={className}>
          {label.lines.map((line, i) => (
            <tspan key={i} x={label.x} dy={i === 0 ? 0 : 19}>
              <NamedTspans text={line} />
            </tspan>
          ))}
        </text>
    </>
  );
}

interface BadgeProps {
  readonly node: NodeView;
  /** What the badge says: the node's id, or its short name when ids are long (the full id is its name and tooltip). */
  readonly name: string;
  readonly anchor: Anchor;
  readonly colour: string;
  readonly status: NodeStatus;
  /** The node's side of a split (1, 2, …, drawn I, II, … as the split's note names them), or null. */
  readonly side: number | null;
  readonly isSelected: boolean;
  readonly g: RingGeometry;
  /** Where its state word goes (stateWordPlaces), or null for none. */
  readonly wordAt: WordAt | null;
  readonly onClick: (id: string) => void;
  readonly onHover: (id: string | null) => void;
}

/** One physical node: colour fill when up; grey, dashed and labelled when down; dotted when unreachable. */
export const NodeBadge = memo(function NodeBadge({ node, name, anchor, colour, status, side, isSelected, g, wordAt, onClick, onHover }: BadgeProps) {
  const r = g.badgeRadius;
  const isDown = status === 'down' || status === 'destroyed';
  const fill = isDown ? '#e6e6e6' : colour;
  const stroke = isDown ? DOWN_GREY : status === 'unreachable' ? INK : '#222';
  const dash = isDown ? '6 4' : status === 'unreachable' ? '2 4' : undefined;
  const word = status === 'up' ? null : status;
  const onKey = (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onClick(node.id));
  // The id must fit inside the badge: long ids ("node1") get a smaller font than "A".
  const fontSize = badgeFontFor(r, name.length, g.isDetailed ? 20 : Math.min(15, r * 0.95));
  return (
    <>
    <g
      role="button"
      tabIndex={0}
      aria-label={`Node ${node.id}, ${status}${side === null ? '' : `, side ${sideName(side)} of the split`}`}
      aria-pressed={isSelected}
      className={`badge ${status}`}
      transform={`translate(${anchor.x} ${anchor.y})`}
      onClick={() => onClick(node.id)}
      onKeyDown={onKey}
      onMouseMove={(e) => hasMoved(e) && onHover(node.id)}
      onMouseLeave={() => onHover(null)}
    >
      {isSelected ? <circle r={r + 6} fill="none" stroke="#f0a500" strokeWidth={4} /> : null}
      <circle r={r} fill={fill} stroke={stroke} strokeWidth={status === 'up' ? 2 : 3.5} strokeDasharray={dash} />
      {isDown ? <path d={`M${-r * 0.55} ${-r * 0.55}L${r * 0.55} ${r * 0.55}M${r * 0.55} ${-r * 0.55}L${-r * 0.55} ${r * 0.55}`} stroke={DOWN_GREY} strokeWidth={2} /> : null}
      {name === node.id ? null : <title>{node.id}</title>}
      <text y={fontSize * 0.36} textAnchor="middle" className="badge-id" fill={isDown ? INK : textOn(colour)} style={{ fontSize }}>
        {name}
      </text>
      {word && wordAt ? (
        // Placed by stateWordPlaces: on the badge's inner side unless that covers another badge.
        // The leading space is not drawn (SVG drops it) but keeps the badge's text "C down", not "Cdown", as its name "Node C, down" has it.
        <text {...wordAt} className={`badge-state ${g.isDetailed ? '' : 'small'}`}>
          {` ${word}`}
        </text>
      ) : null}
    </g>
    {/* Beside the badge's button, not in it: its text would read "A I", where its name says "Node A, up, side I of the split". */}
    {side !== null ? <SideTag node={node.id} side={side} r={r} anchor={anchor} /> : null}
    </>
  );
});

/**
 * A node's side of a split: its numeral (I, II…) in a small amber box above the badge, as the
 * split's note names the groups. On the upper corner away from the ring's edge beside it,
 * where the walk's badges (1, 2, F1) sit: a node on the ring's left half has it upper right.
 */
function SideTag({ node, side, r, anchor }: { node: string; side: number; r: number; anchor: { x: number; y: number; angle: number } }) {
  const at = r * 0.78;
  const name = sideName(side);
  const width = 10 + 7 * name.length;
  return (
    <g className="side-tag" data-node={node} aria-hidden="true" pointerEvents="none" transform={`translate(${anchor.x + (Math.sin(anchor.angle) < 0 ? at : -at)} ${anchor.y - at})`}>
      <rect x={-width / 2} y={-10} width={width} height={20} rx={3} />
      <text y={6} textAnchor="middle">
        {name}
      </text>
    </g>
  );
}

/** "A 20" above and below the ring; on its sides, the node over its position, so it stays narrow; in a crowd, "20" alone (token-labels.ts). */
function TokenLabel({ mark }: { mark: TokenMark }) {
  const anchor = labelAnchor(mark.labelAngle);
  if (mark.labelKind === 'position') {
    return (
      <text x={mark.label.x} y={mark.label.y + 6} textAnchor={anchor} className="token-label">
        {mark.pos}
      </text>
    );
  }
  if (anchor === 'middle') {
    return (
      <text x={mark.label.x} y={mark.label.y + 6} textAnchor="middle" className="token-label">
        {mark.name} {mark.pos}
      </text>
    );
  }
  return (
    <text x={mark.label.x} y={mark.label.y - 4} textAnchor={anchor} className="token-label">
      <tspan>{mark.name}</tspan>
      <tspan x={mark.label.x} dy={19} className="token-pos">
        {mark.pos}
      </tspan>
    </text>
  );
}


