/**
 * What both runners (`npm run sim`, `npm run lecture`) do with what they read: a file's
 * bytes are decoded as UTF-8 and nothing else (a UTF-16 or Latin-1 file is refused in
 * one line, rather than read as mojibake), and a byte order mark is passed over.
 */
import { decodeUtf8 } from '../src/scenario/json-text';

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
  try {
    return `${JSON.stringify(value, null, 2)}\n`;
  } catch (e) {
    if (e instanceof RangeError && /invalid string length/i.test(e.message)) return undefined;
    throw e;
  }
}

/** Why nothing was printed for output `jsonDocument` could not make, and what to do. */
export function tooLargeMessage(path: string, withTrace: boolean): string {
  return `${path}: the output is too large to print (more JSON than Node.js can hold in one string, about 512 MB); use fewer steps or smaller values${withTrace ? ', or run without --trace' : ''}\n`;
}

/** Why a file could not be read, in words: `no such file`, `is a directory`, `cannot read the file (permission denied)`. */
export function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file (permission denied)';
    default:
      return `cannot read the file (${code ?? (e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
  }
}
