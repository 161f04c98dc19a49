/** Play, pause, step forward and back. */
import { expect, type Locator, type Page } from '@playwright/test';

export class PlaybackBar {
  readonly region: Locator;
  readonly stepForwardButton: Locator;
  readonly stepBackButton: Locator;
  readonly position: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Playback' });
    this.stepForwardButton = this.region.getByRole('button', { name: 'Step forward', exact: true });
    this.stepBackButton = this.region.getByRole('button', { name: 'Step back', exact: true });
    this.position = this.region.getByRole('timer', { name: 'Position' });
  }

  playButton(): Locator {
    return this.region.getByRole('button', { name: 'Play', exact: true });
  }

  pauseButton(): Locator {
    return this.region.getByRole('button', { name: 'Pause', exact: true });
  }

  stepForward(): Promise<void> {
    return this.stepForwardButton.click();
  }

  stepBack(): Promise<void> {
    return this.stepBackButton.click();
  }

  /**
   * The position once the steps asked for have all arrived: a click on Step back returns
   * before its frame does, so the text read right after it can be one step behind.
   */
  async settledPosition(): Promise<string> {
    let last = '';
    await expect
      .poll(async () => {
        const now = (await this.position.textContent()) ?? '';
        const same = now === last;
        last = now;
        return same;
      }, { intervals: [300] })
      .toBe(true);
    return last;
  }

  /** The event count the bar shows (the first number of "event 12" or "event 12/40 · past"). */
  async eventCount(): Promise<number> {
    return Number((await this.position.textContent())!.replace(/[^\d/]/g, '').split('/')[0]);
  }

  /** Plays at real time with background clients until the run has more than `events` events, then pauses. */
  async playWithClients(opsPerSecond: string, events: number): Promise<void> {
    await this.region.getByRole('combobox', { name: 'Speed' }).selectOption('real time');
    await this.region.getByRole('combobox', { name: 'Background load' }).selectOption(opsPerSecond);
    await this.playButton().click();
    await expect.poll(() => this.eventCount(), { timeout: 15_000 }).toBeGreaterThan(events);
    await this.pauseButton().click();
  }
}
