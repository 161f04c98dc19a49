/**
 * What `npm run sim` and `npm run lecture` do as processes: print a result, set the exit
 * code, stay quiet when the reader of standard output goes away (`… | head`), say so in
 * one line (exit 2) when the output cannot be written (a full disk), and turn anything
 * else unexpected into one line and exit 3 rather than a stack trace (unless
 * DYNAMOSCOPE_DEBUG=1).
 */
import { resolve } from 'node:path';
import { internalError, isDebug, type CliResult } from './run-cli';
import { MAX_READ_BYTES, readBounded } from './input';

/**
 * A path as the caller meant it: npm runs a script from the package's root, so
 * `cd examples && npm run sim -- lecture-000-shopping-cart.json` would look for the file
 * there. npm names the directory it was called from in INIT_CWD, for its own scripts
 * (`npm_lifecycle_event`); a process started otherwise, which may have inherited an
 * INIT_CWD from some npm script above it, reads from its own directory.
 */
export function fromCaller(path: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const isOurScript = env.npm_lifecycle_event === 'sim' || env.npm_lifecycle_event === 'lecture';
  return resolve(isOurScript && env.INIT_CWD ? env.INIT_CWD : cwd, path);
}

/**
 * What a runner reads for its path argument: the file's bytes (decoded later as UTF-8), or
 * standard input's for `-`, at most `limit` bytes (`TooLargeToRead` past it, said as "is too
 * large to read"): `npm run sim -- /dev/zero` or `yes | npm run sim -- -` stop there.
 */
export function readArgument(path: string, limit = MAX_READ_BYTES): Uint8Array {
  return readBounded(path === '-' ? 0 : fromCaller(path), limit);
}

export function runAsCommand(run: () => CliResult): void {
  // A reader that closes early (`| head`) is not an error of ours: stop quietly.
  process.stdout.on('error', cannotWrite);
  // Nowhere left to say anything: keep the exit code the run had.
  process.stderr.on('error', () => process.exit(process.exitCode ?? 2));
  process.on('uncaughtException', (e) => (isWriteError(e) ? cannotWrite(e) : fatal(e)));
  let result: CliResult;
  try {
    result = run();
  } catch (e) {
    fatal(e);
    return;
  }
  process.exitCode = result.code;
  try {
    if (result.stdout) process.stdout.write(result.stdout);
  } catch (e) {
    if (!isWriteError(e)) throw e;
    cannotWrite(e);
  }
  if (result.stderr) process.stderr.write(result.stderr);
}

/** An error of the system call that writes (a full disk, a closed pipe), not of DynamoScope. */
function isWriteError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && (e as NodeJS.ErrnoException).syscall === 'write' && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/** Standard output cannot take the output: quiet for a reader that went away, else one line and exit 2. */
function cannotWrite(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const why = e.code !== undefined && e.message.startsWith(`${e.code}: `) ? e.message.replace(/, write$/, '') : `${e.code ?? 'error'}: ${e.message}`;
  process.stderr.write(`cannot write the output (${why.split('\n')[0]})\n`);
  process.exit(2);
}

function fatal(e: unknown): void {
  if (isDebug()) {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  } else {
    process.stderr.write(internalError(e).stderr);
  }
  process.exit(3);
}
