import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from './runner';
import { parseScenario } from './validate';
import { repairsOut } from './run-reports';
import type { Scenario } from './schema';
import type { TraceEvent } from '../engine/index';
import { restoreSession } from '../share/restore';
import { runSession } from '../share/run-session';

function scenarioOf(data: unknown): Scenario {
  const parsed = parseScenario(data);
  if (!parsed.ok) throw parsed.error;
  return parsed.scenario;
}

/** Three nodes, each a replica of every key (N=3); no gossip or anti-entropy timers, so only the steps repair. */
const teaching = { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }] };

/** C misses the write while it is down, then comes back holding nothing. */
const missedWrite = [
  { op: 'fail', node: 'C' },
  { op: 'put', key: 'k', value: 'v1', via: 'A' },
  { op: 'recover', node: 'C' },
];

describe('the repairs report: how replicas that missed a write were brought up to date', () => {
  it('names the read repair of a revived replica by the get that made it, with the versions it was sent', () => {
    // R=3: the get waits for C's empty reply, then sends C the version it lacked (paper §5).
    const out = runScenario(scenarioOf({ version: 1, seed: 1, config: { ...teaching, r: 3 }, steps: [...missedWrite, { op: 'get', key: 'k', via: 'A' }, { op: 'settle' }] }));
    expect(out.repairs).toEqual({ readRepairs: [{ step: 3, key: 'k', coordinator: 'A', node: 'C', versions: ['D1'], atMs: expect.any(Number) }], handoffs: [], antiEntropy: [] });
    expect(out.final.nodes.C!.data.k!.map((v) => v.version)).toEqual(['D1']);
  });

  it("names a read repair made after the get was answered (a late reply) by the get's step, at the time it was made", () => {
    // R=2: A and B answer the get; C's reply, 50 ms slower, comes after the client has its answer, and is repaired then.
    const steps = [...missedWrite, { op: 'slowLink', from: 'C', to: 'A', extraMs: 50 }, { op: 'get', key: 'k', via: 'A' }, { op: 'settle' }];
    const out = runScenario(scenarioOf({ version: 1, seed: 1, config: teaching, steps }));
    const get = out.steps[4]!;
    expect(out.repairs!.readRepairs).toEqual([{ step: 4, key: 'k', coordinator: 'A', node: 'C', versions: ['D1'], atMs: expect.any(Number) }]);
    expect(out.repairs!.readRepairs[0]!.atMs).toBeGreaterThan(get.atMs + (get.latencyMs as number));
  });

  it('is left out of a run that repaired nothing, and is there with three empty lists when the run asks about it', () => {
    const steps = [{ op: 'put', key: 'k', value: 'v1', via: 'A' }, { op: 'settle' }, { op: 'get', key: 'k', via: 'A' }, { op: 'settle' }];
    expect(runScenario(scenarioOf({ version: 1, seed: 1, config: teaching, steps })).repairs).toBeUndefined();
    const asked = runScenario(scenarioOf({ version: 1, seed: 1, config: teaching, steps, expect: { repairs: { readRepairs: [] } } }));
    expect(asked.repairs).toEqual({ readRepairs: [], handoffs: [], antiEntropy: [] });
    expect(asked.expectations).toEqual({ checked: 1, failed: [] });
  });

  it('grades a read repair that did not happen as a failure named expect.repairs…', () => {
    const steps = [...missedWrite, { op: 'get', key: 'k', via: 'A' }, { op: 'settle' }];
    const out = runScenario(scenarioOf({ version: 1, seed: 1, config: { ...teaching, r: 3 }, steps, expect: { repairs: { readRepairs: [{ node: 'B' }], handoffs: [] } } }));
    expect(out.expectations!.failed.map((f) => f.path)).toEqual(['expect.repairs.readRepairs[0].node']);
  });

  it('names a handoff by the stand-in and the node that received it, and names the node it was meant for only when that is another', () => {
    const delivered = { atMs: 5, kind: 'hint-delivered', key: 'k', holder: 'D', versionIds: [1, 2] } as const;
    const stored = (seq: number, node: string, causeSeq: number, id: number): TraceEvent => ({ seq, atMs: 5, node, causeSeq, kind: 'version-stored', key: 'k', version: { id, value: null, clock: [] }, superseded: [], siblings: [id] });
    const trace: TraceEvent[] = [
      stored(1, 'B', 0, 1),
      stored(2, 'B', 0, 2),
      { ...delivered, seq: 3, node: 'B', causeSeq: 0 },
      stored(5, 'A', 4, 2),
      { ...delivered, seq: 6, node: 'A', causeSeq: 4, intendedFor: 'B' },
    ];
    expect(repairsOut(trace, (opId) => ({ step: opId }))!.handoffs).toEqual([
      { key: 'k', from: 'D', to: 'B', versions: ['D1', 'D2'], atMs: 5 },
      // A held D1 already: the handoff brought it D2 alone.
      { key: 'k', from: 'D', to: 'A', intendedFor: 'B', versions: ['D2'], atMs: 5 },
    ]);
  });

  it('leaves out a handoff or read repair that found its versions already there: lecture 003, where read repair reached n1 before the hint', () => {
    const out = runScenario(scenarioOf(JSON.parse(readFileSync(new URL('../../examples/lecture-003-multiple-versions.json', import.meta.url), 'utf8'))));
    expect(out.repairs!.readRepairs.map((r) => r.node)).toEqual(['n1', 'n2']);
    // n4 hands its hinted X to n1, which stores nothing: it has X already.
    expect(out.repairs!.handoffs).toEqual([]);
    for (const node of ['n1', 'n2']) expect(out.final.nodes[node]!.data.cart!.map((v) => v.version)).toContain('D1');
  });

  it("names a read repair made by a late forward's second coordination of a get by the get's own step", () => {
    // C's write never reached D (a cut link). G's forward of the get to B is slow: C coordinates
    // it and answers; at 170 ms B reads again, as the forward asks, and repairs D.
    const nodes = [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [200] }, { id: 'C', tokens: [300] }, { id: 'D', tokens: [400] }, { id: 'G', tokens: [700] }];
    const config = { ...teaching, hintedHandoff: false, keyPositions: { k: 150 }, nodes };
    const steps = [
      { op: 'cutLink', from: 'C', to: 'D' },
      { op: 'put', key: 'k', value: 'v1', via: 'C' },
      { op: 'slowLink', from: 'G', to: 'B', extraMs: 140 },
      { op: 'get', key: 'k', via: 'G' },
      { op: 'wait', ms: 400 },
    ];
    const out = runScenario(scenarioOf({ version: 1, seed: 1, config, steps }));
    expect(out.repairs!.readRepairs).toEqual([{ step: 3, key: 'k', coordinator: 'B', node: 'D', versions: ['D1'], atMs: 200 }]);
  });

  it('lists an anti-entropy exchange only when it ended and copied keys', () => {
    const done = { atMs: 80, causeSeq: null, node: 'A', kind: 'ae-done', a: 'A', b: 'B', hashesCompared: 3, bytesExchanged: 10, bytesFullTransfer: 20 } as const;
    const trace: TraceEvent[] = [
      { ...done, seq: 0, exchangeId: 1, ok: true, differingKeys: [] },
      { ...done, seq: 1, exchangeId: 2, ok: false, differingKeys: ['k1'] },
      { ...done, seq: 2, exchangeId: 3, ok: true, differingKeys: ['k0'] },
    ];
    expect(repairsOut(trace, (opId) => ({ step: opId }))).toEqual({ readRepairs: [], handoffs: [], antiEntropy: [{ a: 'A', b: 'B', keys: ['k0'], atMs: 80 }] });
  });
});

describe("a saved session's reports: an assignment done in the page, handed in as a file", () => {
  // R=1, W=1: a put through A, then at once a get through C, which has not heard of it yet.
  const session = { seed: 1, config: { ...teaching, r: 1, w: 1 }, actions: [{ input: { type: 'put', key: 'k', value: 1, context: [] } }, { input: { type: 'get', key: 'k', via: 'C' } }, { steps: 20 }] };

  it('names the stale read by the action of the get, and the put it missed by its own', () => {
    const restored = restoreSession(session);
    if (!restored.ok) throw new Error(restored.error);
    const out = runSession(restored.session);
    expect(out.consistency!.staleReads).toEqual([{ action: 1, key: 'k', missed: { action: 0, version: 'D1' } }]);
    expect(out.consistency!.reads).toEqual({ ok: 1, byVersions: { '0': 1 } });
  });

  it('reports only what had happened by the cursor, what the class saw', () => {
    const restored = restoreSession({ ...session, cursor: 1 });
    if (!restored.ok) throw new Error(restored.error);
    const out = runSession(restored.session);
    // The put was made; the get was not yet.
    expect(out.consistency).toEqual({ reads: { ok: 0, byVersions: {} }, staleReads: [], lostUpdates: [], lostWrites: [], vanishedWrites: [] });
  });
});
