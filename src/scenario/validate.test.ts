import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, parseScenarioText } from './validate';

const base = {
  version: 1,
  seed: 7,
  config: { n: 3, r: 2, w: 2, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }] },
  steps: [{ op: 'put', key: 'cart', value: ['book'] }],
};

function errorOf(data: unknown): string {
  const parsed = parseScenario(data);
  if (parsed.ok) throw new Error('expected the scenario to be refused');
  return parsed.error.message;
}

const withSteps = (steps: unknown[]) => ({ ...base, steps });
const withConfig = (patch: object) => ({ ...base, config: { ...base.config, ...patch } });

describe('parseScenario', () => {
  it('accepts a valid scenario', () => {
    expect(parseScenario(base).ok).toBe(true);
  });

  it.each([
    ['not JSON', () => parseScenarioText('{"version": 1,'), /^not valid JSON/],
    ['an array', () => parseScenario([]), /must be a JSON object/],
    ['a wrong version', () => parseScenario({ ...base, version: 2 }), /^version: must be 1/],
    ['a missing seed', () => parseScenario({ ...base, seed: undefined }), /^seed: is required/],
    ['a seed that is text', () => parseScenario({ ...base, seed: 'abc' }), /^seed: Invalid input: expected number, received string/],
    ['a fractional seed', () => parseScenario({ ...base, seed: 1.5 }), /^seed: /],
    ['R greater than N', () => parseScenario(withConfig({ r: 4 })), /^config\.r: r \(4\) is greater than n \(3\)/],
    ['W greater than N', () => parseScenario(withConfig({ w: 5 })), /^config\.w: w \(5\) is greater than n \(3\)/],
    ['N greater than the node count', () => parseScenario(withConfig({ n: 5, r: 1, w: 1 })), /^config\.n: n \(5\) is more than the 4 nodes/],
    ['a duplicate node id', () => parseScenario(withConfig({ nodes: [{ id: 'A' }, { id: 'A' }, { id: 'B' }] })), /^config\.nodes\[1\]\.id: duplicate node id "A"/],
    ['a token outside the teaching ring', () => parseScenario(withConfig({ ringSize: 100, nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [200] }, { id: 'C', tokens: [30] }] })), /^config\.nodes\[1\]\.tokens\[0\]: position 200 is outside the ring 0–99/],
    ['two tokens at one position', () => parseScenario(withConfig({ ringSize: 100, nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [10] }, { id: 'C', tokens: [30] }] })), /already holds a token of A/],
    ['key positions without a teaching ring', () => parseScenario(withConfig({ keyPositions: { cart: 3 } })), /^config\.keyPositions: only a teaching ring/],
    ['a misspelt config field', () => parseScenario(withConfig({ nn: 3 })), /^config: unknown field "nn"/],
    ['an unknown op', () => parseScenario(withSteps([{ op: 'explode' }])), /^steps\[0\]\.op: unknown op "explode"; expected one of put, get/],
    ['a step that is not an object', () => parseScenario(withSteps([42])), /^steps\[0\]: a step must be an object/],
    ['a put without a value', () => parseScenario(withSteps([{ op: 'put', key: 'k' }])), /^steps\[0\]\.value: is required/],
    ['a misspelt step field', () => parseScenario(withSteps([{ op: 'get', key: 'k', vai: 'A' }])), /^steps\[0\]: unknown field "vai"/],
    ['an unknown via node', () => parseScenario(withSteps([{ op: 'get', key: 'k' }, { op: 'get', key: 'k', via: 'Z' }])), /^steps\[1\]\.via: no node named "Z" at this step \(the cluster has A, B, C, D\)/],
    ['failing an unknown node', () => parseScenario(withSteps([{ op: 'fail', node: 'Q' }])), /^steps\[0\]\.node: no node named "Q"/],
    ['a partition naming an unknown node', () => parseScenario(withSteps([{ op: 'partition', groups: [['A'], ['B', 'X']] }])), /^steps\[0\]\.groups\[1\]\[1\]: no node named "X"/],
    ['a node used after it was removed', () => parseScenario(withSteps([{ op: 'removeNode', id: 'B' }, { op: 'fail', node: 'B' }])), /^steps\[1\]\.node: no node named "B"/],
    ['adding a node that exists', () => parseScenario(withSteps([{ op: 'addNode', id: 'C' }])), /^steps\[0\]\.id: a node named "C" already exists/],
    ['recovering a destroyed node', () => parseScenario(withSteps([{ op: 'destroy', node: 'A' }, { op: 'recover', node: 'A' }])), /^steps\[1\]\.node: A was destroyed/],
    ['a contextFrom naming no earlier get', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, contextFrom: 'g1' }, { op: 'get', key: 'k', id: 'g1' }])), /^steps\[0\]\.contextFrom: no earlier get has id "g1"/],
    ['two gets with one id', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g' }, { op: 'get', key: 'k', id: 'g' }])), /^steps\[1\]\.id: another get already has id "g"/],
    ['a negative wait', () => parseScenario(withSteps([{ op: 'wait', ms: -5 }])), /^steps\[0\]\.ms: /],
    ['an empty key', () => parseScenario(withSteps([{ op: 'get', key: '' }])), /^steps\[0\]\.key: must be a non-empty key/],
  ])('refuses %s with a message naming where', (_name, parse, message) => {
    const parsed = parse();
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(message);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseScenario(value);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated valid scenarios', () => {
    const mutation = fc.record({ path: fc.constantFrom('seed', 'config', 'steps', 'version'), value: fc.jsonValue() });
    fc.assert(
      fc.property(mutation, ({ path, value }) => {
        expect(typeof parseScenario({ ...base, [path]: value }).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('names the step index even deep in a long scenario', () => {
    const steps = Array.from({ length: 50 }, () => ({ op: 'get', key: 'k' }));
    steps[37] = { op: 'get', key: 'k', via: 'nobody' } as never;
    expect(errorOf(withSteps(steps))).toMatch(/^steps\[37\]\.via/);
  });
});
