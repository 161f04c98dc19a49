import { describe, expect, it } from 'vitest';
import { isOnScript } from './on-script';
import type { SessionAction } from '../../worker/protocol';

const script: SessionAction[] = [{ input: { type: 'put', key: 'cart', value: ['basketball'], via: 'node1' } }, { steps: 12 }, { clockMs: 60 }, { input: { type: 'get', key: 'cart' } }, { steps: 4 }];

describe('a shared session against the lecture it was made in', () => {
  it('follows the script when it holds the whole recording, however its steps are folded', () => {
    expect(isOnScript(script, script)).toBe(true);
    expect(isOnScript([script[0]!, { steps: 5 }, { steps: 7 }, ...script.slice(2)], script)).toBe(true);
  });

  it('is off the script when it stops short of the recording (an Undo took the lecture back)', () => {
    expect(isOnScript([script[0]!, { steps: 5 }], script)).toBe(false);
    expect(isOnScript([], script)).toBe(false);
  });

  it('follows the script when it goes on after the recording ends', () => {
    expect(isOnScript([...script, { steps: 3 }, { input: { type: 'fail', node: 'node2' } }], script)).toBe(true);
  });

  it('matches inputs whatever the order of their fields', () => {
    expect(isOnScript([{ input: { via: 'node1', value: ['basketball'], key: 'cart', type: 'put' } }, ...script.slice(1)], script)).toBe(true);
  });

  it('is off the script when an action differs, is missing or comes early', () => {
    expect(isOnScript([{ input: { type: 'put', key: 'cart', value: ['shoes'], via: 'node1' } }], script)).toBe(false);
    expect(isOnScript([script[0]!, { steps: 12 }, { input: { type: 'get', key: 'cart' } }], script)).toBe(false);
    expect(isOnScript([script[0]!, { steps: 13 }], script)).toBe(false);
  });
});
