/**
 * Gossip-based membership (paper §4.8; lectures 001, 002).
 *
 * Each node keeps a view of the cluster's members; a join or a leave is a new version of
 * that member's entry. Every gossip interval each node picks a random member and the two
 * exchange views, each keeping the newer entry of every member, so a change reaches
 * everyone in a few rounds. Seeds, named in the configuration, are known to every node;
 * a joining node knows them and the nodes that owe it a range, and announces itself to
 * them. Whether a member is up is *not* gossiped: each node judges that for itself
 * (failure-detector.ts).
 */
import type { World } from '../world';
import type { MemberEntry, NodeState } from './node';
import type { NodeId } from './ring';
import { sendExpectingReply } from './failure-detector';
import { sendTransfersTo } from './rebalance';

export type ViewEntries = readonly (readonly [NodeId, MemberEntry])[];

/**
 * A node's view as sorted entries: what its gossip messages carry. Kept per node while the
 * view is unchanged, so every message of a quiet view shares one list: with 512 members a
 * fresh sorted copy per message was 20 KB, kept by the trace with the message, and the
 * sort was most of a gossip exchange's time. The check is by identity: an entry is
 * replaced, never changed, when the view learns something (MemberEntry is immutable).
 */
export function viewEntries(node: NodeState): ViewEntries {
  const cached = sortedViews.get(node);
  if (cached && cached.length === node.view.size && cached.every(([id, entry]) => node.view.get(id) === entry)) return cached;
  const sorted = [...node.view].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  sortedViews.set(node, sorted);
  return sorted;
}

const sortedViews = new WeakMap<NodeState, ViewEntries>();

/** Takes every entry newer than the node's own; records what it learned, and hands any range it owes a node it just learned has joined. */
export function mergeView(world: World, at: NodeId, entries: ViewEntries): void {
  const node = world.node(at);
  const learned: { node: NodeId; status: 'joined' | 'left'; version: number }[] = [];
  for (const [id, entry] of entries) {
    const mine = node.view.get(id);
    if (mine && mine.version >= entry.version) continue;
    node.view.set(id, entry);
    learned.push({ node: id, status: entry.status, version: entry.version });
  }
  if (learned.length === 0) return;
  world.emit(at, { kind: 'view-changed', learned });
  sendTransfersTo(world, at, learned.filter((l) => l.status === 'joined').map((l) => l.node));
}

/** Members this node could gossip with, by id: everyone it knows that has not left. Read-only: shared while the view is unchanged. */
function peers(node: NodeState): readonly NodeId[] {
  const entries = viewEntries(node);
  let out = peersOfView.get(entries);
  if (out === undefined) {
    out = [];
    for (const [id, e] of entries) if (id !== node.id && e.status === 'joined') out.push(id);
    peersOfView.set(entries, out);
  }
  return out;
}

/** `peers` per sorted view (one node's: a view lists its owner, whom `peers` leaves out). */
const peersOfView = new WeakMap<ViewEntries, NodeId[]>();

/**
 * A node coming back, or a seed about to gossip, learns from the administrator which
 * nodes were removed (the administrator tells the seeds of every change, paper §4.8.1), so
 * a leave no live node heard of when it happened still reaches everyone.
 */
export function learnLeavesFromAdministrator(world: World, at: NodeId): void {
  const node = world.node(at);
  const learned: { node: NodeId; status: 'left'; version: number }[] = [];
  for (const [id, entry] of viewEntries(node)) {
    if (entry.status !== 'joined' || world.nodes.get(id)?.isMember !== false) continue;
    const left: MemberEntry = { version: entry.version + 1, status: 'left', tokens: [] };
    node.view.set(id, left);
    learned.push({ node: id, status: 'left', version: left.version });
  }
  if (learned.length > 0) world.emit(at, { kind: 'view-changed', learned });
}

/**
 * A node coming back also learns from the administrator which nodes joined while it was
 * down, each as that node announced itself: the administrator keeps every membership
 * change it made (paper §4.8). Without this, a node that was down at a join would hand
 * over the range it owes the new node only once gossip happened to reach it.
 */
export function learnJoinsFromAdministrator(world: World, at: NodeId): void {
  const node = world.node(at);
  const joined: [NodeId, MemberEntry][] = [];
  for (const other of world.nodes.values()) {
    const entry = other.isMember ? other.view.get(other.id) : undefined;
    if (entry && other.id !== at && !node.view.has(other.id)) joined.push([other.id, entry]);
  }
  if (joined.length > 0) mergeView(world, at, joined.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One gossip exchange started by `at` with a random member (or a given one). */
export function gossipOnce(world: World, at: NodeId, peer?: NodeId): void {
  const node = world.node(at);
  if (!node.isUp || !node.isMember) return;
  if (world.config.seeds.includes(at)) learnLeavesFromAdministrator(world, at);
  const candidates = peers(node);
  if (candidates.length === 0) return;
  const target = peer ?? world.rng.pick(candidates);
  sendExpectingReply(world, at, target, { type: 'gossip', view: viewEntries(node) });
}

/** The periodic gossip tick: gossip once, then re-arm. */
export function onGossipTimer(world: World, at: NodeId): void {
  const node = world.node(at);
  if (!node.isMember || node.isDestroyed || world.config.gossipIntervalMs <= 0) return;
  gossipOnce(world, at);
  world.schedule(world.nowMs + world.config.gossipIntervalMs, { type: 'gossip', node: at });
}

/** Starts the periodic gossip of a node, at a random offset so nodes do not tick together. */
export function startGossip(world: World, at: NodeId): void {
  const interval = world.config.gossipIntervalMs;
  if (interval > 0) world.schedule(world.nowMs + world.rng.float() * interval, { type: 'gossip', node: at });
}

export function onGossipMessage(world: World, at: NodeId, from: NodeId, body: { type: 'gossip' | 'gossip-reply'; view: ViewEntries }): void {
  mergeView(world, at, body.view);
  if (body.type === 'gossip') world.send(at, from, { type: 'gossip-reply', view: viewEntries(world.node(at)) });
}

/**
 * An administrator's join: the node knows itself, the seeds and each node that owes it a
 * range (`owedBy`, which the administrator's tool reads off the ring), and announces itself
 * to them, so those learn of it (and hand their ranges over) one message later rather than
 * after rounds of gossip. It knows the nodes it writes to: a joining E that wrote to D while
 * its view held no D left a class asking how E reached a node it had not heard of.
 */
export function announceJoin(world: World, at: NodeId, tokens: readonly number[], owedBy: readonly NodeId[] = []): void {
  const node = world.node(at);
  node.view.set(at, { version: 1, status: 'joined', tokens });
  for (const id of [...world.config.seeds, ...owedBy]) {
    const entry = world.nodes.get(id);
    if (id !== at && entry?.isMember && !node.view.has(id)) node.view.set(id, entry.view.get(id) ?? { version: 1, status: 'joined', tokens: [] });
  }
  for (const seed of world.config.seeds) if (seed !== at && world.nodes.get(seed)?.isMember) gossipOnce(world, at, seed);
  for (const id of owedBy) {
    if (id === at || world.config.seeds.includes(id) || !world.nodes.get(id)?.isMember) continue;
    sendExpectingReply(world, at, id, { type: 'gossip', view: viewEntries(node) });
  }
  startGossip(world, at);
}

/**
 * An administrator's leave: the leaving node marks itself left and tells the seeds. If it
 * is down (or destroyed: the usual reason to remove one), the administrator tells a live
 * member instead, which records the leave and gossips it on.
 */
export function announceLeave(world: World, at: NodeId): void {
  const leaving = world.node(at);
  const announcer = leaving.isUp ? leaving : liveMembers(world).find((n) => n.id !== at);
  if (!announcer) return;
  const known = announcer.view.get(at) ?? leaving.view.get(at);
  const entry: MemberEntry = { version: (known?.version ?? 1) + 1, status: 'left', tokens: [] };
  announcer.view.set(at, entry);
  if (announcer.id !== at) world.emit(announcer.id, { kind: 'view-changed', learned: [{ node: at, status: 'left', version: entry.version }] });
  const seeds = world.config.seeds.filter((s) => s !== at && s !== announcer.id && world.nodes.get(s)?.isMember);
  const fallback = peers(announcer).filter((id) => id !== at && world.nodes.get(id)?.isMember);
  for (const target of seeds.length > 0 ? seeds : fallback.slice(0, 1)) {
    world.send(announcer.id, target, { type: 'gossip', view: viewEntries(announcer) });
  }
}

/** Live members, seeds first, then by id: who can speak for the administrator. */
function liveMembers(world: World): NodeState[] {
  const seeds = new Set(world.config.seeds);
  return [...world.nodes.values()]
    .filter((n) => n.isUp && n.isMember)
    .sort((a, b) => Number(seeds.has(b.id)) - Number(seeds.has(a.id)) || (a.id < b.id ? -1 : 1));
}

/**
 * True when every live member's view lists the same members with the same versions, and
 * has heard of every leave: a node that left and is still up knows itself "left", a newer
 * version than the members' "up", and until that has spread they agree only on old news.
 * A node that joined and left while no live member heard of it needs no news: to them it
 * was never in the ring, which is where it is now.
 */
export function viewsAgree(nodes: Iterable<NodeState>): boolean {
  const all = [...nodes];
  const live = all.filter((n) => n.isUp && n.isMember);
  const first = live[0];
  if (!first) return true;
  const reference = JSON.stringify(viewEntries(first).map(([id, e]) => [id, e.version, e.status]));
  if (!live.every((n) => JSON.stringify(viewEntries(n).map(([id, e]) => [id, e.version, e.status])) === reference)) return false;
  const leaving = all.filter((n) => n.isUp && !n.isMember && !n.isDestroyed);
  return leaving.every((n) => !first.view.has(n.id) || first.view.get(n.id)!.version >= (n.view.get(n.id)?.version ?? 0));
}

/** Each member as `at` sees it now: up, down (its own failure detector's belief) or left. */
export function describeView(node: NodeState): Record<NodeId, 'up' | 'down' | 'left'> {
  // Object.fromEntries defines own properties, so a node named "__proto__" is kept.
  return Object.fromEntries(viewEntries(node).map(([id, entry]) => [id, entry.status === 'left' ? 'left' : node.unreachable.has(id) ? 'down' : 'up'] as const));
}
