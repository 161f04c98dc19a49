/**
 * Text before it is JSON: the bytes of a file decoded as UTF-8 (and nothing else), and a
 * syntax error said in one line with its line and column. V8's own message may embed a
 * piece of the file, newlines and all, and gives no line; a CI job that greps one line
 * per file, and a student looking for a trailing comma, need both fixed.
 */
import { quote } from './expect';

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** The largest file read, in MB: a scenario at the bound of 100,000 steps is a few MB, and past about 512 MB no string can hold the text. */
export const MAX_TEXT_MB = 256;

/**
 * Why a file is not read: `is too large to read (600 MB; a file may be at most 256 MB)`, or,
 * for input whose size is not known until it ends (a pipe, /dev/zero), `(more than 256 MB; …)`.
 * `limit` in bytes, MAX_TEXT_MB unless a test gives a smaller one.
 */
export function tooLargeToRead(bytes: number | undefined, limit = MAX_TEXT_MB * 2 ** 20): string {
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  return `is too large to read (${bytes === undefined ? `more than ${mb(limit)}` : mb(bytes)}; a file may be at most ${mb(limit)})`;
}

/**
 * The bytes as UTF-8 text (a byte order mark at the start is passed over), or why they
 * are not: UTF-16, or a byte that UTF-8 does not allow (Latin-1's "é", say), by line.
 */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  // Said as what it is: past the longest string, the decoder's failure read as "not UTF-8" (a 600 MB file of spaces).
  if (bytes.length > MAX_TEXT_MB * 2 ** 20) return { ok: false, error: tooLargeToRead(bytes.length) };
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return { ok: false, error: 'is not UTF-8 text (it is UTF-16; save it as UTF-8)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const where = at < 0 ? '' : `byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} on line ${lineOfByte(bytes, at)} is not UTF-8; `;
    return { ok: false, error: `is not UTF-8 text (${where}save it as UTF-8)` };
  }
  // UTF-16 without a byte order mark decodes as UTF-8 with a NUL beside every ASCII letter.
  if (text.includes('\u0000')) return { ok: false, error: 'is not UTF-8 text (it has NUL bytes, as UTF-16 has; save it as UTF-8)' };
  return { ok: true, text };
}

/** Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [length, min, max] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Why `text` is not JSON, in one line: `not valid JSON at line 6, column 3: unexpected "]"
 * (JSON allows no comma before a closing bracket)`. `error` is what JSON.parse threw.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const v8 = /^(.*?) (?:in JSON )?at position (\d+)/s.exec(message);
  let at: number;
  let reason: string;
  if (v8 !== null) {
    at = Math.min(Number(v8[2]), text.length);
    reason = lowerFirst(oneLine(v8[1]!));
  } else {
    at = jsonSyntaxErrorAt(text);
    if (at < 0) return `not valid JSON: ${lowerFirst(oneLine(message.replace(/, ".*" is not valid JSON$/s, '')))}`;
    reason = at < text.length ? `unexpected ${quote(text[at])}` : '';
  }
  if (at >= text.length) {
    if (text === '') return 'not valid JSON at line 1, column 1: the file is empty';
    if (text.trim() === '') return 'not valid JSON at line 1, column 1: the file holds only white space (spaces, tabs or line breaks), no JSON';
    at = text.trimEnd().length; // point just past the last thing written, not at a blank last line
    reason = 'the text ends before the JSON does (a closing bracket, brace or quote missing?)';
  }
  const { line, column } = lineAndColumn(text, at);
  return `not valid JSON at line ${line}, column ${column}: ${reason}${hint(text, at, reason)}`;
}

/** Line and column (both from 1, the column in characters) of offset `at`. */
export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: [...text.slice(start, at)].length + 1 };
}

/** The usual slips, told by the character where parsing stopped (`reason`: what V8 said of it). */
function hint(text: string, at: number, reason: string): string {
  const c = text[at];
  const before = text.slice(0, at).trimEnd().at(-1);
  if ((c === ']' || c === '}') && before === ',') return ' (JSON allows no comma before a closing bracket)';
  if (c === '/') return ' (JSON has no comments)';
  if (c === "'") return ' (JSON strings take double quotes)';
  // Pasted from a slide or a word processor, which turn straight quotes into curly ones.
  if (c !== undefined && '“”‘’„«»'.includes(c)) return ' (JSON strings take straight double quotes "…", not typographic ones like “…” or ‘…’: retype the quotes pasted from a slide)';
  // A name, then a colon, where a property name was due: { version: 1 }, as JavaScript allows and JSON does not.
  const bare = /^([A-Za-z_$][\w$-]*)\s*:/.exec(text.slice(at, at + 80));
  if (bare !== null && (before === '{' || before === ',')) return ` (JSON property names take double quotes: "${bare[1]}")`;
  const lastValue = text.slice(0, at).trimEnd();
  // A second value after a whole one (two documents in one file): no comma would make them one.
  if (c !== undefined && /["{[\d-]/.test(c) && lastValue !== '' && jsonSyntaxErrorAt(lastValue) === -1) {
    return ` (the file holds more after its JSON value ends at line ${lineAndColumn(text, lastValue.length).line}; a file holds one JSON value)`;
  }
  // A value where a comma or a closing bracket was due, on a line after the last value (inside an object or an array): the comma at that line's end is missing.
  if ((c === '"' || c === '{' || c === '[') && /["\]}\deln]$/.test(lastValue) && text.slice(lastValue.length, at).includes('\n')) {
    return ` (is a comma missing at the end of line ${lineAndColumn(text, lastValue.length).line}?)`;
  }
  return valueHint(text, at, reason);
}

/**
 * Slips in a value, as a lecturer writes prose or a number by hand, or copies from Python or
 * JavaScript: a description over several lines, a Windows path, NaN, True, None, +1, .5.
 * V8 says only "bad control character" or "unexpected "T"".
 */
function valueHint(text: string, at: number, reason: string): string {
  const c = text[at];
  if (reason.startsWith('bad control character')) return ' (a line break or a tab inside a string is written \\n or \\t: a JSON string stays on one line)';
  if (reason.startsWith('bad escaped character')) return ' (a backslash in a string starts an escape such as \\n or \\"; write \\\\ for a backslash itself)';
  const word = text.slice(at, at + 12);
  if (/^(?:NaN|Infinity)\b/.test(word)) return ' (JSON has no NaN or Infinity: write a number)';
  if (/^(?:True|TRUE|False|FALSE|Null|NULL|None|undefined)\b/.test(word)) return ' (JSON writes true, false and null, in lower case)';
  if (c === '+' || (c === '.' && /\d/.test(text[at + 1] ?? ''))) return ' (a JSON number starts with a digit or a minus sign: 1, not +1; 0.5, not .5)';
  return '';
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Offset of the first character where `text` stops being JSON (`text.length` when it ends
 * too soon), or -1 if it is JSON. Iterative, so nesting depth cannot overflow the stack.
 */
export function jsonSyntaxErrorAt(text: string): number {
  const s = new Scanner(text);
  const open: string[] = [];
  let wantValue = true;
  for (;;) {
    s.skip();
    const c = text[s.i];
    if (wantValue) {
      if (c === '{' || c === '[') {
        open.push(c);
        s.i++;
        s.skip();
        if (text[s.i] === (c === '{' ? '}' : ']')) {
          open.pop();
          s.i++;
          wantValue = false;
        } else if (c === '{' && !s.key()) return s.i;
        continue;
      }
      if (!s.scalar()) return s.i;
      wantValue = false;
      continue;
    }
    const top = open.at(-1);
    if (top === undefined) return s.i < text.length ? s.i : -1;
    if (c === ',') {
      s.i++;
      if (top === '{' && !s.key()) return s.i;
      wantValue = true;
    } else if (c === (top === '{' ? '}' : ']')) {
      open.pop();
      s.i++;
    } else return s.i;
  }
}

/** Reads JSON's pieces from offset `i`; each read returns false with `i` where it failed. */
class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  skip(): void {
    while (this.i < this.text.length && WS.has(this.text[this.i]!)) this.i++;
  }

  /** A key and its colon, after `{` or a comma in an object. */
  key(): boolean {
    this.skip();
    if (this.text[this.i] !== '"' || !this.string()) return false;
    this.skip();
    if (this.text[this.i] !== ':') return false;
    this.i++;
    return true;
  }

  /** A string, number, true, false or null. */
  scalar(): boolean {
    const c = this.text[this.i];
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    const word = ['true', 'false', 'null'].find((w) => w[0] === c);
    if (word === undefined) return false;
    for (const ch of word) {
      if (this.text[this.i] !== ch) return false;
      this.i++;
    }
    return true;
  }

  private string(): boolean {
    const t = this.text;
    for (this.i++; this.i < t.length; this.i++) {
      const c = t[this.i]!;
      if (c === '"') {
        this.i++;
        return true;
      }
      if (c < ' ') return false;
      if (c !== '\\') continue;
      this.i++;
      if (t[this.i] !== 'u') {
        if (!'"\\/bfnrt'.includes(t[this.i] ?? 'x')) return false;
        continue;
      }
      for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(t[++this.i] ?? '')) return false;
    }
    return false;
  }

  private number(): boolean {
    const t = this.text;
    if (t[this.i] === '-') this.i++;
    if (t[this.i] === '0') this.i++;
    else if (!this.digits()) return false;
    if (t[this.i] === '.') {
      this.i++;
      if (!this.digits()) return false;
    }
    if (t[this.i] === 'e' || t[this.i] === 'E') {
      this.i++;
      if (t[this.i] === '+' || t[this.i] === '-') this.i++;
      if (!this.digits()) return false;
    }
    return true;
  }

  private digits(): boolean {
    const start = this.i;
    while (this.i < this.text.length && this.text[this.i]! >= '0' && this.text[this.i]! <= '9') this.i++;
    return this.i > start;
  }
}

/** A key given twice in one object: where the object is (`steps[3]`, '' at the top), the key, and both places. */
export interface DuplicateKey {
  readonly path: string;
  readonly key: string;
  readonly firstAt: number;
  readonly at: number;
}

interface Frame {
  readonly isObject: boolean;
  /** Object: keys seen so far, with where each was first given. */
  readonly keys: Map<string, number>;
  /** Object: the key whose value is being read; array: the element's index. */
  member: string | number;
  expectKey: boolean;
}

/**
 * The first key given twice in one object of `text`, which must be valid JSON, or null.
 * JSON.parse keeps the last of such keys and drops the others without a word: a scenario
 * with two `"steps"` would run only the second list. Iterative, like the scanner above.
 */
export function firstDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') stack.push({ isObject: c === '{', keys: new Map(), member: 0, expectKey: c === '{' });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1)!;
      if (top.isObject) top.expectKey = true;
      else top.member = (top.member as number) + 1;
    } else if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack.at(-1);
      if (top?.isObject !== true || !top.expectKey) continue;
      const key = JSON.parse(text.slice(start, i + 1)) as string;
      const firstAt = top.keys.get(key);
      if (firstAt !== undefined) return { path: pathOf(stack.slice(0, -1)), key, firstAt, at: start };
      top.keys.set(key, start);
      top.member = key;
      top.expectKey = false;
    }
  }
  return null;
}

/** `steps[3].value`: the members leading to the innermost frame's object. */
function pathOf(frames: readonly Frame[]): string {
  let out = '';
  for (const f of frames) out += typeof f.member === 'number' ? `[${f.member}]` : /^[A-Za-z_$][\w$]*$/.test(f.member) ? `${out === '' ? '' : '.'}${f.member}` : `[${quote(f.member)}]`;
  return out;
}

/** What the duplicate's message says: `ambiguous JSON at line 9, column 3: "steps" is given twice (also at line 2, column 3); …`. */
export function describeDuplicateKey(text: string, d: DuplicateKey): string {
  const at = lineAndColumn(text, d.at);
  const first = lineAndColumn(text, d.firstAt);
  const where = d.path === '' ? '' : ` in ${d.path}`;
  return `ambiguous JSON at line ${at.line}, column ${at.column}: ${quote(d.key)} is given twice${where} (also at line ${first.line}, column ${first.column}); only the last would count, so remove one`;
}

export type ParsedJson = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly error: string };

/**
 * User text as JSON, or why not in one line: a syntax error, or a key given twice in one
 * object. A UTF-8 byte order mark at the start is passed over.
 */
export function parseJsonText(text: string): ParsedJson {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: describeJsonError(json, e) };
  }
  const duplicate = firstDuplicateKey(json);
  return duplicate === null ? { ok: true, data } : { ok: false, error: describeDuplicateKey(json, duplicate) };
}
