/**
 * The headless runner: `npm run -s sim -- scenario.json [--trace]`.
 *
 * Runs a scenario file on the engine and prints one JSON document on stdout: each step's
 * result and the final state of every node. Bad input prints one line on stderr naming
 * the step and field, prints nothing on stdout, and exits with 2. A scenario whose
 * `expect` checks fail still prints its output, and exits with 1. Output that cannot be
 * printed (too large for one string, a full disk) is one line and exit 2 too. An internal
 * error (a bug) prints one line and exits with 3. Lecturers run this in CI, so the output and the
 * messages are a public interface (docs/scenario-format.md).
 */
import { runCli } from './run-cli';
import { readArgument, runAsCommand } from './process';

// Bytes, not text: run-cli decodes them as UTF-8 and refuses what is not. At most 256 MB are read.
runAsCommand(() => runCli(process.argv.slice(2), (path) => readArgument(path)));
