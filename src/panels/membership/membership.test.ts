/**
 * The membership grid and the story of a change, on engine-driven clusters: lecture 000's
 * ring with node5 joining at 644, gossip rounds pressed by hand until the views agree, a
 * leave, and random fault schedules where the grid's "views agree" is the engine's own.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Cluster, clusterView, describe as describeEvent, viewsAgree, type ClusterConfig, type NodeView } from '../../engine/index';
// Test support shared with the engine's own tests; it reaches the engine through index.ts alone.
// eslint-disable-next-line no-restricted-imports
import { LECTURE_000_RING } from '../../engine/testing/fixtures';
// eslint-disable-next-line no-restricted-imports
import { randomSchedule } from '../../engine/testing/random-schedule';
import { cellLabel, gridSizing, localSuspicions, membershipGrid } from './membership-grid';
import { agreement, GossipLedger, recentGossip, recentlyLearned, roundsOf } from './gossip-ledger';

/** Lecture 000's ring, gossip only when a round is pressed (no periodic gossip, no anti-entropy). */
const MANUAL_GOSSIP: ClusterConfig = { ...LECTURE_000_RING, gossipIntervalMs: 0, antiEntropyIntervalMs: 0 };

const gridOf = (cluster: Cluster) => membershipGrid(clusterView(cluster).nodes);
const cellOf = (cluster: Cluster, observer: string, member: string) => gridOf(cluster).rows.find((r) => r.observer === observer)!.cells.find((c) => c.member === member);
const liveIds = (cluster: Cluster) => [...cluster.nodes.values()].filter((n) => n.isUp && n.isMember && !n.isDestroyed).map((n) => n.id);

/** Runs until no message is in flight (the round's exchanges are over). */
function settleMessages(cluster: Cluster, afterStep: () => void = () => {}): void {
  while (cluster.inFlight.size > 0) {
    cluster.step();
    afterStep();
  }
}

describe('the grid before any change: everyone knows everyone', () => {
  it('four rows, four columns, every cell up at version 1; the seeds node1 and node2 are marked', () => {
    const grid = gridOf(Cluster.create(MANUAL_GOSSIP, 1));
    expect(grid.rows.map((r) => r.observer)).toEqual(['node1', 'node2', 'node3', 'node4']);
    expect(grid.members).toEqual([
      { id: 'node1', isSeed: true, isMember: true },
      { id: 'node2', isSeed: true, isMember: true },
      { id: 'node3', isSeed: false, isMember: true },
      { id: 'node4', isSeed: false, isMember: true },
    ]);
    expect(grid.rows.flatMap((r) => r.cells.map((c) => `${c.state}${c.version}`))).toEqual(Array(16).fill('up1'));
    expect(grid).toMatchObject({ agree: true, current: 4, live: 4 });
    expect(grid.rows[2]!.cells[2]!.isSelf).toBe(true);
  });

  it('a failed node is down in the view of a node that tried it, and a failed observer does not count for agreement', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'fail', node: 'node3' });
    cluster.apply({ type: 'put', key: 'cart', value: 1, via: 'node2' });
    cluster.runUntil(1000);
    const grid = gridOf(cluster);
    const believers = grid.rows.filter((r) => r.cells.find((c) => c.member === 'node3')!.state === 'down').map((r) => r.observer);
    expect(believers.length).toBeGreaterThan(0);
    expect(grid.rows.find((r) => r.observer === 'node3')).toMatchObject({ status: 'down', isLive: false });
    expect(grid).toMatchObject({ agree: true, live: 3 });
    // Membership agrees while failure detection differs: the panel names who suspects whom.
    expect(localSuspicions(grid)).toBe(`${believers.join(', ')} ${believers.length === 1 ? 'sees' : 'see'} node3 down`);
    expect(localSuspicions(gridOf(Cluster.create(MANUAL_GOSSIP, 1)))).toBeNull();
  });
});

describe('node5 joins at 644 (lecture 000): unknown turns to up, round by round', () => {
  it('right after the join only node5 and the seeds it announced to are involved; the others do not know node5', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    const { transfers } = cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    expect(cellOf(cluster, 'node3', 'node5')).toMatchObject({ state: 'unknown', version: null, isStale: true });
    expect(cellOf(cluster, 'node5', 'node5')).toMatchObject({ state: 'up', version: 1, isSelf: true });
    expect(cellOf(cluster, 'node5', 'node1')).toMatchObject({ state: 'up', version: 1 });
    expect(cellOf(cluster, 'node5', 'node3')!.state).toBe('unknown');
    expect(gridOf(cluster).agree).toBe(false);
    const story = new GossipLedger().at(cluster.trace, cluster.trace.length);
    expect(story.change).toMatchObject({ kind: 'joined', node: 'node5', tokens: [644] });
    expect(story.transfers.map(({ from, to, range }) => ({ from, to, range }))).toEqual(transfers);
    expect(story.exchanges).toBe(0); // the announcement to the seeds is part of the join, not a round
    expect(cellLabel('node3', cellOf(cluster, 'node3', 'node5')!)).toBe('node3 sees node5: unknown (not heard of yet), out of date');
  });

  it('each old holder hands its range over only once it has heard of node5: until then the story says it has not', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    const ledger = new GossipLedger();
    const transfers = cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] }).transfers!;
    // N=3: node5 takes a range each from node1, node2 (the seeds) and node4.
    expect(transfers.map((t) => t.from).sort()).toEqual(['node1', 'node2', 'node4']);
    const states = () => ledger.at(cluster.trace, cluster.trace.length).transfers;
    expect(states().map((t) => t.state)).toEqual(['unaware', 'unaware', 'unaware']);
    expect(cellOf(cluster, 'node4', 'node5')!.state).toBe('unknown');
    const seen = new Map<string, string[]>(transfers.map((t) => [t.from, ['unaware']]));
    settleMessages(cluster, () => {
      for (const t of states()) {
        const history = seen.get(t.from)!;
        if (history.at(-1) === t.state) continue;
        history.push(t.state);
        if (t.state === 'sending') expect(cellOf(cluster, t.from, 'node5')!.state).toBe('up'); // it knows node5 now
      }
    });
    // Each learns of node5 from its announcement and sends the range in that instant; then the acknowledgement.
    for (const history of seen.values()) expect(history).toEqual(['unaware', 'sending', 'done']);
  });

  it('each pressed round counts once; when the views agree, the figure is the rounds pressed so far', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    const ledger = new GossipLedger();
    cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    const check = () => expect(gridOf(cluster).agree).toBe(viewsAgree(cluster.nodes.values()));
    settleMessages(cluster, check);
    let pressed = 0;
    while (!gridOf(cluster).agree && pressed < 20) {
      cluster.apply({ type: 'gossipRound' });
      pressed++;
      const during = agreement(ledger.at(cluster.trace, cluster.trace.length), false, liveIds(cluster), cluster.nowMs)!;
      expect(during.rounds).toBe(pressed);
      settleMessages(cluster, check);
    }
    const grid = gridOf(cluster);
    expect(grid.agree).toBe(true);
    expect(grid.rows.map((r) => r.cells.find((c) => c.member === 'node5')!.state)).toEqual(Array(5).fill('up'));
    const story = ledger.at(cluster.trace, cluster.trace.length);
    const result = agreement(story, true, liveIds(cluster), cluster.nowMs)!;
    expect(result).toMatchObject({ agree: true, rounds: pressed, exchanges: 5 * pressed });
    expect(story.transfers.every((t) => t.state === 'done')).toBe(true);
    // A round pressed after the views agree changes nothing they say.
    cluster.apply({ type: 'gossipRound' });
    settleMessages(cluster);
    expect(agreement(ledger.at(cluster.trace, cluster.trace.length), true, liveIds(cluster), cluster.nowMs)!.rounds).toBe(pressed);
  });

  it('steps back: the story at an earlier cursor is what a fresh read gives', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    const added = cluster.trace.findIndex((e) => e.kind === 'node-added');
    settleMessages(cluster);
    cluster.apply({ type: 'gossipRound' });
    settleMessages(cluster);
    const ledger = new GossipLedger();
    expect(ledger.at(cluster.trace, cluster.trace.length).exchanges).toBe(5);
    expect(ledger.at(cluster.trace, added + 1)).toEqual(new GossipLedger().at(cluster.trace, added + 1));
    expect(ledger.at(cluster.trace, added).change).toBeNull();
  });

  it('forgotten (the trace was cut), it reads the trace afresh, even in the same epoch: none of the old recording is kept', () => {
    const joined = Cluster.create(MANUAL_GOSSIP, 1);
    joined.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    settleMessages(joined);
    const quiet = Cluster.create(MANUAL_GOSSIP, 2);
    quiet.runUntil(joined.nowMs);
    const ledger = new GossipLedger();
    expect(ledger.at(joined.trace, joined.trace.length).change).toMatchObject({ kind: 'joined', node: 'node5' });
    ledger.forget();
    expect(ledger.at(quiet.trace, quiet.trace.length)).toEqual(new GossipLedger().at(quiet.trace, quiet.trace.length));
    expect(ledger.at(quiet.trace, quiet.trace.length).change).toBeNull();
  });

  it('draws the exchanges of the last moments: who gossiped with whom, and the replies', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.runUntil(50);
    cluster.apply({ type: 'gossipRound' });
    const opened = recentGossip(cluster.trace, cluster.trace.length, cluster.nowMs, 100);
    expect(opened.map((m) => m.from)).toEqual(['node1', 'node2', 'node3', 'node4']);
    expect(opened.every((m) => !m.isReply && m.to !== m.from)).toBe(true);
    settleMessages(cluster);
    const all = recentGossip(cluster.trace, cluster.trace.length, cluster.nowMs, 100);
    expect(all.filter((m) => m.isReply)).toHaveLength(4);
    expect(recentGossip(cluster.trace, cluster.trace.length, cluster.nowMs + 1000, 100)).toEqual([]);
  });

  it('flashes the cells an observer just learned: node5 in the rows of the seeds it announced itself to', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    settleMessages(cluster);
    const learned = recentlyLearned(cluster.trace, cluster.trace.length, cluster.nowMs, 100);
    expect(learned.has('node1>node5')).toBe(true);
    expect(learned.has('node2>node5')).toBe(true);
    expect(learned.has('node3>node5')).toBe(false);
    expect(recentlyLearned(cluster.trace, cluster.trace.length, cluster.nowMs + 1000, 100).size).toBe(0);
  });
});

describe('a node leaves', () => {
  it('the leave is version 2 of its entry; once gossip spreads it, every observer sees it left', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'removeNode', id: 'node3' });
    const ledger = new GossipLedger();
    expect(ledger.at(cluster.trace, cluster.trace.length)).toMatchObject({ change: { kind: 'left', node: 'node3' }, exchanges: 0 });
    settleMessages(cluster); // the announcement reaches the seeds: now node4's view is behind
    expect(gridOf(cluster).agree).toBe(false);
    for (let i = 0; i < 20 && !gridOf(cluster).agree; i++) {
      cluster.apply({ type: 'gossipRound' });
      settleMessages(cluster);
    }
    const grid = gridOf(cluster);
    expect(grid.agree).toBe(true);
    expect(grid.rows.map((r) => r.observer)).toEqual(['node1', 'node2', 'node4']);
    expect(grid.rows.map((r) => r.cells.find((c) => c.member === 'node3'))).toEqual(
      ['node1', 'node2', 'node4'].map(() => expect.objectContaining({ state: 'left', version: 2 })),
    );
  });
});

describe('a destroyed node is removed (lecture 002: recovering from permanent failures)', () => {
  it('its ranges are not promised as transfers from the lost disk: each reads as repaired by anti-entropy, and stays so', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'destroy', node: 'node3' });
    cluster.apply({ type: 'removeNode', id: 'node3' });
    settleMessages(cluster);
    const story = new GossipLedger().at(cluster.trace, cluster.trace.length);
    expect(story.change).toMatchObject({ kind: 'left', node: 'node3' });
    expect(story.transfers.length).toBeGreaterThan(0);
    expect(story.transfers.every((t) => t.from === 'node3' && t.state === 'repair')).toBe(true);
    expect(story.change!.transfers).toEqual(story.transfers.map(({ from, to, range }) => ({ from, to, range })));
  });

  it('an old holder destroyed after the join, before it sent its range: the row turns to repair, never "has not heard" for ever', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'fail', node: 'node4' });
    cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    cluster.apply({ type: 'destroy', node: 'node4' });
    settleMessages(cluster);
    const story = new GossipLedger().at(cluster.trace, cluster.trace.length);
    const fromNode4 = story.transfers.filter((t) => t.from === 'node4');
    expect(fromNode4.length).toBeGreaterThan(0);
    expect(fromNode4.every((t) => t.state === 'repair')).toBe(true);
  });

  it('a join whose old holder was destroyed (but not removed) repairs that range and sends the rest', () => {
    const cluster = Cluster.create(MANUAL_GOSSIP, 1);
    cluster.apply({ type: 'destroy', node: 'node4' });
    const { transfers, repairs, events } = cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    expect(repairs?.every((t) => t.from === 'node4')).toBe(true);
    expect(describeEvent(events[0]!)).toBe(
      `node5 joins the ring with 1 token; ${transfers!.length} ranges move to node5; ${repairs!.length} range${repairs!.length === 1 ? '' : 's'} to repair by anti-entropy (node4 was destroyed)`,
    );
    expect(transfers!.some((t) => t.from === 'node4')).toBe(false);
    const story = new GossipLedger().at(cluster.trace, cluster.trace.length);
    expect(story.transfers.filter((t) => t.state === 'repair').map((t) => t.from)).toEqual(repairs!.map((t) => t.from));
  });
});

describe('rounds and sizes', () => {
  it('counts complete rounds, plus the one under way', () => {
    expect(roundsOf(new Map(), ['a', 'b'])).toBe(0);
    expect(roundsOf(new Map([['a', 1]]), ['a', 'b'])).toBe(1);
    expect(roundsOf(new Map([['a', 1], ['b', 1]]), ['a', 'b'])).toBe(1);
    expect(roundsOf(new Map([['a', 2], ['b', 1]]), ['a', 'b'])).toBe(2);
  });

  it('says more in a cell the wider it is, and never shrinks a cell below 10 px', () => {
    expect(gridSizing(450, 4)).toEqual({ cellPx: 90, detail: 'text', gapPx: 2 });
    expect(gridSizing(450, 5).detail).toBe('text');
    expect(gridSizing(1250, 32)).toMatchObject({ detail: 'short', gapPx: 2 });
    const dense = gridSizing(450, 32);
    expect(dense).toMatchObject({ detail: 'glyph', gapPx: 1 });
    expect(56 + 32 * (dense.cellPx + dense.gapPx)).toBeLessThanOrEqual(450); // 32 nodes fit the narrow stage
    expect(gridSizing(200, 32).cellPx).toBe(10);
  });
});

/** The NodeView fields a frame merge compares: if only viewVersions changed, the page would keep a stale node. */
const mergeKey = (n: NodeView) => JSON.stringify(n.view);

describe('a leave', () => {
  it('is news until gossip brings it: the views do not agree the moment B leaves, only once every member sees B left', () => {
    const cluster = Cluster.create({ ...LECTURE_000_RING, gossipIntervalMs: 1000 }, 1);
    const leaving = [...cluster.nodes.keys()][1]!;
    cluster.apply({ type: 'removeNode', id: leaving });
    const grid = membershipGrid(clusterView(cluster).nodes);
    expect(viewsAgree(cluster.nodes.values())).toBe(false);
    expect(grid.agree).toBe(false);
    expect(grid.rows.filter((r) => r.isLive).every((r) => r.cells.find((c) => c.member === leaving)!.isStale || r.observer === leaving)).toBe(true);
    for (let i = 0; i < 10_000 && !viewsAgree(cluster.nodes.values()); i++) cluster.step();
    const after = membershipGrid(clusterView(cluster).nodes);
    expect(after.agree).toBe(true);
    for (const row of after.rows.filter((r) => r.isLive)) expect(row.cells.find((c) => c.member === leaving)!.state).toBe('left');
  });
});

describe('random fault schedules', () => {
  // Seed 497061: a node joins and leaves while the live members are down, known only to a down member's view.
  test.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: 10, examples: [[497061]] })('seed %i: the grid says the views agree exactly when the engine does', (seed) => {
    const schedule = randomSchedule(seed);
    const cluster = Cluster.create(schedule.config, schedule.seed);
    let before = clusterView(cluster).nodes;
    const check = () => {
      const nodes = clusterView(cluster).nodes;
      expect(membershipGrid(nodes).agree).toBe(viewsAgree(cluster.nodes.values()));
      for (const node of nodes) {
        const old = before.find((n) => n.id === node.id);
        if (old && JSON.stringify(old.viewVersions) !== JSON.stringify(node.viewVersions)) expect(mergeKey(node)).not.toBe(mergeKey(old));
      }
      before = nodes;
    };
    for (const action of schedule.actions) {
      if (action.kind === 'wait') {
        const until = cluster.nowMs + action.ms;
        while ((cluster.queue.peek()?.atMs ?? Infinity) <= until) {
          cluster.step();
          check();
        }
      } else {
        cluster.apply(action.kind === 'put' ? { type: 'put', key: action.key, value: action.value } : action.input);
        check();
      }
    }
  });
});

describe('stepping back and forth through a long story', () => {
  /** Two joins, a leave and a destroyed node, each gossiped until the views agree: a trace with stories to restore. */
  function eventful(): Cluster {
    const cluster = Cluster.create(MANUAL_GOSSIP, 3);
    const settle = () => {
      settleMessages(cluster);
      for (let i = 0; i < 20 && !gridOf(cluster).agree; i++) {
        cluster.apply({ type: 'gossipRound' });
        settleMessages(cluster);
      }
    };
    cluster.apply({ type: 'addNode', id: 'node5', tokens: [644] });
    settle();
    cluster.apply({ type: 'removeNode', id: 'node2' });
    settle();
    cluster.apply({ type: 'addNode', id: 'node6', tokens: [200] });
    cluster.apply({ type: 'destroy', node: 'node1' });
    settle();
    return cluster;
  }
  const cluster = eventful();
  const trace = cluster.trace;

  test.prop([fc.array(fc.nat(trace.length), { minLength: 1, maxLength: 25 }), fc.constantFrom(1, 7, 64)], { numRuns: 60 })('the story at any cursor, reached from any other, is what a fresh read gives (checkpoints every %#)', (ends, every) => {
    const ledger = new GossipLedger(every);
    for (const end of ends) expect(ledger.at(trace, end)).toEqual(new GossipLedger().at(trace, end));
  });
});
