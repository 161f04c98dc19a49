/** The Versions panel: the selected key's versions, their arrows and who holds them. */
import type { Locator, Page } from '@playwright/test';

export class VersionsPanel {
  readonly tab: Locator;
  readonly region: Locator;
  readonly holdings: Locator;
  readonly relation: Locator;

  constructor(page: Page) {
    // The stage's tab (the right column has a Versions tab of its own, beside Request trace).
    this.tab = page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Versions' });
    this.region = page.getByRole('region', { name: /^Versions/ });
    this.holdings = this.region.getByRole('list', { name: 'Held now' });
    this.relation = this.region.getByRole('status');
  }

  /** A version's box, by its name (`D2`). */
  version(name: string): Locator {
    return this.region.getByRole('button', { name: new RegExp(`^${name} `) });
  }
}
