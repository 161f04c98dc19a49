/**
 * Runs a validated scenario on the engine and reports each step's result and the final
 * state, as the headless runner (`npm run sim`) prints them. Each client operation runs
 * until it is answered; messages still in flight keep travelling during later steps.
 * Steps may carry `expect`, a partial result the step must match, so lecturers can check
 * their scenarios in CI.
 */
import { Cluster, InputError, clockToObject, contextClock, describe, describeView, nodeLoads, trafficClass, viewsAgree, type Input, type TraceEvent, type EventOf, type Version, type Json, type NodeState, type Ring, type Transfer, type MessageBody } from '../engine/index';
import type { Scenario, Step } from './schema';
import { ScenarioError } from './validate';
import { matchExpectation, type ExpectationFailure } from './expect';
import { membershipChangeProblem, RING_WORK } from '../worker/replay';
import { consistencyOut, noRepairs, repairsOut, type ConsistencyOut, type RepairsOut } from './run-reports';

export type { ConsistencyOut, RepairsOut } from './run-reports';

export type StepResult = { readonly op: Step['op']; readonly atMs: number } & Record<string, unknown>;

export interface VersionOut {
  readonly version: string;
  readonly value: Json;
  readonly clock: Record<string, number>;
}

export interface ScenarioOutput {
  readonly title?: string;
  readonly steps: StepResult[];
  readonly final: {
    readonly atMs: number;
    readonly nodes: Record<string, { up: boolean; destroyed?: true; removed?: true; data: Record<string, VersionOut[]>; hints: { key: string; intendedFor: string; versions: VersionOut[] }[]; view: Record<string, 'up' | 'down' | 'left'> }>;
  };
  readonly expectations?: { readonly checked: number; readonly failed: readonly ExpectationFailure[] };
  readonly consistency?: ConsistencyOut;
  /** How replicas were brought up to date: present when the run made a repair, or its `expect` asks. */
  readonly repairs?: RepairsOut;
  readonly trace?: readonly { seq: number; atMs: number; node: string | null; kind: string; text: string }[];
}

export interface RunOptions {
  /** Include every trace event, with its plain-language line. */
  readonly withTrace?: boolean;
}

/** Runs the scenario; throws a `ScenarioError` naming the step if the engine refuses one. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioOutput {
  return outputOf(scenario, execute(scenario), options);
}

/** What `runScenario` prints of a run already made (`execute`), so a caller that also needs the trace runs it once. */
export function outputOf(scenario: Scenario, run: Pick<ReturnType<typeof execute>, 'cluster' | 'results' | 'stepOfOp'>, options: RunOptions = {}): ScenarioOutput {
  const { cluster, results, stepOfOp } = run;
  const failures: ExpectationFailure[] = [];
  let checked = 0;
  scenario.steps.forEach((step, i) => {
    if (step.expect === undefined) return;
    checked++;
    for (const failure of matchExpectation(step.expect, results[i], `steps[${i}]`)) failures.push(failure); // not spread: 125,000 fields overflow the stack as arguments
  });
  const final = finalState(cluster);
  const isConsistencyAsked = scenario.expect?.consistency !== undefined;
  const stepOf = (opId: number) => ({ step: stepOfOp.get(opId) ?? -1 });
  const consistency = stepOfOp.size > 0 || isConsistencyAsked ? consistencyOut(cluster.trace, stepOf) : undefined;
  const repairs = repairsOut(cluster.trace, stepOf) ?? (scenario.expect?.repairs !== undefined ? noRepairs<'step'>() : undefined);
  // The run's own `expect`, once every step has run: what a grader asks of the whole run.
  for (const [field, actual] of [['final', final], ['consistency', consistency], ['repairs', repairs]] as const) {
    const expected = scenario.expect?.[field];
    if (expected === undefined) continue;
    checked++;
    for (const failure of matchExpectation(expected, actual, `expect.${field}`)) failures.push(failure);
  }
  return {
    ...(scenario.title !== undefined ? { title: scenario.title } : {}),
    steps: results,
    final,
    ...(checked > 0 ? { expectations: { checked, failed: failures } } : {}),
    ...(consistency !== undefined ? { consistency } : {}),
    ...(repairs !== undefined ? { repairs } : {}),
    ...(options.withTrace ? { trace: traceOut(cluster, cluster.trace) } : {}),
  };
}

/**
 * The most engine events (deliveries and timers that fire) one run may process. The
 * examples and built-in lectures take at most a few hundred, `npm run bench`'s workload
 * about 45,000; a run that passes this (a `wait` of days with gossip every second, a
 * timer every microsecond) is refused rather than left to fill the memory.
 */
export const MAX_EVENTS = 1_000_000;

/** Thrown when a run passes `MAX_EVENTS`; the runner names the step. */
class BudgetSpent extends Error {}

/** Applies every step to a fresh cluster; the cluster and each step's result. */
export function execute(scenario: Scenario, options: { readonly maxEvents?: number } = {}): { cluster: Cluster; results: StepResult[]; stepOfOp: Map<number, number>; stepEnds: number[] } {
  const maxEvents = options.maxEvents ?? MAX_EVENTS;
  let cluster: Cluster;
  try {
    cluster = Cluster.create(scenario.config, scenario.seed);
  } catch (e) {
    // The validator refuses every configuration the engine does; this is its last word.
    if (e instanceof InputError) throw new ScenarioError(`config.${e.field}`, e.message);
    throw new ScenarioError('config', (e as Error).message);
  }
  checkMembershipChanges(scenario.steps, cluster.ring);
  const contexts = new Map<string, Version[]>();
  // Which step started each client operation, for the consistency report.
  const stepOfOp = new Map<number, number>();
  // The trace's length at each step's end: where a run stopped after that step would end (same seed, same inputs).
  const stepEnds: number[] = [];
  const results = scenario.steps.map((step, i) => {
    try {
      const from = cluster.trace.length;
      const result = { op: step.op, atMs: cluster.nowMs, ...runStep(cluster, step, contexts, maxEvents) } as StepResult;
      if (cluster.eventsProcessed > maxEvents) throw new BudgetSpent();
      for (let j = from; j < cluster.trace.length; j++) {
        const e = cluster.trace[j]!;
        if (e.kind === 'op-start') stepOfOp.set(e.opId, i);
      }
      stepEnds.push(cluster.trace.length);
      return result;
    } catch (e) {
      if (e instanceof InputError) throw new ScenarioError(`steps[${i}].${e.field}`, e.message);
      if (e instanceof BudgetSpent) throw budgetError(i, step, cluster, maxEvents);
      throw e;
    }
  });
  return { cluster, results, stepOfOp, stepEnds };
}

/**
 * Refuses, before any step runs, the first join or leave past the bound a saved session has
 * (`membershipChangeProblem`: at most 2,000, and at most RING_WORK ÷ the ring's tokens). Each
 * moves ranges all round the ring, work in proportion to its tokens, and records a few events,
 * so the bound on engine events does not see them: 1,500 leave–join pairs on 512 nodes × 128
 * tokens ran for ten minutes. The ring's tokens before each change follow from the steps
 * (`Ring.tokensAddedBy`), counted from `ring`, the fresh cluster's, before any step.
 */
export function checkMembershipChanges(steps: readonly Step[], ring: Ring): void {
  const held = new Map<string, number>();
  for (const t of ring.tokens) held.set(t.node, (held.get(t.node) ?? 0) + 1);
  let tokens = ring.tokens.length;
  let changes = 0;
  steps.forEach((step, i) => {
    if (step.op !== 'addNode' && step.op !== 'removeNode') return;
    const problem = membershipChangeProblem(++changes, tokens, RING_WORK, 'a scenario');
    if (problem !== null) throw new ScenarioError(`steps[${i}]`, problem);
    if (ring.strategy === 3) return; // the ring keeps its Q partition ends
    if (step.op === 'addNode') {
      const added = ring.tokensAddedBy(step.capacity ?? 1, step.tokens);
      held.set(step.id, added);
      tokens += added;
    } else {
      tokens -= held.get(step.id) ?? 0;
      held.delete(step.id);
    }
  });
}

/**
 * Why step `i` was stopped at the bound on engine events. The page's recorder of scenario
 * files (src/worker/record-scenario.ts) refuses in the same words.
 */
export function budgetError(i: number, step: Step, cluster: Cluster, maxEvents: number): BudgetError {
  return new BudgetError(i, maxEvents, round4(cluster.nowMs), budgetAdvice(step, cluster));
}

/** A run stopped at the bound on engine events: the step, when, and what to change in it (a lecture names its whole bound in its own words). */
export class BudgetError extends ScenarioError {
  constructor(
    readonly step: number,
    maxEvents: number,
    readonly atMs: number,
    readonly advice: string,
  ) {
    super(`steps[${step}]`, `the run passed ${maxEvents.toLocaleString('en-US')} engine events (at ${atMs} ms of virtual time), the most one run may take${advice}`);
  }
}

/** What to change in the step that passed the bound, by what it is. */
function budgetAdvice(step: Step, cluster: Cluster): string {
  switch (step.op) {
    case 'settle':
      return `: settle waits until no message is in flight, and here some always were (${inFlightText(cluster)}); use a wait instead${settleAdvice(cluster)}`;
    case 'gossip':
      // Each round runs until nothing is in flight, as settle does: what else kept flying is the cause, not the rounds.
      if ([...cluster.inFlight.values()].some((m) => inFlightKind(m.body) !== 'gossip')) {
        const advice = quietingAdvice(cluster);
        return `: each gossip round runs until no message is in flight, as settle does, and here some always were (${inFlightText(cluster)}); ${advice.length === 0 ? 'let the cluster go quiet first' : advice.join(', or ')}`;
      }
      return `: ${step.rounds} gossip round${step.rounds === 1 ? '' : 's'} among ${cluster.nodes.size} nodes take more than that (each node sends a message a round, and each is delivered and answered); ask for fewer rounds`;
    case 'wait':
      return '; shorten the wait or make timers less frequent';
    default:
      return `; the cluster's own timers (gossip, anti-entropy, retries) kept it busy while the step's ${step.op} ran: make them less frequent`;
  }
}

/** settle's advice beyond "use a wait instead": ", or …" for each thing in flight that could be made to stop. */
function settleAdvice(cluster: Cluster): string {
  const advice = quietingAdvice(cluster);
  return advice.length === 0 ? '' : `, or ${advice.join(', or ')}`;
}

/**
 * What to make less frequent, by the kinds in flight: gossip rounds, anti-entropy, the failure
 * detector's probes of a node believed down (counted apart from gossip: they go on with gossip
 * off), or a stand-in's retries of its hints.
 */
function quietingAdvice(cluster: Cluster): string[] {
  const kinds = new Set([...cluster.inFlight.values()].map((m) => inFlightKind(m.body)));
  const advice: string[] = [];
  if (kinds.has('gossip') && cluster.config.gossipIntervalMs > 0) advice.push('gossip less often (gossipIntervalMs)');
  if (kinds.has('anti-entropy') && cluster.config.antiEntropyIntervalMs > 0) advice.push('run anti-entropy less often (antiEntropyIntervalMs)');
  if (kinds.has('failure-detector')) advice.push('probe a node believed down less often (hintRetryMs)');
  // A stand-in retries its hints every hintRetryMs until the node they are for takes them: over a link slower than that, without end.
  if (kinds.has('handoff')) advice.push('retry hinted writes less often (hintRetryMs), or recover the node they are for and heal its links');
  return advice;
}

/** A message's kind as the runner's messages name it: the traffic class, the failure detector's pings and pongs apart from gossip. */
function inFlightKind(body: MessageBody): string {
  return body.type === 'ping' || body.type === 'pong' ? 'failure-detector' : trafficClass(body);
}

/** The most ranges the `ownership` steps of one run may list, in all: each lists every token's range once. */
export const MAX_OWNERSHIP_RANGES = 1_000_000;
/** Ranges listed so far by each run's ownership steps. */
const rangesListed = new WeakMap<Cluster, number>();

/**
 * Each node's shares and ranges. Refused past MAX_OWNERSHIP_RANGES in a run: 2,000 ownership
 * steps on 512 nodes × 128 tokens (65,536 ranges each) ran three minutes and died out of memory.
 */
function ownershipResult(cluster: Cluster): Record<string, unknown> {
  const listed = (rangesListed.get(cluster) ?? 0) + cluster.ring.tokens.length;
  if (listed > MAX_OWNERSHIP_RANGES) throw new InputError(`the run's ownership steps would list ${listed.toLocaleString('en-US')} ranges, and one run may list at most ${MAX_OWNERSHIP_RANGES.toLocaleString('en-US')} (this ring has ${cluster.ring.tokens.length.toLocaleString('en-US')} tokens, a range each): ask for ownership fewer times`, 'op');
  rangesListed.set(cluster, listed);
  return { nodes: Object.fromEntries(nodeLoads(cluster.ring, cluster.config.n, cluster.config).map((l) => [l.node, { primaryShare: round4(l.primaryShare), replicaShare: round4(l.replicaShare), ranges: l.primaryRanges.map((r) => [...r]) }])) };
}

/** The most versions the `inspect` steps of one run may list, in all (a node's stored versions and hints). */
export const MAX_INSPECTED_VERSIONS = 1_000_000;
/** Versions listed so far by each run's inspect steps. */
const versionsListed = new WeakMap<Cluster, number>();

/**
 * One node's state, not every node's (on 512 nodes building them all took 0.25 s per inspect).
 * Refused past MAX_INSPECTED_VERSIONS in a run: 20,000 inspects of a node holding 20,000 keys,
 * a 1.5 MB file, ran 90 s and died out of memory, with V8's crash report and no word of why.
 */
function inspectResult(cluster: Cluster, nodeId: string): Record<string, unknown> {
  const node = cluster.nodes.get(nodeId);
  if (!node) return { node: nodeId };
  let held = 0;
  for (const versions of node.store.values()) held += versions.length;
  for (const hint of node.hints.values()) held += hint.versions.length;
  const listed = (versionsListed.get(cluster) ?? 0) + held;
  if (listed > MAX_INSPECTED_VERSIONS) throw new InputError(`the run's inspect steps would list ${listed.toLocaleString('en-US')} versions, and one run may list at most ${MAX_INSPECTED_VERSIONS.toLocaleString('en-US')} (${nodeId} holds ${held.toLocaleString('en-US')} now): inspect fewer times, or use expect on the final state`, 'op');
  versionsListed.set(cluster, listed);
  return { node: nodeId, ...nodeOut(node) };
}

/** The most node ids the `preferenceList` steps of one run may list, in all: each lists every node, its top N and the fallbacks. */
export const MAX_PREFERENCE_NODES = 1_000_000;
/** Node ids listed so far by each run's preferenceList steps. */
const preferenceNodesListed = new WeakMap<Cluster, number>();

/**
 * The key's preference list. Refused past MAX_PREFERENCE_NODES in a run: 100,000 of them on
 * 512 nodes (51 million ids) ran 18 s only to be told the output was too large to print.
 */
function preferenceListResult(cluster: Cluster, key: string, n: number | undefined): Record<string, unknown> {
  const list = cluster.preferenceListOf(key, n);
  const count = list.nodes.length + list.fallbacks.length;
  const listed = (preferenceNodesListed.get(cluster) ?? 0) + count;
  if (listed > MAX_PREFERENCE_NODES) throw new InputError(`the run's preferenceList steps would list ${listed.toLocaleString('en-US')} nodes, and one run may list at most ${MAX_PREFERENCE_NODES.toLocaleString('en-US')} (each lists all the ring's nodes, its top N then the fallbacks: ${count.toLocaleString('en-US')} here): ask for preference lists fewer times`, 'op');
  preferenceNodesListed.set(cluster, listed);
  return { key, ...(n !== undefined ? { n } : {}), position: cluster.keyPosition(key), nodes: list.nodes, fallbacks: list.fallbacks };
}

/** What is in flight, by kind, most first: "11 in flight at the end: 10 gossip, 1 replication". */
function inFlightText(cluster: Cluster): string {
  const counts = new Map<string, number>();
  for (const m of cluster.inFlight.values()) {
    const kind = inFlightKind(m.body);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const kinds = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([kind, count]) => `${count} ${kind}`);
  if (kinds.length === 0) return `none in flight at the end, but ${cluster.ops.size} operation${cluster.ops.size === 1 ? '' : 's'} still waiting`;
  return `${cluster.inFlight.size} in flight at the end: ${kinds.join(', ')}`;
}

function runStep(cluster: Cluster, step: Step, contexts: Map<string, Version[]>, maxEvents: number): Record<string, unknown> {
  /** Events this step may still process before the run passes its budget (one more, to tell it passed). */
  const left = (): number => Math.max(0, maxEvents + 1 - cluster.eventsProcessed);
  switch (step.op) {
    case 'put': {
      // Without contextFrom the put is blind: no context at all, which the engine tells from a read's empty one.
      const context = step.contextFrom !== undefined ? { context: contextClock(contexts.get(step.contextFrom) ?? []) } : {};
      const end = runOp(cluster, { type: 'put', key: step.key, value: step.value, ...context, ...(step.via ? { via: step.via } : {}) }, left());
      return putResult(end);
    }
    case 'get': {
      const end = runOp(cluster, { type: 'get', key: step.key, ...(step.via ? { via: step.via } : {}) }, left());
      if (step.id !== undefined) contexts.set(step.id, [...(end.versions ?? [])]);
      return getResult(end, step.id);
    }
    case 'addNode':
    case 'removeNode': {
      const { transfers, repairs } = cluster.apply(step.op === 'addNode' ? { type: 'addNode', id: step.id, tokens: step.tokens, capacity: step.capacity, dc: step.dc } : { type: 'removeNode', id: step.id });
      const plain = (list: readonly Transfer[]) => list.map((t) => ({ from: t.from, to: t.to, range: [...t.range] }));
      return { id: step.id, transfers: plain(transfers ?? []), ...(repairs ? { repairs: plain(repairs) } : {}) };
    }
    case 'wait':
      if (!cluster.runUntil(cluster.nowMs + step.ms, left())) throw new BudgetSpent();
      return { ms: step.ms };
    case 'settle':
      cluster.settle(left());
      return {};
    case 'preferenceList':
      return preferenceListResult(cluster, step.key, step.n);
    case 'partition':
      cluster.apply({ type: 'partition', groups: step.groups });
      return { groups: step.groups };
    case 'heal':
      cluster.apply({ type: 'heal' });
      return {};
    case 'note':
      cluster.apply({ type: 'note', text: step.text });
      return { text: step.text };
    case 'inspect':
      return inspectResult(cluster, step.node);
    case 'ownership':
      return ownershipResult(cluster);
    case 'antiEntropy':
      return antiEntropyResult(cluster, step.a, step.b, left());
    case 'gossip':
      return gossipResult(cluster, step.rounds, left);
    case 'isolateDc':
      cluster.apply({ type: 'isolateDc', dc: step.dc });
      return { dc: step.dc };
    case 'cutLink':
      cluster.apply({ type: 'cutLink', from: step.from, to: step.to });
      return { from: step.from, to: step.to };
    case 'slowLink':
      cluster.apply({ type: 'slowLink', from: step.from, to: step.to, extraMs: step.extraMs });
      return { from: step.from, to: step.to, extraMs: step.extraMs };
    case 'lossyLink':
      cluster.apply({ type: 'lossyLink', from: step.from, to: step.to, lossRate: step.lossRate });
      return { from: step.from, to: step.to, lossRate: step.lossRate };
    default:
      cluster.apply({ type: step.op, node: step.node });
      return { node: step.node };
  }
}

/** Starts a put or get and runs the simulation until it is answered. */
function runOp(cluster: Cluster, input: Extract<Input, { type: 'put' | 'get' }>, maxEvents: number): EventOf<'op-end'> {
  const { opId } = cluster.apply(input);
  if (opId === undefined) throw new Error('the engine started no operation');
  const before = cluster.eventsProcessed;
  cluster.runUntilDone(opId, maxEvents);
  if (cluster.ops.has(opId) && cluster.eventsProcessed - before >= maxEvents) throw new BudgetSpent();
  const end = findLast(cluster.trace, (e): e is EventOf<'op-end'> => e.kind === 'op-end' && e.opId === opId);
  if (!end) throw new Error(`operation ${opId} never ended`);
  return end;
}

function findLast<T extends TraceEvent>(trace: readonly TraceEvent[], is: (e: TraceEvent) => e is T): T | undefined {
  for (let i = trace.length - 1; i >= 0; i--) if (is(trace[i]!)) return trace[i] as T;
  return undefined;
}

/** One exchange between a and b, run to its end; one that gave up says why, as a failed put or get does. */
function antiEntropyResult(cluster: Cluster, a: string, b: string, maxEvents: number): Record<string, unknown> {
  const stateOf = (id: string) => (cluster.nodes.get(id)?.isDestroyed ? 'destroyed' : cluster.nodes.get(id)?.isUp ? 'up' : 'down');
  const [stateA, stateB, startMs] = [stateOf(a), stateOf(b), cluster.nowMs];
  const { exchangeId } = cluster.apply({ type: 'antiEntropy', a, b });
  const isDone = (): boolean => cluster.exchanges.get(exchangeId ?? -1)?.isDone ?? true;
  const stopAt = cluster.eventsProcessed + maxEvents;
  for (let i = 0; i < 10_000_000 && !isDone() && cluster.step().length > 0; i++) if (cluster.eventsProcessed >= stopAt) throw new BudgetSpent();
  const done = findLast(cluster.trace, (e): e is EventOf<'ae-done'> => e.kind === 'ae-done' && e.exchangeId === exchangeId);
  if (!done) return { a, b, ok: false, error: 'the exchange did not end' };
  const { ok, differingKeys, hashesCompared, bytesExchanged, bytesFullTransfer } = done;
  const tookMs = round4(cluster.nowMs - startMs);
  // The exchange itself records only that it gave up ("no answer"); who was down when it began is the usual reason.
  // Both up: the cause is not recorded (a cut link, a slow one, a lost message), so none is guessed.
  const error = stateA !== 'up' ? `${a} is ${stateA} and cannot start an exchange` : stateB !== 'up' ? `${b} is ${stateB}: ${a} got no answer and gave up after ${tookMs} ms` : `${a} got no answer from ${b} in time and gave up after ${tookMs} ms`;
  return { a, b, ok, differingKeys, hashesCompared, bytesExchanged, bytesFullTransfer, ...(ok ? {} : { error }) };
}

/** Each live member gossips once with a random peer, `rounds` times, letting each round finish. */
function gossipResult(cluster: Cluster, rounds: number, left: () => number): Record<string, unknown> {
  for (let i = 0; i < rounds; i++) {
    cluster.apply({ type: 'gossipRound' });
    cluster.settle(left());
    if (left() === 0) throw new BudgetSpent();
  }
  return { rounds, viewsAgree: viewsAgree(cluster.nodes.values()) };
}

function putResult(end: EventOf<'op-end'>): Record<string, unknown> {
  return {
    key: end.key,
    ok: end.ok,
    coordinator: end.coordinator,
    ...(end.version ? { version: `D${end.version.id}`, clock: clockToObject(end.version.clock) } : {}),
    acks: end.acks ?? [],
    hinted: end.hinted ?? [],
    latencyMs: end.latencyMs,
    ...(end.error !== undefined ? { error: end.error } : {}),
  };
}

function getResult(end: EventOf<'op-end'>, id: string | undefined): Record<string, unknown> {
  return {
    ...(id !== undefined ? { id } : {}),
    key: end.key,
    ok: end.ok,
    coordinator: end.coordinator,
    versions: inOrder(end.versions ?? []),
    context: clockToObject(end.context ?? []),
    replies: end.replies ?? [],
    latencyMs: end.latencyMs,
    ...(end.error !== undefined ? { error: end.error } : {}),
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * The `--trace` output: each event with the line a person reads, written against the cluster's
 * ring (under strategies 2 and 3 a join counts the partitions that move), and on one line as
 * `npm run lecture --trace` lists it: a note's line break, or one in a node id a session
 * written under the earlier rules may have, is written as its escape.
 */
export function traceOut(cluster: Cluster, events: readonly TraceEvent[]): NonNullable<ScenarioOutput['trace']> {
  const ring = { ringSize: cluster.ring.space.size, partitions: cluster.ring.partitionCount };
  return events.map((e) => ({ seq: e.seq, atMs: e.atMs, node: e.node, kind: e.kind, text: describe(e, ring) }));
}

/** Versions as the output lists them everywhere (a get's, a node's, a hint's): in the order they were made, D2 before D3, so one `expect` fits them all. */
function inOrder(versions: readonly Version[]): VersionOut[] {
  return [...versions].sort((a, b) => a.id - b.id).map(versionOut);
}

export function versionOut(v: Version): VersionOut {
  return { version: `D${v.id}`, value: v.value, clock: clockToObject(v.clock) };
}

export function finalState(cluster: Cluster): ScenarioOutput['final'] {
  // Maps keyed by what users typed (node ids, keys) are built with Object.fromEntries,
  // which defines own properties: assigning `out[id] = …` to a plain object would set
  // its prototype for an id or key "__proto__" and leave it out of the output.
  const nodes = Object.fromEntries([...cluster.nodes.values()].map((node) => [node.id, nodeOut(node)])) as ScenarioOutput['final']['nodes'];
  return { atMs: cluster.nowMs, nodes };
}

/** One node as `final.nodes[id]` and `inspect` show it. */
function nodeOut(node: NodeState): ScenarioOutput['final']['nodes'][string] {
  const data = Object.fromEntries([...node.store.keys()].sort().map((key) => [key, inOrder(node.store.get(key) ?? [])]));
  const hints = [...node.hints.values()].map((h) => ({ key: h.key, intendedFor: h.intendedFor, versions: inOrder(h.versions) })).sort((x, y) => (x.key + x.intendedFor < y.key + y.intendedFor ? -1 : 1));
  return { up: node.isUp, ...(node.isDestroyed ? { destroyed: true as const } : {}), ...(!node.isMember ? { removed: true as const } : {}), data, hints, view: describeView(node) };
}
