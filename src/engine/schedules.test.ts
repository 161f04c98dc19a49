/**
 * The seed sweep of DESIGN §8 over faults as data: for each seed, a random schedule of
 * fail, recover, partition, heal, destroy, join, leave, slow and cut links mixed with puts and gets
 * (testing/random-schedule.ts), every named invariant checked after every event, then the
 * operator's repair — heal, recover, remove the destroyed nodes, hand hints off,
 * anti-entropy until nothing differs, gossip until views agree — and the property:
 * replicas agree, no acknowledged write vanished (a write is lost only with every node that
 * held it, and the checker says so), no hint is left, views agree, and one seed gives one
 * trace.
 *
 * SCHEDULE_SEEDS=<n> sweeps seeds 1..n (default 500; `npm run soak` sweeps 20,000).
 * SCHEDULE_SEED=<s> replays one seed and prints its report. A failure prints the seed, the
 * schedule, the last 30 trace events and the command that replays it.
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants, setStored } from './index';
import { randomSchedule, runSchedule, scheduleConfig, type ScheduleRun } from './testing/random-schedule';
import { checkRepaired, failureReport } from './testing/repair-check';

const SEED_COUNT = Number(process.env.SCHEDULE_SEEDS ?? 500);
const ONLY_SEED = process.env.SCHEDULE_SEED === undefined ? undefined : Number(process.env.SCHEDULE_SEED);
const SEEDS = ONLY_SEED !== undefined ? [ONLY_SEED] : Array.from({ length: SEED_COUNT }, (_, i) => i + 1);
/** Determinism is checked on every DETERMINISM_EVERY-th seed here (a second full run each), on every seed in the soak. */
const DETERMINISM_EVERY = ONLY_SEED !== undefined ? 1 : 5;

/** The sweep takes about 3.5 s on an idle machine; a loaded CI box must not turn that into a timeout. */
const SLOW = { timeout: 120_000 };

const replayCommand = (seed: number) => `SCHEDULE_SEED=${seed} npx vitest run src/engine/schedules.test.ts   (or: npm run soak -- --seed ${seed})`;

interface SweepResult {
  readonly failures: string[];
  /** Seeds where a stronger expectation the engine does not always meet yet failed (see RepairCheck.gaps). */
  readonly gapSeeds: number[];
  /** How many seeds exercised each trace event kind: a sweep that never hands a hint off proves little. */
  readonly coverage: Map<string, number>;
}

let sweep: SweepResult | undefined;

/** Runs every seed once (the tests below share the result). */
function sweepSeeds(): SweepResult {
  if (sweep) return sweep;
  const failures: string[] = [];
  const gapSeeds: number[] = [];
  const coverage = new Map<string, number>();
  for (const seed of SEEDS) {
    let run: ScheduleRun;
    try {
      run = runSchedule(randomSchedule(seed));
    } catch (e) {
      failures.push(`seed ${seed}: the run threw ${(e as Error).stack}\nreplay: ${replayCommand(seed)}`);
      continue;
    }
    const { violations, gaps, lostWrites } = checkRepaired(run);
    if (lostWrites > 0) coverage.set('lost-write', (coverage.get('lost-write') ?? 0) + 1);
    // The stronger expectations (every acknowledged write readable on its replicas, every
    // removed node known as left) are met since the fixes they pinned: asserted like the rest.
    const problems = [...violations, ...gaps];
    if (problems.length > 0) failures.push(failureReport(run, problems, replayCommand(seed)));
    if (gaps.length > 0) gapSeeds.push(seed);
    if (ONLY_SEED !== undefined) console.log(failureReport(run, problems, replayCommand(seed)));
    for (const kind of new Set(run.cluster.trace.map((e) => e.kind))) coverage.set(kind, (coverage.get(kind) ?? 0) + 1);
    if (run.cluster.trace.some((e) => e.kind === 'ae-done' && e.differingKeys.length > 0)) coverage.set('ae-repaired', (coverage.get('ae-repaired') ?? 0) + 1);
  }
  sweep = { failures, gapSeeds, coverage };
  return sweep;
}

describe('random schedules (faults as data)', () => {
  it('are data drawn from the seed: one seed, one schedule; every input kind occurs, always valid for the cluster', () => {
    expect(JSON.stringify(randomSchedule(7))).toBe(JSON.stringify(randomSchedule(7)));
    expect(JSON.stringify(randomSchedule(7))).not.toBe(JSON.stringify(randomSchedule(8)));
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 100; seed++) {
      const schedule = randomSchedule(seed);
      expect(schedule.config).toEqual(scheduleConfig(seed));
      expect(schedule.config).toMatchObject({ n: 3, r: 2, w: 2, requestTimeoutMs: 300, replicaTimeoutMs: 50, hintRetryMs: 100, gossipIntervalMs: 200, antiEntropyIntervalMs: 0 });
      expect(schedule.config.nodes.length).toBeGreaterThanOrEqual(5);
      for (const a of schedule.actions) kinds.add(a.kind === 'input' ? a.input.type : a.kind);
    }
    expect([...kinds].sort()).toEqual(['addNode', 'cutLink', 'destroy', 'fail', 'get', 'heal', 'partition', 'put', 'recover', 'removeNode', 'slowLink', 'wait']);
  });
});

describe(`after heal, recovery, hand-off, anti-entropy and gossip (${SEEDS.length === 1 ? `seed ${SEEDS[0]}` : `${SEEDS.length} seeds`})`, () => {
  it('every invariant holds after every event; replicas agree; no acknowledged write vanished; no hint is left; views agree', SLOW, () => {
    const { failures, gapSeeds } = sweepSeeds();
    if (gapSeeds.length > 0) console.warn(`the stronger expectations fail at seeds ${gapSeeds.join(', ')}; replay one with ${replayCommand(gapSeeds[0]!)}`);
    // Every failing seed's first lines go to the log; the assertion carries the first one's full report.
    if (failures.length > 1) console.error(`${failures.length} failing seeds:\n${failures.map((f) => f.split('\n').slice(0, 4).join('\n')).join('\n')}`);
    expect(failures[0], `${failures.length} of ${SEEDS.length} seeds fail the repair property`).toBeUndefined();
  });

  it.runIf(ONLY_SEED === undefined)('the sweep exercises what it claims to: hints handed off, anti-entropy repairs, lost writes, joins and leaves', SLOW, () => {
    const { coverage } = sweepSeeds();
    const share = (kind: string) => (coverage.get(kind) ?? 0) / SEEDS.length;
    // Shares observed at 500 seeds, with margin: the sweep must keep reaching each mechanism.
    expect(share('hint-delivered')).toBeGreaterThan(0.3);
    expect(share('sloppy-target')).toBeGreaterThan(0.3);
    expect(share('read-repair')).toBeGreaterThan(0.1);
    expect(share('ae-repaired')).toBeGreaterThan(0.3);
    expect(share('node-destroyed')).toBeGreaterThan(0.1);
    // Writes lost with every disk that held them are rare (about 1% of seeds, mostly "disaster" seeds).
    if (SEEDS.length >= 500) expect(share('lost-write')).toBeGreaterThan(0);
    expect(share('node-added')).toBeGreaterThan(0.3);
    expect(share('keys-released')).toBeGreaterThan(0.2);
    expect(share('view-changed')).toBeGreaterThan(0.3);
  });

  it(`two runs of one seed give one trace (every ${DETERMINISM_EVERY === 1 ? '' : `${DETERMINISM_EVERY}th `}seed)`, SLOW, () => {
    for (const seed of SEEDS.filter((s) => s % DETERMINISM_EVERY === 0 || ONLY_SEED !== undefined)) {
      const first = runSchedule(randomSchedule(seed), { checkEveryStep: false });
      const second = runSchedule(randomSchedule(seed), { checkEveryStep: false });
      const same = JSON.stringify(first.cluster.trace) === JSON.stringify(second.cluster.trace);
      expect(same, `seed ${seed}: two runs differ; replay: ${replayCommand(seed)}`).toBe(true);
    }
  });

  it('the checker catches a broken invariant mid-run and names it (the sweep is not blind)', () => {
    const run = runSchedule(randomSchedule(3), {
      onStage: (stage, cluster) => {
        if (stage !== 'restored') return;
        const node = [...cluster.nodes.values()].find((n) => n.isMember && n.store.size > 0)!;
        const [key, siblings] = [...node.store][0]!;
        const v = siblings[0]!;
        setStored(node, key, [v, { ...v, id: v.id + 1000 }]); // two versions with one clock: not siblings
        expect(checkInvariants(cluster).map((x) => x.invariant)).toContain('sibling-set');
      },
    });
    expect(run.problems.some((p) => p.includes('sibling-set'))).toBe(true);
  });
});
