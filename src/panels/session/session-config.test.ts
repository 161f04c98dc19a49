import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { configFor, lectureCluster, parseSeed, presetChoices, presetOf, quorumExplanation, sessionFor } from './session-config';
import { loadLecture } from '../../lectures/index';
import { settingsOf } from '../../share/settings-of';

describe('session settings', () => {
  it('starts lecture 000’s ring by default, the one the worker starts with', () => {
    const checked = sessionFor({ preset: 'teaching', n: 3, r: 2, w: 2, seed: DEFAULT_SEED });
    expect(checked).toEqual({ ok: true, session: { seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [] } });
  });

  it('builds the MD5 ring of 32 nodes × 8 tokens, and writes 2,000 keys for the busy preset', () => {
    const config = configFor({ preset: 'md5-32', n: 3, r: 2, w: 2, seed: 1 });
    expect(config.nodes).toHaveLength(32);
    expect(config.ringSize).toBeUndefined();
    expect(config.tokensPerNode).toBe(8);
    const busy = sessionFor({ preset: 'md5-32-keys', n: 3, r: 2, w: 2, seed: 1 });
    expect(busy.ok && busy.session.actions).toHaveLength(2000);
  });

  it('refuses what the scenario validator refuses, in the page’s own words', () => {
    expect(sessionFor({ preset: 'teaching', n: 3, r: 4, w: 2, seed: 1 })).toEqual({
      ok: false,
      field: 'settings',
      message: 'R (4) is greater than N (3): a read cannot wait for more replies than there are replicas',
    });
    expect(sessionFor({ preset: 'teaching', n: 5, r: 2, w: 2, seed: 1 })).toMatchObject({ ok: false, message: expect.stringContaining('more than the 4 nodes') });
  });

  it('refuses a seed that is not a whole number in range, naming the seed, and reads an empty field as no seed', () => {
    expect(sessionFor({ preset: 'teaching', n: 3, r: 2, w: 2, seed: 1.5 })).toEqual({ ok: false, field: 'seed', message: 'the seed must be a whole number' });
    expect(sessionFor({ preset: 'teaching', n: 3, r: 2, w: 2, seed: parseSeed('abc') })).toEqual({ ok: false, field: 'seed', message: 'the seed must be a whole number' });
    expect(sessionFor({ preset: 'teaching', n: 3, r: 2, w: 2, seed: parseSeed('9999999999') })).toEqual({ ok: false, field: 'seed', message: 'the seed must be at most 2,147,483,647' });
    expect(sessionFor({ preset: 'teaching', n: 3, r: 2, w: 2, seed: -(2 ** 31) - 1 })).toMatchObject({ field: 'seed', message: 'the seed must be at least -2,147,483,648' });
    expect(parseSeed('')).toBeNaN();
    expect(parseSeed(' 42 ')).toBe(42);
    expect(parseSeed('-7')).toBe(-7);
    expect(parseSeed('1e3')).toBeNaN();
  });

  it('explains what R + W > N buys', () => {
    expect(quorumExplanation(3, 2, 2)).toMatchObject({ overlaps: true, text: 'R + W > N: quorums overlap (if no stand-ins)' });
    // Lecture 003: "Sloppy quorum means R/W overlap not guaranteed".
    expect(quorumExplanation(3, 2, 2).title).toMatch(/sloppy quorum.*not guaranteed/);
    expect(quorumExplanation(3, 1, 1).overlaps).toBe(false);
    // A strict quorum has no stand-ins: the overlap holds, and the header says so without the proviso.
    expect(quorumExplanation(3, 2, 2, false)).toMatchObject({ overlaps: true, text: 'R + W > N: quorums overlap' });
    expect(quorumExplanation(3, 2, 2, false).title).toMatch(/strict quorum/);
    // Lecture 004's notes call N the replication factor.
    expect(quorumExplanation(3, 1, 1, false, 'RF').text).toBe('R + W ≤ RF: a read may miss the latest write');
    expect(quorumExplanation(3, 2, 2, true, 'RF').text).toBe('R + W > RF: quorums overlap (if no stand-ins)');
  });

  it('names a cluster opened from a link or file as such, and keeps it when N, R or W change', () => {
    const config = { n: 2, r: 1, w: 1, nodes: [{ id: 'A' }, { id: 'B' }] };
    const settings = settingsOf({ seed: 3, config });
    expect(settings).toMatchObject({ preset: 'opened', n: 2, r: 1, w: 1, seed: 3 });
    expect(presetChoices(settings).map((p) => p.label)).toContain('Opened scenario');
    expect(presetChoices(settings).find((p) => p.id === 'opened')?.nodeCount).toBe(2);
    expect(configFor({ ...settings, r: 2, w: 2 })).toEqual({ ...config, r: 2, w: 2 });
    expect(presetChoices({ preset: 'teaching', n: 3, r: 2, w: 2, seed: 1 }).map((p) => p.id)).not.toContain('opened');
  });

  it("leads the cluster's description with an opened file's title, and keeps its label short enough for the menu", () => {
    const config = { n: 2, r: 1, w: 1, nodes: [{ id: 'A' }, { id: 'B' }] };
    const title = 'The shopping cart, 10:00 to 10:07 (lecture 000)';
    const opened = presetChoices(settingsOf({ seed: 3, config, title })).find((p) => p.id === 'opened');
    expect(opened).toMatchObject({ label: 'Opened scenario', description: `${title}. Opened scenario: 2 nodes` });
    expect(presetOf('teaching', undefined, title)).toMatchObject({ label: 'Teaching ring', description: expect.stringMatching(/^The shopping cart, 10:00 to 10:07 \(lecture 000\)\. Teaching ring: 4 nodes/) });
    expect(presetOf('teaching').description).toMatch(/^Teaching ring: /);
  });

  it("describes a lecture part's own cluster for the locked header, part by part", () => {
    expect(lectureCluster(loadLecture('shopping-cart'), 0)).toEqual({ label: 'Lecture ring', nodeCount: 4, n: 3, r: 1, w: 2, seed: 2007, isSloppy: true });
    const table = loadLecture('quorum-tradeoffs');
    expect(table.parts.map((_, i) => lectureCluster(table, i)).map(({ n, r, w }) => `${n}/${r}/${w}`)).toEqual(['3/2/2', '3/3/1', '3/1/3', '3/3/3', '3/1/1']);
    // The trade-off table is drawn on a strict quorum: no stand-ins to spoil the overlap.
    expect(table.parts.every((_, i) => !lectureCluster(table, i).isSloppy)).toBe(true);
  });
});
