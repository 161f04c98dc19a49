/**
 * Test helper (tests only): drives the worker's session host as the page does, keeping
 * the page's copy of the trace, so the panel's modules are tested on exactly what the
 * page receives.
 */
import type { TraceEvent } from '../../engine/index';
import { SessionHost } from '../../worker/session-host';
import type { Command, CommandBody, Frame, MerkleReply, Reply } from '../../worker/protocol';

export class PageSide {
  readonly host = new SessionHost();
  readonly trace: TraceEvent[] = [];
  last: Frame | null = null;
  private id = 1;

  /** Sends a command that answers with a frame, and applies the frame's trace delta. */
  send(command: CommandBody): Frame {
    const reply = this.host.handle({ ...command, id: this.id++ } as Command);
    if (reply.type !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(reply).slice(0, 300)}`);
    this.trace.length = reply.trace.from;
    for (const e of reply.trace.events) this.trace.push(e);
    this.last = reply;
    return reply;
  }

  merkle(a: string, b: string, exchangeId?: number): MerkleReply {
    const reply: Reply = this.host.handle({ type: 'merkle', id: this.id++, a, b, ...(exchangeId === undefined ? {} : { exchangeId }) });
    if (reply.type !== 'merkle') throw new Error(`expected Merkle trees, got ${JSON.stringify(reply)}`);
    return reply;
  }

  get upTo(): number {
    return this.last?.traceLengthAtCursor ?? 0;
  }

  /** Steps the engine until `found` holds for an event at the cursor (at most `max` steps). */
  stepUntil(found: (e: TraceEvent) => boolean, max = 10_000): void {
    for (let i = 0; i < max; i++) {
      if (this.trace.slice(0, this.upTo).some(found)) return;
      const before = this.upTo;
      this.send({ type: 'stepForward' });
      if (this.upTo === before && this.last?.nextEventMs === null) return;
    }
  }
}
