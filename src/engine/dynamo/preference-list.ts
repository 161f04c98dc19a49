/**
 * The preference list: which nodes hold a key (paper §4.3, §4.6; lectures 000, 002, 004).
 *
 * Walk the ring clockwise from the key's position and take the first N *distinct
 * physical* nodes, skipping tokens of nodes already taken: copies on two virtual nodes of
 * one machine would share a failure domain (lecture 004). The nodes after the top N, in
 * walk order, are the fallbacks a sloppy quorum turns to when some of the top N are
 * unreachable. When the cluster spans datacenters and the configuration asks for it, the
 * top N is chosen to cover as many datacenters as it can, still in walk order.
 */
import type { NodeId, Ring } from './ring';

export interface PreferenceList {
  /** The top N distinct nodes, in walk order; the first is the usual coordinator. */
  readonly nodes: readonly NodeId[];
  /** Every other node, in walk order: the extended list used by sloppy quorum. */
  readonly fallbacks: readonly NodeId[];
}

export type WalkRole = 'replica' | 'fallback' | 'skipped';

/** One token visited by the walk, for drawing it step by step. */
export interface WalkStep {
  readonly tokenIndex: number;
  readonly pos: number;
  readonly node: NodeId;
  /** `skipped`: this token's node was already taken. */
  readonly role: WalkRole;
}

export interface PreferenceOptions {
  /** Spread the top N over datacenters (nodes with a `dc`). */
  readonly spanDatacenters?: boolean;
}

/**
 * The top `n` distinct nodes for position `pos` and nothing else: the hot path. Everything
 * that asks which nodes hold a range (moving data on a join, releasing it, anti-entropy's
 * peers) must ask with the options requests use, or it would move and repair data for a
 * replica set other than the one reads and writes go to.
 */
export function topNodes(ring: Ring, pos: number, n: number, options: PreferenceOptions = {}): NodeId[] {
  if (ring.tokens.length === 0) return [];
  const index = ring.successorIndex(ring.placementPosition(pos));
  if (options.spanDatacenters) return spreadOverDatacenters(ring, ring.spanningFrom(index, n), n);
  return ring.topFrom(index, n);
}

/** Every distinct node in walk order from `pos` (memoized by the ring: do not change it). */
export function walkOrder(ring: Ring, pos: number): readonly NodeId[] {
  if (ring.tokens.length === 0) return [];
  return ring.walkFrom(ring.successorIndex(ring.placementPosition(pos)));
}

/** The preference list of `pos`: the top `n` and the fallbacks. */
export function preferenceList(ring: Ring, pos: number, n: number, options: PreferenceOptions = {}): PreferenceList {
  const order = walkOrder(ring, pos);
  const top = options.spanDatacenters ? spreadOverDatacenters(ring, order, n) : order.slice(0, n);
  return { nodes: top, fallbacks: order.filter((id) => !top.includes(id)) };
}

/**
 * Chooses `n` nodes from `order` covering as many datacenters as possible: first the
 * first node of each datacenter met, then the rest in walk order; kept in walk order.
 */
function spreadOverDatacenters(ring: Ring, order: readonly NodeId[], n: number): NodeId[] {
  const chosen = new Set<NodeId>();
  const dcsSeen = new Set<string | undefined>();
  for (const id of order) {
    if (chosen.size >= n) break;
    const dc = ring.node(id)?.dc;
    if (!dcsSeen.has(dc)) {
      dcsSeen.add(dc);
      chosen.add(id);
    }
  }
  for (const id of order) {
    if (chosen.size >= n) break;
    chosen.add(id);
  }
  return order.filter((id) => chosen.has(id));
}

/**
 * The walk itself, token by token, as a lecture draws it: each token visited until every
 * node has been met, with its role. Tokens of a node already taken are `skipped`.
 */
export function preferenceWalk(ring: Ring, pos: number, n: number, options: PreferenceOptions = {}): WalkStep[] {
  const list = preferenceList(ring, pos, n, options);
  const tokens = ring.tokens;
  const steps: WalkStep[] = [];
  const met = new Set<NodeId>();
  let i = ring.successorIndex(ring.placementPosition(pos));
  for (let seen = 0; seen < tokens.length && met.size < ring.nodes.length; seen++) {
    const token = tokens[i]!;
    const role: WalkRole = met.has(token.node) ? 'skipped' : list.nodes.includes(token.node) ? 'replica' : 'fallback';
    met.add(token.node);
    steps.push({ tokenIndex: i, pos: token.pos, node: token.node, role });
    i = (i + 1) % tokens.length;
  }
  return steps;
}
