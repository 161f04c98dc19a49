import { TraceIndex } from '../../store/trace-index';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTree, entryBytes, hashEntry, type Range, type TreeEntry, type Version } from '../../engine/index';
import type { MerkleReply, MerkleSide } from '../../worker/protocol';
import { exchangeAt, latestExchange, simulateExchange } from './merkle-exchange';
import { PageSide } from './merkle-testing';

const RING = 1000;
const FULL: Range = [0, 0];

function version(value: string): Version {
  return { id: 1, value, clock: [{ node: 'A', counter: 1, atMs: 0 }] };
}

/** One side's trees over the whole ring of a teaching ring, as the worker would send them. */
function side(node: string, store: ReadonlyMap<string, { pos: number; value: string }>, depth: number): MerkleSide {
  const entries: TreeEntry[] = [...store].map(([key, { pos, value }]) => ({ key, pos, versions: [version(value)] }));
  return {
    node,
    trees: [buildTree(entries, FULL, depth, RING)],
    entries: [Object.fromEntries(entries.map((e) => [e.key, [hashEntry(e.key, e.versions), entryBytes(e.key, e.versions)] as const]))],
    atSeq: null,
  };
}

function pair(a: ReadonlyMap<string, { pos: number; value: string }>, b: ReadonlyMap<string, { pos: number; value: string }>, depth: number): MerkleReply {
  return { type: 'merkle', id: 0, exchangeId: null, ranges: [FULL], depth, sides: [side('A', a, depth), side('B', b, depth)], names: [null] };
}

/** Two replicas' stores: a shared set of keys, some of which one side changed, added or lacks. */
const divergedStores = fc
  .record({
    keys: fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), pos: fc.integer({ min: 0, max: RING - 1 }) }), { selector: (k) => k.key, maxLength: 60 }),
    changes: fc.array(fc.tuple(fc.nat(), fc.constantFrom('changeA', 'changeB', 'onlyA', 'onlyB')), { maxLength: 8 }),
    depth: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ keys, changes, depth }) => {
    const a = new Map(keys.map((k) => [k.key, { pos: k.pos, value: 'v' }]));
    const b = new Map(a);
    for (const [i, change] of changes) {
      const k = keys[i % Math.max(1, keys.length)];
      if (!k) continue;
      if (change === 'changeA') a.set(k.key, { pos: k.pos, value: 'a' });
      if (change === 'changeB') b.set(k.key, { pos: k.pos, value: 'b' });
      if (change === 'onlyA') b.delete(k.key);
      if (change === 'onlyB') a.delete(k.key);
    }
    return { a, b, depth };
  });

describe('simulateExchange: the engine protocol on two trees', () => {
  it('the keys it says differ are exactly the keys whose versions differ, and only they come back', () => {
    fc.assert(
      fc.property(divergedStores, ({ a, b, depth }) => {
        const done = simulateExchange(pair(a, b, depth)).at(-1)!;
        const truth = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k)?.value !== b.get(k)?.value).sort();
        expect(done.isDone).toBe(true);
        expect(done.differingKeys).toEqual(truth);
        const reply = done.keyMessages.find((m) => m.isReply);
        for (const key of reply?.keys ?? []) expect(truth).toContain(key);
      }),
    );
  });

  it('compares a node only when its parent differed, and never opens an equal subtree', () => {
    fc.assert(
      fc.property(divergedStores, ({ a, b, depth }) => {
        const { levels, hashesCompared } = simulateExchange(pair(a, b, depth)).at(-1)!;
        expect(levels[0]!.compared).toEqual([{ range: 0, index: 0 }]);
        for (let i = 1; i < levels.length; i++) {
          const parents = levels[i - 1]!.differing.map((r) => r.index);
          expect(levels[i]!.compared.map((r) => r.index)).toEqual(parents.flatMap((p) => [2 * p, 2 * p + 1]));
        }
        const innerDiffering = levels.filter((l) => l.level < depth).reduce((n, l) => n + l.differing.length, 0);
        expect(hashesCompared).toBe(1 + 2 * innerDiffering);
      }),
    );
  });

  it('equal replicas: one root compared, nothing sent, cheaper than a full transfer', () => {
    const store = new Map(Array.from({ length: 50 }, (_, i) => [`key${i}`, { pos: i * 19, value: 'v' }] as const));
    const stages = simulateExchange(pair(store, store, 6));
    expect(stages).toHaveLength(2);
    expect(stages[1]).toMatchObject({ isDone: true, hashesCompared: 1, keyMessages: [], differingKeys: [] });
    expect(stages[1]!.bytesExchanged).toBeLessThan(stages[1]!.bytesFullTransfer!);
  });
});

describe('simulateExchange tells the engine’s own exchange', () => {
  const config = {
    n: 2,
    r: 1,
    w: 1,
    ringSize: 1000,
    latency: { kind: 'fixed', ms: 10 },
    gossipIntervalMs: 0,
    antiEntropyIntervalMs: 0,
    nodes: [
      { id: 'A', tokens: [250] },
      { id: 'B', tokens: [750] },
    ],
  } as const;

  it('on random divergences, levels, keys sent, bytes and hashes match the engine’s ae-level, ae-keys and ae-done', () => {
    let diverged = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom<['A', 'B'] | ['B', 'A']>(['A', 'B'], ['B', 'A']),
        (keys, changed, [a, b]) => {
          const page = new PageSide();
          const actions = [
            ...keys.map((k) => ({ input: { type: 'put', key: `key${k}`, value: k, via: 'A' } as const })),
            { steps: 5000 },
            { input: { type: 'partition', groups: [['A'], ['B']] } as const },
            ...changed.map((i) => ({ input: { type: 'put', key: `key${keys[i % keys.length]}`, value: 'new', via: 'B' } as const })),
            { steps: 5000 },
            { input: { type: 'heal' } as const },
          ];
          page.send({ type: 'load', session: { seed: 7, config, actions } });
          const simulated = simulateExchange(page.merkle(a, b)).at(-1)!;
          page.send({ type: 'input', input: { type: 'antiEntropy', a, b } });
          const { exchangeId } = latestExchange(TraceIndex.of(page.trace), page.upTo)!;
          page.stepUntil((e) => e.kind === 'ae-done' && e.exchangeId === exchangeId);
          const engine = exchangeAt(TraceIndex.of(page.trace), page.upTo, exchangeId)!;
          expect(engine.isDone).toBe(true);
          if (engine.differingKeys.length > 0) diverged++;
          expect(simulated.levels).toEqual(engine.levels);
          expect(simulated.keyMessages).toEqual(engine.keyMessages);
          expect([simulated.hashesCompared, simulated.bytesExchanged, simulated.bytesFullTransfer, simulated.differingKeys]).toEqual([
            engine.hashesCompared,
            engine.bytesExchanged,
            engine.bytesFullTransfer,
            engine.differingKeys,
          ]);
        },
      ),
      { numRuns: 25 },
    );
    expect(diverged, 'runs where the replicas differed').toBeGreaterThan(10);
  });
});
