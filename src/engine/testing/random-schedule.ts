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
 * `checkRepaired` lists everything that is still wrong.
 *
 * Test support only: used by `schedules.test.ts` and `scripts/soak.ts`, never by the
 * engine. It reaches the engine through `index.ts` alone and, like the engine, draws every
 * random choice from a seeded `Rng`.
 */
import {
  Cluster,
  Rng,
  checkConsistency,
  checkInvariants,
  elementaryRanges,
  topNodes,
  describe as describeEvent,
  descendsOrEqual,
  formatClock,
  viewsAgree,
  type ClusterConfig,
  type ConsistencyReport,
  type Input,
  type NodeId,
  type Strategy,
  type VectorClock,
  type Version,
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

/** The cluster a seed runs on: 5 or 6 nodes, N=3 R=2 W=2, quick links and timeouts. */
export function scheduleConfig(seed: number): ClusterConfig {
  const rng = Rng.fromSeed(seed ^ 0x5c4ed);
  const nodeCount = rng.int(5, 6);
  const strategy = rng.pick<Strategy>([1, 2, 3]);
  const isTeaching = rng.float() < 0.25;
  return {
    n: 3,
    r: 2,
    w: 2,
    nodes: Array.from({ length: nodeCount }, (_, i) => ({ id: `n${i + 1}` })),
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
  members: NodeId[];
  readonly down: Set<NodeId>;
  readonly destroyed: Set<NodeId>;
  joined: number;
}

type ActionKind = 'put' | 'get' | 'fail' | 'recover' | 'partition' | 'heal' | 'destroy' | 'addNode' | 'removeNode';

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
  const model: Model = { members: config.nodes.map((n) => n.id), down: new Set(), destroyed: new Set(), joined: 0 };
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
      return input({ type: 'addNode', id });
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
    const holders = topNodes(cluster.ring, range[1], cluster.config.n).filter((id) => live.has(id)).sort();
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

// ---- the property -------------------------------------------------------------------

/** Each sibling as `D3 ([n1,2],[n4,1])`, sorted and joined, so two replicas' sets compare as text. */
export function siblingSignature(versions: readonly Version[]): string {
  return versions
    .map((v) => `D${v.id} ${formatClock(v.clock)}`)
    .sort()
    .join(' | ');
}

export interface RepairCheck {
  /** Broken parts of the property the sweep asserts; [] when it holds. */
  readonly violations: readonly string[];
  /**
   * The stronger expectations: every acknowledged write readable on its key's live
   * replicas, and every removed node known as left. Kept apart so a report says which
   * kind of promise broke; the sweep asserts both kinds.
   */
  readonly gaps: readonly string[];
  /** Writes the consistency checker reports lost with every node that held them (allowed: destroyed disks). */
  readonly lostWrites: number;
}

/**
 * What is still wrong after the repair phase, in words. The property:
 *  (a) the live members of each key's top N hold the same siblings, and anti-entropy
 *      converged;
 *  (b) no acknowledged write vanished: each is still held (or dominated) somewhere,
 *      unless every node that held it was destroyed — and then the consistency checker
 *      lists it as lost, naming only destroyed holders;
 *  (c) no live node holds a hint;
 *  (d) membership views agree, and no live member believes another live member is down;
 *  (v) two different versions of a key never share a clock (the coordinator's promise);
 *  plus whatever the run itself reported (an invariant broken after some event, an
 *  exchange that did not finish).
 */
export function checkRepaired(run: ScheduleRun): RepairCheck {
  const { cluster } = run;
  const violations = [...run.problems];
  for (const x of sharedClocks(cluster)) violations.push(`(v) ${x.key} D${x.ids[0]} and D${x.ids[1]} share the clock ${x.clock}`);
  if (run.unconvergedKeys.length > 0) violations.push(`(a) anti-entropy still found ${run.unconvergedKeys.join(', ')} different after 6 rounds`);
  const live = new Set(liveMembers(cluster));
  for (const key of SCHEDULE_KEYS) {
    const replicas = cluster.preferenceListOf(key).nodes.filter((id) => live.has(id));
    const signatures = new Map(replicas.map((id) => [id, siblingSignature(cluster.node(id).store.get(key) ?? [])]));
    if (new Set(signatures.values()).size > 1) violations.push(`(a) replicas of ${key} disagree: ${[...signatures].map(([id, sig]) => `${id}: [${sig}]`).join('; ')}`);
  }
  const report = checkConsistency(cluster.trace);
  const destroyed = new Set([...cluster.nodes.values()].filter((n) => n.isDestroyed).map((n) => n.id));
  for (const w of report.vanishedWrites) violations.push(`(b) acknowledged put #${w.putOpId} (${w.key} D${w.versionId}) vanished though ${w.holders.join(', ')} held it and not all were destroyed`);
  for (const w of report.lostWrites) {
    if (!w.holders.every((h) => destroyed.has(h))) violations.push(`(b) put #${w.putOpId} (${w.key} D${w.versionId}) reported lost, but not all of ${w.holders.join(', ')} were destroyed`);
  }
  for (const id of live) {
    const hints = [...cluster.node(id).hints.values()];
    if (hints.length > 0) violations.push(`(c) ${id} still holds ${hints.length} hint(s): ${hints.map((h) => `${h.key} for ${h.intendedFor}`).join(', ')}`);
  }
  if (!viewsAgree(cluster.nodes.values())) violations.push('(d) membership views differ');
  for (const id of live) for (const peer of cluster.node(id).unreachable) if (live.has(peer)) violations.push(`(d) ${id} still believes live member ${peer} is down`);
  return { violations, gaps: [...unreadableWrites(cluster, report, live), ...staleViews(cluster, live)], lostWrites: report.lostWrites.length };
}

/** (v) Different versions of one key with one clock: replicas take either for the other. */
function sharedClocks(cluster: Cluster): { key: string; clock: string; ids: [number, number] }[] {
  const seen = new Map<string, number>();
  const out: { key: string; clock: string; ids: [number, number] }[] = [];
  const reported = new Set<string>();
  for (const e of cluster.trace) {
    // Every version a put made is in its op-end; a stored copy of one covers replays and hand-offs.
    const version = e.kind === 'version-stored' || e.kind === 'hint-stored' ? e.version : e.kind === 'op-end' && e.op === 'put' ? e.version : undefined;
    if (version === undefined || !('key' in e)) continue;
    const clock = formatClock(version.clock);
    const id = `${e.key} ${clock}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, version.id);
    else if (first !== version.id && !reported.has(id)) {
      reported.add(id);
      out.push({ key: e.key, clock, ids: [first, version.id] });
    }
  }
  return out;
}

/** Acknowledged writes no live replica of their key holds (or dominates), though not lost. */
function unreadableWrites(cluster: Cluster, report: ConsistencyReport, live: ReadonlySet<NodeId>): string[] {
  const out: string[] = [];
  const lost = new Set(report.lostWrites.map((w) => w.putOpId));
  for (const e of cluster.trace) {
    if (e.kind !== 'op-end' || e.op !== 'put' || !e.ok || !e.version || lost.has(e.opId)) continue;
    const acked = e.version;
    const replicas = cluster.preferenceListOf(e.key).nodes.filter((id) => live.has(id));
    const holds = replicas.some((id) => (cluster.node(id).store.get(e.key) ?? []).some((v) => descendsOrEqual(v.clock, acked.clock)));
    if (holds) continue;
    const strandedOn = [...cluster.nodes.values()].filter((n) => !n.isDestroyed && [...(n.store.get(e.key) ?? [])].some((v) => descendsOrEqual(v.clock, acked.clock))).map((n) => n.id);
    out.push(`acknowledged put #${e.opId} (${e.key} D${acked.id} ${formatClock(acked.clock)}) is on none of its live replicas ${replicas.join(', ')}, only on ${strandedOn.join(', ') || 'no store'}`);
  }
  return out;
}

/** Live members' views that still list a removed node as joined (or miss a member). */
function staleViews(cluster: Cluster, live: ReadonlySet<NodeId>): string[] {
  const out: string[] = [];
  const members = new Set(cluster.ring.nodes.map((n) => n.id));
  for (const id of live) {
    const view = cluster.node(id).view;
    for (const m of members) if (view.get(m)?.status !== 'joined') out.push(`${id}'s view has member ${m} as ${view.get(m)?.status ?? 'unknown'}`);
    for (const [other, entry] of view) if (!members.has(other) && entry.status !== 'left') out.push(`${id}'s view has removed node ${other} as ${entry.status}`);
  }
  return out;
}

// ---- reporting ------------------------------------------------------------------------

/** The schedule in one line per action, for a failure report. */
export function formatSchedule(schedule: Schedule): string {
  return schedule.actions
    .map((a) => (a.kind === 'wait' ? `wait ${a.ms}` : a.kind === 'put' ? `put ${a.key}=${a.value}${a.via ? ` via ${a.via}` : ''}${a.withContext ? ' (last context)' : ''}` : JSON.stringify(a.input)))
    .join(', ');
}

/** The last `count` trace events as the event log reads them. */
export function traceTail(cluster: Cluster, count = 30): string {
  return cluster.trace
    .slice(-count)
    .map(line)
    .join('\n');
}

/** Everything needed to look at a failing seed: the problems, the replay command, the schedule and the trace tail. */
export function failureReport(run: ScheduleRun, problems: readonly string[], replay: string): string {
  const { schedule, cluster } = run;
  const key = SCHEDULE_KEYS.find((k) => problems.some((p) => p.includes(` ${k} `) || p.includes(`(${k} `)));
  const about = key === undefined ? [] : cluster.trace.filter((e) => 'key' in e && e.key === key).slice(-30);
  return [
    `seed ${schedule.seed}: ${problems.length} problem(s)`,
    ...problems.slice(0, 20).map((p) => `  - ${p}`),
    `replay: ${replay}`,
    `schedule (${schedule.config.nodes.length} nodes, strategy ${schedule.config.strategy}, ${schedule.config.ringSize ? 'teaching ring' : 'MD5 ring'}):`,
    formatSchedule(schedule),
    'last 30 trace events:',
    traceTail(cluster),
    ...(about.length > 0 ? [`last ${about.length} trace events about ${key}:`, ...about.map(line)] : []),
  ].join('\n');
}

function line(e: Cluster['trace'][number]): string {
  return `#${e.seq} ${e.atMs.toFixed(2)} ms ${e.node ?? '-'}: ${describeEvent(e)}`;
}
