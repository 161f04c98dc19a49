/**
 * A Merkle exchange as the panel tells it (pure; paper §4.7, lecture 001): which hashes
 * were compared at each level, which differed, which keys were sent, and what it cost
 * against sending every key.
 *
 * Two sources give the same story. The engine's own exchange comes from the trace up to
 * the cursor (`exchangeAt`): its ae-level events and the ae-keys messages it sent. For a
 * pair and a range the lecturer picks, `simulateExchange` runs the engine's protocol on
 * the trees the worker sent: the responder sends its roots, each side in turn compares a
 * level and sends the children of the nodes that differ, and at the leaves the side that
 * found them sends its keys there; the other answers with its own versions of the keys
 * that differ. Equal subtrees are never opened.
 */
import { entryBytes, HASH_BYTES, isAeBodyOf, treesBuiltAt, type Range, type TraceEvent } from '../../engine/index';
import type { TraceIndex } from '../../store/trace-index';
import type { MerkleReply } from '../../worker/protocol';

/** A tree node: which range's tree, and its index within its level (0 is leftmost). */
export interface NodeRef {
  readonly range: number;
  readonly index: number;
}

/** One level of the comparison: the hashes compared and those that differed. */
export interface LevelRecord {
  readonly level: number;
  /** The node that compared this level (the sides take turns). */
  readonly by: string;
  readonly compared: readonly NodeRef[];
  readonly differing: readonly NodeRef[];
}

/** An ae-keys message: the keys one side sent the other. */
export interface KeysMessage {
  readonly from: string;
  readonly to: string;
  readonly keys: readonly string[];
  readonly isReply: boolean;
}

/** An exchange as far as it went. */
export interface ExchangeProgress {
  readonly a: string;
  readonly b: string;
  readonly ranges: readonly Range[];
  readonly levels: readonly LevelRecord[];
  readonly keyMessages: readonly KeysMessage[];
  readonly hashesCompared: number;
  readonly bytesExchanged: number;
  /** What sending both sides' keys whole would cost; null while unknown. */
  readonly bytesFullTransfer: number | null;
  readonly isDone: boolean;
  /** False when the exchange gave up (no answer). */
  readonly isOk: boolean;
  /** The keys whose versions differed (known once done). */
  readonly differingKeys: readonly string[];
}

/** Bytes the initiator's first message costs per range it names (the engine's figure). */
export const RANGE_BYTES = 20;

/** The latest exchange started among the first `upTo` events, or null. */
export interface LatestExchange {
  readonly exchangeId: number;
  readonly a: string;
  readonly b: string;
  /** One of the replicas stored a version after the exchange ended: its trees are history. */
  readonly isStale: boolean;
  /**
   * The replicas that stored a version while the exchange ran, once it is over (its
   * repairs; lecture 001: Node1 stores v2 for k0): the trees it compared are no longer theirs.
   * Empty while it runs, when nothing changed, or when `isStale`.
   */
  readonly repaired: readonly string[];
}

export function latestExchange(trace: TraceIndex, upTo: number): LatestExchange | null {
  const { events } = trace;
  const start = trace.lastExchangeBefore(upTo);
  const e = events[start];
  if (!e || e.kind !== 'ae-started' || e.node === null) return null;
  const changes = changesAround(events, start, Math.min(upTo, events.length), e.exchangeId, [e.node, e.peer]);
  return { exchangeId: e.exchangeId, a: e.node, b: e.peer, isStale: changes.after, repaired: changes.after ? [] : changes.during };
}

/**
 * Whether one of the two replicas stored a version while the exchange ran (its own repairs)
 * and after it finished (lecture 001 changes Node0's k0 after a first exchange found the trees
 * equal). Either way its trees no longer stand for the replicas once it is over, so the
 * panel shows the pair as it is now.
 */
function changesAround(events: readonly TraceEvent[], start: number, end: number, exchangeId: number, nodes: readonly string[]): { during: string[]; after: boolean } {
  let isDone = false;
  const during = new Set<string>();
  for (let i = start + 1; i < end; i++) {
    const e = events[i]!;
    if (e.kind === 'ae-done' && e.exchangeId === exchangeId) isDone = true;
    else if (e.kind === 'version-stored' && e.node !== null && nodes.includes(e.node)) {
      if (isDone) return { during: [], after: true };
      during.add(e.node);
    }
  }
  return { during: isDone ? nodes.filter((n) => during.has(n)) : [], after: false };
}

/**
 * The events a lecturer steps through, in the whole recorded trace (the future too):
 * the exchange's start, each level compared, its end. Indices into `events`.
 */
export function exchangeMilestones(trace: TraceIndex, exchangeId: number): number[] {
  const own = trace.eventsOfExchange(exchangeId);
  let start = own.length - 1;
  while (start >= 0 && trace.events[own[start]!]!.kind !== 'ae-started') start--;
  if (start < 0) return [];
  let end = start + 1;
  while (end < own.length && trace.events[own[end]!]!.kind !== 'ae-done') end++;
  return own.slice(start, end + 1);
}

/**
 * How many sides of the exchange have built their trees among the first `upTo` events (the
 * responder when the first message reaches it, the initiator when the roots do): the trees
 * the panel draws for an exchange change only at those two moments.
 */
export function sidesBuilt(trace: TraceIndex, upTo: number, exchangeId: number): number {
  return treesBuiltAt(trace.events, startOf(trace, upTo, exchangeId), upTo, exchangeId).size;
}

/** The index of the exchange's `ae-started` among the first `upTo` events, or -1 (engine's `exchangeStart`, from the page's index). */
function startOf(trace: TraceIndex, upTo: number, exchangeId: number): number {
  const own = trace.eventsOfExchange(exchangeId);
  for (let i = own.length - 1; i >= 0; i--) if (own[i]! < upTo && trace.events[own[i]!]!.kind === 'ae-started') return own[i]!;
  return -1;
}

/** The engine's exchange `exchangeId` as it stands after the first `upTo` events; null before it started. */
export function exchangeAt(trace: TraceIndex, upTo: number, exchangeId: number): ExchangeProgress | null {
  const { events } = trace;
  const start = startOf(trace, upTo, exchangeId);
  const started = events[start];
  if (!started || started.kind !== 'ae-started' || started.node === null) return null;
  const levels: LevelRecord[] = [];
  const keyMessages: KeysMessage[] = [];
  let bytes = 0;
  for (let i = start; i < Math.min(upTo, events.length); i++) {
    const e = events[i]!;
    if (e.kind === 'ae-level' && e.exchangeId === exchangeId && e.node !== null) levels.push({ level: e.level, by: e.node, compared: e.compared, differing: e.differing });
    else if (e.kind === 'ae-done' && e.exchangeId === exchangeId) {
      return { ...base(started.node, started.peer, started.ranges, levels, keyMessages), hashesCompared: e.hashesCompared, bytesExchanged: e.bytesExchanged, bytesFullTransfer: e.bytesFullTransfer, isDone: true, isOk: e.ok, differingKeys: e.differingKeys };
    } else if (e.kind === 'send' && isAeBodyOf(e.body, exchangeId)) {
      const body = e.body;
      if (body.type === 'ae-start') bytes += body.ranges.length * RANGE_BYTES;
      else if (body.type === 'ae-hashes') bytes += body.hashes.length * HASH_BYTES;
      else if (body.type === 'ae-keys') {
        bytes += body.entries.reduce((sum, [k, v]) => sum + entryBytes(k, v), 0);
        keyMessages.push({ from: e.from, to: e.to, keys: body.entries.map(([k]) => k), isReply: body.isReply });
      }
    }
  }
  const hashesCompared = levels.reduce((sum, l) => sum + l.compared.length, 0);
  return { ...base(started.node, started.peer, started.ranges, levels, keyMessages), hashesCompared, bytesExchanged: bytes, bytesFullTransfer: null, isDone: false, isOk: true, differingKeys: [] };
}

function base(a: string, b: string, ranges: readonly (readonly [number, number])[], levels: readonly LevelRecord[], keyMessages: readonly KeysMessage[]) {
  return { a, b, ranges: ranges as readonly Range[], levels, keyMessages };
}

/** What sending every key of both sides would cost: the baseline the exchange is measured against. */
export function fullTransferBytes(trees: MerkleReply): number {
  return trees.sides.reduce((sum, side) => sum + side.entries.reduce((s, byKey) => s + Object.values(byKey).reduce((t, [, bytes]) => t + bytes, 0), 0), 0);
}

/**
 * Runs the engine's exchange protocol on two sides' trees and returns every stage a
 * lecturer steps through: [nothing compared, level 0 compared, …, done]. When a level
 * finds no difference, the exchange ends with it (no separate last stage).
 */
export function simulateExchange(trees: MerkleReply): ExchangeProgress[] {
  const [sa, sb] = trees.sides;
  const { ranges, depth } = trees;
  const full = fullTransferBytes(trees);
  const levels: LevelRecord[] = [];
  let bytes = ranges.length * RANGE_BYTES;
  let compared = 0;
  const stage = (keyMessages: readonly KeysMessage[], isDone: boolean, differingKeys: readonly string[] = []): ExchangeProgress => ({
    a: sa.node, b: sb.node, ranges, levels: [...levels], keyMessages, hashesCompared: compared, bytesExchanged: bytes, bytesFullTransfer: full, isDone, isOk: true, differingKeys,
  });
  if (ranges.length === 0) return [stage([], true)];
  const stages = [stage([], false)];
  let sent: NodeRef[] = ranges.map((_, range) => ({ range, index: 0 }));
  bytes += sent.length * HASH_BYTES; // the responder sends its roots
  for (let level = 0; level <= depth; level++) {
    const [by, other] = level % 2 === 0 ? [sa.node, sb.node] : [sb.node, sa.node];
    const differing = sent.filter(({ range, index }) => sa.trees[range]!.levels[level]![index] !== sb.trees[range]!.levels[level]![index]);
    compared += sent.length;
    levels.push({ level, by, compared: sent, differing });
    if (differing.length === 0) return [...stages, stage([], true)];
    if (level === depth) {
      const keys = leafKeys(trees, by, other, differing);
      bytes += keys.firstBytes;
      stages.push(stage([keys.first], false));
      bytes += keys.replyBytes;
      return [...stages, stage([keys.first, keys.reply], true, keys.differingKeys)];
    }
    sent = differing.flatMap(({ range, index }) => [{ range, index: 2 * index }, { range, index: 2 * index + 1 }]);
    bytes += sent.length * HASH_BYTES;
    stages.push(stage([], false));
  }
  return stages;
}

/** At the leaves: the finder sends its keys in the differing leaves; the other answers with its versions of the keys that differ. */
function leafKeys(trees: MerkleReply, by: string, other: string, leaves: readonly NodeRef[]) {
  const side = (node: string) => trees.sides.find((s) => s.node === node)!;
  const keysIn = (node: string) => leaves.flatMap(({ range, index }) => side(node).trees[range]!.leafKeys[index]!.map((key) => ({ range, key })));
  const bytesOf = (node: string, list: readonly { range: number; key: string }[]) => list.reduce((sum, { range, key }) => sum + (side(node).entries[range]![key]?.[1] ?? 0), 0);
  const hashOf = (node: string, range: number, key: string) => side(node).entries[range]![key]?.[0] ?? null;
  const mine = keysIn(by);
  const theirs = keysIn(other);
  const isDiffering = ({ range, key }: { range: number; key: string }) => hashOf(by, range, key) !== hashOf(other, range, key);
  const back = theirs.filter(isDiffering);
  const differingKeys = [...new Set([...mine, ...theirs].filter(isDiffering).map((k) => k.key))].sort();
  return {
    first: { from: by, to: other, keys: mine.map((k) => k.key), isReply: false } satisfies KeysMessage,
    firstBytes: bytesOf(by, mine),
    reply: { from: other, to: by, keys: back.map((k) => k.key), isReply: true } satisfies KeysMessage,
    replyBytes: bytesOf(other, back),
    differingKeys,
  };
}
