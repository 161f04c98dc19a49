import { describe, expect, it, vi } from 'vitest';
import { Cluster, type ClusterConfig } from '../engine/index';
import { TraceIndex } from './trace-index';
import { forgetOnCut } from './use-trace';

/** Three nodes on a teaching ring: a put and a short run give events to read. */
const CONFIG: ClusterConfig = { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }] };

const ledger = () => ({ at: (_events: unknown, upTo: number) => upTo, forget: vi.fn() });

describe('forgetOnCut', () => {
  it('has a ledger forget at every cut of its index, however often it was asked to, and not when events are added', () => {
    const cluster = Cluster.create(CONFIG, 1);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'A' });
    cluster.runUntil(2000);
    expect(cluster.trace.length).toBeGreaterThan(20);
    const index = TraceIndex.of(cluster.trace.slice(0, 10));
    const other = TraceIndex.of(cluster.trace);
    const [a, b] = [ledger(), ledger()];
    for (let i = 0; i < 3; i++) forgetOnCut(a, index);
    forgetOnCut(b, index);
    forgetOnCut(b, other);
    index.apply(10, cluster.trace.slice(10));
    expect(a.forget).not.toHaveBeenCalled();
    index.apply(5, []);
    expect(a.forget).toHaveBeenCalledTimes(1);
    expect(b.forget).toHaveBeenCalledTimes(1);
    other.apply(0, []);
    expect(a.forget).toHaveBeenCalledTimes(1);
    expect(b.forget).toHaveBeenCalledTimes(2);
  });
});
