/**
 * Benchmarks of the repair mechanisms: a Merkle exchange over 100,000 keys with 1% of
 * them differing (time, and bytes sent against a full transfer), and the simulated event
 * rate with failures, hinted handoff, gossip and periodic anti-entropy all running.
 */
import { Cluster, setStored, type Version } from '../src/engine/index';
import type { Row } from './engine-bench';

const KEYS = 100_000;

function version(value: string, clock: Record<string, number>): Version {
  return { id: 1, value, clock: Object.entries(clock).map(([node, counter]) => ({ node, counter, atMs: 0 })) };
}

/** Two replicas of every key; 1% of keys hold a newer version on B. */
function divergedPair(): Cluster {
  const cluster = Cluster.create({ n: 2, r: 1, w: 1, nodes: [{ id: 'A' }, { id: 'B' }], gossipIntervalMs: 0, antiEntropyIntervalMs: 0 }, 1);
  const a = cluster.nodes.get('A')!;
  const b = cluster.nodes.get('B')!;
  for (let i = 0; i < KEYS; i++) {
    const key = `user:${i}`;
    const v = [version(`cart-${i}`, { A: 1 })];
    setStored(a, key, v);
    setStored(b, key, i % 100 === 0 ? [version(`cart-${i}-new`, { A: 1, B: 1 })] : v);
  }
  return cluster;
}

export function runMerkleBench(): Row[] {
  const cluster = divergedPair();
  const start = process.hrtime.bigint();
  const { exchangeId } = cluster.apply({ type: 'antiEntropy', a: 'A', b: 'B' });
  const state = cluster.exchanges.get(exchangeId!)!;
  while (!state.isDone && cluster.step().length > 0);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const share = state.bytesExchanged / state.bytesFullTransfer;
  console.log(
    `Merkle exchange, ${KEYS.toLocaleString()} keys, 1% differing: ${state.differingKeys.length} keys repaired, ` +
      `${state.hashesCompared} hashes compared, ${state.bytesExchanged.toLocaleString()} of ${state.bytesFullTransfer.toLocaleString()} bytes ` +
      `(${(share * 100).toFixed(2)}%), tree depth ${state.depth}, ${(seconds * 1000).toFixed(0)} ms including both trees\n`,
  );
  return [
    { name: `(d) Merkle build + diff, ${KEYS.toLocaleString()} keys, 1% differing`, ours: 1 / seconds, peer: null, unit: 'exchanges/s', target: 'report', met: null },
    { name: '(d) bytes exchanged / bytes of a full transfer', ours: share * 100, peer: null, unit: '%', target: '< 5%', met: share < 0.05 },
  ];
}

/** 16 nodes, N=3: 10,000 gets and puts while nodes fail and recover, with anti-entropy every 200 ms. */
export function runRepairWorkloadBench(): Row[] {
  const run = (): { events: number; seconds: number } => {
    const nodes = Array.from({ length: 16 }, (_, i) => ({ id: `node${i}` }));
    const cluster = Cluster.create({ n: 3, r: 2, w: 2, nodes, antiEntropyIntervalMs: 200, gossipIntervalMs: 100 }, 42);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) {
      cluster.runUntil(i * 0.2);
      if (i % 1000 === 100) cluster.apply({ type: 'fail', node: `node${(i / 1000) | 0}` });
      if (i % 1000 === 600) cluster.apply({ type: 'recover', node: `node${(i / 1000) | 0}` });
      const key = `key${(i * 7919) % 1000}`;
      cluster.apply(i % 2 === 0 ? { type: 'put', key, value: i } : { type: 'get', key });
    }
    cluster.settle();
    return { events: cluster.eventsProcessed, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
  };
  run();
  const runs = [run(), run(), run()].sort((x, y) => x.seconds - y.seconds);
  const median = runs[1]!;
  const rate = median.events / median.seconds;
  return [{ name: `(e) engine with failures, hinted handoff, gossip and anti-entropy (${median.events} events)`, ours: rate, peer: null, unit: 'events/s', target: 'report', met: null }];
}
