import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeUtf8, MAX_TEXT_MB, describeJsonError, firstDuplicateKey, jsonSyntaxErrorAt, parseJsonText } from './json-text';

/** The one-line message for text JSON.parse refuses. */
function errorFor(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return describeJsonError(text, e);
  }
  throw new Error('expected the text to be refused');
}

describe('describeJsonError: bad JSON in one line, with its line and column', () => {
  it.each([
    ['a trailing comma in an array', '{\n  "steps": [\n    {"op": "note", "text": "x"},\n  ]\n}\n', 'not valid JSON at line 4, column 3: unexpected "]" (JSON allows no comma before a closing bracket)'],
    ['a trailing comma in an object', '{"a": 1,\n}', 'not valid JSON at line 2, column 1: expected double-quoted property name (JSON allows no comma before a closing bracket)'],
    ['a comma missing at a line\'s end, in an object', '{\n  "version": 1,\n  "seed": 1\n  "config": {}\n}\n', "not valid JSON at line 4, column 3: expected ',' or '}' after property value (is a comma missing at the end of line 3?)"],
    ['a comma missing at a line\'s end, in an array', '{\n  "steps": [\n    {"op": "heal"}\n    {"op": "heal"}\n  ]\n}\n', "not valid JSON at line 4, column 5: expected ',' or ']' after array element (is a comma missing at the end of line 3?)"],
    ['a missing comma', '{"a": 1\n "b": 2}', 'not valid JSON at line 2, column 2: expected \',\' or \'}\' after property value (is a comma missing at the end of line 1?)'],
    ['a comment', '{"a": 1\n// why\n}', 'not valid JSON at line 2, column 1: expected \',\' or \'}\' after property value (JSON has no comments)'],
    ['single quotes', "{'a': 1}", 'not valid JSON at line 1, column 2: expected property name or \'}\' (JSON strings take double quotes)'],
    ['typographic quotes pasted from a slide', '{“version”: 1}', 'not valid JSON at line 1, column 2: expected property name or \'}\' (JSON strings take straight double quotes "…", not typographic ones like “…” or ‘…’: retype the quotes pasted from a slide)'],
    ['a typographic quote around a value', '{"op": ‘note’}', 'not valid JSON at line 1, column 8: unexpected "‘" (JSON strings take straight double quotes "…", not typographic ones like “…” or ‘…’: retype the quotes pasted from a slide)'],
    ['an unquoted property name', '{ version: 1 }', 'not valid JSON at line 1, column 3: expected property name or \'}\' (JSON property names take double quotes: "version")'],
    ['an unquoted property name after a comma', '{"version": 1,\n  seed: 1}', 'not valid JSON at line 2, column 3: expected double-quoted property name (JSON property names take double quotes: "seed")'],
    ['an unquoted word in a list', '[1, x]', 'not valid JSON at line 1, column 5: unexpected "x"'],
    ['a word', 'hello', 'not valid JSON at line 1, column 1: unexpected "h"'],
    ['a file that ends too soon', '{"version": 1,\n  "seed": 1\n\n', 'not valid JSON at line 2, column 12: the text ends before the JSON does (a closing bracket, brace or quote missing?)'],
    ['an empty file', '', 'not valid JSON at line 1, column 1: the file is empty'],
    ['a file of white space only', '  \n\t\n', 'not valid JSON at line 1, column 1: the file holds only white space (spaces, tabs or line breaks), no JSON'],
    ['text after the JSON', '{"a": 1} and more', 'not valid JSON at line 1, column 10: unexpected non-whitespace character after JSON'],
    // Two documents in one file: a comma would not make it one, so no comma is hinted at.
    ['a second JSON value after the first, on the next line', '{"a": 1}\n{"b": 2}\n', 'not valid JSON at line 2, column 1: unexpected non-whitespace character after JSON (the file holds more after its JSON value ends at line 1; a file holds one JSON value)'],
    ['a second JSON value after the first, on its line', '{\n  "a": [1]\n} ["b"]', 'not valid JSON at line 3, column 3: unexpected non-whitespace character after JSON (the file holds more after its JSON value ends at line 3; a file holds one JSON value)'],
    ['a string after a whole value', '{"a": 1}\n\n"b"', 'not valid JSON at line 3, column 1: unexpected non-whitespace character after JSON (the file holds more after its JSON value ends at line 1; a file holds one JSON value)'],
    // A description or a note written over several lines, as a lecturer writes prose.
    ['a newline inside a string', '{"a": "x\ny"}', 'not valid JSON at line 1, column 9: bad control character in string literal (a line break or a tab inside a string is written \\n or \\t: a JSON string stays on one line)'],
    ['a tab inside a string', '{"a": "x\ty"}', 'not valid JSON at line 1, column 9: bad control character in string literal (a line break or a tab inside a string is written \\n or \\t: a JSON string stays on one line)'],
    ['a lone backslash in a string', '{"a": "C:\\path"}', 'not valid JSON at line 1, column 11: bad escaped character (a backslash in a string starts an escape such as \\n or \\"; write \\\\ for a backslash itself)'],
    ['NaN', '{"ms": NaN}', 'not valid JSON at line 1, column 8: unexpected "N" (JSON has no NaN or Infinity: write a number)'],
    ['-Infinity', '{"ms": -Infinity}', 'not valid JSON at line 1, column 9: no number after minus sign (JSON has no NaN or Infinity: write a number)'],
    ["Python's True", '{"hintedHandoff": True}', 'not valid JSON at line 1, column 19: unexpected "T" (JSON writes true, false and null, in lower case)'],
    ['None', '[None]', 'not valid JSON at line 1, column 2: unexpected "N" (JSON writes true, false and null, in lower case)'],
    ['undefined', '[undefined]', 'not valid JSON at line 1, column 2: unexpected "u" (JSON writes true, false and null, in lower case)'],
    ['a number with a plus sign', '{"seed": +1}', 'not valid JSON at line 1, column 10: unexpected "+" (a JSON number starts with a digit or a minus sign: 1, not +1; 0.5, not .5)'],
    ['a number with no digit before its point', '[.5]', 'not valid JSON at line 1, column 2: unexpected "." (a JSON number starts with a digit or a minus sign: 1, not +1; 0.5, not .5)'],
  ])('%s', (_name, text, message) => {
    expect(errorFor(text)).toBe(message);
  });

  it('is one line, never quoting the file, whatever the text', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"', '1', '-', '.', 'e', 'tru', 'null', ' ', '\n', '\\', 'x', '01', '"\\q"', '"\t"');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        let isJson = true;
        try {
          JSON.parse(text);
        } catch (e) {
          isJson = false;
          const message = describeJsonError(text, e);
          expect(message).not.toContain('\n');
          expect(message).toMatch(/^not valid JSON at line \d+, column \d+: /);
        }
        // The scanner that places errors V8 gives no position for agrees with JSON.parse.
        expect(jsonSyntaxErrorAt(text) === -1).toBe(isJson);
      }),
      { numRuns: 3000 },
    );
  });

  it('places errors in deeply nested text without overflowing the stack', () => {
    expect(jsonSyntaxErrorAt(`${'['.repeat(200_000)}1,]${']'.repeat(199_999)}`)).toBe(200_002);
  });
});

describe('a key given twice in one object (JSON.parse would keep the last and drop the rest)', () => {
  it('is refused with both places and the object it is in', () => {
    const text = '{\n  "version": 1,\n  "steps": [{"op": "put", "key": "cart", "value": 1, "key": "x"}],\n  "seed": 1\n}';
    expect(parseJsonText(text)).toEqual({ ok: false, error: 'ambiguous JSON at line 3, column 54: "key" is given twice in steps[0] (also at line 3, column 27); only the last would count, so remove one' });
  });

  it('names a second "steps" at the top, which would silently replace the first list', () => {
    const error = (parseJsonText('{"steps": [1], "seed": 1, "steps": []}') as { error: string }).error;
    expect(error).toBe('ambiguous JSON at line 1, column 27: "steps" is given twice (also at line 1, column 2); only the last would count, so remove one');
  });

  it('quotes a repeated key with a line break or a line separator, so the message stays one line', () => {
    const error = (parseJsonText('{"a\\nb\\u2028": 1, "a\\nb\\u2028": 2}') as { error: string }).error;
    expect(error).toBe('ambiguous JSON at line 1, column 19: "a\\nb\\u2028" is given twice (also at line 1, column 2); only the last would count, so remove one');
    expect(error).not.toMatch(/[\n\u2028]/);
  });

  it('compares keys as JSON reads them: "a" and "\\u0061" are the same key; paths quote keys that are not names', () => {
    expect(firstDuplicateKey('{"x y": [0, {"a": 1, "\\u0061": 2}]}')).toMatchObject({ path: '["x y"][1]', key: 'a' });
  });

  it('finds nothing in JSON without repeats, whatever the nesting, strings and escapes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(firstDuplicateKey(JSON.stringify(value))).toBeNull();
        expect(firstDuplicateKey(JSON.stringify(value, null, 2))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('finds a repeat put anywhere: the key, and the path JSON.parse gives to the object', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), fc.string(), fc.array(fc.nat(3), { maxLength: 3 }), (keys, dup, indices) => {
        const members = [...new Set(keys)].map((k) => `${JSON.stringify(k)}: 0`);
        const inner = `{${[...members, `${JSON.stringify(dup)}: 1`, `${JSON.stringify(dup)}: 2`].join(', ')}}`;
        // Nest the object at indices[i] inside arrays padded with zeros, and check the path.
        let text = inner;
        for (const i of [...indices].reverse()) text = `[${[...Array(i).fill('0'), text].join(', ')}]`;
        const found = firstDuplicateKey(text);
        expect(found).not.toBeNull();
        const first = [...new Set(keys)].includes(dup);
        expect(found!.key).toBe(dup);
        expect(found!.path).toBe(indices.map((i) => `[${i}]`).join(''));
        expect(text.slice(found!.at).startsWith(JSON.stringify(dup))).toBe(true);
        expect(found!.firstAt).toBeLessThan(found!.at);
        if (!first) expect(text.slice(found!.firstAt).startsWith(`${JSON.stringify(dup)}: 1`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('runs without recursion, so deep nesting cannot overflow the stack', () => {
    expect(firstDuplicateKey(`${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`)).toMatchObject({ key: 'a' });
  });
});

describe('decodeUtf8', () => {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('decodes UTF-8, passing over a byte order mark', () => {
    expect(decodeUtf8(utf8('{"key": "café"}'))).toEqual({ ok: true, text: '{"key": "café"}' });
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('{}')]))).toEqual({ ok: true, text: '{}' });
  });

  it('refuses a file past the largest it reads as too large, not as "not UTF-8"', () => {
    expect(decodeUtf8(new Uint8Array(MAX_TEXT_MB * 2 ** 20 + 1).fill(32))).toEqual({ ok: false, error: `is too large to read (${MAX_TEXT_MB} MB; a file may be at most ${MAX_TEXT_MB} MB)` });
  });

  it('refuses UTF-16, with or without a byte order mark, in one line', () => {
    const le = (s: string): number[] => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
    expect(decodeUtf8(Uint8Array.from([0xff, 0xfe, ...le('{\n}')]))).toEqual({ ok: false, error: 'is not UTF-8 text (it is UTF-16; save it as UTF-8)' });
    expect(decodeUtf8(Uint8Array.from(le('{\n}')))).toEqual({ ok: false, error: 'is not UTF-8 text (it has NUL bytes, as UTF-16 has; save it as UTF-8)' });
  });

  it('refuses Latin-1 text, naming the byte and its line', () => {
    expect(decodeUtf8(Uint8Array.from([...utf8('{\n"key": "caf'), 0xe9, ...utf8('"}')]))).toEqual({ ok: false, error: 'is not UTF-8 text (byte 0xE9 on line 2 is not UTF-8; save it as UTF-8)' });
  });
});
