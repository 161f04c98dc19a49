/**
 * The consistent-hashing ring with virtual nodes (paper §4.2, §6.2; lectures 000, 002, 004).
 *
 * Each physical node owns several *tokens* (virtual nodes); a key belongs to the first
 * token at or after its position, walking clockwise. Many tokens per node spread load
 * evenly, and a node with more capacity gets proportionally more tokens (heterogeneity).
 * The paper's three partitioning strategies (§6.2) are all here:
 *  1. T random tokens per node; a partition is the range between two consecutive tokens.
 *  2. T random tokens per node; the ring is cut into Q equal partitions, and a partition
 *     is placed by walking clockwise from its end.
 *  3. Q equal partitions, Q/S tokens per node, and the tokens are the partitions' ends:
 *     a joining node takes tokens from the others, a leaving node hands its tokens out.
 * The ring is plain data: `state()` and `Ring.fromState()` round-trip it exactly.
 */
import type { Rng } from '../sim/rng';
import type { RingSpace } from './hash';

export type NodeId = string;
export type Strategy = 1 | 2 | 3;

/** The end of partition `k` of `q` equal partitions of a ring of `size` positions (strategies 2 and 3). */
export function partitionBoundary(k: number, size: number, q: number): number {
  return Math.floor((k * size) / q);
}

/** A virtual node: one position on the ring owned by one physical node. */
export interface Token {
  readonly pos: number;
  readonly node: NodeId;
}

export interface RingNode {
  readonly id: NodeId;
  /** Relative hardware capacity; token counts are proportional to it. */
  readonly capacity: number;
  readonly dc: string | undefined;
}

export interface RingState {
  readonly space: { readonly size: number; readonly isTeaching: boolean; readonly keyPositions: Record<string, number> };
  readonly strategy: Strategy;
  readonly partitionCount: number;
  readonly tokensPerNode: number;
  readonly nodes: readonly RingNode[];
  readonly tokens: readonly Token[];
}

/** What a joining node brings: a token count or explicit positions (strategies 1 and 2). */
export type TokenSpec = number | readonly number[] | undefined;

export class Ring {
  private tokenList: Token[] = [];
  /** Token positions in ring order, parallel to `tokenList`, for the binary search. */
  private positions = new Float64Array(0);
  /**
   * The positions held, as a set, kept across joins (null: rebuild it when next needed).
   * A ring of hundreds of nodes is built one join at a time: rebuilding it, and sorting
   * every token, at each join made building 512 nodes × 128 tokens take 20 s.
   */
  private occupiedSet: Set<number> | null = null;
  private nodeMap = new Map<NodeId, RingNode>();
  /** Memo of `topFrom` where no whole walk is memoized: the first N distinct nodes from each token (reset on change). */
  private topMemo: NodeId[][] = [];
  /** Memo of `walkFrom`: the distinct nodes met walking from each token (reset on change). */
  private walkMemo: (readonly NodeId[] | undefined)[] = [];
  /** Memo of `spanningFrom` where no whole walk is memoized, with the `n` it was asked for (reset on change). */
  private spanMemo: ({ readonly n: number; readonly order: readonly NodeId[] } | undefined)[] = [];
  /** How many datacenters the nodes are in (a node with none counts as one more); -1: count again. */
  private dcCount = -1;
  /** Bumped on every change of tokens, so callers can tell their caches are stale. */
  private changes = 0;

  private constructor(
    readonly space: RingSpace,
    readonly strategy: Strategy,
    /** Q, the number of equal partitions (strategies 2 and 3); 0 for strategy 1. */
    readonly partitionCount: number,
    /** Tokens per unit of capacity when a node's token count is not given. */
    readonly tokensPerNode: number,
  ) {}

  static create(space: RingSpace, strategy: Strategy, partitionCount: number, tokensPerNode: number): Ring {
    if (strategy !== 1 && partitionCount < 1) throw new Error(`strategy ${strategy} needs a partition count Q ≥ 1`);
    return new Ring(space, strategy, strategy === 1 ? 0 : partitionCount, tokensPerNode);
  }

  static fromState(s: RingState): Ring {
    const space: RingSpace = { ...s.space, keyPositions: new Map(Object.entries(s.space.keyPositions)) };
    const ring = new Ring(space, s.strategy, s.partitionCount, s.tokensPerNode);
    for (const n of s.nodes) ring.nodeMap.set(n.id, n);
    ring.setTokens([...s.tokens]);
    return ring;
  }

  state(): RingState {
    return {
      space: { size: this.space.size, isTeaching: this.space.isTeaching, keyPositions: Object.fromEntries(this.space.keyPositions) },
      strategy: this.strategy,
      partitionCount: this.partitionCount,
      tokensPerNode: this.tokensPerNode,
      nodes: [...this.nodeMap.values()],
      tokens: this.tokenList,
    };
  }

  clone(): Ring {
    return Ring.fromState(this.state());
  }

  get tokens(): readonly Token[] {
    return this.tokenList;
  }

  get nodes(): readonly RingNode[] {
    return [...this.nodeMap.values()];
  }

  node(id: NodeId): RingNode | undefined {
    return this.nodeMap.get(id);
  }

  hasNode(id: NodeId): boolean {
    return this.nodeMap.has(id);
  }

  /**
   * Adds a physical node with its tokens. Strategy 3 ignores `tokens` and takes Q/S
   * partition ends from the nodes that hold the most, in proportion to capacity.
   */
  addNode(node: RingNode, tokens: TokenSpec, rng: Rng): void {
    if (this.nodeMap.has(node.id)) throw new Error(`node ${node.id} is already on the ring`);
    if (this.strategy === 3) {
      this.nodeMap.set(node.id, node);
      // With Q at most the ring's size, partition ends are distinct, so the order does not change.
      if (this.tokenList.length > 0 && this.partitionCount <= this.space.size) this.setOwners(this.stealPartitions(node, rng));
      else this.setTokens(this.stealPartitions(node, rng));
      return;
    }
    const positions = Array.isArray(tokens) ? (tokens as readonly number[]) : this.randomPositions(this.tokensAddedBy(node.capacity, tokens), rng);
    const taken = this.occupied();
    const fresh = new Set<number>();
    for (const p of positions) {
      if (!Number.isInteger(p) || p < 0 || p >= this.space.size) throw new Error(`position ${p} is outside the ring 0–${this.space.size - 1}`);
      if (taken.has(p) || fresh.has(p)) throw new Error(`position ${p} already holds a token`);
      fresh.add(p);
    }
    this.nodeMap.set(node.id, node); // only once every check has passed: a refused join changes nothing
    for (const p of fresh) taken.add(p);
    this.mergeTokens(positions.map((pos) => ({ pos, node: node.id })));
  }

  /**
   * How many tokens the ring gains when a node of `capacity` joins with `tokens`: its explicit
   * positions, its count, or tokensPerNode × capacity (at least 1). Under strategy 3 the ring
   * keeps its Q partition ends (a join takes some from the others), so none once it has any.
   */
  tokensAddedBy(capacity: number, tokens: TokenSpec): number {
    if (this.strategy === 3) return this.tokenList.length === 0 ? this.partitionCount : 0;
    if (Array.isArray(tokens)) return (tokens as readonly number[]).length;
    return typeof tokens === 'number' ? tokens : Math.max(1, Math.round(this.tokensPerNode * capacity));
  }

  /** Removes a node; under strategy 3 its partitions go to the nodes holding the fewest. */
  removeNode(id: NodeId, rng: Rng): void {
    if (!this.nodeMap.delete(id)) throw new Error(`node ${id} is not on the ring`);
    const orphaned = this.tokenList.filter((t) => t.node === id);
    const kept = this.tokenList.filter((t) => t.node !== id);
    if (this.strategy !== 3 || this.nodeMap.size === 0) {
      this.setTokens(kept);
      return;
    }
    const counts = this.tokenCounts(kept);
    const reassigned = shuffled(orphaned, rng).map((t) => {
      const target = this.leastLoaded(counts);
      counts.set(target, (counts.get(target) ?? 0) + 1);
      return { pos: t.pos, node: target };
    });
    this.setTokens([...kept, ...reassigned]);
  }

  /** Index of the token that owns `pos`: the first token at or after it, clockwise. */
  successorIndex(pos: number): number {
    const positions = this.positions;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo === positions.length ? 0 : lo;
  }

  /**
   * The position whose successor decides where `pos` is placed: `pos` itself under
   * strategy 1, the end of its equal-sized partition under strategies 2 and 3.
   */
  placementPosition(pos: number): number {
    if (this.partitionCount === 0) return pos;
    return this.boundary(this.partitionEndIndex(pos));
  }

  /** The end of partition `k`'s range: partition k is (boundary(k-1), boundary(k)]. */
  boundary(k: number): number {
    return partitionBoundary(k, this.space.size, this.partitionCount);
  }

  /** Index k of the partition whose range holds `pos` (its end is the first boundary ≥ pos). */
  partitionEndIndex(pos: number): number {
    const q = this.partitionCount;
    let k = Math.ceil((pos * q) / this.space.size);
    while (k > 0 && this.boundary(k - 1) >= pos) k--;
    while (k < q && this.boundary(k) < pos) k++;
    return k === q ? 0 : k;
  }

  /** Every distinct position where holders may change: tokens, plus partition ends. */
  cutPoints(): number[] {
    const cuts = new Set(this.positions);
    for (let k = 0; k < this.partitionCount; k++) cuts.add(this.boundary(k));
    return [...cuts].sort((a, b) => a - b);
  }

  /**
   * Every distinct physical node in the order a clockwise walk from token `index` meets
   * them. Memoized per token: the ring changes rarely and is read on every request.
   */
  walkFrom(index: number): readonly NodeId[] {
    const memo = this.walkMemo[index];
    if (memo !== undefined) return memo;
    const order = this.walkUntil(index, this.nodeMap.size);
    this.walkMemo[index] = order;
    return order;
  }

  /**
   * The first `n` distinct nodes walking from token `index`: the start of the memoized whole
   * walk when there is one, else a walk that stops at `n`. Ownership, anti-entropy and the
   * transfers of a join ask this for every range: walking each until every node was met cost
   * a ring of 512 nodes × 128 tokens about 3,500 tokens a range, a minute per join.
   */
  topFrom(index: number, n: number): NodeId[] {
    const memo = this.walkMemo[index];
    if (memo !== undefined) return memo.slice(0, n); // a copy: the memo is shared
    const wanted = Math.min(n, this.nodeMap.size);
    const top = this.topMemo[index];
    if (top !== undefined && top.length === wanted) return top.slice();
    const order = this.walkUntil(index, wanted);
    this.topMemo[index] = order;
    return order.slice();
  }

  /**
   * The distinct nodes walking from token `index` until `n` of them (or every node) and `n`
   * datacenters (or every one) have been met: all that a top `n` spread over datacenters
   * reads of the walk (preference-list.ts), so it picks the same nodes from this as from the
   * whole walk. A join on 511 nodes × 128 tokens with `spanDatacenters` walked every range
   * until all 511 nodes were met, twice (before and after): 29 s.
   */
  spanningFrom(index: number, n: number): readonly NodeId[] {
    const memo = this.walkMemo[index];
    if (memo !== undefined) return memo;
    const span = this.spanMemo[index];
    if (span !== undefined && span.n === n) return span.order;
    const tokens = this.tokenList;
    const wantedNodes = Math.min(n, this.nodeMap.size);
    const wantedDcs = Math.min(n, this.datacenterCount());
    const order: NodeId[] = [];
    const met = new Set<NodeId>();
    const dcs = new Set<string | undefined>();
    for (let seen = 0, i = index; seen < tokens.length && (order.length < wantedNodes || dcs.size < wantedDcs); seen++, i = i + 1 === tokens.length ? 0 : i + 1) {
      const node = tokens[i]!.node;
      if (met.has(node)) continue;
      met.add(node);
      order.push(node);
      dcs.add(this.nodeMap.get(node)?.dc);
    }
    this.spanMemo[index] = { n, order };
    return order;
  }

  private datacenterCount(): number {
    if (this.dcCount < 0) this.dcCount = new Set([...this.nodeMap.values()].map((node) => node.dc)).size;
    return this.dcCount;
  }

  /** The first `wanted` distinct nodes walking clockwise from token `index`. */
  private walkUntil(index: number, wanted: number): NodeId[] {
    const tokens = this.tokenList;
    const order: NodeId[] = [];
    // A set beside the list once it grows: `includes` alone made each walk O(tokens × nodes), minutes on 512 nodes.
    const met = wanted > SMALL_WALK ? new Set<NodeId>() : null;
    for (let seen = 0, i = index; seen < tokens.length && order.length < wanted; seen++, i = i + 1 === tokens.length ? 0 : i + 1) {
      const node = tokens[i]!.node;
      if (met === null ? order.includes(node) : met.has(node)) continue;
      met?.add(node);
      order.push(node);
    }
    return order;
  }

  /** Changes whenever the tokens change. */
  get version(): number {
    return this.changes;
  }

  private setTokens(tokens: Token[]): void {
    this.forgetWalks();
    tokens.sort(byPosition);
    this.tokenList = tokens;
    this.positions = Float64Array.from(tokens, (t) => t.pos);
    this.occupiedSet = null;
  }

  /**
   * Takes `tokens`, the ring's own tokens in their order with some owners changed (a join
   * under strategy 3 takes partition ends, which stay where they are): no sort, no new
   * positions. Re-sorting 65,536 tokens at every join made building 511 nodes take 10 s.
   */
  private setOwners(tokens: Token[]): void {
    this.forgetWalks();
    this.tokenList = tokens;
  }

  /** A change of tokens or owners: the walks remembered are stale, and the version moves on. */
  private forgetWalks(): void {
    this.walkMemo = [];
    this.topMemo = [];
    this.spanMemo = [];
    this.dcCount = -1;
    this.changes++;
  }

  /** Adds a joining node's tokens (at free positions): sorted among themselves, then merged into the ring's order, the order `setTokens` gives. */
  private mergeTokens(added: Token[]): void {
    added.sort(byPosition);
    const old = this.tokenList;
    const merged: Token[] = [];
    const positions = new Float64Array(old.length + added.length);
    let i = 0;
    let j = 0;
    while (i < old.length || j < added.length) {
      const t = j >= added.length || (i < old.length && old[i]!.pos < added[j]!.pos) ? old[i++]! : added[j++]!;
      positions[merged.length] = t.pos;
      merged.push(t);
    }
    this.walkMemo = [];
    this.topMemo = [];
    this.spanMemo = [];
    this.dcCount = -1;
    this.changes++;
    this.tokenList = merged;
    this.positions = positions;
  }

  private occupied(): Set<number> {
    this.occupiedSet ??= new Set(this.positions);
    return this.occupiedSet;
  }

  private randomPositions(count: number, rng: Rng): number[] {
    const taken = this.occupied();
    const out: number[] = [];
    const drawn = new Set<number>();
    if (count > this.space.size - taken.size) throw new Error(`no room on a ring of ${this.space.size} positions for ${count} more token${count === 1 ? '' : 's'}`);
    while (out.length < count) {
      const p = Math.floor(rng.float() * this.space.size);
      if (taken.has(p) || drawn.has(p)) continue;
      drawn.add(p);
      out.push(p);
    }
    return out;
  }

  private tokenCounts(tokens: readonly Token[]): Map<NodeId, number> {
    const counts = new Map<NodeId, number>([...this.nodeMap.keys()].map((id) => [id, 0]));
    for (const t of tokens) counts.set(t.node, (counts.get(t.node) ?? 0) + 1);
    return counts;
  }

  /** Node with the fewest tokens per unit of capacity (ties: lowest id). */
  private leastLoaded(counts: Map<NodeId, number>): NodeId {
    return this.extremeNode(counts, (a, b) => a < b);
  }

  /**
   * The node whose load `better` prefers; of equal loads, the lowest id. One pass, in any
   * order: sorting the nodes by id at every pick (a join under strategy 3 picks once per
   * partition it takes) made a join of capacity 1,000 beside 511 nodes take 2.5 s, and
   * building those 511 nodes 13 s.
   */
  private extremeNode(counts: Map<NodeId, number>, better: (a: number, b: number) => boolean): NodeId {
    let best: NodeId | undefined;
    let bestLoad = 0;
    for (const [id, count] of counts) {
      const load = count / (this.nodeMap.get(id)?.capacity ?? 1);
      if (best === undefined || better(load, bestLoad) || (!better(bestLoad, load) && id < best)) {
        best = id;
        bestLoad = load;
      }
    }
    if (best === undefined) throw new Error('no nodes on the ring');
    return best;
  }

  /** Strategy 3: the first node takes every partition end; later ones steal their share. */
  private stealPartitions(node: RingNode, rng: Rng): Token[] {
    const q = this.partitionCount;
    if (this.tokenList.length === 0) {
      return Array.from({ length: q }, (_, k) => ({ pos: this.boundary(k), node: node.id }));
    }
    const totalCapacity = [...this.nodeMap.values()].reduce((s, n) => s + n.capacity, 0);
    const share = Math.floor((q * node.capacity) / totalCapacity);
    const byNode = new Map<NodeId, Token[]>();
    for (const t of this.tokenList) {
      const list = byNode.get(t.node);
      if (list) list.push(t);
      else byNode.set(t.node, [t]);
    }
    // Each other node's count of tokens, from the lists just made (a second pass over every token was a fifth of the join).
    const counts = new Map<NodeId, number>();
    for (const id of this.nodeMap.keys()) if (id !== node.id) counts.set(id, byNode.get(id)?.length ?? 0);
    // Each victim's tokens not yet stolen, in ring order: the k-th is found by a Fenwick tree
    // rather than by filtering the list on every pick (Q = 65,536 took two minutes).
    const remaining = new Map<NodeId, RemainingTokens>();
    const stolen = new Set<Token>();
    while (stolen.size < share && counts.size > 0) {
      const victim = this.extremeNode(counts, (a, b) => a > b);
      let left = remaining.get(victim);
      if (!left) remaining.set(victim, (left = new RemainingTokens(byNode.get(victim) ?? [])));
      // A node keeps its last partition, and the next most loaded gives instead: a small node
      // with one partition is the most loaded per unit of capacity, and stopping at it left the
      // joining node with none (capacities 0.01, 1, 1: C owned nothing, and keys had 2 replicas).
      if (left.size <= 1) {
        counts.delete(victim);
        continue;
      }
      // As rng.pick over the victim's remaining tokens in ring order: the same draw, the same token.
      stolen.add(left.take(rng.int(0, left.size - 1)));
      counts.set(victim, (counts.get(victim) ?? 0) - 1);
    }
    return this.tokenList.map((t) => (stolen.has(t) ? { pos: t.pos, node: node.id } : t));
  }
}

/** A list whose items are taken out one by one, found by their rank among those left (a Fenwick tree of counts). */
export class RemainingTokens {
  private readonly tree: Int32Array;
  size: number;

  constructor(private readonly items: readonly Token[]) {
    this.size = items.length;
    this.tree = new Int32Array(items.length + 1);
    for (let i = 1; i <= items.length; i++) {
      this.tree[i]! += 1;
      const parent = i + (i & -i);
      if (parent <= items.length) this.tree[parent]! += this.tree[i]!;
    }
  }

  /** Removes and returns the item of rank `k` (0-based) among those left, in their original order. */
  take(k: number): Token {
    let at = 0;
    let rest = k + 1;
    for (let step = 1 << Math.floor(Math.log2(Math.max(1, this.items.length))); step > 0; step >>= 1) {
      const next = at + step;
      if (next <= this.items.length && this.tree[next]! < rest) {
        at = next;
        rest -= this.tree[next]!;
      }
    }
    for (let i = at + 1; i <= this.items.length; i += i & -i) this.tree[i]! -= 1;
    this.size--;
    return this.items[at]!;
  }
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Ring order: by position, then (two tokens never share a position on one ring) by node. */
function byPosition(a: Token, b: Token): number {
  return a.pos - b.pos || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
}

/** Up to this many nodes, a walk checks the nodes it has met by scanning its list: faster than a set for a handful. */
const SMALL_WALK = 16;
