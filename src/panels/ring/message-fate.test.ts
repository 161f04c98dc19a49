import { describe, expect, it } from 'vitest';
import { messageFate } from './message-fate';

describe("a doomed message's fate", () => {
  it('is certain for a loss, and conditional on the arrival for a cut link or a down receiver', () => {
    expect(messageFate({ doomedBy: 'loss', to: 'D' })).toBe('will be lost');
    expect(messageFate({ doomedBy: 'split', to: 'D' })).toBe('will be lost unless the network heals before it arrives');
    expect(messageFate({ doomedBy: 'down', to: 'D' })).toBe('will be lost unless D recovers before it arrives');
    expect(messageFate({ doomedBy: null, to: 'D' })).toBeNull();
  });
});
