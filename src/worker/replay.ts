/**
 * Replaying an untrusted session (a link, a saved file) within bounds. A session's actions
 * are checked for shape and count before this (restoreSession), but not for what they
 * cost: one gossip round on 512 nodes records 512 messages, so a link of a million of them
 * would record half a billion events and take the tab down. The page and `npm run sim`
 * replay through here, so both refuse such a session at the same action, in words that
 * name it.
 */
import { InputError, type Input } from '../engine/index';
import type { SessionAction } from './protocol';
import type { Timeline } from './timeline';

/**
 * The most trace events a session on the page records. Each costs about 400 bytes on the
 * page and as much in the worker (checkpoints included), so a million is some 800 MB: the busy
 * MD5 ring at 1,000 ops/s fills it in a little over a minute of real-time play, the
 * teaching ring in hours. Past it, the page would run out of memory and lose the class's
 * session; instead, playing stops and a new action at the end is refused with a reason.
 * Going back and acting from there (which drops what came after) or Undo frees room.
 */
export const MAX_RECORDED_EVENTS = 1_000_000;

/**
 * Joins and leaves a session may make: each costs work in proportion to the ring's tokens (the
 * ranges that change holder) and records few events, so the bounds on events do not see them.
 * A crafted link of 21,000 joins and leaves on a ring of 65,536 tokens would have kept the
 * worker busy for hours. At most this many, and at most RING_WORK tokens times their count.
 */
export const MAX_MEMBERSHIP_CHANGES = 2_000;
export const RING_WORK = 2_000_000;

/**
 * Why the `count`-th join or leave of a session (counting this one) may not be made on a ring
 * of `tokens` tokens, or null. The page asks before recording one and the replay before each,
 * from the same state, so a session the page saved always replays. `npm run sim` asks it of a
 * scenario file's steps too (`who`: "a scenario"), before running any.
 */
export function membershipChangeProblem(count: number, tokens: number, ringWork = RING_WORK, who = 'a session'): string | null {
  if (count > MAX_MEMBERSHIP_CHANGES) return `${who} may join or remove nodes at most ${MAX_MEMBERSHIP_CHANGES.toLocaleString('en-US')} times`;
  if (count * tokens > ringWork) return `on a ring of ${tokens.toLocaleString('en-US')} tokens ${who} may join or remove nodes at most ${Math.floor(ringWork / tokens).toLocaleString('en-US')} times (each moves ranges all round the ring), and this would be number ${count.toLocaleString('en-US')}`;
  return null;
}

/** Engine steps replayed between two checks of the bounds. */
const STEPS_PER_CHECK = 64;

export interface ReplayLimits {
  /**
   * Trace events recorded before an action is refused: the page's own rule while recording
   * (it refuses to act once the trace holds this many), so every session the page saved replays.
   */
  readonly traceEvents: number;
  /** Engine events the replay may process (`npm run sim`'s bound), if any. */
  readonly engineEvents?: number;
  /** Joins and leaves times the ring's tokens (RING_WORK unless given; see membershipChangeProblem). */
  readonly ringWork?: number;
}

/** Why a replay stopped: `actions[index]`, and the engine's field when it refused the input. */
export class ReplayRefused extends Error {
  constructor(
    readonly index: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Where the timeline stood once an action was replayed: its trace's length (so an event can be
 * traced back to the action that recorded it), its count of actions and its clock (so what an
 * action made, and the clock it found, can be told without replaying it again).
 */
export interface Replayed {
  readonly traceEnd: number;
  readonly actions: number;
  readonly nowMs: number;
}

/**
 * Replays `actions` from the timeline's end; throws `ReplayRefused` naming the first action
 * past a bound or refused by the engine. Returns where the timeline stood after each action.
 */
export function replayWithin(t: Timeline, actions: readonly SessionAction[], limits: ReplayLimits): Replayed[] {
  let changes = 0;
  const ends: Replayed[] = [];
  actions.forEach((action, i) => {
    if ('input' in action && isMembershipChange(action.input)) {
      const problem = membershipChangeProblem(++changes, t.current.ring.tokens.length, limits.ringWork);
      if (problem !== null) throw new ReplayRefused(i, problem, 'type');
    }
    // A run of steps is replayed a few at a time, so a session cannot pass a bound by much
    // before it is stopped (each step is one action of its own either way).
    for (const chunk of chunksOf(action)) {
      if (t.trace.length >= limits.traceEvents) {
        throw new ReplayRefused(i, `by this action the session had recorded ${t.trace.length.toLocaleString('en-US')} events, and at most ${limits.traceEvents.toLocaleString('en-US')} can be kept (the page refuses to record more)`);
      }
      try {
        t.replayActions([chunk]);
      } catch (e) {
        if (e instanceof InputError) throw new ReplayRefused(i, e.message, e.field);
        throw e;
      }
      const cluster = t.current;
      if (limits.engineEvents !== undefined && cluster.eventsProcessed > limits.engineEvents) {
        throw new ReplayRefused(i, `the session passed ${limits.engineEvents.toLocaleString('en-US')} engine events (at ${Math.round(cluster.nowMs * 10_000) / 10_000} ms of virtual time), the most one replay may take`);
      }
    }
    ends.push({ traceEnd: t.trace.length, actions: t.length, nowMs: t.current.nowMs });
  });
  return ends;
}

function chunksOf(action: SessionAction): SessionAction[] {
  if (!('steps' in action)) return [action];
  return Array.from({ length: Math.ceil(action.steps / STEPS_PER_CHECK) }, (_, c) => ({ steps: Math.min(STEPS_PER_CHECK, action.steps - c * STEPS_PER_CHECK) }));
}

/** A join or a leave: the inputs whose cost grows with the ring. */
export function isMembershipChange(input: Input): boolean {
  return input.type === 'addNode' || input.type === 'removeNode';
}
