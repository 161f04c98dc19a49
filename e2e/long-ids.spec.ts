/**
 * Node ids as lecturers write them in their own scenarios ("node10", "server-a", "dc2-node12",
 * "eu-west-1a"), at 1280×720: every node stays identifiable, no name drawn over another.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { MembershipPanel } from './pages/membership-panel';
import { MerklePanel } from './pages/merkle-panel';
import { MIXED16, MIXED8, longIdScenario, openLongIds, overlapping } from './pages/long-ids';
import { HintsPanel, stepUntil } from './pages/hints-panel';
import { ShareTools } from './pages/share';
import { SpaceTimePanel } from './pages/spacetime-panel';

test.use({ reducedMotion: 'reduce' });

for (const [label, ids, seeds] of [['eight', MIXED8, 'node10, server-a'], ['sixteen', MIXED16, 'dc1-node1, dc1-node2']] as const) {
  test(`the gossip circle of ${label} long ids names each node by a short name inside it, none over another, the full id its tooltip`, async ({ page }) => {
    await openLongIds(page, ids);
    const members = new MembershipPanel(page);
    await members.open();
    await members.gossipRound.click();
    await members.gossip.scrollIntoViewIfNeeded();
    // Before: "cache-003", "node10★" and "server-a★" were set on top of one another; at sixteen, "dc1-node1★" over "dc1-node2★".
    const texts = members.gossip.locator('text');
    const boxes = await texts.evaluateAll((all) => all.map((t) => ({ name: t.textContent ?? '', ...JSON.parse(JSON.stringify(t.getBoundingClientRect())) })));
    expect(boxes.filter((b) => b.name !== '★').map((b) => b.name)).toHaveLength(ids.length);
    expect(overlapping(boxes)).toEqual([]);
    // Each node's full id is its tooltip, and the circle's name says which short name is which node.
    await expect(members.gossip.locator('g.mb-node > title')).toHaveText(ids.map((id) => (seeds.includes(id) ? `${id}, seed` : id)));
    await expect(members.gossip).toHaveAccessibleName(/; drawn as .*\bn10 for (dc2-)?node10\b/);
    await expect(members.gossip).toHaveAccessibleName(/\bw1a for eu-west-1a\b/);
    await expect(members.gossip.getByText('★')).toHaveCount(2);
  });
}

/** How far past the table's box each column header and each cell of the Holds column reaches (0: within it). */
async function pastEdge(app: AppPage): Promise<Record<string, number>> {
  const box = (await app.preferenceList.table.locator('xpath=..').boundingBox())!;
  const out: Record<string, number> = {};
  for (const cell of await app.preferenceList.table.locator('thead th, td.holds').all()) {
    const b = (await cell.boundingBox())!;
    out[(await cell.textContent()) ?? ''] = Math.max(0, Math.round(b.x + b.width - (box.x + box.width)));
  }
  return out;
}

test('the preference list of ten-character ids shows its Holds column whole, "coordinator" drawn "coord."; short ids keep the table as it was', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const coordinator = app.preferenceList.table.getByRole('cell', { name: 'coordinator' });
  await expect(coordinator.getByText('coordinator', { exact: true })).toBeVisible();
  await expect(coordinator.getByText('coord.', { exact: true })).toBeHidden();
  expect(Object.values(await pastEdge(app)).every((px) => px === 0)).toBe(true);
  await openLongIds(page, MIXED8);
  await expect(app.preferenceList.nodes()).toHaveText(['dc2-node12', 'backup-01', 'node7', 'eu-west-1a', 'cache-003', 'node10']);
  // A hint for backup-01 on eu-west-1a: "D1 for backup-01", the longest a holding gets.
  await app.controls.fail('backup-01');
  await app.controls.put('cart', 'shoes');
  await stepUntil(app.playback, async () => (await app.preferenceList.row('eu-west-1a').locator('td.holds').textContent()) === 'D1 for backup-01');
  // Before: the table ran 25 px past its box, and Holds read "Hol".
  const past = await pastEdge(app);
  expect(past).toEqual({ '#': 0, Node: 0, Token: 0, Role: 0, State: 0, Holds: 0, D1: 0, '—': 0, 'D1 for backup-01': 0 });
  // Drawn "coord.", the whole word still the cell's name and its tooltip.
  await expect(coordinator.getByText('coord.', { exact: true })).toBeVisible();
  await expect(coordinator).toHaveAttribute('title', 'coordinator');
});

test('the space-time lanes of eight long ids are headed by short names that fit their lanes, the full id as tooltip', async ({ page }) => {
  await openLongIds(page, MIXED8);
  const spacetime = new SpaceTimePanel(page);
  await spacetime.open();
  const heads = spacetime.region.locator('g.st-lane-heads > g');
  await expect(heads).toHaveCount(8);
  // Before: each id was drawn whole over a 47 px lane, "dc1-node3", "dc2-node12" and "backup-01" over one another.
  const boxes = await heads.evaluateAll((gs) =>
    gs.map((g) => {
      const text = g.querySelector('text')!.getBoundingClientRect();
      const rect = g.querySelector('rect')!.getBoundingClientRect();
      return { name: g.querySelector('text')!.textContent ?? '', left: text.left, right: text.right, top: text.top, bottom: text.bottom, isInside: text.left >= rect.left && text.right <= rect.right };
    }),
  );
  expect(overlapping(boxes)).toEqual([]);
  expect(boxes.filter((b) => !b.isInside).map((b) => b.name)).toEqual([]);
  await expect(heads.locator('text')).toHaveText(['n10', 'sa', 'n3', 'n12', 'b01', 'n7', 'w1a', 'c003']);
  await expect(heads.locator('title')).toHaveText(MIXED8);
});

test("the Merkle tree of a ten-character id is titled by the id alone, clear of the level names; its tree's name whole", async ({ page }) => {
  await openLongIds(page, MIXED8);
  const merkle = new MerklePanel(page);
  await merkle.open();
  await expect(merkle.firstReplica).toHaveValue('dc2-node12');
  const tree = merkle.region.getByRole('group', { name: "dc2-node12's tree" });
  const boxes = await tree.locator('text.mk-level, g.mk-owner text').evaluateAll((texts) =>
    texts.map((t) => ({ name: t.textContent ?? '', ...JSON.parse(JSON.stringify(t.getBoundingClientRect())) })),
  );
  // Before: "dc2-node12’s tree" ran 40 px over "root", and out of the tree's left edge.
  expect(overlapping(boxes)).toEqual([]);
  const svgLeft = await tree.evaluate((svg) => svg.getBoundingClientRect().left);
  expect(Math.min(...boxes.map((b) => b.left))).toBeGreaterThanOrEqual(svgLeft - 0.5);
  await expect(tree.locator('g.mk-owner text')).toHaveText('dc2-node12’s treedc2-node12');
});

test("the node list and the Members grid of long ids name each node by its short name, whole: the state and the buttons keep their room", async ({ page }) => {
  await openLongIds(page, MIXED16);
  const app = new AppPage(page);
  // Before: "dc1-node1" ran under Fail and hid its state "up"; every dc1-… column and row of the grid read "dc1-n…".
  const rows = app.controls.region.getByRole('list', { name: 'Nodes' }).getByRole('listitem');
  const first = rows.first();
  await expect(first.getByRole('button', { name: 'Select node dc1-node1' })).toHaveText('n1');
  await expect(first.getByRole('button', { name: 'Select node dc1-node1' })).toHaveAttribute('title', 'dc1-node1');
  for (const row of (await rows.all()).slice(0, 4)) {
    const name = (await row.locator('.node-name').boundingBox())!;
    const state = (await row.locator('.state').boundingBox())!;
    const fail = (await row.getByRole('button', { name: /^Fail node/ }).boundingBox())!;
    await expect(row.locator('.state')).toHaveText('up');
    expect(name.x + name.width).toBeLessThanOrEqual(state.x + 0.5);
    expect(state.x + state.width).toBeLessThanOrEqual(fail.x + 0.5);
  }
  const members = new MembershipPanel(page);
  await members.open();
  const grid = page.getByRole('table', { name: 'Views: rows are observers, columns are members' });
  const headers = await grid.locator('thead th.mb-col').allTextContents();
  expect(headers.map((h) => h.replace('★', ''))).toEqual(['n1', 'n2', 'n3', 'sa', 'n5', 'w1a', 'n7', 'n8', 'n10', 'n11', 'n12', 'n13', 'n14', 'n15', 'n16', 'n17']);
  // The full ids stay the cells' accessible names.
  await expect(grid.getByRole('columnheader', { name: 'eu-west-1a' })).toHaveText('w1a');
  await expect(grid.getByRole('rowheader', { name: /^dc2-node12/ })).toHaveText('n12');
});

test('short ids keep the node list and the Members grid as they were', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.controls.region.getByRole('button', { name: 'Select node A' })).toHaveText('A');
  await expect(app.controls.region.getByRole('button', { name: 'Select node A' })).not.toHaveAttribute('title');
  await new MembershipPanel(page).open();
  await expect(page.getByRole('table', { name: 'Views: rows are observers, columns are members' }).getByRole('rowheader', { name: /^A/ })).toHaveText(/^A/);
});

test("the ring of eight long ids keeps its size: badges and token labels by short names, no badge over another, the full id the badge's name", async ({ page }) => {
  await openLongIds(page, MIXED8);
  const app = new AppPage(page);
  // Before: the labels' margin ("cache-003 937") left the ring a radius of about 40 px, and its eight badges lay on top of one another.
  // Polled: the ring is laid out again once the page's font has measured its labels.
  const covering = async () => {
    const badges: { id: string; x: number; y: number; r: number }[] = [];
    for (const id of MIXED8) {
      const box = (await app.ring.node(id).locator('circle').last().boundingBox())!;
      badges.push({ id, x: box.x + box.width / 2, y: box.y + box.height / 2, r: box.width / 2 });
    }
    return badges.flatMap((a, i) => badges.slice(i + 1).filter((b) => Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 1).map((b) => `${a.id} over ${b.id}`));
  };
  await expect.poll(covering).toEqual([]);
  await expect(app.ring.node('dc2-node12').locator('text')).toHaveText('n12');
  await expect(app.ring.node('dc2-node12').locator('title')).toHaveText('dc2-node12');
  // The legend says which short name is which node.
  await expect(app.ring.region.getByRole('group', { name: 'Legend' })).toContainText(/n12\s*dc2-node12/);
  await expect(app.ring.region.getByRole('group', { name: 'Legend' })).toContainText(/w1a\s*eu-west-1a/);
  await expect(app.ring.region.locator('.token-label').filter({ hasText: /^n12\s*\d+$/ })).toHaveCount(1);
  const ring = (await app.ring.region.locator('svg.ring-svg').first().locator('circle').first().boundingBox())!;
  expect(ring.width).toBeGreaterThan(200);
});

test('two ids that differ only in their datacenter keep their numbers whole in the node list and the grid: d1n3 and d2n3, not "d1…"', async ({ page }) => {
  await openLongIds(page, ['dc1-node3', 'dc2-node3', 'server-a', 'node10', 'dc1-node12', 'dc2-node12']);
  const names = new AppPage(page).controls.region.getByRole('list', { name: 'Nodes' }).locator('.node-id');
  await expect(names.first()).toHaveText('d1n3');
  const cut = await names.evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth).map((s) => s.textContent));
  expect(cut).toEqual([]);
  await new MembershipPanel(page).open();
  const heads = page.getByRole('table', { name: 'Views: rows are observers, columns are members' }).locator('thead th.mb-col');
  const clipped = await heads.evaluateAll((ths) => ths.filter((th) => th.scrollHeight > th.clientHeight + 1 || th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent));
  expect(clipped).toEqual([]);
});

test("the Hints table of long ids stays inside its panel: the meant-for node goes under its stand-in rather than push the Handoff column out", async ({ page }) => {
  // dc1-node3 (313) is down: the put of k (at 120) leaves a hint for it on backup-01, the next node past the top three.
  const scenario = longIdScenario(MIXED8) as { config: object; steps: object[] };
  const withHint = { ...scenario, config: { ...scenario.config, keyPositions: { k: 120 } }, steps: [{ op: 'fail', node: 'dc1-node3' }, { op: 'put', key: 'k', value: 1, via: 'server-a' }, { op: 'wait', ms: 300 }] };
  await page.goto('/');
  await expect(page.getByRole('region', { name: /^Preference list/ }).getByRole('table')).toBeVisible();
  await new ShareTools(page).openInput.setInputFiles({ name: 'hint.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withHint)) });
  const hints = new HintsPanel(page);
  await hints.open();
  // The file opens at its start: step on until the stand-in holds the hint.
  await stepUntil(new AppPage(page).playback, async () => (await hints.store('backup-01').count()) > 0, 60);
  await expect(hints.hint('backup-01', 'k')).toContainText('dc1-node3');
  // Before: the row ran 34 px past the panel, the Handoff column cut to "waitin".
  const table = (await hints.stores.boundingBox())!;
  const panel = (await hints.region.boundingBox())!;
  expect(table.x + table.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
  await expect(hints.hint('backup-01', 'k').getByRole('cell').last()).toBeInViewport({ ratio: 1 });
});
