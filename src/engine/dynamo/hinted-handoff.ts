/**
 * Hinted handoff (paper §4.6; lectures 002, 003): how Dynamo stays "always writable".
 *
 * When a node of a key's top N does not answer, the coordinator sends the write to the
 * next node of the extended preference list instead, with a *hint* naming the node it was
 * meant for. The stand-in keeps such writes in a separate hinted store and periodically
 * tries to hand them to the intended node; once that node has them, the stand-in deletes
 * its copy. If the intended node no longer holds the key (it left the ring, or a join took
 * the range), the hint goes into the stand-in's own store if it has itself become one of the
 * key's replicas, else to every one of the key's current replicas, and is deleted once all of
 * them have it (the paper's hint is deleted "without decreasing the total number of
 * replicas", §4.6). A stand-in keeps trying for as long as it holds hints, even after it has
 * itself been removed from the ring.
 */
import type { World } from '../world';
import type { NodeId } from './ring';
import type { MessageBody } from './messages';
import { hintId, storeHint, type Hint } from './node';
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
      const targets = deliveryTargets(world, at, hint);
      if (targets.length === 0) {
        deleteHint(world, at, hint.key, hint.intendedFor, 'delivered');
        continue;
      }
      const versionIds = hint.versions.map((v) => v.id);
      for (const target of targets) {
        tried.add(target);
        const redirected = target !== hint.intendedFor ? { to: target } : {};
        world.emit(at, { kind: 'hint-delivery-attempted', key: hint.key, intendedFor: hint.intendedFor, versionIds, ...redirected });
        sendExpectingReply(world, at, target, { type: 'hint-deliver', key: hint.key, intendedFor: hint.intendedFor, versions: hint.versions });
      }
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
  for (const v of versions) if (!(node.store.get(key) ?? []).some((mine) => descendsOrEqual(mine.clock, v.clock))) storeAndTrace(world, at, key, v, { by: 'hinted-handoff', from: at });
}

/**
 * Where a hint still has to go: the intended node, while it is still one of the key's replicas.
 * If it left the ring, or a join took the key's range from it, the write goes where the key
 * lives now: nowhere more when the stand-in has itself become one of the key's replicas (a
 * removal's repairs name it to take the range; `keepIfReplica` stored it), else every current
 * replica that has not acknowledged it yet. Handed to a node that no longer holds the key, it
 * would sit where no read asks; handed to one replica, the first, it usually reached a node
 * that had the write already, and the node that took the intended node's place never got it:
 * an acknowledged write kept by N - 1 nodes, until anti-entropy. Empty when nothing is owed.
 */
function deliveryTargets(world: World, at: NodeId, hint: Hint): readonly NodeId[] {
  if (holdsReplica(world, hint.intendedFor, hint.key)) return [hint.intendedFor];
  if (holdsReplica(world, at, hint.key)) return [];
  return owedReplicas(world, at, hint);
}

/** The key's current replicas, but the stand-in itself, that have not acknowledged every version of a redirected hint. */
function owedReplicas(world: World, at: NodeId, hint: Hint): NodeId[] {
  return world.preferenceListOf(hint.key).nodes.filter((id) => id !== at && !(hint.handedTo ?? []).includes(id));
}

export function onHandoffMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  if (body.type === 'hint-deliver') {
    for (const v of body.versions) storeAndTrace(world, at, body.key, v, { by: 'hinted-handoff', from });
    const forOther = body.intendedFor !== at ? { intendedFor: body.intendedFor } : {};
    world.emit(at, { kind: 'hint-delivered', key: body.key, holder: from, versionIds: body.versions.map((v) => v.id), ...forOther });
    // A join may have taken the key's range from this node while the hint was on its way.
    passOnIfNotHeld(world, at, body.key);
    world.send(at, from, { type: 'hint-ack', key: body.key, intendedFor: body.intendedFor, versionIds: body.versions.map((v) => v.id) });
  } else if (body.type === 'hint-ack') {
    const node = world.node(at);
    const hint = node.hints.get(hintId(body.intendedFor, body.key));
    if (!hint) return;
    if (from !== body.intendedFor) return onRedirectedAck(world, at, from, hint, body.versionIds);
    const remaining = hint.versions.filter((v) => !body.versionIds.includes(v.id));
    if (remaining.length > 0) node.hints.set(hintId(body.intendedFor, body.key), { ...hint, versions: remaining });
    else deleteHint(world, at, body.key, body.intendedFor, 'delivered');
  }
}

/**
 * A replica acknowledged a hint whose intended node no longer holds the key: the hint is kept
 * until every current replica has every version of it (one that acknowledged only older
 * versions is sent the rest at the next retry).
 */
function onRedirectedAck(world: World, at: NodeId, from: NodeId, hint: Hint, versionIds: readonly number[]): void {
  if (!hint.versions.every((v) => versionIds.includes(v.id))) return;
  const handedTo = (hint.handedTo ?? []).includes(from) ? hint.handedTo! : [...(hint.handedTo ?? []), from];
  const handed = { ...hint, handedTo };
  if (owedReplicas(world, at, handed).length > 0) world.node(at).hints.set(hintId(hint.intendedFor, hint.key), handed);
  else deleteHint(world, at, hint.key, hint.intendedFor, 'delivered');
}

function deleteHint(world: World, at: NodeId, key: string, intendedFor: NodeId, reason: 'delivered' | 'destroyed'): void {
  if (world.node(at).hints.delete(hintId(intendedFor, key))) world.emit(at, { kind: 'hint-deleted', key, intendedFor, reason });
}
