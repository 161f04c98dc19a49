import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster, snapshot, type TraceEvent } from '../engine/index';
import { Timeline } from './timeline';
import { config, inputs, record } from './timeline-testing';
import { eventClass } from '../engine/index';

describe('Timeline', () => {
  it('records the same events as the engine driven directly', () => {
    const t = record(20);
    const c = Cluster.create(config, 7);
    for (const input of inputs) {
      c.apply(input);
      for (let i = 0; i < 20; i++) c.step();
    }
    expect(JSON.stringify(t.trace)).toBe(JSON.stringify(c.trace));
  });

  it('stepping back and forth over checkpoints lands on exactly the same state', () => {
    const t = record(40);
    const end = t.cursor;
    const atEnd = JSON.stringify(t.current.nodes.get('A')!.store.get('cart'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: end }), (target) => {
        t.seek(target);
        expect(t.cursor).toBe(target);
        t.seek(end);
        expect(JSON.stringify(t.current.nodes.get('A')!.store.get('cart'))).toBe(atEnd);
      }),
      { numRuns: 40 },
    );
  });

  it('a step back then a step forward gives the same events again', () => {
    const t = record(30);
    const before = JSON.stringify(t.trace);
    const cursor = t.cursor;
    t.stepBack();
    t.stepBack();
    expect(t.cursor).toBe(cursor - 2);
    t.stepForward();
    t.stepForward();
    expect(t.cursor).toBe(cursor);
    expect(JSON.stringify(t.trace)).toBe(before);
  });

  it('an input in the past forks: later actions are dropped and the trace is cut', () => {
    const t = record(10);
    t.seek(3);
    const kept = t.traceLengthAtCursor;
    const cut = t.input({ type: 'fail', node: 'E' });
    expect(cut).toBe(kept);
    expect(t.length).toBe(4);
    expect(t.trace.at(-1)).toMatchObject({ kind: 'node-failed', node: 'E' });
  });

  it('an input the engine refuses in the past keeps the recording after the cursor whole', () => {
    const t = record(10);
    const [length, trace, rewrites] = [t.length, JSON.stringify(t.trace), t.revision];
    t.seek(3);
    expect(() => t.input({ type: 'put', key: '', value: 'x' })).toThrow(/key/);
    expect(() => t.input({ type: 'fail', node: 'Z' })).toThrow(/Z/);
    expect([t.length, t.cursor, t.revision]).toEqual([length, 3, rewrites]);
    t.seek(length);
    expect(JSON.stringify(t.trace)).toBe(trace);
  });

  it('counts rewrites of the recorded actions, and only those: what a lecture checks before trusting its step ends', () => {
    const t = record(10);
    const length = t.length;
    t.seek(3);
    t.seek(length);
    t.stepForward(); // recording more at the end keeps every earlier cursor as it was
    t.input({ type: 'get', key: 'cart' });
    expect(t.revision).toBe(0);
    t.seek(3);
    t.input({ type: 'fail', node: 'E' }); // in the past: the recorded future is dropped
    expect(t.revision).toBe(1);
    t.undo();
    expect(t.revision).toBe(2);
    t.undo(); // undoing at the end drops nothing more than the input itself
    expect(t.revision).toBe(3);
  });

  it('seekToEvent puts the cursor just after the action that produced the event', () => {
    const t = record(10);
    const target = t.trace[25]!;
    t.seekToEvent(target.seq);
    expect(t.traceLengthAtCursor).toBeGreaterThan(25);
    t.stepBack();
    expect(t.traceLengthAtCursor).toBeLessThanOrEqual(25);
  });

  it('advanceTo runs until the virtual time and no further', () => {
    const t = Timeline.create(config, 3);
    t.input({ type: 'put', key: 'k', value: 1 });
    t.advanceTo(15);
    expect(t.current.nowMs).toBeLessThanOrEqual(15);
    expect(t.nextEventTime() ?? Infinity).toBeGreaterThan(15);
  });
});

describe('Timeline clock moves', () => {
  it('an input made after playback ran past the last event happens at the playback time, and replays so', () => {
    const t = Timeline.create({ ...config, gossipIntervalMs: 0, antiEntropyIntervalMs: 0 }, 5);
    t.input({ type: 'put', key: 'k', value: 1 });
    t.advanceTo(5_000);
    expect(t.current.nowMs).toBe(5_000);
    t.input({ type: 'get', key: 'k' });
    expect(t.trace.at(-1)!.atMs).toBeGreaterThanOrEqual(5_000);
    const replayed = Timeline.create(t.config, t.seed);
    replayed.replayActions(t.compactActions());
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(t.trace));
  });

  it('consecutive clock moves fold into one action', () => {
    const t = Timeline.create({ ...config, gossipIntervalMs: 0, antiEntropyIntervalMs: 0 }, 5);
    t.advanceTo(100);
    t.advanceTo(200);
    t.advanceTo(300);
    expect(t.compactActions()).toEqual([{ clockMs: 300 }]);
  });

  describe('undo', () => {
    it('takes back the last input and what followed it: the same trace as never having done it', () => {
      const t = record(20);
      expect(t.lastInput()).toEqual(inputs[4]);
      const keep = t.undo();
      const without = Timeline.create(config, 7);
      for (const input of inputs.slice(0, 4)) {
        without.input(input);
        for (let i = 0; i < 20; i++) without.stepForward();
      }
      expect(keep).toBe(without.trace.length);
      expect(JSON.stringify(t.trace)).toBe(JSON.stringify(without.trace));
      expect(t.cursor).toBe(t.length);
      expect(t.lastInput()).toEqual(inputs[3]);
    });

    it('undoes the input before the cursor when viewing the past, dropping the recorded future', () => {
      const t = record(5);
      t.seek(14); // input 2 is action 12; the cursor stands one step after it
      expect(t.lastInput()).toEqual(inputs[2]);
      t.undo();
      expect(t.cursor).toBe(12);
      expect(t.length).toBe(12);
      expect(t.lastInput()).toEqual(inputs[1]);
    });

    it("passes over the background clients' inputs to take back the lecturer's own, and drops those after it", () => {
      const t = Timeline.create(config, 7);
      t.input({ type: 'put', key: 'seed', value: 0 }, true); // a preset's preloaded key
      t.input({ type: 'fail', node: 'B' });
      for (let i = 0; i < 30; i++) t.input({ type: i % 2 ? 'get' : 'put', key: `k${i % 4}`, value: i }, true);
      expect(t.lastInput()).toEqual({ type: 'fail', node: 'B' });
      t.undo();
      expect(t.length).toBe(1);
      expect(t.lastInput()).toBeNull();
      expect(t.undo()).toBeNull();
      // The flag travels with the session, so a shared link's Undo does the same.
      expect(t.compactActions()).toEqual([{ input: { type: 'put', key: 'seed', value: 0 }, background: true }]);
      const copy = Timeline.create(config, 7);
      copy.replayActions(t.compactActions());
      expect(copy.lastInput()).toBeNull();
    });

    it('says there is nothing to undo before the first input', () => {
      const t = Timeline.create(config, 7);
      t.stepForward();
      expect(t.lastInput()).toBeNull();
      expect(t.undo()).toBeNull();
      expect(t.length).toBe(1);
    });
  });

  it('a Step forward that finds only hidden events ahead leaves the recording as it was', () => {
    // After a put is answered only gossip is left: nothing the log shows comes.
    const isShown = (e: TraceEvent) => eventClass(e) !== 'gossip' && eventClass(e) !== 'anti-entropy';
    const t = Timeline.create(config, 7);
    t.input({ type: 'put', key: 'cart', value: ['book'] });
    while (t.stepForwardTo(isShown, 50));
    const at = t.cursor;
    const length = t.length;
    const events = t.trace.length;
    const revision = t.revision;
    expect(t.stepForwardTo(isShown, 50)).toBe(false);
    expect([t.cursor, t.length, t.trace.length, t.revision]).toEqual([at, length, events, revision]);
    // And stepping on plainly afterwards computes the same steps again.
    expect(t.stepForward()).toBe(true);
    expect(t.length).toBe(length + 1);
  });

  it('a step that shows nothing the log shows is passed over, forward and back', () => {
    // The log's default: background gossip and anti-entropy hidden.
    const isShown = (e: TraceEvent) => eventClass(e) !== 'gossip' && eventClass(e) !== 'anti-entropy';
    const t = Timeline.create(config, 7);
    t.input({ type: 'put', key: 'cart', value: ['book'] });
    for (let i = 0; i < 60; i++) t.stepForward();
    t.input({ type: 'fail', node: 'B' });
    for (let i = 0; i < 60; i++) t.stepForward();
    const end = t.cursor;
    /** The events action k (0-based) produced. */
    const eventsOf = (k: number): readonly TraceEvent[] => {
      const at = t.cursor;
      t.seek(k);
      const from = t.traceLengthAtCursor;
      t.seek(k + 1);
      const to = t.traceLengthAtCursor;
      t.seek(at);
      return t.trace.slice(from, to);
    };
    const shows = Array.from({ length: end }, (_, k) => eventsOf(k).some(isShown));
    expect(shows.filter((x) => !x).length).toBeGreaterThan(10); // there is hidden-only gossip to pass over
    // Forward from each cursor: to just after the next action that shows something.
    for (const from of [1, 10, 30, 61, 90]) {
      t.seek(from);
      const next = shows.indexOf(true, from);
      expect(t.stepForwardTo(isShown)).toBe(true);
      if (next !== -1) expect(t.cursor).toBe(next + 1);
      else {
        // Past the recording, the engine runs on until a step shows something.
        expect(t.cursor).toBeGreaterThan(end);
        expect(eventsOf(t.cursor - 1).some(isShown)).toBe(true);
        expect(eventsOf(t.cursor - 2).some(isShown)).toBe(false);
      }
    }
    // Back from each cursor: to the stop before it, where Step forward stops: just after the last
    // shown action before the cursor (or the start). At a stop, that takes back the log's current
    // event; among hidden actions after it, it comes back to the current event's own moment.
    const stopBefore = (from: number) => {
      let k = from - 1;
      while (k > 0 && !shows[k - 1]) k--;
      return k;
    };
    const froms = [end, 100, 62, 40, 2, 1];
    // Some cursors stand among hidden actions after a shown one, some at a stop.
    expect(froms.some((f) => !shows[f - 1] && shows.lastIndexOf(true, f - 1) >= 0)).toBe(true);
    expect(froms.some((f) => shows[f - 1])).toBe(true);
    for (const from of froms) {
      t.seek(from);
      const previous = stopBefore(from) - 1;
      expect(t.stepBackTo(isShown)).toBe(true);
      expect(t.cursor).toBe(previous + 1);
      // And Step forward from there comes back to the first stop after it.
      const next = shows.indexOf(true, t.cursor);
      if (next !== -1 && next < from) {
        t.stepForwardTo(isShown);
        expect(t.cursor).toBe(next + 1);
      }
    }
    // Back then forward returns to the same place, from every stop of the recording.
    for (let k = 1; k < end; k++) {
      if (!shows[k]) continue;
      t.seek(k + 1);
      t.stepBackTo(isShown);
      t.stepForwardTo(isShown);
      expect(t.cursor).toBe(k + 1);
    }
  });
});

describe('Timeline checkpoints and Undo on a busy session', () => {
  /** 16 nodes, 300 keys written, then background clients and the engine taking turns. */
  function busy(actions: number): Timeline {
    const t = Timeline.create({ n: 3, r: 2, w: 2, nodes: Array.from({ length: 16 }, (_, i) => ({ id: `n${i}` })) }, 3);
    for (let i = 0; i < 300; i++) t.input({ type: 'put', key: `k${i}`, value: i }, true);
    for (let i = 0; t.length < actions; i++) {
      if (i % 5 === 0) t.input({ type: i % 2 ? 'get' : 'put', key: `k${(i * 7) % 300}`, value: i }, true);
      else t.stepForward();
    }
    return t;
  }

  it('spaces checkpoints by what they copy, so together they hold no more entries than the trace has events', () => {
    const t = busy(4000);
    // Every 64 actions would be 62 checkpoints of some 1,300 entries each.
    expect(t.checkpointCount).toBeGreaterThan(1);
    expect(t.checkpointCount).toBeLessThan(20);
    const entries = (t as unknown as { checkpoints: { size: number }[] }).checkpoints.slice(0, -1).reduce((sum, c) => sum + c.size, 0);
    expect(entries).toBeLessThanOrEqual(t.trace.length);
  });

  it('a seek anywhere in a busy session gives the state a straight recording had there', () => {
    const t = busy(2500);
    const straight = busy(2500); // recorded again, read action by action from the start
    const states: string[] = [];
    straight.seek(0);
    for (let at = 0; at <= straight.length; at++) {
      if (at % 50 === 0 || at === straight.length) states[at] = JSON.stringify(snapshot(straight.current));
      if (at < straight.length) straight.stepForward();
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), (k) => {
        const at = Math.min(t.length, k * 50);
        t.seek(at);
        expect(JSON.stringify(snapshot(t.current))).toBe(states[at]);
      }),
      { numRuns: 12 },
    );
  });

  it("Undo's target is always the lecturer's last input at or before the cursor, whatever came between", () => {
    type Move = { readonly kind: 'own' | 'background' | 'step' | 'undo' } | { readonly kind: 'seek'; readonly to: number };
    const move = fc.oneof(
      fc.constantFrom<Move>({ kind: 'own' }, { kind: 'background' }, { kind: 'step' }, { kind: 'undo' }),
      fc.integer({ min: 0, max: 40 }).map((to): Move => ({ kind: 'seek', to })),
    );
    fc.assert(
      fc.property(fc.array(move, { maxLength: 40 }), (moves) => {
        const t = Timeline.create(config, 7);
        moves.forEach((m, i) => {
          if (m.kind === 'own') t.input({ type: 'put', key: 'cart', value: i });
          else if (m.kind === 'background') t.input({ type: 'get', key: 'cart' }, true);
          else if (m.kind === 'step') t.stepForward();
          else if (m.kind === 'undo') t.undo();
          else if (m.kind === 'seek') t.seek(m.to);
          // The definition: scan back from the cursor for an input not marked background.
          const own = t.recordedActions.slice(0, t.cursor).filter((a) => a.kind === 'input' && !a.isBackground).at(-1);
          expect(t.lastInput()).toEqual(own?.kind === 'input' ? own.input : null);
        });
      }),
      { numRuns: 60 },
    );
  });
});
