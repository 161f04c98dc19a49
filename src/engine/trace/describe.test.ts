import { describe, expect, it } from 'vitest';
import { Cluster, describe as describeEvent, messageLabel, type MessageBody, type TraceEvent } from '../index';
import { FOUR_NODE_RING } from '../testing/fixtures';

describe("the trace's words", () => {
  it('names the siblings a replica replies with in the order they were made, whatever order it keeps them in', () => {
    const reply = (ids: readonly number[]) =>
      ({ seq: 9, atMs: 10, node: 'C', causeSeq: 8, kind: 'send', msgId: 4, from: 'C', to: 'A', deliverAtMs: 20, body: { type: 'get-reply', opId: 1, key: 'cart', versions: ids.map((id) => ({ id })) } }) as unknown as TraceEvent;
    expect(describeEvent(reply([3, 2]))).toBe('C replies to A with D2, D3 of cart');
    expect(describeEvent(reply([2, 3]))).toBe('C replies to A with D2, D3 of cart');
    expect(describeEvent(reply([]))).toBe('C replies to A with no version of cart');
  });

  it('names a key as it is, or quoted as JSON where it would split the line or blur where it ends', () => {
    const start = (key: string) => ({ seq: 0, atMs: 0, node: 'A', causeSeq: null, kind: 'op-start', opId: 1, op: 'get', key, via: 'A' }) as unknown as TraceEvent;
    expect(describeEvent(start('user:1'))).toBe('Client asks A to get user:1');
    expect(describeEvent(start('a\nb\u2028c'))).toBe('Client asks A to get "a\\nb\\u2028c"');
    expect(describeEvent(start('a\u0085b'))).toBe('Client asks A to get "a\\u0085b"');
    expect(describeEvent(start('my cart'))).toBe('Client asks A to get "my cart"');
    expect(describeEvent(start('a, b'))).toBe('Client asks A to get "a, b"');
    // In a list of keys, and in a message's label, as well.
    const ae = { seq: 5, atMs: 9, node: 'A', causeSeq: 4, kind: 'ae-done', exchangeId: 1, a: 'A', b: 'B', ok: true, differingKeys: ['x', 'y\nz'], bytesExchanged: 10, bytesFullTransfer: 100 } as unknown as TraceEvent;
    expect(describeEvent(ae)).toBe('Anti-entropy A–B done: 2 keys repaired (x, "y\\nz"); 10 bytes sent instead of 100');
    const refused = { seq: 6, atMs: 9, node: 'B', causeSeq: 5, kind: 'send', msgId: 7, from: 'B', to: 'A', deliverAtMs: 19, body: { type: 'transfer-ack', range: [1, 2], keys: ['k'], refused: ['p\nq'] } } as unknown as TraceEvent;
    expect(describeEvent(refused)).toBe('B acknowledges 1 key to A and refuses "p\\nq": B no longer holds it');
    const lost = { seq: 7, atMs: 9, node: 'B', causeSeq: 6, kind: 'drop', msgId: 8, from: 'A', to: 'B', body: { type: 'put', opId: 1, key: 'a\tb', version: { id: 1, clock: [], value: 1 } }, reason: 'loss' } as unknown as TraceEvent;
    expect(describeEvent(lost)).toBe('put("a\\tb") from A to B is lost (the network lost it)');
    const forward = { seq: 8, atMs: 9, node: 'A', causeSeq: 7, kind: 'deliver', msgId: 9, from: 'B', to: 'A', body: { type: 'forward', request: { opId: 1, op: 'get', key: 'a b', via: 'B', startedAtMs: 0 } } } as unknown as TraceEvent;
    expect(describeEvent(forward)).toBe('A receives get("a b") from B');
    // The label itself, as the ring and the space-time diagram draw it.
    expect(messageLabel({ type: 'get', opId: 1, key: 'a b' } as MessageBody)).toBe('get("a b")');
    expect(messageLabel({ type: 'get', opId: 1, key: 'cart' } as MessageBody)).toBe('get(cart)');
  });
});

describe('how a stored version came', () => {
  it('names the sender and the mechanism, its own hinted store, or nothing for a put', () => {
    const stored = (source?: object) => ({ seq: 3, atMs: 5, node: 'B', causeSeq: 2, kind: 'version-stored', key: 'cart', version: { id: 1, clock: [{ node: 'A', counter: 1, timestamp: 0 }], value: 1 }, superseded: [], siblings: [1], ...(source ? { source } : {}) }) as unknown as TraceEvent;
    expect(describeEvent(stored())).toBe('B stores cart D1 ([A,1])');
    expect(describeEvent(stored({ by: 'anti-entropy', from: 'C' }))).toBe('B stores cart D1 ([A,1]) from C by anti-entropy');
    expect(describeEvent(stored({ by: 'transfer', from: 'C' }))).toBe('B stores cart D1 ([A,1]) from C by range transfer');
    expect(describeEvent(stored({ by: 'read-repair', from: 'B' }))).toBe('B stores cart D1 ([A,1]) by read repair');
    // A stand-in that became a replica keeps its hint's versions: nobody handed them over.
    expect(describeEvent(stored({ by: 'hinted-handoff', from: 'B' }))).toBe('B stores cart D1 ([A,1]) from its hinted store');
    expect(describeEvent(stored({ by: 'hinted-handoff', from: 'D' }))).toBe('B stores cart D1 ([A,1]) from D by hinted handoff');
  });

  it('names how a version came that the node already had', () => {
    const ignored = (coveredBy: number, source?: object) => ({ seq: 3, atMs: 5, node: 'A', causeSeq: 2, kind: 'version-ignored', key: 'cart', version: { id: 1, clock: [], value: 1 }, coveredBy, ...(source ? { source } : {}) }) as unknown as TraceEvent;
    expect(describeEvent(ignored(1))).toBe('A already has D1: nothing to store');
    expect(describeEvent(ignored(1, { by: 'anti-entropy', from: 'C' }))).toBe('A already has D1 (from C by anti-entropy): nothing to store');
    expect(describeEvent(ignored(2, { by: 'hinted-handoff', from: 'B' }))).toBe('A already has D2, which descends from D1 (from B by hinted handoff): nothing to store');
    expect(describeEvent(ignored(1, { by: 'read-repair', from: 'A' }))).toBe('A already has D1 (by read repair): nothing to store');
  });
});

describe('every line is one line', () => {
  it('escapes a bidi control in a key or a value, as the runners write it', () => {
    const cluster = Cluster.create(FOUR_NODE_RING, 1);
    cluster.apply({ type: 'put', key: 'x\u202eabc', value: 'v\u202ew', via: 'A' });
    const line = describeEvent(cluster.trace.find((e) => e.kind === 'op-start')!);
    expect(line).toBe('Client asks A to put "x\\u202eabc" = "v\\u202ew"');
    expect(line).not.toMatch(/\p{Bidi_Control}/u);
  });
});
