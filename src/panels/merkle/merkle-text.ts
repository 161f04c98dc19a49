/**
 * The Merkle panel's sentences: where a comparison stands, what a repair left, and how many
 * writes of the differing keys are still on their way. Pure, so the lecture tests check them.
 */
import { inRange, keyName, type MessageView, type Range } from '../../engine/index';
import type { MerkleReply, MerkleSide } from '../../worker/protocol';
import type { ExchangeProgress } from './merkle-exchange';
import { shortHash } from './merkle-layout';
import { levelName } from './MerkleTreeView';

/**
 * What the sentence after "Done" needs of the ring as it is now: a range's name as the panel
 * gives it ("(230, 458]"), and whether a node has left the ring since the exchange.
 */
export interface RingNow {
  readonly rangeName: (range: Range) => string;
  readonly hasLeft: (node: string) => boolean;
}

/**
 * Once an exchange has repaired a replica, the trees drawn are the ones it compared, each
 * hash the repair changed followed by what it is now (lecture 001: Node1's "h0 → h3" once Node1
 * holds v2, see MerkleTreeView's HashText): one sentence after "Done" says what they are now, naming the roots as the trees name
 * their hashes ("Node1's root is now h4, the same as Node0's": `now`'s names carry on from the
 * exchange's, see `foldedNames`). `compared`: the exchange's ranges; `now`: the pair's trees
 * over the ranges it shares at the cursor, which are other ones once the ring has changed.
 */
export function repairedText(repaired: readonly string[], compared: readonly Range[], now: MerkleReply, ring: RingNow): string {
  // Said as well as drawn: a tree too big to draw whole shows the arrows only where its window reaches.
  return `${rootsNow(repaired, compared, now, ring)} Below: the trees as compared.`;
}

const rootOf = (side: MerkleSide, r: number) => side.trees[r]!.levels[0]![0]!;

function rootsNow(repaired: readonly string[], compared: readonly Range[], now: MerkleReply, ring: RingNow): string {
  const [a, b] = now.sides;
  // Each range compared, among the pair's now: a node joined or left since, and the pair may share it no longer,
  // only in part, or within a larger range. Their roots then stand for other keys, or for none.
  const at = compared.map(([start, end]) => now.ranges.findIndex(([s, e]) => s === start && e === end));
  if (at.some((r) => r < 0)) return rangesMoved(compared, at, now, ring);
  const isEqual = at.every((r) => rootOf(a, r) === rootOf(b, r));
  const names = at.length === 1 ? (now.names[at[0]!] ?? null) : null;
  if (!names) return isEqual ? 'The trees now agree.' : 'The trees still differ.';
  // A root the lecture leaves unnamed (over an empty half) is given by its hex digits.
  const root = (side: MerkleSide) => names[rootOf(side, at[0]!)] ?? shortHash(rootOf(side, at[0]!));
  if (repaired.length > 1) return isEqual ? `Both roots are now ${root(a)}.` : `Their roots are now ${root(a)} and ${root(b)}.`;
  const [fixed, other] = repaired[0] === a.node ? [a, b] : [b, a];
  return `${fixed.node}'s root is now ${root(fixed)}${isEqual ? `, the same as ${other.node}'s` : `; ${other.node}'s is ${root(other)}`}.`;
}

/**
 * After the ring changed (free play: E joins at 644 and A drops cart's range (230, 458]): what
 * became of each range compared, the ranges the pair no longer shares first. It said "A's
 * root is now ∅, the same as C's" of a range A and C still shared, (644, 20], where neither
 * held a key, beside C's tree of (230, 458] holding cart.
 */
function rangesMoved(compared: readonly Range[], at: readonly number[], now: MerkleReply, ring: RingNow): string {
  const [a, b] = now.sides;
  const pair = `${a.node} and ${b.node}`;
  if (now.ranges.length === 0) {
    const left = [a.node, b.node].filter(ring.hasLeft);
    const why = left.length === 0 ? 'The ring changed after the exchange' : `${left.join(' and ')} ${left.length === 1 ? 'has' : 'have'} left the ring since the exchange`;
    return `${why}: ${pair} share no key range now.`;
  }
  const clauses = compared.map((range, i) => {
    const name = ring.rangeName(range);
    const r = at[i]!;
    if (r >= 0) return { order: 3, text: `their trees over ${name} ${rootOf(a, r) === rootOf(b, r) ? 'now agree' : 'still differ'}` };
    const larger = now.ranges.find((shared) => isWithin(range, shared));
    if (larger) return { order: 2, text: `share ${name} now as part of ${ring.rangeName(larger)}` };
    if (now.ranges.some((shared) => overlap(range, shared))) return { order: 1, text: `now share only part of ${name}` };
    return { order: 0, text: `no longer share ${name}` };
  });
  const text = clauses.sort((x, y) => x.order - y.order).map((c) => c.text);
  return `The ring changed after the exchange: ${pair} ${text.join(', and ')}.`;
}

/** Whether ring range `inner` lies inside `outer` (both (start, end], wrapping past the ring's end when start ≥ end). */
function isWithin([start, end]: Range, outer: Range): boolean {
  // (850, 850]: the whole ring, which the pair shares when each of them holds every range.
  if (outer[0] === outer[1]) return true;
  if (!inRange(end, outer)) return false;
  // Starting where `outer` starts, or after it, and ending before `outer` comes round to that start again.
  return start === outer[0] || (inRange(start, outer) && !inRange(end, [outer[0], start]));
}

/** Whether two ring ranges hold a position in common. */
function overlap(x: Range, y: Range): boolean {
  return inRange(x[1], y) || inRange(y[1], x);
}

/** Writes in flight (a put, a repair, a handed-over hint) of a differing key to either replica of the pair. */
export function writesOnTheWay(inFlight: readonly MessageView[], progress: ExchangeProgress): number {
  const keys = progress.differingKeys;
  if (keys.length === 0) return 0;
  // Named as the message labels name them: a key with a space or a quote is quoted ("my cart").
  const names = keys.map(keyName);
  const isWriteOf = (label: string) => names.some((k) => label === `put(${k})` || label === `repair(${k})` || label.startsWith(`hinted ${k} for `));
  return inFlight.filter((m) => !m.isDoomed && (m.to === progress.a || m.to === progress.b) && isWriteOf(m.label)).length;
}

/**
 * Where the comparison stands, in one sentence. `isPreview`: the panel compares a picked
 * pair itself and sends nothing, so it says what would be sent, and how to send it.
 */
export function stageText(progress: ExchangeProgress | null, depth: number, isPreview = false): string {
  if (!progress) return '';
  const last = progress.levels.at(-1);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const differing = progress.differingKeys.length;
  if (progress.isDone && !progress.isOk) return 'The exchange gave up: no answer.';
  const sent = progress.keyMessages[0];
  // The leaves differed and keys went, but the other side had caught up meanwhile (a hint, a write): nothing left to send back.
  if (progress.isDone && differing === 0 && sent && sent.keys.length > 0) return `Done: ${sent.from} sent ${plural(sent.keys.length, 'key', 'keys')}, but ${sent.to} had caught up by then: nothing differed any more.`;
  if (progress.isDone && differing === 0) return `Done: equal at ${last ? levelName(last.level, depth) : 'the start'}, nothing to send.`;
  // A leaf's hash says only that some key under it differs: every key of a differing leaf goes, the equal ones too.
  const sentCount = new Set(progress.keyMessages.flatMap((m) => m.keys)).size;
  const leafKeys = (verb: string) => (sentCount > differing ? ` Their leaves hold ${sentCount} keys, and all ${sentCount} ${verb}: a leaf's hash cannot tell which of its keys differ.` : '');
  if (progress.isDone && isPreview) return `Done: ${plural(differing, 'key differs', 'keys differ')}.${leafKeys('would be sent')} Run anti-entropy to send ${sentCount > differing ? 'them' : differing === 1 ? 'it' : 'them'}.`;
  if (progress.isDone) return `Done: ${plural(differing, 'key differed', 'keys differed')} and ${differing === 1 ? 'was' : 'were'} exchanged.${leafKeys('went')}`;
  if (!last) return 'Nothing compared yet.';
  const where = last.level === 0 ? 'Roots' : last.level === depth ? 'Leaves' : `Level ${last.level}`;
  return `${where} compared: ${plural(last.compared.length, 'hash', 'hashes')}, ${last.differing.length} differ${last.differing.length === 1 ? 's' : ''}${last.level === depth ? ` — their keys ${isPreview ? 'would be' : 'are'} sent` : ''}.`;
}
