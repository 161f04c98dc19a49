/**
 * A lecturer's own file, checked as `npm run lecture` and `npm run sim` check it: its
 * `expect`s against a run of its steps, and, for a lecture, its narration's claims against
 * that run (the clocks it quotes, its ancestor and concurrency sentences, its "save only"
 * answers, its length). The page opens the file anyway, as the runners still print a run
 * whose checks fail, and says what failed: a class would otherwise see the run contradict
 * the narration with no sign of it to the lecturer.
 */
import { expectationFailures, runLecture } from '../lectures/run';
import { narrationWarnings } from '../lectures/narration-checks';
import type { Lecture } from '../lectures/format';
import { runScenario } from '../scenario/runner';
import { describeFailure } from '../scenario/expect';
import type { Scenario } from '../scenario/schema';

export interface FileChecks {
  /** Expectations checked (each step's `expect`, and the run's own). */
  readonly checked: number;
  /** Of those, how many failed: a step's `expect` counts once, however many of its fields fail. */
  readonly failed: number;
  /** Each failed one in the runners' words: `parts[1].steps[6].clock.A: expected 2, got 1`. */
  readonly failures: readonly string[];
  /** Narration claims the run does not bear out, in `npm run lecture`'s words (a lecture only). */
  readonly warnings: readonly string[];
}

export function lectureChecks(lecture: Lecture): FileChecks {
  const runs = runLecture(lecture);
  const outputs = runs.map((run) => run.output);
  const checked = outputs.reduce((sum, output) => sum + (output.expectations?.checked ?? 0), 0);
  const failures = expectationFailures(lecture, outputs);
  return { checked, failed: failedChecks(failures), failures, warnings: narrationWarnings(lecture, runs) };
}

/** A scenario with no `expect` is not run again: there is nothing to check. */
export function scenarioChecks(scenario: Scenario): FileChecks {
  const hasExpect = scenario.expect !== undefined || scenario.steps.some((step) => step.expect !== undefined);
  if (!hasExpect) return { checked: 0, failed: 0, failures: [], warnings: [] };
  const { expectations } = runScenario(scenario);
  const failures = (expectations?.failed ?? []).map(describeFailure);
  return { checked: expectations?.checked ?? 0, failed: failedChecks(failures), failures, warnings: [] };
}

/** The checks that the failures belong to: `steps[6]` or `expect.final`, in a part or not. */
function failedChecks(failures: readonly string[]): number {
  return new Set(failures.map((f) => /^(?:parts\[\d+\]\.)?(?:steps\[\d+\]|expect\.\w+)/.exec(f)?.[0] ?? f)).size;
}
