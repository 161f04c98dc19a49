/** The space-time diagram: lanes per node, messages as arrows, requests as spans. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SpaceTimePanel {
  readonly tab: Locator;
  readonly region: Locator;
  /** Every arrow drawn, in send order; each is a button named like "put(cart) D → A, sent at 0.0 ms, delivered at 5.0 ms". */
  readonly messages: Locator;
  /** Client requests as spans, named like "put(cart) via D: succeeded in 18.1 ms". */
  readonly requests: Locator;
  /** Marks of new versions, named like "D creates cart D1 ([D,1]) at 0.0 ms". */
  readonly versions: Locator;
  /** The item of the event the cursor stands on. */
  readonly current: Locator;
  readonly followButton: Locator;
  readonly diagram: Locator;

  constructor(page: Page) {
    this.tab = page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Space-time' });
    this.region = page.getByRole('region', { name: 'Space-time diagram' });
    this.messages = this.region.getByRole('group', { name: 'Messages', exact: true }).getByRole('button');
    this.requests = this.region.getByRole('group', { name: 'Requests', exact: true }).getByRole('button');
    this.versions = this.region.getByRole('group', { name: 'New versions', exact: true }).getByRole('img');
    this.current = this.region.locator('[aria-current="step"]');
    this.followButton = this.region.getByRole('button', { name: 'Follow' });
    this.diagram = this.region.getByLabel(/^Diagram:/);
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.region).toBeVisible();
  }

  /** One arrow, by its full name. */
  message(name: string): Locator {
    return this.region.getByRole('group', { name: 'Messages', exact: true }).getByRole('button', { name, exact: true });
  }

  /** The accessible names of the arrows drawn, in order. */
  messageNames(): Promise<string[]> {
    return this.messages.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  zoomIn(): Promise<void> {
    return this.region.getByRole('button', { name: 'Zoom in' }).click();
  }

  zoomOut(): Promise<void> {
    return this.region.getByRole('button', { name: 'Zoom out' }).click();
  }
}
