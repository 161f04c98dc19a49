/**
 * Replacing the session the worker runs: the header's settings loaded (made again with the
 * lecturer's own actions when N, R or W change), a link, file or lecture part opened; and the
 * session as it stands, read to share, save, or keep for Undo before it is replaced.
 */
import type { Scenario } from '../scenario/schema';
import type { CommandBody, Session } from '../worker/protocol';
import type { FramePump } from './frame-pump';
import type { Playback } from './playback';
import type { SerialQueue } from './serial-queue';
import { headerChanged, remakePlan } from './session-notices';
import { traceIndex, useStore, type SessionSettings } from '../store/store';
import { sessionFor } from '../panels/session/session-config';
import { settingsOf } from '../share/settings-of';

/** The busy preset writes its keys, then lets the cluster settle this long before the lecture starts. */
const PRELOAD_SETTLE_MS = 1000;

/** Where each step of a recorded lecture part ends: the timeline's cursor and the trace's length. */
export interface StepEnds {
  readonly cursors: readonly number[];
  readonly traceLengths: readonly number[];
}

export class SessionLoader {
  /** Where the session the last header change loaded stood. */
  private loadedAt: { readonly cursor: number; readonly length: number } | null = null;

  /** New sessions received so far (settings, a link or file, Undo or Redo, a lecture's part): see `sessions`. */
  private sessionCount = 0;

  /** `isLecture`: whether a lecture is open (its steps are recorded anew, not kept for Undo). */
  constructor(
    private readonly pump: FramePump,
    private readonly playback: Playback,
    private readonly queue: SerialQueue,
    private readonly isLecture: () => boolean,
  ) {}

  /**
   * How many new sessions the page has received: a step or seek asked for on the session on
   * screen checks, at its turn, that this has not moved (one loading meanwhile replaced it).
   */
  get sessions(): number {
    return this.sessionCount;
  }

  /**
   * A new session for these settings; false (with a message shown) when they are refused.
   * `isUndoable`: the lecturer changed them in the header, so Undo can bring the session
   * they replace back.
   */
  loadSettings(settings: SessionSettings, isUndoable = false): Promise<boolean> {
    return this.queue.run(() => this.loadSettingsNow(settings, isUndoable));
  }

  private async loadSettingsNow(settings: SessionSettings, isUndoable: boolean): Promise<boolean> {
    const checked = sessionFor(settings);
    const store = useStore.getState();
    if (!checked.ok) {
      store.noticeShown({ message: checked.message, field: checked.field });
      return false;
    }
    const before = store.settings;
    // A change right after a header change (42 → 427 → 42, N then R: nothing recorded, playback
    // unmoved) replaces nothing new: Undo still brings back the first run (headerChanged).
    const earlier = isUndoable ? store.replaced : null;
    const current = isUndoable ? await this.sessionToKeep() : null;
    const position = this.pump.position;
    const isAsLoaded = this.loadedAt?.length === position.length && this.loadedAt.cursor === position.cursor;
    const kept = earlier !== null && earlier.settings !== before && isAsLoaded ? null : current;
    this.playback.halt();
    store.loadingChanged(true);
    // N, R or W changed on a run with the lecturer's own actions in it: made again at the same moments (remakePlan).
    const { remade, orderNote } = remakePlan(current, before, settings, traceIndex.events);
    let frame = remade > 0 ? await this.pump.send({ type: 'replayInputsOn', config: checked.session.config }, 'jump') : null;
    if (frame) this.sessionCount++;
    const outcome = remade > 0 && !frame ? { refusal: useStore.getState().notice?.message ?? 'the engine refused them' } : remade;
    if (!frame) {
      frame = await this.pump.send({ type: 'load', session: checked.session }, 'jump');
      if (frame) this.sessionCount++;
      if (frame && checked.session.actions.length > 0) await this.settleUntil(PRELOAD_SETTLE_MS);
    }
    store.loadingChanged(false);
    if (!frame) return false;
    // An opened file's title names its actions: kept when they were made again (N, R or W
    // changed), not on a session begun afresh (a new cluster or seed, Reset, a refused remake,
    // the engine restarted), which would have been saved under a title it no longer bears out.
    const isRemade = typeof outcome === 'number' && outcome > 0;
    const { title: _, ...untitled } = settings;
    const started = isRemade ? settings : untitled;
    store.sessionStarted(started);
    headerChanged(kept, earlier, before, started, outcome, isRemade ? orderNote(traceIndex.events) : null);
    this.playback.sessionStarted();
    this.loadedAt = { ...this.pump.position };
    return true;
  }

  /** The session now, if replacing it would lose something recorded (outside a lecture, whose steps are recorded anew). */
  async sessionToKeep(): Promise<Session | null> {
    if (this.pump.position.length === 0 || this.isLecture() || !this.pump.client) return null;
    return this.session();
  }

  /**
   * The session now, even with nothing recorded (a seed change's fresh cluster, for Redo to
   * make again); none in a lecture, or when the worker cannot give it (Undo goes on without).
   */
  async sessionForRedo(): Promise<Session | null> {
    if (this.isLecture() || !this.pump.client) return null;
    try {
      return await this.session();
    } catch {
      return null;
    }
  }

  /** Whether a lecture is open: Redo is free play's (a lecture's steps are walked with Previous and Next). */
  get inLecture(): boolean {
    return this.isLecture();
  }

  /** The session so far (seed, configuration, actions, cursor, and the title it was opened with), to share or save. */
  async session(): Promise<Session> {
    const client = this.pump.client;
    if (!client) throw new Error('The engine is not running.');
    // A lecture step playing is saved or shared at its end, where the lecture stands, not mid-way.
    const playing = this.playback.playCancelled();
    this.playback.halt();
    if (playing !== undefined) await this.playback.moveTo(playing);
    const { session } = await client.request({ type: 'session' });
    // The title is the page's (settings): a lecture's link names its lecture instead.
    const { title } = useStore.getState().settings;
    return title === undefined || this.isLecture() ? session : { ...session, title };
  }

  /**
   * Opens a session from a link or a file; null, or the engine's reason for refusing it (the current session stays).
   * In turn with the other commands (the queue): a link pasted while a change of N was still settling landed between
   * its steps, and the header then showed the change's settings over the link's cluster.
   */
  openSession(session: Session): Promise<string | null> {
    return this.queue.run(() => this.open({ type: 'load', session }, settingsOf(session)));
  }

  /** Opens a scenario file's text (the `npm run sim` format); null, or why it was refused. In turn, as `openSession`. */
  openScenario(text: string, session: Pick<Session, 'seed' | 'config'>): Promise<string | null> {
    return this.queue.run(() => this.open({ type: 'loadScenario', text }, settingsOf(session)));
  }

  /** Opens a session or scenario now, not in turn (Undo, already in its turn, brings a replaced session back with it); null, or why not. */
  async open(command: CommandBody<'load' | 'loadScenario'>, settings: SessionSettings): Promise<string | null> {
    const client = this.pump.client;
    if (!client) return 'The engine is not running.';
    this.playback.halt();
    const store = useStore.getState();
    store.loadingChanged(true);
    try {
      const frame = await client.request(command);
      // Not opened: the new engine runs the header's settings (a caller told "opened" restored a lecture's free play over them).
      if (client !== this.pump.client) return 'The engine was restarted.';
      this.pump.receive(frame, 'jump');
      this.sessionCount++;
      store.sessionStarted(settings);
      this.playback.sessionStarted();
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      store.loadingChanged(false);
    }
  }

  /** Opens one part of a lecture at its start (a lecturer's own by its part's `scenario`); where each step ends (cursor, trace length), or null. */
  async loadLecture(lectureId: string, part: number, scenario?: Scenario): Promise<StepEnds | null> {
    this.playback.pause();
    useStore.getState().replacedKept(null);
    useStore.getState().redoKept([]);
    const frame = await this.pump.send({ type: 'loadLecture', lectureId, part, ...(scenario ? { scenario } : {}) }, 'jump');
    if (frame) this.sessionCount++;
    return frame?.stepEnds && frame.stepTraceEnds ? { cursors: frame.stepEnds, traceLengths: frame.stepTraceEnds } : null;
  }

  /** Runs the fresh session until `timeMs` (the worker steps at most 10,000 actions per request). */
  private async settleUntil(timeMs: number): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const frame = await this.pump.send({ type: 'advanceTo', timeMs }, 'jump');
      if (!frame || frame.nextEventMs === null || frame.nextEventMs > timeMs) return;
    }
  }
}
