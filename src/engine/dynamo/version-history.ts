/**
 * A key's version history, read back from the trace (paper §4.4; lectures 000, 001, 003).
 *
 * Replicas keep only siblings, so a node's store never shows where its versions came
 * from. The trace does: every version a coordinator creates, where each copy went, and
 * which versions each store replaced. From it this module rebuilds what the lectures
 * draw on their slides: D1, D2, … in order of creation with their clocks, arrows from
 * each version to the versions that directly descend from it, which node holds which
 * versions at a given moment, which live versions are siblings, and where clock
 * truncation dropped an entry (which can make a descendant look concurrent).
 *
 * It also holds the two reconciliation rules a client can apply to siblings: the
 * shopping cart's union (lecture 000: "an added item is never lost, but deleted items
 * can resurface") and last-write-wins by timestamp (lecture 000's note on Cassandra;
 * lecture 001: "simple resolution done by the system"), which silently drops the
 * concurrent versions it did not pick.
 *
 * Everything here is pure: it reads a trace and returns plain data.
 */
import type { TraceEvent } from '../trace/events';
import type { NodeId } from './ring';
import { addVersion, versionName, type Json, type Version } from './versions';
import { compareClocks, counterOf, formatClock, type ClockEntry, type ClockOrder, type VectorClock } from './vector-clock';

/** One version of the key, as the Versions panel lists it. */
export interface HistoryVersion extends Version {
  /** `D3`: the lectures' name, from the per-key creation order. */
  readonly name: string;
  /** The node that created it (advanced its counter); null if the trace never says. */
  readonly coordinator: NodeId | null;
  readonly createdAtMs: number;
  readonly createdSeq: number;
  /** Entries clock truncation removed from this version's clock when it was created. */
  readonly truncated: readonly ClockEntry[];
}

/** `from` is an ancestor of `to` with no version of the key in between. */
export interface VersionEdge {
  readonly from: number;
  readonly to: number;
}

/** What one node holds of the key: its own siblings and the hints it keeps for others. */
export interface NodeHolding {
  readonly node: NodeId;
  /** Version ids in the node's own store (its sibling set), in creation order. */
  readonly stored: readonly number[];
  readonly hinted: readonly { readonly intendedFor: NodeId; readonly versionIds: readonly number[] }[];
}

export interface Truncation {
  readonly versionId: number;
  readonly node: NodeId | null;
  readonly atMs: number;
  readonly seq: number;
  readonly removed: readonly ClockEntry[];
}

export interface VersionHistory {
  readonly key: string;
  /** The trace position the history describes: every event with seq ≤ atSeq. */
  readonly atSeq: number;
  /** Every version created so far, in creation order (D1 first). */
  readonly versions: readonly HistoryVersion[];
  /** The transitive reduction of "is an ancestor of" over `versions`. */
  readonly edges: readonly VersionEdge[];
  /** Nodes that hold a version of the key, stored or hinted, by node id. */
  readonly holdings: readonly NodeHolding[];
  /** Ids held by some node (stored or hinted) at `atSeq`. */
  readonly live: readonly number[];
  /** Live ids concurrent with another live id: the branches a client will have to merge. */
  readonly siblings: readonly number[];
  readonly truncations: readonly Truncation[];
}

/** Every key some version was created for, in order of first creation. */
export function keysWithVersions(trace: readonly TraceEvent[]): string[] {
  const keys = new Set<string>();
  for (const e of trace) {
    if (e.kind === 'version-stored' || e.kind === 'hint-stored') keys.add(e.key);
    else if (e.kind === 'send' && e.body.type === 'put') keys.add(e.body.key);
  }
  return [...keys];
}

/** Every key: what a destroyed node's disk takes with it (`historyKeysOf`). */
export const ALL_KEYS = 'all';
const NO_KEYS: readonly string[] = [];

/**
 * The keys whose history an event can change (`versionHistory` reads nothing else): the
 * events that first show a version, store, hint, hand over, forget or truncate one;
 * `ALL_KEYS` for a node destroyed. An index of them lets a history read its key's own events
 * rather than the whole trace (the page's, at a million events: 65 ms a frame for one key).
 */
export function historyKeysOf(e: TraceEvent): readonly string[] | typeof ALL_KEYS {
  switch (e.kind) {
    case 'version-stored':
    case 'version-ignored':
    case 'hint-stored':
    case 'hint-deleted':
    case 'clock-truncated':
      return [e.key];
    case 'op-end':
      return e.op === 'put' ? [e.key] : NO_KEYS;
    case 'send':
      return e.body.type === 'put' ? [e.body.key] : NO_KEYS;
    case 'deliver':
      return e.body.type === 'hint-ack' ? [e.body.key] : NO_KEYS;
    case 'keys-released':
      return e.keys;
    case 'node-destroyed':
      return ALL_KEYS;
    default:
      return NO_KEYS;
  }
}

/**
 * The key's history as of trace position `atSeq` (inclusive; default: the whole trace).
 * Cost is one pass over the trace, or over `indices` (the positions of the events
 * `historyKeysOf` names the key in, in order), plus a pairwise comparison of its versions.
 */
export function versionHistory(trace: readonly TraceEvent[], key: string, options: { readonly atSeq?: number; readonly indices?: readonly number[] } = {}): VersionHistory {
  const atSeq = options.atSeq ?? (trace.length > 0 ? trace[trace.length - 1]!.seq : -1);
  const created = new Map<number, HistoryVersion>();
  const truncations: Truncation[] = [];
  const state = new HoldingState();
  const visit = (e: TraceEvent): void => {
    const version = versionOf(e, key);
    if (version && !created.has(version.id)) created.set(version.id, { ...version, name: versionName(version.id), coordinator: creatorOf(e), createdAtMs: e.atMs, createdSeq: e.seq, truncated: [] });
    if (e.kind === 'clock-truncated' && e.key === key) truncations.push({ versionId: e.versionId, node: e.node, atMs: e.atMs, seq: e.seq, removed: e.removed });
    state.apply(e, key);
  };
  if (options.indices) {
    for (const i of options.indices) {
      const e = trace[i]!;
      if (e.seq > atSeq) break;
      visit(e);
    }
  } else {
    for (const e of trace) {
      if (e.seq > atSeq) break;
      visit(e);
    }
  }
  for (const t of truncations) {
    const v = created.get(t.versionId);
    if (v) created.set(t.versionId, { ...v, truncated: [...v.truncated, ...t.removed] });
  }
  const versions = [...created.values()].sort((a, b) => a.id - b.id);
  const holdings = state.holdings();
  const live = [...new Set(holdings.flatMap((h) => [...h.stored, ...h.hinted.flatMap((x) => x.versionIds)]))].sort((a, b) => a - b);
  return { key, atSeq, versions, edges: ancestorEdges(versions), holdings, live, siblings: concurrentAmong(live.map((id) => created.get(id)!)), truncations };
}

/** The version of `key` an event creates or carries, if it is the kind that first shows one. */
function versionOf(e: TraceEvent, key: string): Version | undefined {
  switch (e.kind) {
    case 'version-stored':
    case 'version-ignored':
    case 'hint-stored':
      return e.key === key ? e.version : undefined;
    case 'send':
      return e.body.type === 'put' && e.body.key === key ? e.body.version : undefined;
    case 'op-end':
      return e.op === 'put' && e.key === key ? e.version : undefined;
    default:
      return undefined;
  }
}

/** The coordinator stores its new version (or sends it) before anyone else sees it. */
function creatorOf(e: TraceEvent): NodeId | null {
  if (e.kind === 'send') return e.from;
  if (e.kind === 'op-end') return e.coordinator;
  return e.node;
}

/** Replays the events that change what a node holds of one key. */
class HoldingState {
  private readonly stored = new Map<NodeId, readonly number[]>();
  /** node → intendedFor → versions held as a hint. */
  private readonly hints = new Map<NodeId, Map<NodeId, readonly Version[]>>();

  apply(e: TraceEvent, key: string): void {
    const node = e.node;
    if (node === null) return;
    if (e.kind === 'version-stored' && e.key === key) this.stored.set(node, e.siblings);
    else if (e.kind === 'keys-released' && e.keys.includes(key)) this.stored.delete(node);
    else if (e.kind === 'node-destroyed') {
      this.stored.delete(node);
      this.hints.delete(node);
    } else if (e.kind === 'hint-stored' && e.key === key) {
      const slots = this.hints.get(node) ?? this.hints.set(node, new Map()).get(node)!;
      slots.set(e.intendedFor, addVersion(slots.get(e.intendedFor) ?? [], e.version).siblings);
    } else if (e.kind === 'hint-deleted' && e.key === key) this.hints.get(node)?.delete(e.intendedFor);
    else if (e.kind === 'deliver' && e.body.type === 'hint-ack' && e.body.key === key) {
      // The holder drops the acknowledged versions; the engine emits hint-deleted only when none remain.
      const { intendedFor, versionIds } = e.body;
      const slot = this.hints.get(e.to)?.get(intendedFor);
      if (slot) this.hints.get(e.to)!.set(intendedFor, slot.filter((v) => !versionIds.includes(v.id)));
    }
  }

  holdings(): NodeHolding[] {
    const nodes = [...new Set([...this.stored.keys(), ...this.hints.keys()])].sort();
    return nodes
      .map((node): NodeHolding => {
        const hinted = [...(this.hints.get(node) ?? new Map<NodeId, readonly Version[]>())]
          .filter(([, vs]) => vs.length > 0)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([intendedFor, vs]) => ({ intendedFor, versionIds: vs.map((v) => v.id).sort((a, b) => a - b) }));
        return { node, stored: [...(this.stored.get(node) ?? [])].sort((a, b) => a - b), hinted };
      })
      .filter((h) => h.stored.length > 0 || h.hinted.length > 0);
  }
}

/**
 * "A is an ancestor of B" reduced to immediate descendants: an edge A → B when A's clock
 * precedes B's and no version's clock lies strictly between. Following edges reaches
 * exactly the pairs `compareClocks` orders.
 */
export function ancestorEdges(versions: readonly Pick<Version, 'id' | 'clock'>[]): VersionEdge[] {
  // Each pair's order compared once, then looked up: a key with 306 versions compared its clocks 28 million times.
  const n = versions.length;
  const before = versions.map((a) => versions.map((b) => compareClocks(a.clock, b.clock) === 'descended-by'));
  const edges: VersionEdge[] = [];
  for (let i = 0; i < n; i++) {
    const fromI = before[i]!;
    for (let j = 0; j < n; j++) {
      if (!fromI[j]) continue;
      let isDirect = true;
      for (let k = 0; k < n && isDirect; k++) if (fromI[k] && before[k]![j]) isDirect = false;
      if (isDirect) edges.push({ from: versions[i]!.id, to: versions[j]!.id });
    }
  }
  return edges.sort((x, y) => x.from - y.from || x.to - y.to);
}

/** Ids of the versions concurrent with at least one other of the list. */
function concurrentAmong(versions: readonly Pick<Version, 'id' | 'clock'>[]): number[] {
  return versions.filter((a) => versions.some((b) => b !== a && compareClocks(a.clock, b.clock) === 'concurrent')).map((v) => v.id);
}

/** Enough of a version to explain: a name (or an id) and a clock. */
export interface Explainable {
  readonly id: number;
  readonly name?: string;
  readonly clock: VectorClock;
  readonly truncated?: readonly ClockEntry[];
}

export interface RelationExplanation {
  /** How a's clock stands to b's (`descended-by`: a is an ancestor of b). */
  readonly order: ClockOrder;
  /** The lectures' sentence. */
  readonly text: string;
  /** For concurrent versions: the counter where a is ahead, and where b is ahead. */
  readonly aheadInA?: ClockEntry;
  readonly aheadInB?: ClockEntry;
}

/**
 * The lectures' rule applied to two versions: "if all the counters on the first object's
 * clock ≤ all the counters on the second, the first is an ancestor and can be forgotten;
 * else there is a conflict, the client should reconcile".
 */
export function explainRelation(a: Explainable, b: Explainable): RelationExplanation {
  const an = a.name ?? versionName(a.id);
  const bn = b.name ?? versionName(b.id);
  const order = compareClocks(a.clock, b.clock);
  if (order === 'descended-by') return { order, text: ancestorSentence(an, bn) };
  if (order === 'descends') return { order, text: ancestorSentence(bn, an) };
  if (order === 'equal') return { order, text: `${an} and ${bn} have the same clock ${formatClock(a.clock)}: neither is newer than the other` };
  const aheadInA = firstAhead(a.clock, b.clock);
  const aheadInB = firstAhead(b.clock, a.clock);
  const text = `${an} has ${entry(aheadInA)} where ${bn} has [${aheadInA.node},${counterOf(b.clock, aheadInA.node)}], and ${bn} has ${entry(aheadInB)} where ${an} has [${aheadInB.node},${counterOf(a.clock, aheadInB.node)}]: they are concurrent, so the client must reconcile${truncationNote([[an, a], [bn, b]])}`;
  return { order, text, aheadInA, aheadInB };
}

function ancestorSentence(older: string, newer: string): string {
  return `every counter of ${older} ≤ the matching counter of ${newer}, so ${older} is an ancestor of ${newer} and can be forgotten`;
}

function firstAhead(x: VectorClock, y: VectorClock): ClockEntry {
  return x.find((e) => e.counter > counterOf(y, e.node))!;
}

function entry(e: ClockEntry): string {
  return `[${e.node},${e.counter}]`;
}

function truncationNote(pairs: readonly (readonly [string, Explainable])[]): string {
  const lost = pairs.filter(([, v]) => (v.truncated ?? []).length > 0);
  return lost.map(([name, v]) => ` (truncation removed ${v.truncated!.map(entry).join(', ')} from ${name}'s clock, so ${name} may really descend from the other)`).join('');
}

/**
 * The shopping cart's reconciliation (lecture 000, paper §4.4): the union of the carts'
 * items, each once, in order of first appearance. An array value is a cart's items; null
 * is an empty cart; any other value counts as one item. Items are the same when their
 * JSON is. The union never loses an added item, but it cannot tell "never added" from
 * "deleted on one branch": an item deleted on one side and still present on the other
 * comes back ("deleted items can resurface").
 */
export function mergeCarts(values: readonly Json[]): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const value of values) {
    const items = value === null ? [] : Array.isArray(value) ? value : [value];
    for (const item of items) {
      const id = JSON.stringify(item);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(item);
    }
  }
  return out;
}

export interface LastWriteWins<V extends Version> {
  readonly winner: V;
  /** Every other version: dropped without telling anyone. */
  readonly discarded: readonly V[];
  /** The discarded versions the winner does not descend from: writes that silently disappear. */
  readonly lost: readonly V[];
}

/**
 * Last-write-wins by timestamp (lecture 000's note on Cassandra): the version whose
 * newest clock entry is latest wins; ties go to the larger node id of that entry, then to
 * the later-created version. Unlike a merge, it keeps one branch whole and drops the
 * others, so an update made on a concurrent branch is lost without any error.
 */
export function lastWriteWins<V extends Version>(versions: readonly V[]): LastWriteWins<V> {
  if (versions.length === 0) throw new Error('lastWriteWins needs at least one version');
  const stamp = (v: V): ClockEntry | undefined => [...v.clock].sort((x, y) => y.atMs - x.atMs || (y.node < x.node ? -1 : y.node > x.node ? 1 : 0))[0];
  const newer = (a: V, b: V): boolean => {
    const sa = stamp(a);
    const sb = stamp(b);
    const ta = sa?.atMs ?? -Infinity;
    const tb = sb?.atMs ?? -Infinity;
    if (ta !== tb) return ta > tb;
    const na = sa?.node ?? '';
    const nb = sb?.node ?? '';
    return na !== nb ? na > nb : a.id > b.id;
  };
  const winner = versions.reduce((best, v) => (newer(v, best) ? v : best));
  const discarded = versions.filter((v) => v !== winner);
  const lost = discarded.filter((v) => compareClocks(v.clock, winner.clock) !== 'descended-by' && compareClocks(v.clock, winner.clock) !== 'equal');
  return { winner, discarded, lost };
}
