import { afterEach, describe, expect, it } from 'vitest';
import { hasWorkToLose } from './use-leave-guard';
import { traceIndex, useStore } from '../store/store';
import { SessionHost } from '../worker/session-host';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../worker/default-config';
import type { Command, Session } from '../worker/protocol';

/** A link's session: two of the lecturer's inputs, a background client's get, some steps between. */
const LINK: Session = {
  seed: DEFAULT_SEED,
  config: DEFAULT_CONFIG,
  actions: [{ input: { type: 'put', key: 'cart', value: 'shoes' } }, { steps: 6 }, { input: { type: 'fail', node: 'D' } }, { input: { type: 'get', key: 'cart' }, background: true }, { steps: 4 }],
};

describe('the leave guard, on a link or file just opened', () => {
  const host = new SessionHost();
  let id = 0;
  /** Sends `command` to the engine and hands its frame to the store, as the page's controller does. */
  const sent = (command: Record<string, unknown> & { type: Command['type'] }) => {
    const reply = host.handle({ ...command, id: ++id } as Command);
    if (reply.type !== 'frame') throw new Error(JSON.stringify(reply));
    traceIndex.apply(reply.trace.from, reply.trace.events);
    useStore.getState().frameReceived(reply, reply.keys);
  };
  const asks = () => hasWorkToLose(useStore.getState(), false);

  afterEach(() => useStore.getState().sessionStarted(useStore.getState().settings));

  it('asks nothing while the lecturer only looks, stepping back and forth through its recording', () => {
    sent({ type: 'load', session: LINK });
    useStore.getState().sessionStarted(useStore.getState().settings);
    useStore.getState().sessionOpened(LINK.actions);
    expect(useStore.getState().openedInputs).toBe(2);
    expect(useStore.getState().ownInputs).toBe(2);
    expect(asks()).toBe(false);
    sent({ type: 'seek', cursor: 0 });
    expect(asks()).toBe(false);
    for (let i = 0; i < 14; i++) sent({ type: 'stepForward' });
    expect(useStore.getState().cursor).toBe(useStore.getState().length);
    expect(asks()).toBe(false);
  });

  it('asks once the lecturer acts after its own inputs: a put, a failure', () => {
    for (const input of [{ type: 'put', key: 'cart', value: 'hat' }, { type: 'fail', node: 'B' }]) {
      sent({ type: 'load', session: LINK });
      useStore.getState().sessionStarted(useStore.getState().settings);
      useStore.getState().sessionOpened(LINK.actions);
      sent({ type: 'input', input });
      expect(useStore.getState().ownInputs).toBe(3);
      expect(asks()).toBe(true);
    }
  });

  it('a session opened otherwise (settings, Undo, a lecture left) counts every input of the lecturer, as before', () => {
    sent({ type: 'load', session: LINK });
    useStore.getState().sessionOpened(LINK.actions);
    useStore.getState().sessionStarted(useStore.getState().settings);
    expect(useStore.getState().openedInputs).toBe(0);
    expect(asks()).toBe(true);
  });

  it('an action before the opened inputs end (which keeps the session for Undo), or an Undo, still asks', () => {
    const opened = { ownInputs: 1, openedInputs: 2, replaced: null, redo: [] };
    expect(hasWorkToLose(opened, false)).toBe(false);
    expect(hasWorkToLose({ ...opened, replaced: {} }, false)).toBe(true);
    expect(hasWorkToLose({ ...opened, redo: [{}] }, false)).toBe(true);
    expect(hasWorkToLose({ ...opened, ownInputs: 3 }, true)).toBe(false);
  });
});
