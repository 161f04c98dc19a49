/**
 * Where a share link stands in the page's address. Handed out, it is the fragment
 * (`#s=1.…`); passed on by other programs it may arrive as a query (`?s=1.…`, a `#` turned
 * into `?`) or escaped into the path (`/%23s=1.…`, a `#` escaped by a chat or mail program:
 * the browser then sends it to the server as part of the path, and the fragment is empty).
 * Each of these opens; pure, so it is tested without a page (address-bar.ts reads `location`).
 */
import { LINK_PREFIX, linkUnescaped } from './link';

/** The parts of an address a link can stand in (`location` has them). */
export interface Address {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

/** The query parameter of a link whose `#` became `?`. */
const QUERY_KEY = LINK_PREFIX.slice(0, -1);

/** An escaped `#`: `%23`, or `%2523` when the escape was escaped again. */
const ESCAPED_HASH = /%(?:25)*23/gi;

/**
 * The link in `address` as a fragment (`#s=1.…`), for `parseLink`; '' when it holds none.
 * The fragment first; then `?s=`; then the text after an escaped `#` in the path (whatever it
 * holds: the page's own path never has one, so it is said rather than silently ignored), or
 * in the query when what follows is `s=`.
 */
export function linkIn(address: Address): string {
  if (address.hash.length > 1) return address.hash;
  const query = new URLSearchParams(address.search).get(QUERY_KEY);
  if (query !== null) return `#${LINK_PREFIX}${query}`;
  const escaped = escapedLink(address);
  return escaped === null ? '' : `#${escaped.text}`;
}

/**
 * The address's path and query without a link in them (neither `?s=…` nor `%23…`), other
 * query parameters kept: where a new link goes, or what a reload opens once the link is forgotten.
 */
export function addressWithoutLink(address: Address): string {
  const escaped = escapedLink(address);
  if (escaped !== null && escaped.at < address.pathname.length) return address.pathname.slice(0, escaped.at);
  const search = escaped === null ? address.search : address.search.slice(0, escaped.at - address.pathname.length);
  const query = new URLSearchParams(search);
  query.delete(QUERY_KEY);
  const rest = query.toString();
  return `${address.pathname}${rest === '' ? '' : `?${rest}`}`;
}

/** Where an escaped `#` begins a link in the path or query, and the text after it; null when none does. */
function escapedLink({ pathname, search }: Address): { readonly at: number; readonly text: string } | null {
  const path = `${pathname}${search}`;
  for (const match of path.matchAll(ESCAPED_HASH)) {
    const text = path.slice(match.index + match[0].length);
    if (match.index < pathname.length || linkUnescaped(text).startsWith(LINK_PREFIX)) return { at: match.index, text };
  }
  return null;
}
