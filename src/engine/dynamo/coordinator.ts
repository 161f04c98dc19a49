/**
 * The coordinator: how a get or a put is executed (paper §4.5, §5; lectures 002, 004).
 *
 * A client contacts any node (`via`). If that node is among the key's top N it
 * coordinates; otherwise it forwards the request to the first node of the top N it
 * believes reachable (lecture 002: a request sent to G is forwarded to B). For a put the
 * coordinator makes the new version's clock, writes locally, sends the version to the
 * other N − 1 replicas and answers after W acknowledgements (its own included). For a
 * get it reads locally, asks the others, and answers after R replies with every version
 * no other descends from, plus one context covering them all. A request not answered
 * within the timeout fails.
 */
import type { World, OpState } from '../world';
import type { ClientRequest, MessageBody } from './messages';
import type { NodeId } from './ring';
import { ownCounter, siblingsAt, storeVersion } from './node';
import { contextClock, reconcile, type Version } from './versions';
import { EMPTY_CLOCK, truncateClock, withCounter, counterOf } from './vector-clock';

/** A client's request arrives at `via`: route it (coordinate here or forward). */
export function receiveRequest(world: World, request: ClientRequest): void {
  const via = world.node(request.via);
  const pos = world.keyPosition(request.key);
  const list = world.preferenceListOf(request.key);
  const isCoordinator = list.nodes.includes(via.id);
  const coordinator = isCoordinator ? via.id : (list.nodes.find((id) => world.believesReachable(via.id, id)) ?? list.nodes[0]);
  world.emit(via.id, {
    kind: 'op-route',
    opId: request.opId,
    op: request.op,
    key: request.key,
    md5: world.keyDigest(request.key),
    position: pos,
    preferenceList: list.nodes,
    fallbacks: list.fallbacks,
    coordinator: coordinator ?? via.id,
    isForwarded: !isCoordinator,
  });
  if (coordinator === undefined) return world.finishOp(request.opId, { ok: false, error: 'the ring has no nodes' });
  if (isCoordinator) coordinate(world, via.id, request, list.nodes);
  else world.send(via.id, coordinator, { type: 'forward', request });
}

/** The forwarded request reaches a node of the top N, which coordinates it. */
export function onForward(world: World, at: NodeId, request: ClientRequest): void {
  coordinate(world, at, request, world.preferenceListOf(request.key).nodes);
}

function coordinate(world: World, coordinator: NodeId, request: ClientRequest, replicas: readonly NodeId[]): void {
  const op = world.op(request.opId);
  if (!op || op.isDone) return;
  op.coordinator = coordinator;
  op.replicas = replicas;
  op.needed = request.op === 'put' ? world.config.w : world.config.r;
  const others = replicas.filter((id) => id !== coordinator);
  if (request.op === 'put') {
    const version = newVersion(world, coordinator, request);
    op.version = version;
    storeAndTrace(world, coordinator, request.key, version);
    for (const to of others) world.send(coordinator, to, { type: 'put', opId: request.opId, key: request.key, version });
  } else {
    op.versions.push(...siblingsAt(world.node(coordinator), request.key));
    for (const to of others) world.send(coordinator, to, { type: 'get', opId: request.opId, key: request.key });
  }
  countReply(world, op, coordinator); // the coordinator's own write or read counts toward W or R
}

/**
 * The new version's clock: the context's clock with the coordinator's counter advanced.
 * The counter is one past the highest the coordinator has written for this key (in the
 * context or on its own disk), so two different versions never share one clock.
 */
function newVersion(world: World, coordinator: NodeId, request: ClientRequest): Version {
  const base = request.context ?? EMPTY_CLOCK;
  const counter = Math.max(counterOf(base, coordinator), ownCounter(world.node(coordinator), request.key)) + 1;
  const grown = withCounter(base, coordinator, counter, world.nowMs);
  const { clock, removed } = truncateClock(grown, world.config.clockTruncationThreshold);
  const id = world.nextVersionId(request.key);
  if (removed.length > 0) world.emit(coordinator, { kind: 'clock-truncated', key: request.key, versionId: id, removed });
  return { id, value: request.value ?? null, clock };
}

/** Stores a version at `node` and records what it replaced, or that it was already covered. */
export function storeAndTrace(world: World, node: NodeId, key: string, version: Version): void {
  const result = storeVersion(world.node(node), key, version);
  if (result.coveredBy !== undefined) {
    world.emit(node, { kind: 'version-ignored', key, version, coveredBy: result.coveredBy.id });
  } else {
    world.emit(node, { kind: 'version-stored', key, version, superseded: result.superseded.map((v) => v.id), siblings: result.siblings.map((v) => v.id) });
  }
}

function countReply(world: World, op: OpState, from: NodeId): void {
  if (op.isDone || op.replies.includes(from)) return;
  op.replies.push(from);
  world.emit(op.coordinator, { kind: 'reply-counted', opId: op.request.opId, op: op.request.op, from, count: op.replies.length, needed: op.needed });
  if (op.replies.length >= op.needed) finishSuccess(world, op);
}

function finishSuccess(world: World, op: OpState): void {
  if (op.request.op === 'put') {
    world.finishOp(op.request.opId, { ok: true, version: op.version, acks: [...op.replies] });
  } else {
    const versions = reconcile(op.versions);
    world.finishOp(op.request.opId, { ok: true, versions, context: contextClock(versions), replies: [...op.replies] });
  }
}

/** A replica's handling of the coordinator's messages, and the coordinator's of replies. */
export function onReplicaMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  switch (body.type) {
    case 'put':
      storeAndTrace(world, at, body.key, body.version);
      world.send(at, from, { type: 'put-ack', opId: body.opId, key: body.key, versionId: body.version.id });
      return;
    case 'get':
      world.send(at, from, { type: 'get-reply', opId: body.opId, key: body.key, versions: siblingsAt(world.node(at), body.key) });
      return;
    case 'put-ack':
    case 'get-reply': {
      const op = world.op(body.opId);
      if (!op || op.isDone || op.coordinator !== at) return;
      if (body.type === 'get-reply') op.versions.push(...body.versions);
      countReply(world, op, from);
      return;
    }
    default:
      return;
  }
}

/** The operation's deadline passed before it was answered: it fails. */
export function onDeadline(world: World, opId: number): void {
  const op = world.op(opId);
  if (!op || op.isDone) return;
  const what = op.request.op === 'put' ? 'W' : 'R';
  const error =
    op.coordinator === null
      ? `no coordinator answered within ${world.config.requestTimeoutMs} ms`
      : `only ${op.replies.length} of ${what}=${op.needed} replicas answered within ${world.config.requestTimeoutMs} ms`;
  world.finishOp(opId, { ok: false, error });
}
