/** The selected request's story. */
import type { Locator, Page } from '@playwright/test';

export class RequestTracePanel {
  readonly region: Locator;
  readonly summary: Locator;
  readonly steps: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Request trace' });
    this.summary = this.region.getByLabel('Request summary');
    this.steps = this.region.getByRole('list', { name: 'Request steps' }).getByRole('listitem');
  }
}
