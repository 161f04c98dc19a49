/**
 * Focus for a control about to vanish (a notice's Dismiss, the engine's Restart): a button
 * removed while it has the focus leaves it on the page's body, and the next Tab starts again
 * from the top of the page (decisions.md treats that as a bug).
 */
import { FOCUSABLE } from './use-modal-focus';

/**
 * Moves the focus out of `from`, which is about to be removed: to `to` if given and on the
 * page, else to the nearest control before `from` in the page's order (the form whose notice
 * it was), else to the nearest after it.
 */
export function focusHandedOff(from: Element, to?: HTMLElement | null): void {
  if (to?.isConnected) return to.focus();
  const controls = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !from.contains(el) && el.offsetParent !== null);
  const before = controls.filter((el) => (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
  (before.at(-1) ?? controls.find((el) => (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0))?.focus();
}
