/** The Hinted handoff panel (the stage's Hints tab): each stand-in's hinted store, handovers, sloppy writes. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { PlaybackBar } from './playback-bar';

export class HintsPanel {
  readonly tab: Locator;
  readonly region: Locator;
  /** "· 1 hint held" in the title. */
  readonly count: Locator;
  readonly stores: Locator;
  readonly deliveries: Locator;
  readonly sloppy: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Hints' });
    this.region = page.getByRole('region', { name: 'Hinted handoff' });
    this.count = this.region.getByRole('status', { name: 'Hints held' });
    this.stores = this.region.getByRole('table', { name: 'Hinted stores' });
    this.deliveries = this.region.getByRole('list', { name: 'Hints handed over' });
    this.sloppy = this.region.getByRole('list', { name: 'Sloppy writes' });
    this.chart = this.region.getByRole('img', { name: /^Hints held over time/ });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.region).toBeVisible();
  }

  /** A stand-in's hinted store: its group of rows in the table. */
  store(holder: string): Locator {
    return this.region.getByRole('rowgroup', { name: `Hinted store of ${holder}` });
  }

  /** The row of a hint for `key` in `holder`'s store. */
  hint(holder: string, key: string): Locator {
    return this.store(holder).getByRole('row').filter({ has: this.page.getByRole('cell', { name: key, exact: true }) });
  }
}

/**
 * Steps forward one event at a time until `isDone` holds (each click waits for the
 * position to move), at most `max` steps; fails if it never holds.
 */
export async function stepUntil(playback: PlaybackBar, isDone: () => Promise<boolean>, max = 150): Promise<number> {
  for (let steps = 0; steps < max; steps++) {
    if (await isDone()) return steps;
    const before = await playback.position.textContent();
    await playback.stepForward();
    await expect(playback.position).not.toHaveText(before ?? '');
  }
  expect(await isDone(), `still not done after ${max} steps`).toBe(true);
  return max;
}
