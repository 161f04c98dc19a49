/**
 * What a lecturer does in front of a class: put a key and step through its messages, fail
 * a node and watch the next put work around it, step back to an earlier state.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/** Steps forward until `done` holds (each step is one event), failing after `max` steps. */
async function stepUntil(app: AppPage, done: () => Promise<boolean>, max = 60): Promise<number> {
  for (let i = 0; i < max; i++) {
    if (await done()) return i;
    const before = await app.playback.position.textContent();
    await app.playback.stepForward();
    await expect(app.playback.position).not.toHaveText(before ?? '');
  }
  throw new Error(`still not done after ${max} steps`);
}

const text = (page: Page, locator: ReturnType<Page['locator']>) => locator.textContent().then((t) => t ?? '');

test('put cart through B and step through its messages until the put is acknowledged', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'B');

  const summary = app.requestTrace.summary;
  await expect(summary).toContainText('put(cart)');
  await expect(summary).toContainText('in progress');
  // The key's MD5 and ring position, its preference list, and the forward to the coordinator.
  // The routing heads the steps, so a short panel scrolls it away rather than cutting the summary's verdicts.
  await expect(app.requestTrace.steps.first()).toContainText(/MD5 [0-9a-f]{8}… → position \d+ · list C, D, A/);
  await expect(summary).toContainText('coordinator C (forwarded)');
  await expect(app.requestTrace.steps.last()).toHaveText(/B forwards put\(cart\) to C to coordinate/);
  await expect(app.ring.messages().filter({ hasText: 'put(cart)' })).toHaveCount(1);

  const steps = await stepUntil(app, async () => (await text(page, summary)).includes('answered in'));
  expect(steps).toBeGreaterThan(3);
  await expect(summary).toContainText('W 2 of 2');
  // C tells B it took the request, so B stops waiting and forwards it nowhere else.
  await expect(app.requestTrace.region).toContainText('C tells B it has taken put(cart)');
  await expect(app.requestTrace.region).toContainText("C counts A's ack: 2 of W=2");
  await expect(app.requestTrace.steps.last()).toContainText('C answers the client: put(cart) succeeded');
  await expect(app.log.current).toContainText('C answers the client');
  await expect(app.preferenceList.row('C').getByRole('cell').last()).toHaveText('D1');
  await expect(app.preferenceList.row('C').getByRole('cell').last()).toHaveAttribute('title', 'D1 [C,1]');
});

test('a failed node is drawn down, and the next put works around it with a stand-in', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, up');

  // From the ring: click the node, then fail it from its menu.
  // (A click in the page's first moments, while the session still loads, may not open the menu: click again then.)
  const menu = app.ring.nodeMenu('C');
  await expect(async () => {
    if (!(await menu.isVisible())) await app.ring.node('C').click();
    await expect(menu).toBeVisible({ timeout: 2000 });
  }).toPass();
  await menu.getByRole('button', { name: 'Fail node C' }).click();
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, down');
  await expect(app.controls.nodeRow('C')).toContainText('down');
  await expect(app.preferenceList.row('C')).toContainText('down');

  await app.controls.put('cart', 'hat');
  const summary = app.requestTrace.summary;
  // C is first in cart's preference list but down: the client goes to D, the first live one.
  await expect(summary).toContainText('via coordinator D');
  await stepUntil(app, async () => (await text(page, summary)).includes('Sloppy quorum'), 40);
  await expect(summary).toContainText('B stands in for C');
  // Why a stand-in, and when: D asked C first, and turned to B when C stayed silent past its replica timeout,
  // after D and A had answered the client (B's ack made no W): not as if D knew C down from the start.
  await expect(summary).toContainText('Sloppy quorum after the answer (C silent for 100 ms): B stands in for C');
  await expect(app.requestTrace.region).toContainText('put(cart) from D to C is lost (C is down)');
  await stepUntil(app, async () => (await text(page, app.preferenceList.row('B'))).includes('D1 for C'), 20);
  // The table names versions (clocks on hover), one line a row, so the request trace keeps its room.
  await expect(app.preferenceList.row('B').getByRole('cell').last()).toHaveText('D1 for C');
  await expect(summary).toContainText('B stands in for C, keeping a hint');
  await expect(app.preferenceList.row('B').getByRole('cell').last()).toHaveAttribute('title', 'D1 [D,1], a hint kept for C');
  const heights = await app.preferenceList.table.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => r.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeLessThan(Math.min(...heights) * 1.3);

  // And back from the node list.
  await app.controls.recover('C');
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, up');
});

test('stepping back replays to the earlier state', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.fail('C');
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, down');
  await app.controls.put('cart', 'hat');
  for (let i = 0; i < 3; i++) await app.playback.stepForward();
  await expect(app.playback.position).toHaveText('event 14');

  for (let i = 0; i < 4; i++) await app.playback.stepBack();
  await expect(app.playback.position).toHaveText('event 1/14 · past');
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, down');
  await expect(app.log.current).toHaveText(/C fails/);

  await app.playback.stepBack();
  await expect(app.playback.position).toHaveText('event 0/14 · past');
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, up');
  await expect(app.playback.stepBackButton).toBeDisabled();

  // Forward again replays the same recorded future.
  await app.playback.stepForward();
  await expect(app.ring.node('C')).toHaveAccessibleName('Node C, down');
});

test('at 720p a split network and a sloppy quorum fit the key column: the preference list and the request summary show every line whole', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.controls.partition(['C', 'D']);
  // A, cut off from C and D, coordinates: B stands in for C, and the summary says why.
  await app.controls.put('cart', 'shoes, book', 'A');
  const summary = app.requestTrace.summary;
  await stepUntil(app, async () => (await text(page, summary)).includes('Sloppy quorum'), 60);
  await expect(app.preferenceList.region.getByRole('note').filter({ hasText: 'may not reach each other' })).toBeVisible();
  await expect(app.preferenceList.region.getByRole('note').filter({ hasText: 'A coordinated #2 put(cart)' })).toBeVisible();
  const isWhole = (el: Element) => el.scrollHeight <= el.clientHeight + 1;
  expect(await page.getByRole('region', { name: /^Preference list/ }).evaluate(isWhole)).toBe(true);
  expect(await summary.evaluate(isWhole)).toBe(true);
});
