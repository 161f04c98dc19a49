/**
 * Keys as users type them, in any script: a key pasted with U+202E RIGHT-TO-LEFT OVERRIDE drew
 * the rest of every line naming it backwards ("…W · B rotanidrooc aiv"), and later keys' lines
 * too ("big @ 516 · 3=N"); a Hebrew key drew the preference list's title "· 59 @ עגלה · N=3",
 * the position before the key. Checked where the screen draws the words, not only in the DOM's
 * text, which was right all along.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { stepUntil } from './pages/hints-panel';
import { SpaceTimePanel } from './pages/spacetime-panel';

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

/**
 * Every accessible name and tooltip in the page holding a control character: a line break, a
 * tab, or a bidi control (U+202A…U+202E, U+2066…U+2069, U+200E/U+200F, U+061C), which a screen
 * reader reads out and a tooltip obeys. `withIsolates` puts U+2068…U+2069 around right-to-left
 * names only: a page with none holds none.
 */
function rawControlsInLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    const raw = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
    const found: string[] = [];
    for (const el of document.querySelectorAll('[aria-label], [title], title')) {
      const said = [el.getAttribute('aria-label'), el.getAttribute('title'), el.tagName === 'title' ? el.textContent : null];
      for (const text of said) if (text !== null && raw.test(text)) found.push(`${el.tagName}: ${JSON.stringify(text)}`);
    }
    return found;
  });
}

test('a screen reader hears a key pasted with a right-to-left override named as its line names it: quoted, the override escaped', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await putAndAnswer(app, 'x\u202eabc', 'v');
  // The ring's key and the preference list were named with the key raw ("Key x", the override, "abc"): read out, not shown.
  await expect(app.ring.region.getByRole('button', { name: 'Key "x\\u202eabc"', exact: true })).toHaveCount(1);
  await expect(app.preferenceList.table).toHaveAccessibleName('Preference list for "x\\u202eabc"');
  expect(await rawControlsInLabels(page)).toEqual([]);
  // The space-time diagram's new version, named with the key raw too.
  const diagram = new SpaceTimePanel(page);
  await diagram.open();
  await expect(diagram.versions.first()).toHaveAccessibleName(/ creates "x\\u202eabc" D1 /);
  expect(await rawControlsInLabels(page)).toEqual([]);
});

test("a Hebrew key's tooltips isolate it as its lines do; its accessible names give it plain", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await putAndAnswer(app, 'עגלה', 'נעליים');
  // A plain key is named as typed, with nothing added: a screen reader reads, it does not draw.
  await expect(app.ring.region.getByRole('button', { name: 'Key עגלה', exact: true })).toHaveCount(1);
  await expect(app.preferenceList.table).toHaveAccessibleName('Preference list for עגלה');
  // A tooltip holds text only: the key between U+2068 and U+2069, as the line's <bdi> sets it apart.
  await expect(app.log.rows.filter({ hasText: 'put(עגלה) succeeded in' }).locator('.log-text')).toHaveAttribute('title', /put\(\u2068עגלה\u2069\) succeeded in /);
  // The colon after the key stays outside its isolate, as the button's text ends before it.
  await expect(app.playback.region.getByRole('button', { name: /^Undo/ })).toHaveAttribute('title', 'Undo put \u2068עגלה\u2069: take back the last action and everything after it');
  const diagram = new SpaceTimePanel(page);
  await diagram.open();
  await expect(diagram.requests.first().locator('title')).toHaveText(/^put\(\u2068עגלה\u2069\) via \w+: succeeded in /);
});
