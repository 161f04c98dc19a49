import { describe, expect, it } from 'vitest';
import { readScenarioFile } from './scenario-file';

const config = { n: 1, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'A', tokens: [10] }] };

describe('a file opened in the page is told apart as npm run sim tells it', () => {
  it('reads a scenario that misspelt or lacks a field as a scenario, in its words, not as a session without actions', () => {
    expect(readScenarioFile(JSON.stringify({ version: 1, seed: 1, config, step: [] }))).toEqual({ ok: false, error: 'steps: is required (found an unknown field "step")' });
    expect(readScenarioFile(JSON.stringify({ seed: 1, config, steps: [] }))).toEqual({ ok: false, error: 'version: is required' });
  });

  it('reads actions without steps as a saved session, and a lecture by its fields', () => {
    expect(readScenarioFile(JSON.stringify({ seed: 'forty-two', actions: [] }))).toMatchObject({ ok: false, error: expect.stringMatching(/^seed: /) });
    expect(readScenarioFile(JSON.stringify({ seed: 1, config, actions: [] }))).toMatchObject({ ok: true, kind: 'session' });
    expect(readScenarioFile(JSON.stringify({ version: 1, seed: 1, config, steps: [{ op: 'settle' }] }))).toMatchObject({ ok: true, kind: 'scenario' });
  });
});
