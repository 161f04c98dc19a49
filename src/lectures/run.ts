/**
 * Runs a lecture headless, part by part, with the scenario runner: what the lecture tests
 * and `npm run lecture` use, and the worker to check a lecturer's own file (it plays
 * lectures through its recorder instead).
 */
import { BudgetError, execute, MAX_EVENTS, outputOf, type ScenarioOutput } from '../scenario/runner';
import { ScenarioError } from '../scenario/problems';
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
  /** Engine events the run processed (the bound counts them). */
  readonly events: number;
}

/**
 * Runs one part to its end, and says where each step ends, for the lecture tests' version
 * histories. Throws a `ScenarioError` naming the step if the engine refuses one, or if the
 * part passes `maxEvents` engine events.
 */
export function runLecturePart(part: LecturePart, maxEvents = MAX_EVENTS): PartRun {
  const { scenario } = part;
  // One run: its output as npm run sim prints it, its trace, and where each step ends in it (`execute` counts the trace at each step's end).
  const run = execute(scenario, { maxEvents });
  const output = outputOf(scenario, run);
  const { cluster, stepEnds } = run;
  const stepEndSeq = stepEnds.map((end) => (end > 0 ? cluster.trace[end - 1]!.seq : -1));
  return { output, trace: cluster.trace, stepEndSeq, events: cluster.eventsProcessed };
}

/**
 * Runs every part, all of them together within the one bound on engine events a scenario
 * has: its parts' traces are all kept, and 20 parts each just under the bound took 28 s and
 * 3.8 GB. A refusal in a lecture with parts names the part (`parts[2].steps[0]: …`).
 */
export function runLecture(lecture: Lecture, maxEvents = MAX_EVENTS): PartRun[] {
  let spent = 0;
  return lecture.parts.map((part, p) => {
    const where = lecture.parts.length > 1 ? `parts[${p}].` : '';
    try {
      const run = runLecturePart(part, maxEvents - spent);
      spent += run.events;
      return run;
    } catch (e) {
      if (e instanceof BudgetError && spent > 0) {
        const before = `the parts before it took ${spent.toLocaleString('en-US')}`;
        throw new ScenarioError(`${where}steps[${e.step}]`, `the lecture passed ${maxEvents.toLocaleString('en-US')} engine events in all (at ${e.atMs} ms of this part's virtual time; ${before}), the most one lecture may take${e.advice}`);
      }
      if (e instanceof ScenarioError && where !== '') throw new ScenarioError(`${where}${e.path}`, e.detail);
      throw e;
    }
  });
}

/** Every failed `expect` of a run, as `parts[1].steps[3].clock.node1: expected 2, got 1`. */
export function expectationFailures(lecture: Lecture, outputs: readonly ScenarioOutput[]): string[] {
  return outputs.flatMap((output, p) =>
    (output.expectations?.failed ?? []).map((f) => `${lecture.parts.length > 1 ? `parts[${p}].` : ''}${describeFailure(f)}`),
  );
}
