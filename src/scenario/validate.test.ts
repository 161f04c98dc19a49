import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, parseScenarioText } from './validate';
import { STEP_OPS } from './schema';
import { Cluster } from '../engine/index';

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
const withConfig = (patch: object, steps: unknown[] = base.steps) => ({ ...base, config: { ...base.config, ...patch }, steps });

describe('a join at explicit positions', () => {
  it('may take a position a node that left held', () => {
    const config = { n: 1, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }] };
    expect(parseScenario({ ...base, config, steps: [{ op: 'removeNode', id: 'B' }, { op: 'addNode', id: 'E', tokens: [400] }] }).ok).toBe(true);
  });
});

describe('an unknown field', () => {
  it.each([
    ['a step field with a letter left out', withSteps([{ op: 'get', key: 'k', vi: 'A' }]), 'steps[0]: unknown field "vi" (did you mean "via"?)'],
    ['a step field in other capitals', withSteps([{ op: 'put', key: 'k', value: 1, contextfrom: 'g' }]), 'steps[0]: unknown field "contextfrom" (did you mean "contextFrom"?)'],
    ['a config field missing its last letter', withConfig({ keyPosition: { k: 1 } }), 'config: unknown field "keyPosition" (did you mean "keyPositions"?)'],
    ["a node's field", withConfig({ nodes: [{ id: 'A', capcity: 2 }, { id: 'B' }, { id: 'C' }] }), 'config.nodes[0]: unknown field "capcity" (did you mean "capacity"?)'],
    ['a field of one form of the latency (by its kind)', withConfig({ latency: { kind: 'lognormal', medianMs: 5, sigma: 1, minMS: 1 } }), 'config.latency: unknown field "minMS" (did you mean "minMs"?)'],
    ['a top-level field', { ...base, titel: 'x' }, 'unknown field "titel" (did you mean "title"?)'],
    ["a lecture's word for the description", { ...base, summary: 'x' }, 'unknown field "summary" (did you mean "description"?)'],
    ['a run expect field', { ...base, expect: { finall: {} } }, 'expect: unknown field "finall" (did you mean "final"?)'],
    ['several, each with its own', withSteps([{ op: 'inspect', nod: 'A', node: 'A', expct: {}, zzz: 1 }]), 'steps[0]: unknown fields "nod" (did you mean "node"?), "expct" (did you mean "expect"?), "zzz"'],
  ])('is told the field it is closest to: %s', (_, data, message) => {
    expect(errorOf(data)).toBe(message);
  });

  it.each([
    ['far from every field', withSteps([{ op: 'get', key: 'k', coordinator: 'A' }]), 'steps[0]: unknown field "coordinator"'],
    ['as close to two fields (n, r, w)', withConfig({ x: 3 }), 'config: unknown field "x"'],
    ['as close to two fields (id, via)', withSteps([{ op: 'get', key: 'k', id: 'g', ia: 1 }]), 'steps[0]: unknown field "ia"'],
    ['a short name two letters off every field', withSteps([{ op: 'get', key: 'k', dc: 'x' }]), 'steps[0]: unknown field "dc"'],
    // A result's field written on the step itself, not in its expect: "ok" is no misspelling of the op the step already has.
    ['a result field beside the op, never offered the op', withSteps([{ op: 'wait', ms: 5, ok: true }]), 'steps[0]: unknown field "ok"'],
    ['a result field beside the op of a put, never offered the op', withSteps([{ op: 'put', key: 'k', value: 1, ok: true }]), 'steps[0]: unknown field "ok"'],
    ['a key pasted by mistake, cut after 60 characters', withSteps([{ op: 'settle', ['v'.repeat(100)]: 1 }]), `steps[0]: unknown field "${'v'.repeat(60)}"… (100 characters)`],
  ])('is told nothing more when no field is clearly closest: %s', (_, data, message) => {
    expect(errorOf(data)).toBe(message);
  });
});

describe("the run's own expect", () => {
  it('says what a field of it checks, the output and not a step\'s result', () => {
    expect(errorOf({ ...base, expect: { consistency: 'none' } })).toBe('expect.consistency: must be an object { … }: the fields of the output\'s consistency to check, like {"staleReads": []}');
    expect(errorOf({ ...base, expect: { final: [] } })).toBe('expect.final: must be an object { … }: the fields of the output\'s final to check, like {"nodes": {"A": {"up": true}}}');
  });
});

describe('a message about a big cluster', () => {
  it('lists the first 12 node ids and counts the rest: 512 made one line of kilobytes', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}` }));
    expect(errorOf({ ...withConfig({ nodes }), steps: [{ op: 'fail', node: 'Z' }] })).toBe('steps[0].node: no node named "Z" at this step (the cluster has n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11 and 28 more)');
  });
});

describe('a list or text too long', () => {
  it('gives its bound and its length with thousands separators; a number keeps the digits it was written with', () => {
    expect(errorOf(withSteps(Array.from({ length: 100_001 }, () => ({ op: 'settle' }))))).toBe('steps: must have at most 100,000 items, not 100,001');
    expect(errorOf({ ...base, description: 'x'.repeat(5001) })).toBe('description: must be at most 5,000 characters long');
    expect(errorOf(withSteps([{ op: 'wait', ms: 2e9 }]))).toBe('steps[0].ms: must be at most 1000000000, not 2000000000');
  });
});

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
    ['a key of 1e999 (a number, where a key is text)', () => parseScenario(withSteps([{ op: 'get', key: -Infinity }])), /^steps\[0\]\.key: must be text \(in double quotes\), not a number$/],
    ['steps of 1e999', () => parseScenario({ ...base, steps: Infinity }), /^steps: must be a list \[ … \], not a number$/],
    ['a put value of 1e999', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: Infinity }])), /^steps\[0\]\.value: must be a finite number: this one is past the largest a JSON number can hold \(it reads as Infinity\)$/],
    ['a number of 1e999 deep in a put value', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: { a: [1, -Infinity] } }])), /^steps\[0\]\.value\.a\[1\]: must be a finite number: this one is past the largest a JSON number can hold \(it reads as -Infinity\)$/],
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
    ['a misspelt config field', () => parseScenario(withConfig({ nn: 3 })), /^config: unknown field "nn" \(did you mean "n"\?\)$/],
    ['an unknown op', () => parseScenario(withSteps([{ op: 'explode' }])), /^steps\[0\]\.op: unknown op "explode"; expected one of put, get/],
    ['an op in the wrong case', () => parseScenario(withSteps([{ op: 'Get', key: 'k' }])), /^steps\[0\]\.op: unknown op "Get" \(did you mean "get"\?\); expected one of put, get/],
    ['an op misspelt', () => parseScenario(withSteps([{ op: 'fial', node: 'A' }])), /^steps\[0\]\.op: unknown op "fial" \(did you mean "fail"\?\); expected one of put, get/],
    // As an unknown field's name is: whole up to 64 characters, past that cut with its length given, never cut without a sign.
    ['an op of 41 letters, quoted whole', () => parseScenario(withSteps([{ op: 'x'.repeat(41) }])), new RegExp(`^steps\\[0\\]\\.op: unknown op "${'x'.repeat(41)}"; expected one of ${STEP_OPS.join(', ')}$`)],
    ['an op pasted by mistake, cut after 60 characters', () => parseScenario(withSteps([{ op: 'x'.repeat(100) }])), new RegExp(`^steps\\[0\\]\\.op: unknown op "${'x'.repeat(60)}"… \\(100 characters\\); expected one of ${STEP_OPS.join(', ')}$`)],
    ['a step that is not an object', () => parseScenario(withSteps([42])), /^steps\[0\]: a step must be an object/],
    ['a put without a value', () => parseScenario(withSteps([{ op: 'put', key: 'k' }])), /^steps\[0\]\.value: is required/],
    ['a misspelt step field', () => parseScenario(withSteps([{ op: 'get', key: 'k', vai: 'A' }])), /^steps\[0\]: unknown field "vai" \(did you mean "via"\?\)$/],
    ['an unknown via node', () => parseScenario(withSteps([{ op: 'get', key: 'k' }, { op: 'get', key: 'k', via: 'Z' }])), /^steps\[1\]\.via: no node named "Z" at this step \(the cluster has A, B, C, D\)/],
    ['a comment on the scenario', () => parseScenario({ ...base, comment: 'Lab 3' }), /^unknown field "comment" \(JSON has no comments: a scenario's "description" holds notes for people\)$/],
    // A saved session's word for its list: the steps are there, under a name the scenario does not know.
    ['steps written under "actions"', () => parseScenario({ version: 1, seed: 1, config: base.config, actions: [{ op: 'put', key: 'k', value: 1 }] }), /^unknown field "actions" \(a scenario lists its steps in "steps"; "actions" holds the clicks of a session saved from the page\)$/],
    ['a comment on a step', () => parseScenario(withSteps([{ op: 'settle', _comment: 'let it land' }])), /^steps\[0\]: unknown field "_comment" \(JSON has no comments: a note step, \{"op": "note", "text": …\}, puts a line in the trace\)$/],
    ['a comment in the config', () => parseScenario(withConfig({ '//': 'three replicas' })), /^config: unknown field "\/\/" \(JSON has no comments\)$/],
    ['a context on a get', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g' }, { op: 'get', key: 'k', contextFrom: 'g' }])), /^steps\[1\]: unknown field "contextFrom" \(only a put takes one: the context of an earlier get, named by its "id"\)$/],
    ['a node named in the wrong capitals', () => parseScenario(withSteps([{ op: 'get', key: 'k', via: 'b' }])), /^steps\[0\]\.via: no node named "b" at this step; did you mean "B"\? \(the cluster has A, B, C, D\)$/],
    ['a seed named in the wrong capitals', () => parseScenario({ ...base, config: { ...base.config, seeds: ['a'] } }), /^config\.seeds\[0\]: no node named "a"; did you mean "A"\? \(the cluster has A, B, C, D\)$/],
    ['failing an unknown node', () => parseScenario(withSteps([{ op: 'fail', node: 'Q' }])), /^steps\[0\]\.node: no node named "Q"/],
    ['a partition naming an unknown node', () => parseScenario(withSteps([{ op: 'partition', groups: [['A'], ['B', 'X']] }])), /^steps\[0\]\.groups\[1\]\[1\]: no node named "X"/],
    ['no seeds', () => parseScenario({ ...base, config: { ...base.config, seeds: [] } }), /^config\.seeds: must name at least one node/],
    ['a seed named twice', () => parseScenario({ ...base, config: { ...base.config, seeds: ['A', 'B', 'A'] } }), /^config\.seeds\[2\]: names "A" again \(seeds\[0\]\)$/],
    ['a node used after it was removed', () => parseScenario(withSteps([{ op: 'removeNode', id: 'B' }, { op: 'fail', node: 'B' }])), /^steps\[1\]\.node: node "B" was removed from the cluster at steps\[0\]: only recover \(to hand over its ranges\) and inspect still apply to it$/],
    ['a get through a removed node', () => parseScenario(withSteps([{ op: 'removeNode', id: 'B' }, { op: 'get', key: 'k', via: 'B' }])), /^steps\[1\]\.via: node "B" was removed from the cluster at steps\[0\]/],
    ['a get through a node that joins later', () => parseScenario(withSteps([{ op: 'get', key: 'k', via: 'E' }, { op: 'settle' }, { op: 'addNode', id: 'E' }])), /^steps\[0\]\.via: node "E" joins the cluster only at steps\[2\] \(its addNode\): no step before that can name it$/],
    ['failing a node that joins later', () => parseScenario(withSteps([{ op: 'fail', node: 'E' }, { op: 'addNode', id: 'E' }])), /^steps\[0\]\.node: node "E" joins the cluster only at steps\[1\] \(its addNode\): no step before that can name it$/],
    ['adding a node that exists', () => parseScenario(withSteps([{ op: 'addNode', id: 'C' }])), /^steps\[0\]\.id: a node named "C" already exists/],
    ['adding a node under a removed node\'s name', () => parseScenario(withSteps([{ op: 'removeNode', id: 'D' }, { op: 'addNode', id: 'D' }])), /^steps\[1\]\.id: "D" was removed, and a removed node keeps its name .*: a node joining needs a name of its own$/],
    ['adding a node under the name of one destroyed, then removed', () => parseScenario(withSteps([{ op: 'destroy', node: 'D' }, { op: 'removeNode', id: 'D' }, { op: 'addNode', id: 'D' }])), /^steps\[2\]\.id: "D" was removed, and a removed node keeps its name \(clocks name it, even once its disk is destroyed\): a node joining needs a name of its own$/],
    ['an expect that is not an object', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, expect: 5 }])), /^steps\[0\]\.expect: must be an object \{ … \}: the fields of the step's result to check, like \{"ok": true\}$/],
    ['an expect of true', () => parseScenario(withSteps([{ op: 'settle', expect: true }])), /^steps\[0\]\.expect: must be an object/],
    ['a run expect with an unknown field', () => parseScenario({ ...base, expect: { stale: [] } }), /^expect: unknown field "stale"$/],
    ['a run expect that is not an object', () => parseScenario({ ...base, expect: [] }), /^expect: must be an object \{ … \} with "final", "consistency" or "repairs"/],
    ['a run expect of final that is a number', () => parseScenario({ ...base, expect: { final: 3 } }), /^expect\.final: must be an object/],
    ['an unknown latency kind', () => parseScenario(withConfig({ latency: { kind: 'gaussian', ms: 3 } })), /^config\.latency\.kind: must be one of "lognormal", "fixed", "uniform", not "gaussian"$/],
    ['key positions that are not an object', () => parseScenario(withConfig({ ringSize: 100, nodes: [{ id: 'A', tokens: [10] }, { id: 'B', tokens: [20] }, { id: 'C', tokens: [30] }], keyPositions: 5 })), /^config\.keyPositions: must be an object \{ … \}, not a number$/],
    ['recovering a destroyed node', () => parseScenario(withSteps([{ op: 'destroy', node: 'A' }, { op: 'recover', node: 'A' }])), /^steps\[1\]\.node: A was destroyed/],
    ['a contextFrom naming no get', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, contextFrom: 'g1' }, { op: 'get', key: 'k', id: 'g2' }])), /^steps\[0\]\.contextFrom: no earlier get has id "g1"$/],
    ['a contextFrom misspelling an earlier get', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'read1' }, { op: 'put', key: 'k', value: 1, contextFrom: 'raed1' }])), /^steps\[1\]\.contextFrom: no earlier get has id "raed1" \(did you mean "read1"\?\)$/],
    ['a contextFrom naming a later get', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, contextFrom: 'g1' }, { op: 'get', key: 'k', id: 'g1' }])), /^steps\[0\]\.contextFrom: "g1" is a later get \(steps\[1\]\): a put takes its context from a get made before it$/],
    ['a contextFrom naming a get of another key', () => parseScenario(withSteps([{ op: 'get', key: 'hat', id: 'g' }, { op: 'put', key: 'cart', value: 1, contextFrom: 'g' }])), /^steps\[1\]\.contextFrom: "g" is the get of "hat" \(steps\[0\]\), not of "cart": a put takes its context from a get of the same key$/],
    ['two gets with one id', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g' }, { op: 'get', key: 'k', id: 'g' }])), /^steps\[1\]\.id: another get already has id "g"/],
    ['a negative wait', () => parseScenario(withSteps([{ op: 'wait', ms: -5 }])), /^steps\[0\]\.ms: must be more than 0, not -5$/],
    ['a wait finer than the engine keeps time', () => parseScenario(withSteps([{ op: 'wait', ms: 0.004 }])), /^steps\[0\]\.ms: must be a multiple of 0\.01 \(the engine keeps times to 0\.01 ms\), not 0\.004$/],
    ['an empty key', () => parseScenario(withSteps([{ op: 'get', key: '' }])), /^steps\[0\]\.key: must be a non-empty key/],
    ['a teaching ring too small for the random tokens', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 10, tokensPerNode: 4, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] })), /^config\.tokensPerNode: the nodes up to "C" need 12 token positions, more than the 10 of the teaching ring/],
    // A join's tokens are counted as the configuration's are; the engine's own refusal named steps[i].tokens for a step with none ("1 more tokens").
    ['a join with no room left on the teaching ring', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 4, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }] }, [{ op: 'addNode', id: 'E' }])), /^steps\[0\]: adding "E" \(1 token: tokensPerNode × capacity\) needs 5 token positions in all, more than the 4 of the teaching ring \(ringSize\)$/],
    ['a join whose capacity needs more room than the teaching ring has', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 10, tokensPerNode: 2, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }] }, [{ op: 'addNode', id: 'E', capacity: 2 }])), /^steps\[0\]\.capacity: adding "E" \(4 tokens: tokensPerNode × capacity\) needs 12 token positions in all/],
    ['a join whose token count needs more room than the teaching ring has', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 10, nodes: [{ id: 'A' }, { id: 'B' }] }, [{ op: 'removeNode', id: 'B' }, { op: 'addNode', id: 'E', tokens: 9 }, { op: 'addNode', id: 'F', tokens: 1 }])), /^steps\[2\]\.tokens: adding "F" \(1 token\) needs 11 token positions in all, more than the 10 of the teaching ring \(ringSize\)$/],
    // As the configuration's nodes are told (config.nodes[1].tokens[0] …): the engine named only steps[i].tokens, and not whose token it was.
    ['a join at a position a node of the configuration holds', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }] }, [{ op: 'addNode', id: 'E', tokens: [50, 400] }])), /^steps\[0\]\.tokens\[1\]: position 400 already holds a token of B$/],
    ['a join at a position an earlier join took', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }] }, [{ op: 'addNode', id: 'E', tokens: [50] }, { op: 'addNode', id: 'F', tokens: [60, 50] }])), /^steps\[1\]\.tokens\[1\]: position 50 already holds a token of E$/],
    ['a join naming one position twice', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }] }, [{ op: 'addNode', id: 'E', tokens: [50, 50] }])), /^steps\[0\]\.tokens\[1\]: position 50 already holds a token of E$/],
    ['a join outside the teaching ring', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }] }, [{ op: 'addNode', id: 'E', tokens: [50, 1000] }])), /^steps\[0\]\.tokens\[1\]: position 1000 is outside the ring 0–999$/],
    ['a teaching ring too small for token counts', () => parseScenario(withConfig({ n: 1, r: 1, w: 1, ringSize: 4, nodes: [{ id: 'A', tokens: [0, 1] }, { id: 'B', tokens: 3 }] })), /^config\.nodes\[1\]\.tokens: the nodes up to "B" need 5 token positions, more than the 4/],
    ['an op that is not text', () => parseScenario(withSteps([{ op: 5 }])), /^steps\[0\]\.op: must be text \(a JSON string\), not a number; expected one of put, get/],
    ['a missing op', () => parseScenario(withSteps([{ key: 'k' }])), /^steps\[0\]\.op: missing; expected one of put/],
    ['an unknown strategy', () => parseScenario(withConfig({ strategy: 4 })), /^config\.strategy: must be 1, 2 or 3/],
    // The list's element named, as a negative position is: the union's own words said neither which nor why.
    ['fractional tokens', () => parseScenario(withConfig({ nodes: [{ id: 'A', tokens: [1.5] }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens\[0\]: must be a whole number, not 1\.5$/],
    // Two faults in the list are more problems than "not a number", but the list is what was meant.
    ['two fractional tokens', () => parseScenario(withConfig({ nodes: [{ id: 'A', tokens: [1.5, 2.5] }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens\[0\]: must be a whole number, not 1\.5$/],
    ['a fractional position among whole ones', () => parseScenario(withConfig({ nodes: [{ id: 'A', tokens: [1, 2.5, 3] }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens\[1\]: must be a whole number, not 2\.5$/],
    ['tokens that are neither a count nor a list', () => parseScenario(withConfig({ nodes: [{ id: 'A', tokens: 'x' }, { id: 'B' }, { id: 'C' }] })), /^config\.nodes\[0\]\.tokens: must be a count of tokens \(a whole number 1–4096\) or a list of 1–4096 whole positions$/],
    ['a uniform latency whose minimum is above its maximum', () => parseScenario(withConfig({ latency: { kind: 'uniform', minMs: 15, maxMs: 5 } })), /^config\.latency\.minMs: minMs \(15\) is greater than maxMs \(5\): a uniform latency falls between them$/],
    ['a node id starting with a space', () => parseScenario(withConfig({ nodes: [{ id: 'A' }, { id: ' B' }, { id: 'C' }] })), /^config\.nodes\[1\]\.id: must not start or end with a space: " B" would read as B wherever nodes are listed$/],
    ['a node id ending with a space', () => parseScenario(withConfig({ nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C ' }] })), /^config\.nodes\[2\]\.id: must not start or end with a space: "C " would read as C wherever nodes are listed$/],
    ['a joining node id ending with a space', () => parseScenario(withSteps([{ op: 'addNode', id: 'E ' }])), /^steps\[0\]\.id: must not start or end with a space: "E " would read as E wherever nodes are listed$/],
    ['an expect nested 20,000 deep', () => parseScenario(withSteps([{ op: 'settle', expect: nested(20_000) }])), /^steps\[0\]\.expect: is nested more than 64 levels deep$/],
    ["a run's expect of repairs nested 20,000 deep", () => parseScenario({ ...base, expect: { repairs: { readRepairs: nested(20_000) } } }), /^expect\.repairs: is nested more than 64 levels deep$/],
    ['a value nested 20,000 deep', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: nested(20_000) }])), /^steps\[0\]\.value: is nested more than 64 levels deep$/],
    ['a misspelt field with a line break, nested too deep: one line', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, 'x\ny': nested(100) }])), /^steps\[0\]\["x\\ny"\]: is nested more than 64 levels deep$/],
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
    ['a strategy-3 join whose capacity earns no partition', () => parseScenario({ ...withConfig({ strategy: 3, partitions: 12, nodes: [{ id: 'A', capacity: 4 }, { id: 'B', capacity: 4 }, { id: 'C' }] }), steps: [{ op: 'addNode', id: 'E', capacity: 0.5 }] }), /^steps\[0\]\.capacity: strategy 3 gives a node partitions in proportion to its capacity: "E", at capacity 0\.5 of 9\.5 in all, would get none of the 12 partitions \(raise config\.partitions or its capacity\)$/],
    ['a strategy-3 node whose capacity earns no partition as the ring is built', () => parseScenario({ ...withConfig({ n: 2, strategy: 3, partitions: 4, nodes: [{ id: 'A', capacity: 1000 }, { id: 'B' }, { id: 'C' }] }), steps: [] }), /^config\.nodes\[1\]\.capacity: strategy 3 gives a node partitions in proportion to its capacity: "B", at capacity 1 of 1001 in all, would get none of the 4 partitions \(raise config\.partitions or its capacity\)$/],
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

describe('names that would break a message over lines, or blur a list', () => {
  const NAME = 'must not contain a comma or a control character (a line break, a tab, a direction override…)';
  const ID = 'must not contain a control character (a line break, a tab, a direction override…)';
  const dcConfig = (dc: string) => withConfig({ nodes: [{ id: 'A', dc }, { id: 'B' }, { id: 'C' }] });
  it.each([
    ['a node id with a line break (the review’s forged "steps[7].via" line)', () => parseScenario(withConfig({ nodes: [{ id: 'A\nsteps[7].via: bogus' }, { id: 'B' }, { id: 'C' }] })), `config.nodes[0].id: ${NAME}`],
    ['a node id with a comma ("A, B")', () => parseScenario(withConfig({ nodes: [{ id: 'A' }, { id: 'A, B' }, { id: 'C' }] })), `config.nodes[1].id: ${NAME}`],
    ['a node id with a tab', () => parseScenario(withConfig({ nodes: [{ id: 'A\tB' }, { id: 'B' }, { id: 'C' }] })), `config.nodes[0].id: ${NAME}`],
    ['a node id with a line separator (U+2028)', () => parseScenario(withConfig({ nodes: [{ id: 'A\u2028B' }, { id: 'B' }, { id: 'C' }] })), `config.nodes[0].id: ${NAME}`],
    ['a node id with DEL', () => parseScenario(withConfig({ nodes: [{ id: 'A\u007f' }, { id: 'B' }, { id: 'C' }] })), `config.nodes[0].id: ${NAME}`],
    // U+202E drew the rest of each line naming the node backwards: "A‮ is down" read "A nwod si".
    ['a node id with a right-to-left override (U+202E)', () => parseScenario(withConfig({ nodes: [{ id: 'A\u202e' }, { id: 'B' }, { id: 'C' }] })), `config.nodes[0].id: ${NAME}`],
    ['a joining node with a left-to-right isolate (U+2066)', () => parseScenario(withSteps([{ op: 'addNode', id: '\u2066E' }])), `steps[0].id: ${NAME}`],
    ['a dc with a right-to-left mark (U+200F)', () => parseScenario(dcConfig('eu\u200f')), `config.nodes[0].dc: ${NAME}`],
    // "A" and "A\u200b" were two nodes every message named "A": "A is already down" of the one that was up.
    ['a node id with a zero-width space', () => parseScenario(withConfig({ nodes: [{ id: 'A' }, { id: 'A\u200b' }, { id: 'C' }] })), `config.nodes[1].id: ${NAME}`],
    ['a joining node with a line break', () => parseScenario(withSteps([{ op: 'addNode', id: 'E\nF' }])), `steps[0].id: ${NAME}`],
    ['a joining node with a comma', () => parseScenario(withSteps([{ op: 'addNode', id: 'E,F' }])), `steps[0].id: ${NAME}`],
    ['a seed with a comma', () => parseScenario(withConfig({ seeds: ['A,B'] })), `config.seeds[0]: ${NAME}`],
    ['a via with a line break', () => parseScenario(withSteps([{ op: 'get', key: 'k', via: 'A\n' }])), `steps[0].via: ${NAME}`],
    ['a partition group naming "A, B"', () => parseScenario(withSteps([{ op: 'partition', groups: [['A, B'], ['C']] }])), `steps[0].groups[0][0]: ${NAME}`],
    ['a dc with a line break', () => parseScenario(dcConfig('us\neast')), `config.nodes[0].dc: ${NAME}`],
    ['a dc with a comma', () => parseScenario(dcConfig('us,east')), `config.nodes[0].dc: ${NAME}`],
    ['a joining node’s dc with a tab', () => parseScenario(withSteps([{ op: 'addNode', id: 'E', dc: 'eu\t1' }])), `steps[0].dc: ${NAME}`],
    ['an isolateDc with a line break', () => parseScenario(withSteps([{ op: 'isolateDc', dc: 'eu\n' }])), `steps[0].dc: ${NAME}`],
    ['a get id with a line break', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g\n1' }])), `steps[0].id: ${ID}`],
    ['a contextFrom with a carriage return', () => parseScenario(withSteps([{ op: 'put', key: 'k', value: 1, contextFrom: 'g\r' }])), `steps[0].contextFrom: ${ID}`],
    ['a get id with a right-to-left override', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g\u202e1' }])), `steps[0].id: ${ID}`],
  ])('refuses %s, naming the field', (_name, parse, message) => {
    const parsed = parse();
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe(message);
  });

  // As a node id's (" B" read as B): " east" is another datacenter than "east", and a get "g1 " not the "g1" a contextFrom names.
  it.each([
    ['a dc starting with a space', () => parseScenario(withConfig({ nodes: [{ id: 'A', dc: 'east' }, { id: 'B' }, { id: 'C', dc: ' east' }] })), 'config.nodes[2].dc: must not start or end with a space: " east" would read as east wherever datacenters are listed'],
    ['a dc ending with a space', () => parseScenario(dcConfig('us east ')), 'config.nodes[0].dc: must not start or end with a space: "us east " would read as us east wherever datacenters are listed'],
    ['a dc of spaces alone', () => parseScenario(dcConfig('  ')), 'config.nodes[0].dc: must not start or end with a space: "  " would read as nothing wherever datacenters are listed'],
    ['a dc ending with a no-break space', () => parseScenario(dcConfig('eu\u00a0')), 'config.nodes[0].dc: must not start or end with a space: "eu\u00a0" would read as eu wherever datacenters are listed'],
    ['a joining node’s dc starting with a space', () => parseScenario(withSteps([{ op: 'addNode', id: 'E', dc: ' west' }])), 'steps[0].dc: must not start or end with a space: " west" would read as west wherever datacenters are listed'],
    ['an isolateDc ending with a space', () => parseScenario(withConfig({ nodes: [{ id: 'A', dc: 'east' }, { id: 'B' }, { id: 'C' }] }, [{ op: 'isolateDc', dc: 'east ' }])), 'steps[0].dc: must not start or end with a space: "east " would read as east wherever datacenters are listed'],
    ['a get id ending with a space', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g1 ' }])), 'steps[0].id: must not start or end with a space: "g1 " would read as g1 wherever gets are named'],
    ['a contextFrom starting with a space', () => parseScenario(withSteps([{ op: 'get', key: 'k', id: 'g1' }, { op: 'put', key: 'k', value: 1, contextFrom: ' g1' }])), 'steps[1].contextFrom: must not start or end with a space: " g1" would read as g1 wherever gets are named'],
  ])('refuses %s, naming the field and quoting the value', (_name, parse, message) => {
    const parsed = parse();
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe(message);
  });

  it('accepts a get id with a comma (messages quote it) and names with other punctuation', () => {
    expect(parseScenario(withSteps([{ op: 'get', key: 'k', id: 'read, then write' }, { op: 'put', key: 'k', value: 1, contextFrom: 'read, then write' }])).ok).toBe(true);
    expect(parseScenario(withConfig({ nodes: [{ id: 'node-1.eu (a)', dc: 'eu west/1' }, { id: 'B' }, { id: 'C' }] })).ok).toBe(true);
    // An emoji joined with U+200D ZERO WIDTH JOINER is one visible name.
    expect(parseScenario(withConfig({ nodes: [{ id: '\u{1F469}\u200d\u{1F4BB}' }, { id: 'B' }, { id: 'C' }] })).ok).toBe(true);
  });

  it('quotes a key with a line break or a line separator where a message names it', () => {
    const steps = [{ op: 'get', key: 'a\nb', id: 'g' }, { op: 'put', key: 'c\u2028d', value: 1, contextFrom: 'g' }];
    expect(errorOf(withSteps(steps))).toBe('steps[1].contextFrom: "g" is the get of "a\\nb" (steps[0]), not of "c\\u2028d": a put takes its context from a get of the same key');
  });

  it('keeps every refusal on one line, whatever names, keys and ids a file gives', () => {
    const text = fc.string({ unit: fc.constantFrom('A', 'b', ',', ' ', '\n', '\r', '\t', '\u2028', '\u0085', '"', '.', '[', '\u0000'), maxLength: 6 });
    fc.assert(
      fc.property(text, text, text, text, text, (id, dc, key, getId, pos) => {
        const data = {
          ...base,
          config: { ...base.config, ringSize: 1000, nodes: [{ id: 'A', dc }, { id: 'B' }, { id: 'C' }, { id }], keyPositions: { [pos]: 5, [key]: 2000 } },
          steps: [{ op: 'get', key, id: getId }, { op: 'put', key: 'other', value: 1, contextFrom: getId }, { op: 'get', key, via: id }, { op: 'isolateDc', dc }],
        };
        const parsed = parseScenario(data);
        if (!parsed.ok) expect(parsed.error.message).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a key’s length: characters as a person counts them (code points), one message everywhere', () => {
  const cart = '🛒';
  const config = { n: 1, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A' }] };
  const TOO_LONG = 'is 257 characters long; at most 256 are allowed';
  it.each([
    ['a put', (key: string) => ({ ...base, steps: [{ op: 'put', key, value: 1 }] }), 'steps[0].key'],
    ['a get', (key: string) => ({ ...base, steps: [{ op: 'get', key }] }), 'steps[0].key'],
    ['a preference list', (key: string) => ({ ...base, steps: [{ op: 'preferenceList', key }] }), 'steps[0].key'],
  ])('%s takes 256 emoji (512 UTF-16 units) and refuses 257 emoji or 257 letters in the same words', (_name, scenario, path) => {
    expect(parseScenario(scenario(cart.repeat(200))).ok).toBe(true);
    expect(parseScenario(scenario(cart.repeat(256))).ok).toBe(true);
    expect(errorOf(scenario(cart.repeat(257)))).toBe(`${path}: ${TOO_LONG}`);
    expect(errorOf(scenario('k'.repeat(257)))).toBe(`${path}: ${TOO_LONG}`);
  });

  it('agrees with the engine, which refuses the page’s puts and gets: the same count, the same words after "the key"', () => {
    const unit = fc.constantFrom('k', '🛒', '\uD800', '\uDC00', 'é', '\u0301');
    fc.assert(
      fc.property(fc.array(unit, { minLength: 120, maxLength: 300 }).map((units) => units.join('')), (key) => {
        const scenario = parseScenario({ ...base, steps: [{ op: 'put', key, value: 1 }] });
        let engine = 'accepted';
        try {
          Cluster.create(config, 1).apply({ type: 'put', key, value: 1 });
        } catch (e) {
          engine = (e as Error).message.replace(/^the key /, 'steps[0].key: ');
        }
        expect(scenario.ok ? 'accepted' : scenario.error.message).toBe(engine);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a key position’s key the same way, and quotes it in the path when it is not a plain name', () => {
    const at = (key: string) => ({ ...base, config: { ...config, keyPositions: { [key]: 5 } }, steps: [] });
    expect(parseScenario(at(cart.repeat(256))).ok).toBe(true);
    expect(errorOf(at(cart.repeat(257)))).toBe(`config.keyPositions["${cart.repeat(257)}"]: ${TOO_LONG}`);
    expect(errorOf(at('k'.repeat(257)))).toBe(`config.keyPositions.${'k'.repeat(257)}: ${TOO_LONG}`);
    // A key of megabytes is cut in the path: the line names it, without printing it whole.
    expect(errorOf(at('k'.repeat(100_000)))).toBe(`config.keyPositions["${'k'.repeat(40)}…"]: is 100,000 characters long; at most 256 are allowed`);
    expect(errorOf(at(''))).toBe('config.keyPositions[""]: must be a non-empty key');
    expect(errorOf({ ...base, config: { ...config, keyPositions: { 'a\nb': 5000 } }, steps: [] })).toBe('config.keyPositions["a\\nb"]: position 5000 is outside the ring 0–999');
  });
});

describe('times are kept to 0.01 ms: every millisecond field takes a multiple of 0.01', () => {
  const fine = (v: number) => `must be a multiple of 0.01 (the engine keeps times to 0.01 ms), not ${v}`;
  it.each([
    ['requestTimeoutMs', { requestTimeoutMs: 0.001 }, 'config.requestTimeoutMs', 0.001],
    ['replicaTimeoutMs', { replicaTimeoutMs: 0.003 }, 'config.replicaTimeoutMs', 0.003],
    ['hintRetryMs', { hintRetryMs: 12.345 }, 'config.hintRetryMs', 12.345],
    ['gossipIntervalMs', { gossipIntervalMs: 0.5001 }, 'config.gossipIntervalMs', 0.5001],
    ['antiEntropyIntervalMs', { antiEntropyIntervalMs: 1000.001 }, 'config.antiEntropyIntervalMs', 1000.001],
    ['a fixed latency', { latency: { kind: 'fixed', ms: 0.004 } }, 'config.latency.ms', 0.004],
    ['a lognormal median', { latency: { kind: 'lognormal', medianMs: 0.004, sigma: 0.5 } }, 'config.latency.medianMs', 0.004],
    ['a lognormal minimum', { latency: { kind: 'lognormal', medianMs: 10, sigma: 0.5, minMs: 0.005 } }, 'config.latency.minMs', 0.005],
    ['a uniform minimum', { latency: { kind: 'uniform', minMs: 0.001, maxMs: 5 } }, 'config.latency.minMs', 0.001],
    ['a uniform maximum', { latency: { kind: 'uniform', minMs: 1, maxMs: 5.555 } }, 'config.latency.maxMs', 5.555],
  ])('%s', (_name, patch, path, value) => {
    expect(errorOf(withConfig(patch))).toBe(`${path}: ${fine(value)}`);
  });

  it('slowLink’s extraMs, as wait', () => {
    expect(errorOf(withSteps([{ op: 'slowLink', from: 'A', to: 'B', extraMs: 0.004 }]))).toBe(`steps[0].extraMs: ${fine(0.004)}`);
    expect(errorOf(withSteps([{ op: 'wait', ms: 0.004 }]))).toBe(`steps[0].ms: ${fine(0.004)}`);
  });

  it('accepts whole hundredths, up to the largest times allowed', () => {
    const config = { requestTimeoutMs: 0.01, replicaTimeoutMs: 9_999_999.99, hintRetryMs: 0.29, gossipIntervalMs: 0, antiEntropyIntervalMs: 999_999_999.99, latency: { kind: 'uniform', minMs: 0.07, maxMs: 1.1 } };
    expect(parseScenario({ ...withConfig(config), steps: [{ op: 'wait', ms: 999_999_999.99 }, { op: 'slowLink', from: 'A', to: 'B', extraMs: 32.73 }, { op: 'wait', ms: 0.01 }] }).ok).toBe(true);
  });
});

describe('partitions under strategy 1', () => {
  it('is refused, as keyPositions without ringSize is, rather than ignored', () => {
    const why = "only strategies 2 and 3 cut the ring into equal partitions; under strategy 1 a node's ranges lie between random tokens, so partitions would be ignored (set strategy to 2 or 3, or leave partitions out)";
    expect(errorOf(withConfig({ strategy: 1, partitions: 8 }))).toBe(`config.partitions: ${why}`);
    expect(errorOf(withConfig({ partitions: 8 }))).toBe(`config.partitions: ${why.replace('strategy 1', 'strategy 1 (the default)')}`);
    expect(parseScenario(withConfig({ strategy: 2, partitions: 8 })).ok).toBe(true);
  });
});
