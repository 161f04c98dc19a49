/** The selected key's preference list table. */
import type { Locator, Page } from '@playwright/test';

export class PreferenceListPanel {
  readonly region: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: /^Preference list/ });
    this.table = this.region.getByRole('table');
  }

  /** Node names in table order: the top N, then the fallbacks shown. */
  nodes(): Locator {
    return this.table.getByRole('rowheader');
  }

  row(node: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: node, exact: true }) });
  }
}
