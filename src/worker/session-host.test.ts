import { describe, expect, it } from 'vitest';
import { SessionHost } from './session-host';
import type { Frame, Reply } from './protocol';

function frame(reply: Reply): Frame {
  if (reply.type !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(reply)}`);
  return reply;
}

describe('SessionHost', () => {
  it('answers a put with a frame that carries the new trace events and the view', () => {
    const host = new SessionHost();
    frame(host.handle({ type: 'load', id: 1 }));
    const f = frame(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: ['book'] } }));
    expect(f.trace.from).toBe(0);
    expect(f.trace.events[0]).toMatchObject({ kind: 'op-start', key: 'cart' });
    expect(f.view.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(f.keys).toEqual([{ key: 'cart', pos: expect.any(Number) }]);
  });

  it('sends only new events, and cuts the page\'s trace when an input forks the past', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    const put = frame(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } }));
    const step = frame(host.handle({ type: 'stepForward', id: 3, count: 3 }));
    expect(step.trace.from).toBe(put.trace.events.length);
    const back = frame(host.handle({ type: 'stepBack', id: 4 }));
    expect(back.trace.events).toEqual([]);
    expect(back.traceLengthAtCursor).toBeLessThan(back.length === 0 ? 1 : step.trace.from + step.trace.events.length);
    const fork = frame(host.handle({ type: 'input', id: 5, input: { type: 'fail', node: 'B' } }));
    expect(fork.trace.from).toBe(back.traceLengthAtCursor);
    expect(fork.trace.events[0]).toMatchObject({ kind: 'node-failed', node: 'B' });
  });

  it('reports a bad input as an error naming the field, and keeps working', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    expect(host.handle({ type: 'input', id: 2, input: { type: 'fail', node: 'Z' } })).toMatchObject({ type: 'error', id: 2, field: 'node', message: expect.stringContaining('"Z"') });
    expect(host.handle({ type: 'input', id: 3, input: { type: 'fail', node: 'A' } }).type).toBe('frame');
  });

  it('a session replays to the same trace and cursor', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } });
    host.handle({ type: 'stepForward', id: 3, count: 5 });
    host.handle({ type: 'stepBack', id: 4 });
    const original = frame(host.handle({ type: 'select', id: 5, key: 'cart' }));
    const reply = host.handle({ type: 'session', id: 6 });
    if (reply.type !== 'session') throw new Error('expected a session');
    const other = new SessionHost();
    const loaded = frame(other.handle({ type: 'load', id: 1, session: reply.session }));
    const selected = frame(other.handle({ type: 'select', id: 2, key: 'cart' }));
    expect(loaded.cursor).toBe(original.cursor);
    expect(JSON.stringify(selected.keyView)).toBe(JSON.stringify(original.keyView));
    expect(JSON.stringify(selected.view)).toBe(JSON.stringify(original.view));
  });
});

describe('SessionHost: scenario files and lectures', () => {
  it('opens a scenario file at its start, with the cursor at the end of each step', () => {
    const host = new SessionHost();
    const text = JSON.stringify({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'A', tokens: [10] }] }, steps: [{ op: 'put', key: 'k', value: 1 }, { op: 'get', key: 'k' }] });
    const f = frame(host.handle({ type: 'loadScenario', id: 1, text }));
    expect(f.cursor).toBe(0);
    expect(f.stepEnds).toHaveLength(2);
    expect(f.length).toBe(f.stepEnds!.at(-1));
    const end = frame(host.handle({ type: 'seek', id: 2, cursor: f.stepEnds![1]! }));
    expect(end.view.nodes[0]!.keyCount).toBe(1);
  });

  it('explains a scenario it cannot open, and keeps the current session', () => {
    const host = new SessionHost();
    host.handle({ type: 'load', id: 1 });
    const reply = host.handle({ type: 'loadScenario', id: 2, text: '{"version": 1, "seed": 1, "config": {"n": 2, "r": 3, "w": 1, "nodes": [{"id": "A"}, {"id": "B"}]}, "steps": []}' });
    expect(reply).toMatchObject({ type: 'error', message: expect.stringContaining('config.r: r (3) is greater than n (2)') });
    expect(frame(host.handle({ type: 'stepForward', id: 3 })).view.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('opens a part of a built-in lecture', () => {
    const host = new SessionHost();
    const f = frame(host.handle({ type: 'loadLecture', id: 1, lectureId: 'shopping-cart', part: 0 }));
    expect(f.stepEnds!.length).toBeGreaterThan(5);
    expect(host.handle({ type: 'loadLecture', id: 2, lectureId: 'shopping-cart', part: 9 })).toMatchObject({ type: 'error' });
  });
});
