/**
 * A link or file of a built-in cluster opens under that cluster's name in the header, as
 * the page that made it showed it; any other cluster is "Opened scenario".
 */
import { describe, expect, it } from 'vitest';
import { sessionFor } from '../panels/session/session-config';
import type { PresetId } from '../store/store';
import { restoreSession } from './restore';
import { settingsOf } from './settings-of';

/** A session as the page makes it for these settings, through JSON and the link's validator, as a link or file arrives. */
function arriving(preset: PresetId, n = 3, r = 2, w = 2, seed = 42) {
  const made = sessionFor({ preset, n, r, w, seed });
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
