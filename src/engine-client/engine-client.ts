/**
 * The main-thread side of the engine worker: starts it, and turns its replies back into
 * promises, one per command, matched by id. The page imports worker types only (DESIGN §4).
 */
import type { CommandBody, Reply, ReplyTo } from '../worker/protocol';

interface Pending {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

/** A command the engine refused; `field` names the input field at fault, when it knows. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /**
   * Why the worker is gone (it failed or was stopped): every later command is refused at once
   * with it. Sent to a dead worker, a command never settled, and the controller's queue of
   * commands waited on it for good: Play and the header did nothing, without a word.
   */
  private failed: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<Reply>) => this.receive(event.data);
    worker.onerror = (event) => this.failAll(new Error(`The engine stopped: ${event.message || 'the worker failed to start'}`));
    // A reply lost is a trace delta lost: later frames would be applied at the wrong place, so the engine is done with, as a failed one is.
    worker.onmessageerror = () => this.failAll(new Error('The engine sent a message the page could not read.'));
  }

  /** Starts the engine in a module worker. */
  static start(): EngineClient {
    return new EngineClient(new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }));
  }

  /** Sends one command; resolves with its reply, rejects with the engine's error. */
  request<C extends CommandBody>(command: C): Promise<ReplyTo<C['type']>> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<ReplyTo<C['type']>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: Reply) => void, reject });
      this.worker.postMessage({ ...command, id });
    });
  }

  /** Stops the worker; commands still waiting are rejected. */
  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('The engine was stopped.'));
  }

  private receive(reply: Reply): void {
    if (reply.id === null) {
      this.failAll(new Error(reply.type === 'error' ? reply.message : 'The engine sent a reply without an id.'));
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.type === 'error') waiting.reject(new EngineError(reply.message, reply.field));
    else waiting.resolve(reply);
  }

  /** The worker will answer nothing more: every waiting command, and every later one, fails with `error`. */
  private failAll(error: Error): void {
    this.failed ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
