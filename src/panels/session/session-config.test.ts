import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { configFor, lectureCluster, parseSeed, presetChoices, presetOf, PRESETS, quorumExplanation, resized, RING_SIZE_BOUNDS, ringSizeOf, sessionFor, withN } from './session-config';
import { parseScenario } from '../../scenario/validate';
import type { SessionSettings } from '../../store/store';
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

  it('builds the MD5 ring of the size chosen, with or without its keys, and keeps 32 × 8 as it was', () => {
    const md5: SessionSettings = { preset: 'md5-32', n: 3, r: 2, w: 2, seed: 1 };
    const six = resized(md5, { nodeCount: 6, tokensPerNode: 2 });
    if (!six.ok) throw new Error(six.message);
    expect(configFor(six.settings)).toEqual({ n: 3, r: 2, w: 2, nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id) => ({ id })), tokensPerNode: 2 });
    expect(ringSizeOf(six.settings)).toEqual({ nodeCount: 6, tokensPerNode: 2 });
    expect(presetOf(six.settings.preset, six.settings.config)).toMatchObject({ label: 'MD5 ring', nodeCount: 6, description: 'MD5 ring: 6 nodes × 2 tokens, placed by the top 52 bits of each 128-bit MD5' });
    // N changed on the resized ring keeps it: the same cluster, so the lecturer's actions can be made again on it.
    expect(configFor({ ...six.settings, n: 2 }).nodes).toHaveLength(6);
    // The busy ring writes its 2,000 keys whatever its size.
    const busy = sessionFor({ ...six.settings, preset: 'md5-32-keys' });
    expect(busy.ok && busy.session.actions).toHaveLength(2000);
    expect(presetOf('md5-32-keys', six.settings.config).description).toBe('MD5 ring: 6 nodes × 2 tokens, with 2,000 keys written before you start');
    // The Cluster menu's choices describe both MD5 rings at the size in use (choosing the other keeps it), the teaching ring as ever.
    expect(presetChoices(six.settings).map((p) => p.description)).toEqual([PRESETS[0]!.description, 'MD5 ring: 6 nodes × 2 tokens, placed by the top 52 bits of each 128-bit MD5', 'MD5 ring: 6 nodes × 2 tokens, with 2,000 keys written before you start']);
    // Back to 32 × 8: the settings carry no config, as before sizes could be chosen.
    expect(resized(six.settings, { nodeCount: 32, tokensPerNode: 8 })).toEqual({ ok: true, settings: md5 });
    expect(ringSizeOf(md5)).toEqual({ nodeCount: 32, tokensPerNode: 8 });
    expect(ringSizeOf({ preset: 'teaching' })).toBeNull();
  });

  it("takes the sizes a scenario file takes: the validator's bounds, and its words for the ring's total and for N", () => {
    const md5: SessionSettings = { preset: 'md5-32', n: 1, r: 1, w: 1, seed: 1 };
    const made = (nodeCount: number, tokensPerNode: number, n = 1) => {
      const sized = resized({ ...md5, n }, { nodeCount, tokensPerNode });
      return sized.ok ? sessionFor(sized.settings) : sized;
    };
    const { nodeCount, tokensPerNode } = RING_SIZE_BOUNDS;
    // A scenario file of this size, as `npm run sim` would read it.
    const parsed = (nodes: number, tokens: number) => parseScenario({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i + 1}` })), tokensPerNode: tokens }, steps: [] });
    const file = (nodes: number, tokens: number) => parsed(nodes, tokens).ok;
    // The header's bounds are the validator's own: what it takes at each bound, it refuses one past it.
    expect([file(nodeCount.min, tokensPerNode.min), file(nodeCount.max, 1), file(1, tokensPerNode.max), file(nodeCount.min - 1, 1), file(nodeCount.max + 1, 1), file(1, tokensPerNode.max + 1), file(1, tokensPerNode.min - 1)]).toEqual([true, true, true, false, false, false, false]);
    expect(made(1, 1).ok).toBe(true);
    expect(made(512, 128).ok).toBe(true);
    expect(made(64, 1024).ok).toBe(true);
    expect(made(0, 8)).toEqual({ ok: false, field: 'settings', message: 'the ring must have at least 1 node' });
    expect(made(513, 8)).toEqual({ ok: false, field: 'settings', message: 'the ring must have at most 512 nodes' });
    expect(made(1e9, 8)).toMatchObject({ ok: false, message: 'the ring must have at most 512 nodes' });
    expect(made(2.5, 8)).toMatchObject({ ok: false, message: 'the number of nodes must be a whole number' });
    expect(made(Number.NaN, 8)).toMatchObject({ ok: false, message: 'the number of nodes must be a whole number' });
    expect(made(6, 0)).toMatchObject({ ok: false, message: 'tokens per node must be at least 1' });
    expect(made(6, 1025)).toMatchObject({ ok: false, message: 'tokens per node must be at most 1,024' });
    // Each count within its bounds, the ring past the most tokens it may hold: the validator's sentence, as a file gets it.
    const total = parsed(512, 129);
    expect(total.ok).toBe(false);
    expect(made(512, 129)).toEqual({ ok: false, field: 'settings', message: !total.ok && total.error.message.replace(/^config\.tokensPerNode: /, '') });
    expect(made(512, 129)).toMatchObject({ message: 'the nodes up to "n509" have 65,661 tokens in all, more than the 65,536 a ring may hold here (fewer tokens per node, or fewer nodes)' });
    expect(made(2, 8, 3)).toEqual({ ok: false, field: 'settings', message: 'N (3) is more than the 2 nodes configured' });
  });

  it('lowers R and W with N, and says so, rather than refuse N below them', () => {
    const settings: SessionSettings = { preset: 'teaching', n: 3, r: 2, w: 2, seed: 1 };
    expect(sessionFor({ ...settings, n: 1 }).ok).toBe(false);
    const lowered = withN(settings, 1);
    expect(lowered).toEqual({ settings: { ...settings, n: 1, r: 1, w: 1 }, note: 'R and W lowered to 1, as they cannot exceed N' });
    expect(sessionFor(lowered.settings).ok).toBe(true);
    expect(withN({ ...settings, r: 3, w: 1 }, 2)).toEqual({ settings: { ...settings, n: 2, r: 2, w: 1 }, note: 'R lowered to 2, as it cannot exceed N' });
    expect(withN({ ...settings, r: 1, w: 3 }, 2).note).toBe('W lowered to 2, as it cannot exceed N');
    expect(withN(settings, 2)).toEqual({ settings: { ...settings, n: 2 }, note: null });
    expect(withN(settings, 4)).toEqual({ settings: { ...settings, n: 4 }, note: null });
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
