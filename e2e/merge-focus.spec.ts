/**
 * Reconciling with the keyboard alone: the Versions panel's Merge and Last write wins replace
 * the button pressed with a form, and the focus must follow it there, back, and on once the
 * write-back has come back; left on the page's body, the next Space played the cluster while
 * the form stood open. In a lecture, the step that merges keeps the focus on Next.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { VersionsPanel } from './pages/versions-panel';

/** Runs the cluster on until the request just made has answered, then pauses. */
async function settle(app: AppPage): Promise<void> {
  await app.playback.region.getByRole('combobox', { name: 'Speed' }).selectOption('real time');
  await app.playback.playButton().click();
  await expect(app.requestTrace.summary).toContainText(/answered|failed/, { timeout: 15_000 });
  await app.playback.pauseButton().click();
}

/**
 * Free play with two siblings of cart in the Versions panel's Reconcile group: blind writes
 * through A and D, both on cart's walk (C, D, A), so each coordinates its own and neither
 * clock descends from the other; then a get returns both.
 */
async function siblings(page: Page): Promise<{ app: AppPage; reconcile: Locator }> {
  const app = new AppPage(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await app.controls.put('cart', 'socks', 'A');
  await settle(app);
  await app.controls.put('cart', 'shoes', 'D');
  await settle(app);
  await app.controls.get('cart');
  await settle(app);
  await versions.tab.click();
  const reconcile = versions.region.getByRole('group', { name: 'Reconcile' });
  await expect(reconcile).toContainText('The latest get returned 2 versions');
  return { app, reconcile };
}

/** Reaches a Reconcile button as a keyboard user does, with Tab (here back from the button after it). */
async function tabTo(page: Page, button: Locator, after: Locator): Promise<void> {
  await after.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(button).toBeFocused();
}

test('Merge pressed with Enter takes the focus to the merged value, where Space types instead of playing; Back gives it to Merge again', async ({ page }) => {
  const { app, reconcile } = await siblings(page);
  const merge = reconcile.getByRole('button', { name: 'Merge', exact: true });
  await tabTo(page, merge, reconcile.getByRole('button', { name: 'Last write wins' }));
  await page.keyboard.press('Enter');
  const field = reconcile.getByRole('textbox', { name: 'Merged value' });
  await expect(field).toBeFocused();
  // Space is the field's: a space typed, and the cluster still paused at the same event.
  const at = await app.playback.settledPosition();
  const before = await field.inputValue();
  await page.keyboard.press('Space');
  await expect(field).toHaveValue(`${before} `);
  await page.keyboard.type('hat');
  await expect(field).toHaveValue(`${before} hat`);
  await expect(app.playback.playButton()).toBeVisible();
  expect(await app.playback.settledPosition()).toBe(at);
  // Tab to Back (past Put merged cart), Enter: the form goes, and the focus is on Merge again.
  await page.keyboard.press('Tab');
  await expect(reconcile.getByRole('button', { name: 'Put merged cart' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(reconcile.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(field).toHaveCount(0);
  await expect(merge).toBeFocused();
  // And Merge again opens the form with the focus in it.
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
});

test('Put merged cart pressed with Enter: once the write-back has come back, the focus is on the line that says what it wrote, not on the page', async ({ page }) => {
  const { app, reconcile } = await siblings(page);
  const merge = reconcile.getByRole('button', { name: 'Merge', exact: true });
  await tabTo(page, merge, reconcile.getByRole('button', { name: 'Last write wins' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const put = reconcile.getByRole('button', { name: 'Put merged cart' });
  await expect(put).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.requestTrace.summary).toContainText('put(cart)');
  // → steps the cluster (a button's arrows are the page's) until the write-back has answered and the form goes.
  const done = reconcile.getByRole('note');
  for (let i = 0; i < 40 && (await done.count()) === 0; i++) await page.keyboard.press('ArrowRight');
  await expect(done).toContainText(/^Written back as D3 /);
  await expect(put).toHaveCount(0);
  await expect(done).toBeFocused();
  // The next Tab goes on from there, not from the top of the page.
  await page.keyboard.press('Tab');
  expect(await done.evaluate((note) => (note.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0)).toBe(true);

  // Stepping back past the write-back brings the form back by itself: it must not take the focus from Step back.
  // One step back at a time, until the form is back (how many steps that takes depends on when Play paused in `siblings`).
  await app.playback.stepBackButton.focus();
  for (let i = 0; i < 12 && (await put.count()) === 0; i++) {
    const at = await app.playback.settledPosition();
    await page.keyboard.press('Enter');
    await expect.poll(() => app.playback.settledPosition()).not.toBe(at);
    await expect(app.playback.stepBackButton).toBeFocused();
  }
  await expect(put).toBeVisible();
  // And the next step back still goes from Step back.
  await page.keyboard.press('Enter');
  await expect(app.playback.stepBackButton).toBeFocused();
});

test('Last write wins pressed with Enter takes the focus to its Back, not its write (Enter twice must not throw a version away); Back gives it to Last write wins again', async ({ page }) => {
  const { reconcile } = await siblings(page);
  const lww = reconcile.getByRole('button', { name: 'Last write wins' });
  await tabTo(page, reconcile.getByRole('button', { name: 'Merge', exact: true }), lww);
  await page.keyboard.press('Tab');
  await expect(lww).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reconcile.getByRole('button', { name: 'Back', exact: true })).toBeFocused();
  await expect(reconcile.getByRole('button', { name: /\(last write wins\)$/ })).toBeVisible();
  await page.keyboard.press('Enter'); // Back
  await expect(lww).toBeFocused();
});

test("in the paper's D1 to D5, Merge from the keyboard keeps the lecture's keys off the field, and the step that merges keeps the focus on Next", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await lecture.openButton.focus();
  await page.keyboard.press('Enter');
  await lecture.library.getByRole('button', { name: "Vector clocks in Dynamo: the paper's D1 to D5", exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(lecture.next).toBeFocused();
  /** Enter on Next, once the step before has finished playing. */
  const next = async () => {
    await expect(app.playback.pauseButton()).toHaveCount(0, { timeout: 5000 });
    await expect(lecture.next).toBeEnabled();
    await page.keyboard.press('Enter');
  };
  // Step 11: the get that returns D3 and D4, its question waiting.
  for (let i = 0; i < 30 && (await lecture.progress.textContent()) !== 'Step 11 of 13'; i++) await next();
  await expect(lecture.progress).toHaveText('Step 11 of 13');
  const reconcile = versions.region.getByRole('group', { name: 'Reconcile' });
  await expect(reconcile).toContainText('The latest get returned 2 versions');
  await expect(app.playback.pauseButton()).toHaveCount(0, { timeout: 5000 });
  const merge = reconcile.getByRole('button', { name: 'Merge', exact: true });
  await tabTo(page, merge, reconcile.getByRole('button', { name: 'Last write wins' }));
  await page.keyboard.press('Enter');
  const field = reconcile.getByRole('textbox', { name: 'Merged value' });
  await expect(field).toBeFocused();
  // Space, the lecture's Next on the page, types in the field: the step stays, its question unanswered.
  const before = await field.inputValue();
  await page.keyboard.press('Space');
  await expect(field).toHaveValue(`${before} `);
  await expect(lecture.progress).toHaveText('Step 11 of 13');
  await expect(lecture.answer).toHaveCount(0);
  // Back to Next (as Tab would), which reveals the answer, then plays step 12: the lecture writes D5 itself.
  await lecture.next.focus();
  await next();
  await expect(lecture.answer).toBeVisible();
  await expect(lecture.next).toBeFocused();
  await next();
  await expect(lecture.progress).toHaveText('Step 12 of 13');
  await expect(reconcile.getByRole('note')).toContainText('Written back as D5', { timeout: 10_000 });
  // The merge form the lecturer left open went with the write, but Next had the focus, and keeps it.
  await expect(field).toHaveCount(0);
  await expect(lecture.next).toBeFocused();
  await next();
  await expect(lecture.progress).toHaveText('Step 13 of 13');
  await expect(lecture.next).toBeFocused();
});
