/**
 * The display clock: the virtual time the screen shows, which moves every animation frame
 * while playing. It has its own tiny store so only what draws moving things (messages in
 * flight, the time read-out) re-renders at 60 Hz (DESIGN §5).
 */
import { create } from 'zustand';

interface ClockState {
  readonly clockMs: number;
  /** How many times faster than the chosen speed playback runs now (playbackBoost): 1, or more through a quiet stretch. */
  readonly boost: number;
}

export const useClock = create<ClockState>(() => ({ clockMs: 0, boost: 1 }));

export function setBoost(boost: number): void {
  if (useClock.getState().boost !== boost) useClock.setState({ boost });
}

export function setClock(clockMs: number): void {
  if (useClock.getState().clockMs !== clockMs) useClock.setState({ clockMs });
}
