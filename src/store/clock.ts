/**
 * The display clock: the virtual time the screen shows, which moves every animation frame
 * while playing. It has its own tiny store so only what draws moving things (messages in
 * flight, the time read-out) re-renders at 60 Hz (DESIGN §5).
 */
import { create } from 'zustand';

interface ClockState {
  readonly clockMs: number;
}

export const useClock = create<ClockState>(() => ({ clockMs: 0 }));

export function setClock(clockMs: number): void {
  if (useClock.getState().clockMs !== clockMs) useClock.setState({ clockMs });
}
