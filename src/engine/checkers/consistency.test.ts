/**
 * The consistency checker reads what clients got off the trace alone: stale reads (a get
 * that missed a write acknowledged before it began), siblings per read, writes lost with
 * every node that held them, and — never expected — acknowledged writes that vanished
 * while a holder lives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster, checkConsistency, contextClock, descendsOrEqual, type ClusterConfig, type EventOf, type TraceEvent } from '../index';
import { FOUR_NODE_RING, ofKind, opEnd } from '../testing/fixtures';

/** cart at 50: top three A, B, C; D is the fallback. */
const CONFIG: ClusterConfig = FOUR_NODE_RING;
const cluster = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...CONFIG, ...overrides }, 8);

describe('stale reads', () => {
  it('W=1 R=1 across a partition: a read on the far side misses the acknowledged write, and the checker says so', () => {
    const c = cluster({ r: 1, w: 1 });
    c.apply({ type: 'partition', groups: [['A'], ['B', 'C', 'D']] });
    const put = c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    expect(opEnd(c, put.opId)).toMatchObject({ ok: true, acks: ['A'] }); // W=1: A's own write answers at once
    const get = c.apply({ type: 'get', key: 'cart', via: 'B' });
    c.settle();
    expect(opEnd(c, get.opId)).toMatchObject({ ok: true, versions: [] });
    const report = checkConsistency(c.trace);
    expect(report.staleReads).toEqual([{ getOpId: get.opId, key: 'cart', putOpId: put.opId, versionId: 1 }]);
    expect(report.vanishedWrites).toEqual([]);
  });

  it('R + W > N without failures: the same read is not stale', () => {
    const c = cluster();
    const put = c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.runUntilDone(put.opId!);
    const get = c.apply({ type: 'get', key: 'cart', via: 'B' });
    c.settle();
    expect(opEnd(c, get.opId).versions!.map((v) => v.value)).toEqual(['book']);
    expect(checkConsistency(c.trace).staleReads).toEqual([]);
  });

  it('a get that began before the put was acknowledged is not stale for missing it', () => {
    const c = cluster({ r: 1, w: 1 });
    c.apply({ type: 'partition', groups: [['A'], ['B', 'C', 'D']] });
    const get = c.apply({ type: 'get', key: 'cart', via: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.settle();
    expect(opEnd(c, get.opId).versions).toEqual([]);
    expect(checkConsistency(c.trace).staleReads).toEqual([]);
  });
});

describe('stale reads, found as checking every acknowledged put for every get finds them', () => {
  /** The plain reading of the rule: each get against each put of its key acknowledged before it began. */
  function staleReadsByHand(trace: readonly TraceEvent[]) {
    const starts = new Map<number, number>();
    const acked: EventOf<'op-end'>[] = [];
    const out: { getOpId: number; key: string; putOpId: number; versionId: number }[] = [];
    for (const e of trace) {
      if (e.kind === 'op-start') starts.set(e.opId, e.seq);
      if (e.kind !== 'op-end' || !e.ok) continue;
      if (e.op === 'put' && e.version) acked.push(e);
      if (e.op !== 'get') continue;
      for (const p of acked) {
        if (p.key !== e.key || p.seq >= starts.get(e.opId)!) continue;
        if (!(e.versions ?? []).some((v) => descendsOrEqual(v.clock, p.version!.clock))) out.push({ getOpId: e.opId, key: e.key, putOpId: p.opId, versionId: p.version!.id });
      }
    }
    return out;
  }

  it('in random runs of R=1, W=1 with lost messages, splits and failures, blind puts and puts that carry what a get read', () => {
    let stale = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.tuple(fc.nat(9), fc.nat(2), fc.constantFrom('A', 'B', 'C', 'D')), { minLength: 20, maxLength: 120 }), (seed, actions) => {
        const c = Cluster.create({ ...CONFIG, r: 1, w: 1, lossRate: 0.2 }, seed);
        const read = new Map<string, EventOf<'op-end'>>();
        let isSplit = false;
        for (const [what, k, via] of actions) {
          const key = ['cart', 'hat', 'k'][k]!;
          if (what < 4) {
            const context = what === 0 && read.has(key) ? { context: contextClock(read.get(key)!.versions ?? []) } : {};
            c.apply({ type: 'put', key, value: what, via, ...context });
          } else if (what < 8) {
            const { opId } = c.apply({ type: 'get', key, via });
            c.runUntil(c.nowMs + 30);
            const end = ofKind(c.trace, 'op-end').find((e) => e.opId === opId);
            if (end?.ok) read.set(key, end);
          } else if (what === 8) c.apply(c.node(via).isUp ? { type: 'fail', node: via } : { type: 'recover', node: via });
          else {
            c.apply(isSplit ? { type: 'heal' } : { type: 'partition', groups: [[via], ['A', 'B', 'C', 'D'].filter((n) => n !== via)] });
            isSplit = !isSplit;
          }
          c.runUntil(c.nowMs + 5);
        }
        c.settle();
        const byHand = staleReadsByHand(c.trace);
        stale += byHand.length;
        expect(checkConsistency(c.trace).staleReads).toEqual(byHand);
      }),
      { numRuns: 60 },
    );
    expect(stale).toBeGreaterThan(20);
  });
});

describe('lost writes', () => {
  it('a write whose every holder is destroyed is lost, naming the holders; none vanished', () => {
    const c = cluster({ hintedHandoff: false });
    const put = c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.settle();
    expect(checkConsistency(c.trace).lostWrites).toEqual([]);
    for (const node of ['A', 'B']) c.apply({ type: 'destroy', node });
    expect(checkConsistency(c.trace).lostWrites).toEqual([]); // C still holds it
    c.apply({ type: 'destroy', node: 'C' });
    const report = checkConsistency(c.trace);
    expect(report.lostWrites).toEqual([{ putOpId: put.opId, key: 'cart', versionId: 1, holders: ['A', 'B', 'C'] }]);
    expect(report.vanishedWrites).toEqual([]);
  });

  it('a hinted copy counts as a holder: the write survives the destruction of its replicas on D', () => {
    const c = cluster({ replicaTimeoutMs: 50 });
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.runUntil(120); // D holds a hint for B
    expect(c.node('D').hints.size).toBe(1);
    for (const node of ['A', 'C']) c.apply({ type: 'destroy', node });
    expect(checkConsistency(c.trace).lostWrites).toEqual([]);
    c.apply({ type: 'destroy', node: 'D' });
    expect(checkConsistency(c.trace).lostWrites).toMatchObject([{ key: 'cart', holders: ['A', 'C', 'D'] }]);
  });

  it('a write superseded by a newer one is not lost when only the newer one survives', () => {
    const c = cluster({ hintedHandoff: false });
    const first = c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.settle();
    c.apply({ type: 'partition', groups: [['A', 'D'], ['B', 'C']] });
    c.apply({ type: 'put', key: 'cart', value: 2, via: 'B', context: opEnd(c, first.opId).version!.clock });
    c.settle();
    c.apply({ type: 'destroy', node: 'A' });
    const report = checkConsistency(c.trace);
    expect(report.lostWrites).toEqual([]); // B and C hold version 2, which descends from version 1
    expect(report.vanishedWrites).toEqual([]);
  });

  // Regression (checker): consistency.ts finalHoldings() records every node that ever stored a
  // version in `everHeld` and never drops one that handed the key off (`keys-released`). Here
  // A hands cart to X on X's join and lets go of it; X is destroyed, so the write is lost
  // with every node that still held it — yet A, alive, counts as a holder and the write is
  // reported as vanished ("should never happen"). The random sweep hit this.
  it('a write handed off on a join and then destroyed with its new holder is lost, not vanished', () => {
    const c = cluster({ n: 1, r: 1, w: 1 });
    const put = c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.settle();
    c.apply({ type: 'addNode', id: 'X', tokens: [60] });
    c.settle();
    expect(ofKind(c.trace, 'keys-released')).toMatchObject([{ node: 'A', keys: ['cart'] }]);
    c.apply({ type: 'destroy', node: 'X' });
    const report = checkConsistency(c.trace);
    expect(report.vanishedWrites).toEqual([]);
    expect(report.lostWrites).toMatchObject([{ putOpId: put.opId, key: 'cart' }]);
  });
});

describe('siblings per read', () => {
  it('counts the versions each successful get returned: 0 before any write, 1, then 2 concurrent siblings', () => {
    const c = cluster({ r: 3, w: 1, hintedHandoff: false });
    const empty = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    c.apply({ type: 'put', key: 'cart', value: 'x', via: 'A' });
    c.settle();
    const one = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    // Two clients write without each other's context on either side of a split: siblings.
    c.apply({ type: 'partition', groups: [['A'], ['B', 'C', 'D']] });
    c.apply({ type: 'put', key: 'cart', value: 'left', via: 'A', context: opEnd(c, one.opId).context! });
    c.apply({ type: 'put', key: 'cart', value: 'right', via: 'B', context: opEnd(c, one.opId).context! });
    c.settle();
    c.apply({ type: 'heal' });
    c.runUntil(c.nowMs + 1000);
    const two = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    expect(opEnd(c, two.opId).versions!.map((v) => v.value).sort()).toEqual(['left', 'right']);
    const failed = c.apply({ type: 'fail', node: 'C' }) && c.apply({ type: 'get', key: 'cart', via: 'A' }); // R=3 with C down: fails
    c.settle();
    expect(opEnd(c, failed.opId).ok).toBe(false);
    expect(checkConsistency(c.trace).siblingsPerRead).toEqual([
      { opId: empty.opId, key: 'cart', siblings: 0 },
      { opId: one.opId, key: 'cart', siblings: 1 },
      { opId: two.opId, key: 'cart', siblings: 2 },
    ]);
  });
});

describe('vanished writes (an engine bug, if one ever happened)', () => {
  it('an acknowledged version that every holder let go of, with no disk destroyed, is vanished, not lost', () => {
    const c = cluster();
    const put = c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.settle();
    const holders = [...new Set(ofKind(c.trace, 'version-stored').map((e) => e.node!))];
    expect(holders.length).toBeGreaterThan(0);
    // A trace as a faulty engine would write it: every holder releases the key, none was destroyed.
    let seq = c.trace.at(-1)!.seq;
    const faulty = [...c.trace, ...holders.map((node) => ({ seq: ++seq, atMs: c.nowMs, node, causeSeq: null, kind: 'keys-released' as const, keys: ['cart'] }))];
    const report = checkConsistency(faulty);
    expect(report.lostWrites).toEqual([]);
    expect(report.vanishedWrites).toEqual([{ putOpId: put.opId, key: 'cart', versionId: 1, holders: [] }]);
    expect(checkConsistency(c.trace).vanishedWrites).toEqual([]);
  });
});
