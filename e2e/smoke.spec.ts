/**
 * The smoke test: the page starts the engine in a Web Worker, and the preference list it
 * shows for a key is the one the engine computes. The expected list is computed here, in
 * Node, from the same engine and the same default configuration the worker uses.
 */
import { expect, test } from '@playwright/test';
import { Cluster, preferenceList } from '../src/engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../src/worker/default-config';

function expectedFor(key: string) {
  const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
  const position = cluster.keyPosition(key);
  return { position, ...preferenceList(cluster.ring, position, cluster.config.n, { spanDatacenters: cluster.config.spanDatacenters }) };
}

test('the page shows the preference list the engine computes for a key', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/DynamoScope/);
  await expect(page.getByRole('heading', { level: 1, name: 'DynamoScope' })).toBeVisible();
  await expect(page.getByLabel('Key')).toHaveValue('cart');

  for (const key of ['cart', 'user:1729']) {
    const expected = expectedFor(key);
    await page.getByLabel('Key').fill(key);
    await page.getByRole('button', { name: 'Preference list' }).click();

    const result = page.getByRole('status', { name: 'Result' });
    await expect(result).toContainText(`“${key}” is at position ${expected.position}.`);
    await expect(result.getByRole('list', { name: 'Preference list' }).getByRole('listitem')).toHaveText([...expected.nodes]);
    await expect(result.getByRole('list', { name: 'Fallbacks' }).getByRole('listitem')).toHaveText([...expected.fallbacks]);
  }
});
