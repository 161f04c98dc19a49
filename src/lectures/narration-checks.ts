/**
 * What a lecture's narration, questions and answers claim, checked against its run: the clocks they
 * quote ("D2 ([node1,1],[node2,1])"), the ancestor rule ("every counter of D1 ≤ the matching
 * counter of D2") and the concurrency sentence ("…: they are concurrent", with or without
 * ", so the client must reconcile"), each "Can node2 save only D2?" answer, and how long a narration runs. The
 * built-in lectures are held to none (lectures.test.ts); `npm run lecture` prints them as
 * warnings for a lecturer's own file, which the page would otherwise project as written.
 */
import { compareClocks, explainRelation, formatClock, keysWithVersions, versionHistory, versionName, type HistoryVersion, type VersionHistory } from '../engine/index';
import { correctChoice, type Lecture, type Question } from './format';
import type { PartRun } from './run';

/** Sentences a narration may have before it is too long for a projector's back row. */
export const MAX_SENTENCES = 4;

/** Every claim that the run does not bear out, as `steps[4].narration: …` (with `parts[p].` in a lecture of parts). */
export function narrationWarnings(lecture: Lecture, runs: readonly PartRun[]): string[] {
  return lecture.parts.flatMap((part, p) => {
    const run = runs[p]!;
    const prefix = lecture.parts.length > 1 ? `parts[${p}].` : '';
    // A version's clock never changes once made, so the whole run is the reference (an answer may name the next step's version).
    const histories = keysWithVersions(run.trace).map((key) => versionHistory(run.trace, key));
    return part.guide.flatMap((g, i) => {
      const texts: [string, string | undefined][] = [
        [`steps[${i}].narration`, g.narration],
        [`steps[${i}].question.prompt`, g.question?.prompt],
        [`steps[${i}].question.answer`, g.question?.answer],
      ];
      const claims = texts.flatMap(([path, text]) => (text === undefined ? [] : textProblems(text, histories).map((w) => `${prefix}${path}: ${w}`)));
      const sentences = g.narration?.split(/(?<=[.!?])\s/).length ?? 0;
      const long = sentences > MAX_SENTENCES ? [`${prefix}steps[${i}].narration: has ${sentences} sentences; a projector's back row reads about ${MAX_SENTENCES} (split the step, or move detail into the answer)`] : [];
      const saves = g.question ? saveAnswerProblem(g.question.prompt, g.question.answer, run, i) : null;
      const marked = g.question ? markedChoiceProblem(g.question) : null;
      return [...claims, ...long, ...[saves, marked].flatMap((w) => (w ? [`${prefix}steps[${i}].question.answer: ${w}`] : []))];
    });
  });
}

/**
 * An answer that starts with a choice run on into its sentence ("A hint goes with it, to E",
 * choices A, D, E) while naming another choice later: the player marks "A" right, as the
 * format says, but the lecturer meant E, and the class that voted E is told it was wrong. A
 * choice set off by punctuation ("E: a hint…", as every built-in answer is) is not asked about.
 */
function markedChoiceProblem(question: Question): string | null {
  const marked = correctChoice(question);
  if (marked === undefined) return null;
  const choice = question.choices![marked]!;
  const rest = question.answer.slice(choice.length);
  if (!/^\s/u.test(rest)) return null;
  const other = question.choices!.find((c, i) => i !== marked && new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(c)}(?![\\p{L}\\p{N}_])`, 'u').test(rest));
  return other === undefined ? null : `marks ${JSON.stringify(choice)} right, the choice it starts with, yet names ${JSON.stringify(other)} after it: if ${JSON.stringify(other)} is right, start with ${JSON.stringify(`${other}: …`)}; if ${JSON.stringify(choice)} is, write ${JSON.stringify(`${choice}: …`)}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const versionIn = (h: VersionHistory, name: string): HistoryVersion | undefined => h.versions.find((v) => v.name === name);

function textProblems(text: string, histories: readonly VersionHistory[]): string[] {
  const problems: string[] = [];
  for (const [, name, quoted] of text.matchAll(/\b(D\d+) (\(\[[^)]*\]\)|\[[^\]]+\])/g)) {
    const clock = quoted!.startsWith('(') ? quoted! : `(${quoted})`;
    const made = histories.map((h) => versionIn(h, name!)).filter((v) => v !== undefined).map((v) => formatClock(v.clock));
    if (made.includes(clock)) continue;
    problems.push(made.length === 0 ? `quotes ${name} ${clock}, but the run made no version ${name}` : `quotes ${name} ${clock}, but the run made ${made.map((c) => `${name} ${c}`).join(' and ')}`);
  }
  for (const [, older, newer] of text.matchAll(/every counter of (D\d+) ≤ the matching counter of (D\d+)/gi)) {
    const holds = histories.some((h) => versionIn(h, older!) && versionIn(h, newer!) && compareClocks(versionIn(h, older!)!.clock, versionIn(h, newer!)!.clock) === 'descended-by');
    if (!holds) problems.push(`says every counter of ${older} ≤ the matching counter of ${newer}, but in the run ${newer} does not descend from ${older}`);
  }
  // With or without its ending: "…: they are concurrent." says as much as the whole sentence, and is held to the same words.
  for (const [sentence, a, b, ending] of text.matchAll(/(D\d+) has \[[^\]]+\] where (D\d+) has [^:]+: they are concurrent(, so the client must reconcile)?/g)) {
    const pair = histories.map((h) => [versionIn(h, a!), versionIn(h, b!)] as const).find(([x, y]) => x && y);
    const whole = pair ? explainRelation(pair[0]!, pair[1]!).text : null;
    const said = whole === null || ending !== undefined ? whole : shortConcurrent(whole);
    if (said !== sentence) problems.push(said === null ? `says ${a} and ${b} are concurrent, but the run made no such pair` : `says "${sentence}", but the run says "${said}"`);
  }
  return problems;
}

/** `explainRelation`'s concurrency sentence up to "they are concurrent", as a narration may end it; anything else as it is. */
function shortConcurrent(said: string): string {
  const end = said.indexOf(': they are concurrent');
  return end < 0 ? said : said.slice(0, end + ': they are concurrent'.length);
}

/** "Can node2 save only D2?" is answered Yes exactly when node2 holds that version alone after the step. */
function saveAnswerProblem(prompt: string, answer: string, run: PartRun, step: number): string | null {
  const match = prompt.match(/^Can (\S+) save only (D\d+)(?: or only (D\d+))?\?/);
  if (!match) return null;
  const [, node, first, second] = match;
  if (!(node! in run.output.final.nodes)) return `asks about ${node}, but the run has no node ${node}`;
  const held = keysWithVersions(run.trace)
    .map((key) => versionHistory(run.trace, key, { atSeq: run.stepEndSeq[step]! }))
    .flatMap((h) => h.holdings.filter((x) => x.node === node).flatMap((x) => x.stored.map(versionName)));
  const isYes = held.length === 1 && (held[0] === first || (second !== undefined && held[0] === second));
  if (answer.startsWith(isYes ? 'Yes' : 'No')) return null;
  // "alone" is the point of the question: a node that keeps one version can save only it.
  const holds = held.length === 0 ? 'nothing' : held.length === 1 ? `${held[0]} alone` : held.join(' and ');
  return `answers "${answer.split(/[:.]/)[0]}", but after this step ${node} holds ${holds}`;
}
