/**
 * Runs a saved session headless (`npm run sim -- session.json`): the file "Save scenario"
 * writes in the page. The same seed and actions give the same events as in the page;
 * the output describes the cluster at the session's cursor (what the viewer saw), in the
 * same shape as a scenario's `final` and `trace`.
 */
import { InputError, describe } from '../engine/index';
import { Timeline } from '../worker/timeline';
import { MAX_RECORDED_EVENTS, replayWithin, ReplayRefused } from '../worker/replay';
import type { Session } from '../worker/protocol';
import { finalState, MAX_EVENTS, type ScenarioOutput } from '../scenario/runner';
import { ScenarioError } from '../scenario/validate';

export interface SessionOutput {
  readonly title?: string;
  /** Actions recorded, and how many were applied at the viewer's position. */
  readonly session: { readonly actions: number; readonly cursor: number };
  readonly final: ScenarioOutput['final'];
  readonly trace?: ScenarioOutput['trace'];
}

/**
 * Replays the session; throws a `ScenarioError` naming the action the engine refuses, or the
 * first past a bound: `maxEvents` engine events (as a scenario's run), `maxRecorded` trace
 * events (as the page records at most).
 */
export function runSession(session: Session, options: { readonly withTrace?: boolean; readonly maxEvents?: number; readonly maxRecorded?: number } = {}): SessionOutput {
  let t: Timeline;
  try {
    t = Timeline.create(session.config, session.seed);
  } catch (e) {
    // restoreSession refuses every configuration the engine does; this is its last word.
    throw new ScenarioError(e instanceof InputError ? `config.${e.field}` : 'config', (e as Error).message);
  }
  try {
    replayWithin(t, session.actions, { traceEvents: options.maxRecorded ?? MAX_RECORDED_EVENTS, engineEvents: options.maxEvents ?? MAX_EVENTS });
  } catch (e) {
    if (e instanceof ReplayRefused) throw new ScenarioError(e.field === undefined ? `actions[${e.index}]` : `actions[${e.index}].input.${e.field}`, e.message);
    throw e;
  }
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
