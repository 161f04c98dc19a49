/**
 * The read-only projection the panels draw: plain data, cheap to post from the worker.
 *
 * `clusterView` is the whole cluster at a glance (nodes, tokens, messages in flight);
 * `keyView` is one key in depth (its position and MD5, its preference-list walk, and
 * which node holds which versions and hints). Nothing here changes the cluster.
 */
import type { Cluster } from './cluster';
import { preferenceWalk, type WalkStep } from './dynamo/preference-list';
import { messageLabel, trafficClass, type TrafficClass } from './dynamo/messages';
import { describeView } from './dynamo/membership';
import type { NodeId } from './dynamo/ring';
import type { Version } from './dynamo/versions';

export interface NodeView {
  readonly id: NodeId;
  readonly isUp: boolean;
  readonly isDestroyed: boolean;
  readonly isMember: boolean;
  readonly dc: string | null;
  readonly tokens: readonly number[];
  readonly keyCount: number;
  readonly hintCount: number;
  /** Peers this node believes are down. */
  readonly unreachable: readonly NodeId[];
  /** This node's membership view. */
  readonly view: Readonly<Record<NodeId, 'up' | 'down' | 'left'>>;
  /**
   * The version of each member's entry in this node's view (paper §4.8.1: membership
   * changes carry versions). A version changes only with the entry's status, so a change
   * here always shows in `view` as well.
   */
  readonly viewVersions: Readonly<Record<NodeId, number>>;
  /** Named a seed in the configuration: known to every node, a joining node's first contact. */
  readonly isSeed: boolean;
}

export interface MessageView {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAtMs: number;
  readonly deliverAtMs: number;
  readonly type: string;
  readonly label: string;
  readonly traffic: TrafficClass;
  /** The network will drop it on arrival (lost, cut link, or the receiver is down). */
  readonly isDoomed: boolean;
  /**
   * Why, as things stand: `loss` is decided at the send and certain; `split` (its link cut) and
   * `down` (its receiver) are checked when it arrives, so a heal or a recovery before then lets it through.
   */
  readonly doomedBy: 'loss' | 'split' | 'down' | null;
}

function doomOf(isLost: boolean, isCut: boolean, isReceiverUp: boolean): Pick<MessageView, 'isDoomed' | 'doomedBy'> {
  const doomedBy = isLost ? 'loss' : isCut ? 'split' : !isReceiverUp ? 'down' : null;
  return { isDoomed: doomedBy !== null, doomedBy };
}

export interface ClusterView {
  readonly nowMs: number;
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly ringSize: number;
  readonly isTeachingRing: boolean;
  /** Strategy 3 places a joining node's tokens itself (Q/S partition ends): a join gives none. */
  readonly placesJoinTokens: boolean;
  /** The tokens a node added with no tokens of its own places (tokensPerNode, at capacity 1), under strategies 1 and 2. */
  readonly joinTokens: number;
  /** Q, the equal partitions of strategies 2 and 3 (each goes whole to the first token at or after its end); 0 under strategy 1. */
  readonly partitions: number;
  readonly nodes: readonly NodeView[];
  readonly tokens: readonly { readonly pos: number; readonly node: NodeId }[];
  readonly inFlight: readonly MessageView[];
  /** Blocked directed links, `from>to`. */
  readonly blockedLinks: readonly string[];
  /** How many distinct keys are stored anywhere (the key list is sent only when it changes). */
  readonly keyCount: number;
}

export interface KeyHolding {
  readonly node: NodeId;
  /** Versions in the node's own store. */
  readonly versions: readonly Version[];
  /** Versions it holds as hints, and for whom. */
  readonly hints: readonly { readonly intendedFor: NodeId; readonly versions: readonly Version[] }[];
}

export interface KeyView {
  readonly key: string;
  readonly position: number;
  readonly md5: string;
  /** How many nodes the list is long: the cluster's N unless the view was asked for another. */
  readonly n: number;
  readonly preferenceList: readonly NodeId[];
  readonly fallbacks: readonly NodeId[];
  readonly walk: readonly WalkStep[];
  readonly holdings: readonly KeyHolding[];
}

/** `keys`: every key stored anywhere (`keySet`), when the caller has it already. */
export function clusterView(cluster: Cluster, keys: ReadonlySet<string> = keySet(cluster)): ClusterView {
  const { n, r, w } = cluster.config;
  const tokensOf = new Map<string, number[]>();
  for (const t of cluster.ring.tokens) {
    const list = tokensOf.get(t.node);
    if (list) list.push(t.pos);
    else tokensOf.set(t.node, [t.pos]);
  }
  const nodes = [...cluster.nodes.values()].map(
    (node): NodeView => ({
      id: node.id,
      isUp: node.isUp,
      isDestroyed: node.isDestroyed,
      isMember: node.isMember,
      dc: node.dc ?? null,
      tokens: tokensOf.get(node.id) ?? [],
      keyCount: node.store.size,
      hintCount: node.hints.size,
      unreachable: [...node.unreachable].sort(),
      view: describeView(node),
      viewVersions: Object.fromEntries([...node.view].map(([id, entry]) => [id, entry.version])),
      isSeed: cluster.config.seeds.includes(node.id),
    }),
  );
  const blocked = cluster.network.state().blocked;
  const inFlight = [...cluster.inFlight.values()].map(
    (m): MessageView => ({
      id: m.id,
      from: m.from,
      to: m.to,
      sentAtMs: m.sentAtMs,
      deliverAtMs: m.deliverAtMs,
      type: m.body.type,
      label: messageLabel(m.body),
      traffic: trafficClass(m.body),
      ...doomOf(m.isLost, blocked.includes(`${m.from}>${m.to}`), cluster.nodes.get(m.to)?.isUp === true),
    }),
  );
  return {
    nowMs: cluster.nowMs,
    n,
    r,
    w,
    ringSize: cluster.ring.space.size,
    isTeachingRing: cluster.ring.space.isTeaching,
    placesJoinTokens: cluster.config.strategy === 3,
    joinTokens: cluster.ring.tokensAddedBy(1, undefined),
    partitions: cluster.ring.partitionCount,
    nodes,
    tokens: cluster.ring.tokens.map(({ pos, node }) => ({ pos, node })),
    inFlight,
    blockedLinks: blocked,
    keyCount: keys.size,
  };
}

/** Every key stored anywhere (own stores and hints), sorted, with its ring position. */
export function keyPositions(cluster: Cluster): { readonly key: string; readonly pos: number }[] {
  return allKeys(cluster).map((key) => ({ key, pos: cluster.keyPosition(key) }));
}

function allKeys(cluster: Cluster): string[] {
  return [...keySet(cluster)].sort();
}

/** Every key stored anywhere (own stores and hints); the view counts them every frame, so unsorted. */
export function keySet(cluster: Cluster): Set<string> {
  const keys = new Set<string>();
  for (const node of cluster.nodes.values()) {
    for (const key of node.store.keys()) keys.add(key);
    for (const hint of node.hints.values()) keys.add(hint.key);
  }
  return keys;
}

/**
 * The selected key's preference list and walk, as the panels draw them. With a strict
 * quorum (`hintedHandoff: false`) no node ever stands in, so there are no fallbacks: the
 * walk ends at the last of the top N (lecture 000's first part walks to one node only).
 */
export function keyView(cluster: Cluster, key: string, listLength?: number): KeyView {
  const n = listLength ?? cluster.config.n;
  const list = cluster.preferenceListOf(key, n);
  const isSloppy = cluster.config.hintedHandoff;
  const position = cluster.keyPosition(key);
  const walk = preferenceWalk(cluster.ring, position, n, { spanDatacenters: cluster.config.spanDatacenters });
  let walkEnd = walk.length;
  if (!isSloppy) while (walkEnd > 0 && walk[walkEnd - 1]!.role !== 'replica') walkEnd--;
  const holdings = [...cluster.nodes.values()].map((node) => ({
    node: node.id,
    versions: node.store.get(key) ?? [],
    hints: [...node.hints.values()]
      .filter((h) => h.key === key)
      .sort((a, b) => (a.intendedFor < b.intendedFor ? -1 : a.intendedFor > b.intendedFor ? 1 : 0))
      .map((h) => ({ intendedFor: h.intendedFor, versions: h.versions })),
  }));
  return {
    key,
    position,
    md5: cluster.keyDigest(key),
    n,
    preferenceList: list.nodes,
    fallbacks: isSloppy ? list.fallbacks : [],
    walk: walk.slice(0, walkEnd),
    holdings: holdings.filter((h) => h.versions.length > 0 || h.hints.length > 0 || list.nodes.includes(h.node)),
  };
}

