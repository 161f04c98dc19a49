/**
 * Lecture 001's example, exactly as the notes tell it, on what the Merkle panel draws:
 * two synchronized replicas compare their roots, equal, and stop; after (k0, v2) on one
 * and (k0, v0) on the other, the roots differ, the half holding k1 is equal and never
 * opened, k0's leaf differs, and only k0 is sent.
 */
import { TraceIndex } from '../../store/trace-index';
import { describe, expect, it } from 'vitest';
import { loadLecture } from '../../lectures/index';
import { describe as describe_ } from '../../engine/index';
import { exchangeAt, exchangeMilestones, latestExchange, simulateExchange, type ExchangeProgress } from './merkle-exchange';
import { hashNames, nodeStates, type NodeState } from './merkle-layout';
import type { MerkleTree } from '../../engine/index';
import { PageSide } from './merkle-testing';
import { repairedText, stageText, type RingNow } from './merkle-text';

const LECTURE = 'merkle-repair';
/** Steps of the lecture (see src/lectures/001-merkle-repair.json). */
const FIRST_EXCHANGE = 3;
const DIVERGED = 11;
const SECOND_EXCHANGE = 12;
const REPAIRED = 13;
const THIRD_EXCHANGE = 15;
/** The ring as the teaching ring names its ranges, no node gone. */
const RING: RingNow = { rangeName: ([start, end]) => `(${start}, ${end}]`, hasLeft: () => false };

function atStep(step: number): PageSide {
  const page = new PageSide();
  const loaded = page.send({ type: 'loadLecture', lectureId: LECTURE, part: 0 });
  page.send({ type: 'seek', cursor: loaded.stepEnds![step]! });
  return page;
}

/** The engine's latest exchange at the cursor, what the panel follows. */
function followed(page: PageSide): { progress: ExchangeProgress; exchangeId: number } {
  const latest = latestExchange(TraceIndex.of(page.trace), page.upTo)!;
  return { progress: exchangeAt(TraceIndex.of(page.trace), page.upTo, latest.exchangeId)!, exchangeId: latest.exchangeId };
}

/** The state of the leaf holding `key`, and of each level's node above it. */
function pathStates(states: NodeState[][], leaf: number): NodeState[] {
  const depth = states.length - 1;
  return states.map((row, level) => row[leaf >> (depth - level)]!);
}

describe('lecture 001 in the Merkle panel: (k0,v0),(k1,v1) against (k0,v2),(k1,v1)', () => {
  it('the lecture is the one the panel is built for', () => {
    expect(loadLecture(LECTURE).parts[0]!.scenario.steps.map((s) => s.op).filter((op) => op === 'antiEntropy')).toHaveLength(3);
  });

  it("after Node0's k0 changes, the first exchange is history: the panel shows the pair as it is now", () => {
    expect(latestExchange(TraceIndex.of(atStep(FIRST_EXCHANGE).trace), atStep(FIRST_EXCHANGE).upTo)!.isStale).toBe(false);
    const diverged = atStep(DIVERGED);
    expect(latestExchange(TraceIndex.of(diverged.trace), diverged.upTo)).toMatchObject({ a: 'Node0', b: 'Node1', isStale: true });
    const second = atStep(SECOND_EXCHANGE);
    expect(latestExchange(TraceIndex.of(second.trace), second.upTo)!.isStale).toBe(false);
  });

  it('synchronized replicas: the roots are equal, one hash is compared and nothing is sent', () => {
    const page = atStep(FIRST_EXCHANGE);
    const { progress } = followed(page);
    expect(progress).toMatchObject({ a: 'Node0', b: 'Node1', isDone: true, hashesCompared: 1, differingKeys: [], keyMessages: [] });
    const states = nodeStates(1, progress.levels, 0);
    expect(states[0]).toEqual(['equal']);
    expect(states.slice(1).flat().every((s) => s === 'skipped')).toBe(true);
  });

  it('diverged replicas: root differs, k1 is equal and skipped, k0 differs, and only k0 is sent', () => {
    const page = atStep(SECOND_EXCHANGE);
    const { progress, exchangeId } = followed(page);
    const trees = page.merkle('Node0', 'Node1', exchangeId);
    const [a, b] = trees.sides;
    const leafOf = (key: string) => a.trees[0]!.leafKeys.findIndex((keys) => keys.includes(key));
    const states = nodeStates(trees.depth, progress.levels, 0);
    // "h3 = hash(v2) replaces h0, so Node0's root hash(h3 + h1) differs from Node1's."
    expect(a.trees[0]!.levels[0]![0]).not.toBe(b.trees[0]!.levels[0]![0]);
    expect(states[0]).toEqual(['differing']);
    // The notes' tree: two leaves, h0 = hash(v0) and h1 = hash(v1), under the root hash(h0 + h1).
    expect(trees.depth).toBe(1);
    expect(a.trees[0]!.leafKeys).toEqual([['k0'], ['k1']]);
    // "h1 is equal on both, so k1 is skipped": its leaf hashes are equal.
    expect(a.trees[0]!.levels[trees.depth]![leafOf('k1')]).toBe(b.trees[0]!.levels[trees.depth]![leafOf('k1')]);
    expect(pathStates(states, leafOf('k1'))).toEqual(['differing', 'equal']);
    // The panel names the hashes as the notes do: Node1's h0 = hash(v0), h1 = hash(v1), root h2;
    // Node0's k0 is h3 = hash(v2), its k1 the same h1, and its root a new h4. Node0 comes first, as in
    // the notes' picture, so the names are Node1's first, then Node0's new ones.
    const [ta, tb] = [a.trees[0]!, b.trees[0]!];
    const names = hashNames([tb, ta])!;
    const nameOf = (tree: typeof ta, level: number, key?: string) => names.get(tree.levels[level]![key === undefined ? 0 : tree.leafKeys.findIndex((keys) => keys.includes(key))]!);
    expect([nameOf(tb, 1, 'k0'), nameOf(tb, 1, 'k1'), nameOf(tb, 0)]).toEqual(['h0', 'h1', 'h2']);
    expect([nameOf(ta, 1, 'k0'), nameOf(ta, 1, 'k1'), nameOf(ta, 0)]).toEqual(['h3', 'h1', 'h4']);
    // "h0 and h3 differ, so only k0 is transferred."
    expect(a.trees[0]!.levels[trees.depth]![leafOf('k0')]).not.toBe(b.trees[0]!.levels[trees.depth]![leafOf('k0')]);
    expect(pathStates(states, leafOf('k0'))).toEqual(['differing', 'differing']);
    // Node1, which compared the leaves, sends its k0 first; Node0 answers with its own.
    expect(progress.keyMessages.map((m) => [m.from, m.to, m.keys])).toEqual([
      ['Node1', 'Node0', ['k0']],
      ['Node0', 'Node1', ['k0']],
    ]);
    expect(progress.differingKeys).toEqual(['k0']);
    // The root, then its two children h0/h3 and h1: 1 + 2.
    expect(progress.hashesCompared).toBe(3);
    expect(progress.levels.map((l) => [l.level, l.compared.length, l.differing.length])).toEqual([
      [0, 1, 1],
      [1, 2, 1],
    ]);
  });

  it('stepping the exchange level by level: each stage adds one level, then the keys', () => {
    const page = atStep(SECOND_EXCHANGE);
    const { exchangeId } = followed(page);
    const milestones = exchangeMilestones(TraceIndex.of(page.trace), exchangeId);
    // The panel's "Compare next level" moves the cursor to each milestone in turn.
    const stages = milestones.map((index) => {
      page.send({ type: 'seekToEvent', seq: page.trace[index]!.seq });
      return exchangeAt(TraceIndex.of(page.trace), page.upTo, exchangeId)!;
    });
    expect(stages.map((s) => s.levels.length)).toEqual([0, 1, 2, 2]);
    expect(stages.map((s) => s.keyMessages.length)).toEqual([0, 0, 1, 2]);
    expect(stages.map((s) => s.isDone)).toEqual([false, false, false, true]);
  });

  it('the pair the lecturer picks, compared by the panel before the engine runs it, tells the same story', () => {
    const before = atStep(DIVERGED);
    const simulated = simulateExchange(before.merkle('Node0', 'Node1'));
    const engine = followed(atStep(SECOND_EXCHANGE)).progress;
    const last = simulated.at(-1)!;
    expect(last.levels).toEqual(engine.levels);
    expect(last.keyMessages).toEqual(engine.keyMessages);
    expect([last.hashesCompared, last.bytesExchanged, last.bytesFullTransfer, last.differingKeys]).toEqual([engine.hashesCompared, engine.bytesExchanged, engine.bytesFullTransfer, engine.differingKeys]);
    expect(simulated.map((s) => s.levels.length)).toEqual([0, 1, 2, 2]);
  });

  it('once the exchange has repaired Node1, the panel says what its tree is now, and the hashes keep the names step 12 gave them', () => {
    const repaired = atStep(REPAIRED);
    const latest = latestExchange(TraceIndex.of(repaired.trace), repaired.upTo)!;
    expect(latest).toMatchObject({ a: 'Node0', b: 'Node1', isStale: false, repaired: ['Node1'] });
    // An exchange that stored nothing repaired nothing.
    expect(latestExchange(TraceIndex.of(atStep(FIRST_EXCHANGE).trace), atStep(FIRST_EXCHANGE).upTo)!.repaired).toEqual([]);
    // While it runs, nothing counts as repaired yet: Node0 has kept its v2 against Node1's v0, and Node1 still holds v0.
    const running = atStep(SECOND_EXCHANGE);
    running.send({ type: 'seekToEvent', seq: running.trace.find((e) => e.kind === 'version-ignored' && e.node === 'Node0' && e.atMs > 50)!.seq });
    expect(running.trace.slice(0, running.upTo).some((e) => e.kind === 'ae-done' && e.exchangeId === latest.exchangeId)).toBe(false);
    expect(latestExchange(TraceIndex.of(running.trace), running.upTo)!.repaired).toEqual([]);
    // The names as the worker gives them at each step, each step's page opened afresh (as a link opens it):
    // h3 and h4 stay h3 and h4, from the trace, whatever the page had shown before.
    const namesAt = (page: PageSide, exchangeId?: number) => {
      const trees = page.merkle('Node0', 'Node1', exchangeId);
      const names = trees.names[0]!;
      return trees.sides.map((side) => side.trees[0]!).map((t) => [...t.levels[1]!, t.levels[0]![0]!].map((h) => names[h]));
    };
    expect(namesAt(atStep(FIRST_EXCHANGE - 1))).toEqual([['h0', 'h1', 'h2'], ['h0', 'h1', 'h2']]);
    const second = atStep(SECOND_EXCHANGE);
    expect(namesAt(second, followed(second).exchangeId)).toEqual([['h3', 'h1', 'h4'], ['h0', 'h1', 'h2']]);
    expect(namesAt(repaired)).toEqual([['h3', 'h1', 'h4'], ['h3', 'h1', 'h4']]);
    // What the panel says under the trees the exchange compared.
    expect(repairedText(latest.repaired, repaired.merkle('Node0', 'Node1', latest.exchangeId).ranges, repaired.merkle('Node0', 'Node1'), RING)).toBe("Node1's root is now h4, the same as Node0's. Below: the trees as compared.");
    const third = atStep(THIRD_EXCHANGE);
    expect(namesAt(third, followed(third).exchangeId)).toEqual([['h3', 'h1', 'h4'], ['h3', 'h1', 'h4']]);
  });

  it('synchronized again: the roots are equal, and one comparison is enough', () => {
    const { progress } = followed(atStep(THIRD_EXCHANGE));
    expect(progress).toMatchObject({ isDone: true, hashesCompared: 1, differingKeys: [] });
  });
});

describe('what the panel says once an exchange has repaired both replicas, or trees too big to name', () => {
  const tree = (root: string, leaves: string[], keys: string[][]) => ({ range: [0, 10] as const, depth: 1, levels: [[root], leaves], leafKeys: keys });
  // Named as the worker names trees it meets with no exchange before them (one range), or not at all (several).
  const namesOf = (a: ReturnType<typeof tree>[], b: ReturnType<typeof tree>[]) => (a.length === 1 ? [Object.fromEntries(hashNames([a[0]!, b[0]!] as unknown as MerkleTree[])!)] : a.map(() => null));
  // Each range its own bounds: the sentence finds each range compared among the pair's by them.
  const reply = (a: ReturnType<typeof tree>[], b: ReturnType<typeof tree>[]) => ({ type: 'merkle' as const, id: 1, ranges: a.map((_, i) => [10 * i, 10 * i + 10] as const), depth: 1, sides: [{ node: 'A', trees: a }, { node: 'B', trees: b }] as const, names: namesOf(a, b) }) as unknown as Parameters<typeof repairedText>[2];
  // The exchange compared the ranges the pair shares now: the ring has not changed since.
  const said = (repaired: readonly string[], now: ReturnType<typeof reply>) => repairedText(repaired, now.ranges, now, RING);
  it('names both roots, or says they agree', () => {
    const keys = [['k0'], ['k1']];
    expect(said(['A', 'B'], reply([tree('r', ['x', 'y'], keys)], [tree('r', ['x', 'y'], keys)]))) .toBe('Both roots are now h2. Below: the trees as compared.');
    expect(said(['A', 'B'], reply([tree('r', ['x', 'y'], keys)], [tree('s', ['x', 'z'], keys)]))) .toBe('Their roots are now h2 and h4. Below: the trees as compared.');
    expect(said(['B'], reply([tree('r', ['x', 'y'], keys)], [tree('s', ['x', 'z'], keys)]))) .toBe("B's root is now h4; A's is h2. Below: the trees as compared.");
  });
  it('without names (several ranges, or too many hashes) says only whether the trees agree', () => {
    const t = tree('r', ['x', 'y'], [['k0'], ['k1']]);
    expect(said(['A'], reply([t, t], [t, t]))) .toBe('The trees now agree. Below: the trees as compared.');
    expect(said(['A'], reply([t, t], [t, tree('s', ['x', 'z'], [['k0'], ['k1']])]))) .toBe('The trees still differ. Below: the trees as compared.');
  });
});

describe('the sentence under the trees says what was sent, and only what was', () => {
  it('a pair the panel compares itself sends nothing: its keys "would be sent", and Run anti-entropy sends them', () => {
    const trees = atStep(DIVERGED).merkle('Node0', 'Node1');
    expect(simulateExchange(trees).map((p) => stageText(p, trees.depth, true))).toEqual([
      'Nothing compared yet.',
      'Roots compared: 1 hash, 1 differs.',
      'Leaves compared: 2 hashes, 1 differs — their keys would be sent.',
      'Done: 1 key differs. Run anti-entropy to send it.',
    ]);
  });

  it("the engine's exchange sent them", () => {
    const { progress } = followed(atStep(SECOND_EXCHANGE));
    expect(stageText(progress, 1)).toBe('Done: 1 key differed and was exchanged.');
  });

  it("says when a differing leaf's equal keys go too, so the count of keys differing and the list of keys sent agree", () => {
    const { progress } = followed(atStep(SECOND_EXCHANGE));
    const withCart = { ...progress, keyMessages: [{ ...progress.keyMessages[0]!, keys: ['k0', 'cart'] }] };
    expect(stageText(withCart, 1)).toBe("Done: 1 key differed and was exchanged. Their leaves hold 2 keys, and all 2 went: a leaf's hash cannot tell which of its keys differ.");
    expect(stageText(withCart, 1, true)).toBe("Done: 1 key differs. Their leaves hold 2 keys, and all 2 would be sent: a leaf's hash cannot tell which of its keys differ. Run anti-entropy to send them.");
  });

  it('keys that went after a leaf differed, to a replica that had caught up meanwhile, are not "equal at leaf, nothing to send"', () => {
    // The same exchange, had Node0 already held Node1's k0 when Node1's keys came (a hint, a write): nothing differing.
    const { progress } = followed(atStep(SECOND_EXCHANGE));
    expect(progress.keyMessages[0]).toMatchObject({ from: 'Node1', to: 'Node0', keys: ['k0'] });
    expect(stageText({ ...progress, differingKeys: [] }, 1)).toBe('Done: Node1 sent 1 key, but Node0 had caught up by then: nothing differed any more.');
  });
});

describe("the log's line for an exchange's end", () => {
  it('says what it saved against a full transfer, or that it saved nothing', () => {
    const done = (bytesExchanged: number, bytesFullTransfer: number) =>
      describe_({ seq: 0, atMs: 0, node: 'A', causeSeq: null, kind: 'ae-done', exchangeId: 1, a: 'A', b: 'B', ok: true, differingKeys: [], hashesCompared: 1, bytesExchanged, bytesFullTransfer });
    expect(done(36, 9000)).toBe('Anti-entropy A–B done: replicas agree; 36 bytes sent instead of 9000');
    // Two keys: the hashes cost as much as the data (it read "72 bytes sent instead of 72").
    expect(done(72, 72)).toBe('Anti-entropy A–B done: replicas agree; 72 bytes sent, as many as a full transfer');
    // "No fewer than" read as "about as many" where the hashes cost four times the data.
    expect(done(140, 36)).toBe("Anti-entropy A–B done: replicas agree; 140 bytes sent, more than a full transfer's 36: with this few keys the hashes cost more than the data");
  });
});
