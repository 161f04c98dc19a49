/**
 * The MD5 ring's size, chosen in the header (the paper's §6.2: load balance with 1, 8 or 64
 * tokens per node; a 6-node ring small enough to follow by eye), and N lowering R and W with it.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { MembershipPanel } from './pages/membership-panel';
import { ShareTools } from './pages/share';

/** The header's Nodes and Tokens per node, shown for the MD5 ring. */
function ringSize(page: Page) {
  const header = page.getByRole('banner');
  return { nodes: header.getByRole('spinbutton', { name: 'Nodes' }), tokens: header.getByRole('spinbutton', { name: 'Tokens per node' }) };
}

/** The MD5 ring, at its 32 nodes × 8 tokens. */
async function openMd5(app: AppPage): Promise<void> {
  await app.open();
  await app.session.cluster.selectOption({ label: 'MD5 ring' });
  await expect(app.ring.region.getByRole('heading')).toContainText('32 nodes × 8 tokens');
}

test('6 nodes × 2 tokens chosen in the header: the ring and the Members panel show them, and a shared link opens with them', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open();
  // The teaching ring's four nodes sit at the lecture notes' positions: no size to choose.
  await expect(ringSize(page).nodes).toHaveCount(0);
  await openMd5(app);
  const { nodes, tokens } = ringSize(page);
  await expect(nodes).toHaveValue('32');
  await expect(tokens).toHaveValue('8');
  await app.controls.put('cart', 'shoes');
  await nodes.fill('6');
  // Going on to the second field applies nothing yet: 6 × 2 is one new session, not two.
  await tokens.focus();
  await expect(app.ring.region.getByRole('heading')).toContainText('32 nodes × 8 tokens');
  await tokens.fill('2');
  await tokens.press('Enter');
  await expect(app.ring.region.getByRole('heading')).toContainText('6 nodes × 2 tokens');
  await expect(app.ring.region.locator('g.tokens > g')).toHaveCount(12);
  await expect(app.ring.node('n6')).toBeVisible();
  await expect(app.ring.node('n7')).toHaveCount(0);
  // A node added joins with the ring's own tokens per node.
  await expect(page.getByRole('form', { name: 'Add a node' })).toContainText('with 2 random tokens');
  // A new cluster, as a change of cluster is: the run with the put is Undo's to bring back.
  await expect(page.getByRole('alert').filter({ hasText: 'Cluster change' })).toContainText('the cluster started afresh, with nothing stored');
  await expect(app.playback.region.getByRole('button', { name: /^Undo/ })).toHaveText('↶ Undo cluster change');
  const members = new MembershipPanel(page);
  await members.open();
  await expect(members.grid.getByRole('rowheader')).toHaveCount(6);
  // N offers no more replicas than the ring has nodes.
  await expect(app.session.n.getByRole('option')).toHaveCount(6);

  const link = await new ShareTools(page).share();
  const fresh = await browser.newPage();
  await new ShareTools(fresh).openLink(link);
  const reopened = new AppPage(fresh);
  await expect(reopened.session.cluster).toHaveValue(await app.session.cluster.inputValue());
  await expect(ringSize(fresh).nodes).toHaveValue('6');
  await expect(ringSize(fresh).tokens).toHaveValue('2');
  // The link keeps the stage's tab: Members, with its six nodes; the ring, with its twelve tokens.
  await expect(new MembershipPanel(fresh).grid.getByRole('rowheader')).toHaveCount(6);
  await fresh.getByRole('tab', { name: 'Ring', exact: true }).click();
  await expect(reopened.ring.region.getByRole('heading')).toContainText('6 nodes × 2 tokens');
  await expect(reopened.ring.region.locator('g.tokens > g')).toHaveCount(12);
  await fresh.close();

  // Undo brings back the 32 × 8 ring with the put, and the header says so.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Share this session' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Ring', exact: true }).click();
  await app.playback.region.getByRole('button', { name: /^Undo/ }).click();
  await expect(app.ring.region.getByRole('heading')).toContainText('32 nodes × 8 tokens · 1 key');
  await expect(nodes).toHaveValue('32');
  await expect(tokens).toHaveValue('8');
});

test('a ring size refused says why, keeps the text typed, marked, and leaves the ring in use', async ({ page }) => {
  const app = new AppPage(page);
  await openMd5(app);
  const { nodes, tokens } = ringSize(page);
  const reason = app.session.region.getByRole('alert');
  // Fewer nodes than N: the validator's words, as a scenario file gets them.
  await nodes.fill('2');
  await nodes.press('Enter');
  await expect(reason).toHaveText(/Refused: N \(3\) is more than the 2 nodes configured\. Still in use: 32 nodes × 8 tokens, N=3, R=2, W=2\./);
  await expect(nodes).toHaveAttribute('aria-invalid', 'true');
  await expect(nodes).toHaveValue('2');
  await expect(tokens).not.toHaveAttribute('aria-invalid', 'true');
  await expect(app.ring.region.getByRole('heading')).toContainText('32 nodes × 8 tokens');
  await reason.getByRole('button', { name: 'Dismiss' }).click();
  await expect(nodes).toHaveValue('32');
  await expect(nodes).not.toHaveAttribute('aria-invalid', 'true');
  // Past the validator's bounds: said before any ring is built.
  await tokens.fill('2000');
  await tokens.press('Enter');
  await expect(reason).toHaveText(/Refused: tokens per node must be at most 1,024\. Still in use: 32 nodes × 8 tokens/);
  await expect(tokens).toHaveAttribute('aria-invalid', 'true');
  // The lecturer puts it right: 64 tokens each.
  await tokens.fill('64');
  await tokens.press('Enter');
  await expect(reason).toHaveCount(0);
  await expect(app.ring.region.getByRole('heading')).toContainText('32 nodes × 64 tokens');
  await expect(tokens).not.toHaveAttribute('aria-invalid', 'true');
});

test('N lowered below R and W lowers them to N, and says so', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.session.n.selectOption('1');
  await expect(app.session.r).toHaveValue('1');
  await expect(app.session.w).toHaveValue('1');
  await expect(app.session.n).toHaveValue('1');
  await expect(page.getByRole('alert').filter({ hasText: 'lowered' })).toHaveText('R and W lowered to 1, as they cannot exceed N');
  await expect(app.session.region.getByRole('alert')).toHaveCount(0);
  await expect(app.preferenceList.region.getByRole('heading')).toContainText('N=1');
  // With the lecturer's actions made again, the note says both.
  await app.session.n.selectOption('3');
  await app.session.w.selectOption('3');
  await app.controls.put('cart', 'shoes');
  await app.session.n.selectOption('2');
  await expect(app.session.w).toHaveValue('2');
  await expect(app.session.r).toHaveValue('1');
  await expect(page.getByRole('alert').filter({ hasText: 'lowered' })).toHaveText(/^W lowered to 2, as it cannot exceed N\. Settings change: your action was made again at the same moments, now with N=2, R=1, W=2\./);
});
