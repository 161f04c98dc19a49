import { describe, expect, it } from 'vitest';
import { undoLabel } from './undo-label';

describe('undoLabel', () => {
  it('names a key as the log does: plain as it is, quoted when it holds a space, a bidi control escaped', () => {
    expect(undoLabel({ type: 'put', key: 'cart', value: 1 })).toBe('put cart');
    expect(undoLabel({ type: 'get', key: 'my cart' })).toBe('get "my cart"');
    expect(undoLabel({ type: 'put', key: 'x\u202eabc', value: 1 })).toBe('put "x\\u202eabc"');
  });

  it('cuts a long key short', () => {
    expect(undoLabel({ type: 'get', key: 'k'.repeat(40) })).toBe(`get ${'k'.repeat(23)}…`);
  });
});
