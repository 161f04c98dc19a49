/**
 * The header's settings for a session opened from a link or a file, so the header shows
 * the cluster that is running: its N, R, W and seed, and which kind of ring it is on.
 */
import type { Session } from '../worker/protocol';
import type { SessionSettings } from '../store/store';

export function settingsOf(session: Pick<Session, 'seed' | 'config'>): SessionSettings {
  const { n, r, w, ringSize } = session.config;
  return { preset: ringSize === undefined ? 'md5-32' : 'teaching', n, r, w, seed: session.seed };
}
