/**
 * The controller against a real session host, run in this thread behind a stand-in worker
 * that answers each command a moment later, as the worker does: what the lecturer asked for
 * last is what playback does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Controller } from './controller';
import { SessionHost } from '../worker/session-host';
import { useStore } from '../store/store';
import { useLectureStore } from '../panels/lectures/lecture-store';
import type { Command } from '../worker/protocol';

/** A worker whose engine runs here; each reply comes back on a later task, as a worker's does. */
class InThreadWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessageerror: (() => void) | null = null;
  /** Called right after a reply is handed over, before the page's code waiting on it has run. */
  static afterReply: ((command: Command) => void) | null = null;
  /** Every command's type, in the order the worker received them. */
  static received: Command['type'][] = [];
  /** Called as a command is posted, before its reply is on its way. */
  static onPost: ((command: Command) => void) | null = null;
  private readonly host = new SessionHost();
  private isStopped = false;
  postMessage(command: Command): void {
    InThreadWorker.received.push(command.type);
    InThreadWorker.onPost?.(command);
    const reply = this.host.handle(command);
    setTimeout(() => {
      if (this.isStopped) return;
      this.onmessage?.({ data: reply });
      InThreadWorker.afterReply?.(command);
    }, 1);
  }
  terminate(): void {
    this.isStopped = true;
  }
}

/** Lets every reply on its way arrive, and the work queued after it run. */
async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((done) => setTimeout(done, 2));
}

let controller: Controller;

beforeEach(async () => {
  vi.stubGlobal('Worker', InThreadWorker);
  vi.stubGlobal('window', globalThis);
  vi.stubGlobal('requestAnimationFrame', (tick: (t: number) => void) => setTimeout(() => tick(performance.now()), 16));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  useLectureStore.setState({ lecture: null });
  useStore.setState({ isPlaying: false, workload: 0 });
  controller = new Controller(() => useLectureStore.getState().lecture !== null);
  await controller.start();
  for (const key of ['a', 'b', 'c']) await controller.input({ type: 'put', key, value: 1 });
  for (let i = 0; i < 5; i++) await controller.stepForward();
  await controller.seek(1);
  // Background clients on, in the past: Play first keeps the session for Undo, a round trip to the worker.
  useStore.getState().workloadChosen(20);
});

afterEach(() => {
  InThreadWorker.afterReply = null;
  InThreadWorker.onPost = null;
  controller.stop();
  vi.unstubAllGlobals();
});

describe('a Play still waiting on the session being kept for Undo', () => {
  it.each([
    ['Step forward', () => controller.stepForward()],
    ['Step back', () => controller.stepBack()],
    ['a seek (a lecture step, the scrubber)', () => controller.seek(2)],
    ['a click on an event in the log', () => controller.seekToEvent(0)],
    ['Pause (a click on a message)', () => controller.pause()],
  ])('is cancelled by %s: playback stands where that took it', async (_, act) => {
    expect(useStore.getState().cursor).toBe(1);
    controller.togglePlay();
    await act();
    await settled();
    expect(useStore.getState().isPlaying).toBe(false);
  });

  it('is cancelled by the engine restarting: the new engine plays nothing, and nothing is kept for Undo', async () => {
    const played: boolean[] = [];
    const stop = useStore.subscribe((s) => played.push(s.isPlaying));
    controller.togglePlay();
    await controller.restart();
    await settled();
    stop();
    expect(played).not.toContain(true);
    expect(useStore.getState()).toMatchObject({ notice: null, replaced: null });
  });

  it('still starts when nothing else was asked for', async () => {
    controller.togglePlay();
    await settled();
    expect(useStore.getState().isPlaying).toBe(true);
  });
});

describe('a session opened while the engine is restarted', () => {
  it('is not said to have opened: the new engine runs the header\'s settings, not it', async () => {
    const session = await controller.session();
    let restarted: Promise<void> | null = null;
    InThreadWorker.afterReply = (command) => {
      if (command.type === 'load') restarted ??= controller.restart();
    };
    expect(await controller.openSession({ ...session, cursor: 0 })).toBe('The engine was restarted.');
    await restarted;
  });
});

describe('steps and seeks go in turn with the actions', () => {
  it.each([
    ['Step forward', () => controller.stepForward(), 'stepForward'],
    ['Step back', () => controller.stepBack(), 'stepBack'],
    ['a click on an event in the log', () => controller.seekToEvent(0), 'seekToEvent'],
    ['a seek', () => controller.seek(2), 'seek'],
  ] as const)('%s clicked right after a put, while the action before it is still on its way, comes after the put', async (_, act, type) => {
    await controller.seek(4);
    await settled();
    InThreadWorker.received = [];
    // Undo asks the worker for the session (for Redo) before it undoes: the put waits its turn behind it, and so must the step.
    const undone = controller.undo();
    const put = controller.input({ type: 'put', key: 'd', value: 2 });
    const stepped = act();
    await Promise.all([undone, put, stepped]);
    const order = InThreadWorker.received.filter((t) => t === 'undo' || t === 'input' || t === type);
    expect(order).toEqual(['undo', 'input', type]);
  });
});

describe('a seek aimed at a session another has since replaced', () => {
  it('is dropped: the opened session stands where it opened, not where the old one was asked to go', async () => {
    const saved = await controller.session();
    await controller.seek(4);
    await settled();
    expect(useStore.getState().cursor).toBe(4);
    InThreadWorker.received = [];
    const opened = controller.openSession(saved);
    const sought = controller.seek(2); // the slider of the session on screen, clicked while the other one loads
    await Promise.all([opened, sought]);
    await settled();
    expect(InThreadWorker.received).not.toContain('seek');
    expect(useStore.getState().cursor).toBe(saved.cursor);
  });

  it.each([
    ['a click in the log', () => controller.seekToEvent(3), 'seekToEvent'],
    ['Step forward', () => controller.stepForward(), 'stepForward'],
  ] as const)('is dropped when asked for while the other session is already loading: %s', async (_, act, type) => {
    const saved = await controller.session();
    await controller.seek(4);
    await settled();
    InThreadWorker.received = [];
    // Asked for as the load goes to the worker, its frame not back: the page still shows the old session.
    let moved: Promise<void> | null = null;
    InThreadWorker.onPost = (command) => {
      if (command.type === 'load') moved = act();
    };
    await controller.openSession(saved);
    await moved;
    await settled();
    expect(InThreadWorker.received).not.toContain(type);
    expect(useStore.getState().cursor).toBe(saved.cursor);
  });
});
