/**
 * Share links, format 1 — FROZEN: once links of this format exist, this file does not
 * change; a new format gets a new file, and `link.ts` migrates old payloads forward.
 *
 * Payload: the session as JSON, deflated (fflate, level 9), in base64url. The fragment is
 * `#s=1.<payload>`; nothing is sent to a server.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export const VERSION_1 = '1';

export function encodeV1(session: unknown): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(session)), { level: 9 }));
}

/** The payload's JSON value; throws on anything malformed (the caller explains it). */
export function decodeV1(payload: string): unknown {
  const bytes = fromBase64Url(payload);
  const inflated = inflateSync(bytes);
  if (inflated.length > 2_000_000) throw new Error('the link unpacks to more than 2 MB');
  return JSON.parse(strFromU8(inflated));
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
