import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { TraceIndex } from '../../store/trace-index';
import { coordinatorSoFar, missedWrites, requestStory, sloppyQuorumText, type StandIn } from './request-story';

function run(setup: (c: Cluster) => void, steps: number, config = DEFAULT_CONFIG): TraceIndex {
  const cluster = Cluster.create(config, DEFAULT_SEED);
  setup(cluster);
  for (let i = 0; i < steps; i++) cluster.step();
  const index = new TraceIndex();
  index.apply(0, cluster.trace);
  return index;
}

describe('request story', () => {
  it('tells a forwarded put from the client to the answer, counting acks toward W', () => {
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'B' }), 30);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.route).toMatchObject({ coordinator: 'C', isForwarded: true, preferenceList: ['C', 'D', 'A'] });
    expect(story.route!.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(story.end).toMatchObject({ ok: true, coordinator: 'C' });
    expect(story.count).toEqual({ count: 2, needed: 2 });
    const text = story.lines.map((l) => l.text);
    expect(text[0]).toBe('Client asks B to put cart = "shoes"');
    expect(text).toContain('B forwards put(cart) to C to coordinate');
    expect(text).toContain('C stores cart D1 ([C,1])');
    // C tells B it took the request, or B would forward it on to D after its timeout.
    expect(text).toContain('C tells B it has taken put(cart)');
    expect(text).toContain('B hears from C that it took put(cart)');
    expect(text).toContain("C counts A's ack: 2 of W=2");
    expect(story.lines.find((l) => l.tone === 'answer')!.text).toMatch(/^C answers the client: put\(cart\) succeeded in/);
    expect(text.some((t) => t.includes('gossip'))).toBe(false);
  });

  it('marks a reply that comes after the client was answered', () => {
    // W=2 through C: its own write and the first ack answer the client; the other replica's ack comes after.
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'C' }), 30);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    const text = story.lines.map((l) => l.text);
    const answer = text.findIndex((t) => t.startsWith('C answers the client'));
    expect(text.slice(0, answer).filter((t) => t.endsWith(', after the answer'))).toEqual([]);
    expect(text.slice(answer).filter((t) => / receives put-ack\(cart\) from [AD], after the answer$/.test(t))).toHaveLength(1);
  });

  it('includes the coordinator’s own write when the client contacted it directly', () => {
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'C' }), 10);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.lines.map((l) => l.text)).toContain('C stores cart D1 ([C,1])');
  });

  it('names the stand-in of a sloppy quorum', () => {
    const index = run((c) => {
      c.apply({ type: 'fail', node: 'C' });
      c.apply({ type: 'put', key: 'cart', value: 'hat' });
    }, 30);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.standIns).toMatchObject([{ standIn: 'B', intendedFor: 'C', outcome: 'hinted' }]);
    expect(story.lines.some((l) => l.tone === 'lost')).toBe(true);
  });

  it('says a stand-in never got the write when the message to it was lost at a cut, and that one in flight was only sent', () => {
    // C alone on its side: it coordinates cart, tries D and A, then B in place of one of them; every message is cut.
    const index = run((c) => {
      c.apply({ type: 'partition', groups: [['C'], ['A', 'B', 'D']] });
      c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'C' });
    }, 60);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.standIns.length).toBeGreaterThan(0);
    expect(story.standIns.every((s) => s.outcome === 'lost')).toBe(true);
    const sent = index.events.findIndex((e) => e.kind === 'sloppy-target');
    expect(requestStory(index.events, index.eventsOfOp(1), sent + 1)!.standIns.map((s) => s.outcome)).toEqual(['sent']);
  });

  it('tells only what happened before the cursor', () => {
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'B' }), 30);
    const story = requestStory(index.events, index.eventsOfOp(1), 3)!;
    expect(story.lines).toHaveLength(3);
    expect(story.end).toBeNull();
    expect(requestStory(index.events, index.eventsOfOp(1), 0)).toBeNull();
    expect(requestStory(index.events, [], 10)).toBeNull();
  });
});

describe('a put with an empty context', () => {
  const blindWrites = (via: string) => {
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'C' });
    cluster.settle();
    cluster.apply({ type: 'put', key: 'cart', value: 'boots', via });
    cluster.settle();
    const index = new TraceIndex();
    index.apply(0, cluster.trace);
    return [1, 2].map((op) => requestStory(index.events, index.eventsOfOp(op), index.length)!.blindWrite);
  };

  it('through the coordinator of the version before, replaces it: its counter moved past', () => {
    const [first, second] = blindWrites('C');
    // The key's first write replaced nothing and stands beside nothing: nothing to say.
    expect(first).toMatchObject({ coordinator: 'C', superseded: [], siblings: [1] });
    expect(second).toMatchObject({ coordinator: 'C', version: { id: 2, clock: [{ node: 'C', counter: 2 }] }, superseded: [1], siblings: [2] });
  });

  it('through another coordinator, stands beside it as a sibling', () => {
    const [, second] = blindWrites('D');
    expect(second).toMatchObject({ coordinator: 'D', version: { id: 2, clock: [{ node: 'D', counter: 1 }] }, superseded: [], siblings: [1, 2] });
  });

  it('names the node that coordinated, when a forward was lost and retried to the next of the top N', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'D' });
    cluster.settle();
    cluster.apply({ type: 'cutLink', from: 'B', to: 'C' });
    cluster.apply({ type: 'put', key: 'cart', value: 'boots', via: 'B' });
    cluster.settle();
    const index = new TraceIndex();
    index.apply(0, cluster.trace);
    const story = requestStory(index.events, index.eventsOfOp(2), index.length)!;
    // Routed to C first; C never got it, and D coordinated: D wrote D1 too.
    expect(story.route).toMatchObject({ coordinator: 'C' });
    expect(story.blindWrite).toMatchObject({ coordinator: 'D', version: { clock: [{ node: 'D', counter: 2 }] }, superseded: [1] });
  });

  it('is not what a put with a context is', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'C' });
    cluster.settle();
    cluster.apply({ type: 'put', key: 'cart', value: 'boots', via: 'D', context: [{ node: 'C', counter: 1, atMs: 0 }] });
    cluster.settle();
    const index = new TraceIndex();
    index.apply(0, cluster.trace);
    expect(requestStory(index.events, index.eventsOfOp(2), index.length)!.blindWrite).toBeNull();
  });
});

describe('stale reads', () => {
  it('names the acknowledged write a get missed (R=1, W=1), and nothing for a get that saw it', () => {
    const cluster = Cluster.create({ ...DEFAULT_CONFIG, r: 1, w: 1 }, DEFAULT_SEED);
    cluster.apply({ type: 'put', key: 'cart', value: 'v1', via: 'C' });
    cluster.settle();
    const { opId: put } = cluster.apply({ type: 'put', key: 'cart', value: 'v2', via: 'C', context: [] });
    cluster.runUntilDone(put!);
    // A read through A right away: A answers alone (R=1) before v2 reaches it.
    const { opId: stale } = cluster.apply({ type: 'get', key: 'cart', via: 'A' });
    cluster.runUntilDone(stale!);
    cluster.settle();
    const { opId: fresh } = cluster.apply({ type: 'get', key: 'cart', via: 'A' });
    cluster.runUntilDone(fresh!);
    const index = new TraceIndex();
    index.apply(0, cluster.trace);
    const version = (opId: number) => index.eventsOfOp(opId).map((i) => index.events[i]!).find((e) => e.kind === 'op-end' && e.op === 'put')!;
    expect(missedWrites(index, stale!)).toEqual([{ putOpId: put, versionId: (version(put!) as { version: { id: number } }).version.id }]);
    expect(missedWrites(index, fresh!)).toEqual([]);
    expect(missedWrites(index, put!)).toEqual([]);
  });
});

describe('the coordinator so far', () => {
  it('lecture 002: G forwards the write to B, which is down, then to C, which coordinates it', async () => {
    const { loadLecture } = await import('../../lectures/index');
    const { runLecturePart } = await import('../../lectures/run');
    const { trace } = runLecturePart(loadLecture('forwarding-gossip').parts[0]!);
    const index = new TraceIndex();
    index.apply(0, trace);
    const put = trace.find((e) => e.kind === 'op-start' && e.op === 'put')!;
    const events = index.eventsOfOp((put as { opId: number }).opId);
    const forwards = events.filter((i) => { const e = index.events[i]!; return e.kind === 'send' && e.body.type === 'forward'; });
    expect(forwards.map((i) => (index.events[i] as { to: string }).to)).toEqual(['B', 'C']);
    expect(coordinatorSoFar(index.events, events, forwards[1]!)).toBe('B');
    expect(coordinatorSoFar(index.events, events, forwards[1]! + 1)).toBe('C');
    const story = requestStory(index.events, events, index.length)!;
    expect(story.route!.coordinator).toBe('B'); // where it was routed first
    expect(story.coordinator).toBe('C');
  });
});

describe('the sloppy-quorum line says when and why the coordinator turned to a stand-in', () => {
  /** The story of put `opId`, and its summary's sloppy-quorum line. */
  const told = (index: TraceIndex, opId: number) => {
    const story = requestStory(index.events, index.eventsOfOp(opId), index.length)!;
    return { story, text: sloppyQuorumText(story.standIns, story.coordinator!) };
  };
  const failCThenPut = (c: Cluster) => {
    c.apply({ type: 'fail', node: 'C' });
    c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'A' });
  };

  it('a stand-in sent after a replica timeout, once A and D had answered the client: after the answer, not as if A knew C down or B made W', () => {
    const { story, text } = told(run(failCThenPut, 40), 1);
    expect(story.end).toMatchObject({ ok: true, acks: ['A', 'D'] });
    expect(story.standIns).toEqual([{ standIn: 'B', intendedFor: 'C', outcome: 'hinted', timeout: { silent: ['C'], silentForMs: 100, isAfterAnswer: true } }]);
    expect(text).toBe('Sloppy quorum after the answer (C silent for 100 ms): B stands in for C, keeping a hint');
  });

  it('a stand-in sent after a replica timeout that W waited for: no "after the answer"', () => {
    const { story, text } = told(run(failCThenPut, 40, { ...DEFAULT_CONFIG, w: 3 }), 1);
    expect(story.end).toMatchObject({ ok: true, hinted: [{ holder: 'B', intendedFor: 'C' }] });
    expect(text).toBe('Sloppy quorum (C silent for 100 ms): B stands in for C, keeping a hint');
  });

  it('a stand-in chosen as the request began, A believing C down since the put before: worded as before', () => {
    const index = run((c) => {
      failCThenPut(c);
      for (let i = 0; i < 40; i++) c.step();
      c.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'A' });
    }, 40);
    const { story, text } = told(index, 2);
    expect(story.standIns).toMatchObject([{ standIn: 'B', intendedFor: 'C', timeout: null }]);
    expect(text).toBe('Sloppy quorum (A believes C down): B stands in for C, keeping a hint');
  });

  it('stand-ins of two moments, in order; none, no line', () => {
    const first: StandIn = { standIn: 'B', intendedFor: 'C', outcome: 'lost', timeout: null };
    const then: StandIn = { standIn: 'E', intendedFor: 'C', outcome: 'sent', timeout: { silent: ['B'], silentForMs: 100, isAfterAnswer: true } };
    expect(sloppyQuorumText([first, then], 'A')).toBe('Sloppy quorum (A believes C down): B, tried for C, never got it; then after the answer (B silent for 100 ms): E stands in for C');
    expect(sloppyQuorumText([], 'A')).toBeNull();
  });
});
