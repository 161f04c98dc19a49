/**
 * Playback: Play and Pause, the speed, and a lecture step played up to its end (`playTo`).
 * While playing, each animation frame moves the display clock toward the playback target and
 * asks the worker to `advanceTo` it, with at most one request in flight; in between, the
 * clock moves on and messages are interpolated from the last frame.
 */
import type { Session } from '../worker/protocol';
import type { FramePump } from './frame-pump';
import type { SerialQueue } from './serial-queue';
import { MAX_LEAD_S, playbackTarget, quietPlay, type PlaybackAnchor } from './playback-clock';
import { eventsText, keptForUndo, nothingAhead } from './session-notices';
import { opsBetween } from './workload';
import { useStore } from '../store/store';
import { setBoost, setClock, useClock } from '../store/clock';
import { backgroundKeys } from '../panels/session/session-config';

/** How a `playTo` ended: at its end, ended there early (Next, or too long), or cancelled by another command. */
export type PlayEnd = 'reached' | 'skipped' | 'cancelled';

/** What playback asks of the rest of the controller. */
export interface PlaybackHooks {
  /** Whether a lecture is open: its steps are not kept for Undo, and it plays without the quiet boost. */
  readonly isLecture: () => boolean;
  /** The session now, when replacing it would lose something recorded (see `SessionLoader.sessionToKeep`). */
  readonly sessionToKeep: () => Promise<Session | null>;
}

export class Playback {
  /** Where the playback clock was anchored (wall and virtual time, speed); null while paused. */
  private anchor: PlaybackAnchor | null = null;
  /** The virtual time the worker was last asked to run to. */
  private requestedUpTo = 0;
  /** An `advanceTo` is in flight. */
  private isAdvancing = false;
  /** Background clients' requests are made from this virtual time on. */
  private workloadFrom = 0;
  /** Bumped by every play asked for while the session is kept for Undo, and by every `pause` (the lecturer's), which cancels one not yet begun. */
  private playRequest = 0;
  /** The play waiting on that (its `playRequest`), or -1. */
  private pendingPlay = -1;
  /** While playing up to a lecture step's end (`playTo`): the cursor to stop at, the wall-clock time to give up by, and who waits. */
  private stopAt: { readonly cursor: number; readonly deadline: number; readonly done: (end: PlayEnd) => void } | null = null;

  constructor(
    private readonly pump: FramePump,
    private readonly queue: SerialQueue,
    private readonly hooks: PlaybackHooks,
  ) {}

  get isPlaying(): boolean {
    return useStore.getState().isPlaying;
  }

  togglePlay(): void {
    // Pause before a pending play began: it never begins.
    if (this.isPlayPending || this.isPlaying) this.pause();
    else this.play();
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
  halt(): void {
    this.endPlay('cancelled');
    this.stopPlaying();
  }

  /** The engine stopped: nothing is playing, waiting to play, or asked of the old worker. */
  reset(): void {
    this.pause();
    this.pendingPlay = -1;
    this.isAdvancing = false;
  }

  /** The controller's own seek (a step's end reached, a play cancelled): a Play asked for stays asked for. */
  async moveTo(cursor: number): Promise<void> {
    this.halt();
    await this.pump.send({ type: 'seek', cursor }, 'jump');
  }

  /** A new session began at the clock's time: background clients start from there. */
  sessionStarted(): void {
    this.workloadFrom = useClock.getState().clockMs;
  }

  setSpeed(speed: number): void {
    useStore.getState().speedChosen(speed);
    if (this.anchor) this.anchor = { wallMs: performance.now(), virtualMs: useClock.getState().clockMs, speed };
  }

  /**
   * Plays from the cursor up to `cursor` (a lecture step's end) at `speed` virtual
   * milliseconds a second, so the class sees the step's messages travel, then stands exactly
   * there, the clock included. It ends there early when `skipPlay` is called or `maxWallMs`
   * have passed (a step whose end is a long quiet wait); any other pause (a seek, Step back,
   * Pause, a session opened) cancels it, and the caller's own command decides where it stands.
   */
  async playTo(cursor: number, speed: number, maxWallMs: number): Promise<PlayEnd> {
    if (!this.pump.client || this.isPlaying || this.pump.position.cursor >= cursor) {
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
  playCancelled(): number | undefined {
    const cursor = this.stopAt?.cursor;
    this.endPlay('cancelled');
    return cursor;
  }

  /** Playback's part of an animation frame: a step played too long goes to its end; playing, the clock moves and the worker is asked for more. */
  tick(nowWall: number): void {
    if (this.stopAt && nowWall > this.stopAt.deadline) this.endPlay('skipped');
    if (this.isPlaying && this.anchor) this.advance(nowWall, this.anchor);
  }

  /**
   * Plays from the cursor. With background clients on, playing in the past records their
   * requests there, which drops what was recorded after the cursor: the session is kept for
   * Undo first, and the page says so.
   */
  private play(isKept = false): void {
    if (this.isPlaying || !this.pump.client || useStore.getState().isLoading) return;
    const { cursor, length } = this.pump.position;
    if (!isKept && cursor < length && useStore.getState().workload > 0 && !this.hooks.isLecture()) return this.playOnceKept();
    // A lecture part that has ended plays nothing: the clock would only move away from its last step.
    if (this.hooks.isLecture() && cursor === length && useStore.getState().nextEventMs === null) return nothingAhead(true);
    this.startPlaying(useStore.getState().speed);
  }

  /** Keeps the session for Undo, then plays; Pause, a second Space, a step or a seek meanwhile cancels the play. */
  private playOnceKept(): void {
    const { upTo, total } = this.pump.position;
    const request = ++this.playRequest;
    this.pendingPlay = request;
    void this.queue
      .run(async () => {
        const kept = await this.hooks.sessionToKeep();
        if (request !== this.playRequest) return; // cancelled meanwhile: nothing is replaced
        if (kept) keptForUndo(kept, 'play with clients', `Playing with clients in the past: the ${eventsText(total - upTo)} recorded after this point are replaced. Undo brings them back.`);
      })
      .then(
        () => {
          if (request !== this.playRequest) return;
          this.pendingPlay = -1;
          this.play(true);
        },
        (error: unknown) => {
          if (request !== this.playRequest) return; // cancelled, or the engine stopped: no play was waited for
          this.pendingPlay = -1;
          useStore.getState().noticeShown({ message: `Could not keep the session for Undo, so playback did not start: ${error instanceof Error ? error.message : String(error)}` });
        },
      );
  }

  /** A play waiting on the session being kept for Undo (`play`): the pending request is the latest one. */
  private get isPlayPending(): boolean {
    return this.pendingPlay !== -1 && this.pendingPlay === this.playRequest;
  }

  /** Anchors the playback clock where it stands, at `speed` virtual ms a second, and starts the frame loop. */
  private startPlaying(speed: number): void {
    const clockMs = useClock.getState().clockMs;
    this.pump.glideStopped();
    this.anchor = { wallMs: performance.now(), virtualMs: clockMs, speed };
    this.requestedUpTo = Math.max(clockMs, useStore.getState().nowMs);
    this.workloadFrom = clockMs;
    useStore.getState().playbackChanged(true);
    this.pump.schedule();
  }

  private endPlay(end: PlayEnd): void {
    const stop = this.stopAt;
    if (!stop) return;
    this.stopAt = null;
    this.stopPlaying();
    stop.done(end);
  }

  private stopPlaying(): void {
    if (!this.isPlaying) return;
    this.anchor = null;
    setBoost(1);
    useStore.getState().playbackChanged(false);
  }

  private advance(nowWall: number, playing: PlaybackAnchor): void {
    const store = useStore.getState();
    // Outside a lecture step's play, a quiet stretch runs faster (quietPlay), judged on the newest frame, not yet committed.
    const frame = this.pump.uncommitted;
    const quiet = this.stopAt ? null : quietPlay(playing, nowWall, useClock.getState().clockMs, { isFreePlay: !this.hooks.isLecture(), workload: store.workload, speed: store.speed, isShownInFlight: (frame?.view.inFlight ?? store.inFlight).some((m) => store.logFilter[m.traffic]), nextEventMs: frame ? frame.nextEventMs : store.nextEventMs });
    if (quiet) setBoost(quiet.boost);
    const anchor = (this.anchor = quiet?.anchor ?? playing);
    const target = Math.min(quiet?.cap ?? Infinity, playbackTarget(anchor, nowWall, this.requestedUpTo, anchor.speed * MAX_LEAD_S));
    if (quiet && target === quiet.cap) this.anchor = { ...anchor, wallMs: nowWall, virtualMs: target };
    setClock(target);
    if (this.isAdvancing || !this.pump.client) return;
    const inputs = opsBetween(this.workloadFrom, target, store.workload, backgroundKeys(store.settings.preset));
    this.workloadFrom = target;
    // The background clients change the recording: what Undo took back is no longer Redo's to bring back (edits.ts).
    if (inputs.length > 0) store.redoKept([]);
    this.isAdvancing = true;
    this.requestedUpTo = target;
    const until = this.stopAt?.cursor;
    void this.pump.send({ type: 'advanceTo', timeMs: target, ...(inputs.length > 0 ? { inputs } : {}), ...(until !== undefined ? { untilCursor: until } : {}) }, 'keep').then((frame) => {
      this.isAdvancing = false;
      // Refused (a full recording, or a failed worker): stop, so the reason stays on screen.
      if (!frame || (frame.nextEventMs === null && frame.cursor === frame.length)) this.halt();
      // At the end `playTo` asked for: stop there.
      else if (this.stopAt && frame.cursor >= this.stopAt.cursor) this.endPlay('reached');
    });
  }
}
