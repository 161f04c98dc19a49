/**
 * Runs a saved session headless (`npm run sim -- session.json`): the file "Save scenario"
 * writes in the page. The same seed and actions give the same events as in the page;
 * the output describes the cluster at the session's cursor (what the viewer saw), in the
 * same shape as a scenario's `final` and `trace`.
 */
import { InputError, describe } from '../engine/index';
import { Timeline } from '../worker/timeline';
import type { Session } from '../worker/protocol';
import { finalState, MAX_EVENTS, type ScenarioOutput } from '../scenario/runner';
import { ScenarioError } from '../scenario/validate';

/** Engine steps replayed between two checks of the bounds. */
const STEPS_PER_CHECK = 64;

export interface SessionOutput {
  readonly title?: string;
  /** Actions recorded, and how many were applied at the viewer's position. */
  readonly session: { readonly actions: number; readonly cursor: number };
  readonly final: ScenarioOutput['final'];
  readonly trace?: ScenarioOutput['trace'];
}

/** Replays the session; throws a `ScenarioError` naming the action the engine refuses. */
export function runSession(session: Session, options: { readonly withTrace?: boolean; readonly maxEvents?: number } = {}): SessionOutput {
  let t: Timeline;
  try {
    t = Timeline.create(session.config, session.seed);
  } catch (e) {
    // restoreSession refuses every configuration the engine does; this is its last word.
    throw new ScenarioError(e instanceof InputError ? `config.${e.field}` : 'config', (e as Error).message);
  }
  const maxEvents = options.maxEvents ?? MAX_EVENTS;
  session.actions.forEach((action, i) => {
    try {
      // A run of steps is replayed a few at a time, so a session cannot pass the bound by
      // much before it is stopped (each step is one action of its own either way).
      const chunks = 'steps' in action ? Array.from({ length: Math.ceil(action.steps / STEPS_PER_CHECK) }, (_, c) => ({ steps: Math.min(STEPS_PER_CHECK, action.steps - c * STEPS_PER_CHECK) })) : [action];
      for (const chunk of chunks) {
        t.replayActions([chunk]);
        const cluster = t.current;
        if (cluster.eventsProcessed > maxEvents) {
          throw new ScenarioError(`actions[${i}]`, `the session passed ${maxEvents.toLocaleString('en-US')} engine events (at ${Math.round(cluster.nowMs * 10_000) / 10_000} ms of virtual time), the most one replay may take`);
        }
      }
    } catch (e) {
      if (e instanceof InputError) throw new ScenarioError(`actions[${i}].input.${e.field}`, e.message);
      throw e;
    }
  });
  if (session.cursor !== undefined) t.seek(session.cursor);
  const cluster = t.current;
  const events = t.trace.slice(0, t.traceLengthAtCursor);
  return {
    ...(session.title !== undefined ? { title: session.title } : {}),
    session: { actions: t.length, cursor: t.cursor },
    final: finalState(cluster),
    ...(options.withTrace ? { trace: events.map((e) => ({ seq: e.seq, atMs: e.atMs, node: e.node, kind: e.kind, text: describe(e) })) } : {}),
  };
}
