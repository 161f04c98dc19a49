import { describe, expect, it } from 'vitest';
import { Cluster, type Input, type TraceEvent } from '../../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { TraceIndex } from '../../store/trace-index';
import { contextMoment, contextOption, type ContextChoice, type ContextOption } from './context-choice';

const put: Input = { type: 'put', key: 'cart', value: 'shoes', via: 'C' };
const get: Input = { type: 'get', key: 'cart', via: 'C' };

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

const chosenAt = (trace: TraceIndex, option: ContextOption): ContextChoice => ({ ...contextMoment(trace, trace.length, 'cart'), option });
const now = (trace: TraceIndex) => contextOption(null, contextMoment(trace, trace.length, 'cart'));

describe('the context a put carries', () => {
  it('is none before the key was read, whatever was chosen for another moment', () => {
    const trace = loaded(new TraceIndex(), [put]);
    expect(now(trace)).toBe('none');
    expect(contextOption({ epoch: trace.epoch, readIndex: -1, lastPutIndex: -1, option: 'read' }, contextMoment(trace, trace.length, 'cart'))).toBe('none');
  });

  it('is the fresh get’s by default, and a blind write when the lecturer chooses it for that get', () => {
    const trace = loaded(new TraceIndex(), [put, get]);
    expect(now(trace)).toBe('read');
    const blind = chosenAt(trace, 'none');
    expect(contextOption(blind, contextMoment(trace, trace.length, 'cart'))).toBe('none');
  });

  it('is a blind write once a put followed the get, unless chosen; a choice holds for one put, not every later one', () => {
    const trace = loaded(new TraceIndex(), [put, get, put]);
    expect(now(trace)).toBe('none');
    const stale = chosenAt(trace, 'read');
    expect(contextOption(stale, contextMoment(trace, trace.length, 'cart'))).toBe('read');
    // The put made with it (a get of another key on the way is no put of cart): the next one is blind again.
    const epoch = trace.epoch;
    continued(trace, [put, get, put, { type: 'get', key: 'hat', via: 'C' }, put]);
    expect(trace.epoch).toBe(epoch);
    expect(contextOption(stale, contextMoment(trace, trace.length, 'cart'))).toBe('none');
  });

  it('chosen in one session, does not stand in the next, though its get has the same number there (Reset)', () => {
    const trace = loaded(new TraceIndex(), [put, get, put]);
    const stale = chosenAt(trace, 'read');
    continued(trace, [put, get, put, put]);
    // Reset and the same three clicks: the same seed makes the same events, so only the trace's cut tells the sessions apart.
    loaded(trace, [put, get, put]);
    const reset = contextMoment(trace, trace.length, 'cart');
    expect([reset.readIndex, reset.lastPutIndex]).toEqual([stale.readIndex, stale.lastPutIndex]);
    expect(contextOption(stale, reset)).toBe('none');
  });
});
