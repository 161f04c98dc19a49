/**
 * The consistency checker: what a trace says about the guarantees clients got.
 *
 * Dynamo promises eventual consistency, not more (paper §2.3, §6; lecture 001): a read
 * may miss a write that was acknowledged before it began (a *stale read*), it may return
 * several siblings, and a write acknowledged by nodes that are all later destroyed is lost
 * for good. This module reads those facts off a trace alone, so tests, the headless runner
 * and the UI can show them. It replays every store, hint and loss the trace records to
 * know what each node holds at the end.
 */
import type { EventOf, TraceEvent } from '../trace/events';
import type { NodeId } from '../dynamo/ring';
import type { Version } from '../dynamo/versions';
import { descendsOrEqual } from '../dynamo/vector-clock';

export interface StaleRead {
  readonly getOpId: number;
  readonly key: string;
  /** The acknowledged put the get did not reflect, and the version it wrote. */
  readonly putOpId: number;
  readonly versionId: number;
}

export interface LostWrite {
  readonly putOpId: number;
  readonly key: string;
  readonly versionId: number;
  /** Every node that ever held the version (or a descendant); all destroyed. */
  readonly holders: readonly NodeId[];
}

/**
 * A put whose context did not cover a version its coordinator held, yet whose new clock
 * descends from it (the trace's `unread-superseded`): a write its client never read, replaced
 * without a sibling (lecture 003's lost update; vector clocks keyed by server cannot tell two
 * clients of one coordinator apart). Acknowledged or not, the replaced versions are gone where
 * the new one lands.
 */
export interface LostUpdate {
  readonly putOpId: number;
  readonly key: string;
  readonly versionId: number;
  readonly replaced: readonly number[];
}

export interface ConsistencyReport {
  readonly staleReads: readonly StaleRead[];
  readonly lostUpdates: readonly LostUpdate[];
  readonly lostWrites: readonly LostWrite[];
  /** How many siblings each successful get returned, by get. */
  readonly siblingsPerRead: readonly { readonly opId: number; readonly key: string; readonly siblings: number }[];
  /** Acknowledged versions missing with some holder still alive: should never happen. */
  readonly vanishedWrites: readonly LostWrite[];
}

interface AckedPut {
  readonly opId: number;
  readonly key: string;
  readonly version: Version;
  readonly ackedAtMs: number;
  readonly ackedSeq: number;
}

/** An acknowledged put in its key's dominance forest: the puts whose versions its own descends from hang below it. */
interface PutNode extends AckedPut {
  /** Its place among its key's acknowledged puts. */
  readonly order: number;
  readonly below: PutNode[];
}

/**
 * The acknowledged puts of one key, as a forest: a put hangs below one whose version descends
 * from (or equals) its own, and the roots are the puts no other descends from. A read that
 * reflects a put reflects everything below it (descent is transitive), so a get is checked
 * against the roots and goes down only where a put was missed: a chain of 50,000 puts of one
 * key costs each get one look, where checking every put for every get took 146 s.
 */
class KeyPuts {
  private roots: PutNode[] = [];
  private count = 0;

  add(put: AckedPut): void {
    const node: PutNode = { ...put, order: this.count++, below: [] };
    const above = this.roots.find((r) => descendsOrEqual(r.version.clock, node.version.clock));
    if (above) {
      above.below.push(node);
      return;
    }
    const roots: PutNode[] = [];
    for (const r of this.roots) (descendsOrEqual(node.version.clock, r.version.clock) ? node.below : roots).push(r);
    roots.push(node);
    this.roots = roots;
  }

  /** The puts acknowledged before `startSeq` that none of `returned` reflects, in the order acknowledged. */
  missedBy(returned: readonly Version[], startSeq: number): PutNode[] {
    const missed: PutNode[] = [];
    const stack = [...this.roots];
    for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
      const { clock } = p.version;
      if (returned.some((v) => descendsOrEqual(v.clock, clock))) continue;
      if (p.ackedSeq < startSeq) missed.push(p);
      for (const q of p.below) stack.push(q);
    }
    return missed.sort((a, b) => a.order - b.order);
  }
}

export function checkConsistency(trace: readonly TraceEvent[]): ConsistencyReport {
  const puts: AckedPut[] = [];
  // The acknowledged puts of each key: a get compares only its own key's.
  const putsOf = new Map<string, KeyPuts>();
  const getStarts = new Map<number, number>();
  const staleReads: StaleRead[] = [];
  const siblingsPerRead: { opId: number; key: string; siblings: number }[] = [];
  // Recorded as the put's coordinator makes its version, before the put ends: matched to it by key and version.
  const unread = new Map<string, readonly number[]>();
  const lostUpdates: LostUpdate[] = [];
  // A late forward's second coordination of a put answers no client, so no op-end names its lost
  // update: it is the client's put's, recorded right after the late-forward by the same delivery.
  let late: EventOf<'late-forward'> | null = null;
  for (const e of trace) {
    if (e.kind === 'op-start' && e.op === 'get') getStarts.set(e.opId, e.seq);
    if (e.kind === 'late-forward') late = e;
    if (e.kind === 'unread-superseded' && late !== null && late.causeSeq === e.causeSeq && late.node === e.node && late.key === e.key) {
      lostUpdates.push({ putOpId: late.opId, key: e.key, versionId: e.versionId, replaced: e.lost });
    } else if (e.kind === 'unread-superseded') unread.set(`${e.key}\u0001${e.versionId}`, e.lost);
    if (e.kind === 'op-end' && e.op === 'put' && e.version && unread.size > 0) {
      const replaced = unread.get(`${e.key}\u0001${e.version.id}`);
      if (replaced) lostUpdates.push({ putOpId: e.opId, key: e.key, versionId: e.version.id, replaced });
    }
    if (e.kind !== 'op-end' || !e.ok) continue;
    if (e.op === 'put' && e.version) {
      const put = { opId: e.opId, key: e.key, version: e.version, ackedAtMs: e.atMs, ackedSeq: e.seq };
      puts.push(put);
      (putsOf.get(e.key) ?? putsOf.set(e.key, new KeyPuts()).get(e.key)!).add(put);
    }
    if (e.op === 'get') {
      const returned = e.versions ?? [];
      siblingsPerRead.push({ opId: e.opId, key: e.key, siblings: returned.length });
      const startSeq = getStarts.get(e.opId) ?? e.seq;
      for (const p of putsOf.get(e.key)?.missedBy(returned, startSeq) ?? []) staleReads.push({ getOpId: e.opId, key: e.key, putOpId: p.opId, versionId: p.version.id });
    }
  }
  const { lostWrites, vanishedWrites } = checkDurability(trace, puts);
  return { staleReads, lostUpdates, lostWrites, siblingsPerRead, vanishedWrites };
}

/** Hinted copies are kept apart from a node's own: key, then the node they are held for. */
function hintSlot(key: string, intendedFor: NodeId): string {
  return `${key}\u0001${intendedFor}`;
}

type Holdings = Map<NodeId, Map<string, Version[]>>;

/**
 * Replays every store, hint, hand-off and loss: what each live node holds at the end, and
 * what each destroyed node held when its disk was lost.
 */
function replayHoldings(trace: readonly TraceEvent[]): { live: Holdings; lostWith: Holdings } {
  const live: Holdings = new Map();
  const lostWith: Holdings = new Map();
  const at = (node: NodeId): Map<string, Version[]> => live.get(node) ?? live.set(node, new Map()).get(node)!;
  for (const e of trace) {
    if (e.node === null) continue;
    if (e.kind === 'version-stored' || e.kind === 'hint-stored') {
      const slot = e.kind === 'hint-stored' ? hintSlot(e.key, e.intendedFor) : e.key;
      const slots = at(e.node);
      // A version the new one descends from is superseded: whatever it covers, the new one
      // covers too, so dropping it changes no answer and keeps a busy key's list short.
      const kept = (slots.get(slot) ?? []).filter((v) => !descendsOrEqual(e.version.clock, v.clock));
      kept.push(e.version);
      slots.set(slot, kept);
    } else if (e.kind === 'hint-deleted') {
      at(e.node).delete(hintSlot(e.key, e.intendedFor));
    } else if (e.kind === 'keys-released') {
      for (const key of e.keys) at(e.node).delete(key);
    } else if (e.kind === 'node-destroyed') {
      lostWith.set(e.node, at(e.node));
      live.delete(e.node);
    }
  }
  return { live, lostWith };
}

/** Each key's versions by node, own and hinted together: `holdersOf` looks at one key, not every slot. */
type KeyIndex = Map<string, Map<NodeId, Version[]>>;

function byKey(holdings: Holdings): KeyIndex {
  const index: KeyIndex = new Map();
  for (const [node, slots] of holdings) {
    for (const [slotKey, versions] of slots) {
      const key = slotKey.split('\u0001')[0]!;
      const nodes = index.get(key) ?? index.set(key, new Map()).get(key)!;
      nodes.set(node, [...(nodes.get(node) ?? []), ...versions]);
    }
  }
  return index;
}

/** Nodes that hold `put`'s version or a descendant of it. */
function holdersOf(index: KeyIndex, put: AckedPut): NodeId[] {
  const out: NodeId[] = [];
  for (const [node, versions] of index.get(put.key) ?? []) if (versions.some((v) => descendsOrEqual(v.clock, put.version.clock))) out.push(node);
  return out.sort();
}

/**
 * An acknowledged write no live node holds (nor a descendant of it) is *lost* when it went
 * down with destroyed disks, and *vanished* otherwise — which would be an engine bug.
 */
function checkDurability(trace: readonly TraceEvent[], puts: readonly AckedPut[]): { lostWrites: LostWrite[]; vanishedWrites: LostWrite[] } {
  const holdings = replayHoldings(trace);
  const [live, lostWith] = [byKey(holdings.live), byKey(holdings.lostWith)];
  const lostWrites: LostWrite[] = [];
  const vanishedWrites: LostWrite[] = [];
  for (const p of puts) {
    if (holdersOf(live, p).length > 0) continue;
    const holders = holdersOf(lostWith, p);
    const write = { putOpId: p.opId, key: p.key, versionId: p.version.id, holders };
    if (holders.length > 0) lostWrites.push(write);
    else vanishedWrites.push(write);
  }
  return { lostWrites, vanishedWrites };
}
