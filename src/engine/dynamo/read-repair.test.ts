/**
 * Read repair (paper §5): once a get has its answer, every replica of the top N that
 * replied with a missing or older version is sent what it lacks — also when its reply
 * comes after the answer, until the get's deadline.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, formatClock, type ClusterConfig } from '../index';
import { FOUR_NODE_RING, ofKind, opEnd, values } from '../testing/fixtures';

const stored = (cluster: Cluster, node: string, key: string) => (cluster.node(node).store.get(key) ?? []).map((v) => `${v.value} ${formatClock(v.clock)}`);

/**
 * cart at 50: top three A, B, C. Hinted handoff is off so that the only way a replica that
 * missed a write catches up here is read repair.
 */
const CONFIG: ClusterConfig = { ...FOUR_NODE_RING, hintedHandoff: false, replicaTimeoutMs: 50, hintRetryMs: 100 };

/**
 * v1 everywhere, then v2 (descending from v1) written through `via`, its copies to `lost`
 * dropped; then time for the failure detectors to believe everyone up again.
 */
function v2Missing(via: string, lost: readonly string[]): Cluster {
  const c = Cluster.create(CONFIG, 3);
  c.apply({ type: 'put', key: 'cart', value: 'v1', via: 'A' });
  c.settle();
  const read = c.apply({ type: 'get', key: 'cart', via });
  c.settle();
  const { events } = c.apply({ type: 'put', key: 'cart', value: 'v2', via, context: opEnd(c, read.opId).context! });
  for (const e of ofKind(events, 'send')) if (e.body.type === 'put' && lost.includes(e.to)) c.apply({ type: 'dropMessage', msgId: e.msgId });
  c.settle();
  c.runUntil(c.nowMs + 500); // the coordinator stops believing the others down once they answer a probe
  return c;
}

/** v2 on A and B only: the put to C is lost. */
const staleC = () => v2Missing('A', ['C']);
/** v2 on C alone: its puts to A and B are lost. */
const onlyCHasV2 = () => v2Missing('C', ['A', 'B']);

describe('read repair', () => {
  it('a late reply with a newer version than the answer brings it to the replicas that answered before, the coordinator included (paper §5)', () => {
    const c = onlyCHasV2();
    expect([stored(c, 'A', 'cart'), stored(c, 'B', 'cart'), stored(c, 'C', 'cart')]).toEqual([['v1 ([A,1])'], ['v1 ([A,1])'], ['v2 ([A,1],[C,1])']]);
    c.apply({ type: 'slowLink', from: 'C', to: 'A', extraMs: 30 });
    const before = c.trace.length;
    const { opId } = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    // R=2 is met by A and B, both with v1: the client hears v1, and C's v2 arrives after.
    expect(opEnd(c, opId)).toMatchObject({ ok: true, versions: [{ value: 'v1' }], replies: ['A', 'B'] });
    const repairs = ofKind(c.trace.slice(before), 'read-repair').map((e) => `${e.target} D${e.versionIds.join(',D')}`);
    expect(repairs.sort()).toEqual(['A D2', 'B D2']);
    expect([stored(c, 'A', 'cart'), stored(c, 'B', 'cart'), stored(c, 'C', 'cart')]).toEqual([['v2 ([A,1],[C,1])'], ['v2 ([A,1],[C,1])'], ['v2 ([A,1],[C,1])']]);
  });

  it('two gets at once, both hearing the newer version late: the coordinator repairs its own copy once, not "lacked it" then "already has it"', () => {
    const c = onlyCHasV2();
    c.apply({ type: 'slowLink', from: 'C', to: 'A', extraMs: 30 });
    const before = c.trace.length;
    c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    const own = ofKind(c.trace.slice(before), 'read-repair').filter((e) => e.target === 'A');
    expect(own).toHaveLength(1);
    expect(ofKind(c.trace.slice(before), 'version-ignored').filter((e) => e.node === 'A')).toEqual([]);
    expect(stored(c, 'A', 'cart')).toEqual(['v2 ([A,1],[C,1])']);
  });

  it('starts from a stale replica: C still holds v1 while A and B hold v2', () => {
    const c = staleC();
    expect(stored(c, 'A', 'cart')).toEqual(['v2 ([A,2])']);
    expect(stored(c, 'B', 'cart')).toEqual(['v2 ([A,2])']);
    expect(stored(c, 'C', 'cart')).toEqual(['v1 ([A,1])']);
    expect(c.believesReachable('A', 'C')).toBe(true);
  });

  it('a get that hears the stale replica sends it the newer version, and C then holds v2', () => {
    const c = staleC();
    const before = c.trace.length;
    const { opId } = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    expect(opEnd(c, opId)).toMatchObject({ ok: true, versions: [{ value: 'v2' }] });
    const repairs = ofKind(c.trace.slice(before), 'read-repair');
    expect(repairs).toMatchObject([{ node: 'A', opId, key: 'cart', target: 'C', versionIds: [2] }]);
    const sent = ofKind(c.trace.slice(before), 'send').find((e) => e.body.type === 'repair')!;
    expect(sent).toMatchObject({ from: 'A', to: 'C' });
    const storedAtC = ofKind(c.trace.slice(before), 'version-stored').find((e) => e.node === 'C')!;
    expect(storedAtC).toMatchObject({ key: 'cart', version: { id: 2 }, superseded: [1] });
    expect(stored(c, 'C', 'cart')).toEqual(['v2 ([A,2])']);
  });

  it('the stale reply may come after the answer (R=2 is met by A and B): C is still repaired', () => {
    const c = staleC();
    c.apply({ type: 'slowLink', from: 'C', to: 'A', extraMs: 30 });
    const before = c.trace.length;
    const { opId } = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    const end = opEnd(c, opId);
    expect(end.replies).toEqual(['A', 'B']);
    const repair = ofKind(c.trace.slice(before), 'read-repair')[0]!;
    expect(repair).toMatchObject({ target: 'C', versionIds: [2] });
    expect(repair.seq).toBeGreaterThan(end.seq);
    expect(stored(c, 'C', 'cart')).toEqual(['v2 ([A,2])']);
  });

  it('no replica is behind: a get repairs nothing', () => {
    const c = Cluster.create(CONFIG, 3);
    c.apply({ type: 'put', key: 'cart', value: 'v1', via: 'A' });
    c.settle();
    c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    expect(ofKind(c.trace, 'read-repair')).toEqual([]);
    expect(ofKind(c.trace, 'send').filter((e) => e.body.type === 'repair')).toEqual([]);
  });

  it('a replica holding only one of two siblings is sent the other', () => {
    const c = Cluster.create({ ...CONFIG, r: 3 }, 3);
    c.apply({ type: 'partition', groups: [['A', 'B'], ['C', 'D']] });
    c.apply({ type: 'put', key: 'cart', value: 'left', via: 'A' }); // A and B
    c.apply({ type: 'put', key: 'cart', value: 'right', via: 'C' }); // C alone (and fails: W=2)
    c.settle();
    c.apply({ type: 'heal' });
    c.runUntil(c.nowMs + 500);
    const { opId } = c.apply({ type: 'get', key: 'cart', via: 'A' });
    c.settle();
    expect(opEnd(c, opId).versions!.map((v) => v.value).sort()).toEqual(['left', 'right']);
    const repairs = ofKind(c.trace, 'read-repair');
    expect(repairs.map((r) => r.target).sort()).toEqual(['A', 'B', 'C']);
    for (const node of ['A', 'B', 'C']) expect(c.node(node).store.get('cart')!.map((v) => v.value).sort()).toEqual(['left', 'right']);
  });
});

describe('a late reply after a join took the key from the coordinator', () => {
  it('the coordinator repairs its own copy and passes it on to the key\'s new holders, keeping none where no read asks', () => {
    // N=2, R=1 on A, B, C, D: key (150) on B and C. C has "new", B only "old"; B reads, and C's
    // reply comes late on a slow link. Meanwhile J1 and J2 join in front of the key: its holders now.
    const c = Cluster.create(
      { n: 2, r: 1, w: 1, ringSize: 1000, keyPositions: { key: 150 }, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, hintRetryMs: 100_000, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [200] }, { id: 'C', tokens: [300] }, { id: 'D', tokens: [400] }] },
      3,
    );
    c.apply({ type: 'put', key: 'key', value: 'old', via: 'B' });
    c.settle();
    c.apply({ type: 'cutLink', from: 'C', to: 'B' });
    c.apply({ type: 'put', key: 'key', value: 'new', via: 'C' });
    c.runUntil(c.nowMs + 200);
    c.apply({ type: 'heal' });
    c.apply({ type: 'slowLink', from: 'C', to: 'B', extraMs: 150 });
    const read = c.apply({ type: 'get', key: 'key', via: 'B' });
    c.runUntilDone(read.opId!);
    c.apply({ type: 'addNode', id: 'J1', tokens: [160] });
    c.apply({ type: 'addNode', id: 'J2', tokens: [170] });
    c.runUntil(c.nowMs + 400);
    expect(c.preferenceListOf('key').nodes).toEqual(['J1', 'J2']);
    expect(ofKind(c.trace, 'read-repair').some((e) => e.node === 'B' && e.target === 'B')).toBe(true); // B repaired its own copy
    expect(c.node('B').store.has('key')).toBe(false);
    for (const id of ['J1', 'J2']) expect(values(c, id, 'key'), id).toContain('new');
  });
});
