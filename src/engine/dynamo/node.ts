/**
 * A storage node: a machine that may be up or down, with its local store of versions.
 *
 * Dynamo is symmetric (paper §2.3): every node can receive requests, coordinate, and hold
 * replicas. The local store maps each key to its sibling set. A failed node keeps its
 * disk and comes back with it (a temporary failure); a destroyed node has lost its disk
 * for good (a permanent failure, lecture 003).
 */
import type { NodeId } from './ring';
import { addVersion, type AddResult, type Version } from './versions';
import { counterOf } from './vector-clock';

export interface NodeState {
  readonly id: NodeId;
  isUp: boolean;
  /** Lost its data for good; never comes back. */
  isDestroyed: boolean;
  /** On the ring (false once an administrator removed it). */
  isMember: boolean;
  readonly dc: string | undefined;
  /** key → siblings. Arrays are replaced, never mutated, so snapshots can share them. */
  readonly store: Map<string, readonly Version[]>;
}

export function createNode(id: NodeId, dc: string | undefined): NodeState {
  return { id, isUp: true, isDestroyed: false, isMember: true, dc, store: new Map() };
}

export function siblingsAt(node: NodeState, key: string): readonly Version[] {
  return node.store.get(key) ?? [];
}

/** Stores a version into the node's sibling set for `key`. */
export function storeVersion(node: NodeState, key: string, version: Version): AddResult {
  const result = addVersion(siblingsAt(node, key), version);
  if (result.coveredBy === undefined) node.store.set(key, result.siblings);
  return result;
}

/** The highest counter `node` has written into any version of `key` it holds. */
export function ownCounter(node: NodeState, key: string): number {
  let max = 0;
  for (const v of siblingsAt(node, key)) max = Math.max(max, counterOf(v.clock, node.id));
  return max;
}
