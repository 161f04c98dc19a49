import { describe, expect, it } from 'vitest';
import type { MessageView, Range } from '../../engine/index';
import { TraceIndex } from '../../store/trace-index';
import type { MerkleReply } from '../../worker/protocol';
import { latestExchange, type ExchangeProgress } from './merkle-exchange';
import { RING_CHANGED_AFTER_EXCHANGE } from './merkle-fixtures';
import { PageSide } from './merkle-testing';
import { repairedText, writesOnTheWay, type RingNow } from './merkle-text';

const message = (label: string, to = 'B'): MessageView => ({ id: 1, from: 'C', to, sentAtMs: 0, deliverAtMs: 10, type: 'put', label, traffic: 'replication', isDoomed: false, doomedBy: null });
const progress = (differingKeys: string[]): ExchangeProgress => ({ a: 'A', b: 'B', ranges: [], levels: [], keyMessages: [], hashesCompared: 0, bytesExchanged: 0, bytesFullTransfer: null, isDone: true, isOk: true, differingKeys });

describe('writesOnTheWay', () => {
  it('counts writes of a differing key on their way to either replica, its name quoted as the message labels quote it', () => {
    expect(writesOnTheWay([message('put(cart)'), message('repair(cart)', 'A'), message('put(hat)')], progress(['cart']))).toBe(2);
    expect(writesOnTheWay([message('put("my cart")'), message('hinted "my cart" for C')], progress(['my cart']))).toBe(2);
  });
});

describe('repairedText: what an exchange left, said of the ranges it compared, as the ring is now', () => {
  /** The teaching ring's names of ranges; `left`: the nodes no longer members. */
  const ring = (...left: string[]): RingNow => ({ rangeName: ([start, end]) => `(${start}, ${end}]`, hasLeft: (node) => left.includes(node) });

  it("the reviewer's free play: after E joins and B is removed, A and C no longer share (230, 458], and no root is \"the same as C's\"", () => {
    const page = new PageSide();
    page.send({ type: 'load', session: RING_CHANGED_AFTER_EXCHANGE });
    const latest = latestExchange(TraceIndex.of(page.trace), page.upTo)!;
    expect(latest).toMatchObject({ a: 'A', b: 'C', isStale: false, repaired: ['A'] });
    const compared = page.merkle('A', 'C', latest.exchangeId);
    const now = page.merkle('A', 'C');
    // C's tree of (230, 458], as it is now, holds cart; the only range A and C share now is (644, 20], empty on both.
    expect(compared.ranges).toEqual([[850, 20], [230, 458]]);
    expect(now.ranges).toEqual([[644, 20]]);
    const text = repairedText(latest.repaired, compared.ranges, now, ring());
    expect(text).toBe('The ring changed after the exchange: A and C no longer share (230, 458], and share (850, 20] now as part of (644, 20]. Below: the trees as compared.');
    expect(text).not.toContain('the same as');
  });

  /** The pair's trees now: one root per range (a tree of no levels below it), named as `names` gives them. */
  const reply = (ranges: Range[], a: string[], b: string[], names: Record<string, string> | null = null): MerkleReply => {
    const side = (node: string, roots: string[]) => ({ node, trees: roots.map((root, r) => ({ range: ranges[r]!, depth: 0, levels: [[root]], leafKeys: [[]] })), entries: roots.map(() => ({})), atSeq: null });
    return { type: 'merkle', id: 1, exchangeId: null, ranges, depth: 0, sides: [side('A', a), side('C', b)], names: ranges.map(() => names) };
  };

  it('a range compared that the pair still shares is the one whose roots it names, though they share others now', () => {
    // It compared both ranges they share now and said "The trees still differ" of (500, 600], which the exchange never compared.
    expect(repairedText(['A'], [[230, 458]], reply([[230, 458], [500, 600]], ['r', 'r'], ['r', 's'], { r: 'h4', s: 'h5' }), ring())).toBe("A's root is now h4, the same as C's. Below: the trees as compared.");
    expect(repairedText(['A'], [[500, 600]], reply([[230, 458], [500, 600]], ['r', 'r'], ['r', 's']), ring())).toBe('The trees still differ. Below: the trees as compared.');
  });

  it('a range split by a join is shared only in part; one the pair no longer shares is said first; one still shared says whether it agrees', () => {
    expect(repairedText(['A'], [[230, 458]], reply([[300, 458]], ['r'], ['r'], { r: 'h0' }), ring())).toBe('The ring changed after the exchange: A and C now share only part of (230, 458]. Below: the trees as compared.');
    expect(repairedText(['A'], [[230, 458], [850, 20]], reply([[850, 20]], ['r'], ['s']), ring())).toBe('The ring changed after the exchange: A and C no longer share (230, 458], and their trees over (850, 20] still differ. Below: the trees as compared.');
    // Within a range that takes in the whole ring: each of them holds every key.
    expect(repairedText(['A'], [[230, 458]], reply([[850, 850]], ['r'], ['r']), ring())).toBe('The ring changed after the exchange: A and C share (230, 458] now as part of (850, 850]. Below: the trees as compared.');
  });

  it('a pair that shares no range now, or one of which has left the ring, says so: not "The trees now agree" of no trees', () => {
    expect(repairedText(['A'], [[230, 458]], reply([], [], []), ring())).toBe('The ring changed after the exchange: A and C share no key range now. Below: the trees as compared.');
    expect(repairedText(['A'], [[230, 458]], reply([], [], []), ring('A'))).toBe('A has left the ring since the exchange: A and C share no key range now. Below: the trees as compared.');
  });
});
