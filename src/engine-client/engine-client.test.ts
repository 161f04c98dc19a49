/**
 * The engine client after its worker is gone: commands waiting are refused, and so is every
 * later one, at once (sent to a dead worker they never settled, and the controller's queue
 * of commands waited on them for good).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClient } from './engine-client';

class FakeWorker {
  static last: FakeWorker | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly sent: unknown[] = [];
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  terminate(): void {}
}

describe('a client whose worker failed', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refuses the command waiting and every later one with the reason, sending nothing more', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = EngineClient.start();
    const worker = FakeWorker.last!;
    const waiting = client.request({ type: 'session' });
    worker.onerror!({ message: 'out of memory' });
    await expect(waiting).rejects.toThrow('The engine stopped: out of memory');
    await expect(client.request({ type: 'session' })).rejects.toThrow('The engine stopped: out of memory');
    expect(worker.sent).toHaveLength(1);
  });

  it('is done with after a reply it could not read or match: the frames after it would be applied at the wrong place in the trace', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    for (const lose of [(w: FakeWorker) => w.onmessageerror!(), (w: FakeWorker) => w.onmessage!({ data: { id: null, type: 'error', message: 'a command without an id' } } as MessageEvent)]) {
      const client = EngineClient.start();
      const worker = FakeWorker.last!;
      const waiting = client.request({ type: 'session' });
      lose(worker);
      await expect(waiting).rejects.toThrow();
      await expect(client.request({ type: 'session' })).rejects.toThrow();
      expect(worker.sent).toHaveLength(1);
    }
  });

  it('refuses commands after it was stopped', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = EngineClient.start();
    client.terminate();
    await expect(client.request({ type: 'session' })).rejects.toThrow('The engine was stopped.');
  });
});
