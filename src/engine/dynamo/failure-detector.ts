/**
 * Local failure detection (paper §4.8.3; lecture 001: "a request is a ping").
 *
 * There is no global oracle of who is up. A node that does not get an answer in time
 * believes the peer unreachable; any message that later arrives from the peer makes it
 * reachable again. Nodes believing a peer down probe it now and then (and a node holding
 * hints for it tries to hand them over), so views heal once the peer answers. Views
 * therefore differ between nodes for a while, as in the real system.
 */
import type { World } from '../world';
import type { NodeId } from './ring';
import type { NodeState } from './node';
import type { MessageBody } from './messages';

export function markUnreachable(world: World, at: NodeId, peer: NodeId): void {
  const node = world.node(at);
  if (peer === at || node.unreachable.has(peer)) return;
  node.unreachable.add(peer);
  world.emit(at, { kind: 'peer-unreachable', peer });
  ensureRetryTimer(world, at);
}

export function markReachable(world: World, at: NodeId, peer: NodeId, heard: MessageBody['type']): void {
  const node = world.node(at);
  if (!node.unreachable.delete(peer)) return;
  world.emit(at, { kind: 'peer-reachable', peer, heard });
}

/** Schedules the node's periodic retry (hints and probes) if it has work and none is set. */
export function ensureRetryTimer(world: World, at: NodeId): void {
  const node = world.node(at);
  if (node.hasRetryTimer || (node.hints.size === 0 && node.unreachable.size === 0 && node.transfers.size === 0)) return;
  node.hasRetryTimer = true;
  world.schedule(world.nowMs + world.config.hintRetryMs, { type: 'retry', node: at });
}

/** Sends a request that expects an answer; no answer in time marks the peer unreachable. */
export function sendExpectingReply(world: World, from: NodeId, to: NodeId, body: Parameters<World['send']>[2]): void {
  const sinceSeq = world.traceSeq;
  world.send(from, to, body);
  world.schedule(world.nowMs + world.config.replicaTimeoutMs, { type: 'reply-timeout', node: from, peer: to, sinceSeq });
}

/** Nothing heard from `peer` since the request went out: `node` believes it unreachable. */
export function onReplyTimeout(world: World, node: NodeId, peer: NodeId, sinceSeq: number): void {
  const at = world.node(node);
  if (!at.isUp || heardSince(at, peer, sinceSeq)) return;
  markUnreachable(world, node, peer);
}

/**
 * Whether `node` has heard from `peer` since the trace's seq was `sinceSeq`: a message the peer
 * sent from then on arrived. Counted in the order things happened, not in milliseconds: an
 * answer to an earlier request that arrived in the very millisecond a new one went out is no
 * sign the peer is still up (a coordinator took such a peer for up after its timeout, and the
 * next request waited on it again), and an answer with no latency at all still counts.
 */
export function heardSince(node: NodeState, peer: NodeId, sinceSeq: number): boolean {
  return (node.heardSeq.get(peer) ?? -1) >= sinceSeq;
}

/** Every message received is a sign of life. `node` is the receiver, already looked up by the caller; `sendSeq` the message's send. */
export function heardFrom(world: World, node: NodeState, peer: NodeId, sendSeq: number, heard: MessageBody['type']): void {
  // The latest send heard of: a message delayed on a slow link may arrive after a later one.
  if (sendSeq > (node.heardSeq.get(peer) ?? -1)) node.heardSeq.set(peer, sendSeq);
  if (node.unreachable.size > 0 && node.unreachable.has(peer)) markReachable(world, node.id, peer, heard);
}

/** Probes every peer the node believes down that it has no hint to deliver to. */
export function probeUnreachable(world: World, at: NodeId, skip: ReadonlySet<NodeId>): void {
  for (const peer of [...world.node(at).unreachable].sort()) {
    const target = world.nodes.get(peer);
    if (skip.has(peer) || !target?.isMember) continue;
    sendExpectingReply(world, at, peer, { type: 'ping' });
  }
}
