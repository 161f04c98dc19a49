/**
 * `npm run bench`: the engine's speed against peers and ceilings, side by side in one
 * process. A benchmark, not a test: it prints numbers and whether each target is met, and
 * always exits 0 unless it crashes. Run it on a quiet machine.
 *
 *  (a) preference-list look-ups (N = 3 distinct nodes), same nodes, tokens and keys:
 *      with MD5 of the key, our ring vs `hashring` range(key, 3, true);
 *      with the position known, our walk vs `consistent-hash` get(key, 3).
 *  (b) MD5: js-md5 (what the engine ships) vs node:crypto.
 *  (c) simulated events per second: 16 nodes, N = 3, 10,000 gets and puts; and the same
 *      number of pushes and pops on the bare event heap, the ceiling. Beside it: where a
 *      run's time goes (garbage collection, the kernel), and two bounds: the run with
 *      recording made a no-op, and the trace's allocation alone.
 *  (d), (e) repair: bench/repair-bench.ts.
 *  (f) the page's session in its worker playing the busy ring: bench/session-bench.ts.
 */
import { createHash } from 'node:crypto';
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import HashRing from 'hashring';
import ConsistentHash from 'consistent-hash';
import { md5 } from 'js-md5';
import { Ring, Rng, md5Space, md5Position, topNodes, Cluster, EventQueue } from '../src/engine/index';
import { runMerkleBench, runRepairWorkloadBench } from './repair-bench';
import { runSessionBench } from './session-bench';

const BATCH = 1000;
const TOKENS = 8;

export interface Row {
  readonly name: string;
  readonly ours: number;
  readonly peer: number | null;
  readonly unit: string;
  readonly target: string;
  readonly met: boolean | null;
}

function keys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user:${i}:cart`);
}

function ourRing(nodeCount: number): Ring {
  const ring = Ring.create(md5Space(), 1, 0, TOKENS);
  const rng = Rng.fromSeed(1);
  for (let i = 0; i < nodeCount; i++) ring.addNode({ id: `node${i}`, capacity: 1, dc: undefined }, TOKENS, rng);
  return ring;
}

/** Throughput per key of a task that walks a batch of BATCH keys. */
async function perKey(tasks: Record<string, () => void>): Promise<Record<string, number>> {
  const bench = new Bench({ time: 400, warmupTime: 100 });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out: Record<string, number> = {};
  for (const task of bench.tasks) {
    const result = task.result as { throughput?: { mean: number } };
    out[task.name] = (result.throughput?.mean ?? 0) * BATCH;
  }
  return out;
}

async function lookupRows(nodeCount: number): Promise<Row[]> {
  const names = Array.from({ length: nodeCount }, (_, i) => `node${i}`);
  const ring = ourRing(nodeCount);
  const hashring = new HashRing(names, 'md5', { 'vnode count': TOKENS, replicas: 1 });
  const chash = new ConsistentHash({ range: 1_000_003, weight: TOKENS, distribution: 'uniform' });
  for (const n of names) chash.add(n);
  const batch = keys(BATCH);
  const positions = batch.map(md5Position);
  let sink = 0;
  const r = await perKey({
    ours: () => {
      for (const k of batch) sink += topNodes(ring, md5Position(k), 3).length;
    },
    hashring: () => {
      for (const k of batch) sink += hashring.range(k, 3, true).length;
    },
    walk: () => {
      for (const p of positions) sink += topNodes(ring, p, 3).length;
    },
    chash: () => {
      for (const k of batch) sink += chash.get(k, 3).length;
    },
  });
  if (sink < 0) console.log(sink);
  const a = r.ours! / r.hashring!;
  const b = r.walk! / r.chash!;
  return [
    { name: `(a) look-up with MD5, ${nodeCount} nodes × ${TOKENS} tokens: ours vs hashring`, ours: r.ours!, peer: r.hashring!, unit: 'look-ups/s', target: '≥ 3× hashring', met: a >= 3 },
    { name: `(a) walk, position known, ${nodeCount} nodes: ours vs consistent-hash`, ours: r.walk!, peer: r.chash!, unit: 'look-ups/s', target: '≥ 1× consistent-hash', met: b >= 1 },
  ];
}

async function md5Rows(): Promise<Row[]> {
  const batch = keys(BATCH);
  let sink = 0;
  const r = await perKey({
    jsmd5: () => {
      for (const k of batch) sink += md5.array(k)[0]!;
    },
    crypto: () => {
      for (const k of batch) sink += createHash('md5').update(k).digest()[0]!;
    },
  });
  if (sink < 0) console.log(sink);
  return [{ name: '(b) MD5 of a short key: js-md5 vs node:crypto', ours: r.jsmd5!, peer: r.crypto!, unit: 'hashes/s', target: 'report', met: null }];
}

/**
 * 16 nodes, N = 3, R = W = 2, 10,000 gets and puts on 1,000 keys, one every 0.2 ms.
 * `isTraceKept: false` makes recording a trace event a no-op, so the optimizer need not
 * even build the event: no trace layout, however compact, can make the engine faster than
 * recording nothing, so this bounds what a new layout could win.
 */
interface Run {
  readonly events: number;
  readonly traceLength: number;
  readonly seconds: number;
  /** CPU time the kernel spent for the process during the run, and the page faults it served. */
  readonly kernelSeconds: number;
  readonly pageFaults: number;
  /** The run's window on `performance.now()`, to find the garbage collections inside it. */
  readonly startMs: number;
  readonly endMs: number;
}

/** Every garbage collection of the process, as Node reports them (delivered after the run, not during it). */
const collections: PerformanceEntry[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push(entry);
}).observe({ entryTypes: ['gc'] });

/** Garbage collection inside a run: milliseconds and count. Call after `await collected()`. */
function gcIn(run: Run): { ms: number; count: number } {
  const inside = collections.filter((e) => e.startTime >= run.startMs && e.startTime < run.endMs);
  return { ms: inside.reduce((sum, e) => sum + e.duration, 0), count: inside.length };
}

/** Lets the observer receive the collections of the runs just made. */
const collected = () => new Promise((resolve) => setTimeout(resolve, 0));

function simulate(ops: number, isTraceKept = true): Run {
  const nodes = Array.from({ length: 16 }, (_, i) => ({ id: `node${i}` }));
  const cluster = Cluster.create({ n: 3, r: 2, w: 2, nodes }, 42);
  if (!isTraceKept) (cluster.trace as { push: (...events: unknown[]) => number }).push = () => 0;
  const before = process.resourceUsage();
  const startMs = performance.now();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) {
    cluster.runUntil(i * 0.2);
    const key = `key${(i * 7919) % 1000}`;
    cluster.apply(i % 2 === 0 ? { type: 'put', key, value: i } : { type: 'get', key });
  }
  cluster.settle();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const endMs = performance.now();
  const after = process.resourceUsage();
  const kernelSeconds = (after.systemCPUTime - before.systemCPUTime) / 1e6;
  return { events: cluster.eventsProcessed, traceLength: cluster.trace.length, seconds, kernelSeconds, pageFaults: after.minorPageFault - before.minorPageFault, startMs, endMs };
}

/**
 * Only the trace's allocation, nothing else: `count` objects shaped like a send event
 * (ten fields, two of them fractional times), kept in one array as the trace keeps its events.
 */
function traceShapedObjects(count: number): number {
  const start = process.hrtime.bigint();
  const kept: object[] = [];
  for (let i = 0; i < count; i++) kept.push({ seq: i, atMs: i * 0.1, node: 'node1', causeSeq: i - 1, kind: 'send', msgId: i, from: 'node1', to: 'node2', deliverAtMs: i * 0.1 + 10.37, body: null });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (kept.length !== count) throw new Error('unreachable');
  return seconds;
}

function bareHeap(events: number): number {
  const rng = Rng.fromSeed(7);
  const times = Array.from({ length: events }, () => rng.float() * 2000);
  const start = process.hrtime.bigint();
  const queue = new EventQueue<number>();
  for (let i = 0; i < events; i++) queue.push({ atMs: times[i]!, seq: i, item: i });
  while (queue.pop());
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs per measurement: wall-clock rates on a shared machine swing widely, so the median of several, with their range. */
const RUNS = 9;

function rateOf(events: number, seconds: readonly number[]): { rate: number; range: string } {
  const k = (s: number) => `${Math.round(events / s / 1e3)} k`;
  return { rate: events / median([...seconds]), range: `${k(Math.max(...seconds))}–${k(Math.min(...seconds))}` };
}

async function engineRows(): Promise<Row[]> {
  simulate(2000); // warm-up
  const runs = Array.from({ length: RUNS }, () => simulate(10_000));
  const events = runs[0]!.events;
  const engine = rateOf(events, runs.map((r) => r.seconds));
  bareHeap(events);
  const heap = rateOf(events, Array.from({ length: RUNS }, () => bareHeap(events)));
  simulate(2000, false);
  const untracedRuns = Array.from({ length: RUNS }, () => simulate(10_000, false));
  const untraced = rateOf(events, untracedRuns.map((r) => r.seconds));
  const { traceLength } = runs[0]!;
  traceShapedObjects(traceLength);
  const floor = rateOf(events, Array.from({ length: RUNS }, () => traceShapedObjects(traceLength)));
  await collected();
  const spread = `median of ${RUNS} runs; engine ${engine.range}, heap ${heap.range}, no trace ${untraced.range} events/s`;
  return [
    { name: `(c) engine: 16 nodes, N=3, 10,000 gets and puts (${events} events; ${spread})`, ours: engine.rate, peer: null, unit: 'events/s', target: '≥ 1,000,000', met: engine.rate >= 1e6 },
    { name: '(c) engine vs bare heap, same number of pushes and pops', ours: engine.rate, peer: heap.rate, unit: 'events/s', target: 'heap ≤ 5× engine', met: heap.rate / engine.rate <= 5 },
    kernelRow(runs, untracedRuns),
    { name: '(c) bound: the same run recording no trace at all', ours: untraced.rate, peer: engine.rate, unit: 'events/s', target: 'report', met: null },
    { name: `(c) bound: only allocating and keeping ${traceLength} trace-shaped objects, the run's trace (range ${floor.range})`, ours: floor.rate, peer: engine.rate, unit: 'events/s', target: 'report', met: null },
  ];
}

/**
 * Where a run's time goes: garbage collection, which must copy every event the trace keeps
 * (and every message body and clock it points to) out of the young generation, and the
 * kernel, mostly serving page faults as the heap grows to hold them. On a virtual machine
 * each fault is costly. The two overlap: a collection's page faults are kernel time too.
 */
function kernelRow(traced: readonly Run[], untraced: readonly Run[]): Row {
  const part = (runs: readonly Run[]) => {
    const wall = median(runs.map((r) => r.seconds)) * 1e3;
    const gcMs = median(runs.map((r) => gcIn(r).ms));
    const gcCount = median(runs.map((r) => gcIn(r).count));
    const ms = median(runs.map((r) => r.kernelSeconds)) * 1e3;
    const faults = median(runs.map((r) => r.pageFaults));
    return { share: (100 * gcMs) / wall, text: `${wall.toFixed(0)} ms: garbage collection ${gcMs.toFixed(0)} ms (${gcCount} collections), kernel ${ms.toFixed(0)} ms (${faults.toLocaleString('en-US')} page faults)` };
  };
  const t = part(traced);
  const u = part(untraced);
  return { name: `(c) where a run's time goes, medians: with the trace ${t.text}; recording no trace ${u.text}`, ours: t.share, peer: null, unit: '% of the traced run in garbage collection', target: 'report', met: null };
}

export function printRows(rows: readonly Row[]): void {
  const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(2));
  for (const row of rows) {
    const ratio = row.peer === null ? '' : `  ratio ${(row.ours / row.peer).toFixed(2)}×`;
    const peer = row.peer === null ? '' : `  peer ${fmt(row.peer)} ${row.unit}`;
    const verdict = row.met === null ? '' : row.met ? '  [target met]' : '  [TARGET MISSED]';
    console.log(`${row.name}\n    ours ${fmt(row.ours)} ${row.unit}${peer}${ratio}   target: ${row.target}${verdict}`);
  }
}

async function main(): Promise<void> {
  console.log(`DynamoScope engine benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  const rows = [...(await lookupRows(8)), ...(await lookupRows(128)), ...(await md5Rows()), ...(await engineRows()), ...runMerkleBench(), ...runRepairWorkloadBench(), ...runSessionBench()];
  printRows(rows);
}

await main();
