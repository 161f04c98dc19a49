import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeUtf8, describeJsonError, jsonSyntaxErrorAt } from './json-text';

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
    ['a missing comma', '{"a": 1\n "b": 2}', 'not valid JSON at line 2, column 2: expected \',\' or \'}\' after property value'],
    ['a comment', '{"a": 1\n// why\n}', 'not valid JSON at line 2, column 1: expected \',\' or \'}\' after property value (JSON has no comments)'],
    ['single quotes', "{'a': 1}", 'not valid JSON at line 1, column 2: expected property name or \'}\' (JSON strings take double quotes)'],
    ['a word', 'hello', 'not valid JSON at line 1, column 1: unexpected "h"'],
    ['a file that ends too soon', '{"version": 1,\n  "seed": 1\n\n', 'not valid JSON at line 2, column 12: the text ends before the JSON does (a closing bracket, brace or quote missing?)'],
    ['an empty file', '  \n', 'not valid JSON at line 1, column 1: the file is empty'],
    ['text after the JSON', '{"a": 1} and more', 'not valid JSON at line 1, column 10: unexpected non-whitespace character after JSON'],
    ['a newline inside a string', '{"a": "x\ny"}', 'not valid JSON at line 1, column 9: bad control character in string literal'],
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

describe('decodeUtf8', () => {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('decodes UTF-8, passing over a byte order mark', () => {
    expect(decodeUtf8(utf8('{"key": "café"}'))).toEqual({ ok: true, text: '{"key": "café"}' });
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('{}')]))).toEqual({ ok: true, text: '{}' });
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
