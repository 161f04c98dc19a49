import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../worker/default-config';
import { Timeline } from '../worker/timeline';
import { replayInputsOn } from '../worker/replay-on';
import { answeredInTurn, overtaken } from './session-notices';

describe('a run made again on other settings', () => {
  it('says when a request no longer answers before the next one starts: with N=2 the put waits for a stand-in while the get made after it begins', () => {
    const t = Timeline.create(DEFAULT_CONFIG, DEFAULT_SEED);
    t.input({ type: 'fail', node: 'D' });
    t.input({ type: 'put', key: 'cart', value: 'shoes', via: 'C' });
    while (!t.trace.some((e) => e.kind === 'op-end')) t.stepForward();
    t.input({ type: 'get', key: 'cart', via: 'C' });
    for (let i = 0; i < 30; i++) t.stepForward();
    const before = answeredInTurn(t.trace);
    expect(before.map((r) => [r.label, r.inTurn])).toEqual([
      ['put cart', true],
      ['get cart', true],
    ]);
    const again = replayInputsOn(t, { ...DEFAULT_CONFIG, n: 2 });
    const after = answeredInTurn(again.trace);
    expect(after[0]!.inTurn).toBe(false);
    expect(overtaken(before, after)).toBe('the put cart now answers after the get cart made after it starts');
    // With W=1 the put answers sooner still: nothing to say.
    expect(overtaken(before, answeredInTurn(replayInputsOn(t, { ...DEFAULT_CONFIG, w: 1 }).trace))).toBeNull();
  });
});
