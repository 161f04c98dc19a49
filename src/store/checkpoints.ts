/**
 * Copies of a trace reader's state every `every` events, for the ledgers that read the
 * trace forwards (hints, gossip): when the cursor moves back, a reader starts again from the
 * last copy at or before it, so a step back in a recording of a million events re-reads a
 * few thousand, not the million. Within one epoch the trace only grows, so the copies hold
 * until it is cut.
 */

/** How many events apart a reader keeps a copy of its state. */
export const CHECKPOINT_EVENTS = 8192;

export class Checkpoints<S extends { readonly read: number }> {
  private list: S[] = [];

  constructor(readonly every = CHECKPOINT_EVENTS) {}

  /** True when a reader that has just read `read` events should keep a copy of its state. */
  isDue(read: number): boolean {
    return read % this.every === 0 && read > (this.list.at(-1)?.read ?? 0);
  }

  keep(state: S): void {
    this.list.push(state);
  }

  /** The last copy at or before `end` events; undefined if none (read from the start). */
  before(end: number): S | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.read <= end) return this.list[i];
    return undefined;
  }
}
