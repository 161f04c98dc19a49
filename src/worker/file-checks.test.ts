import { describe, expect, it } from 'vitest';
import { SessionHost } from './session-host';
import { parseLecture, type Lecture } from '../lectures/format';
import { parseScenario } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { problemsOf, summaryOf } from '../panels/lectures/LectureChecks';
import { TINY_LECTURE } from '../lectures/lecture-testing';

const tiny = TINY_LECTURE;

function lectureOf(data: unknown): Lecture {
  const parsed = parseLecture(data);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.lecture;
}

function scenarioOf(data: unknown): Scenario {
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

const check = (file: { lecture: Lecture } | { scenario: Scenario }) => {
  const reply = new SessionHost().handle({ type: 'checkFile', id: 1, file });
  if (reply.type !== 'checkFile') throw new Error(JSON.stringify(reply));
  return reply.checks;
};

describe('a file checked in the worker as the runners check it', () => {
  it('finds nothing in a lecture whose expects hold and whose narration the run bears out', () => {
    expect(check({ lecture: lectureOf(tiny) })).toEqual({ checked: 2, failed: 0, failures: [], warnings: [] });
  });

  it("names a failed expect and a quoted clock the run did not make, in npm run lecture's words", () => {
    const wrong = { ...tiny, steps: tiny.steps.map((step, i) => (i === 1 ? { ...step, narration: 'a writes D1 ([a,7]).', expect: { ok: true, clock: { a: 2 } } } : step)) };
    expect(check({ lecture: lectureOf(wrong) })).toEqual({
      checked: 2,
      failed: 1,
      failures: ['steps[1].clock.a: expected 2, got 1'],
      warnings: ['steps[1].narration: quotes D1 ([a,7]), but the run made D1 ([a,1])'],
    });
  });

  it("counts a step's expect once however many of its fields fail, and runs a scenario without expect not at all", () => {
    const scenario = {
      version: 1,
      seed: 1,
      config: tiny.config,
      steps: [
        { op: 'put', key: 'k', value: ['x'], via: 'a', expect: { ok: true } },
        { op: 'settle' },
        { op: 'note', text: 'b has it.' },
        { op: 'inspect', node: 'b', expect: { up: false, data: {} } },
      ] as { op: string; expect?: unknown }[],
    };
    const checks = check({ scenario: scenarioOf(scenario) });
    expect(checks.checked).toBe(2);
    expect(checks.failed).toBe(1);
    expect(checks.failures).toHaveLength(2);
    expect(checks.failures[0]).toMatch(/^steps\[3\]\.up: expected false, got true$/);
    const without = { ...scenario, steps: scenario.steps.map(({ expect: _e, ...step }) => step) };
    expect(check({ scenario: scenarioOf(without) })).toEqual({ checked: 0, failed: 0, failures: [], warnings: [] });
  });

  it('reads the paths as a lecturer counts steps, marking those of the step on screen', () => {
    const checks = { checked: 3, failed: 2, failures: ['parts[1].steps[6].clock.A: expected 2, got 1', 'parts[0].expect.final.atMs: expected 1, got 2'], warnings: ['parts[1].steps[0].narration: has 5 sentences'] };
    const problems = problemsOf(checks, { part: 1, step: 6, isRevealed: false }, true);
    expect(problems).toEqual([
      { where: 'Part 2, step 7', text: 'clock.A: expected 2, got 1', isHere: true },
      { where: 'Part 1, after the last step', text: 'expect.final.atMs: expected 1, got 2', isHere: false },
      { where: 'Part 2, step 1', text: 'narration: has 5 sentences', isHere: false },
    ]);
    expect(summaryOf(checks, 1)).toBe('Your lecture: 2 of its 3 expect checks fail, 1 narration warning (1 at this step)');
    expect(problemsOf({ ...checks, failures: ['steps[2].ok: expected true, got false'], warnings: [] }, { part: 0, step: 0, isRevealed: false }, false)).toEqual([{ where: 'Step 3', text: 'ok: expected true, got false', isHere: false }]);
  });
});
