/** The header: cluster preset, N, R, W, seed, reset. */
import type { Locator, Page } from '@playwright/test';

export class SessionBar {
  readonly region: Locator;
  readonly cluster: Locator;
  readonly n: Locator;
  readonly r: Locator;
  readonly w: Locator;
  readonly seed: Locator;
  readonly quorum: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('banner');
    this.cluster = this.region.getByRole('combobox', { name: 'Cluster' });
    this.n = this.region.getByRole('combobox', { name: 'N', exact: true });
    this.r = this.region.getByRole('combobox', { name: 'R', exact: true });
    this.w = this.region.getByRole('combobox', { name: 'W', exact: true });
    this.seed = this.region.getByRole('textbox', { name: 'Seed' });
    this.quorum = this.region.locator('.quorum');
  }

  reset(): Promise<void> {
    return this.region.getByRole('button', { name: 'Reset' }).click();
  }
}
