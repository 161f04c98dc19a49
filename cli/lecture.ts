/**
 * Checks a guided lecture headless: `npm run lecture -- my-lecture.json [--json]`, or a
 * built-in one by id (`npm run lecture -- shopping-cart`). Prints each step with its
 * narration, question and result; exit 0 when every `expect` holds, 1 when one fails, 2
 * for a file that cannot run (one line naming the step and field). docs/lecture-format.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLectureCli } from './lecture-cli';

const LIBRARY = join(import.meta.dirname, '../src/lectures');

/** A built-in lecture's file is named `<lecture number>-<id>.json`. */
function builtIn(id: string): string | undefined {
  if (id.endsWith('.json') || id.includes('/')) return undefined;
  const file = readdirSync(LIBRARY).find((f) => f.endsWith(`-${id}.json`) && /^\d{3}-/.test(f));
  return file === undefined ? undefined : readFileSync(join(LIBRARY, file), 'utf8');
}

const { code, stdout, stderr } = runLectureCli(process.argv.slice(2), (path) => (path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8')), builtIn);
if (stdout) process.stdout.write(stdout);
if (stderr) process.stderr.write(stderr);
process.exitCode = code;
