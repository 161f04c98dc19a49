/**
 * The selected key's preference-list walk, drawn clockwise one token at a time: numbered
 * stops for the top N, F1… for fallbacks, and "skip" where a token's node was already chosen.
 */
import { useEffect, useMemo, useState } from 'react';
import type { KeyView } from '../../engine/index';
import { useReducedMotion } from '../../app/use-size';
import { WALK_KEY_CHAR_PX, polar, walkMarks, angleOf, wholeKey, type Point, type RingGeometry } from './ring-layout';
import { type TokenMark } from './token-labels';
import { placeKeyLabel } from './key-labels';
import { KeyName } from './RingLayers';
import { useIsVeiled } from '../lectures/use-veils';

/** Time per stop of a short walk, slow enough to follow the walk clockwise. */
const STEP_MS = 380;
/** A long walk (many skips and fallbacks) is drawn faster, so it is whole within this time. */
const WALK_MAX_MS = 2000;

/**
 * The walk last drawn (or being drawn): drawn again, on the Ring tab chosen again or the panel
 * widened, it is shown whole at once. Drawn stop by stop each time, the class looking at the
 * three replicas a moment before saw one for two seconds after every return to the ring.
 */
let walkDrawn: string | null = null;

/**
 * Whether a lecture's question veils the walk. While one does, the walk drawn is forgotten: once
 * answered it is drawn stop by stop again, even the walk drawn
 * before the question (lecture 004's walk is the answer, and a class that went Previous then Next
 * saw it appear whole).
 */
export function useIsWalkVeiled(): boolean {
  const isVeiled = useIsVeiled();
  useEffect(() => {
    if (isVeiled) walkDrawn = null;
  }, [isVeiled]);
  return isVeiled;
}

export function WalkLayer({ keyView, g, ringSize, isTeaching, badges }: { keyView: KeyView; g: RingGeometry; ringSize: number; isTeaching: boolean; badges: readonly Point[] }) {
  const maxFallbacks = isTeaching ? 8 : 2;
  const scale = isTeaching ? 1 : 0.8;
  const marks = useMemo(() => walkMarks(keyView.walk, keyView.position, ringSize, g, maxFallbacks, badges), [keyView.walk, keyView.position, ringSize, g, maxFallbacks, badges]);
  const isReduced = useReducedMotion();
  const walkId = `${keyView.key}|${keyView.walk.map((s) => s.tokenIndex).join(',')}`;
  const [shown, setShown] = useState(() => ({ walkId, count: walkDrawn === walkId ? Infinity : 0 }));
  const count = isReduced ? marks.length : shown.walkId === walkId ? Math.min(shown.count, marks.length) : 0;
  const isWhole = count >= marks.length;

  useEffect(() => {
    if (isReduced) return;
    walkDrawn = walkId;
    if (isWhole) return;
    let n = 0;
    const timer = window.setInterval(() => {
      n++;
      setShown({ walkId, count: n });
      if (n >= marks.length) window.clearInterval(timer);
    }, Math.min(STEP_MS, WALK_MAX_MS / Math.max(1, marks.length)));
    return () => window.clearInterval(timer);
    // isWhole turns true only as the drawing ends, and false only with a new walk: it never restarts one.
  }, [walkId, marks.length, isReduced, isWhole]);

  return (
    <g className="walk" aria-hidden="true">
      {marks.slice(0, count).map((m, i) => (
        <path key={`a${i}`} d={m.arcPath} transform={`translate(${g.cx} ${g.cy})`} className={`walk-arc ${m.step.role}`} />
      ))}
      {g.isDetailed
        ? null
        : marks.slice(0, count).map((m, i) => <line key={`l${i}`} x1={m.token.x} y1={m.token.y} x2={m.marker.x} y2={m.marker.y} className="walk-leader" />)}
      {marks.slice(0, count).map((m, i) => (
        <g key={`m${i}`} transform={`translate(${m.marker.x} ${m.marker.y})`} className={`walk-stop ${m.step.role}`}>
          <circle r={(m.label === 'skip' ? 11 : 14) * scale} />
          <text y={m.label === 'skip' ? 4 : 5} textAnchor="middle" style={{ fontSize: 15 * scale }}>
            {m.label === 'skip' ? '✕' : m.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * The selected key where it hashes, and on the teaching ring its name: drawn over the walk,
 * and also while a lecture's question about the walk waits. The walk is the answer; where the
 * key sits is the question (lecture 004: "walk clockwise from the row"), and with the marker
 * drawn by the walk the row vanished from the ring at every "which nodes hold it?".
 */
export function KeyMarker({ keyView, g, ringSize, isTeaching, tokens }: { keyView: KeyView; g: RingGeometry; ringSize: number; isTeaching: boolean; tokens: readonly TokenMark[] }) {
  const keyAngle = angleOf(keyView.position, ringSize);
  const keyPoint = polar(g, keyAngle, g.radius);
  // Placed as the other keys' names are (KeysLayer), in the walk's larger type.
  const label = isTeaching ? placeKeyLabel(keyView.key, keyAngle, WALK_KEY_CHAR_PX, tokens, g) : null;
  return (
    <g className="walk" aria-hidden="true">
      <g transform={`translate(${keyPoint.x} ${keyPoint.y})`} className="walk-key">
        {/* The whole key on hover: its name beside the ring may be cut ("xxxx…"). */}
        <title>{wholeKey(keyView.key)}</title>
        <rect x={-9} y={-9} width={18} height={18} transform="rotate(45)" />
      </g>
      {/* On the crowded MD5 ring the key is named in the middle instead (RingCaption); a name with no clear place is not written (KeyLabel.isClear). */}
      {label?.isClear ? <KeyName label={label} className="walk-key-label" /> : null}
    </g>
  );
}
