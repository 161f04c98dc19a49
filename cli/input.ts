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
