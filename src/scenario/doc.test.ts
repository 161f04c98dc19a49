import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from './runner';
import { parseScenario } from './validate';

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

  it('lists every trace kind the engine records, in the table of kinds', () => {
    const events = readFileSync('src/engine/trace/events.ts', 'utf8');
    const kinds = [...events.matchAll(/kind: '([a-z-]+)'/g)].map((m) => m[1]!);
    expect(kinds.length).toBeGreaterThan(30);
    const table = doc.slice(doc.indexOf('| `kind` | what happened |'));
    const listed = new Set([...table.slice(0, table.indexOf('\n\n')).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
    expect(kinds.filter((k) => !listed.has(k))).toEqual([]);
  });
});
