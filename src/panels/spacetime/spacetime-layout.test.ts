import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ArrowRecord, FaultMark, OpRecord } from './spacetime-model';
import {
  boxesOverlap,
  segmentCrossesBox,
  lengthInBox,
  lineUnderName,
  labelWidth,
  type Box,
  arrowGeometry,
  arrowName,
  arrowState,
  arrowTarget,
  downSpans,
  fitAll,
  followCursor,
  showSpan,
  hiddenLanes,
  laneLayout,
  nearestSegment,
  opName,
  opOutcome,
  placeLabels,
  scrollBy,
  timeTicks,
  viewEndMs,
  yOf,
  zoomAround,
  MAX_PX_PER_MS,
  MIN_PX_PER_MS,
  laneHeads,
} from './spacetime-layout';
import { shortNodeNames } from '../../app/node-names';

const lanes = laneLayout(['A', 'B', 'C', 'D'], 400, 34);
const view = { startMs: 0, pxPerMs: 10 };
const y = (t: number) => yOf(view, t);

/** D sends put(cart) to A at 0 ms, due at 5 ms: trace index 3; delivered at index 6. */
const sent: ArrowRecord = { msgId: 2, index: 3, seq: 3, from: 'D', to: 'A', sendMs: 0, dueMs: 5, delays: [], label: 'put(cart)', traffic: 'replication', end: null };
const delivered: ArrowRecord = { ...sent, end: { index: 6, seq: 6, atMs: 5, kind: 'deliver' } };
const lost: ArrowRecord = { ...sent, end: { index: 4, seq: 4, atMs: 2.5, kind: 'drop', reason: 'user' } };

describe('lanes', () => {
  it('puts one lane per node, in order, across the width', () => {
    const xs = ['A', 'B', 'C', 'D'].map((id) => lanes.x.get(id)!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(lanes.laneWidth).toBe(100);
    expect(xs[0]).toBe(50);
  });

  it('keeps lanes readable when there are many nodes: wider than the space, to scroll across', () => {
    const many = laneLayout(Array.from({ length: 32 }, (_, i) => `n${i + 1}`), 420, 34);
    expect(many.laneWidth).toBe(34);
    expect(many.width).toBe(32 * 34);
    expect(hiddenLanes(many, 0, 420)).toEqual({ left: 0, right: 20 });
    expect(hiddenLanes(many, 34 * 20, 420)).toEqual({ left: 20, right: 0 });
    expect(hiddenLanes(lanes, 0, 400)).toEqual({ left: 0, right: 0 });
  });
});

describe('messages at the cursor', () => {
  it('draws nothing for a message not sent by the cursor (the recorded future)', () => {
    expect(arrowGeometry(delivered, 3, 10, lanes.x, y)).toBeNull();
    expect(arrowState(delivered, 3)).toBeNull();
  });

  it('draws a message in flight from its send to where it is now', () => {
    const g = arrowGeometry(delivered, 5, 2.5, lanes.x, y)!;
    expect(g.state).toBe('in-flight');
    expect(g.y1).toBe(0);
    expect(g.y2).toBe(25);
    expect(g.x2).toBeCloseTo((lanes.x.get('D')! + lanes.x.get('A')!) / 2);
  });

  it('draws a delivered message from send to delivery, whatever the clock', () => {
    expect(arrowGeometry(delivered, 7, 100, lanes.x, y)).toEqual({ x1: 350, y1: 0, x2: 50, y2: 50, state: 'delivered' });
  });

  it('ends a lost message where it was when lost', () => {
    const g = arrowGeometry(lost, 5, 100, lanes.x, y)!;
    expect(g.state).toBe('dropped');
    expect(g.x2).toBeCloseTo(200);
    expect(g.y2).toBe(25);
  });

  it('knows a delay only from the event that made it on', () => {
    const delayed: ArrowRecord = { ...sent, delays: [{ index: 5, dueMs: 45 }] };
    expect(arrowGeometry(delayed, 5, 10, lanes.x, y)!.x2).toBe(50);
    expect(arrowGeometry(delayed, 6, 10, lanes.x, y)!.x2).toBeCloseTo(350 - 300 * (10 / 45));
  });

  it('names an arrow for screen readers and tests: what, who to whom, when', () => {
    expect(arrowName(delivered, 'delivered')).toBe('put(cart) D → A, sent at 0.0 ms, delivered at 5.0 ms');
    expect(arrowName(lost, 'dropped')).toBe('put(cart) D → A, sent at 0.0 ms, lost at 2.5 ms (dropped by hand)');
    expect(arrowName(sent, 'in-flight')).toBe('put(cart) D → A, sent at 0.0 ms, in flight');
  });

  it('jumps to a message’s delivery, or to its send while its end is unknown', () => {
    expect(arrowTarget(delivered)).toBe(6);
    expect(arrowTarget(sent)).toBe(3);
  });
});

describe('client operations', () => {
  const op: OpRecord = { opId: 1, index: 0, seq: 0, op: 'get', key: 'cart', via: 'B', startMs: 0, end: { index: 20, seq: 20, atMs: 21, ok: true, latencyMs: 21, versionCount: 2 }, taken: null };

  it('colours by outcome at the cursor: waiting, then siblings', () => {
    expect(opOutcome(op, 0)).toBeNull();
    expect(opOutcome(op, 10)).toBe('pending');
    expect(opOutcome(op, 21)).toBe('siblings');
    expect(opOutcome({ ...op, end: { ...op.end!, versionCount: 1 } }, 21)).toBe('ok');
    expect(opOutcome({ ...op, end: { ...op.end!, ok: false } }, 21)).toBe('failed');
  });

  it('says the outcome in words', () => {
    expect(opName(op, 'siblings')).toBe('get(cart) via B: 2 versions (siblings) in 21.0 ms');
    expect(opName(op, 'pending')).toBe('get(cart) via B: waiting since 0.0 ms');
  });
});

describe('zoom, scroll and follow', () => {
  it('zooms around the pointer: the time under it stays under it', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 1e5, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), (startMs, pxPerMs, anchorPx, factor) => {
        const v = { startMs, pxPerMs };
        const z = zoomAround(v, anchorPx, factor);
        expect(z.pxPerMs).toBeGreaterThanOrEqual(MIN_PX_PER_MS);
        expect(z.pxPerMs).toBeLessThanOrEqual(MAX_PX_PER_MS);
        const before = startMs + anchorPx / pxPerMs;
        expect(z.startMs + anchorPx / z.pxPerMs).toBeCloseTo(before, 6);
      }),
    );
  });

  it('scrolls within the trace', () => {
    expect(scrollBy(view, 100, 500, 1000).startMs).toBe(10);
    expect(scrollBy(view, -1e6, 500, 1000).startMs).toBe(-5);
    expect(scrollBy(view, 1e9, 500, 1000).startMs).toBe(995);
  });

  it('follows the cursor when stepping: still while it is well inside, a page turn that shows it when it leaves', () => {
    expect(followCursor(view, 25, 500)).toBe(view);
    expect(yOf(followCursor(view, 60, 500), 60)).toBe(375);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 50, max: 2000, noNaN: true }), fc.boolean(), (cursorMs, pxPerMs, heightPx, isPlaying) => {
        const v = followCursor({ startMs: 0, pxPerMs }, cursorMs, heightPx, isPlaying);
        const at = yOf(v, cursorMs);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThanOrEqual(heightPx);
        // Settled: following again from where it put the view does not move it (the panel
        // derives the view while rendering; a view that kept moving would never settle).
        expect(followCursor(v, cursorMs, heightPx, isPlaying)).toBe(v);
        // Never further above time 0 than a tenth of the height.
        expect(v.startMs).toBeGreaterThanOrEqual((-0.1 * heightPx) / pxPerMs - 1e-9);
      }),
    );
    // Zoomed far out at the start of a run: time 0 a tenth of the way down, not "-300 ms" at the top.
    const out = followCursor({ startMs: 900, pxPerMs: 0.5 }, 20, 500);
    expect(out.startMs).toBe(-100);
    expect(yOf(out, 20)).toBe(60);
  });

  it('follows the cursor when playing: scrolls with it, held near the bottom', () => {
    expect(followCursor(view, 30, 500, true)).toBe(view);
    expect(yOf(followCursor(view, 45, 500, true), 45)).toBeCloseTo(425);
    expect(yOf(followCursor(view, 46, 500, true), 46)).toBeCloseTo(425);
  });

  it('fits the whole trace', () => {
    const v = fitAll(2000, 500);
    expect(v.startMs).toBeLessThanOrEqual(0);
    expect(viewEndMs(v, 500)).toBeGreaterThanOrEqual(2000);
  });

  it('labels the time axis in ms', () => {
    const ticks = timeTicks(view, 500);
    expect(ticks[0]).toEqual({ y: 0, label: '0 ms' });
    expect(ticks.map((t) => t.label)).toContain('20 ms');
  });
});

describe('faults', () => {
  const f = (index: number, kind: FaultMark['kind'], node: string | null, atMs: number): FaultMark => ({ index, seq: index, atMs, node, kind });

  it('greys a lane while its node is down, up to its recovery if the cursor has seen it', () => {
    const faults = [f(0, 'failed', 'B', 10), f(1, 'partitioned', null, 12), f(2, 'recovered', 'B', 30), f(3, 'destroyed', 'C', 40)];
    expect(downSpans(faults, 1)).toEqual([{ node: 'B', fromMs: 10, toMs: null, isDestroyed: false }]);
    expect(downSpans(faults, 4)).toEqual([
      { node: 'B', fromMs: 10, toMs: 30, isDestroyed: false },
      { node: 'C', fromMs: 40, toMs: null, isDestroyed: true },
    ]);
  });
});

describe('labels and picking', () => {
  it('never shows two overlapping labels, and takes a label’s first free place', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 300 }), y: fc.integer({ min: 0, max: 300 }), width: fc.integer({ min: 1, max: 80 }), height: fc.integer({ min: 1, max: 20 }) });
    fc.assert(
      fc.property(fc.array(fc.array(box, { minLength: 1, maxLength: 3 }), { maxLength: 30 }), (candidates) => {
        const chosen = placeLabels(candidates);
        const shown = candidates.flatMap((boxes, i) => (chosen[i]! >= 0 ? [boxes[chosen[i]!]!] : []));
        for (const a of shown) for (const b of shown) if (a !== b) expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).toBe(false);
        if (candidates.length > 0) expect(chosen[0]).toBe(0);
      }),
    );
    const a = { x: 0, y: 0, width: 10, height: 10 };
    const b = { x: 20, y: 0, width: 10, height: 10 };
    expect(placeLabels([[a], [a, b], [a, b]])).toEqual([0, 1, -1]);
  });

  it('picks the arrow nearest a click, within reach', () => {
    const segments = [
      { x1: 0, y1: 0, x2: 100, y2: 100 },
      { x1: 0, y1: 100, x2: 100, y2: 0 },
    ];
    expect(nearestSegment(segments, 10, 12, 6)).toBe(0);
    expect(nearestSegment(segments, 90, 12, 6)).toBe(1);
    expect(nearestSegment(segments, 50, 90, 6)).toBe(-1);
  });
});

describe('showing a lecture step whole', () => {
  const h = 400;
  it('moves and zooms out just enough that the step spans from near the top to three quarters down, where following keeps it', () => {
    const view = { startMs: 150, pxPerMs: 12 };
    const shown = showSpan(view, 20, 165, h);
    expect(yOf(shown, 20)).toBeCloseTo(0.08 * h);
    expect(yOf(shown, 165)).toBeLessThanOrEqual(0.75 * h + 1e-9);
    expect(shown.pxPerMs).toBeLessThan(view.pxPerMs);
    expect(followCursor(shown, 165, h)).toBe(shown);
  });

  it('keeps the view when the step is in it already, and never zooms in', () => {
    const view = { startMs: 0, pxPerMs: 2 };
    expect(showSpan(view, 20, 100, h)).toBe(view);
    const far = showSpan({ startMs: 500, pxPerMs: 2 }, 20, 30, h);
    expect(far.pxPerMs).toBe(2);
    expect(yOf(far, 20)).toBeCloseTo(0.08 * h);
  });
});

describe('lane headers', () => {
  const MIXED8 = ['node10', 'server-a', 'dc1-node3', 'dc2-node12', 'backup-01', 'node7', 'eu-west-1a', 'cache-003'];
  it('show every id whole, at 15 px, while each fits its lane (lecture ids, as before)', () => {
    const ids = ['node1', 'node2', 'node3', 'node4', 'node5'];
    expect(laneHeads(ids, shortNodeNames(ids), 76).map((h) => [h.text, h.fontPx, h.width])).toEqual(ids.map((id) => [id, 15, 66]));
    expect(laneHeads(['A', 'B'], shortNodeNames(['A', 'B']), 190).map((h) => h.width)).toEqual([30, 30]);
  });

  it('show short names, all of them, once one id would run past its lane, never wider than the lane', () => {
    const heads = laneHeads(MIXED8, shortNodeNames(MIXED8), 47.5);
    expect(heads.map((h) => h.text)).toEqual(['n10', 'sa', 'n3', 'n12', 'b01', 'n7', 'w1a', 'c003']);
    for (const h of heads) {
      expect(h.width).toBeLessThanOrEqual(43.5);
      expect(([...h.text].length * 10 * h.fontPx) / 15).toBeLessThanOrEqual(h.width - 6);
    }
  });
});

describe('lane headers of short ids', () => {
  it('keep the MD5 ring’s n1…n32 at 15 px in its 36 px lanes, as before', () => {
    const ids = Array.from({ length: 32 }, (_, i) => `n${i + 1}`);
    expect(new Set(laneHeads(ids, shortNodeNames(ids), 36).map((h) => `${h.fontPx} ${h.width}`))).toEqual(new Set(['15 32']));
  });
});

describe('turned boxes (a message name laid along its arrow)', () => {
  // A 100×20 box centred on (100, 100), turned 45°.
  const turned: Box = { x: 50, y: 90, width: 100, height: 20, angle: Math.PI / 4 };

  it('overlaps what lies along its turned length, and not what its upright self would have covered', () => {
    expect(boxesOverlap(turned, { x: 128, y: 128, width: 6, height: 6 })).toBe(true); // 40 px down its length
    const offAxis = { x: 140, y: 95, width: 6, height: 6 };
    expect(boxesOverlap({ ...turned, angle: undefined }, offAxis)).toBe(true); // upright, it reaches here
    expect(boxesOverlap(turned, offAxis)).toBe(false);
    expect(boxesOverlap(offAxis, turned)).toBe(false);
  });

  it('is crossed by a segment through its middle, across it, and not by one running beside it', () => {
    expect(segmentCrossesBox({ x1: 60, y1: 140, x2: 140, y2: 60 }, turned)).toBe(true);
    expect(segmentCrossesBox({ x1: 40, y1: 60, x2: 140, y2: 160 }, turned)).toBe(false); // parallel, 14 px off its axis
    expect(segmentCrossesBox({ x1: 40, y1: 60, x2: 140, y2: 160 }, { ...turned, angle: undefined })).toBe(true);
  });

  it('measures how much of a segment lies inside it: all of its turned length along it, its height across it, nothing past it', () => {
    // Along its axis, from end to end and beyond: the box's 100 px length.
    expect(lengthInBox({ x1: 30, y1: 30, x2: 170, y2: 170 }, turned)).toBeCloseTo(100, 6);
    // Straight across it, through its middle: its 20 px height.
    expect(lengthInBox({ x1: 60, y1: 140, x2: 140, y2: 60 }, turned)).toBeCloseTo(20, 6);
    expect(lengthInBox({ x1: 40, y1: 60, x2: 140, y2: 160 }, turned)).toBe(0);
    // Upright, a level segment ending inside: the part inside only.
    expect(lengthInBox({ x1: 0, y1: 10, x2: 30, y2: 10 }, { x: 20, y: 0, width: 40, height: 20 })).toBeCloseTo(10, 6);
  });

  const upright = fc.record({ x: fc.integer({ min: 0, max: 100 }), y: fc.integer({ min: 0, max: 100 }), width: fc.integer({ min: 1, max: 60 }), height: fc.integer({ min: 1, max: 60 }) });
  /** Turned half a turn: the same rectangle, but through the turned-box path. */
  const halfTurn = (b: Box): Box => ({ ...b, angle: Math.PI });
  const apartBy = (a: Box, b: Box) => Math.max(a.x - (b.x + b.width), b.x - (a.x + a.width), a.y - (b.y + b.height), b.y - (a.y + a.height));

  it('agree with the upright tests for a box turned half a turn (the same rectangle)', () => {
    fc.assert(
      fc.property(upright, upright, (a, b) => {
        fc.pre(Math.abs(apartBy(a, b)) > 1e-6); // touching edges are within rounding either way
        expect(boxesOverlap(halfTurn(a), b)).toBe(boxesOverlap(a, b));
        expect(boxesOverlap(a, halfTurn(b))).toBe(boxesOverlap(a, b));
      }),
    );
    fc.assert(
      fc.property(upright, fc.integer({ min: -20, max: 180 }), fc.integer({ min: -20, max: 180 }), fc.integer({ min: -20, max: 180 }), fc.integer({ min: -20, max: 180 }), (b, x1, y1, x2, y2) => {
        const s = { x1: x1 + 0.5, y1: y1 + 0.25, x2: x2 + 0.25, y2: y2 + 0.5 }; // off the integer grid: no grazing
        expect(segmentCrossesBox(s, halfTurn(b))).toBe(segmentCrossesBox(s, b));
      }),
    );
  });
});

describe('the stretch of an arrow under its own name', () => {
  const name = 'hinted cart for D';
  const width = labelWidth(name, 14);

  it('is the arrow across the width of a name lying on it, level or turned along it', () => {
    expect(lineUnderName({ x1: 0, y1: 100, x2: 400, y2: 100 }, 200, 100, 0, name, 14)).toEqual({ x1: 200 - width / 2, y1: 100, x2: 200 + width / 2, y2: 100 });
    const turned = lineUnderName({ x1: 0, y1: 0, x2: 300, y2: 150 }, 150, 75, (Math.atan2(150, 300) * 180) / Math.PI, name, 14)!;
    expect(Math.hypot(turned.x2 - turned.x1, turned.y2 - turned.y1)).toBeCloseTo(width, 6);
    expect((turned.x1 + turned.x2) / 2).toBeCloseTo(150, 6);
  });

  it('is only the bit across the letters of an upright name on a steep arrow', () => {
    const under = lineUnderName({ x1: 100, y1: 0, x2: 100, y2: 200 }, 100, 100, 0, 'get(row)', 14);
    expect(under).toEqual({ x1: 100, y1: 93, x2: 100, y2: 107 });
  });

  it('is none for a name beside its arrow, or on another line', () => {
    expect(lineUnderName({ x1: 0, y1: 100, x2: 400, y2: 100 }, 200, 90, 0, name, 14)).toBeNull();
    expect(lineUnderName({ x1: 0, y1: 100, x2: 400, y2: 100 }, 600, 100, 0, name, 14)).toBeNull();
  });
});
