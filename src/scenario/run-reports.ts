/**
 * The two reports a scenario's output gives on the whole run, read off its trace: what the
 * clients got (`consistency`) and how replicas that missed a write were brought up to date
 * (`repairs`). A grader asserts them with the scenario's own `expect`. A client operation is
 * named by the step that started it (`step`, its index in a scenario's `steps`) or, in a
 * session saved from the page, by its action (`action`, its index in `actions`); versions as
 * the lectures write them (`D2`).
 */
import { checkConsistency, type EventOf, type TraceEvent } from '../engine/index';

/** How a report names a client operation: `{"step": 4}` in a scenario, `{"action": 12}` in a saved session. */
export type OpRef<K extends string> = { readonly [P in K]: number };

/** Names an operation by its op id; -1 for one the run did not start (none, unless the engine has a bug). */
export type RefOf<K extends string> = (opId: number) => OpRef<K>;

/**
 * What the clients got, read off the trace by the consistency checker (paper §6.3;
 * lecture 001's "99.94% of requests saw exactly one version"): how many versions each
 * successful get returned, every stale read (a get that missed a put acknowledged before it
 * began), every lost update (a put that replaced a version its client never read), every lost write (an acknowledged version only destroyed disks held) and every
 * vanished one (an acknowledged version no node holds, live or destroyed: an engine bug).
 */
export interface ConsistencyOut<K extends string = 'step'> {
  readonly reads: { readonly ok: number; readonly byVersions: Record<string, number> };
  readonly staleReads: readonly (OpRef<K> & { readonly key: string; readonly missed: OpRef<K> & { readonly version: string } })[];
  /** Puts whose new version replaced, on their coordinator, versions their context had not read (the trace's unread-superseded). */
  readonly lostUpdates: readonly (OpRef<K> & { readonly key: string; readonly version: string; readonly replaced: readonly string[] })[];
  readonly lostWrites: readonly (OpRef<K> & { readonly key: string; readonly version: string; readonly heldBy: readonly string[] })[];
  /** Acknowledged versions no live node holds although no destroyed disk held them: always empty, unless the engine has a bug. */
  readonly vanishedWrites: readonly (OpRef<K> & { readonly key: string; readonly version: string })[];
}

/**
 * Every repair the run made, by each of Dynamo's three mechanisms (paper §4.6, §4.7, §5;
 * lectures 001 and 002): which replica got which versions, from whom. A `final` shows
 * where the versions ended up; this says how they got there, so an assignment can ask
 * that read repair (not anti-entropy) brought a revived node up to date. Read repair goes
 * on after its get is answered, for replies that come late, so it is reported for the
 * whole run rather than in the get's result.
 */
export interface RepairsOut<K extends string = 'step'> {
  /** A get's coordinator sends a replica that answered with older versions the ones it lacked (the trace's `read-repair`). */
  readonly readRepairs: readonly (OpRef<K> & { readonly key: string; readonly coordinator: string; readonly node: string; readonly versions: readonly string[]; readonly atMs: number })[];
  /**
   * A stand-in hands the writes it kept for another node over (the trace's `hint-delivered`):
   * `to` received them; `intendedFor`, only when it is not `to`, is the node the hint was
   * meant for, which no longer holds the key.
   */
  readonly handoffs: readonly { readonly key: string; readonly from: string; readonly to: string; readonly intendedFor?: string; readonly versions: readonly string[]; readonly atMs: number }[];
  /** Merkle exchanges that ended and found keys differing, which they then copied (the trace's `ae-done`). */
  readonly antiEntropy: readonly { readonly a: string; readonly b: string; readonly keys: readonly string[]; readonly atMs: number }[];
}

export function consistencyOut<K extends string>(trace: readonly TraceEvent[], refOf: RefOf<K>): ConsistencyOut<K> {
  const report = checkConsistency(trace);
  const byVersions: Record<string, number> = {};
  for (const r of report.siblingsPerRead) byVersions[r.siblings] = (byVersions[r.siblings] ?? 0) + 1;
  return {
    reads: { ok: report.siblingsPerRead.length, byVersions },
    staleReads: report.staleReads.map((r) => ({ ...refOf(r.getOpId), key: r.key, missed: { ...refOf(r.putOpId), version: `D${r.versionId}` } })),
    lostUpdates: report.lostUpdates.map((u) => ({ ...refOf(u.putOpId), key: u.key, version: `D${u.versionId}`, replaced: u.replaced.map((id) => `D${id}`) })),
    lostWrites: report.lostWrites.map((w) => ({ ...refOf(w.putOpId), key: w.key, version: `D${w.versionId}`, heldBy: w.holders })),
    vanishedWrites: report.vanishedWrites.map((w) => ({ ...refOf(w.putOpId), key: w.key, version: `D${w.versionId}` })),
  };
}

/**
 * Every repair in the trace that brought its target something, in the order the versions
 * landed; null when there was none. A repair whose versions its target already held when it
 * arrived (another repair came first) copied nothing, and is left out.
 */
export function repairsOut<K extends string>(trace: readonly TraceEvent[], refOf: RefOf<K>): RepairsOut<K> | null {
  const landed = new Landings(trace);
  const readRepairs: RepairsOut<K>['readRepairs'][number][] = [];
  const handoffs: RepairsOut['handoffs'][number][] = [];
  const antiEntropy: RepairsOut['antiEntropy'][number][] = [];
  // A late forward's second coordination is named by the client's request it repeats.
  const repeats = new Map<number, number>();
  trace.forEach((e, i) => {
    if (e.kind === 'late-forward') repeats.set(e.duplicateOpId, e.opId);
    else if (e.kind === 'read-repair') {
      const landing = landed.ofRepair(e, trace[i + 1]);
      if (landing) readRepairs.push({ ...refOf(repeats.get(e.opId) ?? e.opId), key: e.key, coordinator: e.node ?? '', node: e.target, versions: landing.versions, atMs: landing.atMs });
    } else if (e.kind === 'hint-delivered') {
      const versions = landed.versions(e.causeSeq, e.node, e.key, e.versionIds);
      if (versions.length > 0) handoffs.push(handoffOut(e, versions));
    } else if (e.kind === 'ae-done' && e.ok && e.differingKeys.length > 0) antiEntropy.push({ a: e.a, b: e.b, keys: e.differingKeys, atMs: e.atMs });
  });
  // A read repair sent to another node lands when its message arrives: listed then.
  readRepairs.sort((x, y) => x.atMs - y.atMs);
  return readRepairs.length + handoffs.length + antiEntropy.length > 0 ? { readRepairs, handoffs, antiEntropy } : null;
}

/** The report with no entries: what `repairs` reads when an `expect` asks about a run that made none. */
export function noRepairs<K extends string>(): RepairsOut<K> {
  return { readRepairs: [], handoffs: [], antiEntropy: [] };
}

/** What each delivery (or local repair) stored, found by the event that caused the stores. */
class Landings {
  private readonly storedBy = new Map<number, EventOf<'version-stored'>[]>();
  private readonly deliveries = new Map<number, EventOf<'deliver'>>();

  constructor(trace: readonly TraceEvent[]) {
    for (const e of trace) {
      if (e.kind === 'version-stored' && e.causeSeq !== null) (this.storedBy.get(e.causeSeq) ?? this.storedBy.set(e.causeSeq, []).get(e.causeSeq)!).push(e);
      else if (e.kind === 'deliver' && e.body.type === 'repair') this.deliveries.set(e.msgId, e);
    }
  }

  /** The versions of `ids` that `node` stored of `key` because of event `cause`, as the lectures name them. */
  versions(cause: number | null, node: string | null, key: string, ids: readonly number[]): string[] {
    const stored = cause === null ? [] : (this.storedBy.get(cause) ?? []);
    return stored.filter((s) => s.node === node && s.key === key && ids.includes(s.version.id)).map((s) => `D${s.version.id}`);
  }

  /**
   * Where a read repair landed: on the coordinator's own copy at once, or on another replica
   * when its `repair` message (the event right after) was delivered. Null when nothing was stored.
   */
  ofRepair(e: EventOf<'read-repair'>, next: TraceEvent | undefined): { versions: string[]; atMs: number } | null {
    if (e.target === e.node) {
      const versions = this.versions(e.causeSeq, e.target, e.key, e.versionIds);
      return versions.length > 0 ? { versions, atMs: e.atMs } : null;
    }
    const delivery = next?.kind === 'send' && next.body.type === 'repair' ? this.deliveries.get(next.msgId) : undefined;
    const versions = delivery ? this.versions(delivery.seq, e.target, e.key, e.versionIds) : [];
    return delivery && versions.length > 0 ? { versions, atMs: delivery.atMs } : null;
  }
}

function handoffOut(e: EventOf<'hint-delivered'>, versions: readonly string[]): RepairsOut['handoffs'][number] {
  const to = e.node ?? '';
  return e.intendedFor !== undefined && e.intendedFor !== to ? { key: e.key, from: e.holder, to, intendedFor: e.intendedFor, versions, atMs: e.atMs } : { key: e.key, from: e.holder, to, versions, atMs: e.atMs };
}
