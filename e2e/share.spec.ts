/**
 * Share links and scenario files: a link opens the same cluster, events and position in a
 * new page; a damaged link or a hostile key is said or shown as text, never run; a
 * scenario file in the `npm run sim` format opens through the file input.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeLink, parseLink } from '../src/share/link';
import { runCli } from '../cli/run-cli';
import { LecturePanel } from './pages/lecture-panel';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../src/worker/default-config';
import { AppPage } from './pages/app-page';
import { MerklePanel } from './pages/merkle-panel';
import { ShareTools } from './pages/share';

// Lecture steps are checked at their ends: with reduced motion Next jumps there, as it did before
// steps played (lecture-play.spec.ts plays them).
test.use({ reducedMotion: 'reduce' });

/** Whether closing `page` (as a reload or Back would leave it) made the browser ask. */
async function asksOnLeaving(page: Page): Promise<boolean> {
  let asked = false;
  page.on('dialog', (dialog) => {
    asked = dialog.type() === 'beforeunload';
    void dialog.accept();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  return asked;
}

test('leaving or reloading a page with the lecturer\'s work on it asks first; a page with nothing done on it does not', async ({ context }) => {
  const idle = await context.newPage();
  const untouched = new AppPage(idle);
  await untouched.open();
  // Clicked, so the browser would let the page ask (Chromium asks only after a user's gesture).
  await idle.getByRole('tab', { name: 'Space-time' }).click();
  expect(await asksOnLeaving(idle)).toBe(false);
  const busy = await context.newPage();
  const app = new AppPage(busy);
  await app.open();
  await app.controls.put('cart', 'shoes');
  // The page has taken the put in once Undo names it.
  await expect(app.playback.region.getByRole('button', { name: 'Undo put cart' })).toBeVisible();
  expect(await asksOnLeaving(busy)).toBe(true);
});

test('a link or a scenario file just opened leaves without asking, stepped through or not, until the lecturer acts on it', async ({ context }) => {
  // The link's own inputs (a put, a failure) are the link's: opening it again brings them back.
  const link = `/#${encodeLink({ ...FAIL_D, actions: [{ input: { type: 'put', key: 'cart', value: 'shoes' } }, { steps: 5 }, ...FAIL_D.actions] })}`;
  const looked = await context.newPage();
  const looking = new AppPage(looked);
  await new ShareTools(looked).openLink(link);
  await expect(looking.controls.nodeRow('D')).toContainText('down');
  // Stepped by clicks, so the browser would let the page ask (Chromium asks only after a user's gesture).
  await looking.playback.stepBack();
  await looking.playback.stepBack();
  await expect(looking.playback.position).toHaveText(/past/);
  await looking.playback.stepForward();
  expect(await asksOnLeaving(looked)).toBe(false);

  const acted = await context.newPage();
  const acting = new AppPage(acted);
  await new ShareTools(acted).openLink(link);
  await expect(acting.controls.nodeRow('D')).toContainText('down');
  await acting.controls.put('cart', 'hat');
  await expect(acting.playback.region.getByRole('button', { name: 'Undo put cart' })).toBeVisible();
  expect(await asksOnLeaving(acted)).toBe(true);

  // Undo takes the link's failure back; a put then leaves as many inputs as the link had, yet not the link's.
  const redone = await context.newPage();
  const redoing = new AppPage(redone);
  await new ShareTools(redone).openLink(link);
  await expect(redoing.controls.nodeRow('D')).toContainText('down');
  await redoing.playback.region.getByRole('button', { name: 'Undo fail D' }).click();
  await expect(redoing.controls.nodeRow('D')).not.toContainText('down');
  await redoing.controls.put('cart', 'hat');
  await expect(redoing.playback.region.getByRole('button', { name: 'Undo put cart' })).toBeVisible();
  expect(await asksOnLeaving(redone)).toBe(true);

  // A scenario file opens at its start: stepping through the puts it records is no work of the lecturer's either.
  const read = await context.newPage();
  const reading = new AppPage(read);
  await reading.open();
  await new ShareTools(read).openInput.setInputFiles('examples/lecture-000-shopping-cart.json');
  await expect(reading.session.seed).toHaveValue('2007');
  for (let i = 0; i < 3; i++) await reading.playback.stepForward();
  await expect(reading.playback.region.getByRole('button', { name: /^Undo put/ })).toBeVisible();
  expect(await asksOnLeaving(read)).toBe(false);
});

test('a shared link opens the same state and position in a new page', async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'B');
  for (let i = 0; i < 3; i++) await app.playback.stepForward();
  await app.playback.stepBack();
  await expect(app.playback.position).toHaveText('event 10/13 · past');
  await expect(app.log.current).toBeVisible();
  const position = await app.playback.position.textContent();
  const lines = await app.log.rows.allTextContents();
  const preference = await app.preferenceList.nodes().allTextContents();
  expect(lines.length).toBeGreaterThan(1);

  const link = await share.share();
  expect(link).toMatch(/#s=1\./);
  await expect(share.linkField).toBeFocused();
  await expect(share.dialog.getByRole('status')).toHaveText(/copied/);
  expect(page.url()).toBe(link);
  await page.keyboard.press('Escape');
  await expect(share.dialog).toHaveCount(0);

  const other = await context.newPage();
  const otherApp = new AppPage(other);
  await new ShareTools(other).openLink(link);
  await expect(otherApp.playback.position).toHaveText(position!);
  await expect(otherApp.log.rows).toHaveText(lines);
  await expect(otherApp.preferenceList.nodes()).toHaveText(preference);
  await expect(otherApp.log.current).toHaveText((await app.log.current.textContent())!);
  // The header names the same cluster, not "Opened scenario".
  await expect(otherApp.session.cluster.locator('option:checked')).toHaveText('Teaching ring');
});

test('a link keeps the key the panels followed: the preference list and the key field show it again', async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.controls.key.fill('user42');
  await expect(app.preferenceList.region).toContainText('user42 @');
  const heading = await app.preferenceList.region.getByRole('heading').textContent();
  const link = await share.share();
  const other = await context.newPage();
  const otherApp = new AppPage(other);
  await new ShareTools(other).openLink(link);
  await expect(otherApp.preferenceList.region.getByRole('heading')).toHaveText(heading!);
  await expect(otherApp.controls.key).toHaveValue('user42');
});

test('a link keeps the client form as filled in: the next Put writes the same value through the same node', async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('apple', 'red', 'B');
  await app.controls.value.fill('green');
  await app.controls.via.selectOption('C');
  const link = await share.share();
  const other = await context.newPage();
  const otherApp = new AppPage(other);
  await new ShareTools(other).openLink(link);
  await expect(otherApp.controls.key).toHaveValue('apple');
  await expect(otherApp.controls.value).toHaveValue('green');
  await expect(otherApp.controls.via).toHaveValue('C');
  // A Via node the cluster does not have (a hand edit) leaves the form on the key's first live replica.
  const parsed = parseLink(new URL(link).hash);
  if (!parsed.ok) throw new Error(parsed.error);
  const edited = await context.newPage();
  const editedApp = new AppPage(edited);
  await new ShareTools(edited).openLink(`/#${encodeLink({ ...parsed.session, client: { value: 'blue', via: 'Z' } })}`);
  await expect(editedApp.controls.value).toHaveValue('blue');
  await expect(editedApp.controls.via).toHaveValue('');
});

test('a key too long to put (over 256 characters) is left out of the link, which still opens', async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.controls.key.fill('k'.repeat(300));
  const link = await share.share();
  const other = await context.newPage();
  const otherApp = new AppPage(other);
  await new ShareTools(other).openLink(link);
  await expect(otherApp.playback.position).toHaveText(await app.playback.position.textContent() ?? '');
  await expect(other.getByRole('alert').filter({ hasText: 'could not be opened' })).toHaveCount(0);
});

test('the dialog closes with its Close button', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await share.share();
  await share.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(share.dialog).toHaveCount(0);
});

test('a long link says it may be cut on the way, and points to saving the session as a file', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  const long = share.dialog.getByText(/long for a link: mail and chat programs may cut it/);
  await share.share();
  await expect(share.dialog.getByText(/characters, and nothing is sent/)).toBeVisible();
  await expect(long).toHaveCount(0);
  await share.dialog.getByRole('button', { name: 'Close' }).click();
  // Every operation of the background clients is in the link.
  await app.playback.playWithClients('1,000 ops/s', 20_000);
  await share.share();
  await expect(long).toBeVisible();
  await expect(long).toContainText('File ▸ Save scenario');
});

test('a session too big for a link says so instead of handing out a link that would not open; Save keeps it whole', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  // 25,000 puts (more than the 20,000 actions a saved session once could hold) come to 2.7 MB of JSON.
  const config = { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [20] }, { id: 'B', tokens: [230] }, { id: 'C', tokens: [458] }, { id: 'D', tokens: [850] }] };
  const actions = Array.from({ length: 25_000 }, (_, i) => ({ input: { type: 'put', key: `k${i % 50}`, value: `item ${i}: ${'x'.repeat(50)}` } }));
  await share.openInput.setInputFiles({ name: 'busy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ seed: 1, config, actions })) });
  await expect(app.playback.position).not.toHaveText('event 0', { timeout: 30_000 });
  await share.shareButton.click();
  await expect(page.getByRole('alert')).toContainText(/^This session is too big for a link: it is 2\.\d MB of JSON, and a link holds at most 2 MB\. Save scenario keeps all of it in a file\./);
  await expect(share.dialog).toHaveCount(0);
  const saved = JSON.parse(readFileSync(await share.save(), 'utf8')) as { actions: unknown[] };
  expect(saved.actions).toHaveLength(25_000);
});

test('a damaged link is said, and the default session works', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink('/#s=1.garbage');
  await expect(share.alert).toContainText('This link could not be opened: it is damaged or cut short; copy it again whole');
  await expect(app.ring.node('A')).toBeVisible();
  // The message covers no control: each of these would receive the click.
  for (const name of ['Put', 'Add node', 'Partition']) await app.controls.region.getByRole('button', { name, exact: true }).click({ trial: true, timeout: 2000 });
  await share.alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(share.alert).toHaveCount(0);
  await app.controls.put('cart', 'shoes');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a damaged link says so on the first screen, its decoder\'s words folded away for a bug report', async ({ page }) => {
    const share = new ShareTools(page);
    await share.openLink('/#s=1.garbage');
    // Under the client form it was a screen below the default ring, which looked as if the link had worked.
    await expect(share.alert).toBeInViewport({ ratio: 1 });
    await expect(share.alert).toContainText('This link could not be opened: it is damaged or cut short; copy it again whole');
    const details = share.alert.getByText('Details for a bug report');
    await expect(details).toBeVisible();
    const folded = share.alert.getByRole('group');
    await expect(folded).not.toHaveAttribute('open');
    await details.tap();
    await expect(folded).toHaveAttribute('open');
    await expect(folded).toContainText('the decoder said, for a bug report: ');
    await share.alert.getByRole('button', { name: 'Dismiss' }).tap();
    await expect(share.alert).toHaveCount(0);
  });
});

test('a damaged link\'s message goes once the lecturer acts', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink('/#s=1.garbage');
  await expect(share.alert).toContainText('This link could not be opened');
  await app.controls.put('cart', 'shoes');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  await expect(share.alert).toHaveCount(0);
});

test('a link naming a node the cluster does not have is refused with the engine\'s words, shown as text', async ({ page }) => {
  const node = '<img src=y onerror=window.__pwned=2>';
  const link = encodeLink({ seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [{ input: { type: 'fail', node } }] });
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink(`/#${link}`);
  // The action refused is named by its place, as npm run sim names it.
  await expect(share.alert).toContainText('This link could not be opened: actions[0]: ');
  await expect(share.alert).toContainText(node);
  await expect(page.locator('img[src="y"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await app.controls.put('cart', 'shoes');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
});

test('a link whose panel this page does not have (a later version\'s, a hand edit) opens all the same, and says what it left out', async ({ page }) => {
  const session = { seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [{ input: { type: 'put' as const, key: 'cart', value: 'shoes' } }, { steps: 3 }], view: 'timeline', speed: 7 };
  const app = new AppPage(page);
  await new ShareTools(page).openLink(`/#${encodeLink(session as unknown as Parameters<typeof encodeLink>[0])}`);
  // What happened replays: the put was made and answered.
  await expect(app.log.rows.filter({ hasText: 'put(cart) succeeded' }).first()).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'This link opened' });
  await expect(notice).toContainText('This link opened, without what this page cannot show as it was shared: view: must be one of "ring", "versions"');
  await expect(notice).toContainText('not "timeline"; speed: is not a speed the page offers (5, 20, 100, 500, 1000 ms/s)');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toHaveCount(0);
  await expect(app.ring.node('A')).toBeVisible();
});

test('a key from a link is shown as text, never run', async ({ page }) => {
  const key = '<img src=x onerror=window.__pwned=1>';
  const link = encodeLink({ seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [{ input: { type: 'put', key, value: 'x' } }, { steps: 3 }] });
  const app = new AppPage(page);
  await new ShareTools(page).openLink(`/#${link}`);
  await expect(app.log.rows.filter({ hasText: key }).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('Save scenario writes a file that opens again at the same step, and runs in npm run sim', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'B');
  for (let i = 0; i < 4; i++) await app.playback.stepForward();
  await expect(app.playback.position).toHaveText('event 16');
  const position = await app.playback.position.textContent();
  const lines = await app.log.rows.allTextContents();
  const path = await share.save();

  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.actions[0]).toEqual({ input: { type: 'put', key: 'cart', value: 'shoes', via: 'B' } });
  const sim = runCli([path], (p) => readFileSync(p, 'utf8'));
  expect(sim.stderr).toBe('');
  expect(sim.code).toBe(0);
  expect(JSON.parse(sim.stdout).session).toEqual({ actions: saved.cursor, cursor: saved.cursor });

  await app.open();
  await app.controls.fail('C');
  await share.openInput.setInputFiles(path);
  await expect(app.playback.position).toHaveText(position!);
  await expect(app.log.rows).toHaveText(lines);
  await expect(app.controls.nodeRow('C')).toContainText('up');
});

test('a file that is not a scenario is refused with its reason, and the session stays', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await share.openInput.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"seed": "forty-two", "actions": []}') });
  await expect(share.alert).toContainText('notes.json could not be opened: seed');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  // A student's trailing comma: one line that says where, as the headless runner says it.
  await share.openInput.setInputFiles({ name: 'hw1.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "version": 1,\n  "steps": [\n    {"op": "note", "text": "x"},\n  ]\n}\n') });
  await expect(share.alert).toContainText('hw1.json could not be opened: it is not valid JSON at line 5, column 3: unexpected "]" (JSON allows no comma before a closing bracket)');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  // Two "steps": JSON.parse would run the second list alone, without a word.
  await share.openInput.setInputFiles({ name: 'hw2.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "version": 1,\n  "steps": [{"op": "settle"}],\n  "steps": []\n}\n') });
  await expect(share.alert).toContainText('hw2.json could not be opened: it is ambiguous JSON at line 4, column 3: "steps" is given twice (also at line 3, column 3); only the last would count, so remove one');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  // Saved as Latin-1, as npm run sim refuses it: not read with "�" in place of "é".
  await share.openInput.setInputFiles({ name: 'café.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "title": "caf\u00e9", "steps": []}', 'latin1') });
  await expect(share.alert).toContainText('café.json could not be opened: it is not UTF-8 text (byte 0xE9 on line 1 is not UTF-8; save it as UTF-8)');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
});

test('a refused file says its whole reason, and every node can still be failed while it shows', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  const files = [
    // Cut off mid-step, as a download that stopped; then a quorum no cluster can meet.
    { name: 'truncated.json', text: '{"version": 1, "seed": 1, "config": {"n": 3, "r": 2, "w": 2}, "steps": [{"op": "put", "key": "cart", "val', reason: 'truncated.json could not be opened: it is not valid JSON at line 1, column 106: the text ends before the JSON does (a closing bracket, brace or quote missing?)' },
    { name: 'badop2.json', text: '{"version": 1, "seed": 1, "config": {"n": 5, "r": 9, "w": 2, "nodes": [{"id": "A"}, {"id": "B"}, {"id": "C"}, {"id": "D"}, {"id": "E"}]}, "steps": []}', reason: 'badop2.json could not be opened: config.r: r (9) is greater than n (5): a read cannot wait for more replies than there are replicas' },
  ];
  for (const file of files) {
    await share.openInput.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await expect(share.alert).toContainText(file.reason);
    // All of it on screen at once: nothing scrolled away inside the box or cut at the page's edge.
    await expect(share.alert).toBeInViewport({ ratio: 1 });
    expect(await share.alert.evaluate((box) => box.scrollHeight <= box.clientHeight + 1)).toBe(true);
    // The node list keeps every row in view, no "▼ B +2" to scroll to: each node's Fail is there to click.
    await expect(app.controls.region.getByRole('button', { name: /out of view/ })).toHaveCount(0);
    for (const id of ['A', 'B', 'C', 'D']) await expect(app.controls.region.getByRole('button', { name: `Fail node ${id}` })).toBeInViewport({ ratio: 1 });
  }
  // The app goes on: D fails, and the lecturer, moved on, no longer needs the reason.
  await app.controls.fail('D');
  await expect(app.controls.nodeRow('D')).toContainText('down');
  await expect(share.alert).toHaveCount(0);
});

test('Undo takes back the last action and what followed it; Ctrl+Z does the same', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const undo = app.playback.region.getByRole('button', { name: /^Undo/ });
  await expect(undo).toBeDisabled();
  await app.controls.put('cart', 'shoes');
  for (let i = 0; i < 3; i++) await app.playback.stepForward();
  await app.controls.fail('B');
  await expect(app.controls.nodeRow('B')).toContainText('down');
  await expect(undo).toHaveText('↶ Undo fail B');
  await undo.click();
  await expect(app.controls.nodeRow('B')).toContainText('up');
  await expect(undo).toHaveText('↶ Undo put cart');
  await expect(app.log.rows.filter({ hasText: 'put(cart)' }).first()).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(app.log.rows).toHaveCount(0);
  await expect(app.playback.position).toHaveText('event 0');
  await expect(undo).toBeDisabled();
});

test("Undo passes over the background clients' operations to the lecturer's own put, its label whole in the past view", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const undo = app.playback.region.getByRole('button', { name: /^Undo/ });
  await app.controls.put('cart', 'shoes');
  // Enough time for the clients to put and get cart a few times (about 12 events each).
  await app.playback.playWithClients('200 ops/s', 100);
  await app.playback.region.getByRole('combobox', { name: 'Background load' }).selectOption('none');
  for (let i = 0; i < 2; i++) await app.playback.stepBack();
  await expect(app.playback.position).toContainText('past');
  await expect(undo).toHaveText('↶ Undo put cart');
  // Whole on screen: not cut to an ellipsis, not pushed past the bar's edge.
  const fits = await undo.evaluate((b) => b.scrollWidth <= b.clientWidth && b.getBoundingClientRect().right <= window.innerWidth);
  expect(fits).toBe(true);
  await expect(app.playback.region.getByText('past', { exact: false })).toBeInViewport();
  await undo.click();
  await expect(app.playback.position).toHaveText('event 0');
  // Nothing of the lecturer's is left to take back; what the undo dropped, the clients' run, Redo can bring back.
  await expect(undo).toHaveText('↶ Undo');
  await expect(app.playback.region.getByRole('button', { name: 'Redo put cart' })).toBeVisible();
});

test('a link opens on the panel it was shared from, wide if it was', async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Space-time' }).click();
  await page.getByRole('button', { name: 'Wide view' }).click();
  const link = await share.share();
  await page.keyboard.press('Escape');

  const other = await context.newPage();
  // Not ShareTools.openLink, which waits for the Cluster panel: the wide view hides it.
  await other.goto(link);
  await expect(other.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Space-time' })).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByRole('button', { name: 'Wide view' })).toHaveAttribute('aria-pressed', 'true');
  // The shared session itself opened, not only its panel: the put's messages are drawn.
  await expect(other.getByRole('region', { name: 'Space-time diagram' })).toContainText('put(cart)');
});

/** The shopping-cart lecture at step 4 (no question on the way). */
async function cartLectureAtStep4(page: Page): Promise<{ app: AppPage; lecture: LecturePanel; share: ShareTools }> {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  for (let i = 0; i < 3; i++) await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 4 of 18');
  return { app, lecture, share: new ShareTools(page) };
}

test('a lecture shared mid-way opens in lecture mode at the same step, narration and all', async ({ page, context }) => {
  const { app, lecture, share } = await cartLectureAtStep4(page);
  await expect(lecture.next).toBeEnabled();
  const narration = await lecture.narration.textContent();
  const position = await app.playback.position.textContent();
  const link = await share.share();

  const other = await context.newPage();
  const otherLecture = new LecturePanel(other);
  await other.goto(link);
  await expect(otherLecture.progress).toHaveText('Step 4 of 18');
  await expect(otherLecture.narration).toHaveText(narration!);
  await expect(new AppPage(other).playback.position).toHaveText(position!);
  await expect(otherLecture.region.getByRole('status')).toHaveCount(0);
  await otherLecture.next.click();
  await expect(otherLecture.progress).toHaveText('Step 5 of 18');
});

test("a lecture link opens on the panel the lecturer had on the stage, not the step's own; an older link without it, on the step's", async ({ page, context }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  await lecture.pressNext(5);
  await expect(lecture.progress).toHaveText('Step 6 of 18');
  const tabs = page.getByRole('tablist', { name: 'Main view' });
  await expect(tabs.getByRole('tab', { name: 'Versions' })).toHaveAttribute('aria-selected', 'true');
  await tabs.getByRole('tab', { name: 'Space-time' }).click();
  const link = await share.share();

  const other = await context.newPage();
  const otherLecture = new LecturePanel(other);
  const otherTabs = other.getByRole('tablist', { name: 'Main view' });
  await other.goto(link);
  await expect(otherLecture.progress).toHaveText('Step 6 of 18');
  await expect(otherTabs.getByRole('tab', { name: 'Space-time' })).toHaveAttribute('aria-selected', 'true');
  await expect(otherLecture.question).toBeVisible();
  await expect(otherLecture.region.getByRole('status')).toHaveCount(0);

  // A link made before lecture links named their panel opens on the step's own, as it did.
  const parsed = parseLink(new URL(link).hash);
  if (!parsed.ok) throw new Error(parsed.error);
  const { view: _view, ...older } = parsed.session;
  const third = await context.newPage();
  await third.goto(`/#${encodeLink(older)}`);
  await expect(new LecturePanel(third).progress).toHaveText('Step 6 of 18');
  await expect(third.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Versions' })).toHaveAttribute('aria-selected', 'true');
});

test('a lecture link that cannot be opened as the lecture (a bad action, a changed cluster) is refused, and the class keeps its cluster', async ({ page, context }) => {
  const { share } = await cartLectureAtStep4(page);
  const link = await share.share();
  const session = parseLink(new URL(link).hash);
  if (!session.ok) throw new Error(session.error);
  const other = await context.newPage();
  const app = new AppPage(other);
  const alert = other.getByRole('alert').filter({ hasText: 'could not be opened' });
  await app.open();
  await app.controls.put('cart', 'shoes');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  // Something for Undo and for Redo to bring back, which the refused link must not cost either.
  await app.controls.put('hat', 'red');
  await app.playback.settledPosition();
  await app.playback.region.getByRole('button', { name: 'Undo put hat' }).click();
  await expect(app.playback.region.getByRole('button', { name: 'Redo put hat' })).toBeVisible();
  const withBadAction = encodeLink({ ...session.session, actions: [...session.session.actions, { input: { type: 'fail', node: 'nodeZ' } }] });
  await other.evaluate((hash) => (location.hash = hash), withBadAction);
  await expect(alert).toContainText('no node named "nodeZ"');
  await expect(new LecturePanel(other).progress).toHaveCount(0);
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  await expect(app.playback.region.getByRole('button', { name: 'Undo put cart' })).toBeVisible();
  await expect(app.playback.region.getByRole('button', { name: 'Redo put hat' })).toBeVisible();
  await expect(app.session.seed).toHaveValue(String(DEFAULT_SEED));
  // The narration is the lecture's: a link that moves its cluster would contradict it.
  const moved = { ...session.session, config: { ...session.session.config, r: 3, w: 3 } };
  await other.evaluate((hash) => (location.hash = hash), encodeLink(moved));
  await expect(alert).toContainText('it changes the cluster or the seed of part 1 of lecture "The shopping cart, 10:00 to 10:07"');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
  // Opened during a lecture, the bad link leaves the lecture where it stood, on its script.
  const lecture = new LecturePanel(page);
  await share.dialog.getByRole('button', { name: 'Close' }).click();
  await page.evaluate((hash) => (location.hash = hash), withBadAction);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('no node named "nodeZ"');
  await expect(lecture.progress).toHaveText('Step 4 of 18');
  await expect(lecture.region.getByRole('status')).toHaveCount(0);
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 5 of 18');
});

test('a lecture shared after the lecturer left its script opens off the script, as it was seen', async ({ page, context }) => {
  const { app, lecture, share } = await cartLectureAtStep4(page);
  // The lecturer's own action (failing node3 from the ring) replaces the steps the lecture recorded after it.
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Ring', exact: true }).click();
  await app.ring.node('node3').click();
  await app.ring.nodeMenu('node3').getByRole('button', { name: 'Fail node node3' }).click();
  await expect(lecture.region.getByRole('status')).toContainText('Off script');
  const position = await app.playback.position.textContent();
  const link = await share.share();

  const other = await context.newPage();
  const otherLecture = new LecturePanel(other);
  await other.goto(link);
  await expect(otherLecture.progress).toHaveText('Step 4 of 18');
  await expect(new AppPage(other).playback.position).toHaveText(position!);
  await expect(otherLecture.region.getByRole('status')).toContainText('Off script');
  await otherLecture.region.getByRole('button', { name: 'Back to the lecture' }).click();
  await expect(otherLecture.region.getByRole('status')).toHaveCount(0);
  await expect(otherLecture.progress).toHaveText('Step 4 of 18');
});

test('a link pasted into the open page opens without a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const link = encodeLink({ seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [{ input: { type: 'fail', node: 'D' } }] });
  await page.evaluate((hash) => (location.hash = hash), link);
  await expect(app.controls.nodeRow('D')).toContainText('down');
  await expect(app.playback.position).toHaveText('event 1');
});

test('a link whose # became ? (s=1.… as a query) opens all the same', async ({ page }) => {
  const app = new AppPage(page);
  const link = encodeLink({ seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [{ input: { type: 'fail', node: 'D' } }] });
  await page.goto(`/?${link}`);
  await expect(app.controls.nodeRow('D')).toContainText('down');
  await expect(app.playback.position).toHaveText('event 1');
  // A new link replaces it: the address does not carry the old one in its query as well.
  const shared = await new ShareTools(page).share();
  expect(new URL(shared).search).toBe('');
  expect(parseLink(new URL(shared).hash).ok).toBe(true);
});

/** A link that fails node D: opened, the node row says D is down at event 1. */
const FAIL_D = { seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [{ input: { type: 'fail' as const, node: 'D' } }] };

async function expectFailDOpened(app: AppPage, share: ShareTools): Promise<void> {
  await expect(app.controls.nodeRow('D')).toContainText('down');
  await expect(app.playback.position).toHaveText('event 1');
  await expect(share.alert).toHaveCount(0);
}

test('a link whose # became %23 (as chat apps send it) opens all the same, and a new link has no %23 left in it', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink(`/%23${encodeLink(FAIL_D)}`);
  await expectFailDOpened(app, share);
  const shared = await share.share();
  expect(new URL(shared).pathname).toBe('/');
  expect(parseLink(new URL(shared).hash).ok).toBe(true);
});

test("a link with the sentence's punctuation glued to it opens: chat apps take a trailing . ) , > or quote as the link's", async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  for (const tail of ['.', ')', ',', '>', '"', "').", '%22']) {
    await test.step(`followed by ${tail}`, async () => {
      // From another page: a link opened over the same page's link would only change its fragment.
      await page.goto('about:blank');
      await share.openLink(`/#${encodeLink(FAIL_D)}${tail}`);
      await expectFailDOpened(app, share);
    });
  }
  // Behind a query too (a # turned into ?).
  await page.goto('about:blank');
  await share.openLink(`/?${encodeLink(FAIL_D)}).`);
  await expectFailDOpened(app, share);
});

test('a link with parameters another program appended after it (&utm_source=…&fbclid=…) opens all the same', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink(`/#${encodeLink(FAIL_D)}&utm_source=x&fbclid=IwAR0abc`);
  await expectFailDOpened(app, share);
  // Behind a %23 too, as a chat app sends a link it escaped.
  await page.goto('about:blank');
  await share.openLink(`/%23${encodeLink(FAIL_D)}&utm=1`);
  await expectFailDOpened(app, share);
});

test('a link whose _ and - became %5F and %2D opens all the same', async ({ page }) => {
  // A value that makes the link use both characters base64url adds to letters and digits.
  const link = Array.from({ length: 200 }, (_, i) => encodeLink({ ...FAIL_D, actions: [{ input: { type: 'put' as const, key: 'cart', value: `v${i}` } }, ...FAIL_D.actions] })).find((l) => l.includes('_') && l.includes('-'))!;
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink(`/#${link.replace(/_/g, '%5F').replace(/-/g, '%2D')}`);
  await expect(app.controls.nodeRow('D')).toContainText('down');
  await expect(app.playback.position).toHaveText(/^event \d+$/);
  await expect(share.alert).toHaveCount(0);
  await expect(app.log.rows.filter({ hasText: 'cart' }).first()).toBeVisible();
});

test('a damaged link behind a %23 is said, not silently replaced by the default session', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await share.openLink('/%23s=1.garbage');
  await expect(share.alert).toContainText('This link could not be opened: it is damaged or cut short; copy it again whole');
  await app.controls.put('cart', 'shoes');
  await expect(app.log.rows.filter({ hasText: 'D1 of cart' }).first()).toBeVisible();
});

test('the ring downloads as SVG and PNG, at the size on screen, with its legend', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const panel = page.getByRole('region', { name: /^Token ring/ });
  const box = (await panel.boundingBox())!;
  const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download Token ring as SVG' }).click()]);
  expect(svg.suggestedFilename()).toBe('dynamoscope-ring.svg');
  const text = readFileSync(await svg.path(), 'utf8');
  expect(text).toContain(`width="${Math.ceil(box.width)}"`);
  expect(text).toContain('>Token ring · 4 nodes</text>');
  expect(text).toMatch(/<text[^>]*>A<\/text>/);
  // The legend (HTML on the page) is SVG text and shapes in the file, which slide programs draw: no foreignObject.
  const legendWords = [...text.matchAll(/>([^<>]*)<\/tspan>/g)].map((m) => m[1]).join('');
  expect(legendWords).toMatch(/A ?17\.0%/);
  expect(legendWords).toContain('unreachable from selected');
  expect(legendWords).toContain('walk to the top 3');
  expect(text).not.toContain('foreignObject');
  // Nothing of the page's address (after Share, a whole session's link) goes into the file.
  expect(text).not.toContain('<!--');
  expect(text).not.toContain('localhost');
  const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download Token ring as PNG' }).click()]);
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBe(Math.ceil(box.width) * 2);
  // Down to the legend's lowest edge, and no further.
  const legend = (await panel.getByText('walk to the top 3').boundingBox())!;
  expect(bytes.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor(legend.y + legend.height - box.y) * 2);
  expect(bytes.readUInt32BE(20)).toBeLessThanOrEqual(Math.ceil(box.height) * 2);
});

test('a scenario file opens through "Open scenario"', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await share.openInput.setInputFiles('examples/lecture-000-shopping-cart.json');
  await expect(app.controls.nodeNames()).toHaveText(['node1', 'node2', 'node3', 'node4']);
  await expect(app.session.seed).toHaveValue('2007');
  await expect(app.session.cluster.locator('option:checked')).toHaveText('Opened scenario');
  // R and W can then be changed on the same cluster, to compare.
  await app.session.r.selectOption('1');
  await expect(app.controls.nodeNames()).toHaveText(['node1', 'node2', 'node3', 'node4']);
  await expect(app.session.cluster.locator('option:checked')).toHaveText('Opened scenario');
  // Its expects all hold: nothing to say. One that fails is said in npm run sim's words, and the file opens all the same.
  await expect(page.getByRole('alert')).toHaveCount(0);
  const wrong = readFileSync('examples/lecture-000-shopping-cart.json', 'utf8').replace('"node1": 2, "node2": 1, "node4": 1', '"node1": 3, "node2": 1, "node4": 1');
  await share.openInput.setInputFiles({ name: 'wrong-cart.json', mimeType: 'application/json', buffer: Buffer.from(wrong) });
  await expect(page.getByRole('alert')).toHaveText(/^wrong-cart\.json opened, but 1 of its 11 expectations fails: steps\[24\]\.clock\.node1: expected 3, got 2\s*Dismiss$/);
  await expect(app.session.r).toHaveValue('1');
  await expect(app.session.cluster.locator('option:checked')).toHaveText('Opened scenario');
});

test('a scenario file or a free-play link opened during a lecture ends the lecture: it no longer narrates over the new cluster, and the library resumes it', async ({ page }) => {
  const { app, lecture, share } = await cartLectureAtStep4(page);
  await share.openInput.setInputFiles('examples/lecture-002-forwarding.json');
  await expect(app.controls.nodeNames()).toHaveText(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
  await expect(lecture.region).toHaveCount(0);
  await expect(app.session.cluster.locator('option:checked')).toHaveText('Opened scenario');
  await lecture.openButton.click();
  await lecture.library.getByRole('button', { name: 'Resume at step 4' }).click();
  await expect(lecture.progress).toHaveText('Step 4 of 18');

  // A free-play link pasted into the address bar of the same tab does the same.
  await page.evaluate((hash) => (location.hash = hash), `#${encodeLink(FAIL_D)}`);
  await expect(app.controls.nodeRow('D')).toContainText('down');
  await expect(lecture.region).toHaveCount(0);
  await expect(app.session.seed).toHaveValue(String(DEFAULT_SEED));
});

test('a scenario file opened at a lecture step with no key leaves the panels following the key the file names, not asking for one', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  await lecture.choose('Forwarding and gossip');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 6 of 12');
  await share.openInput.setInputFiles('examples/lecture-002-forwarding.json');
  await expect(lecture.region).toHaveCount(0);
  // The file's own key ("key", at 150), not the page's default one it never names.
  await expect(app.preferenceList.region.getByRole('heading')).toContainText('key @ 150');
});

test('the space-time diagram and the versions download for slides too', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  for (let i = 0; i < 4; i++) await app.playback.stepForward();
  await page.getByRole('tab', { name: 'Space-time' }).click();
  const diagram = page.getByRole('region', { name: 'Space-time diagram' });
  const [svg] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Download Space-time diagram as SVG' }).click()]);
  expect(svg.suggestedFilename()).toBe('dynamoscope-space-time.svg');
  const text = readFileSync(await svg.path(), 'utf8');
  expect(text).toContain('>Space-time diagram</text>');
  expect(text).toMatch(/<(line|path)[^>]*style="[^"]*stroke:/);
  const [png] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Download Space-time diagram as PNG' }).click()]);
  expect(readFileSync(await png.path()).subarray(1, 4).toString('ascii')).toBe('PNG');

  await page.getByRole('tab', { name: 'Versions' }).first().click();
  const versions = page.getByRole('region', { name: /^Versions/ });
  const [versionsSvg] = await Promise.all([page.waitForEvent('download'), versions.getByRole('button', { name: 'Download Versions as SVG' }).click()]);
  expect(readFileSync(await versionsSvg.path(), 'utf8')).toContain('D1');
});

test('the Merkle trees download with their key range, what the comparison found and cost, the controls above them left out and their band closed up', async ({ page }) => {
  const app = new AppPage(page);
  const merkle = new MerklePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await merkle.tab.click();
  await merkle.run.click();
  await expect(merkle.next).toBeEnabled();
  while (await merkle.next.isEnabled()) await merkle.compareNextLevel();
  await expect(merkle.stage).toContainText('Done: equal at root');
  const box = (await merkle.region.boundingBox())!;
  const trees = (await merkle.region.locator('svg').first().boundingBox())!;
  const [svg] = await Promise.all([page.waitForEvent('download'), merkle.region.getByRole('button', { name: 'Download Merkle trees as SVG' }).click()]);
  const text = readFileSync(await svg.path(), 'utf8');
  const words = [...text.matchAll(/>([^<>]*)<\/tspan>/g)].map((m) => m[1]).join('');
  // Which key range the trees are of: on the page only a select says it, and only when the pair shares several.
  expect(text).toMatch(/>Merkle trees · key range \(\d+, \d+\]<\/text>/);
  expect(words).toContain('Done: equal at root');
  expect(words).toContain('hashes compared: 2');
  expect(words).toContain('Keys sent');
  expect(words).not.toContain('Run anti-entropy');
  // The first thing under the title (the stage's sentence) starts just below it, not where the pair's menus and buttons stood.
  const tops = [...text.matchAll(/<svg [^>]*?\by="([\d.]+)"/g)].map((m) => Number(m[1]));
  const stage = (await merkle.stage.boundingBox())!;
  expect(Math.min(...tops)).toBeLessThan(stage.y - box.y - 40);
  expect(Math.min(...tops)).toBeLessThan(trees.y - box.y);
});

test('exports say what the page says beside the drawing: who holds which version, the colour of each kind of message, and a question\'s veil', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  const download = (region: Locator, label: string) => svgDownload(page, region, label);
  await app.controls.failOrRecover('B').click();
  await app.controls.put('cart', 'shoes');
  for (let i = 0; i < 4; i++) await app.playback.stepForward();
  await app.playback.settledPosition();
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Versions', exact: true }).click();
  const versions = page.getByRole('region', { name: /^Versions/ });
  await expect(versions.getByRole('list', { name: 'Held now' })).toContainText('C: D1');
  expect((await download(versions, 'Versions')).words).toMatch(/C: ?D1/);

  // The space-time legend's chips: a line in each kind's colour, as on screen (they were blank pills).
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Space-time' }).click();
  const diagram = page.getByRole('region', { name: 'Space-time diagram' });
  await diagram.getByRole('button', { name: /^Legend/ }).click();
  const kinds = diagram.getByRole('group', { name: 'Show in the diagram and the log' }).getByRole('button');
  const chipLines = await kinds.locator('svg line').count();
  expect(chipLines).toBe(await kinds.count());
  const { text, words } = await download(diagram, 'Space-time diagram');
  expect([...text.matchAll(/<line [^>]*x1="1" y1="5" x2="17" y2="5"/g)]).toHaveLength(chipLines);
  // And which kinds it leaves out.
  expect(words).toContain('hidden: Gossip, Anti-entropy');

  // A lecture's question hides this step's messages behind a veil: the slide has the veil too.
  await lecture.choose('How can multiple versions arise?');
  await lecture.pressNextTo('Step 10 of 16');
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Space-time' }).click();
  await expect(diagram.getByText("This step's messages: hidden while the lecture's question waits.")).toBeVisible();
  expect((await download(diagram, 'Space-time diagram')).words).toContain("This step's messages: hidden");
});

test('the latency panel downloads for a slide on the 99.9th percentile: each kind\'s figures with its histogram', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.playback.playWithClients('200 ops/s', 600);
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Latency', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Latency' });
  const png = panel.getByRole('button', { name: 'Download Latency as PNG' });
  // Beside the title, inside the panel: the title's words give way, not the button.
  const [button, box] = [await png.boundingBox(), await panel.boundingBox()];
  expect(button!.x + button!.width).toBeLessThanOrEqual(box!.x + box!.width);
  // At 1280×720 they need not: the title is whole ("the requests answered s…" was cut).
  expect(await panel.getByRole('heading', { name: /^Latency/ }).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download Latency as SVG' }).click()]);
  expect(file.suggestedFilename()).toBe('dynamoscope-latency.svg');
  const text = readFileSync(await file.path(), 'utf8');
  const words = [...text.matchAll(/>([^<>]*)<\/tspan>/g)].map((m) => m[1]).join('');
  expect(text).toContain('>Latency · requests answered so far</text>');
  expect(words).toContain('of gets within');
  expect(words).toContain('of puts within');
  // The histograms' bars and their 300 ms line, drawn as the panel draws them.
  expect(text).toMatch(/300 ms<\/text>/);
  expect([...text.matchAll(/<rect /g)].length).toBeGreaterThan(10);
  // Each id once, and each reference to one finds it: the two kinds' drawings numbered theirs alike, and shared masks.
  const ids = [...text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
  expect(ids.length).toBeGreaterThan(0);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [, id] of text.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(id);
});

test('the Hints and Members panels download for slides on sloppy quorum and gossip: the stand-in\'s hint, who believes whom down', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.failOrRecover('A').click();
  await app.controls.put('cart', 'shoes');
  await app.playback.playButton().click();
  const tabs = page.getByRole('tablist', { name: 'Main view' });
  await tabs.getByRole('tab', { name: 'Members' }).click();
  const members = page.getByRole('region', { name: /^Membership/ });
  // Played until a replica's timeout: C and D believe A down.
  await expect(members.getByRole('status', { name: 'Agreement' })).toContainText('C, D see A down', { timeout: 15_000 });
  await app.playback.pauseButton().click();
  await app.playback.settledPosition();

  await tabs.getByRole('tab', { name: 'Hints' }).click();
  const hints = page.getByRole('region', { name: /^Hinted handoff/ });
  await expect(hints.getByRole('table', { name: 'Hinted stores' })).toContainText('cart');
  const hinted = await svgDownload(page, hints, 'Hinted handoff');
  expect(hinted.file).toBe('dynamoscope-hints.svg');
  expect(hinted.text).toContain('>Hinted handoff · 1 hint held</text>');
  for (const said of ['Hints held over time', 'B holds 1 hint', 'cart', 'D1', 'Sloppy quorum: sent to a stand-in', 'B took it as a hint']) expect(hinted.words).toContain(said);
  // The chart's line, drawn as the panel draws it.
  expect(hinted.text).toMatch(/<path [^>]*d="M/);

  await tabs.getByRole('tab', { name: 'Members' }).click();
  // Gossip round, SVG and PNG beside the title at 1280×720: the title gives up its count, whole words, not an ellipsis.
  const title = members.getByRole('heading', { name: /^Membership/ });
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // Out of sight, the count is still in the heading a screen reader reads.
  await expect(title).toHaveAccessibleName('Membership · 4 members');
  const views = await svgDownload(page, members, 'Membership');
  expect(views.file).toBe('dynamoscope-membership.svg');
  expect(views.text).toContain('>Membership · 4 members</text>');
  for (const said of ['Views agree on who is a member', 'C, D see', 'down v1', 'up v1', 'Gossip, last 1 s']) expect(views.words).toContain(said);
  // The gossip circle's nodes, and its legend (a down node's view, a seed).
  expect(views.text).toMatch(/<circle /);
  for (const said of ['down', 'unknown', 'seed']) expect(views.words).toContain(said);
});

test('a slide of a panel that scrolls has what is whole in sight: the hints table row by row, nothing scrolled under the title', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.failOrRecover('A').click();
  for (let i = 1; i <= 8; i++) await app.controls.put(`k${i}`, 'v');
  await app.playback.region.getByRole('combobox', { name: 'Speed' }).selectOption('100 ms/s');
  await app.playback.playButton().click();
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Hints' }).click();
  const hints = page.getByRole('region', { name: /^Hinted handoff/ });
  await expect(hints.getByRole('status', { name: 'Hints held' })).toContainText('5 hints held', { timeout: 15_000 });
  // Played on until the stand-ins' first handovers are lost (A is down): each row takes three lines.
  const table = hints.getByRole('table', { name: 'Hinted stores' });
  await expect(table).toContainText('keeps it', { timeout: 15_000 });
  await app.playback.pauseButton().click();
  await app.playback.settledPosition();
  // The table runs past the panel's foot: as one piece it was left out whole, the hints with it.
  const body = hints.getByRole('group', { name: 'Hinted stores and handovers' });
  expect((await table.boundingBox())!.y + (await table.boundingBox())!.height).toBeGreaterThan((await body.boundingBox())!.y + (await body.boundingBox())!.height);
  const whole = await svgDownload(page, hints, 'Hinted handoff');
  for (const said of ['Hints held over time', 'Stand-in', 'B holds 2 hints', 'k5', 'k7']) expect(whole.words).toContain(said);
  // Scrolled a little, the chart's caption goes under the title: it stayed on the slide, drawn over the title.
  await body.evaluate((el) => (el.scrollTop = 20));
  const scrolled = await svgDownload(page, hints, 'Hinted handoff');
  expect(scrolled.words).not.toContain('Hints held over time');
  for (const said of ['B holds 2 hints', 'k5']) expect(scrolled.words).toContain(said);
});

test('a link keeps the background clients and the speed: played on, the opened page makes the same requests', async ({ page, context }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.controls.put('hat', 'red');
  const bar = app.playback.region;
  await bar.getByRole('combobox', { name: 'Speed' }).selectOption('100 ms/s');
  await bar.getByRole('combobox', { name: 'Background load' }).selectOption('200 ops/s');
  const link = await new ShareTools(page).share();
  await page.keyboard.press('Escape');

  /** Plays until the clients made 10 requests, pauses, and lists them from the saved session. */
  const playAndList = async (p: Page) => {
    const playback = new AppPage(p).playback;
    const before = await playback.eventCount();
    await playback.playButton().click();
    await expect.poll(() => playback.eventCount(), { timeout: 15_000 }).toBeGreaterThan(before + 150);
    await playback.pauseButton().click();
    const saved = JSON.parse(readFileSync(await new ShareTools(p).save(), 'utf8')) as { actions: { input?: object; background?: true }[] };
    return saved.actions.filter((a) => a.background).slice(0, 10).map((a) => a.input);
  };
  const seen = await playAndList(page);
  expect(seen).toHaveLength(10);

  const other = await context.newPage();
  await new ShareTools(other).openLink(link);
  const otherBar = new AppPage(other).playback.region;
  await expect(otherBar.getByRole('combobox', { name: 'Background load' })).toHaveValue('200');
  await expect(otherBar.getByRole('combobox', { name: 'Speed' })).toHaveValue('100');
  // Each background request falls at its own virtual time, whatever the frames were: the same run.
  expect(await playAndList(other)).toEqual(seen);
});

test('a link keeps the kinds the log hid, so Step forward passes over the same events in both pages', async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  await app.log.filter('Gossip').click();
  await expect(app.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'true');
  await app.controls.put('cart', 'shoes');
  for (let i = 0; i < 2; i++) await app.playback.stepForward();
  const link = await share.share();
  await page.keyboard.press('Escape');

  const other = await context.newPage();
  const otherApp = new AppPage(other);
  await new ShareTools(other).openLink(link);
  await expect(otherApp.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'true');
  await expect(otherApp.log.filter('Anti-entropy')).toHaveAttribute('aria-pressed', 'false');
  await expect(otherApp.playback.position).toHaveText(await app.playback.settledPosition());
  for (let i = 0; i < 4; i++) {
    await app.playback.stepForward();
    await otherApp.playback.stepForward();
    await expect(otherApp.playback.position).toHaveText(await app.playback.settledPosition());
  }
});

test('a lecture link keeps the request the trace told and the speed, as a free-play link does', async ({ page, context }) => {
  const { app, share } = await cartLectureAtStep4(page);
  await page.getByRole('tablist', { name: 'Key panel' }).getByRole('tab', { name: 'Request trace' }).click();
  await page.getByRole('region', { name: 'Request trace' }).getByRole('combobox').selectOption({ label: '#1 put(cart) via node1' });
  await app.playback.region.getByLabel('Speed').selectOption({ label: '5 ms/s' });
  const summary = await page.getByRole('region', { name: 'Request trace' }).getByLabel('Request summary').textContent();
  expect(summary).toContain('#1 put(cart)');
  const link = await share.share();

  const other = await context.newPage();
  await other.goto(link);
  await expect(new LecturePanel(other).progress).toHaveText('Step 4 of 18');
  await expect(other.getByRole('region', { name: 'Request trace' }).getByLabel('Request summary')).toHaveText(summary!);
  await expect(new AppPage(other).playback.region.getByLabel('Speed')).toHaveValue('5');
});

/** A scenario on the teaching ring that ends 3 s after its last event: a wait with nothing due in it (gossip and anti-entropy off). */
function endsWithWait(title?: string) {
  return {
    version: 1,
    ...(title !== undefined ? { title } : {}),
    seed: 9,
    config: { ...DEFAULT_CONFIG, gossipIntervalMs: 0, antiEntropyIntervalMs: 0 },
    steps: [{ op: 'put', key: 'cart', value: 'socks', via: 'A' }, { op: 'settle' }, { op: 'wait', ms: 3000 }],
  };
}

test("the slider's far end is the end of a scenario, its closing wait included: the clock npm run sim reports, and a file saved there runs to it", async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  const scenario = endsWithWait();
  const sim = runCli(['waits.json'], () => JSON.stringify(scenario));
  expect(sim.code).toBe(0);
  const endMs = JSON.parse(sim.stdout).final.atMs as number;
  await share.openInput.setInputFiles({ name: 'waits.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  // Opened (End pressed before, on the empty cluster's slider, would aim at that cluster's end).
  await expect(app.session.cluster.locator('option:checked')).toHaveText('Opened scenario');
  const clock = app.playback.region.getByTitle('Virtual time');
  await expect(clock).toHaveText('0.0 ms');
  const slider = app.playback.region.getByRole('slider', { name: 'Time: the recording, event by event' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(clock).toHaveText(`${endMs.toFixed(1)} ms`);
  // At the end, not "in the past" of the recording.
  await expect(app.playback.position).not.toContainText('/');
  // Back on the last event, the thumb is already at the far end: End still goes on to the end of the wait.
  const lastEvent = await app.playback.region.getByRole('slider').getAttribute('max');
  await app.playback.stepBack();
  await expect(app.playback.position).toHaveText(`event ${lastEvent}/${lastEvent} · past`);
  await expect(clock).not.toHaveText(`${endMs.toFixed(1)} ms`);
  await slider.focus();
  await page.keyboard.press('End');
  await expect(clock).toHaveText(`${endMs.toFixed(1)} ms`);
  await expect(app.playback.position).not.toContainText('/');
  const saved = JSON.parse(readFileSync(await share.save(), 'utf8'));
  const rerun = runCli(['saved.json'], () => JSON.stringify(saved));
  expect(JSON.parse(rerun.stdout).final.atMs).toBe(endMs);
});

test("an opened scenario's title names the browser tab and the cluster's tooltip; Save and Share keep it, a new seed drops it", async ({ page, context }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  const title = 'Two puts, then quiet';
  const titled = { ...endsWithWait(title), config: { ...endsWithWait().config, nodes: DEFAULT_CONFIG.nodes.slice(0, 3) } };
  await share.openInput.setInputFiles({ name: 'titled.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(titled)) });
  await expect(page).toHaveTitle(`${title} — DynamoScope`);
  await expect(app.session.cluster).toHaveAttribute('title', `${title}. Opened scenario: 3 nodes`);
  await expect(app.session.cluster.locator('option:checked')).toHaveText('Opened scenario');
  // N, R or W changed: the same actions made again, under the same title.
  await app.session.r.selectOption('1');
  await expect(app.session.cluster).toHaveAttribute('title', `${title}. Opened scenario: 3 nodes`);

  await app.playback.stepForward();
  await share.fileMenuButton.click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Save scenario/ }).click()]);
  expect(download.suggestedFilename()).toBe('two-puts-then-quiet.json');
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(saved.title).toBe(title);
  expect(JSON.parse(runCli(['saved.json'], () => JSON.stringify(saved)).stdout).title).toBe(title);

  const link = await share.share();
  expect(parseLink(new URL(link).hash)).toMatchObject({ ok: true, session: { title } });
  const other = await context.newPage();
  await new ShareTools(other).openLink(link);
  await expect(other).toHaveTitle(`${title} — DynamoScope`);
  await other.close();

  await page.keyboard.press('Escape');
  await app.session.seed.fill('10');
  await app.session.seed.press('Enter');
  await expect(app.session.seed).toHaveValue('10');
  await expect(page).toHaveTitle("DynamoScope — Amazon's Dynamo, step by step");
  await expect(app.session.cluster).toHaveAttribute('title', 'Opened scenario: 3 nodes');
});

test('a scenario whose expectations fail says how many comparisons failed as npm run sim lists them, not only how many blocks', async ({ page }) => {
  const app = new AppPage(page);
  const share = new ShareTools(page);
  await app.open();
  const scenario = { version: 1, seed: 1, config: DEFAULT_CONFIG, steps: [{ op: 'put', key: 'cart', value: 'socks', via: 'A', expect: { ok: false, key: 'hat' } }, { op: 'settle' }] };
  const sim = runCli(['waits.json'], () => JSON.stringify(scenario));
  expect(JSON.parse(sim.stdout).expectations).toMatchObject({ checked: 1, failed: [{ path: 'steps[0].ok' }, { path: 'steps[0].key' }] });
  await share.openInput.setInputFiles({ name: 'two-wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await expect(page.getByRole('alert')).toHaveText(/^two-wrong\.json opened, but 1 of its 1 expectations fails, 2 comparisons in all\. The first failure: steps\[0\]\.ok: expected false, got true \(npm run sim lists them all\)/);
});

/** A panel's SVG download: its file name, its text and the words dom-to-svg drew of its HTML. */
async function svgDownload(page: Page, region: Locator, label: string): Promise<{ file: string; text: string; words: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: `Download ${label} as SVG` }).click()]);
  const text = readFileSync(await file.path(), 'utf8');
  return { file: file.suggestedFilename(), text, words: [...text.matchAll(/>([^<>]*)<\/tspan>/g)].map((m) => m[1]).join('') };
}
