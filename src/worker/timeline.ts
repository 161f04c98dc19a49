/**
 * Time travel: the recorded session, with checkpoints, seek and fork (DESIGN §3).
 *
 * A session is a seed, a configuration and a list of *actions*: user inputs and engine
 * steps, in the order they happened. The trace is what those actions produced. The
 * timeline keeps a cluster at the *cursor* (how many actions are applied); stepping back
 * restores the nearest earlier checkpoint and replays, which gives exactly the same events
 * because the engine is deterministic. An input while viewing the past forks: the actions
 * after the cursor are dropped and the input recorded in their place.
 */
import { Cluster, restore, snapshot, type ClusterConfig, type ClusterSnapshot, type Input, type TraceEvent } from '../engine/index';
import type { SessionAction } from './protocol';

/**
 * What a session is made of: a user input, one engine step, or the clock moving on to a
 * later virtual time with nothing happening on the way (playback time passing).
 */
export type Action = { readonly kind: 'input'; readonly input: Input; readonly isBackground?: boolean } | { readonly kind: 'step' } | { readonly kind: 'clock'; readonly toMs: number };

/**
 * Checkpoints are spaced by cost. A snapshot copies the whole cluster state, so one every
 * few actions would cost a busy cluster far more than the replays it saves: the MD5 ring
 * with 2,000 keys under background clients records about 5,000 actions a second, and a
 * snapshot holds some 7,000 entries (1.5 MB). So a checkpoint needs both at least
 * CHECKPOINT_EVERY actions since the last one and at least as many trace events since then
 * as the state it copies has entries: a seek replays at most that much, and the
 * checkpoints together never hold much more than the trace does. A small teaching ring's
 * state is a few dozen entries, so there it is every 64 actions.
 */
const CHECKPOINT_EVERY = 64;

/** At most this many steps are passed over in one Step forward or back that skips hidden events. */
const MAX_PASSED_OVER = 500;

export class Timeline {
  private readonly actions: Action[] = [];
  /** Trace length after each action: `ends[i]` events exist once action i is applied. */
  private readonly ends: number[] = [];
  /** Virtual time after each action (`replayInputsOn` makes the inputs again at these moments). */
  private readonly times: number[] = [];
  /** Checkpoints, in order of the action count they were taken at. */
  private readonly checkpoints: Checkpoint[] = [];
  /** The action index of every lecturer's (non-background) input, in order. */
  private readonly ownInputs: number[] = [];
  private readonly events: TraceEvent[] = [];
  private cluster: Cluster;
  private at = 0;
  private rewrites = 0;

  private constructor(
    readonly seed: number,
    readonly config: ClusterConfig,
  ) {
    this.cluster = Cluster.create(config, seed);
    this.takeCheckpoint();
  }

  static create(config: ClusterConfig, seed: number): Timeline {
    return new Timeline(seed, config);
  }

  /** Actions applied at the cursor. */
  get cursor(): number {
    return this.at;
  }

  /**
   * How many times recorded actions were dropped or rewritten (an input or Undo in the
   * past, a clock move folded into the last one). While it is unchanged, every cursor still
   * shows what it showed: a lecture's step ends hold.
   */
  get revision(): number {
    return this.rewrites;
  }

  /** Actions recorded in all. */
  get length(): number {
    return this.actions.length;
  }

  /** The cluster as it is at the cursor (read it; change it only through the timeline). */
  get current(): Cluster {
    return this.cluster;
  }

  /** Every recorded event, up to the end of the recording (events past the cursor included). */
  get trace(): readonly TraceEvent[] {
    return this.events;
  }

  /** How many events exist at the cursor. */
  get traceLengthAtCursor(): number {
    return this.at === 0 ? 0 : this.ends[this.at - 1]!;
  }

  /** The user inputs recorded, in order: with the seed and config, the whole session. */
  get inputs(): readonly Input[] {
    return this.actions.flatMap((a) => (a.kind === 'input' ? [a.input] : []));
  }

  get recordedActions(): readonly Action[] {
    return this.actions;
  }

  /** The actions with runs of steps folded: `[{input}, {steps: 12}, {input}, …]`. */
  compactActions(): SessionAction[] {
    const out: ({ input: Input; background?: true } | { steps: number } | { clockMs: number })[] = [];
    for (const a of this.actions) {
      const last = out[out.length - 1];
      if (a.kind === 'input') out.push(a.isBackground ? { input: a.input, background: true } : { input: a.input });
      else if (a.kind === 'clock') out.push({ clockMs: a.toMs });
      else if (last && 'steps' in last) last.steps++;
      else out.push({ steps: 1 });
    }
    return out;
  }

  /** The virtual time after action `i` (0 before any). */
  timeAfter(i: number): number {
    return i < 0 ? 0 : (this.times[i] ?? this.times.at(-1) ?? 0);
  }

  /** Replays compacted actions (a session's) from the current end. */
  replayActions(actions: readonly SessionAction[]): void {
    for (const action of actions) {
      if ('input' in action) this.input(action.input, action.background === true);
      else if ('clockMs' in action) this.clockReplayed(action.clockMs);
      else for (let i = 0; i < action.steps; i++) this.stepForward();
    }
  }

  /**
   * A recorded move of the clock, made again: with events due before `toMs`, the page made it
   * as a step stopped there (`stepForward(untilMs)`, whose events recorded nothing), and it is
   * made as one again, to the same action (a hand-written one whose event records something
   * becomes that step, as docs/scenario-format.md says); otherwise a plain move (which does
   * nothing when `toMs` is not later than the clock).
   */
  private clockReplayed(toMs: number): void {
    const next = this.nextEventTime();
    if (this.at === this.actions.length && next !== undefined && next <= toMs) this.stepForward(toMs);
    else this.moveClock(toMs);
  }

  /**
   * Moves virtual time on to `toMs` when nothing is due before it (inputs made after a
   * pause in playback happen at that later time). Consecutive moves fold into one action.
   */
  moveClock(toMs: number): void {
    const next = this.nextEventTime();
    if (toMs <= this.cluster.nowMs || (next !== undefined && next <= toMs)) return;
    this.truncateAtCursor();
    const last = this.actions[this.actions.length - 1];
    if (last?.kind === 'clock' && this.at === this.actions.length && this.checkpoints.at(-1)!.at !== this.at) {
      this.rewrites++;
      this.actions.pop();
      this.ends.pop();
      this.times.pop();
      this.at--;
    }
    this.perform({ kind: 'clock', toMs });
  }

  /**
   * Applies an input at the cursor. In the past, this forks: later actions are dropped.
   * Returns the number of events kept before the new ones (the trace is cut there).
   * `isBackground`: the background clients' input (or a preset's preloaded key), which
   * Undo passes over to reach the lecturer's own last click.
   */
  input(input: Input, isBackground = false): number {
    // Applied before the cut: an input the engine refuses throws here and leaves the recording after the cursor whole.
    // The cut changes only what the timeline keeps, not the cluster at the cursor, so applying it first is the same run.
    this.cluster.apply(input);
    const keep = this.truncateAtCursor();
    this.perform(isBackground ? { kind: 'input', input, isBackground } : { kind: 'input', input }, true);
    return keep;
  }

  /** Where the lecturer's last input at or before the cursor is, or -1. */
  private lastOwnInput(): number {
    const k = lastAtOrBefore(this.ownInputs, (i) => i, this.at - 1);
    return k < 0 ? -1 : this.ownInputs[k]!;
  }

  /** How many checkpoints the timeline holds (for tests and measurements). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** How many of the lecturer's own inputs stand at or before the cursor (what Undo can take back, one by one). */
  get ownInputsAtCursor(): number {
    return lastAtOrBefore(this.ownInputs, (i) => i, this.at - 1) + 1;
  }

  /** The lecturer's last input at or before the cursor: what Undo would take back, or null. */
  lastInput(): Input | null {
    const i = this.lastOwnInput();
    return i < 0 ? null : (this.actions[i] as Extract<Action, { kind: 'input' }>).input;
  }

  /**
   * Undo: goes back to just before the lecturer's last input at or before the cursor and
   * forgets it and everything recorded after it, the background clients' inputs included.
   * Returns the events kept, or null with nothing to undo.
   */
  undo(): number | null {
    const i = this.lastOwnInput();
    if (i < 0) return null;
    this.seek(i);
    return this.truncateAtCursor();
  }

  /** One step forward: replays the next recorded action, or computes a new step at the end. */
  stepForward(untilMs?: number): boolean {
    if (this.at < this.actions.length) {
      this.replay(this.actions[this.at]!);
      return true;
    }
    const processed = this.cluster.eventsProcessed;
    const stepped = this.cluster.step(untilMs);
    if (this.cluster.eventsProcessed === processed) return false;
    // Stopped at `untilMs` having recorded nothing: it ran exactly the events up to then, which is what a move of the
    // clock to `untilMs` runs, and is recorded as one (a plain step, replayed, would run on past it as it once did here).
    const isClock = untilMs !== undefined && stepped.length === 0 && (this.cluster.peekLive()?.atMs ?? Infinity) > untilMs;
    this.perform(isClock ? { kind: 'clock', toMs: untilMs } : { kind: 'step' }, true); // even a silent step changed the state: record it
    return true;
  }

  stepBack(): boolean {
    if (this.at === 0) return false;
    this.seek(this.at - 1);
    return true;
  }

  /**
   * Steps forward until a step records an event `isShown` accepts, so a step over events the
   * log hides (background gossip) is not a click that shows nothing. When none comes within
   * `maxActions` steps, the cursor stays where it was and the answer is false; steps this
   * call computed beyond the recording are not kept, so the recording still ends where it
   * did (the page would otherwise count them as events ahead, as if the lecturer had gone back).
   */
  stepForwardTo(isShown: (e: TraceEvent) => boolean, maxActions = MAX_PASSED_OVER, maxEvents = Infinity): boolean {
    const start = this.at;
    const recorded = this.actions.length;
    // At the end of the recording a step records: not once `maxEvents` are kept (the page's bound).
    for (let i = 0; i < maxActions && (this.at < this.actions.length || this.events.length < maxEvents) && this.stepForward(); i++) {
      if (this.actionEvents(this.at - 1).some(isShown)) return true;
    }
    this.seek(start);
    if (this.actions.length > recorded) this.cutAt(recorded); // no cursor showed them: not a rewrite
    return false;
  }

  /**
   * Steps back to the stop before the cursor: where `stepForwardTo` stops, just after an
   * action whose events `isShown` accepts (or the start). At a stop, that takes back the log's
   * current event, to just after the shown action before it; so the current event changes,
   * the clock reads that event's time, and Step back then Step forward come back to the same
   * place. Played on past the current event, into hidden events (3 s of gossip after a failed
   * put), it comes back to the current event's own moment first: taking the event back too
   * skipped it, and the failed put vanished from the screen with one click.
   */
  stepBackTo(isShown: (e: TraceEvent) => boolean, maxActions = MAX_PASSED_OVER): boolean {
    if (this.at === 0) return false;
    let target = this.at - 1;
    for (let passed = 0; target > 0 && passed < maxActions && !this.actionEvents(target - 1).some(isShown); passed++) target--;
    this.seek(target);
    return true;
  }

  /** The events action `i` produced. */
  private actionEvents(i: number): readonly TraceEvent[] {
    return this.events.slice(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** Moves the cursor to `target` actions applied (clamped to what was recorded). */
  seek(target: number): void {
    const goal = Math.max(0, Math.min(this.actions.length, Math.floor(target)));
    if (goal !== this.at) {
      const from = this.checkpoints[lastAtOrBefore(this.checkpoints, (c) => c.at, goal)]!;
      if (from.at > this.at || goal < this.at) {
        this.cluster = restore(from.snapshot);
        this.at = from.at;
      }
    }
    while (this.at < goal) this.replay(this.actions[this.at]!);
  }

  /** Moves the cursor to the action that produced trace event `seq`. */
  seekToEvent(seq: number): void {
    const first = this.events[0]?.seq ?? 0;
    const index = seq - first;
    let action = 0;
    while (action < this.ends.length && this.ends[action]! <= index) action++;
    this.seek(action + 1);
  }

  /**
   * Runs forward until virtual time `timeMs` (bounded by `maxActions`, and at the end of
   * the recording by `maxEvents` recorded), then moves the clock there if the recording
   * ends before it; returns the actions taken.
   */
  advanceTo(timeMs: number, maxActions = 10_000, maxEvents = Infinity): number {
    let taken = 0;
    for (; taken < maxActions; taken++) {
      if (this.at === this.actions.length && this.events.length >= maxEvents) return taken;
      const next = this.nextEventTime();
      if (next === undefined || next > timeMs) break;
      // A step passes silent events on its way to one that records, but not past timeMs: it ran a scenario's wait
      // 6 ms past its end, and every step after it, unlike npm run sim.
      if (!this.stepForward(timeMs)) break;
    }
    if (taken < maxActions && this.at === this.actions.length) this.moveClock(timeMs);
    return taken;
  }

  /** When the next action's first event happens, or undefined when nothing is left. */
  nextEventTime(): number | undefined {
    if (this.at < this.actions.length) {
      const next = this.actions[this.at]!;
      return next.kind === 'clock' ? next.toMs : this.events[this.traceLengthAtCursor]?.atMs;
    }
    return this.cluster.peekLive()?.atMs;
  }

  /**
   * Records `action` at the end, running it first unless `isDone` (an input or a step its caller already ran, whose
   * events wait in the cluster's trace). A clock move always runs: after a step that ran its events, it sets the clock.
   */
  private perform(action: Action, isDone = false): void {
    if (action.kind === 'clock') this.cluster.runUntil(action.toMs);
    else if (!isDone && action.kind === 'input') this.cluster.apply(action.input);
    else if (!isDone) this.cluster.step();
    this.record(action);
  }

  /** Keeps `action`, just run, and the events it recorded. */
  private record(action: Action): void {
    for (const e of this.cluster.trace) this.events.push(e); // one by one: a long wait's 170,000 events overflow the stack as arguments
    this.cluster.trace.length = 0; // the timeline keeps the record; the cluster need not
    if (action.kind === 'input' && !action.isBackground) this.ownInputs.push(this.actions.length);
    this.actions.push(action);
    this.ends.push(this.events.length);
    this.times.push(this.cluster.nowMs);
    this.at++;
    const last = this.checkpoints.at(-1)!;
    if (this.at - last.at >= CHECKPOINT_EVERY && this.events.length - last.events >= last.size) this.takeCheckpoint();
  }

  /** A checkpoint at the cursor, which is the end of the recording. */
  private takeCheckpoint(): void {
    this.checkpoints.push({ at: this.at, events: this.events.length, size: stateSize(this.cluster), snapshot: snapshot(this.cluster) });
  }

  private replay(action: Action): void {
    if (action.kind === 'input') this.cluster.apply(action.input);
    else if (action.kind === 'clock') this.cluster.runUntil(action.toMs);
    else this.cluster.step();
    this.cluster.trace.length = 0;
    this.at++;
  }

  private truncateAtCursor(): number {
    if (this.actions.length > this.at) this.rewrites++;
    return this.cutAt(this.at);
  }

  /** Forgets every action after the first `count`, with their events and checkpoints; returns the events kept. */
  private cutAt(count: number): number {
    const keep = count === 0 ? 0 : this.ends[count - 1]!;
    this.actions.length = count;
    this.ends.length = count;
    this.times.length = count;
    this.events.length = keep;
    this.checkpoints.length = lastAtOrBefore(this.checkpoints, (c) => c.at, count) + 1;
    this.ownInputs.length = lastAtOrBefore(this.ownInputs, (i) => i, count - 1) + 1;
    return keep;
  }
}

interface Checkpoint {
  /** Actions applied when it was taken. */
  readonly at: number;
  /** Trace events recorded by then. */
  readonly events: number;
  /** Entries in the state it copies (see CHECKPOINT_EVERY). */
  readonly size: number;
  readonly snapshot: ClusterSnapshot;
}

/** Entries a snapshot copies: stored keys, hints, membership views, failure-detector times, queued events. */
function stateSize(cluster: Cluster): number {
  let size = cluster.queue.size + cluster.ops.size + cluster.versionCounts.size;
  for (const node of cluster.nodes.values()) size += node.store.size + node.hints.size + node.view.size + node.heardSeq.size;
  return size;
}

/** The index of the last item whose number is at most `limit`, in a list sorted by it; -1 if none. */
function lastAtOrBefore<T>(items: readonly T[], numberOf: (item: T) => number, limit: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (numberOf(items[mid]!) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
