/**
 * A lecture runs headless within one bound on engine events for all its parts together, as
 * one scenario does, and a refusal names the part.
 */
import { describe, expect, it } from 'vitest';
import { parseLecture, type Lecture } from './format';
import { runLecture } from './run';
import { TINY_LECTURE } from './lecture-testing';

const nodes = ['A', 'B', 'C', 'D'].map((id) => ({ id }));
/** A part of one long wait: about 8,500 engine events of the cluster's own timers (gossip, anti-entropy). */
const waitPart = (title: string) => ({ title, summary: 'A long wait.', seed: 1, config: { n: 3, r: 2, w: 2, nodes }, steps: [{ op: 'wait', ms: 500_000 }] });

function lectureOf(parts: readonly object[]): Lecture {
  const { seed: _seed, config: _config, steps: _steps, ...rest } = TINY_LECTURE;
  const parsed = parseLecture({ ...rest, parts });
  if (!parsed.ok) throw parsed.error;
  return parsed.lecture;
}

describe('runLecture', () => {
  it("counts every part's engine events against the one bound, and refuses the part that passes it, naming it", () => {
    const lecture = lectureOf([waitPart('One'), waitPart('Two'), waitPart('Three')]);
    const runs = runLecture(lecture);
    const spent = runs[0]!.events + runs[1]!.events;
    expect(runs[0]!.events).toBeGreaterThan(7_000);
    expect(() => runLecture(lecture, spent + 100)).toThrow(
      new RegExp(`^parts\\[2\\]\\.steps\\[0\\]: the lecture passed ${(spent + 100).toLocaleString('en-US')} engine events in all \\(at [\\d.]+ ms of this part's virtual time; the parts before it took ${spent.toLocaleString('en-US')}\\), the most one lecture may take; shorten the wait or make timers less frequent$`),
    );
  });

  it('names the part of a refused step in a lecture with parts, and only there', () => {
    expect(() => runLecture(lectureOf([waitPart('One'), waitPart('Two')]), 5_000)).toThrow(/^parts\[0\]\.steps\[0\]: the run passed 5,000 engine events/);
    const [one] = lectureOf([waitPart('One')]).parts;
    expect(() => runLecture({ ...lectureOf([waitPart('One')]), parts: [one!] }, 5_000)).toThrow(/^steps\[0\]: the run passed 5,000 engine events/);
  });
});
