import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, type Scheduled } from './event-queue';

/** Entries with unique seqs, pushed in a random order; small times so that ties are common. */
const entriesArb = fc
  .array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 })
  .map((times) => times.map((atMs, seq) => ({ atMs, seq, item: `e${seq}` })))
  .chain((entries) => fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }));

const byTimeThenSeq = (a: Scheduled<string>, b: Scheduled<string>) => a.atMs - b.atMs || a.seq - b.seq;

function drain<T>(q: EventQueue<T>): Scheduled<T>[] {
  const out: Scheduled<T>[] = [];
  for (let e = q.pop(); e; e = q.pop()) out.push(e);
  return out;
}

function queueOf(entries: readonly Scheduled<string>[]): EventQueue<string> {
  const q = new EventQueue<string>();
  for (const e of entries) q.push(e);
  return q;
}

describe('EventQueue', () => {
  it('pops in (atMs, seq) order, like sorting', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const q = queueOf(entries);
        expect(q.size).toBe(entries.length);
        expect(drain(q)).toEqual([...entries].sort(byTimeThenSeq));
        expect(q.size).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('interleaved pushes and pops behave like a sorted list', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant('pop' as const)), { maxLength: 80 }), (commands) => {
        const q = new EventQueue<string>();
        let model: Scheduled<string>[] = [];
        let seq = 0;
        for (const c of commands) {
          if (c === 'pop') {
            expect(q.peek()).toEqual(model[0]);
            expect(q.pop()).toEqual(model.shift());
          } else {
            const e = { atMs: c, seq: seq++, item: `e${seq}` };
            q.push(e);
            model = [...model, e].sort(byTimeThenSeq);
          }
          expect(q.size).toBe(model.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('with lanes named for some pushes (in order or not), still behaves like a sorted list', () => {
    const command = fc.oneof(fc.record({ atMs: fc.integer({ min: 0, max: 10 }), lane: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }) }), fc.constant('pop' as const), fc.constant('remove' as const));
    fc.assert(
      fc.property(fc.array(command, { maxLength: 120 }), (commands) => {
        const q = new EventQueue<string>();
        let model: Scheduled<string>[] = [];
        let seq = 0;
        for (const c of commands) {
          if (c === 'pop') {
            expect(q.peek()).toEqual(model[0]);
            expect(q.pop()).toEqual(model.shift());
          } else if (c === 'remove') {
            const matches = (item: string) => Number(item.slice(1)) % 4 === 0;
            expect(q.removeWhere(matches)).toBe(model.filter((e) => matches(e.item)).length);
            model = model.filter((e) => !matches(e.item));
          } else {
            const e = { atMs: c.atMs, seq: seq++, item: `e${seq}` };
            q.push(e, c.lane);
            model = [...model, e].sort(byTimeThenSeq);
          }
          expect(q.size).toBe(model.length);
          expect(q.toSortedArray()).toEqual(model);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a lane holds thousands of entries in order through many pops (its front is dropped as it goes)', () => {
    const q = new EventQueue<number>();
    let seq = 0;
    const popped: number[] = [];
    for (let t = 0; t < 5000; t++) {
      q.push({ atMs: t + 300, seq: seq++, item: t + 300 }, 0);
      q.push({ atMs: t + (t % 7), seq: seq++, item: t + (t % 7) });
      while ((q.peek()?.atMs ?? Infinity) <= t) popped.push(q.pop()!.item);
    }
    for (let e = q.pop(); e; e = q.pop()) popped.push(e.item);
    expect(popped).toHaveLength(10_000);
    expect(popped).toEqual([...popped].sort((a, b) => a - b));
  });

  it('keeps the scheduling order of events at the same millisecond', () => {
    const q = queueOf([
      { atMs: 5, seq: 2, item: 'c' },
      { atMs: 5, seq: 0, item: 'a' },
      { atMs: 1, seq: 9, item: 'first' },
      { atMs: 5, seq: 1, item: 'b' },
    ]);
    expect(drain(q).map((e) => e.item)).toEqual(['first', 'a', 'b', 'c']);
  });

  it('pop() and peek() on an empty queue give undefined', () => {
    const q = new EventQueue<string>();
    expect(q.peek()).toBeUndefined();
    expect(q.pop()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('removeWhere removes exactly the matching entries and keeps the order of the rest', () => {
    fc.assert(
      fc.property(entriesArb, fc.integer({ min: 0, max: 20 }), (entries, cutoff) => {
        const q = queueOf(entries);
        const matches = (item: string) => Number(item.slice(1)) % 3 === cutoff % 3;
        const removed = q.removeWhere(matches);
        const kept = entries.filter((e) => !matches(e.item));
        expect(removed).toBe(entries.length - kept.length);
        expect(q.size).toBe(kept.length);
        expect(drain(q)).toEqual(kept.sort(byTimeThenSeq));
      }),
      { numRuns: 100 },
    );
  });

  it('removeWhere with no match returns 0 and leaves the queue alone', () => {
    const q = queueOf([
      { atMs: 3, seq: 0, item: 'a' },
      { atMs: 1, seq: 1, item: 'b' },
    ]);
    expect(q.removeWhere(() => false)).toBe(0);
    expect(drain(q).map((e) => e.item)).toEqual(['b', 'a']);
  });

  it('toSortedArray is the pop order and does not change the queue', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const q = queueOf(entries);
        const sorted = q.toSortedArray();
        expect(sorted).toEqual([...entries].sort(byTimeThenSeq));
        expect(q.size).toBe(entries.length);
        expect(q.toSortedArray()).toEqual(sorted);
        expect(drain(q)).toEqual(sorted);
      }),
      { numRuns: 100 },
    );
  });
});
