/**
 * A forward that arrives after its sender stopped waiting (paper §4.5): the node it reaches
 * cannot tell, so it coordinates the request all the same. A timeout cannot tell a slow node
 * from a dead one, and a retried put is written twice, as siblings.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, checkConsistency, checkInvariants, describe as describeEvent, type ClusterConfig } from '../index';
import { ofKind, opEnd } from '../testing/fixtures';

/** G is outside the top N of `k` (B, C, D); fixed 10 ms links; no background timers. */
const RING: ClusterConfig = {
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1000,
  keyPositions: { k: 150 },
  latency: { kind: 'fixed', ms: 10 },
  gossipIntervalMs: 0,
  antiEntropyIntervalMs: 0,
  nodes: [
    { id: 'A', tokens: [100] },
    { id: 'B', tokens: [200] },
    { id: 'C', tokens: [300] },
    { id: 'D', tokens: [400] },
    { id: 'G', tokens: [700] },
  ],
};

const clocksOn = (cluster: Cluster, node: string) => (cluster.nodes.get(node)!.store.get('k') ?? []).map((v) => v.clock.map((e) => `${e.node}${e.counter}`).join(','));

function settle(cluster: Cluster): void {
  cluster.settle(100_000);
  cluster.runUntil(cluster.nowMs + 1000);
  expect(checkInvariants(cluster)).toEqual([]);
}

describe('a forward that comes after its sender stopped waiting', () => {
  it('is coordinated all the same by the slow node: the one put is written twice, as siblings, and the client hears once', () => {
    const cluster = Cluster.create(RING, 5);
    // G's forward to B takes 150 ms: G gives up on B at 100 ms and forwards to C, which answers the client at 130 ms.
    cluster.apply({ type: 'slowLink', from: 'G', to: 'B', extraMs: 140 });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'C', latencyMs: 130 });
    const [late, ...more] = ofKind(cluster.trace, 'late-forward');
    expect(more).toEqual([]);
    expect(late).toMatchObject({ node: 'B', atMs: 150, opId, op: 'put', key: 'k', from: 'G', isAnswered: true });
    expect(describeEvent(late!)).toBe("B coordinates G's forwarded put(k), late: G had stopped waiting for B and the client has had its answer, which B cannot know; it writes k all the same, as request #2");
    // B's write, with B's counter, is concurrent with C's: every replica keeps both.
    for (const node of ['B', 'C', 'D']) expect(clocksOn(cluster, node)).toEqual(['C1', 'B1']);
    // One answer for the client's one put; B's answers no one.
    expect(ofKind(cluster.trace, 'op-end').map((e) => e.opId)).toEqual([opId]);
    const get = cluster.apply({ type: 'get', key: 'k', via: 'B' });
    settle(cluster);
    expect(opEnd(cluster, get.opId).versions!.map((v) => v.id)).toEqual([1, 2]);
  });

  it('is coordinated by each node it reaches after the deadline: a put reported as failed is stored three times over', () => {
    const cluster = Cluster.create(RING, 5);
    for (const to of ['B', 'C', 'D']) cluster.apply({ type: 'slowLink', from: 'G', to, extraMs: 340 });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: false, coordinator: null, error: expect.stringContaining('no coordinator took the request') });
    expect(ofKind(cluster.trace, 'late-forward').map((e) => [e.node, e.atMs, e.isAnswered, e.takenBy])).toEqual([
      ['B', 350, true, null],
      ['C', 450, true, null],
      ['D', 550, true, null],
    ]);
    expect(clocksOn(cluster, 'C')).toEqual(['B1', 'C1', 'D1']);
  });

  it('names the node that took the request while it is still at work, which the late node does not know', () => {
    // C's replicas are slow to acknowledge, so C is still waiting for W when B's late forward arrives.
    const cluster = Cluster.create(RING, 5);
    cluster.apply({ type: 'slowLink', from: 'G', to: 'B', extraMs: 140 });
    cluster.apply({ type: 'slowLink', from: 'D', to: 'C', extraMs: 100 });
    cluster.apply({ type: 'slowLink', from: 'B', to: 'C', extraMs: 100 });
    cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    settle(cluster);
    const [late] = ofKind(cluster.trace, 'late-forward');
    expect(late).toMatchObject({ node: 'B', isAnswered: false, takenBy: 'C' });
    expect(describeEvent(late!)).toBe("B coordinates G's forwarded put(k), late: G had stopped waiting for B and C took it, which B cannot know; it writes k all the same, as request #2");
  });

  it("reports the acknowledged write a late second coordination replaces unread as the client's put's lost update", () => {
    const cluster = Cluster.create(RING, 5);
    cluster.apply({ type: 'put', key: 'k', value: 'a', via: 'B' });
    settle(cluster);
    const read = cluster.apply({ type: 'get', key: 'k', via: 'B' });
    settle(cluster);
    const context = opEnd(cluster, read.opId).context!;
    cluster.apply({ type: 'slowLink', from: 'G', to: 'B', extraMs: 140 });
    // Through G (C takes it; B's copy is on its way), then through B itself: both with the context of the read.
    const viaG = cluster.apply({ type: 'put', key: 'k', value: 'c', via: 'G', context });
    cluster.runUntilDone(viaG.opId!);
    const viaB = cluster.apply({ type: 'put', key: 'k', value: 'other', via: 'B', context });
    settle(cluster);
    expect(opEnd(cluster, viaB.opId)).toMatchObject({ ok: true, version: { id: 3 } });
    // B's late write of G's put counts on B's counter past D3, which its client never read: D3 is gone.
    expect(checkConsistency(cluster.trace).lostUpdates).toEqual([{ putOpId: viaG.opId, key: 'k', versionId: 4, replaced: [3] }]);
    expect(clocksOn(cluster, 'C')).toEqual(['B1,C1', 'B3']);
  });

  it('reads a late get all the same, answers no client, and lets its repair window close at its deadline', () => {
    const cluster = Cluster.create(RING, 5);
    cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'B' });
    settle(cluster);
    cluster.apply({ type: 'slowLink', from: 'G', to: 'B', extraMs: 140 });
    const { opId } = cluster.apply({ type: 'get', key: 'k', via: 'G' });
    settle(cluster);
    const [late] = ofKind(cluster.trace, 'late-forward');
    expect(late).toMatchObject({ node: 'B', op: 'get', opId });
    const asked = ofKind(cluster.trace, 'send').filter((e) => e.body.type === 'get' && e.body.opId === late!.duplicateOpId);
    expect(asked.map((e) => e.to)).toEqual(['C', 'D']);
    expect(ofKind(cluster.trace, 'op-end').filter((e) => e.op === 'get').map((e) => e.opId)).toEqual([opId]);
    expect(cluster.repairWindows.has(late!.duplicateOpId)).toBe(false);
  });
});

describe('the forwarding node knows only what it is told', () => {
  const forwardsSent = (cluster: Cluster) => ofKind(cluster.trace, 'send').filter((e) => e.body.type === 'forward').map((e) => `${e.from}>${e.to}@${e.atMs}`);

  it('hears from the node that took its forward and forwards it nowhere else', () => {
    const cluster = Cluster.create(RING, 5);
    cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    cluster.runUntil(15);
    // B took the request at 10 ms; its word is on the way: G still holds the request, to forward it again if need be.
    expect([...cluster.nodes.get('G')!.forwarding.keys()]).toEqual([1]);
    settle(cluster);
    expect(forwardsSent(cluster)).toEqual(['G>B@0']);
    const acks = ofKind(cluster.trace, 'deliver').filter((e) => e.body.type === 'forward-ack');
    expect(acks.map((e) => `${e.from}>${e.to}@${e.atMs}`)).toEqual(['B>G@20']);
    expect(describeEvent(acks[0]!)).toBe('G hears from B that it took put(k)');
    expect(cluster.nodes.get('G')!.forwarding.size).toBe(0);
    expect(ofKind(cluster.trace, 'late-forward')).toEqual([]);
  });

  it('forwards again when the word that its forward was taken comes late, and the one put is written twice', () => {
    const cluster = Cluster.create(RING, 5);
    // The forward reaches B in 10 ms and B answers the client at 30 ms, but B's word to G takes 150 ms.
    cluster.apply({ type: 'slowLink', from: 'B', to: 'G', extraMs: 140 });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'B', latencyMs: 30 });
    // At 100 ms G has not heard from B, which it cannot tell from a B that never got the request.
    expect(forwardsSent(cluster)).toEqual(['G>B@0', 'G>C@100']);
    const [late, ...more] = ofKind(cluster.trace, 'late-forward');
    expect(more).toEqual([]);
    expect(late).toMatchObject({ node: 'C', atMs: 110, from: 'G', isAwaited: true, isAnswered: true });
    expect(describeEvent(late!)).toBe(
      "C coordinates G's forwarded put(k), a repeat: the client has had its answer, which C cannot know, and G forwarded it again because no word that it was taken reached G in time; it writes k all the same, as request #2",
    );
    for (const node of ['B', 'C', 'D']) expect(clocksOn(cluster, node)).toEqual(['B1', 'C1']);
    expect(cluster.nodes.get('G')!.forwarding.size).toBe(0);
  });

  it('under sloppy quorum coordinates the request itself when no word comes in time, though a node of the top N took it', () => {
    const cluster = Cluster.create({ ...RING, requestTimeoutMs: 1000 }, 5);
    for (const from of ['B', 'C', 'D']) cluster.apply({ type: 'slowLink', from, to: 'G', extraMs: 340 });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    settle(cluster);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'B' });
    expect(forwardsSent(cluster)).toEqual(['G>B@0', 'G>C@100', 'G>D@200']);
    const late = ofKind(cluster.trace, 'late-forward');
    expect(late.map((e) => [e.node, e.atMs, e.isAwaited])).toEqual([
      ['C', 110, true],
      ['D', 210, true],
      ['G', 300, false],
    ]);
    expect(describeEvent(late[2]!)).toBe(
      'G coordinates put(k) itself, as no node it forwarded it to said it took it in time; but the client has had its answer, which G cannot know; it writes k all the same, as request #4',
    );
    expect(clocksOn(cluster, 'B')).toEqual(['B1', 'C1', 'D1', 'G1']);
  });

  it('forgets the requests it forwarded when it fails, and forwards none of them again when it comes back', () => {
    const cluster = Cluster.create(RING, 5);
    cluster.apply({ type: 'cutLink', from: 'B', to: 'G' });
    const { opId } = cluster.apply({ type: 'put', key: 'k', value: 'x', via: 'G' });
    cluster.runUntil(50);
    cluster.apply({ type: 'fail', node: 'G' });
    expect(cluster.nodes.get('G')!.forwarding.size).toBe(0);
    cluster.runUntil(60);
    cluster.apply({ type: 'recover', node: 'G' });
    settle(cluster);
    expect(forwardsSent(cluster)).toEqual(['G>B@0']);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'B' });
  });
});

