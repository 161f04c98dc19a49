/**
 * Versions of an object and the sibling sets replicas keep (paper §4.4; lecture 000).
 *
 * Every put creates a new immutable version. A replica keeps, per key, only the versions
 * that no other version it holds descends from: its *siblings*. A new version that
 * descends from some siblings replaces them ("Can node1 save only D3? Yes"); one that is
 * concurrent with them joins them ("Can node1 save only D3 or only D2? No"). A get hands
 * the client every sibling plus one context, the merge of their clocks, so the next put
 * descends from all of them and collapses the branches.
 */
import { compareClocks, mergeClocks, EMPTY_CLOCK, type VectorClock } from './vector-clock';

/** The lectures' name of version `id` (paper §4.4's D1, D2, …): `D3`. */
export function versionName(id: number): string {
  return `D${id}`;
}

/** Several versions' names, in the order given: `D2, D3`. */
export function versionNames(ids: readonly number[]): string {
  return ids.map(versionName).join(', ');
}

/** Any JSON value: what clients store. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Version {
  /** Creation order among this key's versions, 1-based: D1, D2, … as the lectures name them. */
  readonly id: number;
  readonly value: Json;
  readonly clock: VectorClock;
}

export interface AddResult {
  /** The replica's siblings afterwards. */
  readonly siblings: readonly Version[];
  /** Versions the new one replaced (it descends from them). */
  readonly superseded: readonly Version[];
  /** The sibling that already covers the new version, if any: then nothing changed. */
  readonly coveredBy: Version | undefined;
}

/** Adds `version` to a sibling set; the set stays free of ancestors and duplicates. */
export function addVersion(siblings: readonly Version[], version: Version): AddResult {
  if (siblings.length <= 1) return addToOneOrNone(siblings, version);
  const superseded: Version[] = [];
  const kept: Version[] = [];
  for (const s of siblings) {
    const order = compareClocks(s.clock, version.clock);
    if (order === 'equal' || order === 'descends') return { siblings, superseded: [], coveredBy: s };
    if (order === 'descended-by') superseded.push(s);
    else kept.push(s);
  }
  kept.push(version);
  return { siblings: kept, superseded, coveredBy: undefined };
}

/**
 * `addVersion` for the usual replica, holding one version or none. Array literals are
 * allocated at their size; an empty array that is pushed to reserves room for 16.
 */
function addToOneOrNone(siblings: readonly Version[], version: Version): AddResult {
  const s = siblings[0];
  if (s === undefined) return { siblings: [version], superseded: [], coveredBy: undefined };
  const order = compareClocks(s.clock, version.clock);
  if (order === 'equal' || order === 'descends') return { siblings, superseded: [], coveredBy: s };
  if (order === 'descended-by') return { siblings: [version], superseded: [s], coveredBy: undefined };
  return { siblings: [s, version], superseded: [], coveredBy: undefined };
}

/** The siblings of any collection of versions: those no other one descends from. */
export function reconcile(versions: readonly Version[]): Version[] {
  let siblings: readonly Version[] = [];
  for (const v of versions) siblings = addVersion(siblings, v).siblings;
  return [...siblings].sort((a, b) => a.id - b.id);
}

/** The context a get returns: one clock covering every version it read. */
export function contextClock(versions: readonly Version[]): VectorClock {
  return versions.reduce<VectorClock>((acc, v) => mergeClocks(acc, v.clock), EMPTY_CLOCK);
}
