/**
 * The lecture format: a scenario whose steps may carry narration and a question, in one
 * part or several. Mistakes are reported like the scenario validator's, naming the part,
 * the step and the field.
 */
import { describe, expect, it } from 'vitest';
import { correctChoice, parseLecture, parseLectureText, playSteps, type Lecture } from './format';
import { TINY_LECTURE } from './lecture-testing';

const config = { n: 2, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'a', tokens: [10] }, { id: 'b', tokens: [60] }] };
const lecture = (over: Record<string, unknown> = {}) => ({
  ...TINY_LECTURE,
  config,
  steps: [
    { op: 'note', narration: 'Two nodes, a and b.' },
    { op: 'put', key: 'k', value: 1, via: 'a', narration: 'a writes D1 ([a,1]).', question: { prompt: 'Does b get a copy?', choices: ['Yes', 'No'], answer: 'Yes: N=2.' } },
    { op: 'settle' },
  ],
  ...over,
});

function parsed(data: unknown): Lecture {
  const result = parseLecture(data);
  if (!result.ok) throw result.error;
  return result.lecture;
}

function error(data: unknown): string {
  const result = parseLecture(data);
  if (result.ok) throw new Error('expected an error');
  return result.error.message;
}

describe('a valid lecture', () => {
  it('splits each step into its scenario step and its guide; a narration-only note puts its narration in the trace', () => {
    const l = parsed(lecture());
    expect(l.lecture).toEqual(['000']);
    expect(l.parts).toHaveLength(1);
    const [part] = l.parts;
    expect(part!.scenario.steps[0]).toEqual({ op: 'note', text: 'Two nodes, a and b.' });
    expect(part!.scenario.steps[1]).toEqual({ op: 'put', key: 'k', value: 1, via: 'a' });
    expect(part!.guide).toEqual([{ narration: 'Two nodes, a and b.' }, { narration: 'a writes D1 ([a,1]).', question: { prompt: 'Does b get a copy?', choices: ['Yes', 'No'], answer: 'Yes: N=2.' } }, {}]);
    expect(part!.scenario.title).toBe('A tiny lecture');
  });

  it('takes several parts, each its own scenario, and plays them in order', () => {
    const { seed, config: c, steps } = lecture();
    const l = parsed({ ...lecture(), seed: undefined, config: undefined, steps: undefined, lecture: ['000', '002'], parts: [{ title: 'One', seed, config: c, steps }, { title: 'Two', seed: 2, config: { ...c, n: 1 }, steps: [{ op: 'ownership', narration: 'Shares.' }] }] });
    expect(l.lecture).toEqual(['000', '002']);
    expect(l.parts.map((p) => [p.title, p.scenario.config.n])).toEqual([['One', 2], ['Two', 1]]);
    expect(playSteps(l).map((s) => [s.index, s.part, s.stepIndex, s.step.op, s.narration ?? null])).toEqual([
      [0, 0, 0, 'note', 'Two nodes, a and b.'],
      [1, 0, 1, 'put', 'a writes D1 ([a,1]).'],
      [2, 0, 2, 'settle', null],
      [3, 1, 0, 'ownership', 'Shares.'],
    ]);
  });

  it('marks the choice the answer starts with, the longest if several do', () => {
    expect(correctChoice({ prompt: '?', choices: ['node4, node2', 'node4, node2, node3'], answer: 'node4, node2, node3: keep walking.' })).toBe(1);
    expect(correctChoice({ prompt: '?', answer: 'Yes' })).toBeUndefined();
  });

  it('marks a choice only as a whole word: "Because D…" answers D, not B', () => {
    expect(correctChoice({ prompt: '?', choices: ['B', 'C', 'D'], answer: 'Because D is the first node up.' })).toBeUndefined();
    expect(correctChoice({ prompt: '?', choices: ['B', 'C', 'D'], answer: 'D: it is the first node up.' })).toBe(2);
    expect(correctChoice({ prompt: '?', choices: ['node1', 'node12'], answer: 'node12, since …' })).toBe(1);
    expect(correctChoice({ prompt: '?', choices: ['No', 'Not yet'], answer: 'Nothing is stored.' })).toBeUndefined();
    expect(correctChoice({ prompt: '?', choices: ['Yes', 'No'], answer: 'Yes' })).toBe(0);
    expect(correctChoice({ prompt: '?', choices: ['(a)', '(b)'], answer: '(b)because' })).toBe(1);
    expect(correctChoice({ prompt: '?', choices: ['Σx', 'Σy'], answer: 'Σyz holds it' })).toBeUndefined();
  });
});

describe('a lecture with a mistake names where it is', () => {
  const stepsWith = (i: number, change: Record<string, unknown>) => lecture().steps.map((s, j) => (j === i ? { ...s, ...change } : s));
  it.each([
    ['a question without an answer', { steps: stepsWith(1, { question: { prompt: 'Does b get a copy?' } }) }, 'steps[1].question.answer: is required'],
    ['an answer that starts with no choice', { steps: stepsWith(1, { question: { prompt: '?', choices: ['Yes', 'No'], answer: 'Maybe' } }) }, 'steps[1].question.answer: must start with one of the choices ("Yes", "No"), so the player can mark the right one'],
    ['an answer that starts with a choice only inside a word', { steps: stepsWith(1, { question: { prompt: 'Who?', choices: ['B', 'C', 'D'], answer: 'Because D is up.' } }) }, 'steps[1].question.answer: must start with one of the choices ("B", "C", "D") as a whole word; it starts with "B" only as part of "Because" (follow the choice with a colon, a full stop, a comma or a space)'],
    ['an answer whose choice differs in capitals', { steps: stepsWith(1, { question: { prompt: '?', choices: ['Yes', 'No'], answer: 'yes: it does.' } }) }, 'steps[1].question.answer: must start with one of the choices ("Yes", "No"), so the player can mark the right one (choices are matched with their capitals: it starts with "yes", not "Yes")'],
    ['a choice offered twice', { steps: stepsWith(1, { question: { prompt: '?', choices: ['D', 'E', 'D'], answer: 'D.' } }) }, 'steps[1].question.choices[2]: "D" is offered twice; each choice must differ, so the player can mark one'],
    ['no steps', { steps: [] }, 'steps: must have at least one step'],
    ['narration that is not text', { steps: stepsWith(2, { narration: 3 }) }, 'steps[2].narration: must be text (a JSON string)'],
    ['a misspelt field', { steps: stepsWith(2, { naration: 'x' }) }, 'steps[2]: unknown field "naration" (did you mean "narration"?)'],
    ['a question field with an s too many', { steps: stepsWith(2, { questions: { prompt: '?', answer: 'a' } }) }, 'steps[2]: unknown field "questions" (did you mean "question"?)'],
    ["a question's field with an s too few", { steps: stepsWith(2, { question: { prompt: '?', answer: 'Yes', choice: ['Yes', 'No'] } }) }, 'steps[2].question: unknown field "choice" (did you mean "choices"?)'],
    ['a misspelt config field', { config: { ...config, keyPosition: { k: 1 } } }, 'config: unknown field "keyPosition" (did you mean "keyPositions"?)'],
    ["a scenario's description", { description: 'Two nodes.' }, 'unknown field "description" (did you mean "summary"?)'],
    ['a note with neither text nor narration', { steps: stepsWith(0, { narration: undefined }) }, 'steps[0]: a note needs "text" or "narration"'],
    ['a note with its narration misspelt', { steps: stepsWith(0, { narration: undefined, naration: 'x' }) }, 'steps[0]: a note needs "text" or "narration" (found an unknown field "naration")'],
    ['too many steps', { steps: Array.from({ length: 10_009 }, () => ({ op: 'settle' })) }, 'steps: must have at most 10,000 items, not 10,009'],
    ['a summary too long', { summary: 'x'.repeat(2001) }, 'summary: must be at most 2,000 characters'],
    ['an unknown node', { steps: stepsWith(1, { via: 'c' }) }, 'steps[1].via: no node named "c" at this step (the cluster has a, b)'],
    ['a bad lecture number', { lecture: '0' }, 'lecture: must be a lecture number like "000"'],
    ['a lecture number listed twice', { lecture: ['000', '002', '000'] }, 'lecture[2]: names "000" again (lecture[0])'],
    ['a lecture number that is not text', { lecture: 0 }, 'lecture: must be a lecture number like "000" (text), or a list of one to five of them, like ["000", "002"]'],
    ['an id that is not kebab-case', { id: 'Tiny Lecture' }, 'id: must be kebab-case, like "shopping-cart"'],
    ['no seed', { seed: undefined }, 'seed: is required (or give parts, each with its own seed, config and steps)'],
    ['both steps and parts', { parts: [{ seed: 1, config, steps: [{ op: 'settle' }] }] }, 'parts: a lecture has either seed, config and steps, or parts, not both'],
    ['an empty steps beside parts', { seed: undefined, config: undefined, steps: [], parts: [{ seed: 1, config, steps: [{ op: 'settle' }] }] }, 'parts: a lecture has either seed, config and steps, or parts, not both'],
    ['an empty parts beside steps', { parts: [] }, 'parts: a lecture has either seed, config and steps, or parts, not both'],
    ['a misspelt part beside steps', { parts: [{ seed: 1, config, stpes: [] }] }, 'parts: a lecture has either seed, config and steps, or parts, not both'],
    ['an empty parts alone', { seed: undefined, config: undefined, steps: undefined, parts: [] }, 'parts: must have at least one part'],
    ['no step', { steps: [] }, 'steps: must have at least one step'],
    ['a bad config', { config: { ...config, r: 3 } }, 'config.r: r (3) is greater than n (2): a read cannot wait for more replies than there are replicas'],
  ])('%s', (_, change, message) => {
    expect(error({ ...lecture(), ...change })).toBe(message);
  });

  it('prefixes the part in a lecture of several parts', () => {
    const part = { seed: 1, config, steps: [{ op: 'settle' }] };
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts: [part, { ...part, steps: [{ op: 'put', key: 'k', value: 1, via: 'z' }] }] })).toBe('parts[1].steps[0].via: no node named "z" at this step (the cluster has a, b)');
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts: [{ ...part, steps: [{ op: 'settle', question: { prompt: '', answer: 'a' } }] }] })).toBe('parts[0].steps[0].question.prompt: must not be empty');
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts: [part, { ...part, steps: [{ op: 'note' }] }] })).toBe('parts[1].steps[0]: a note needs "text" or "narration"');
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts: [{ ...part, description: 'One.' }] })).toBe('parts[0]: unknown field "description" (did you mean "summary"?)');
  });

  it('says where a narration or question given to a part or the lecture goes: on a step', () => {
    const part = { seed: 1, config, steps: [{ op: 'settle' }] };
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts: [part, { ...part, narration: 'Part two.' }] })).toBe('parts[1]: unknown field "narration": a part\'s opening words go on its first step, a note: {"op": "note", "narration": "…"}');
    expect(error({ ...lecture(), question: { prompt: 'Why?', answer: 'Because.' } })).toBe('unknown field "question": a question belongs to a step: {"op": …, "question": {"prompt", "choices", "answer"}}');
  });

  it("says a put's contextFrom names a get of its own part: each part starts from a fresh cluster", () => {
    const part = (step: object) => ({ seed: 1, config, steps: [step] });
    const parts = [part({ op: 'get', key: 'k', id: 'r1' }), part({ op: 'put', key: 'k', value: 1, contextFrom: 'r1' })];
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts })).toBe('parts[1].steps[0].contextFrom: no earlier get has id "r1" in this part (each part starts from a fresh cluster, and a put\'s context comes from a get of its own part)');
    // A misspelt id of the part's own get: the suggestion comes last, after what "earlier" means here.
    const typo = [part({ op: 'settle' }), { seed: 1, config, steps: [{ op: 'get', key: 'k', id: 'read1' }, { op: 'put', key: 'k', value: 1, contextFrom: 'raed1' }] }];
    expect(error({ ...lecture(), seed: undefined, config: undefined, steps: undefined, parts: typo })).toBe('parts[1].steps[1].contextFrom: no earlier get has id "raed1" in this part (each part starts from a fresh cluster, and a put\'s context comes from a get of its own part) (did you mean "read1"?)');
  });

  it('reports text that is not JSON, and data that is not an object', () => {
    const bad = parseLectureText('{"version": 1');
    expect(bad.ok ? '' : bad.error.message).toMatch(/^not valid JSON/);
    expect(error([])).toMatch(/^a lecture must be a JSON object/);
  });
});

describe('a step that keeps the versions veiled', () => {
  it('says so with veilVersions: true, or "lineage" for how they descend alone, and names what it must be otherwise', () => {
    const steps = [{ op: 'note', narration: 'Two nodes.' }, { op: 'settle', veilVersions: true }, { op: 'settle', veilVersions: 'lineage' }, { op: 'settle', veilVersions: false }];
    const guide = parsed(lecture({ steps })).parts[0]!.guide;
    expect(guide.map((g) => g.veilVersions ?? false)).toEqual([false, true, 'lineage', false]);
    expect(error(lecture({ steps: [{ op: 'settle', veilVersions: 'yes' }] }))).toBe('steps[0].veilVersions: must be true, false or "lineage"');
  });
});

describe("the header's R + W verdict", () => {
  it('is shown unless the lecture asks about it, and names the choices when it is neither', () => {
    expect(parsed(lecture()).quorumVerdict).toBe('shown');
    expect(parsed(lecture({ quorumVerdict: 'afterQuestions' })).quorumVerdict).toBe('afterQuestions');
    expect(parsed(lecture({ quorumVerdict: 'hidden' })).quorumVerdict).toBe('hidden');
    expect(error(lecture({ quorumVerdict: 'never' }))).toBe('quorumVerdict: must be one of "shown", "afterQuestions", "hidden", not "never"');
  });
});

describe('the view a lecture opens on', () => {
  it('is the ring unless the lecture names another panel', () => {
    expect(parsed(lecture()).view).toBe('ring');
    expect(parsed(lecture({ view: 'merkle' })).view).toBe('merkle');
  });

  it('names the panels it may be when it is none of them', () => {
    expect(error(lecture({ view: 'graph' }))).toBe('view: must be one of "ring", "versions", "spacetime", "hints", "merkle", "membership", "latency", not "graph"');
  });

  it('may change at a step, which names the panel it is about; the step itself stays a plain scenario step', () => {
    const steps = [{ op: 'note', narration: 'Two nodes.' }, { op: 'fail', node: 'b', view: 'membership', narration: 'a believes b is down.' }, { op: 'settle' }];
    const part = parsed(lecture({ view: 'hints', steps })).parts[0]!;
    expect(part.guide.map((g) => g.view)).toEqual([undefined, 'membership', undefined]);
    expect(part.scenario.steps[1]).toEqual({ op: 'fail', node: 'b' });
    expect(error(lecture({ steps: [{ op: 'settle', view: 'table' }] }))).toBe('steps[0].view: must be one of "ring", "versions", "spacetime", "hints", "merkle", "membership", "latency", not "table"');
  });
});

describe("what a lecture calls the number of replicas", () => {
  it('is N unless the lecture says RF, and names the choices when it is neither', () => {
    expect(parsed(lecture()).replicaName).toBe('N');
    expect(parsed(lecture({ replicaName: 'RF' })).replicaName).toBe('RF');
    expect(error(lecture({ replicaName: 'R' }))).toBe('replicaName: must be one of "N", "RF", not "R"');
  });
});
