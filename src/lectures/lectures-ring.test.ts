/**
 * The ring, membership and quorum lectures, asserted against the claims the lecture notes
 * make: consistent hashing, virtual nodes, partitioning strategies, Merkle repair, hinted
 * handoff, the strict quorum, the token walk and the R/W table. The version lectures, and
 * the checks every lecture must pass, are in lectures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkConsistency, describe as describeEvent, nodeLoads, versionHistory } from '../engine/index';
import { execute } from '../scenario/runner';
import { type PartRun } from './run';
import { ofKind, run, stepsOf, storedAt, type Result } from './lecture-testing';

describe('lecture 000: consistent hashing and adding a node', () => {
  const ring = () => run('consistent-hashing').parts[0]!;
  const replication = () => run('consistent-hashing').parts[1]!;

  it('hash 344 lands on node3; node5 at 644 takes only (458, 644], from node4', () => {
    expect(stepsOf(ring(), 'preferenceList')[0]).toMatchObject({ position: 344, nodes: ['node3'] });
    expect(stepsOf(ring(), 'addNode')[0]!.transfers).toEqual([{ from: 'node4', to: 'node5', range: [458, 644] }]);
    const data = Object.fromEntries(Object.entries(ring().output.final.nodes).map(([id, n]) => [id, Object.keys(n.data)]));
    expect(data).toEqual({ node1: [], node2: ['key-at-100'], node3: ['key-at-344'], node4: ['key-at-700'], node5: ['key-at-500'] });
  });

  it('with N=3 the key at 344 is on node3, node4 and node1, not node2', () => {
    const holders = Object.entries(replication().output.final.nodes).filter(([, n]) => 'key-at-344' in n.data).map(([id]) => id);
    expect(holders).toEqual(['node1', 'node3', 'node4']);
  });
});

describe('lectures 000, 002: virtual nodes and heterogeneity', () => {
  const shares = (r: Result) => Object.values(r.nodes as Record<string, { primaryShare: number }>).map((l) => l.primaryShare);

  it('one token per node: the tokens sit where the narration says, the shares are very uneven, and a leaving node hands everything to one neighbour', () => {
    const { lecture, parts } = run('virtual-nodes');
    const { cluster } = execute({ ...lecture.parts[0]!.scenario, steps: [] });
    expect(cluster.ring.tokens.map((t) => `${t.node} at ${t.pos}`).join(', ')).toBe('node4 at 117, node2 at 141, node3 at 673, node1 at 765');
    const [before] = stepsOf(parts[0]!, 'ownership');
    expect(Math.max(...shares(before!)) / Math.min(...shares(before!))).toBeGreaterThan(10);
    expect(new Set((stepsOf(parts[0]!, 'removeNode')[0]!.transfers as { to: string }[]).map((t) => t.to))).toEqual(new Set(['node1']));
  });

  it('many tokens: capacity 2 gets twice the tokens and about twice the share; a leaving node spreads its load over all the others', () => {
    const { lecture, parts } = run('virtual-nodes');
    const { cluster } = execute({ ...lecture.parts[1]!.scenario, steps: [] });
    const tokens = Object.fromEntries(cluster.ring.nodes.map((n) => [n.id, cluster.ring.tokens.filter((t) => t.node === n.id).length]));
    expect(tokens).toEqual({ node1: 16, node2: 16, node3: 16, node4: 16, node5: 32 });
    const loads = nodeLoads(cluster.ring, 1);
    const others = loads.filter((l) => l.node !== 'node5').map((l) => l.primaryShare);
    const node5 = loads.find((l) => l.node === 'node5')!.primaryShare;
    expect(node5 / (others.reduce((a, b) => a + b) / others.length)).toBeGreaterThan(1.8);
    expect(node5 / (others.reduce((a, b) => a + b) / others.length)).toBeLessThan(2.4);
    const moved = stepsOf(parts[1]!, 'removeNode')[0]!.transfers as { to: string }[];
    expect(new Set(moved.map((t) => t.to))).toEqual(new Set(['node1', 'node2', 'node4', 'node5']));
    // The narration's count: 14 pieces, 8 to node5, 3 to node1, 2 to node4, 1 to node2.
    const count = (to: string) => moved.filter((t) => t.to === to).length;
    expect([moved.length, count('node5'), count('node1'), count('node4'), count('node2')]).toEqual([14, 8, 3, 2, 1]);
    expect(lecture.parts[1]!.guide.some((g) => g.narration?.includes('14 pieces') && g.narration.includes('8 of them to node5, which has the most tokens, 3 to node1, 2 to node4 and 1 to node2'))).toBe(true);
  });
});

describe('lectures 001, 002: nodes joining, and the three partitioning strategies', () => {
  const shareOf = (r: Result) => Object.fromEntries(Object.entries(r.nodes as Record<string, { primaryShare: number }>).map(([id, l]) => [id, l.primaryShare]));
  const tokensOf = (scenario: Parameters<typeof execute>[0]) => execute({ ...scenario, steps: [] }).cluster.ring.tokens.map((t) => `${t.node}@${t.pos}`);

  it('lecture 001: one node gets all the virtual nodes, one more gets 1/2, one more about 1/3 from the other two', () => {
    const { parts } = run('partitioning-strategies');
    expect(stepsOf(parts[0]!, 'ownership').map((r) => Object.values(shareOf(r)))).toEqual([[1], [0.5, 0.5], [0.3333, 0.3333, 0.3333]]);
    const third = stepsOf(parts[0]!, 'addNode')[1]!.transfers as { from: string }[];
    expect(third.map((t) => t.from).sort()).toEqual(['node1', 'node1', 'node2', 'node2']);
  });

  it('lecture 002: strategies 1 and 2 share the same random tokens; strategy 1 cuts new ranges on a join, strategies 2 and 3 move whole partitions, and only strategy 3 shares the ring evenly', () => {
    const { lecture, parts } = run('partitioning-strategies');
    const [, one, two] = lecture.parts;
    expect(tokensOf(one!.scenario)).toEqual(tokensOf(two!.scenario));
    const spread = (r: Result) => Math.max(...Object.values(shareOf(r))) / Math.min(...Object.values(shareOf(r)));
    const [s1, s2, s3] = [parts[1]!, parts[2]!, parts[3]!].map((p) => stepsOf(p, 'ownership')[0]!);
    expect(spread(s1!)).toBeGreaterThan(1.5);
    expect(spread(s2!)).toBeGreaterThan(1.5);
    expect(spread(s3!)).toBe(1);
    // A partition is 100 positions: under strategies 2 and 3 every range that moves is whole partitions; under strategy 1 none is.
    const moved = (p: PartRun) => (stepsOf(p, 'addNode')[0]!.transfers as { range: [number, number] }[]).map(({ range: [a, b] }) => a % 100 === 0 && b % 100 === 0);
    expect(moved(parts[1]!).some(Boolean)).toBe(false);
    expect(moved(parts[2]!).every(Boolean)).toBe(true);
    expect(moved(parts[3]!).every(Boolean)).toBe(true);
  });

  it("the log's line for a join counts what the narration and the Members panel count: partitions under strategies 2 and 3, though the engine merges neighbours into one range", () => {
    const { lecture, parts } = run('partitioning-strategies');
    const joins = parts.map((p, i) => {
      const { ringSize = 0, partitions = 0, strategy } = lecture.parts[i]!.scenario.config as { ringSize?: number; partitions?: number; strategy?: number };
      // As the page passes it: the view's Q, 0 under strategy 1.
      const ring = { ringSize, partitions: strategy === 1 ? 0 : partitions };
      return ofKind(p.trace, 'node-added').map((e) => describeEvent(e, ring).replace(/^.*?; /, ''));
    });
    expect(joins).toEqual([
      // "node2 takes (0, 200], (500, 700], (800, 900] and (1000, 1100] from node1: six partitions, whole."
      ['6 partitions move to node2', '4 partitions move to node3'],
      ['3 ranges move to node5'],
      // "Partitions (800, 900], (900, 1000] and (1000, 1100] move to node5 whole": one range, (800, 1100], in the engine's transfer.
      ['3 partitions move to node5'],
      ['2 partitions move to node5'],
    ]);
  });
});

describe('lecture 001: Merkle repair', () => {
  it('equal roots: one comparison; (k0,v0),(k1,v1) against (k0,v2),(k1,v1): only k0 is transferred', () => {
    const [synced, differing, repaired] = stepsOf(run('merkle-repair').parts[0]!, 'antiEntropy');
    expect(synced).toMatchObject({ differingKeys: [], hashesCompared: 1 });
    expect(differing).toMatchObject({ differingKeys: ['k0'] });
    expect(differing!.hashesCompared as number).toBeGreaterThan(1);
    // "With two keys the hashes save next to nothing: the exchange sends about as many bytes as a full transfer would."
    expect([differing!.bytesExchanged, differing!.bytesFullTransfer]).toEqual([152, 154]);
    expect(repaired).toMatchObject({ differingKeys: [], hashesCompared: 1 });
  });
});

describe('lectures 002, 000: hinted handoff', () => {
  it('the stand-in keeps the write as a hint for the failed node, hands it over on recovery, and deletes its copy', () => {
    const [abcd, , ring] = run('hinted-handoff').parts;
    const during = versionHistory(abcd!.trace, 'cart', { atSeq: abcd!.stepEndSeq[5] });
    expect(during.holdings.find((h) => h.node === 'D')).toEqual({ node: 'D', stored: [], hinted: [{ intendedFor: 'B', versionIds: [1] }] });
    expect(storedAt(versionHistory(abcd!.trace, 'cart'))).toEqual({ A: ['D1'], B: ['D1'], C: ['D1'] });
    expect(versionHistory(ring!.trace, 'key', { atSeq: ring!.stepEndSeq[4] }).holdings.find((h) => h.node === 'node2')!.hinted).toEqual([{ intendedFor: 'node4', versionIds: [1] }]);
    expect(storedAt(versionHistory(ring!.trace, 'key'))).toEqual({ node1: ['D1'], node3: ['D1'], node4: ['D1'] });
  });
});

describe('lecture 000: the strict quorum "problem"', () => {
  it('with node4 and node5 down, a write of the key at 344 can NOT complete: only node3 of its top N stores it, and no other node is used', () => {
    const strict = run('hinted-handoff').parts[1]!;
    expect(stepsOf(strict, 'preferenceList')[0]!.nodes).toEqual(['node3', 'node5', 'node4']);
    const put = stepsOf(strict, 'put')[0]!;
    expect(put).toMatchObject({ ok: false, coordinator: 'node3', acks: ['node3'] });
    // node1 and node2 were up and took nothing: no stand-in, no hint.
    expect(storedAt(versionHistory(strict.trace, 'key'))).toEqual({ node3: ['D1'] });
    expect(strict.trace.some((e) => e.kind === 'hint-stored' || e.kind === 'sloppy-target')).toBe(false);
  });
});

describe('lecture 004: walking the token ring', () => {
  it('RF=2 gives 4, 2; RF=3 gives 4, 2, 3; from the last token 3, 1, 2; a node\'s second token is skipped', () => {
    const [walk, skip] = run('token-walk').parts;
    expect(stepsOf(walk!, 'preferenceList').map((s) => s.nodes)).toEqual([['node4', 'node2'], ['node4', 'node2', 'node3'], ['node3', 'node1', 'node2']]);
    expect(stepsOf(skip!, 'preferenceList')[0]!.nodes).toEqual(['node1', 'node2', 'node4']);
  });
});

describe('lecture 004: the R/W trade-off table', () => {
  const part = (i: number) => run('quorum-tradeoffs').parts[i]!;
  const ok = (r: Result[]) => r.map((x) => x.ok);

  it('has one part per row of the table, with its N/R/W', () => {
    expect(run('quorum-tradeoffs').lecture.parts.map(({ scenario: { config } }) => `${config.n}/${config.r}/${config.w}`)).toEqual(['3/2/2', '3/3/1', '3/1/3', '3/3/3', '3/1/1']);
  });

  it('3/2/2: a write survives one unreachable node, and a read through the stale node still sees it (overlap)', () => {
    const reads = stepsOf(part(0), 'get');
    expect((reads[1]!.versions as { value: unknown }[]).map((v) => v.value)).toEqual(['v2']);
    // The copy of v2 sent to node3 hits the cut and is lost, so node3 still has only v1 when the read asks it.
    expect(part(0).trace.filter((e) => e.kind === 'drop' && e.to === 'node3' && e.body.type === 'put')).toHaveLength(1);
    const readThroughNode3 = part(0).stepEndSeq.length - 1;
    expect(storedAt(versionHistory(part(0).trace, 'row', { atSeq: part(0).stepEndSeq[readThroughNode3 - 1] })).node3).toEqual(['D1']);
    expect(checkConsistency(part(0).trace).staleReads).toEqual([]);
    // The narration's read repair: node3, which answered with v1, is sent v2.
    expect(ofKind(part(0).trace, 'read-repair').map((e) => `${e.target} D${e.versionIds.join(',')}`)).toEqual(['node3 D2']);
  });

  it('3/3/1: a read fails with one node down, a write does not; the write only node1 took is lost with node1\'s disk', () => {
    expect(ok(stepsOf(part(1), 'get'))).toEqual([false]);
    expect(ok(stepsOf(part(1), 'put'))).toEqual([true, true, true]);
    expect(checkConsistency(part(1).trace).lostWrites.map((w) => w.versionId)).toEqual([3]);
    // Nothing left in flight could bring v3 back after the lecture's last step.
    const held = (node: string) => part(1).output.final.nodes[node]!.data.row!.map((v) => v.version);
    expect([held('node2'), held('node3')]).toEqual([['D2'], ['D1']]);
    // Every copy of v3 node1 sent is lost at the cut within the lecture: none is still in flight to bring v3 back after it.
    const v3Sends = ofKind(part(1).trace, 'send').filter((e) => e.body.type === 'put' && e.body.version.id === 3);
    const dropped = new Set(ofKind(part(1).trace, 'drop').map((e) => e.msgId));
    expect(v3Sends.length).toBe(2);
    expect(v3Sends.every((e) => dropped.has(e.msgId))).toBe(true);
  });

  it('3/1/3: writes wait for the slowest replica and fail with one node down; reads answer at once', () => {
    const puts = stepsOf(part(2), 'put');
    expect(ok(puts)).toEqual([true, false]);
    expect(puts[0]!.latencyMs).toBeGreaterThan(stepsOf(part(0), 'put')[0]!.latencyMs as number);
    expect(stepsOf(part(2), 'get').map((g) => [g.ok, g.latencyMs])).toEqual([[true, 0], [true, 0]]);
  });

  it('3/3/3: with one node down, both writes and reads fail', () => {
    expect(ok([...stepsOf(part(3), 'put'), ...stepsOf(part(3), 'get')])).toEqual([true, false, true, false]);
  });

  it('3/1/1: a read right after an acknowledged write misses it (a stale read), then catches up', () => {
    const reads = stepsOf(part(4), 'get');
    expect(reads.map((g) => (g.versions as { value: unknown }[]).map((v) => v.value))).toEqual([['v1'], ['v1'], ['v2']]);
    const stale = checkConsistency(part(4).trace).staleReads;
    expect(stale.map((s) => s.versionId)).toEqual([2]);
  });
});
