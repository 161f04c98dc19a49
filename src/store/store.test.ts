import { describe, expect, it } from 'vitest';
import { isReplacedNext, undoTarget, useStore, type Replaced } from './store';

const session = { seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }] }, actions: [] } as unknown as Replaced['session'];
const settings = useStore.getState().settings;
const replaced = (label: string, atOwnInputs: number, earlier: Replaced | null = null): Replaced => ({ session, settings, label, atOwnInputs, earlier });

describe('Undo through a replaced session', () => {
  it('takes back the inputs made since a change first, then brings the change back', () => {
    const change = replaced('W change', 1);
    expect(undoTarget({ replaced: change, undoable: 'get cart', ownInputs: 3 })).toBe('get cart');
    expect(undoTarget({ replaced: change, undoable: 'put cart', ownInputs: 2 })).toBe('put cart');
    // The put made again on W=1 is the change's own: Undo brings back W=2 instead.
    expect(undoTarget({ replaced: change, undoable: 'put cart', ownInputs: 1 })).toBe('W change');
    expect(isReplacedNext({ replaced: null, ownInputs: 0 })).toBe(false);
  });

  it('keeps at most eight replaced sessions, each a whole session', () => {
    let chain: Replaced | null = null;
    for (let i = 0; i < 12; i++) chain = replaced(`change ${i}`, 0, chain);
    useStore.getState().replacedKept(chain);
    let depth = 0;
    for (let r: Replaced | null | undefined = useStore.getState().replaced; r; r = r.earlier) depth++;
    expect(depth).toBe(8);
    expect(useStore.getState().replaced!.label).toBe('change 11');
    useStore.getState().replacedKept(null);
  });
});
