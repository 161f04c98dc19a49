/**
 * Seed sweeps (DESIGN §3, §8): random clusters driven by random sessions of user inputs
 * interleaved with steps. Two runs of one session give byte-identical traces; a snapshot
 * taken anywhere and restored continues exactly like the original; and every named
 * invariant holds after every step. A failure prints fast-check's seed and path, which
 * replay it: `fc.assert(..., { seed, path })`. SWEEP_RUNS=<n> runs n sessions per property.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Cluster,
  InputError,
  checkInvariants,
  describe as describeEvent,
  restore,
  snapshot,
  type ClusterConfig,
  type ClusterSnapshot,
  type Input,
  type LatencyConfig,
  type VectorClock,
} from './index';

// ---- sessions as data ---------------------------------------------------------------

type Action =
  | { readonly kind: 'put'; readonly key: string; readonly value: number; readonly via?: string; readonly useContext: boolean }
  | { readonly kind: 'input'; readonly input: Input }
  /** Split the current members: side[i] of the i-th member (by id) is 0, 1, or 2 for "in no group". */
  | { readonly kind: 'partition'; readonly sides: readonly number[] }
  /** Drop or delay the `index`-th message in flight (by id), if any. */
  | { readonly kind: 'message'; readonly index: number; readonly delayMs?: number }
  | { readonly kind: 'step'; readonly count: number }
  | { readonly kind: 'run'; readonly ms: number };

interface Session {
  readonly config: ClusterConfig;
  readonly seed: number;
  readonly actions: readonly Action[];
}

const IDS = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'ghost'];
const KEYS = ['cart', 'a', 'b', 'c', 'd'];
const LATENCIES: LatencyConfig[] = [
  { kind: 'lognormal', medianMs: 10, sigma: 0.6, minMs: 1 },
  { kind: 'uniform', minMs: 2, maxMs: 40 },
  { kind: 'fixed', ms: 10 },
];

const configArb: fc.Arbitrary<ClusterConfig> = fc
  .record({
    isMd5: fc.boolean(),
    strategy: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
    nodeCount: fc.integer({ min: 3, max: 5 }),
    n: fc.integer({ min: 1, max: 3 }),
    r: fc.integer({ min: 1, max: 3 }),
    w: fc.integer({ min: 1, max: 3 }),
    lossRate: fc.constantFrom(0, 0, 0.05),
    latency: fc.constantFrom(...LATENCIES),
    spanDatacenters: fc.boolean(),
    clockTruncationThreshold: fc.constantFrom(2, 10),
  })
  .map(({ isMd5, nodeCount, n, r, w, ...rest }) => ({
    ...rest,
    n,
    r: Math.min(r, n),
    w: Math.min(w, n),
    nodes: IDS.slice(0, nodeCount).map((id, i) => ({ id, dc: i % 2 ? 'east' : 'west' })),
    ...(isMd5 ? { tokensPerNode: 4, partitions: 64 } : { ringSize: 1000, tokensPerNode: 2 }),
  }));

/** Mostly nodes that exist; now and then one that does not (an InputError) or one added later. */
const idArb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('n1', 'n2', 'n3') }, { weight: 2, arbitrary: fc.constantFrom(...IDS.slice(3)) });
const inputArb: fc.Arbitrary<Input> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('get' as const), key: fc.constantFrom(...KEYS), via: fc.option(idArb, { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constantFrom('fail' as const, 'recover' as const), node: idArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('destroy' as const), node: idArb }) },
  { weight: 1, arbitrary: fc.constant({ type: 'heal' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('addNode' as const),
      id: fc.constantFrom('n5', 'n6', 'n7'),
      tokens: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      capacity: fc.integer({ min: 1, max: 2 }),
      dc: fc.constantFrom('east', 'west'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('removeNode' as const), id: idArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('cutLink' as const), from: idArb, to: idArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('slowLink' as const), from: idArb, to: idArb, extraMs: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('lossyLink' as const), from: idArb, to: idArb, lossRate: fc.constantFrom(0.2, 0.5, 1) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('isolateDc' as const), dc: fc.constantFrom('east', 'west', 'north') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('antiEntropy' as const), a: idArb, b: idArb }) },
  { weight: 1, arbitrary: fc.constant({ type: 'gossipRound' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('note' as const), text: fc.string({ minLength: 1, maxLength: 8 }) }) },
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      key: fc.constantFrom(...KEYS),
      value: fc.integer({ min: 0, max: 99 }),
      via: fc.option(idArb, { nil: undefined }),
      useContext: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: inputArb.map((input) => ({ kind: 'input' as const, input })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('partition' as const),
      sides: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: IDS.length, maxLength: IDS.length }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('message' as const), index: fc.nat(), delayMs: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }) }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('step' as const), count: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 400 }) }) },
);

const sessionArb: fc.Arbitrary<Session> = fc.record({
  config: configArb,
  seed: fc.integer(),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 50, size: 'max' }),
});

// ---- the driver ---------------------------------------------------------------------

/**
 * Plays actions on a cluster. Its only state besides the cluster is the last context a get
 * returned per key (what a client would keep), read from the trace as it grows.
 */
class Driver {
  private cursor = 0;

  constructor(
    readonly cluster: Cluster,
    readonly contexts = new Map<string, VectorClock>(),
    private readonly afterEachStep: (cluster: Cluster) => void = () => {},
  ) {}

  play(actions: readonly Action[]): this {
    for (const action of actions) {
      this.act(action);
      this.observe();
    }
    return this;
  }

  /** Runs until nothing is in flight and no operation waits, one step at a time. */
  drain(): this {
    for (let i = 0; i < 100_000 && !this.cluster.isSettled && this.cluster.queue.size > 0; i++) {
      this.cluster.step();
      this.afterEachStep(this.cluster);
    }
    expect(this.cluster.isSettled).toBe(true);
    this.observe();
    return this;
  }

  private act(action: Action): void {
    const c = this.cluster;
    switch (action.kind) {
      case 'put': {
        const context = action.useContext ? this.contexts.get(action.key) : undefined;
        this.apply({ type: 'put', key: action.key, value: action.value, ...(action.via ? { via: action.via } : {}), ...(context ? { context } : {}) });
        return;
      }
      case 'input':
        this.apply(action.input);
        return;
      case 'partition': {
        const members = [...c.nodes.values()]
          .filter((n) => n.isMember)
          .map((n) => n.id)
          .sort();
        this.apply({ type: 'partition', groups: [0, 1].map((g) => members.filter((_, i) => action.sides[i] === g)) });
        return;
      }
      case 'message': {
        const ids = [...c.inFlight.keys()].sort((a, b) => a - b);
        const msgId = ids[action.index % Math.max(1, ids.length)];
        if (msgId === undefined) return;
        this.apply(action.delayMs === undefined ? { type: 'dropMessage', msgId } : { type: 'delayMessage', msgId, byMs: action.delayMs });
        return;
      }
      case 'step':
        for (let i = 0; i < action.count; i++) {
          c.step();
          this.afterEachStep(c);
        }
        return;
      case 'run':
        c.runUntil(c.nowMs + action.ms);
        this.afterEachStep(c);
        return;
    }
  }

  private apply(input: Input): void {
    try {
      this.cluster.apply(input);
    } catch (e) {
      if (!(e instanceof InputError)) throw e; // only user mistakes may throw
    }
    this.afterEachStep(this.cluster);
  }

  private observe(): void {
    const trace = this.cluster.trace;
    for (; this.cursor < trace.length; this.cursor++) {
      const e = trace[this.cursor]!;
      if (e.kind === 'op-end' && e.op === 'get' && e.ok && e.context) this.contexts.set(e.key, e.context);
    }
  }
}

const expectInvariants = (cluster: Cluster) => {
  const violations = checkInvariants(cluster);
  if (violations.length > 0)
    throw new Error(`invariants broken at t=${cluster.nowMs}: ${JSON.stringify(violations)}\ntrace tail: ${JSON.stringify(cluster.trace.slice(-5))}`);
};

const run = (session: Session, afterEachStep?: (c: Cluster) => void) =>
  new Driver(Cluster.create(session.config, session.seed), new Map(), afterEachStep).play(session.actions).drain().cluster;

/**
 * Laws of a finished trace: seq is the index and time never goes back; every message sent
 * is delivered or dropped exactly once and points back at its send; every operation ends
 * exactly once, and a success has its quorum.
 */
function expectTraceLaws(cluster: Cluster): void {
  const { trace, config } = cluster;
  const sends = new Map<number, number>();
  const fates = new Map<number, number>();
  const started = new Set<number>();
  const ended = new Set<number>();
  trace.forEach((e, i) => {
    expect(e.seq).toBe(i);
    if (i > 0) expect(e.atMs).toBeGreaterThanOrEqual(trace[i - 1]!.atMs);
    // Times read cleanly, to 0.01 ms (no 32.730000000000004): an `expect` on a time can hold.
    expect(Math.round(e.atMs * 100) / 100, `event ${e.seq} at ${e.atMs} ms`).toBe(e.atMs);
    if (e.kind === 'send') expect(Math.round(e.deliverAtMs * 100) / 100).toBe(e.deliverAtMs);
    if (e.kind === 'send') sends.set(e.msgId, e.seq);
    if (e.kind === 'deliver' || e.kind === 'drop') {
      expect(fates.has(e.msgId), `message ${e.msgId} meets two fates`).toBe(false);
      fates.set(e.msgId, e.seq);
      if (e.kind === 'deliver' || e.reason !== 'user') expect(e.causeSeq).toBe(sends.get(e.msgId));
    }
    if (e.kind === 'op-start') started.add(e.opId);
    if (e.kind === 'op-end') {
      expect(ended.has(e.opId), `op ${e.opId} ends twice`).toBe(false);
      ended.add(e.opId);
      if (e.ok && e.op === 'put') expect(e.acks!.length).toBeGreaterThanOrEqual(config.w);
      if (e.ok && e.op === 'get') expect(e.replies!.length).toBeGreaterThanOrEqual(config.r);
    }
  });
  expect([...fates.keys()].sort((a, b) => a - b)).toEqual([...sends.keys()].sort((a, b) => a - b));
  expect([...ended].sort((a, b) => a - b)).toEqual([...started].sort((a, b) => a - b));
}

/** JSON with object keys sorted: equal data, whatever order its keys were set in. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/**
 * A snapshot without the one field that differs between a run and its restored copy. Keys
 * are sorted because a JSON round trip drops undefined fields, which come back later in
 * another position.
 */
const comparable = (snap: ClusterSnapshot) => canonical({ ...snap, traceLength: 0 });

// ---- the properties -----------------------------------------------------------------

/** SWEEP_RUNS=2000 npx vitest run src/engine/determinism.test.ts sweeps many more sessions. */
const RUNS = Number(process.env.SWEEP_RUNS ?? 0) || undefined;
const TIMEOUT_MS = RUNS ? 3_600_000 : 30_000; // generous: the machine may be busy

describe('determinism over random sessions', () => {
  it(
    'two runs of a session give identical traces, and every invariant holds after every step',
    () => {
      fc.assert(
        fc.property(sessionArb, (session) => {
          const first = run(session, expectInvariants);
          const second = run(session);
          expect(JSON.stringify(second.trace)).toBe(JSON.stringify(first.trace));
          expect(comparable(snapshot(second))).toBe(comparable(snapshot(first)));
          for (const e of first.trace) expect(describeEvent(e)).not.toBe('');
          expectTraceLaws(first);
        }),
        { numRuns: RUNS ?? 40 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a snapshot restored mid-run continues exactly like the original',
    () => {
      fc.assert(
        fc.property(sessionArb, fc.nat(), (session, cut) => {
          const at = cut % (session.actions.length + 1);
          const head = session.actions.slice(0, at);
          const tail = session.actions.slice(at);

          const original = new Driver(Cluster.create(session.config, session.seed)).play(head);
          const snap = snapshot(original.cluster);
          const viaJson = restore(JSON.parse(JSON.stringify(snap)) as ClusterSnapshot);
          const contexts = new Map(original.contexts);
          original.play(tail).drain(); // continuing must not disturb the snapshot taken before

          const expected = original.cluster.trace.slice(snap.traceLength);
          const copies = [
            { copy: restore(snap), serialize: JSON.stringify }, // byte for byte
            { copy: restore(structuredClone(snap)), serialize: JSON.stringify }, // what a worker's postMessage does
            { copy: viaJson, serialize: canonical }, // a JSON round trip may reorder keys, nothing else
          ];
          for (const { copy, serialize } of copies) {
            const resumed = new Driver(copy, new Map(contexts)).play(tail).drain();
            expect(serialize(resumed.cluster.trace)).toBe(serialize(expected));
            expect(comparable(snapshot(resumed.cluster))).toBe(comparable(snapshot(original.cluster)));
          }
        }),
        { numRuns: RUNS ?? 30 },
      );
    },
    TIMEOUT_MS,
  );
});

describe('snapshot', () => {
  it('is plain data: it survives JSON and carries the rng state', () => {
    const cluster = Cluster.create({ n: 3, r: 2, w: 2, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }] }, 99);
    cluster.apply({ type: 'put', key: 'cart', value: { items: ['basketball'] } });
    cluster.step();
    const snap = snapshot(cluster);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(JSON.parse(JSON.stringify(snap)));
    expect(snap.rng).toEqual(cluster.rng.state());
    expect(snap.traceLength).toBe(cluster.trace.length);
    expect(snap.queue.map((e) => e.seq)).toEqual([...snap.queue].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq).map((e) => e.seq));
    const copy = restore(snap);
    expect(copy.trace).toEqual([]);
    expect(copy.nowMs).toBe(cluster.nowMs);
    expect(comparable(snapshot(copy))).toBe(comparable(snap));
  });
});
