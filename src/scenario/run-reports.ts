/**
 * The two reports a scenario's output gives on the whole run, read off its trace: what the
 * clients got (`consistency`) and how replicas that missed a write were brought up to date
 * (`repairs`). A grader asserts them with the scenario's own `expect`. Steps are named by
 * their index in `steps`, versions as the lectures write them (`D2`).
 */
import { checkConsistency, type Cluster, type EventOf, type TraceEvent } from '../engine/index';

/**
 * What the clients got, read off the trace by the consistency checker (paper §6.3;
 * lecture 001's "99.94% of requests saw exactly one version"): how many versions each
 * successful get returned, every stale read (a get that missed a put acknowledged before it
 * began), every lost update (a put that replaced a version its client never read), every lost write (an acknowledged version only destroyed disks held) and every
 * vanished one (an acknowledged version no node holds, live or destroyed: an engine bug).
 */
export interface ConsistencyOut {
  readonly reads: { readonly ok: number; readonly byVersions: Record<string, number> };
  readonly staleReads: readonly { readonly step: number; readonly key: string; readonly missed: { readonly step: number; readonly version: string } }[];
  /** Puts whose new version replaced, on their coordinator, versions their context had not read (the trace's unread-superseded). */
  readonly lostUpdates: readonly { readonly step: number; readonly key: string; readonly version: string; readonly replaced: readonly string[] }[];
  readonly lostWrites: readonly { readonly step: number; readonly key: string; readonly version: string; readonly heldBy: readonly string[] }[];
  /** Acknowledged versions no live node holds although no destroyed disk held them: always empty, unless the engine has a bug. */
  readonly vanishedWrites: readonly { readonly step: number; readonly key: string; readonly version: string }[];
}

/**
 * Every repair the run made, by each of Dynamo's three mechanisms (paper §4.6, §4.7, §5;
 * lectures 001 and 002): which replica got which versions, from whom. A `final` shows
 * where the versions ended up; this says how they got there, so an assignment can ask
 * that read repair (not anti-entropy) brought a revived node up to date. Read repair goes
 * on after its get is answered, for replies that come late, so it is reported for the
 * whole run rather than in the get's result.
 */
export interface RepairsOut {
  /** A get's coordinator sends a replica that answered with older versions the ones it lacked (the trace's `read-repair`). */
  readonly readRepairs: readonly { readonly step: number; readonly key: string; readonly coordinator: string; readonly node: string; readonly versions: readonly string[]; readonly atMs: number }[];
  /**
   * A stand-in hands the writes it kept for another node over (the trace's `hint-delivered`):
   * `to` received them; `intendedFor`, only when it is not `to`, is the node the hint was
   * meant for, which no longer holds the key.
   */
  readonly handoffs: readonly { readonly key: string; readonly from: string; readonly to: string; readonly intendedFor?: string; readonly versions: readonly string[]; readonly atMs: number }[];
  /** Merkle exchanges that ended and found keys differing, which they then copied (the trace's `ae-done`). */
  readonly antiEntropy: readonly { readonly a: string; readonly b: string; readonly keys: readonly string[]; readonly atMs: number }[];
}

export function consistencyOut(cluster: Cluster, stepOfOp: ReadonlyMap<number, number>): ConsistencyOut {
  const report = checkConsistency(cluster.trace);
  const byVersions: Record<string, number> = {};
  for (const r of report.siblingsPerRead) byVersions[r.siblings] = (byVersions[r.siblings] ?? 0) + 1;
  const step = (opId: number) => stepOfOp.get(opId) ?? -1;
  return {
    reads: { ok: report.siblingsPerRead.length, byVersions },
    staleReads: report.staleReads.map((r) => ({ step: step(r.getOpId), key: r.key, missed: { step: step(r.putOpId), version: `D${r.versionId}` } })),
    lostUpdates: report.lostUpdates.map((u) => ({ step: step(u.putOpId), key: u.key, version: `D${u.versionId}`, replaced: u.replaced.map((id) => `D${id}`) })),
    lostWrites: report.lostWrites.map((w) => ({ step: step(w.putOpId), key: w.key, version: `D${w.versionId}`, heldBy: w.holders })),
    vanishedWrites: report.vanishedWrites.map((w) => ({ step: step(w.putOpId), key: w.key, version: `D${w.versionId}` })),
  };
}

/** Every repair in the trace, in the order they happened; null when there was none. */
export function repairsOut(trace: readonly TraceEvent[], stepOfOp: ReadonlyMap<number, number>): RepairsOut | null {
  const readRepairs: RepairsOut['readRepairs'][number][] = [];
  const handoffs: RepairsOut['handoffs'][number][] = [];
  const antiEntropy: RepairsOut['antiEntropy'][number][] = [];
  for (const e of trace) {
    if (e.kind === 'read-repair') readRepairs.push(readRepairOut(e, stepOfOp));
    else if (e.kind === 'hint-delivered') handoffs.push(handoffOut(e));
    else if (e.kind === 'ae-done' && e.ok && e.differingKeys.length > 0) antiEntropy.push({ a: e.a, b: e.b, keys: e.differingKeys, atMs: e.atMs });
  }
  return readRepairs.length + handoffs.length + antiEntropy.length > 0 ? { readRepairs, handoffs, antiEntropy } : null;
}

/** The reports with no entries: what `repairs` reads when an `expect` asks about a run that made none. */
export const NO_REPAIRS: RepairsOut = { readRepairs: [], handoffs: [], antiEntropy: [] };

function readRepairOut(e: EventOf<'read-repair'>, stepOfOp: ReadonlyMap<number, number>): RepairsOut['readRepairs'][number] {
  return { step: stepOfOp.get(e.opId) ?? -1, key: e.key, coordinator: e.node ?? '', node: e.target, versions: e.versionIds.map((id) => `D${id}`), atMs: e.atMs };
}

function handoffOut(e: EventOf<'hint-delivered'>): RepairsOut['handoffs'][number] {
  const to = e.node ?? '';
  const versions = e.versionIds.map((id) => `D${id}`);
  return e.intendedFor !== undefined && e.intendedFor !== to ? { key: e.key, from: e.holder, to, intendedFor: e.intendedFor, versions, atMs: e.atMs } : { key: e.key, from: e.holder, to, versions, atMs: e.atMs };
}
