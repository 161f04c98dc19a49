/**
 * The sizes a lecture hall really gives: a 720p projector with the browser's own bars
 * (1280×640), and the same projector at 125% and 150% browser zoom (1024×576 and 853×480
 * CSS px), the usual way to make the text bigger. The page must not turn into a column to
 * scroll: the stage, the controls, and in a lecture the narration with Next, all on screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';

// Lecture steps are checked at their ends: with reduced motion Next jumps there, as it did before
// steps played (lecture-play.spec.ts plays them).
test.use({ reducedMotion: 'reduce' });

const SIZES = [
  { name: '720p with the browser bars', width: 1280, height: 640, scale: 1 },
  { name: '720p at 125% zoom', width: 1024, height: 576, scale: 1.25 },
  { name: '720p at 150% zoom', width: 853, height: 480, scale: 1.5 },
] as const;

/** The page's own scroll: none, so nothing the class needs is below the fold. */
const pageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });

    test('the ring, the client form and the playback bar share one screen; a put is followed without scrolling', async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      expect(await pageScroll(page)).toBeLessThanOrEqual(0);
      await expect(app.ring.node('A')).toBeInViewport();
      // Every node's badge can be told apart and clicked: none lies on another.
      const boxes = await Promise.all(['A', 'B', 'C', 'D'].map(async (id) => (await app.ring.node(id).boundingBox())!));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          expect(Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2))).toBeGreaterThan(a.width * 0.9);
        }
      await app.ring.node('C').click();
      await expect(app.ring.nodeMenu('C').getByRole('button', { name: 'Fail node C' })).toBeInViewport({ ratio: 0.99 });
      await app.ring.nodeMenu('C').getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('button', { name: 'Put' })).toBeInViewport({ ratio: 0.99 });
      await page.getByRole('button', { name: 'Put' }).click();
      await app.playback.stepForward();
      await expect(app.playback.stepForwardButton).toBeInViewport({ ratio: 0.99 });
      await expect(app.ring.messages().first()).toBeInViewport();
      expect(await pageScroll(page)).toBeLessThanOrEqual(0);
      // What the step did, in words, on the same screen: the log's line where the log is beside the stage, else the step's line over the controls.
      const caption = page.getByRole('note', { name: "The step's event" });
      await app.playback.settledPosition(); // the step's frame has arrived: the log's current line is the step's
      const words = (await app.log.current.locator('.log-text').getAttribute('title'))!;
      expect(words).not.toBe('');
      if (size.width > 1100) {
        await expect(app.log.current).toBeInViewport({ ratio: 0.99 });
        await expect(caption).toBeHidden();
      } else {
        await expect(app.log.current).not.toBeInViewport();
        await expect(caption).toBeInViewport({ ratio: 0.99 });
        await expect(caption).toHaveAttribute('title', words);
        await expect(caption).toContainText(words.slice(0, 20));
      }
    });

    test('playing, with a long Undo label, the playback bar keeps every control on screen: the step buttons keep their names', async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      await page.getByRole('tab', { name: 'Merkle' }).click();
      await page.getByRole('button', { name: 'Run anti-entropy' }).click();
      await expect(app.playback.region.getByRole('button', { name: /^Undo anti-entropy/ })).toBeVisible();
      await app.playback.playButton().click();
      await expect(app.playback.pauseButton()).toBeVisible();
      for (const name of ['Step back', 'Pause', 'Step forward', /^Undo anti-entropy/]) {
        const button = app.playback.region.getByRole('button', { name, exact: typeof name === 'string' });
        expect(await button.evaluate((b) => b.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
      }
      await app.playback.pauseButton().click();
    });

    test('a lecture keeps its narration, its question and Next on screen beside the stage, step after step', async ({ page }) => {
      const app = new AppPage(page);
      const lecture = new LecturePanel(page);
      await app.open();
      await lecture.choose('The shopping cart, 10:00 to 10:07');
      await expect(lecture.progress).toHaveText('Step 1 of 18');
      await expect(lecture.next).toBeEnabled();
      // A presenter remote: PageDown goes on, answers included.
      for (let step = 2; step <= 6; step++) {
        await page.keyboard.press('PageDown');
        await expect(lecture.progress).toHaveText(`Step ${step} of 18`);
      }
      await expect(lecture.question).toContainText('Can node2 save only D2?');
      await page.keyboard.press('PageDown');
      await expect(lecture.answer).toBeVisible();
      for (const part of [lecture.narration, lecture.answer, lecture.next, page.getByRole('region', { name: /^Versions/ }).first()]) await expect(part).toBeInViewport();
      await expect(lecture.next).toBeInViewport({ ratio: 0.99 });
      expect(await pageScroll(page)).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    });

    test("a lecture's ring keeps its nodes apart: each badge can be told from the next", async ({ page }) => {
      const app = new AppPage(page);
      const lecture = new LecturePanel(page);
      await app.open();
      // The split of 10:04: the stage at its smallest (the split's legend takes two lines); at 150% zoom the four badges lay on one another.
      await lecture.choose('The shopping cart, 10:00 to 10:07');
      await lecture.pressNext(3);
      await expect(lecture.progress).toHaveText('Step 4 of 18');
      const ids = ['node1', 'node2', 'node3', 'node4'];
      const boxes = await Promise.all(ids.map(async (id) => (await app.ring.node(id).boundingBox())!));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const apart = Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
          expect(apart, `${ids[i]} and ${ids[j]}`).toBeGreaterThanOrEqual((a.width + b.width) / 2);
        }
    });

    test("lecture 004's walk: the ring takes the stage's height, its key named, and no badge on a stop of the walk", async ({ page }) => {
      // At 1280×640 the stage is 446×345 px: the ring kept 80 px for labels above and below as
      // beside it, then shrank for the key's name, to a radius of 57 px, its badges on the stops.
      // At 1024×576 the legend's share bar and states row took 50 px of height from the ring, which
      // then had a radius of 79 px and its stops under the badges. At 150% zoom the ring is still
      // too small for badges and stops apart (known).
      test.skip(size.width === 853, 'the stage at 150% zoom leaves the ring no room between its badges and the walk');
      const app = new AppPage(page);
      const lecture = new LecturePanel(page);
      await lecture.openAt("Walking the token ring to find a row's replicas", 'Step 4 of 8');
      await expect(app.ring.walkStops()).toHaveText(['1', '2', '3']);
      await expect(app.ring.keyName()).toHaveText('row');
      const ringSvg = app.ring.region.locator('svg.ring-svg:not(.caption-svg):not(.messages-svg)');
      const stage = (await ringSvg.boundingBox())!;
      const circle = (await ringSvg.locator('circle[stroke="#555"]').boundingBox())!;
      expect(circle.height, 'the ring across').toBeGreaterThanOrEqual(stage.height - 2 * 60);
      const stops = await app.ring.region.locator('.walk-stop').evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect().toJSON() as DOMRect));
      expect(stops).toHaveLength(3);
      for (const id of ['node1', 'node2', 'node3', 'node4']) {
        const badge = (await app.ring.node(id).boundingBox())!;
        const r = badge.width / 2;
        for (const stop of stops) {
          const apart = Math.hypot(badge.x + r - (stop.x + stop.width / 2), badge.y + r - (stop.y + stop.height / 2));
          expect(apart, `${id} and a stop`).toBeGreaterThanOrEqual(r + stop.width / 2 - 1);
        }
      }
    });

    test("every stage tab is whole on screen and takes a click: none cut off or scrolled out of the tab row", async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      const tablist = page.getByRole('tablist', { name: 'Main view' });
      const row = (await tablist.boundingBox())!;
      const tabs = tablist.getByRole('tab');
      await expect(tabs).toHaveCount(7);
      for (const tab of await tabs.all()) {
        const box = (await tab.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(row.x - 0.5);
        expect(box.x + box.width).toBeLessThanOrEqual(row.x + row.width + 0.5);
        await expect(tab).toBeInViewport({ ratio: 1 });
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
      }
      // All seven on one row, beside Wide: at 150% zoom Latency wrapped alone onto a second row, 24 px taken from the stage.
      const tops = await tabs.evaluateAll((all) => all.map((t) => Math.round(t.getBoundingClientRect().top)));
      expect(new Set(tops).size, tops.join(' ')).toBe(1);
      const wide = (await page.getByRole('button', { name: 'Wide view' }).boundingBox())!;
      expect(Math.abs(wide.y - (await tabs.first().boundingBox())!.y)).toBeLessThan(4);
      expect(await pageScroll(page)).toBeLessThanOrEqual(0);
    });
  });
}

// A 1024×768 projector: two columns, but taller than 1024×576. The narration kept the whole
// height and left ~270 px of it blank while the preference list, with the "down" the lecture
// points at, sat below the fold.
test.describe('a 1024×768 projector', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("a lecture's preference list comes up whole under the narration, and Next stays put from step to step", async ({ page }) => {
    const app = new AppPage(page);
    const lecture = new LecturePanel(page);
    await lecture.openAt('Sloppy quorum and hinted handoff', 'Step 1 of 27');
    const nextAt = await lecture.next.boundingBox();
    // Through step 4's question and its answer to step 7: Next is where it was at every press.
    await lecture.pressNextTo('Step 7 of 27', async () => expect(await lecture.next.boundingBox()).toEqual(nextAt));
    await expect(lecture.narration).toContainText("A's failure detector");
    await expect(lecture.next).toBeInViewport({ ratio: 1 });
    await expect(app.preferenceList.table).toBeInViewport({ ratio: 1 });
    await expect(app.preferenceList.row('B')).toContainText('down');
    // Nothing to scroll to on the page; the preference list is not under the lecture panel.
    expect(await pageScroll(page)).toBeLessThanOrEqual(0);
    const lectureBox = (await lecture.region.boundingBox())!;
    expect((await app.preferenceList.region.boundingBox())!.y).toBeGreaterThanOrEqual(lectureBox.y + lectureBox.height);
  });
});

// At these widths the playback bar's two most compact layouts each measured the other as the better fit, and flipped
// between them until React gave up: the page went blank (a phone held sideways, 844×390, or a tablet at 940).
for (const { width, height, isLecture } of [
  { width: 844, height: 390, isLecture: true },
  { width: 800, height: 390, isLecture: true },
  { width: 940, height: 768, isLecture: false },
]) {
  test.describe(`${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test(`${isLecture ? 'a lecture' : 'free play'} opens, with its playback bar, and the page stays`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const app = new AppPage(page);
      await app.open();
      if (isLecture) {
        const lecture = new LecturePanel(page);
        await lecture.choose('The shopping cart, 10:00 to 10:07');
        await expect(lecture.progress).toHaveText('Step 1 of 18');
      }
      await expect(app.playback.stepForwardButton).toBeVisible();
      await page.waitForTimeout(300);
      expect(errors).toEqual([]);
      await expect(app.playback.region).toBeVisible();
    });
  });
}
