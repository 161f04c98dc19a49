import { describe, expect, it } from 'vitest';
import { LECTURES, loadLecture, parseLecture } from './index';
import { runLecture } from './run';
import { narrationWarnings } from './narration-checks';

const config = { n: 2, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }] };
const lectureWith = (steps: unknown[]) => {
  const parsed = parseLecture({ version: 1, id: 'mine', title: 'Mine', lecture: '003', summary: 'Two writes.', seed: 1, config, steps });
  if (!parsed.ok) throw parsed.error;
  return parsed.lecture;
};

describe('narration checks', () => {
  it('find nothing to say in any built-in lecture', () => {
    for (const { id } of LECTURES) {
      const lecture = loadLecture(id);
      expect(narrationWarnings(lecture, runLecture(lecture)), id).toEqual([]);
    }
  });

  it('name a quoted clock the run did not make, a false ancestor claim, a wrong "save only" answer and a long narration', () => {
    const lecture = lectureWith([
      { op: 'put', key: 'cart', value: 1, via: 'A', narration: 'A stores D1 ([A,7]).' },
      { op: 'get', key: 'cart', via: 'A', id: 'r1', narration: 'A read.' },
      { op: 'put', key: 'cart', value: 2, via: 'A', contextFrom: 'r1', narration: 'Every counter of D2 ≤ the matching counter of D1. One. Two. Three. Four.', question: { prompt: 'Can A save only D2?', choices: ['Yes', 'No'], answer: 'No: it keeps both.' } },
    ]);
    expect(narrationWarnings(lecture, runLecture(lecture))).toEqual([
      'steps[0].narration: quotes D1 ([A,7]), but the run made D1 ([A,1])',
      'steps[2].narration: says every counter of D2 ≤ the matching counter of D1, but in the run D1 does not descend from D2',
      "steps[2].narration: has 5 sentences; a projector's back row reads about 4 (split the step, or move detail into the answer)",
      'steps[2].question.answer: answers "No", but after this step A holds D2 alone',
    ]);
  });

  it('asks about an answer whose first word is a choice while it names another: "A hint goes to E" marks A', () => {
    const question = { prompt: 'Who keeps the write?', choices: ['A', 'B', 'Nobody'], answer: 'A hint goes with it, to B, which keeps it.' };
    const lecture = lectureWith([{ op: 'put', key: 'cart', value: 1, via: 'A', narration: 'A write.', question }]);
    expect(narrationWarnings(lecture, runLecture(lecture))).toEqual(['steps[0].question.answer: marks "A" right, the choice it starts with, yet names "B" after it: if "B" is right, start with "B: …"; if "A" is, write "A: …"']);
    // Set off with a colon, or naming no other choice, the answer is as meant.
    for (const answer of ['A: a hint goes with it, to B.', 'B: a hint goes with it, to A.', 'A keeps it, as the coordinator.', 'Nobody keeps it but A and B.']) {
      const plain = lectureWith([{ op: 'put', key: 'cart', value: 1, via: 'A', narration: 'A write.', question: { ...question, answer } }]);
      expect(narrationWarnings(plain, runLecture(plain)), answer).toEqual(answer.startsWith('Nobody') ? ['steps[0].question.answer: marks "Nobody" right, the choice it starts with, yet names "A" after it: if "A" is right, start with "A: …"; if "Nobody" is, write "Nobody: …"'] : []);
    }
  });

  it("checks the clocks a question's prompt quotes, as the narration's and the answer's", () => {
    const lecture = lectureWith([{ op: 'put', key: 'cart', value: 1, via: 'A', narration: 'A write.', question: { prompt: 'A holds D1 ([A,3]). Which node wrote it?', answer: 'A.' } }]);
    expect(narrationWarnings(lecture, runLecture(lecture))).toEqual(['steps[0].question.prompt: quotes D1 ([A,3]), but the run made D1 ([A,1])']);
  });

  it('holds a "…: they are concurrent" sentence to explainRelation\'s words with or without ", so the client must reconcile"', () => {
    // A blind put through B makes D2 ([B,1]) beside D1 ([A,1]): concurrent.
    const puts = [
      { op: 'put', key: 'cart', value: 1, via: 'A' },
      { op: 'put', key: 'cart', value: 2, via: 'B' },
    ];
    const right = 'D1 has [A,1] where D2 has [A,0], and D2 has [B,1] where D1 has [B,0]: they are concurrent';
    const wrong = 'D1 has [A,7] where D2 has [A,0], and D2 has [B,9] where D1 has [B,0]: they are concurrent';
    const narrated = (...narrations: string[]) => lectureWith([...puts, ...narrations.map((narration) => ({ op: 'note', narration }))]);
    const good = narrated(`${right}.`, `${right}, so the client must reconcile.`);
    expect(narrationWarnings(good, runLecture(good))).toEqual([]);
    const bad = narrated(`${wrong}.`, `${wrong}, so the client must reconcile.`);
    expect(narrationWarnings(bad, runLecture(bad))).toEqual([
      `steps[2].narration: says "${wrong}", but the run says "${right}"`,
      `steps[3].narration: says "${wrong}, so the client must reconcile", but the run says "${right}, so the client must reconcile"`,
    ]);
  });

  it('names every version a node holds when it holds several, and "alone" only when it holds one', () => {
    // Two blind puts through A and B, W=1 and no settle: A holds D1 alone, then both once D2 arrives.
    const lecture = lectureWith([
      { op: 'put', key: 'cart', value: 1, via: 'A', question: { prompt: 'Can A save only D1?', choices: ['Yes', 'No'], answer: 'No.' } },
      { op: 'put', key: 'cart', value: 2, via: 'B' },
      { op: 'settle', question: { prompt: 'Can A save only D1?', choices: ['Yes', 'No'], answer: 'Yes.' } },
    ]);
    expect(narrationWarnings(lecture, runLecture(lecture))).toEqual([
      'steps[0].question.answer: answers "No", but after this step A holds D1 alone',
      'steps[2].question.answer: answers "Yes", but after this step A holds D1 and D2',
    ]);
  });

  it('names a "save only" question about a node the run does not have, rather than saying it holds nothing', () => {
    const lecture = lectureWith([{ op: 'put', key: 'cart', value: 1, via: 'A', narration: 'A stores D1.', question: { prompt: 'Can Z save only D1?', choices: ['Yes', 'No'], answer: 'No.' } }]);
    expect(narrationWarnings(lecture, runLecture(lecture))).toEqual(['steps[0].question.answer: asks about Z, but the run has no node Z']);
  });
});
