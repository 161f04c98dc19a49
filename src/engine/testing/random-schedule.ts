/**
 * Random fault schedules as data, and the repair property they are checked against
 * (DESIGN §8: "seed sweeps: many seeds, random faults as data, all checkers after every
 * step; a failure prints its seed and the trace tail, and one command replays that seed").
 *
 * A schedule is a list of inputs with waits between them, drawn from one seed over a
 * small cluster: failures, recoveries, partitions, heals, destroyed disks, joins and
 * leaves, mixed with puts and gets on a handful of keys. `runSchedule` plays it (checking
 * every named invariant after every event), then repairs the cluster the way an operator
 * would — heal, recover, remove the destroyed nodes, let hints and probes run, anti-entropy
 * between every pair of replicas until nothing differs, gossip until views agree — and
 * `checkRepaired` (in `repair-check.ts`) lists everything that is still wrong.
 *
 * Test support only: used by `schedules.test.ts` and `scripts/soak.ts`, never by the
 * engine. It reaches the engine through `index.ts` alone and, like the engine, draws every
 * random choice from a seeded `Rng`.
 */
import {
  Cluster,
  Rng,
  checkInvariants,
  elementaryRanges,
  topNodes,
  viewsAgree,
  type ClusterConfig,
  type Input,
  type NodeId,
  type Strategy,
  type VectorClock,
} from '../index';

/** One entry of a schedule: an input, a put that may carry the last context read, or a wait. */
export type ScheduleAction =
  | { readonly kind: 'input'; readonly input: Input }
  /** A put; with `withContext`, it carries the context of the last successful get of its key (a client's read-modify-write). */
  | { readonly kind: 'put'; readonly key: string; readonly value: number; readonly via?: NodeId; readonly withContext: boolean }
  | { readonly kind: 'wait'; readonly ms: number };

export interface Schedule {
  readonly seed: number;
  readonly config: ClusterConfig;
  readonly actions: readonly ScheduleAction[];
}

export const SCHEDULE_KEYS = ['cart', 'k1', 'k2', 'k3', 'k4', 'k5'] as const;
/** Seeds are known to every node and take joining nodes' announcements. */
const SEEDS = ['n1', 'n2'];
/** Never destroyed or removed, so that a joining node always has a live seed to announce itself to. */
const KEPT = ['n1'];
/** Nodes that are members and not destroyed, at the least, at every point of a schedule. */
const MIN_INTACT_MEMBERS = 3;

/** The cluster a seed runs on: 5 or 6 nodes, N=3 R=2 W=2, quick links and timeouts, one in four across two datacenters. */
export function scheduleConfig(seed: number): ClusterConfig {
  const rng = Rng.fromSeed(seed ^ 0x5c4ed);
  const nodeCount = rng.int(5, 6);
  const strategy = rng.pick<Strategy>([1, 2, 3]);
  const isTeaching = rng.float() < 0.25;
  // One seed in four spans two datacenters: every placement decision must use the spanning list.
  const spansDatacenters = rng.float() < 0.25;
  return {
    n: 3,
    r: 2,
    w: 2,
    nodes: Array.from({ length: nodeCount }, (_, i) => ({ id: `n${i + 1}`, ...(spansDatacenters ? { dc: i % 2 === 0 ? 'east' : 'west' } : {}) })),
    ...(spansDatacenters ? { spanDatacenters: true } : {}),
    strategy,
    ...(isTeaching ? { ringSize: 1000, tokensPerNode: 2, partitions: 20 } : { tokensPerNode: 4, partitions: 32 }),
    latency: { kind: 'uniform', minMs: 1, maxMs: 12 },
    requestTimeoutMs: 300,
    replicaTimeoutMs: 50,
    hintRetryMs: 100,
    gossipIntervalMs: 200,
    antiEntropyIntervalMs: 0,
    seeds: SEEDS,
  };
}

/** What the generator knows of the cluster, so that every input it draws is valid. */
interface Model {
  /** Datacenters joining nodes take turns in, when the cluster spans them. */
  readonly datacenters: readonly string[];
  members: NodeId[];
  readonly down: Set<NodeId>;
  readonly destroyed: Set<NodeId>;
  joined: number;
}

type ActionKind = 'put' | 'get' | 'fail' | 'recover' | 'partition' | 'heal' | 'destroy' | 'addNode' | 'removeNode' | 'slowLink' | 'cutLink';

/** How often each kind is drawn. One seed in five is a disaster: disks are destroyed far more often. */
function weightsFor(isDisaster: boolean): readonly (readonly [ActionKind, number])[] {
  return [
    ['put', 34],
    ['get', 18],
    ['fail', 10],
    ['recover', 10],
    ['partition', 7],
    ['heal', 6],
    ['destroy', isDisaster ? 25 : 3],
    ['addNode', 6],
    ['removeNode', 6],
    // One-way link faults: a slow link reorders messages (a transfer overtaken by a second join),
    // a cut one lets a node hear a peer it cannot answer. Heal restores both.
    ['slowLink', 4],
    ['cutLink', 3],
  ];
}

/**
 * A random schedule for `seed`: 10–28 inputs, each followed by a wait of 0–400 ms. Every
 * input is valid when it is applied (the generator tracks members, failed and destroyed
 * nodes); n1, a seed, is never destroyed or removed, and at least three members keep
 * their disks.
 */
export function randomSchedule(seed: number): Schedule {
  const config = scheduleConfig(seed);
  const rng = Rng.fromSeed(seed ^ 0x0a11ce);
  const datacenters = [...new Set(config.nodes.flatMap((n) => (n.dc === undefined ? [] : [n.dc])))];
  const model: Model = { datacenters, members: config.nodes.map((n) => n.id), down: new Set(), destroyed: new Set(), joined: 0 };
  const weights = weightsFor(rng.float() < 0.2);
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const actions: ScheduleAction[] = [];
  const length = rng.int(10, 28);
  let value = 0;
  while (actions.length < 2 * length) {
    let roll = rng.float() * total;
    const kind = weights.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'put';
    const action = drawAction(kind, rng, model, () => ++value);
    if (action === undefined) continue;
    actions.push(action);
    const wait = rng.float() < 0.3 ? 0 : rng.float() < 0.8 ? rng.int(1, 60) : rng.int(100, 400);
    actions.push({ kind: 'wait', ms: wait });
  }
  return { seed, config, actions };
}

/** An action of the drawn kind, or undefined when it cannot apply now (say, no node is down to recover). */
function drawAction(kind: ActionKind, rng: Rng, m: Model, nextValue: () => number): ScheduleAction | undefined {
  const intact = m.members.filter((id) => !m.destroyed.has(id));
  switch (kind) {
    case 'put': {
      const via = rng.float() < 0.5 ? rng.pick(intact) : undefined;
      return { kind: 'put', key: rng.pick(SCHEDULE_KEYS), value: nextValue(), ...(via ? { via } : {}), withContext: rng.float() < 0.6 };
    }
    case 'get': {
      const via = rng.float() < 0.5 ? rng.pick(intact) : undefined;
      return input({ type: 'get', key: rng.pick(SCHEDULE_KEYS), ...(via ? { via } : {}) });
    }
    case 'fail': {
      const up = intact.filter((id) => !m.down.has(id));
      if (up.length === 0) return undefined;
      const node = rng.pick(up);
      m.down.add(node);
      return input({ type: 'fail', node });
    }
    case 'recover': {
      const down = intact.filter((id) => m.down.has(id));
      if (down.length === 0) return undefined;
      const node = rng.pick(down);
      m.down.delete(node);
      return input({ type: 'recover', node });
    }
    case 'partition': {
      const sides = m.members.map(() => rng.int(0, 2)); // 2: in no group, connected to both sides
      return input({ type: 'partition', groups: [0, 1].map((g) => m.members.filter((_, i) => sides[i] === g)) });
    }
    case 'heal':
      return input({ type: 'heal' });
    case 'slowLink':
    case 'cutLink': {
      if (m.members.length < 2) return undefined;
      const from = rng.pick(m.members);
      const to = rng.pick(m.members.filter((id) => id !== from));
      return input(kind === 'slowLink' ? { type: 'slowLink', from, to, extraMs: rng.int(20, 300) } : { type: 'cutLink', from, to });
    }
    case 'destroy': {
      const candidates = intact.filter((id) => !KEPT.includes(id));
      if (intact.length <= MIN_INTACT_MEMBERS || candidates.length === 0) return undefined;
      const node = rng.pick(candidates);
      m.destroyed.add(node);
      m.down.delete(node);
      return input({ type: 'destroy', node });
    }
    case 'addNode': {
      if (m.members.length >= 8) return undefined;
      const id = `x${++m.joined}`;
      m.members = [...m.members, id];
      const dc = m.datacenters[m.joined % Math.max(1, m.datacenters.length)];
      return input({ type: 'addNode', id, ...(dc !== undefined ? { dc } : {}) });
    }
    case 'removeNode': {
      const removable = m.members.filter((id) => !KEPT.includes(id) && (m.destroyed.has(id) || intact.length > MIN_INTACT_MEMBERS));
      if (removable.length === 0) return undefined;
      const id = rng.pick(removable);
      m.members = m.members.filter((x) => x !== id);
      m.down.delete(id);
      m.destroyed.delete(id);
      return input({ type: 'removeNode', id });
    }
  }
}

const input = (i: Input): ScheduleAction => ({ kind: 'input', input: i });

// ---- playing a schedule -------------------------------------------------------------

/** The repair phase's stages, in order: network and nodes restored, hints handed off, anti-entropy done, views gossiped. */
export type RepairStage = 'restored' | 'handoff' | 'anti-entropy' | 'gossip';

export interface RunOptions {
  /** Check every named invariant after every event of the random phase (default true). */
  readonly checkEveryStep?: boolean;
  /** Called after each stage of the repair phase, for stage-level checks (or debugging). */
  readonly onStage?: (stage: RepairStage, cluster: Cluster) => void;
}

export interface ScheduleRun {
  readonly schedule: Schedule;
  readonly cluster: Cluster;
  /** Problems found while running: an invariant broken after some event, a repair step that did not finish. */
  readonly problems: readonly string[];
  /** Keys anti-entropy still found different after its last round; [] when it converged. */
  readonly unconvergedKeys: readonly string[];
}

/** Plays the schedule, then the repair phase. Never throws for a property failure: it reports it. */
export function runSchedule(schedule: Schedule, options: RunOptions = {}): ScheduleRun {
  const cluster = Cluster.create(schedule.config, schedule.seed);
  const problems: string[] = [];
  const check = options.checkEveryStep === false ? () => {} : invariantWatcher(cluster, problems);
  const contexts = new Map<string, VectorClock>();
  let seen = 0;
  const observe = () => {
    for (; seen < cluster.trace.length; seen++) {
      const e = cluster.trace[seen]!;
      if (e.kind === 'op-end' && e.op === 'get' && e.ok && e.context) contexts.set(e.key, e.context);
    }
  };
  for (const action of schedule.actions) {
    if (action.kind === 'wait') {
      stepUntil(cluster, cluster.nowMs + action.ms, check);
    } else if (action.kind === 'put') {
      const context = action.withContext ? contexts.get(action.key) : undefined;
      cluster.apply({ type: 'put', key: action.key, value: action.value, ...(action.via ? { via: action.via } : {}), ...(context ? { context } : {}) });
      check();
    } else {
      cluster.apply(action.input);
      check();
    }
    observe();
  }
  const onStage = options.onStage ?? (() => {});
  const unconvergedKeys = repair(cluster, problems, (stage) => {
    check();
    onStage(stage, cluster);
  });
  return { schedule, cluster, problems, unconvergedKeys };
}

/** Runs `checkInvariants` and records the first violation (later ones usually repeat it). */
function invariantWatcher(cluster: Cluster, problems: string[]): () => void {
  let hasFailed = false;
  return () => {
    if (hasFailed) return;
    const violations = checkInvariants(cluster);
    if (violations.length === 0) return;
    hasFailed = true;
    problems.push(`invariant broken at trace seq ${cluster.trace.length - 1} (${cluster.nowMs} ms): ${violations.map((v) => `${v.invariant}: ${v.detail}`).join('; ')}`);
  };
}

/**
 * Runs until `timeMs`, one queued event time after another, calling `afterStep` after
 * each. (Not `step()`: it skips silent timers to the next event that records something,
 * which can be far past `timeMs` when most nodes are down.)
 */
function stepUntil(cluster: Cluster, timeMs: number, afterStep: () => void): void {
  for (let next = cluster.queue.peek(); next && next.atMs <= timeMs; next = cluster.queue.peek()) {
    cluster.runUntil(next.atMs);
    afterStep();
  }
  cluster.runUntil(timeMs);
}

/** Members on the ring and up. */
export function liveMembers(cluster: Cluster): NodeId[] {
  return [...cluster.nodes.values()]
    .filter((n) => n.isMember && n.isUp)
    .map((n) => n.id)
    .sort();
}

/**
 * The operator's repair: heal the network, recover every failed node, take the destroyed
 * ones off the ring, let hints and probes run for 2 s, run anti-entropy between every
 * pair of replicas until a whole round finds nothing to repair, settle, and gossip until
 * every view agrees.
 */
function repair(cluster: Cluster, problems: string[], onStage: (stage: RepairStage) => void): string[] {
  cluster.apply({ type: 'heal' });
  for (const node of [...cluster.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!node.isUp && !node.isDestroyed) cluster.apply({ type: 'recover', node: node.id }); // former members too: they owe transfers
  }
  for (const node of [...cluster.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (node.isMember && node.isDestroyed) cluster.apply({ type: 'removeNode', id: node.id });
  }
  onStage('restored');
  cluster.runUntil(cluster.nowMs + 2000);
  onStage('handoff');
  const unconvergedKeys = antiEntropyUntilQuiet(cluster, problems);
  cluster.settle(200_000);
  if (!cluster.isSettled) problems.push('the cluster did not settle after anti-entropy');
  onStage('anti-entropy');
  let rounds = 0;
  for (; rounds < 40 && !viewsAgree(cluster.nodes.values()); rounds++) {
    cluster.apply({ type: 'gossipRound' });
    cluster.settle(200_000);
  }
  if (!viewsAgree(cluster.nodes.values())) problems.push(`membership views still differ after ${rounds} gossip rounds`);
  onStage('gossip');
  return unconvergedKeys;
}

/** Pairs of live members that hold replicas of some common range, each pair once, sorted. */
export function replicaPairs(cluster: Cluster): [NodeId, NodeId][] {
  const live = new Set(liveMembers(cluster));
  const pairs = new Set<string>();
  for (const range of elementaryRanges(cluster.ring)) {
    const holders = topNodes(cluster.ring, range[1], cluster.config.n, cluster.config).filter((id) => live.has(id)).sort();
    for (let i = 0; i < holders.length; i++) for (let j = i + 1; j < holders.length; j++) pairs.add(`${holders[i]}\u0000${holders[j]}`);
  }
  return [...pairs].sort().map((p) => p.split('\u0000') as [NodeId, NodeId]);
}

/**
 * Rounds of pairwise anti-entropy until one round repairs nothing (at most 6 rounds);
 * returns the keys the last round still found different ([] when it converged).
 */
function antiEntropyUntilQuiet(cluster: Cluster, problems: string[]): string[] {
  const pairs = replicaPairs(cluster);
  let differing = new Set<string>();
  for (let round = 0; round < 6; round++) {
    differing = new Set();
    for (const [a, b] of pairs) {
      const { exchangeId } = cluster.apply({ type: 'antiEntropy', a, b });
      const exchange = cluster.exchanges.get(exchangeId!)!;
      for (let next = cluster.queue.peek(), s = 0; next && !exchange.isDone && s < 100_000; next = cluster.queue.peek(), s++) cluster.runUntil(next.atMs);
      if (!exchange.isDone) problems.push(`anti-entropy ${a}–${b} (exchange ${exchangeId}) never finished`);
      else if (!exchangeSucceeded(cluster, exchangeId!)) problems.push(`anti-entropy ${a}–${b} (exchange ${exchangeId}) gave up`);
      for (const key of exchange.differingKeys) differing.add(key);
    }
    if (differing.size === 0) return [];
  }
  return [...differing].sort();
}

function exchangeSucceeded(cluster: Cluster, exchangeId: number): boolean {
  for (let i = cluster.trace.length - 1; i >= 0; i--) {
    const e = cluster.trace[i]!;
    if (e.kind === 'ae-done' && e.exchangeId === exchangeId) return e.ok;
  }
  return false;
}
