/**
 * The lecturer's inputs made again on other settings (a change of N, R or W in the header):
 * each at the virtual time it was made, not after as many engine steps (with W=1 a put
 * answers sooner, and an input counted in steps would land in the middle of other messages).
 */
import { InputError, type ClusterConfig } from '../engine/index';
import { Timeline } from './timeline';
import { undoLabel } from './undo-label';

/**
 * A new timeline on `config` with `from`'s inputs made again at the times they were made,
 * and its cursor at the same moment as `from`'s, never past an input `from`'s cursor had not
 * reached (one made in that very moment included). `maxEvents`: the page's bound on recorded
 * events. A refusal (the bound, or the engine refusing an input) is an InputError naming it.
 */
export function replayInputsOn(from: Timeline, config: ClusterConfig, maxEvents = Infinity): Timeline {
  const t = Timeline.create(config, from.seed);
  const runTo = (ms: number) => {
    while (t.current.nowMs < ms && t.trace.length < maxEvents && t.advanceTo(ms, 10_000, maxEvents) === 10_000);
  };
  const checkRoom = () => {
    if (t.trace.length >= maxEvents) throw new InputError(`with these settings the run would pass the ${maxEvents.toLocaleString('en')} events a session may record`, 'actions');
  };
  // Where the cursor falls, in time; the new one is set before the first input it had not reached.
  const cursorMs = from.timeAfter(from.cursor - 1);
  let cursor: number | null = null;
  from.recordedActions.forEach((a, i) => {
    if (a.kind !== 'input') return;
    const atMs = from.timeAfter(i - 1);
    runTo(atMs);
    checkRoom();
    // The first input the cursor had not reached: the new cursor stands before it.
    if (i >= from.cursor && cursor === null) cursor = cursorBefore(t, cursorMs);
    try {
      t.input(a.input, a.isBackground === true);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${undoLabel(a.input) ?? 'an action'} at ${atMs} ms: ${e.message}`, e.field);
      throw e;
    }
  });
  runTo(from.timeAfter(from.length - 1));
  checkRoom();
  if (from.cursor < from.length) t.seek(cursor ?? cursorBefore(t, cursorMs));
  return t;
}

/** The last action of `t` so far whose time is at or before `ms`. */
function cursorBefore(t: Timeline, ms: number): number {
  let cursor = t.length;
  while (cursor > 0 && t.timeAfter(cursor - 1) > ms) cursor--;
  return cursor;
}
