/**
 * Records a scenario file as a session: its steps become the same inputs, engine steps
 * and clock moves the app records when a lecturer clicks, so a scenario opened in the
 * app (or shared as a link) replays to exactly the events `npm run sim` prints.
 */
import { contextClock, type EventOf, type Input, type TraceEvent, type Version } from '../engine/index';
import type { Scenario, Step } from '../scenario/schema';
import { MAX_EVENTS, budgetError, checkMembershipChanges } from '../scenario/runner';
import { Timeline } from './timeline';

const MAX_STEPS = 1_000_000;

export function recordScenario(scenario: Scenario): Timeline {
  return recordScenarioSteps(scenario).timeline;
}

/**
 * Records a scenario and says where each of its steps ends: `stepEnds[i]` is the
 * timeline's cursor once step i is done, so a guided lecture can seek to any step, and
 * `stepTraceEnds[i]` the trace's length then, so it knows which events each step made.
 */
export function recordScenarioSteps(scenario: Scenario, maxEvents = MAX_EVENTS): { timeline: Timeline; stepEnds: number[]; stepTraceEnds: number[] } {
  const timeline = Timeline.create(scenario.config, scenario.seed);
  const contexts = new Map<string, readonly Version[]>();
  const stepEnds: number[] = [];
  const stepTraceEnds: number[] = [];
  // The runner's bound on engine events, so a file the runner refuses is refused here too, in its words.
  const hasRoom = () => timeline.current.eventsProcessed <= maxEvents;
  // And its bound on joins and leaves, before any step is made: each moves ranges all round the ring.
  checkMembershipChanges(scenario.steps, timeline.current.ring);
  scenario.steps.forEach((step, i) => {
    recordStep(timeline, step, contexts, hasRoom);
    if (!hasRoom()) throw budgetError(i, step, timeline.current, maxEvents);
    stepEnds.push(timeline.cursor);
    stepTraceEnds.push(timeline.traceLengthAtCursor);
  });
  return { timeline, stepEnds, stepTraceEnds };
}

/** `hasRoom`: false once the recording passed the bound on engine events; every loop stops there. */
function recordStep(t: Timeline, step: Step, contexts: Map<string, readonly Version[]>, hasRoom: () => boolean): void {
  switch (step.op) {
    case 'put':
    case 'get': {
      const input: Input =
        step.op === 'put'
          ? { type: 'put', key: step.key, value: step.value, ...(step.contextFrom !== undefined ? { context: contextClock(contexts.get(step.contextFrom) ?? []) } : {}), ...(step.via ? { via: step.via } : {}) }
          : { type: 'get', key: step.key, ...(step.via ? { via: step.via } : {}) };
      const from = t.trace.length;
      t.input(input);
      const opId = (t.trace[from] as EventOf<'op-start'> | undefined)?.opId;
      const end = stepUntil(t, (e) => e.kind === 'op-end' && e.opId === opId, hasRoom) as EventOf<'op-end'> | undefined;
      if (step.op === 'get' && step.id !== undefined) contexts.set(step.id, end?.versions ?? []);
      return;
    }
    case 'wait':
      t.advanceTo(t.current.nowMs + step.ms, MAX_STEPS);
      return;
    case 'settle':
      for (let i = 0; i < MAX_STEPS && !t.current.isSettled && hasRoom() && t.stepForward(); i++);
      return;
    case 'antiEntropy': {
      const from = t.trace.length;
      t.input({ type: 'antiEntropy', a: step.a, b: step.b });
      const exchangeId = (t.trace[from] as EventOf<'ae-started'> | undefined)?.exchangeId;
      stepUntil(t, (e) => e.kind === 'ae-done' && e.exchangeId === exchangeId, hasRoom);
      return;
    }
    case 'gossip':
      for (let r = 0; r < step.rounds; r++) {
        t.input({ type: 'gossipRound' });
        for (let i = 0; i < MAX_STEPS && !t.current.isSettled && hasRoom() && t.stepForward(); i++);
      }
      return;
    case 'preferenceList':
    case 'inspect':
    case 'ownership':
      return; // questions about the state, not actions
    case 'addNode':
      t.input({ type: 'addNode', id: step.id, ...(step.tokens !== undefined ? { tokens: step.tokens } : {}), ...(step.capacity !== undefined ? { capacity: step.capacity } : {}), ...(step.dc !== undefined ? { dc: step.dc } : {}) });
      return;
    case 'removeNode':
      t.input({ type: 'removeNode', id: step.id });
      return;
    case 'partition':
      t.input({ type: 'partition', groups: step.groups });
      return;
    case 'heal':
      t.input({ type: 'heal' });
      return;
    case 'note':
      t.input({ type: 'note', text: step.text });
      return;
    case 'isolateDc':
      t.input({ type: 'isolateDc', dc: step.dc });
      return;
    case 'cutLink':
      t.input({ type: 'cutLink', from: step.from, to: step.to });
      return;
    case 'slowLink':
      t.input({ type: 'slowLink', from: step.from, to: step.to, extraMs: step.extraMs });
      return;
    case 'lossyLink':
      t.input({ type: 'lossyLink', from: step.from, to: step.to, lossRate: step.lossRate });
      return;
    default:
      t.input({ type: step.op, node: step.node });
  }
}

/** Steps until an event matching `found` appears (or nothing is left to do); returns it. */
function stepUntil(t: Timeline, found: (e: TraceEvent) => boolean, hasRoom: () => boolean): TraceEvent | undefined {
  for (let i = t.trace.length - 1; i >= 0 && i >= t.trace.length - 50; i--) if (found(t.trace[i]!)) return t.trace[i];
  for (let n = 0; n < MAX_STEPS && hasRoom(); n++) {
    const from = t.trace.length;
    if (!t.stepForward()) return undefined;
    for (let i = from; i < t.trace.length; i++) if (found(t.trace[i]!)) return t.trace[i];
  }
  return undefined;
}
