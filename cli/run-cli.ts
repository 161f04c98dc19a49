/**
 * The runner's logic, apart from the process, so tests can call it directly.
 */
import { isSavedSession, parseScenario, ScenarioError } from '../src/scenario/validate';
import { parseJsonText } from '../src/scenario/json-text';
import { runScenario } from '../src/scenario/runner';
import { describeFailure } from '../src/scenario/expect';
import { restoreSession } from '../src/share/restore';
import { replaySession } from '../src/share/run-session';
import { cursorPastEndProblem } from './session-cursor';
import { lectureFields } from '../src/lectures/format';
import { describeReadError, jsonDocument, pathProblem, splitArgs, textOf, tooLargeMessage, type ReadFile } from './input';

export interface CliResult {
  /** 0 ok, 1 an `expect` failed, 2 bad input or usage (or output too large to print), 3 an internal error (a bug to report). */
  readonly code: 0 | 1 | 2 | 3;
  readonly stdout: string;
  readonly stderr: string;
}

const USAGE = 'usage: npm run sim -- <scenario.json | session.json | -> [--trace]\n';

/** What `--help` prints: the usage line, then what a lecturer needs to use the command without opening the docs. */
const HELP = `${USAGE}
Runs a scenario, or a session saved from the page (File ▸ Save scenario), on the engine and
prints one JSON document on standard output: each step's result, the cluster at the end,
what the clients got (consistency) and how replicas caught up (repairs). Use npm run -s so
npm's own banner does not come before the JSON.

  -            read the file from standard input
  --trace      add every event of the run, each with a line in plain language
  -h, --help   this text

Exit codes: 0 ran, every expect met; 1 ran, some expect failed (one line each on standard
error); 2 the file cannot run, nothing printed (one line names the file, the place and the
problem); 3 an internal error, a bug to report (DYNAMOSCOPE_DEBUG=1 shows its stack).

  npm run -s sim -- examples/lecture-000-shopping-cart.json
  npm run -s sim -- my-class.json --trace

The format, every op, every field of the output: docs/scenario-format.md
`;

/** Set to show an internal error's stack trace instead of its one line. */
export const DEBUG_ENV = 'DYNAMOSCOPE_DEBUG';

/** `readFile` gives a file's bytes (decoded here as UTF-8, or refused) or, in tests, its text. */
export function runCli(args: readonly string[], readFile: ReadFile): CliResult {
  try {
    return run(args, readFile);
  } catch (e) {
    if (isDebug()) throw e;
    return internalError(e);
  }
}

function run(args: readonly string[], readFile: ReadFile): CliResult {
  const { flags, paths } = splitArgs(args);
  const unknown = flags.filter((f) => f !== '--trace' && f !== '--help' && f !== '-h');
  if (flags.includes('--help') || flags.includes('-h')) return { code: 0, stdout: HELP, stderr: '' };
  if (unknown.length > 0) return fail(`unknown option ${unknown[0]}\n${USAGE}`);
  const problem = pathProblem(paths);
  if (problem !== null) return fail(`${problem}\n${USAGE}`);
  const path = paths[0]!;
  // Messages name what was read: a file by its path, `-` as "standard input".
  const name = path === '-' ? 'standard input' : path;
  let raw: string | Uint8Array;
  try {
    raw = readFile(path);
  } catch (e) {
    return fail(`${name}: ${describeReadError(e)}\n`);
  }
  const read = textOf(raw);
  if (!read.ok) return fail(`${name}: ${read.error}\n`);
  const { text } = read;
  const withTrace = flags.includes('--trace');
  const json = parseJsonText(text);
  if (!json.ok) return fail(`${name}: ${json.error}\n`);
  const kind = kindOf(json.data);
  if (kind === 'session') return runSessionFile(name, json.data, withTrace);
  if (kind.lecture) return fail(`${name}: this is a guided lecture, not a scenario (it has ${kind.lecture}); check it with npm run lecture -- ${path}\n`);
  const parsed = parseScenario(json.data);
  if (!parsed.ok) return fail(`${name}: ${parsed.error.message}\n`);
  try {
    const output = runScenario(parsed.scenario, { withTrace });
    const stdout = jsonDocument(output);
    if (stdout === undefined) return fail(tooLargeMessage(name, withTrace));
    const failed = output.expectations?.failed ?? [];
    const report = failed.map((f) => `${name}: ${describeFailure(f)}\n`).join('');
    return { code: failed.length > 0 ? 1 : 0, stdout, stderr: report };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`${name}: ${e.message}\n`);
    throw e;
  }
}

/**
 * A session saved from the page ("Save scenario") has `actions`, a scenario has `steps`
 * (`isSavedSession`: steps written under "actions" make a scenario, told where they go);
 * a guided lecture has `parts`, or `lecture` and `id` (its fields named, for the message).
 */
function kindOf(data: unknown): 'session' | { lecture?: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  if (isSavedSession(data)) return 'session';
  const fields = lectureFields(data);
  return fields === null ? {} : { lecture: fields };
}

function runSessionFile(path: string, data: unknown, withTrace: boolean): CliResult {
  // The page takes a cursor past the end as the end (a link must open); a checker is told,
  // counting actions as the output does: as the replay made them.
  const restored = restoreSession(data, { cursorPastEnd: 'keep' });
  if (!restored.ok) return fail(`${path}: ${restored.error}\n`);
  try {
    const { output, replayed } = replaySession(restored.session, { withTrace });
    const pastEnd = cursorPastEndProblem(restored.session, replayed);
    if (pastEnd !== null) return fail(`${path}: ${pastEnd}\n`);
    const stdout = jsonDocument(output);
    return stdout === undefined ? fail(tooLargeMessage(path, withTrace)) : { code: 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`${path}: ${e.message}\n`);
    throw e;
  }
}

function fail(message: string): CliResult {
  return { code: 2, stdout: '', stderr: message };
}

export function isDebug(): boolean {
  const value = process.env[DEBUG_ENV];
  return value !== undefined && value !== '' && value !== '0';
}

/** A bug, not bad input: one line and exit 3, with the stack only under DYNAMOSCOPE_DEBUG=1. */
export function internalError(e: unknown): CliResult {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 500);
  return { code: 3, stdout: '', stderr: `internal error: ${message} (a bug in DynamoScope: please report it with the file that caused it; ${DEBUG_ENV}=1 shows the stack trace)\n` };
}
