/**
 * Gossip-based membership (paper §4.8; lectures 001, 002): a joining node announces itself
 * to the seeds, a leaving node tells them it left, and random pairwise exchanges of views
 * spread both until every view agrees. Whether a member is up is not gossiped: each node's
 * own failure detector decides that, so views of membership agree while beliefs differ.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, describeView, viewsAgree, type ClusterConfig } from '../index';
import { createNode, type MemberEntry, type NodeState } from './node';
import { FOUR_NODE_RING, ofKind } from '../testing/fixtures';


/** Four nodes, seeds A and B; gossip only when a test asks for a round. */
const CONFIG: ClusterConfig = { ...FOUR_NODE_RING, keyPositions: undefined, seeds: ['A', 'B'] };
const cluster = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...CONFIG, ...overrides }, 11);
const members = (c: Cluster) => [...c.nodes.values()].filter((n) => n.isMember && n.isUp).map((n) => n.id);

/** Gossip rounds (every node once, to a random peer) until views agree; returns how many it took. */
function gossipUntilAgreed(c: Cluster, max = 20): number {
  for (let round = 0; round < max; round++) {
    if (viewsAgree(c.nodes.values())) return round;
    c.apply({ type: 'gossipRound' });
    c.settle();
  }
  throw new Error(`views still differ after ${max} gossip rounds`);
}

describe('a node joins', () => {
  it('at the start every node knows every member, at version 1', () => {
    const c = cluster();
    expect(viewsAgree(c.nodes.values())).toBe(true);
    for (const id of members(c)) expect(describeView(c.node(id))).toEqual({ A: 'up', B: 'up', C: 'up', D: 'up' });
    expect([...c.node('C').view.values()].every((e) => e.version === 1 && e.status === 'joined')).toBe(true);
  });

  it('the new node knows itself, the seeds and the nodes that owe it a range, and announces itself to them', () => {
    const c = cluster();
    const { events, transfers } = c.apply({ type: 'addNode', id: 'X', tokens: [800] });
    // The administrator's tool names the nodes it writes to: C owes X a range, so X knows C (it wrote to C knowing no C before).
    expect(describeView(c.node('X'))).toEqual({ A: 'up', B: 'up', C: 'up', X: 'up' });
    // X at 800 takes a range each from A, B and C (N=3); D gives none up.
    expect([...new Set(transfers!.map((t) => t.from))].sort()).toEqual(['A', 'B', 'C']);
    const announced = ofKind(events, 'send').filter((e) => e.body.type === 'gossip');
    expect(announced.map((e) => [e.from, e.to])).toEqual([
      ['X', 'A'],
      ['X', 'B'],
      ['X', 'C'],
    ]);
    // X writes only to nodes its view lists.
    for (const e of announced) expect(Object.keys(describeView(c.node('X')))).toContain(e.to);
    c.settle();
    // The seeds and C learn of X (and X learns the rest from their replies); D does not know it yet.
    expect(Object.keys(describeView(c.node('A')))).toContain('X');
    expect(Object.keys(describeView(c.node('B')))).toContain('X');
    expect(Object.keys(describeView(c.node('C')))).toContain('X');
    expect(Object.keys(describeView(c.node('D')))).not.toContain('X');
    expect(describeView(c.node('X'))).toEqual({ A: 'up', B: 'up', C: 'up', D: 'up', X: 'up' });
    expect(viewsAgree(c.nodes.values())).toBe(false);
    expect(ofKind(c.trace, 'view-changed').find((e) => e.node === 'A')!.learned).toEqual([{ node: 'X', status: 'joined', version: 1 }]);
  });

  it('gossip rounds carry the join to every node: all views converge', () => {
    const c = cluster();
    c.apply({ type: 'addNode', id: 'X', tokens: [800] });
    c.settle();
    const rounds = gossipUntilAgreed(c);
    expect(rounds).toBeGreaterThanOrEqual(1);
    for (const id of members(c)) expect(describeView(c.node(id))).toEqual({ A: 'up', B: 'up', C: 'up', D: 'up', X: 'up' });
  });

  it('with periodic gossip on, views converge by themselves within a few intervals', () => {
    const c = cluster({ gossipIntervalMs: 100 });
    c.apply({ type: 'addNode', id: 'X', tokens: [800] });
    c.runUntil(1500);
    expect(viewsAgree(c.nodes.values())).toBe(true);
    expect(members(c).every((id) => c.node(id).view.get('X')?.status === 'joined')).toBe(true);
  });
});

describe('a node leaves', () => {
  it("removeNode: the node tells the seeds it left, and gossip spreads 'left' to everyone", () => {
    const c = cluster();
    const { events } = c.apply({ type: 'removeNode', id: 'D' });
    expect(ofKind(events, 'send').filter((e) => e.body.type === 'gossip').map((e) => [e.from, e.to])).toEqual([
      ['D', 'A'],
      ['D', 'B'],
    ]);
    expect(c.node('D').view.get('D')).toMatchObject({ version: 2, status: 'left' });
    c.settle();
    gossipUntilAgreed(c);
    for (const id of members(c)) {
      expect(describeView(c.node(id))).toEqual({ A: 'up', B: 'up', C: 'up', D: 'left' });
      expect(c.node(id).view.get('D')).toMatchObject({ version: 2, status: 'left', tokens: [] });
    }
    expect(members(c)).toEqual(['A', 'B', 'C']);
  });

  it('the final view after a join and a leave: every member up, the leaver left', () => {
    const c = cluster();
    c.apply({ type: 'addNode', id: 'X', tokens: [800] });
    c.settle();
    c.apply({ type: 'removeNode', id: 'C' });
    c.settle();
    gossipUntilAgreed(c);
    for (const id of members(c)) expect(describeView(c.node(id))).toEqual({ A: 'up', B: 'up', C: 'left', D: 'up', X: 'up' });
  });

  // Regression: inputs.ts removeNode() announces the leave only `if (node.isUp)`, and only
  // the leaving node itself ever gossips its 'left' entry. A node removed while down (or
  // destroyed, the usual reason to remove one) stays 'joined' in every other view forever;
  // viewsAgree() still says yes because all views are equally stale. The random sweep hits
  // this in most seeds (its repair phase removes every destroyed node).
  it("a node removed while it is down is still learned as 'left' by everyone", () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'D' });
    c.apply({ type: 'removeNode', id: 'D' });
    c.settle();
    gossipUntilAgreed(c);
    for (const id of members(c)) expect(describeView(c.node(id)).D, `${id}'s view of D`).toBe('left');
  });
});

describe('a leave nobody is up to hear', () => {
  // Regression: membership.ts announceLeave() has a live member record the leave of a node
  // removed while down, but when no member is up at that moment it returns (`if
  // (!announcer) return`) and nothing announces the leave later, so the removed node stays
  // 'joined' in every view for good (shown 'down', since nobody hears from it). The random
  // sweep reports this as a gap (a removed node not known as left) in about 1% of seeds.
  it("a node removed while every member is down is learned as 'left' once they are back", () => {
    const c = cluster();
    for (const node of ['A', 'B', 'C', 'D']) c.apply({ type: 'fail', node });
    c.apply({ type: 'removeNode', id: 'D' });
    for (const node of ['A', 'B', 'C']) c.apply({ type: 'recover', node });
    c.settle();
    gossipUntilAgreed(c);
    for (const id of members(c)) expect(describeView(c.node(id)).D, `${id}'s view of D`).toBe('left');
  });
});

describe('membership is gossiped; liveness is not', () => {
  it('views agree on who is a member while nodes disagree on who is up', () => {
    const c = cluster({ keyPositions: { cart: 50 } });
    c.apply({ type: 'fail', node: 'B' });
    c.apply({ type: 'put', key: 'cart', value: 1, via: 'A' });
    c.runUntil(150);
    expect(describeView(c.node('A')).B).toBe('down');
    for (let i = 0; i < 3; i++) {
      c.apply({ type: 'gossipRound' });
      c.runUntil(c.nowMs + 50);
    }
    expect(viewsAgree(c.nodes.values())).toBe(true); // B is down, so only A, C, D are compared
    expect(describeView(c.node('A')).B).toBe('down');
    expect(describeView(c.node('C')).B).not.toBe('left');
  });
});

describe('what gossip messages carry', () => {
  const gossipViews = (c: Cluster, from: string) =>
    c.trace.flatMap((e) => (e.kind === 'send' && e.from === from && (e.body.type === 'gossip' || e.body.type === 'gossip-reply') ? [e.body.view] : []));

  it("a quiet view's messages share one list; once the view learns something, the next message carries the change", () => {
    const c = cluster();
    for (let i = 0; i < 3; i++) {
      c.apply({ type: 'gossipRound' });
      c.settle();
    }
    const quiet = gossipViews(c, 'A');
    expect(quiet.length).toBeGreaterThan(1);
    expect(new Set(quiet).size).toBe(1);
    expect(quiet[0]!.map(([id]) => id)).toEqual(['A', 'B', 'C', 'D']);
    const before = c.trace.length;
    c.apply({ type: 'addNode', id: 'E', tokens: [644] });
    gossipUntilAgreed(c);
    const after = gossipViews({ trace: c.trace.slice(before) } as Cluster, 'A');
    expect(after.at(-1)!.map(([id]) => id)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(after.at(-1)).not.toBe(quiet[0]);
    // What each message carried is the view as it was then: the early ones do not change.
    expect(quiet[0]!.map(([id]) => id)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('views agree', () => {
  /** Members A and B, and X, which joined and left: up, no longer a member, knowing itself left. */
  function cluster(membersKnowX: MemberEntry | undefined): NodeState[] {
    const joined: MemberEntry = { version: 1, status: 'joined', tokens: [] };
    const [a, b, x] = ['A', 'B', 'X'].map((id) => createNode(id, undefined));
    for (const node of [a!, b!, x!]) for (const id of ['A', 'B']) node.view.set(id, joined);
    x!.isMember = false;
    x!.view.set('X', { version: 2, status: 'left', tokens: [] });
    if (membersKnowX) for (const node of [a!, b!]) node.view.set('X', membersKnowX);
    return [a!, b!, x!];
  }

  it('when no live member ever heard of a node that joined and left while they were down: to them it was never in the ring', () => {
    expect(viewsAgree(cluster(undefined))).toBe(true);
  });

  it('not while the members know that node as joined, an older version than its leave', () => {
    expect(viewsAgree(cluster({ version: 1, status: 'joined', tokens: [60] }))).toBe(false);
    expect(viewsAgree(cluster({ version: 2, status: 'left', tokens: [] }))).toBe(true);
  });
});
