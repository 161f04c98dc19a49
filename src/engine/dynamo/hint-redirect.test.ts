/**
 * Where a hint goes when its intended node no longer holds the key (it left the ring, or a join
 * took the range): into the stand-in's own store if it has become a replica, else to every
 * current replica of the key, deleted once all have it (paper §4.6: "without decreasing the
 * total number of replicas").
 */
import { describe, expect, it } from 'vitest';
import { Cluster, describe as describeEvent, type ClusterConfig } from '../index';
import { FOUR_NODE_RING, ofKind, opEnd, values } from '../testing/fixtures';

/** Lecture 002's ring (A 100, B 300, C 500, D 700; cart at 50: A, B, C, then D). */
const LECTURE_002: ClusterConfig = FOUR_NODE_RING;
const lecture002 = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...LECTURE_002, ...overrides }, 2);

describe('a hint whose holder or intended node leaves the ring', () => {
  /** Lecture 002's setting: B down, the put lands on D with a hint for B. */
  function hintOnD(overrides: Partial<ClusterConfig> = {}): Cluster {
    const c = lecture002(overrides);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(200);
    expect([...c.node('D').hints.values()].map((h) => h.intendedFor)).toEqual(['B']);
    return c;
  }

  it('a stand-in removed from the ring still hands its hint over when the intended node comes back', () => {
    // N=2 on five nodes: cart's top two are A and B; with B down, C stands in.
    const c = Cluster.create({ ...LECTURE_002, n: 2, r: 1, w: 1, nodes: [...LECTURE_002.nodes, { id: 'E', tokens: [900] }] }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(200);
    expect([...c.node('C').hints.values()].map((h) => h.intendedFor)).toEqual(['B']);
    c.apply({ type: 'removeNode', id: 'C' });
    c.runUntil(c.nowMs + 3000); // C's transfers are done long before B is back
    c.apply({ type: 'recover', node: 'B' });
    c.runUntil(c.nowMs + 5000);
    expect(values(c, 'B', 'cart')).toEqual([['book']]);
    expect(c.node('C').hints.size).toBe(0);
  });

  it('a stand-in that has become a replica of the key (its intended node removed) keeps the write in its own store', () => {
    const c = hintOnD();
    c.apply({ type: 'destroy', node: 'B' });
    c.apply({ type: 'removeNode', id: 'B' });
    expect(c.preferenceListOf('cart').nodes).toEqual(['A', 'C', 'D']);
    c.runUntil(c.nowMs + 5000);
    expect(values(c, 'D', 'cart')).toEqual([['book']]);
    expect(c.node('D').hints.size).toBe(0);
    expect(ofKind(c.trace, 'hint-delivery-attempted')).toEqual([]);
  });

  it('a stand-in that is not a replica hands the hint of a removed node to every current replica of the key, and the trace says to whom', () => {
    // N=2: cart on A and B; with B down, C stands in. B is removed and X joins at 60: cart's
    // top two are X and A, so C, no replica, hands the hint to both (A has it already).
    const c = Cluster.create({ ...LECTURE_002, n: 2, r: 1, w: 1 }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(200);
    c.apply({ type: 'destroy', node: 'B' });
    c.apply({ type: 'removeNode', id: 'B' });
    c.apply({ type: 'addNode', id: 'X', tokens: [60] });
    expect(c.preferenceListOf('cart').nodes).toEqual(['X', 'A']);
    c.runUntil(c.nowMs + 5000);
    const attempts = ofKind(c.trace, 'hint-delivery-attempted').filter((e) => e.to !== undefined);
    expect(attempts.map((e) => describeEvent(e))).toEqual([
      'C tries to hand cart (D1) to X, one of its replicas now: B, whom it was meant for, no longer holds it',
      'C tries to hand cart (D1) to A, one of its replicas now: B, whom it was meant for, no longer holds it',
    ]);
    expect(ofKind(c.trace, 'hint-delivered').map((e) => describeEvent(e))).toEqual(['X now has cart (D1) from C, hinted for B, who no longer holds it', 'A now has cart (D1) from C, hinted for B, who no longer holds it']);
    expect(values(c, 'X', 'cart')).toEqual([['book']]);
    expect(c.node('C').hints.size).toBe(0);
  });

  /**
   * Five nodes, N=3: cart's top three A, B, C. B and D are down for a put, so E keeps a hint
   * for B. D recovers and B is removed: cart's top three are A, C, D, and only D lacks the write.
   */
  function hintOnEForRemovedB(): Cluster {
    const c = Cluster.create({ ...FOUR_NODE_RING, nodes: [...FOUR_NODE_RING.nodes, { id: 'E', tokens: [900] }] }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'fail', node: 'D' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(300);
    expect([...c.node('E').hints.values()].map((h) => h.intendedFor)).toEqual(['B']);
    c.apply({ type: 'recover', node: 'D' });
    c.apply({ type: 'removeNode', id: 'B' });
    expect(c.preferenceListOf('cart').nodes).toEqual(['A', 'C', 'D']);
    return c;
  }

  it('the node that took a removed node\'s place gets its hinted write, not only the first replica, which had it (paper §4.6: no fewer replicas)', () => {
    const c = hintOnEForRemovedB();
    c.runUntil(c.nowMs + 2000);
    for (const id of ['A', 'C', 'D']) expect(values(c, id, 'cart')).toEqual([1]);
    expect(c.node('E').hints.size).toBe(0);
  });

  it('a redirected hint is kept until every current replica has acknowledged it', () => {
    const c = hintOnEForRemovedB();
    c.apply({ type: 'destroy', node: 'C' }); // C never acknowledges: while it is a replica, E owes it the write
    c.runUntil(c.nowMs + 2000);
    expect(values(c, 'D', 'cart')).toEqual([1]);
    expect([...c.node('E').hints.values()].map((h) => [h.intendedFor, h.handedTo])).toEqual([['B', ['A', 'D']]]);
    // C removed in turn, E becomes a replica itself: it keeps the write, and the hint is done.
    c.apply({ type: 'removeNode', id: 'C' });
    c.runUntil(c.nowMs + 2000);
    expect(c.preferenceListOf('cart').nodes).toEqual(['A', 'D', 'E']);
    expect(c.node('E').hints.size).toBe(0);
    expect(values(c, 'E', 'cart')).toEqual([1]);
  });
});

describe('a hint whose intended node lost the key\'s range to a join while it was down', () => {
  it('goes to the key\'s replica, not to the intended node, which no longer holds the key', () => {
    // N=2: cart (50) on A and B. B is down, so C stands in. X joins at 60: cart's top two are X and A.
    const c = Cluster.create({ ...LECTURE_002, n: 2, r: 1, w: 1 }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(200);
    expect([...c.node('C').hints.values()].map((h) => h.intendedFor)).toEqual(['B']);
    c.apply({ type: 'addNode', id: 'X', tokens: [60] });
    c.apply({ type: 'recover', node: 'B' });
    c.runUntil(c.nowMs + 5000);
    expect(c.preferenceListOf('cart').nodes).toEqual(['X', 'A']);
    expect(values(c, 'X', 'cart')).toEqual([['book']]);
    expect(c.node('B').store.has('cart')).toBe(false);
    expect(c.node('C').hints.size).toBe(0);
  });
});

describe('a stand-in that has become a replica while the intended node is still one', () => {
  it('keeps the write as its own as well as handing it over, so it still answers reads after the hint is gone', () => {
    // N=2, R=1 on A, B, C: k (50) on A and B. B is down, so C stands in. A is destroyed and
    // removed: k's replicas are B and C, and C holds the write only as B's hint.
    const c = Cluster.create({ n: 2, r: 1, w: 2, ringSize: 1000, keyPositions: { k: 50 }, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }] }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'k', value: 'v', via: 'A' });
    c.runUntil(200);
    c.apply({ type: 'destroy', node: 'A' });
    c.apply({ type: 'removeNode', id: 'A' });
    expect(c.preferenceListOf('k').nodes).toEqual(['B', 'C']);
    c.runUntil(c.nowMs + 100);
    c.apply({ type: 'recover', node: 'B' });
    c.runUntil(c.nowMs + 2000);
    expect(values(c, 'B', 'k')).toEqual(['v']);
    expect(values(c, 'C', 'k')).toEqual(['v']);
    expect(c.node('C').hints.size).toBe(0);
    const read = c.apply({ type: 'get', key: 'k', via: 'C' });
    c.settle();
    expect(opEnd(c, read.opId).versions!.map((v) => v.value)).toEqual(['v']);
  });
});

describe('a hint on its way when a join takes the range', () => {
  it('reaches the intended node, which passes the key on to its new holder', () => {
    // N=2: cart (50) on A and B. B is down, so C stands in; B recovers and C hands the hint
    // over on a slow link, and while it travels X joins at 60: cart's top two are X and A. B
    // has handed its (empty) range to X long before the hint lands.
    const c = Cluster.create({ ...LECTURE_002, n: 2, r: 1, w: 1 }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(200);
    c.apply({ type: 'slowLink', from: 'C', to: 'B', extraMs: 200 });
    c.apply({ type: 'recover', node: 'B' });
    for (let i = 0; i < 1000 && ofKind(c.trace, 'hint-delivery-attempted').length === 0; i++) c.step();
    expect(ofKind(c.trace, 'hint-delivery-attempted').at(-1)).toMatchObject({ node: 'C', intendedFor: 'B' });
    c.apply({ type: 'addNode', id: 'X', tokens: [60] });
    c.runUntil(c.nowMs + 3000);
    expect(c.preferenceListOf('cart').nodes).toEqual(['X', 'A']);
    expect(values(c, 'X', 'cart')).toEqual([['book']]);
    expect(c.node('B').store.has('cart')).toBe(false);
    expect(c.node('C').hints.size).toBe(0);
  });
});

describe("a hint whose intended node has left, while the key's first replica is down", () => {
  it('reaches the next replica at once, and is kept for the first until it answers', () => {
    // N=2 on five nodes: cart (50) on A and B. B and C are down, so D stands in for B.
    const nodes = [...LECTURE_002.nodes, { id: 'E', tokens: [900] }];
    const c = Cluster.create({ ...LECTURE_002, n: 2, r: 1, w: 1, hintRetryMs: 100, nodes }, 2);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'fail', node: 'C' });
    c.apply({ type: 'put', key: 'cart', value: ['book'], via: 'A' });
    c.runUntil(400);
    expect([...c.node('D').hints.values()].map((h) => h.intendedFor)).toEqual(['B']);
    // C comes back; B is lost for good and removed: cart's replicas are A and C. Then A fails.
    c.apply({ type: 'recover', node: 'C' });
    c.apply({ type: 'destroy', node: 'B' });
    c.apply({ type: 'removeNode', id: 'B' });
    expect(c.preferenceListOf('cart').nodes).toEqual(['A', 'C']);
    c.apply({ type: 'fail', node: 'A' });
    c.runUntil(c.nowMs + 2000);
    expect(values(c, 'C', 'cart')).toEqual([['book']]);
    expect([...c.node('D').hints.values()].map((h) => h.handedTo)).toEqual([['C']]);
    c.apply({ type: 'recover', node: 'A' });
    c.runUntil(c.nowMs + 1000);
    expect(c.node('D').hints.size).toBe(0);
  });
});

describe("a redirected hint's record of who has it", () => {
  it('starts again when a new version joins the hint: the replicas acknowledged only the versions before it', async () => {
    const { createNode, hintId, storeHint } = await import('./node');
    const v = (id: number) => ({ id, value: id, clock: [{ node: 'A', counter: id, atMs: id }] });
    const e = createNode('E', undefined);
    storeHint(e, 'cart', 'B', v(1), 0);
    e.hints.set(hintId('B', 'cart'), { ...e.hints.get(hintId('B', 'cart'))!, handedTo: ['A', 'D'] });
    storeHint(e, 'cart', 'B', v(2), 10);
    const hint = e.hints.get(hintId('B', 'cart'))!;
    expect(hint.versions.map((x) => x.id)).toEqual([2]);
    expect(hint.handedTo).toBeUndefined();
    expect(hint.sinceMs).toBe(0);
  });

  it('leaves out a replica whose acknowledgement names only older versions: it is sent the newer one at the next retry', () => {
    // Five nodes, N=3: cart's top three A, B, C. B and D are down, so E keeps A's write for B.
    const c = Cluster.create({ ...FOUR_NODE_RING, nodes: [...FOUR_NODE_RING.nodes, { id: 'E', tokens: [900] }] }, 1);
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'fail', node: 'D' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(300);
    // A second put, still with a hint for B, is on its way to E over a slow link (healed once
    // it is sent: a message keeps the latency it was sent with).
    c.apply({ type: 'slowLink', from: 'A', to: 'E', extraMs: 500 });
    c.apply({ type: 'put', key: 'cart', value: 2, via: 'A' });
    c.runUntil(c.nowMs + 50);
    c.apply({ type: 'heal' });
    const [first, second] = ofKind(c.trace, 'version-stored').filter((e) => e.node === 'A').map((e) => e.version.id);
    // D recovers and B is removed: cart's top three are A, C, D. E hands the first write to
    // each over slow links: the second reaches E while the first is on its way, and every
    // replica's acknowledgement names the first alone.
    c.apply({ type: 'recover', node: 'D' });
    c.apply({ type: 'removeNode', id: 'B' });
    for (const to of ['A', 'C', 'D']) c.apply({ type: 'slowLink', from: 'E', to, extraMs: 150 });
    expect(c.preferenceListOf('cart').nodes).toEqual(['A', 'C', 'D']);
    const acks = () => ofKind(c.trace, 'deliver').filter((e) => e.to === 'E' && e.body.type === 'hint-ack');
    for (let i = 0; i < 1000 && acks().length < 3; i++) c.step();
    expect(acks().map((e) => [e.from, e.body])).toEqual(['A', 'C', 'D'].map((from) => [from, { type: 'hint-ack', key: 'cart', intendedFor: 'B', versionIds: [first] }]));
    // D has not got the second write: E keeps the hint, and owes it to D.
    expect(values(c, 'D', 'cart')).toEqual([1]);
    expect([...c.node('E').hints.values()].map((h) => h.versions.map((v) => v.id))).toEqual([[second]]);
    expect(ofKind(c.trace, 'hint-deleted')).toEqual([]);
    c.runUntil(c.nowMs + 2000);
    expect(ofKind(c.trace, 'hint-delivery-attempted').filter((e) => e.to === 'D').map((e) => e.versionIds)).toEqual([[first], [second]]);
    for (const id of ['A', 'C', 'D']) expect(values(c, id, 'cart')).toEqual([2]);
    expect(c.node('E').hints.size).toBe(0);
    expect(ofKind(c.trace, 'hint-deleted')).toMatchObject([{ node: 'E', key: 'cart', intendedFor: 'B', reason: 'delivered' }]);
  });
});
