/**
 * Each node's view of the cluster, as one grid (paper §4.8; lectures 001, 002).
 *
 * There is no central membership registry: every node keeps its own view, one versioned
 * entry per member, and gossip spreads newer entries until the views agree. The grid has
 * a row per observer (a member of the ring) and a column per member any of them knows;
 * each cell says what that observer believes: up, down (its own failure detector's
 * belief: never gossiped), left, or unknown (it has not heard of that member yet), with
 * the entry's version. A cell is *stale* when another live observer holds a newer entry
 * for that member: gossip has not brought the news there yet.
 */
import type { NodeId, NodeView } from '../../engine/index';

export type CellState = 'up' | 'down' | 'left' | 'unknown';

export interface GridCell {
  readonly member: NodeId;
  readonly state: CellState;
  /** The entry's version; null when the observer does not know the member. */
  readonly version: number | null;
  /** The observer's own entry. */
  readonly isSelf: boolean;
  /** A live observer knows a newer entry for this member. */
  readonly isStale: boolean;
}

export interface GridRow {
  readonly observer: NodeId;
  readonly isSeed: boolean;
  /** Up, on the ring and not destroyed: it gossips, and counts for agreement. */
  readonly isLive: boolean;
  readonly status: 'up' | 'down' | 'destroyed';
  readonly cells: readonly GridCell[];
  /** Its view holds the newest entry of every member (always true for a row that is not live). */
  readonly isCurrent: boolean;
}

export interface MembershipGrid {
  readonly members: readonly { readonly id: NodeId; readonly isSeed: boolean; readonly isMember: boolean }[];
  readonly rows: readonly GridRow[];
  /** Every live observer's view lists the same members with the same versions (the engine's viewsAgree). */
  readonly agree: boolean;
  /** Live observers whose view is up to date, and live observers in all. */
  readonly current: number;
  readonly live: number;
}

/** The newest entry of each member among the live observers: what gossip converges to. */
function newestEntries(observers: readonly NodeView[]): Map<NodeId, { version: number; isLeft: boolean }> {
  const newest = new Map<NodeId, { version: number; isLeft: boolean }>();
  for (const o of observers) {
    for (const [id, version] of Object.entries(o.viewVersions)) {
      const known = newest.get(id);
      if (!known || version > known.version) newest.set(id, { version, isLeft: o.view[id] === 'left' });
    }
  }
  return newest;
}

const isLive = (n: NodeView) => n.isUp && n.isMember && !n.isDestroyed;

/** The grid for the nodes of a frame (in configuration order; nodes that left the ring are not observers). */
export function membershipGrid(nodes: readonly NodeView[]): MembershipGrid {
  const observers = nodes.filter((n) => n.isMember);
  const live = observers.filter(isLive);
  // What is newest includes what a node that just left knows of itself ("B left", version 2):
  // it tells the others by gossip, and until they have heard, their "B up" is out of date.
  // Counting only members' views, the grid said "Views agree" the moment B left.
  const newest = newestEntries(nodes.filter((n) => n.isUp && !n.isDestroyed));
  const known = new Set(observers.flatMap((o) => Object.keys(o.viewVersions)));
  // A node that joined and left while every live member was down needs no news (viewsAgree):
  // a live row that has never heard of it is not out of date, though a down member knew it.
  const knownByLive = new Set(live.flatMap((o) => Object.keys(o.viewVersions)));
  const members = nodes.filter((n) => n.isMember || known.has(n.id)).map((n) => ({ id: n.id, isSeed: n.isSeed, isMember: n.isMember }));
  const rows = observers.map((o): GridRow => {
    const cells = members.map(({ id }): GridCell => {
      const version = o.viewVersions[id] ?? null;
      const state: CellState = version === null ? 'unknown' : (o.view[id] ?? 'unknown');
      const best = newest.get(id);
      const isStale = best !== undefined && (version === null ? knownByLive.has(id) : version < best.version);
      return { member: id, state, version, isSelf: id === o.id, isStale };
    });
    const isCurrent = !isLive(o) || cells.every((c) => !c.isStale);
    return { observer: o.id, isSeed: o.isSeed, isLive: isLive(o), status: o.isDestroyed ? 'destroyed' : o.isUp ? 'up' : 'down', cells, isCurrent };
  });
  const current = rows.filter((r) => r.isLive && r.isCurrent).length;
  return { members, rows, agree: current === live.length, current, live: live.length };
}

/** The sentence a cell reads as: "A sees E: up, version 1". */
export function cellLabel(observer: NodeId, cell: GridCell): string {
  const what = cell.state === 'unknown' ? 'unknown (not heard of yet)' : `${cell.state}, version ${cell.version}`;
  return `${observer} sees ${cell.member}: ${what}${cell.isStale ? ', out of date' : ''}`;
}

/**
 * How big a grid cell can be when the grid (row headers of `headerPx`, cells 2 px apart, 1 px
 * when tiny) fits in `width` pixels, and how much a cell can say at that size.
 */
export function gridSizing(width: number, columns: number, headerPx = 56): { readonly cellPx: number; readonly detail: 'text' | 'short' | 'glyph'; readonly gapPx: number } {
  const raw = (width - headerPx) / Math.max(1, columns);
  const roomy = Math.min(90, Math.floor(raw - 2));
  if (roomy >= 30) return { cellPx: roomy, detail: roomy >= 54 ? 'text' : 'short', gapPx: 2 };
  return { cellPx: Math.max(10, Math.floor(raw - 1)), detail: 'glyph', gapPx: 1 };
}

/**
 * Which live observers see which members down, as "B, D see C down": membership can agree
 * while failure detection, which is each node's own, differs (paper §4.8.3).
 */
export function localSuspicions(grid: Pick<MembershipGrid, 'rows'>): string | null {
  const byMember = new Map<NodeId, NodeId[]>();
  for (const row of grid.rows) {
    if (!row.isLive) continue;
    for (const cell of row.cells) if (cell.state === 'down' && !cell.isSelf) byMember.set(cell.member, [...(byMember.get(cell.member) ?? []), row.observer]);
  }
  if (byMember.size === 0) return null;
  return [...byMember].map(([member, observers]) => `${observers.join(', ')} ${observers.length === 1 ? 'sees' : 'see'} ${member} down`).join('; ');
}
