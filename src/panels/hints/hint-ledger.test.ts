/**
 * The hinted stores the panel reads from the trace are the engine's own, at every step:
 * lecture 002's example (B down, the write lands on D with a hint for B, D hands it over
 * once B is back), stepping back, and random fault schedules compared event by event.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Cluster, type ClusterConfig, type TraceEvent } from '../../engine/index';
// Test support shared with the engine's own tests; it reaches the engine through index.ts alone.
// eslint-disable-next-line no-restricted-imports
import { FOUR_NODE_RING } from '../../engine/testing/fixtures';
// eslint-disable-next-line no-restricted-imports
import { randomSchedule } from '../../engine/testing/random-schedule';
import { attemptAt, HintLedger, recentDeliveries, storesByHolder, type HintsAtCursor } from './hint-ledger';

const lecture002 = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...FOUR_NODE_RING, ...overrides }, 2);

/** The engine's hinted stores, in the ledger's shape and order. */
function engineHints(cluster: Cluster) {
  return [...cluster.nodes.values()]
    .flatMap((node) => [...node.hints.values()].map((h) => ({ holder: node.id, key: h.key, intendedFor: h.intendedFor, sinceMs: h.sinceMs, versionIds: h.versions.map((v) => v.id) })))
    .sort((a, b) => (a.holder + '\0' + a.intendedFor + '\0' + a.key < b.holder + '\0' + b.intendedFor + '\0' + b.key ? -1 : 1));
}

function ledgerHints(state: HintsAtCursor) {
  return state.held.map((h) => ({ holder: h.holder, key: h.key, intendedFor: h.intendedFor, sinceMs: h.sinceMs, versionIds: h.versions.map((v) => v.id) }));
}

/** Fails B, puts cart via A and runs until D stands in for B (lecture 002). */
function sloppyWrite(cluster: Cluster): void {
  cluster.apply({ type: 'fail', node: 'B' });
  cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
  cluster.runUntil(200);
}

describe('what became of the copy sent to a stand-in', () => {
  const outcomes = (cluster: Cluster) => new HintLedger().at(cluster.trace, cluster.trace.length).sloppy.map((t) => `${t.standIn} for ${t.intendedFor}: ${t.outcome}`);

  it('B down: D takes the copy and keeps it as a hint (arrived)', () => {
    const cluster = lecture002();
    sloppyWrite(cluster);
    expect(outcomes(cluster)).toEqual(['D for B: arrived']);
  });

  it('a stand-in across the cut: the copy is lost and the stand-in keeps nothing, as its hinted store shows', () => {
    const cluster = lecture002();
    cluster.apply({ type: 'partition', groups: [['A', 'B'], ['C', 'D']] });
    cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntil(105); // the stand-in is chosen at A's replica timeout; its copy is still on the way
    expect(outcomes(cluster)).toEqual(['D for C: on-the-way']);
    cluster.runUntil(400);
    expect(outcomes(cluster)).toEqual(['D for C: lost']);
    expect(engineHints(cluster)).toEqual([]);
  });
});

describe('why a stand-in was used: B down, cut off, or up but too slow to answer', () => {
  const whyOf = (cluster: Cluster) => new HintLedger().at(cluster.trace, cluster.trace.length).sloppy.map((t) => `${t.standIn} for ${t.intendedFor}: ${t.why}`);

  it('a partition between A and B: cut off', () => {
    const cluster = lecture002();
    cluster.apply({ type: 'partition', groups: [['A', 'C', 'D'], ['B']] });
    cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntil(200);
    expect(whyOf(cluster)).toEqual(['D for B: cut-off']);
  });

  it('no node down and no link cut, but B answers slowly: up, no answer in time (the surprise of a busy cluster)', () => {
    const cluster = lecture002();
    cluster.apply({ type: 'slowLink', from: 'A', to: 'B', extraMs: 1000 });
    cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntil(400);
    expect(whyOf(cluster)).toEqual(['D for B: no-answer']);
  });

  it('after B recovers and the network heals, a later stand-in is not blamed on the old failure', () => {
    const cluster = lecture002();
    cluster.apply({ type: 'fail', node: 'B' });
    cluster.apply({ type: 'recover', node: 'B' });
    cluster.apply({ type: 'cutLink', from: 'A', to: 'B' });
    cluster.apply({ type: 'heal' });
    cluster.apply({ type: 'slowLink', from: 'A', to: 'B', extraMs: 1000 });
    cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntil(400);
    expect(whyOf(cluster)).toEqual(['D for B: no-answer']);
  });
});

describe('lecture 002: N=3 W=2, B down — D keeps a hint for B and hands it over', () => {
  it('shows the hint at the stand-in D, meant for B, since the write reached D, with D1', () => {
    const cluster = lecture002();
    sloppyWrite(cluster);
    const state = new HintLedger().at(cluster.trace, cluster.trace.length);
    expect(state.held).toHaveLength(1);
    const [hint] = state.held;
    expect(hint).toMatchObject({ holder: 'D', key: 'cart', intendedFor: 'B', sinceMs: cluster.node('D').hints.values().next().value!.sinceMs });
    expect(hint!.versions.map((v) => v.id)).toEqual([1]);
    expect(state.sloppy).toMatchObject([{ op: 'put', key: 'cart', coordinator: 'A', standIn: 'D', intendedFor: 'B', why: 'down' }]);
    expect(state.counts).toEqual([{ atMs: hint!.sinceMs, count: 1 }]);
    expect(storesByHolder(state.held)).toEqual([{ holder: 'D', hints: [hint] }]);
  });

  it('after B recovers, the hint is gone, delivered to B with D1, and the count falls back to 0', () => {
    const cluster = lecture002();
    sloppyWrite(cluster);
    cluster.runUntil(700); // D tries B while it is down: those attempts are lost
    const whileDown = new HintLedger().at(cluster.trace, cluster.trace.length);
    expect(whileDown.held[0]!.attempt).toMatchObject({ to: 'B', outcome: 'lost' });
    cluster.apply({ type: 'recover', node: 'B' });
    cluster.runUntil(2000);
    const state = new HintLedger().at(cluster.trace, cluster.trace.length);
    expect(state.held).toEqual([]);
    expect(state.deliveries).toMatchObject([{ holder: 'D', key: 'cart', intendedFor: 'B', deliveredTo: 'B', versionIds: [1] }]);
    expect(state.counts.map((p) => p.count)).toEqual([1, 0]);
    const delivery = state.deliveries[0]!;
    expect(recentDeliveries(state.deliveries, delivery.atMs + 5, 100)).toEqual([delivery]);
    expect(recentDeliveries(state.deliveries, delivery.atMs + 500, 100)).toEqual([]);
  });

  it('steps back: the ledger at an earlier cursor is the one a fresh read gives, hint and all', () => {
    const cluster = lecture002();
    sloppyWrite(cluster);
    cluster.apply({ type: 'recover', node: 'B' });
    cluster.runUntil(2000);
    const stored = cluster.trace.findIndex((e) => e.kind === 'hint-stored');
    const ledger = new HintLedger();
    expect(ledger.at(cluster.trace, cluster.trace.length).held).toEqual([]);
    const back = ledger.at(cluster.trace, stored + 1);
    expect(back).toEqual(new HintLedger().at(cluster.trace, stored + 1));
    expect(back.held.map((h) => h.key)).toEqual(['cart']);
    expect(back.deliveries).toEqual([]);
    expect(ledger.at(cluster.trace, stored).held).toEqual([]); // one event earlier: not stored yet
  });

  it('forgotten (the trace was cut), it reads the trace afresh, even in the same epoch', () => {
    const cluster = lecture002();
    sloppyWrite(cluster);
    const ledger = new HintLedger();
    const before = ledger.at(cluster.trace, cluster.trace.length);
    expect(before.held.map((h) => h.key)).toEqual(['cart']);
    ledger.forget();
    expect(ledger.at(cluster.trace, cluster.trace.length)).toEqual(before);
  });

  it('a destroyed stand-in loses its hints with its disk', () => {
    const cluster = lecture002();
    sloppyWrite(cluster);
    cluster.apply({ type: 'destroy', node: 'D' });
    const state = new HintLedger().at(cluster.trace, cluster.trace.length);
    expect(state.held).toEqual([]);
    expect(state.lost).toBe(1);
    expect(state.deliveries).toEqual([]);
  });
});

describe('a handover in flight', () => {
  it('is placed by its send and delivery times', () => {
    const attempt = { msgId: 1, to: 'B', sentAtMs: 100, deliverAtMs: 110, outcome: 'in-flight' as const };
    expect(attemptAt(attempt, 105)).toEqual({ phase: 'in-flight', progress: 0.5 });
    expect(attemptAt(attempt, 200)).toEqual({ phase: 'in-flight', progress: 1 });
    expect(attemptAt({ ...attempt, outcome: 'lost' }, 105).phase).toBe('lost');
    expect(attemptAt(null, 105).phase).toBe('none');
  });
});

/** Plays a random fault schedule, then recovers everyone; calls `check` after every input and step. */
function playSchedule(seed: number, check: (cluster: Cluster) => void): void {
  const schedule = randomSchedule(seed);
  const cluster = Cluster.create(schedule.config, schedule.seed);
  const runFor = (ms: number) => {
    const until = cluster.nowMs + ms;
    while ((cluster.queue.peek()?.atMs ?? Infinity) <= until) {
      cluster.step();
      check(cluster);
    }
  };
  for (const action of schedule.actions) {
    if (action.kind === 'wait') runFor(action.ms);
    else cluster.apply(action.kind === 'put' ? { type: 'put', key: action.key, value: action.value, ...(action.via ? { via: action.via } : {}) } : action.input);
    check(cluster);
  }
  cluster.apply({ type: 'heal' });
  for (const node of cluster.nodes.values()) if (!node.isUp && !node.isDestroyed) cluster.apply({ type: 'recover', node: node.id });
  runFor(1500);
}

describe('the ledger agrees with the engine at every step of random fault schedules', () => {
  test.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: 12 })('seed %i: the same hints, stand-ins, intended nodes, times and versions', (seed) => {
    const ledger = new HintLedger();
    playSchedule(seed, (cluster) => {
      const state = ledger.at(cluster.trace, cluster.trace.length);
      const expected = engineHints(cluster);
      expect(ledgerHints(state)).toEqual(expected);
      // A hint is in exactly one stand-in's store: (holder, intended node, key) never repeats.
      expect(new Set(state.held.map((h) => `${h.holder}/${h.intendedFor}/${h.key}`)).size).toBe(state.held.length);
      expect(state.counts.at(-1)?.count ?? 0).toBe(expected.length);
    });
  });

  it('some schedule of the sweep really holds and delivers hints (the property is not vacuous)', () => {
    let delivered = 0;
    for (let seed = 1; seed <= 12 && delivered === 0; seed++) {
      const ledger = new HintLedger();
      let last: readonly TraceEvent[] = [];
      playSchedule(seed, (cluster) => {
        last = cluster.trace;
      });
      delivered += ledger.at(last, last.length).deliveries.length;
    }
    expect(delivered).toBeGreaterThan(0);
  });
});
