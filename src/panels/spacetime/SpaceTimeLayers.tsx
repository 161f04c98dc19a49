/**
 * The diagram's SVG pieces. Each item is memoised on primitive props in content
 * coordinates (spacetime-scene.ts), so scrolling re-renders none of them; only a message
 * in flight moves each frame.
 */
import { memo, useMemo, type KeyboardEvent } from 'react';
import { DOOMED, TRAFFIC_COLOUR, textOn } from '../../app/theme';
import type { TrafficClass } from '../../engine/index';
import { shortNodeNames } from '../../app/node-names';
import { NamedTspans } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { arrowName, laneHeads, lineUnderName, opName, versionMarkName, type ArrowGeometry, type Outcome } from './spacetime-layout';
import { LABEL_PX, type Scene, type SceneArrow, type SceneOp, type SceneVersion } from './spacetime-scene';
import { FAULT_CHAR_PX } from './spacetime-places';
import { fitText, perChar } from '../versions/versions-layout';

export const OUTCOME_COLOUR: Readonly<Record<Outcome, string>> = { ok: '#1b7f3b', siblings: '#e69f00', failed: '#c00000', pending: '#8a8a8a' };
const OUTCOME_GLYPH: Readonly<Record<Outcome, string>> = { ok: '✓', siblings: '⚠', failed: '✗', pending: '' };
const TRAFFIC: readonly TrafficClass[] = ['client', 'replication', 'handoff', 'gossip', 'anti-entropy', 'membership'];

type Jump = (seq: number) => void;

/** Enter on a focused item jumps like a click (Space is the page's play shortcut). */
function onEnter(jump: Jump, seq: number) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    jump(seq);
  };
}

export function ArrowMarkers() {
  return (
    <defs>
      {TRAFFIC.map((c) => (
        <marker key={c} id={`st-head-${c}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={TRAFFIC_COLOUR[c]} />
        </marker>
      ))}
      <pattern id="st-waiting" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff" />
        <rect width="3" height="6" fill={OUTCOME_COLOUR.pending} />
      </pattern>
    </defs>
  );
}

export function LaneHeaders({ ids, x, colours, laneWidth }: { ids: readonly string[]; x: ReadonlyMap<string, number>; colours: ReadonlyMap<string, string>; laneWidth: number }) {
  const heads = useMemo(() => laneHeads(ids, shortNodeNames(ids), laneWidth), [ids, laneWidth]);
  return (
    <g className="st-lane-heads">
      {heads.map(({ id, text, fontPx, width: w }) => {
        const colour = colours.get(id) ?? '#444';
        const cx = x.get(id)!;
        return (
          <g key={id} transform={`translate(${cx},0)`}>
            {text === id ? null : <title>{id}</title>}
            <rect x={-w / 2} y={2} width={w} height={24} rx={5} fill={colour} stroke="#222" strokeWidth={1.5} />
            <text y={14 + fontPx / 3} textAnchor="middle" fill={textOn(colour)} className="st-lane-id" style={fontPx === 15 ? undefined : { fontSize: `${fontPx}px` }}>
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function LaneLines({ ids, x, colours, top, bottom }: { ids: readonly string[]; x: ReadonlyMap<string, number>; colours: ReadonlyMap<string, string>; top: number; bottom: number }) {
  return (
    <g className="st-lanes" aria-hidden="true">
      {ids.map((id) => (
        <line key={id} x1={x.get(id)} x2={x.get(id)} y1={top} y2={bottom} stroke={colours.get(id) ?? '#888'} strokeWidth={3} strokeOpacity={0.55} />
      ))}
    </g>
  );
}

/** A lane is dashed while its node is down (red when destroyed). */
export function DownLines({ downs }: { downs: Scene['downs'] }) {
  return (
    <g className="st-downs" aria-hidden="true">
      {downs.map((d) => (
        <g key={`${d.node}:${d.y1}`}>
          <line x1={d.x} x2={d.x} y1={d.y1} y2={d.y2} stroke="#fff" strokeWidth={5} />
          <line x1={d.x} x2={d.x} y1={d.y1} y2={d.y2} stroke={d.isDestroyed ? DOOMED : '#555'} strokeWidth={3} strokeDasharray="6 5" />
        </g>
      ))}
    </g>
  );
}

interface ArrowProps {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly state: SceneArrow['state'];
  readonly traffic: TrafficClass;
  readonly name: string;
  readonly text: string;
  readonly target: number;
  readonly isCurrent: boolean;
  readonly labelX: number | null;
  readonly labelY: number | null;
  /** Degrees the name is turned to lie along the arrow. */
  readonly labelAngle: number;
  readonly isSelf: boolean;
  /** In flight: where it is due (dashed), as `ArrowGeometry.due`. */
  readonly due: ArrowGeometry['due'];
  readonly onJump: Jump;
}

export const ArrowItem = memo(function ArrowItem(p: ArrowProps) {
  const colour = TRAFFIC_COLOUR[p.traffic];
  // A message to itself is a small loop to the right of its lane.
  const d = p.isSelf ? `M${p.x1},${p.y1} C${p.x1 + 26},${p.y1} ${p.x2 + 26},${p.y2} ${p.x2},${p.y2}` : `M${p.x1},${p.y1} L${p.x2},${p.y2}`;
  // A name along its arrow hides the line between its words too, where the letters' halo does not reach.
  const under = p.labelX !== null && p.labelY !== null && !p.isSelf ? lineUnderName(p, p.labelX, p.labelY, p.labelAngle, p.text, LABEL_PX) : null;
  return (
    <g className={`st-arrow ${p.state}${p.isCurrent ? ' current' : ''}`} role="button" tabIndex={0} aria-label={p.name} aria-current={p.isCurrent ? 'step' : undefined} onClick={() => p.onJump(p.target)} onKeyDown={onEnter(p.onJump, p.target)}>
      <title>{withIsolates(p.name)}</title>
      <path className="st-hit" d={d} />
      <path d={d} fill="none" stroke={colour} strokeWidth={p.isCurrent ? 4 : 2.2} markerEnd={p.state === 'delivered' ? `url(#st-head-${p.traffic})` : undefined} />
      {p.due ? <path className="st-due" d={`M${p.x2},${p.y2} L${p.due.x},${p.due.y}`} fill="none" stroke={colour} strokeWidth={2} strokeDasharray="5 5" markerEnd={`url(#st-head-${p.traffic})`} /> : null}
      {p.state === 'in-flight' ? <circle cx={p.x2} cy={p.y2} r={5} fill={colour} stroke="#fff" strokeWidth={1.5} /> : null}
      {p.state === 'dropped' ? <path d={`M${p.x2 - 6},${p.y2 - 6} L${p.x2 + 6},${p.y2 + 6} M${p.x2 - 6},${p.y2 + 6} L${p.x2 + 6},${p.y2 - 6}`} stroke={DOOMED} strokeWidth={3.5} strokeLinecap="round" /> : null}
      {under ? <path d={`M${under.x1},${under.y1} L${under.x2},${under.y2}`} stroke="#fff" strokeWidth={6} /> : null}
      {p.labelX !== null && p.labelY !== null ? (
        <text x={p.labelX} y={p.labelY + LABEL_PX * 0.35} textAnchor="middle" className="st-label" fill={colour} {...(p.labelAngle !== 0 ? { transform: `rotate(${p.labelAngle.toFixed(1)} ${p.labelX} ${p.labelY})` } : {})}>
          <NamedTspans text={p.text} />
        </text>
      ) : null}
    </g>
  );
});

export function arrowProps(s: SceneArrow, onJump: Jump): ArrowProps {
  return {
    x1: s.x1,
    y1: s.y1,
    x2: s.x2,
    y2: s.y2,
    state: s.state,
    traffic: s.a.traffic,
    name: arrowName(s.a, s.state),
    text: s.a.label,
    target: s.target,
    isCurrent: s.isCurrent,
    labelX: s.label?.x ?? null,
    labelY: s.label?.y ?? null,
    labelAngle: s.label?.angleDeg ?? 0,
    isSelf: s.a.from === s.a.to,
    due: s.due,
    onJump,
  };
}

interface OpProps {
  readonly outcome: Outcome;
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
  readonly name: string;
  readonly target: number;
  readonly isCurrent: boolean;
  /** A forwarded request, once taken: where the span goes on (the coordinator's lane) and from when. */
  readonly takenX: number | null;
  readonly takenY: number | null;
  readonly labelX: number | null;
  readonly labelY: number | null;
  readonly labelText: string | null;
  readonly glyphX: number | null;
  readonly glyphY: number | null;
  readonly onJump: Jump;
}

export const OpItem = memo(function OpItem(p: OpProps) {
  const fill = p.outcome === 'pending' ? 'url(#st-waiting)' : OUTCOME_COLOUR[p.outcome];
  return (
    <g className={`st-op ${p.outcome}${p.isCurrent ? ' current' : ''}`} role="button" tabIndex={0} aria-label={p.name} aria-current={p.isCurrent ? 'step' : undefined} onClick={() => p.onJump(p.target)} onKeyDown={onEnter(p.onJump, p.target)}>
      <title>{withIsolates(p.name)}</title>
      {p.takenX !== null && p.takenY !== null ? (
        <>
          {/* Forwarded: the client's request waits at the node it asked until the forward reaches the coordinator, then there, which answers it. */}
          <rect x={p.x - 5} y={p.y1} width={10} height={Math.max(2, p.takenY - p.y1)} rx={3} fill={fill} stroke="#222" strokeWidth={p.isCurrent ? 2.5 : 1} />
          <rect x={p.takenX - 5} y={p.takenY} width={10} height={Math.max(2, p.y2 - p.takenY)} rx={3} fill={fill} stroke="#222" strokeWidth={p.isCurrent ? 2.5 : 1} />
        </>
      ) : (
        <rect x={p.x - 5} y={p.y1} width={10} height={Math.max(2, p.y2 - p.y1)} rx={3} fill={fill} stroke="#222" strokeWidth={p.isCurrent ? 2.5 : 1} />
      )}
      {p.labelX !== null && p.labelY !== null ? (
        <text x={p.labelX} y={p.labelY + LABEL_PX * 0.35} textAnchor="middle" className="st-label st-op-label">
          {p.labelText !== null ? <NamedTspans text={p.labelText} /> : null}
        </text>
      ) : null}
      {OUTCOME_GLYPH[p.outcome] && p.glyphX !== null && p.glyphY !== null ? (
        <text x={p.glyphX} y={p.glyphY + 6} textAnchor="middle" className="st-glyph" fill={OUTCOME_COLOUR[p.outcome]}>
          {OUTCOME_GLYPH[p.outcome]}
        </text>
      ) : null}
    </g>
  );
});

export function opProps(s: SceneOp, onJump: Jump): OpProps {
  return { outcome: s.outcome, x: s.x, y1: s.y1, y2: s.y2, name: opName(s.op, s.outcome), target: s.target, isCurrent: s.isCurrent, takenX: s.taken?.x ?? null, takenY: s.taken?.y ?? null, labelX: s.label?.x ?? null, labelY: s.label?.y ?? null, labelText: s.label?.text ?? null, glyphX: s.glyph?.x ?? null, glyphY: s.glyph?.y ?? null, onJump };
}

interface VersionProps {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly name: string;
  readonly seq: number;
  readonly isCurrent: boolean;
  readonly labelX: number | null;
  readonly labelY: number | null;
  readonly onJump: Jump;
}

export const VersionItem = memo(function VersionItem(p: VersionProps) {
  return (
    <g className={`st-version${p.isCurrent ? ' current' : ''}`} role="img" aria-label={p.name} onClick={() => p.onJump(p.seq)}>
      <title>{withIsolates(p.name)}</title>
      <rect x={p.x - 6} y={p.y - 6} width={12} height={12} transform={`rotate(45 ${p.x} ${p.y})`} fill="#111" stroke="#fff" strokeWidth={2} />
      {p.labelX !== null && p.labelY !== null ? (
        <text x={p.labelX} y={p.labelY + LABEL_PX * 0.35} textAnchor="middle" className="st-label st-clock">
          <NamedTspans text={p.text} />
        </text>
      ) : null}
    </g>
  );
});

export function versionProps(s: SceneVersion, onJump: Jump): VersionProps {
  return { x: s.x, y: s.y, text: s.text, name: versionMarkName(s.v), seq: s.v.seq, isCurrent: s.isCurrent, labelX: s.label?.x ?? null, labelY: s.label?.y ?? null, onJump };
}

/**
 * A fault's words in `room` px from `x` (their box's left edge, or its right with `anchor` end):
 * squeezed a little, else cut with "…"; the `whole` text (a split's groups too) stays in its tooltip.
 */
function FaultLabel({ x, y, room, text, whole, anchor = 'start' }: { x: number; y: number; room: number; text: string; whole: string; anchor?: 'start' | 'end' }) {
  const fit = fitText(text, Math.max(0, room), perChar(FAULT_CHAR_PX), 0.85);
  return (
    <text x={x} y={y} textAnchor={anchor} className="st-label st-fault" {...(fit.squeeze < 1 ? { textLength: perChar(FAULT_CHAR_PX)(text) * fit.squeeze, lengthAdjust: 'spacingAndGlyphs' } : {})}>
      {fit.text !== whole ? <title>{whole}</title> : null}
      {fit.text}
    </text>
  );
}

/**
 * The faults: `marks` (their lines, under the messages) or `words` (over them, where the scene
 * found them a place clear of the messages: a message sent at a failure's instant ran its arrow
 * through "node2 failed"). A mark whose words have no such place is named by its tooltip and
 * to a screen reader.
 */
export function FaultMarks({ faults, width, part }: { faults: Scene['faults']; width: number; part: 'marks' | 'words' }) {
  return (
    <g className={part === 'marks' ? 'st-faults' : 'st-fault-words'}>
      {faults.map(({ f, x, y, text, words }) => {
        if (part === 'marks') {
          const name = words ? {} : { role: 'img', 'aria-label': text };
          return (
            <g key={f.seq} {...name}>
              {words ? null : <title>{text}</title>}
              {x === null ? <line x1={0} x2={width} y1={y} y2={y} stroke={DOOMED} strokeWidth={2} strokeDasharray="8 5" /> : <line x1={x - 14} x2={x + 14} y1={y} y2={y} stroke={DOOMED} strokeWidth={4} />}
            </g>
          );
        }
        if (!words) return null;
        const baseline = words.y + LABEL_PX * 0.35;
        // Left of its node's mark, the words end by the mark.
        const isLeft = x !== null && words.x < x;
        return <FaultLabel key={f.seq} x={isLeft ? words.x + words.width : words.x} y={baseline} room={words.width} text={words.text} whole={text} anchor={isLeft ? 'end' : 'start'} />;
      })}
    </g>
  );
}

/** The cursor: a line across the lanes at the display clock, and a ring on the current event (of a kind shown: the log's). */
export function CursorLine({ y, width, current }: { y: number; width: number; current: { x: number; y: number } | null }) {
  return (
    <g className="st-cursor" aria-hidden="true">
      <line x1={0} x2={width} y1={y} y2={y} />
      {current ? <circle cx={current.x} cy={current.y} r={11} /> : null}
    </g>
  );
}

