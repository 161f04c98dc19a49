/**
 * Structural sharing between consecutive frames. The worker sends a fresh view each time;
 * most of it (tokens, nodes, the key list) is usually unchanged, and keeping the previous
 * objects when their content is equal lets panels that select them skip re-rendering.
 */
import type { ClusterView, KeyView, NodeView } from '../engine/index';

type Tokens = ClusterView['tokens'];

export function sameTokens(a: Tokens, b: Tokens): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.pos !== b[i]!.pos || a[i]!.node !== b[i]!.node) return false;
  return true;
}

/** Same length, same items (by identity), in the same order. */
export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

export function sameNode(a: NodeView, b: NodeView): boolean {
  return (
    a.id === b.id &&
    a.isUp === b.isUp &&
    a.isDestroyed === b.isDestroyed &&
    a.isMember === b.isMember &&
    a.dc === b.dc &&
    a.keyCount === b.keyCount &&
    a.hintCount === b.hintCount &&
    sameList(a.tokens, b.tokens) &&
    sameList(a.unreachable, b.unreachable) &&
    sameRecord(a.view, b.view)
  );
}

/** `next`, with unchanged nodes (and the whole array, if nothing changed) taken from `prev`. */
export function mergeNodes(prev: readonly NodeView[], next: readonly NodeView[]): readonly NodeView[] {
  let changed = prev.length !== next.length;
  const out = next.map((node, i) => {
    const old = prev[i];
    if (old && sameNode(old, node)) return old;
    changed = true;
    return node;
  });
  return changed ? out : prev;
}

/** Blocked links, kept identical when unchanged. */
export function mergeStrings(prev: readonly string[], next: readonly string[]): readonly string[] {
  return sameList(prev, next) ? prev : next;
}

/** The previous key view when the new one says the same (the worker sends one with every frame). */
export function mergeKeyView(prev: KeyView | null, next: KeyView | null): KeyView | null {
  if (prev === null || next === null || prev.key !== next.key || prev.position !== next.position || prev.n !== next.n) return next;
  const same =
    prev.walk.length === next.walk.length &&
    prev.walk.every((s, i) => s.tokenIndex === next.walk[i]!.tokenIndex && s.role === next.walk[i]!.role) &&
    sameList(prev.preferenceList, next.preferenceList) &&
    sameList(prev.fallbacks, next.fallbacks) &&
    JSON.stringify(prev.holdings) === JSON.stringify(next.holdings);
  return same ? prev : next;
}
