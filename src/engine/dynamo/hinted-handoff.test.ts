/**
 * Sloppy quorum and hinted handoff (paper §4.6; lecture 002's example): N=3 W=2 on A, B,
 * C, D with B down — the write lands on D with a hint for B, and D hands it over once B
 * answers again. With hinted handoff off, the quorum is strict: no stand-in.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, checkConsistency, formatClock, type ClusterConfig, type TraceKind } from '../index';
import { FOUR_NODE_RING, ofKind, opEnd, values } from '../testing/fixtures';

/** Lecture 002: cart sits at 50, so its top three are A, B, C and D is the first fallback. */
const LECTURE_002: ClusterConfig = FOUR_NODE_RING;
const lecture002 = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...LECTURE_002, ...overrides }, 2);

describe('N=3 W=2, B down: the write lands on D with a hint for B (lecture 002)', () => {
  it('the put succeeds with A and C, and D keeps a hinted copy for B, not a replica', () => {
    const cluster = lecture002();
    expect(cluster.preferenceListOf('cart')).toEqual({ nodes: ['A', 'B', 'C'], fallbacks: ['D'] });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntilDone(opId!);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, coordinator: 'A', acks: ['A', 'C'] });

    cluster.runUntil(200); // A's replica timeout passes: B is believed down and D stands in
    expect(ofKind(cluster.trace, 'peer-unreachable')).toMatchObject([{ node: 'A', peer: 'B' }]);
    expect(ofKind(cluster.trace, 'sloppy-target')).toMatchObject([{ node: 'A', opId, standIn: 'D', intendedFor: 'B' }]);
    const d = cluster.node('D');
    expect(d.store.size).toBe(0);
    expect([...d.hints.values()].map((h) => ({ key: h.key, intendedFor: h.intendedFor, values: h.versions.map((v) => v.value) }))).toEqual([
      { key: 'cart', intendedFor: 'B', values: [['book']] },
    ]);
    expect(values(cluster, 'A', 'cart')).toEqual([['book']]);
    expect(values(cluster, 'C', 'cart')).toEqual([['book']]);
    expect(values(cluster, 'B', 'cart')).toEqual([]); // B's disk survives, but it never got the write
  });

  it('after B recovers, D delivers the hint, B stores the write and D deletes its copy — in that order', () => {
    const cluster = lecture002();
    cluster.apply({ type: 'fail', node: 'B' });
    cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntil(700); // D tries B at least once while it is still down
    cluster.apply({ type: 'recover', node: 'B' });
    const recoveredAt = cluster.trace.length;
    cluster.runUntil(2000);

    expect(cluster.node('D').hints.size).toBe(0);
    expect(cluster.node('D').store.size).toBe(0);
    expect(values(cluster, 'B', 'cart')).toEqual([['book']]);
    expect(formatClock(cluster.node('B').store.get('cart')![0]!.clock)).toBe('([A,1])');

    const relevant = cluster.trace.filter((e) => ['hint-stored', 'hint-delivery-attempted', 'hint-delivered', 'hint-deleted'].includes(e.kind));
    const kinds = relevant.map((e) => e.kind);
    const firstOf = (kind: TraceKind) => kinds.indexOf(kind);
    expect(firstOf('hint-stored')).toBe(0);
    expect(firstOf('hint-stored')).toBeLessThan(firstOf('hint-delivery-attempted'));
    expect(firstOf('hint-delivery-attempted')).toBeLessThan(firstOf('hint-delivered'));
    expect(firstOf('hint-delivered')).toBeLessThan(firstOf('hint-deleted'));
    expect(kinds.at(-1)).toBe('hint-deleted');
    expect(ofKind(relevant, 'hint-stored')).toMatchObject([{ node: 'D', key: 'cart', intendedFor: 'B' }]);
    expect(ofKind(relevant, 'hint-delivered')).toMatchObject([{ node: 'B', key: 'cart', holder: 'D', versionIds: [1] }]);
    expect(ofKind(relevant, 'hint-deleted')).toMatchObject([{ node: 'D', key: 'cart', intendedFor: 'B', reason: 'delivered' }]);
    // Attempts while B was down are dropped; the one that works comes after the recovery.
    const attempts = ofKind(relevant, 'hint-delivery-attempted');
    expect(attempts.every((a) => a.node === 'D' && a.intendedFor === 'B')).toBe(true);
    expect(attempts.some((a) => a.seq < cluster.trace[recoveredAt]!.seq)).toBe(true);
    expect(ofKind(cluster.trace, 'drop').some((e) => e.body.type === 'hint-deliver' && e.reason === 'node-down')).toBe(true);
    // A's failure detector heals too: its probes reach B again.
    expect(cluster.node('A').unreachable.has('B')).toBe(false);
  });

  it('a W=3 put still succeeds with B down: D stands in and its acknowledgement is a hinted one', () => {
    const cluster = lecture002({ w: 3 });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    cluster.settle();
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, acks: ['A', 'C', 'D'], hinted: [{ holder: 'D', intendedFor: 'B' }] });
  });
});

describe('a put already answered goes on looking for N holders past its client\'s deadline', () => {
  it('with replicaTimeoutMs beyond requestTimeoutMs, D still stands in for B, and B gets the write once it recovers', () => {
    // Before, the client's deadline (300 ms) ended the replication before A's first replica timeout (400 ms): no stand-in, ever.
    const cluster = lecture002({ replicaTimeoutMs: 400 });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.runUntilDone(opId!);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, acks: ['A', 'C'] });
    cluster.runUntil(1000);
    expect(ofKind(cluster.trace, 'sloppy-target')).toMatchObject([{ node: 'A', opId, standIn: 'D', intendedFor: 'B' }]);
    expect([...cluster.node('D').hints.values()].map((h) => h.intendedFor)).toEqual(['B']);
    cluster.apply({ type: 'recover', node: 'B' });
    cluster.runUntil(3000);
    expect(values(cluster, 'B', 'cart')).toEqual([['book']]);
    // Every holder answered: the coordinator stopped looking, and nothing of the put is left in flight.
    expect(cluster.replicating.size).toBe(0);
  });
});

describe('a put answered after its coordinator stopped looking for replicas', () => {
  it('is not kept looking for holders: a straggler\'s ack completed it with fewer than N, and nothing would ever end the search', () => {
    for (const hintedHandoff of [false, true]) {
      // C is down, every reply takes 40 ms and A gives up on a replica after 50: the search ends before B's ack answers the put.
      const nodes = hintedHandoff ? LECTURE_002.nodes.slice(0, 3) : LECTURE_002.nodes;
      const cluster = lecture002({ hintedHandoff, latency: { kind: 'fixed', ms: 40 }, replicaTimeoutMs: 50, nodes });
      cluster.apply({ type: 'fail', node: 'C' });
      const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
      cluster.runUntilDone(opId!);
      expect(opEnd(cluster, opId)).toMatchObject({ ok: true });
      cluster.runUntil(100_000);
      expect([...cluster.replicating.keys()], `hintedHandoff ${hintedHandoff}`).toEqual([]);
    }
  });
});

describe('a coordinator that fails in the middle of a request forgets it (its disk survives, its memory does not)', () => {
  it('failed and recovered before the replicas answer, A does not answer the client: the put fails at its deadline, stored all the same', () => {
    const cluster = lecture002({ w: 3, hintedHandoff: false });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.apply({ type: 'fail', node: 'A' });
    cluster.runUntil(5);
    cluster.apply({ type: 'recover', node: 'A' });
    cluster.runUntilDone(opId!);
    expect(opEnd(cluster, opId)).toMatchObject({
      ok: false,
      coordinator: 'A',
      acks: ['A'],
      error: 'no answer within 300 ms: its coordinator A failed at 0 ms, with 1 of W=3 replicas answered, and lost the request (a failed node keeps its disk, not its memory)',
    });
    // B and C acknowledged at 20 ms, to a node that no longer knew the request: nothing counted them.
    expect(ofKind(cluster.trace, 'reply-counted').filter((e) => e.opId === opId).map((e) => e.from)).toEqual(['A']);
    for (const node of ['A', 'B', 'C']) expect(values(cluster, node, 'cart')).toEqual([['book']]);
  });

  it('a forward taken after the node that sent it failed is the coordinator\'s from then on: A, failed and recovered in the middle, does not answer either', () => {
    const cluster = lecture002();
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'D' });
    cluster.runUntil(5);
    cluster.apply({ type: 'fail', node: 'D' }); // the forward to A is on its way
    cluster.runUntil(12); // A has taken it and asked B and C
    cluster.apply({ type: 'fail', node: 'A' });
    cluster.runUntil(15);
    cluster.apply({ type: 'recover', node: 'A' });
    cluster.runUntilDone(opId!);
    expect(opEnd(cluster, opId)).toMatchObject({
      ok: false,
      coordinator: 'A',
      error: 'no answer within 300 ms: its coordinator A failed at 12 ms, with 1 of W=2 replicas answered, and lost the request (a failed node keeps its disk, not its memory)',
    });
  });

  it('once A has taken a request from a node that has failed since, a put that misses W says so, not that no node took it', () => {
    const cluster = lecture002({ w: 3, hintedHandoff: false });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'D' });
    cluster.runUntil(5);
    cluster.apply({ type: 'fail', node: 'D' });
    cluster.runUntilDone(opId!);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: false, coordinator: 'A', error: 'only 2 of W=3 replicas answered within 300 ms' });
  });

  it('a destroyed coordinator lost its disk too, and the failure says so', () => {
    const cluster = lecture002({ w: 3, hintedHandoff: false });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    cluster.apply({ type: 'destroy', node: 'A' });
    cluster.runUntilDone(opId!);
    expect(opEnd(cluster, opId).error).toBe('no answer within 300 ms: its coordinator A was destroyed at 0 ms, with 1 of W=3 replicas answered, and lost the request (with its disk and its memory)');
  });

  it('a node outside the top N that fails after forwarding a request does not forward it again once it is back', () => {
    const cluster = lecture002();
    cluster.apply({ type: 'fail', node: 'A' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: ['book'], via: 'D' }); // D forwards to A, which is down
    cluster.apply({ type: 'fail', node: 'D' });
    cluster.runUntil(50);
    cluster.apply({ type: 'recover', node: 'D' });
    cluster.runUntilDone(opId!);
    expect(ofKind(cluster.trace, 'send').filter((e) => e.body.type === 'forward').map((e) => e.to)).toEqual(['A']);
    expect(opEnd(cluster, opId)).toMatchObject({
      ok: false,
      coordinator: null,
      error: "no coordinator took the request within 300 ms: D failed at 0 ms, before a node of the top N took the request, and lost it (a failed node keeps its disk, not its memory); D's forward to A went unanswered",
    });
  });
});

describe('hintedHandoff: false — a strict quorum on the top N only', () => {
  it('no stand-in: a W=3 put with B down fails, and no node holds a hint', () => {
    const cluster = lecture002({ w: 3, hintedHandoff: false });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    cluster.settle();
    const end = opEnd(cluster, opId);
    expect(end.ok).toBe(false);
    expect(end.error).toMatch(/2 of W=3/);
    expect(ofKind(cluster.trace, 'sloppy-target')).toEqual([]);
    expect(ofKind(cluster.trace, 'hint-stored')).toEqual([]);
    expect(ofKind(cluster.trace, 'send').filter((e) => e.to === 'D')).toEqual([]); // D is never asked
    for (const node of cluster.nodes.values()) expect(node.hints.size).toBe(0);
  });

  it('a W=2 put with B down still succeeds on A and C, and B simply misses the write', () => {
    const cluster = lecture002({ hintedHandoff: false });
    cluster.apply({ type: 'fail', node: 'B' });
    const { opId } = cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    cluster.runUntil(2000);
    cluster.apply({ type: 'recover', node: 'B' });
    cluster.runUntil(4000);
    expect(opEnd(cluster, opId)).toMatchObject({ ok: true, acks: ['A', 'C'], hinted: [] });
    expect(values(cluster, 'B', 'cart')).toEqual([]); // only anti-entropy or read repair would bring it
    expect(cluster.node('D').hints.size).toBe(0);
  });
});

describe('a coordinator that is itself a stand-in', () => {
  /**
   * cart at 150: its top three are B, C, D; E and A are the fallbacks. With B, C and D down,
   * a client's put through A finds no one in the top N: A coordinates, keeping its own
   * write as a hint for B (and E one for C).
   */
  const standInCluster = () =>
    Cluster.create(
      {
        ...LECTURE_002,
        keyPositions: { cart: 150 },
        replicaTimeoutMs: 50,
        nodes: [...LECTURE_002.nodes, { id: 'E', tokens: [900] }],
      },
      2,
    );

  const twoPutsThroughA = () => {
    const cluster = standInCluster();
    for (const node of ['B', 'C', 'D']) cluster.apply({ type: 'fail', node });
    const first = cluster.apply({ type: 'put', key: 'cart', value: 'first', via: 'A' });
    cluster.runUntilDone(first.opId!);
    const second = cluster.apply({ type: 'put', key: 'cart', value: 'second', via: 'A' });
    cluster.runUntilDone(second.opId!);
    return { cluster, first: opEnd(cluster, first.opId), second: opEnd(cluster, second.opId) };
  };

  it('both puts succeed, coordinated by A as a stand-in, acknowledged by A and E with hints', () => {
    const { cluster, first, second } = twoPutsThroughA();
    expect(cluster.preferenceListOf('cart')).toEqual({ nodes: ['B', 'C', 'D'], fallbacks: ['E', 'A'] });
    for (const end of [first, second]) {
      expect(end.ok).toBe(true);
      expect(end.coordinator).toBe('A');
      expect([...end.acks!].sort()).toEqual(['A', 'E']);
      expect(end.hinted!.map((h) => h.holder).sort()).toEqual(['A', 'E']);
    }
    expect(cluster.node('A').store.get('cart')).toBeUndefined(); // A's own copy is a hint
  });

  // Regression (display): coordinator.ts receiveRequest() sets `isForwarded: target !== via`;
  // when A knows no reachable node of the top N, `target` is undefined, so the op-route
  // event says A forwards to itself: "A is not among cart's top 3 (B, C, D): it forwards the
  // put to A, the coordinator".
  it('the second put’s route says A coordinates it, not that A forwards it to itself', () => {
    const { cluster, second } = twoPutsThroughA();
    const route = ofKind(cluster.trace, 'op-route').find((e) => e.opId === second.opId)!;
    expect(route).toMatchObject({ node: 'A', coordinator: 'A', isForwarded: false });
  });

  // Regression: coordinator.ts newVersion() takes the coordinator's counter from
  // ownCounter(), which reads only its store (node.ts), not its hinted store. A's first write
  // is a hint, so the second write gets the same clock ([A,1]) as the first. Replicas then
  // take the second value for the first (`version-ignored`, or no `hint-stored` at all): the
  // client was told "ok" for a value no node keeps, and where both versions reach different
  // replicas, anti-entropy can never reconcile them (the sweep found this: seeds whose
  // replicas hold "D1 ([n1,1])" against "D2 ([n1,1])").
  it('never gives two different versions the same clock, so the second value is kept', () => {
    const { cluster, first, second } = twoPutsThroughA();
    expect(formatClock(second.version!.clock)).not.toBe(formatClock(first.version!.clock));
    for (const node of ['B', 'C', 'D']) cluster.apply({ type: 'recover', node });
    cluster.runUntil(cluster.nowMs + 2000);
    const onReplicas = ['B', 'C', 'D'].flatMap((id) => values(cluster, id, 'cart'));
    expect(onReplicas).toContain('second');
  });

  // Regression: the coordinator's next counter once came from the versions it held then.
  // After A handed cart off on X's join and let go of it, it wrote v2 with ([A,1]) — the
  // clock of v1 — and X took v2 for v1 (`version-ignored`): an acknowledged write was gone.
  // Counters now only grow: v2 is ([A,2]), which descends from v1 as a second blind write by
  // the same coordinator does in Dynamo (lecture 003: "this version overrides old version").
  it('never reuses a clock after handing the key off either: v2 gets the next counter', () => {
    const c = Cluster.create({ ...LECTURE_002, n: 1, r: 1, w: 1, replicaTimeoutMs: 50, hintRetryMs: 100, nodes: LECTURE_002.nodes.slice(0, 3) }, 7);
    c.apply({ type: 'put', key: 'cart', value: 'v1', via: 'A' });
    c.settle();
    c.apply({ type: 'addNode', id: 'X', tokens: [60] }); // cart moves to X; A lets go of it
    c.settle();
    expect(ofKind(c.trace, 'keys-released')).toMatchObject([{ node: 'A', keys: ['cart'] }]);
    c.apply({ type: 'fail', node: 'X' });
    const second = c.apply({ type: 'put', key: 'cart', value: 'v2', via: 'A' }); // A stands in for X
    c.runUntilDone(second.opId!);
    const [v1, v2] = ofKind(c.trace, 'op-end').map((e) => e.version!);
    expect(opEnd(c, second.opId)).toMatchObject({ ok: true, coordinator: 'A' });
    expect(formatClock(v2!.clock)).not.toBe(formatClock(v1!.clock));
    expect(formatClock(v2!.clock)).toBe('([A,2])');
    c.apply({ type: 'recover', node: 'X' });
    c.runUntil(c.nowMs + 2000);
    expect(values(c, 'X', 'cart')).toEqual(['v2']);
    expect(checkConsistency(c.trace).vanishedWrites).toEqual([]);
  });
});

describe('a replica that answers late', () => {
  it('is not given a second stand-in once it has answered: the next stand-in goes to a replica still silent', () => {
    // Six nodes, cart's top three A, B, C; D, E, F are fallbacks. C is down and B slow: at A's
    // first replica timeout D stands in for B and E for C, but both are slow too. B answers
    // before A's second timeout, so the one stand-in left, F, is for C, not for B again.
    const nodes = [...LECTURE_002.nodes, { id: 'E', tokens: [900] }, { id: 'F', tokens: [950] }];
    const c = Cluster.create({ ...LECTURE_002, nodes }, 2);
    c.apply({ type: 'fail', node: 'C' });
    for (const to of ['B', 'D', 'E']) c.apply({ type: 'slowLink', from: 'A', to, extraMs: 150 });
    const { opId } = c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(400);
    expect(ofKind(c.trace, 'sloppy-target').filter((e) => e.opId === opId).map((e) => [e.standIn, e.intendedFor])).toEqual([
      ['D', 'B'],
      ['E', 'C'],
      ['F', 'C'],
    ]);
    expect(values(c, 'B', 'cart')).toEqual([['book']]);
  });
});

describe('a node holding two hints of one key answers a read the same before and after a restore', () => {
  it('the hints are read in the order of the nodes they are for, not in the order they came (a snapshot keeps them sorted)', async () => {
    const { createNode, hintId, readableVersions } = await import('./node');
    const v = (id: number, node: string) => ({ id, value: id, clock: [{ node, counter: 1, atMs: id }] });
    const c = { key: 'cart', intendedFor: 'C', versions: [v(1, 'X')], sinceMs: 0 };
    const b = { key: 'cart', intendedFor: 'B', versions: [v(2, 'Y')], sinceMs: 0 };
    const cFirst = createNode('D', undefined);
    cFirst.hints.set(hintId('C', 'cart'), c).set(hintId('B', 'cart'), b);
    const bFirst = createNode('D', undefined);
    bFirst.hints.set(hintId('B', 'cart'), b).set(hintId('C', 'cart'), c);
    expect(readableVersions(cFirst, 'cart').map((x) => x.id)).toEqual([2, 1]);
    expect(readableVersions(bFirst, 'cart').map((x) => x.id)).toEqual([2, 1]);
  });
});
