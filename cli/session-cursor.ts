/**
 * A saved session's `cursor`, checked as the runner counts actions: against the actions its
 * replay made (the output's `session.actions`), not those the file writes. A `{"steps": k}`
 * makes only the steps that have an event to run, and a `{"clockMs": t}` none when the clock
 * is already there, so a cursor within the written count can still be past the end: the page
 * takes it as the end (restoreSession clamps), a checker refuses it saying which actions
 * made fewer than they asked for.
 */
import type { Session, SessionAction } from '../src/worker/protocol';
import type { Replayed } from '../src/worker/replay';

/** Reasons listed in the message; the rest are counted. */
const MAX_REASONS = 3;

/**
 * Why the session's cursor is past the actions its replay made, or null. `replayed`: where the
 * replay stood after each of the file's actions (`replayWithin`), which says what each made
 * without replaying the session again (a second replay of a busy session of 240,000 steps
 * took a third of the run).
 */
export function cursorPastEndProblem(session: Session, replayed: readonly Replayed[]): string | null {
  const { cursor } = session;
  const made = replayed.at(-1)?.actions ?? 0;
  if (cursor === undefined || cursor <= made) return null;
  const written = session.actions.reduce((sum, a) => sum + ('steps' in a ? a.steps : 1), 0);
  const end = `the cursor is at most the number of actions`;
  if (written === made) return `cursor: is ${count(cursor)}, but the session has ${actions(made)} (each engine step counted): ${end}`;
  const reasons = shortfalls(session.actions, replayed);
  const listed = reasons.slice(0, MAX_REASONS);
  if (reasons.length > MAX_REASONS) listed.push(`and ${count(reasons.length - MAX_REASONS)} more made fewer`);
  return `cursor: is ${count(cursor)}, but the session replays as ${actions(made)} (each engine step counted, as the output's session.actions), not the ${count(written)} written (${listed.join('; ')}): ${end} replayed`;
}

/** Each action that made fewer actions than it counts for in the file, and why. */
function shortfalls(actions: readonly SessionAction[], replayed: readonly Replayed[]): string[] {
  const reasons: string[] = [];
  actions.forEach((action, i) => {
    // Before the first action the timeline is empty, its clock at 0.
    const before = replayed[i - 1] ?? { actions: 0, nowMs: 0 };
    const reason = shortfall(action, replayed[i]!.actions - before.actions, before.nowMs);
    if (reason !== null) reasons.push(`actions[${i}] ${reason}`);
  });
  return reasons;
}

function shortfall(action: SessionAction, made: number, clockBefore: number): string | null {
  if ('steps' in action) {
    if (made === action.steps) return null;
    return `asked for ${actions(action.steps, 'engine step')} and ${made === 0 ? 'none' : `only ${count(made)}`} had an event to run`;
  }
  if (!('clockMs' in action) || made === 1) return null;
  // Not later than the clock: dropped. Later, with nothing due on the way: folded into the clock move just before it.
  return action.clockMs <= clockBefore ? `(clockMs ${action.clockMs}) moved nothing, the clock being at ${clockBefore} ms already` : `(clockMs ${action.clockMs}) joined the move of the clock just before it`;
}

function count(n: number): string {
  return n.toLocaleString('en');
}

function actions(n: number, noun = 'action'): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
