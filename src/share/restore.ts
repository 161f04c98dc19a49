/**
 * The one door for untrusted sessions (links, files): validates the shape with zod and
 * the configuration with the scenario validator's own check (so a link, a saved session
 * and a scenario file are refused in the same words), clamps the cursor (or, asked to,
 * keeps it as written, for a checker to compare with the replay), and explains
 * what is wrong in one sentence naming the place. The engine replays what passes here,
 * and reports any action it still refuses (an unknown node at that point of the
 * session, say) the same way.
 */
import type { z } from 'zod';
import { sessionSchema } from '../scenario/input-schema';
import { underEarlierRules } from '../scenario/schema';
import { firstProblem, isTooDeep, joinPath, MAX_DEPTH, parseConfig, ScenarioError } from '../scenario/validate';
import { kindOf } from '../scenario/problems';
import type { Session } from '../worker/protocol';
import type { ClusterConfig, Input } from '../engine/index';

/** The most actions (each engine step counted) a session may replay. */
const MAX_ACTIONS = 1_000_000;

/**
 * `left`: the fields about how the page showed the session (its panel, zoom, key, speed…)
 * that were left out because this page cannot show them as written, each with why; absent
 * when none was.
 */
export type Restored = { readonly ok: true; readonly session: Session; readonly left?: readonly string[] } | { readonly ok: false; readonly error: string };

/**
 * Fields that say how the page showed a session, not what happened in it: a value here this
 * page cannot show (a panel a later version added, a hand-edited speed) is left out, and the
 * session opens as the class saw it otherwise (the page says what was left). What happened
 * (seed, config, actions, cursor) and a lecture's place are never guessed at.
 */
const PRESENTATION_FIELDS: ReadonlySet<string> = new Set(['title', 'view', 'wide', 'spacetime', 'merkle', 'request', 'keyPanel', 'hidden', 'key', 'client', 'clients', 'speed']);

export interface RestoreOptions {
  /**
   * What a `cursor` past the session's last action means. `clamp` (the page's choice, for
   * links and files it opens): the end, so a link still opens. `keep`: the cursor as written
   * (absent when it was), for a checker that refuses one past the end (cli/session-cursor.ts).
   * Only the replay knows where the end is: a `{"steps": k}` makes only the steps that have
   * an event to run, and a `{"clockMs": t}` may make none, so the count here is a bound.
   */
  readonly cursorPastEnd?: 'clamp' | 'keep';
  /**
   * What a presentation field this page cannot show means (see PRESENTATION_FIELDS).
   * `refuse` (the default, for a checker): an error naming it. `leave`: the page's choice for
   * links and files it opens; the field is left out and named in `left`.
   */
  readonly presentation?: 'refuse' | 'leave';
}

/** Checked under the rules the session was written under at the latest (`underEarlierRules`): an old link still opens. */
export function restoreSession(data: unknown, options: RestoreOptions = {}): Restored {
  return underEarlierRules(() => restoreNow(data, options));
}

function restoreNow(data: unknown, options: RestoreOptions): Restored {
  const deep = tooDeepAction(data);
  if (deep !== undefined) return { ok: false, error: `${deep}: is nested more than ${MAX_DEPTH} levels deep` };
  const { parsed, input, left } = options.presentation === 'leave' ? withoutUnshowable(data) : { parsed: sessionSchema.safeParse(data), input: data, left: [] };
  if (!parsed.success) return { ok: false, error: explain(parsed.error, input) };
  const s = parsed.data;
  let config: ClusterConfig;
  try {
    config = parseConfig((data as { config: unknown }).config, 'config');
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e.message };
    throw e;
  }
  let total = 0;
  for (const [i, a] of s.actions.entries()) {
    total += 'steps' in a ? a.steps : 1;
    // Named where the count passes the bound: one action of a million steps is as long as a million actions.
    if (total > MAX_ACTIONS) return { ok: false, error: `actions[${i}]${'steps' in a ? '.steps' : ''}: brings the session to ${total.toLocaleString('en')} actions; at most ${MAX_ACTIONS.toLocaleString('en')} can be replayed` };
  }
  const cursor = options.cursorPastEnd === 'keep' ? s.cursor : Math.min(s.cursor ?? total, total);
  const rawActions = (data as { actions: { input?: { value?: unknown } }[] }).actions;
  const session: Session = {
    seed: s.seed,
    config,
    actions: s.actions.map((a, i) => ('input' in a ? { input: inputOf(a.input, rawActions[i]!.input!), ...(a.background ? { background: true as const } : {}) } : 'steps' in a ? { steps: a.steps } : { clockMs: a.clockMs })),
    ...(cursor !== undefined ? { cursor } : {}),
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.view !== undefined ? { view: s.view } : {}),
    ...(s.wide ? { wide: true as const } : {}),
    ...(s.merkle !== undefined ? { merkle: { a: s.merkle.a, b: s.merkle.b, stage: s.merkle.stage } } : {}),
    ...(s.request !== undefined ? { request: s.request } : {}),
    ...(s.hidden !== undefined ? { hidden: [...new Set(s.hidden)] } : {}),
    ...(s.keyPanel !== undefined ? { keyPanel: s.keyPanel } : {}),
    ...(s.spacetime !== undefined ? { spacetime: { pxPerMs: s.spacetime.pxPerMs, startMs: s.spacetime.startMs, ...(s.spacetime.follow === false ? { follow: false as const } : {}) } } : {}),
    ...(s.key !== undefined ? { key: s.key } : {}),
    ...(s.client !== undefined ? { client: { value: s.client.value, ...(s.client.via !== undefined ? { via: s.client.via } : {}) } } : {}),
    ...(s.clients !== undefined ? { clients: s.clients } : {}),
    ...(s.speed !== undefined ? { speed: s.speed } : {}),
    ...(s.lecture !== undefined ? { lecture: { id: s.lecture.id, part: s.lecture.part, step: s.lecture.step, ...(s.lecture.isRevealed ? { isRevealed: true } : {}) } } : {}),
  };
  return { ok: true, session, ...(left.length > 0 ? { left } : {}) };
}

/**
 * The session parsed with each presentation field it fails on left out, one at a time, and
 * why each was: the first problem decides, so a fault in the actions is still refused.
 */
function withoutUnshowable(data: unknown): { parsed: ReturnType<typeof sessionSchema.safeParse>; input: unknown; left: string[] } {
  let input = data;
  const left: string[] = [];
  for (;;) {
    const parsed = sessionSchema.safeParse(input);
    if (parsed.success || typeof input !== 'object' || input === null || Array.isArray(input)) return { parsed, input, left };
    const problem = firstProblem(parsed.error.issues, input, [], { schema: sessionSchema });
    const field = problem.path[0];
    if (typeof field !== 'string' || !PRESENTATION_FIELDS.has(field) || left.length >= PRESENTATION_FIELDS.size) return { parsed, input, left };
    left.push(explain(parsed.error, input));
    const { [field]: _dropped, ...rest } = input as Record<string, unknown>;
    input = rest;
  }
}

/** zod rebuilds JSON objects and drops own "__proto__" fields; a put keeps its value as written (checked to be JSON). */
function inputOf(input: Input, raw: { value?: unknown }): Input {
  return input.type === 'put' ? { ...input, value: raw.value as Extract<Input, { type: 'put' }>['value'] } : input;
}

/** The first field of an action nested deeper than a scenario allows (`actions[3].input.value`), before zod recurses into it. */
function tooDeepAction(data: unknown): string | undefined {
  const actions = (data as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(actions)) return undefined;
  for (const [i, action] of actions.entries()) {
    if (typeof action !== 'object' || action === null) continue;
    // An array is no action (the schema says so); too deep, it is named by its index, not as a field "0".
    if (Array.isArray(action)) {
      if (isTooDeep(action)) return joinPath('actions', [i]);
      continue;
    }
    for (const [field, value] of Object.entries(action)) {
      if (field === 'input' && typeof value === 'object' && value !== null) {
        for (const [inner, v] of Object.entries(value)) if (isTooDeep(v)) return joinPath('actions', [i, 'input', inner]);
      } else if (isTooDeep(value)) return joinPath('actions', [i, field]);
    }
  }
  return undefined;
}

function explain(error: z.ZodError, data: unknown): string {
  // The schema named, so a misspelt field is told the one it is closest to, as in a scenario file.
  const problem = firstProblem(error.issues, data, [], { schema: sessionSchema });
  const path = joinPath('', problem.path);
  // At the top level the message stands alone, as a scenario file's does (`unknown field "foo"`).
  if (path) return `${path}: ${problem.message}`;
  // The whole of it is not a session at all: say what it must be, as a scenario file is told.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `a saved session must be a JSON object {"seed", "config", "actions", …}, not ${kindOf(data)}`;
  return problem.message;
}
