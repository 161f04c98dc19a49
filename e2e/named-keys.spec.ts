/**
 * Keys as users type them, in any script: a key pasted with U+202E RIGHT-TO-LEFT OVERRIDE drew
 * the rest of every line naming it backwards ("…W · B rotanidrooc aiv"), and later keys' lines
 * too ("big @ 516 · 3=N"); a Hebrew key drew the preference list's title "· 59 @ עגלה · N=3",
 * the position before the key. Checked where the screen draws the words, not only in the DOM's
 * text, which was right all along.
 */
import { expect, test, type Locator } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { stepUntil } from './pages/hints-panel';

test.use({ reducedMotion: 'reduce' });

/** Puts `key` and steps until its request is answered. */
async function putAndAnswer(app: AppPage, key: string, value: string): Promise<void> {
  const ops = await app.requestTrace.region.getByRole('combobox').locator('option').count();
  await app.controls.put(key, value);
  await stepUntil(app.playback, async () => (await app.requestTrace.region.getByRole('combobox').locator('option').count()) > ops && /answered in/.test((await app.requestTrace.summary.textContent()) ?? ''), 60);
}

/** Where the screen draws the first `text` inside `box`: its edges, in px. */
function drawnAt(box: Locator, text: string): Promise<{ left: number; right: number; top: number; bottom: number }> {
  return box.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const whole = nodes.map((n) => n.data).join('');
    const start = whole.indexOf(wanted);
    if (start < 0) throw new Error(`"${wanted}" is not in "${whole}"`);
    // Each character's own box: in a line drawn partly right to left, a range's box would span the words between.
    const boxes: DOMRect[] = [];
    let at = 0;
    for (const n of nodes) {
      for (let i = 0; i < n.data.length; i++, at++) {
        if (at < start || at >= start + wanted.length) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        boxes.push(range.getBoundingClientRect());
      }
    }
    return { left: Math.min(...boxes.map((b) => b.left)), right: Math.max(...boxes.map((b) => b.right)), top: Math.min(...boxes.map((b) => b.top)), bottom: Math.max(...boxes.map((b) => b.bottom)) };
  }, text);
}

/** Whether `first` is read before `then`: on a line above it, or on its line wholly to its left (the page reads left to right). */
async function isDrawnBefore(box: Locator, first: string, then: string): Promise<boolean> {
  const [a, b] = [await drawnAt(box, first), await drawnAt(box, then)];
  return b.top >= a.bottom - 0.5 || a.right <= b.left + 0.5;
}

test('a key pasted with a right-to-left override is named with it escaped, and no line after it is drawn backwards', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await putAndAnswer(app, 'x\u202eabc', 'v');
  // Named as the trace names it: quoted, the override written as its escape, not obeyed.
  await expect(app.requestTrace.summary).toContainText('#1 put("x\\u202eabc") via');
  await expect(app.log.region).toContainText('put("x\\u202eabc") succeeded in');
  const title = page.locator('#pref-title');
  await expect(title).toContainText('· "x\\u202eabc" @ ');
  // The summary's line, without the request menu beside it.
  const heading = app.requestTrace.summary.locator('p').first();
  expect(await isDrawnBefore(heading, 'via', 'coordinator')).toBe(true);

  await putAndAnswer(app, 'big', 'v');
  await expect(title).toContainText('· big @ 516 · N=3');
  expect(await isDrawnBefore(title, 'N', '3')).toBe(true);
  expect(await isDrawnBefore(title, 'big', '516')).toBe(true);
  expect(await isDrawnBefore(heading, 'via', 'coordinator')).toBe(true);
  // No override or embedding left anywhere the page draws text (the ring's label, the request menu…): one was enough to turn other lines.
  const live = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/[\u202a-\u202e]/.test((n as Text).data)) found.push(`${n.parentElement?.tagName}: ${JSON.stringify((n as Text).data)}`);
    return found;
  });
  expect(live).toEqual([]);
});

test('a Hebrew key reads in its place: the preference list gives the key before its position, the trace the key before its value', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await putAndAnswer(app, 'עגלה', 'נעליים');
  const title = page.locator('#pref-title');
  await expect(title).toContainText('· עגלה @ 59 · N=3');
  // Isolated, so the "@ 59" after it keeps the line's direction: drawn "· 59 @ עגלה · N=3" before.
  await expect(title.locator('bdi')).toHaveText('עגלה');
  expect(await isDrawnBefore(title, 'עגלה', '59')).toBe(true);
  await expect(app.requestTrace.summary.locator('bdi')).toHaveText('עגלה');
  const asked = app.requestTrace.steps.filter({ hasText: 'Client asks' });
  await expect(asked).toContainText('to put עגלה = "נעליים"');
  expect(await isDrawnBefore(asked, 'עגלה', '"נעליים"')).toBe(true);
  // On the ring, the key's label is isolated too (SVG has no <bdi>).
  const label = app.ring.region.locator('text.walk-key-label tspan[unicode-bidi]');
  await expect(label).toHaveText('עגלה');
  expect(await label.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('plaintext');
  // The request menu's option, which holds text only, isolates the key with U+2068…U+2069.
  await expect(app.requestTrace.region.getByRole('combobox').locator('option').nth(1)).toHaveText('#1 put(\u2068עגלה\u2069) via B');
  // On the space-time diagram, the request's name and its messages' names isolate it the same way.
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Space-time', exact: true }).click();
  const diagram = page.getByRole('region', { name: /^Space-time/ });
  await expect(diagram.locator('text.st-op-label tspan[unicode-bidi]').first()).toHaveText('עגלה');
  await expect(diagram.locator('text.st-label:not(.st-op-label) tspan[unicode-bidi]').first()).toHaveText('עגלה');
});
