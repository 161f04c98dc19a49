/**
 * The scenario format, version 1: `{version, seed, config, steps}` (docs/scenario-format.md).
 *
 * The shapes are zod schemas (docs/decisions.md says why zod): they give typed data and,
 * for bad input, issues with a path, which `validate.ts` turns into one message naming
 * the step index and field. Objects are strict, so a misspelt field is reported rather
 * than silently ignored.
 */
import { z } from 'zod';
import { keyLengthProblem } from '../engine/index';

/**
 * What a name may not contain: a control character (a line break, a tab, U+2028…), which
 * would break a one-line message over several; an invisible format character (\p{Cf}): a
 * bidi control (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066…), which would draw the rest of every
 * line naming it backwards, on the page and in a terminal, or a zero-width space, which made
 * "A\u200b" a second node that every message names "A" (keys and values, which are data, are
 * escaped where they are shown instead: `oneLine`), the zero-width joiner of an emoji
 * excepted; and for node ids and datacenters a comma, which would make "the cluster has A,
 * B, C" ambiguous.
 */
const CONTROL = /(?!\u200d)[\p{Cc}\p{Cf}\u2028\u2029]/u;
const CONTROL_OR_COMMA = /(?!\u200d)[\p{Cc}\p{Cf}\u2028\u2029,]/u;
export const NAME_CHARS_MESSAGE = 'must not contain a comma or a control character (a line break, a tab, a direction override…)';

/**
 * Saved sessions (links and files) written under the earlier rules still open (DESIGN §6:
 * old links migrate forward): a scenario file the page opened then, with a comma (or a
 * space at either end) in a node id or a datacenter, a latency of 12.345 ms or `partitions`
 * under strategy 1, went into every link made after it. `underEarlierRules` runs a check
 * with those three rules off (the names', the times', the partitions'); zod and the checks
 * after it run synchronously, so the switch covers that check and nothing else. Scenario
 * files (`steps`) keep every rule.
 */
let isEarlier = false;
export function underEarlierRules<T>(check: () => T): T {
  const was = isEarlier;
  isEarlier = true;
  try {
    return check();
  } finally {
    isEarlier = was;
  }
}
export function areRulesEarlier(): boolean {
  return isEarlier;
}
export const ID_CHARS_MESSAGE = 'must not contain a control character (a line break, a tab, a direction override…)';

/**
 * No space at either end of a name or an id, a rule as the comma is: " B" is another node
 * than "B", yet reads as B in every list of nodes and in the page; " east" is another
 * datacenter than "east", and a get "g1 " is not the "g1" a contextFrom names. `where`: where
 * the name is read without its quotes.
 */
const isTrimmed = (s: string): boolean => isEarlier || s.trim() === s;
const untrimmed = (where: string) => ({ error: (issue: { readonly input: unknown }) => `must not start or end with a space: ${JSON.stringify(issue.input)} would read as ${(issue.input as string).trim() || 'nothing'} ${where}` });

/** A node id, where a node is defined (config.nodes, addNode, seeds) and wherever one is named. */
export const nodeIdSchema = z
  .string()
  .min(1, 'must be a non-empty node id')
  .max(64, 'must be at most 64 characters')
  .refine((s) => isEarlier || !CONTROL_OR_COMMA.test(s), { error: NAME_CHARS_MESSAGE })
  .refine(isTrimmed, untrimmed('wherever nodes are listed'));
/** A datacenter's name (`dc`), in a node, a join or an `isolateDc`. */
export const dcSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => isEarlier || !CONTROL_OR_COMMA.test(s), { error: NAME_CHARS_MESSAGE })
  .refine(isTrimmed, untrimmed('wherever datacenters are listed'));
/**
 * A key, wherever one is taken (a put, a get, a preference list, a key position, a saved
 * session's key): at most 256 characters counted as a person counts them (code points: an
 * emoji is one), in the engine's own count and words (`keyLengthProblem`, src/engine/inputs.ts).
 */
export const keySchema = z
  .string()
  .min(1, 'must be a non-empty key')
  .refine((s) => keyLengthProblem(s) === null, { error: (issue) => keyLengthProblem(issue.input as string) ?? 'is too long' });
const nodeId = nodeIdSchema;
const key = keySchema;

const json = z.json({ error: 'must be a JSON value' });

/**
 * Times: the engine keeps them to 0.01 ms, so a finer one would be rounded at every step (a
 * thousand waits of 0.004 ms moved the clock by nothing, of 0.006 ms by 10 ms), and a finer
 * setting contradicts the output (a timeout of 0.001 ms reported, a latency of 0 measured).
 * Every millisecond field, in the configuration and in the steps, takes this rule.
 */
export function isCentis(v: number): boolean {
  return Math.round(v * 100) / 100 === v;
}
const centis = { error: (issue: { readonly input: unknown }) => `must be a multiple of 0.01 (the engine keeps times to 0.01 ms), not ${String(issue.input)}` };
/** A time of zero or more milliseconds, at most `max`. */
export const msSchema = (max = 1e9) => z.number().finite().min(0).max(max).refine((v) => isEarlier || isCentis(v), centis);
/** A time of more than zero milliseconds, at most `max`. */
export const positiveMsSchema = (max = 1e9) => z.number().positive().max(max).refine((v) => isEarlier || isCentis(v), centis);
const ms = msSchema();
const waitMs = positiveMsSchema();

export const latencySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lognormal'), medianMs: ms, sigma: z.number().min(0).max(5), minMs: ms.optional() }),
  z.strictObject({ kind: z.literal('fixed'), ms }),
  z.strictObject({ kind: z.literal('uniform'), minMs: ms, maxMs: ms }),
]);

/** A count of virtual nodes, or explicit positions; shared with the engine inputs' schema (input-schema.ts). */
export const tokensSchema = z.union([z.int().min(1).max(4096), z.array(z.int().min(0)).min(1).max(4096)], { error: 'must be a count of tokens (a whole number 1–4096) or a list of 1–4096 whole positions' });

export const nodeSchema = z.strictObject({
  id: nodeId,
  tokens: tokensSchema.optional(),
  capacity: z.number().positive().max(1000).optional(),
  dc: dcSchema.optional(),
});

export const configSchema = z.strictObject({
  n: z.int().min(1).max(64),
  r: z.int().min(1).max(64),
  w: z.int().min(1).max(64),
  nodes: z.array(nodeSchema).min(1).max(512),
  ringSize: z.int().min(2).max(2 ** 44).optional(),
  keyPositions: z.record(key, z.int().min(0)).optional(),
  strategy: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3 (the paper\'s partitioning strategies)' }).optional(),
  partitions: z.int().min(1).max(65536).optional(),
  tokensPerNode: z.int().min(1).max(1024).optional(),
  latency: latencySchema.optional(),
  lossRate: z.number().min(0).max(1).optional(),
  requestTimeoutMs: positiveMsSchema(1e7).optional(),
  clockTruncationThreshold: z.int().min(1).max(1000).optional(),
  spanDatacenters: z.boolean().optional(),
  hintedHandoff: z.boolean().optional(),
  replicaTimeoutMs: positiveMsSchema(1e7).optional(),
  hintRetryMs: positiveMsSchema().optional(),
  gossipIntervalMs: msSchema().optional(),
  antiEntropyIntervalMs: msSchema().optional(),
  seeds: z.array(nodeId).max(64).optional(),
});

/** A get's `id`, named by a later put's `contextFrom` (messages quote it; a line break, or a space at either end, is refused all the same). */
const getId = z
  .string()
  .min(1)
  .max(64)
  .refine((v) => isEarlier || !CONTROL.test(v), { error: ID_CHARS_MESSAGE })
  .refine(isTrimmed, untrimmed('wherever gets are named'));

/**
 * A step's `expect`: the fields of its result to check. Every result is an object, so
 * anything else (`"expect": 5`, `true`, `"ok"`) is a mistake in the file, refused as bad
 * input (exit 2), not counted as a failed expectation (exit 1) that looks like the run's fault.
 */
const objectToCheck = (what: string) =>
  z
    .unknown()
    .refine((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: `must be an object { … }: ${what}` })
    .optional();
const expectField = objectToCheck('the fields of the step\'s result to check, like {"ok": true}');

/** One schema per op; the step's `op` picks which one applies. */
export const stepSchemas = {
  put: z.strictObject({ op: z.literal('put'), key, value: json, via: nodeId.optional(), contextFrom: getId.optional(), expect: expectField }),
  get: z.strictObject({ op: z.literal('get'), key, via: nodeId.optional(), id: getId.optional(), expect: expectField }),
  fail: z.strictObject({ op: z.literal('fail'), node: nodeId, expect: expectField }),
  recover: z.strictObject({ op: z.literal('recover'), node: nodeId, expect: expectField }),
  destroy: z.strictObject({ op: z.literal('destroy'), node: nodeId, expect: expectField }),
  partition: z.strictObject({ op: z.literal('partition'), groups: z.array(z.array(nodeId).min(1)).min(2), expect: expectField }),
  heal: z.strictObject({ op: z.literal('heal'), expect: expectField }),
  addNode: z.strictObject({ op: z.literal('addNode'), id: nodeId, tokens: nodeSchema.shape.tokens, capacity: nodeSchema.shape.capacity, dc: nodeSchema.shape.dc, expect: expectField }),
  removeNode: z.strictObject({ op: z.literal('removeNode'), id: nodeId, expect: expectField }),
  wait: z.strictObject({ op: z.literal('wait'), ms: waitMs, expect: expectField }),
  settle: z.strictObject({ op: z.literal('settle'), expect: expectField }),
  preferenceList: z.strictObject({ op: z.literal('preferenceList'), key, n: z.int().min(1).max(64).optional(), expect: expectField }),
  note: z.strictObject({ op: z.literal('note'), text: z.string().max(2000), expect: expectField }),
  inspect: z.strictObject({ op: z.literal('inspect'), node: nodeId, expect: expectField }),
  ownership: z.strictObject({ op: z.literal('ownership'), expect: expectField }),
  antiEntropy: z.strictObject({ op: z.literal('antiEntropy'), a: nodeId, b: nodeId, expect: expectField }),
  gossip: z.strictObject({ op: z.literal('gossip'), rounds: z.int().min(1).max(1000), expect: expectField }),
  isolateDc: z.strictObject({ op: z.literal('isolateDc'), dc: dcSchema, expect: expectField }),
  cutLink: z.strictObject({ op: z.literal('cutLink'), from: nodeId, to: nodeId, expect: expectField }),
  slowLink: z.strictObject({ op: z.literal('slowLink'), from: nodeId, to: nodeId, extraMs: ms, expect: expectField }),
  lossyLink: z.strictObject({ op: z.literal('lossyLink'), from: nodeId, to: nodeId, lossRate: z.number().min(0).max(1), expect: expectField }),
} as const;

export type StepOp = keyof typeof stepSchemas;
export const STEP_OPS = Object.keys(stepSchemas) as StepOp[];

export type ScenarioConfig = z.infer<typeof configSchema>;
export type Step = { [K in StepOp]: z.infer<(typeof stepSchemas)[K]> }[StepOp];
export type StepOf<K extends StepOp> = Extract<Step, { op: K }>;

export interface Scenario {
  readonly version: 1;
  readonly title?: string;
  readonly description?: string;
  readonly seed: number;
  readonly config: ScenarioConfig;
  readonly steps: readonly Step[];
  /** Checked once every step has run: a partial `final`, `consistency` and `repairs` of the output. */
  readonly expect?: RunExpectation;
}

export interface RunExpectation {
  readonly final?: unknown;
  readonly consistency?: unknown;
  readonly repairs?: unknown;
}

export const envelopeSchema = z.strictObject({
  version: z.literal(1, { error: 'must be 1 (the only scenario format so far)' }),
  seed: z.int().min(-(2 ** 31)).max(2 ** 31 - 1),
  config: z.unknown(),
  steps: z.array(z.unknown()).max(100_000),
  title: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  expect: z
    // The run's own: not a step's result ("expect.consistency: must be an object { … }: the fields of the step's result" misled).
    .strictObject(
      {
        final: objectToCheck('the fields of the output\'s final to check, like {"nodes": {"A": {"up": true}}}'),
        consistency: objectToCheck('the fields of the output\'s consistency to check, like {"staleReads": []}'),
        repairs: objectToCheck('the fields of the output\'s repairs to check, like {"readRepairs": [{"node": "B"}]}'),
      },
      { error: 'must be an object { … } with "final", "consistency" or "repairs": what the run must end with, like {"consistency": {"staleReads": []}}' },
    )
    .optional(),
});
