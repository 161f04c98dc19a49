/**
 * Hinted handoff (paper §4.6; lecture 002): fail a replica, put a key, see the hint at the
 * stand-in; recover the replica, step until delivery, see the hint gone and the version at
 * the intended node. The nodes involved are computed here, in Node, from the same engine
 * and default configuration the worker uses (as the smoke test does).
 */
import { expect, test } from '@playwright/test';
import { Cluster } from '../src/engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../src/worker/default-config';
import { AppPage } from './pages/app-page';
import { HintsPanel, stepUntil } from './pages/hints-panel';

/** cart's preference list on the teaching ring: the coordinator, the replica we fail, and its stand-in (the first fallback). */
function roles(key: string) {
  const list = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED).preferenceListOf(key);
  return { coordinator: list.nodes[0]!, replica: list.nodes[1]!, standIn: list.fallbacks[0]! };
}

test('fail a replica, put a key: the hint waits at the stand-in; recover it: the hint is handed over', async ({ page }) => {
  const { coordinator, replica, standIn } = roles('cart');
  const app = new AppPage(page);
  await app.open();
  const hints = new HintsPanel(page);
  await hints.open();
  await expect(hints.count).toHaveText(/0 hints held/);
  await expect(hints.region).toContainText('No hints held');

  await app.controls.fail(replica);
  await app.controls.put('cart', 'shoes', coordinator);
  await stepUntil(app.playback, () => hints.store(standIn).isVisible());
  // The stand-in and the intended node, linked; the key, its version, since when.
  const row = hints.hint(standIn, 'cart');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${standIn}⟶${replica} down`);
  await expect(row).toContainText('D1');
  await expect(row).toContainText(/\d+ ms/);
  await expect(hints.count).toHaveText(/1 hint held/);
  await expect(hints.sloppy.getByRole('listitem').first()).toContainText(`put cart${coordinator} sent to ${standIn} for ${replica}`);
  await expect(hints.sloppy.getByRole('listitem').first()).toContainText(`${replica} was down`); // why the stand-in
  await expect(hints.chart).toHaveAccessibleName(/now 1, at most 1/);
  // A try while the replica is still down loses the message, not the hint.
  await stepUntil(app.playback, async () => ((await row.textContent()) ?? '').includes('✕ lost'));
  await expect(row).toContainText(`✕ lost (${replica} down); ${standIn} keeps it`);
  await expect(hints.count).toHaveText(/1 hint held/);

  await app.controls.recover(replica);
  await stepUntil(app.playback, async () => (await hints.store(standIn).count()) === 0);
  await expect(hints.count).toHaveText(/0 hints held/);
  const handed = hints.deliveries.getByRole('listitem').first();
  await expect(handed).toContainText('cart D1');
  await expect(handed).toContainText(`${standIn}${replica}now holds D1`);
  await expect(handed).toContainText('just now');
  await expect(hints.chart).toHaveAccessibleName(/now 0, at most 1/);
  // The version is at the intended node now (the preference list shows what each node holds).
  await expect(app.preferenceList.row(replica)).toContainText('D1');

  // One step back: the hint is at the stand-in again, and nothing is handed over yet.
  await app.playback.stepBack();
  await expect(hints.hint(standIn, 'cart')).toHaveCount(1);
  await expect(hints.deliveries).toHaveCount(0);
});

test('with reduced motion, a handover is marked, not animated', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { coordinator, replica, standIn } = roles('cart');
  const app = new AppPage(page);
  await app.open();
  const hints = new HintsPanel(page);
  await hints.open();
  await app.controls.fail(replica);
  await app.controls.put('cart', 'shoes', coordinator);
  await stepUntil(app.playback, () => hints.store(standIn).isVisible());
  await app.controls.recover(replica);
  await stepUntil(app.playback, async () => (await hints.deliveries.count()) > 0);
  await expect(hints.deliveries.getByRole('listitem').first()).toContainText('just now ✓');
  await expect(hints.deliveries.locator('.hh-travel-dot')).toHaveCount(0);
});
