/**
 * The header's settings for a session opened from a link or a file, so the header shows
 * the cluster that is running. A session of a built-in cluster (the teaching ring, the MD5
 * ring of any size the header offers) names it, as the page that shared it did; any other
 * is "Opened scenario" with its N, R, W and seed, and the session's title, if it has one.
 * Changing N, R, W or the seed then starts a new session on the same cluster.
 */
import type { ClusterConfig } from '../engine/index';
import type { Session } from '../worker/protocol';
import type { PresetId, SessionSettings } from '../store/store';
import { configFor, resized } from '../panels/session/session-config';

export function settingsOf(session: Pick<Session, 'seed' | 'config'> & Partial<Pick<Session, 'actions' | 'title'>>): SessionSettings {
  const { n, r, w } = session.config;
  const seed = session.seed;
  const builtIn = builtInCluster(session, { preset: 'teaching', n, r, w, seed });
  const title = session.title !== undefined ? { title: session.title } : {};
  return builtIn ? { ...builtIn, ...title } : { preset: 'opened', n, r, w, seed, config: session.config, ...title };
}

/**
 * The settings of the built-in cluster whose configuration the session's is, if any: the
 * teaching ring, or the MD5 ring of the session's size (32 × 8 without a config, as before
 * sizes could be chosen), told from the MD5 ring with its keys written first by those keys.
 */
function builtInCluster(session: Pick<Session, 'seed' | 'config'> & Partial<Pick<Session, 'actions'>>, teaching: SessionSettings): SessionSettings | null {
  const config = canonical(session.config);
  if (config === canonical(configFor(teaching))) return teaching;
  const first = session.actions?.[0];
  const preset: PresetId = first && 'input' in first && first.background && first.input.type === 'put' && first.input.key === 'user:1' ? 'md5-32-keys' : 'md5-32';
  const md5 = sizedAsMd5(session.config, { ...teaching, preset });
  return md5 !== null && config === canonical(configFor(md5)) ? md5 : null;
}

/** The MD5 ring of the size `config` has (its node count, its tokens per node), if the header offers that size. */
function sizedAsMd5(config: ClusterConfig, settings: SessionSettings): SessionSettings | null {
  if (config.tokensPerNode === undefined) return null;
  const made = resized(settings, { nodeCount: config.nodes.length, tokensPerNode: config.tokensPerNode });
  return made.ok ? made.settings : null;
}

/** JSON with every object's keys in order: two configurations written in different orders (a hand-edited link) compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
