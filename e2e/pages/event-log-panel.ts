/** The event log: filter chips and one line per event. */
import type { Locator, Page } from '@playwright/test';

export class EventLogPanel {
  readonly region: Locator;
  readonly rows: Locator;
  /** The line of the event the cursor stands on. */
  readonly current: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Event log' });
    this.rows = this.region.getByRole('list', { name: 'Event list' }).getByRole('listitem');
    this.current = this.region.locator('[aria-current="step"]');
  }

  filter(name: string): Locator {
    return this.region.getByRole('group', { name: 'Show events of kind' }).getByRole('button', { name });
  }
}
