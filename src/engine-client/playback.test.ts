import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { playbackTarget, tween } from './playback-clock';
import { Workload } from './workload';

describe('playback clock', () => {
  it('moves virtual time at the chosen speed', () => {
    expect(playbackTarget({ wallMs: 1000, virtualMs: 50, speed: 20 }, 1500, 1e9, 1e9)).toBe(60);
  });

  it('waits for the engine rather than running far ahead of it', () => {
    expect(playbackTarget({ wallMs: 0, virtualMs: 0, speed: 1000 }, 5000, 100, 250)).toBe(350);
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
  it('issues puts and gets on the stored keys at the chosen rate, carrying fractions over', () => {
    const load = new Workload(7);
    const keys = [{ key: 'a' }, { key: 'b' }];
    expect(load.opsFor(5, 100, keys)).toHaveLength(0);
    expect(load.opsFor(5, 100, keys)).toHaveLength(1);
    const ops = load.opsFor(1000, 100, keys);
    expect(ops).toHaveLength(100);
    expect(new Set(ops.map((o) => o.type))).toEqual(new Set(['put', 'get']));
    expect(ops.every((o) => 'key' in o && (o.key === 'a' || o.key === 'b'))).toBe(true);
    expect(load.opsFor(1000, 0, keys)).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    expect(new Workload(3).opsFor(100, 100, [{ key: 'a' }, { key: 'b' }])).toEqual(new Workload(3).opsFor(100, 100, [{ key: 'a' }, { key: 'b' }]));
  });
});
