/**
 * A lecturer shares a link and the class opens it on phones: the page stacks into one column
 * and scrolls, and nothing may be cut at the screen's right edge, where a phone shows no
 * scrollbar to say that more is there. Targets a finger taps are at least 24 px (WCAG 2.5.8).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { ShareTools } from './pages/share';

test.use({ reducedMotion: 'reduce' });

const STAGES = ['Ring', 'Versions', 'Space-time', 'Hints', 'Merkle', 'Members', 'Latency'] as const;

/** How far a locator's box runs past the screen's left or right edge, in CSS px (0 when inside). */
async function pastEdges(page: Page, locator: Locator): Promise<number> {
  const box = (await locator.boundingBox())!;
  const width = page.viewportSize()!.width;
  return Math.max(0, -box.x, box.x + box.width - width);
}

/** Every visible button of a region, each inside the screen's width. */
async function expectButtonsInside(page: Page, region: Locator): Promise<void> {
  for (const button of await region.getByRole('button').all()) {
    if (!(await button.isVisible())) continue;
    expect(await pastEdges(page, button), `${await button.getAttribute('aria-label') ?? await button.textContent()}`).toBe(0);
  }
}

for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 740 }]) {
  test.describe(`on a ${viewport.width}×${viewport.height} phone`, () => {
    test.use({ viewport, hasTouch: true, isMobile: true });

    test('every stage tab is on screen, big enough to tap, and shows its panel with its buttons inside the screen', async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      const tabs = page.getByRole('tablist', { name: 'Main view' });
      for (const name of STAGES) {
        const tab = tabs.getByRole('tab', { name, exact: true });
        // Before, the row ran past the edge with no scrollbar: Members was not on screen at all.
        expect(await pastEdges(page, tab), name).toBe(0);
        expect((await tab.boundingBox())!.height, name).toBeGreaterThanOrEqual(24);
        await tab.tap();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await expectButtonsInside(page, page.locator('.left-column'));
      }
      const [tabsScroll, tabsClient] = await tabs.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(tabsScroll).toBeLessThanOrEqual(tabsClient);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    });

    test('the preference list shows all its columns, a node selected and a fallback included', async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      await app.controls.put('cart', 'shoes');
      await app.playback.stepForward();
      await app.ring.node('A').tap();
      await expect(app.preferenceList.table.getByRole('columnheader', { name: 'A sees' })).toBeVisible();
      const scroller = page.locator('.table-scroll');
      const [scrollWidth, clientWidth] = await scroller.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      // Before, the last column ran 50 px past the table's box, cut to "Ho…" on the screen.
      const holds = (await app.preferenceList.table.getByRole('columnheader', { name: 'Holds' }).boundingBox())!;
      const box = (await scroller.boundingBox())!;
      expect(holds.x + holds.width).toBeLessThanOrEqual(box.x + box.width);
    });

    test('node ids of seven characters leave the preference list room: the Holds column stays inside, "coordinator" drawn "coord."', async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      const ids = ['node101', 'node102', 'node103', 'node104'];
      const scenario = {
        version: 1,
        seed: 7,
        config: { n: 3, r: 2, w: 2, ringSize: 1000, nodes: ids.map((id, i) => ({ id, tokens: [100 + 250 * i] })) },
        steps: [{ op: 'put', key: 'cart', value: 'shoes' }, { op: 'settle' }],
      };
      await new ShareTools(page).openInput.setInputFiles({ name: 'long-ids.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
      await expect(app.controls.nodeNames()).toHaveText(ids);
      const slider = app.playback.region.getByRole('slider', { name: 'Time: the recording, event by event' });
      await slider.fill((await slider.getAttribute('max'))!);
      await app.ring.node('node101').tap();
      const table = app.preferenceList.table;
      await expect(table.getByRole('columnheader', { name: 'node101 sees' })).toBeVisible();
      await expect(app.preferenceList.row('node102').getByRole('cell').last()).toHaveText('D1');
      // Before, the six columns needed 372 px of the 326 there are, and Holds was cut off the table's edge.
      const scroller = page.locator('.table-scroll');
      const [scrollWidth, clientWidth] = await scroller.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      const holds = (await table.getByRole('columnheader', { name: 'Holds' }).boundingBox())!;
      const box = (await scroller.boundingBox())!;
      expect(holds.x + holds.width).toBeLessThanOrEqual(box.x + box.width);
      // No node id is broken over two lines to make it fit: each row is one line high.
      for (const id of ids) expect((await app.preferenceList.row(id).getByRole('rowheader').boundingBox())!.height, id).toBeLessThan(26);
      await expect(app.preferenceList.row('node102').getByRole('cell').nth(2)).toHaveText(/coord\./);
    });

    test('the File menu, the share dialog, the shortcuts and the lectures fit the screen', async ({ page }) => {
      const app = new AppPage(page);
      const share = new ShareTools(page);
      await app.open();
      await share.fileMenuButton.tap();
      const menu = page.getByRole('menu', { name: 'File' });
      for (const item of await menu.getByRole('menuitem').all()) expect(await pastEdges(page, item)).toBe(0);
      await page.keyboard.press('Escape');
      await share.shareButton.tap();
      expect(await pastEdges(page, share.dialog)).toBe(0);
      await share.dialog.getByRole('button', { name: 'Close' }).tap();
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).tap();
      const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      expect(await pastEdges(page, shortcuts)).toBe(0);
      // Taller than the screen, it opens at its top, its title in view (not scrolled to the Close it focuses), and scrolls inside itself: Close can be reached.
      await expect(shortcuts.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport({ ratio: 1 });
      await expect(shortcuts.getByRole('button', { name: 'Close' })).toBeFocused();
      await shortcuts.getByRole('button', { name: 'Close' }).scrollIntoViewIfNeeded();
      await expect(shortcuts.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
      await shortcuts.getByRole('button', { name: 'Close' }).tap();
      const lectures = new LecturePanel(page);
      await lectures.openButton.tap();
      expect(await pastEdges(page, lectures.library)).toBe(0);
      await expectButtonsInside(page, lectures.library);
    });

    test('a lecture steps with Next, and its question is answered by a tap', async ({ page }) => {
      const app = new AppPage(page);
      const lecture = new LecturePanel(page);
      await app.open();
      await lecture.openButton.tap();
      await lecture.library.getByRole('button', { name: 'The shopping cart, 10:00 to 10:07', exact: true }).tap();
      await expect(lecture.progress).toHaveText(/^Step 1 of/);
      await lecture.pressNext(2);
      await expect(lecture.progress).toHaveText(/^Step 3 of/);
      while ((await lecture.question.count()) === 0) await lecture.pressNext();
      await lecture.question.getByRole('button').first().tap();
      await expect(lecture.answer).toBeVisible();
      await expectButtonsInside(page, lecture.region);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    });
  });
}

test('a lecture link made with Wide on opens on a phone with its narration and Next, and no Wide toggle to hide them', async ({ browser }, testInfo) => {
  const { baseURL } = testInfo.project.use;
  const desk = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  const lecturer = await desk.newPage();
  const lecture = new LecturePanel(lecturer);
  await new AppPage(lecturer).open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  await lecture.pressNext(2);
  await expect(lecture.progress).toHaveText('Step 3 of 18');
  await lecturer.getByRole('button', { name: 'Wide view' }).click();
  await expect(lecture.region).toBeHidden(); // on the projector, Wide gives the stage the whole width
  const link = await new ShareTools(lecturer).share();
  await desk.close();

  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
  const student = await phone.newPage();
  const seen = new LecturePanel(student);
  await student.goto(link);
  await expect(seen.progress).toHaveText('Step 3 of 18');
  // Stacked, the stage has the whole width already: Wide would only have hidden the lecture below it.
  await expect(seen.narration).toBeVisible();
  await expect(seen.next).toBeVisible();
  await expect(student.getByRole('button', { name: 'Wide view' })).toBeHidden();
  await seen.pressNext();
  await expect(seen.progress).toHaveText('Step 4 of 18');
  await phone.close();
});

test.describe('on a tablet held upright', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

  test('the two columns show every stage tab and the preference list whole', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    for (const name of STAGES) expect(await pastEdges(page, page.getByRole('tab', { name, exact: true })), name).toBe(0);
    const tabs = page.getByRole('tablist', { name: 'Main view' });
    const [tabsScroll, tabsClient] = await tabs.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(tabsScroll).toBeLessThanOrEqual(tabsClient);
    const [scrollWidth, clientWidth] = await page.locator('.table-scroll').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });
});
