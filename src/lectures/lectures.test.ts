/**
 * Every built-in lecture loads, runs headless to its end, meets its `expect` checks, and
 * says only true things: each clock its narration quotes, each "every counter of D1 ≤ …"
 * or "…: they are concurrent" sentence, and each "Can node2 save only D2?" answer is
 * checked against the version history the run produced. Then, lecture by lecture, the
 * claims the lecture notes make, asserted explicitly.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConsistency, compareClocks, describe as describeEvent, explainRelation, formatClock, keysWithVersions, lastWriteWins, mergeCarts, nodeLoads, versionHistory, type EventOf, type HistoryVersion, type TraceEvent, type Version, type VersionHistory } from '../engine/index';
import { execute } from '../scenario/runner';
import { LECTURES, loadLecture, parseLecture, playSteps, type Lecture } from './index';
import shoppingCartFile from './000-shopping-cart.json';
import quorumFile from './004-quorum-tradeoffs.json';
import { runLecture, type PartRun } from './run';
import { stepPlayWallMs } from '../panels/lectures/step-pace';
import { DEFAULT_SPEED } from '../store/store';

const runs = new Map<string, { lecture: Lecture; parts: PartRun[] }>();
function run(id: string): { lecture: Lecture; parts: PartRun[] } {
  if (!runs.has(id)) {
    const lecture = loadLecture(id);
    runs.set(id, { lecture, parts: runLecture(lecture) });
  }
  return runs.get(id)!;
}

/** The histories of every key at the end of step `i` of part `p`. */
function historiesAt(partRun: PartRun, i: number): VersionHistory[] {
  return keysWithVersions(partRun.trace).map((key) => versionHistory(partRun.trace, key, { atSeq: partRun.stepEndSeq[i]! }));
}

const versionIn = (h: VersionHistory, name: string): HistoryVersion | undefined => h.versions.find((v) => v.name === name);
type Result = Record<string, unknown>;
const stepsOf = (partRun: PartRun, op: string): Result[] => partRun.output.steps.filter((s) => s.op === op);
const clocksOf = (partRun: PartRun): Record<string, number>[] => stepsOf(partRun, 'put').map((p) => p.clock as Record<string, number>);
const ofKind = <K extends TraceEvent['kind']>(trace: readonly TraceEvent[], kind: K): EventOf<K>[] => trace.filter((e): e is EventOf<K> => e.kind === kind);
const storedAt = (h: VersionHistory): Record<string, string[]> => Object.fromEntries(h.holdings.filter((x) => x.stored.length > 0).map((x) => [x.node, x.stored.map((id) => `D${id}`)]));

describe('the library', () => {
  it('lists the eleven lectures by title, in teaching order, each loadable by id', () => {
    expect(LECTURES.map((l) => l.id)).toEqual(['consistent-hashing', 'virtual-nodes', 'partitioning-strategies', 'shopping-cart', 'merkle-repair', 'hinted-handoff', 'forwarding-gossip', 'multiple-versions', 'paper-versions', 'token-walk', 'quorum-tradeoffs']);
    expect(new Set(LECTURES.map((l) => l.title)).size).toBe(LECTURES.length);
    for (const entry of LECTURES) {
      const lecture = loadLecture(entry.id);
      expect({ id: lecture.id, title: lecture.title, lecture: lecture.lecture, summary: lecture.summary }).toEqual(entry);
    }
    expect(() => loadLecture('no-such-lecture')).toThrow(/no built-in lecture "no-such-lecture"/);
  });

  it('no built-in lecture writes a lost update: a put without contextFrom is blind and flags nothing', () => {
    for (const entry of LECTURES) for (const part of run(entry.id).parts) expect(ofKind(part.trace, 'unread-superseded'), entry.id).toEqual([]);
  });

  it('keeps each lecture in a file named after its lecture number and id', () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(LECTURES.map((l) => `${l.lecture[0]}-${l.id}.json`).sort());
  });
});

describe.each(LECTURES.map((l) => l.id))('lecture %s', (id) => {
  it('runs headless to its end and meets every expect', () => {
    const { lecture, parts } = run(id);
    parts.forEach((p, i) => {
      expect(p.output.steps).toHaveLength(lecture.parts[i]!.scenario.steps.length);
      expect(p.output.expectations?.checked ?? 0, `part ${i} checks something`).toBeGreaterThan(0);
      expect(p.output.expectations?.failed, `part ${i}`).toEqual([]);
    });
  });

  it('narrates every part and asks at least one question', () => {
    const steps = playSteps(run(id).lecture);
    // Every step says what it does in its own words (a note's text is its words): the generic
    // "Every message still in flight arrives." under a step where nothing visible happens teaches nothing.
    for (const s of steps) expect(s.narration ?? (s.step.op === 'note' ? s.step.text : undefined), `step ${s.index + 1}: ${s.step.op}`).toBeTruthy();
    expect(steps.some((s) => s.question)).toBe(true);
    for (const s of steps) if (s.narration) expect(s.narration.split(/(?<=[.!?])\s/).length, s.narration).toBeLessThanOrEqual(4);
  });

  it('keeps each message a step asks the class to watch travel in flight for at least 0.4 s of the step\'s play', () => {
    const { lecture, parts } = run(id);
    parts.forEach((partRun, p) => {
      lecture.parts[p]!.guide.forEach((guide, i) => {
        if (!/\btravel/i.test(guide.narration ?? '')) return;
        for (const flight of flightsSeen(partRun, i)) expect(flight.wallMs, `part ${p + 1}, step ${i + 1}: ${flight.what}`).toBeGreaterThanOrEqual(400);
      });
    });
  });

  // The clocks it quotes, its ancestor and concurrency sentences and its "Can nodeX save only Dy?" answers: narration-checks.test.ts.
});

/**
 * Each message in flight during step `i` (sent in it, or before it and not yet delivered when
 * it starts: a wait that ends as the write leaves), and how long it is seen in flight while the
 * step plays on Next at the page's default speed, in real milliseconds (the lecture store's pacing).
 */
function flightsSeen(partRun: PartRun, i: number): { what: string; wallMs: number }[] {
  const after = i === 0 ? -1 : partRun.stepEndSeq[i - 1]!;
  const events = partRun.trace.filter((e) => e.seq > after && e.seq <= partRun.stepEndSeq[i]!);
  const startMs = partRun.output.steps[i]!.atMs;
  const endMs = events.at(-1)?.atMs ?? startMs;
  const wallMs = stepPlayWallMs(endMs - startMs, DEFAULT_SPEED);
  const sends = ofKind(partRun.trace, 'send').filter((e) => e.seq <= partRun.stepEndSeq[i]! && (e.seq > after || e.deliverAtMs > startMs));
  return sends.map((e) => ({ what: `${e.body.type} ${e.from}→${e.to}`, wallMs: ((Math.min(e.deliverAtMs, endMs) - Math.max(e.atMs, startMs)) / (endMs - startMs)) * wallMs }));
}

describe('lecture 000: the shopping cart, 10:00 to 10:07', () => {
  const part = () => run('shopping-cart').parts[0]!;
  const cart = () => versionHistory(part().trace, 'cart');

  it('writes D1 ([node1,1]), D2 ([node1,1],[node2,1]), D3 ([node1,1],[node4,1]) and D4 ([node1,2],[node2,1],[node4,1])', () => {
    expect(cart().versions.map((v) => `${v.name} ${formatClock(v.clock)}`)).toEqual(['D1 ([node1,1])', 'D2 ([node1,1],[node2,1])', 'D3 ([node1,1],[node4,1])', 'D4 ([node1,2],[node2,1],[node4,1])']);
    expect(clocksOf(part())).toEqual([{ node1: 1 }, { node1: 1, node2: 1 }, { node1: 1, node4: 1 }, { node1: 2, node2: 1, node4: 1 }]);
    expect(cart().versions.map((v) => v.coordinator)).toEqual(['node1', 'node2', 'node4', 'node1']);
  });

  it('D2 and D3 both descend from D1, and D4 from both', () => {
    expect(cart().edges).toEqual([{ from: 1, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 4 }, { from: 3, to: 4 }]);
  });

  /** What each node stores after step `i` (0-based), as the notes' slides draw it. */
  const storedAfter = (i: number) => storedAt(versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[i] }));

  it('three copies, on node1, node2 and node4 (N=3; node3 holds none), as the notes draw them', () => {
    expect(run('shopping-cart').lecture.parts[0]!.scenario.config.n).toBe(3);
    expect(storedAfter(2)).toEqual({ node1: ['D1'], node2: ['D1'], node4: ['D1'] });
  });

  it('at 10:02 node2 holds D2 alone; node3 keeps a hinted copy for node1, outside the store', () => {
    expect(storedAfter(6)).toEqual({ node1: ['D1'], node2: ['D2'], node4: ['D1'] });
    const hinted = versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[6] }).holdings.find((x) => x.node === 'node3');
    expect(hinted?.stored ?? []).toEqual([]);
    expect(ofKind(part().trace, 'hint-stored').map((e) => `${e.node} D${e.version.id} for ${e.intendedFor}`)).toEqual(['node3 D2 for node1']);
  });

  it('at 10:04 node2 holds D2, node1 and node4 hold D3: siblings', () => {
    expect(storedAfter(9)).toEqual({ node1: ['D3'], node2: ['D2'], node4: ['D3'] });
    expect(versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[9] }).siblings).toEqual([2, 3]);
  });

  it('the sync before 10:06 gives node1 D2 next to D3; node2 still holds D2 alone, node4 D3 alone', () => {
    expect(storedAfter(11)).toEqual({ node1: ['D2', 'D3'], node2: ['D2'], node4: ['D3'] });
  });

  it('at 10:06 the read through node1 returns D2 and D3', () => {
    const read = stepsOf(part(), 'get')[2]!;
    expect((read.versions as { version: string }[]).map((v) => v.version)).toEqual(['D2', 'D3']);
  });

  it('at 10:07 D4 replaces D2 alone on node2 and D3 alone on node4, as the notes ask of each', () => {
    const d4 = ofKind(part().trace, 'version-stored').filter((e) => e.version.id === 4);
    expect(Object.fromEntries(d4.map((e) => [e.node, e.superseded.map((id) => `D${id}`)]))).toEqual({ node1: ['D3', 'D2'], node2: ['D2'], node4: ['D3'] });
  });

  it('the union of D2 and D3 is basketball, shoes, ps5; last-write-wins would keep D3 and lose D2 and its shoes', () => {
    const h = versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[11] });
    const siblings: HistoryVersion[] = [versionIn(h, 'D2')!, versionIn(h, 'D3')!];
    expect(mergeCarts(siblings.map((v) => v.value))).toEqual(['basketball', 'shoes', 'ps5']);
    const lww = lastWriteWins(siblings);
    expect(lww.winner.value).toEqual(['basketball', 'ps5']);
    expect(lww.lost.map((v) => v.name)).toEqual(['D2']);
  });

  it('after 10:07 every replica keeps only D4: the branches collapsed', () => {
    expect(storedAt(cart())).toEqual({ node1: ['D4'], node2: ['D4'], node4: ['D4'] });
    expect(cart().siblings).toEqual([]);
  });
});

describe('lecture 003: the paper\'s D1 to D5', () => {
  const part = () => run('paper-versions').parts[0]!;
  const history = () => versionHistory(part().trace, 'cart');

  it('D1 [Sx,1], D2 [Sx,2], D3 ([Sx,2],[Sy,1]) via Sy, D4 ([Sx,2],[Sz,1]) via Sz, D5 ([Sx,3],[Sy,1],[Sz,1]) via Sx', () => {
    expect(history().versions.map((v) => [v.name, formatClock(v.clock), v.coordinator])).toEqual([
      ['D1', '([Sx,1])', 'Sx'],
      ['D2', '([Sx,2])', 'Sx'],
      ['D3', '([Sx,2],[Sy,1])', 'Sy'],
      ['D4', '([Sx,2],[Sz,1])', 'Sz'],
      ['D5', '([Sx,3],[Sy,1],[Sz,1])', 'Sx'],
    ]);
  });

  it('is the paper\'s graph: D1 → D2 → D3, D4 → D5', () => {
    expect(history().edges).toEqual([{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 2, to: 4 }, { from: 3, to: 5 }, { from: 4, to: 5 }]);
  });

  it('D3 and D4 are concurrent siblings on every server until D5, and the read returns both', () => {
    const beforeD5 = versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[9] });
    expect(storedAt(beforeD5)).toEqual({ Sx: ['D3', 'D4'], Sy: ['D3', 'D4'], Sz: ['D3', 'D4'] });
    expect(beforeD5.siblings).toEqual([3, 4]);
    expect((stepsOf(part(), 'get')[3]!.versions as { version: string }[]).map((v) => v.version)).toEqual(['D3', 'D4']);
  });

  it('Sz already held D3 when it wrote D4: the clock came from the client\'s context', () => {
    expect(storedAt(versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[7] })).Sz).toEqual(['D3']);
  });

  it('every server ends with only D5', () => {
    expect(storedAt(history())).toEqual({ Sx: ['D5'], Sy: ['D5'], Sz: ['D5'] });
  });
});

describe('lecture 002: forwarding and gossip', () => {
  const forwarding = () => run('forwarding-gossip').parts[0]!;
  const gossip = () => run('forwarding-gossip').parts[1]!;

  it('a request sent to G for a key in B\'s keyspace: G forwards it to B; with B failed, to C, the next in the preference list', () => {
    const sends = ofKind(forwarding().trace, 'send').filter((e) => e.body.type === 'forward').map((e) => `${e.from}→${e.to}`);
    expect(sends).toEqual(['G→B', 'G→B', 'G→C']);
    expect(stepsOf(forwarding(), 'get')[0]).toMatchObject({ ok: true, coordinator: 'B' });
    expect(stepsOf(forwarding(), 'put')[0]).toMatchObject({ ok: true, coordinator: 'C' });
  });

  it('asks where the forwarded write ends up before the write is made: the new clock, [C,1], would name C', () => {
    const { guide } = run('forwarding-gossip').lecture.parts[0]!;
    const asked = guide.findIndex((g) => g.question?.prompt.includes("Where will G's forwarded write end up?"));
    expect(forwarding().output.steps[asked]).toMatchObject({ op: 'note' });
    expect(historiesAt(forwarding(), asked).flatMap((h) => h.versions)).toEqual([]);
    expect(historiesAt(forwarding(), asked + 1)[0]!.versions.map((v) => `${v.name} ${formatClock(v.clock)}`)).toEqual(['D1 ([C,1])']);
  });

  it("with B only slow, G's late forward still reaches B, which writes the key too: one write, two siblings that a read returns", () => {
    const slow = run('forwarding-gossip').parts[2]!;
    const sends = ofKind(slow.trace, 'send').filter((e) => e.body.type === 'forward').map((e) => `${e.from}→${e.to} ${e.atMs}`);
    expect(sends).toEqual(['G→B 0', 'G→C 100']);
    expect(stepsOf(slow, 'put')[0]).toMatchObject({ ok: true, coordinator: 'C', latencyMs: 130 });
    expect(ofKind(slow.trace, 'late-forward').map((e) => `${e.node} ${e.atMs} ${e.isAnswered}`)).toEqual(['B 150 true']);
    expect(versionHistory(slow.trace, 'key').versions.map((v) => `${v.name} ${formatClock(v.clock)} by ${v.coordinator}`)).toEqual(['D1 ([C,1]) by C', 'D2 ([B,1]) by B']);
    expect(stepsOf(slow, 'get')[0]!.versions).toHaveLength(2);
  });

  it('in the gossip round E randomly chooses C, as the notes draw it', () => {
    const rounds = ofKind(gossip().trace, 'send').filter((e) => e.body.type === 'gossip').map((e) => `${e.from}→${e.to}`);
    expect(rounds).toContain('E→C');
    expect(rounds.filter((r) => r.startsWith('E→'))).toEqual(['E→C']);
    expect(new Set(rounds.map((r) => r[0]))).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']));
  });
});

describe('lecture 003: how can multiple versions arise?', () => {
  const part = () => run('multiple-versions').parts[0]!;
  const history = () => versionHistory(part().trace, 'cart');

  it('both clients read "" from n1, n2; X goes to n3 and n4 (a hint for n1), Y to n1 and n2', () => {
    const [first, second] = stepsOf(part(), 'get');
    expect([first!.versions, second!.versions]).toEqual([[], []]);
    const [x, y] = stepsOf(part(), 'put');
    expect(x).toMatchObject({ coordinator: 'n3', acks: ['n3', 'n4'], hinted: [{ holder: 'n4', intendedFor: 'n1' }] });
    expect(y).toMatchObject({ coordinator: 'n1', acks: ['n1', 'n2'] });
  });

  it('X ([n3,1]) and Y ([n1,1]) are concurrent; the read returns both; the merge D3 descends from both', () => {
    const [d1, d2, d3] = history().versions;
    expect(compareClocks(d1!.clock, d2!.clock)).toBe('concurrent');
    expect(history().edges).toEqual([{ from: 1, to: 3 }, { from: 2, to: 3 }]);
    expect(d3!.value).toEqual(mergeCarts([d1!.value, d2!.value]));
    expect(storedAt(history())).toEqual({ n1: ['D3'], n2: ['D3'], n3: ['D3'] });
  });

  it("n3's late answer to client 2's read brings X to n1 and n2 by read repair, after Y was made; n4's hint then finds n1 holding it", () => {
    const repairs = ofKind(part().trace, 'read-repair').map((e) => `${e.node}→${e.target} D${e.versionIds.join(',')}`);
    expect(repairs).toEqual(['n1→n1 D1', 'n1→n2 D1']);
    const y = ofKind(part().trace, 'version-stored').find((e) => e.node === 'n1' && e.version.id === 2)!;
    const xAtN1 = ofKind(part().trace, 'version-stored').find((e) => e.node === 'n1' && e.version.id === 1)!;
    expect(y.seq).toBeLessThan(xAtN1.seq); // Y was made without X: concurrent, as the notes have it
    expect(storedAt(versionHistory(part().trace, 'cart', { atSeq: part().stepEndSeq[10] }))).toMatchObject({ n1: ['D1', 'D2'], n2: ['D1', 'D2'] });
    expect(ofKind(part().trace, 'version-ignored').some((e) => e.node === 'n1' && e.version.id === 1)).toBe(true);
  });
});

describe('lecture 000: consistent hashing and adding a node', () => {
  const ring = () => run('consistent-hashing').parts[0]!;
  const replication = () => run('consistent-hashing').parts[1]!;

  it('hash 344 lands on node3; node5 at 644 takes only (458, 644], from node4', () => {
    expect(stepsOf(ring(), 'preferenceList')[0]).toMatchObject({ position: 344, nodes: ['node3'] });
    expect(stepsOf(ring(), 'addNode')[0]!.transfers).toEqual([{ from: 'node4', to: 'node5', range: [458, 644] }]);
    const data = Object.fromEntries(Object.entries(ring().output.final.nodes).map(([id, n]) => [id, Object.keys(n.data)]));
    expect(data).toEqual({ node1: [], node2: ['key-at-100'], node3: ['key-at-344'], node4: ['key-at-700'], node5: ['key-at-500'] });
  });

  it('with N=3 the key at 344 is on node3, node4 and node1, not node2', () => {
    const holders = Object.entries(replication().output.final.nodes).filter(([, n]) => 'key-at-344' in n.data).map(([id]) => id);
    expect(holders).toEqual(['node1', 'node3', 'node4']);
  });
});

describe('lectures 000, 002: virtual nodes and heterogeneity', () => {
  const shares = (r: Result) => Object.values(r.nodes as Record<string, { primaryShare: number }>).map((l) => l.primaryShare);

  it('one token per node: the tokens sit where the narration says, the shares are very uneven, and a leaving node hands everything to one neighbour', () => {
    const { lecture, parts } = run('virtual-nodes');
    const { cluster } = execute({ ...lecture.parts[0]!.scenario, steps: [] });
    expect(cluster.ring.tokens.map((t) => `${t.node} at ${t.pos}`).join(', ')).toBe('node4 at 117, node2 at 141, node3 at 673, node1 at 765');
    const [before] = stepsOf(parts[0]!, 'ownership');
    expect(Math.max(...shares(before!)) / Math.min(...shares(before!))).toBeGreaterThan(10);
    expect(new Set((stepsOf(parts[0]!, 'removeNode')[0]!.transfers as { to: string }[]).map((t) => t.to))).toEqual(new Set(['node1']));
  });

  it('many tokens: capacity 2 gets twice the tokens and about twice the share; a leaving node spreads its load over all the others', () => {
    const { lecture, parts } = run('virtual-nodes');
    const { cluster } = execute({ ...lecture.parts[1]!.scenario, steps: [] });
    const tokens = Object.fromEntries(cluster.ring.nodes.map((n) => [n.id, cluster.ring.tokens.filter((t) => t.node === n.id).length]));
    expect(tokens).toEqual({ node1: 16, node2: 16, node3: 16, node4: 16, node5: 32 });
    const loads = nodeLoads(cluster.ring, 1);
    const others = loads.filter((l) => l.node !== 'node5').map((l) => l.primaryShare);
    const node5 = loads.find((l) => l.node === 'node5')!.primaryShare;
    expect(node5 / (others.reduce((a, b) => a + b) / others.length)).toBeGreaterThan(1.8);
    expect(node5 / (others.reduce((a, b) => a + b) / others.length)).toBeLessThan(2.4);
    const moved = stepsOf(parts[1]!, 'removeNode')[0]!.transfers as { to: string }[];
    expect(new Set(moved.map((t) => t.to))).toEqual(new Set(['node1', 'node2', 'node4', 'node5']));
    // The narration's count: 14 pieces, 8 to node5, 3 to node1, 2 to node4, 1 to node2.
    const count = (to: string) => moved.filter((t) => t.to === to).length;
    expect([moved.length, count('node5'), count('node1'), count('node4'), count('node2')]).toEqual([14, 8, 3, 2, 1]);
    expect(lecture.parts[1]!.guide.some((g) => g.narration?.includes('14 pieces') && g.narration.includes('8 of them to node5, which has the most tokens, 3 to node1, 2 to node4 and 1 to node2'))).toBe(true);
  });
});

describe('lectures 001, 002: nodes joining, and the three partitioning strategies', () => {
  const shareOf = (r: Result) => Object.fromEntries(Object.entries(r.nodes as Record<string, { primaryShare: number }>).map(([id, l]) => [id, l.primaryShare]));
  const tokensOf = (scenario: Parameters<typeof execute>[0]) => execute({ ...scenario, steps: [] }).cluster.ring.tokens.map((t) => `${t.node}@${t.pos}`);

  it('lecture 001: one node gets all the virtual nodes, one more gets 1/2, one more about 1/3 from the other two', () => {
    const { parts } = run('partitioning-strategies');
    expect(stepsOf(parts[0]!, 'ownership').map((r) => Object.values(shareOf(r)))).toEqual([[1], [0.5, 0.5], [0.3333, 0.3333, 0.3333]]);
    const third = stepsOf(parts[0]!, 'addNode')[1]!.transfers as { from: string }[];
    expect(third.map((t) => t.from).sort()).toEqual(['node1', 'node1', 'node2', 'node2']);
  });

  it('lecture 002: strategies 1 and 2 share the same random tokens; strategy 1 cuts new ranges on a join, strategies 2 and 3 move whole partitions, and only strategy 3 shares the ring evenly', () => {
    const { lecture, parts } = run('partitioning-strategies');
    const [, one, two] = lecture.parts;
    expect(tokensOf(one!.scenario)).toEqual(tokensOf(two!.scenario));
    const spread = (r: Result) => Math.max(...Object.values(shareOf(r))) / Math.min(...Object.values(shareOf(r)));
    const [s1, s2, s3] = [parts[1]!, parts[2]!, parts[3]!].map((p) => stepsOf(p, 'ownership')[0]!);
    expect(spread(s1!)).toBeGreaterThan(1.5);
    expect(spread(s2!)).toBeGreaterThan(1.5);
    expect(spread(s3!)).toBe(1);
    // A partition is 100 positions: under strategies 2 and 3 every range that moves is whole partitions; under strategy 1 none is.
    const moved = (p: PartRun) => (stepsOf(p, 'addNode')[0]!.transfers as { range: [number, number] }[]).map(({ range: [a, b] }) => a % 100 === 0 && b % 100 === 0);
    expect(moved(parts[1]!).some(Boolean)).toBe(false);
    expect(moved(parts[2]!).every(Boolean)).toBe(true);
    expect(moved(parts[3]!).every(Boolean)).toBe(true);
  });

  it("the log's line for a join counts what the narration and the Members panel count: partitions under strategies 2 and 3, though the engine merges neighbours into one range", () => {
    const { lecture, parts } = run('partitioning-strategies');
    const joins = parts.map((p, i) => {
      const { ringSize = 0, partitions = 0, strategy } = lecture.parts[i]!.scenario.config as { ringSize?: number; partitions?: number; strategy?: number };
      // As the page passes it: the view's Q, 0 under strategy 1.
      const ring = { ringSize, partitions: strategy === 1 ? 0 : partitions };
      return ofKind(p.trace, 'node-added').map((e) => describeEvent(e, ring).replace(/^.*?; /, ''));
    });
    expect(joins).toEqual([
      // "node2 takes (0, 200], (500, 700], (800, 900] and (1000, 1100] from node1: six partitions, whole."
      ['6 partitions move to node2', '4 partitions move to node3'],
      ['3 ranges move to node5'],
      // "Partitions (800, 900], (900, 1000] and (1000, 1100] move to node5 whole": one range, (800, 1100], in the engine's transfer.
      ['3 partitions move to node5'],
      ['2 partitions move to node5'],
    ]);
  });
});

describe('lecture 001: Merkle repair', () => {
  it('equal roots: one comparison; (k0,v0),(k1,v1) against (k0,v2),(k1,v1): only k0 is transferred', () => {
    const [synced, differing, repaired] = stepsOf(run('merkle-repair').parts[0]!, 'antiEntropy');
    expect(synced).toMatchObject({ differingKeys: [], hashesCompared: 1 });
    expect(differing).toMatchObject({ differingKeys: ['k0'] });
    expect(differing!.hashesCompared as number).toBeGreaterThan(1);
    // "With two keys the hashes save next to nothing: the exchange sends about as many bytes as a full transfer would."
    expect([differing!.bytesExchanged, differing!.bytesFullTransfer]).toEqual([152, 154]);
    expect(repaired).toMatchObject({ differingKeys: [], hashesCompared: 1 });
  });
});

describe('lectures 002, 000: hinted handoff', () => {
  it('the stand-in keeps the write as a hint for the failed node, hands it over on recovery, and deletes its copy', () => {
    const [abcd, , ring] = run('hinted-handoff').parts;
    const during = versionHistory(abcd!.trace, 'cart', { atSeq: abcd!.stepEndSeq[5] });
    expect(during.holdings.find((h) => h.node === 'D')).toEqual({ node: 'D', stored: [], hinted: [{ intendedFor: 'B', versionIds: [1] }] });
    expect(storedAt(versionHistory(abcd!.trace, 'cart'))).toEqual({ A: ['D1'], B: ['D1'], C: ['D1'] });
    expect(versionHistory(ring!.trace, 'key', { atSeq: ring!.stepEndSeq[4] }).holdings.find((h) => h.node === 'node2')!.hinted).toEqual([{ intendedFor: 'node4', versionIds: [1] }]);
    expect(storedAt(versionHistory(ring!.trace, 'key'))).toEqual({ node1: ['D1'], node3: ['D1'], node4: ['D1'] });
  });
});

describe('lecture 000: the strict quorum "problem"', () => {
  it('with node4 and node5 down, a write of the key at 344 can NOT complete: only node3 of its top N stores it, and no other node is used', () => {
    const strict = run('hinted-handoff').parts[1]!;
    expect(stepsOf(strict, 'preferenceList')[0]!.nodes).toEqual(['node3', 'node5', 'node4']);
    const put = stepsOf(strict, 'put')[0]!;
    expect(put).toMatchObject({ ok: false, coordinator: 'node3', acks: ['node3'] });
    // node1 and node2 were up and took nothing: no stand-in, no hint.
    expect(storedAt(versionHistory(strict.trace, 'key'))).toEqual({ node3: ['D1'] });
    expect(strict.trace.some((e) => e.kind === 'hint-stored' || e.kind === 'sloppy-target')).toBe(false);
  });
});

describe('lecture 004: walking the token ring', () => {
  it('RF=2 gives 4, 2; RF=3 gives 4, 2, 3; from the last token 3, 1, 2; a node\'s second token is skipped', () => {
    const [walk, skip] = run('token-walk').parts;
    expect(stepsOf(walk!, 'preferenceList').map((s) => s.nodes)).toEqual([['node4', 'node2'], ['node4', 'node2', 'node3'], ['node3', 'node1', 'node2']]);
    expect(stepsOf(skip!, 'preferenceList')[0]!.nodes).toEqual(['node1', 'node2', 'node4']);
  });
});

describe('lecture 004: the R/W trade-off table', () => {
  const part = (i: number) => run('quorum-tradeoffs').parts[i]!;
  const ok = (r: Result[]) => r.map((x) => x.ok);

  it('has one part per row of the table, with its N/R/W', () => {
    expect(run('quorum-tradeoffs').lecture.parts.map(({ scenario: { config } }) => `${config.n}/${config.r}/${config.w}`)).toEqual(['3/2/2', '3/3/1', '3/1/3', '3/3/3', '3/1/1']);
  });

  it('3/2/2: a write survives one unreachable node, and a read through the stale node still sees it (overlap)', () => {
    const reads = stepsOf(part(0), 'get');
    expect((reads[1]!.versions as { value: unknown }[]).map((v) => v.value)).toEqual(['v2']);
    // The copy of v2 sent to node3 hits the cut and is lost, so node3 still has only v1 when the read asks it.
    expect(part(0).trace.filter((e) => e.kind === 'drop' && e.to === 'node3' && e.body.type === 'put')).toHaveLength(1);
    const readThroughNode3 = part(0).stepEndSeq.length - 1;
    expect(storedAt(versionHistory(part(0).trace, 'row', { atSeq: part(0).stepEndSeq[readThroughNode3 - 1] })).node3).toEqual(['D1']);
    expect(checkConsistency(part(0).trace).staleReads).toEqual([]);
    // The narration's read repair: node3, which answered with v1, is sent v2.
    expect(ofKind(part(0).trace, 'read-repair').map((e) => `${e.target} D${e.versionIds.join(',')}`)).toEqual(['node3 D2']);
  });

  it('3/3/1: a read fails with one node down, a write does not; the write only node1 took is lost with node1\'s disk', () => {
    expect(ok(stepsOf(part(1), 'get'))).toEqual([false]);
    expect(ok(stepsOf(part(1), 'put'))).toEqual([true, true, true]);
    expect(checkConsistency(part(1).trace).lostWrites.map((w) => w.versionId)).toEqual([3]);
    // Nothing left in flight could bring v3 back after the lecture's last step.
    const held = (node: string) => part(1).output.final.nodes[node]!.data.row!.map((v) => v.version);
    expect([held('node2'), held('node3')]).toEqual([['D2'], ['D1']]);
    // Every copy of v3 node1 sent is lost at the cut within the lecture: none is still in flight to bring v3 back after it.
    const v3Sends = ofKind(part(1).trace, 'send').filter((e) => e.body.type === 'put' && e.body.version.id === 3);
    const dropped = new Set(ofKind(part(1).trace, 'drop').map((e) => e.msgId));
    expect(v3Sends.length).toBe(2);
    expect(v3Sends.every((e) => dropped.has(e.msgId))).toBe(true);
  });

  it('3/1/3: writes wait for the slowest replica and fail with one node down; reads answer at once', () => {
    const puts = stepsOf(part(2), 'put');
    expect(ok(puts)).toEqual([true, false]);
    expect(puts[0]!.latencyMs).toBeGreaterThan(stepsOf(part(0), 'put')[0]!.latencyMs as number);
    expect(stepsOf(part(2), 'get').map((g) => [g.ok, g.latencyMs])).toEqual([[true, 0], [true, 0]]);
  });

  it('3/3/3: with one node down, both writes and reads fail', () => {
    expect(ok([...stepsOf(part(3), 'put'), ...stepsOf(part(3), 'get')])).toEqual([true, false, true, false]);
  });

  it('3/1/1: a read right after an acknowledged write misses it (a stale read), then catches up', () => {
    const reads = stepsOf(part(4), 'get');
    expect(reads.map((g) => (g.versions as { value: unknown }[]).map((v) => v.value))).toEqual([['v1'], ['v1'], ['v2']]);
    const stale = checkConsistency(part(4).trace).staleReads;
    expect(stale.map((s) => s.versionId)).toEqual([2]);
  });
});

describe('the answers agree with the computed versions', () => {
  it('lecture 000\'s answers quote explainRelation word for word', () => {
    const { lecture, parts } = run('shopping-cart');
    const h = versionHistory(parts[0]!.trace, 'cart');
    const v = (name: string): Version & { name: string } => versionIn(h, name)!;
    const answers = lecture.parts[0]!.guide.flatMap((g) => (g.question ? [g.question.answer] : []));
    expect(answers).toContain(`Yes: ${explainRelation(v('D1'), v('D2')).text}.`);
    expect(answers).toContain(`No: ${explainRelation(v('D2'), v('D3')).text}.`);
    // node2 and node4 are asked why too: the answer names the rule, then quotes it.
    expect(answers.filter((a) => a.startsWith(`Yes: D4's clock descends from D2's: ${explainRelation(v('D2'), v('D4')).text}`))).toHaveLength(1);
    expect(answers.filter((a) => a.startsWith(`Yes: D4's clock descends from D3's: ${explainRelation(v('D3'), v('D4')).text}`))).toHaveLength(1);
  });
});

describe('a malformed lecture file', () => {
  const clone = <T>(x: T): T => structuredClone(x);
  const message = (data: unknown): string => {
    const parsed = parseLecture(data);
    return parsed.ok ? 'no error' : parsed.error.message;
  };

  it('gets one clear message naming the step and the field', () => {
    const noAnswer = clone(shoppingCartFile) as { steps: Record<string, unknown>[] };
    noAnswer.steps[5]!.question = { prompt: 'Can node2 save only D2?' };
    expect(message(noAnswer)).toBe('steps[5].question.answer: is required');

    const wrongNode = clone(shoppingCartFile) as { steps: Record<string, unknown>[] };
    wrongNode.steps[1]!.via = 'node9';
    expect(message(wrongNode)).toBe('steps[1].via: no node named "node9" at this step (the cluster has node1, node2, node3, node4)');

    const misspelt = clone(shoppingCartFile) as { steps: Record<string, unknown>[] };
    misspelt.steps[0] = { op: 'note', text: '10:00 empty cart', naration: '10:00 — the shopping cart is empty.' };
    expect(message(misspelt)).toBe('steps[0]: unknown field "naration" (did you mean "narration"?)');

    const badPart = clone(quorumFile) as { parts: { steps: Record<string, unknown>[] }[] };
    badPart.parts[2]!.steps[4]!.narration = 42;
    expect(message(badPart)).toBe('parts[2].steps[4].narration: must be text (a JSON string)');
  });
});

describe('the generic checks above are not vacuous', () => {
  it('they find the clocks and the rule sentences the version lectures quote', () => {
    const count = (id: string, pattern: RegExp) => playSteps(run(id).lecture).reduce((n, s) => n + ([s.narration, s.question?.answer].join(' ').match(pattern)?.length ?? 0), 0);
    const clock = /\bD\d+ (\(\[[^)]*\]\)|\[[^\]]+\])/g;
    expect(count('shopping-cart', clock)).toBeGreaterThanOrEqual(5);
    expect(count('paper-versions', clock)).toBeGreaterThanOrEqual(5);
    expect(count('shopping-cart', /every counter of D\d+ ≤/gi)).toBe(7);
    expect(count('paper-versions', /they are concurrent/g) + count('multiple-versions', /they are concurrent/g)).toBe(2);
  });
});
