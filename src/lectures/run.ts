/**
 * Runs a lecture headless, part by part, with the scenario runner: what the lecture tests
 * and `npm run lecture` use. The app plays lectures through the worker instead; this
 * file is not part of its bundle.
 */
import { execute, runScenario, type ScenarioOutput } from '../scenario/runner';
import type { TraceEvent } from '../engine/index';
import type { Lecture, LecturePart } from './format';
import { describeFailure } from '../scenario/expect';

export interface PartRun {
  /** What `npm run sim` would print for the part's scenario. */
  readonly output: ScenarioOutput;
  /** Every event of the run, for the version history. */
  readonly trace: readonly TraceEvent[];
  /** For each step, the seq of the last event at its end (-1 before any event). */
  readonly stepEndSeq: readonly number[];
}

/**
 * Runs one part to its end, and says where each step ends, for the lecture tests' version
 * histories. Throws a `ScenarioError` naming the step if the engine refuses one.
 */
export function runLecturePart(part: LecturePart): PartRun {
  const { scenario } = part;
  const output = runScenario(scenario);
  const { cluster } = execute(scenario);
  // The runner reports no trace position per step; a run stopped after step i ends
  // exactly where step i ends in the full run (same seed, same inputs, same events). That
  // re-runs every prefix, in time the square of the steps (23 s for 10,000): fine for the
  // built-in lectures, and why `npm run lecture`, which needs no step ends, uses
  // `lectureOutputs`. The page's recorder knows step ends in one run, but its `wait` can
  // pass its end over a silent engine event, so its trace may differ from the runner's.
  const stepEndSeq = scenario.steps.map((_, i) => {
    const trace = execute({ ...scenario, steps: scenario.steps.slice(0, i + 1) }).cluster.trace;
    return trace.length > 0 ? trace[trace.length - 1]!.seq : -1;
  });
  return { output, trace: cluster.trace, stepEndSeq };
}

export function runLecture(lecture: Lecture): PartRun[] {
  return lecture.parts.map(runLecturePart);
}

/**
 * Each part's runner output, one run a part: all `npm run lecture` prints, so it needs
 * neither the trace nor where each step ends. Throws a `ScenarioError` as `runLecturePart` does.
 */
export function lectureOutputs(lecture: Lecture): ScenarioOutput[] {
  return lecture.parts.map((part) => runScenario(part.scenario));
}

/** Every failed `expect` of a run, as `parts[1].steps[3].clock.node1: expected 2, got 1`. */
export function expectationFailures(lecture: Lecture, outputs: readonly ScenarioOutput[]): string[] {
  return outputs.flatMap((output, p) =>
    (output.expectations?.failed ?? []).map((f) => `${lecture.parts.length > 1 ? `parts[${p}].` : ''}${describeFailure(f)}`),
  );
}
