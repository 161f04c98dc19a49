import { describe, expect, it } from 'vitest';
import { describe as describeEvent, type TraceEvent } from '../index';

describe("the trace's words", () => {
  it('names the siblings a replica replies with in the order they were made, whatever order it keeps them in', () => {
    const reply = (ids: readonly number[]) =>
      ({ seq: 9, atMs: 10, node: 'C', causeSeq: 8, kind: 'send', msgId: 4, from: 'C', to: 'A', deliverAtMs: 20, body: { type: 'get-reply', opId: 1, key: 'cart', versions: ids.map((id) => ({ id })) } }) as unknown as TraceEvent;
    expect(describeEvent(reply([3, 2]))).toBe('C replies to A with D2, D3 of cart');
    expect(describeEvent(reply([2, 3]))).toBe('C replies to A with D2, D3 of cart');
    expect(describeEvent(reply([]))).toBe('C replies to A with no version of cart');
  });
});
