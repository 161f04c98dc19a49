/**
 * Hinted handoff (paper §4.6; lectures 002, 003): how Dynamo stays "always writable".
 *
 * When a node of a key's top N does not answer, the coordinator sends the write to the
 * next node of the extended preference list instead, with a *hint* naming the node it was
 * meant for. The stand-in keeps such writes in a separate hinted store and periodically
 * tries to hand them to the intended node; once that node has them, the stand-in deletes
 * its copy. If the intended node no longer holds the key (it left the ring, or a join took
 * the range), the hint goes to the first of the key's current replicas the stand-in believes
 * answers (or, if the stand-in has itself become one of them, into its own store), so an
 * acknowledged write is not dropped. A stand-in keeps trying for as long as it holds hints,
 * even after it has itself been removed from the ring.
 */
import type { World } from '../world';
import type { NodeId } from './ring';
import type { MessageBody } from './messages';
import { hintId, storeHint } from './node';
import { storeAndTrace } from './store-trace';
import { ensureRetryTimer, probeUnreachable, sendExpectingReply } from './failure-detector';
import { holdsReplica, passOnIfNotHeld, sendTransfer } from './rebalance';
import type { Version } from './versions';
import { descendsOrEqual } from './vector-clock';

/** A stand-in receives a write meant for `intendedFor`: it goes to the hinted store. */
export function keepHint(world: World, at: NodeId, key: string, intendedFor: NodeId, version: Version): void {
  const result = storeHint(world.node(at), key, intendedFor, version, world.nowMs);
  if (result.coveredBy === undefined) world.emit(at, { kind: 'hint-stored', key, intendedFor, version });
  ensureRetryTimer(world, at);
}

/** The periodic retry: try every hint, resend unacknowledged range transfers, probe every other peer believed down, then re-arm. */
export function onRetryTimer(world: World, at: NodeId): void {
  const node = world.node(at);
  node.hasRetryTimer = false;
  if (node.isUp) {
    const tried = new Set<NodeId>();
    for (const id of [...node.hints.keys()].sort()) {
      const hint = node.hints.get(id)!;
      keepIfReplica(world, at, hint.key, hint.versions);
      const target = deliveryTarget(world, at, hint.key, hint.intendedFor);
      if (target === at) {
        deleteHint(world, at, hint.key, hint.intendedFor, 'delivered');
        continue;
      }
      tried.add(target);
      const redirected = target !== hint.intendedFor ? { to: target } : {};
      world.emit(at, { kind: 'hint-delivery-attempted', key: hint.key, intendedFor: hint.intendedFor, versionIds: hint.versions.map((v) => v.id), ...redirected });
      sendExpectingReply(world, at, target, { type: 'hint-deliver', key: hint.key, intendedFor: hint.intendedFor, versions: hint.versions });
    }
    for (const t of [...node.transfers.values()].sort((x, y) => x.id - y.id)) {
      // One sent a moment ago may have been split or sent already: learning of a new member
      // (the administrator telling a node that left) sends what it owes that member at once.
      if (!node.transfers.has(t.id)) continue;
      sendTransfer(world, at, t);
      tried.add(t.to);
    }
    probeUnreachable(world, at, tried);
  }
  // A node that left still owes its transfers, and the writes it keeps for others.
  if (!node.isDestroyed && (node.isMember || node.transfers.size > 0 || node.hints.size > 0)) ensureRetryTimer(world, at);
}

/**
 * A stand-in that has become one of the key's replicas (a removal moved the range to it)
 * stores the hinted versions as its own, whether or not the intended node still needs them:
 * once the hint is handed over and deleted, its own store is what it answers reads from.
 */
function keepIfReplica(world: World, at: NodeId, key: string, versions: readonly Version[]): void {
  if (!holdsReplica(world, at, key)) return;
  const node = world.node(at);
  for (const v of versions) if (!(node.store.get(key) ?? []).some((mine) => descendsOrEqual(mine.clock, v.clock))) storeAndTrace(world, at, key, v);
}

/**
 * The intended node, while it is still one of the key's replicas. If it left the ring, or a
 * join took the key's range from it, the write goes where the key lives now: to the stand-in
 * itself when it has become one of the key's replicas (a removal's repairs name it to take
 * the range), else to the key's first replica. Handed to a node that no longer holds the
 * key, it would sit where no read asks.
 */
function deliveryTarget(world: World, at: NodeId, key: string, intendedFor: NodeId): NodeId {
  if (holdsReplica(world, intendedFor, key)) return intendedFor;
  if (holdsReplica(world, at, key)) return at;
  const replicas = world.preferenceListOf(key).nodes;
  // The first replica this node believes answers; the first replica if it believes none does (retried).
  return replicas.find((id) => world.believesReachable(at, id)) ?? replicas[0] ?? at;
}

export function onHandoffMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  if (body.type === 'hint-deliver') {
    for (const v of body.versions) storeAndTrace(world, at, body.key, v);
    const forOther = body.intendedFor !== at ? { intendedFor: body.intendedFor } : {};
    world.emit(at, { kind: 'hint-delivered', key: body.key, holder: from, versionIds: body.versions.map((v) => v.id), ...forOther });
    // A join may have taken the key's range from this node while the hint was on its way.
    passOnIfNotHeld(world, at, body.key);
    world.send(at, from, { type: 'hint-ack', key: body.key, intendedFor: body.intendedFor, versionIds: body.versions.map((v) => v.id) });
  } else if (body.type === 'hint-ack') {
    const node = world.node(at);
    const hint = node.hints.get(hintId(body.intendedFor, body.key));
    if (!hint) return;
    const remaining = hint.versions.filter((v) => !body.versionIds.includes(v.id));
    if (remaining.length > 0) node.hints.set(hintId(body.intendedFor, body.key), { ...hint, versions: remaining });
    else deleteHint(world, at, body.key, body.intendedFor, 'delivered');
  }
}

function deleteHint(world: World, at: NodeId, key: string, intendedFor: NodeId, reason: 'delivered' | 'destroyed'): void {
  if (world.node(at).hints.delete(hintId(intendedFor, key))) world.emit(at, { kind: 'hint-deleted', key, intendedFor, reason });
}
