/**
 * Acting in a window too short for Playwright's round trips (a cluster or a lecture part
 * loading): the page itself polls every millisecond for `selector`, and the moment it matches
 * either presses keys on the window or sets the matched select's value. Resolves false if it
 * never matched within 10 s.
 */
import type { Page } from '@playwright/test';

export type InPageAct = { readonly keys: readonly string[] } | { readonly selectValue: string };

export function actWhenShown(page: Page, selector: string, act: InPageAct): Promise<boolean> {
  return page.evaluate(
    ([sel, what]) =>
      new Promise<boolean>((resolve) => {
        const started = performance.now();
        const timer = setInterval(() => {
          const found = document.querySelector(sel);
          if (found) {
            if ('keys' in what) for (const key of what.keys) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
            else {
              (found as HTMLSelectElement).value = what.selectValue;
              found.dispatchEvent(new Event('change', { bubbles: true }));
            }
            clearInterval(timer);
            resolve(true);
          } else if (performance.now() - started > 10_000) {
            clearInterval(timer);
            resolve(false);
          }
        }, 1);
      }),
    [selector, act] as const,
  );
}
