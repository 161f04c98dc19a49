/**
 * The header's settings for a session opened from a link or a file, so the header shows
 * the cluster that is running: "Opened scenario" with its N, R, W and seed. Changing N, R,
 * W or the seed then starts a new session on the same cluster.
 */
import type { Session } from '../worker/protocol';
import type { SessionSettings } from '../store/store';

export function settingsOf(session: Pick<Session, 'seed' | 'config'>): SessionSettings {
  const { n, r, w } = session.config;
  return { preset: 'opened', n, r, w, seed: session.seed, config: session.config };
}
