/** Lecture mode: the library dialog and the lecture drawer with its narration, question and navigation. */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';

export class LecturePanel {
  readonly openButton: Locator;
  readonly library: Locator;
  readonly region: Locator;
  readonly narration: Locator;
  readonly question: Locator;
  readonly answer: Locator;
  readonly progress: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly leave: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('banner').getByRole('button', { name: 'Lectures' });
    this.library = page.getByRole('dialog', { name: 'Lectures' });
    this.region = page.getByRole('region', { name: /./ }).filter({ has: page.getByRole('button', { name: 'Leave lecture' }) });
    this.narration = this.region.locator('.narration');
    this.question = this.region.getByRole('group', { name: 'Question' });
    this.answer = this.region.getByLabel('Answer');
    this.progress = this.region.getByLabel('Progress');
    this.next = this.region.getByRole('button', { name: 'Next', exact: true });
    this.previous = this.region.getByRole('button', { name: 'Previous', exact: true });
    this.leave = this.region.getByRole('button', { name: 'Leave lecture' });
  }

  /**
   * Presses Next `times` times, each press waited for: the step's progress or its answer changes before the next.
   * Each waits for the step before to stop playing first: pressed while a step plays, Next ends its play, as a
   * slide's animation, and stays on the step.
   */
  async pressNext(times = 1): Promise<void> {
    const playing = this.page.getByRole('region', { name: 'Playback' }).getByRole('button', { name: 'Pause', exact: true });
    for (let i = 0; i < times; i++) {
      const state = async () => `${await this.progress.textContent()}|${await this.answer.count()}`;
      await expect(playing).toHaveCount(0, { timeout: 5000 });
      const before = await state();
      await expect(this.next).toBeEnabled();
      await this.next.click();
      await expect.poll(state).not.toBe(before);
    }
  }

  /**
   * Presses Next until the progress reads `target` ("Step 7 of 27"): through any question and its answer on the
   * way, calling `afterEach` after every press. Fails, rather than pressing on forever, once past the step.
   */
  async pressNextTo(target: string, afterEach?: () => Promise<void>): Promise<void> {
    const stepOf = (progress: string | null) => Number(/^Step (\d+) of/.exec(progress ?? '')?.[1] ?? NaN);
    const step = stepOf(target);
    expect(step, `"${target}" is not a step's progress`).toBeGreaterThan(0);
    await expect(this.progress).toHaveText(/^Step \d+ of \d+$/); // the lecture has loaded
    // A step takes at most two presses: one to reveal its question's answer, one to move on.
    for (let presses = 0; (await this.progress.textContent()) !== target; presses++) {
      expect(stepOf(await this.progress.textContent()), `pressed Next past "${target}"`).toBeLessThanOrEqual(step);
      expect(presses, `"${target}" not reached after ${presses} presses of Next`).toBeLessThan(2 * step);
      await this.pressNext();
      await afterEach?.();
    }
  }

  /** Opens the page, picks the lecture by its title (and its `part`, counted from 0), and presses Next to `target` ("Step 7 of 27"). */
  async openAt(title: string, target: string, part = 0): Promise<this> {
    await new AppPage(this.page).open();
    await this.choose(title);
    if (part > 0) await this.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: part });
    await this.pressNextTo(target);
    return this;
  }

  /** Opens the library and picks a lecture by its title. */
  async choose(title: string): Promise<void> {
    await this.openButton.click();
    await this.library.getByRole('button', { name: title, exact: true }).click();
  }
}
