/**
 * The guided-lecture format, version 1 (docs/lecture-format.md; DESIGN §6).
 *
 * A lecture is a scenario with a voice: the same `{seed, config, steps}` as
 * docs/scenario-format.md, where any step may also carry `narration` (a few plain
 * sentences a student reads on a projector) and a `question` (asked before the answer is
 * shown). A lecture that needs several cluster set-ups — lecture 004's table of N/R/W
 * settings — is a list of `parts`, each its own scenario. Lectures are data, not code, so
 * a lecturer can write one; validation goes through the scenario validator itself, so a
 * mistake is reported with the step and field it is in (`steps[3].via: no node named …`,
 * `parts[1].steps[0].question.answer: is required`).
 */
import { z } from 'zod';
import { check, parseScenario, ScenarioError } from '../scenario/validate';
import type { Scenario, Step } from '../scenario/schema';
import { parseJsonText } from '../scenario/json-text';

/** A question the player asks before showing the answer. */
export interface Question {
  readonly prompt: string;
  /** The answer, in a sentence or two; with `choices`, it starts with the right choice. */
  readonly answer: string;
  /** Optional answers to pick from; the answer starts with exactly the right one. */
  readonly choices?: readonly string[];
}

/** What a lecture adds to one scenario step. */
export interface StepGuide {
  readonly narration?: string;
  readonly question?: Question;
  /** The big panel to show from this step on (until another step names one), when the step is about something the lecture's own view does not draw. */
  readonly view?: LectureView;
  /**
   * True: the versions stay veiled on this step, its question answered or not (no arrows of
   * descent, no sibling marks, no holdings), for a step between two questions whose graph
   * would answer the next one: the shopping cart's D2 ‖ D3 before "Can node1 save only D3 or only D2?".
   * `lineage`: only how they descend stays veiled; who holds which shows, for a step whose
   * narration says it (the cart's heal: "D2 on node2, D3 on node1 and node4").
   */
  readonly veilVersions?: true | 'lineage';
}

/** One scenario of a lecture: its steps and, step by step, what to say about them. */
export interface LecturePart {
  readonly title?: string;
  readonly summary?: string;
  readonly scenario: Scenario;
  /** Parallel to `scenario.steps`: the narration and question of each step. */
  readonly guide: readonly StepGuide[];
}

export interface Lecture {
  readonly version: 1;
  /** Kebab-case, unique in the library; the file is named after it. */
  readonly id: string;
  readonly title: string;
  /** The lecture notes it follows: `["000"]`, or several (`["000", "002"]`). */
  readonly lecture: readonly string[];
  readonly summary: string;
  /** The big panel the page shows while the lecture plays (the ring unless the lecture is about something else). */
  readonly view: LectureView;
  /** One part for a plain lecture (`seed`, `config`, `steps` at the top), several with `parts`. */
  readonly parts: readonly LecturePart[];
  /**
   * `afterQuestions`: the header's R + W verdict ("quorums overlap") waits until the part's
   * last question is answered, for a lecture whose questions it would answer ("with R=2,
   * does the read see v2?"). `shown` (the default): only while a question waits.
   */
  readonly quorumVerdict: QuorumVerdict;
  /**
   * What the lecture calls the number of replicas in the preference list's heading: `N`, as
   * the paper does (the default), or `RF`, the replication factor of lecture 004's notes.
   */
  readonly replicaName: ReplicaName;
}

export const REPLICA_NAMES = ['N', 'RF'] as const;
export type ReplicaName = (typeof REPLICA_NAMES)[number];

export const QUORUM_VERDICTS = ['shown', 'afterQuestions', 'hidden'] as const;
export type QuorumVerdict = (typeof QUORUM_VERDICTS)[number];

export const LECTURE_VIEWS = ['ring', 'versions', 'spacetime', 'hints', 'merkle', 'membership', 'latency'] as const;
export type LectureView = (typeof LECTURE_VIEWS)[number];

export type ParsedLecture = { readonly ok: true; readonly lecture: Lecture } | { readonly ok: false; readonly error: ScenarioError };

const lectureNumber = z.string().regex(/^\d{3}$/, 'must be a lecture number like "000"');
const sentence = (max: number) => z.string({ error: 'must be text (a JSON string)' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max.toLocaleString('en-US')} characters`);

export const questionSchema = z.strictObject({
  prompt: sentence(300),
  answer: sentence(1000),
  choices: z.array(sentence(200)).min(2, 'must offer at least two choices').max(8).optional(),
});

// Told as a saved session's `view` is (problems.ts): `must be one of "ring", …, not "graph"`.
const viewSchema = z.enum(LECTURE_VIEWS);
const guideSchema = z.object({
  narration: sentence(1000).optional(),
  question: questionSchema.optional(),
  view: viewSchema.optional(),
  veilVersions: z.union([z.boolean(), z.literal('lineage')], { error: 'must be true, false or "lineage"' }).optional(),
});

const partSchema = z.strictObject({
  title: sentence(200).optional(),
  summary: sentence(2000).optional(),
  seed: z.unknown(),
  config: z.unknown(),
  steps: z.array(z.unknown()).min(1, 'must have at least one step').max(10_000),
  /** What the whole part must end with, as a scenario's `expect` (its final and consistency), checked by the scenario validator. */
  expect: z.unknown().optional(),
});

export const lectureSchema = z.strictObject({
  version: z.literal(1, { error: 'must be 1 (the only lecture format so far)' }),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, like "shopping-cart"').max(64),
  title: sentence(200),
  lecture: z.union([lectureNumber, z.array(lectureNumber).min(1).max(5)], { error: 'must be a lecture number like "000" (text), or a list of one to five of them, like ["000", "002"]' }),
  summary: sentence(2000),
  view: viewSchema.optional(),
  quorumVerdict: z.enum(QUORUM_VERDICTS).optional(),
  replicaName: z.enum(REPLICA_NAMES).optional(),
  seed: z.unknown().optional(),
  config: z.unknown().optional(),
  // At least one step is checked below, once it is known there are no parts: `"steps": []` beside parts is told it has both.
  steps: z.array(z.unknown()).max(10_000).optional(),
  expect: z.unknown().optional(),
  parts: z.array(partSchema).min(1, 'must have at least one part').max(20).optional(),
});

/** Parses JSON text, then validates it. Never throws. */
export function parseLectureText(text: string): ParsedLecture {
  const json = parseJsonText(text);
  return json.ok ? parseLecture(json.data) : { ok: false, error: new ScenarioError('', json.error) };
}

/**
 * The fields that make `data` a guided lecture rather than a scenario, named for a message
 * (`"parts"`, `"lecture" and "id"`); null when it is not one. A lecture has `parts`, or
 * `lecture` and `id`; `id` or `lecture` alone is a scenario with a field too many (an
 * assignment's "id"), which the scenario's validator names as an unknown field.
 */
export function lectureFields(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  if (!('parts' in data) && !('lecture' in data && 'id' in data)) return null;
  return ['parts', 'lecture', 'id'].filter((f) => f in data).map((f) => `"${f}"`).join(' and ');
}

/** Validates already-parsed data. Never throws. */
export function parseLecture(data: unknown): ParsedLecture {
  try {
    return { ok: true, lecture: validate(data) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e };
    return { ok: false, error: new ScenarioError('', `could not be read (${(e as Error).message})`) };
  }
}

function validate(data: unknown): Lecture {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ScenarioError('', 'a lecture must be a JSON object {"version": 1, "id", "title", "lecture", "summary", "seed", "config", "steps"}');
  // Before the form of either is checked: a lecture given both is told so, whatever else is wrong in them (`"parts": []` was told it needs a part).
  const given = data as Record<string, unknown>;
  const hasPlain = given.seed !== undefined || given.config !== undefined || given.steps !== undefined;
  if (given.parts !== undefined && hasPlain) throw new ScenarioError('parts', 'a lecture has either seed, config and steps, or parts, not both');
  stepFieldsMisplaced(given);
  const top = check(lectureSchema, data, '');
  const lecture = typeof top.lecture === 'string' ? [top.lecture] : top.lecture;
  // Told as a seed named twice is: the runner's header would read "lecture 000, 000".
  lecture.forEach((number, i) => {
    const first = lecture.indexOf(number);
    if (first !== i) throw new ScenarioError(`lecture[${i}]`, `names "${number}" again (lecture[${first}])`);
  });
  if (top.parts !== undefined && top.expect !== undefined) throw new ScenarioError('expect', 'in a lecture with parts, each part has its own expect (what that part must end with)');
  if (top.parts === undefined) {
    for (const field of ['seed', 'config', 'steps'] as const) if (top[field] === undefined) throw new ScenarioError(field, 'is required (or give parts, each with its own seed, config and steps)');
    if (top.steps!.length === 0) throw new ScenarioError('steps', 'must have at least one step');
  }
  const rawParts = top.parts ?? [{ seed: top.seed, config: top.config, steps: top.steps ?? [], ...(top.expect !== undefined ? { expect: top.expect } : {}) }];
  const parts = rawParts.map((p, i) => parsePart(p, top.parts === undefined ? '' : `parts[${i}]`, top.title));
  return { version: 1, id: top.id, title: top.title, lecture, summary: top.summary, view: top.view ?? 'ring', parts, quorumVerdict: top.quorumVerdict ?? 'shown', replicaName: top.replicaName ?? 'N' };
}

/** What a lecture's step may carry besides its scenario step's fields. */
const GUIDE_FIELDS = Object.keys(guideSchema.shape);

/**
 * The scenario validator's error in a lecture's words: a note there needs `text` or
 * `narration` (a narration alone is also the note's text), where a scenario's needs `text`.
 */
function lectureError(error: ScenarioError, steps: readonly unknown[], at: (path: string) => string): ScenarioError {
  const noteText = /^steps\[(\d+)\]\.text$/.exec(error.path);
  const step = noteText ? (steps[Number(noteText[1])] as { op?: unknown } | undefined) : undefined;
  if (step?.op === 'note' && error.detail.startsWith('is required')) {
    return new ScenarioError(at(`steps[${noteText![1]}]`), `a note needs "text" or "narration"${error.detail.slice('is required'.length)}`);
  }
  // A part is a scenario of its own: a get of another part is not "earlier" here.
  const isOtherPart = at('') !== '' && /\.contextFrom$/.test(error.path) && error.detail.startsWith('no earlier get has id');
  if (!isOtherPart) return new ScenarioError(at(error.path), error.detail);
  // "in this part" belongs to the id, before any suggestion: `…"raed1" in this part (…) (did you mean "read1"?)`.
  const [, id = error.detail, suggestion = ''] = /^(.*)( \(did you mean "(?:[^"\\]|\\.)*"\?\))$/.exec(error.detail) ?? [];
  return new ScenarioError(at(error.path), `${id} in this part (each part starts from a fresh cluster, and a put's context comes from a get of its own part)${suggestion}`);
}

/**
 * A narration or question given to the lecture or a part rather than to a step: zod's "unknown
 * field" said nothing of where it goes (a part's opening words, which the page shows nowhere
 * else: its summary is for the library and `npm run lecture`).
 */
function stepFieldsMisplaced(given: Record<string, unknown>): void {
  const places: [string, unknown][] = [['', given], ...(Array.isArray(given.parts) ? given.parts.map((p, i): [string, unknown] => [`parts[${i}]`, p]) : [])];
  for (const [path, place] of places) {
    if (typeof place !== 'object' || place === null) continue;
    const field = (['narration', 'question'] as const).find((f) => f in place);
    if (field === undefined) continue;
    const whose = path === '' ? "the lecture's" : "a part's";
    throw new ScenarioError(path, `unknown field "${field}": ${field === 'narration' ? `${whose} opening words go on its first step, a note: {"op": "note", "narration": "…"}` : 'a question belongs to a step: {"op": …, "question": {"prompt", "choices", "answer"}}'}`);
  }
}

interface RawPart {
  readonly title?: string;
  readonly summary?: string;
  readonly seed: unknown;
  readonly config: unknown;
  readonly steps: readonly unknown[];
  readonly expect?: unknown;
}

/** Splits each step into its scenario step and its guide, then validates the scenario. */
function parsePart(raw: RawPart, base: string, lectureTitle: string): LecturePart {
  const at = (path: string): string => (base && path ? `${base}.${path}` : base || path);
  const guide: StepGuide[] = [];
  const steps = raw.steps.map((step, i) => {
    if (typeof step !== 'object' || step === null || Array.isArray(step)) {
      guide.push({});
      return step; // the scenario validator explains what a step must be
    }
    const { narration, question, view, veilVersions, ...rest } = step as Record<string, unknown>;
    const parsed = check(guideSchema, { narration, question, view, veilVersions }, at(`steps[${i}]`));
    if (parsed.question?.choices) checkChoices(parsed.question, at(`steps[${i}].question`));
    guide.push({
      ...(parsed.narration !== undefined ? { narration: parsed.narration } : {}),
      ...(parsed.question !== undefined ? { question: parsed.question } : {}),
      ...(parsed.view !== undefined ? { view: parsed.view } : {}),
      ...(parsed.veilVersions === true || parsed.veilVersions === 'lineage' ? { veilVersions: parsed.veilVersions } : {}),
    });
    // A narration-only step, `{"op": "note", "narration": …}`, puts its narration in the trace.
    if (rest.op === 'note' && rest.text === undefined && parsed.narration !== undefined) rest.text = parsed.narration;
    return rest;
  });
  const result = parseScenario({ version: 1, seed: raw.seed, config: raw.config, steps, title: raw.title ?? lectureTitle, ...(raw.expect !== undefined ? { expect: raw.expect } : {}) }, { stepFields: GUIDE_FIELDS });
  if (!result.ok) throw lectureError(result.error, steps, at);
  return { ...(raw.title !== undefined ? { title: raw.title } : {}), ...(raw.summary !== undefined ? { summary: raw.summary } : {}), scenario: result.scenario, guide };
}

/**
 * With choices, the answer must start with one of them as a whole word, so the player can
 * mark it: "Because D is first" starts with the letters of choice "B", and marking B right
 * there would tell a class that voted D it was wrong. Choices must differ, or the player
 * could mark only the first of two equal ones.
 */
function checkChoices(question: Question, path: string): void {
  const choices = question.choices!;
  const twice = choices.findIndex((c, i) => choices.indexOf(c) !== i);
  if (twice >= 0) throw new ScenarioError(`${path}.choices[${twice}]`, `${JSON.stringify(choices[twice])} is offered twice; each choice must differ, so the player can mark one`);
  if (correctChoice(question) !== undefined) return;
  const listed = choices.map((c) => JSON.stringify(c)).join(', ');
  const inWord = choices.filter((c) => question.answer.startsWith(c)).sort((a, b) => b.length - a.length)[0];
  if (inWord !== undefined) {
    throw new ScenarioError(`${path}.answer`, `must start with one of the choices (${listed}) as a whole word; it starts with ${JSON.stringify(inWord)} only as part of ${JSON.stringify(firstWord(question.answer))} (follow the choice with a colon, a full stop, a comma or a space)`);
  }
  const caseOnly = choices.find((c) => question.answer.toLowerCase().startsWith(c.toLowerCase()));
  const hint = caseOnly !== undefined ? ` (choices are matched with their capitals: it starts with ${JSON.stringify(question.answer.slice(0, caseOnly.length))}, not ${JSON.stringify(caseOnly)})` : '';
  throw new ScenarioError(`${path}.answer`, `must start with one of the choices (${listed}), so the player can mark the right one${hint}`);
}

/** The index of the choice the answer starts with as a whole word (the longest, if several do). */
export function correctChoice(question: Question): number | undefined {
  let best: number | undefined;
  (question.choices ?? []).forEach((choice, i) => {
    if (startsWithWord(question.answer, choice) && (best === undefined || choice.length > question.choices![best]!.length)) best = i;
  });
  return best;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** Whether `text` starts with `word`, not followed by more of the same word ("B" does not start "Because"; "Yes" starts "Yes: …"). */
function startsWithWord(text: string, word: string): boolean {
  if (!text.startsWith(word)) return false;
  const last = [...word].at(-1);
  const next = text.slice(word.length).codePointAt(0);
  return last === undefined || next === undefined || !WORD_CHAR.test(last) || !WORD_CHAR.test(String.fromCodePoint(next));
}

function firstWord(text: string): string {
  return /^[\p{L}\p{N}\p{M}_]*/u.exec(text)![0] || text.slice(0, 20);
}

/** One step of a lecture in playing order, for Next, Previous and the progress indicator. */
export interface PlayStep {
  /** Position among all the lecture's steps, 0-based. */
  readonly index: number;
  readonly part: number;
  /** Index of the step within its part's scenario. */
  readonly stepIndex: number;
  readonly step: Step;
  readonly narration?: string;
  readonly question?: Question;
}

/** Every step of every part, in order. */
export function playSteps(lecture: Lecture): PlayStep[] {
  const out: PlayStep[] = [];
  lecture.parts.forEach((part, p) => part.scenario.steps.forEach((step, s) => out.push({ index: out.length, part: p, stepIndex: s, step, ...part.guide[s] })));
  return out;
}

