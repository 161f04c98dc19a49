/**
 * Local failure detection (paper §4.8.3; lecture 001: "each request serves as a ping"):
 * a node that gets no answer in time believes the peer down; nobody else does until they
 * find out for themselves; the belief heals as soon as the peer answers again. A one-way
 * cut link shows that "down" is a belief about answers, not about the peer.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, describe as describeEvent, describeView, type ClusterConfig } from '../index';
import { FOUR_NODE_RING, ofKind } from '../testing/fixtures';

const viewOf = (cluster: Cluster, id: string) => describeView(cluster.node(id));

/** cart at 50: top three A, B, C; D is the fallback. Gossip and anti-entropy stay quiet. */
const CONFIG: ClusterConfig = { ...FOUR_NODE_RING, replicaTimeoutMs: 50, hintRetryMs: 100 };
const cluster = () => Cluster.create(CONFIG, 5);

describe('views differ between nodes', () => {
  it('only the node that asked and got no answer believes the peer down', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(80); // past A's replica timeout, before D's first hint retry
    expect(ofKind(c.trace, 'peer-unreachable')).toMatchObject([{ node: 'A', peer: 'B' }]);
    expect(viewOf(c, 'A')).toEqual({ A: 'up', B: 'down', C: 'up', D: 'up' });
    expect(viewOf(c, 'C')).toEqual({ A: 'up', B: 'up', C: 'up', D: 'up' }); // C never asked B anything
    expect(viewOf(c, 'D')).toEqual({ A: 'up', B: 'up', C: 'up', D: 'up' });
    expect(c.believesReachable('A', 'B')).toBe(false);
    expect(c.believesReachable('C', 'B')).toBe(true);
  });

  it('a node learns for itself: D comes to believe B down only when its own hint delivery goes unanswered', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(400);
    const marks = ofKind(c.trace, 'peer-unreachable');
    expect(marks.map((e) => [e.node, e.peer])).toEqual([
      ['A', 'B'],
      ['D', 'B'],
    ]);
    expect(viewOf(c, 'C').B).toBe('up');
  });

  it('the belief heals when the peer answers: A probes B and hears back after B recovers', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(500);
    expect(viewOf(c, 'A').B).toBe('down');
    expect(ofKind(c.trace, 'send').some((e) => e.from === 'A' && e.to === 'B' && e.body.type === 'ping')).toBe(true); // probes while B is down
    c.apply({ type: 'recover', node: 'B' });
    const recovered = c.trace.length;
    c.runUntil(800);
    expect(viewOf(c, 'A').B).toBe('up');
    const healed = ofKind(c.trace.slice(recovered), 'peer-reachable').find((e) => e.node === 'A' && e.peer === 'B');
    expect(healed).toBeDefined();
    // It healed because a message from B arrived (a pong or a reply), nothing global.
    const cause = c.trace.find((e) => e.seq === healed!.causeSeq)!;
    expect(cause).toMatchObject({ kind: 'deliver', from: 'B', to: 'A' });
    expect(c.node('A').unreachable.size).toBe(0);
  });

  it('a node that believes no one down schedules no probes', () => {
    const c = cluster();
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(1000);
    expect(ofKind(c.trace, 'send').filter((e) => e.body.type === 'ping')).toEqual([]);
    expect(ofKind(c.trace, 'peer-unreachable')).toEqual([]);
  });
});

describe('"heard since the request" is counted in the order things happened, not in milliseconds', () => {
  it("an ack to the last put, arriving in the very millisecond B fails and the next put goes out, is no answer to that put: A believes B down before it turns to a stand-in", () => {
    const c = cluster();
    const first = c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntilDone(first.opId!);
    c.settle(); // ends at 20 ms, with B's ack to the first put
    const at = c.nowMs;
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 2, via: 'A' });
    c.runUntil(at + 80);
    // B's last word to A came at `at`, the moment the second put left: heard at that time, but before it.
    const lastFromB = ofKind(c.trace, 'deliver').filter((e) => e.from === 'B' && e.to === 'A').at(-1)!;
    expect(lastFromB.atMs).toBe(at);
    const marks = ofKind(c.trace, 'peer-unreachable');
    expect(marks.map((e) => [e.node, e.peer, e.atMs])).toEqual([['A', 'B', at + 50]]);
    const standIn = ofKind(c.trace, 'sloppy-target').find((e) => e.node === 'A')!;
    expect(standIn).toMatchObject({ intendedFor: 'B', standIn: 'D' });
    expect(standIn.seq).toBeGreaterThan(marks[0]!.seq);
    // The third put knows: it goes to the stand-in at once, with no second wait on B.
    const sent = c.trace.length;
    const third = c.apply({ type: 'put', key: 'cart', value: 3, via: 'A' });
    c.runUntilDone(third.opId!);
    expect(ofKind(c.trace.slice(sent), 'send').filter((e) => e.body.type === 'put').map((e) => e.to)).toEqual(['C', 'D']);
  });

  it('an answer that takes no time at all still counts as heard since the request', () => {
    const c = Cluster.create({ ...CONFIG, latency: { kind: 'fixed', ms: 0 } }, 5);
    const put = c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntilDone(put.opId!);
    c.runUntil(200);
    expect(ofKind(c.trace, 'peer-unreachable')).toEqual([]);
  });
});

describe('without sloppy quorum, a belief changes nobody a write goes to', () => {
  it('A believes B down, B recovers while A is not asking it: the next put still goes to B, the only node that may take it', () => {
    const c = Cluster.create({ ...CONFIG, hintedHandoff: false, hintRetryMs: 100_000 }, 5);
    c.apply({ type: 'fail', node: 'B' });
    const first = c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntilDone(first.opId!);
    c.runUntil(200);
    expect(viewOf(c, 'A').B).toBe('down');
    c.apply({ type: 'recover', node: 'B' });
    const put = c.apply({ type: 'put', key: 'cart', value: 2, via: 'A' });
    c.runUntilDone(put.opId!);
    c.settle();
    expect(c.node('B').store.get('cart')?.map((v) => v.value)).toEqual([2]);
    expect(viewOf(c, 'A').B).toBe('up'); // its answer was the sign of life
  });
});

describe('a one-way cut link (cutLink)', () => {
  it("A's messages reach B, but B's do not reach A: B stores the write, yet A believes B down", () => {
    const c = cluster();
    c.apply({ type: 'cutLink', from: 'B', to: 'A' });
    const { opId } = c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(80);
    const delivered = ofKind(c.trace, 'deliver').filter((e) => e.from === 'A' && e.to === 'B');
    expect(delivered.map((e) => e.body.type)).toEqual(['put']);
    const dropped = ofKind(c.trace, 'drop').filter((e) => e.from === 'B' && e.to === 'A');
    expect(dropped).toMatchObject([{ reason: 'partition', body: { type: 'put-ack' } }]);
    expect(c.node('B').store.get('cart')?.map((v) => v.value)).toEqual([1]); // B has it
    expect(viewOf(c, 'A').B).toBe('down'); // …but A never heard back
    expect(viewOf(c, 'B').A).toBe('up'); // B heard from A just fine
    expect(ofKind(c.trace, 'op-end').find((e) => e.opId === opId)).toMatchObject({ ok: true, acks: ['A', 'C'] });
  });

  it('the other direction keeps working: B believes A up while A keeps probing B in vain', () => {
    const c = cluster();
    c.apply({ type: 'cutLink', from: 'B', to: 'A' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(600);
    const pings = ofKind(c.trace, 'send').filter((e) => e.from === 'A' && e.to === 'B' && e.body.type === 'ping');
    expect(pings.length).toBeGreaterThanOrEqual(3);
    expect(ofKind(c.trace, 'deliver').filter((e) => e.from === 'A' && e.to === 'B' && e.body.type === 'ping')).toHaveLength(pings.length);
    expect(ofKind(c.trace, 'drop').filter((e) => e.from === 'B' && e.to === 'A' && e.body.type === 'pong').length).toBeGreaterThan(0);
    expect(viewOf(c, 'A').B).toBe('down');
    expect(viewOf(c, 'B').A).toBe('up');
    c.apply({ type: 'heal' });
    c.runUntil(900);
    expect(viewOf(c, 'A').B).toBe('up');
  });
});

describe('a forward that goes unanswered', () => {
  it('does not make the node that forwarded it believe the target down when it has heard from the target since: the forward was lost', () => {
    // N=2, replica timeout 100 ms: cart (50) on A and B, far (600) on D and A. D→A is cut one way.
    const c = Cluster.create({ ...FOUR_NODE_RING, n: 2, r: 1, w: 1, keyPositions: { cart: 50, far: 600 } }, 5);
    c.apply({ type: 'cutLink', from: 'D', to: 'A' });
    const forwarded = c.apply({ type: 'put', key: 'cart', value: 1, via: 'D' }); // D forwards to A: lost
    c.apply({ type: 'put', key: 'far', value: 2, via: 'A' }); // A writes far on D: D hears from A
    c.runUntilDone(forwarded.opId!);
    expect(ofKind(c.trace, 'peer-unreachable').filter((e) => e.node === 'D')).toEqual([]);
    expect(viewOf(c, 'D').A).toBe('up');
    // The forward still moves on to the next node of the top N, which coordinates.
    expect(ofKind(c.trace, 'op-end').find((e) => e.opId === forwarded.opId)).toMatchObject({ ok: true, coordinator: 'B' });
  });

  it('does make it believe the target down when nothing came from it', () => {
    const c = Cluster.create({ ...FOUR_NODE_RING, n: 2, r: 1, w: 1 }, 5);
    c.apply({ type: 'cutLink', from: 'D', to: 'A' });
    const forwarded = c.apply({ type: 'put', key: 'cart', value: 1, via: 'D' });
    c.runUntilDone(forwarded.opId!);
    expect(ofKind(c.trace, 'peer-unreachable').filter((e) => e.node === 'D')).toMatchObject([{ peer: 'A' }]);
  });
});

describe('a node believed down is heard from again', () => {
  it('the line says by which message: a pong, which the log hides with gossip by default, was its only cause on screen', () => {
    const c = Cluster.create({ ...FOUR_NODE_RING }, 2);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(200); // A's replica timeout: it believes B down
    c.apply({ type: 'recover', node: 'B' });
    c.runUntil(2000);
    const back = ofKind(c.trace, 'peer-reachable').find((e) => e.node === 'A' && e.peer === 'B')!;
    expect(back.heard).toBe('pong');
    expect(describeEvent(back)).toBe("A hears from B again (B's pong): it believes B is up");
  });
});

describe('every request is a ping, whatever its client was told (paper §4.8.3; lecture 001: "if a node doesn\'t respond to a request, it is considered to be failed")', () => {
  it('a get answered by R of N still teaches its coordinator that the silent replica is down, so the next put sends its stand-in at once', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'C' });
    c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.runUntil(40);
    expect(ofKind(c.trace, 'op-end')).toMatchObject([{ op: 'get', ok: true }]); // A and B answered: R=2
    expect(c.believesReachable('A', 'C')).toBe(true);
    c.runUntil(80); // past A's replica timeout
    expect(ofKind(c.trace, 'peer-unreachable').map((e) => [e.node, e.peer])).toEqual([['A', 'C']]);
    const { opId } = c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    expect(ofKind(c.trace, 'sloppy-target').filter((e) => e.opId === opId).map((e) => [e.standIn, e.intendedFor, e.atMs])).toEqual([['D', 'C', 80]]);
  });

  it('a late reply within the timeout is an answer: the replica is not believed down', () => {
    const c = cluster();
    c.apply({ type: 'slowLink', from: 'C', to: 'A', extraMs: 20 });
    c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.runUntil(200);
    expect(ofKind(c.trace, 'op-end')).toMatchObject([{ op: 'get', ok: true, replies: ['A', 'B'] }]);
    expect(ofKind(c.trace, 'peer-unreachable')).toEqual([]);
  });

  it('a put that failed, its coordinator having taken it late, still looks for N holders: the silent replicas are believed down and stand-ins hold hints for them', () => {
    // Five nodes; cart's top three A, B, C. A and B are down and E, outside the top N, forwards
    // to each in turn: C takes the put only after two forward timeouts (100 ms each), too late for W=2.
    const c = Cluster.create({ ...FOUR_NODE_RING, nodes: [...FOUR_NODE_RING.nodes, { id: 'E', tokens: [900] }] }, 1);
    c.apply({ type: 'fail', node: 'A' });
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'E' });
    c.runUntil(1000);
    expect(ofKind(c.trace, 'op-end')).toMatchObject([{ ok: false, coordinator: 'C', acks: ['C'] }]);
    expect(ofKind(c.trace, 'peer-unreachable').filter((e) => e.node === 'C').map((e) => e.peer)).toEqual(['A', 'B']);
    expect(ofKind(c.trace, 'hint-stored').map((e) => [e.node, e.intendedFor])).toEqual([
      ['D', 'A'],
      ['E', 'B'],
    ]);
  });
});

describe('a node that fails forgets what its failure detector had learnt (memory, not disk)', () => {
  it('it comes back believing every peer up, and learns again from its own requests', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(80);
    expect(viewOf(c, 'A')).toMatchObject({ B: 'down' });
    c.apply({ type: 'fail', node: 'A' });
    c.apply({ type: 'recover', node: 'A' });
    expect(viewOf(c, 'A')).toEqual({ A: 'up', B: 'up', C: 'up', D: 'up' });
    c.apply({ type: 'put', key: 'cart', value: 2, via: 'A' });
    c.runUntil(c.nowMs + 60);
    expect(viewOf(c, 'A')).toMatchObject({ B: 'down' });
  });
});

describe('a timeout blames only the silence it waited for', () => {
  it("an answered get's timeout does not mark down a replica the get never asked, heard from since by an older message", () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'C' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(60); // A believes C down
    c.apply({ type: 'recover', node: 'C' });
    c.apply({ type: 'slowLink', from: 'C', to: 'A', extraMs: 20 }); // C's pong to A takes 30 ms
    c.apply({ type: 'slowLink', from: 'D', to: 'A', extraMs: 100 }); // the stand-in's reply comes after the timeout
    c.runUntil(161); // C's pong to A's probe left at 160
    c.apply({ type: 'get', key: 'cart', via: 'A' }); // A believes C down: it asks B and the stand-in D, not C
    c.runUntil(400);
    const get = ofKind(c.trace, 'op-start').find((e) => e.op === 'get')!;
    expect(ofKind(c.trace, 'send').filter((e) => e.from === 'A' && e.body.type === 'get').map((e) => e.to)).toEqual(['B', 'D']);
    // C's pong reaches A at 190: believed up. The get's timeout at 211 waited for B and D, not for C.
    expect(ofKind(c.trace, 'peer-unreachable').filter((e) => e.atMs > get.atMs && e.peer === 'C')).toEqual([]);
  });

  it('a reply timeout set before a node failed does not mark down, after it recovers, a peer that had answered', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' }); // D keeps a hint for B
    c.runUntil(60);
    c.apply({ type: 'recover', node: 'B' });
    c.runUntil(181); // D hands the hint to B; B's ack reaches D at 180, before D's reply timeout at 210
    expect(c.node('D').hints.size).toBe(0);
    c.apply({ type: 'fail', node: 'D' });
    c.apply({ type: 'recover', node: 'D' });
    c.runUntil(400);
    expect(ofKind(c.trace, 'peer-unreachable').filter((e) => e.node === 'D' && e.peer === 'B' && e.atMs > 181)).toEqual([]);
  });
});
