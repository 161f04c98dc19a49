/** Play, pause, step forward and back. */
import type { Locator, Page } from '@playwright/test';

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
}
