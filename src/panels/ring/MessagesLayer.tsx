/**
 * Messages in flight, each placed by its send and delivery times and the display clock
 * (DESIGN §3): nothing here animates on its own, so stepping back and scrubbing are exact.
 * This is the one part of the page that re-renders every animation frame while playing.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { useController } from '../../app/controller-context';
import type { MessageView } from '../../engine/index';
import { useClock } from '../../store/clock';
import { useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { useQuestionVeilFrom } from '../lectures/use-veils';
import { DOOMED, TRAFFIC_COLOUR } from '../../app/theme';
import { useTextMeasure } from '../../app/use-text-measure';
import { NamedTspans } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { messagePoint, messageProgress, type Anchor, type RingGeometry } from './ring-layout';
import { drawnMessageLabel, messageLabelBox, placeMessageLabelBoxes, shiftInside, type Box, type LabelPlace, type LabelSide } from './message-labels';
import { messageFate } from './message-fate';

/** Above this many messages, they are drawn as plain dots without labels or tab stops. */
const DETAILED_MAX = 24;

/**
 * At most this many dots: more cannot be told apart on a ring, and a crafted link with
 * 20,000 gossip rounds in flight (32,000 messages) kept the page inserting circles for minutes.
 */
const DRAWN_MAX = 2_000;

/** A message label's width before the page's font can be measured: 16 px bold. */
const estimateLabel = (text: string) => text.length * 9.6;

interface Props {
  readonly g: RingGeometry;
  readonly anchors: ReadonlyMap<string, Anchor>;
  /** The ring's own words (token and key labels), which message labels keep clear of. */
  readonly words: readonly Box[];
}

export const MessagesLayer = memo(function MessagesLayer({ g, anchors, words }: Props) {
  const all = useStore((s) => s.inFlight);
  // While a lecture's question waits, the step's own messages are not drawn: the copies of v3
  // lost at the cut answer "What happens to v3 if node1's disk fails?".
  const veilFrom = useQuestionVeilFrom();
  const hidden = useTraceMemo((index, upTo) => (veilFrom === null ? null : index.sentBetween(veilFrom, upTo)), [veilFrom]);
  // The log's kinds decide what the ring draws too, as they do for the space-time diagram:
  // gossip dots crossing the ring while the log listed no gossip left a student asking what they were.
  const filter = useStore((s) => s.logFilter);
  const inFlight = useMemo(() => {
    const isShown = (m: (typeof all)[number]) => filter[m.traffic] && (hidden === null || !hidden.has(m.id));
    return all.every(isShown) ? all : all.filter(isShown);
  }, [all, hidden, filter]);
  const clockMs = useClock((s) => s.clockMs);
  const openId = useStore((s) => s.messageMenu);
  const messageMenuOpened = useStore((s) => s.messageClicked);
  const controller = useController();
  const messageClicked = useCallback(
    (id: number) => {
      controller.pause();
      messageMenuOpened(id);
    },
    [controller, messageMenuOpened],
  );
  // Drawn only while the messages are few enough to name (isDetailed): read when it comes.
  const [probe, setProbe] = useState<SVGTextElement | null>(null);
  const measure = useTextMeasure(probe, estimateLabel);
  const isDetailed = inFlight.length <= DETAILED_MAX;
  const dotR = g.isDetailed ? 9 : 5;

  if (!isDetailed) {
    const onClick = (e: { target: EventTarget }) => {
      const id = (e.target as Element).getAttribute('data-msg');
      if (id !== null) messageClicked(Number(id));
    };
    return (
      <g className="messages many" onClick={onClick}>
        {/* The newest: the lecturer's own last action among a flood of older ones. */}
        {inFlight.slice(-DRAWN_MAX).map((m) => {
          const p = place(m, anchors, clockMs, g, dotR);
          return p ? <circle key={m.id} data-msg={m.id} cx={p.x} cy={p.y} r={dotR} fill={m.isDoomed ? '#fff' : TRAFFIC_COLOUR[m.traffic]} stroke={m.isDoomed ? DOOMED : '#fff'} strokeWidth={1.5} /> : null;
        })}
      </g>
    );
  }
  const placed = inFlight.flatMap((m) => {
    const p = place(m, anchors, clockMs, g, dotR);
    const end = place(m, anchors, Infinity, g, dotR);
    return p && end ? [{ m, x: p.x, y: p.y, end, labelWidth: measure(drawnMessageLabel(m.label)) }] : [];
  });
  const badges = [...anchors.values()].map((a) => ({ x: a.x, y: a.y, r: g.badgeRadius }));
  const opened = placed.findIndex((p) => p.m.id === openId);
  const places: readonly (LabelPlace | null)[] | null = g.isDetailed ? placeMessageLabelBoxes(placed, dotR, badges, g.width, g.height, words, opened) : null;
  // A crowded-out name shows on hover or focus, to the right of its dot: inside the panel too.
  const crowded = (p: (typeof placed)[number]) => ({ side: 'crowded' as const, ...shiftInside(messageLabelBox(p.x, p.y, dotR, p.labelWidth, 'right'), g.width, g.height) });
  return (
    <g className="messages">
      <text ref={setProbe} className="message-label" visibility="hidden" aria-hidden="true" />
      <Tracks placed={placed} />
      {placed.map((p, i) => (
        <Message key={p.m.id} m={p.m} x={p.x} y={p.y} r={dotR} isOpen={openId === p.m.id} label={places ? (places[i] ?? crowded(p)) : null} onClick={messageClicked} />
      ))}
    </g>
  );
});

/**
 * Where each message is going: a dashed line from its dot on to its receiver, ending in an
 * arrowhead, as the space-time diagram draws a message in flight. Paused between steps, bare
 * dots could not tell a write on its way to A from A's ack on its way back.
 */
function Tracks({ placed }: { placed: readonly { readonly m: MessageView; readonly x: number; readonly y: number; readonly end: { readonly x: number; readonly y: number } }[] }) {
  return (
    <g className="message-tracks" aria-hidden="true">
      {placed.map(({ m, x, y, end }) => {
        const length = Math.hypot(end.x - x, end.y - y);
        if (length < ARROW_PX) return null;
        const [ux, uy] = [(end.x - x) / length, (end.y - y) / length];
        const colour = m.isDoomed ? DOOMED : TRAFFIC_COLOUR[m.traffic];
        const [bx, by] = [end.x - ux * ARROW_PX, end.y - uy * ARROW_PX];
        const half = ARROW_PX / 2;
        return (
          <g key={m.id} stroke={colour} fill={colour}>
            <line x1={x} y1={y} x2={bx} y2={by} strokeWidth={2} strokeDasharray="5 4" />
            <path d={`M${end.x},${end.y}L${bx - uy * half},${by + ux * half}L${bx + uy * half},${by - ux * half}Z`} strokeWidth={1} />
          </g>
        );
      })}
    </g>
  );
}

/** The arrowhead's length on a message's track. */
const ARROW_PX = 10;

function place(m: MessageView, anchors: ReadonlyMap<string, Anchor>, clockMs: number, g: RingGeometry, dotR: number) {
  const from = anchors.get(m.from);
  const to = anchors.get(m.to);
  if (!from || !to) return null;
  return messagePoint(from, to, messageProgress(m, clockMs), g.badgeRadius + dotR, dotR + 2);
}

interface MessageProps {
  readonly m: MessageView;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly isOpen: boolean;
  /**
   * Where the label goes: its side, and how far it was moved to stay inside the panel; side
   * 'crowded' when there is no room for it (it shows to the right on hover or focus); null to
   * draw the dot alone.
   */
  readonly label: { readonly side: LabelSide | 'crowded'; readonly dx: number; readonly dy: number } | null;
  readonly onClick: (id: number) => void;
}

function Message({ m, x, y, r, isOpen, label, onClick }: MessageProps) {
  const colour = TRAFFIC_COLOUR[m.traffic];
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={`Message ${m.label} from ${m.from} to ${m.to}${m.isDoomed ? `, ${messageFate(m)}` : ''}`}
      className={`message ${m.traffic}${isOpen ? ' open' : ''}`}
      transform={`translate(${x} ${y})`}
      onClick={() => onClick(m.id)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onClick(m.id))}
    >
      {drawnMessageLabel(m.label) === m.label ? null : <title>{withIsolates(m.label)}</title>}
      <circle r={r + 6} fill="transparent" />
      <circle r={r} fill={m.isDoomed ? '#fff' : colour} stroke={m.isDoomed ? DOOMED : '#fff'} strokeWidth={m.isDoomed ? 3 : 2} strokeDasharray={m.isDoomed ? '3 2' : undefined} />
      {m.isDoomed ? <text y={5} textAnchor="middle" className="doomed-mark">✕</text> : null}
      {label ? <Label text={drawnMessageLabel(m.label)} side={label.side} dx={label.dx} dy={label.dy} r={r} /> : null}
    </g>
  );
}

function Label({ text, side, dx, dy, r }: { text: string; side: LabelSide | 'crowded'; dx: number; dy: number; r: number }) {
  const at = LABEL_AT[side === 'crowded' ? 'right' : side](r);
  return (
    <text x={at.x + dx} y={at.y + dy} textAnchor={at.textAnchor} className={side === 'crowded' ? 'message-label crowded' : 'message-label'}>
      <NamedTspans text={text} />
    </text>
  );
}

/** The text's position and anchor for each side (see `messageLabelBox`). */
const LABEL_AT: Record<LabelSide, (r: number) => { x: number; y: number; textAnchor: 'start' | 'middle' | 'end' }> = {
  right: (r) => ({ x: r + 5, y: 5, textAnchor: 'start' }),
  left: (r) => ({ x: -r - 5, y: 5, textAnchor: 'end' }),
  above: (r) => ({ x: 0, y: -r - 5, textAnchor: 'middle' }),
  below: (r) => ({ x: 0, y: r + 14, textAnchor: 'middle' }),
  'above-right': (r) => ({ x: -r, y: -r - 5, textAnchor: 'start' }),
  'above-left': (r) => ({ x: r, y: -r - 5, textAnchor: 'end' }),
  'below-right': (r) => ({ x: -r, y: r + 14, textAnchor: 'start' }),
  'below-left': (r) => ({ x: r, y: r + 14, textAnchor: 'end' }),
};
