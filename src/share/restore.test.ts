import { describe, expect, it } from 'vitest';
import { restoreSession } from './restore';
import { runSession } from './run-session';
import { parseScenario } from '../scenario/validate';

const config = { n: 2, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [60] }, { id: 'C', tokens: [80] }] };

/** The message a scenario file with this config gets, and the one a saved session gets. */
function bothErrors(patch: object): [string, string] {
  const scenario = parseScenario({ version: 1, seed: 1, config: { ...config, ...patch }, steps: [] });
  const session = restoreSession({ seed: 1, config: { ...config, ...patch }, actions: [] });
  return [scenario.ok ? 'accepted' : scenario.error.message, session.ok ? 'accepted' : session.error];
}

describe('restoreSession checks the configuration as a scenario file does', () => {
  it.each([
    ['a duplicate node id', { nodes: [{ id: 'A' }, { id: 'A' }] }, 'config.nodes[1].id: duplicate node id "A"'],
    ['a token outside the ring', { nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [500] }] }, 'config.nodes[1].tokens[0]: position 500 is outside the ring 0–99'],
    ['two tokens at one position', { nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [10] }] }, 'config.nodes[1].tokens[0]: position 10 already holds a token of A'],
    ['n greater than the node count', { n: 5 }, 'config.n: n (5) is more than the 3 nodes configured'],
    ['r greater than n', { r: 3 }, 'config.r: r (3) is greater than n (2): a read cannot wait for more replies than there are replicas'],
    ['a key position outside the ring', { keyPositions: { k: 5000 } }, 'config.keyPositions.k: position 5000 is outside the ring 0–99'],
    ['a seed naming an unknown node', { seeds: ['Z'] }, 'config.seeds[0]: no node named "Z" (the cluster has A, B, C)'],
    ['a uniform latency with minMs > maxMs', { latency: { kind: 'uniform', minMs: 20, maxMs: 5 } }, 'config.latency.minMs: minMs (20) is greater than maxMs (5): a uniform latency falls between them'],
    ['a ring too small for its random tokens', { ringSize: 10, tokensPerNode: 4, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] }, 'config.tokensPerNode: the nodes up to "C" need 12 token positions, more than the 10 of the teaching ring (ringSize)'],
    ['an unknown strategy', { strategy: 4 }, "config.strategy: must be 1, 2 or 3 (the paper's partitioning strategies)"],
  ])('%s', (_name, patch, message) => {
    expect(bothErrors(patch)).toEqual([message, message]);
  });

  it('keeps the playback settings, and refuses a rate or speed the page does not offer, naming it', () => {
    const restored = restoreSession({ seed: 1, config, actions: [], clients: 200, speed: 100 });
    expect(restored.ok && restored.session).toMatchObject({ clients: 200, speed: 100 });
    expect(restoreSession({ seed: 1, config, actions: [], clients: 7 })).toEqual({ ok: false, error: 'clients: is not a rate the page offers (0, 20, 200, 1000 ops/s)' });
    expect(restoreSession({ seed: 1, config, actions: [], speed: '20' })).toEqual({ ok: false, error: 'speed: is not a speed the page offers (5, 20, 100, 500, 1000 ms/s)' });
  });

  it("keeps the client form as filled in (its Value and Via node), and leaves a Value too long for a link out, when asked to, saying why", () => {
    const restored = restoreSession({ seed: 1, config, actions: [], client: { value: 'green', via: 'C' } });
    expect(restored.ok && restored.session.client).toEqual({ value: 'green', via: 'C' });
    const first = restoreSession({ seed: 1, config, actions: [], client: { value: '' } });
    expect(first.ok && first.session.client).toEqual({ value: '' });
    const long = { seed: 1, config, actions: [], client: { value: 'x'.repeat(1001) } };
    expect(restoreSession(long)).toEqual({ ok: false, error: 'client.value: must be at most 1,000 characters long' });
    expect(restoreSession(long, { presentation: 'leave' })).toMatchObject({ ok: true, left: ['client.value: must be at most 1,000 characters long'] });
  });

  it('refuses a session longer than can be replayed, naming the action that makes it so', () => {
    expect(restoreSession({ seed: 1, config, actions: [{ input: { type: 'get', key: 'k' } }, { steps: 1_000_000 }] })).toEqual({ ok: false, error: 'actions[1].steps: brings the session to 1,000,001 actions; at most 1,000,000 can be replayed' });
  });

  it('refuses actions nested deeper than a scenario may nest', () => {
    let value: unknown = 1;
    for (let i = 0; i < 20_000; i++) value = [value];
    const restored = restoreSession({ seed: 1, config, actions: [{ input: { type: 'put', key: 'k', value } }] });
    expect(restored).toEqual({ ok: false, error: 'actions[0].input.value: is nested more than 64 levels deep' });
    // A field's name is quoted where it is not a plain name: the message stays one line.
    const deep = restoreSession({ seed: 1, config, actions: [{ input: { type: 'put', key: 'k', 'v\nw': JSON.parse('['.repeat(100) + ']'.repeat(100)) } }] });
    expect(deep).toEqual({ ok: false, error: 'actions[0].input["v\\nw"]: is nested more than 64 levels deep' });
    // An action that is itself a deep array is named by its index, not as a field "0".
    expect(restoreSession({ seed: 1, config, actions: [JSON.parse('['.repeat(100) + ']'.repeat(100))] })).toEqual({ ok: false, error: 'actions[0]: is nested more than 64 levels deep' });
  });

  it('keeps a put value with a "__proto__" field as written', () => {
    const restored = restoreSession(JSON.parse('{"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A"}],"ringSize":100,"keyPositions":{"__proto__":7}},"actions":[{"input":{"type":"put","key":"k","value":{"__proto__":1}}}]}'));
    if (!restored.ok) throw new Error(restored.error);
    expect(JSON.stringify(restored.session.actions[0])).toBe('{"input":{"type":"put","key":"k","value":{"__proto__":1}}}');
    expect(Object.entries(restored.session.config.keyPositions ?? {})).toEqual([['__proto__', 7]]);
  });
});

describe("a session's refusals read as a scenario's", () => {
  it('names a wrong choice by the choices, and an unknown top-level field without a prefix', () => {
    const base = { seed: 1, config, actions: [] };
    expect(restoreSession({ ...base, view: 'rings' })).toEqual({ ok: false, error: 'view: must be one of "ring", "versions", "spacetime", "hints", "merkle", "membership", "latency", not "rings"' });
    expect(restoreSession({ ...base, foo: 1 })).toEqual({ ok: false, error: 'unknown field "foo"' });
    expect(restoreSession({ ...base, seed: 'x' })).toEqual({ ok: false, error: 'seed: must be a number, not a string' });
  });

  it("refuses a put's context whose entries are out of order or name a node twice, and keeps one as the page writes it", () => {
    const put = (context: { node: string; counter: number; atMs: number }[]) => restoreSession({ seed: 1, config, actions: [{ input: { type: 'put', key: 'k', value: 1, via: 'B', context } }] });
    const e = (node: string, counter = 1) => ({ node, counter, atMs: 0 });
    expect(put([e('C'), e('A')])).toEqual({ ok: false, error: 'actions[0].input.context[1].node: has "A" after "C": a clock\'s entries go in order of node id, each node once, as the page writes them' });
    expect(put([e('A'), e('B', 5), e('B')])).toEqual({ ok: false, error: 'actions[0].input.context[2].node: names node "B" twice: a clock\'s entries go in order of node id, each node once, as the page writes them' });
    expect(put([e('A'), e('C', 2)]).ok).toBe(true);
    expect(put([]).ok).toBe(true);
  });

  it("keeps the space-time diagram's view, and refuses a zoom the page does not offer", () => {
    const base = { seed: 1, config, actions: [], view: 'spacetime' };
    const kept = restoreSession({ ...base, spacetime: { pxPerMs: 36, startMs: 12.5, follow: false } });
    expect(kept.ok && kept.session.spacetime).toEqual({ pxPerMs: 36, startMs: 12.5, follow: false });
    const following = restoreSession({ ...base, spacetime: { pxPerMs: 12, startMs: -4 } });
    expect(following.ok && following.session.spacetime).toEqual({ pxPerMs: 12, startMs: -4 });
    expect(restoreSession({ ...base, spacetime: { pxPerMs: 0, startMs: 0 } })).toEqual({ ok: false, error: 'spacetime.pxPerMs: must be at least 0.002, not 0' });
    expect(restoreSession({ ...base, spacetime: { pxPerMs: 12, startMs: 0, follow: true } })).toMatchObject({ ok: false, error: expect.stringMatching(/^spacetime\.follow: /) });
  });

  it("keeps the Merkle panel's pair and stage and the request the trace told, and refuses them malformed", () => {
    const base = { seed: 1, config, actions: [], view: 'merkle' };
    const kept = restoreSession({ ...base, merkle: { a: 'C', b: 'D', stage: 2 }, request: 4 });
    expect(kept.ok && [kept.session.merkle, kept.session.request]).toEqual([{ a: 'C', b: 'D', stage: 2 }, 4]);
    expect(restoreSession({ ...base, merkle: { a: 'C', b: 'D', stage: -1 } })).toMatchObject({ ok: false, error: expect.stringMatching(/^merkle\.stage: /) });
    expect(restoreSession({ ...base, request: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/^request: /) });
  });

  it('leaves out, when asked to, how it was shown where the page cannot show it, and says why; never what happened', () => {
    const base = { seed: 1, config, actions: [{ input: { type: 'get', key: 'k' } }] };
    const leave = { presentation: 'leave' } as const;
    // A panel a later version may add, a hand-edited speed and key: the session opens without them.
    const opened = restoreSession({ ...base, view: 'timeline', speed: 7, key: 5, clients: 20 }, leave);
    expect(opened).toEqual({
      ok: true,
      session: { seed: 1, config, actions: base.actions, cursor: 1, clients: 20 },
      left: [
        'view: must be one of "ring", "versions", "spacetime", "hints", "merkle", "membership", "latency", not "timeline"',
        'key: must be text (in double quotes), not a number',
        'speed: is not a speed the page offers (5, 20, 100, 500, 1000 ms/s)',
      ],
    });
    // Only the faulty part of one: a good view stays beside a bad list of hidden kinds.
    const kept = restoreSession({ ...base, view: 'ring', hidden: ['nope'] }, leave);
    expect(kept.ok && [kept.session.view, kept.session.hidden, kept.left]).toEqual(['ring', undefined, ['hidden[0]: must be one of "client", "replication", "handoff", "gossip", "anti-entropy", "membership", "cluster", not "nope"']]);
    // Nothing left out: no `left` at all.
    expect(restoreSession({ ...base, view: 'ring' }, leave)).not.toHaveProperty('left');
    // What happened, an unknown field and a lecture's place are still refused.
    expect(restoreSession({ ...base, view: 'timeline', actions: [{ bad: 1 }] }, leave)).toEqual({ ok: false, error: 'actions[0]: an action is {"input": {…}}, {"steps": k} or {"clockMs": t}' });
    expect(restoreSession({ ...base, veiw: 'ring' }, leave)).toEqual({ ok: false, error: 'unknown field "veiw" (did you mean "view"?)' });
    expect(restoreSession({ ...base, lecture: { id: 'X', part: 0, step: 0 } }, leave)).toMatchObject({ ok: false, error: expect.stringMatching(/^lecture\.id: /) });
    // A checker is not asked to: it refuses, as before.
    expect(restoreSession({ ...base, view: 'timeline' })).toMatchObject({ ok: false, error: expect.stringMatching(/^view: /) });
  });

  it('tells a misspelt field the one it is closest to, as a scenario file is told', () => {
    const base = { seed: 1, config, actions: [] };
    expect(restoreSession({ ...base, cursr: 0 })).toEqual({ ok: false, error: 'unknown field "cursr" (did you mean "cursor"?)' });
    expect(restoreSession({ ...base, config: { ...config, latncy: { kind: 'fixed', ms: 5 } } })).toEqual({ ok: false, error: 'config: unknown field "latncy" (did you mean "latency"?)' });
  });

  it('tells an expect added to a saved session, as a grader might, that a session takes none and what to do instead', () => {
    const base = { seed: 1, config, actions: [] };
    expect(restoreSession({ ...base, expect: { consistency: { staleReads: [] } } })).toEqual({
      ok: false,
      error: 'unknown field "expect" (a saved session holds the page\'s clicks, not steps, and takes no expect: check its output, with jq say, or write the run as a scenario, whose steps and whole run take expect)',
    });
  });
});

describe('a saved session is told what a scenario file is told', () => {
  it('tells "background" written inside an input that it goes on the action, beside "input"', () => {
    const base = { seed: 1, config, actions: [{ input: { type: 'get', key: 'k', background: true } }] };
    expect(restoreSession(base)).toEqual({ ok: false, error: 'actions[0].input: unknown field "background" (it goes on the action, beside "input": {"input": {…}, "background": true})' });
    // Where it belongs, it is taken.
    expect(restoreSession({ ...base, actions: [{ input: { type: 'get', key: 'k' }, background: true }] }).ok).toBe(true);
  });

  it('replays failing a node that is down, or recovering one that is up, as the no-op the page recorded; a scenario file, written by hand, is refused it', () => {
    const replay = (actions: object[]) => {
      const restored = restoreSession({ seed: 1, config, actions });
      if (!restored.ok) throw new Error(restored.error);
      try {
        runSession(restored.session);
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    // Links and saved sessions that hold one must keep opening, as they always have.
    expect(replay([{ input: { type: 'fail', node: 'A' } }, { input: { type: 'fail', node: 'A' } }])).toBe('accepted');
    expect(replay([{ input: { type: 'recover', node: 'B' } }])).toBe('accepted');
    const scenario = (steps: object[]) => {
      const parsed = parseScenario({ version: 1, seed: 1, config, steps });
      return parsed.ok ? 'accepted' : parsed.error.message;
    };
    expect(scenario([{ op: 'fail', node: 'A' }, { op: 'fail', node: 'A' }])).toBe('steps[1].node: A is already down (it failed at steps[0])');
    expect(scenario([{ op: 'recover', node: 'B' }])).toBe('steps[0].node: B is up: only a failed node can recover');
  });
});

describe('runSession bounds the replay', () => {
  it('refuses a session that passes the event bound, naming the action', () => {
    const restored = restoreSession({ seed: 1, config: { ...config, gossipIntervalMs: 10 }, actions: [{ input: { type: 'get', key: 'k' } }, { steps: 999_999 }] });
    if (!restored.ok) throw new Error(restored.error);
    expect(() => runSession(restored.session, { maxEvents: 2_000 })).toThrow(/^actions\[1\]: the session passed 2,000 engine events \(at [\d.]+ ms of virtual time\), the most one replay may take$/);
  });

  it('the reviewer’s million steps of anti-entropy are stopped by the event bound, and keep no finished exchange for the checkpoints to copy', () => {
    const restored = restoreSession({ seed: 42, config: { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }], antiEntropyIntervalMs: 100 }, actions: [{ steps: 1_000_000 }] });
    if (!restored.ok) throw new Error(restored.error);
    expect(() => runSession(restored.session, { maxEvents: 20_000 })).toThrow(/^actions\[0\]: the session passed 20,000 engine events \(at [\d.]+ ms of virtual time\), the most one replay may take$/);
  });

  it('refuses a session that records more than the page keeps, though its engine events are few (a gossip round records a message per node)', () => {
    const restored = restoreSession({ seed: 1, config, actions: Array.from({ length: 1000 }, () => ({ input: { type: 'gossipRound' } })) });
    if (!restored.ok) throw new Error(restored.error);
    expect(() => runSession(restored.session, { maxRecorded: 100 })).toThrow(/^actions\[\d{1,2}\]: by this action the session had recorded 1\d\d events, and at most 100 can be kept \(the page refuses to record more\)$/);
  });

  it('replays a session within the bounds as before', () => {
    const restored = restoreSession({ seed: 1, config, actions: [{ input: { type: 'put', key: 'k', value: 1 } }, { steps: 200 }] });
    if (!restored.ok) throw new Error(restored.error);
    const out = runSession(restored.session);
    expect(out.session.actions).toBeGreaterThan(1);
    expect(Object.keys(out.final.nodes)).toEqual(['A', 'B', 'C']);
  });
});

describe('a cursor past the session’s last action', () => {
  const actions = [{ input: { type: 'put', key: 'k', value: 1 } }, { steps: 12 }, { clockMs: 480 }];
  it('is clamped to the end for the page (links, files it opens), which must still open them', () => {
    const restored = restoreSession({ seed: 1, config, actions, cursor: 20 });
    expect(restored.ok && restored.session.cursor).toBe(14);
  });

  it('is kept as written, asked to, for a checker that compares it with the replay (which may make fewer actions than 14)', () => {
    const kept = restoreSession({ seed: 1, config, actions, cursor: 20 }, { cursorPastEnd: 'keep' });
    expect(kept.ok && kept.session.cursor).toBe(20);
    const absent = restoreSession({ seed: 1, config, actions }, { cursorPastEnd: 'keep' });
    expect(absent.ok && absent.session).not.toHaveProperty('cursor');
  });
});

describe('a session’s names, keys and times: the earlier rules, so that old links open (DESIGN §6)', () => {
  const NAME = 'must not contain a comma or a control character (a line break, a tab, a direction override…)';
  const fine = (v: number) => `must be a multiple of 0.01 (the engine keeps times to 0.01 ms), not ${v}`;
  const one = (input: object) => restoreSession({ seed: 1, config, actions: [{ input }] });
  it.each([
    ['a joining node named "E, F"', { type: 'addNode', id: 'E, F' }],
    ['a failure of "A\\nB"', { type: 'fail', node: 'A\nB' }],
    ['a dc with a line break', { type: 'isolateDc', dc: 'eu\n' }],
    ['a slow link of 0.004 ms', { type: 'slowLink', from: 'A', to: 'B', extraMs: 0.004 }],
    ['a message delayed by 0.5001 ms', { type: 'delayMessage', msgId: 1, byMs: 0.5001 }],
  ])('takes %s, which a scenario file now refuses', (_name, input) => {
    expect(one(input).ok).toBe(true);
  });

  it('takes a key of 256 emoji, in a put and as the key the panels followed, and refuses 257 in the scenario format’s words', () => {
    expect(one({ type: 'put', key: '🛒'.repeat(256), value: 1 }).ok).toBe(true);
    expect(restoreSession({ seed: 1, config, actions: [], key: '🛒'.repeat(256) }).ok).toBe(true);
    expect(one({ type: 'put', key: '🛒'.repeat(257), value: 1 })).toEqual({ ok: false, error: 'actions[0].input.key: is 257 characters long; at most 256 are allowed' });
    expect(restoreSession({ seed: 1, config, actions: [], key: '🛒'.repeat(257) })).toEqual({ ok: false, error: 'key: is 257 characters long; at most 256 are allowed' });
  });

  it('opens a configuration a scenario file now refuses (a comma in a node id, a latency of 12.345 ms, partitions under strategy 1), and a scenario file still refuses it', () => {
    expect(bothErrors({ requestTimeoutMs: 0.001 })).toEqual([`config.requestTimeoutMs: ${fine(0.001)}`, 'accepted']);
    expect(bothErrors({ latency: { kind: 'lognormal', medianMs: 12.345, sigma: 0.5 } })).toEqual([`config.latency.medianMs: ${fine(12.345)}`, 'accepted']);
    expect(bothErrors({ nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C,1' }] })).toEqual([`config.nodes[2].id: ${NAME}`, 'accepted']);
    expect(bothErrors({ nodes: [{ id: 'A' }, { id: ' B' }, { id: 'C' }] })).toEqual(['config.nodes[1].id: must not start or end with a space: " B" would read as B wherever nodes are listed', 'accepted']);
    expect(bothErrors({ partitions: 10 })).toEqual(["config.partitions: only strategies 2 and 3 cut the ring into equal partitions; under strategy 1 (the default) a node's ranges lie between random tokens, so partitions would be ignored (set strategy to 2 or 3, or leave partitions out)", 'accepted']);
    // Its other checks are the scenario format's, in its words.
    expect(bothErrors({ keyPositions: { 'a b': 'x' } })).toEqual(['config.keyPositions["a b"]: must be a number, not a string', 'config.keyPositions["a b"]: must be a number, not a string']);
  });

  it('replays a session made under the earlier rules to the same run as before: the engine ignored partitions under strategy 1', () => {
    const opened = restoreSession({ seed: 1, config: { ...config, partitions: 10 }, actions: [{ input: { type: 'put', key: 'k', value: 1 } }] });
    const plain = restoreSession({ seed: 1, config, actions: [{ input: { type: 'put', key: 'k', value: 1 } }] });
    if (!opened.ok || !plain.ok) throw new Error('not opened');
    expect(runSession(opened.session, { withTrace: true })).toEqual(runSession(plain.session, { withTrace: true }));
    expect(runSession(opened.session, { withTrace: true }).trace!.length).toBeGreaterThan(0);
  });
});
