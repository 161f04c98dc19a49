/**
 * User inputs through the public surface: what each does to the cluster and the trace, and
 * that an input naming something that does not exist throws an InputError and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, InputError, checkInvariants, snapshot, type ClusterConfig, type Input } from './index';
import { LECTURE_000_RING, ofKind } from './testing/fixtures';
import { keyLength, keyLengthProblem } from './inputs';

const keysAt = (cluster: Cluster, node: string) => [...cluster.nodes.get(node)!.store.keys()].sort();

/** Lecture 000's ring with one replica per key, so that data movement is easy to follow. */
const LECTURE_RING: ClusterConfig = { ...LECTURE_000_RING, n: 1, r: 1, w: 1, keyPositions: { a: 500, b: 700, c: 344, d: 900 } };
const lectureCluster = (overrides: Partial<ClusterConfig> = {}) => Cluster.create({ ...LECTURE_RING, ...overrides }, 1);

/** Runs to quiet, bounded so that a regression cannot hang the suite. */
const settle = (cluster: Cluster) => {
  cluster.settle(100_000);
  expect(cluster.isSettled, 'the cluster settles').toBe(true);
};

/** The part of a snapshot an input must leave alone when it is rejected. */
const stateOf = (cluster: Cluster) => JSON.stringify({ ...snapshot(cluster), traceLength: 0 });

describe('InputError', () => {
  const rejected: [string, Input, string][] = [
    ['put with an empty key', { type: 'put', key: '', value: 1 }, 'key'],
    ['get with an empty key', { type: 'get', key: '' }, 'key'],
    ['put with a key over 256 characters', { type: 'put', key: 'k'.repeat(257), value: 1 }, 'key'],
    ['put via an unknown node', { type: 'put', key: 'a', value: 1, via: 'node9' }, 'via'],
    ['get via an unknown node', { type: 'get', key: 'a', via: 'node9' }, 'via'],
    ['fail an unknown node', { type: 'fail', node: 'node9' }, 'node'],
    ['recover an unknown node', { type: 'recover', node: 'node9' }, 'node'],
    ['destroy an unknown node', { type: 'destroy', node: 'node9' }, 'node'],
    ['partition with an unknown node', { type: 'partition', groups: [['node1'], ['node2', 'node9']] }, 'groups[1][1]'],
    ['partition with a node in two groups (a saved session or a link; scenario files are checked before)', { type: 'partition', groups: [['node1'], ['node2', 'node1']] }, 'groups[1][1]'],
    ['remove an unknown node', { type: 'removeNode', id: 'node9' }, 'id'],
    ['add a node twice', { type: 'addNode', id: 'node2' }, 'id'],
    ['add a node on a taken position', { type: 'addNode', id: 'node5', tokens: [458] }, 'tokens'],
    ['drop a message that is not in flight', { type: 'dropMessage', msgId: 99 }, 'msgId'],
    ['delay a message that is not in flight', { type: 'delayMessage', msgId: 99, byMs: 5 }, 'msgId'],
  ];

  for (const [what, input, field] of rejected) {
    it(`${what}: throws an InputError naming "${field}" and appends nothing`, () => {
      const cluster = lectureCluster();
      cluster.apply({ type: 'put', key: 'a', value: 1 });
      const traceLength = cluster.trace.length;
      let error: unknown;
      try {
        cluster.apply(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
      expect((error as InputError).name).toBe('InputError');
      expect(cluster.trace).toHaveLength(traceLength);
    });
  }

  it('counts a key as a person does (code points, an emoji one), in the words the scenario format uses', () => {
    const cluster = lectureCluster();
    expect(() => cluster.apply({ type: 'put', key: '🛒'.repeat(256), value: 1 })).not.toThrow();
    expect(() => cluster.apply({ type: 'get', key: '🛒'.repeat(256) })).not.toThrow();
    expect(() => cluster.apply({ type: 'put', key: '🛒'.repeat(257), value: 1 })).toThrow(new InputError('the key is 257 characters long; at most 256 are allowed', 'key'));
    expect(() => cluster.apply({ type: 'get', key: 'k'.repeat(1234) })).toThrow('the key is 1,234 characters long; at most 256 are allowed');
    // A lone surrogate is one character too.
    expect(keyLength('a\uD800b🛒\uDC00')).toBe(5);
    expect(keyLengthProblem('\uD800'.repeat(256))).toBeNull();
  });

  it('unknown-node errors change nothing at all', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'put', key: 'a', value: 1 });
    const before = stateOf(cluster);
    for (const [, input] of rejected.filter(([, i]) => i.type !== 'addNode')) expect(() => cluster.apply(input)).toThrow(InputError);
    expect(stateOf(cluster)).toBe(before);
  });

  it("a removed node's name cannot join again, and the refusal says why and what to do", () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'removeNode', id: 'node2' });
    const before = stateOf(cluster);
    expect(() => cluster.apply({ type: 'addNode', id: 'node2' })).toThrow(/^"node2" was removed, and a removed node keeps its name .*: a node joining needs a name of its own$/);
    expect(stateOf(cluster)).toBe(before);
    expect(() => cluster.apply({ type: 'addNode', id: 'node1' })).toThrow('a node named "node1" already exists');
  });

  it("a destroyed node's name, once it is removed, is refused as any removed node's is", () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'destroy', node: 'node2' });
    expect(() => cluster.apply({ type: 'addNode', id: 'node2' })).toThrow('a node named "node2" already exists');
    cluster.apply({ type: 'removeNode', id: 'node2' });
    expect(() => cluster.apply({ type: 'addNode', id: 'node2' })).toThrow(/^"node2" was removed, and a removed node keeps its name \(clocks name it, even once its disk is destroyed\): a node joining needs a name of its own$/);
  });

  // Regression: Ring.addNode once recorded the node before checking its
  // positions, so the rejected input leaves a token-less node5 on the ring, and node5 can
  // never be added afterwards ("node node5 is already on the ring").
  it('a rejected addNode changes nothing: the same id can be added with a free position', () => {
    const cluster = lectureCluster();
    const before = stateOf(cluster);
    expect(() => cluster.apply({ type: 'addNode', id: 'node5', tokens: [458] })).toThrow(InputError);
    expect(stateOf(cluster)).toBe(before);
    expect(() => cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] })).not.toThrow();
  });

  it('under strategy 3 a join gives no tokens, and the cluster grows to Q nodes at most, as a scenario file is told; a refused join changes nothing', () => {
    const cluster = Cluster.create({ n: 2, r: 1, w: 1, ringSize: 1000, strategy: 3, partitions: 4, nodes: [{ id: 'A' }, { id: 'B' }] }, 1);
    const before = stateOf(cluster);
    expect(() => cluster.apply({ type: 'addNode', id: 'C', tokens: [500] })).toThrow(expect.objectContaining({ field: 'tokens', message: expect.stringContaining('strategy 3 places tokens at partition ends itself') }));
    expect(() => cluster.apply({ type: 'addNode', id: 'C', tokens: 2 })).toThrow(expect.objectContaining({ message: expect.stringContaining('give no token count') }));
    expect(stateOf(cluster)).toBe(before);
    cluster.apply({ type: 'addNode', id: 'C' });
    cluster.apply({ type: 'addNode', id: 'D' });
    expect(() => cluster.apply({ type: 'addNode', id: 'E' })).toThrow(expect.objectContaining({ field: 'id', message: expect.stringContaining('makes 5 nodes for 4 partitions') }));
  });

  it('under strategy 3 a join whose capacity is too small to earn one partition is refused (it would own nothing)', () => {
    const cluster = Cluster.create({ n: 1, r: 1, w: 1, ringSize: 1000, strategy: 3, partitions: 4, nodes: [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 2 }] }, 1);
    const before = stateOf(cluster);
    // ⌊4 × 0.5 / 4.5⌋ = 0 partitions.
    expect(() => cluster.apply({ type: 'addNode', id: 'C', capacity: 0.5 })).toThrow(expect.objectContaining({ field: 'capacity', message: expect.stringContaining('"C", at capacity 0.5 of 4.5 in all, would get none of the 4 partitions') }));
    expect(stateOf(cluster)).toBe(before);
    // At capacity 1 it earns ⌊4 / 5⌋ = 0 as well; at 2, ⌊8 / 6⌋ = 1.
    expect(() => cluster.apply({ type: 'addNode', id: 'C', capacity: 2 })).not.toThrow();
    expect(cluster.ring.tokens.some((t) => t.node === 'C')).toBe(true);
  });

  it('a delay must be positive', () => {
    const cluster = lectureCluster();
    const { events } = cluster.apply({ type: 'put', key: 'a', value: 1, via: 'node1' });
    const msgId = ofKind(events, 'send')[0]!.msgId;
    for (const byMs of [0, -5, Number.NaN]) {
      expect(() => cluster.apply({ type: 'delayMessage', msgId, byMs })).toThrow(expect.objectContaining({ field: 'byMs' }));
    }
  });

  it('a destroyed node cannot recover; a removed node is no longer addressable', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'destroy', node: 'node2' });
    expect(() => cluster.apply({ type: 'recover', node: 'node2' })).toThrow(/destroyed/);
    cluster.apply({ type: 'removeNode', id: 'node3' });
    expect(() => cluster.apply({ type: 'fail', node: 'node3' })).toThrow(InputError);
    expect(() => cluster.apply({ type: 'put', key: 'a', value: 1, via: 'node3' })).toThrow(InputError);
  });

  it('the last node cannot be removed', () => {
    const cluster = Cluster.create({ n: 1, r: 1, w: 1, ringSize: 100, nodes: [{ id: 'solo' }] }, 1);
    expect(() => cluster.apply({ type: 'removeNode', id: 'solo' })).toThrow(InputError);
  });
});

describe('failures and notes', () => {
  it('fail and recover emit events once, and repeating them is a no-op', () => {
    const cluster = lectureCluster();
    expect(cluster.apply({ type: 'fail', node: 'node1' }).events.map((e) => e.kind)).toEqual(['node-failed']);
    expect(cluster.apply({ type: 'fail', node: 'node1' }).events).toEqual([]);
    expect(cluster.nodes.get('node1')!.isUp).toBe(false);
    expect(cluster.apply({ type: 'recover', node: 'node1' }).events.map((e) => e.kind)).toEqual(['node-recovered']);
    expect(cluster.apply({ type: 'recover', node: 'node1' }).events).toEqual([]);
  });

  it('a failed node keeps its disk; a destroyed node loses it', () => {
    const cluster = lectureCluster();
    cluster.apply({ type: 'put', key: 'a', value: 1 });
    cluster.apply({ type: 'put', key: 'b', value: 1 });
    settle(cluster);
    cluster.apply({ type: 'fail', node: 'node4' });
    cluster.apply({ type: 'recover', node: 'node4' });
    expect(keysAt(cluster, 'node4')).toEqual(['a', 'b']);
    const { events } = cluster.apply({ type: 'destroy', node: 'node4' });
    expect(events).toMatchObject([{ kind: 'node-destroyed', node: 'node4', keysLost: 2 }]);
    expect(keysAt(cluster, 'node4')).toEqual([]);
  });

  it('a note is recorded as it is', () => {
    const cluster = lectureCluster();
    expect(cluster.apply({ type: 'note', text: '10:03: reopen the app' }).events).toMatchObject([{ kind: 'note', node: null, text: '10:03: reopen the app' }]);
  });
});

describe('dropMessage and delayMessage', () => {
  const start = () => {
    const cluster = lectureCluster({ n: 3, r: 2, w: 2 });
    const { events, opId } = cluster.apply({ type: 'put', key: 'a', value: 1, via: 'node4' });
    const sends = ofKind(events, 'send');
    expect(sends.map((s) => s.to)).toEqual(['node1', 'node2']);
    return { cluster, opId: opId!, sends };
  };

  it('dropMessage takes a message out of flight with reason "user"; it never arrives', () => {
    const { cluster, opId, sends } = start();
    const { events } = cluster.apply({ type: 'dropMessage', msgId: sends[0]!.msgId });
    expect(events).toMatchObject([{ kind: 'drop', msgId: sends[0]!.msgId, from: 'node4', to: 'node1', reason: 'user' }]);
    expect(cluster.inFlight.has(sends[0]!.msgId)).toBe(false);
    settle(cluster);
    expect(ofKind(cluster.trace, 'deliver').some((e) => e.msgId === sends[0]!.msgId)).toBe(false);
    expect(keysAt(cluster, 'node1')).toEqual([]);
    expect(ofKind(cluster.trace, 'op-end').find((e) => e.opId === opId)).toMatchObject({ ok: true, acks: ['node4', 'node2'] });
    expect(() => cluster.apply({ type: 'dropMessage', msgId: sends[0]!.msgId })).toThrow(InputError);
  });

  it('delayMessage moves a delivery later by byMs', () => {
    const { cluster, opId, sends } = start();
    const { events } = cluster.apply({ type: 'delayMessage', msgId: sends[0]!.msgId, byMs: 500 });
    expect(events).toMatchObject([{ kind: 'message-delayed', msgId: sends[0]!.msgId, byMs: 500, deliverAtMs: 510 }]);
    expect(checkInvariants(cluster)).toEqual([]);
    settle(cluster);
    const delivered = ofKind(cluster.trace, 'deliver').find((e) => e.msgId === sends[0]!.msgId)!;
    expect(delivered.atMs).toBe(510);
    expect(delivered.causeSeq).toBe(sends[0]!.seq);
    expect(ofKind(cluster.trace, 'op-end').find((e) => e.opId === opId)).toMatchObject({ ok: true, acks: ['node4', 'node2'] });
    expect(keysAt(cluster, 'node1')).toEqual(['a']);
  });
});

describe('adding and removing nodes (lecture 000)', () => {
  const withData = () => {
    const cluster = lectureCluster();
    for (const key of ['a', 'b', 'c', 'd']) cluster.apply({ type: 'put', key, value: key });
    settle(cluster);
    expect(keysAt(cluster, 'node4')).toEqual(['a', 'b']);
    expect(keysAt(cluster, 'node3')).toEqual(['c']);
    expect(keysAt(cluster, 'node1')).toEqual(['d']);
    return cluster;
  };

  it('node5 joining at 644 takes only the keys between 458 and 644, from node4', () => {
    const cluster = withData();
    const { transfers, events } = cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    expect(transfers).toEqual([{ from: 'node4', to: 'node5', range: [458, 644] }]);
    expect(events[0]).toMatchObject({ kind: 'node-added', node: 'node5', tokens: [644], transfers });
    // node4 does not know node5 yet: node5 announces itself, and node4 hands the range over once it has heard.
    expect(ofKind(events, 'send').filter((e) => e.body.type === 'transfer')).toEqual([]);
    expect(ofKind(events, 'send').filter((e) => e.to === 'node4')).toMatchObject([{ from: 'node5', body: { type: 'gossip' } }]);
    settle(cluster);
    const learned = ofKind(cluster.trace, 'view-changed').find((e) => e.node === 'node4' && e.learned.some((l) => l.node === 'node5'))!;
    const sent = ofKind(cluster.trace, 'send').filter((e) => e.body.type === 'transfer');
    expect(sent).toMatchObject([{ from: 'node4', to: 'node5', body: { type: 'transfer', range: [458, 644] } }]);
    expect(sent[0]!.seq).toBeGreaterThan(learned.seq);
    expect(keysAt(cluster, 'node5')).toEqual(['a']);
    expect(keysAt(cluster, 'node4')).toEqual(['b']); // released once node5 acknowledged
    expect(ofKind(cluster.trace, 'keys-released')).toMatchObject([{ node: 'node4', keys: ['a'] }]);
    expect(checkInvariants(cluster)).toEqual([]);

    const { opId } = cluster.apply({ type: 'get', key: 'a' });
    settle(cluster);
    expect(ofKind(cluster.trace, 'op-end').find((e) => e.opId === opId)).toMatchObject({ ok: true, coordinator: 'node5' });
  });

  it('node3 leaving hands its keys to node4', () => {
    const cluster = withData();
    const { transfers } = cluster.apply({ type: 'removeNode', id: 'node3' });
    expect(transfers).toEqual([{ from: 'node3', to: 'node4', range: [230, 458] }]);
    settle(cluster);
    expect(keysAt(cluster, 'node4')).toEqual(['a', 'b', 'c']);
    expect(keysAt(cluster, 'node3')).toEqual([]);
    expect(cluster.nodes.get('node3')!.isMember).toBe(false);
    expect(cluster.ring.hasNode('node3')).toBe(false);
    expect(checkInvariants(cluster)).toEqual([]);
  });

  it('a node added with a token count gets that many random tokens', () => {
    const cluster = lectureCluster();
    const { events } = cluster.apply({ type: 'addNode', id: 'node5', tokens: 3 });
    expect(ofKind(events, 'node-added')[0]!.tokens).toHaveLength(3);
    expect(cluster.ring.tokens.filter((t) => t.node === 'node5')).toHaveLength(3);
  });
});
