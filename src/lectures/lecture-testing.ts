import { keysWithVersions, versionHistory, type EventOf, type HistoryVersion, type TraceEvent, type VersionHistory } from '../engine/index';
import { loadLecture, type Lecture } from './index';
import { runLecture, type PartRun } from './run';

/** A lecture small enough to read whole, for the tests of what runs and checks lectures (npm run lecture, the page's checks of a lecturer's file). */
export const TINY_LECTURE = {
  version: 1,
  id: 'tiny',
  title: 'A tiny lecture',
  lecture: '000',
  summary: 'Two nodes, one write.',
  seed: 1,
  config: { n: 2, r: 1, w: 1, ringSize: 100, latency: { kind: 'fixed', ms: 10 }, nodes: [{ id: 'a', tokens: [10] }, { id: 'b', tokens: [60] }] },
  steps: [
    { op: 'note', narration: 'Two nodes, a and b, both hold every key.' },
    { op: 'put', key: 'k', value: ['x'], via: 'a', narration: 'a writes D1 ([a,1]).', question: { prompt: 'Does b get a copy?', choices: ['Yes', 'No'], answer: 'Yes: N=2.' }, expect: { ok: true, clock: { a: 1 } } },
    { op: 'settle' },
    { op: 'inspect', node: 'b', expect: { data: { k: [{ value: ['x'] }] } } },
  ],
};

/** Each built-in lecture run once, shared by the tests that ask about it. */
const runs = new Map<string, { lecture: Lecture; parts: PartRun[] }>();
export function run(id: string): { lecture: Lecture; parts: PartRun[] } {
  if (!runs.has(id)) {
    const lecture = loadLecture(id);
    runs.set(id, { lecture, parts: runLecture(lecture) });
  }
  return runs.get(id)!;
}

/** The histories of every key at the end of step `i` of part `p`. */
export function historiesAt(partRun: PartRun, i: number): VersionHistory[] {
  return keysWithVersions(partRun.trace).map((key) => versionHistory(partRun.trace, key, { atSeq: partRun.stepEndSeq[i]! }));
}

export const versionIn = (h: VersionHistory, name: string): HistoryVersion | undefined => h.versions.find((v) => v.name === name);
export type Result = Record<string, unknown>;
export const stepsOf = (partRun: PartRun, op: string): Result[] => partRun.output.steps.filter((s) => s.op === op);
export const clocksOf = (partRun: PartRun): Record<string, number>[] => stepsOf(partRun, 'put').map((p) => p.clock as Record<string, number>);
export const ofKind = <K extends TraceEvent['kind']>(trace: readonly TraceEvent[], kind: K): EventOf<K>[] => trace.filter((e): e is EventOf<K> => e.kind === kind);
export const storedAt = (h: VersionHistory): Record<string, string[]> => Object.fromEntries(h.holdings.filter((x) => x.stored.length > 0).map((x) => [x.node, x.stored.map((id) => `D${id}`)]));
