/**
 * `npm run lecture -- <lecture.json | id | -> [--json] [--strict] [--trace]`: checks a guided lecture headless (`-`: from standard input).
 *
 * Validates the file (one line naming the step and field if it is wrong, exit 2), runs
 * each part with the scenario runner, and prints every step with its narration, its
 * question and answer, and what happened, then the expectations. Exit 1 if an `expect`
 * failed, or with `--strict` also if the narration claims what the run does not bear out
 * (a warning otherwise). With `--json`, prints each part's runner output instead of the text;
 * with `--trace`, lists under each step the events it made, in the log's words.
 */
import { correctChoice, parseLectureText, type Lecture, type Question } from '../src/lectures/format';
import { parseJsonText } from '../src/scenario/json-text';
import { describeFailure, type ExpectationFailure } from '../src/scenario/expect';
import { runLecture, expectationFailures, type PartRun } from '../src/lectures/run';
import { narrationWarnings } from '../src/lectures/narration-checks';
import { ScenarioError } from '../src/scenario/validate';
import { didYouMean } from '../src/scenario/problems';
import type { Step } from '../src/scenario/schema';
import type { ScenarioOutput, StepResult } from '../src/scenario/runner';
import { describe as describeEvent, keyName, oneLine, type TraceEvent } from '../src/engine/index';
import { internalError, isDebug, type CliResult } from './run-cli';
import { describeReadError, jsonDocument, pathProblem, splitArgs, textDocument, textOf, tooLargeMessage, type ReadFile } from './input';

export type { CliResult };

const USAGE = 'usage: npm run lecture -- <lecture.json | built-in id | -> [--json] [--strict] [--trace]\n';

/** What `--help` prints: the usage line, what the command does, and the built-in lectures' ids. */
function help(library: Library): string {
  return `${USAGE}
Checks a guided lecture headless: runs each part on the engine and prints every step with
its narration, its question and answer, and what happened, then the expect checks. The
narration is checked against the run (a clock it quotes, a relation it states); for your
own file that is a warning, unless --strict.

  -            read the lecture from standard input
  --json       each part's output as npm run sim prints it (use npm run -s)
  --strict     narration warnings fail too (exit 1), for a CI job
  --trace      under each step, the events it made, as the page's log words them
  -h, --help   this text

Exit codes: 0 ran, every expect met; 1 ran, some expect failed; 2 the file cannot run,
nothing printed (one line names the place and the problem); 3 an internal error.

Built-in lectures, by id:
${wrapped(builtInIds(library.files), '  ')}

The format and the checks: docs/lecture-format.md
`;
}

/** The built-in lecture files' names (`<lecture number>-<id>.json`), for a lecture given by id. */
export interface Library {
  /** The file names in the library directory. */
  readonly files: readonly string[];
  /** The text of one of those files. */
  readonly read: (file: string) => string;
}

/** Words joined by ", " on lines of at most 90 characters, each line indented. */
function wrapped(words: readonly string[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line}, ${word}`;
    if (line !== '' && indent.length + next.length > 90) {
      lines.push(`${indent}${line},`);
      line = word;
    } else line = next;
  }
  return [...lines, `${indent}${line}`].join('\n');
}

/** The built-in lecture whose id is exactly `id` (its file is `<number>-<id>.json`), or undefined. */
export function builtInFile(id: string, files: readonly string[]): string | undefined {
  return files.find((f) => /^\d{3}-/.test(f) && f.endsWith('.json') && f.slice(4, -'.json'.length) === id);
}

/** Every built-in lecture id, in the library's order. */
export function builtInIds(files: readonly string[]): string[] {
  return files.filter((f) => /^\d{3}-.+\.json$/.test(f)).map((f) => f.slice(4, -'.json'.length));
}

/**
 * `library` holds the built-in lectures, which are looked up by exact id before files.
 * `readFile` gives a file's bytes (decoded here as UTF-8, or refused) or, in tests, its text.
 */
export function runLectureCli(args: readonly string[], readFile: ReadFile, library: Library = { files: [], read: () => '' }): CliResult {
  try {
    return run(args, readFile, library);
  } catch (e) {
    if (isDebug()) throw e;
    return internalError(e);
  }
}

function run(args: readonly string[], readFile: ReadFile, library: Library): CliResult {
  const { flags, paths } = splitArgs(args);
  const unknown = flags.filter((f) => f !== '--json' && f !== '--strict' && f !== '--trace' && f !== '--help' && f !== '-h');
  if (flags.includes('--help') || flags.includes('-h')) return { code: 0, stdout: help(library), stderr: '' };
  if (unknown.length > 0) return fail(`unknown option ${unknown[0]}\n${USAGE}`);
  const problem = pathProblem(paths);
  if (problem !== null) return fail(`${problem}\n${USAGE}`);
  const path = paths[0]!;
  // Messages name what was read: a file by its path, `-` as "standard input", as npm run sim names them.
  const name = path === '-' ? 'standard input' : path;
  const file = builtInFile(path, library.files);
  let raw: string | Uint8Array;
  try {
    raw = file !== undefined ? library.read(file) : readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const looksLikeId = !path.includes('/') && !path.includes('\\') && !path.endsWith('.json') && path !== '-';
    // A misspelt id is offered the closest, as a misspelt field or op is.
    if (code === 'ENOENT' && looksLikeId) return fail(`${path}: no built-in lecture has this id${didYouMean(path, builtInIds(library.files))}, and no file has this name (built-in ids: ${builtInIds(library.files).join(', ')})\n`);
    return fail(`${name}: ${describeReadError(e)}\n`);
  }
  const read = textOf(raw);
  if (!read.ok) return fail(`${name}: ${read.error}\n`);
  const { text } = read;
  const scenario = scenarioKind(text);
  if (scenario !== null) return fail(`${name}: this is ${scenario}, not a guided lecture (a lecture has "id", "lecture" and "summary" besides its steps); run it with npm run sim -- ${path}\n`);
  const parsed = parseLectureText(text);
  if (!parsed.ok) return fail(`${name}: ${parsed.error.message}\n`);
  let runs: PartRun[];
  try {
    runs = runLecture(parsed.lecture);
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`${name}: ${e.message}\n`);
    throw e;
  }
  const outputs = runs.map((r) => r.output);
  const failures = expectationFailures(parsed.lecture, outputs);
  // What the narration claims and the run does not bear out: the page would project it as written. Said, not failed.
  const warnings = narrationWarnings(parsed.lecture, runs);
  // --strict: a CI job fails a lecture whose slides quote a clock the run does not make, as it fails a wrong expect.
  const isStrict = flags.includes('--strict');
  const isJson = flags.includes('--json');
  // --trace lists events in the text only: --json prints the runner's output, which has no trace.
  const withTrace = flags.includes('--trace') && !isJson;
  const stdout = isJson ? jsonDocument(outputs) : textDocument(() => render(parsed.lecture, outputs, { count: warnings.length, isStrict }, withTrace ? runs : null));
  if (stdout === undefined) return fail(tooLargeMessage(name, withTrace, isJson));
  const code = failures.length > 0 || (isStrict && warnings.length > 0) ? 1 : 0;
  return { code, stdout, stderr: [...failures, ...warnings.map((w) => `${isStrict ? 'error' : 'warning'}: ${w}`)].map((f) => `${name}: ${f}\n`).join('') };
}

/**
 * A scenario or a saved session handed to the lecture checker (the examples are named
 * `lecture-….json`): what it is, in words, or null. Anything else is left to the
 * lecture's own validation, which names the field.
 */
function scenarioKind(text: string): string | null {
  const json = parseJsonText(text);
  if (!json.ok || typeof json.data !== 'object' || json.data === null || Array.isArray(json.data)) return null;
  const data = json.data;
  if (['id', 'lecture', 'summary', 'parts'].some((f) => f in data)) return null;
  if ('steps' in data) return 'a scenario';
  if ('actions' in data) return 'a saved session';
  return null;
}

/**
 * `runs`, with --trace: each step's events are listed under it, what a lecturer checks a narration against.
 * `warnings`: how many narration claims failed, and whether --strict made them errors (standard error says "error:" then).
 */
function render(lecture: Lecture, outputs: readonly ScenarioOutput[], warnings: { readonly count: number; readonly isStrict: boolean }, runs: readonly PartRun[] | null): string {
  const lines = [oneLine(`${lecture.title} (lecture ${lecture.lecture.join(', ')})`), wrap(oneLine(lecture.summary), '  ')];
  lecture.parts.forEach((part, p) => {
    if (lecture.parts.length > 1) {
      lines.push('', oneLine(`Part ${p + 1} of ${lecture.parts.length}${part.title !== undefined ? `: ${part.title}` : ''}`));
      if (part.summary) lines.push(wrap(oneLine(part.summary), '  '));
    }
    lines.push('');
    part.scenario.steps.forEach((step, i) => {
      const result = outputs[p]!.steps[i]!;
      const guide = part.guide[i]!;
      const isNarrationOnly = step.op === 'note' && step.text === guide.narration;
      lines.push(oneLine(`${String(i + 1).padStart(3)}. [${result.atMs} ms] ${isNarrationOnly ? 'note' : describeStep(step)}${outcome(result)}`));
      if (guide.narration) lines.push(wrap(oneLine(guide.narration), '       '));
      if (guide.question) for (const line of questionLines(guide.question)) lines.push(line);
      // One by one, not spread: a long wait's 170,000 events overflow the stack as arguments.
      if (runs) for (const e of stepEvents(runs[p]!, i)) lines.push(oneLine(`       ${`${e.atMs} ms`.padStart(11)}  ${describeEvent(e)}`));
      // Marked where it happened: the listing counts from 1, a failure's path from 0 (steps[5] is 6.).
      for (const f of failuresAt(outputs[p]!, i)) lines.push(oneLine(`       ✗ ${lecture.parts.length > 1 ? `parts[${p}].` : ''}${describeFailure(f)}`));
    });
  });
  const checked = outputs.reduce((n, o) => n + (o.expectations?.checked ?? 0), 0);
  const failed = expectationFailures(lecture, outputs);
  lines.push('', `expectations: ${checked} checked, ${failed.length} failed`);
  for (const f of failed) lines.push(oneLine(`  ${f}`));
  const { count } = warnings;
  if (count > 0) lines.push(`narration: ${count} ${count === 1 ? 'claim' : 'claims'} the run does not bear out (${warnings.isStrict ? 'errors' : 'warnings'} on standard error)`);
  return `${lines.join('\n')}\n`;
}

/** The events step `i` of a part made: those after the step before's last, up to its own. */
function stepEvents(run: PartRun, i: number): readonly TraceEvent[] {
  const after = i === 0 ? -1 : run.stepEndSeq[i - 1]!;
  const upTo = run.stepEndSeq[i]!;
  return run.trace.filter((e) => e.seq > after && e.seq <= upTo);
}

/** The step's expectations that failed (their paths start `steps[i]`). */
function failuresAt(output: ScenarioOutput, i: number): ExpectationFailure[] {
  const prefix = `steps[${i}]`;
  return (output.expectations?.failed ?? []).filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`));
}

function questionLines(q: Question): string[] {
  // The choice the player will mark right carries ✓, so a lecturer sees it before the class does.
  const right = correctChoice(q);
  return [oneLine(`       Q: ${q.prompt}${q.choices ? ` (${q.choices.map((c, i) => (i === right ? `${c} ✓` : c)).join(' / ')})` : ''}`), wrap(oneLine(`A: ${q.answer}`), '       ')];
}

function describeStep(step: Step): string {
  switch (step.op) {
    case 'put':
      return `put ${keyName(step.key)} = ${JSON.stringify(step.value)}${step.via ? ` via ${step.via}` : ''}${step.contextFrom ? ` with the context of ${step.contextFrom}` : ''}`;
    case 'get':
      return `get ${keyName(step.key)}${step.via ? ` via ${step.via}` : ''}${step.id ? ` (${step.id})` : ''}`;
    case 'note':
      return `note: ${step.text}`;
    case 'preferenceList':
      return `preference list of ${keyName(step.key)}${step.n !== undefined ? ` (top ${step.n})` : ''}`;
    default: {
      const { op, expect: _expect, ...fields } = step;
      const rest = Object.values(fields).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      return [op, ...rest].join(' ');
    }
  }
}

/** What the step's result says, in a few words. */
function outcome(r: StepResult): string {
  if (r.ok === false) {
    // A put that missed W may be stored all the same: what was written, and where, is the lesson.
    const written = r.op === 'put' && r.version !== undefined ? ` (${String(r.version)} ${clock(r.clock)} written by ${String(r.coordinator)}, acks ${(r.acks as string[]).join(', ') || 'none'})` : '';
    return ` → failed: ${String(r.error ?? 'no answer')}${written}`;
  }
  switch (r.op) {
    case 'put':
      return ` → ${String(r.version)} ${clock(r.clock)} by ${String(r.coordinator)}, acks ${(r.acks as string[]).join(', ')}, ${String(r.latencyMs)} ms`;
    case 'get': {
      const versions = r.versions as { version: string; value: unknown; clock: Record<string, number> }[];
      return ` → ${versions.length === 0 ? 'nothing stored' : versions.map((v) => `${v.version} ${clock(v.clock)} ${JSON.stringify(v.value)}`).join('; ')}, ${String(r.latencyMs)} ms`;
    }
    case 'preferenceList':
      return ` → ${(r.nodes as string[]).join(', ')}${(r.fallbacks as string[]).length > 0 ? ` (then ${(r.fallbacks as string[]).join(', ')})` : ''}`;
    case 'ownership':
      return ` → ${Object.entries(r.nodes as Record<string, { primaryShare: number }>).map(([id, l]) => `${id} ${(l.primaryShare * 100).toFixed(1)}%`).join(', ')}`;
    case 'addNode':
    case 'removeNode': {
      type Moved = { from: string; to: string; range: number[] }[];
      const list = (moved: Moved) => moved.map((t) => `${t.from}→${t.to} (${t.range.join(', ')}]`).join('; ');
      const parts = [list(r.transfers as Moved), r.repairs ? `by anti-entropy, the old holder being destroyed: ${list(r.repairs as Moved)}` : ''].filter(Boolean);
      return ` → ${parts.join('; ') || 'nothing moves'}`;
    }
    case 'antiEntropy':
      return ` → differing keys: ${(r.differingKeys as string[]).map(keyName).join(', ') || 'none'}; ${String(r.hashesCompared)} hash${r.hashesCompared === 1 ? '' : 'es'} compared`;
    case 'inspect':
      return ` → ${holdingLine(r)}`;
    default:
      return '';
  }
}

function holdingLine(r: StepResult): string {
  const data = r.data as Record<string, { version: string; value: unknown }[]>;
  const hints = r.hints as { key: string; intendedFor: string; versions: { version: string }[] }[];
  const own = Object.entries(data).map(([key, vs]) => `${keyName(key)}: ${vs.map((v) => `${v.version} ${JSON.stringify(v.value)}`).join(', ')}`);
  const hinted = hints.map((h) => `hint for ${h.intendedFor}: ${keyName(h.key)} ${h.versions.map((v) => v.version).join(', ')}`);
  return [...own, ...hinted].join('; ') || 'holds nothing';
}

/** The lectures' notation for a clock printed as node → counter. */
function clock(c: unknown): string {
  const entries = Object.entries((c ?? {}) as Record<string, number>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `(${entries.map(([node, counter]) => `[${node},${counter}]`).join(',')})`;
}

function wrap(text: string, indent: string, width = 92): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

function fail(message: string): CliResult {
  return { code: 2, stdout: '', stderr: message };
}
