import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from './runner';
import { parseScenario } from './validate';
import { STEP_OPS } from './schema';
import { Cluster } from '../engine/index';

/** docs/scenario-format.md is the runner's public interface; its examples must say what the runner prints. */
const doc = readFileSync('docs/scenario-format.md', 'utf8');

describe('docs/scenario-format.md', () => {
  it('shows a put result with the fields, in the order, that a put result has', () => {
    const output = doc.slice(doc.indexOf('## Output'));
    const example = /"steps": \[ (\{.*?\}), …/.exec(output);
    if (example === null) throw new Error('no put result in the Output section');
    const parsed = parseScenario({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'node1' }] }, steps: [{ op: 'put', key: 'cart', value: ['shoes'] }] });
    if (!parsed.ok) throw parsed.error;
    const put = runScenario(parsed.scenario).steps[0]!;
    expect(Object.keys(JSON.parse(example[1]!))).toEqual(Object.keys(put));
  });

  it('says exactly which step fields each result echoes, op by op', () => {
    const table = doc.slice(doc.indexOf('| op | fields echoed from the step |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const names = (cell: string) => [...cell.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!);
    const documented = new Map<string, string[]>();
    for (const row of rows) {
      const [ops, echoed] = row.split('|').slice(1, 3) as [string, string];
      // "`key` (not `value`, `via` or `contextFrom`)": the names before "(not" are echoed.
      for (const op of names(ops)) documented.set(op, names(echoed.split('(not')[0]!));
    }
    expect([...documented.keys()].sort()).toEqual([...STEP_OPS].sort());
    // One step of each op, every optional field given, in a cluster where each can run.
    const config = { n: 2, r: 1, w: 1, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100], dc: 'x' }, { id: 'B', tokens: [400], dc: 'y' }, { id: 'C', tokens: [700], dc: 'y' }, { id: 'D', tokens: [800], dc: 'y' }] };
    const steps: Record<string, unknown>[] = [
      { op: 'get', key: 'k', via: 'A', id: 'g' },
      { op: 'put', key: 'k', value: ['v'], via: 'A', contextFrom: 'g' },
      { op: 'fail', node: 'D' },
      { op: 'recover', node: 'D' },
      { op: 'partition', groups: [['A'], ['B']] },
      { op: 'heal' },
      { op: 'addNode', id: 'E', tokens: [900], capacity: 2, dc: 'z' },
      { op: 'removeNode', id: 'E' },
      { op: 'wait', ms: 10 },
      { op: 'settle' },
      { op: 'preferenceList', key: 'k', n: 2 },
      { op: 'note', text: 'hello' },
      { op: 'inspect', node: 'A' },
      { op: 'ownership' },
      { op: 'antiEntropy', a: 'A', b: 'B' },
      { op: 'gossip', rounds: 1 },
      { op: 'isolateDc', dc: 'x' },
      { op: 'cutLink', from: 'A', to: 'B' },
      { op: 'slowLink', from: 'B', to: 'C', extraMs: 5 },
      { op: 'lossyLink', from: 'C', to: 'D', lossRate: 0.5 },
      { op: 'destroy', node: 'D', expect: {} },
    ];
    expect(new Set(steps.map((s) => s.op)).size).toBe(STEP_OPS.length);
    const parsed = parseScenario({ version: 1, seed: 1, config, steps });
    if (!parsed.ok) throw parsed.error;
    const results = runScenario(parsed.scenario).steps;
    steps.forEach((step, i) => {
      const result = results[i]!;
      // In the result's order, which the table follows.
      const echoed = Object.keys(result).filter((field) => field !== 'op' && Object.hasOwn(step, field) && JSON.stringify(result[field]) === JSON.stringify(step[field]));
      expect({ op: step.op, echoed }).toEqual({ op: step.op, echoed: documented.get(step.op as string) });
    });
  });

  it("says in which order the output's maps list node ids and keys, with an example the runner bears out", () => {
    const output = doc.slice(doc.indexOf('## Output'));
    const ids = (list: string) => [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const example = /With nodes ((?:`[^`]+`, )+`[^`]+`) and then `([^`]+)` added, `final\.nodes` and `ownership`'s `nodes` list ((?:`[^`]+`, )+`[^`]+`), and a `view` ((?:`[^`]+`, )+`[^`]+`)/.exec(output);
    if (example === null) throw new Error('no example of the order of node ids in the Output section');
    const [, configured, added, joined, sorted] = example as unknown as [string, string, string, string, string];
    const parsed = parseScenario({ version: 1, seed: 1, config: { n: 2, r: 1, w: 1, nodes: ids(configured).map((id) => ({ id })) }, steps: [{ op: 'addNode', id: added }, { op: 'ownership' }, { op: 'settle' }] });
    if (!parsed.ok) throw parsed.error;
    const run = runScenario(parsed.scenario);
    const [first] = ids(configured);
    expect(Object.keys(run.final.nodes)).toEqual(ids(joined));
    expect(Object.keys(run.steps[1]!.nodes as object)).toEqual(ids(joined));
    expect(Object.keys(run.final.nodes[first!]!.view)).toEqual(ids(sorted));
  });

  it("says how many random tokens a node's capacity gets, with examples the engine bears out", () => {
    const row = doc.slice(doc.indexOf('| `nodes` | required |'));
    const examples = [...row.slice(0, row.indexOf('\n')).matchAll(/(?:a `capacity` of )?(\d[\d.]*) gets (\d+)(?: tokens?)? \(([\d.]+)\)/g)].map((m) => m.slice(1).map(Number));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const [capacity, tokens, product] of examples) {
      expect(8 * capacity!).toBeCloseTo(product!);
      const parsed = parseScenario({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A', capacity }] }, steps: [] });
      if (!parsed.ok) throw parsed.error;
      expect({ capacity, tokens: Cluster.create(parsed.scenario.config, 1).ring.tokens.length }).toEqual({ capacity, tokens });
    }
  });

  it('lists every trace kind the engine records, in the table of kinds', () => {
    const events = readFileSync('src/engine/trace/events.ts', 'utf8');
    const kinds = [...events.matchAll(/kind: '([a-z-]+)'/g)].map((m) => m[1]!);
    expect(kinds.length).toBeGreaterThan(30);
    const table = doc.slice(doc.indexOf('| `kind` | what happened |'));
    const listed = new Set([...table.slice(0, table.indexOf('\n\n')).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
    expect(kinds.filter((k) => !listed.has(k))).toEqual([]);
  });
});
