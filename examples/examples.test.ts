/**
 * Every example scenario runs headless and its `expect` checks pass; the lectures'
 * own answers are asserted here once more in the words of the lecture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/validate';
import { runScenario, type ScenarioOutput } from '../src/scenario/runner';

const dir = import.meta.dirname;

function run(file: string): ScenarioOutput {
  const parsed = parseScenarioText(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.ok) throw parsed.error;
  return runScenario(parsed.scenario);
}

function stepsOf(out: ScenarioOutput, op: string): Record<string, unknown>[] {
  return out.steps.filter((s) => s.op === op);
}

describe('every example scenario', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`${file} runs and meets its expectations`, () => {
      const out = run(file);
      expect(out.expectations?.checked ?? 0).toBeGreaterThan(0);
      expect(out.expectations?.failed).toEqual([]);
    });
    it(`${file} gives the same output twice`, () => {
      expect(JSON.stringify(run(file))).toBe(JSON.stringify(run(file)));
    });
  }
});

describe('lecture 000: consistent hashing on a ring of 0–1000', () => {
  const out = run('lecture-000-consistent-hashing.json');
  it('hash(key) = 344 lands on node3', () => {
    expect(stepsOf(out, 'preferenceList')[0]).toMatchObject({ position: 344, nodes: ['node3'] });
  });
  it('node5 joining at 644 moves only the keys between 458 and 644, all to node5', () => {
    expect(stepsOf(out, 'addNode')[0]!.transfers).toEqual([{ from: 'node4', to: 'node5', range: [458, 644] }]);
    expect(Object.keys(out.final.nodes.node5!.data)).toEqual(['key-at-500']);
    expect(Object.keys(out.final.nodes.node4!.data)).toEqual(['key-at-700']);
    expect(Object.keys(out.final.nodes.node3!.data)).toEqual(['key-at-344']);
  });
});

describe('lecture 004: walking the token ring', () => {
  const lists = stepsOf(run('lecture-004-token-walk.json'), 'preferenceList').map((s) => s.nodes);
  it('RF = 2 gives nodes 4, 2', () => expect(lists[0]).toEqual(['node4', 'node2']));
  it('RF = 3 gives nodes 4, 2, 3', () => expect(lists[1]).toEqual(['node4', 'node2', 'node3']));
  it('from the last token, RF = 3 gives nodes 3, 1, 2', () => expect(lists[2]).toEqual(['node3', 'node1', 'node2']));
});

describe('lecture 000: the shopping cart, 10:00 to 10:07', () => {
  const out = run('lecture-000-shopping-cart.json');
  const puts = stepsOf(out, 'put');
  const gets = stepsOf(out, 'get');
  it('the coordinators are node1, node2, node4, then node1 after the merge', () => {
    expect(puts.map((p) => p.coordinator)).toEqual(['node1', 'node2', 'node4', 'node1']);
  });
  it('writes D1 ([node1,1]), D2 ([node1,1],[node2,1]) and D3 ([node1,1],[node4,1])', () => {
    expect(puts.slice(0, 3).map((p) => p.clock)).toEqual([{ node1: 1 }, { node1: 1, node2: 1 }, { node1: 1, node4: 1 }]);
  });
  it('at 10:06 the read returns two versions, D2 and D3', () => {
    expect((gets[2]!.versions as { version: string }[]).map((v) => v.version)).toEqual(['D2', 'D3']);
  });
  it('three copies, as the notes draw them: node1, node2 and node4 (N=3), never node3, which only keeps a hint for node1', () => {
    expect(puts[1]).toMatchObject({ acks: ['node2', 'node3'], hinted: [{ holder: 'node3', intendedFor: 'node1' }] });
    expect(out.final.nodes.node3!.data).toEqual({});
  });
  it('the sync before 10:06 gives node1 D2 next to D3, while node2 still holds D2 alone', () => {
    const [node1, node2] = stepsOf(out, 'inspect');
    expect(((node1!.data as Record<string, { version: string }[]>).cart ?? []).map((v) => v.version)).toEqual(['D2', 'D3']);
    expect(((node2!.data as Record<string, { version: string }[]>).cart ?? []).map((v) => v.version)).toEqual(['D2']);
  });
  it('the final version D4 is ([node1,2],[node2,1],[node4,1]) and every replica keeps only D4', () => {
    expect(puts[3]!.clock).toEqual({ node1: 2, node2: 1, node4: 1 });
    for (const id of ['node1', 'node2', 'node4']) {
      expect(out.final.nodes[id]!.data.cart).toEqual([{ version: 'D4', value: ['shoes', 'ps5'], clock: { node1: 2, node2: 1, node4: 1 } }]);
    }
  });
});

describe('lecture 003: how can multiple versions arise?', () => {
  const out = run('lecture-003-multiple-versions.json');
  const puts = stepsOf(out, 'put');
  const gets = stepsOf(out, 'get');
  it('client 1: get() from n1, n2 yields ""', () => {
    expect(gets[0]).toMatchObject({ ok: true, versions: [], replies: ['n1', 'n2'] });
  });
  it('with n1 and n2 down, put("X") goes to n3, n4: n4 with a hint for n1', () => {
    expect(puts[0]).toMatchObject({ ok: true, coordinator: 'n3', acks: ['n3', 'n4'], hinted: [{ holder: 'n4', intendedFor: 'n1' }] });
  });
  it('n1, n2 revive; client 2: get() from n1, n2 yields "", and put("Y") goes to n1, n2, concurrent with X', () => {
    expect(gets[1]).toMatchObject({ ok: true, versions: [], replies: ['n1', 'n2'] });
    expect(puts[1]).toMatchObject({ ok: true, coordinator: 'n1', clock: { n1: 1 }, acks: ['n1', 'n2'] });
  });
  it('after the hint is delivered, a get returns both X and Y as siblings', () => {
    const last = stepsOf(out, 'get').at(-1)!;
    expect((last.versions as { value: unknown }[]).map((v) => v.value)).toEqual([['X'], ['Y']]);
    expect(out.final.nodes.n4!.hints).toEqual([]);
  });
});

describe('lecture 002: G forwards the request to B, then to C', () => {
  const out = run('lecture-002-forwarding.json');
  it('the key is in B\'s keyspace: its preference list starts B, C, D', () => {
    expect(stepsOf(out, 'preferenceList')[0]).toMatchObject({ position: 150, nodes: ['B', 'C', 'D'] });
  });
  it('sent to G, the read is coordinated by B; with B down, the write by C', () => {
    expect(stepsOf(out, 'get')[0]).toMatchObject({ ok: true, coordinator: 'B' });
    expect(stepsOf(out, 'put')[0]).toMatchObject({ ok: true, coordinator: 'C', acks: ['C', 'D'] });
  });
});

describe('lecture 002: hinted handoff', () => {
  const out = run('lecture-002-hinted-handoff.json');
  const inspections = stepsOf(out, 'inspect');
  it('with B down, D keeps the write in its hinted store, for B', () => {
    expect(inspections[0]).toMatchObject({ node: 'D', data: {}, hints: [{ key: 'cart', intendedFor: 'B' }] });
  });
  it('when B recovers, the hinted copy moves to B and D\'s hinted store is empty', () => {
    expect(inspections[2]).toMatchObject({ node: 'D', hints: [] });
    expect(out.final.nodes.B!.data.cart).toEqual([{ version: 'D1', value: ['book'], clock: { A: 1 } }]);
    expect(out.final.nodes.D!.hints).toEqual([]);
  });
});

describe('lecture 001: Merkle repair', () => {
  const [first, second] = stepsOf(run('lecture-001-merkle-repair.json'), 'antiEntropy');
  it('(k0,v0),(k1,v1) against (k0,v2),(k1,v1): the roots differ and only k0 is transferred', () => {
    expect(first).toMatchObject({ ok: true, differingKeys: ['k0'] });
    expect(first!.hashesCompared as number).toBeGreaterThan(1);
  });
  it('once repaired, the roots agree and one hash comparison is enough', () => {
    expect(second).toMatchObject({ ok: true, differingKeys: [], hashesCompared: 1 });
  });
});

describe('lectures 001/002: virtual nodes joining with strategy 3', () => {
  const out = run('lecture-001-joining.json');
  const [one, two, three] = stepsOf(out, 'ownership').map((s) => s.nodes as Record<string, { primaryShare: number }>);
  it('the first node holds everything', () => expect(one!.node1!.primaryShare).toBe(1));
  it('the second holds about 1/2', () => expect(two!.node2!.primaryShare).toBeCloseTo(1 / 2, 2));
  it('the third holds about 1/3, taken from the other two', () => {
    expect(three!.node3!.primaryShare).toBeCloseTo(1 / 3, 2);
    const [, joinThird] = stepsOf(out, 'addNode');
    const sources = new Set((joinThird!.transfers as { from: string; to: string }[]).map((t) => t.from));
    expect([...sources].sort()).toEqual(['node1', 'node2']);
  });
});
