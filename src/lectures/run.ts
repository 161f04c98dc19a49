/**
 * Runs a lecture headless, part by part, with the scenario runner: what the lecture tests
 * and `npm run lecture` use, and the worker to check a lecturer's own file (it plays
 * lectures through its recorder instead).
 */
import { execute, outputOf, type ScenarioOutput } from '../scenario/runner';
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
  // One run: its output as npm run sim prints it, its trace, and where each step ends in it (`execute` counts the trace at each step's end).
  const run = execute(scenario);
  const output = outputOf(scenario, run);
  const { cluster, stepEnds } = run;
  const stepEndSeq = stepEnds.map((end) => (end > 0 ? cluster.trace[end - 1]!.seq : -1));
  return { output, trace: cluster.trace, stepEndSeq };
}

export function runLecture(lecture: Lecture): PartRun[] {
  return lecture.parts.map(runLecturePart);
}

/** Every failed `expect` of a run, as `parts[1].steps[3].clock.node1: expected 2, got 1`. */
export function expectationFailures(lecture: Lecture, outputs: readonly ScenarioOutput[]): string[] {
  return outputs.flatMap((output, p) =>
    (output.expectations?.failed ?? []).map((f) => `${lecture.parts.length > 1 ? `parts[${p}].` : ''}${describeFailure(f)}`),
  );
}
