/**
 * Node ids as lecturers write them in their own scenarios ("node10", "server-a", "dc2-node12",
 * "eu-west-1a"), at 1280×720: every node stays identifiable, no name drawn over another.
 */
import { expect, test } from '@playwright/test';
import { MembershipPanel } from './pages/membership-panel';
import { MIXED16, MIXED8, openLongIds, overlapping } from './pages/long-ids';

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
