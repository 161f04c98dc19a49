import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster, formatClock, type Input, type TraceEvent } from '../../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { TraceIndex } from '../../store/trace-index';
import { latestRead } from '../versions/latest-read';
import { carriedRead, chooseAt, contextMoment, OFFERED_READS, type ContextMoment, type OfferedRead } from './context-choice';

const put: Extract<Input, { type: 'put' }> = { type: 'put', key: 'cart', value: 'shoes', via: 'C' };
const get: Extract<Input, { type: 'get' }> = { type: 'get', key: 'cart', via: 'C' };
const via = <T extends typeof put | typeof get>(input: T, node: string): T => ({ ...input, via: node });

/** A session of lecture 000's ring: each input made, and its operation answered before the next. */
function session(inputs: readonly Input[]): TraceEvent[] {
  const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
  inputs.forEach((input, i) => {
    cluster.apply(input);
    cluster.runUntilDone(i + 1);
  });
  return [...cluster.trace];
}

/** The page's trace holding a new session of `inputs` (Reset, a link opened…): laid over whatever it held, with a cut. */
function loaded(trace: TraceIndex, inputs: readonly Input[]): TraceIndex {
  trace.apply(0, session(inputs));
  return trace;
}

/** The page's trace after more inputs in the same session: the frames append their events, cutting nothing. */
function continued(trace: TraceIndex, inputs: readonly Input[]): TraceIndex {
  const events = session(inputs);
  expect(events.slice(0, trace.length)).toEqual(trace.events);
  trace.apply(trace.length, events.slice(trace.length));
  return trace;
}

const momentOf = (trace: TraceIndex, key = 'cart') => contextMoment(trace, trace.length, key);
/** The get numbered `opId` among those the menu offers now. */
const offered = (moment: ContextMoment, opId: number): OfferedRead => moment.reads.find((r) => r.opId === opId)!;
/** What the menu offers, as its options name them. */
const named = (moment: ContextMoment) => moment.reads.map((r) => `#${r.opId}: ${formatClock(r.context)}`);
const now = (trace: TraceIndex) => carriedRead(null, momentOf(trace));

describe('the context a put carries', () => {
  it('is none before the key was read, whatever was chosen for another moment', () => {
    const trace = loaded(new TraceIndex(), [put]);
    expect(momentOf(trace).reads).toEqual([]);
    expect(now(trace)).toBeNull();
    const elsewhere = loaded(new TraceIndex(), [put, get]);
    expect(carriedRead(chooseAt(momentOf(elsewhere), momentOf(elsewhere).reads[0]!), momentOf(trace))).toBeNull();
  });

  it('is the fresh get’s by default, as the Versions panel reads it, and a blind write when the lecturer chooses it for that get', () => {
    const trace = loaded(new TraceIndex(), [put, get]);
    const read = latestRead(trace, trace.length, 'cart')!;
    expect(now(trace)).toEqual(read);
    const blind = chooseAt(momentOf(trace), null);
    expect(carriedRead(blind, momentOf(trace))).toBeNull();
  });

  it('is a blind write once a put followed the get, unless chosen; a choice holds for one put, not every later one', () => {
    const trace = loaded(new TraceIndex(), [put, get, put]);
    expect(now(trace)).toBeNull();
    const stale = chooseAt(momentOf(trace), offered(momentOf(trace), 2));
    expect(carriedRead(stale, momentOf(trace))?.opId).toBe(2);
    // The put made with it (a get of another key on the way is no put of cart): the next one is blind again.
    const epoch = trace.epoch;
    continued(trace, [put, get, put, { type: 'get', key: 'hat', via: 'C' }, put]);
    expect(trace.epoch).toBe(epoch);
    expect(carriedRead(stale, momentOf(trace))).toBeNull();
  });

  it('chosen in one session, does not stand in the next, though its get has the same number there (Reset)', () => {
    const trace = loaded(new TraceIndex(), [put, get, put]);
    const stale = chooseAt(momentOf(trace), offered(momentOf(trace), 2));
    continued(trace, [put, get, put, put]);
    // Reset and the same three clicks: the same seed makes the same events, so only the trace's cut tells the sessions apart.
    loaded(trace, [put, get, put]);
    const reset = momentOf(trace);
    expect([reset.reads[0]!.index, reset.lastPutIndex]).toEqual([stale.readIndex, stale.lastPutIndex]);
    expect(carriedRead(stale, reset)).toBeNull();
  });

  it("offers the key's latest five gets, newest first, those a put has since followed too, each with the context it returned", () => {
    const inputs = [put, get, put, get, { type: 'get', key: 'hat', via: 'C' } as const, ...Array.from({ length: 5 }, (_, i) => via(get, 'ABCD'[i % 4]!))];
    const trace = loaded(new TraceIndex(), inputs);
    // #2 read D1; #4 read D2 (C's blind write replaced D1); #5 read hat, not cart; #6…#10 read D2 through each node.
    expect(named(momentOf(trace))).toEqual(['#10: ([C,2])', '#9: ([C,2])', '#8: ([C,2])', '#7: ([C,2])', '#6: ([C,2])']);
    expect(named(contextMoment(trace, momentOf(trace).reads[4]!.index, 'cart'))).toEqual(['#4: ([C,2])', '#2: ([C,1])']);
    expect(named(momentOf(trace, 'hat'))).toEqual(['#5: ()']);
  });

  it("two clients read D2, then each writes with its own read's context (lecture 003's D3 and D4), the second after the first's put", () => {
    // Sx is C (D1, D2); one client reads through D (get #3), the other through A (get #4).
    const trace = loaded(new TraceIndex(), [put, via(put, 'C'), via(get, 'D'), via(get, 'A')]);
    expect(named(momentOf(trace))).toEqual(['#4: ([C,2])', '#3: ([C,2])']);
    const first = chooseAt(momentOf(trace), offered(momentOf(trace), 3));
    expect(carriedRead(first, momentOf(trace))?.opId).toBe(3);
    continued(trace, [put, via(put, 'C'), via(get, 'D'), via(get, 'A'), { ...via(put, 'D'), context: offered(momentOf(trace), 3).context }]);
    // D3 was put: the first client's choice is spent, and get #4 is stale by the default rule, yet offered for the second client.
    expect(carriedRead(first, momentOf(trace))).toBeNull();
    expect(named(momentOf(trace))).toEqual(['#4: ([C,2])', '#3: ([C,2])']);
    const second = chooseAt(momentOf(trace), offered(momentOf(trace), 4));
    expect(carriedRead(second, momentOf(trace))?.opId).toBe(4);
  });

  it('carries an earlier get’s context where it differs from the latest get’s: a client that read D1 writes beside D2', () => {
    const trace = loaded(new TraceIndex(), [put, get, put, get]);
    expect(named(momentOf(trace))).toEqual(['#4: ([C,2])', '#2: ([C,1])']);
    const early = chooseAt(momentOf(trace), offered(momentOf(trace), 2));
    expect(formatClock(carriedRead(early, momentOf(trace))!.context)).toBe('([C,1])');
  });

  it('carries one of the gets offered at the cursor: the one chosen while its moment stands, else the default', () => {
    const ops = fc.record({ type: fc.constantFrom('put' as const, 'get' as const), key: fc.constantFrom('cart', 'hat'), via: fc.constantFrom('A', 'B', 'C', 'D') });
    fc.assert(
      fc.property(fc.array(ops, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), fc.nat(), (made, at, later, pick) => {
        const inputs = made.map((op, i): Input => (op.type === 'put' ? { ...op, type: 'put', value: i } : { ...op, type: 'get' }));
        const trace = loaded(new TraceIndex(), inputs);
        // The choice made with the cursor at one event, the put at the same event or a later one (the lecturer stepping on, or playing more).
        const [chosenAt, putAt] = [at % (trace.length + 1), at % (trace.length + 1) + (later % (trace.length + 1 - (at % (trace.length + 1))))];
        const then = contextMoment(trace, chosenAt, 'cart');
        const read = pick % (then.reads.length + 1) === 0 ? null : then.reads[(pick % (then.reads.length + 1)) - 1]!;
        const choice = chooseAt(then, read);
        const moment = contextMoment(trace, putAt, 'cart');
        const carried = carriedRead(choice, moment);
        expect(carried === null || moment.reads.includes(carried)).toBe(true);
        expect(moment.reads.length).toBeLessThanOrEqual(OFFERED_READS);
        const latest = moment.reads[0];
        const isSameMoment = latest !== undefined && latest.index === then.reads[0]?.index && moment.lastPutIndex === then.lastPutIndex;
        const byDefault = latest !== undefined && moment.lastPutIndex < latest.index ? latest : null;
        expect(carried?.index ?? null).toBe(isSameMoment ? (read?.index ?? null) : (byDefault?.index ?? null));
      }),
      { numRuns: 100 },
    );
  });
});
