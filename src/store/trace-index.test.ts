import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster, contextClock, versionHistory, type EventOf, type TraceEvent, type VectorClock } from '../engine/index';
// eslint-disable-next-line no-restricted-imports
import { randomSchedule, runSchedule, SCHEDULE_KEYS } from '../engine/testing/random-schedule';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../worker/default-config';
import { TraceIndex, eventClass, opIdOf } from './trace-index';

/** Lecture 000's ring: a put of cart through B (which forwards it), run for `steps` steps. */
function putTrace(steps: number): TraceEvent[] {
  const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
  cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'B' });
  for (let i = 0; i < steps; i++) cluster.step();
  return [...cluster.trace];
}

describe('TraceIndex', () => {
  it('indexes a client operation’s events, its forward and its messages included', () => {
    const index = new TraceIndex();
    index.apply(0, putTrace(20));
    const kinds = index.eventsOfOp(1).map((i) => index.events[i]!.kind);
    expect(kinds.slice(0, 3)).toEqual(['op-start', 'op-route', 'send']);
    expect(kinds).toContain('reply-counted');
    expect(kinds).toContain('op-end');
    expect(index.opsBefore(index.length)).toEqual([{ opId: 1, op: 'put', key: 'cart', via: 'B', startIndex: 0 }]);
    expect(index.opsBefore(0)).toEqual([]);
    expect(index.latestOpBefore(1)?.opId).toBe(1);
  });

  it('classifies events for the log’s filter, and counts them below a cursor', () => {
    const events = putTrace(20);
    const index = new TraceIndex();
    index.apply(0, events);
    expect(eventClass(events[0]!)).toBe('client');
    const gossip = events.find((e) => e.kind === 'send' && e.body.type === 'gossip');
    expect(gossip && eventClass(gossip)).toBe('gossip');
    const all = ['client', 'replication', 'handoff', 'gossip', 'anti-entropy', 'membership', 'cluster'] as const;
    expect(all.reduce((n, c) => n + index.countBefore(c, index.length), 0)).toBe(index.length);
    expect(index.countBefore('client', 1)).toBe(1);
  });

  it('drops the cut part of the trace and rebuilds its indexes (a fork)', () => {
    const events = putTrace(20);
    const index = new TraceIndex();
    index.apply(0, events);
    const epoch = index.epoch;
    index.apply(3, []);
    expect(index.length).toBe(3);
    expect(index.epoch).toBe(epoch + 1);
    expect(index.eventsOfOp(1)).toEqual([0, 1, 2]);
    index.apply(0, []);
    expect(index.opsBefore(10)).toEqual([]);
  });

  it('tells its listeners of every cut, and of nothing else, so panel caches let the old prefix go at once', () => {
    const events = putTrace(20);
    const index = new TraceIndex();
    let cuts = 0;
    index.whenCut(() => cuts++);
    index.apply(0, events.slice(0, 10));
    index.apply(10, events.slice(10)); // appended, not cut
    expect(cuts).toBe(0);
    index.apply(5, events.slice(5, 8)); // a fork: the events from 5 on are replaced
    expect(cuts).toBe(1);
    expect(index.length).toBe(8);
    index.apply(0, []); // a new session
    expect(cuts).toBe(2);
  });

  it('names the messages sent among a range of events, and none past the trace', () => {
    const trace = putTrace(20);
    const index = new TraceIndex();
    index.apply(0, trace);
    const sends = trace.filter((e): e is Extract<TraceEvent, { kind: 'send' }> => e.kind === 'send');
    expect([...index.sentBetween(0, trace.length)]).toEqual(sends.map((e) => e.msgId));
    const second = trace.indexOf(sends[1]!);
    expect([...index.sentBetween(second, second + 1)]).toEqual([sends[1]!.msgId]);
    expect(index.sentBetween(trace.length, trace.length + 10).size).toBe(0);
  });

  it('finds the operation of a replica’s messages', () => {
    const events = putTrace(20);
    const ack = events.find((e) => e.kind === 'send' && e.body.type === 'put-ack')!;
    expect(opIdOf(ack)).toBe(1);
    expect(opIdOf(events.find((e) => e.kind === 'version-stored')!)).toBeUndefined();
  });

  it('cut back and extended again, answers every question as one built from that trace at once', () => {
    const trace = putTrace(60);
    const classes = ['client', 'replication', 'handoff', 'gossip', 'anti-entropy', 'membership', 'cluster'] as const;
    const answers = (index: TraceIndex) => ({
      length: index.length,
      classes: index.events.map((_, i) => index.classOf(i)),
      counts: classes.map((c) => Array.from({ length: index.length + 2 }, (_, upTo) => index.countBefore(c, upTo))),
      ops: index.opsBefore(index.length + 1),
      byOp: index.opsBefore(index.length + 1).map((o) => index.eventsOfOp(o.opId)),
      gone: index.eventsOfOp(99),
      reads: Array.from({ length: index.length + 2 }, (_, upTo) => index.lastReadBefore('cart', upTo)),
      recentReads: Array.from({ length: index.length + 2 }, (_, upTo) => index.lastReadsBefore('cart', upTo, 3)),
      puts: index.putsOf('cart'),
      exchange: index.lastExchangeBefore(index.length + 1),
      history: Array.from({ length: index.length + 2 }, (_, upTo) => index.historyEventsOf('cart', upTo)),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(trace.length), fc.nat(trace.length)), { minLength: 1, maxLength: 5 }), (cuts) => {
        const index = new TraceIndex();
        index.apply(0, trace);
        let shown = trace.length;
        for (const [at, upTo] of cuts) {
          const from = Math.min(at, shown);
          const to = Math.max(from, upTo);
          index.apply(from, trace.slice(from, to));
          shown = to;
        }
        const fresh = new TraceIndex();
        fresh.apply(0, trace.slice(0, shown));
        expect(answers(index)).toEqual(answers(fresh));
      }),
      { numRuns: 60 },
    );
  });

  it("gives a key's version history from the key's own events what a pass over the whole trace gives: random runs with failures, destroyed disks, hints and truncations", () => {
    // Three coordinators and a threshold of two: the third put truncates the cart's clock.
    const truncating = Cluster.create({ n: 3, r: 3, w: 3, ringSize: 1000, nodes: ['node1', 'node2', 'node3'].map((id, i) => ({ id, tokens: [[20, 230, 458][i]!] })), keyPositions: { cart: 100 }, latency: { kind: 'fixed', ms: 10 }, clockTruncationThreshold: 2 }, 1);
    let context: VectorClock | undefined;
    for (const via of ['node1', 'node2', 'node3']) {
      truncating.apply({ type: 'put', key: 'cart', value: via, via, ...(context ? { context } : {}) });
      truncating.settle();
      const read = truncating.apply({ type: 'get', key: 'cart', via });
      truncating.settle();
      context = (truncating.trace.filter((e) => e.kind === 'op-end' && e.opId === read.opId)[0] as EventOf<'op-end'>).context;
    }
    expect(truncating.trace.some((e) => e.kind === 'clock-truncated')).toBe(true);
    const runs = [truncating, ...[3, 11, 29, 57, 101, 202].map((seed) => runSchedule(randomSchedule(seed), { checkEveryStep: false }).cluster)];
    for (const [run, cluster] of runs.entries()) {
      const seed = run;
      const index = TraceIndex.of(cluster.trace);
      const ends = run === 0 ? Array.from({ length: index.length + 1 }, (_, i) => i) : [1, 2, 3, 5, 8].map((k) => Math.floor((index.length * k) / 8));
      for (const key of [...SCHEDULE_KEYS, 'no-such-key'])
        for (const upTo of ends) {
          const atSeq = index.events[upTo - 1]?.seq ?? -1;
          expect(versionHistory(index.events, key, { atSeq, indices: index.historyEventsOf(key, upTo) }), `run ${seed}, ${key} at ${upTo}`).toEqual(versionHistory(index.events, key, { atSeq }));
        }
    }
  });

  it("finds a key's latest read, its puts and the latest anti-entropy exchange as a scan back through the trace would", () => {
    // Gets and puts of two keys (some carrying a get's context, as the client form's merge does), a failure, and exchanges every 2 s.
    const cluster = Cluster.create({ ...DEFAULT_CONFIG, antiEntropyIntervalMs: 2000 }, DEFAULT_SEED);
    for (let i = 0; i < 16; i++) {
      const key = i % 3 === 0 ? 'hat' : 'cart';
      const read = [...cluster.trace].reverse().find((e) => e.kind === 'op-end' && e.op === 'get' && e.key === key);
      const context = read?.kind === 'op-end' && read.versions ? contextClock(read.versions) : undefined;
      if (i === 7) cluster.apply({ type: 'fail', node: 'C' });
      cluster.apply(i % 2 === 0 ? { type: 'get', key } : { type: 'put', key, value: i, ...(context ? { context } : {}) });
      cluster.runUntil(cluster.nowMs + 700);
    }
    const trace = [...cluster.trace];
    const index = TraceIndex.of(trace);
    const scanBack = (upTo: number, is: (e: TraceEvent) => boolean) => {
      for (let i = Math.min(upTo, trace.length) - 1; i >= 0; i--) if (is(trace[i]!)) return i;
      return -1;
    };
    expect(trace.filter((e) => e.kind === 'ae-started').length).toBeGreaterThan(2);
    expect(trace.filter((e) => e.kind === 'op-end' && e.op === 'get' && e.ok).length).toBeGreaterThan(4);
    for (let upTo = 0; upTo <= trace.length + 1; upTo++) {
      for (const key of ['cart', 'hat', 'none']) expect(index.lastReadBefore(key, upTo)).toBe(scanBack(upTo, (e) => e.kind === 'op-end' && e.op === 'get' && e.key === key && e.ok));
      // The client form's Context menu: the latest few, newest first.
      const reads = trace.flatMap((e, i) => (i < upTo && e.kind === 'op-end' && e.op === 'get' && e.key === 'cart' && e.ok ? [i] : []));
      for (const count of [1, 3, 5]) expect(index.lastReadsBefore('cart', upTo, count)).toEqual(reads.slice(-count).reverse());
      expect(index.lastExchangeBefore(upTo)).toBe(scanBack(upTo, (e) => e.kind === 'ae-started' && e.node !== null));
    }
    for (const key of ['cart', 'hat']) expect(index.putsOf(key)).toEqual(trace.flatMap((e, i) => (e.kind === 'op-start' && e.op === 'put' && e.key === key ? [i] : [])));
    for (const id of new Set(trace.flatMap((e) => (e.kind === 'ae-started' ? [e.exchangeId] : [])))) {
      expect(index.eventsOfExchange(id)).toEqual(trace.flatMap((e, i) => ((e.kind === 'ae-started' || e.kind === 'ae-level' || e.kind === 'ae-done') && e.exchangeId === id ? [i] : [])));
    }
    // Cut back past some of them: forgotten, as if never recorded.
    const at = Math.floor(trace.length / 2);
    index.apply(at, []);
    expect(index.lastReadBefore('cart', trace.length)).toBe(scanBack(at, (e) => e.kind === 'op-end' && e.op === 'get' && e.key === 'cart' && e.ok));
    expect(index.lastExchangeBefore(trace.length)).toBe(scanBack(at, (e) => e.kind === 'ae-started' && e.node !== null));
    expect(index.putsOf('cart').every((i) => i < at)).toBe(true);
  });
});
