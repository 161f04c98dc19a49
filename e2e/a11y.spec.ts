/**
 * axe-core's WCAG 2.1 A and AA rules over what a class sees: every stage panel with something
 * in it, a lecture's question before and after the vote, the dialogs and menus, and the narrow
 * layout of a zoomed projector. A rule axe cannot decide alone (it reports it as "incomplete")
 * counts too when it is one we must not leave to chance: a name on an element that may not
 * carry one (aria-prohibited-attr) is read out by no screen reader.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';

const MUST_PASS_WHEN_UNSURE = new Set(['aria-prohibited-attr', 'aria-allowed-attr', 'aria-valid-attr-value']);

/** What axe finds on the page as it stands, one line per rule and element, empty when nothing. */
async function problems(page: Page, scene: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = [...result.violations, ...result.incomplete.filter((r) => MUST_PASS_WHEN_UNSURE.has(r.id))];
  return found.flatMap((rule) => rule.nodes.map((n) => `${scene}: ${rule.id} (${rule.help}) at ${n.target.join(' ')}`));
}

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name, exact: true }).click();

test('free play: every stage panel, the client form and the log, with a hinted write and a Merkle exchange, pass axe', async ({ page }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.controls.fail('C');
  await app.controls.put('cart', 'boots');
  const found: string[] = [];
  for (const name of ['Ring', 'Versions', 'Space-time', 'Hints', 'Members']) {
    await tab(page, name);
    await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
    found.push(...(await problems(page, name)));
  }
  await tab(page, 'Merkle');
  await page.getByRole('button', { name: 'Run anti-entropy' }).click();
  await expect(page.getByRole('button', { name: 'Run anti-entropy' })).toBeVisible();
  found.push(...(await problems(page, 'Merkle')));
  await app.controls.partition(['A', 'B']);
  await tab(page, 'Ring');
  await expect(app.ring.node('C')).toHaveAccessibleName(/side II of the split/);
  found.push(...(await problems(page, 'split')));
  expect(found).toEqual([]);
});

test("a lecture's question, before and after the class votes, and the dialogs and menus pass axe", async ({ page }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  const found: string[] = [];
  await lecture.openButton.click();
  await expect(lecture.library).toBeVisible();
  found.push(...(await problems(page, 'lecture library')));
  await lecture.library.getByRole('button', { name: 'The shopping cart, 10:00 to 10:07', exact: true }).click();
  for (let i = 0; i < 20 && (await lecture.progress.textContent()) !== 'Step 9 of 18'; i++) await lecture.pressNext();
  await expect(lecture.question).toContainText('Can node4 save only D3?');
  found.push(...(await problems(page, 'question')));
  await lecture.question.getByRole('button').first().click();
  await expect(lecture.answer).toBeVisible();
  found.push(...(await problems(page, 'answer')));
  await lecture.leave.click();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  found.push(...(await problems(page, 'shortcuts')));
  await page.keyboard.press('Escape');
  await page.getByRole('banner').getByRole('button', { name: 'File' }).click();
  await expect(page.getByRole('menu', { name: 'File' })).toBeVisible();
  found.push(...(await problems(page, 'File menu')));
  await page.keyboard.press('Escape');
  await page.getByRole('banner').getByRole('button', { name: 'Share', exact: true }).click();
  found.push(...(await problems(page, 'share')));
  expect(found).toEqual([]);
});

test('the narrow layout of a zoomed projector (853×480) passes axe', async ({ page }) => {
  await page.setViewportSize({ width: 853, height: 480 });
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  expect(await problems(page, '853×480')).toEqual([]);
});

test("no two tabs on the page share a name: the stage's Versions and the key column's are told apart", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const names = [...(await page.locator('body').ariaSnapshot()).matchAll(/- tab "([^"]+)"/g)].map((m) => m[1]);
  expect(names).toEqual(expect.arrayContaining(['Versions', 'Versions of the selected key', 'Request trace']));
  expect(names).toHaveLength(new Set(names).size);
});

test('status lines that follow the playback keep quiet while it plays, so a screen reader is not read every frame, and speak again once paused', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.fail('B');
  await page.getByRole('tab', { name: 'Hints' }).click();
  const held = page.getByRole('region', { name: 'Hinted handoff' }).getByRole('status', { name: 'Hints held' });
  await expect(held).toHaveAttribute('aria-live', 'polite');
  await app.playback.playButton().click();
  await expect(held).toHaveAttribute('aria-live', 'off');
  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(page.getByRole('status', { name: 'Agreement' })).toHaveAttribute('aria-live', 'off');
  await app.playback.pauseButton().click();
  await expect(page.getByRole('status', { name: 'Agreement' })).toHaveAttribute('aria-live', 'polite');
});
