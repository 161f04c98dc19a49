import { describe, expect, it } from 'vitest';
import { isReplacedNext, redoTarget, traceIndex, undoTarget, useStore, type Replaced } from './store';
import { hasWorkToLose } from '../app/use-leave-guard';
import { SessionHost } from '../worker/session-host';
import type { Frame, Reply } from '../worker/protocol';

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

describe('Redo', () => {
  it('brings back the newest Undo first, keeps at most eight, and a new session forgets them', () => {
    expect(redoTarget(useStore.getState())).toBeNull();
    useStore.getState().redoKept(Array.from({ length: 12 }, (_, i) => ({ session, settings, label: `put k${i}`, replaced: null })));
    expect(useStore.getState().redo).toHaveLength(8);
    expect(redoTarget(useStore.getState())).toBe('put k11');
    expect(useStore.getState().redo[0]!.label).toBe('put k4');
    // Leaving the page would lose it: the session it brings back lives only here.
    expect(hasWorkToLose({ ownInputs: 0, openedInputs: 0, replaced: null, redo: useStore.getState().redo }, false)).toBe(true);
    expect(hasWorkToLose({ ownInputs: 0, openedInputs: 0, replaced: null, redo: [] }, false)).toBe(false);
    useStore.getState().sessionStarted(settings);
    expect(redoTarget(useStore.getState())).toBeNull();
  });
});

describe('traceVersion', () => {
  const received = (reply: Reply): Frame => {
    if (reply.type !== 'frame') throw new Error(JSON.stringify(reply));
    traceIndex.apply(reply.trace.from, reply.trace.events); // as the page's controller does with every frame
    useStore.getState().frameReceived(reply, reply.keys);
    return reply;
  };
  const version = () => useStore.getState().traceVersion;

  it('changes when the trace does, and only then: the panels that read the trace skip frames that bring nothing', () => {
    const host = new SessionHost();
    received(host.handle({ type: 'load', id: 1 }));
    received(host.handle({ type: 'input', id: 2, input: { type: 'put', key: 'cart', value: 1 } }));
    const afterPut = version();
    received(host.handle({ type: 'select', id: 3, key: 'cart' }));
    expect(version()).toBe(afterPut);
    received(host.handle({ type: 'stepForward', id: 4 }));
    const afterStep = version();
    expect(afterStep).not.toBe(afterPut);
    // A step back sends no events but keeps the trace as it is: the cursor, not the trace, moved.
    received(host.handle({ type: 'stepBack', id: 5 }));
    expect(version()).toBe(afterStep);
    // An input there cuts the trace and appends: it changed.
    received(host.handle({ type: 'input', id: 6, input: { type: 'fail', node: 'B' } }));
    expect(version()).not.toBe(afterStep);
  });
});

describe('a notice that only hidden kinds are ahead', () => {
  it('goes once one of the kinds it names is shown (a tab lending it, a chip), and stays while another kind is', () => {
    const store = useStore.getState();
    if (store.logFilter.gossip) store.filterToggled('gossip');
    if (store.logFilter['anti-entropy']) store.filterToggled('anti-entropy');
    store.noticeShown({ message: 'Only Gossip, Anti-entropy events ahead, all hidden in the log', field: 'step', hidden: ['gossip', 'anti-entropy'] });
    useStore.getState().filterToggled('client');
    useStore.getState().filterToggled('client');
    expect(useStore.getState().notice?.hidden).toEqual(['gossip', 'anti-entropy']);
    useStore.getState().filterToggled('gossip');
    expect(useStore.getState().notice).toBeNull();
    // Any other notice stays when a kind is shown.
    useStore.getState().filterToggled('gossip');
    useStore.getState().noticeShown({ message: 'R: must be at most N', field: 'settings' });
    useStore.getState().filterToggled('gossip');
    expect(useStore.getState().notice?.field).toBe('settings');
  });
});
