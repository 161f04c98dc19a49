/**
 * The Merkle panel's sentences: where a comparison stands, what a repair left, and how many
 * writes of the differing keys are still on their way. Pure, so the lecture tests check them.
 */
import { keyName, type MessageView } from '../../engine/index';
import type { MerkleReply } from '../../worker/protocol';
import type { ExchangeProgress } from './merkle-exchange';
import { shortHash } from './merkle-layout';
import { levelName } from './MerkleTreeView';

/**
 * Once an exchange has repaired a replica, the trees drawn are the ones it compared, each
 * hash the repair changed followed by what it is now (lecture 001: Node1's "h0 → h3" once Node1
 * holds v2, see MerkleTreeView's HashText): one sentence after "Done" says what they are now, naming the roots as the trees name
 * their hashes ("Node1's root is now h4, the same as Node0's": `now`'s names carry on from the
 * exchange's, see `foldedNames`).
 */
export function repairedText(repaired: readonly string[], now: MerkleReply): string {
  // Said as well as drawn: a tree too big to draw whole shows the arrows only where its window reaches.
  return `${rootsNow(repaired, now)} Below: the trees as compared.`;
}

function rootsNow(repaired: readonly string[], now: MerkleReply): string {
  const [a, b] = now.sides;
  const isEqual = now.ranges.every((_, r) => a.trees[r]!.levels[0]![0] === b.trees[r]!.levels[0]![0]);
  const names = now.ranges.length === 1 ? (now.names[0] ?? null) : null;
  if (!names) return isEqual ? 'The trees now agree.' : 'The trees still differ.';
  // A root the lecture leaves unnamed (over an empty half) is given by its hex digits.
  const root = (side: typeof a) => names[side.trees[0]!.levels[0]![0]!] ?? shortHash(side.trees[0]!.levels[0]![0]!);
  if (repaired.length > 1) return isEqual ? `Both roots are now ${root(a)}.` : `Their roots are now ${root(a)} and ${root(b)}.`;
  const [fixed, other] = repaired[0] === a.node ? [a, b] : [b, a];
  return `${fixed.node}'s root is now ${root(fixed)}${isEqual ? `, the same as ${other.node}'s` : `; ${other.node}'s is ${root(other)}`}.`;
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
