/**
 * The invariant checker must be able to fail: each named invariant, broken on purpose,
 * is reported. (The seed sweeps in determinism.test.ts rely on it returning [] otherwise.)
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { isDelivery } from '../dispatch';
import { checkInvariants } from './invariants';
import type { Version } from '../dynamo/versions';
import { setStored } from '../dynamo/node';

const cluster = () => {
  const c = Cluster.create(
    {
      n: 2,
      r: 1,
      w: 1,
      ringSize: 100,
      nodes: [
        { id: 'A', tokens: [10] },
        { id: 'B', tokens: [60] },
      ],
      latency: { kind: 'fixed', ms: 5 },
    },
    1,
  );
  c.apply({ type: 'put', key: 'k', value: 1 });
  return c;
};
const version = (id: number, clock: Version['clock']): Version => ({ id, value: id, clock });

describe('checkInvariants', () => {
  it('finds nothing wrong in a healthy cluster, before and after settling', () => {
    const c = cluster();
    expect(checkInvariants(c)).toEqual([]);
    c.settle();
    expect(checkInvariants(c)).toEqual([]);
  });

  it('reports a sibling set holding an ancestor of another sibling', () => {
    const c = cluster();
    setStored(c.nodes.get('A')!, 'x', [version(1, [{ node: 'A', counter: 1, atMs: 0 }]), version(2, [{ node: 'A', counter: 2, atMs: 0 }])]);
    expect(checkInvariants(c).map((v) => v.invariant)).toEqual(['sibling-set', 'sibling-set']);
  });

  it('reports malformed clocks: unsorted, a zero counter, or longer than the threshold', () => {
    const c = cluster();
    const unsorted = version(1, [
      { node: 'B', counter: 1, atMs: 0 },
      { node: 'A', counter: 1, atMs: 0 },
    ]);
    setStored(c.nodes.get('A')!, 'x', [unsorted]);
    setStored(c.nodes.get('B')!, 'y', [version(1, [{ node: 'A', counter: 0, atMs: 0 }])]);
    const long = Array.from({ length: 11 }, (_, i) => ({ node: `n${String(i).padStart(2, '0')}`, counter: 1, atMs: 0 }));
    setStored(c.nodes.get('B')!, 'z', [version(1, long)]);
    expect(checkInvariants(c).map((v) => v.invariant)).toEqual(['clock-shape', 'clock-shape', 'clock-shape']);
  });

  it('reports a message in flight that is not queued', () => {
    const c = cluster();
    const [id] = [...c.inFlight.keys()];
    c.queue.removeWhere((item) => isDelivery(item) && item.id === id);
    expect(checkInvariants(c)).toEqual([{ invariant: 'in-flight', detail: `message ${id} is in flight but not queued` }]);
  });

  it('reports a range sent to a node the sender does not know has joined', () => {
    const c = cluster();
    c.settle();
    c.apply({ type: 'addNode', id: 'X', tokens: [30] });
    expect(checkInvariants(c)).toEqual([]); // A waits until X's announcement reaches it
    c.send('A', 'X', { type: 'transfer', transferId: 99, range: [10, 30], entries: [] });
    expect(checkInvariants(c)).toEqual([{ invariant: 'transfer-to-unknown', detail: 'A sends a range to X, which its membership view does not list' }]);
  });

  it('reports a token owned by a node that is no longer a member', () => {
    const c = cluster();
    c.nodes.get('B')!.isMember = false;
    expect(checkInvariants(c).map((v) => v.invariant)).toEqual(['ring-members']);
  });
});
