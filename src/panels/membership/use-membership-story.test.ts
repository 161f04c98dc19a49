/**
 * The Members panel's ledger is one per page and outlives the panel: a cut of the trace (Reset,
 * an input in the past, a link opened) must make it let go of the old recording at once, not
 * when the panel is next drawn.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Cluster, type ClusterConfig } from '../../engine/index';
import { traceIndex } from '../../store/store';
import { GossipLedger } from './gossip-ledger';
import { useMembershipStory } from './use-membership-story';

/** Three nodes on a teaching ring: a put and a short run give events to read. */
const CONFIG: ClusterConfig = { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }] };

function StoryProbe() {
  return createElement('p', null, useMembershipStory().exchanges);
}

afterEach(() => vi.restoreAllMocks());

describe('the membership story at the cursor', () => {
  it('lets go of what it read when the trace is cut, once per cut however often it was drawn', () => {
    const forget = vi.spyOn(GossipLedger.prototype, 'forget');
    renderToString(createElement(StoryProbe));
    renderToString(createElement(StoryProbe));
    const cluster = Cluster.create(CONFIG, 1);
    cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'A' });
    cluster.runUntil(2000);
    traceIndex.apply(0, cluster.trace);
    expect(forget).not.toHaveBeenCalled(); // appended to, not cut
    traceIndex.apply(1, []);
    expect(forget).toHaveBeenCalledTimes(1);
    traceIndex.apply(0, []);
    expect(forget).toHaveBeenCalledTimes(2);
  });
});
