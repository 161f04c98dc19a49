import { describe, expect, it } from 'vitest';
import { keyName, oneLine } from './key-name';

/** Every bidi control: the embeddings and overrides, the isolates, the marks. */
const BIDI_CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];

describe('keyName', () => {
  it('names a plain key as it is, a right-to-left one too', () => {
    expect(keyName('cart')).toBe('cart');
    expect(keyName('user:1')).toBe('user:1');
    expect(keyName('עגלה')).toBe('עגלה');
  });

  it('quotes a key that would split the line or blur where it ends', () => {
    expect(keyName('my cart')).toBe('"my cart"');
    expect(keyName('a\nb\u2028c')).toBe('"a\\nb\\u2028c"');
    expect(keyName('')).toBe('""');
  });

  it('writes a bidi control in a key as its \\u escape: a pasted U+202E turned the rest of the line backwards', () => {
    expect(keyName('x\u202eabc')).toBe('"x\\u202eabc"');
    expect(keyName('\u2067עגלה\u2069')).toBe('"\\u2067עגלה\\u2069"');
    for (const c of BIDI_CONTROLS) expect(keyName(`a${c}b`)).toBe(`"a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b"`);
  });
});

describe('oneLine', () => {
  it('escapes control characters, the line separators and the bidi controls, and leaves other text alone', () => {
    expect(oneLine('one\ntwo\u0085three')).toBe('one\\u000atwo\\u0085three');
    expect(oneLine('put = "v\u202eabc"')).toBe('put = "v\\u202eabc"');
    for (const c of BIDI_CONTROLS) expect(oneLine(c)).toMatch(/^\\u[0-9a-f]{4}$/);
    // Right-to-left letters, emoji joined by ZWJ and accents are text, not controls.
    expect(oneLine('עגלה 🧑‍🤝‍🧑 café')).toBe('עגלה 🧑‍🤝‍🧑 café');
  });
});
