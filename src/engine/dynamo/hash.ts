/**
 * Where a key sits on the ring: the MD5 of its name (paper §4.2).
 *
 * Dynamo applies MD5 to the key and reads the 128-bit digest as a position on a circular
 * space. The engine keeps that digest (shown to students as hex) and orders the ring by
 * its top 52 bits, which a JavaScript number holds exactly: two positions that agree on
 * 52 bits are a one-in-10^15 event for a few thousand tokens, and reading whole numbers
 * keeps every look-up allocation-free (docs/decisions.md). The *teaching ring* of the
 * lectures (lecture 000: a ring of 0–1000 with nodes at 20, 230, 458 and 850) uses a
 * small ring size, with key positions given explicitly or as the MD5 modulo that size.
 */
import { md5 } from 'js-md5';

/** Positions on the MD5 ring run over [0, 2^52). */
export const MD5_RING_SIZE = 2 ** 52;

/** The space keys and tokens live in. */
export interface RingSpace {
  /** Number of positions; positions are integers in [0, size). */
  readonly size: number;
  /** True for a lecture-sized ring with explicit positions. */
  readonly isTeaching: boolean;
  /** Teaching ring only: fixed positions for named keys. */
  readonly keyPositions: ReadonlyMap<string, number>;
}

export function md5Space(): RingSpace {
  return { size: MD5_RING_SIZE, isTeaching: false, keyPositions: new Map() };
}

export function teachingSpace(size: number, keyPositions: Record<string, number> = {}): RingSpace {
  return { size, isTeaching: true, keyPositions: new Map(Object.entries(keyPositions)) };
}

/** The key's full 128-bit MD5 digest in hex, as the request trace shows it. */
export function md5Hex(key: string): string {
  return md5.hex(key);
}

/** The top 52 bits of the key's MD5 digest: its position on the MD5 ring. */
export function md5Position(key: string): number {
  const b = md5.array(key);
  return (
    b[0]! * 2 ** 44 +
    b[1]! * 2 ** 36 +
    b[2]! * 2 ** 28 +
    b[3]! * 2 ** 20 +
    b[4]! * 2 ** 12 +
    b[5]! * 2 ** 4 +
    (b[6]! >> 4)
  );
}

/** The key's 128-bit MD5 digest modulo `size` (exact for sizes below 2^44). */
export function md5Modulo(key: string, size: number): number {
  let r = 0;
  for (const byte of md5.array(key)) r = (r * 256 + byte) % size;
  return r;
}

/** The key's position in the given space. */
export function keyPosition(space: RingSpace, key: string): number {
  if (!space.isTeaching) return md5Position(key);
  return space.keyPositions.get(key) ?? md5Modulo(key, space.size);
}
