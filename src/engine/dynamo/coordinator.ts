/**
 * The coordinator: how a get or a put is executed (paper §4.5, §4.6, §5; lectures 002,
 * 003, 004).
 *
 * A client contacts any node (`via`). If that node is among the key's top N it
 * coordinates; otherwise it forwards the request to the first node of the top N it
 * believes reachable (lecture 002: G forwards to B), and tries the next one if no word comes
 * in time that that node took it. The coordinator sends to the first N nodes of the extended
 * preference list that it believes reachable — a *sloppy quorum*: a stand-in beyond the
 * top N receives a hint naming the node it stands in for. A replica that does not answer
 * in time is believed unreachable and replaced by the next node of the list. A put
 * answers after W acknowledgements (the coordinator's own write included), a get after
 * R replies, with every version no other descends from and one context covering them.
 * A request not answered within the deadline fails.
 */
import type { World, OpState } from '../world';
import type { ClientRequest, MessageBody } from './messages';
import type { NodeId } from './ring';
import type { PreferenceList } from './preference-list';
import { readableVersions } from './node';
import { contextClock, reconcile, type Version } from './versions';
import { newVersion } from './new-version';
import { storeAndTrace } from './store-trace';
import { keepHint } from './hinted-handoff';
import { passOnIfNotHeld } from './rebalance';
import { heardSince, markUnreachable } from './failure-detector';
import { round2 } from '../sim/time';
import { openRepairWindow, repairLateReply } from './read-repair';

/** A client's request arrives at `via`: coordinate here, or forward into the top N. */
export function receiveRequest(world: World, request: ClientRequest): void {
  const list = world.preferenceListOf(request.key);
  const via = request.via;
  const isCoordinator = list.nodes.includes(via);
  const target = isCoordinator ? via : (nextForwardTarget(world, via, list.nodes, []) ?? lastResort(world, via, list.nodes));
  world.record({
    seq: world.nextTraceSeq(),
    atMs: world.nowMs,
    node: via,
    causeSeq: world.causeSeq,
    kind: 'op-route',
    opId: request.opId,
    op: request.op,
    key: request.key,
    md5: world.keyDigest(request.key),
    position: world.keyPosition(request.key),
    preferenceList: list.nodes,
    fallbacks: list.fallbacks,
    coordinator: target,
    isForwarded: target !== via,
  });
  if (target === via) coordinate(world, via, request);
  else forward(world, request, target);
}

function nextForwardTarget(world: World, via: NodeId, topN: readonly NodeId[], tried: readonly NodeId[]): NodeId | undefined {
  return topN.find((id) => !tried.includes(id) && world.believesReachable(via, id));
}

/**
 * Where a request goes when `via`, outside the top N, believes none of them reachable: under
 * sloppy quorum `via` coordinates it itself (its own copy a hint). Without it a node outside
 * the top N has no replica to write or read, so it tries the first of them anyway: a belief
 * can be out of date.
 */
function lastResort(world: World, via: NodeId, topN: readonly NodeId[]): NodeId {
  return world.config.hintedHandoff ? via : topN[0]!;
}

function forward(world: World, request: ClientRequest, target: NodeId): void {
  world.op(request.opId)?.forwards.push(target);
  const { forwarding } = world.node(request.via);
  forwarding.set(request.opId, { request, tried: [...(forwarding.get(request.opId)?.tried ?? []), target] });
  const sinceSeq = world.traceSeq;
  world.send(request.via, target, { type: 'forward', request });
  world.schedule(world.nowMs + world.config.replicaTimeoutMs, { type: 'forward-timeout', opId: request.opId, via: request.via, target, sinceSeq });
}

/**
 * No node has told `via` it took the forward in time: try the next node of the top N `via`
 * believes up, or, under sloppy quorum, coordinate here. Without it the top N are tried in
 * order, believed down or not (a belief can be out of date), and past the last no node
 * coordinates the request: it fails at its deadline ("no coordinator took the request").
 * Before, `via` coordinated it with no replica to write to, and the put reported a version
 * that no node ever stored.
 *
 * `via` decides on what it knows: the requests it forwarded and no node acknowledged
 * (`forward-ack`), which it forgets when it fails, and the client's deadline, past which the
 * client has given up on it. A node that took the request but whose acknowledgement is slow
 * is taken for one that did not: the next node coordinates the request too (`late-forward`).
 */
export function onForwardTimeout(world: World, opId: number, via: NodeId, target: NodeId, sinceSeq: number): void {
  const node = world.node(via);
  const pending = node.forwarding.get(opId);
  if (!node.isUp || pending === undefined) return;
  const { request, tried } = pending;
  if (world.nowMs >= request.startedAtMs + world.config.requestTimeoutMs) {
    node.forwarding.delete(opId);
    return;
  }
  // Heard from since the forward left: up, and the forward was lost (the same rule as a replica's timeout).
  if (!heardSince(node, target, sinceSeq)) markUnreachable(world, via, target);
  const topN = world.preferenceListOf(request.key).nodes;
  // Every node tried so far is passed over, not only the last: a node heard from again in the
  // meantime (by gossip) was believed up again, and E's forwards went A, B, A, B, … and never to C.
  // Without sloppy quorum the top N are the only way: the next of them in order, believed down or not.
  const next = nextForwardTarget(world, via, topN, tried) ?? (world.config.hintedHandoff ? undefined : topN[topN.indexOf(target) + 1]);
  if (next !== undefined) return forward(world, request, next);
  node.forwarding.delete(opId);
  if (world.config.hintedHandoff) coordinateOrRepeat(world, via, request);
}

/**
 * The forwarded request reaches a node of the top N, which tells `via` it took it and
 * coordinates it. One that comes after `via` stopped waiting for this node (its forward timed
 * out, and another node took the request, or the client has its answer) is coordinated all
 * the same: the node cannot know.
 */
export function onForward(world: World, at: NodeId, request: ClientRequest): void {
  world.send(at, request.via, { type: 'forward-ack', opId: request.opId, op: request.op, key: request.key });
  coordinateOrRepeat(world, at, request);
}

/** `via` hears that a node took a request it forwarded: it stops waiting, whichever node it was waiting for. */
export function onForwardAck(world: World, at: NodeId, opId: number): void {
  world.node(at).forwarding.delete(opId);
}

/** `at` coordinates the request: as the client's operation if no node has taken it yet, else as a repeat of it. */
function coordinateOrRepeat(world: World, at: NodeId, request: ClientRequest): void {
  const op = world.op(request.opId);
  if (op && !op.isDone && op.coordinator === null) coordinate(world, at, request);
  else if (op?.coordinator !== at) coordinateLate(world, at, request, op);
}

function coordinate(world: World, coordinator: NodeId, request: ClientRequest): void {
  const op = world.op(request.opId);
  if (!op || op.isDone || op.coordinator !== null) return;
  // Taken: `via`, if it failed since it forwarded the request, has handed it on all the same, and
  // what counts from here is whether this coordinator fails.
  if (op.lostBy !== undefined && op.lostBy.node !== coordinator) delete op.lostBy;
  take(world, op, coordinator);
}

/**
 * A forward that came late (see `onForward`): the node coordinates the request as a new
 * operation whose answer no client waits for, as a put already answered does its work (it
 * looks for N holders, `world.replicating`); a get's replies repair what they can until its
 * deadline. A put is so written twice, the second time with this node's counter: two
 * versions neither descends from, siblings, from one client's put (paper §4.4, §4.5).
 */
function coordinateLate(world: World, at: NodeId, request: ClientRequest, op: OpState | undefined): void {
  const duplicateOpId = world.nextId('op');
  const { op: kind, key, via } = request;
  const isAwaited = via !== at && world.node(via).forwarding.get(request.opId)?.tried.at(-1) === at;
  world.emit(at, { kind: 'late-forward', opId: request.opId, op: kind, key, from: via, isAwaited, isAnswered: op === undefined || op.isDone, takenBy: op?.coordinator ?? null, duplicateOpId });
  const late = newOpState({ ...request, opId: duplicateOpId });
  late.isDone = true;
  if (kind === 'put') world.replicating.set(duplicateOpId, late);
  take(world, late, at);
  if (kind === 'put') return;
  const local = readableVersions(world.node(at), key);
  openRepairWindow(world, duplicateOpId, { key, coordinator: at, siblings: local, replicas: late.replicas, asked: askedReplicas(late) }, [[at, local]]);
  world.schedule(world.nowMs + world.config.requestTimeoutMs, { type: 'deadline', opId: duplicateOpId });
}

/** `coordinator` takes the request: it writes or reads its own copy and sends to the others. */
function take(world: World, op: OpState, coordinator: NodeId): void {
  const { request } = op;
  const list = world.preferenceListOf(request.key);
  op.coordinator = coordinator;
  op.takenAtMs = world.nowMs;
  op.replicas = list.nodes;
  op.needed = request.op === 'put' ? world.config.w : world.config.r;
  if (request.op === 'put') op.version = newVersion(world, coordinator, request);
  const targets = chooseTargets(world, coordinator, list);
  const intendedFor = standInsFor(targets, list.nodes);
  const sinceSeq = world.traceSeq; // replies are sent from here on
  const local = targets.indexOf(coordinator);
  if (local >= 0) actLocally(world, op, intendedFor?.[local]);
  for (let i = 0; i < targets.length; i++) if (i !== local) sendToReplica(world, op, targets[i]!, intendedFor?.[i]);
  if (local >= 0) countReply(world, op, coordinator, op.request.op === 'get' ? readableVersions(world.node(coordinator), request.key) : []);
  world.schedule(world.nowMs + world.config.replicaTimeoutMs, { type: 'replica-timeout', opId: request.opId, sinceSeq });
}

/** A client operation's state before any node has taken it (and a late forward's, `coordinateLate`). */
export function newOpState(request: ClientRequest): OpState {
  return {
    request,
    coordinator: null,
    takenAtMs: -1,
    forwards: [],
    replicas: [],
    targets: [],
    timedOut: [],
    standIns: [],
    needed: 0,
    replies: [],
    versions: [],
    replyVersions: [],
    version: undefined,
    isDone: false,
  };
}

/**
 * The first N nodes of the preference list (extended with the fallbacks under sloppy
 * quorum) that the coordinator believes reachable, itself always included.
 */
/**
 * Under sloppy quorum, the first N nodes of the extended list the coordinator believes up
 * (paper §4.6). Without it, the top N whatever it believes: no other node may take their
 * writes, so leaving one out gains nothing, and a belief can be out of date (a node that
 * recovered while the coordinator was not asking it would never be written to again).
 */
function chooseTargets(world: World, coordinator: NodeId, list: PreferenceList): NodeId[] {
  if (!world.config.hintedHandoff) return list.nodes.slice(0, world.config.n);
  const targets: NodeId[] = [];
  addReachable(world, coordinator, list.nodes, targets);
  addReachable(world, coordinator, list.fallbacks, targets);
  return targets;
}

/** Appends the nodes of `ids` the coordinator believes reachable to `targets`, up to N in all. */
function addReachable(world: World, coordinator: NodeId, ids: readonly NodeId[], targets: NodeId[]): void {
  for (let i = 0; i < ids.length && targets.length < world.config.n; i++) {
    const id = ids[i]!;
    if (id === coordinator || world.believesReachable(coordinator, id)) targets.push(id);
  }
}

/**
 * For each target beyond the top N, the top-N node it stands in for: the top-N nodes not
 * targeted, in order. Undefined when every target is in the top N (the usual case).
 */
function standInsFor(targets: readonly NodeId[], topN: readonly NodeId[]): (NodeId | undefined)[] | undefined {
  let isAllTopN = true;
  for (let i = 0; i < targets.length && isAllTopN; i++) isAllTopN = topN.includes(targets[i]!);
  if (isAllTopN) return undefined;
  const missing = topN.filter((id) => !targets.includes(id));
  return targets.map((target) => (topN.includes(target) ? undefined : missing.shift()));
}

/** The coordinator's own part, which needs no message: a local write (or hint) or read. */
function actLocally(world: World, op: OpState, intendedFor: NodeId | undefined): void {
  const coordinator = op.coordinator!;
  op.targets.push(coordinator);
  if (intendedFor !== undefined) op.standIns.push([coordinator, intendedFor]);
  if (op.request.op !== 'put') return;
  if (intendedFor !== undefined) keepHint(world, coordinator, op.request.key, intendedFor, op.version!);
  else storeAndTrace(world, coordinator, op.request.key, op.version!);
}

/** Sends the op to one replica, or to a stand-in with a hint naming the node it replaces. */
function sendToReplica(world: World, op: OpState, target: NodeId, intendedFor: NodeId | undefined): void {
  const { opId, key } = op.request;
  const coordinator = op.coordinator!;
  op.targets.push(target);
  if (intendedFor !== undefined) {
    op.standIns.push([target, intendedFor]);
    world.emit(coordinator, { kind: 'sloppy-target', opId, op: op.request.op, key, standIn: target, intendedFor });
  }
  let body: MessageBody;
  if (op.request.op === 'get') body = { type: 'get', opId, key };
  else if (intendedFor === undefined) body = { type: 'put', opId, key, version: op.version! };
  else body = { type: 'put', opId, key, version: op.version!, hintFor: intendedFor };
  world.send(coordinator, target, body);
}

function countReply(world: World, op: OpState, from: NodeId, versions: readonly Version[]): void {
  if (op.replies.includes(from) || !op.targets.includes(from) || isForgotten(op)) return;
  op.replies.push(from);
  if (op.isDone) {
    if (op.replies.length >= world.config.n) world.replicating.delete(op.request.opId); // every replica has it
    return;
  }
  if (op.request.op === 'get') {
    for (const v of versions) op.versions.push(v);
    op.replyVersions.push([from, versions]);
  }
  world.record({ seq: world.nextTraceSeq(), atMs: world.nowMs, node: op.coordinator, causeSeq: world.causeSeq, kind: 'reply-counted', opId: op.request.opId, op: op.request.op, from, count: op.replies.length, needed: op.needed });
  if (op.replies.length >= op.needed) finishSuccess(world, op);
}

function finishSuccess(world: World, op: OpState): void {
  const { opId, key } = op.request;
  if (op.request.op === 'put') {
    world.finishOp(opId, { ok: true, version: op.version, acks: op.replies.slice(), hinted: op.standIns.length === 0 ? NO_HINTS : hintedAcks(op) });
    return;
  }
  const versions = reconcile(op.versions);
  world.finishOp(opId, { ok: true, versions, context: contextClock(versions), replies: op.replies.slice() });
  openRepairWindow(world, opId, { key, coordinator: op.coordinator!, siblings: versions, replicas: op.replicas, asked: askedReplicas(op) }, op.replyVersions);
}

/** The replicas of the top N a get sent to (itself included when it is one), its stand-ins aside. */
function askedReplicas(op: OpState): NodeId[] {
  return op.targets.filter((id) => op.replicas.includes(id));
}

/** The acknowledgements that came from stand-ins, each with the top-N node it holds a hint for. */
function hintedAcks(op: OpState): { holder: NodeId; intendedFor: NodeId }[] {
  const hinted: { holder: NodeId; intendedFor: NodeId }[] = [];
  for (const holder of op.replies) {
    const intendedFor = op.standIns.find(([standIn]) => standIn === holder)?.[1];
    if (intendedFor !== undefined) hinted.push({ holder, intendedFor });
  }
  return hinted;
}

/** A put acknowledged by its top N alone, the usual case: one shared empty list (the op-end event keeps it). Read-only by type. */
const NO_HINTS: readonly { holder: NodeId; intendedFor: NodeId }[] = [];

/** A replica's handling of the coordinator's messages, and the coordinator's of replies. */
export function onReplicaMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  switch (body.type) {
    case 'put':
      if (body.hintFor !== undefined && body.hintFor !== at) keepHint(world, at, body.key, body.hintFor, body.version);
      else {
        storeAndTrace(world, at, body.key, body.version);
        passOnIfNotHeld(world, at, body.key);
      }
      world.send(at, from, { type: 'put-ack', opId: body.opId, key: body.key, versionId: body.version.id });
      return;
    case 'get':
      world.send(at, from, { type: 'get-reply', opId: body.opId, key: body.key, versions: readableVersions(world.node(at), body.key) });
      return;
    case 'repair':
      for (const v of body.versions) storeAndTrace(world, at, body.key, v, { by: 'read-repair', from });
      passOnIfNotHeld(world, at, body.key);
      return;
    case 'put-ack':
    case 'get-reply':
      onReply(world, at, from, body);
      return;
    default:
      return;
  }
}

function onReply(world: World, at: NodeId, from: NodeId, body: Extract<MessageBody, { type: 'put-ack' | 'get-reply' }>): void {
  const op = world.op(body.opId);
  if (op && op.coordinator === at && (!op.isDone || body.type === 'put-ack')) {
    countReply(world, op, from, body.type === 'get-reply' ? body.versions : []);
    return;
  }
  const repairWindow = world.repairWindows.get(body.opId);
  if (body.type === 'get-reply' && repairWindow && repairWindow.coordinator === at) repairLateReply(world, body.opId, repairWindow, from, body.versions);
}

/**
 * Replicas that did not answer in time are believed down and replaced by the next nodes
 * of the extended list. A put keeps doing this after its client has its answer, success or
 * failure, until N nodes hold the version or no node is left to ask (paper §4.6: the replica
 * "will now be sent to node D"); a get answered already only learns who is down.
 */
export function onReplicaTimeout(world: World, opId: number, sinceSeq: number): void {
  const op = world.op(opId);
  if (!op) return onAnsweredGetTimeout(world, opId, sinceSeq);
  if (op.coordinator === null || isForgotten(op) || !world.node(op.coordinator).isUp) return;
  const coordinator = op.coordinator;
  const silent = op.targets.filter((id) => !op.replies.includes(id) && !op.timedOut.includes(id));
  if (silent.length === 0) return stopReplicating(world, op);
  const at = world.node(coordinator);
  for (const id of silent) {
    op.timedOut.push(id); // silent excludes those already timed out: no duplicates
    if (!heardSince(at, id, sinceSeq)) markUnreachable(world, coordinator, id); // heard since: up, the message was lost
  }
  if (!world.config.hintedHandoff) return stopReplicating(world, op);
  const list = world.preferenceListOf(op.request.key);
  const candidates = [...list.nodes, ...list.fallbacks].filter((id) => !op.targets.includes(id) && world.believesReachable(coordinator, id));
  // Top-N nodes (of the ring as it is now) that nothing answered for: each needs a replica or a stand-in.
  // One that timed out in an earlier round but has answered since holds the write.
  const hasNotAnswered = (id: NodeId) => op.timedOut.includes(id) && !op.replies.includes(id);
  const uncovered = list.nodes.filter((id) => !op.targets.includes(id) || hasNotAnswered(id));
  const covered = new Set(op.standIns.filter(([holder]) => !hasNotAnswered(holder)).map(([, intended]) => intended));
  const owed = uncovered.filter((id) => !covered.has(id));
  let sent = 0;
  const roundSeq = world.traceSeq; // this round's replies are sent from here on
  for (let i = 0; i < silent.length && owed.length > 0; i++) {
    const next = candidates.shift();
    if (next === undefined) break;
    if (list.nodes.includes(next)) {
      const at = owed.indexOf(next);
      if (at >= 0) owed.splice(at, 1);
      sendToReplica(world, op, next, undefined);
    } else {
      sendToReplica(world, op, next, owed.shift()); // a stand-in always holds a hint for a top-N node
    }
    sent++;
  }
  if (sent > 0) world.schedule(world.nowMs + world.config.replicaTimeoutMs, { type: 'replica-timeout', opId, sinceSeq: roundSeq });
  else stopReplicating(world, op);
}

/**
 * A get already answered needs no more replies, but the replicas that stayed silent taught its
 * coordinator all the same: a request is a ping (paper §4.8.3, lecture 001: "if a node doesn't
 * respond to a request, it is considered to be failed"). Before, a coordinator whose gets kept
 * answering with R of N went on believing a dead replica up, and its next put waited a replica
 * timeout on it before sending a stand-in. Read from the get's repair window, open until its
 * deadline: which replicas it asked, and which answered, late ones included. Only those asked:
 * one it believed down as it began, heard from since by a message sent before, was not silent.
 */
function onAnsweredGetTimeout(world: World, opId: number, sinceSeq: number): void {
  const repairWindow = world.repairWindows.get(opId);
  if (repairWindow === undefined) return;
  const { coordinator } = repairWindow;
  const at = world.node(coordinator);
  if (!at.isUp) return;
  for (const id of repairWindow.asked) if (!repairWindow.answered.includes(id) && !heardSince(at, id, sinceSeq)) markUnreachable(world, coordinator, id);
}

/**
 * A put already answered stops looking for more holders once there is no one left to ask. Not
 * at the client's deadline: reaching N replicas is the coordinator's own business (paper
 * §4.6), and with `replicaTimeoutMs` at or past `requestTimeoutMs` the deadline came before
 * the first replica timeout, so no stand-in was ever sent.
 */
function stopReplicating(world: World, op: OpState): void {
  if (op.isDone) world.replicating.delete(op.request.opId);
  else op.isSearchOver = true;
}

/** The coordinator failed while it held the request, and forgot it. */
function isForgotten(op: OpState): boolean {
  return op.lostBy !== undefined && op.lostBy.node === op.coordinator;
}

/**
 * A node that fails forgets the requests it was coordinating, or had not yet handed on (a
 * failed node's disk survives, its memory does not; a destroyed one loses both): replies that reach it after it recovers count for
 * nothing, the client hears nothing and the request fails at its deadline, a put already
 * answered stops looking for more replicas, and a get's late replies repair nothing. Before,
 * a coordinator failed and recovered in the middle of a put still answered the client.
 */
export function forgetRequestsOf(world: World, node: NodeId, isDestroyed = false): void {
  world.node(node).forwarding.clear();
  for (const op of world.ops.values()) {
    if (op.lostBy === undefined && (op.coordinator === node || (op.coordinator === null && op.request.via === node))) op.lostBy = isDestroyed ? { node, atMs: world.nowMs, isDestroyed } : { node, atMs: world.nowMs };
  }
  for (const [opId, op] of world.replicating) if (op.coordinator === node) world.replicating.delete(opId);
  for (const [opId, repairWindow] of world.repairWindows) if (repairWindow.coordinator === node) world.repairWindows.delete(opId);
}

/**
 * Where a failed request's time went before any replica was asked, when forwards went
 * unanswered: each cost a replica timeout, and two of them leave the coordinator a third
 * of the 300 ms, less than its own wait on the silent replicas (a class that failed two of
 * the top N and wrote through a node outside them saw "only 1 of W=2 replicas answered").
 */
function forwardsSpent(op: OpState): string | null {
  const unanswered = op.forwards.filter((id) => id !== op.coordinator);
  if (unanswered.length === 0) return null;
  const { via, startedAtMs } = op.request;
  const names = unanswered.length === 1 ? unanswered[0]! : `${unanswered.slice(0, -1).join(', ')} and ${unanswered.at(-1)!}`;
  const forwards = `${via}'s forward${unanswered.length === 1 ? '' : 's'} to ${names} went unanswered`;
  if (op.coordinator === null) return forwards;
  const taken = `${round2(op.takenAtMs - startedAtMs)} ms`;
  return op.coordinator === via ? `${forwards}, and ${via} took the request itself only after ${taken}` : `${forwards}, and ${op.coordinator} took the request only after ${taken}`;
}

/** Why a request not answered by its deadline failed. */
function failureReason(world: World, op: OpState): string {
  const within = `within ${world.config.requestTimeoutMs} ms`;
  const what = op.request.op === 'put' ? 'W' : 'R';
  if (op.lostBy !== undefined) {
    const { node, atMs, isDestroyed } = op.lostBy;
    const [failed, memory] = isDestroyed ? ['was destroyed', '(with its disk and its memory)'] : ['failed', "(a failed node keeps its disk, not its memory)"];
    if (op.coordinator === node) return `no answer ${within}: its coordinator ${node} ${failed} at ${round2(atMs)} ms, with ${op.replies.length} of ${what}=${op.needed} replicas answered, and lost the request ${memory}`;
    const forgot = `${node} ${failed} at ${round2(atMs)} ms, before a node of the top N took the request, and lost it ${memory}`;
    return `no coordinator took the request ${within}: ${[forgot, forwardsSpent(op)].filter((part) => part !== null).join('; ')}`;
  }
  const spent = forwardsSpent(op);
  return (op.coordinator === null ? `no coordinator took the request ${within}` : `only ${op.replies.length} of ${what}=${op.needed} replicas answered ${within}`) + (spent === null ? '' : `: ${spent}`);
}

/** The operation's deadline passed before it was answered: it fails. */
export function onDeadline(world: World, opId: number): void {
  world.repairWindows.delete(opId);
  const op = world.op(opId);
  if (!op || op.isDone) return;
  const error = failureReason(world, op);
  // Said with what did happen: a put that missed W may still be stored on the replicas that acked.
  if (op.coordinator === null) world.finishOp(opId, { ok: false, error });
  else if (op.request.op === 'put') world.finishOp(opId, { ok: false, error, ...(op.version ? { version: op.version } : {}), acks: op.replies.slice(), hinted: op.standIns.length === 0 ? NO_HINTS : hintedAcks(op) });
  else world.finishOp(opId, { ok: false, error, replies: op.replies.slice() });
}
