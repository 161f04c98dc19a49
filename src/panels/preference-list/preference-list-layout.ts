/**
 * The rows of the preference-list table (pure): rank, node, the token where the walk
 * chose it, its role for this key, and what it holds. Fallbacks are listed only as far as
 * they matter: those holding a hint for the key, then the next few in walk order.
 */
import { formatClock, versionName, type KeyView, type Version } from '../../engine/index';

export type PrefRole = 'coordinator' | 'replica' | 'fallback';

export interface PrefRow {
  /** 1…N for the top N, F1… for fallbacks. */
  readonly rank: string;
  readonly node: string;
  readonly token: number | null;
  readonly role: PrefRole;
  /** What the node holds of this key: its own versions, and hints it keeps for others. */
  readonly holds: readonly Holding[];
}

/**
 * One version a node holds: by name in the table ("D2"; a hint "D2 for C"), so a row stays
 * one line and the request trace below keeps its room; with its clock on hover. The
 * Versions panel draws the clocks.
 */
export interface Holding {
  readonly text: string;
  readonly full: string;
}

export interface PrefTable {
  readonly rows: readonly PrefRow[];
  /** Fallbacks left out of the table. */
  readonly moreFallbacks: number;
}

export function versionLabel(v: Version): string {
  return `${versionName(v.id)} ${formatClock(v.clock).slice(1, -1)}`;
}

const byId = <V extends { readonly id: number }>(versions: readonly V[]): V[] => [...versions].sort((a, b) => a.id - b.id);

/** The table for `keyView`; `coordinator` is the node that coordinates (or would coordinate) it. */
export function preferenceTable(keyView: KeyView, coordinator: string | null, maxFallbacks: number): PrefTable {
  const tokenOf = new Map<string, number>();
  for (const step of keyView.walk) if (step.role !== 'skipped' && !tokenOf.has(step.node)) tokenOf.set(step.node, step.pos);
  const holdsOf = (node: string): Holding[] => {
    const h = keyView.holdings.find((x) => x.node === node);
    if (!h) return [];
    return [
      // In the order made, D2 before D3 on every row, whatever order each replica stored them in.
      ...byId(h.versions).map((v) => ({ text: versionName(v.id), full: versionLabel(v) })),
      // A hint reads as the log says it ("B keeps D2 of cart in its hinted store, for C"), in the fallback's row.
      ...h.hints.flatMap((hint) => byId(hint.versions).map((v) => ({ text: `${versionName(v.id)} for ${hint.intendedFor}`, full: `${versionLabel(v)}, a hint kept for ${hint.intendedFor}` }))),
    ];
  };
  const rows: PrefRow[] = keyView.preferenceList.map((node, i) => ({
    rank: String(i + 1),
    node,
    token: tokenOf.get(node) ?? null,
    role: node === coordinator ? 'coordinator' : 'replica',
    holds: holdsOf(node),
  }));
  let shown = 0;
  let more = 0;
  keyView.fallbacks.forEach((node, i) => {
    const holds = holdsOf(node);
    if (holds.length > 0 || shown < maxFallbacks || node === coordinator) {
      shown++;
      rows.push({ rank: `F${i + 1}`, node, token: tokenOf.get(node) ?? null, role: node === coordinator ? 'coordinator' : 'fallback', holds });
    } else more++;
  });
  return { rows, moreFallbacks: more };
}
