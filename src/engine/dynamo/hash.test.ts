import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyPosition, md5Hex, md5Modulo, md5Position, md5Space, teachingSpace, MD5_RING_SIZE } from './hash';

const digest = (key: string) => BigInt('0x' + md5Hex(key));
/** Well-formed strings (no lone surrogates), where Node's UTF-8 MD5 is an oracle. */
const keyArb = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('md5Hex', () => {
  it("matches the MD5 test vectors (RFC 1321) and the lectures' cart key", () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(md5Hex('cart')).toBe('54013ba69c196820e56801f1ef5aad54');
  });

  it('agrees with node:crypto on well-formed UTF-16 strings', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(md5Hex(key)).toBe(createHash('md5').update(key, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  it('does not throw on keys with lone surrogates, and tells different ones apart', () => {
    for (const key of ['a\uD800b', 'a\uDC00b', '\uD800', '\uDFFF', 'x\uD83D']) {
      expect(md5Hex(key)).toMatch(/^[0-9a-f]{32}$/);
      expect(md5Hex(key)).toBe(md5Hex(key));
      expect(Number.isInteger(md5Position(key))).toBe(true);
      expect(md5Modulo(key, 1000)).toBeGreaterThanOrEqual(0);
      expect(keyPosition(md5Space(), key)).toBe(md5Position(key));
      expect(keyPosition(teachingSpace(1000), key)).toBeLessThan(1000);
    }
    expect(md5Hex('a\uD800b')).not.toBe(md5Hex('a\uD801b'));
  });

  it('never throws on any string with a lone surrogate', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).map((s) => s + '\uD800'),
        (key) => {
          expect(md5Hex(key)).toMatch(/^[0-9a-f]{32}$/);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('md5Position', () => {
  it('is the top 52 bits of the digest (cart and the empty key)', () => {
    expect(md5Position('cart')).toBe(Number(digest('cart') >> 76n));
    expect(md5Position('')).toBe(Number(BigInt('0xd41d8cd98f00b')));
  });

  it('equals BigInt(digest) >> 76 and lies on the MD5 ring', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          keyArb,
          fc.string({ unit: 'binary' }).map((s) => s + '\uDC00'),
        ),
        (key) => {
          const pos = md5Position(key);
          expect(pos).toBe(Number(digest(key) >> 76n));
          expect(Number.isSafeInteger(pos)).toBe(true);
          expect(pos).toBeGreaterThanOrEqual(0);
          expect(pos).toBeLessThan(MD5_RING_SIZE);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('md5Modulo', () => {
  it('equals BigInt(digest) mod size', () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 2 ** 44 - 1 }), (key, size) => {
        expect(md5Modulo(key, size)).toBe(Number(digest(key) % BigInt(size)));
      }),
      { numRuns: 200 },
    );
  });

  it('works for the lecture ring size', () => {
    expect(md5Modulo('cart', 1000)).toBe(Number(digest('cart') % 1000n));
    expect(md5Modulo('anything', 1)).toBe(0);
  });
});

describe('keyPosition', () => {
  it('uses the top 52 bits on the MD5 ring', () => {
    expect(keyPosition(md5Space(), 'cart')).toBe(md5Position('cart'));
  });

  it('uses the explicit position of a named key on a teaching ring, else MD5 modulo the size', () => {
    const space = teachingSpace(1000, { cart: 344 });
    expect(keyPosition(space, 'cart')).toBe(344);
    expect(keyPosition(space, 'other')).toBe(md5Modulo('other', 1000));
    expect(space.isTeaching).toBe(true);
    expect(md5Space().isTeaching).toBe(false);
  });

  it('honours an explicit position of 0 (not treated as missing)', () => {
    expect(keyPosition(teachingSpace(1000, { zero: 0 }), 'zero')).toBe(0);
  });
});
