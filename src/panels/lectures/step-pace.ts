/**
 * How long a lecture step takes to play when the lecturer presses Next: the pacing the
 * lecture store applies, kept pure so the lecture tests can check that what a step asks the
 * class to watch stays on screen long enough to be seen.
 */

/**
 * The longest and shortest a step takes to play, in real milliseconds; past `most` and a
 * little `grace`, it goes to its end (a step ending in a quiet wait: its last event comes
 * early, and the clock would crawl on through the rest).
 */
export const STEP_PLAY_MS = { most: 1500, least: 500, grace: 200 } as const;

/**
 * Real milliseconds a step of `durationMs` virtual milliseconds (from where the clock stands
 * to the step's last event) takes to play: at the page's `speed` (virtual ms per second) when
 * that takes at most 1.5 s, else faster, so that no step keeps a class waiting (a wait of
 * five seconds for gossip still plays in 1.5 s), and never in less than half a second.
 */
export function stepPlayWallMs(durationMs: number, speed: number): number {
  return Math.min(STEP_PLAY_MS.most, Math.max(STEP_PLAY_MS.least, (durationMs / speed) * 1000));
}
