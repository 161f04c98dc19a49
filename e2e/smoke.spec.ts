/**
 * The smoke test: the page starts the engine in a Web Worker, and the preference list it
 * shows for a key is the one the engine computes. The expected list is computed here, in
 * Node, from the same engine and the same default configuration the worker uses.
 */
import { expect, test } from '@playwright/test';
import { Cluster, preferenceList } from '../src/engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../src/worker/default-config';
import { AppPage } from './pages/app-page';

function expectedFor(key: string) {
  const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
  const position = cluster.keyPosition(key);
  return { position, ...preferenceList(cluster.ring, position, cluster.config.n, { spanDatacenters: cluster.config.spanDatacenters }) };
}

test('the page shows the preference list the engine computes for a key', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('heading', { level: 1, name: 'DynamoScope' })).toBeVisible();
  await expect(app.controls.key).toHaveValue('cart');

  for (const key of ['cart', 'user:1729']) {
    const expected = expectedFor(key);
    await app.controls.key.fill(key);
    await expect(app.preferenceList.region.getByRole('heading')).toContainText(`${key} @ ${expected.position}`);
    // The table shows the top N and then the fallbacks, in walk order.
    await expect(app.preferenceList.nodes()).toHaveText([...expected.nodes, ...expected.fallbacks]);
    await expect(app.preferenceList.row(expected.nodes[0]!)).toContainText('coordinator');
  }
});

test('at 1280×720 every stage panel shows its title and tools whole', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  for (const tab of ['Ring', 'Versions', 'Space-time', 'Hints', 'Merkle', 'Members']) {
    await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: tab, exact: true }).click();
    const panel = page.locator('.left-column .panel').first();
    await expect(panel.locator('.panel-title')).toBeVisible();
    const problems = await panel.evaluate((p) => {
      const box = p.getBoundingClientRect();
      const out: string[] = [];
      for (const e of p.querySelectorAll<HTMLElement>('.panel-title, .panel-head button, .panel-head label')) {
        const r = e.getBoundingClientRect();
        if (e.scrollWidth > e.clientWidth + 1) out.push(`${e.textContent} is cut`);
        if (r.right > box.right + 1) out.push(`${e.textContent} sticks out`);
      }
      return out;
    });
    expect(problems, tab).toEqual([]);
  }
  // The tabs themselves fit: no scrollbar under them where a desktop shows scrollbars.
  const tabs = page.getByRole('tablist', { name: 'Main view' });
  expect(await tabs.evaluate((t) => t.scrollWidth - t.clientWidth)).toBeLessThanOrEqual(0);
});
