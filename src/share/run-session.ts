/**
 * Runs a saved session headless (`npm run sim -- session.json`): the file "Save scenario"
 * writes in the page. The same seed and actions give the same events as in the page;
 * the output describes the cluster at the session's cursor (what the viewer saw), in the
 * same shape as a scenario's `final` and `trace`.
 */
import { InputError, type TraceEvent } from '../engine/index';
import { Timeline } from '../worker/timeline';
import { MAX_RECORDED_EVENTS, replayWithin, ReplayRefused, type Replayed } from '../worker/replay';
import type { Session } from '../worker/protocol';
import { finalState, MAX_EVENTS, traceOut, type ScenarioOutput } from '../scenario/runner';
import { ScenarioError } from '../scenario/validate';
import { consistencyOut, repairsOut, type ConsistencyOut, type OpRef, type RepairsOut } from '../scenario/run-reports';

export interface SessionOutput {
  readonly title?: string;
  /** Actions recorded, and how many were applied at the viewer's position. */
  readonly session: { readonly actions: number; readonly cursor: number };
  readonly final: ScenarioOutput['final'];
  /** What the clients got, up to the cursor, each operation named by its action: present when a put or a get was made by then. */
  readonly consistency?: ConsistencyOut<'action'>;
  /** How replicas caught up, up to the cursor: present when one did. */
  readonly repairs?: RepairsOut<'action'>;
  readonly trace?: ScenarioOutput['trace'];
}

export interface SessionRunOptions {
  readonly withTrace?: boolean;
  readonly maxEvents?: number;
  readonly maxRecorded?: number;
}

/**
 * Replays the session; throws a `ScenarioError` naming the action the engine refuses, or the
 * first past a bound: `maxEvents` engine events (as a scenario's run), `maxRecorded` trace
 * events (as the page records at most).
 */
export function runSession(session: Session, options: SessionRunOptions = {}): SessionOutput {
  return replaySession(session, options).output;
}

/** `runSession`'s output, and where the replay stood after each of the file's actions (what each made: cli/session-cursor.ts). */
export function replaySession(session: Session, options: SessionRunOptions = {}): { readonly output: SessionOutput; readonly replayed: readonly Replayed[] } {
  let t: Timeline;
  try {
    t = Timeline.create(session.config, session.seed);
  } catch (e) {
    // restoreSession refuses every configuration the engine does; this is its last word.
    throw new ScenarioError(e instanceof InputError ? `config.${e.field}` : 'config', (e as Error).message);
  }
  let replayed: Replayed[];
  try {
    replayed = replayWithin(t, session.actions, { traceEvents: options.maxRecorded ?? MAX_RECORDED_EVENTS, engineEvents: options.maxEvents ?? MAX_EVENTS });
  } catch (e) {
    if (e instanceof ReplayRefused) throw new ScenarioError(e.field === undefined ? `actions[${e.index}]` : `actions[${e.index}].input.${e.field}`, e.message);
    throw e;
  }
  if (session.cursor !== undefined) t.seek(session.cursor);
  const cluster = t.current;
  const events = t.trace.slice(0, t.traceLengthAtCursor);
  const actionOfOp = actionsOfOps(events, replayed.map((r) => r.traceEnd));
  const refOf = (opId: number): OpRef<'action'> => ({ action: actionOfOp.get(opId) ?? -1 });
  const repairs = repairsOut(events, refOf);
  const output = {
    ...(session.title !== undefined ? { title: session.title } : {}),
    session: { actions: t.length, cursor: t.cursor },
    final: finalState(cluster),
    ...(actionOfOp.size > 0 ? { consistency: consistencyOut(events, refOf) } : {}),
    ...(repairs !== null ? { repairs } : {}),
    ...(options.withTrace ? { trace: traceOut(cluster, events) } : {}),
  };
  return { output, replayed };
}

/** Each client operation's op id, and the index in the file's `actions` of the action that started it (`ends`: the trace's length after each). */
function actionsOfOps(events: readonly TraceEvent[], ends: readonly number[]): Map<number, number> {
  const actionOf = new Map<number, number>();
  let action = 0;
  events.forEach((e, i) => {
    while (action < ends.length - 1 && ends[action]! <= i) action++;
    if (e.kind === 'op-start') actionOf.set(e.opId, action);
  });
  return actionOf;
}
