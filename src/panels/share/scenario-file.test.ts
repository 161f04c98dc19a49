import { describe, expect, it } from 'vitest';
import { keyToFollow, readScenarioFile, sessionFileName } from './scenario-file';
import type { Scenario } from '../../scenario/schema';

const config = { n: 1, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'A', tokens: [10] }] };

describe('a file opened in the page is told apart as npm run sim tells it', () => {
  it('reads a scenario that misspelt or lacks a field as a scenario, in its words, not as a session without actions', () => {
    expect(readScenarioFile(JSON.stringify({ version: 1, seed: 1, config, step: [] }))).toEqual({ ok: false, error: 'steps: is required (found an unknown field "step")' });
    expect(readScenarioFile(JSON.stringify({ seed: 1, config, steps: [] }))).toEqual({ ok: false, error: 'version: is required' });
  });

  it('reads steps written under "actions" as a scenario, as the runner does, and says where they go', () => {
    expect(readScenarioFile(JSON.stringify({ version: 1, seed: 1, config, actions: [{ op: 'put', key: 'k', value: 1 }] }))).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown field "actions" \(a scenario lists its steps in "steps"/) });
  });

  it('reads actions without steps as a saved session, and a lecture by its fields', () => {
    expect(readScenarioFile(JSON.stringify({ seed: 'forty-two', actions: [] }))).toMatchObject({ ok: false, error: expect.stringMatching(/^seed: /) });
    expect(readScenarioFile(JSON.stringify({ seed: 1, config, actions: [] }))).toMatchObject({ ok: true, kind: 'session' });
    expect(readScenarioFile(JSON.stringify({ version: 1, seed: 1, config, steps: [{ op: 'settle' }] }))).toMatchObject({ ok: true, kind: 'scenario' });
  });
});

describe('the key the panels follow once a scenario opens', () => {
  const scenario = (steps: unknown[]) => {
    const read = readScenarioFile(JSON.stringify({ version: 1, seed: 1, config, steps }));
    if (!read.ok || read.kind !== 'scenario') throw new Error('not a scenario');
    return read.scenario as Scenario;
  };

  it('is the first key the steps name, when the one followed is not among them', () => {
    expect(keyToFollow(scenario([{ op: 'fail', node: 'A' }, { op: 'put', key: 'k', value: 1 }, { op: 'get', key: 'hat' }]), 'cart')).toBe('k');
    expect(keyToFollow(scenario([{ op: 'preferenceList', key: 'row' }]), null)).toBe('row');
  });

  it('stays the one followed when the steps name it, or when they name no key at all', () => {
    expect(keyToFollow(scenario([{ op: 'put', key: 'k', value: 1 }, { op: 'get', key: 'cart' }]), 'cart')).toBeNull();
    expect(keyToFollow(scenario([{ op: 'fail', node: 'A' }, { op: 'settle' }]), 'cart')).toBeNull();
  });
});

describe("a saved session's file name", () => {
  const session = (seed: number, title?: string) => ({ seed, config, actions: [], ...(title !== undefined ? { title } : {}) });

  it('names the seed, a negative one as such: -42 and 42 are two runs, not one file name', () => {
    expect(sessionFileName(session(42))).toBe('dynamoscope-seed-42.json');
    expect(sessionFileName(session(-42))).toBe('dynamoscope-seed-minus-42.json');
  });

  it("is the session's title, made safe for a file name", () => {
    expect(sessionFileName(session(7, 'The shopping cart, 10:00 to 10:07 (lecture 000)'))).toBe('the-shopping-cart-10-00-to-10-07-lecture-000.json');
    expect(sessionFileName(session(7, '¿?'))).toBe('dynamoscope.json');
  });
});
