import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster, type TraceEvent } from '../../engine/index';
import { DEFAULT_CONFIG } from '../../worker/default-config';
import { IntervalIndex, SpaceTimeModel } from './spacetime-model';

/** The teaching ring (lecture 000): a put of cart via D, run until the cluster is quiet. */
function teachingPut(): TraceEvent[] {
  const cluster = Cluster.create(DEFAULT_CONFIG, 42);
  cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'D' });
  cluster.runUntil(30);
  return cluster.trace;
}

describe('the space-time model of a put on the teaching ring', () => {
  const model = new SpaceTimeModel().update(teachingPut(), 0);

  it('has an arrow per message, in send order: coordinator to replicas, then their acks back', () => {
    const arrows = model.arrows.map((a) => `${a.label} ${a.from}→${a.to}`);
    expect(arrows).toEqual(['put(cart) D→C', 'put(cart) D→A', 'put-ack(cart) A→D', 'put-ack(cart) C→D']);
    expect(model.arrows.every((a) => a.end?.kind === 'deliver' && a.end.atMs >= a.sendMs)).toBe(true);
  });

  it('finds when the last message of a shown kind began, passing over hidden ones, up to a trace position', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, 42);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'D' });
    cluster.runUntil(3000); // a put, then gossip and anti-entropy
    const trace = cluster.trace;
    const full = new SpaceTimeModel().update(trace, 0);
    expect(full.arrows.some((a) => a.traffic === 'gossip')).toBe(true);
    const lastReplication = full.arrows.filter((a) => a.traffic === 'replication').at(-1)!;
    expect(full.lastShownStart(trace.length, (t) => t === 'replication')).toBe(lastReplication.sendMs);
    expect(full.lastShownStart(trace.length, (t) => t === 'gossip')).toBe(full.arrows.filter((a) => a.traffic === 'gossip').at(-1)!.sendMs);
    // Before the put's first message, only the request itself, begun at 0 ms.
    expect(full.lastShownStart(full.arrows[0]!.index, () => true)).toBe(0);
    expect(new SpaceTimeModel().update(trace.slice(0, 0), 0).lastShownStart(0, () => true)).toBeNull();
  });

  it('spans the client operation from request to answer', () => {
    expect(model.ops).toHaveLength(1);
    const op = model.ops[0]!;
    expect(op).toMatchObject({ op: 'put', key: 'cart', via: 'D', startMs: 0 });
    expect(op.end).toMatchObject({ ok: true });
    expect(op.end!.atMs).toBeCloseTo(op.end!.latencyMs);
  });

  it('takes a forwarded request where the first forward arrived, not where a late one did (which coordinates a copy no client waits for)', () => {
    const nodes = ['A', 'B', 'C', 'D', 'G'].map((id, i) => ({ id, tokens: [[100, 200, 300, 400, 700][i]!] }));
    const cluster = Cluster.create({ n: 3, r: 2, w: 2, ringSize: 1000, keyPositions: { k: 150 }, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes }, 5);
    // G's forward to B takes 150 ms: G forwards to C at 100 ms, C takes it at 110 and answers at 130; B's copy arrives at 150.
    cluster.apply({ type: 'slowLink', from: 'G', to: 'B', extraMs: 140 });
    cluster.apply({ type: 'put', key: 'k', value: 1, via: 'G' });
    cluster.runUntil(500);
    expect(cluster.trace.some((e) => e.kind === 'late-forward' && e.node === 'B')).toBe(true);
    const [op] = new SpaceTimeModel().update(cluster.trace, 0).ops;
    expect(op!.taken).toMatchObject({ node: 'C', atMs: 110 });
    expect(op!.end).toMatchObject({ atMs: 130 });
  });

  it("does not take a request where a late forward landed while via coordinated it itself (the trace does not say via took it)", () => {
    const nodes = ['A', 'B', 'C', 'D', 'G'].map((id, i) => ({ id, tokens: [[100, 200, 300, 400, 700][i]!] }));
    const cluster = Cluster.create({ n: 2, r: 1, w: 2, ringSize: 1000, keyPositions: { k: 150 }, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes }, 5);
    // G's forwards to B (slow) and C (cut) go unanswered: G coordinates the put itself at 200 ms, and B's copy lands at 215, before the answer at 220.
    cluster.apply({ type: 'slowLink', from: 'G', to: 'B', extraMs: 205 });
    cluster.apply({ type: 'cutLink', from: 'G', to: 'C' });
    cluster.apply({ type: 'put', key: 'k', value: 1, via: 'G' });
    cluster.runUntil(500);
    expect(cluster.trace.filter((e) => e.kind === 'late-forward').map((e) => `${e.node} ${e.atMs} ${e.takenBy}`)).toEqual(['B 215 G']);
    const [op] = new SpaceTimeModel().update(cluster.trace, 0).ops;
    expect(op!.taken).toBeNull();
    expect(op!.end).toMatchObject({ atMs: 220 });
  });

  it('marks the version once, where it is created, with its clock in the lectures’ notation', () => {
    expect(model.versions).toEqual([expect.objectContaining({ node: 'D', key: 'cart', versionId: 1, clock: '([D,1])', atMs: 0 })]);
  });

  it('finds what overlaps a time window', () => {
    const late = model.arrowsIn(10, 12).map((a) => `${a.from}→${a.to}`);
    expect(late).toEqual(['A→D', 'C→D']);
    expect(model.arrowsIn(-5, -1)).toEqual([]);
    expect(model.opsIn(5, 6)).toHaveLength(1);
  });
});

describe('incremental updates', () => {
  const trace = teachingPut();

  it('reading the trace in pieces gives the same model as reading it at once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: trace.length }), { maxLength: 4 }), (cuts) => {
        const pieces = new SpaceTimeModel();
        for (const end of [...cuts].sort((a, b) => a - b)) pieces.update(trace.slice(0, end), 0);
        pieces.update(trace, 0);
        const whole = new SpaceTimeModel().update(trace, 0);
        expect(pieces.arrows).toEqual(whole.arrows);
        expect(pieces.ops).toEqual(whole.ops);
        expect(pieces.versions).toEqual(whole.versions);
      }),
    );
  });

  it('starts again when the trace was cut (the timeline forked)', () => {
    const model = new SpaceTimeModel().update(trace, 0);
    model.update(trace.slice(0, 5), 1);
    expect(model.arrows.map((a) => a.msgId)).toEqual([1, 2]);
    expect(model.arrows.every((a) => a.end === null)).toBe(true);
  });

  it('forgets everything it read, and reads the same trace to the same model again, whatever the epoch', () => {
    const model = new SpaceTimeModel().update(trace, 0);
    const arrows = model.arrows;
    model.forget();
    expect([model.arrows, model.ops, model.versions, model.arrowsIn(-1e9, 1e9), model.lastMs]).toEqual([[], [], [], [], 0]);
    expect(model.update(trace, 0).arrows).toEqual(arrows);
  });

  it('replaces a record that learns its end, and keeps the others', () => {
    const model = new SpaceTimeModel().update(trace.slice(0, 6), 0);
    const before = [...model.arrows];
    model.update(trace, 0);
    expect(model.arrows[0]).not.toBe(before[0]);
    expect(before[0]!.end).toBeNull();
  });
});

describe('lost and delayed messages, failed operations', () => {
  it('ends a message dropped by hand with its loss, and a delayed one knows its new time', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, 42);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'D' });
    cluster.apply({ type: 'dropMessage', msgId: 1 });
    cluster.apply({ type: 'delayMessage', msgId: 2, byMs: 40 });
    cluster.runUntil(100);
    const model = new SpaceTimeModel().update(cluster.trace, 0);
    expect(model.arrow(1)!.end).toMatchObject({ kind: 'drop', reason: 'user', atMs: 0 });
    const delayed = model.arrow(2)!;
    expect(delayed.delays).toHaveLength(1);
    expect(delayed.end!.atMs).toBeCloseTo(delayed.delays[0]!.dueMs);
  });

  it('records faults and a split of the network', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, 42);
    cluster.apply({ type: 'fail', node: 'B' });
    cluster.apply({ type: 'partition', groups: [['A', 'B'], ['C', 'D']] });
    cluster.apply({ type: 'heal' });
    cluster.apply({ type: 'recover', node: 'B' });
    const model = new SpaceTimeModel().update(cluster.trace, 0);
    expect(model.faults.map((f) => [f.kind, f.node, f.detail])).toEqual([
      ['failed', 'B', undefined],
      ['partitioned', null, '{A, B} | {C, D}'],
      ['healed', null, undefined],
      ['recovered', 'B', undefined],
    ]);
  });
});

describe('interval index', () => {
  const interval = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3000 })));

  it('finds exactly the intervals that overlap a window, in order', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 40 }), fc.integer({ min: -10, max: 3100 }), fc.integer({ min: 0, max: 200 }), (raw, t0, width) => {
        let start = 0;
        const index = new IntervalIndex();
        const all: [number, number][] = [];
        for (const [gap, len] of raw) {
          start += gap;
          index.add(start, start + len);
          all.push([start, start + len]);
        }
        const t1 = t0 + width;
        const expected = all.flatMap(([s, e], i) => (s <= t1 && e >= t0 ? [i] : []));
        expect(index.query(t0, t1)).toEqual(expected);
      }),
    );
  });

  it('follows an end that moves later (an open operation that ends)', () => {
    const index = new IntervalIndex();
    index.add(0, Number.POSITIVE_INFINITY);
    index.add(5, 6);
    expect(index.query(100, 110)).toEqual([0]);
    index.setEnd(0, 8);
    expect(index.query(100, 110)).toEqual([]);
    expect(index.query(7, 7)).toEqual([0]);
  });
});
