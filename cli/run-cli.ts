/**
 * The runner's logic, apart from the process, so tests can call it directly.
 */
import { parseScenarioText, ScenarioError } from '../src/scenario/validate';
import { runScenario } from '../src/scenario/runner';
import { restoreSession } from '../src/share/restore';
import { runSession } from '../src/share/run-session';

export interface CliResult {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const USAGE = 'usage: npm run sim -- <scenario.json | session.json | -> [--trace]\n';

export function runCli(args: readonly string[], readFile: (path: string) => string): CliResult {
  const flags = args.filter((a) => a.startsWith('--'));
  const paths = args.filter((a) => !a.startsWith('--') || a === '-');
  const unknown = flags.filter((f) => f !== '--trace' && f !== '--help');
  if (flags.includes('--help')) return { code: 0, stdout: USAGE, stderr: '' };
  if (unknown.length > 0) return fail(`unknown option ${unknown[0]}\n${USAGE}`);
  if (paths.length !== 1) return fail(USAGE);
  const path = paths[0]!;
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    return fail(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
  }
  if (isSession(text)) return runSessionFile(path, text, flags.includes('--trace'));
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return fail(`${path}: ${parsed.error.message}\n`);
  try {
    const output = runScenario(parsed.scenario, { withTrace: flags.includes('--trace') });
    const failed = output.expectations?.failed ?? [];
    const report = failed.map((f) => `${path}: ${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}\n`).join('');
    return { code: failed.length > 0 ? 1 : 0, stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: report };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`${path}: ${e.message}\n`);
    throw e;
  }
}

/** A session saved from the page ("Save scenario") has `actions`, a scenario has `steps`. */
function isSession(text: string): boolean {
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && !Array.isArray(data) && 'actions' in data && !('steps' in data);
  } catch {
    return false;
  }
}

function runSessionFile(path: string, text: string, withTrace: boolean): CliResult {
  const restored = restoreSession(JSON.parse(text));
  if (!restored.ok) return fail(`${path}: ${restored.error}\n`);
  try {
    return { code: 0, stdout: `${JSON.stringify(runSession(restored.session, { withTrace }), null, 2)}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`${path}: ${e.message}\n`);
    throw e;
  }
}

function fail(message: string): CliResult {
  return { code: 2, stdout: '', stderr: message };
}
