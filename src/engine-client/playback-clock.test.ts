import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boostedAnchor, playbackBoost, playbackTarget, QUIET_BOOST, quietPlay, tween } from './playback-clock';
import { opsBetween } from './workload';
import { backgroundKeys } from '../panels/session/session-config';

describe('playback clock', () => {
  it('moves virtual time at the chosen speed', () => {
    expect(playbackTarget({ wallMs: 1000, virtualMs: 50, speed: 20 }, 1500, 1e9, 1e9)).toBe(60);
  });

  it('waits for the engine rather than running far ahead of it', () => {
    expect(playbackTarget({ wallMs: 0, virtualMs: 0, speed: 1000 }, 5000, 100, 250)).toBe(350);
  });

  it('never moves back: a frame stamped before Play was pressed leaves the clock where it was', () => {
    // requestAnimationFrame's time stamp is the frame's start, which can precede performance.now() at Play.
    expect(playbackTarget({ wallMs: 1000, virtualMs: 50, speed: 100 }, 996, 1e9, 1e9)).toBe(50);
  });

  it('runs faster only in free play, with nothing the log shows in flight and no background clients', () => {
    const quiet = { isFreePlay: true, workload: 0, speed: 20, isShownInFlight: false };
    expect(playbackBoost(quiet)).toBe(QUIET_BOOST);
    expect(QUIET_BOOST).toBeGreaterThan(1);
    expect(playbackBoost({ ...quiet, isShownInFlight: true })).toBe(1);
    expect(playbackBoost({ ...quiet, workload: 20 })).toBe(1);
    expect(playbackBoost({ ...quiet, isFreePlay: false })).toBe(1);
    // At real time a timeout passes in a blink: no boost there.
    expect(playbackBoost({ ...quiet, speed: 100 })).toBe(QUIET_BOOST);
    expect(playbackBoost({ ...quiet, speed: 1000 })).toBe(1);
  });

  it('re-anchors where the clock stands when the boost changes, so the clock goes on from there without a jump', () => {
    const anchor = { wallMs: 0, virtualMs: 0, speed: 20 };
    expect(boostedAnchor(anchor, 500, 10, 20, 1)).toBe(anchor);
    const fast = boostedAnchor(anchor, 500, 10, 20, QUIET_BOOST);
    expect(fast).toEqual({ wallMs: 500, virtualMs: 10, speed: 20 * QUIET_BOOST });
    expect(playbackTarget(fast, 500, 1e9, 1e9)).toBe(10);
    expect(playbackTarget(fast, 600, 1e9, 1e9)).toBe(10 + 0.1 * 20 * QUIET_BOOST);
  });

  it('boosted, caps the clock at the next event, so what it sends is drawn before the clock goes on', () => {
    const state = { isFreePlay: true, workload: 0, speed: 20, isShownInFlight: false, nextEventMs: 42 };
    expect(quietPlay({ wallMs: 0, virtualMs: 0, speed: 20 }, 100, 10, state)).toMatchObject({ boost: QUIET_BOOST, cap: 42 });
    expect(quietPlay({ wallMs: 0, virtualMs: 0, speed: 20 }, 100, 10, { ...state, nextEventMs: null }).cap).toBe(Infinity);
    expect(quietPlay({ wallMs: 0, virtualMs: 0, speed: 20 }, 100, 50, state).cap).toBe(50); // never behind the clock
    expect(quietPlay({ wallMs: 0, virtualMs: 0, speed: 20 }, 100, 10, { ...state, isShownInFlight: true })).toMatchObject({ boost: 1, cap: Infinity });
  });

  it('glides from one event’s time to the next', () => {
    expect(tween(10, 20, 0)).toBe(10);
    expect(tween(10, 20, 0.5)).toBe(15);
    expect(tween(10, 20, 2)).toBe(20);
  });

  it('lands exactly on the event\'s time, so the clock and the log round it alike', () => {
    // 44.87 + (4.65 − 44.87) is 4.649999…: the clock read 4.6 ms beside the log's 4.7 ms.
    expect(tween(44.87, 4.65, 1)).toBe(4.65);
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }), (from, to, t) => tween(from, to, t) === to));
  });
});

describe('background clients', () => {
  const keys = ['a', 'b'];

  it('issues puts and gets on the stored keys at the chosen rate, each at its own time', () => {
    // 100 ops/s: one every 10 ms, at 10, 20, 30 … of virtual time.
    expect(opsBetween(0, 5, 100, keys)).toHaveLength(0);
    expect(opsBetween(5, 10, 100, keys).map((o) => o.atMs)).toEqual([10]);
    const ops = opsBetween(0, 1000, 100, keys);
    expect(ops).toHaveLength(100);
    expect(ops.map((o) => o.atMs).slice(0, 3)).toEqual([10, 20, 30]);
    expect(new Set(ops.map((o) => o.input.type))).toEqual(new Set(['put', 'get']));
    expect(new Set(ops.map((o) => ('key' in o.input ? o.input.key : '')))).toEqual(new Set(['a', 'b']));
    expect(opsBetween(0, 1000, 0, keys)).toEqual([]);
  });

  it("spread over the ring: a hundred keys of their own, or a preset's preloaded keys, never the lecturer's", () => {
    const own = backgroundKeys('teaching');
    expect(own).toHaveLength(100);
    const used = opsBetween(0, 10_000, 100, own).map((o) => ('key' in o.input ? o.input.key : ''));
    expect(used.every((k) => /^key:(\d|[1-9]\d)$/.test(k))).toBe(true);
    expect(new Set(used).size).toBeGreaterThan(90);
    expect(backgroundKeys('md5-32-keys')).toHaveLength(2000);
    expect(backgroundKeys('md5-32-keys')[0]).toBe('user:1');
  });

  it('gives the same operations however playback cuts time into frames (property)', () => {
    // Frames of any lengths: the operations over a second are those of the second in one piece.
    fc.assert(
      fc.property(fc.constantFrom(20, 200, 1000, 30, 7), fc.array(fc.double({ min: 0.1, max: 80, noNaN: true }), { minLength: 1, maxLength: 200 }), (rate, frames) => {
        const whole = opsBetween(0, 1000, rate, keys);
        const ops = [];
        let t = 0;
        for (const f of frames) {
          const next = Math.min(1000, t + f);
          ops.push(...opsBetween(t, next, rate, keys));
          t = next;
        }
        ops.push(...opsBetween(t, 1000, rate, keys));
        expect(ops).toEqual(whole);
      }),
    );
  });
});
