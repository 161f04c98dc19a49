import { describe, expect, it } from 'vitest';
import { recordScenarioSteps } from './record-scenario';
import { parseScenario, ScenarioError } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';

function scenarioOf(data: unknown): Scenario {
  const parsed = parseScenario(data);
  if (!parsed.ok) throw parsed.error;
  return parsed.scenario;
}

describe("the page's recorder of scenario files", () => {
  it('refuses, before recording anything, a file with more joins and leaves than npm run sim allows, in its words', () => {
    const config = { n: 1, r: 1, w: 1, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, strategy: 3, partitions: 65_536, nodes: [{ id: 'A' }] };
    const joins = (count: number) => Array.from({ length: count }, (_, i) => ({ op: 'addNode', id: `j${i}` }));
    expect(() => recordScenarioSteps(scenarioOf({ version: 1, seed: 1, config, steps: joins(31) }))).toThrow(
      new ScenarioError('steps[30]', 'on a ring of 65,536 tokens a scenario may join or remove nodes at most 30 times (each moves ranges all round the ring), and this would be number 31'),
    );
    // Within the bound it records (two joins, to keep the test quick).
    expect(recordScenarioSteps(scenarioOf({ version: 1, seed: 1, config, steps: joins(2) })).stepEnds).toHaveLength(2);
  });
});
