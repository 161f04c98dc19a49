/**
 * The repair property a random fault schedule is checked against once `runSchedule` has
 * repaired the cluster (`checkRepaired`), and the report a failing seed prints
 * (`failureReport`). Test support only, beside `random-schedule.ts`.
 */
import { checkConsistency, describe as describeEvent, descendsOrEqual, formatClock, versionName, viewsAgree, type Cluster, type ConsistencyReport, type NodeId, type Version } from '../index';
import { SCHEDULE_KEYS, liveMembers, type Schedule, type ScheduleRun } from './random-schedule';

// ---- the property -------------------------------------------------------------------

/** Each sibling as `D3 ([n1,2],[n4,1])`, sorted and joined, so two replicas' sets compare as text. */
export function siblingSignature(versions: readonly Version[]): string {
  return versions
    .map((v) => `${versionName(v.id)} ${formatClock(v.clock)}`)
    .sort()
    .join(' | ');
}

export interface RepairCheck {
  /** Broken parts of the property the sweep asserts; [] when it holds. */
  readonly violations: readonly string[];
  /**
   * The stronger expectations: every acknowledged write readable on its key's live
   * replicas, and every removed node known as left. Kept apart so a report says which
   * kind of promise broke; the sweep asserts both kinds.
   */
  readonly gaps: readonly string[];
  /** Writes the consistency checker reports lost with every node that held them (allowed: destroyed disks). */
  readonly lostWrites: number;
}

/**
 * What is still wrong after the repair phase, in words. The property:
 *  (a) the live members of each key's top N hold the same siblings, and anti-entropy
 *      converged;
 *  (b) no acknowledged write vanished: each is still held (or dominated) somewhere,
 *      unless every node that held it was destroyed — and then the consistency checker
 *      lists it as lost, naming only destroyed holders;
 *  (c) no live node holds a hint;
 *  (d) membership views agree, and no live member believes another live member is down;
 *  (v) two different versions of a key never share a clock (the coordinator's promise);
 *  plus whatever the run itself reported (an invariant broken after some event, an
 *  exchange that did not finish).
 */
export function checkRepaired(run: ScheduleRun): RepairCheck {
  const { cluster } = run;
  const violations = [...run.problems];
  for (const x of sharedClocks(cluster)) violations.push(`(v) ${x.key} ${versionName(x.ids[0])} and ${versionName(x.ids[1])} share the clock ${x.clock}`);
  if (run.unconvergedKeys.length > 0) violations.push(`(a) anti-entropy still found ${run.unconvergedKeys.join(', ')} different after 6 rounds`);
  const live = new Set(liveMembers(cluster));
  for (const key of SCHEDULE_KEYS) {
    const replicas = cluster.preferenceListOf(key).nodes.filter((id) => live.has(id));
    const signatures = new Map(replicas.map((id) => [id, siblingSignature(cluster.node(id).store.get(key) ?? [])]));
    if (new Set(signatures.values()).size > 1) violations.push(`(a) replicas of ${key} disagree: ${[...signatures].map(([id, sig]) => `${id}: [${sig}]`).join('; ')}`);
  }
  const report = checkConsistency(cluster.trace);
  const destroyed = new Set([...cluster.nodes.values()].filter((n) => n.isDestroyed).map((n) => n.id));
  for (const w of report.vanishedWrites) violations.push(`(b) acknowledged put #${w.putOpId} (${w.key} ${versionName(w.versionId)}) vanished though ${w.holders.join(', ')} held it and not all were destroyed`);
  for (const w of report.lostWrites) {
    if (!w.holders.every((h) => destroyed.has(h))) violations.push(`(b) put #${w.putOpId} (${w.key} ${versionName(w.versionId)}) reported lost, but not all of ${w.holders.join(', ')} were destroyed`);
  }
  for (const id of live) {
    const hints = [...cluster.node(id).hints.values()];
    if (hints.length > 0) violations.push(`(c) ${id} still holds ${hints.length} hint(s): ${hints.map((h) => `${h.key} for ${h.intendedFor}`).join(', ')}`);
  }
  if (!viewsAgree(cluster.nodes.values())) violations.push('(d) membership views differ');
  for (const id of live) for (const peer of cluster.node(id).unreachable) if (live.has(peer)) violations.push(`(d) ${id} still believes live member ${peer} is down`);
  return { violations, gaps: [...unreadableWrites(cluster, report, live), ...staleViews(cluster, live)], lostWrites: report.lostWrites.length };
}

/** (v) Different versions of one key with one clock: replicas take either for the other. */
function sharedClocks(cluster: Cluster): { key: string; clock: string; ids: [number, number] }[] {
  const seen = new Map<string, number>();
  const out: { key: string; clock: string; ids: [number, number] }[] = [];
  const reported = new Set<string>();
  for (const e of cluster.trace) {
    // Every version a put made is in its op-end; a stored copy of one covers replays and hand-offs.
    const version = e.kind === 'version-stored' || e.kind === 'hint-stored' ? e.version : e.kind === 'op-end' && e.op === 'put' ? e.version : undefined;
    if (version === undefined || !('key' in e)) continue;
    const clock = formatClock(version.clock);
    const id = `${e.key} ${clock}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, version.id);
    else if (first !== version.id && !reported.has(id)) {
      reported.add(id);
      out.push({ key: e.key, clock, ids: [first, version.id] });
    }
  }
  return out;
}

/** Acknowledged writes no live replica of their key holds (or dominates), though not lost. */
function unreadableWrites(cluster: Cluster, report: ConsistencyReport, live: ReadonlySet<NodeId>): string[] {
  const out: string[] = [];
  const lost = new Set(report.lostWrites.map((w) => w.putOpId));
  for (const e of cluster.trace) {
    if (e.kind !== 'op-end' || e.op !== 'put' || !e.ok || !e.version || lost.has(e.opId)) continue;
    const acked = e.version;
    const replicas = cluster.preferenceListOf(e.key).nodes.filter((id) => live.has(id));
    const holds = replicas.some((id) => (cluster.node(id).store.get(e.key) ?? []).some((v) => descendsOrEqual(v.clock, acked.clock)));
    if (holds) continue;
    const strandedOn = [...cluster.nodes.values()].filter((n) => !n.isDestroyed && [...(n.store.get(e.key) ?? [])].some((v) => descendsOrEqual(v.clock, acked.clock))).map((n) => n.id);
    out.push(`acknowledged put #${e.opId} (${e.key} ${versionName(acked.id)} ${formatClock(acked.clock)}) is on none of its live replicas ${replicas.join(', ')}, only on ${strandedOn.join(', ') || 'no store'}`);
  }
  return out;
}

/** Live members' views that still list a removed node as joined (or miss a member). */
function staleViews(cluster: Cluster, live: ReadonlySet<NodeId>): string[] {
  const out: string[] = [];
  const members = new Set(cluster.ring.nodes.map((n) => n.id));
  for (const id of live) {
    const view = cluster.node(id).view;
    for (const m of members) if (view.get(m)?.status !== 'joined') out.push(`${id}'s view has member ${m} as ${view.get(m)?.status ?? 'unknown'}`);
    for (const [other, entry] of view) if (!members.has(other) && entry.status !== 'left') out.push(`${id}'s view has removed node ${other} as ${entry.status}`);
  }
  return out;
}

// ---- reporting ------------------------------------------------------------------------

/** The schedule in one line per action, for a failure report. */
export function formatSchedule(schedule: Schedule): string {
  return schedule.actions
    .map((a) => (a.kind === 'wait' ? `wait ${a.ms}` : a.kind === 'put' ? `put ${a.key}=${a.value}${a.via ? ` via ${a.via}` : ''}${a.withContext ? ' (last context)' : ''}` : JSON.stringify(a.input)))
    .join(', ');
}

/** The last `count` trace events as the event log reads them. */
export function traceTail(cluster: Cluster, count = 30): string {
  return cluster.trace
    .slice(-count)
    .map(line)
    .join('\n');
}

/** Everything needed to look at a failing seed: the problems, the replay command, the schedule and the trace tail. */
export function failureReport(run: ScheduleRun, problems: readonly string[], replay: string): string {
  const { schedule, cluster } = run;
  const key = SCHEDULE_KEYS.find((k) => problems.some((p) => p.includes(` ${k} `) || p.includes(`(${k} `)));
  const about = key === undefined ? [] : cluster.trace.filter((e) => 'key' in e && e.key === key).slice(-30);
  return [
    `seed ${schedule.seed}: ${problems.length} problem(s)`,
    ...problems.slice(0, 20).map((p) => `  - ${p}`),
    `replay: ${replay}`,
    `schedule (${schedule.config.nodes.length} nodes, strategy ${schedule.config.strategy}, ${schedule.config.ringSize ? 'teaching ring' : 'MD5 ring'}):`,
    formatSchedule(schedule),
    'last 30 trace events:',
    traceTail(cluster),
    ...(about.length > 0 ? [`last ${about.length} trace events about ${key}:`, ...about.map(line)] : []),
  ].join('\n');
}

function line(e: Cluster['trace'][number]): string {
  return `#${e.seq} ${e.atMs.toFixed(2)} ms ${e.node ?? '-'}: ${describeEvent(e)}`;
}
