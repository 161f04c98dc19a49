import { describe, expect, it } from 'vitest';
import { recordScenarioSteps } from './record-scenario';
import { parseScenario, ScenarioError } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import fc from 'fast-check';
import { execute } from '../scenario/runner';
import type { TraceEvent } from '../engine/index';

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

describe('the recorder and npm run sim', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const config = { n: 3, r: 2, w: 2, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, latency: { kind: 'fixed', ms: 5 }, nodes: nodes.map((id) => ({ id })) };
  const step = fc.oneof(
    fc.record({ op: fc.constant('put'), key: fc.constantFrom('a', 'cart'), value: fc.nat(9), via: fc.constantFrom(...nodes) }),
    fc.record({ op: fc.constant('get'), key: fc.constantFrom('a', 'cart'), via: fc.constantFrom(...nodes) }),
    fc.record({ op: fc.constant('wait'), ms: fc.integer({ min: 1, max: 500 }) }),
    fc.record({ op: fc.constantFrom('fail', 'recover'), node: fc.constantFrom(...nodes) }),
    fc.record({ op: fc.constant('settle') }),
  );

  it('make the same trace, step for step: a wait ends where it ends, silent events after it included', () => {
    // The recorder's steps passed silent events (a replica's timeout on a failed node) on their way to one that records,
    // past a wait's end: a wait of 182 ms from 809 ms ended at 997, and every step after it 6 ms late, unlike npm run sim.
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 40 }), fc.nat(1000), (steps, seed) => {
        const down = new Set<string>();
        // Only valid fail and recover steps: the validator refuses failing a node twice.
        const valid = steps.filter((s) => (s.op === 'fail' ? !down.has(s.node) && down.size < 2 && down.add(s.node) : s.op === 'recover' ? down.delete(s.node) : true));
        const scenario = scenarioOf({ version: 1, seed, config, steps: valid });
        const strip = (t: readonly TraceEvent[]) => JSON.stringify(t);
        expect(strip(recordScenarioSteps(scenario).timeline.trace)).toBe(strip(execute(scenario).cluster.trace));
      }),
      { numRuns: 60 },
    );
  });
});
