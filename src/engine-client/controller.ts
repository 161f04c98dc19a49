/**
 * The page's one driver of the engine worker, handed to the panels (DESIGN §4). A thin
 * facade over its parts: the frame pump (the worker, frames to the trace index and the store,
 * the animation frame loop), playback, the session loader, the edits with their Undo, and the
 * queue that keeps the commands replacing or changing the session in order.
 */
import type { Input } from '../engine/index';
import type { Scenario } from '../scenario/schema';
import type { EventClass } from '../app/theme';
import type { CommandBody, ReplyTo, Session } from '../worker/protocol';
import { FramePump } from './frame-pump';
import { Playback, type PlayEnd } from './playback';
import { SessionLoader, type StepEnds } from './session-loader';
import { Edits } from './edits';
import { SerialQueue } from './serial-queue';
import { nothingAhead, nothingShownAhead, stepNoticeCleared } from './session-notices';
import { useStore, type SessionSettings } from '../store/store';
import { DEFAULT_KEY } from '../worker/default-config';

export type { PlayEnd } from './playback';
export type { StepEnds } from './session-loader';

export class Controller {
  private readonly queue = new SerialQueue();
  private readonly pump = new FramePump((nowWall) => this.playback.tick(nowWall));
  private readonly playback: Playback;
  private readonly loader: SessionLoader;
  private readonly edits: Edits;
  /** The key typed, sent to the worker once typing pauses (`selectKey`'s debounce). */
  private keyTimer = 0;

  /** `isLecture`: whether a lecture is open (its steps are not kept for Undo; an ended part plays nothing). */
  constructor(private readonly isLecture: () => boolean) {
    this.playback = new Playback(this.pump, this.queue, { isLecture, sessionToKeep: () => this.loader.sessionToKeep() });
    this.loader = new SessionLoader(this.pump, this.playback, this.queue, isLecture);
    this.edits = new Edits(this.pump, this.playback, this.loader, this.queue);
  }

  /** Starts the worker and the session in the store's settings (a link is opened after: src/panels/share/open-link.ts). */
  async start(): Promise<void> {
    this.pump.start();
    await this.loadSettings(useStore.getState().settings);
    const key = useStore.getState().selectedKey ?? DEFAULT_KEY;
    await this.selectKey(key);
  }

  /** Stops the worker; nothing is left playing, waiting to play, or waiting to be sent. */
  stop(): void {
    window.clearTimeout(this.keyTimer);
    this.keyTimer = 0;
    this.playback.reset();
    this.pump.stop();
  }

  /** After the worker died: a new worker, and the session in the current settings. */
  async restart(): Promise<void> {
    this.stop();
    useStore.getState().noticeShown(null);
    await this.start();
  }

  /** See `SessionLoader.loadSettings`. */
  loadSettings(settings: SessionSettings, isUndoable = false): Promise<boolean> {
    return this.loader.loadSettings(settings, isUndoable);
  }

  /** The session so far (seed, configuration, actions, cursor), to share or save. */
  session(): Promise<Session> {
    return this.loader.session();
  }

  /** Opens a session from a link or a file; null, or the engine's reason for refusing it (the current session stays). */
  openSession(session: Session): Promise<string | null> {
    return this.loader.openSession(session);
  }

  /** Opens a scenario file's text (the `npm run sim` format); null, or why it was refused. */
  openScenario(text: string, session: Pick<Session, 'seed' | 'config'>): Promise<string | null> {
    return this.loader.openScenario(text, session);
  }

  /** Opens one part of a lecture at its start; where each step ends, or null. */
  loadLecture(lectureId: string, part: number, scenario?: Scenario): Promise<StepEnds | null> {
    return this.loader.loadLecture(lectureId, part, scenario);
  }

  /** A user action at the cursor (a put, a failure…); false when the engine refused it (see `Edits.input`). */
  input(input: Input): Promise<boolean> {
    return this.edits.input(input);
  }

  /** Takes back the last action, or brings back the session it replaced (see `Edits.undo`). */
  undo(): Promise<void> {
    return this.edits.undo();
  }

  /** Brings back what the last Undo took back (see `Edits.redo`). */
  redo(): Promise<void> {
    return this.edits.redo();
  }

  /**
   * One step; with `hidden`, steps that record only events of those kinds are passed over.
   * Steps and seeks go in turn with the actions (the queue, `inTurnAt`): a Put clicked and
   * then Step forward at once stepped before the put whenever the action before it was still
   * on its way, and the class's run was not the one the clicks made.
   */
  async stepForward(hidden?: readonly EventClass[]): Promise<void> {
    if (this.isLoading) return;
    this.playback.pause();
    stepNoticeCleared();
    await this.inTurnAt(async () => {
      const before = this.pump.position.cursor;
      const frame = await this.pump.send(hidden?.length ? { type: 'stepForward', hidden } : { type: 'stepForward' }, 'tween');
      if (!frame || frame.cursor !== before) return;
      if (frame.nextEventMs === null) nothingAhead(this.isLecture());
      else if (hidden?.length) nothingShownAhead(hidden);
    });
  }

  /**
   * On to the next milestone of anti-entropy exchange `exchangeId` (a level compared, or its end): the Merkle panel's
   * "Compare next level" past the recording's end, in one command to the worker, not a round trip per engine step.
   */
  async stepToExchange(exchangeId: number): Promise<void> {
    if (this.isLoading) return;
    this.playback.pause();
    stepNoticeCleared();
    await this.inTurnAt(() => this.pump.send({ type: 'stepForward', untilExchange: exchangeId }, 'tween'));
  }

  async stepBack(hidden?: readonly EventClass[]): Promise<void> {
    if (this.isLoading) return;
    this.playback.pause();
    stepNoticeCleared();
    await this.inTurnAt(() => this.pump.send(hidden?.length ? { type: 'stepBack', hidden } : { type: 'stepBack' }, 'tween'));
  }

  /** Moves the cursor to `cursor` actions applied (a lecture step's end). */
  async seek(cursor: number): Promise<void> {
    this.playback.pause();
    await this.inTurnAt(() => this.playback.moveTo(cursor));
  }

  async seekToEvent(seq: number): Promise<void> {
    this.playback.pause();
    await this.inTurnAt(() => this.pump.send({ type: 'seekToEvent', seq }, 'tween'));
  }

  /**
   * A step or a move to a place in the recording, in turn with the actions, unless by its turn
   * another session has replaced the one it was asked for on: End pressed on the slider while
   * a file still loaded took the file's run to the end of the cluster before it, its start.
   */
  private async inTurnAt(move: () => Promise<unknown>): Promise<void> {
    const sessions = this.loader.sessions;
    await this.queue.run(async () => {
      if (this.loader.sessions === sessions) await move();
    });
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
      this.keyTimer = window.setTimeout(() => void this.pump.send(command, 'keep'), 200);
      return;
    }
    await this.pump.send(command, 'keep');
  }

  /** A question that leaves the session as it is (a Merkle panel's trees, a file's checks); rejects with the engine's reason (an unknown node…). */
  query<C extends CommandBody<'merkle' | 'checkFile'>>(query: C): Promise<ReplyTo<C['type']>> {
    const client = this.pump.client;
    if (!client) return Promise.reject(new Error('The engine is not running.'));
    return client.request(query);
  }

  get isPlaying(): boolean {
    return this.playback.isPlaying;
  }

  togglePlay(): void {
    // Playing, the step's "nothing shown ahead" is history: the clients, or the clock, make what comes.
    stepNoticeCleared();
    this.playback.togglePlay();
  }

  /** Stops playback: a lecture step playing and a Play still waiting to start are cancelled (see `Playback.pause`). */
  pause(): void {
    this.playback.pause();
  }

  setSpeed(speed: number): void {
    this.playback.setSpeed(speed);
  }

  /** Plays up to a lecture step's end, and stands there (see `Playback.playTo`). */
  playTo(cursor: number, speed: number, maxWallMs: number): Promise<PlayEnd> {
    return this.playback.playTo(cursor, speed, maxWallMs);
  }

  /** Whether a `playTo` is under way. */
  get isPlayingTo(): boolean {
    return this.playback.isPlayingTo;
  }

  /** Ends a `playTo` at once, at its end (Next pressed while a step plays). */
  skipPlay(): void {
    this.playback.skipPlay();
  }

  /**
   * A new cluster being loaded (its buttons are disabled): Space and the arrow keys, which
   * reach the controller without them, wait too. Played then, the new session ran on from the
   * old one's clock, past its own start unseen.
   */
  private get isLoading(): boolean {
    return useStore.getState().isLoading;
  }
}
