/**
 * Checks a guided lecture headless: `npm run lecture -- my-lecture.json [--json] [--strict] [--trace]`, or a
 * built-in one by its exact id (`npm run lecture -- shopping-cart`). Prints each step with
 * its narration, question and result; exit 0 when every `expect` holds, 1 when one fails,
 * 2 for a file that cannot run (one line naming the step and field), 3 for an internal
 * error. docs/lecture-format.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLectureCli } from './lecture-cli';
import { readArgument, runAsCommand } from './process';

const LIBRARY = join(import.meta.dirname, '../src/lectures');

runAsCommand(() =>
  // Bytes, not text: lecture-cli decodes them as UTF-8 and refuses what is not. At most 256 MB are read.
  runLectureCli(process.argv.slice(2), (path) => readArgument(path), {
    files: readdirSync(LIBRARY).sort(),
    read: (file) => readFileSync(join(LIBRARY, file), 'utf8'),
  }),
);
