/**
 * Share links: a session (seed, configuration, recorded actions, cursor) in the URL
 * fragment. `encodeLink` and `parseLink` are a pair over one type; `parseLink` never
 * throws: whatever the text, it returns a session that passed `restore`, or a message
 * saying what is wrong with the link.
 */
import type { Session } from '../worker/protocol';
import { LinkTooLarge, decodeV1, encodeV1, VERSION_1 } from './link-v1';
import { strToU8 } from 'fflate';
import { restoreSession } from './restore';

export const LINK_PREFIX = 's=';

/** `left`: presentation fields the page cannot show, left out, each with why (see `restoreSession`). */
export type ParsedLink = { readonly ok: true; readonly session: Session; readonly left?: readonly string[] } | { readonly ok: false; readonly error: string };

/** The fragment for a session, without the leading `#`. */
export function encodeLink(session: Session): string {
  return `${LINK_PREFIX}${VERSION_1}.${encodeV1(session)}`;
}

/** The most JSON a format-1 link unpacks to (see `decodeV1`). */
const MAX_LINK_JSON = 2_000_000;

/**
 * Why a link to `session` would not open, in the words of the check that opening runs
 * (`restoreSession`), or its size; null when it would. Checked before a link is handed out:
 * a busy session (background clients at 1,000 ops/s for half a minute) made links that
 * every browser then refused as "damaged or cut short".
 */
export function linkProblem(session: Session): string | null {
  const json = JSON.stringify(session);
  // Bytes, as the decoder counts them: a value in another script takes two or three per character.
  const bytes = strToU8(json).length;
  if (bytes > MAX_LINK_JSON) return `it is ${(bytes / 1e6).toFixed(1)} MB of JSON, and a link holds at most ${MAX_LINK_JSON / 1e6} MB`;
  return sessionProblem(json);
}

/** Why `session` (or its JSON) would be refused when opened again, from a link or a file; null when it would open. */
export function sessionProblem(session: Session | string): string | null {
  const restored = restoreSession(JSON.parse(typeof session === 'string' ? session : JSON.stringify(session)));
  return restored.ok ? null : restored.error;
}

/**
 * Reads a fragment (with or without `#`); never throws. A link damaged the way chat and mail
 * programs damage links still opens: escaped (`%23s=1.…`, `_` as `%5F`, even escaped twice as
 * `%255F`), followed by the sentence's punctuation (`…Xy4).`), which no payload ends with, or
 * by query parameters a program appended (`…Xy4&utm_source=x&fbclid=…`), which no payload holds.
 */
export function parseLink(fragment: string): ParsedLink {
  const unescaped = linkUnescaped(fragment).trim();
  const text = unescaped.startsWith('#') ? unescaped.slice(1) : unescaped;
  if (!text.startsWith(LINK_PREFIX)) return { ok: false, error: 'this link holds no DynamoScope scenario' };
  const body = withoutAppendedParameters(text.slice(LINK_PREFIX.length));
  const dot = body.indexOf('.');
  // "s=1" alone was cut right after its format; "s=garbage" was never a DynamoScope link's scenario.
  if (dot < 0 && /^\d*$/.test(body)) return { ok: false, error: 'the link is cut short: it ends before its scenario; copy it again whole' };
  if (dot < 0) return { ok: false, error: 'this is not a DynamoScope link: after "s=" a link has its format and a dot, "s=1.…"' };
  const version = body.slice(0, dot);
  const payload = body.slice(dot + 1);
  let data: unknown;
  try {
    // Format 1's payload is base64url (link-v1.ts): it ends with a letter, a digit, `-` or `_`, never with `.`, `)` or `"`.
    if (version === VERSION_1) data = decodeV1(withoutTrailingPunctuation(payload));
    else return { ok: false, error: `the link uses format ${JSON.stringify(version.slice(0, 12))}, which this version of DynamoScope does not know (it reads format ${VERSION_1})` };
  } catch (e) {
    // Too large is not damaged: copying it again would not help (a link made here is never that large: Share refuses first).
    if (e instanceof LinkTooLarge) return { ok: false, error: 'it is too large: it unpacks to more than the 2 MB of JSON a link may hold' };
    // Plain words first; the decoder's own words after, for a bug report.
    return { ok: false, error: `it is damaged or cut short; copy it again whole (the decoder said, for a bug report: ${(e as Error).message})` };
  }
  return restoreSession(data, { presentation: 'leave' });
}

/** How many times an escape may itself be escaped (`%255F`: a link escaped by one program, then by another). */
const MAX_ESCAPE_DEPTH = 3;

/**
 * The text with its %-escapes of ASCII characters undone, and escapes of escapes too (`%255F`
 * is `_`). Every character a link is made of is ASCII; other escapes are left as they are,
 * so this never throws (`decodeURIComponent` throws on a lone `%E2`).
 */
export function linkUnescaped(text: string): string {
  let out = text;
  for (let i = 0; i < MAX_ESCAPE_DEPTH; i++) {
    const next = out.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Query parameters a program appended after the link, where it found the fragment but no query
 * of its own (`…Xy4&utm_source=x&fbclid=IwAR…`, `…Xy4?fbclid=…`): each a name, with or without
 * `=value`, after a `?` or `&` and then `&`. Tried at one start only, and each repeat begins at
 * an `&`, which neither a name nor a value holds: a long tail that is no parameters fails at once
 * (see `withoutTrailingPunctuation`).
 */
const APPENDED_PARAMETERS = /^[?&][^&=]+(?:=[^&]*)?(?:&[^&=]+(?:=[^&]*)?)*$/;

/**
 * The link's body (`1.<payload>`) without the parameters appended after it. A payload is
 * base64url, with neither `?` nor `&`, so the first of them ends it: what came before still has
 * to decode whole, and a link cut short there is refused as before. A `?` or `&` that begins no
 * parameters (the sentence's `?`) is left: punctuation is passed over next, anything else refused.
 */
function withoutAppendedParameters(body: string): string {
  const at = body.search(/[?&]/);
  return at >= 0 && APPENDED_PARAMETERS.test(body.slice(at)) ? body.slice(0, at) : body;
}

/**
 * The payload without what base64url never ends with (a sentence's punctuation stuck to the
 * link), cut from the end a character at a time: the regular expression /[^A-Za-z0-9_-]+$/
 * tries every start, and on a crafted link of 80,000 dots took 10 s in Node.
 */
function withoutTrailingPunctuation(payload: string): string {
  let end = payload.length;
  while (end > 0 && !BASE64URL_CHAR.test(payload[end - 1]!)) end--;
  return payload.slice(0, end);
}

const BASE64URL_CHAR = /^[A-Za-z0-9_-]$/;
