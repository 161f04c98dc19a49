/**
 * The worker's state: one timeline, the selected key, and how much of the trace the page
 * already has. Turns commands into replies; plain TypeScript, tested without a worker.
 */
import { InputError, clusterView, keyPositions, keySet, keyView } from '../engine/index';
import type { Input, TraceEvent } from '../engine/index';
import { Timeline } from './timeline';
import { recordScenarioSteps } from './record-scenario';
import { replayInputsOn } from './replay-on';
import { isMembershipChange, MAX_RECORDED_EVENTS, membershipChangeProblem, replayWithin, ReplayRefused, RING_WORK } from './replay';
import { ScenarioError, parseScenarioText } from '../scenario/validate';
import { MAX_EVENTS } from '../scenario/runner';
import type { Scenario } from '../scenario/schema';
import { loadLecture } from '../lectures/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from './default-config';
import type { Command, Frame, Reply, Session } from './protocol';
import { merkleReply } from './merkle-query';
import { undoLabel } from './undo-label';
import { lectureChecks, scenarioChecks } from './file-checks';
import { eventClass, type EventClass } from '../engine/index';

export class SessionHost {
  /**
   * `maxEvents`: trace events a session may record (MAX_RECORDED_EVENTS); `scenarioEvents`:
   * engine events a scenario file may take to record, as in `npm run sim` (MAX_EVENTS);
   * `ringWork`: joins and leaves times the ring's tokens a session may make (RING_WORK).
   */
  constructor(
    private readonly maxEvents = MAX_RECORDED_EVENTS,
    private readonly scenarioEvents = MAX_EVENTS,
    private readonly ringWork = RING_WORK,
  ) {}

  private timeline = Timeline.create(DEFAULT_CONFIG, DEFAULT_SEED);
  private selectedKey: string | null = null;
  /** The preference list's length the panels show, when a lecture step asks for another than N; a new session forgets it. */
  private selectedN: number | undefined = undefined;
  /** Trace events the page holds. */
  private sent = 0;
  /** The keys the page last had (`keys` of a frame), to send again only when they change. */
  private sentKeys: ReadonlySet<string> | null = null;

  handle(command: Command): Reply {
    try {
      return this.dispatch(command);
    } catch (error) {
      const field = error instanceof InputError ? error.field : undefined;
      return { type: 'error', id: command.id, message: error instanceof Error ? error.message : String(error), ...(field ? { field } : {}) };
    }
  }

  private dispatch(command: Command): Reply {
    const t = this.timeline;
    switch (command.type) {
      case 'merkle':
        return merkleReply(t, command);
      case 'checkFile':
        return { type: 'checkFile', id: command.id, checks: 'lecture' in command.file ? lectureChecks(command.file.lecture) : scenarioChecks(command.file.scenario) };
      case 'session':
        return { type: 'session', id: command.id, session: { seed: t.seed, config: t.config, actions: t.compactActions(), cursor: t.cursor } };
      case 'loadScenario':
        return this.loadScenario(command.id, command.text);
      case 'loadLecture': {
        if (command.scenario) return this.loadRecorded(command.id, command.scenario);
        const lecture = loadLecture(command.lectureId);
        const part = lecture.parts[command.part];
        if (!part) return { type: 'error', id: command.id, message: `lecture "${command.lectureId}" has no part ${command.part + 1}` };
        return this.loadRecorded(command.id, part.scenario);
      }
      case 'load':
        this.load(command.session ?? { seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [] });
        return this.frame(command.id, 0);
      case 'replayInputsOn':
        // Built whole before it replaces the session: a refusal leaves the session as it was.
        this.started(replayInputsOn(t, command.config, this.maxEvents));
        return this.frame(command.id, 0);
      case 'input': {
        this.checkRoom(t.traceLengthAtCursor);
        this.checkMembershipChange(command.input);
        const keep = t.input(command.input);
        return this.frame(command.id, keep);
      }
      case 'stepForward': {
        if (t.cursor === t.length) this.checkRoom(t.trace.length);
        if (command.untilExchange !== undefined) {
          t.stepForwardTo(isMilestoneOf(command.untilExchange), MAX_STEPS_TO_MILESTONE, this.maxEvents);
          break;
        }
        const isShown = shownBy(command.hidden);
        for (let i = 0; i < (command.count ?? 1) && (t.cursor < t.length || t.trace.length < this.maxEvents); i++) if (!(isShown ? t.stepForwardTo(isShown, undefined, this.maxEvents) : t.stepForward())) break;
        break;
      }
      case 'stepBack': {
        const isShown = shownBy(command.hidden);
        if (isShown) t.stepBackTo(isShown);
        else t.stepBack();
        break;
      }
      case 'undo': {
        const keep = t.undo();
        if (keep === null) return { type: 'error', id: command.id, message: 'There is nothing to undo at this point.' };
        return this.frame(command.id, keep);
      }
      case 'seek':
        t.seek(command.cursor);
        break;
      case 'seekToEvent':
        t.seekToEvent(command.seq);
        break;
      case 'advanceTo':
        return this.advanceTo(command);
      case 'select':
        this.selectedKey = command.key;
        this.selectedN = command.n;
        break;
    }
    return this.frame(command.id, this.sent);
  }

  /**
   * Playback's request: the clock moved on to `timeMs`, with the background clients' inputs
   * each made at its own virtual time on the way (not when the frame asked), so frames of
   * any length give the same run.
   */
  private advanceTo(command: Extract<Command, { type: 'advanceTo' }>): Frame {
    const t = this.timeline;
    if (t.cursor === t.length || (command.inputs?.length ?? 0) > 0) this.checkRoom(t.traceLengthAtCursor);
    let keep = this.sent;
    for (const { atMs, input } of command.inputs ?? []) {
      // Playing stops when the recording is full; a background input made past that point
      // would be an action no replay of the saved session could take (replayWithin).
      if (t.traceLengthAtCursor >= this.maxEvents) break;
      t.advanceTo(atMs, undefined, this.maxEvents);
      if (t.traceLengthAtCursor >= this.maxEvents) break; // the clients' steps on the way filled it
      keep = Math.min(keep, t.input(input, true));
    }
    // Playing a lecture step stops at its end (`untilCursor`), wherever the clock has got to.
    const actions = command.untilCursor === undefined ? undefined : Math.max(0, command.untilCursor - t.cursor);
    t.advanceTo(command.timeMs, actions, this.maxEvents);
    return this.frame(command.id, keep);
  }

  /** What the session holds, for the benchmark: trace events and checkpoints. */
  stats(): { readonly traceLength: number; readonly checkpoints: number } {
    return { traceLength: this.timeline.trace.length, checkpoints: this.timeline.checkpointCount };
  }

  /** Refuses to record more once the trace kept at this point is full (MAX_RECORDED_EVENTS). */
  private checkRoom(events: number): void {
    if (events < this.maxEvents) return;
    const most = this.maxEvents.toLocaleString('en');
    throw new InputError(`The recording is full: ${most} events, the most this page keeps. Go back to before event ${most} and act from there (what came after is dropped), or Reset.`, 'recording');
  }

  /** Refuses a join or leave past the session's share (`membershipChangeProblem`), counted as a replay of the session would count it. */
  private checkMembershipChange(input: Input): void {
    if (!isMembershipChange(input)) return;
    const t = this.timeline;
    const before = t.recordedActions.slice(0, t.cursor).filter((a) => a.kind === 'input' && isMembershipChange(a.input)).length;
    const problem = membershipChangeProblem(before + 1, t.current.ring.tokens.length, this.ringWork);
    if (problem !== null) throw new InputError(`Not recorded: ${problem}. A saved session or link must open again within that.`, 'type');
  }

  /** Opens a scenario file's text, or says why not: the validator's words, or the runner's for a run it would refuse. */
  private loadScenario(id: number, text: string): Reply {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) return { type: 'error', id, message: `This scenario cannot be opened: ${parsed.error.message}` };
    try {
      return this.loadRecorded(id, parsed.scenario);
    } catch (error) {
      if (error instanceof ScenarioError) return { type: 'error', id, message: error.message }; // the page says which file
      throw error;
    }
  }

  /** Records a scenario as the new session and rewinds to its start. */
  private loadRecorded(id: number, scenario: Scenario): Frame {
    const { timeline, stepEnds, stepTraceEnds } = recordScenarioSteps(scenario, this.scenarioEvents);
    timeline.seek(0);
    this.started(timeline);
    return { ...this.frame(id, 0), stepEnds, stepTraceEnds };
  }

  /** Replays a session's actions; the same seed and actions give the same events. */
  private load(session: Session): void {
    const timeline = Timeline.create(session.config, session.seed);
    // A refused action names its place, as the headless runner does (`actions[2]: no node named "Z"…`).
    try {
      replayWithin(timeline, session.actions, { traceEvents: this.maxEvents, ringWork: this.ringWork });
    } catch (e) {
      if (e instanceof ReplayRefused) throw new InputError(`actions[${e.index}]: ${e.message}`, e.field ?? 'actions');
      throw e;
    }
    if (session.cursor !== undefined) timeline.seek(session.cursor);
    this.started(timeline);
  }

  /** `timeline` is the session from now on: the page is sent it whole. */
  private started(timeline: Timeline): void {
    this.timeline = timeline;
    this.selectedN = undefined;
    this.sent = 0;
    this.sentKeys = null;
  }

  private frame(id: number, keepFrom: number): Frame {
    const t = this.timeline;
    const cluster = t.current;
    // Never past the trace's end: whatever cut the trace, the page then drops what the worker no longer has.
    const from = Math.min(keepFrom, this.sent, t.trace.length);
    const events = t.trace.slice(from);
    this.sent = t.trace.length;
    const keys = keySet(cluster);
    const view = clusterView(cluster, keys);
    // The set, not its size: a jump that loses one key (its holders' disks destroyed) and gains another kept the ring's old key.
    const keysChanged = this.sentKeys === null || !sameKeys(this.sentKeys, keys);
    if (keysChanged) this.sentKeys = keys;
    return {
      type: 'frame',
      id,
      cursor: t.cursor,
      length: t.length,
      traceLengthAtCursor: t.traceLengthAtCursor,
      nowMs: cluster.nowMs,
      nextEventMs: t.nextEventTime() ?? null,
      undoable: undoLabel(t.lastInput()),
      ownInputs: t.ownInputsAtCursor,
      revision: t.revision,
      view,
      keyView: this.selectedKey === null ? null : keyView(cluster, this.selectedKey, this.selectedN),
      keys: keysChanged ? keyPositions(cluster) : null,
      trace: { from, events },
    };
  }
}

/** An anti-entropy exchange's milestones: a level compared, or its end. */
function isMilestoneOf(exchangeId: number): (e: TraceEvent) => boolean {
  return (e) => (e.kind === 'ae-level' || e.kind === 'ae-done') && e.exchangeId === exchangeId;
}

/** How far "Compare next level" runs the engine looking for the exchange's next milestone. */
const MAX_STEPS_TO_MILESTONE = 2000;

/** Which events the log shows when `hidden` kinds are filtered out; null when none are. */
function shownBy(hidden: readonly EventClass[] | undefined): ((e: TraceEvent) => boolean) | null {
  if (!hidden || hidden.length === 0) return null;
  const set = new Set(hidden);
  return (e) => !set.has(eventClass(e));
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const key of b) if (!a.has(key)) return false;
  return true;
}
