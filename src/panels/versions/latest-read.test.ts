import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/index';
import { TraceIndex } from '../../store/trace-index';
import { editedValue, lastWriteWinsOf, latestRead, mergedCart, valueText, writtenBack } from './latest-read';

const get = (seq: number, key: string, versions: unknown[]): TraceEvent => ({ seq, atMs: seq, kind: 'op-end', node: null, causeSeq: null, opId: seq, op: 'get', key, ok: true, latencyMs: 1, coordinator: 'node1', versions }) as unknown as TraceEvent;

const d2 = { id: 2, value: ['basketball', 'shoes'], clock: [{ node: 'node1', counter: 1, atMs: 0 }, { node: 'node2', counter: 1, atMs: 1 }] };
const d3 = { id: 3, value: ['basketball', 'ps5'], clock: [{ node: 'node1', counter: 1, atMs: 0 }, { node: 'node4', counter: 1, atMs: 2 }] };

describe('latest read', () => {
  it('finds the last get of the key before the cursor, with the merged context and cart', () => {
    const trace = [get(0, 'cart', [d2]), get(1, 'other', []), get(2, 'cart', [d2, d3]), get(3, 'cart', [d3])];
    const read = latestRead(TraceIndex.of(trace), 3, 'cart')!;
    expect(read.versions.map((v) => v.id)).toEqual([2, 3]);
    expect(read.context.map((e) => `${e.node}:${e.counter}`).sort()).toEqual(['node1:1', 'node2:1', 'node4:1']);
    expect(mergedCart(read)).toEqual(['basketball', 'shoes', 'ps5']);
    expect(latestRead(TraceIndex.of(trace), 0, 'cart')).toBeNull();
  });

  it('forgets a get the timeline dropped (a cut, then a new future)', () => {
    const index = TraceIndex.of([get(0, 'cart', [d2]), get(1, 'cart', [d3])]);
    index.apply(1, [get(1, 'other', [])]);
    expect(latestRead(index, 2, 'cart')!.versions.map((v) => v.id)).toEqual([2]);
    index.apply(0, []);
    expect(latestRead(index, 2, 'cart')).toBeNull();
  });
});

describe('the write-back of a reconciled read', () => {
  const context = [...d2.clock.slice(0, 1), d2.clock[1]!, d3.clock[1]!];
  const putStart = (seq: number, ctx: unknown[]): TraceEvent => ({ seq, atMs: seq, kind: 'op-start', node: 'node1', causeSeq: null, opId: seq, op: 'put', key: 'cart', via: 'node1', value: [], context: ctx }) as unknown as TraceEvent;
  const putEnd = (seq: number, opId: number, version: unknown): TraceEvent => ({ seq, atMs: seq, kind: 'op-end', node: 'node1', causeSeq: null, opId, op: 'put', key: 'cart', ok: true, latencyMs: 1, coordinator: 'node1', version }) as unknown as TraceEvent;
  const d4 = { id: 4, value: ['basketball', 'shoes', 'ps5'], clock: [{ node: 'node1', counter: 2, atMs: 3 }, d2.clock[1], d3.clock[1]] };

  it("is the version a put carrying the read's context wrote, once it is written", () => {
    const trace = [get(0, 'cart', [d2, d3]), putStart(1, context), putEnd(2, 1, d4)];
    const read = latestRead(TraceIndex.of(trace), 3, 'cart')!;
    expect(writtenBack(TraceIndex.of(trace), 3, 'cart', read)?.id).toBe(4);
    expect(writtenBack(TraceIndex.of(trace), 2, 'cart', read)).toBeNull();
  });

  it('is not a put made before the read', () => {
    const trace = [putStart(0, context), putEnd(1, 0, d4), get(2, 'cart', [d2, d3])];
    expect(writtenBack(TraceIndex.of(trace), 3, 'cart', latestRead(TraceIndex.of(trace), 3, 'cart')!)).toBeNull();
  });

  it('ignores a put that did not carry the whole context', () => {
    const trace = [get(0, 'cart', [d2, d3]), putStart(1, d2.clock), putEnd(2, 1, d4)];
    expect(writtenBack(TraceIndex.of(trace), 3, 'cart', latestRead(TraceIndex.of(trace), 3, 'cart')!)).toBeNull();
  });
});

describe('the client edits a merge', () => {
  it('shows a cart as its items and reads an edit back as a list', () => {
    expect(valueText(['basketball', 'shoes', 'ps5'])).toBe('basketball, shoes, ps5');
    expect(editedValue('basketball,  ps5 , ,', ['basketball', 'shoes', 'ps5'])).toEqual(['basketball', 'ps5']);
  });

  it('a cart whose items hold commas is shown as JSON and read back whole, unedited or edited', () => {
    // Put "shoes, socks" and "shoes, hat" (each one item), merged: splitting the JSON text at its commas stored ["[\"shoes", "socks\"", …].
    const merged = ['shoes, socks', 'shoes, hat'];
    expect(valueText(merged)).toBe('["shoes, socks","shoes, hat"]');
    expect(editedValue(valueText(merged), merged)).toEqual(merged);
    expect(editedValue('["shoes, socks", "hat"]', merged)).toEqual(['shoes, socks', 'hat']);
    // Not JSON after all: read as a list.
    expect(editedValue('[shoes, hat', merged)).toEqual(['[shoes', 'hat']);
    // A plain cart is read as it was shown, items separated by commas: an item that looks like JSON stays text.
    expect(editedValue(valueText(['[1]', 'hat']), ['[1]', 'hat'])).toEqual(['[1]', 'hat']);
    expect(editedValue('[gift] socks, hat', ['[gift] socks', 'hat'])).toEqual(['[gift] socks', 'hat']);
  });

  it('reads anything else as JSON, or as the text itself', () => {
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    expect(editedValue('{"a": 2}', { a: 1 })).toEqual({ a: 2 });
    expect(editedValue('hat', 'cap')).toBe('hat');
  });
});

describe('last write wins on a read', () => {
  it('keeps the latest timestamp and names the items the other sibling silently loses', () => {
    const read = latestRead(TraceIndex.of([get(0, 'cart', [d2, d3])]), 1, 'cart')!;
    const lww = lastWriteWinsOf(read);
    expect(lww.winner.id).toBe(3);
    expect(lww.lost.map((v) => v.id)).toEqual([2]);
    expect(lww.lostItems).toEqual(['shoes']);
    expect(lww.stamp).toEqual({ node: 'node4', atMs: 2 });
  });
});
