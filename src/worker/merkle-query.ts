/**
 * The Merkle panel's query, answered in the worker: both replicas' trees over the ranges
 * they share, as they are at the cursor or as an anti-entropy exchange built them, and the
 * names of their hashes when the trees are small enough to name (lecture 001).
 */
import { InputError, buildTree, commonRanges, depthFor, entryBytes, exchangeStart, hashEntry, inRange, isAeBodyOf, treesBuiltAt } from '../engine/index';
import type { Cluster, Range, TraceEvent, TreeEntry, MerkleTree } from '../engine/index';
import type { Timeline } from './timeline';
import type { Command, MerkleReply, MerkleSide } from './protocol';
import { HashNameMemory, hashNames } from './merkle-names';

export function merkleReply(t: Timeline, command: Extract<Command, { type: 'merkle' }>): MerkleReply {
  const reply = treesOf(t, command);
  const [a, b] = reply.sides;
  const before = command.exchangeId === undefined ? t.traceLengthAtCursor : exchangeStart(t.trace, t.traceLengthAtCursor, command.exchangeId);
  const names = reply.ranges.map((range, r) => foldedNames(t, [a.node, b.node], range, [a.trees[r]!, b.trees[r]!], before));
  return { ...reply, names };
}

/** How many earlier exchanges of a pair the names are carried through, at most. */
const MOST_EXCHANGES_NAMED = 8;

/**
 * The hashes' names as the trace gives them, not as a page happened to meet them: the trees
 * of each earlier exchange of the pair over this range (up to `MOST_EXCHANGES_NAMED`, oldest
 * first), then `trees`, named in turn as `HashNameMemory` names what it is shown. So the
 * page that stepped through lecture 001 and a link opened at its last step both call the
 * synchronized roots h4, as step 12 named Node0's root; before, the names were the page's own
 * memory, and the link said h2. Null when `trees` hold too many hashes to name.
 */
function foldedNames(t: Timeline, pair: readonly [string, string], range: Range, trees: readonly [MerkleTree, MerkleTree], before: number): Readonly<Record<string, string>> | null {
  if (hashNames(trees) === null) return null;
  const memory = new HashNameMemory();
  for (const exchangeId of earlierExchanges(t.trace, pair, range, before)) {
    const earlier = treesOf(t, { type: 'merkle', id: 0, a: pair[0], b: pair[1], exchangeId });
    const r = earlier.ranges.findIndex((x) => x[0] === range[0] && x[1] === range[1]);
    if (r >= 0) memory.namesFor(pair, 0, [earlier.sides[0].trees[r]!, earlier.sides[1].trees[r]!]);
  }
  const names = memory.namesFor(pair, 0, trees);
  return names ? Object.fromEntries(names) : null;
}

/** The exchanges between the pair (either way round) over `range` that started before trace index `before`, oldest first. */
function earlierExchanges(trace: readonly TraceEvent[], pair: readonly [string, string], range: Range, before: number): number[] {
  const found: number[] = [];
  for (let i = Math.min(before, trace.length) - 1; i >= 0 && found.length < MOST_EXCHANGES_NAMED; i--) {
    const e = trace[i]!;
    if (e.kind !== 'ae-started' || e.node === null || !pair.includes(e.node) || !pair.includes(e.peer) || e.node === e.peer) continue;
    if (e.ranges.some((x) => x[0] === range[0] && x[1] === range[1])) found.push(e.exchangeId);
  }
  return found.reverse();
}

/**
 * The trees of the Merkle panel's query (paper §4.7): both replicas' trees over the ranges they share.
 * For an exchange, each side's trees are the ones it built: the responder when the
 * exchange's first message reached it, the initiator when the roots reached it. The
 * timeline visits those moments and comes back to the cursor, exactly (it is deterministic).
 */
function treesOf(t: Timeline, command: Extract<Command, { type: 'merkle' }>): Omit<MerkleReply, 'names'> {
  const exchange = command.exchangeId === undefined ? null : exchangeMoments(t.trace, t.traceLengthAtCursor, command.exchangeId);
  if (command.exchangeId !== undefined && !exchange) throw new InputError(`anti-entropy exchange ${command.exchangeId} has not started at this point`, 'exchangeId');
  const pair = exchange ? [exchange.a, exchange.b] : [command.a, command.b];
  for (const [i, node] of pair.entries()) if (!t.current.nodes.has(node)) throw new InputError(`no node "${node}"`, i === 0 ? 'a' : 'b');
  if (pair[0] === pair[1]) throw new InputError('a Merkle comparison needs two different nodes', 'b');
  const ranges = exchange?.ranges ?? commonRanges(t.current, pair[0]!, pair[1]!);
  const cursor = t.cursor;
  const moments = pair.map((node) => exchange?.builtAt.get(node) ?? null);
  const entries: TreeEntry[][][] = [[], []];
  for (const i of [0, 1].sort((x, y) => (moments[x] ?? Infinity) - (moments[y] ?? Infinity))) {
    const seq = moments[i] ?? null;
    if (seq === null) t.seek(cursor);
    else t.seekToEvent(seq);
    entries[i] = rangeEntries(t.current, pair[i]!, ranges);
  }
  t.seek(cursor);
  const depth = exchange?.depth ?? depthFor(Math.max(0, ...entries.flatMap((side) => side.map((list) => list.length))));
  const size = t.current.ring.space.size;
  const side = (i: number): MerkleSide => ({
    node: pair[i]!,
    trees: entries[i]!.map((list, r) => buildTree(list, ranges[r]!, depth, size)),
    entries: entries[i]!.map((list) => Object.fromEntries(list.map((e) => [e.key, [hashEntry(e.key, e.versions), entryBytes(e.key, e.versions)] as const]))),
    atSeq: moments[i] ?? null,
  });
  return { type: 'merkle', id: command.id, exchangeId: command.exchangeId ?? null, ranges, depth, sides: [side(0), side(1)] };
}

/** A node's keys in each range, with positions and versions (what anti-entropy hashes). */
function rangeEntries(cluster: Cluster, node: string, ranges: readonly Range[]): TreeEntry[][] {
  const out: TreeEntry[][] = ranges.map(() => []);
  for (const [key, versions] of cluster.node(node).store) {
    const pos = cluster.keyPosition(key);
    const r = ranges.findIndex((range) => inRange(pos, range));
    if (r >= 0) out[r]!.push({ key, pos, versions });
  }
  return out;
}

/** An exchange in the trace up to `upTo`: its pair, its ranges, its depth once chosen, and when each side built its trees. */
function exchangeMoments(trace: readonly TraceEvent[], upTo: number, exchangeId: number) {
  const start = exchangeStart(trace, upTo, exchangeId);
  const started = trace[start];
  if (!started || started.kind !== 'ae-started' || started.node === null) return null;
  let depth: number | null = null;
  for (let i = start + 1; i < upTo && depth === null; i++) {
    const e = trace[i]!;
    if (e.kind === 'send' && e.body.type === 'ae-hashes' && isAeBodyOf(e.body, exchangeId)) depth = e.body.depths[0] ?? null;
  }
  return { a: started.node, b: started.peer, ranges: started.ranges as readonly Range[], depth, builtAt: treesBuiltAt(trace, start, upTo, exchangeId) };
}

