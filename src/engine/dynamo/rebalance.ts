/**
 * Moving data when an administrator adds or removes a node (paper §4.9; lecture 000).
 *
 * A joining node takes over key ranges from the nodes that held them; a leaving node
 * hands its ranges on. Only the ranges that change holder move — with consistent hashing
 * that is a small part of the ring. The data really travels: each transfer is a message
 * from the old holder to the new one, sent once the old holder's own membership view lists
 * the new node (the joining node announces itself to it). The old holder keeps the
 * transfer until it is acknowledged, resends it with its periodic retry (so a holder that was down when the
 * ring changed hands its ranges over once it is back), and lets go only of the versions the
 * new holder acknowledged: a write that arrived meanwhile is handed on too, never dropped.
 */
import type { World } from '../world';
import { elementaryRanges, type Transfer } from './ownership';
import type { NodeId } from './ring';
import { storeAndTrace } from './store-trace';
import type { KeyEntries, MessageBody } from './messages';
import { ensureRetryTimer } from './failure-detector';
import { forgetKey } from './node';
import { learnJoinsFromAdministrator } from './membership';

/** A transfer its sender still owes: a range, or just some keys, for one receiver. */
export interface PendingTransfer {
  readonly id: number;
  readonly to: NodeId;
  readonly range: readonly [number, number];
  /** When set, only these keys (versions that arrived after the range was handed over). */
  readonly keys?: readonly string[];
}

/** True when position `pos` lies in (start, end], wrapping past the top when start ≥ end. */
export function inRange(pos: number, [start, end]: readonly [number, number]): boolean {
  return start < end ? pos > start && pos <= end : pos > start || pos <= end;
}

/** Records each transfer with its sender, and sends the ones whose sender is up now. Senders are never destroyed: the caller lists those ranges as repairs instead. */
export function startTransfers(world: World, transfers: readonly Transfer[]): void {
  for (const t of transfers) {
    const from = world.node(t.from);
    const pending: PendingTransfer = { id: world.nextId('transfer'), to: t.to, range: t.range };
    from.transfers.set(pending.id, pending);
    if (from.isUp) sendTransfer(world, t.from, pending);
    ensureRetryTimer(world, t.from); // resent until acknowledged
  }
}

/**
 * (Re)sends a pending transfer with the sender's current versions. If the ring changed
 * since (the receiver left, or no longer holds some of the keys), each key goes to a node
 * that holds it now: the pending transfer is split, one per receiver.
 */
export function sendTransfer(world: World, at: NodeId, pending: PendingTransfer): void {
  const node = world.node(at);
  const keys = [...node.store.keys()].filter((key) => (pending.keys ? pending.keys.includes(key) : inRange(world.keyPosition(key), pending.range))).sort();
  const byReceiver = new Map<NodeId, string[]>();
  for (const key of keys) {
    const holders = world.preferenceListOf(key).nodes;
    const to = holders.includes(pending.to) ? pending.to : holders.find((id) => id !== at);
    if (to !== undefined) byReceiver.set(to, [...(byReceiver.get(to) ?? []), key]);
  }
  // Nothing to hand over, and no one to hand it to; or the keys it was for are gone (handed on
  // by another transfer, which let go of them): an empty range is still announced, keys are not.
  if (keys.length === 0 && (!world.nodes.get(pending.to)?.isMember || pending.keys !== undefined)) {
    node.transfers.delete(pending.id);
    return;
  }
  const stillOurs = byReceiver.size === 0 || (byReceiver.size === 1 && byReceiver.has(pending.to));
  if (stillOurs) return send(world, at, pending, keys);
  node.transfers.delete(pending.id);
  for (const [to, toKeys] of byReceiver) {
    const part: PendingTransfer = { id: world.nextId('transfer'), to, range: pending.range, keys: toKeys };
    node.transfers.set(part.id, part);
    send(world, at, part, toKeys);
  }
}

/**
 * True when `at`'s own membership view lists `to` as a member. A node hands a range only
 * to a node it knows has joined (paper §4.8: placement travels with membership, by
 * gossip), so until the joining node, gossip or the administrator tells it of the new
 * node, its transfer waits; the news, or the retry timer after it, sends it.
 */
function knowsMember(world: World, at: NodeId, to: NodeId): boolean {
  return world.node(at).view.get(to)?.status === 'joined';
}

/** A node just learned that `joined` are members: the transfers it owes them go now. */
export function sendTransfersTo(world: World, at: NodeId, joined: readonly NodeId[]): void {
  const node = world.node(at);
  if (!node.isUp || node.transfers.size === 0) return;
  for (const t of [...node.transfers.values()].sort((x, y) => x.id - y.id)) if (joined.includes(t.to) && node.transfers.has(t.id)) sendTransfer(world, at, t);
}

/** The nodes that owe `to` a range, in order: whom a joining node announces itself to. */
export function sendersTo(transfers: readonly Transfer[], to: NodeId): NodeId[] {
  return [...new Set(transfers.filter((t) => t.to === to).map((t) => t.from))].sort();
}

function send(world: World, at: NodeId, t: PendingTransfer, keys: readonly string[]): void {
  if (!knowsMember(world, at, t.to)) {
    // Kept pending: sent once `at` learns of `t.to`. A node that has left the ring hears no
    // more gossip, so when its keys must go to a node that joined after it left (their first
    // receiver left too), the administrator tells it who is in the ring, which sends them.
    if (!world.node(at).isMember && world.nodes.get(t.to)?.isMember) learnJoinsFromAdministrator(world, at);
    return;
  }
  const store = world.node(at).store;
  const entries: KeyEntries = keys.map((key) => [key, store.get(key) ?? []] as const);
  world.send(at, t.to, { type: 'transfer', transferId: t.id, range: t.range, entries });
}

/**
 * A transfer arrives: the receiver stores the keys it holds a replica of and acknowledges
 * them. A key it no longer holds (another join took it while the transfer was on its way)
 * it refuses, so the sender keeps it and passes it on to the key's holder: stored here, the
 * key would sit on a node no read asks, after the sender had let go of it.
 */
export function onTransferMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  if (body.type === 'transfer') {
    const keys: [string, number[]][] = [];
    const refused: string[] = [];
    for (const [key, versions] of body.entries) {
      if (!holdsReplica(world, at, key)) {
        refused.push(key);
        continue;
      }
      for (const v of versions) storeAndTrace(world, at, key, v, { by: 'transfer', from });
      keys.push([key, versions.map((v) => v.id)]);
    }
    world.send(at, from, { type: 'transfer-ack', transferId: body.transferId, keys, ...(refused.length > 0 ? { refused } : {}) });
  } else if (body.type === 'transfer-ack') {
    const pending = world.node(at).transfers.get(body.transferId);
    if (!pending) return;
    world.node(at).transfers.delete(body.transferId);
    releaseKeys(world, at, pending, body.keys, body.refused ?? []);
  }
}

/**
 * A write that left its coordinator before the ring changed (a put or a read repair) can
 * reach a node after it gave the key's range away, or after it left the ring: its transfer
 * already acknowledged, nothing would ever move the key on, and it would sit where no read
 * asks. Such a node passes the key on to its holders, as it passes on a range it gives up.
 */
export function passOnIfNotHeld(world: World, at: NodeId, key: string): void {
  const node = world.node(at);
  if (!node.store.has(key) || holdsReplica(world, at, key)) return;
  const pos = world.keyPosition(key);
  const range = elementaryRanges(world.ring).find((r) => inRange(pos, r));
  if (range === undefined) return;
  // To every holder: this node cannot know which of them the write reached. It lets go of the
  // key at the first acknowledgement; a holder the others' copies missed gets it from them by
  // anti-entropy, as they share the range.
  for (const to of world.preferenceListOf(key).nodes) {
    const pending: PendingTransfer = { id: world.nextId('transfer'), to, range, keys: [key] };
    node.transfers.set(pending.id, pending);
    sendTransfer(world, at, pending);
  }
  ensureRetryTimer(world, at);
}

/** True when `at` is a member among the key's top N now. */
export function holdsReplica(world: World, at: NodeId, key: string): boolean {
  return world.node(at).isMember && world.preferenceListOf(key).nodes.includes(at);
}

/**
 * The old holder forgets the acknowledged versions of keys it no longer holds a replica
 * of. Versions the receiver did not get (they arrived after the transfer left) go in a
 * new transfer of just those keys.
 */
function releaseKeys(world: World, at: NodeId, done: PendingTransfer, acked: readonly (readonly [string, readonly number[]])[], refused: readonly string[]): void {
  const node = world.node(at);
  const released: string[] = [];
  // Refused keys go on to their holders now, unless this node holds them again itself.
  const unsent = refused.filter((key) => node.store.has(key) && !holdsReplica(world, at, key));
  for (const [key, ids] of acked) {
    if (!node.store.has(key) || holdsReplica(world, at, key)) continue; // released already, or held again
    const versions = node.store.get(key) ?? [];
    if (versions.every((v) => ids.includes(v.id))) {
      forgetKey(node, key);
      released.push(key);
    } else {
      unsent.push(key);
    }
  }
  if (released.length > 0) world.emit(at, { kind: 'keys-released', keys: released });
  if (unsent.length > 0) {
    const again: PendingTransfer = { id: world.nextId('transfer'), to: done.to, range: done.range, keys: unsent };
    node.transfers.set(again.id, again);
    sendTransfer(world, at, again);
    ensureRetryTimer(world, at);
  }
}
