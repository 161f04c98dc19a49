/**
 * The trace and final snapshot of fixed workloads, as SHA-256 hashes checked against a
 * stored snapshot. Determinism tests show that two runs agree; this shows that a change to
 * the engine (a speed-up, a refactor) leaves every byte of the trace as it was (the example
 * scenarios are checked the same way in src/scenario/examples-golden.test.ts). A change
 * meant to alter traces updates the stored hashes with `npx vitest run -u` and says why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Cluster, Rng, snapshot, type ClusterConfig, type Input } from './index';
import { randomSchedule, runSchedule } from './testing/random-schedule';

function fingerprint(cluster: Cluster): string {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  return `${cluster.eventsProcessed} events, ${cluster.trace.length} trace events, trace ${sha(JSON.stringify(cluster.trace))}, snapshot ${sha(JSON.stringify(snapshot(cluster)))}`;
}

/** The benchmark's workload, shorter: 16 nodes, N=3, a get or put every 0.2 ms. */
function benchWorkload(ops: number): Cluster {
  const nodes = Array.from({ length: 16 }, (_, i) => ({ id: `node${i}` }));
  const cluster = Cluster.create({ n: 3, r: 2, w: 2, nodes }, 42);
  for (let i = 0; i < ops; i++) {
    cluster.runUntil(i * 0.2);
    const key = `key${(i * 7919) % 1000}`;
    cluster.apply(i % 2 === 0 ? { type: 'put', key, value: i } : { type: 'get', key });
  }
  cluster.settle();
  return cluster;
}

/** Every kind of input at random: loss, cut, slow and lossy links, dropped and delayed messages, joins, leaves, anti-entropy. */
function chaos(seed: number, config: ClusterConfig, ops: number): Cluster {
  const cluster = Cluster.create(config, seed);
  const rng = Rng.fromSeed(seed * 31 + 7);
  let joined = 0;
  for (let i = 0; i < ops; i++) {
    if (i % 3 === 0) cluster.step();
    else cluster.runUntil(cluster.nowMs + rng.float() * 20);
    const members = [...cluster.nodes.values()].filter((n) => n.isMember).map((n) => n.id);
    const [a, b] = [rng.pick(members), rng.pick(members)];
    const key = `k${rng.int(0, 30)}`;
    const roll = rng.float();
    const inFlight = [...cluster.inFlight.keys()];
    const input: Input =
      roll < 0.4 ? { type: 'put', key, value: i, ...(rng.float() < 0.3 ? { via: a } : {}) }
      : roll < 0.7 ? { type: 'get', key }
      : roll < 0.74 ? { type: 'fail', node: a }
      : roll < 0.79 ? { type: 'recover', node: a }
      : roll < 0.81 ? { type: 'partition', groups: [members.slice(0, 2), members.slice(2, 5)] }
      : roll < 0.83 ? { type: 'heal' }
      : roll < 0.84 && members.length < 12 ? { type: 'addNode', id: `x${++joined}` }
      : roll < 0.85 && members.length > 5 ? { type: 'removeNode', id: members[members.length - 2]! }
      : roll < 0.86 && a !== b ? { type: 'cutLink', from: a, to: b }
      : roll < 0.87 && a !== b ? { type: 'slowLink', from: a, to: b, extraMs: 30 }
      : roll < 0.88 && a !== b ? { type: 'lossyLink', from: a, to: b, lossRate: 0.5 }
      : roll < 0.89 && a !== b ? { type: 'antiEntropy', a, b }
      : roll < 0.9 ? { type: 'gossipRound' }
      : roll < 0.92 && inFlight.length > 0 ? { type: 'dropMessage', msgId: inFlight[0]! }
      : roll < 0.94 && inFlight.length > 0 ? { type: 'delayMessage', msgId: inFlight.at(-1)!, byMs: 15 }
      : { type: 'note', text: `n${i}` };
    cluster.apply(input);
  }
  cluster.apply({ type: 'heal' });
  cluster.runUntil(cluster.nowMs + 3000);
  cluster.settle();
  return cluster;
}

const EIGHT = Array.from({ length: 8 }, (_, i) => ({ id: `n${i}` }));

describe('traces are byte for byte what they were', () => {
  it('the benchmark workload', () => {
    expect(fingerprint(benchWorkload(2000))).toMatchSnapshot();
  });

  it('random fault schedules', () => {
    const prints = Array.from({ length: 12 }, (_, i) => fingerprint(runSchedule(randomSchedule(i + 1), { checkEveryStep: false }).cluster));
    expect(prints).toMatchSnapshot();
  });

  it('every kind of input, on the MD5 ring, across datacenters and on a teaching ring', () => {
    expect(fingerprint(chaos(1, { n: 3, r: 2, w: 2, nodes: EIGHT, lossRate: 0.05 }, 500))).toMatchSnapshot();
    expect(fingerprint(chaos(2, { n: 3, r: 2, w: 2, nodes: EIGHT, lossRate: 0.02, strategy: 3, gossipIntervalMs: 300, antiEntropyIntervalMs: 500, seeds: ['n0', 'n1'] }, 500))).toMatchSnapshot();
    expect(fingerprint(chaos(3, { n: 3, r: 2, w: 2, nodes: EIGHT.map((n, i) => ({ ...n, dc: i % 2 ? 'east' : 'west' })), spanDatacenters: true, clockTruncationThreshold: 3 }, 500))).toMatchSnapshot();
    const teaching: ClusterConfig = { n: 3, r: 2, w: 2, ringSize: 1000, nodes: ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ id, tokens: [100 + 200 * i] })), keyPositions: { k1: 150, k2: 450 } };
    expect(fingerprint(chaos(4, teaching, 300))).toMatchSnapshot();
  });
});
