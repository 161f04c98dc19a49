/**
 * Turns untrusted text or data into a `Scenario`, or into one clear message that names
 * where the problem is (`steps[3].node: no node named "node9" …`). Nothing from a file
 * or a link reaches the engine without passing here.
 */
import type { z } from 'zod';
import { areRulesEarlier, configSchema, envelopeSchema, stepSchemas, STEP_OPS, type Scenario, type ScenarioConfig, type Step, type StepOf, type StepOp } from './schema';
import { removedName, resolveConfig, strategy3JoinProblem, type Json } from '../engine/index';
import { parseJsonText } from './json-text';
import { quote } from './expect';
import { check, didYouMean, joinPath, kindOf, quotedName, ScenarioError } from './problems';

export { check, firstProblem, joinPath, kindOf, ScenarioError, type Problem } from './problems';

export type Parsed = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: ScenarioError };

/**
 * Parses JSON text (a UTF-8 byte order mark at its start is passed over), then validates
 * it. Never throws. Bad JSON is one line with its place: `not valid JSON at line 6, column 3: …`.
 */
export function parseScenarioText(text: string): Parsed {
  const json = parseJsonText(text);
  return json.ok ? parseScenario(json.data) : { ok: false, error: new ScenarioError('', json.error) };
}

/** Where a scenario comes from, when not a scenario file. */
export interface ScenarioSource {
  /**
   * Fields its steps may also have, taken off before it is validated (a lecture's
   * `narration`, `question`…): offered, with the step's own, for a misspelt field.
   */
  readonly stepFields?: readonly string[];
}

/** Validates already-parsed data. Never throws. */
export function parseScenario(data: unknown, source: ScenarioSource = {}): Parsed {
  try {
    return { ok: true, scenario: validate(data, source) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e };
    return { ok: false, error: new ScenarioError('', `could not be read (${(e as Error).message})`) };
  }
}

function validate(data: unknown, source: ScenarioSource): Scenario {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ScenarioError('', 'a scenario must be a JSON object {"version": 1, "seed", "config", "steps"}');
  // Steps under a saved session's word (`isSavedSession`): told where they go, rather than that "steps" is missing.
  if (!('steps' in data) && holdsSteps((data as { actions?: unknown }).actions)) throw new ScenarioError('', 'unknown field "actions" (a scenario lists its steps in "steps"; "actions" holds the clicks of a session saved from the page)');
  const envelope = check(envelopeSchema, data, '');
  const config = parseConfig(envelope.config, 'config');
  const steps = envelope.steps.map((raw, i) => parseStep(raw, `steps[${i}]`, source.stepFields));
  checkSteps(config, steps);
  checkJoinPositions(config, steps);
  checkTokenTotal(config, steps);
  const { title, description, expect } = envelope;
  for (const field of ['final', 'consistency', 'repairs'] as const) if (isTooDeep(expect?.[field])) throw new ScenarioError(`expect.${field}`, `is nested more than ${MAX_DEPTH} levels deep`);
  return { version: 1, seed: envelope.seed, config, steps, ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}), ...(expect !== undefined ? { expect } : {}) };
}

/**
 * Whether `data` is a session saved from the page rather than a scenario: it has `actions`
 * and no `steps`, and its actions are not all steps. Actions that all have an `op` are a
 * scenario's steps under the session's word (a file with "version": 1 and "actions"), which
 * was told about sessions (`actions[0]: an action is {"input": {…}}, …`).
 */
export function isSavedSession(data: object): boolean {
  return 'actions' in data && !('steps' in data) && !holdsSteps(data.actions);
}

/**
 * True for a list of steps (objects with an `op`, which no session action has), every one: a
 * saved session with one stray step is still a session, told what is wrong with that action.
 */
function holdsSteps(actions: unknown): boolean {
  return Array.isArray(actions) && actions.length > 0 && actions.every((a: unknown) => typeof a === 'object' && a !== null && !Array.isArray(a) && 'op' in a);
}

function parseStep(raw: unknown, path: string, alsoKnown: readonly string[] = []): Step {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ScenarioError(path, 'a step must be an object like {"op": "put", …}');
  const op = (raw as { op?: unknown }).op;
  if (op === undefined) throw new ScenarioError(`${path}.op`, `missing; expected one of ${STEP_OPS.join(', ')}`);
  if (typeof op !== 'string') throw new ScenarioError(`${path}.op`, `must be text (a JSON string), not ${kindOf(op)}; expected one of ${STEP_OPS.join(', ')}`);
  if (!(STEP_OPS as string[]).includes(op)) {
    // As a misspelt field is told: "Get" is "get", and "fial" "fail".
    throw new ScenarioError(`${path}.op`, `unknown op ${quotedName(op)}${didYouMean(op, STEP_OPS)}; expected one of ${STEP_OPS.join(', ')}`);
  }
  for (const [field, value] of Object.entries(raw)) {
    if (isTooDeep(value)) throw new ScenarioError(joinPath(path, [field]), `is nested more than ${MAX_DEPTH} levels deep`);
  }
  const step = check(stepSchemas[op as StepOp] as z.ZodType<Step>, raw, path, alsoKnown);
  // zod rebuilds JSON objects and drops own "__proto__" fields on the way; the value was
  // checked to be JSON, so keep it exactly as it was written.
  return step.op === 'put' ? { ...step, value: (raw as { value: Json }).value } : step;
}

/** How deep a value in a file may nest (an `expect`, a put's value, a session's action). */
export const MAX_DEPTH = 64;

/**
 * True when `value` nests arrays or objects more than `MAX_DEPTH` levels deep. Iterative,
 * so a hostile file cannot overflow the stack here (it would in zod, in the matcher and
 * in JSON.stringify).
 */
export function isTooDeep(value: unknown, max = MAX_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The cluster configuration of a scenario, a lecture part or a saved session, checked
 * with the same words wherever it comes from: its shape with zod, then what zod cannot
 * see (`checkConfig`).
 */
export function parseConfig(raw: unknown, base: string): ScenarioConfig {
  const parsed = check(configSchema, raw, base);
  // zod's record drops an own "__proto__" key; rebuild the map from what was written.
  const written = (raw as { keyPositions?: Record<string, number> }).keyPositions;
  let config = parsed;
  if (written !== undefined) {
    const position = configSchema.shape.keyPositions.unwrap().valueType;
    for (const [key, pos] of Object.entries(written)) if (!Object.hasOwn(parsed.keyPositions!, key)) check(position, pos, joinPath(`${base}.keyPositions`, [key]));
    config = { ...parsed, keyPositions: Object.fromEntries(Object.entries(written)) };
  }
  checkConfig(config, base);
  return config;
}

/**
 * What the config's shape cannot say: quorums no larger than N, N no larger than the
 * cluster, unique ids and token positions, room on a teaching ring for every token. Throws
 * a ScenarioError naming the field under `base` (`config`).
 */
export function checkConfig(config: ScenarioConfig, base = 'config'): void {
  const { n, r, w, nodes, ringSize } = config;
  const at = (path: string): string => `${base}.${path}`;
  if (r > n) throw new ScenarioError(at('r'), `r (${r}) is greater than n (${n}): a read cannot wait for more replies than there are replicas`);
  if (w > n) throw new ScenarioError(at('w'), `w (${w}) is greater than n (${n}): a write cannot wait for more acknowledgements than there are replicas`);
  if (n > nodes.length) throw new ScenarioError(at('n'), `n (${n}) is more than the ${nodes.length} node${nodes.length === 1 ? '' : 's'} configured`);
  const seen = new Set<string>();
  const positions = new Map<number, string>();
  const size = ringSize ?? 2 ** 52;
  nodes.forEach((node, i) => {
    if (seen.has(node.id)) throw new ScenarioError(at(`nodes[${i}].id`), `duplicate node id ${quote(node.id)}`);
    seen.add(node.id);
    if (config.strategy === 3 && node.tokens !== undefined) throw new ScenarioError(at(`nodes[${i}].tokens`), strategy3Tokens(node.tokens));
    if (!Array.isArray(node.tokens)) return;
    node.tokens.forEach((pos, j) => {
      if (pos >= size) throw new ScenarioError(at(`nodes[${i}].tokens[${j}]`), `position ${pos} is outside the ring 0–${size - 1}`);
      const other = positions.get(pos);
      if (other !== undefined) throw new ScenarioError(at(`nodes[${i}].tokens[${j}]`), `position ${pos} already holds a token of ${other}`);
      positions.set(pos, node.id);
    });
  });
  if (config.strategy !== 3) checkRoom(config, ringSize, at);
  checkPartitions(config, at);
  if (config.keyPositions && ringSize === undefined) throw new ScenarioError(at('keyPositions'), 'only a teaching ring (with ringSize) takes explicit key positions');
  for (const [key, pos] of Object.entries(config.keyPositions ?? {})) {
    if (pos >= size) throw new ScenarioError(joinPath(at('keyPositions'), [key]), `position ${pos} is outside the ring 0–${size - 1}`);
  }
  if (config.seeds?.length === 0) throw new ScenarioError(at('seeds'), 'must name at least one node: a joining node announces itself to the seeds (leave it out for the first two nodes)');
  for (const [i, seed] of (config.seeds ?? []).entries()) {
    if (!seen.has(seed)) throw new ScenarioError(at(`seeds[${i}]`), `no node named ${quote(seed)}${sameButCase(seed, seen)} (the cluster has ${namesListed([...seen])})`);
    if (config.seeds!.indexOf(seed) !== i) throw new ScenarioError(at(`seeds[${i}]`), `names ${quote(seed)} again (seeds[${config.seeds!.indexOf(seed)}])`);
  }
  const { latency } = config;
  if (latency?.kind === 'uniform' && latency.minMs > latency.maxMs) throw new ScenarioError(at('latency.minMs'), `minMs (${latency.minMs}) is greater than maxMs (${latency.maxMs}): a uniform latency falls between them`);
}

/** Why a node under strategy 3 may not say its tokens (the engine would ignore them). */
function strategy3Tokens(tokens: number | readonly number[]): string {
  return `strategy 3 places tokens at partition ends itself (Q/S per node, in proportion to capacity): give no ${Array.isArray(tokens) ? 'explicit positions' : 'token count'}`;
}

/** Why `partitions` is refused under strategy 1 (`isDefault`: no `strategy` given). */
const PARTITIONS_UNDER_STRATEGY_1 = (isDefault: boolean): string =>
  `only strategies 2 and 3 cut the ring into equal partitions; under strategy 1${isDefault ? ' (the default)' : ''} a node's ranges lie between random tokens, so partitions would be ignored (set strategy to 2 or 3, or leave partitions out)`;

/**
 * Strategies 2 and 3 cut the ring into Q equal partitions: at most one per position of a
 * teaching ring, and under strategy 3 (Q/S partition ends per node) at least one per node,
 * or a node would own nothing and a key could not find N replicas.
 */
function checkPartitions(config: ScenarioConfig, at: (path: string) => string): void {
  const { strategy, partitions, ringSize, nodes } = config;
  if (strategy !== 2 && strategy !== 3) {
    // Strategy 1 has no partition count: its ranges lie between random tokens. Said, rather than ignored.
    if (partitions !== undefined && !areRulesEarlier()) throw new ScenarioError(at('partitions'), PARTITIONS_UNDER_STRATEGY_1(strategy === undefined));
    return;
  }
  const q = resolveConfig(config).partitions;
  if (ringSize !== undefined && q > ringSize) throw new ScenarioError(at('partitions'), `${q} equal partitions do not fit a ring of ${ringSize} positions`);
  if (strategy === 3 && q < nodes.length) throw new ScenarioError(at(partitions === undefined ? 'strategy' : 'partitions'), `strategy 3 gives each node Q/S partitions: ${q} partitions for ${nodes.length} nodes leaves some with none`);
  // The ring is built by joining the nodes in order, each taking its share by capacity: a node whose share
  // rounds to none would own nothing (A at capacity 1000, then B at 1: every key's list held A alone, and every quorum failed).
  if (strategy === 3) {
    nodes.forEach((node, i) => {
      const problem = i === 0 ? null : strategy3JoinProblem(node.id, node.capacity ?? 1, nodes.slice(0, i).map((n) => n.capacity ?? 1), q);
      if (problem) throw new ScenarioError(at(`nodes[${i}].${problem.field}`), problem.message);
    });
  }
}

/**
 * Room for the nodes' tokens (strategies 1 and 2), counted as the engine places them: a
 * node's explicit positions, its count, or `tokensPerNode × capacity` (at least 1). A
 * teaching ring has one token per position at most, and no ring more than MAX_TOKENS.
 */
function checkRoom(config: ScenarioConfig, ringSize: number | undefined, at: (path: string) => string): void {
  const perNode = resolveConfig(config).tokensPerNode;
  let needed = 0;
  config.nodes.forEach((node, i) => {
    needed += tokenCountOf(node, perNode);
    const field = node.tokens !== undefined ? `nodes[${i}].tokens` : config.tokensPerNode !== undefined ? 'tokensPerNode' : `nodes[${i}]`;
    if (ringSize !== undefined && needed > ringSize) throw new ScenarioError(at(field), `the nodes up to ${quote(node.id)} need ${needed} token positions, more than the ${ringSize} of the teaching ring (ringSize)`);
    if (needed > MAX_TOKENS) throw new ScenarioError(at(field), `the nodes up to ${quote(node.id)} have ${needed.toLocaleString('en')} tokens in all, more than the ${MAX_TOKENS.toLocaleString('en')} a ring may hold here (fewer tokens per node, or fewer nodes)`);
  });
}

/**
 * The most tokens a ring may hold at once. Teaching needs far fewer (the paper's strategies
 * with a few hundred nodes × a few hundred tokens stay under it); past it, building the
 * ring and walking it slow down until a grading job times out rather than fails.
 */
export const MAX_TOKENS = 65_536;

/** A node's token count as the engine gives it (strategies 1 and 2): its list, its count, or tokensPerNode × capacity. */
function tokenCountOf(node: { readonly tokens?: number | readonly number[]; readonly capacity?: number }, perNode: number): number {
  return Array.isArray(node.tokens) ? node.tokens.length : typeof node.tokens === 'number' ? node.tokens : Math.max(1, Math.round(perNode * (node.capacity ?? 1)));
}

/** The ring never holds more than MAX_TOKENS tokens: at the start, or after any join. Strategy 3 holds Q, checked with `partitions`. */
function checkTokenTotal(config: ScenarioConfig, steps: readonly Step[]): void {
  if (config.strategy === 3) return;
  const perNode = resolveConfig(config).tokensPerNode;
  const counts = new Map<string, number>();
  let total = 0;
  const over = (path: string, who: string) =>
    new ScenarioError(path, `${who} ${total.toLocaleString('en')} tokens in all, more than the ${MAX_TOKENS.toLocaleString('en')} a ring may hold here (fewer tokens per node, or fewer nodes)`);
  // The configuration alone was checked with it (checkConfig): here, the joins and leaves after it.
  for (const node of config.nodes) {
    counts.set(node.id, tokenCountOf(node, perNode));
    total += counts.get(node.id)!;
  }
  steps.forEach((step, i) => {
    if (step.op === 'removeNode') {
      total -= counts.get(step.id) ?? 0;
      counts.delete(step.id);
    } else if (step.op === 'addNode') {
      counts.set(step.id, tokenCountOf(step, perNode));
      total += counts.get(step.id)!;
      if (config.ringSize !== undefined && total > config.ringSize) throw joinRoomError(step, `steps[${i}]`, counts.get(step.id)!, total, config.ringSize);
      if (total > MAX_TOKENS) throw over(`steps[${i}]${step.tokens !== undefined ? '.tokens' : ''}`, `adding ${quote(step.id)} makes`);
    }
  });
}

/**
 * A join past the room on a teaching ring, refused as the configuration's nodes are
 * (`checkRoom`), naming what set its tokens: its `tokens`, its `capacity`, or neither (the
 * step: `tokensPerNode` decides). The engine's own refusal named `tokens` for a step with none.
 */
function joinRoomError(step: StepOf<'addNode'>, at: string, added: number, total: number, ringSize: number): ScenarioError {
  const field = step.tokens !== undefined ? '.tokens' : step.capacity !== undefined ? '.capacity' : '';
  const why = step.tokens !== undefined ? '' : ': tokensPerNode × capacity';
  return new ScenarioError(`${at}${field}`, `adding ${quote(step.id)} (${added} token${added === 1 ? '' : 's'}${why}) needs ${total} token positions in all, more than the ${ringSize} of the teaching ring (ringSize)`);
}

/**
 * A join's explicit positions, checked as the configuration's are (`checkConfig`): on the ring,
 * and not held by a token the file places (a configured node's, or an earlier join's, less those
 * of nodes removed since), naming the position and its holder. Random tokens are placed when the
 * run starts: a position one of them took is refused by the engine then.
 */
function checkJoinPositions(config: ScenarioConfig, steps: readonly Step[]): void {
  if (config.strategy === 3) return; // a join gives no tokens there (checkSteps)
  const size = config.ringSize ?? 2 ** 52;
  const holders = new Map<number, string>();
  for (const node of config.nodes) if (Array.isArray(node.tokens)) for (const pos of node.tokens) holders.set(pos, node.id);
  steps.forEach((step, i) => {
    if (step.op === 'removeNode') for (const [pos, id] of holders) if (id === step.id) holders.delete(pos);
    if (step.op !== 'addNode' || !Array.isArray(step.tokens)) return;
    step.tokens.forEach((pos, j) => {
      if (pos >= size) throw new ScenarioError(`steps[${i}].tokens[${j}]`, `position ${pos} is outside the ring 0–${size - 1}`);
      const other = holders.get(pos);
      if (other !== undefined) throw new ScenarioError(`steps[${i}].tokens[${j}]`, `position ${pos} already holds a token of ${other}`);
      holders.set(pos, step.id);
    });
  });
}

interface NodeStates {
  /** Nodes in the cluster at this step (destroyed ones too), and nodes removed from it. */
  readonly members: ReadonlySet<string>;
  readonly retired: ReadonlyMap<string, number>;
  /** Nodes down at this step (failed or destroyed), and destroyed ones, with the step that did it. */
  readonly down: Map<string, number>;
  readonly destroyed: Map<string, number>;
  /** Throws unless the node is a member at this step. */
  readonly known: (path: string, id: string) => void;
}

/** A failure, recovery, destruction or partition that the cluster's state at step `i` allows. */
function checkUpDown(step: StepOf<'fail' | 'recover' | 'destroy' | 'partition'>, i: number, { retired, down, destroyed, known }: NodeStates): void {
  const at = `steps[${i}]`;
  switch (step.op) {
    case 'fail':
      known(`${at}.node`, step.node);
      if (destroyed.has(step.node)) throw new ScenarioError(`${at}.node`, `${step.node} was destroyed at steps[${destroyed.get(step.node)}]: it is down for good`);
      if (down.has(step.node)) throw new ScenarioError(`${at}.node`, `${step.node} is already down (it failed at steps[${down.get(step.node)}])`);
      down.set(step.node, i);
      return;
    case 'recover':
      if (!retired.has(step.node)) known(`${at}.node`, step.node); // a removed node may come back to hand over its ranges
      if (destroyed.has(step.node)) throw new ScenarioError(`${at}.node`, `${step.node} was destroyed and cannot recover; add a new node instead`);
      if (!down.has(step.node)) throw new ScenarioError(`${at}.node`, `${step.node} is up: only a failed node can recover`);
      down.delete(step.node);
      return;
    case 'destroy':
      known(`${at}.node`, step.node);
      if (destroyed.has(step.node)) throw new ScenarioError(`${at}.node`, `${step.node} was already destroyed at steps[${destroyed.get(step.node)}]`);
      destroyed.set(step.node, i);
      down.set(step.node, i);
      return;
    case 'partition': {
      const groupOf = new Map<string, number>();
      step.groups.forEach((g, gi) =>
        g.forEach((id, ni) => {
          known(`${at}.groups[${gi}][${ni}]`, id);
          const other = groupOf.get(id);
          if (other !== undefined) throw new ScenarioError(`${at}.groups[${gi}][${ni}]`, `${id} is already in groups[${other}]: a node is in one group at most`);
          groupOf.set(id, gi);
        }),
      );
      return;
    }
  }
}

/**
 * A put's context comes from an earlier get of the same key: a context is a clock of that
 * key's versions, and another key's clock would be merged into the new version unseen.
 */
function checkContextFrom(step: StepOf<'put'>, at: string, getIds: ReadonlyMap<string, { key: string; step: number }>, steps: readonly Step[]): void {
  const id = step.contextFrom!;
  const get = getIds.get(id);
  if (get === undefined) {
    // A get further on with that id: the put cannot carry what has not been read yet.
    const later = steps.findIndex((s) => s.op === 'get' && s.id === id);
    throw new ScenarioError(`${at}.contextFrom`, later >= 0 ? `${quote(id)} is a later get (steps[${later}]): a put takes its context from a get made before it` : `no earlier get has id ${quote(id)}${didYouMean(id, [...getIds.keys()])}`);
  }
  if (get.key !== step.key) throw new ScenarioError(`${at}.contextFrom`, `${quote(id)} is the get of ${quote(get.key)} (steps[${get.step}]), not of ${quote(step.key)}: a put takes its context from a get of the same key`);
}

/**
 * A join under strategy 3 is refused where the configuration would be: with tokens (the
 * engine takes Q/S partition ends from the others and would ignore them), or as node
 * number Q+1, which would get no partition and own nothing.
 */
function checkStrategy3Join(config: ScenarioConfig, step: StepOf<'addNode'>, at: string, capacities: ReadonlyMap<string, number>): void {
  if (step.tokens !== undefined) throw new ScenarioError(`${at}.tokens`, strategy3Tokens(step.tokens));
  const problem = strategy3JoinProblem(step.id, step.capacity ?? 1, [...capacities.values()], resolveConfig(config).partitions);
  if (problem) throw new ScenarioError(`${at}.${problem.field}`, problem.message);
}

/**
 * A check that a step names a node in the cluster at that point; a removed node is named as
 * removed, with the step that removed it, and one that joins later with the step it joins at.
 */
function knownCheck(members: ReadonlySet<string>, retired: ReadonlyMap<string, number>, steps: readonly Step[]): (path: string, id: string) => void {
  return (path, id) => {
    if (members.has(id)) return;
    const removedAt = retired.get(id);
    // A removed node is not gone without a word: it may still recover (to hand over its ranges) and be inspected.
    if (removedAt !== undefined) throw new ScenarioError(path, `node ${quote(id)} was removed from the cluster at steps[${removedAt}]: only recover (to hand over its ranges) and inspect still apply to it`);
    // Neither a member nor removed: an addNode of it, if any, is further on (an earlier one would have made it a member).
    const joinsAt = steps.findIndex((s) => s.op === 'addNode' && s.id === id);
    if (joinsAt >= 0) throw new ScenarioError(path, `node ${quote(id)} joins the cluster only at steps[${joinsAt}] (its addNode): no step before that can name it`);
    throw new ScenarioError(path, `no node named ${quote(id)} at this step${sameButCase(id, members)} (the cluster has ${namesListed([...members])})`);
  };
}

/** Follows membership and get ids through the steps, so references are checked in order. */
function checkSteps(config: ScenarioConfig, steps: readonly Step[]): void {
  const members = new Set(config.nodes.map((n) => n.id));
  const capacities = new Map(config.nodes.map((n) => [n.id, n.capacity ?? 1]));
  const down = new Map<string, number>();
  const destroyed = new Map<string, number>();
  /** Each node removed so far, and the step that removed it. */
  const retired = new Map<string, number>();
  /** Each get id so far: the key it read and its step. */
  const getIds = new Map<string, { key: string; step: number }>();
  const dcs = new Set(config.nodes.flatMap((n) => (n.dc !== undefined ? [n.dc] : [])));
  const known = knownCheck(members, retired, steps);
  steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    switch (step.op) {
      case 'put':
      case 'get':
        if (step.via !== undefined) known(`${at}.via`, step.via);
        if (step.op === 'put' && step.contextFrom !== undefined) checkContextFrom(step, at, getIds, steps);
        if (step.op === 'get' && step.id !== undefined) {
          if (getIds.has(step.id)) throw new ScenarioError(`${at}.id`, `another get already has id ${quote(step.id)}`);
          getIds.set(step.id, { key: step.key, step: i });
        }
        return;
      case 'fail':
      case 'recover':
      case 'destroy':
      case 'partition':
        checkUpDown(step, i, { members, retired, down, destroyed, known });
        return;
      case 'inspect':
        if (!members.has(step.node) && !destroyed.has(step.node) && !retired.has(step.node)) known(`${at}.node`, step.node);
        return;
      case 'antiEntropy':
        known(`${at}.a`, step.a);
        known(`${at}.b`, step.b);
        if (step.a === step.b) throw new ScenarioError(`${at}.b`, 'anti-entropy needs two different nodes');
        return;
      case 'cutLink':
      case 'slowLink':
      case 'lossyLink':
        known(`${at}.from`, step.from);
        known(`${at}.to`, step.to);
        if (step.from === step.to) throw new ScenarioError(`${at}.to`, 'a link joins two different nodes');
        return;
      case 'isolateDc':
        if (!dcs.has(step.dc)) throw new ScenarioError(`${at}.dc`, `no node is in datacenter ${quote(step.dc)}${dcs.size > 0 ? ` (datacenters: ${[...dcs].join(', ')})` : ' (no node has a dc)'}`);
        return;
      case 'addNode':
        if (retired.has(step.id)) throw new ScenarioError(`${at}.id`, removedName(step.id, destroyed.has(step.id)));
        if (members.has(step.id) || retired.has(step.id)) throw new ScenarioError(`${at}.id`, `a node named ${quote(step.id)} already exists`);
        if (config.strategy === 3) checkStrategy3Join(config, step, at, capacities);
        members.add(step.id);
        capacities.set(step.id, step.capacity ?? 1);
        if (step.dc !== undefined) dcs.add(step.dc);
        return;
      case 'removeNode':
        known(`${at}.id`, step.id);
        if (members.size === 1) throw new ScenarioError(`${at}.id`, 'cannot remove the last node');
        if (members.size - 1 < config.n) throw new ScenarioError(`${at}.id`, `removing ${step.id} leaves ${members.size - 1} node${members.size === 2 ? '' : 's'}, fewer than n (${config.n})`);
        members.delete(step.id);
        capacities.delete(step.id);
        retired.set(step.id, i);
        return;
      default:
        return;
    }
  });
}

/** `; did you mean "B"?` for a node named "b" when one node's id differs from it only in capitals (ids are matched exactly); else nothing. */
function sameButCase(id: string, ids: ReadonlySet<string>): string {
  const like = [...ids].filter((other) => other.toLowerCase() === id.toLowerCase());
  return like.length === 1 ? `; did you mean ${quote(like[0])}?` : '';
}

/** Node ids for a message: all of a small cluster, the first 12 of a big one and how many more (512 ids made one line of several kilobytes). */
function namesListed(ids: readonly string[]): string {
  return ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')} and ${(ids.length - 12).toLocaleString('en-US')} more`;
}
