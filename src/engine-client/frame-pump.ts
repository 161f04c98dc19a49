/**
 * The controller's link to the engine worker: it sends commands, applies each frame's trace
 * delta to the trace index, and commits frames to the store (DESIGN §4). A frame is committed
 * as it arrives, except playback's own (`keep`), committed at most once every
 * PLAYING_COMMIT_MS while playing. Its requestAnimationFrame loop glides the clock after a
 * step and gives playback its tick.
 */
import type { CommandBody, Frame } from '../worker/protocol';
import { EngineClient, EngineError } from './engine-client';
import { PLAYING_COMMIT_MS, TWEEN_MS, prefersReducedMotion, tween } from './playback-clock';
import { traceIndex, useStore } from '../store/store';
import { setClock, useClock } from '../store/clock';

/** How a frame moves the clock: a glide to it (a step), a jump (a seek, a load), or none (playback moves it). */
export type ClockMove = 'tween' | 'jump' | 'keep';

/** Where a frame left the recording: the cursor, the actions recorded, and the trace's length at the cursor and in all. */
export interface Position {
  readonly cursor: number;
  readonly length: number;
  readonly upTo: number;
  readonly total: number;
}

export class FramePump {
  private current: EngineClient | null = null;
  /** The last frame received and not yet committed to the store, and the keys of the last that had them. */
  private latest: Frame | null = null;
  private latestKeys: Frame['keys'] = null;
  /** The animation frame requested (0: none). */
  private rafId = 0;
  private glide: { from: number; to: number; startMs: number } | null = null;
  private lastCommitMs = 0;
  private where: Position = { cursor: 0, length: 0, upTo: 0, total: 0 };

  /** `onTick`: playback's part of each animation frame, before what arrived is committed. */
  constructor(private readonly onTick: (nowWall: number) => void) {}

  /** The worker's client; null while the engine is not running. */
  get client(): EngineClient | null {
    return this.current;
  }

  /** Where the last frame received left the recording (the store may not have it yet). */
  get position(): Position {
    return this.where;
  }

  /** The newest frame received that the store does not have yet; null when it has them all. */
  get uncommitted(): Frame | null {
    return this.latest;
  }

  /** Starts a new worker. */
  start(): void {
    this.current = EngineClient.start();
  }

  /** Stops the worker and the animation frame loop. */
  stop(): void {
    cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    this.glide = null;
    this.current?.terminate();
    this.current = null;
  }

  /** Playback takes the clock over: a glide under way stops where it stands. */
  glideStopped(): void {
    this.glide = null;
  }

  /** Sends one command; its frame (if any) is applied. Errors become a visible notice. */
  async send(command: CommandBody, move: ClockMove): Promise<Frame | null> {
    const client = this.current;
    if (!client) return null;
    try {
      const reply = await client.request(command);
      if (reply.type !== 'frame' || client !== this.current) return null;
      this.receive(reply, move);
      return reply;
    } catch (error) {
      if (client !== this.current) return null; // a worker we stopped on purpose
      const message = error instanceof Error ? error.message : String(error);
      // A refused command names its field; anything else means the worker itself failed.
      const field = error instanceof EngineError ? (error.field ?? 'input') : 'engine';
      useStore.getState().noticeShown({ message, field });
      return null;
    }
  }

  /** Applies a frame: its trace delta now, the rest to the store now or at the next commit. */
  receive(frame: Frame, move: ClockMove): void {
    traceIndex.apply(frame.trace.from, frame.trace.events);
    this.latest = frame;
    this.where = { cursor: frame.cursor, length: frame.length, upTo: frame.traceLengthAtCursor, total: frame.trace.from + frame.trace.events.length };
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
    if (move !== 'keep' || !useStore.getState().isPlaying) this.commit();
    this.schedule();
  }

  /** Asks for an animation frame, unless one is already asked for. */
  schedule(): void {
    if (this.rafId === 0) this.rafId = requestAnimationFrame((t) => this.tick(t));
  }

  private commit(): void {
    if (!this.latest) return;
    useStore.getState().frameReceived(this.latest, this.latestKeys);
    this.latest = null;
    this.latestKeys = null;
  }

  /** One animation frame: move the clock, let playback ask the worker for more, commit what arrived. */
  private tick(nowWall: number): void {
    this.rafId = 0;
    if (this.glide) {
      const t = (nowWall - this.glide.startMs) / TWEEN_MS;
      setClock(tween(this.glide.from, this.glide.to, t));
      if (t >= 1) this.glide = null;
    }
    this.onTick(nowWall);
    const { isPlaying } = useStore.getState();
    if (!isPlaying || nowWall - this.lastCommitMs >= PLAYING_COMMIT_MS) {
      this.lastCommitMs = nowWall;
      this.commit();
    }
    if (this.latest || isPlaying || this.glide) this.schedule();
  }
}
