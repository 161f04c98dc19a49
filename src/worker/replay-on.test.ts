import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/index';
import { Timeline } from './timeline';
import { replayInputsOn } from './replay-on';
import { config, record } from './timeline-testing';

const isInputEvent = (e: TraceEvent) => e.kind === 'op-start' || e.kind === 'node-failed' || e.kind === 'node-recovered';
/** The moments inputs were made, read off the trace: each op's start, each failure and recovery. */
const inputMoments = (t: Timeline) => t.trace.filter(isInputEvent).map((e) => [e.kind, e.atMs]);
/** Engine steps between one input and the next. */
const stepGaps = (t: Timeline) => {
  const gaps: number[] = [];
  let steps = 0;
  for (const a of t.recordedActions) {
    if (a.kind === 'input') {
      gaps.push(steps);
      steps = 0;
    } else if (a.kind === 'step') steps++;
  }
  return gaps;
};

describe('replayInputsOn', () => {
  it('makes the same inputs again at the same virtual times on other settings, not after as many engine steps', () => {
    const t = record(9);
    t.advanceTo(t.current.nowMs + 250);
    t.input({ type: 'get', key: 'cart', via: 'D' });
    for (let i = 0; i < 30; i++) t.stepForward();
    // N=2: fewer replicas, fewer messages, so other step counts between the same moments.
    const again = replayInputsOn(t, { ...config, n: 2, r: 1, w: 1 });
    expect(again.inputs).toEqual(t.inputs);
    expect(inputMoments(again)).toEqual(inputMoments(t));
    expect(stepGaps(again)).not.toEqual(stepGaps(t));
    expect(again.config.n).toBe(2);
    expect(again.current.nowMs).toBe(t.current.nowMs);
    expect(again.cursor).toBe(again.length);
    // W=1: the first put answers on its first acknowledgement, sooner than with W=2.
    const firstEnd = (x: Timeline) => x.trace.find((e) => e.kind === 'op-end')!;
    expect(firstEnd(again).atMs).toBeLessThan(firstEnd(t).atMs);
    // The session it records replays to the same events, as any other.
    const copy = Timeline.create(again.config, again.seed);
    copy.replayActions(again.compactActions());
    expect(copy.trace).toEqual(again.trace);
  });

  it('stands at the same moment as the cursor it replaces, and keeps background inputs marked', () => {
    const t = Timeline.create(config, 3);
    t.input({ type: 'put', key: 'k', value: 1 }, true);
    for (let i = 0; i < 12; i++) t.stepForward();
    t.input({ type: 'fail', node: 'A' });
    for (let i = 0; i < 12; i++) t.stepForward();
    t.input({ type: 'put', key: 'cart', value: 2 });
    for (let i = 0; i < 40; i++) t.stepForward();
    t.seek(20);
    const at = t.current.nowMs;
    const again = replayInputsOn(t, { ...config, n: 2, r: 1, w: 1 });
    expect(again.current.nowMs).toBeLessThanOrEqual(at);
    expect(again.nextEventTime()!).toBeGreaterThan(at);
    expect(again.compactActions().filter((a) => 'input' in a).map((a) => ('input' in a ? a.background === true : null))).toEqual([true, false, false]);
  });

  it('never puts the cursor past an input it had not reached, even one made in the same moment', () => {
    // A failure and a put with no step between: the cursor stands between them, and at the start.
    const t = Timeline.create(config, 5);
    t.input({ type: 'fail', node: 'C' });
    t.input({ type: 'put', key: 'cart', value: 1 });
    for (let i = 0; i < 20; i++) t.stepForward();
    for (const cursor of [0, 1]) {
      t.seek(cursor);
      const again = replayInputsOn(t, { ...config, w: 1 });
      expect(again.cursor).toBe(cursor);
      expect(again.trace.slice(0, again.traceLengthAtCursor).filter(isInputEvent).map((e) => e.kind)).toEqual(cursor === 0 ? [] : ['node-failed']);
      expect(again.current.node('C').isUp).toBe(cursor === 0);
    }
  });

  it('refuses a run that would pass the bound on recorded events, or an input the engine refuses, naming it', () => {
    expect(() => replayInputsOn(record(9), { ...config, w: 1 }, 5)).toThrow(/with these settings the run would pass the 5 events a session may record/);
    const t = Timeline.create(config, 5);
    t.input({ type: 'put', key: 'cart', value: 1 });
    for (let i = 0; i < 5; i++) t.stepForward();
    // The same cluster always takes the same inputs; a cluster without node E (here, to show the words) refuses "fail E".
    t.input({ type: 'fail', node: 'E' });
    expect(() => replayInputsOn(t, { ...config, nodes: config.nodes.slice(0, 4) })).toThrow(/^fail E at [\d.]+ ms: /);
  });
});
