/**
 * The page's one driver of the engine worker: it sends commands in order, applies each
 * frame's trace delta to the trace index, and commits at most one frame to the store per
 * animation frame (DESIGN §4). Playback is a requestAnimationFrame loop that asks the
 * worker to `advanceTo` a target virtual time, with at most one request in flight; in
 * between, the display clock moves on and messages are interpolated from the last frame.
 */
import type { Input } from '../engine/index';
import type { Scenario } from '../scenario/schema';
import type { EventClass } from '../app/theme';
import type { CommandBody, Frame, ReplyTo, Session } from '../worker/protocol';
import { EngineClient, EngineError } from './engine-client';
import { MAX_LEAD_S, PLAYING_COMMIT_MS, TWEEN_MS, playbackTarget, quietPlay, prefersReducedMotion, tween, type PlaybackAnchor } from './playback-clock';
import { eventsText, headerChanged, keptForUndo, nothingAhead, nothingShownAhead, remakePlan, stepNoticeCleared } from './session-notices';
import { opsBetween } from './workload';
import { isReplacedNext, traceIndex, undoTarget, useStore, type Notice, type SessionSettings } from '../store/store';
import { setBoost, setClock, useClock } from '../store/clock';
import { backgroundKeys, sessionFor } from '../panels/session/session-config';
import { settingsOf } from '../share/settings-of';
import { DEFAULT_KEY } from '../worker/default-config';
import { useLectureStore } from '../panels/lectures/lecture-store';
import { undoLabel } from '../worker/undo-label';

type ClockMove = 'tween' | 'jump' | 'keep';

/** How a `playTo` ended: at its end, ended there early (Next, or too long), or cancelled by another command. */
export type PlayEnd = 'reached' | 'skipped' | 'cancelled';

/** The busy preset writes its keys, then lets the cluster settle this long before the lecture starts. */
const PRELOAD_SETTLE_MS = 1000;

/** Where each step of a recorded lecture part ends: the timeline's cursor and the trace's length. */
export interface StepEnds {
  readonly cursors: readonly number[];
  readonly traceLengths: readonly number[];
}

export class Controller {
  private client: EngineClient | null = null;
  private latest: Frame | null = null;
  private latestKeys: Frame['keys'] = null;
  /** The cursor of the last frame received (committed to the store or not yet). */
  private rafId = 0;
  private anchor: PlaybackAnchor | null = null;
  private requestedUpTo = 0;
  private isAdvancing = false;
  private glide: { from: number; to: number; startMs: number } | null = null;
  private workloadFrom = 0;
  private keyTimer = 0;
  /** The notice of the last input the engine refused: the next input it takes clears it. */
  private refusal: Notice | null = null;
  /** Where the last frame received left the recording (the store takes frames at most once an animation frame). */
  private position = { cursor: 0, length: 0, upTo: 0, total: 0 };
  /** Where the session the last header change loaded stood. */
  private loadedAt: { readonly cursor: number; readonly length: number } | null = null;
  /** Header changes and inputs run one after another: each reads the session the one before left. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Bumped by every play asked for while the session is kept for Undo, and by every `pause` (the lecturer's), which cancels one not yet begun. */
  private playRequest = 0;
  /** The play waiting on that (its `playRequest`), or -1. */
  private pendingPlay = -1;
  private lastCommitMs = 0;
  /** While playing up to a lecture step's end (`playTo`): the cursor to stop at, the wall-clock time to give up by, and who waits. */
  private stopAt: { readonly cursor: number; readonly deadline: number; readonly done: (end: PlayEnd) => void } | null = null;

  /** Starts the worker and the session in the store's settings (a link is opened after: src/panels/share/open-link.ts). */
  async start(): Promise<void> {
    this.client = EngineClient.start();
    await this.loadSettings(useStore.getState().settings);
    const key = useStore.getState().selectedKey ?? DEFAULT_KEY;
    await this.selectKey(key);
  }

  stop(): void {
    cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    this.client?.terminate();
    this.client = null;
  }

  /** After the worker died: a new worker, and the session in the current settings. */
  async restart(): Promise<void> {
    this.stop();
    useStore.getState().noticeShown(null);
    await this.start();
  }

  /**
   * A new session for these settings; false (with a message shown) when they are refused.
   * `isUndoable`: the lecturer changed them in the header, so Undo can bring the session
   * they replace back.
   */
  loadSettings(settings: SessionSettings, isUndoable = false): Promise<boolean> {
    return this.serial(() => this.loadSettingsNow(settings, isUndoable));
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
    const isAsLoaded = this.loadedAt?.length === this.position.length && this.loadedAt.cursor === this.position.cursor;
    const kept = earlier !== null && earlier.settings !== before && isAsLoaded ? null : current;
    this.halt();
    store.loadingChanged(true);
    // N, R or W changed on a run with the lecturer's own actions in it: made again at the same moments (remakePlan).
    const { remade, orderNote } = remakePlan(current, before, settings, traceIndex.events);
    let frame = remade > 0 ? await this.send({ type: 'replayInputsOn', config: checked.session.config }, 'jump') : null;
    const outcome = remade > 0 && !frame ? { refusal: useStore.getState().notice?.message ?? 'the engine refused them' } : remade;
    if (!frame) {
      frame = await this.send({ type: 'load', session: checked.session }, 'jump');
      if (frame && checked.session.actions.length > 0) await this.settleUntil(PRELOAD_SETTLE_MS);
    }
    store.loadingChanged(false);
    if (!frame) return false;
    store.sessionStarted(settings);
    headerChanged(kept, earlier, before, settings, outcome, typeof outcome === 'number' && outcome > 0 ? orderNote(traceIndex.events) : null);
    this.workloadFrom = useClock.getState().clockMs;
    this.loadedAt = { ...this.position };
    return true;
  }

  /** Runs `work` after every header change and input already asked for has finished. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The session now, if replacing it would lose something recorded (outside a lecture, whose steps are recorded anew). */
  private async sessionToKeep(): Promise<Session | null> {
    if (this.position.length === 0 || useLectureStore.getState().lecture !== null || !this.client) return null;
    return this.session();
  }

  /** The session so far (seed, configuration, actions, cursor), to share or save. */
  async session(): Promise<Session> {
    if (!this.client) throw new Error('The engine is not running.');
    // A lecture step playing is saved or shared at its end, where the lecture stands, not mid-way.
    const playing = this.playCancelled();
    this.halt();
    if (playing !== undefined) await this.send({ type: 'seek', cursor: playing }, 'jump');
    return (await this.client.request({ type: 'session' })).session;
  }

  /**
   * Opens a session from a link or a file; null, or the engine's reason for refusing it (the current session stays).
   * In turn with the other commands (`serial`): a link pasted while a change of N was still settling landed between
   * its steps, and the header then showed the change's settings over the link's cluster.
   */
  openSession(session: Session): Promise<string | null> {
    return this.serial(() => this.open({ type: 'load', session }, settingsOf(session)));
  }

  /** Opens a scenario file's text (the `npm run sim` format); null, or why it was refused. In turn, as `openSession`. */
  openScenario(text: string, session: Pick<Session, 'seed' | 'config'>): Promise<string | null> {
    return this.serial(() => this.open({ type: 'loadScenario', text }, settingsOf(session)));
  }

  private async open(command: CommandBody<'load' | 'loadScenario'>, settings: SessionSettings): Promise<string | null> {
    const client = this.client;
    if (!client) return 'The engine is not running.';
    this.halt();
    const store = useStore.getState();
    store.loadingChanged(true);
    try {
      const frame = await client.request(command);
      // Not opened: the new engine runs the header's settings (a caller told "opened" restored a lecture's free play over them).
      if (client !== this.client) return 'The engine was restarted.';
      this.receive(frame, 'jump');
      store.sessionStarted(settings);
      this.workloadFrom = useClock.getState().clockMs;
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      store.loadingChanged(false);
    }
  }

  /**
   * A user action at the cursor (a put, a failure…); false when the engine refused it. In
   * the past it drops what was recorded after the cursor: the page says so, and keeps the
   * session as it was for Undo.
   */
  input(input: Input): Promise<boolean> {
    // An action on the cluster while a lecture step plays is taken at the step's end, where the lecture stands.
    const playing = this.playCancelled();
    if (playing !== undefined) {
      return this.serial(async () => {
        await this.moveTo(playing);
        return this.inputNow(input);
      });
    }
    return this.serial(() => this.inputNow(input));
  }

  private async inputNow(input: Input): Promise<boolean> {
    const { cursor, length, upTo, total } = this.position;
    // Only a notice the lecturer saw when acting is put behind them: one that came while the input was on its way (a file refused meanwhile) stays.
    const seen = useStore.getState().notice;
    const kept = cursor < length ? await this.sessionToKeep() : null;
    const frame = await this.send({ type: 'input', input }, this.isPlaying ? 'keep' : 'jump');
    const store = useStore.getState();
    if (!frame) {
      this.refusal = store.notice;
      return false;
    }
    // Named now, as Undo will take it back: the engine's own label follows the cursor.
    if (kept) keptForUndo(kept, undoLabel(input) ?? 'action', total > upTo ? `Acting in the past: the ${eventsText(total - upTo)} recorded after this point were dropped. Undo brings them back.` : null);
    else stepNoticeCleared(); // what lies ahead has changed (a replaced session stays: Undo reaches it after this input)
    // The refusal just put right, or a link or file that could not be opened: the lecturer has moved on.
    // A refused header change too: the cluster acted on is the one in use, and the header goes back to showing it.
    if (store.notice !== null && store.notice === seen && (store.notice === this.refusal || store.notice.field === 'link' || store.notice.field === 'file' || store.notice.field === 'settings' || store.notice.field === 'seed')) store.noticeShown(null);
    if (input.type === 'put' || input.type === 'get') store.opPicked(null);
    return true;
  }

  /** One step; with `hidden`, steps that record only events of those kinds are passed over. */
  async stepForward(hidden?: readonly EventClass[]): Promise<void> {
    if (this.isLoading) return;
    this.pause();
    stepNoticeCleared();
    const before = this.position.cursor;
    const frame = await this.send(hidden?.length ? { type: 'stepForward', hidden } : { type: 'stepForward' }, 'tween');
    if (!frame || frame.cursor !== before) return;
    if (frame.nextEventMs === null) nothingAhead(useLectureStore.getState().lecture !== null);
    else if (hidden?.length) nothingShownAhead(hidden);
  }

  async stepBack(hidden?: readonly EventClass[]): Promise<void> {
    if (this.isLoading) return;
    this.pause();
    stepNoticeCleared();
    await this.send(hidden?.length ? { type: 'stepBack', hidden } : { type: 'stepBack' }, 'tween');
  }

  /**
   * Takes back the last action (a put, a failure…) and everything recorded after it; or, when
   * that action replaced the session (a settings change, an input in the past), brings the
   * session it replaced back as it was.
   */
  undo(): Promise<void> {
    return this.serial(() => this.undoNow());
  }

  private async undoNow(): Promise<void> {
    this.pause();
    const { replaced } = useStore.getState();
    // Said to a screen reader with where it leaves playback (StepAnnouncer): "B fails" alone, after Undo recover B, sounded like a new failure.
    const label = undoTarget(useStore.getState());
    if (replaced && isReplacedNext(useStore.getState())) {
      const error = await this.open({ type: 'load', session: replaced.session }, replaced.settings);
      if (error !== null) useStore.getState().noticeShown({ message: `Could not bring the earlier session back: ${error}` });
      // The session it had replaced in turn is Undo's next (the W change before the R change).
      else {
        useStore.getState().replacedKept(replaced.earlier ?? null);
        if (label !== null) useStore.getState().undoneSaid(label);
      }
      return;
    }
    // Looking at the past, Undo takes back the last action before this point and drops the whole
    // recording after it, later actions and all: a lecturer who scrubbed back and pressed Ctrl+Z lost
    // the rest of the demo. It is kept, as an action in the past keeps it, and Undo brings it back.
    const { cursor, length, total } = this.position;
    const kept = cursor < length ? await this.sessionToKeep() : null;
    const frame = await this.send({ type: 'undo' }, 'jump');
    if (frame && label !== null) useStore.getState().undoneSaid(label);
    if (frame && kept) {
      const dropped = total - frame.traceLengthAtCursor;
      keptForUndo(kept, `the undo of ${label ?? 'an action'}`, `Undid ${label ?? 'an action'} in the past: it and the ${eventsText(dropped)} recorded after it were dropped. Undo brings them back.`);
    }
  }

  /** Moves the cursor to `cursor` actions applied (a lecture step's end). */
  async seek(cursor: number): Promise<void> {
    this.pause();
    await this.moveTo(cursor);
  }

  /** The controller's own seek (a step's end reached, a play cancelled): a Play asked for stays asked for. */
  private async moveTo(cursor: number): Promise<void> {
    this.halt();
    await this.send({ type: 'seek', cursor }, 'jump');
  }

  /** Opens one part of a lecture at its start (a lecturer's own by its part's `scenario`); where each step ends (cursor, trace length), or null. */
  async loadLecture(lectureId: string, part: number, scenario?: Scenario): Promise<StepEnds | null> {
    this.pause();
    useStore.getState().replacedKept(null);
    const frame = await this.send({ type: 'loadLecture', lectureId, part, ...(scenario ? { scenario } : {}) }, 'jump');
    return frame?.stepEnds && frame.stepTraceEnds ? { cursors: frame.stepEnds, traceLengths: frame.stepTraceEnds } : null;
  }

  /** A question that leaves the session as it is (a Merkle panel's trees, a file's checks); rejects with the engine's reason (an unknown node…). */
  query<C extends CommandBody<'merkle' | 'checkFile'>>(query: C): Promise<ReplyTo<C['type']>> {
    if (!this.client) return Promise.reject(new Error('The engine is not running.'));
    return this.client.request(query);
  }

  async seekToEvent(seq: number): Promise<void> {
    this.pause();
    await this.send({ type: 'seekToEvent', seq }, 'tween');
  }

  /**
   * The key the panels look at; `debounce` while someone is typing it. `n`: a preference
   * list longer or shorter than the cluster's N, for a lecture step that asks about one.
   */
  async selectKey(key: string | null, debounce = false, n?: number): Promise<void> {
    useStore.getState().keyPicked(key);
    window.clearTimeout(this.keyTimer);
    const command = { type: 'select', key, ...(n !== undefined ? { n } : {}) } as const;
    if (debounce) {
      this.keyTimer = window.setTimeout(() => void this.send(command, 'keep'), 200);
      return;
    }
    await this.send(command, 'keep');
  }

  get isPlaying(): boolean {
    return useStore.getState().isPlaying;
  }

  /**
   * A new cluster being loaded (its buttons are disabled): Space and the arrow keys, which
   * reach the controller without them, wait too. Played then, the new session ran on from the
   * old one's clock, past its own start unseen.
   */
  private get isLoading(): boolean {
    return useStore.getState().isLoading;
  }

  /**
   * Plays from the cursor. With background clients on, playing in the past records their
   * requests there, which drops what was recorded after the cursor: the session is kept for
   * Undo first, and the page says so.
   */
  private play(isKept = false): void {
    if (this.isPlaying || !this.client || this.isLoading) return;
    const { cursor, length, upTo, total } = this.position;
    if (!isKept && cursor < length && useStore.getState().workload > 0 && useLectureStore.getState().lecture === null) {
      // Pause, a second Space, a step or a seek while the session is being kept cancels the play it would start.
      const request = ++this.playRequest;
      this.pendingPlay = request;
      void this.serial(async () => {
        const kept = await this.sessionToKeep();
        if (request !== this.playRequest) return; // paused meanwhile: nothing is replaced
        if (kept) keptForUndo(kept, 'play with clients', `Playing with clients in the past: the ${eventsText(total - upTo)} recorded after this point are replaced. Undo brings them back.`);
      }).then(
        () => {
          if (request !== this.playRequest) return;
          this.pendingPlay = -1;
          this.play(true);
        },
        (error: unknown) => {
          this.pendingPlay = -1;
          useStore.getState().noticeShown({ message: `Could not keep the session for Undo, so playback did not start: ${error instanceof Error ? error.message : String(error)}` });
        },
      );
      return;
    }
    // A lecture part that has ended plays nothing: the clock would only move away from its last step.
    if (useLectureStore.getState().lecture !== null && cursor === length && useStore.getState().nextEventMs === null) return nothingAhead(true);
    this.startPlaying(useStore.getState().speed);
  }

  /** Anchors the playback clock where it stands, at `speed` virtual ms a second, and starts the frame loop. */
  private startPlaying(speed: number): void {
    const clockMs = useClock.getState().clockMs;
    this.glide = null;
    this.anchor = { wallMs: performance.now(), virtualMs: clockMs, speed };
    this.requestedUpTo = Math.max(clockMs, useStore.getState().nowMs);
    this.workloadFrom = clockMs;
    useStore.getState().playbackChanged(true);
    this.schedule();
  }

  /**
   * Plays from the cursor up to `cursor` (a lecture step's end) at `speed` virtual
   * milliseconds a second, so the class sees the step's messages travel, then stands exactly
   * there, the clock included. It ends there early when `skipPlay` is called or `maxWallMs`
   * have passed (a step whose end is a long quiet wait); any other pause (a seek, Step back,
   * Pause, a session opened) cancels it, and the caller's own command decides where it stands.
   */
  async playTo(cursor: number, speed: number, maxWallMs: number): Promise<PlayEnd> {
    if (!this.client || this.isPlaying || this.position.cursor >= cursor) {
      await this.moveTo(cursor);
      return 'reached';
    }
    const end = await new Promise<PlayEnd>((done) => {
      this.stopAt = { cursor, deadline: performance.now() + maxWallMs, done };
      this.startPlaying(speed);
    });
    // Exactly the step's end: the clock ran up to a frame's target, a little past it.
    if (end !== 'cancelled') await this.moveTo(cursor);
    return end;
  }

  /** Whether a `playTo` is under way. */
  get isPlayingTo(): boolean {
    return this.stopAt !== null;
  }

  /** Ends a `playTo` at once, at its end (Next pressed while a step plays). */
  skipPlay(): void {
    this.endPlay('skipped');
  }

  /** Cancels a `playTo` under way, saying where it was going: the caller takes it there, and acts after. */
  private playCancelled(): number | undefined {
    const cursor = this.stopAt?.cursor;
    this.endPlay('cancelled');
    return cursor;
  }

  private endPlay(end: PlayEnd): void {
    const stop = this.stopAt;
    if (!stop) return;
    this.stopAt = null;
    this.stopPlaying();
    stop.done(end);
  }

  /**
   * The lecturer stops playback (Pause, a step, a seek, a click on a message or in the log):
   * a `playTo` under way is cancelled, and so is a Play still waiting on the session being
   * kept for Undo, which would otherwise start after, from wherever this took playback.
   */
  pause(): void {
    this.playRequest++;
    this.halt();
  }

  /** Stops playback where the controller itself must (a session loaded, kept or opened); a Play asked for is not cancelled. */
  private halt(): void {
    this.endPlay('cancelled');
    this.stopPlaying();
  }

  private stopPlaying(): void {
    if (!this.isPlaying) return;
    this.anchor = null;
    setBoost(1);
    useStore.getState().playbackChanged(false);
  }

  togglePlay(): void {
    // Pause before a pending play began: it never begins.
    if (this.isPlayPending || this.isPlaying) this.pause();
    else this.play();
  }

  /** A play waiting on the session being kept for Undo (`play`): the pending request is the latest one. */
  private get isPlayPending(): boolean {
    return this.pendingPlay !== -1 && this.pendingPlay === this.playRequest;
  }

  setSpeed(speed: number): void {
    useStore.getState().speedChosen(speed);
    if (this.anchor) this.anchor = { wallMs: performance.now(), virtualMs: useClock.getState().clockMs, speed };
  }

  /** Sends one command; its frame (if any) is applied. Errors become a visible notice. */
  private async send(command: CommandBody, move: ClockMove): Promise<Frame | null> {
    const client = this.client;
    if (!client) return null;
    try {
      const reply = await client.request(command);
      if (reply.type !== 'frame' || client !== this.client) return null;
      this.receive(reply, move);
      return reply;
    } catch (error) {
      if (client !== this.client) return null; // a worker we stopped on purpose
      const message = error instanceof Error ? error.message : String(error);
      // A refused command names its field; anything else means the worker itself failed.
      const field = error instanceof EngineError ? (error.field ?? 'input') : 'engine';
      useStore.getState().noticeShown({ message, field });
      return null;
    }
  }

  private receive(frame: Frame, move: ClockMove): void {
    traceIndex.apply(frame.trace.from, frame.trace.events);
    this.latest = frame;
    this.position = { cursor: frame.cursor, length: frame.length, upTo: frame.traceLengthAtCursor, total: frame.trace.from + frame.trace.events.length };
    if (frame.keys) this.latestKeys = frame.keys;
    if (move === 'jump') {
      this.glide = null;
      setClock(frame.nowMs);
    } else if (move === 'tween') {
      const from = useClock.getState().clockMs;
      const isNear = Math.abs(frame.nowMs - from) < 2000;
      this.glide = isNear && !prefersReducedMotion() ? { from, to: frame.nowMs, startMs: performance.now() } : null;
      if (!this.glide) setClock(frame.nowMs);
    }
    if (move !== 'keep' || !this.isPlaying) this.commit();
    this.schedule();
  }

  private commit(): void {
    if (!this.latest) return;
    useStore.getState().frameReceived(this.latest, this.latestKeys);
    this.latest = null;
    this.latestKeys = null;
  }

  private schedule(): void {
    if (this.rafId === 0) this.rafId = requestAnimationFrame((t) => this.tick(t));
  }

  /** One animation frame: move the clock, ask the worker for more, commit what arrived. */
  private tick(nowWall: number): void {
    this.rafId = 0;
    if (this.glide) {
      const t = (nowWall - this.glide.startMs) / TWEEN_MS;
      setClock(tween(this.glide.from, this.glide.to, t));
      if (t >= 1) this.glide = null;
    }
    // A step that plays longer than it may (its end a long quiet wait) goes to its end.
    if (this.stopAt && nowWall > this.stopAt.deadline) this.endPlay('skipped');
    if (this.isPlaying && this.anchor) this.advance(nowWall, this.anchor);
    if (!this.isPlaying || nowWall - this.lastCommitMs >= PLAYING_COMMIT_MS) {
      this.lastCommitMs = nowWall;
      this.commit();
    }
    if (this.latest) this.schedule();
    if (this.isPlaying || this.glide) this.schedule();
  }

  private advance(nowWall: number, playing: PlaybackAnchor): void {
    const store = useStore.getState();
    // Outside a lecture step's play, a quiet stretch runs faster (quietPlay), judged on the newest frame, not yet committed.
    const frame = this.latest;
    const quiet = this.stopAt ? null : quietPlay(playing, nowWall, useClock.getState().clockMs, { isFreePlay: useLectureStore.getState().lecture === null, workload: store.workload, speed: store.speed, isShownInFlight: (frame?.view.inFlight ?? store.inFlight).some((m) => store.logFilter[m.traffic]), nextEventMs: frame ? frame.nextEventMs : store.nextEventMs });
    if (quiet) setBoost(quiet.boost);
    const anchor = (this.anchor = quiet?.anchor ?? playing);
    const target = Math.min(quiet?.cap ?? Infinity, playbackTarget(anchor, nowWall, this.requestedUpTo, anchor.speed * MAX_LEAD_S));
    if (quiet && target === quiet.cap) this.anchor = { ...anchor, wallMs: nowWall, virtualMs: target };
    setClock(target);
    if (this.isAdvancing || !this.client) return;
    const inputs = opsBetween(this.workloadFrom, target, store.workload, backgroundKeys(store.settings.preset));
    this.workloadFrom = target;
    this.isAdvancing = true;
    this.requestedUpTo = target;
    const until = this.stopAt?.cursor;
    void this.send({ type: 'advanceTo', timeMs: target, ...(inputs.length > 0 ? { inputs } : {}), ...(until !== undefined ? { untilCursor: until } : {}) }, 'keep').then((frame) => {
      this.isAdvancing = false;
      // Refused (a full recording, or a failed worker): stop, so the reason stays on screen.
      if (!frame || (frame.nextEventMs === null && frame.cursor === frame.length)) this.halt();
      // At the end `playTo` asked for: stop there.
      else if (this.stopAt && frame.cursor >= this.stopAt.cursor) this.endPlay('reached');
    });
  }

  /** Runs the fresh session until `timeMs` (the worker steps at most 10,000 actions per request). */
  private async settleUntil(timeMs: number): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const frame = await this.send({ type: 'advanceTo', timeMs }, 'jump');
      if (!frame || frame.nextEventMs === null || frame.nextEventMs > timeMs) return;
    }
  }
}
