import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../worker/default-config';
import { Timeline } from '../worker/timeline';
import { replayInputsOn } from '../worker/replay-on';
import { answeredInTurn, overtaken, ownRequests } from './session-notices';

/** Fail D, put cart through C until it answers, then get it through C; `background` puts in between if asked. */
function run(withBackground: boolean): Timeline {
  const t = Timeline.create(DEFAULT_CONFIG, DEFAULT_SEED);
  t.input({ type: 'fail', node: 'D' });
  t.input({ type: 'put', key: 'cart', value: 'shoes', via: 'C' });
  if (withBackground) t.input({ type: 'put', key: 'key:7', value: 'w1' }, true);
  while (!t.trace.some((e) => e.kind === 'op-end' && e.key === 'cart')) t.stepForward();
  if (withBackground) t.input({ type: 'put', key: 'key:9', value: 'w2' }, true);
  t.input({ type: 'get', key: 'cart', via: 'C' });
  for (let i = 0; i < 40; i++) t.stepForward();
  return t;
}

const ownOf = (t: Timeline) => ownRequests({ seed: t.seed, config: t.config, actions: t.compactActions() });

describe('a run made again on other settings', () => {
  it('says when a request no longer answers before the next one starts: with N=2 the put waits for a stand-in while the get made after it begins', () => {
    const t = run(false);
    const own = ownOf(t);
    const before = answeredInTurn(t.trace, own);
    expect(before.map((r) => [r.label, r.inTurn])).toEqual([
      ['put cart', true],
      ['get cart', true],
    ]);
    const after = answeredInTurn(replayInputsOn(t, { ...DEFAULT_CONFIG, n: 2 }).trace, own);
    expect(after[0]!.inTurn).toBe(false);
    expect(overtaken(before, after)).toBe('the put cart now answers after the get cart made after it starts');
    // With W=1 the put answers sooner still: nothing to say.
    expect(overtaken(before, answeredInTurn(replayInputsOn(t, { ...DEFAULT_CONFIG, w: 1 }).trace, own))).toBeNull();
  });

  it("compares the lecturer's own requests only: background clients' requests between them neither hide an overtaking nor make one up", () => {
    const t = run(true);
    const own = ownOf(t);
    expect(own).toEqual([true, false, false, true]);
    const before = answeredInTurn(t.trace, own);
    expect(before.map((r) => r.label)).toEqual(['put cart', 'get cart']);
    expect(before.every((r) => r.inTurn)).toBe(true);
    expect(overtaken(before, answeredInTurn(replayInputsOn(t, { ...DEFAULT_CONFIG, n: 2 }).trace, own))).toBe('the put cart now answers after the get cart made after it starts');
    expect(overtaken(before, answeredInTurn(replayInputsOn(t, { ...DEFAULT_CONFIG, r: 1 }).trace, own))).toBeNull();
  });
});
