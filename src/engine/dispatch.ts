/**
 * Where each message and timer goes: one switch per kind, to the module that owns the
 * concept. Keeping the routing here keeps `cluster.ts` about time and the queue.
 */
import type { Message, MessageBody } from './dynamo/messages';
import type { QueueItem } from './cluster';
import type { NodeId } from './dynamo/ring';
import type { OpState, RepairWindow, Timer, World } from './world';
import { onDeadline, onForward, onForwardAck, onForwardTimeout, onReplicaMessage, onReplicaTimeout } from './dynamo/coordinator';
import { onTransferMessage } from './dynamo/rebalance';
import { onHandoffMessage, onRetryTimer } from './dynamo/hinted-handoff';
import { onGossipMessage, onGossipTimer } from './dynamo/membership';
import { onAntiEntropyMessage, onAntiEntropyTimer, onExchangeTimeout } from './dynamo/anti-entropy';
import { onReplyTimeout } from './dynamo/failure-detector';

export function dispatch(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  switch (body.type) {
    case 'forward':
      return onForward(world, at, body.request);
    case 'forward-ack':
      return onForwardAck(world, at, body.opId);
    case 'put':
    case 'put-ack':
    case 'get':
    case 'get-reply':
    case 'repair':
      return onReplicaMessage(world, at, from, body);
    case 'hint-deliver':
    case 'hint-ack':
      return onHandoffMessage(world, at, from, body);
    case 'ping':
      world.send(at, from, { type: 'pong' });
      return;
    case 'pong':
      return; // being heard from is the whole point
    case 'gossip':
    case 'gossip-reply':
      return onGossipMessage(world, at, from, body);
    case 'ae-start':
    case 'ae-hashes':
    case 'ae-keys':
      return onAntiEntropyMessage(world, at, from, body);
    case 'transfer':
    case 'transfer-ack':
      return onTransferMessage(world, at, from, body);
  }
}

/** True when a queued item is a message to deliver rather than a timer (only messages have a body). */
export function isDelivery(item: QueueItem): item is Message {
  return 'body' in item;
}

/** Fails to compile if a timer ever gets a `body`, which would make `isDelivery` take it for a message. */
const TIMERS_HAVE_NO_BODY: Extract<Timer, { body: unknown }> extends never ? true : false = true;
void TIMERS_HAVE_NO_BODY;

/** True for a timer that can no longer do anything (its operation was answered, say). */
/** A get already answered whose repair window still waits on a replica's reply (see `onAnsweredGetTimeout`). */
function isAwaitingReplies(repairWindow: RepairWindow | undefined): boolean {
  return repairWindow !== undefined && repairWindow.answered.length < repairWindow.asked.length;
}

export function isStale(world: World & { readonly ops: ReadonlyMap<number, OpState> }, timer: Timer): boolean {
  switch (timer.type) {
    case 'deadline':
      return !world.ops.has(timer.opId) && !world.repairWindows.has(timer.opId) && !world.replicating.has(timer.opId);
    case 'replica-timeout':
      return !world.ops.has(timer.opId) && !world.replicating.has(timer.opId) && !isAwaitingReplies(world.repairWindows.get(timer.opId));
    case 'forward-timeout':
      return world.nodes.get(timer.via)?.forwarding.has(timer.opId) !== true;
    case 'exchange-timeout':
      return world.exchanges.get(timer.exchangeId)?.isDone ?? true;
    default:
      return false;
  }
}

export function fireTimer(world: World, timer: Timer): void {
  switch (timer.type) {
    case 'deadline':
      return onDeadline(world, timer.opId);
    case 'replica-timeout':
      return onReplicaTimeout(world, timer.opId, timer.sinceSeq);
    case 'forward-timeout':
      return onForwardTimeout(world, timer.opId, timer.via, timer.target, timer.sinceSeq);
    case 'reply-timeout':
      return onReplyTimeout(world, timer.node, timer.peer, timer.sinceSeq);
    case 'retry':
      return onRetryTimer(world, timer.node);
    case 'gossip':
      return onGossipTimer(world, timer.node);
    case 'anti-entropy':
      return onAntiEntropyTimer(world, timer.node);
    case 'exchange-timeout':
      return onExchangeTimeout(world, timer.exchangeId);
  }
}
