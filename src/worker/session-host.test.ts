import { describe, expect, it } from 'vitest';
import { SessionHost } from './session-host';
import type { Frame, Reply } from './protocol';
import { parseScenarioText } from '../scenario/validate';
import { execute } from '../scenario/runner';
import { DEFAULT_CONFIG } from './default-config';

function frame(reply: Reply): Frame {
  if (reply.type !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(reply)}`);
  return reply;
}

describe('SessionHost', () => {
  it('answers a put with a frame that carries the new trace events and the view', () => {
    const host = new SessionHost();
    frame(host.handle({ type: 'load', id: 1 }));
    const f = frame(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: ['book'] } }));
    expect(f.trace.from).toBe(0);
    expect(f.trace.events[0]).toMatchObject({ kind: 'op-start', key: 'cart' });
    expect(f.view.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(f.keys).toEqual([{ key: 'cart', pos: expect.any(Number) }]);
  });

  it('sends only new events, and cuts the page\'s trace when an input forks the past', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    const put = frame(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } }));
    const step = frame(host.handle({ type: 'stepForward', id: 3, count: 3 }));
    expect(step.trace.from).toBe(put.trace.events.length);
    const back = frame(host.handle({ type: 'stepBack', id: 4 }));
    expect(back.trace.events).toEqual([]);
    expect(back.traceLengthAtCursor).toBeLessThan(back.length === 0 ? 1 : step.trace.from + step.trace.events.length);
    const fork = frame(host.handle({ type: 'input', id: 5, input: { type: 'fail', node: 'B' } }));
    expect(fork.trace.from).toBe(back.traceLengthAtCursor);
    expect(fork.trace.events[0]).toMatchObject({ kind: 'node-failed', node: 'B' });
  });

  it('sends the keys again when the set changes though their number does not: a jump from a run with x to one with y', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'x', value: 1 } });
    const settled = frame(host.handle({ type: 'stepForward', id: 3, count: 50 }));
    const withX = settled.cursor;
    // x is lost with its holders' disks; the node left holds y alone.
    const holders = settled.view.nodes.filter((n) => n.keyCount > 0).map((n) => n.id);
    const other = settled.view.nodes.find((n) => n.keyCount === 0)!.id;
    let id = 4;
    for (const node of holders) frame(host.handle({ type: 'input', id: id++, input: { type: 'destroy', node } }));
    frame(host.handle({ type: 'input', id: id++, input: { type: 'put', key: 'y', value: 2, via: other } }));
    const end = frame(host.handle({ type: 'stepForward', id: id++, count: 50 }));
    expect(frame(host.handle({ type: 'seek', id: id++, cursor: withX })).keys?.map((k) => k.key)).toEqual(['x']);
    expect(frame(host.handle({ type: 'seek', id: id++, cursor: end.cursor })).keys?.map((k) => k.key)).toEqual(['y']);
  });

  it('reports a bad input as an error naming the field, and keeps working', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    expect(host.handle({ type: 'input', id: 2, input: { type: 'fail', node: 'Z' } })).toMatchObject({ type: 'error', id: 2, field: 'node', message: expect.stringContaining('"Z"') });
    expect(host.handle({ type: 'input', id: 3, input: { type: 'fail', node: 'A' } }).type).toBe('frame');
  });

  it('a session replays to the same trace and cursor', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } });
    host.handle({ type: 'stepForward', id: 3, count: 5 });
    host.handle({ type: 'stepBack', id: 4 });
    const original = frame(host.handle({ type: 'select', id: 5, key: 'cart' }));
    const reply = host.handle({ type: 'session', id: 6 });
    if (reply.type !== 'session') throw new Error('expected a session');
    const other = new SessionHost();
    const loaded = frame(other.handle({ type: 'load', id: 1, session: reply.session }));
    const selected = frame(other.handle({ type: 'select', id: 2, key: 'cart' }));
    expect(loaded.cursor).toBe(original.cursor);
    expect(JSON.stringify(selected.keyView)).toBe(JSON.stringify(original.keyView));
    expect(JSON.stringify(selected.view)).toBe(JSON.stringify(original.view));
  });

  it('shows a list of another length when asked (a lecture\'s RF=2 question), and a new session forgets it', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    const usual = frame(host.handle({ type: 'select', id: 2, key: 'cart' })).keyView!;
    expect(usual.n).toBe(3);
    expect(usual.preferenceList).toHaveLength(3);
    const two = frame(host.handle({ type: 'select', id: 3, key: 'cart', n: 2 })).keyView!;
    expect(two.n).toBe(2);
    expect(two.preferenceList).toEqual(usual.preferenceList.slice(0, 2));
    expect(two.walk.filter((s) => s.role === 'replica')).toHaveLength(2);
    expect(frame(host.handle({ type: 'load', id: 4 })).keyView!.n).toBe(3);
  });
});

describe('SessionHost: Compare next level past the recording', () => {
  it("steps on in one command until the exchange compares its next level, or ends; an exchange that never gets there moves nothing", () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } });
    frame(host.handle({ type: 'stepForward', id: 3, count: 40 }));
    const started = frame(host.handle({ type: 'input', id: 4, input: { type: 'antiEntropy', a: 'A', b: 'C' } }));
    const exchangeId = (started.trace.events.find((e) => e.kind === 'ae-started') as { exchangeId: number }).exchangeId;
    const milestones: string[] = [];
    let at = started;
    for (let id = 5; id < 20 && !milestones.includes('ae-done'); id++) {
      const next = frame(host.handle({ type: 'stepForward', id, untilExchange: exchangeId }));
      expect(next.cursor).toBeGreaterThan(at.cursor);
      // Stopped at the first milestone: the exchange's level or its end is among the last step's events, and no later one.
      const own = next.trace.events.filter((e) => (e.kind === 'ae-level' || e.kind === 'ae-done') && e.exchangeId === exchangeId);
      expect(own.length).toBeGreaterThanOrEqual(1);
      milestones.push(...own.map((e) => e.kind));
      at = next;
    }
    expect(milestones.at(-1)).toBe('ae-done');
    const none = frame(host.handle({ type: 'stepForward', id: 30, untilExchange: exchangeId + 99 }));
    expect([none.cursor, none.length]).toEqual([at.cursor, at.length]);
  });
});

describe('SessionHost: scenario files and lectures', () => {
  it('refuses a scenario file that npm run sim refuses for its length, in the same words, and keeps the session', () => {
    // 64 nodes gossiping every 20 ms: some exchange is always in flight, so the settle never ends.
    const nodes = Array.from({ length: 64 }, (_, i) => ({ id: `n${i}` }));
    const scenario = { version: 1, seed: 1, config: { n: 3, r: 2, w: 2, nodes, gossipIntervalMs: 20 }, steps: [{ op: 'put', key: 'k', value: 1 }, { op: 'settle' }] };
    const text = JSON.stringify(scenario);
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    let runner = '';
    try {
      execute(parsed.scenario, { maxEvents: 20_000 });
    } catch (error) {
      runner = (error as Error).message;
    }
    const words = /^steps\[1\]: the run passed 20,000 engine events \(at [\d.]+ ms of virtual time\), the most one run may take: settle waits until no message is in flight, and here some always were \(\d+ in flight at the end: \d+ gossip[^)]*\); use a wait instead, or gossip less often \(gossipIntervalMs\)$/;
    expect(runner).toMatch(words);
    const host = new SessionHost(undefined, 20_000);
    host.handle({ type: 'load', id: 1 });
    const reply = host.handle({ type: 'loadScenario', id: 2, text });
    expect(reply).toMatchObject({ type: 'error', id: 2 });
    expect((reply as { message: string }).message).toMatch(words);
    // The session before it is still there.
    expect(frame(host.handle({ type: 'select', id: 3, key: 'cart' })).view.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('opens a scenario file at its start, with the cursor at the end of each step', () => {
    const host = new SessionHost();
    const text = JSON.stringify({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'A', tokens: [10] }] }, steps: [{ op: 'put', key: 'k', value: 1 }, { op: 'get', key: 'k' }] });
    const f = frame(host.handle({ type: 'loadScenario', id: 1, text }));
    expect(f.cursor).toBe(0);
    expect(f.stepEnds).toHaveLength(2);
    expect(f.length).toBe(f.stepEnds!.at(-1));
    const end = frame(host.handle({ type: 'seek', id: 2, cursor: f.stepEnds![1]! }));
    expect(end.view.nodes[0]!.keyCount).toBe(1);
    // And the trace's length at each step's end: the get's events are those after the put's.
    const afterPut = frame(host.handle({ type: 'seek', id: 3, cursor: f.stepEnds![0]! }));
    expect(f.stepTraceEnds).toEqual([afterPut.traceLengthAtCursor, end.traceLengthAtCursor]);
    expect(end.traceLengthAtCursor).toBeGreaterThan(afterPut.traceLengthAtCursor);
  });

  it('explains a scenario it cannot open, and keeps the current session', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    const reply = host.handle({ type: 'loadScenario', id: 2, text: '{"version": 1, "seed": 1, "config": {"n": 2, "r": 3, "w": 1, "nodes": [{"id": "A"}, {"id": "B"}]}, "steps": []}' });
    expect(reply).toMatchObject({ type: 'error', message: expect.stringContaining('config.r: r (3) is greater than n (2)') });
    expect(frame(host.handle({ type: 'stepForward', id: 3 })).view.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('opens a part of a built-in lecture', () => {
    const host = new SessionHost();
    const f = frame(host.handle({ type: 'loadLecture', id: 1, lectureId: 'shopping-cart', part: 0 }));
    expect(f.stepEnds!.length).toBeGreaterThan(5);
    expect(host.handle({ type: 'loadLecture', id: 2, lectureId: 'shopping-cart', part: 9 })).toMatchObject({ type: 'error' });
  });

  it("plays a lecture's recording up to a step's end and no further, however far the clock asks (untilCursor)", () => {
    const host = new SessionHost();
    const f = frame(host.handle({ type: 'loadLecture', id: 1, lectureId: 'shopping-cart', part: 0 }));
    const ends = f.stepEnds!;
    const step = ends.findIndex((end, i) => i > 0 && end - ends[i - 1]! > 2); // a step of several actions
    frame(host.handle({ type: 'seek', id: 2, cursor: ends[step - 1]! }));
    const played = frame(host.handle({ type: 'advanceTo', id: 3, timeMs: 1e9, untilCursor: ends[step]! }));
    expect(played.cursor).toBe(ends[step]);
    expect(played.length).toBe(f.length); // nothing recorded: the lecture's script is intact
    const again = frame(host.handle({ type: 'advanceTo', id: 4, timeMs: 1e9, untilCursor: ends[step]! }));
    expect(again.cursor).toBe(ends[step]);
  });
});

describe('SessionHost: Merkle trees for the Merkle panel', () => {
  type Merkle = Extract<Reply, { type: 'merkle' }>;
  function merkle(reply: Reply): Merkle {
    if (reply.type !== 'merkle') throw new Error(`expected Merkle trees, got ${JSON.stringify(reply)}`);
    return reply;
  }
  /** Lecture 001 at the end of its second exchange (step 13): Node0 and Node1 have just repaired k0. */
  function afterRepair(): { host: SessionHost; at: Frame; exchangeId: number } {
    const host = new SessionHost();
    const loaded = frame(host.handle({ type: 'loadLecture', id: 1, lectureId: 'merkle-repair', part: 0 }));
    const at = frame(host.handle({ type: 'seek', id: 2, cursor: loaded.stepEnds![12]! }));
    const trace = [...loaded.trace.events, ...at.trace.events].slice(0, at.traceLengthAtCursor);
    const started = trace.filter((e) => e.kind === 'ae-started');
    return { host, at, exchangeId: (started.at(-1) as { exchangeId: number }).exchangeId };
  }

  it('answers a pair at the cursor: after the repair, Node0 and Node1 have equal roots', () => {
    const { host } = afterRepair();
    const m = merkle(host.handle({ type: 'merkle', id: 3, a: 'Node1', b: 'Node0' }));
    expect(m.exchangeId).toBeNull();
    expect(m.ranges).toEqual([[750, 750]]); // the whole ring: both nodes hold every key (N=2)
    expect(m.depth).toBe(1); // two keys, two leaves: the tree of lecture 001
    expect(m.sides.map((s) => s.trees[0]!.levels[0]![0])).toEqual([m.sides[1].trees[0]!.levels[0]![0], m.sides[0].trees[0]!.levels[0]![0]]);
    expect(m.sides[0].trees[0]!.levels[0]![0]).not.toBe('');
  });

  it('answers an exchange with the trees it compared: k0 differs, k1 does not, and the cursor stays where it was', () => {
    const { host, at, exchangeId } = afterRepair();
    const m = merkle(host.handle({ type: 'merkle', id: 3, a: 'Node0', b: 'Node1', exchangeId }));
    const [a, b] = m.sides;
    expect([a.node, b.node]).toEqual(['Node0', 'Node1']);
    expect(a.atSeq).not.toBeNull();
    expect(b.atSeq).not.toBeNull();
    expect(a.trees[0]!.levels[0]![0]).not.toBe(b.trees[0]!.levels[0]![0]);
    const leafOf = (key: string) => a.trees[0]!.leafKeys.findIndex((keys) => keys.includes(key));
    expect(a.trees[0]!.levels[1]![leafOf('k1')]).toBe(b.trees[0]!.levels[1]![leafOf('k1')]);
    expect(a.trees[0]!.levels[1]![leafOf('k0')]).not.toBe(b.trees[0]!.levels[1]![leafOf('k0')]);
    expect(a.entries[0]!['k0']![0]).not.toBe(b.entries[0]!['k0']![0]);
    expect(a.entries[0]!['k1']).toEqual(b.entries[0]!['k1']);
    const again = frame(host.handle({ type: 'select', id: 4, key: null }));
    expect([again.cursor, again.traceLengthAtCursor, JSON.stringify(again.view)]).toEqual([at.cursor, at.traceLengthAtCursor, JSON.stringify(at.view)]);
  });

  it('refuses an exchange that has not started at the cursor, and an unknown node', () => {
    const { host, exchangeId } = afterRepair();
    expect(host.handle({ type: 'merkle', id: 3, a: 'Node1', b: 'Node0', exchangeId: exchangeId + 5 })).toMatchObject({ type: 'error', field: 'exchangeId' });
    expect(host.handle({ type: 'merkle', id: 4, a: 'Node1', b: 'Z' })).toMatchObject({ type: 'error', field: 'b', message: expect.stringContaining('"Z"') });
  });

  describe('a full recording', () => {
    /** A session whose recording holds at most 60 events, played until it is full. */
    function full() {
      const host = new SessionHost(60);
      host.handle({ type: 'load', id: 1 });
      let last = frame(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } }));
      let id = 3;
      for (let timeMs = 50; last.trace.from + last.trace.events.length < 60 && timeMs < 60_000; timeMs += 50) {
        last = frame(host.handle({ type: 'advanceTo', id: id++, timeMs, inputs: [{ atMs: timeMs - 25, input: { type: 'get', key: 'cart' } }] }));
      }
      return { host, last, id };
    }

    it('stops playing at the bound and refuses to record more there, saying why and what to do', () => {
      const { host, last, id } = full();
      const events = last.trace.from + last.trace.events.length;
      expect(events).toBeGreaterThanOrEqual(60);
      expect(events).toBeLessThan(120); // one request past the bound at most, not the rest of the minute
      const refusal = { type: 'error', field: 'recording', message: 'The recording is full: 60 events, the most this page keeps. Go back to before event 60 and act from there (what came after is dropped), or Reset.' };
      expect(host.handle({ type: 'advanceTo', id, timeMs: last.nowMs + 1000 })).toMatchObject(refusal);
      expect(host.handle({ type: 'stepForward', id: id + 1 })).toMatchObject(refusal);
      expect(host.handle({ type: 'input', id: id + 2, input: { type: 'fail', node: 'B' } })).toMatchObject(refusal);
      // Nothing was recorded by the refusals.
      const after = frame(host.handle({ type: 'select', id: id + 3, key: 'cart' }));
      expect(after.length).toBe(last.length);
      expect(after.traceLengthAtCursor).toBe(events);
    });

    it('going back and acting from an earlier point drops what came after, so there is room again; so does Undo', () => {
      const { host, last, id } = full();
      frame(host.handle({ type: 'seek', id, cursor: 3 }));
      const fork = frame(host.handle({ type: 'input', id: id + 1, input: { type: 'fail', node: 'B' } }));
      expect(fork.length).toBe(4);
      expect(fork.trace.events[0]).toMatchObject({ kind: 'node-failed', node: 'B' });
      const { host: other } = full();
      const undone = frame(other.handle({ type: 'undo', id: 99 }));
      expect(undone.length).toBe(0); // the put was the lecturer's only input
      expect(frame(other.handle({ type: 'input', id: 100, input: { type: 'get', key: 'cart' } })).length).toBe(1);
      expect(last.length).toBeGreaterThan(4);
    });

    it('records no background input once full, so the session it saves opens again within the same bound', () => {
      const { host, last, id } = full();
      const atFull = frame(host.handle({ type: 'select', id, key: 'cart' }));
      // Playing on from a full recording with clients still sending is refused and records nothing …
      expect(host.handle({ type: 'advanceTo', id: id + 1, timeMs: last.nowMs + 100, inputs: [{ atMs: last.nowMs + 50, input: { type: 'get', key: 'cart' } }] })).toMatchObject({ type: 'error', field: 'recording' });
      const session = (host.handle({ type: 'session', id: id + 2 }) as Extract<Reply, { type: 'session' }>).session;
      expect(session.actions.reduce((sum, a) => sum + ('steps' in a ? a.steps : 1), 0)).toBe(atFull.length);
      // … and what was saved replays under the page's bound.
      const other = new SessionHost(60);
      const reopened = frame(other.handle({ type: 'load', id: 1, session }));
      expect(reopened.length).toBe(atFull.length);
      expect(reopened.traceLengthAtCursor).toBe(atFull.traceLengthAtCursor);
    });

    it('a frame that fills the recording part-way through its background inputs records none after that', () => {
      const host = new SessionHost(60);
      host.handle({ type: 'load', id: 1 });
      const inputs = Array.from({ length: 40 }, (_, i) => ({ atMs: 10 + i, input: { type: 'put' as const, key: `k${i}`, value: i } }));
      const played = frame(host.handle({ type: 'advanceTo', id: 2, timeMs: 60, inputs }));
      const session = (host.handle({ type: 'session', id: 3 }) as Extract<Reply, { type: 'session' }>).session;
      const inputsRecorded = session.actions.filter((a) => 'input' in a).length;
      expect(inputsRecorded).toBeGreaterThan(0);
      expect(inputsRecorded).toBeLessThan(40);
      expect(frame(new SessionHost(60).handle({ type: 'load', id: 1, session })).traceLengthAtCursor).toBe(played.traceLengthAtCursor);
    });
  });

  it('every session the page records under a bound opens again under it: background requests and steps over hidden kinds stop at the bound', () => {
    const session = (host: SessionHost) => (host.handle({ type: 'session', id: 99 }) as Extract<Reply, { type: 'session' }>).session;
    for (let max = 20; max <= 400; max += 19) {
      // Playing with clients: the clients' steps on the way to a request can fill the recording.
      const playing = new SessionHost(max);
      playing.handle({ type: 'load', id: 1 });
      const inputs = Array.from({ length: 60 }, (_, i) => ({ atMs: 5 + i * 7, input: { type: 'put' as const, key: `k${i % 5}`, value: i } }));
      playing.handle({ type: 'advanceTo', id: 2, timeMs: 500, inputs });
      expect(new SessionHost(max).handle({ type: 'load', id: 1, session: session(playing) }).type, `playing, bound ${max}`).toBe('frame');
      // Stepping with every kind but the client's hidden: one click may pass over many steps.
      const stepping = new SessionHost(max);
      stepping.handle({ type: 'load', id: 1, session: { seed: 1, config: { ...DEFAULT_CONFIG, gossipIntervalMs: 2, latency: { kind: 'fixed', ms: 40 } }, actions: [] } });
      stepping.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } });
      for (let i = 0; i < 60; i++) {
        const r = stepping.handle({ type: 'stepForward', id: 3, hidden: ['gossip', 'membership', 'replication', 'cluster', 'handoff', 'anti-entropy'] });
        if (r.type !== 'frame' || r.nextEventMs === null) break;
        if (i % 3 === 2) stepping.handle({ type: 'input', id: 4, input: { type: 'get', key: 'cart' } });
      }
      expect(stepping.stats().traceLength, `stepping, bound ${max}`).toBeLessThan(max + 40);
      expect(new SessionHost(max).handle({ type: 'load', id: 1, session: session(stepping) }).type, `stepping, bound ${max}`).toBe('frame');
    }
  });

  it('joins and leaves on a big ring are counted: the page refuses the one a replay would refuse, and the replay refuses it in a crafted link', () => {
    // 8 nodes × 10 tokens, and a share of 800 (the real one is 2,000,000): at most 10 joins and leaves.
    const config = { n: 3, r: 2, w: 2, nodes: Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, tokens: 10 })), gossipIntervalMs: 0, antiEntropyIntervalMs: 0 };
    const change = (i: number) => ({ input: i % 2 === 0 ? { type: 'addNode' as const, id: `x${i >> 1}`, tokens: 1 } : { type: 'removeNode' as const, id: `x${i >> 1}` } });
    const host = new SessionHost(undefined, undefined, 800);
    frame(host.handle({ type: 'load', id: 1, session: { seed: 1, config, actions: [] } }));
    let made = 0;
    for (; made < 40; made++) {
      const reply = host.handle({ type: 'input', id: 2, input: change(made).input });
      if (reply.type === 'error') {
        expect(reply.message).toMatch(/^Not recorded: on a ring of 8\d tokens a session may join or remove nodes at most 9 times \(each moves ranges all round the ring\), and this would be number 10\. A saved session or link must open again within that\.$/);
        break;
      }
    }
    expect(made).toBe(9);
    const saved = (host.handle({ type: 'session', id: 3 }) as Extract<Reply, { type: 'session' }>).session;
    expect(new SessionHost(undefined, undefined, 800).handle({ type: 'load', id: 4, session: saved }).type).toBe('frame');
    // A crafted link with more is refused at the first one too many, before the worker spends minutes on it.
    const crafted = { seed: 1, config, actions: Array.from({ length: 200 }, (_, i) => change(i)) };
    expect(new SessionHost(undefined, undefined, 800).handle({ type: 'load', id: 5, session: crafted })).toMatchObject({ type: 'error', message: expect.stringMatching(/^actions\[9\]: on a ring of 8\d tokens a session may join or remove nodes at most 9 times/) });
  });

  it('refuses a session whose actions would record more than the page keeps, naming the first action past it, and keeps the session it had', () => {
    const host = new SessionHost(100);
    host.handle({ type: 'load', id: 1 });
    frame(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } }));
    // A gossip round records a message per node: a link of a thousand of them would record far more than the bound.
    const session = { seed: 1, config: DEFAULT_CONFIG, actions: Array.from({ length: 1000 }, () => ({ input: { type: 'gossipRound' as const } })) };
    const refusal = host.handle({ type: 'load', id: 3, session });
    expect(refusal).toMatchObject({ type: 'error', field: 'actions', message: expect.stringMatching(/^actions\[\d+\]: by this action the session had recorded 1\d\d events, and at most 100 can be kept \(the page refuses to record more\)$/) });
    const index = Number(/actions\[(\d+)\]/.exec((refusal as { message: string }).message)![1]);
    expect(index).toBeLessThan(100);
    expect(frame(host.handle({ type: 'select', id: 4, key: 'cart' })).length).toBe(1);
  });
});

