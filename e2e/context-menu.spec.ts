/**
 * The client form's Context menu plays more than one client: it offers the key's recent gets,
 * not the latest alone, so each client's put carries the context of its own read (paper §4.1,
 * put(key, context, object)). Lecture 003's D1…D5: Sx writes D1 and D2; two clients read D2;
 * Sy writes D3 with one client's read, Sz D4 with the other's: siblings, neither clock
 * descending from the other.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { VersionsPanel } from './pages/versions-panel';
import { stepUntil } from './pages/hints-panel';

/** Steps on until request #`opId` was answered (the request trace follows the latest request). */
async function answered(app: AppPage, opId: number): Promise<void> {
  await stepUntil(app.playback, async () => {
    const text = (await app.requestTrace.summary.textContent())!;
    return text.includes(`#${opId} `) && text.includes('answered');
  });
}

test("lecture 003's two clients: each reads D2, then writes with its own get's context, and D3 and D4 are siblings", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const context = app.controls.region.getByRole('combobox', { name: 'Context' });
  const getVia = async (node: string) => {
    await app.controls.via.selectOption(node);
    await app.controls.region.getByRole('button', { name: 'Get', exact: true }).click();
  };
  // Sx is C: D1 ([C,1]), then a blind write through C again, D2 ([C,2]), which replaces it.
  await app.controls.put('cart', 'shoes', 'C');
  await answered(app, 1);
  await app.controls.put('cart', 'shoes, hat', 'C');
  await answered(app, 2);
  // The two clients read D2: one through D (get #3), the other through A (get #4).
  await getVia('D');
  await answered(app, 3);
  await getVia('A');
  await answered(app, 4);
  // Both gets are offered, newest first; the latest is the default, as no put has followed it.
  await expect(context.locator('option')).toHaveText(['none: a blind write', 'from get #4: ([C,2])', 'from get #3: ([C,2])']);
  await expect(context.locator('option:checked')).toHaveText('from get #4: ([C,2])');
  // Sy is D: the first client writes with its own read, get #3 (before, the menu offered get #4 alone).
  await context.selectOption({ label: 'from get #3: ([C,2])' });
  await expect(context).toHaveAttribute('title', /descends from: get #3's \(\[C,2\]\)\./);
  await app.controls.put('cart', 'shoes, hat, socks', 'D');
  await expect(app.requestTrace.region.getByText('Client asks D to put cart = "shoes, hat, socks" with context ([C,2])')).toBeVisible();
  await answered(app, 5);
  // A put followed both gets: the next is blind unless chosen; get #4 is still offered, as the second client's read.
  await expect(context).toHaveValue('none');
  await expect(context.locator('option')).toHaveText(['none: a blind write', 'from get #4: ([C,2])', 'from get #3: ([C,2])']);
  // Sz is A: the second client writes with its read, get #4.
  await context.selectOption({ label: 'from get #4: ([C,2])' });
  await app.controls.put('cart', 'shoes, hat, boots', 'A');
  await expect(app.requestTrace.region.getByText('Client asks A to put cart = "shoes, hat, boots" with context ([C,2])')).toBeVisible();
  await answered(app, 6);
  await expect(context).toHaveValue('none');
  // Each coordinator adds its own entry to the context read, [C,2]: D3 ([C,2],[D,1]) and D4 ([A,1],[C,2]), the notes'
  // ([Sx,2],[Sy,1]) and ([Sx,2],[Sz,1]). Neither descends from the other: both stand, siblings, and D2 is replaced.
  const versions = new VersionsPanel(page);
  await versions.tab.click();
  await expect(versions.version('D3')).toHaveAccessibleName(/^D3 \(\[C,2\],\[D,1\]\): "shoes, hat, socks", sibling/);
  await expect(versions.version('D4')).toHaveAccessibleName(/^D4 \(\[A,1\],\[C,2\]\): "shoes, hat, boots", sibling/);
  await expect(versions.version('D2')).toHaveAccessibleName(/no longer held/);
  // A client that reads now gets both (the notes' D5 would be written with their merged context).
  await getVia('B');
  await answered(app, 7);
  await expect(app.requestTrace.summary).toContainText('D3 = shoes, hat, socks ‖ D4 = shoes, hat, boots');
  await expect(context.locator('option:checked')).toHaveText('from get #7: ([A,1],[C,2],[D,1])');
});
