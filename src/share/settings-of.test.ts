/**
 * A link or file of a built-in cluster opens under that cluster's name in the header, as
 * the page that made it showed it; any other cluster is "Opened scenario".
 */
import { describe, expect, it } from 'vitest';
import { resized, ringSizeOf, sessionFor } from '../panels/session/session-config';
import type { PresetId, SessionSettings } from '../store/store';
import { restoreSession } from './restore';
import { settingsOf } from './settings-of';

/** A session as the page makes it for these settings, through JSON and the link's validator, as a link or file arrives. */
function arriving(preset: PresetId, n = 3, r = 2, w = 2, seed = 42) {
  return arrivingAs({ preset, n, r, w, seed });
}

function arrivingAs(settings: SessionSettings) {
  const made = sessionFor(settings);
  if (!made.ok) throw new Error(made.message);
  const restored = restoreSession(JSON.parse(JSON.stringify(made.session)));
  if (!restored.ok) throw new Error(restored.error);
  return restored.session;
}

describe('the header for an opened session', () => {
  it.each<PresetId>(['teaching', 'md5-32', 'md5-32-keys'])('names the built-in cluster %s', (preset) => {
    expect(settingsOf(arriving(preset))).toEqual({ preset, n: 3, r: 2, w: 2, seed: 42 });
    expect(settingsOf(arriving(preset, 2, 1, 1, 7))).toEqual({ preset, n: 2, r: 1, w: 1, seed: 7 });
  });

  it('opens a link made before sizes could be chosen (32 nodes × 8 tokens, written by hand here) as the MD5 ring, as it did', () => {
    const nodes = Array.from({ length: 32 }, (_, i) => ({ id: `n${i + 1}` }));
    const config = { n: 3, r: 2, w: 2, nodes, tokensPerNode: 8 };
    expect(settingsOf({ seed: 7, config, actions: [] })).toEqual({ preset: 'md5-32', n: 3, r: 2, w: 2, seed: 7 });
    const keys = [{ input: { type: 'put' as const, key: 'user:1', value: 'v1' }, background: true as const }];
    expect(settingsOf({ seed: 7, config, actions: keys })).toEqual({ preset: 'md5-32-keys', n: 3, r: 2, w: 2, seed: 7 });
  });

  it.each<[PresetId, number, number]>([
    ['md5-32', 6, 2],
    ['md5-32', 1, 1],
    ['md5-32', 32, 64],
    ['md5-32-keys', 6, 2],
    ['md5-32-keys', 512, 128],
  ])('names the MD5 ring of another size as the header chose it: %s, %i nodes × %i tokens', (preset, nodeCount, tokensPerNode) => {
    const chosen = resized({ preset, n: 1, r: 1, w: 1, seed: 9 }, { nodeCount, tokensPerNode });
    if (!chosen.ok) throw new Error(chosen.message);
    const settings = settingsOf(arrivingAs(chosen.settings));
    expect(settings).toEqual(chosen.settings);
    expect(ringSizeOf(settings)).toEqual({ nodeCount, tokensPerNode });
  });

  it('opens a ring of 6 nodes × 2 tokens from a link, written by hand here, as the MD5 ring with that size, not as "Opened scenario"', () => {
    const config = { n: 3, r: 2, w: 1, nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id) => ({ id })), tokensPerNode: 2 };
    const settings = settingsOf({ seed: 5, config, actions: [] });
    expect(settings).toMatchObject({ preset: 'md5-32', n: 3, r: 2, w: 1, seed: 5 });
    expect(ringSizeOf(settings)).toEqual({ nodeCount: 6, tokensPerNode: 2 });
    // Not an MD5 ring of the header's: other ids, or another setting besides its size.
    expect(settingsOf({ seed: 5, config: { ...config, nodes: config.nodes.map(({ id }) => ({ id: id.toUpperCase() })) } }).preset).toBe('opened');
    expect(settingsOf({ seed: 5, config: { ...config, strategy: 2 } }).preset).toBe('opened');
    expect(settingsOf({ seed: 5, config: { n: 3, r: 2, w: 1, nodes: config.nodes } }).preset).toBe('opened');
  });

  it('calls any other cluster "opened", keeping its configuration', () => {
    const session = arriving('teaching');
    const other = { ...session, config: { ...session.config, nodes: session.config.nodes.slice(0, 3) } };
    expect(settingsOf(other)).toMatchObject({ preset: 'opened', config: other.config });
  });

  it("keeps the session's title, on a built-in cluster and on any other, and adds none when it has none", () => {
    const session = arriving('teaching');
    expect(settingsOf({ ...session, title: 'Two carts' })).toEqual({ preset: 'teaching', n: 3, r: 2, w: 2, seed: 42, title: 'Two carts' });
    const other = { ...session, config: { ...session.config, nodes: session.config.nodes.slice(0, 3) }, title: 'Three nodes' };
    expect(settingsOf(other)).toMatchObject({ preset: 'opened', title: 'Three nodes' });
    expect(settingsOf(session)).not.toHaveProperty('title');
  });
});
