/**
 * Anti-entropy with Merkle trees (paper §4.7; lectures 001, 002, 003): two replicas
 * compare the ranges they share root first, descend only where hashes differ, and send
 * only the keys that differ — so the bytes moved follow the difference, not the data.
 * It is also how a replacement replica gets its data after a permanent failure.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, checkConsistency, commonRanges, setStored, describe as describeEvent, elementaryRanges, formatClock, topNodes, type ClusterConfig, type EventOf, type Version } from '../index';
import { FOUR_NODE_RING, ofKind, opEnd, values } from '../testing/fixtures';

/** Runs one exchange to its end and returns its `ae-done` event. */
function exchange(cluster: Cluster, a: string, b: string): EventOf<'ae-done'> {
  const { exchangeId } = cluster.apply({ type: 'antiEntropy', a, b });
  cluster.settle();
  // Done: the trace says what it found, and the cluster no longer keeps it.
  expect(cluster.exchanges.has(exchangeId!)).toBe(false);
  return ofKind(cluster.trace, 'ae-done').find((e) => e.exchangeId === exchangeId)!;
}

/** Exchanges between every pair of members sharing a range, round after round, until one repairs nothing. */
function antiEntropyUntilQuiet(cluster: Cluster): number {
  const members = [...cluster.nodes.values()].filter((n) => n.isMember && n.isUp).map((n) => n.id);
  for (let round = 1; round <= 5; round++) {
    let repaired = 0;
    for (const a of members) for (const b of members) if (a < b && commonRanges(cluster, a, b).length > 0) repaired += exchange(cluster, a, b).differingKeys.length;
    if (repaired === 0) return round;
  }
  throw new Error('anti-entropy did not converge in 5 rounds');
}

describe('the lecture 001 example: (k0,v0),(k1,v1) against (k0,v2),(k1,v1)', () => {
  const config: ClusterConfig = {
    n: 2,
    r: 1,
    w: 1,
    ringSize: 1000,
    keyPositions: { k0: 100, k1: 600 },
    latency: { kind: 'fixed', ms: 10 },
    gossipIntervalMs: 0,
    antiEntropyIntervalMs: 0,
    nodes: [
      { id: 'A', tokens: [250] },
      { id: 'B', tokens: [750] },
    ],
  };
  /** While A and B cannot talk, a client replaces k0's value on B. */
  function diverged(): Cluster {
    const c = Cluster.create(config, 1);
    c.apply({ type: 'put', key: 'k0', value: 'v0', via: 'A' });
    c.apply({ type: 'put', key: 'k1', value: 'v1', via: 'A' });
    c.settle();
    c.apply({ type: 'partition', groups: [['A'], ['B']] });
    const read = c.apply({ type: 'get', key: 'k0', via: 'B' });
    c.settle();
    c.apply({ type: 'put', key: 'k0', value: 'v2', via: 'B', context: opEnd(c, read.opId).context! });
    c.settle();
    c.apply({ type: 'heal' });
    c.settle();
    return c;
  }

  it('only k0 differs, only k0 is sent, and A ends up with v2', () => {
    const c = diverged();
    expect([values(c, 'A', 'k0'), values(c, 'A', 'k1')]).toEqual([['v0'], ['v1']]);
    expect([values(c, 'B', 'k0'), values(c, 'B', 'k1')]).toEqual([['v2'], ['v1']]);
    const before = c.trace.length;
    const done = exchange(c, 'A', 'B');
    expect(done).toMatchObject({ ok: true, a: 'A', b: 'B', differingKeys: ['k0'] });
    const keyMessages = ofKind(c.trace.slice(before), 'send').filter((e) => e.body.type === 'ae-keys');
    // The side that reached the differing leaf sends its k0, the other answers with its own; k1's leaf compared equal.
    expect(keyMessages.map((e) => [e.from, e.body.type === 'ae-keys' ? e.body.entries.map(([k]) => k) : []])).toEqual([
      ['B', ['k0']],
      ['A', ['k0']],
    ]);
    const levels = ofKind(c.trace.slice(before), 'ae-level');
    expect(levels[0]).toMatchObject({ level: 0, differing: [{ index: 0 }] }); // the roots differ
    expect(levels.every((l) => l.differing.length <= 1)).toBe(true); // one path down, never both halves
    expect(values(c, 'A', 'k0')).toEqual(['v2']);
    expect(formatClock(c.node('A').store.get('k0')![0]!.clock)).toBe('([A,1],[B,1])');
  });

  it('a second exchange compares the roots only: they are equal', () => {
    const c = diverged();
    exchange(c, 'A', 'B');
    expect(exchange(c, 'A', 'B')).toMatchObject({ ok: true, differingKeys: [], hashesCompared: 1 });
  });
});

describe('the data that moves follows the difference', () => {
  it('~2,000 keys with 1% differing: bytesExchanged is under 5% of bytesFullTransfer', () => {
    const c = Cluster.create(
      {
        n: 2,
        r: 1,
        w: 1,
        latency: { kind: 'fixed', ms: 5 },
        gossipIntervalMs: 0,
        antiEntropyIntervalMs: 0,
        nodes: [{ id: 'A' }, { id: 'B' }],
      },
      9,
    );
    const base = (i: number): Version => ({ id: 1, value: `cart item ${i}`, clock: [{ node: 'A', counter: 1, atMs: 0 }] });
    const newer = (i: number): Version => ({
      id: 2,
      value: `cart item ${i}, changed`,
      clock: [
        { node: 'A', counter: 1, atMs: 0 },
        { node: 'B', counter: 1, atMs: 0 },
      ],
    });
    const changed = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const key = `key${i}`;
      setStored(c.node('A'), key, [base(i)]);
      setStored(c.node('B'), key, [i % 100 === 7 ? newer(i) : base(i)]);
      if (i % 100 === 7) changed.add(key);
    }
    const done = exchange(c, 'A', 'B');
    expect(done.ok).toBe(true);
    expect([...done.differingKeys].sort()).toEqual([...changed].sort());
    expect(done.bytesFullTransfer).toBeGreaterThan(100_000);
    expect(done.bytesExchanged / done.bytesFullTransfer).toBeLessThan(0.05);
    for (const key of changed) expect(values(c, 'A', key)).toEqual([`cart item ${key.slice(3)}, changed`]);
    const again = exchange(c, 'A', 'B');
    expect(again).toMatchObject({ ok: true, differingKeys: [], hashesCompared: 1 });
  });
});

describe('recovering from a permanent failure (lecture 002: "create a new replica")', () => {
  /** Four keys, one per range: each has a different top three on A@100, B@300, C@500, D@700. */
  const config: ClusterConfig = { ...FOUR_NODE_RING, keyPositions: { k50: 50, k200: 200, k400: 400, k600: 600 } };
  const KEYS = ['k50', 'k200', 'k400', 'k600'];

  it('after destroy + removeNode, the new holders of the dead node’s ranges get the data through anti-entropy', () => {
    const c = Cluster.create(config, 4);
    for (const key of KEYS) c.apply({ type: 'put', key, value: key, via: 'C' });
    c.settle();
    c.apply({ type: 'destroy', node: 'B' });
    const { transfers, repairs, events } = c.apply({ type: 'removeNode', id: 'B' });
    c.settle();
    // Nothing can come from the dead disk: no transfer is promised, and the ranges it held are named as repairs.
    expect(transfers).toEqual([]);
    expect(repairs!.map((t) => `${t.from}→${t.to}`).sort()).toEqual(['B→A', 'B→C', 'B→D']);
    expect(describeEvent(events.find((e) => e.kind === 'node-removed')!)).toBe(
      'B leaves the ring; 3 ranges to repair by anti-entropy (B was destroyed)',
    );
    expect(ofKind(c.trace, 'send').filter((e) => e.body.type === 'transfer')).toEqual([]);
    // k50's top three is now A, C, D: D is new and empty; likewise A for k200 and C for k600.
    expect(c.preferenceListOf('k50').nodes).toEqual(['A', 'C', 'D']);
    expect(values(c, 'D', 'k50')).toEqual([]);
    expect(values(c, 'A', 'k200')).toEqual([]);
    expect(values(c, 'C', 'k600')).toEqual([]);

    const rounds = antiEntropyUntilQuiet(c);
    expect(rounds).toBe(2); // one round repairs, the next confirms
    const repaired = ofKind(c.trace, 'ae-done').flatMap((e) => e.differingKeys);
    expect([...new Set(repaired)].sort()).toEqual(['k200', 'k50', 'k600']);
    for (const key of KEYS) for (const node of c.preferenceListOf(key).nodes) expect(values(c, node, key), `${node} holds ${key}`).toEqual([key]);
    const report = checkConsistency(c.trace);
    expect(report.lostWrites).toEqual([]);
    expect(report.vanishedWrites).toEqual([]);
  });
});

describe('what anti-entropy cannot reach: data left on former replicas', () => {
  /**
   * cart at 50 on N=2: A and B hold it. Both are down while X (60) and Y (70) join, so
   * cart's top two become X and Y; the transfers from A and B are never sent (a down node
   * sends nothing) and never retried once they recover.
   */
  function joinWhileHoldersDown(): Cluster {
    const c = Cluster.create({ ...FOUR_NODE_RING, n: 2, r: 1, w: 2 }, 6);
    c.apply({ type: 'put', key: 'cart', value: 'book', via: 'A' });
    c.settle();
    c.apply({ type: 'fail', node: 'A' });
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'addNode', id: 'X', tokens: [60] });
    c.apply({ type: 'addNode', id: 'Y', tokens: [70] });
    c.settle();
    c.apply({ type: 'recover', node: 'A' });
    c.apply({ type: 'recover', node: 'B' });
    c.runUntil(c.nowMs + 2000);
    antiEntropyUntilQuiet(c);
    return c;
  }

  it('sets the scene: the put was acknowledged by A and B, cart now belongs to X and Y, and nothing moved while A and B were down', () => {
    const c = joinWhileHoldersDown();
    expect(ofKind(c.trace, 'op-end')[0]).toMatchObject({ ok: true, acks: ['A', 'B'] });
    expect(c.preferenceListOf('cart').nodes).toEqual(['X', 'Y']);
    const recovered = c.trace.find((e) => e.kind === 'node-recovered')!.seq;
    const sentWhileDown = ofKind(c.trace, 'send').filter((e) => e.seq < recovered && e.body.type === 'transfer' && (e.from === 'A' || e.from === 'B'));
    expect(sentWhileDown).toEqual([]); // a down node sends nothing
    expect(checkConsistency(c.trace).vanishedWrites).toEqual([]);
  });

  // Regression: startTransfers() once skipped a transfer whose sender was down and nothing
  // sent it later; anti-entropy compares only the current top N, so the acknowledged write
  // stayed on A and B, which no get asks. Pending transfers are now resent until acknowledged.
  it('the new replicas end up with the acknowledged write, so a get finds it', () => {
    const c = joinWhileHoldersDown();
    expect(values(c, 'X', 'cart')).toEqual(['book']);
    expect(values(c, 'Y', 'cart')).toEqual(['book']);
    const { opId } = c.apply({ type: 'get', key: 'cart', via: 'X' });
    c.settle();
    expect(opEnd(c, opId).versions!.map((v) => v.value)).toEqual(['book']);
  });
});

describe('a long run keeps only the exchanges still running', () => {
  it('finished exchanges are in the trace, not in the cluster, so snapshots stay small', () => {
    const c = Cluster.create({ ...FOUR_NODE_RING, antiEntropyIntervalMs: 100 }, 42);
    c.apply({ type: 'put', key: 'cart', value: 'book' });
    c.runUntil(20_000);
    expect(ofKind(c.trace, 'ae-done').length).toBeGreaterThan(300);
    // At most one exchange each node started and has not finished yet.
    expect(c.exchanges.size).toBeLessThanOrEqual(c.nodes.size);
  });
});

describe('who exchanges with whom follows the ring as it changes', () => {
  /** Written independently of the engine's memo: each elementary range's top N, walked afresh. */
  function modelCommon(cluster: Cluster, a: string, b: string): number {
    let length = 0;
    const size = cluster.ring.space.size;
    for (const [start, end] of elementaryRanges(cluster.ring)) {
      const holders = topNodes(cluster.ring, end, cluster.config.n);
      if (holders.includes(a) && holders.includes(b)) length += ((end - start + size) % size) || size;
    }
    return length;
  }
  const lengthOf = (cluster: Cluster, ranges: readonly (readonly [number, number])[]) => ranges.reduce((sum, [s, e]) => sum + (((e - s + cluster.ring.space.size) % cluster.ring.space.size) || cluster.ring.space.size), 0);

  it('the common ranges of every pair match a fresh walk, before and after a node joins and one leaves', () => {
    const cluster = Cluster.create({ n: 3, r: 2, w: 2, ringSize: 1000, nodes: ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ id, tokens: [100 + 200 * i, 150 + 200 * i] })) }, 1);
    const check = () => {
      const ids = cluster.ring.nodes.map((x) => x.id);
      for (const a of ids) for (const b of ids) if (a < b) expect(lengthOf(cluster, commonRanges(cluster, a, b)), `${a}, ${b}`).toBe(modelCommon(cluster, a, b));
    };
    check();
    cluster.apply({ type: 'addNode', id: 'F', tokens: [120, 720] });
    cluster.settle();
    check();
    cluster.apply({ type: 'removeNode', id: 'B' });
    cluster.settle();
    check();
    expect(commonRanges(cluster, 'A', 'B')).toEqual([]);
  });
});

describe('a join during an exchange', () => {
  it('a key that reaches a node the join has just taken its range from goes on to the key\'s holders, not kept where no read asks', () => {
    // N=2 on B (400) and C (700): k (350) on both, but only B has it (C was cut off when it was written).
    const c = Cluster.create(
      { n: 2, r: 1, w: 1, ringSize: 1000, keyPositions: { k: 350 }, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, hintedHandoff: false, nodes: [{ id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }] },
      7,
    );
    c.apply({ type: 'partition', groups: [['B'], ['C']] });
    c.apply({ type: 'put', key: 'k', value: 'new', via: 'B' });
    c.runUntil(c.nowMs + 150);
    c.apply({ type: 'heal' });
    c.apply({ type: 'antiEntropy', a: 'C', b: 'B' });
    c.runUntil(c.nowMs + 25); // the hashes have gone back and forth; B's keys are on their way to C
    c.apply({ type: 'addNode', id: 'D', tokens: [380] });
    expect(c.preferenceListOf('k').nodes).toEqual(['D', 'B']);
    c.runUntil(c.nowMs + 3000);
    expect(values(c, 'D', 'k')).toEqual(['new']);
    expect(values(c, 'B', 'k')).toEqual(['new']);
    expect(c.node('C').store.has('k')).toBe(false);
    expect(ofKind(c.trace, 'version-stored').some((e) => e.node === 'C' && e.key === 'k')).toBe(true); // it did arrive there
  });
});
