/**
 * Share links, format 1 — FROZEN: once links of this format exist, what it encodes and
 * decodes does not change (how safely it decodes may: a payload unpacking past 2 MB is now
 * stopped there); a new format gets a new file, and `link.ts` migrates old payloads forward.
 *
 * Payload: the session as JSON, deflated (fflate, level 9), in base64url. The fragment is
 * `#s=1.<payload>`; nothing is sent to a server.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { parseJsonText } from '../scenario/json-text';

export const VERSION_1 = '1';

export function encodeV1(session: unknown): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(session)), { level: 9 }));
}

/** Thrown for a payload that unpacks to more than a link may hold: too large, not damaged. */
export class LinkTooLarge extends Error {}

/** The most a payload may unpack to, in bytes. */
const MAX_UNPACKED = 2_000_000;
/** Input fed to the inflater at a time: deflate unpacks at most about 1,032 bytes per byte, so a chunk yields at most about 1 MB. */
const CHUNK = 1024;

/**
 * The payload's JSON value; throws on anything malformed (the caller explains it). Unpacked a
 * chunk at a time and stopped past 2 MB: a link of 1.5 MB of deflated zeros unpacked whole to
 * 1.2 GB (ten seconds of a frozen page) before it was refused. The format is unchanged.
 */
export function decodeV1(payload: string): unknown {
  const bytes = fromBase64Url(payload);
  const parts: Uint8Array[] = [];
  let size = 0;
  let isDone = false;
  const inflater = new Inflate((chunk, final) => {
    parts.push(chunk);
    size += chunk.length;
    isDone ||= final;
  });
  for (let at = 0; at < bytes.length && !isDone; at += CHUNK) {
    inflater.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
    if (size > MAX_UNPACKED) throw new LinkTooLarge('the link unpacks to more than 2 MB');
  }
  if (!isDone) throw new Error('unexpected EOF');
  const inflated = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    inflated.set(part, offset);
    offset += part.length;
  }
  // Read as a file's JSON is: a key given twice is refused, not taken at its last value.
  const parsed = parseJsonText(strFromU8(inflated));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.data;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link contains characters that base64url does not use');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
