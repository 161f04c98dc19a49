/**
 * Playback time (pure): where the display clock should be after `elapsedMs` of real time at
 * `speed` virtual milliseconds per real second, never running more than `maxLeadMs` of
 * virtual time ahead of what the engine has already computed (if the worker falls behind,
 * the picture waits for it instead of showing every message stuck at its destination).
 */
export interface PlaybackAnchor {
  /** Real time (performance.now) when playback started or last changed speed. */
  readonly wallMs: number;
  /** Virtual time at that moment. */
  readonly virtualMs: number;
  readonly speed: number;
}

export function playbackTarget(anchor: PlaybackAnchor, nowWallMs: number, computedUpToMs: number, maxLeadMs: number): number {
  const target = anchor.virtualMs + ((nowWallMs - anchor.wallMs) * anchor.speed) / 1000;
  // A frame's time stamp can be earlier than the moment Play was pressed: never backwards.
  return Math.max(anchor.virtualMs, Math.min(target, computedUpToMs + maxLeadMs));
}

/** A short ease for stepping: the clock glides from one event's time to the next. */
export function tween(from: number, to: number, t: number): number {
  if (t >= 1) return to; // exactly: from + (to − from) can miss `to` by a rounding step
  const k = Math.max(0, t);
  const eased = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
  return from + (to - from) * eased;
}

/** Whether the viewer asked for less motion: steps and lecture steps then jump rather than glide or play. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

// ---- the controller's playback timing ------------------------------------------------

/** How far ahead of the engine's last computed time the display clock may run, in real seconds of playback. */
export const MAX_LEAD_S = 0.25;
export const TWEEN_MS = 260;
/**
 * While playing, the panels take a new frame at most every this many milliseconds; messages
 * still move every animation frame (they follow the clock, not the frames). Under a heavy
 * load this keeps React's work per animation frame small.
 */
export const PLAYING_COMMIT_MS = 30;

/**
 * How many times faster than the chosen speed the clock runs: QUIET_BOOST in free play while
 * nothing the log shows is in flight and no background clients run, else 1. At 20 ms/s a
 * coordinator's 300 ms wait for a node that is down was 15 seconds of a still picture in
 * front of a class; now it passes in 1.5, and the clock slows again as soon as a message the
 * log shows is sent. A lecture's steps keep their own pace (Next plays each in at most 1.5 s).
 */
export function playbackBoost(state: { readonly isFreePlay: boolean; readonly workload: number; readonly speed: number; readonly isShownInFlight: boolean }): number {
  return state.isFreePlay && state.workload === 0 && state.speed <= BOOSTED_UP_TO && !state.isShownInFlight ? QUIET_BOOST : 1;
}

export const QUIET_BOOST = 10;
/** Speeds (virtual ms a second) a quiet stretch is boosted at: at real time a timeout passes in a blink anyway. */
const BOOSTED_UP_TO = 100;

/** The anchor at `speed` × `boost`: re-anchored where the clock stands when that changes, so the clock never jumps. */
export function boostedAnchor(anchor: PlaybackAnchor, nowWallMs: number, clockMs: number, speed: number, boost: number): PlaybackAnchor {
  return anchor.speed === speed * boost ? anchor : { wallMs: nowWallMs, virtualMs: clockMs, speed: speed * boost };
}

/**
 * Playing through a quiet stretch (playbackBoost): the anchor at the boosted speed, and the
 * clock's cap while boosted, the next event (the clock waits there until a frame shows it, so
 * a message it sends never flies by unseen between two frames).
 */
export function quietPlay(anchor: PlaybackAnchor, nowWallMs: number, clockMs: number, state: Parameters<typeof playbackBoost>[0] & { readonly nextEventMs: number | null }): { readonly anchor: PlaybackAnchor; readonly boost: number; readonly cap: number } {
  const boost = playbackBoost(state);
  return { anchor: boostedAnchor(anchor, nowWallMs, clockMs, state.speed, boost), boost, cap: boost > 1 ? Math.max(clockMs, state.nextEventMs ?? Infinity) : Infinity };
}
