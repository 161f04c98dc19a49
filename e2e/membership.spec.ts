/**
 * Membership and gossip (paper §4.8, §4.9; lectures 001, 002): every node keeps its own
 * view; a join reaches the others by gossip, round by round, until the views agree; the
 * ranges the joining (or leaving) node takes (or hands on) move. Expected ranges are
 * computed here, in Node, from the engine and the default configuration the worker uses.
 */
import { expect, test } from '@playwright/test';
import { Cluster } from '../src/engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../src/worker/default-config';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { MembershipPanel } from './pages/membership-panel';
import { RingPanel } from './pages/ring-panel';
import { stepUntil } from './pages/hints-panel';

// Lecture steps are checked at their ends: with reduced motion Next jumps there, as it did before
// steps played (lecture-play.spec.ts plays them).
test.use({ reducedMotion: 'reduce' });

const OLD = ['A', 'B', 'C', 'D'];

function transfersOf(input: Parameters<Cluster['apply']>[0]) {
  return Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED).apply(input).transfers ?? [];
}

async function addNode(app: AppPage, at: number): Promise<void> {
  await app.controls.region.getByLabel('at').fill(String(at));
  await app.controls.region.getByRole('button', { name: 'Add node' }).click();
}

test('E joins at 644: its cells turn from unknown to up in every row, and the rounds until the views agree are counted', async ({ page }) => {
  test.slow(); // it steps through every gossip message until the views agree: about 25 s here, near the 30 s default
  const app = new AppPage(page);
  await app.open();
  const members = new MembershipPanel(page);
  await members.open();
  await expect(members.agreement).toContainText('✓ Views agree');
  await expect(members.agreement).toContainText('No join or leave yet');
  await expect(members.column('A')).toHaveAccessibleName('A, seed');
  await expect(members.column('B')).toHaveAccessibleName('B, seed');
  await expect(members.column('C')).toHaveAccessibleName('C');
  for (const o of OLD) for (const m of OLD) await expect(members.cell(o, m)).toHaveText('up v1');

  await addNode(app, 644);
  await expect(members.column('E')).toBeVisible();
  // Only E knows E yet; E knows itself, the seeds and D, which owes it (20, 230]: the nodes it announces itself to.
  // E's gossip to D is drawn at the join; E's row listed no D while it did.
  for (const o of OLD) await expect(members.cell(o, 'E')).toHaveText('?');
  await expect(members.cell('E', 'E')).toHaveText('up v1');
  await expect(members.cell('E', 'A')).toHaveText('up v1');
  await expect(members.cell('E', 'D')).toHaveText('up v1');
  await expect(members.cell('E', 'C')).toHaveText('?');
  await expect(members.agreement).toContainText(/Views differ: 0 of 5 up to date/);
  // Requests do not wait for the views: the panel says so rather than contradict the request trace.
  await expect(members.agreement).toContainText('Requests still go to nodes not yet heard of (simplified).');
  await expect(members.agreement).toContainText('Rounds until views agree: 0 so far');
  const transfers = transfersOf({ type: 'addNode', id: 'E', tokens: [644] });
  await expect(members.moves).toContainText(`E joins at 644: ${transfers.length} ranges move`);
  for (const t of transfers) await expect(members.moves).toContainText(`(${t.range[0]}, ${t.range[1]}]`);
  // An old holder hands its range over only once it has heard of E: E's announcement tells it.
  const holders = [...new Set(transfers.map((t) => t.from))].sort();
  for (const from of holders) {
    await expect(members.transfer(from, 'E')).toContainText(`${from} has not heard of E yet`);
    await expect(members.transfer(from, 'E')).toBeInViewport({ ratio: 1 }); // whole, not cut off by the panel's edge
  }
  await stepUntil(app.playback, async () => (await members.moves.textContent())!.includes('sending…'), 20);
  const sending = await members.moves.getByRole('listitem').filter({ hasText: 'sending…' }).first().textContent();
  const sender = holders.find((h) => new RegExp(`^\\s*${h}\\s*→`).test(sending!))!;
  await expect(members.cell(sender, 'E')).toHaveText('up v1');

  // One round: every live node (E too) starts one exchange. The log, which hides gossip by default, lists it
  // while the Members panel is on the stage (Step stops at gossip there).
  await expect(app.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'true');
  await members.gossipRound.click();
  await expect(app.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'true');
  await expect(members.agreement).toContainText('Rounds until views agree: 1 so far');
  await stepUntil(app.playback, async () => (await members.agreement.textContent())!.includes('Views agree'), 250);
  for (const o of [...OLD, 'E']) await expect(members.cell(o, 'E')).toHaveText('up v1');
  // Gossip's own exchanges, counted apart from E's announcements, which the log lists under Gossip too.
  await expect(members.agreement).toContainText(/Rounds until views agree: [1-9]\d* \(\d+ gossip exchanges? besides E's announcements, /);
  await expect(members.agreement).not.toContainText('Requests still go to');
  await expect(members.agreement).not.toContainText('so far');

  // Stepping back one event shows the views as they were just before they agreed.
  await app.playback.stepBack();
  await expect(members.agreement).toContainText('Views differ');
  await expect(members.agreement).toContainText('so far');
});

test('C leaves: its ranges move on, and gossip brings "left" to every remaining view', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const members = new MembershipPanel(page);
  await members.open();
  await app.controls.region.getByRole('button', { name: 'Remove node C' }).click();
  await expect(members.observer('C')).toHaveCount(0); // no longer a member: no longer an observer
  const transfers = transfersOf({ type: 'removeNode', id: 'C' });
  await expect(members.moves).toContainText(`C leaves: ${transfers.length} ranges move`);
  // The leaving node knows every receiver, so each range is on its way at once.
  for (const t of transfers) await expect(members.transfer('C', t.to)).toContainText('sending…');
  // Requests route on the ring without C at once, before every view hears of the leave: said, as for a join.
  await expect(members.agreement).toContainText('Views differ');
  await expect(members.agreement).toContainText('Requests already skip C, though some views still list it (simplified).');
  await members.gossipRound.click();
  await stepUntil(app.playback, async () => (await members.agreement.textContent())!.includes('Views agree') && (await members.cell('D', 'C').textContent()) === 'left v2', 250);
  for (const o of ['A', 'B', 'D']) await expect(members.cell(o, 'C')).toHaveText('left v2');
});

test('a destroyed node is removed: its ranges are not sent from the lost disk, anti-entropy repairs them (lecture 002)', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const ring = new RingPanel(page);
  const menu = ring.nodeMenu('C');
  // Opens C's menu on the ring: a click while the page still loads, or one that closes a menu
  // left open, does not show it; click again then.
  const openMenu = (button: string) =>
    expect(async () => {
      if (!(await menu.isVisible())) await ring.node('C').click();
      await expect(menu.getByRole('button', { name: button })).toBeVisible({ timeout: 2000 });
    }).toPass();
  await openMenu('Destroy node C');
  await menu.getByRole('button', { name: 'Destroy node C' }).click();
  await expect(ring.node('C')).toHaveAccessibleName(/^Node C, destroyed/);
  // The node list says so in full, with no Recover: a destroyed node never comes back.
  const row = app.controls.nodeRow('C');
  await expect(row).toContainText('destroyed');
  await expect(row.getByRole('button', { name: 'Recover node C' })).toHaveCount(0);
  expect(await row.locator('.state').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await openMenu('Remove node C');
  await expect(menu.getByRole('button', { name: 'Destroy node C' })).toHaveCount(0); // once is all there is
  await menu.getByRole('button', { name: 'Remove node C' }).click();
  const members = new MembershipPanel(page);
  await members.open();
  const moved = transfersOf({ type: 'removeNode', id: 'C' });
  await expect(members.moves).toContainText(`C leaves: ${moved.length} ranges move`);
  for (const t of moved) await expect(members.transfer('C', t.to)).toContainText("C's disk is gone: anti-entropy restores it from another replica, if one holds it");
  await app.playback.stepForward();
  for (const t of moved) await expect(members.transfer('C', t.to)).not.toContainText('sending');
});

test('gossip exchanges are drawn as they happen: who gossiped with whom', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const members = new MembershipPanel(page);
  await members.open();
  await members.gossipRound.click();
  // A round: each of A, B, C, D contacts one other node.
  await expect(members.gossip).toHaveAccessibleName(/^Gossip exchanges of the last 1000 ms: A with [BCD], B with [ACD], C with [ABD], D with [ABC]$/);
  await expect(members.observer('A')).toHaveAccessibleName(/gossiping/);
});

test('a node that is down is not said to gossip when a message is on its way to it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const members = new MembershipPanel(page);
  await members.open();
  await app.controls.fail('D');
  // Rounds until one picks D, which the others still believe up: that message will be dropped at D.
  for (let round = 0; round < 8 && !/with D/.test((await members.gossip.getAttribute('aria-label')) ?? ''); round++) {
    const before = await members.gossip.getAttribute('aria-label');
    await members.gossipRound.click();
    await expect(members.gossip).not.toHaveAttribute('aria-label', before!);
  }
  await expect(members.gossip).toHaveAccessibleName(/[ABC] with D/);
  await expect(members.observer('D')).not.toHaveAccessibleName(/gossiping/);
  await expect(members.observer('A')).toHaveAccessibleName(/gossiping/);
});

test('lecture 002, a gossip round: who contacted whom is hidden while the question waits, then listed, E → C among them', async ({ page }) => {
  const lecture = new LecturePanel(page);
  await new AppPage(page).open();
  await lecture.choose('Forwarding and gossip');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText(/^Step 6 of 12$/);
  await lecture.pressNext();
  await expect(lecture.question).toContainText('How does E choose whom to contact in this round?');
  // On the Members panel the lecture lists gossip in the log, which hides it by default.
  await expect(new AppPage(page).log.region.getByRole('button', { name: 'Hidden: Anti-entropy', exact: true })).toBeVisible();
  const members = new MembershipPanel(page);
  await expect(members.region).toContainText("Who contacted whom: hidden while the lecture's question waits.");
  await expect(members.gossip).toHaveAccessibleName(/: none$/);
  await expect(members.exchanges).toHaveCount(0);
  await lecture.pressNext();
  await expect(lecture.answer).toContainText("A node at random: here E chose C, as in the notes' figure");
  // One round: each of the eight nodes contacted one other.
  await expect(members.exchanges.getByRole('listitem')).toHaveCount(8);
  await expect(members.exchanges.getByRole('listitem').filter({ hasText: /^E → C$/ })).toHaveCount(1);
  await expect(members.gossip).toHaveAccessibleName(/\bE with C\b/);
});

test("a join whose announcements reach every node: the views agree with no gossip round, and the panel says so rather than '0 rounds'", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const members = new MembershipPanel(page);
  await members.open();
  // Seed 42 gives E tokens whose old holders, with the seeds, are every node.
  await app.controls.region.getByRole('button', { name: 'Add node' }).click();
  await expect(members.column('E')).toBeVisible();
  await stepUntil(app.playback, async () => (await members.agreement.textContent())!.includes('Views agree'), 60);
  await expect(members.agreement).toContainText("No gossip round needed: E's announcements to the seeds and to the nodes that owe it ranges reached every view");
  await expect(members.agreement).not.toContainText('Rounds until views agree');
});

test("lecture 002's gossip round: the circle of eight fits under the grid, E (the node the lecture is about) whole on screen", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Forwarding and gossip');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 6 of 12');
  await lecture.pressNext(2); // the round, and its answer
  await expect(lecture.answer).toContainText('here E chose C');
  const body = page.getByRole('group', { name: 'Views, gossip and moving ranges' });
  const circle = page.getByRole('img', { name: /^Gossip exchanges of the last/ });
  await expect(circle).toHaveAccessibleName(/E with C/);
  // Its bottom within the panel's body, which would otherwise scroll it away (E's circle was cut at the bottom).
  await expect.poll(async () => (await circle.boundingBox())!.y + (await circle.boundingBox())!.height <= (await body.boundingBox())!.y + (await body.boundingBox())!.height + 1).toBe(true);
});

test('the gossip circle of node1…node5 names each node inside its circle, no name over another', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Consistent hashing and adding a node');
  for (let i = 0; i < 20 && (await lecture.progress.textContent()) !== 'Step 9 of 19'; i++) await lecture.pressNext(); // node5 joins
  await expect(lecture.narration).toContainText('node5 takes the range (458, 644]');
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Members', exact: true }).click();
  const names = page.getByRole('img', { name: /^Gossip exchanges of the last/ }).locator('text');
  await expect(names).toHaveText(['node1★', 'node2★', 'node3', 'node4', 'node5']);
  // Before: names pushed off the circle's edge were set above or below their node, onto a neighbour ("node4node3").
  const boxes = await names.evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
  for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
});

test('a lecture opened from the Members tab and left: the tab lends the log Gossip again, and the Ring tab hides it', async ({ page }) => {
  // Leaving used to restore the log as the tab had lent it, as the lecturer's own choice: Gossip stayed listed on every tab.
  const app = new AppPage(page);
  await app.open();
  const members = new MembershipPanel(page);
  await members.open();
  const gossip = app.log.filter('Gossip');
  await expect(gossip).toHaveAttribute('aria-pressed', 'true');
  const lecture = new LecturePanel(page);
  await lecture.choose('Consistent hashing and adding a node');
  await lecture.leave.click();
  await expect(members.region).toBeVisible();
  await expect(gossip).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Ring', exact: true }).click();
  await expect(gossip).toHaveAttribute('aria-pressed', 'false');
});
