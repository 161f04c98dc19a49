/**
 * Every built-in lecture loads, runs headless to its end, meets its `expect` checks, and
 * says only true things: each clock its narration quotes, each "every counter of D1 ≤ …"
 * or "…: they are concurrent" sentence, and each "Can node2 save only D2?" answer is
 * checked against the version history the run produced. Then the claims the notes make
 * in the version lectures (the cart, the paper's D1 to D5, forwarding, multiple versions),
 * asserted explicitly; the ring, membership and quorum lectures' are in lectures-ring.test.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareClocks, describe as describeEvent, explainRelation, formatClock, lastWriteWins, mergeCarts, versionHistory, type HistoryVersion, type Version } from '../engine/index';
import { LECTURES, loadLecture, parseLecture, playSteps } from './index';
import shoppingCartFile from './000-shopping-cart.json';
import quorumFile from './004-quorum-tradeoffs.json';
import { type PartRun } from './run';
import { clocksOf, historiesAt, ofKind, run, stepsOf, storedAt, versionIn } from './lecture-testing';
import { stepPlayWallMs } from '../panels/lectures/step-pace';
import { DEFAULT_SPEED } from '../store/store';


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

  it('says how a version came that no put brought: a hint, anti-entropy, read repair, a range transfer', () => {
    const stored = (id: string) => run(id).parts.flatMap((part) => ofKind(part.trace, 'version-stored').map((e) => describeEvent(e)));
    // Lecture 002: D held A's write for B, and hands it over once B recovers.
    expect(stored('hinted-handoff')).toContain('B stores cart D1 ([A,1]) from D by hinted handoff');
    // Lecture 001: Node1 takes Node0's k0 from the exchange, not from a put (the notes' v2).
    expect(stored('merkle-repair')).toContain('Node1 stores k0 D2 ([Node0,1],[Node1,1]) from Node0 by anti-entropy, replacing D1');
    // Lecture 003: the coordinator repairs its own copy, then sends the version to n2.
    expect(stored('multiple-versions')).toEqual(expect.arrayContaining(['n1 stores cart D1 ([n3,1]) by read repair (2 siblings)', 'n2 stores cart D1 ([n3,1]) from n1 by read repair (2 siblings)']));
    // Lecture 000: node5 joins at 644 and takes the keys between 458 and 644 from their holders.
    expect(stored('consistent-hashing').filter((line) => line.includes(' by range transfer')).length).toBeGreaterThan(0);
    // A put's own store says nothing of where it came from.
    expect(stored('shopping-cart')).toContain('node1 stores cart D1 ([node1,1])');
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
