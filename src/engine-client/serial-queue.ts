/**
 * The controller's commands that replace or change the session (header changes, inputs, Undo,
 * a link or file opened) run one after another through this queue: each reads the session the
 * one before left, and one that fails does not stop the ones after it.
 */
export class SerialQueue {
  private chain: Promise<unknown> = Promise.resolve();

  /** Runs `work` after everything already queued has finished, failed or not. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
