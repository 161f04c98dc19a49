/**
 * Reusable derivations from the store (DESIGN §5). Pure functions over store values, so
 * components can memoise them on exactly the inputs they read.
 */
import type { NodeView } from '../engine/index';
import { nodeColour } from '../app/theme';

export type NodeStatus = 'up' | 'down' | 'destroyed' | 'unreachable';

/** Colours by configuration order, so a node keeps its colour when others leave. */
export function nodeColours(nodeIds: readonly string[]): ReadonlyMap<string, string> {
  return new Map(nodeIds.map((id, i) => [id, nodeColour(i)]));
}

/**
 * A node's state as the ring shows it: down or destroyed for everyone; unreachable when
 * the selected node believes it down or cannot reach it across a cut link.
 */
export function nodeStatus(node: NodeView, viewpoint: NodeView | undefined, blockedLinks: readonly string[]): NodeStatus {
  if (node.isDestroyed) return 'destroyed';
  if (!node.isUp) return 'down';
  if (viewpoint && viewpoint.id !== node.id && (viewpoint.unreachable.includes(node.id) || blockedLinks.includes(`${viewpoint.id}>${node.id}`))) return 'unreachable';
  return 'up';
}

/**
 * Whose beliefs the state columns show: the selected node, if it holds any now. A node that
 * is down believes nothing until it recovers, and a destroyed one never will: their last views,
 * kept in the engine, would mark nodes that are up as unreachable.
 */
export function viewpointOf(nodes: readonly NodeView[], selected: string | null): NodeView | undefined {
  return nodes.find((n) => n.id === selected && n.isMember && n.isUp && !n.isDestroyed);
}

/** The members of the ring (nodes that left are kept in the view for their colour only). */
export function members(nodes: readonly NodeView[]): NodeView[] {
  return nodes.filter((n) => n.isMember);
}
