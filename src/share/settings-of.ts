/**
 * The header's settings for a session opened from a link or a file, so the header shows
 * the cluster that is running. A session of a built-in cluster (the teaching ring, the MD5
 * ring) names it, as the page that shared it did; any other is "Opened scenario" with its
 * N, R, W and seed, and the session's title, if it has one. Changing N, R, W or the seed
 * then starts a new session on the same cluster.
 */
import type { Session } from '../worker/protocol';
import type { PresetId, SessionSettings } from '../store/store';
import { configFor } from '../panels/session/session-config';

export function settingsOf(session: Pick<Session, 'seed' | 'config'> & Partial<Pick<Session, 'actions' | 'title'>>): SessionSettings {
  const { n, r, w } = session.config;
  const seed = session.seed;
  const preset = builtInPreset(session, n, r, w);
  const title = session.title !== undefined ? { title: session.title } : {};
  return preset ? { preset, n, r, w, seed, ...title } : { preset: 'opened', n, r, w, seed, config: session.config, ...title };
}

/** The built-in cluster whose configuration the session's is, if any (the MD5 ring with its keys written first is told by them). */
function builtInPreset(session: Pick<Session, 'seed' | 'config'> & Partial<Pick<Session, 'actions'>>, n: number, r: number, w: number): PresetId | null {
  const config = canonical(session.config);
  if (config === canonical(configFor({ preset: 'teaching', n, r, w, seed: session.seed }))) return 'teaching';
  if (config !== canonical(configFor({ preset: 'md5-32', n, r, w, seed: session.seed }))) return null;
  const first = session.actions?.[0];
  return first && 'input' in first && first.background && first.input.type === 'put' && first.input.key === 'user:1' ? 'md5-32-keys' : 'md5-32';
}

/** JSON with every object's keys in order: two configurations written in different orders (a hand-edited link) compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
