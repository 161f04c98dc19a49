/**
 * Next plays the lecture's next step: its narration shows at once and its messages travel
 * on the ring, at most a second and a half, then the panels stand at the step's end, as a
 * jump would leave them. Pressed again while the step plays, Next ends the play at once.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { ShareTools } from './pages/share';

const TITLE = 'Sloppy quorum and hinted handoff';

/** Opens the lecture at step 2 with its answer shown, the ring on the stage. */
async function atStep2(app: AppPage, lecture: LecturePanel): Promise<void> {
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNext(2); // step 2, its answer
  await expect(lecture.progress).toHaveText('Step 2 of 27');
  await expect(lecture.answer).toBeVisible();
  await app.page.getByRole('tab', { name: 'Ring' }).click(); // the lecture shows it here already; a click keeps it there
}

test("Next plays the step: the narration at once, the put's messages travelling, then the step's end", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await atStep2(app, lecture);
  // While it plays: playback runs, and some message is on its way on the ring. Watched from before the click, in the
  // page: on a loaded machine a poll from the test came after the play's second and a half had ended.
  await page.evaluate(() => {
    const seen = { pause: false, messages: 0 };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      seen.pause ||= [...document.querySelectorAll('button')].some((b) => b.textContent?.trim().endsWith('Pause'));
      seen.messages = Math.max(seen.messages, document.querySelectorAll('[role="button"][aria-label^="Message "]').length);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const seen = () => page.evaluate(() => (window as unknown as { seen: { pause: boolean; messages: number } }).seen);
  const started = Date.now();
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 3 of 27');
  await expect(lecture.narration).toContainText('A stores the write and C acknowledges');
  await expect.poll(async () => (await seen()).pause).toBe(true);
  await expect.poll(async () => (await seen()).messages).toBeGreaterThan(0);
  // Then it stands at the step's end, as a jump there would: the put answered.
  await expect(app.playback.playButton()).toBeVisible({ timeout: 5000 });
  expect(Date.now() - started).toBeLessThan(5000);
  await expect(app.playback.position).toHaveText('event 14/35');
  await expect(app.log.current).toContainText('A answers the client: put(cart) succeeded');
  await expect(lecture.region.getByRole('status')).toHaveCount(0); // not "moved away from this step"
});

test('Next pressed while the step plays ends the play at once, at the step', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await atStep2(app, lecture);
  // At the slowest speed the step plays for its longest (1.5 s): at the default it may end before a loaded machine's second click.
  await app.playback.region.getByLabel('Speed').selectOption({ label: '5 ms/s' });
  // The second press is made in the page the moment the play starts: pressed from the test, on a loaded machine it
  // could come after the play had ended, and move on to step 4. What comes back is how long the play went on after
  // it: ended at once, not played out (at this speed the step plays for 1.5 s).
  const next = await lecture.next.elementHandle();
  const playedOnMs = await page.evaluate(
    (button) =>
      new Promise<number>((resolve) => {
        const press = () => (button as HTMLButtonElement).click();
        const pause = () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim().endsWith('Pause'));
        let pressedAt: number | null = null;
        const observer = new MutationObserver(() => {
          if (pressedAt === null && pause()) {
            pressedAt = performance.now();
            press();
          } else if (pressedAt !== null && !pause()) {
            observer.disconnect();
            resolve(performance.now() - pressedAt);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        press();
      }),
    next,
  );
  expect(playedOnMs).toBeLessThan(1000);
  await expect(app.playback.position).toHaveText('event 14/35');
  await expect(app.playback.playButton()).toBeVisible();
  await expect(lecture.progress).toHaveText('Step 3 of 27');
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('Next jumps to the step’s end without playing it', async ({ page }) => {
    const app = new AppPage(page);
    const lecture = new LecturePanel(page);
    await atStep2(app, lecture);
    await lecture.next.click();
    await expect(app.playback.position).toHaveText('event 14/35');
    await expect(app.playback.playButton()).toBeVisible();
  });
});

test('leaving while a step plays brings back the free play as it was; Step back while one plays leaves playback there', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await app.controls.fail('B');
  await app.controls.put('cart', 'shoes');
  await expect(page.getByRole('button', { name: 'Undo put cart' })).toBeEnabled();
  await app.playback.settledPosition();
  const events = await app.playback.eventCount();
  await lecture.choose(TITLE);
  await lecture.pressNext(2);
  await app.page.getByRole('tab', { name: 'Ring' }).click(); // the lecture shows it here already; a click keeps it there
  await lecture.next.click();
  await expect(app.playback.pauseButton()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(lecture.region).toHaveCount(0);
  await expect(app.controls.nodeRow('B')).toContainText('down');
  await expect.poll(() => app.playback.eventCount()).toBe(events);
  await page.waitForTimeout(1800); // longer than a step plays: nothing moves it afterwards
  expect(await app.playback.eventCount()).toBe(events);

  // Step back cancels a play: playback stands where Step back took it, away from the step.
  await lecture.openButton.click();
  await lecture.library.getByRole('button', { name: 'Resume at step 3 (part 1)' }).click();
  await expect(lecture.progress).toHaveText('Step 3 of 27');
  await lecture.previous.click();
  await expect(lecture.progress).toHaveText('Step 2 of 27');
  if ((await lecture.answer.count()) === 0) await lecture.pressNext(); // step 2's answer
  await lecture.next.click();
  await expect(app.playback.pauseButton()).toBeVisible();
  await app.playback.stepBack();
  await expect(lecture.region.getByRole('status')).toContainText('Playback has moved away from this step');
  await expect(lecture.next).toBeEnabled();
});

test('shared while a step plays, the link holds the step’s end; a node failed while one plays is the lecturer’s own action, Undo takes it back', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await atStep2(app, lecture);
  // Its steps play for their longest (1.5 s), so each click below lands while one plays, even on a loaded machine.
  await app.playback.region.getByLabel('Speed').selectOption({ label: '5 ms/s' });
  await lecture.next.click();
  await expect(app.playback.pauseButton()).toBeVisible();
  await share.shareButton.click();
  await expect(share.dialog).toBeVisible();
  await expect(app.playback.position).toHaveText('event 14/35');
  await page.keyboard.press('Escape');
  await expect(lecture.region.getByRole('status')).toHaveCount(0);

  await lecture.previous.click();
  await expect(lecture.progress).toHaveText('Step 2 of 27');
  if ((await lecture.answer.count()) === 0) await lecture.pressNext();
  await lecture.next.click();
  await expect(app.playback.pauseButton()).toBeVisible();
  await app.ring.node('D').click();
  await page.getByRole('button', { name: 'Fail node D' }).click();
  await expect(app.playback.playButton()).toBeVisible();
  await expect(lecture.region.getByRole('status')).toContainText('Off script');
  await expect(page.getByRole('button', { name: 'Undo fail D' })).toBeEnabled();
});

test("a choice clicked while its step still plays ends the play, then shows the answer with the choice marked", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await page.emulateMedia({ reducedMotion: 'reduce' }); // quickly to step 5
  await app.open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  for (let i = 0; i < 20 && (await lecture.progress.textContent()) !== 'Step 5 of 18'; i++) await lecture.pressNext();
  await expect(lecture.progress).toHaveText('Step 5 of 18');
  if ((await lecture.question.count()) > 0 && (await lecture.answer.count()) === 0) await lecture.pressNext();
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await lecture.next.click(); // step 6 plays: "Can node2 save only D2?"
  await expect(lecture.progress).toHaveText('Step 6 of 18');
  await expect(app.playback.pauseButton()).toBeVisible();
  await expect(lecture.question).toContainText('The step is playing: Next ends it, then shows the answer.');
  await lecture.question.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(lecture.answer).toBeVisible();
  await expect(lecture.question.getByRole('listitem').filter({ hasText: '(chosen)' })).toHaveCount(1);
  await expect(app.playback.playButton()).toBeVisible();
  await expect(lecture.next).toBeFocused();
});
