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
    this.position = this.region.getByRole('status', { name: 'Position' });
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
