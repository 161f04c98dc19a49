/**
 * Datacenters (paper §4.6; lecture 002: "preference list constructed to cross datacenters"):
 * with `spanDatacenters`, a key's top N covers both datacenters, so isolating one
 * (`isolateDc`) leaves every key a replica on the other side — and sloppy quorum keeps
 * writes available there, with hints for the replicas across the cut.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterConfig } from '../index';
import { ofKind, opEnd } from '../testing/fixtures';

const EAST = ['E1', 'E2', 'E3'];
const WEST = ['W1', 'W2', 'W3'];
const dcOf = (id: string) => (EAST.includes(id) ? 'east' : 'west');

/** East holds the first half of the ring, west the second: walk order alone keeps a key in one datacenter. */
const CONFIG: ClusterConfig = {
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1200,
  keyPositions: { cart: 50, wish: 650 },
  latency: { kind: 'fixed', ms: 5 },
  replicaTimeoutMs: 50,
  hintRetryMs: 100,
  gossipIntervalMs: 0,
  antiEntropyIntervalMs: 0,
  spanDatacenters: true,
  nodes: [
    { id: 'E1', tokens: [100], dc: 'east' },
    { id: 'E2', tokens: [200], dc: 'east' },
    { id: 'E3', tokens: [300], dc: 'east' },
    { id: 'W1', tokens: [700], dc: 'west' },
    { id: 'W2', tokens: [800], dc: 'west' },
    { id: 'W3', tokens: [900], dc: 'west' },
  ],
};
const cluster = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...CONFIG, ...overrides }, 12);

describe('spanDatacenters', () => {
  it('without it, cart’s top three are all in east; with it, the top three span both datacenters, in walk order', () => {
    expect(cluster({ spanDatacenters: false }).preferenceListOf('cart').nodes).toEqual(['E1', 'E2', 'E3']);
    expect(cluster().preferenceListOf('cart').nodes).toEqual(['E1', 'E2', 'W1']);
    expect(cluster().preferenceListOf('wish').nodes).toEqual(['W1', 'W2', 'E1']);
  });

  it('every key’s top N covers both datacenters, on the MD5 ring with random tokens too', () => {
    const c = Cluster.create(
      {
        ...CONFIG,
        ringSize: undefined,
        keyPositions: undefined,
        nodes: CONFIG.nodes.map(({ id, dc }) => ({ id, dc })),
      },
      12,
    );
    for (let i = 0; i < 200; i++) {
      const top = c.preferenceListOf(`key${i}`).nodes;
      expect(top).toHaveLength(3);
      expect(new Set(top.map(dcOf)).size, `key${i}: ${top.join(', ')}`).toBe(2);
    }
  });
});

describe('isolateDc', () => {
  it('cuts every link between the datacenter and the rest, both ways', () => {
    const c = cluster();
    const { events } = c.apply({ type: 'isolateDc', dc: 'east' });
    expect(ofKind(events, 'partitioned')).toMatchObject([{ groups: [EAST, WEST] }]);
    for (const e of EAST) {
      for (const w of WEST) {
        expect(c.network.isLinkUp(e, w)).toBe(false);
        expect(c.network.isLinkUp(w, e)).toBe(false);
      }
    }
    expect(c.network.isLinkUp('E1', 'E2')).toBe(true);
    expect(c.network.isLinkUp('W1', 'W3')).toBe(true);
    expect(() => c.apply({ type: 'isolateDc', dc: 'north' })).toThrow(/no node is in datacenter "north"/);
  });

  it('with east isolated, a client in west can still write cart (top N E1, E2, W1): west nodes stand in for east', () => {
    const c = cluster();
    c.apply({ type: 'isolateDc', dc: 'east' });
    const { opId } = c.apply({ type: 'put', key: 'cart', value: 'book', via: 'W1' });
    c.runUntilDone(opId!);
    const end = opEnd(c, opId);
    expect(end).toMatchObject({ ok: true, coordinator: 'W1' });
    expect(end.acks!.every((id) => dcOf(id) === 'west')).toBe(true);
    for (const h of end.hinted!) {
      expect(dcOf(h.holder)).toBe('west');
      expect(dcOf(h.intendedFor)).toBe('east');
    }
    expect(end.hinted!.length).toBeGreaterThan(0);
  });

  it('east, cut off, keeps taking writes too: both sides stay writable, and healing hands the hints over', () => {
    const c = cluster();
    c.apply({ type: 'isolateDc', dc: 'east' });
    const west = c.apply({ type: 'put', key: 'cart', value: 'from west', via: 'W1' });
    const east = c.apply({ type: 'put', key: 'cart', value: 'from east', via: 'E1' });
    c.runUntil(c.nowMs + 300);
    expect(opEnd(c, west.opId).ok).toBe(true);
    expect(opEnd(c, east.opId).ok).toBe(true);
    expect([...c.nodes.values()].some((n) => n.hints.size > 0)).toBe(true);
    c.apply({ type: 'heal' });
    c.runUntil(c.nowMs + 1000);
    for (const n of c.nodes.values()) expect(n.hints.size, `${n.id} holds no hint`).toBe(0);
    // E1, E2 and W1 end up with both writes as siblings: neither side saw the other's.
    for (const id of c.preferenceListOf('cart').nodes) {
      expect(c.node(id).store.get('cart')!.map((v) => v.value).sort(), id).toEqual(['from east', 'from west']);
    }
  });

  it('a join moves a range to the new node from the holder it replaces, so the other datacenter keeps its copy', () => {
    // cart (50): E1, E2 and W1. E0 joins east at 60: the east pair becomes E0, E1, and W1 stays.
    const c = cluster();
    c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'E1' });
    c.settle();
    const { transfers } = c.apply({ type: 'addNode', id: 'E0', tokens: [60], dc: 'east' });
    c.runUntil(c.nowMs + 2000);
    expect(c.preferenceListOf('cart').nodes).toEqual(['E0', 'E1', 'W1']);
    const senders = transfers!.filter((t) => t.to === 'E0').map((t) => t.from);
    expect(senders.length).toBeGreaterThan(0);
    expect(senders.every((id) => dcOf(id) === 'east'), senders.join(', ')).toBe(true);
    for (const id of ['E0', 'E1', 'W1']) expect(c.node(id).store.get('cart')?.map((v) => v.value), id).toEqual(['hat']);
    expect(c.node('E2').store.has('cart')).toBe(false);
    // East cut off, west still reads the write.
    c.apply({ type: 'isolateDc', dc: 'east' });
    const read = c.apply({ type: 'get', key: 'cart', via: 'W1' });
    c.runUntilDone(read.opId!);
    expect(opEnd(c, read.opId).versions!.map((v) => v.value)).toEqual(['hat']);
  });

  it('anti-entropy pairs the replicas of the datacenter-spanning list: W1 repairs cart from E1, E3 has no part in it', () => {
    const c = cluster();
    c.apply({ type: 'fail', node: 'W1' });
    c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'E1' });
    c.runUntil(c.nowMs + 50);
    c.apply({ type: 'recover', node: 'W1' });
    const withE3 = c.apply({ type: 'antiEntropy', a: 'E1', b: 'E3' });
    c.settle();
    expect(ofKind(c.trace, 'ae-done').find((e) => e.exchangeId === withE3.exchangeId)!.differingKeys).not.toContain('cart');
    const withW1 = c.apply({ type: 'antiEntropy', a: 'E1', b: 'W1' });
    c.settle();
    expect(ofKind(c.trace, 'ae-done').find((e) => e.exchangeId === withW1.exchangeId)!.differingKeys).toContain('cart');
    expect(c.node('W1').store.get('cart')?.map((v) => v.value)).toEqual(['hat']);
    expect(c.node('E3').store.has('cart')).toBe(false);
  });

  it('a client with no `via` contacts the first live node of the datacenter-spanning list, not of the plain walk', () => {
    // cart's list: E1, E2, W1, then E3, W2, W3. With E1 and E2 down the walk would reach E3 first, which is no replica.
    const c = cluster();
    c.apply({ type: 'fail', node: 'E1' });
    c.apply({ type: 'fail', node: 'E2' });
    const { opId } = c.apply({ type: 'put', key: 'cart', value: 'hat' });
    c.runUntilDone(opId!);
    expect(ofKind(c.trace, 'op-start').find((e) => e.opId === opId)).toMatchObject({ via: 'W1' });
    expect(opEnd(c, opId)).toMatchObject({ ok: true, coordinator: 'W1' });
  });
});
