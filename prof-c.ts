import { Cluster, EventQueue, Rng } from './src/engine/index';
function simulate(ops: number, traced: boolean) {
  const nodes = Array.from({ length: 16 }, (_, i) => ({ id: `node${i}` }));
  const cluster = Cluster.create({ n: 3, r: 2, w: 2, nodes }, 42);
  if (!traced) (cluster.trace as any).push = () => 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) {
    cluster.runUntil(i * 0.2);
    const key = `key${(i * 7919) % 1000}`;
    cluster.apply(i % 2 === 0 ? { type: 'put', key, value: i } : { type: 'get', key });
  }
  cluster.settle();
  return { ev: cluster.eventsProcessed, s: Number(process.hrtime.bigint() - t) / 1e9 };
}
const traced = process.argv[2] !== 'untraced';
simulate(2000, traced);
const rs = [] as number[];
let ev = 0;
for (let i = 0; i < 15; i++) { const r = simulate(10000, traced); ev = r.ev; rs.push(r.ev / r.s); }
rs.sort((a, b) => a - b);
console.log(traced ? 'traced' : 'untraced', ev, 'median', Math.round(rs[7]!), 'best', Math.round(rs[14]!));
const rng = Rng.fromSeed(7);
const times = Array.from({ length: ev }, () => rng.float() * 2000);
const hs = [] as number[];
for (let k = 0; k < 15; k++) { const t = process.hrtime.bigint(); const q = new EventQueue<number>(); for (let i = 0; i < ev; i++) q.push({ atMs: times[i]!, seq: i, item: i }); while (q.pop()); hs.push(ev / (Number(process.hrtime.bigint() - t) / 1e9)); }
hs.sort((a, b) => a - b); console.log('heap median', Math.round(hs[7]!));
