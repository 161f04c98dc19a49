/**
 * What `npm run sim` and `npm run lecture` do as processes: print a result, set the exit
 * code, stay quiet when the reader of standard output goes away (`… | head`), and turn
 * anything unexpected into one line and exit 3 rather than a stack trace (unless
 * DYNAMOSCOPE_DEBUG=1).
 */
import { internalError, isDebug, type CliResult } from './run-cli';

export function runAsCommand(run: () => CliResult): void {
  // A reader that closes early (`| head`) is not an error of ours: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fatal(e);
  });
  process.on('uncaughtException', fatal);
  let result: CliResult;
  try {
    result = run();
  } catch (e) {
    fatal(e);
    return;
  }
  process.exitCode = result.code;
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
}

function fatal(e: unknown): void {
  if (isDebug()) {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  } else {
    process.stderr.write(internalError(e).stderr);
  }
  process.exit(3);
}
