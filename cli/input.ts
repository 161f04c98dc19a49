/**
 * What both runners (`npm run sim`, `npm run lecture`) do with what they read: a file's
 * bytes are decoded as UTF-8 and nothing else (a UTF-16 or Latin-1 file is refused in
 * one line, rather than read as mojibake), and a byte order mark is passed over.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeUtf8, MAX_TEXT_MB, tooLargeToRead } from '../src/scenario/json-text';

/** Reads a path (`-`: standard input): the file's bytes, or text (tests pass text). */
export type ReadFile = (path: string) => string | Uint8Array;

/** The text of what `readFile` returned, or why it is not UTF-8 text. */
export function textOf(raw: string | Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string } {
  if (typeof raw === 'string') return { ok: true, text: withoutBom(raw) };
  const decoded = decodeUtf8(raw);
  return decoded.ok ? { ok: true, text: withoutBom(decoded.text) } : decoded;
}

/** A file saved with a UTF-8 byte order mark (some Windows editors write one) reads as without. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The options and the paths among a command's arguments. `--` ends the options: what
 * follows is a path even if it starts with dashes (`npx tsx cli/sim.ts -- file.json`
 * carries over the `--` of `npm run sim -- file.json`).
 */
export function splitArgs(args: readonly string[]): { readonly flags: string[]; readonly paths: string[] } {
  const end = args.indexOf('--');
  const options = end < 0 ? args : args.slice(0, end);
  // `-` alone is standard input; any other argument starting with a dash is an option (`-t`, unknown, is refused as one).
  const flags = options.filter((a) => a.startsWith('-') && a !== '-');
  return { flags, paths: [...options.filter((a) => !flags.includes(a)), ...(end < 0 ? [] : args.slice(end + 1))] };
}

/** Why the paths given are not one file to run, in words, or null when they are: the runners take one file at a time. */
export function pathProblem(paths: readonly string[]): string | null {
  if (paths.length === 0) return 'no file given';
  if (paths.length > 1) return `one file at a time, not ${paths.length} (${paths.join(', ')})`;
  // An empty argument (a shell variable never set) was read as the current directory: ": is a directory".
  if (paths[0] === '') return 'an empty path was given (a shell variable that was never set?)';
  return null;
}

/**
 * The output as one JSON document, or undefined when it is longer than the longest string
 * Node.js can hold (about 512 MB; 100,000 reads of a 6,000-character value, say).
 */
export function jsonDocument(value: unknown): string | undefined {
  return textDocument(() => `${JSON.stringify(value, null, 2)}\n`);
}

/** The text `make` builds (npm run lecture's listing), or undefined when it is longer than the longest string Node.js can hold. */
export function textDocument(make: () => string): string | undefined {
  try {
    return make();
  } catch (e) {
    if (e instanceof RangeError && /invalid string length/i.test(e.message)) return undefined;
    throw e;
  }
}

/**
 * Why nothing was printed for output `jsonDocument` (or, `isJson` false, `textDocument`)
 * could not make, and what to do: with `withTrace`, when the trace is in that output, leave it out.
 */
export function tooLargeMessage(path: string, withTrace: boolean, isJson = true): string {
  return `${path}: the output is too large to print (more ${isJson ? 'JSON' : 'text'} than Node.js can hold in one string, about 512 MB); use fewer steps or smaller values${withTrace ? ', or run without --trace' : ''}\n`;
}

/** The most bytes a runner reads of one file, or of standard input: MAX_TEXT_MB. */
export const MAX_READ_BYTES = MAX_TEXT_MB * 2 ** 20;

/** Input past `limit` bytes, not read on: `bytes` is its size when a regular file says it, else undefined (a pipe, /dev/zero). */
export class TooLargeToRead extends Error {
  constructor(
    readonly bytes: number | undefined,
    readonly limit: number,
  ) {
    super(tooLargeToRead(bytes, limit));
    this.name = 'TooLargeToRead';
  }
}

/** Read at a time: a pipe gives at most 64 KB per read anyway. */
const CHUNK_BYTES = 2 ** 20;

/**
 * The bytes of a file (a path) or of an open descriptor (0, standard input), at most `limit`
 * of them, else a `TooLargeToRead`: a regular file larger than that is refused by its size
 * before any of it is read, and anything else (a pipe, `yes | …`, /dev/zero) once it has given
 * more, so endless input ends the run rather than filling the memory until the process is killed.
 */
export function readBounded(file: string | number, limit = MAX_READ_BYTES): Uint8Array {
  const fd = typeof file === 'number' ? file : openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > limit) throw new TooLargeToRead(stat.size, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One byte past the limit is enough to know the input is over it.
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > limit) throw new TooLargeToRead(undefined, limit);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    if (typeof file !== 'number') closeSync(fd);
  }
}

/** Why a file could not be read, in words: `no such file`, `is a directory`, `cannot read the file (permission denied)`, `is too large to read (…)`. */
export function describeReadError(e: unknown): string {
  if (e instanceof TooLargeToRead) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    // `my.json/x.json`: the path goes on past a file.
    case 'ENOTDIR':
      return 'no such file (a part of its path is a file, not a directory)';
    // Symbolic links that lead to each other, or a chain of them too long to follow.
    case 'ELOOP':
      return 'cannot read the file (a loop of symbolic links)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file (permission denied)';
    default:
      return `cannot read the file (${code ?? (e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
  }
}
