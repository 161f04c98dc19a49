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
/** `[[[…]]]`, `depth` arrays deep. */
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const withConfig = (patch: object) => ({ ...base, config: { ...base.config, ...patch } });

describe('parseScenario', () => {
  it('accepts a valid scenario', () => {
    expect(parseScenario(base).ok).toBe(true);
  });

  it.each([
    ['not JSON', () => parseScenarioText('{"version": 1,'), /^not valid JSON at line 1, column 15: the text ends before the JSON does/],
    ['a trailing comma', () => parseScenarioText('{"version": 1,\n "steps": [1,\n ]}'), /^not valid JSON at line 3, column 2: unexpected "\]" \(JSON allows no comma before a closing bracket\)$/],
    ['an array', () => parseScenario([]), /must be a JSON object/],
    ['a wrong version', () => parseScenario({ ...base, version: 2 }), /^version: must be 1/],
    ['a missing seed', () => parseScenario({ ...base, seed: undefined }), /^seed: is required/],
    ['a seed that is text', () => parseScenario({ ...base, seed: 'abc' }), /^seed: must be a number, not a string$/],
    ['a fractional seed', () => parseScenario({ ...base, seed: 1.5 }), /^seed: must be a whole number, not 1\.5$/],
    ['a fractional n', () => parseScenario(withConfig({ n: 2.5 })), /^config\.n: must be a whole number, not 2\.5$/],
    ['a seed of 1e999', () => parseScenario({ ...base, seed: Infinity }), /^seed: must be a finite number, not Infinity$/],
    ['a misspelt required field', () => parseScenario(withSteps([{ op: 'get', kye: 'cart' }])), /^steps\[0\]\.key: is required \(found an unknown field "kye"\)$/],
    ['a required field misspelt among others', () => parseScenario(withSteps([{ op: 'fail', nod: 'A', extra: 1 }])), /^steps\[0\]\.node: is required \(found unknown fields "nod", "extra"\)$/],
    ['a partition of one group', () => parseScenario(withSteps([{ op: 'partition', groups: [['A']] }])), /^steps\[0\]\.groups: must have at least 2 items, not 1$/],
    ['too many gossip rounds', () => parseScenario(withSteps([{ op: 'gossip', rounds: 1e20 }])), /^steps\[0\]\.rounds: must be at most 1000, not 100000000000000000000$/],
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
    ['no seeds', () => parseScenario({ ...base, config: { ...base.config, seeds: [] } }), /^config\.seeds: must name at least one node/],
    ['a seed named twice', () => parseScenario({ ...base, config: { ...base.config, seeds: ['A', 'B', 'A'] } }), /^config\.seeds\[2\]: names "A" again \(seeds\[0\]\)$/],
    ['a node used after it was removed', () => parseScenario(withSteps([{ op: 'removeNode', id: 'B' }, { op: 'fail', node: 'B' }])), /^steps\[1\]\.node: node "B" was removed from the cluster at steps\[0\]: only recover \(to hand over its ranges\) and inspect still apply to it$/],
    ['a get through a removed node', () => parseScenario(withSteps([{ op: 'removeNode', id: 'B' }, { op: 'get', key: 'k', via: 'B' }])), /^steps\[1\]\.via: node "B" was removed from the cluster at steps\[0\]/],
    ['adding a node that exists', () => parseScenario(withSteps([{ op: 'addNode', id: 'C' }])), /^steps\[0\]\.id: a node named "C" already exists/],
    ['adding a node under a removed node\'s name', () => parseScenario(withSteps([{ op: 'removeNode', id: 'D' }, { op: 'addNode', id: 'D' }])), /^steps\[1\]\.id: "D" was removed, and a removed node keeps its name .*: a node joining needs a name of its own$/],
    ['an expect that is not an object', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, expect: 5 }])), /^steps\[0\]\.expect: must be an object \{ … \}: the fields of the step's result to check, like \{"ok": true\}$/],
    ['an expect of true', () => parseScenario(withSteps([{ op: 'settle', expect: true }])), /^steps\[0\]\.expect: must be an object/],
    ['a run expect with an unknown field', () => parseScenario({ ...base, expect: { stale: [] } }), /^expect: unknown field "stale"/],
    ['a run expect that is not an object', () => parseScenario({ ...base, expect: [] }), /^expect: must be an object \{ … \} with "final" or "consistency"/],
    ['a run expect of final that is a number', () => parseScenario({ ...base, expect: { final: 3 } }), /^expect\.final: must be an object/],
    ['an unknown latency kind', () => parseScenario(withConfig({ latency: { kind: 'gaussian', ms: 3 } })), /^config\.latency\.kind: must be one of "lognormal", "fixed", "uniform", not "gaussian"$/],
    ['key positions that are not an object', () => parseScenario(withConfig({ ringSize: 100, nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [20] }, { id: 'C', tokens: [30] }], keyPositions: 5 })), /^config\.keyPositions: must be an object \{ … \}, not a number$/],
    ['recovering a destroyed node', () => parseScenario(withSteps([{ op: 'destroy', node: 'A' }, { op: 'recover', node: 'A' }])), /^steps\[1\]\.node: A was destroyed/],
    ['a contextFrom naming no earlier get', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, contextFrom: 'g1' }, { op: 'get', key: 'k', id: 'g1' }])), /^steps\[0\]\.contextFrom: no earlier get has id "g1"/],
    ['a contextFrom naming a get of another key', () => parseScenario(withSteps([{ op: 'get', key: 'hat', id: 'g' }, { op: 'put', key: 'cart', value: 1, contextFrom: 'g' }])), /^steps\[1\]\.contextFrom: "g" is the get of "hat" \(steps\[0\]\), not of "cart": a put takes its context from a get of the same key$/],
    ['two gets with one id', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g' }, { op: 'get', key: 'k', id: 'g' }])), /^steps\[1\]\.id: another get already has id "g"/],
    ['a negative wait', () => parseScenario(withSteps([{ op: 'wait', ms: -5 }])), /^steps\[0\]\.ms: must be more than 0, not -5$/],
    ['a wait finer than the engine keeps time', () => parseScenario(withSteps([{ op: 'wait', ms: 0.004 }])), /^steps\[0\]\.ms: must be a multiple of 0\.01 \(the engine keeps times to 0\.01 ms\), not 0\.004$/],
    ['an empty key', () => parseScenario(withSteps([{ op: 'get', key: '' }])), /^steps\[0\]\.key: must be a non-empty key/],
    ['a teaching ring too small for the random tokens', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 10, tokensPerNode: 4, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] })), /^config\.tokensPerNode: the nodes up to "C" need 12 token positions, more than the 10 of the teaching ring/],
    ['a teaching ring too small for token counts', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 4, nodes: [{ id: 'A', tokens: [0, 1] }, { id: 'B', tokens: 3 }] })), /^config\.nodes\[1\]\.tokens: the nodes up to "B" need 5 token positions, more than the 4/],
    ['an op that is not text', () => parseScenario(withSteps([{ op: 5 }])), /^steps\[0\]\.op: must be text \(a JSON string\), not a number; expected one of put, get/],
    ['a missing op', () => parseScenario(withSteps([{ key: 'k' }])), /^steps\[0\]\.op: missing; expected one of put/],
    ['an unknown strategy', () => parseScenario(withConfig({ strategy: 4 })), /^config\.strategy: must be 1, 2 or 3/],
    ['fractional tokens', () => parseScenario(withConfig({ nodes: [{ id: 'A', tokens: [1.5] }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens: must be a count of tokens \(a whole number 1–4096\) or a list of 1–4096 whole positions$/],
    ['an expect nested 20,000 deep', () => parseScenario(withSteps([{ op: 'settle', expect: nested(20_000) }])), /^steps\[0\]\.expect: is nested more than 64 levels deep$/],
    ['a value nested 20,000 deep', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: nested(20_000) }])), /^steps\[0\]\.value: is nested more than 64 levels deep$/],
    ['failing a node that is down', () => parseScenario(withSteps([{ op: 'fail', node: 'A' }, { op: 'fail', node: 'A' }])), /^steps\[1\]\.node: A is already down \(it failed at steps\[0\]\)$/],
    ['failing a destroyed node', () => parseScenario(withSteps([{ op: 'destroy', node: 'A' }, { op: 'fail', node: 'A' }])), /^steps\[1\]\.node: A was destroyed at steps\[0\]/],
    ['recovering a node that is up', () => parseScenario(withSteps([{ op: 'fail', node: 'A' }, { op: 'recover', node: 'A' }, { op: 'recover', node: 'A' }])), /^steps\[2\]\.node: A is up: only a failed node can recover$/],
    ['recovering a node removed while up', () => parseScenario(withSteps([{ op: 'removeNode', id: 'D' }, { op: 'recover', node: 'D' }])), /^steps\[1\]\.node: D is up/],
    ['destroying a node twice', () => parseScenario(withSteps([{ op: 'destroy', node: 'B' }, { op: 'destroy', node: 'B' }])), /^steps\[1\]\.node: B was already destroyed at steps\[0\]$/],
    ['a node in two partition groups', () => parseScenario(withSteps([{ op: 'partition', groups: [['A', 'B'], ['B', 'C']] }])), /^steps\[0\]\.groups\[1\]\[0\]: B is already in groups\[0\]/],
    ['removing a node below n', () => parseScenario(withSteps([{ op: 'removeNode', id: 'D' }, { op: 'removeNode', id: 'C' }])), /^steps\[1\]\.id: removing C leaves 2 nodes, fewer than n \(3\)$/],
    ['more equal partitions than ring positions', () => parseScenario(withConfig({ ringSize: 10, strategy: 2, partitions: 100 })), /^config\.partitions: 100 equal partitions do not fit a ring of 10 positions$/],
    ['strategy 3 with fewer partitions than nodes', () => parseScenario(withConfig({ strategy: 3, partitions: 1 })), /^config\.partitions: strategy 3 gives each node Q\/S partitions: 1 partitions for 4 nodes leaves some with none$/],
    ['explicit positions under strategy 3', () => parseScenario(withConfig({ strategy: 3, nodes: [{ id: 'A', tokens: [5] }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens: strategy 3 places tokens at partition ends itself \(Q\/S per node, in proportion to capacity\): give no explicit positions$/],
    ['a token count under strategy 3', () => parseScenario(withConfig({ strategy: 3, nodes: [{ id: 'A', tokens: 5 }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens: strategy 3 places tokens at partition ends itself \(Q\/S per node, in proportion to capacity\): give no token count$/],
    ['a join with positions under strategy 3', () => parseScenario({ ...withConfig({ strategy: 3, partitions: 10 }), steps: [{ op: 'ownership' }, { op: 'addNode', id: 'E', tokens: [900] }] }), /^steps\[1\]\.tokens: strategy 3 places tokens at partition ends itself \(Q\/S per node, in proportion to capacity\): give no explicit positions$/],
    ['a join with a token count under strategy 3', () => parseScenario({ ...withConfig({ strategy: 3, partitions: 10 }), steps: [{ op: 'addNode', id: 'E', tokens: 7 }] }), /^steps\[0\]\.tokens: strategy 3 places tokens at partition ends itself \(Q\/S per node, in proportion to capacity\): give no token count$/],
    ['a ring of more tokens than it may hold', () => parseScenario(withConfig({ nodes: Array.from({ length: 17 }, (_, i) => ({ id: `n${i}`, tokens: 4096 })) })), /^config\.nodes\[16\]\.tokens: the nodes up to "n16" have 69,632 tokens in all, more than the 65,536 a ring may hold here \(fewer tokens per node, or fewer nodes\)$/],
    ['capacity and tokensPerNode that make too many tokens', () => parseScenario(withConfig({ tokensPerNode: 1024, nodes: [{ id: 'A', capacity: 100 }, { id: 'B' }, { id: 'C' }] })), /^config\.tokensPerNode: the nodes up to "A" have 102,400 tokens in all, more than the 65,536/],
    ['joins that bring the ring past the tokens it may hold', () => parseScenario({ ...withConfig({ nodes: Array.from({ length: 16 }, (_, i) => ({ id: `n${i}`, tokens: 4000 })) }), steps: [{ op: 'addNode', id: 'x', tokens: 1000 }, { op: 'removeNode', id: 'x' }, { op: 'addNode', id: 'y', tokens: 1000 }, { op: 'addNode', id: 'z', tokens: 1000 }] }), /^steps\[3\]\.tokens: adding "z" makes 66,000 tokens in all, more than the 65,536/],
    ['a join past Q nodes under strategy 3', () => parseScenario({ ...withConfig({ strategy: 3, partitions: 5 }), steps: [{ op: 'addNode', id: 'E' }, { op: 'addNode', id: 'F' }] }), /^steps\[1\]\.id: strategy 3 gives each node Q\/S partitions: adding "F" makes 6 nodes for 5 partitions, which leaves some with none \(raise config\.partitions\)$/],
    // The engine refuses the same join in the same words (src/engine/inputs.test.ts).
    ['a strategy-3 join whose capacity earns no partition', () => parseScenario({ ...withConfig({ strategy: 3, partitions: 8, nodes: [{ id: 'A', capacity: 4 }, { id: 'B', capacity: 4 }, { id: 'C' }] }), steps: [{ op: 'addNode', id: 'E', capacity: 0.5 }] }), /^steps\[0\]\.capacity: strategy 3 gives a node partitions in proportion to its capacity: "E", at capacity 0\.5 of 9\.5 in all, would get none of the 8 partitions \(raise config\.partitions or its capacity\)$/],
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

  it('accepts what a scenario may do with a node that is down: recover it after it was removed, destroy it', () => {
    const removedWhileDown = withSteps([{ op: 'fail', node: 'D' }, { op: 'removeNode', id: 'D' }, { op: 'recover', node: 'D' }]);
    expect(parseScenario(removedWhileDown).ok).toBe(true);
    expect(parseScenario(withSteps([{ op: 'fail', node: 'A' }, { op: 'destroy', node: 'A' }])).ok).toBe(true);
    expect(parseScenario(withSteps([{ op: 'fail', node: 'A' }, { op: 'recover', node: 'A' }, { op: 'fail', node: 'A' }])).ok).toBe(true);
  });

  it('accepts a join under strategy 3 up to Q nodes, counting nodes that left', () => {
    // F comes fifth again after A left; at capacity 2 of 7 it earns ⌊5 × 2 / 7⌋ = 1 partition (at capacity 1, ⌊5 / 6⌋ = 0: refused).
    const joins = { ...withConfig({ strategy: 3, partitions: 5 }), steps: [{ op: 'addNode', id: 'E', capacity: 2 }, { op: 'removeNode', id: 'A' }, { op: 'addNode', id: 'F', capacity: 2 }] };
    expect(parseScenario(joins).ok).toBe(true);
    expect(parseScenario({ ...joins, steps: [...joins.steps.slice(0, 2), { op: 'addNode', id: 'F' }] }).ok).toBe(false);
  });

  it('accepts nesting up to the bound', () => {
    expect(parseScenario(withSteps([{ op: 'put', key: 'k', value: nested(63), expect: { ok: true } }])).ok).toBe(true);
  });

  it('accepts a file that starts with a UTF-8 byte order mark', () => {
    expect(parseScenarioText(`\uFEFF${JSON.stringify(base)}`).ok).toBe(true);
  });

  it('keeps a key position, a value field and a key named "__proto__"', () => {
    const data = JSON.parse('{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"ringSize":100,"keyPositions":{"__proto__":5,"a":6},"nodes":[{"id":"A"}]},"steps":[{"op":"put","key":"__proto__","value":{"__proto__":1}}]}');
    const parsed = parseScenario(data);
    if (!parsed.ok) throw parsed.error;
    expect(Object.entries(parsed.scenario.config.keyPositions ?? {})).toEqual([['__proto__', 5], ['a', 6]]);
    const step = parsed.scenario.steps[0]!;
    expect(step.op === 'put' && JSON.stringify(step.value)).toBe('{"__proto__":1}');
    const outside = JSON.parse('{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"ringSize":100,"keyPositions":{"__proto__":500},"nodes":[{"id":"A"}]},"steps":[]}');
    expect(errorOf(outside)).toBe('config.keyPositions.__proto__: position 500 is outside the ring 0–99');
    const wrong = JSON.parse('{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"ringSize":100,"keyPositions":{"__proto__":"x"},"nodes":[{"id":"A"}]},"steps":[]}');
    expect(errorOf(wrong)).toMatch(/^config\.keyPositions\.__proto__: must be a number, not a string$/);
  });
});
