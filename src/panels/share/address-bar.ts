/**
 * The page's own address bar: the link it names, forgotten once the lecturer starts something
 * else, or a new one shown without being opened again. The pure reading of an address is
 * src/share/address.ts; this module is the part that reads `location` and writes `history`.
 */
import { addressWithoutLink, linkIn } from '../../share/address';

/**
 * The link in the address bar: its fragment, or the same `s=…` as a query (`?s=1.…`) or after
 * an escaped `#` (`/%23s=1.…`), as a link reads after a program or a hand turned its `#` into
 * `?` or `%23`; each was opened as nothing, silently (see src/share/address.ts).
 */
export function linkInAddress(): string {
  return linkIn(location);
}

/**
 * The address bar stops naming a link once the lecturer starts something else (a new
 * cluster, a lecture), so reloading the page does not bring the old link back.
 */
export function linkForgotten(): void {
  if (typeof location === 'undefined' || linkInAddress() === '') return;
  history.replaceState(history.state, '', addressWithoutLink(location));
}

/** Shows a new link in the address bar without opening it again (and without an older one opened as `?s=…` or `%23s=…`). */
export function linkShown(fragment: string): string {
  history.replaceState(history.state, '', `${addressWithoutLink(location)}#${fragment}`);
  return location.href;
}
