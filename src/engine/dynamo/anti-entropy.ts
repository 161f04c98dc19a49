/**
 * Anti-entropy with Merkle trees (paper §4.7; lectures 001, 002, 003): two replicas
 * compare the key ranges they both hold, root first, descend only into subtrees whose
 * hashes differ, and send each other only the keys that differ.
 *
 * The protocol, in messages: the initiator names the common ranges and its key counts;
 * the responder builds its trees and sends the roots; from then on each side compares
 * one level of the other's hashes against its own and answers with the children of the
 * nodes that differ. At the leaves, the side that found them sends its keys there; the
 * other stores them and sends back its own versions of the keys that differed. The trace
 * records every level compared, and the bytes sent against a full transfer.
 */
import type { World } from '../world';
import type { KeyEntries, MessageBody, TreeHash } from './messages';
import type { NodeId } from './ring';
import { elementaryRanges, type Range } from './ownership';
import { topNodes } from './preference-list';
import { depthFor, entryBytes, hashEntry, HASH_BYTES, type MerkleTree } from './merkle';
import { fullTransferBytes, keyCounts, rangeKeys, treesOf } from './merkle-index';
import { storeAndTrace } from './store-trace';
import { passOnIfNotHeld } from './rebalance';
import type { Version } from './versions';

export interface ExchangeState {
  readonly id: number;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly ranges: readonly Range[];
  depth: number;
  /** Each side's trees, built when that side first needs them. */
  readonly trees: Map<NodeId, readonly MerkleTree[]>;
  hashesCompared: number;
  bytesExchanged: number;
  bytesFullTransfer: number;
  differingKeys: string[];
  isDone: boolean;
}

/** The key ranges both nodes hold replicas of, merged where adjacent. */
export function commonRanges(world: World, a: NodeId, b: NodeId): Range[] {
  const out: Range[] = [];
  const { ranges, holders } = rangeHolders(world);
  ranges.forEach((range, i) => {
    if (!holders[i]!.includes(a) || !holders[i]!.includes(b)) return;
    const last = out[out.length - 1];
    if (last && last[1] === range[0]) out[out.length - 1] = [last[0], range[1]];
    else out.push(range);
  });
  if (out.length > 1 && out[0]![0] === out[out.length - 1]![1]) out[0] = [out.pop()![0], out[0]![1]];
  return out;
}

/**
 * The ring's elementary ranges and the top N of each, and each node's replica peers: worked
 * out once per ring version and N, since every node's anti-entropy tick asks. On 512 nodes,
 * walking the whole ring for every tick made a settle take minutes.
 */
interface RangeHolders {
  readonly ringVersion: number;
  readonly n: number;
  readonly ranges: readonly Range[];
  readonly holders: readonly (readonly NodeId[])[];
  readonly peers: Map<NodeId, NodeId[]>;
}

const rangeHoldersMemo = new WeakMap<World['ring'], RangeHolders>();

function rangeHolders(world: World): RangeHolders {
  const { ring } = world;
  const { n } = world.config;
  const memo = rangeHoldersMemo.get(ring);
  if (memo && memo.ringVersion === ring.version && memo.n === n) return memo;
  const ranges = elementaryRanges(ring);
  const fresh: RangeHolders = { ringVersion: ring.version, n, ranges, holders: ranges.map((range) => topNodes(ring, range[1], n, world.config)), peers: new Map() };
  rangeHoldersMemo.set(ring, fresh);
  return fresh;
}

/** Starts one exchange between `a` and `b`; returns its id. */
export function startExchange(world: World, a: NodeId, b: NodeId): number {
  const id = world.nextId('exchange');
  const ranges = commonRanges(world, a, b);
  const state: ExchangeState = { id, a, b, ranges, depth: 0, trees: new Map(), hashesCompared: 0, bytesExchanged: 0, bytesFullTransfer: 0, differingKeys: [], isDone: false };
  world.exchanges.set(id, state);
  world.emit(a, { kind: 'ae-started', exchangeId: id, peer: b, ranges });
  if (ranges.length === 0 || !world.node(a).isUp) {
    finish(world, state, a, ranges.length === 0);
    return id;
  }
  const counts = keyCounts(rangeKeys(world, a, ranges));
  state.bytesExchanged += ranges.length * 20;
  world.send(a, b, { type: 'ae-start', exchangeId: id, ranges, keyCounts: counts });
  world.schedule(world.nowMs + 50 * world.config.replicaTimeoutMs, { type: 'exchange-timeout', exchangeId: id });
  return id;
}

/** This side's trees for the exchange: built (from the node's kept trees) when it first needs them, then kept as they were. */
function exchangeTrees(world: World, state: ExchangeState, at: NodeId): readonly MerkleTree[] {
  let trees = state.trees.get(at);
  if (!trees) {
    const keys = rangeKeys(world, at, state.ranges);
    state.bytesFullTransfer += fullTransferBytes(keys);
    trees = treesOf(keys, state.depth, world.ring.space.size);
    state.trees.set(at, trees);
  }
  return trees;
}

export function onAntiEntropyMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  if (body.type !== 'ae-start' && body.type !== 'ae-hashes' && body.type !== 'ae-keys') return;
  const state = world.exchanges.get(body.exchangeId);
  if (!state || state.isDone) return;
  if (body.type === 'ae-start') {
    const mine = keyCounts(rangeKeys(world, at, state.ranges));
    state.depth = depthFor(Math.max(...mine, ...body.keyCounts));
    const roots = exchangeTrees(world, state, at).map((t, range) => ({ range, index: 0, hash: t.levels[0]![0]! }));
    sendHashes(world, state, at, from, 0, roots);
  } else if (body.type === 'ae-hashes') {
    compareLevel(world, state, at, from, body.level, body.hashes);
  } else {
    onKeys(world, state, at, from, body.leaves, body.entries, body.isReply);
  }
}

function sendHashes(world: World, state: ExchangeState, from: NodeId, to: NodeId, level: number, hashes: readonly TreeHash[]): void {
  state.bytesExchanged += hashes.length * HASH_BYTES;
  world.send(from, to, { type: 'ae-hashes', exchangeId: state.id, level, depths: state.ranges.map(() => state.depth), hashes });
}

/** Compares the peer's hashes at `level` with this side's; descends where they differ. */
function compareLevel(world: World, state: ExchangeState, at: NodeId, from: NodeId, level: number, hashes: readonly TreeHash[]): void {
  const trees = exchangeTrees(world, state, at);
  const differing = hashes.filter((h) => trees[h.range]!.levels[level]![h.index] !== h.hash);
  state.hashesCompared += hashes.length;
  world.emit(at, { kind: 'ae-level', exchangeId: state.id, level, compared: hashes.map(({ range, index }) => ({ range, index })), differing: differing.map(({ range, index }) => ({ range, index })) });
  if (differing.length === 0) return finish(world, state, at, true);
  if (level === state.depth) {
    const leaves = differing.map(({ range, index }) => ({ range, index, hash: trees[range]!.levels[level]![index]! }));
    const entries = keysAt(world, trees, at, leaves);
    state.bytesExchanged += entries.reduce((sum, [k, v]) => sum + entryBytes(k, v), 0);
    world.send(at, from, { type: 'ae-keys', exchangeId: state.id, leaves, entries, isReply: false });
    return;
  }
  const children = differing.flatMap(({ range, index }) =>
    [2 * index, 2 * index + 1].map((child) => ({ range, index: child, hash: trees[range]!.levels[level + 1]![child]! })),
  );
  sendHashes(world, state, at, from, level + 1, children);
}

function keysAt(world: World, trees: readonly MerkleTree[], at: NodeId, leaves: readonly TreeHash[]): [string, readonly Version[]][] {
  const store = world.node(at).store;
  return leaves.flatMap(({ range, index }) => trees[range]!.leafKeys[index]!.map((key): [string, readonly Version[]] => [key, store.get(key) ?? []]));
}

/** Keys from the differing leaves: store them, and send back what differed on this side. */
function onKeys(world: World, state: ExchangeState, at: NodeId, from: NodeId, leaves: readonly TreeHash[], entries: KeyEntries, isReply: boolean): void {
  if (!isReply) {
    const mine = new Map(keysAt(world, exchangeTrees(world, state, at), at, leaves));
    const theirs = new Map(entries);
    state.differingKeys = [...new Set([...mine.keys(), ...theirs.keys()])].filter((k) => hashEntry(k, mine.get(k) ?? []) !== hashEntry(k, theirs.get(k) ?? [])).sort();
    const back = [...mine].filter(([k]) => state.differingKeys.includes(k));
    state.bytesExchanged += back.reduce((sum, [k, v]) => sum + entryBytes(k, v), 0);
    world.send(at, from, { type: 'ae-keys', exchangeId: state.id, leaves, entries: back, isReply: true });
  }
  for (const [key, versions] of entries) {
    for (const v of versions) storeAndTrace(world, at, key, v, { by: 'anti-entropy', from });
    // A join may have taken the range from this node since the exchange began.
    passOnIfNotHeld(world, at, key);
  }
  if (isReply) finish(world, state, at, true);
}

function finish(world: World, state: ExchangeState, at: NodeId, ok: boolean): void {
  if (state.isDone) return;
  state.isDone = true;
  world.emit(at, {
    kind: 'ae-done',
    exchangeId: state.id,
    a: state.a,
    b: state.b,
    ok,
    differingKeys: state.differingKeys,
    hashesCompared: state.hashesCompared,
    bytesExchanged: state.bytesExchanged,
    bytesFullTransfer: state.bytesFullTransfer,
  });
  state.trees.clear();
  // The trace keeps what the exchange found; the cluster forgets it, so a snapshot (one per
  // 64 steps of the page's timeline) does not copy every exchange ever run. A late message
  // or timer for it finds no exchange and is ignored, as a finished one was.
  world.exchanges.delete(state.id);
}

export function onExchangeTimeout(world: World, exchangeId: number): void {
  const state = world.exchanges.get(exchangeId);
  if (state && !state.isDone) finish(world, state, state.a, false);
}

/**
 * The periodic tick: start an exchange with a random node this one shares a range with,
 * unless the one it started last is still running (a background task waits its turn, paper
 * §6.5): at an interval shorter than an exchange, thousands ran at once, each holding a copy
 * of both sides' trees, and a scenario of 2,000 keys at 0.01 ms grew to 4 GB.
 */
export function onAntiEntropyTimer(world: World, at: NodeId): void {
  const node = world.node(at);
  const interval = world.config.antiEntropyIntervalMs;
  if (!node.isMember || node.isDestroyed || interval <= 0) return;
  if (node.isUp && !isExchanging(world, at)) {
    const peers = replicaPeers(world, at).filter((id) => world.believesReachable(at, id));
    if (peers.length > 0) startExchange(world, at, world.rng.pick(peers));
  }
  world.schedule(world.nowMs + interval, { type: 'anti-entropy', node: at });
}

/** True while an exchange this node started by its tick has not finished. */
function isExchanging(world: World, at: NodeId): boolean {
  for (const state of world.exchanges.values()) if (state.a === at && !state.isDone) return true;
  return false;
}

export function startAntiEntropyTimer(world: World, at: NodeId): void {
  const interval = world.config.antiEntropyIntervalMs;
  if (interval > 0) world.schedule(world.nowMs + interval * (0.5 + world.rng.float()), { type: 'anti-entropy', node: at });
}

/** Nodes that hold a replica of some range this node holds, by id (a fresh list: callers may change it). */
export function replicaPeers(world: World, at: NodeId): NodeId[] {
  const memo = rangeHolders(world);
  let peers = memo.peers.get(at);
  if (peers === undefined) {
    const found = new Set<NodeId>();
    for (const holders of memo.holders) if (holders.includes(at)) for (const h of holders) if (h !== at) found.add(h);
    peers = [...found].sort();
    memo.peers.set(at, peers);
  }
  return peers.slice();
}
