/**
 * Turns untrusted text or data into a `Scenario`, or into one clear message that names
 * where the problem is (`steps[3].node: no node named "node9" …`). Nothing from a file
 * or a link reaches the engine without passing here.
 */
import type { z } from 'zod';
import { configSchema, envelopeSchema, stepSchemas, STEP_OPS, type Scenario, type ScenarioConfig, type Step, type StepOp } from './schema';

/** What is wrong with a scenario, and where (a path like `steps[2].via`). */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ScenarioError';
  }
}

export type Parsed = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: ScenarioError };

/** Parses JSON text, then validates it. Never throws. */
export function parseScenarioText(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: new ScenarioError('', `not valid JSON (${(e as Error).message})`) };
  }
  return parseScenario(data);
}

/** Validates already-parsed data. Never throws. */
export function parseScenario(data: unknown): Parsed {
  try {
    return { ok: true, scenario: validate(data) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e };
    return { ok: false, error: new ScenarioError('', `could not be read (${(e as Error).message})`) };
  }
}

function validate(data: unknown): Scenario {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ScenarioError('', 'a scenario must be a JSON object {"version": 1, "seed", "config", "steps"}');
  const envelope = check(envelopeSchema, data, '');
  const config = check(configSchema, envelope.config, 'config');
  checkConfig(config);
  const steps = envelope.steps.map((raw, i) => parseStep(raw, `steps[${i}]`));
  checkSteps(config, steps);
  const { title, description } = envelope;
  return { version: 1, seed: envelope.seed, config, steps, ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) };
}

function parseStep(raw: unknown, path: string): Step {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ScenarioError(path, 'a step must be an object like {"op": "put", …}');
  const op = (raw as { op?: unknown }).op;
  if (typeof op !== 'string') throw new ScenarioError(`${path}.op`, `missing; expected one of ${STEP_OPS.join(', ')}`);
  if (!(STEP_OPS as string[]).includes(op)) throw new ScenarioError(`${path}.op`, `unknown op ${JSON.stringify(op.slice(0, 40))}; expected one of ${STEP_OPS.join(', ')}`);
  return check(stepSchemas[op as StepOp] as z.ZodType<Step>, raw, path);
}

/** Parses `value` with `schema`, or throws a ScenarioError naming the first problem's place under `base`. */
export function check<T>(schema: z.ZodType<T>, value: unknown, base: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problem = firstProblem(result.error.issues, value);
  throw new ScenarioError(joinPath(base, problem.path), problem.message);
}

/** One problem of a failed parse, for a message naming its place: "is required", "unknown field …", or zod's own words. */
export interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The first problem zod found, in words. Where a value matched none of a union's forms
 * (zod's bare "Invalid input"), the form it came closest to answers: the one with the
 * fewest problems, so `{"input": {…}, "background": "yes"}` is told about `background`
 * rather than that it is no action at all.
 */
export function firstProblem(issues: readonly z.core.$ZodIssue[], value: unknown, prefix: readonly PropertyKey[] = []): Problem {
  const issue = issues[0]!;
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'unrecognized_keys' && valueAt(value, path) === undefined) return { path, message: 'is required' };
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const sizes = issue.errors.map((branch) => branch.length);
    const fewest = Math.min(...sizes);
    const closest = issue.errors.filter((branch) => branch.length === fewest);
    if (closest.length === 1 && fewest > 0) return firstProblem(closest[0]!, value, path);
    // A union may say in its own words what it accepts; zod's default says nothing.
    return { path, message: issue.message !== 'Invalid input' ? issue.message : 'matches none of the forms allowed here' };
  }
  if (issue.code === 'unrecognized_keys') return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` };
  return { path, message: issue.message };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const p of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[p];
  }
  return at;
}

function joinPath(base: string, parts: readonly PropertyKey[]): string {
  let out = base;
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

function checkConfig(config: ScenarioConfig): void {
  const { n, r, w, nodes, ringSize } = config;
  if (r > n) throw new ScenarioError('config.r', `r (${r}) is greater than n (${n}): a read cannot wait for more replies than there are replicas`);
  if (w > n) throw new ScenarioError('config.w', `w (${w}) is greater than n (${n}): a write cannot wait for more acknowledgements than there are replicas`);
  if (n > nodes.length) throw new ScenarioError('config.n', `n (${n}) is more than the ${nodes.length} node${nodes.length === 1 ? '' : 's'} configured`);
  const seen = new Set<string>();
  const positions = new Map<number, string>();
  const size = ringSize ?? 2 ** 52;
  nodes.forEach((node, i) => {
    if (seen.has(node.id)) throw new ScenarioError(`config.nodes[${i}].id`, `duplicate node id ${JSON.stringify(node.id)}`);
    seen.add(node.id);
    if (!Array.isArray(node.tokens)) return;
    if (config.strategy === 3) throw new ScenarioError(`config.nodes[${i}].tokens`, 'strategy 3 places tokens at partition ends itself: give no explicit positions');
    node.tokens.forEach((pos, j) => {
      if (pos >= size) throw new ScenarioError(`config.nodes[${i}].tokens[${j}]`, `position ${pos} is outside the ring 0–${size - 1}`);
      const other = positions.get(pos);
      if (other !== undefined) throw new ScenarioError(`config.nodes[${i}].tokens[${j}]`, `position ${pos} already holds a token of ${other}`);
      positions.set(pos, node.id);
    });
  });
  if (config.keyPositions && ringSize === undefined) throw new ScenarioError('config.keyPositions', 'only a teaching ring (with ringSize) takes explicit key positions');
  for (const [key, pos] of Object.entries(config.keyPositions ?? {})) {
    if (pos >= size) throw new ScenarioError(`config.keyPositions.${key}`, `position ${pos} is outside the ring 0–${size - 1}`);
  }
  for (const [i, seed] of (config.seeds ?? []).entries()) {
    if (!seen.has(seed)) throw new ScenarioError(`config.seeds[${i}]`, `no node named ${JSON.stringify(seed)} (the cluster has ${[...seen].join(', ')})`);
  }
  if (config.latency?.kind === 'uniform' && config.latency.minMs > config.latency.maxMs) throw new ScenarioError('config.latency.minMs', 'is greater than maxMs');
}

/** Follows membership and get ids through the steps, so references are checked in order. */
function checkSteps(config: ScenarioConfig, steps: readonly Step[]): void {
  const members = new Set(config.nodes.map((n) => n.id));
  const destroyed = new Set<string>();
  const retired = new Set<string>();
  const getIds = new Set<string>();
  const dcs = new Set(config.nodes.flatMap((n) => (n.dc !== undefined ? [n.dc] : [])));
  const known = (path: string, id: string): void => {
    if (!members.has(id)) throw new ScenarioError(path, `no node named ${JSON.stringify(id)} at this step (the cluster has ${[...members].join(', ')})`);
  };
  steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    switch (step.op) {
      case 'put':
      case 'get':
        if (step.via !== undefined) known(`${at}.via`, step.via);
        if (step.op === 'put' && step.contextFrom !== undefined && !getIds.has(step.contextFrom)) {
          throw new ScenarioError(`${at}.contextFrom`, `no earlier get has id ${JSON.stringify(step.contextFrom)}`);
        }
        if (step.op === 'get' && step.id !== undefined) {
          if (getIds.has(step.id)) throw new ScenarioError(`${at}.id`, `another get already has id ${JSON.stringify(step.id)}`);
          getIds.add(step.id);
        }
        return;
      case 'fail':
      case 'recover':
      case 'destroy':
        if (!(step.op === 'recover' && retired.has(step.node))) known(`${at}.node`, step.node); // a removed node may come back to hand over its ranges
        if (step.op === 'recover' && destroyed.has(step.node)) throw new ScenarioError(`${at}.node`, `${step.node} was destroyed and cannot recover; add a new node instead`);
        if (step.op === 'destroy') destroyed.add(step.node);
        return;
      case 'partition':
        step.groups.forEach((g, gi) => g.forEach((id, ni) => known(`${at}.groups[${gi}][${ni}]`, id)));
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
        if (!dcs.has(step.dc)) throw new ScenarioError(`${at}.dc`, `no node is in datacenter ${JSON.stringify(step.dc)}${dcs.size > 0 ? ` (datacenters: ${[...dcs].join(', ')})` : ' (no node has a dc)'}`);
        return;
      case 'addNode':
        if (members.has(step.id) || retired.has(step.id)) throw new ScenarioError(`${at}.id`, `a node named ${JSON.stringify(step.id)} already exists`);
        members.add(step.id);
        if (step.dc !== undefined) dcs.add(step.dc);
        return;
      case 'removeNode':
        known(`${at}.id`, step.id);
        if (members.size === 1) throw new ScenarioError(`${at}.id`, 'cannot remove the last node');
        members.delete(step.id);
        retired.add(step.id);
        return;
      default:
        return;
    }
  });
}
