import { describe, expect, it } from 'vitest';
import { Checkpoints } from './checkpoints';

describe('Checkpoints', () => {
  it('is due every `every` events, once each, and finds the last copy at or before a cursor', () => {
    const c = new Checkpoints<{ read: number }>(4);
    expect([1, 3, 4, 5, 8].map((read) => c.isDue(read))).toEqual([false, false, true, false, true]);
    c.keep({ read: 4 });
    // Read again after a step back to 4: not kept twice.
    expect(c.isDue(4)).toBe(false);
    c.keep({ read: 8 });
    expect([0, 3, 4, 7, 8, 100].map((end) => c.before(end)?.read ?? null)).toEqual([null, null, 4, 4, 8, 8]);
  });
});
