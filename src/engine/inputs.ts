/**
 * The user's actions: everything a lecturer (or a scenario file) can do to the cluster.
 *
 * Inputs are plain data. Together with the seed they *are* the session: replaying the
 * same inputs on a cluster made from the same seed gives the same trace, which is what
 * share links, scenario files and stepping back rely on. An input that names something
 * that does not exist throws an `InputError` and changes nothing.
 */
import type { Cluster } from './cluster';
import { isDelivery } from './dispatch';
import type { Json } from './dynamo/versions';
import type { VectorClock } from './dynamo/vector-clock';
import type { NodeId } from './dynamo/ring';
import { transfersBetween, type Transfer } from './dynamo/ownership';
import { sendersTo, startTransfers } from './dynamo/rebalance';
import { clearStore, createNode, type NodeState } from './dynamo/node';
import { startExchange, startAntiEntropyTimer } from './dynamo/anti-entropy';
import { announceJoin, announceLeave, gossipOnce, learnJoinsFromAdministrator, learnLeavesFromAdministrator } from './dynamo/membership';
import { ensureRetryTimer } from './dynamo/failure-detector';
import { forgetRequestsOf } from './dynamo/coordinator';
import type { TraceEvent } from './trace/events';

export type Input =
  | { readonly type: 'put'; readonly key: string; readonly value: Json; readonly via?: NodeId; readonly context?: VectorClock }
  | { readonly type: 'get'; readonly key: string; readonly via?: NodeId }
  | { readonly type: 'fail'; readonly node: NodeId }
  | { readonly type: 'recover'; readonly node: NodeId }
  | { readonly type: 'destroy'; readonly node: NodeId }
  | { readonly type: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'heal' }
  | { readonly type: 'addNode'; readonly id: NodeId; readonly tokens?: number | readonly number[]; readonly capacity?: number; readonly dc?: string }
  | { readonly type: 'removeNode'; readonly id: NodeId }
  | { readonly type: 'isolateDc'; readonly dc: string }
  | { readonly type: 'cutLink'; readonly from: NodeId; readonly to: NodeId }
  | { readonly type: 'slowLink'; readonly from: NodeId; readonly to: NodeId; readonly extraMs: number }
  | { readonly type: 'lossyLink'; readonly from: NodeId; readonly to: NodeId; readonly lossRate: number }
  | { readonly type: 'antiEntropy'; readonly a: NodeId; readonly b: NodeId }
  | { readonly type: 'gossipRound' }
  | { readonly type: 'dropMessage'; readonly msgId: number }
  | { readonly type: 'delayMessage'; readonly msgId: number; readonly byMs: number }
  | { readonly type: 'note'; readonly text: string };

export interface InputResult {
  readonly events: readonly TraceEvent[];
  /** put and get: the operation's id, to follow it in the trace. */
  readonly opId?: number;
  /** addNode and removeNode: the ranges that change holder, each sent by the old holder that lets go of it. */
  readonly transfers?: readonly Transfer[];
  /**
   * addNode and removeNode: ranges whose old holder was destroyed, so nothing can be sent from
   * it; the new holder gets their keys from the other replicas by anti-entropy (lecture 002:
   * Merkle trees recover from permanent failures). Absent when there are none.
   */
  readonly repairs?: readonly Transfer[];
  /** antiEntropy: the exchange's id, to follow it in the trace. */
  readonly exchangeId?: number;
}

/** A user input that cannot be applied as given; the message says why. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export function applyInput(cluster: Cluster, input: Input): Omit<InputResult, 'events'> {
  switch (input.type) {
    case 'put':
    case 'get':
      return { opId: startOp(cluster, input) };
    case 'fail':
      setUp(cluster, input.node, false, 'node-failed');
      return {};
    case 'recover':
      setUp(cluster, input.node, true, 'node-recovered');
      return {};
    case 'destroy':
      destroy(cluster, input.node);
      return {};
    case 'partition': {
      // Checked here, not only in scenario files: a saved session or a link with a node in two groups ran as if it were valid.
      const groupOf = new Map<NodeId, number>();
      for (const [g, group] of input.groups.entries()) {
        group.forEach((id, i) => {
          requireNode(cluster, id, `groups[${g}][${i}]`);
          const other = groupOf.get(id);
          if (other !== undefined) throw new InputError(`${id} is already in groups[${other}]: a node is in one group at most`, `groups[${g}][${i}]`);
          groupOf.set(id, g);
        });
      }
      cluster.network.partition(input.groups);
      cluster.emit(null, { kind: 'partitioned', groups: input.groups });
      return {};
    }
    case 'isolateDc': {
      const inside = [...cluster.nodes.values()].filter((n) => n.isMember && n.dc === input.dc).map((n) => n.id);
      if (inside.length === 0) throw new InputError(`no node is in datacenter ${JSON.stringify(input.dc)}`, 'dc');
      const outside = [...cluster.nodes.values()].filter((n) => n.isMember && n.dc !== input.dc).map((n) => n.id);
      const groups = [inside, outside];
      cluster.network.partition(groups);
      cluster.emit(null, { kind: 'partitioned', groups });
      return {};
    }
    case 'cutLink':
    case 'slowLink':
    case 'lossyLink':
      changeLink(cluster, input);
      return {};
    case 'antiEntropy':
      requireNode(cluster, input.a, 'a');
      requireNode(cluster, input.b, 'b');
      if (input.a === input.b) throw new InputError('anti-entropy needs two different nodes', 'b');
      return { exchangeId: startExchange(cluster, input.a, input.b) };
    case 'gossipRound':
      for (const node of [...cluster.nodes.values()].sort((x, y) => (x.id < y.id ? -1 : 1))) gossipOnce(cluster, node.id);
      return {};
    case 'heal':
      cluster.network.heal();
      cluster.emit(null, { kind: 'healed' });
      return {};
    case 'addNode':
      return addNode(cluster, input);
    case 'removeNode':
      return removeNode(cluster, input.id);
    case 'dropMessage':
    case 'delayMessage':
      userMessageAction(cluster, input);
      return {};
    case 'note':
      cluster.emit(null, { kind: 'note', text: input.text });
      return {};
  }
}

/** A member of the cluster, or (with `orFormer`) a node that was removed but still exists. */
function requireNode(cluster: Cluster, id: NodeId, field: string, orFormer = false) {
  const node = cluster.nodes.get(id);
  if (!node || (!node.isMember && !orFormer)) throw new InputError(`no node named ${JSON.stringify(id)} in the cluster`, field);
  return node;
}

/** The longest key a request may name, in characters (Unicode code points), as scenario files allow. */
export const MAX_KEY_LENGTH = 256;

/**
 * A key's length as a person counts characters: Unicode code points, so an emoji is one
 * (two UTF-16 units in JavaScript's `length`) and a lone surrogate one too. Counted without
 * building an array, since a file may hold a key of megabytes.
 */
export function keyLength(key: string): number {
  let count = 0;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < key.length) {
      const next = key.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Why a key is too long, or null: one count and one wording wherever a key is taken (a put, a
 * get, a preference list, a key position, a session's key; the page and the runner alike).
 * Said after the field (`steps[3].key: is 300 characters long; …`), or after "the key".
 * The scenario format's schema refuses keys with this same function (src/scenario/schema.ts).
 */
export function keyLengthProblem(key: string): string | null {
  if (key.length <= MAX_KEY_LENGTH) return null; // never more code points than UTF-16 units
  const length = keyLength(key);
  return length > MAX_KEY_LENGTH ? `is ${length.toLocaleString('en-US')} characters long; at most ${MAX_KEY_LENGTH} are allowed` : null;
}

function startOp(cluster: Cluster, input: Extract<Input, { type: 'put' | 'get' }>): number {
  if (typeof input.key !== 'string' || input.key === '') throw new InputError(`a ${input.type} needs a key: type one`, 'key');
  const tooLong = keyLengthProblem(input.key);
  if (tooLong !== null) throw new InputError(`the key ${tooLong}`, 'key');
  const via = input.via ?? defaultVia(cluster, input.key);
  requireNode(cluster, via, 'via');
  const opId = ++cluster.counters.opId;
  const { key } = input;
  const startedAtMs = cluster.nowMs;
  // One literal per form, fields in the same order: spreading `{ context }` in cost an object per put.
  cluster.startRequest(
    input.type === 'get' ? { opId, op: 'get', key, via, startedAtMs }
    : input.context === undefined ? { opId, op: 'put', key, via, startedAtMs, value: input.value }
    : { opId, op: 'put', key, via, startedAtMs, value: input.value, context: input.context },
  );
  return opId;
}

/**
 * With no `via`, a partition-aware client contacts the first live node of the key's
 * preference list: its top N (spread over datacenters when the cluster asks for it), then the rest.
 */
function defaultVia(cluster: Cluster, key: string): NodeId {
  const list = cluster.preferenceListOf(key);
  // Every node: the top N, then the fallbacks (walked in place, not copied into one list per request).
  for (const id of list.nodes) if (cluster.nodes.get(id)?.isUp) return id;
  for (const id of list.fallbacks) if (cluster.nodes.get(id)?.isUp) return id;
  const first = list.nodes[0] ?? list.fallbacks[0];
  if (first === undefined) throw new InputError('the cluster has no nodes', 'via');
  return first;
}

/**
 * A node fails or comes back. A node removed while it was down may still come back: not
 * to the ring, but to hand over the ranges it owes (its pending transfers).
 */
function setUp(cluster: Cluster, id: NodeId, isUp: boolean, kind: 'node-failed' | 'node-recovered'): void {
  const node = requireNode(cluster, id, 'node', isUp);
  if (node.isDestroyed) throw new InputError(`node ${JSON.stringify(id)} was destroyed and cannot come back; add a new node instead`, 'node');
  // A no-op, as links and saved sessions have always replayed it (a scenario file, written by hand, is refused it: validate.ts).
  if (node.isUp === isUp) return;
  node.isUp = isUp;
  cluster.emit(id, { kind });
  if (!isUp) {
    forgetRequestsOf(cluster, id);
    forgetPeers(node);
  }
  if (isUp) {
    learnLeavesFromAdministrator(cluster, id);
    learnJoinsFromAdministrator(cluster, id);
    ensureRetryTimer(cluster, id); // hand over what it owes: hints, transfers
  }
}

function destroy(cluster: Cluster, id: NodeId): void {
  const node = requireNode(cluster, id, 'node');
  const keysLost = node.store.size;
  const hintsLost = node.hints.size;
  clearStore(node);
  node.hints.clear();
  node.transfers.clear();
  node.counters.clear();
  node.isUp = false;
  node.isDestroyed = true;
  forgetRequestsOf(cluster, id, true);
  forgetPeers(node);
  cluster.emit(node.id, { kind: 'node-destroyed', keysLost, hintsLost });
}

/**
 * A node that fails loses what its failure detector had learnt, which is memory, not disk
 * (paper §4.8.3): it comes back believing every peer up, and learns again from its own
 * unanswered requests. Before, a node that recovered still believed down a peer that had come
 * back while it was away. Its membership view, like its data, is on disk and stays (§4.8.1).
 * When it last heard from each peer (`heardSeq`) stays: a reply timeout set before the failure
 * that fires after it would otherwise find a peer that had answered silent, and mark it down.
 */
function forgetPeers(node: NodeState): void {
  node.unreachable.clear();
}

function changeLink(cluster: Cluster, input: Extract<Input, { type: 'cutLink' | 'slowLink' | 'lossyLink' }>): void {
  requireNode(cluster, input.from, 'from');
  requireNode(cluster, input.to, 'to');
  if (input.from === input.to) throw new InputError('a link joins two different nodes', 'to');
  if (input.type === 'cutLink') {
    cluster.network.blockLink(input.from, input.to);
    cluster.emit(null, { kind: 'link-changed', from: input.from, to: input.to, change: 'cut' });
  } else if (input.type === 'slowLink') {
    if (!(input.extraMs >= 0)) throw new InputError('extra latency must be zero or more milliseconds', 'extraMs');
    cluster.network.setOverride(input.from, input.to, { extraMs: input.extraMs, lossRate: 0 });
    cluster.emit(null, { kind: 'link-changed', from: input.from, to: input.to, change: 'slow', extraMs: input.extraMs });
  } else {
    if (!(input.lossRate >= 0 && input.lossRate <= 1)) throw new InputError('a loss rate is between 0 and 1', 'lossRate');
    cluster.network.setOverride(input.from, input.to, { extraMs: 0, lossRate: input.lossRate });
    cluster.emit(null, { kind: 'link-changed', from: input.from, to: input.to, change: 'lossy', lossRate: input.lossRate });
  }
}

/** A ring change's transfers: those an old holder can send, and those whose old holder's disk is gone. */
interface Moves {
  readonly transfers: readonly Transfer[];
  readonly repairs?: readonly Transfer[];
}

function splitByDisk(cluster: Cluster, all: readonly Transfer[]): Moves {
  const repairs = all.filter((t) => cluster.nodes.get(t.from)?.isDestroyed === true);
  return repairs.length === 0 ? { transfers: all } : { transfers: all.filter((t) => !repairs.includes(t)), repairs };
}

/**
 * Why a removed node's name cannot join again: the node is still there, handing over
 * what it held (and its name is in every clock it advanced). A node destroyed before it was
 * removed hands nothing over, but clocks name it all the same. Shared with the scenario check.
 */
export function removedName(id: NodeId, isDestroyed = false): string {
  return `${JSON.stringify(id)} was removed, and a removed node keeps its name (${isDestroyed ? 'clocks name it, even once its disk is destroyed' : 'it may still hand over its ranges, and clocks name it'}): a node joining needs a name of its own`;
}

function addNode(cluster: Cluster, input: Extract<Input, { type: 'addNode' }>): Moves {
  const existing = cluster.nodes.get(input.id);
  if (existing && !existing.isMember) throw new InputError(removedName(input.id, existing.isDestroyed), 'id');
  if (existing) throw new InputError(`a node named ${JSON.stringify(input.id)} already exists`, 'id');
  if (cluster.config.strategy === 3) strategy3Join(cluster, input);
  const before = cluster.ring.clone();
  try {
    cluster.ring.addNode({ id: input.id, capacity: input.capacity ?? 1, dc: input.dc }, input.tokens, cluster.rng);
  } catch (e) {
    throw new InputError((e as Error).message, 'tokens');
  }
  cluster.nodes.set(input.id, createNode(input.id, input.dc));
  const moves = splitByDisk(cluster, transfersBetween(before, cluster.ring, cluster.config.n, cluster.config));
  const tokens = cluster.ring.tokens.filter((t) => t.node === input.id).map((t) => t.pos);
  cluster.emit(input.id, { kind: 'node-added', tokens, ...moves });
  announceJoin(cluster, input.id, tokens, sendersTo(moves.transfers, input.id));
  startAntiEntropyTimer(cluster, input.id);
  startTransfers(cluster, moves.transfers);
  return moves;
}

/**
 * A join under strategy 3 is refused as a scenario file's would be (src/scenario/validate.ts):
 * with tokens, which the ring would not use (it places Q/S partition ends itself), or as node
 * number Q+1, which would get no partition and own nothing.
 */
function strategy3Join(cluster: Cluster, input: Extract<Input, { type: 'addNode' }>): void {
  if (input.tokens !== undefined) throw new InputError(`strategy 3 places tokens at partition ends itself (Q/S per node, in proportion to capacity): give no ${Array.isArray(input.tokens) ? 'explicit positions' : 'token count'}`, 'tokens');
  // The ring's members, destroyed ones included until removed.
  const problem = strategy3JoinProblem(input.id, input.capacity ?? 1, cluster.ring.nodes.map((n) => n.capacity), cluster.config.partitions);
  if (problem) throw new InputError(problem.message, problem.field);
}

/**
 * Why a node may not join under strategy 3, or null: as node number Q+1, or with a capacity
 * so small beside the others' that its share, ⌊Q × capacity / total capacity⌋ partitions,
 * is none. Either way it would own nothing. The engine and the scenario validator both ask.
 */
export function strategy3JoinProblem(id: string, capacity: number, members: readonly number[], q: number): { readonly field: 'id' | 'capacity'; readonly message: string } | null {
  const count = members.length + 1;
  if (count > q) return { field: 'id', message: `strategy 3 gives each node Q/S partitions: adding ${JSON.stringify(id)} makes ${count} nodes for ${q} partitions, which leaves some with none (raise config.partitions)` };
  const total = members.reduce((sum, c) => sum + c, 0) + capacity;
  if (Math.floor((q * capacity) / total) === 0) return { field: 'capacity', message: `strategy 3 gives a node partitions in proportion to its capacity: ${JSON.stringify(id)}, at capacity ${capacity} of ${total} in all, would get none of the ${q} partitions (raise config.partitions or its capacity)` };
  return null;
}

function removeNode(cluster: Cluster, id: NodeId): Moves {
  const node = requireNode(cluster, id, 'id');
  const left = cluster.ring.nodes.length - 1;
  if (left === 0) throw new InputError('cannot remove the last node', 'id');
  // As a scenario file is refused (validate.ts): with fewer nodes than N, no key has N replicas, and every quorum of W or R may fail.
  if (left < cluster.config.n) throw new InputError(`removing ${id} leaves ${left} node${left === 1 ? '' : 's'}, fewer than N (${cluster.config.n})`, 'id');
  const before = cluster.ring.clone();
  cluster.ring.removeNode(id, cluster.rng);
  node.isMember = false;
  const moves = splitByDisk(cluster, transfersBetween(before, cluster.ring, cluster.config.n, cluster.config));
  cluster.emit(id, { kind: 'node-removed', ...moves });
  announceLeave(cluster, id);
  // The administrator tells each node that must pass a range on who is in the ring now: a node
  // that joined moments ago may not have reached it by gossip, and a leaving node is gossiped with no more.
  for (const from of new Set(moves.transfers.map((t) => t.from))) if (cluster.nodes.get(from)?.isUp) learnJoinsFromAdministrator(cluster, from);
  startTransfers(cluster, moves.transfers);
  return moves;
}

function userMessageAction(cluster: Cluster, input: Extract<Input, { type: 'dropMessage' | 'delayMessage' }>): void {
  const msg = cluster.inFlight.get(input.msgId);
  if (!msg) throw new InputError(`message ${input.msgId} is not in flight`, 'msgId');
  if (input.type === 'delayMessage' && !(input.byMs > 0)) throw new InputError('a delay must be a positive number of milliseconds', 'byMs');
  cluster.queue.removeWhere((item) => isDelivery(item) && item.id === msg.id);
  cluster.inFlight.delete(msg.id);
  if (input.type === 'dropMessage') {
    cluster.emit(msg.to, { kind: 'drop', msgId: msg.id, from: msg.from, to: msg.to, body: msg.body, reason: 'user' });
    return;
  }
  const delayed = { ...msg, deliverAtMs: Math.round((msg.deliverAtMs + input.byMs) * 100) / 100 };
  cluster.inFlight.set(msg.id, delayed);
  cluster.queue.push({ atMs: delayed.deliverAtMs, seq: cluster.counters.queueSeq++, item: delayed });
  cluster.emit(msg.from, { kind: 'message-delayed', msgId: msg.id, byMs: input.byMs, deliverAtMs: delayed.deliverAtMs });
}
