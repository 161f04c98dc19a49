/**
 * Keyboard focus for a dialog or pop-up while it is open (the WAI-ARIA dialog pattern):
 * focus moves into it, Tab and Shift+Tab go round its own controls instead of leaving for
 * the page behind, Escape closes it, and on closing focus goes back to the control that
 * opened it, so a keyboard user is never dropped at the top of the page.
 */
import { useEffect, type RefObject } from 'react';

export const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * While `isOpen`: `box` holds focus (first `initial`, else its first control). `trapsTab`:
 * a modal dialog keeps Tab inside; a pop-up in the page's flow lets it go on.
 */
export function useModalFocus(box: RefObject<HTMLElement | null>, isOpen: boolean, onClose: () => void, initial?: RefObject<HTMLElement | null>, trapsTab = true): void {
  useEffect(() => {
    if (!isOpen) return;
    // An SVG element can be the opener too (a node on the ring).
    const active = document.activeElement;
    const opener = active instanceof HTMLElement || active instanceof SVGElement ? active : null;
    const el = box.current;
    (initial?.current ?? el?.querySelector<HTMLElement>(FOCUSABLE))?.focus({ preventScroll: true }); // a dialog taller than the screen opens at its top, its title in view, not scrolled to a Close at its foot
    const onKey = (e: KeyboardEvent) => {
      if (!el) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
        return;
      }
      if (e.key !== 'Tab' || !trapsTab) return;
      const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.offsetParent !== null || item === document.activeElement);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      if (e.shiftKey && (document.activeElement === first || !el.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !el.contains(document.activeElement))) {
        e.preventDefault();
        first.focus();
      }
    };
    el?.addEventListener('keydown', onKey);
    return () => {
      el?.removeEventListener('keydown', onKey);
      // Back to the opener, unless the page moved focus on purpose meanwhile (into something still open).
      if (opener?.isConnected && (document.activeElement === document.body || document.activeElement === null || el?.contains(document.activeElement))) opener.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening: onClose and initial are read when a key comes
  }, [isOpen]);
}
