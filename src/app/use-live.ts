/**
 * Status lines that follow the playback (hints held, whether the views agree, a Merkle
 * comparison's stage) speak only while it stands still. Playing, they changed at every frame,
 * and a screen reader read each change out over the step announcer, which says what each
 * step did, and nothing while playing (README).
 */
import { useStore } from '../store/store';

/** `aria-live` for such a line: its role's own "polite" while paused, "off" while playing. */
export function useLiveWhenPaused(): 'polite' | 'off' {
  return useStore((s) => s.isPlaying) ? 'off' : 'polite';
}
