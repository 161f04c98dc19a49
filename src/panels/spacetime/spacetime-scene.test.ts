import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterConfig, type TraceEvent } from '../../engine/index';
import lecture000 from '../../lectures/000-consistent-hashing.json';
import { EVENT_CLASSES, type EventClass } from '../../app/theme';
import { DEFAULT_CONFIG } from '../../worker/default-config';
import { SpaceTimeModel } from './spacetime-model';
import { boxesOverlap, labelWidth, laneLayout, lengthInBox, opName, segmentCrossesBox, yOf, type Box } from './spacetime-layout';
import { DENSE_MIN, LABEL_PX, sceneOf, type Scene, type SceneArrow, type SceneInput } from './spacetime-scene';
import { PageSide } from '../merkle/merkle-testing';

const ALL = Object.fromEntries(EVENT_CLASSES.map((c) => [c, true])) as Record<EventClass, boolean>;

function teachingPut(): TraceEvent[] {
  const cluster = Cluster.create(DEFAULT_CONFIG, 42);
  cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'D' });
  cluster.runUntil(19);
  return cluster.trace;
}

const trace = teachingPut();
const model = new SpaceTimeModel().update(trace, 0);
const lanes = laneLayout(['A', 'B', 'C', 'D'], 420, 40);
const base: SceneInput = { model, lanes, view: { startMs: -4, pxPerMs: 12 }, heightPx: 560, upTo: trace.length, currentSeq: -1, nowMs: 19, filter: ALL, selectedKey: 'cart' };
const indexOf = (text: (e: TraceEvent) => boolean) => trace.findIndex(text);

describe('the scene of a put at the cursor', () => {
  it('right after the put: two messages in flight to the replicas, the request waiting, D1 created at D', () => {
    const upTo = indexOf((e) => e.kind === 'deliver');
    const scene = sceneOf({ ...base, upTo, nowMs: 2 });
    expect(scene.arrows.map((a) => `${a.a.from}→${a.a.to} ${a.state}`)).toEqual(['D→C in-flight', 'D→A in-flight']);
    expect(scene.ops.map((o) => o.outcome)).toEqual(['pending']);
    expect(scene.versions.map((v) => v.text)).toEqual(['D1 ([D,1])']);
  });

  it('at the answer: every message delivered, the request succeeded, and labels on screen', () => {
    const scene = sceneOf(base);
    expect(scene.arrows.map((a) => a.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(scene.ops.map((o) => opName(o.op, o.outcome))).toEqual(['put(cart) via D: succeeded in 18.1 ms']);
    expect(scene.versions[0]!.label).not.toBeNull();
    expect(scene.ops[0]!.label).not.toBeNull();
    for (const a of scene.arrows) if (a.label) expect(a.label.x).toBeGreaterThan(0);
  });

  it('names another key’s version as the log names it: a space quoted, a direction override escaped', () => {
    const scene = sceneOf({ ...base, selectedKey: null });
    expect(scene.versions.map((v) => v.text)).toEqual(['cart D1 ([D,1])']);
    const c = Cluster.create(DEFAULT_CONFIG, 42);
    c.apply({ type: 'put', key: 'my\u202ecart', value: 'shoes', via: 'D' });
    c.runUntil(19);
    const odd = sceneOf({ ...base, model: new SpaceTimeModel().update(c.trace, 0), upTo: c.trace.length, selectedKey: null });
    expect(odd.versions.map((v) => v.text)).toEqual(['"my\\u202ecart" D1 ([D,1])']);
  });

  it('marks the arrow of the current event', () => {
    const deliver = trace.find((e) => e.kind === 'deliver')!;
    const scene = sceneOf({ ...base, currentSeq: deliver.seq });
    expect(scene.arrows.filter((a) => a.isCurrent).map((a) => a.a.seq)).toEqual([deliver.causeSeq]);
  });

  it('hides what the event log hides', () => {
    const scene = sceneOf({ ...base, filter: { ...ALL, replication: false, client: false } });
    expect(scene.arrows).toEqual([]);
    expect(scene.ops).toEqual([]);
    expect(scene.versions).toEqual([]);
  });

  it('lays out only the window in view, in coordinates that do not change when it scrolls', () => {
    const scene = sceneOf({ ...base, view: { startMs: 12, pxPerMs: 12 }, heightPx: 40 });
    expect(scene.arrows.map((a) => `${a.a.from}→${a.a.to}`)).toEqual(['A→D', 'C→D']);
    const a = scene.arrows[0]!;
    const moved = sceneOf({ ...base, view: { startMs: 13, pxPerMs: 12 }, heightPx: 40 }).arrows[0]!;
    expect(moved.y1).toBe(a.y1);
    expect(a.y1 + scene.offsetPx).toBeCloseTo(yOf({ startMs: 12, pxPerMs: 12 }, a.a.sendMs));
  });
});

describe('a busy window', () => {
  it('switches to the dense drawing, without labels, above the limit', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, 7);
    for (let i = 0; i < 200; i++) cluster.apply({ type: 'put', key: `k${i}`, value: i });
    cluster.runUntil(200);
    const busy = new SpaceTimeModel().update(cluster.trace, 0);
    const scene = sceneOf({ ...base, model: busy, upTo: cluster.trace.length, nowMs: 200, view: { startMs: 0, pxPerMs: 2 } });
    expect(scene.arrows.length + scene.ops.length).toBeGreaterThan(DENSE_MIN);
    expect(scene.isDense).toBe(true);
    expect(scene.arrows.every((a) => a.label === null)).toBe(true);
  });
});

describe('message names on a busy diagram', () => {
  it('keep a gap between them: two names side by side never run into each other', () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, 7);
    const keys = ['cart', 'hat', 'shoes', 'book'];
    for (let i = 0; i < 24; i++) {
      cluster.runUntil(i * 3);
      cluster.apply(i % 3 === 0 ? { type: 'put', key: keys[i % 4]!, value: i, via: ['A', 'B', 'C', 'D'][i % 4]! } : { type: 'get', key: keys[(i * 7) % 4]!, via: ['D', 'C', 'B', 'A'][i % 4]! });
    }
    cluster.runUntil(200);
    const busy = new SpaceTimeModel().update(cluster.trace, 0);
    let pairs = 0;
    const views = [[420, 12], [420, 6], [1180, 12], [1180, 6], [1180, 3]].flatMap(([width, pxPerMs]) => Array.from({ length: 24 }, (_, i) => ({ width: width!, pxPerMs: pxPerMs!, startMs: i * 5 })));
    for (const { width, pxPerMs, startMs } of views) {
      const scene = sceneOf({ ...base, model: busy, lanes: laneLayout(['A', 'B', 'C', 'D'], width, 40), view: { startMs, pxPerMs }, upTo: cluster.trace.length, nowMs: 200, selectedKey: null });
      // Each name's box, 4 px wider at each end: two that do not overlap keep 8 px between them.
      const boxes = scene.arrows.flatMap((a): Box[] => {
        if (!a.label) return [];
        const w = labelWidth(a.a.label, LABEL_PX) + 8;
        return [{ x: a.label.x - w / 2, y: a.label.y - LABEL_PX / 2, width: w, height: LABEL_PX, angle: (a.label.angleDeg * Math.PI) / 180 }];
      });
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [p, q] = [boxes[i]!, boxes[j]!];
          if (Math.hypot(p.x - q.x, p.y - q.y) > p.width + q.width) continue; // far apart
          pairs++;
          expect(boxesOverlap(p, q), `${JSON.stringify(p)} and ${JSON.stringify(q)} at ${startMs} ms`).toBe(false);
        }
      }
    }
    expect(pairs).toBeGreaterThan(0); // the diagram was busy enough to put names side by side
  });

  it("keep off a fault's words: in the shopping-cart lecture no message name covers 'network splits {node1, node4} | {node2, node3}'", () => {
    const page = new PageSide();
    const loaded = page.send({ type: 'loadLecture', lectureId: 'shopping-cart', part: 0 });
    page.send({ type: 'seek', cursor: loaded.stepEnds![12]! });
    const cart = new SpaceTimeModel().update(page.trace.slice(0, page.upTo), 0);
    const wide = laneLayout(['node1', 'node2', 'node3', 'node4'], 420, 40);
    let checked = 0;
    for (const pxPerMs of [3, 4, 5, 6]) {
      const scene = sceneOf({ ...base, model: cart, lanes: wide, view: { startMs: -3, pxPerMs }, upTo: page.upTo, nowMs: 120 });
      const split = scene.faults.find((f) => f.x === null && f.text.startsWith('network splits'))!;
      if (!split.words) continue;
      const words: Box = { x: split.words.x, y: split.words.y - (LABEL_PX + 4) / 2, width: split.words.width, height: LABEL_PX + 4 };
      for (const a of scene.arrows) {
        if (!a.label) continue;
        checked++;
        const w = labelWidth(a.a.label, LABEL_PX);
        const name: Box = { x: a.label.x - w / 2, y: a.label.y - (LABEL_PX + 4) / 2, width: w, height: LABEL_PX + 4, angle: (a.label.angleDeg * Math.PI) / 180 };
        expect(boxesOverlap(name, words), `${a.a.label} at ${JSON.stringify(a.label)}, ${pxPerMs} px/ms`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("lets no fault's words fall on another's: a failure, a split and a recovery moments apart, fitted into a narrow stage, keep the split's words", () => {
    const cluster = Cluster.create(DEFAULT_CONFIG, 42);
    cluster.apply({ type: 'fail', node: 'D' });
    cluster.runUntil(300);
    cluster.apply({ type: 'partition', groups: [['A', 'B'], ['C', 'D']] });
    cluster.runUntil(310);
    cluster.apply({ type: 'recover', node: 'D' });
    cluster.runUntil(6000);
    const events = cluster.trace;
    const run = new SpaceTimeModel().update(events, 0);
    const narrow = laneLayout(['A', 'B', 'C', 'D'], 360, 40);
    const scene = sceneOf({ ...base, model: run, lanes: narrow, view: { startMs: -50, pxPerMs: 0.09 }, heightPx: 560, upTo: events.length, nowMs: 6000, filter: ALL });
    // The split, across every lane, keeps its words. D's failure, just above it, gives way: every place near its mark
    // is on the split's words or past the split's line, which would put them in the wrong order. D's recovery, just
    // under the line, takes a row under its own mark.
    const byText = (faults: Scene['faults']) => faults.map((f) => [f.text, f.words !== null]);
    expect(byText(scene.faults)).toEqual([
      ['D failed', false],
      ['network splits {A, B} | {C, D}', true],
      ['D recovered', true],
    ]);
    const [split, recovered] = [scene.faults[1]!, scene.faults[2]!];
    expect(recovered.words!.y - LABEL_PX / 2).toBeGreaterThan(recovered.y);
    expect(recovered.words!.y - split.words!.y).toBeGreaterThanOrEqual(LABEL_PX + 4);
    // A dense scene (drawn plainly, with no names on its arrows) keeps the faults' words apart all the same.
    const dense = sceneOf({ ...base, model: run, lanes: narrow, view: { startMs: -50, pxPerMs: 0.09 }, heightPx: 560, upTo: events.length, nowMs: 6000, filter: ALL, denseMin: 0 });
    expect(dense.isDense).toBe(true);
    expect(byText(dense.faults)).toEqual(byText(scene.faults));
    // Wide apart in time, both keep their words.
    const zoomed = sceneOf({ ...base, model: run, lanes: narrow, view: { startMs: 250, pxPerMs: 6 }, heightPx: 560, upTo: events.length, nowMs: 6000, filter: ALL });
    expect(zoomed.faults.filter((f) => f.text.startsWith('network splits') || f.text.startsWith('D recovered')).map((f) => f.words !== null)).toEqual([true, true]);
  });
});

describe('the scene of a forwarded request (lecture 002: a node outside the top N forwards it)', () => {
  // cart's top three are C, D, A: asked through B, B forwards to C, which coordinates and answers the client.
  const cluster = Cluster.create(DEFAULT_CONFIG, 42);
  cluster.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'B' });
  cluster.settle();
  const forwarded = cluster.trace;
  const input: SceneInput = { ...base, model: new SpaceTimeModel().update(forwarded, 0), upTo: forwarded.length, nowMs: cluster.nowMs };
  const taken = forwarded.find((e) => e.kind === 'deliver' && e.body.type === 'forward')!;

  it('waits on B until the forward reaches C, then on C, which ends it: the ✓ is drawn at the node that answers', () => {
    const [op] = sceneOf(input).ops;
    expect(op!.x).toBe(lanes.x.get('B'));
    expect(op!.taken).toEqual({ x: lanes.x.get('C'), y: op!.y1 + (taken.atMs - op!.op.startMs) * input.view.pxPerMs });
    expect(op!.taken!.y).toBeLessThan(op!.y2);
    expect(op!.outcome).toBe('ok');
  });

  it('stays on B while the forward is still on its way', () => {
    const upTo = forwarded.indexOf(taken);
    expect(sceneOf({ ...input, upTo, nowMs: taken.atMs - 1 }).ops[0]!.taken).toBeNull();
  });
});

describe('several puts at one instant (lecture 000: the keys at 100, 344, 500 and 700 all written at 0 ms)', () => {
  const config = { ...lecture000.parts[0]!.config } as unknown as ClusterConfig;
  const cluster = Cluster.create(config, 1);
  for (const key of ['key-at-344', 'key-at-500', 'key-at-700', 'key-at-100']) cluster.apply({ type: 'put', key, value: key });
  cluster.runUntil(1);
  const crowd = cluster.trace;
  const crowdLanes = laneLayout(['node1', 'node2', 'node3', 'node4'], 384, 40);
  const scene = sceneOf({ ...base, model: new SpaceTimeModel().update(crowd, 0), lanes: crowdLanes, view: { startMs: -3, pxPerMs: 12 }, heightPx: 480, upTo: crowd.length, nowMs: 1, selectedKey: 'key-at-100' });
  const boxOf = (l: { x: number; y: number }, text: string) => ({ x: l.x - (labelWidth(text, LABEL_PX) + 6) / 2, y: l.y - 9, width: labelWidth(text, LABEL_PX) + 6, height: 18 });

  it("writes no version's clock over another version's diamond", () => {
    expect(scene.versions.length).toBe(4);
    const y = new Set(scene.versions.map((v) => Math.round(v.y)));
    expect(y.size).toBe(1);
    for (const v of scene.versions) {
      if (!v.label) continue;
      const label = boxOf(v.label, v.text);
      for (const other of scene.versions) {
        if (other === v) continue;
        const diamond = { x: other.x - 8.5, y: other.y - 8.5, width: 17, height: 17 };
        expect(boxesOverlap(label, diamond), `${v.text} over ${other.text}'s diamond`).toBe(false);
      }
    }
  });

  it('still writes most of the clocks, under their diamonds where beside them is taken', () => {
    const shown = scene.versions.filter((v) => v.label);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) expect(boxesOverlap(boxOf(shown[i]!.label!, shown[i]!.text), boxOf(shown[j]!.label!, shown[j]!.text))).toBe(false);
  });
});

describe("message names where arrows cross (lecture 004's last part: a put and two gets on three nodes within 20 ms)", () => {
  const page = new PageSide();
  const loaded = page.send({ type: 'loadLecture', lectureId: 'quorum-tradeoffs', part: 4 });
  // Step 43 of 44, "v2 reaches node2 and node3": the sixth of the part's seven.
  page.send({ type: 'seek', cursor: loaded.stepEnds![5]! });
  const events = page.trace.slice(0, page.upTo);
  // The stage at 1280×720: three lanes in 420 px, 10 ms a lane apart at 12 px/ms.
  const scene = sceneOf({ ...base, model: new SpaceTimeModel().update(events, 0), lanes: laneLayout(['node1', 'node2', 'node3'], 420, 40), view: { startMs: 5, pxPerMs: 12 }, heightPx: 470, upTo: events.length, nowMs: 40, selectedKey: 'row', focusFrom: loaded.stepTraceEnds![4]! });
  const named = scene.arrows.filter((a) => a.label !== null);
  const boxOf = (a: (typeof named)[number]): Box => {
    const w = labelWidth(a.a.label, LABEL_PX);
    return { x: a.label!.x - w / 2, y: a.label!.y - LABEL_PX / 2, width: w, height: LABEL_PX, angle: (a.label!.angleDeg * Math.PI) / 180 };
  };
  /** The same path at the same moments: two messages sent together, drawn as one line. */
  const isSamePath = (a: SceneArrow, b: SceneArrow) => a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;

  it('lays each name along its own arrow, turned to its slope, on the line or just beside it', () => {
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const a of named) {
      const slope = (Math.atan2(a.y2 - a.y1, a.x2 - a.x1) * 180) / Math.PI;
      const level = slope > 90 ? slope - 180 : slope < -90 ? slope + 180 : slope;
      expect(a.label!.angleDeg, `${a.a.label} ${a.a.from}→${a.a.to}`).toBeCloseTo(level, 5);
      // Distance from the label's centre to the arrow's line: on it, or half a label's height off it.
      const len = Math.hypot(a.x2 - a.x1, a.y2 - a.y1);
      const off = Math.abs((a.x2 - a.x1) * (a.y1 - a.label!.y) - (a.x1 - a.label!.x) * (a.y2 - a.y1)) / len;
      expect(off, `${a.a.label} ${a.a.from}→${a.a.to}`).toBeLessThanOrEqual(LABEL_PX);
    }
  });

  it("names both puts, the step's subject, though a get was sent with each over the same path", () => {
    const puts = scene.arrows.filter((a) => a.a.label === 'put(row)' && a.a.sendMs === 20 && a.a.to !== 'node1');
    expect(puts.map((a) => a.a.to).sort()).toEqual(['node2', 'node3']);
    expect(puts.every((a) => a.label !== null)).toBe(true);
  });

  it('lets no two names overlap, and any other arrow through a name crosses it at a clear angle, so the name reads as its own line\'s', () => {
    let crossings = 0;
    for (const [i, a] of named.entries()) {
      for (const b of named.slice(i + 1)) expect(boxesOverlap(boxOf(a), boxOf(b)), `${a.a.label} and ${b.a.label}`).toBe(false);
      for (const o of scene.arrows.filter((o) => o !== a && !isSamePath(o, a) && segmentCrossesBox(o, boxOf(a)))) {
        crossings++;
        const slope = (Math.atan2(o.y2 - o.y1, o.x2 - o.x1) * 180) / Math.PI;
        const apart = Math.abs(((slope - a.label!.angleDeg + 270) % 180) - 90);
        expect(apart, `${o.a.label} ${o.a.from}→${o.a.to} through ${a.a.label} ${a.a.from}→${a.a.to}`).toBeGreaterThanOrEqual(30);
      }
    }
    expect(crossings).toBeGreaterThan(0); // the mesh is dense enough that some name is crossed
  });
});

describe("a version's clock where arrows are thick (lecture 004, step 31: a write at W=3 waits 300 ms for node3)", () => {
  const page = new PageSide();
  const loaded = page.send({ type: 'loadLecture', lectureId: 'quorum-tradeoffs', part: 2 });
  page.send({ type: 'seek', cursor: loaded.stepEnds![5]! });
  const events = page.trace.slice(0, page.upTo);
  // Followed, the step's 300 ms fill the stage: about 1 px a millisecond.
  const scene = sceneOf({ ...base, model: new SpaceTimeModel().update(events, 0), lanes: laneLayout(['node1', 'node2', 'node3'], 420, 40), view: { startMs: -20, pxPerMs: 1.03 }, heightPx: 470, upTo: events.length, nowMs: 380, selectedKey: 'row', focusFrom: loaded.stepTraceEnds![4]! });

  it('is written where no arrow strikes through it', () => {
    const d2 = scene.versions.find((v) => v.text.startsWith('D2'))!;
    expect(d2.label).not.toBeNull();
    const w = labelWidth(d2.text, LABEL_PX);
    const box: Box = { x: d2.label!.x - w / 2, y: d2.label!.y - LABEL_PX / 2, width: w, height: LABEL_PX };
    expect(scene.arrows.filter((a) => segmentCrossesBox(a, box)).map((a) => `${a.a.label} ${a.a.from}→${a.a.to}`)).toEqual([]);
  });
});

/** The default filter: Gossip and Anti-entropy hidden, as the page starts. */
const SHOWN = { ...ALL, gossip: false, 'anti-entropy': false };

/**
 * A lecture step's scene as the page draws it at 1280×720: 374 px of lanes, 462 px of time, the view the step
 * chose (measured in the browser), and zooms a little either side of it.
 */
function lectureScenes(lectureId: string, part: number, step: number, ids: readonly string[], view: { startMs: number; pxPerMs: number }): { readonly scene: Scene; readonly nowY: number }[] {
  const page = new PageSide();
  const loaded = page.send({ type: 'loadLecture', lectureId, part });
  const frame = page.send({ type: 'seek', cursor: loaded.stepEnds![step]! });
  const events = page.trace.slice(0, page.upTo);
  const model = new SpaceTimeModel().update(events, 0);
  const stageLanes = laneLayout(ids, 374, 36);
  return [1, 0.85, 1.2].map((zoom) => {
    const pxPerMs = view.pxPerMs * zoom;
    const scene = sceneOf({ model, lanes: stageLanes, view: { startMs: view.startMs, pxPerMs }, heightPx: 462, upTo: events.length, currentSeq: events.at(-1)!.seq, nowMs: frame.nowMs, filter: SHOWN, selectedKey: lectureId === 'quorum-tradeoffs' ? 'row' : 'key', focusFrom: loaded.stepTraceEnds![step - 1] ?? 0 });
    return { scene, nowY: (frame.nowMs - scene.originMs) * pxPerMs };
  });
}

/** Where each label of a scene is drawn, by what it says: message and request names, clocks, ✓ ✗ ⚠ and faults' words. */
function labelBoxes(scene: Scene): { readonly what: string; readonly box: Box }[] {
  const upright = (what: string, l: { x: number; y: number }, width: number) => ({ what, box: { x: l.x - width / 2, y: l.y - LABEL_PX / 2, width, height: LABEL_PX } });
  return [
    ...scene.arrows.flatMap((a) => (a.label ? [{ what: `${a.a.label} ${a.a.from}→${a.a.to}`, box: { ...upright('', a.label, labelWidth(a.a.label, LABEL_PX)).box, angle: (a.label.angleDeg * Math.PI) / 180 } }] : [])),
    ...scene.ops.flatMap((o) => [...(o.label ? [upright(o.label.text, o.label, labelWidth(o.label.text, LABEL_PX))] : []), ...(o.glyph ? [upright(`${o.op.op}(${o.op.key})'s mark`, o.glyph, 14)] : [])]),
    ...scene.versions.flatMap((v) => (v.label ? [upright(v.text, v.label, labelWidth(v.text, LABEL_PX))] : [])),
    ...scene.faults.flatMap((f) => (f.words ? [{ what: f.text, box: { x: f.words.x, y: f.words.y - LABEL_PX / 2, width: f.words.width, height: LABEL_PX } }] : [])),
  ];
}

/** What a fault's words would cover, besides the labels: the lines through them and the marks under them. */
function underFaultWords(scene: Scene, words: Box, nowY: number): string[] {
  const out: string[] = [];
  for (const a of scene.arrows) {
    if (segmentCrossesBox(a, words)) out.push(`the arrow of ${a.a.label} ${a.a.from}→${a.a.to}`);
    if (a.due && segmentCrossesBox({ x1: a.x2, y1: a.y2, x2: a.due.x, y2: a.due.y }, words)) out.push(`the dashes of ${a.a.label} ${a.a.from}→${a.a.to}`);
    if (a.state === 'dropped' && boxesOverlap(words, { x: a.x2 - 7, y: a.y2 - 7, width: 14, height: 14 })) out.push(`the cross of ${a.a.label} ${a.a.from}→${a.a.to}`);
  }
  for (const v of scene.versions) if (boxesOverlap(words, { x: v.x - 8.5, y: v.y - 8.5, width: 17, height: 17 })) out.push(`${v.text}'s diamond`);
  for (const o of scene.ops) if (boxesOverlap(words, { x: o.x - 5, y: o.y1, width: 10, height: Math.max(2, (o.taken?.y ?? o.y2) - o.y1) })) out.push(`${o.op.op}(${o.op.key})'s span`);
  for (const f of scene.faults) {
    if (f.x === null && segmentCrossesBox({ x1: 0, y1: f.y, x2: 374, y2: f.y }, words)) out.push(`the line of ${f.text}`);
    if (f.x !== null && boxesOverlap(words, { x: f.x - 14, y: f.y - 2, width: 28, height: 4 })) out.push(`the mark of ${f.text}`);
  }
  if (segmentCrossesBox({ x1: 0, y1: nowY, x2: 374, y2: nowY }, words)) out.push('the cursor');
  return out;
}

describe("a fault's words and the messages' names at 1280×720, on the lecture steps where they ran under arrows and into other labels", () => {
  const steps = [
    // Lecture 002, step 5: "B failed" beside B's crosses, a get's replies running through it.
    { name: 'forwarding and gossip, step 5', scenes: lectureScenes('forwarding-gossip', 0, 4, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], { startMs: 14.48, pxPerMs: 2.384 }), shown: ['B failed'] },
    // Lecture 002, step 11: "took put(key)", leaving B with the put to D, ran along the put's name.
    { name: 'forwarding and gossip, step 11', scenes: lectureScenes('forwarding-gossip', 2, 3, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], { startMs: 84.48, pxPerMs: 2.384 }), shown: [] },
    // Lecture 004, step 10 (its answer shown): "node2 failed" on the cursor's line and the network's heal, into node3's cross.
    { name: 'the trade-off table, step 10', scenes: lectureScenes('quorum-tradeoffs', 0, 9, ['node1', 'node2', 'node3'], { startMs: 95.22, pxPerMs: 7.749 }), shown: ['node2 failed'] },
    // Lecture 004, step 32: "node3 failed" struck through by node2's get to node3.
    { name: 'the trade-off table, step 32', scenes: lectureScenes('quorum-tradeoffs', 2, 6, ['node1', 'node2', 'node3'], { startMs: 44.18, pxPerMs: 1.0332 }), shown: [] },
  ];

  it.each(steps)("$name: no line runs through a fault's words, and they cover no mark and no other label", ({ scenes, shown }) => {
    for (const { scene, nowY } of scenes) {
      const labels = labelBoxes(scene);
      for (const f of scene.faults.filter((f) => f.words)) {
        const words: Box = { x: f.words!.x, y: f.words!.y - LABEL_PX / 2, width: f.words!.width, height: LABEL_PX };
        expect(underFaultWords(scene, words, nowY), `under "${f.text}"`).toEqual([]);
        expect(labels.filter((l) => l.what !== f.text && boxesOverlap(l.box, words)).map((l) => l.what), `over "${f.text}"`).toEqual([]);
      }
      // A fault the step's narration turns on keeps its words: a clear place is near its mark.
      for (const text of shown) expect(scene.faults.find((f) => f.text === text)?.words, text).toBeTruthy();
    }
  });

  it.each(steps)("$name: no other arrow runs along a message's name (within 30° of it), which would read as that arrow's", ({ scenes }) => {
    let named = 0;
    for (const { scene } of scenes) {
      for (const a of scene.arrows.filter((a) => a.label)) {
        named++;
        const w = labelWidth(a.a.label, LABEL_PX);
        const name: Box = { x: a.label!.x - w / 2, y: a.label!.y - LABEL_PX / 2, width: w, height: LABEL_PX, angle: (a.label!.angleDeg * Math.PI) / 180 };
        const along = scene.arrows.filter((o) => {
          if (o === a || lengthInBox(o, name) < 4) return false;
          const apart = Math.abs(((((Math.atan2(o.y2 - o.y1, o.x2 - o.x1) * 180) / Math.PI - a.label!.angleDeg + 270) % 180) - 90));
          return apart < 30;
        });
        expect(along.map((o) => `${o.a.label} ${o.a.from}→${o.a.to}`), `along ${a.a.label} ${a.a.from}→${a.a.to}`).toEqual([]);
      }
    }
    expect(named).toBeGreaterThan(0);
  });
});
