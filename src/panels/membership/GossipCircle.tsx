/**
 * Gossip as the lecture draws it ("E randomly chooses to exchange membership information
 * with C"): the members around a circle, a chord for each exchange of the last moments
 * (darker the newer), and gossip messages in flight placed by their send and arrival times
 * and the display clock, so stepping back and scrubbing are exact.
 */
import { memo, useMemo } from 'react';
import type { MessageView } from '../../engine/index';
import { useClock } from '../../store/clock';
import { useStore } from '../../store/store';
import { textOn } from '../../app/theme';
import { messageProgress } from '../ring/ring-layout';
import type { GossipMessage } from './gossip-ledger';
import { shortNodeNames, isAbbreviated, longestName } from '../../app/node-names';
import { chordPath, chordPoint, circleLayout, insideNameFit, labelPoint, outwardPoint, type CirclePoint } from './membership-layout';

interface Props {
  readonly ids: readonly string[];
  readonly seeds: ReadonlySet<string>;
  readonly down: ReadonlySet<string>;
  readonly colours: ReadonlyMap<string, string>;
  readonly recent: readonly GossipMessage[];
  /** False while a lecture's question waits: no message moving between the nodes either. */
  readonly isInFlightShown?: boolean;
  readonly size: number;
  readonly nowMs: number;
  readonly windowMs: number;
}

/** Width of a character of a node's label (14 px bold), a little generous. */
const LABEL_CHAR_PX = 9;

/** How the nodes are named: the ids themselves, inside or outside, or short names inside. */
interface Naming {
  readonly names: ReadonlyMap<string, string>;
  readonly isAbbreviated: boolean;
  readonly isDense: boolean;
  readonly isNamedInside: boolean;
  readonly isSmallType: boolean;
  readonly nodeR: number;
  readonly margin: number;
  readonly fontPx: number | null;
}

function naming(ids: readonly string[], size: number): Naming {
  const names = shortNodeNames(ids);
  if (isAbbreviated(names)) {
    // Ids longer than five characters ("cache-003", "dc2-node12") are drawn by a short name inside the
    // node ("c003", "n12"), the id in its tooltip, a seed's ★ outside: set beside one another,
    // "cache-003", "node10★" and "server-a★" ran over each other, and at 16 nodes so did the first two.
    const fit = insideNameFit(ids.length, size, longestName(names));
    return { names, isAbbreviated: true, isDense: false, isNamedInside: true, isSmallType: true, ...fit };
  }
  const isDense = ids.length > 12;
  // Names up to five characters (A…H, n1…n4, node1…node5) go inside the nodes, as on the ring: the
  // circle then takes the room the labels outside took, and its chords grow by as much (a radius of 50 px
  // became 70 in lecture 002). Outside, a label pushed off the edge went onto its neighbours ("node4node3").
  const longest = Math.max(0, ...ids.map((id) => id.length));
  const isNamedInside = !isDense && longest <= 5;
  const isSmallType = isNamedInside && longest > 2;
  const nodeR = isDense ? 6 : isSmallType ? 20 : isNamedInside ? 16 : 15;
  return { names, isAbbreviated: false, isDense, isNamedInside, isSmallType, nodeR, margin: isDense ? 22 : isNamedInside ? nodeR + 3 : 38, fontPx: null };
}

export const GossipCircle = memo(function GossipCircle({ ids, seeds, down, colours, recent, isInFlightShown = true, size, nowMs, windowMs }: Props) {
  const n = useMemo(() => naming(ids, size), [ids, size]);
  const { nodeR } = n;
  const points = useMemo(() => circleLayout(ids, size, n.margin), [ids, size, n.margin]);
  const openings = recent.filter((m) => !m.isReply);
  const involved = new Set(openings.flatMap((m) => [m.from, m.to]));
  const key = n.isAbbreviated ? `; drawn as ${ids.map((id) => `${n.names.get(id)} for ${id}`).join(', ')}` : '';
  return (
    <svg className="mb-circle" width={size} height={size} role="img" aria-label={`Gossip exchanges of the last ${windowMs} ms: ${openings.map((m) => `${m.from} with ${m.to}`).join(', ') || 'none'}${key}`}>
      <defs>
        <marker id="mb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0L10,5L0,10z" fill="#555" />
        </marker>
      </defs>
      {openings.map((m) => (
        <Chord key={m.msgId} from={points.get(m.from)} to={points.get(m.to)} age={Math.max(0, nowMs - m.sentAtMs) / windowMs} nodeR={nodeR} size={size} />
      ))}
      {isInFlightShown ? <InFlight points={points} nodeR={nodeR} size={size} /> : null}
      {ids.map((id) => (
        <NodeMark key={id} id={id} p={points.get(id)!} naming={n} size={size} isSeed={seeds.has(id)} isDown={down.has(id)} isInvolved={involved.has(id)} colour={colours.get(id)} />
      ))}
    </svg>
  );
});

interface NodeMarkProps {
  readonly id: string;
  readonly p: CirclePoint;
  readonly naming: Naming;
  readonly size: number;
  readonly isSeed: boolean;
  readonly isDown: boolean;
  readonly isInvolved: boolean;
  readonly colour: string | undefined;
}

/** A node on the circle: its disc, its name (inside or out), its ★ if a seed, its full id as a tooltip. */
function NodeMark({ id, p, naming: n, size, isSeed, isDown, isInvolved, colour }: NodeMarkProps) {
  const label = n.isNamedInside ? { x: p.x, y: p.y, anchor: 'middle' as const } : labelPoint(p, size, n.nodeR + 8, LABEL_CHAR_PX * (id.length + (isSeed ? 1 : 0)));
  const showLabel = !n.isDense || isInvolved || isSeed;
  const labelClass = `mb-node-label${isInvolved ? ' active' : ''}${n.isNamedInside ? ' inside' : ''}${n.isSmallType ? ' small' : ''}`;
  const fill = textOn(isDown ? '#ffffff' : (colour ?? '#444444'));
  const star = n.isAbbreviated && isSeed ? outwardPoint(p, size, n.nodeR + 6) : null;
  return (
    <g className={isDown ? 'mb-node down' : 'mb-node'}>
      <title>{`${id}${isSeed ? ', seed' : ''}${isDown ? ', down' : ''}`}</title>
      <circle cx={p.x} cy={p.y} r={n.nodeR} fill={isDown ? '#fff' : colour} />
      {showLabel ? (
        <text x={label.x} y={label.y + (n.fontPx !== null ? n.fontPx * 0.36 : n.isSmallType ? 4 : 5)} textAnchor={label.anchor} className={labelClass} style={n.isNamedInside ? { fill, ...(n.fontPx !== null ? { fontSize: `${n.fontPx}px` } : {}) } : undefined}>
          {n.isAbbreviated ? n.names.get(id) : id}
          {isSeed && !n.isAbbreviated ? '★' : ''}
        </text>
      ) : null}
      {star ? (
        <text x={star.x} y={star.y + 4} textAnchor="middle" className="mb-node-star">
          ★
        </text>
      ) : null}
    </g>
  );
}

function Chord({ from, to, age, nodeR, size }: { from: CirclePoint | undefined; to: CirclePoint | undefined; age: number; nodeR: number; size: number }) {
  const d = from && to ? chordPath(from, to, size, nodeR) : null;
  if (!d) return null;
  return <path d={d} className="mb-chord" strokeOpacity={Math.max(0.25, 1 - age * 0.75)} markerEnd="url(#mb-arrow)" />;
}

/** Gossip messages on their way, placed by the display clock. */
function InFlight({ points, nodeR, size }: { points: ReadonlyMap<string, CirclePoint>; nodeR: number; size: number }) {
  const inFlight = useStore((s) => s.inFlight);
  const clockMs = useClock((s) => s.clockMs);
  const gossip = inFlight.filter((m: MessageView) => m.traffic === 'gossip');
  return (
    <g className="mb-in-flight">
      {gossip.map((m) => {
        const from = points.get(m.from);
        const to = points.get(m.to);
        const p = from && to ? chordPoint(from, to, size, nodeR, messageProgress(m, clockMs)) : null;
        return p ? <circle key={m.id} cx={p.x} cy={p.y} r={nodeR > 10 ? 7 : 4} className={m.type === 'gossip-reply' ? 'mb-msg reply' : 'mb-msg'} /> : null;
      })}
    </g>
  );
}
