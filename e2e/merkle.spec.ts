/**
 * The Merkle panel (lecture 001): a lecturer runs anti-entropy on two diverged replicas and
 * steps it level by level — roots, then only the halves that differ — until only the
 * differing keys are sent; the same on a 1,024-leaf tree, collapsed and zoomed.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { MerklePanel } from './pages/merkle-panel';
import { overlapping } from './pages/long-ids';
import { encodeLink } from '../src/share/link';
import { ShareTools } from './pages/share';
import { RequestTracePanel } from './pages/request-trace-panel';
import { stepUntil } from './pages/hints-panel';
import { RING_CHANGED_AFTER_EXCHANGE } from '../src/panels/merkle/merkle-fixtures';

// Lecture steps are checked at their ends: with reduced motion Next jumps there, as it did before
// steps played (lecture-play.spec.ts plays them).
test.use({ reducedMotion: 'reduce' });

const LECTURE = 'Merkle trees: finding the key that differs';

/** Opens lecture 001's Merkle example at step `step` (1-based), then the Merkle panel. */
async function lectureAt(page: Page, step: number): Promise<MerklePanel> {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose(LECTURE);
  await expect(lecture.progress).toHaveText(/^Step 1 of 16$/);
  for (let i = 1; i < step; i++) {
    await lecture.next.click();
    await expect(lecture.progress).toHaveText(new RegExp(`^Step ${i + 1} of 16$`));
  }
  const merkle = new MerklePanel(page);
  await merkle.open();
  return merkle;
}

/** Opens lecture 001 and presses Next (revealing answers on the way) until the progress reads `target`; the Merkle panel is on the stage. */
async function pressedOnTo(page: Page, target: string): Promise<{ lecture: LecturePanel; merkle: MerklePanel }> {
  return { lecture: await new LecturePanel(page).openAt(LECTURE, target), merkle: new MerklePanel(page) };
}

test("lecture 001 after Node0's k0 changes: the first exchange is history, and the trees are shown as they are now", async ({ page }) => {
  test.setTimeout(60_000);
  const { lecture, merkle } = await pressedOnTo(page, 'Step 12 of 16');
  await expect(lecture.narration).toContainText("Node0's root h4 = hash(h3 + h1) differs from Node1's h2");
  await expect(merkle.region).toContainText('The replicas changed after the last exchange: their trees as they are now, not compared yet.');
  await expect(merkle.stage).toHaveText('Nothing compared yet.');
  await expect(merkle.region).not.toContainText('Done: equal at root');
});

test('synchronized again, the roots keep the name step 12 gave Node0\'s, h4, and a link opened at that step names them alike', async ({ page, context }) => {
  test.setTimeout(90_000);
  const { lecture, merkle } = await pressedOnTo(page, 'Step 16 of 16');
  if ((await lecture.answer.count()) === 0) await lecture.next.click(); // reveal
  await expect(lecture.answer).toBeVisible();
  for (const node of ['Node1', 'Node0']) await expect(merkle.treeNode(node, /root: hash h4 \(\w+\)/)).toBeVisible();
  await expect(merkle.treeNode('Node1', /: hash h3 \(\w+\), .*keys k0$/)).toBeVisible();
  // The names come from the trace, not from what this page happened to show before: the link's page, which
  // never showed steps 12 to 15, names them alike (it said h2, h0 and h1).
  const link = await new ShareTools(page).share();
  const other = await context.newPage();
  await other.goto(link);
  await expect(new LecturePanel(other).progress).toHaveText('Step 16 of 16');
  const otherMerkle = new MerklePanel(other);
  for (const node of ['Node1', 'Node0']) await expect(otherMerkle.treeNode(node, /root: hash h4 \(\w+\)/)).toBeVisible();
  await expect(otherMerkle.treeNode('Node1', /: hash h3 \(\w+\), .*keys k0$/)).toBeVisible();
});

test('once the exchange has repaired Node1, the panel says what its tree is now, under the names step 12 taught', async ({ page }) => {
  test.setTimeout(60_000);
  const { lecture, merkle } = await pressedOnTo(page, 'Step 14 of 16');
  await expect(lecture.narration).toContainText('Node1 stored v2');
  // Node1's tree as it is now is Node0's: its root is h4, not a new name ...
  await expect(merkle.stage).toHaveText("Done: 1 key differed and was exchanged. Node1's root is now h4, the same as Node0's. Below: the trees as compared.");
  // ... while the trees stay as the exchange compared them, Node1's old h0 and h2 against Node0's h3 and h4, and say so.
  await expect(merkle.tree('Node1')).toHaveAccessibleName("Node1's tree, as compared");
  // In the narrow stage the sentence above says it, not a caption in the corner where the Legend button stands (it covered it).
  await expect(merkle.tree('Node1').locator('text', { hasText: 'as compared' })).toHaveCount(0);
  const legendButton = await merkle.region.getByRole('button', { name: 'Legend' }).boundingBox();
  const treeTexts = await merkle.tree('Node1').locator('text').evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  expect(treeTexts.filter((r) => r.x < legendButton!.x + legendButton!.width && legendButton!.x < r.x + r.width && r.y < legendButton!.y + legendButton!.height && legendButton!.y < r.y + r.height)).toEqual([]);
  // Node1's boxes the repair changed read "h2 → h4" and "h0 → h3": as compared, and as they are now, Node0's; the rest stay as they were.
  await expect(merkle.treeNode('Node1', /root: hash h2 \(\w+\) as compared, now h4 \(\w+\), differs$/).locator('text')).toHaveText('h2 → h4');
  await expect(merkle.treeNode('Node1', /\(leaf\): hash h0 \(\w+\) as compared, now h3 \(\w+\), differs, keys k0$/).locator('text')).toHaveText('h0 → h3');
  await expect(merkle.treeNode('Node1', /\(leaf\): hash h1 \(\w+\), equal, keys k1$/).locator('text')).toHaveText(/^h1 \w{4}$/);
  await expect(merkle.treeNode('Node0', /root: hash h4 \(\w+\), differs$/).locator('text')).toHaveText(/^h4 \w{4}$/);
  // One level back, before the exchange ended, there is nothing to add.
  await merkle.previous.click();
  await expect(merkle.stage).toHaveText('Leaves compared: 2 hashes, 1 differs — their keys are sent.');
  await expect(merkle.tree('Node1')).toHaveAccessibleName("Node1's tree");
  await expect(merkle.treeNode('Node1', /root: hash h2 \(\w+\), differs$/).locator('text')).toHaveText(/^h2 \w{4}$/);
});

test("after the ring changes, an exchange that repaired A says A and C no longer share its range, not that A's root is the same as C's, on the page and in the SVG", async ({ page }) => {
  // A reviewer's free play (merkle-fixtures.ts): anti-entropy A ↔ C repaired A over (230, 458]; then E joined at 644,
  // A dropped that range, and B was removed. The panel said "A's root is now ∅, the same as C's" beside C's tree holding cart.
  await page.goto(`/#${encodeLink(RING_CHANGED_AFTER_EXCHANGE)}`);
  const merkle = new MerklePanel(page);
  await merkle.open();
  await expect(merkle.follow).toBeChecked();
  await expect(merkle.range.locator('option:checked')).toHaveText(/^\(230, 458\] · 1 key$/);
  await expect(merkle.stage).toHaveText('Done: 1 key differed and was exchanged. The ring changed after the exchange: A and C no longer share (230, 458], and share (850, 20] now as part of (644, 20]. Below: the trees as compared.');
  // C's tree of that range, as compared, holds cart under a root of four hex digits, not the empty ∅ said to be A's "the same as C's".
  await expect(merkle.treeNode('C', /root/).locator('text')).toHaveText(/^[0-9a-f]{4}$/);
  await expect(merkle.tree('C').locator('text.mk-keys', { hasText: /^cart$/ })).toBeVisible();
  await expect(merkle.stage).not.toContainText('the same as');
  // The slide says it too: the sentence goes into the panel's SVG.
  const [svg] = await Promise.all([page.waitForEvent('download'), merkle.region.getByRole('button', { name: 'Download Merkle trees as SVG' }).click()]);
  const words = [...readFileSync(await svg.path(), 'utf8').matchAll(/>([^<>]*)<\/tspan>/g)].map((m) => m[1]).join('').replace(/\s+/g, '');
  expect(words).toContain('AandCnolongershare(230,458]');
  expect(words).not.toContain('thesameas');
});

test('run an anti-entropy exchange on diverged replicas and step it level by level until only the differing keys are sent', async ({ page }) => {
  test.setTimeout(60_000);
  // Step 12: Node1 holds (k0, v0), (k1, v1); Node0 holds (k0, v2), (k1, v1). Node0 comes first, as in the notes' picture.
  const merkle = await lectureAt(page, 12);
  await expect(merkle.firstReplica).toHaveValue('Node0');
  await expect(merkle.secondReplica).toHaveValue('Node1');
  const [first, second] = [merkle.tree('Node0'), merkle.tree('Node1')].map((t) => t.boundingBox());
  expect((await first)!.y).toBeLessThan((await second)!.y);
  // The log hides anti-entropy by default; in a lecture on the Merkle trees it lists it, as the
  // narration talks of nothing else. (Beside the lecture the log is narrow: its one button names the kinds it hides.)
  const log = new AppPage(page).log;
  await expect(log.region.getByRole('button', { name: 'Hidden: Gossip', exact: true })).toBeVisible();
  await merkle.run.click();
  await expect(merkle.follow).toBeChecked();
  await expect(log.region.getByRole('button', { name: 'Hidden: Gossip', exact: true })).toBeVisible();
  await expect(merkle.stage).toHaveText('Nothing compared yet.');
  await expect(merkle.keysSent).toContainText('none yet');
  await expect(merkle.previous).toBeDisabled();

  // Roots: h(h3 + h1) on Node0 against h(h0 + h1) on Node1 — not equal.
  await merkle.compareNextLevel();
  await expect(merkle.stage).toHaveText('Roots compared: 1 hash, 1 differs.');
  // "▶root" marks the level just compared, and each tree's title beside its root keeps clear of it: it ran 4 px into "Node0’s tree".
  for (const node of ['Node0', 'Node1']) {
    const boxes = await merkle.tree(node).locator('text.mk-level, g.mk-owner text').evaluateAll((texts) =>
      texts.map((t) => ({ name: t.textContent ?? '', ...(JSON.parse(JSON.stringify(t.getBoundingClientRect())) as { left: number; right: number; top: number; bottom: number }) })),
    );
    expect(boxes.map((b) => b.name)).toContain('▶root');
    expect(overlapping(boxes)).toEqual([]);
  }
  await expect(log.current).toContainText('Node0 sends Merkle hashes, level 1 to Node1');
  await expect(merkle.cost).toContainText('hashes compared: 1,');
  // Named as the notes name them: Node1's root h2 = hash(h0 + h1), Node0's h4 = hash(h3 + h1).
  await expect(merkle.treeNode('Node1', /root: hash h2 \(\w+\), differs$/)).toBeVisible();
  await expect(merkle.treeNode('Node0', /root: hash h4 \(\w+\), differs$/)).toBeVisible();
  await expect(merkle.treeNode('Node0', /: hash h3 \(\w+\), .*keys k0$/)).toBeVisible();
  await expect(merkle.treeNode('Node1', /keys k1$/)).toHaveAccessibleName(/not compared yet/);

  // The notes' tree: two leaves under the root, h0 = hash(v0) and h1 = hash(v1) (h3 = hash(v2) on Node0).
  await expect(merkle.treeNode('Node1', /\(leaf\)/)).toHaveCount(2);

  // The leaves: h1 is equal on both, so k1 is skipped; h3 against h0 differ, and the side that found them sends k0.
  await merkle.compareNextLevel();
  await expect(merkle.stage).toHaveText('Leaves compared: 2 hashes, 1 differs — their keys are sent.');
  for (const node of ['Node1', 'Node0']) await expect(merkle.treeNode(node, /keys k1$/)).toHaveAccessibleName(/equal/);
  for (const node of ['Node1', 'Node0']) await expect(merkle.treeNode(node, /keys k0$/)).toHaveAccessibleName(/differs/);
  const k1Hash = (name: string | null) => name?.match(/hash (\w+)/)?.[1];
  expect(k1Hash(await merkle.treeNode('Node1', /keys k1$/).getAttribute('aria-label'))).toBe(k1Hash(await merkle.treeNode('Node0', /keys k1$/).getAttribute('aria-label')));
  await expect(merkle.keysSent).toHaveText(/Keys sent:\s*Node1 → Node0: k0 — next, Node0 → Node1: its versions of the keys that differ$/);

  // Done: only k0 went each way, after 3 hashes (the root, then h0/h3 and h1).
  await merkle.compareNextLevel();
  await expect(merkle.stage).toHaveText("Done: 1 key differed and was exchanged. Node1's root is now h4, the same as Node0's. Below: the trees as compared.");
  await expect(merkle.keysSent).toContainText('Node0 → Node1: k0');
  await expect(merkle.keysSent).toContainText('Node1 → Node0: k0');
  await expect(merkle.keysSent).not.toContainText('k1');
  // Two keys: the exchange sends about as many bytes as a full transfer (the clocks name Node0 and Node1), as the
  // lecture's narration says; no more, so the panel adds no remark on the hashes costing more than the data.
  await expect(merkle.cost).toHaveText('hashes compared: 3, bytes exchanged: 152 vs full transfer: 154');
  await expect(merkle.next).toBeDisabled();

  // Stepping back shows the earlier state: the keys not yet answered.
  await merkle.previous.click();
  await expect(merkle.stage).toHaveText('Leaves compared: 2 hashes, 1 differs — their keys are sent.');
  await expect(merkle.keysSent).toHaveText(/Keys sent:\s*Node1 → Node0: k0 — next, Node0 → Node1: its versions of the keys that differ$/);
  // Away from the Merkle panel the log hides anti-entropy again: Step would otherwise stop at every periodic exchange.
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Ring', exact: true }).click();
  await expect(log.region.getByRole('button', { name: 'Hidden: Gossip, Anti-entropy' })).toBeVisible();
});

test('lecture 001 as the notes tell it: synchronized replicas compare their roots and stop', async ({ page }) => {
  test.setTimeout(60_000);
  // Step 4 is the first exchange, already run by the lecture: the panel follows it.
  const merkle = await lectureAt(page, 4);
  await expect(merkle.follow).toBeChecked();
  await expect(merkle.stage).toHaveText('Done: equal at root, nothing to send.');
  await expect(merkle.cost).toContainText('hashes compared: 1,');
  await expect(merkle.keysSent).toContainText('none — the trees agree');
  // Synchronized: both trees are h0 = hash(v0), h1 = hash(v1) under h2 = hash(h0 + h1).
  for (const node of ['Node1', 'Node0']) await expect(merkle.treeNode(node, /root: hash h2 \(\w+\), equal$/)).toBeVisible();
  await expect(merkle.treeNode('Node1', /not compared: equal above/)).toHaveCount(2);
  // Back through the engine's recorded exchange: the roots not compared yet.
  await merkle.previous.click();
  await expect(merkle.stage).toHaveText('Nothing compared yet.');
  await expect(merkle.treeNode('Node1', /root: hash h2 \(\w+\), not compared yet$/)).toBeVisible();
});

test('while the last question waits ("how many hashes now?"), the exchange is drawn as it found the trees, nothing compared', async ({ page }) => {
  test.setTimeout(60_000);
  const { lecture, merkle } = await pressedOnTo(page, 'Step 16 of 16');
  await expect(lecture.question).toContainText('How many hashes do Node0 and Node1 compare now?');
  await expect(merkle.region).toContainText("How this exchange went: hidden while the lecture's question waits.");
  await expect(merkle.stage).toHaveText('Nothing compared yet.');
  // No count either: "hashes compared: 0" would read as an answer.
  await expect(merkle.cost).toHaveCount(0);
  // The hashes keep the names step 12 gave them: both roots are Node0's h4 = hash(h3 + h1).
  for (const node of ['Node1', 'Node0']) {
    await expect(merkle.treeNode(node, /root: hash h4 \(\w+\), not compared yet$/)).toBeVisible();
    await expect(merkle.treeNode(node, /: hash h3 \(\w+\), .*keys k0$/)).toBeVisible();
  }
  await lecture.next.click();
  await expect(lecture.answer).toContainText('One: the roots are equal');
  await expect(merkle.stage).toHaveText('Done: equal at root, nothing to send.');
  await expect(merkle.cost).toContainText('hashes compared: 1,');
});

test('a pair the lecturer picks is compared by the panel at the cursor, level by level', async ({ page }) => {
  test.setTimeout(60_000);
  const merkle = await lectureAt(page, 12);
  await merkle.follow.uncheck();
  await expect(merkle.stage).toHaveText('Nothing compared yet.');
  const seen: string[] = [];
  const keys: string[] = [];
  await expect(merkle.next).toBeEnabled();
  while (await merkle.next.isEnabled()) {
    await merkle.compareNextLevel();
    seen.push((await merkle.stage.textContent()) ?? '');
    keys.push((await merkle.keysToSend.count()) > 0 ? ((await merkle.keysToSend.textContent()) ?? '') : '');
  }
  expect(seen).toEqual([
    'Roots compared: 1 hash, 1 differs.',
    'Leaves compared: 2 hashes, 1 differs — their keys would be sent.',
    'Done: 1 key differs. Run anti-entropy to send it.',
  ]);
  // At the leaves the finder's keys go first; the answer, a step later, is said to come, not left out.
  expect(keys[1]).toMatch(/^Keys to send:\s*Node1 → Node0: k0 — next, Node0 → Node1: its versions of the keys that differ$/);
  expect(keys[2]).not.toContain('next');
  // The panel's own comparison sends nothing: it lists what the exchange would send.
  await expect(merkle.keysSent).toHaveCount(0);
  await expect(merkle.keysToSend).toContainText('Node1 → Node0: k0');
  await expect(merkle.keysToSend).not.toContainText('k1');
  await expect(merkle.cost).toContainText('hashes compared: 3,');
  // Picking the same node twice is refused with a sentence, not a broken picture.
  await merkle.secondReplica.selectOption('Node0');
  await expect(merkle.region).toContainText('Pick two different replicas.');
  await expect(merkle.run).toBeDisabled();
});

/** Two replicas on the MD5 ring holding 700 keys (1,024 leaves); while split, B rewrites four of them. */
function bigSessionLink(): string {
  const config = { n: 2, r: 1, w: 1, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: 1 }, { id: 'B', tokens: 1 }] };
  const actions = [
    ...Array.from({ length: 700 }, (_, i) => ({ input: { type: 'put', key: `user:${i + 1}`, value: `v${i + 1}`, via: 'A' } })),
    { steps: 6000 },
    { input: { type: 'partition', groups: [['A'], ['B']] } },
    ...[17, 250, 251, 640].map((i) => ({ input: { type: 'put', key: `user:${i}`, value: 'changed', via: 'B' } })),
    { steps: 200 },
    { input: { type: 'heal' } },
  ];
  return encodeLink({ seed: 3, config, actions } as Parameters<typeof encodeLink>[0]);
}

test('a 1,024-leaf tree: collapsed levels, only differing halves opened, zoom down to the keys sent', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/#${bigSessionLink()}`);
  const merkle = new MerklePanel(page);
  await merkle.open();
  await expect(merkle.region).toContainText('All 1,024 leaves', { timeout: 30_000 });
  await merkle.run.click();
  await expect(merkle.stage).toHaveText('Nothing compared yet.');
  for (let level = 0; level <= 10; level++) await merkle.compareNextLevel();
  await expect(merkle.stage).toHaveText(/^Leaves compared: \d+ hashes, 4 differ — their keys are sent\.$/);
  await merkle.compareNextLevel();
  await expect(merkle.stage).toHaveText('Done: 4 keys differed and were exchanged. The trees now agree. Below: the trees as compared.');
  // Far fewer hashes than 2 × 1,023, and far fewer bytes than sending 700 keys.
  const cost = (await merkle.cost.textContent()) ?? '';
  const [, hashes, bytes, full] = cost.replaceAll(',', '').match(/hashes compared: (\d+) bytes exchanged: (\d+) vs full transfer: (\d+)/) ?? [];
  expect(Number(hashes)).toBeLessThan(100);
  expect(Number(bytes) * 10).toBeLessThan(Number(full));
  await expect(merkle.cost).not.toContainText('cost more than the data');

  // The overview: the drawn bottom row summarises the hidden levels; zoom into differing subtrees down to the leaves.
  await expect(merkle.zoomInto('A', /equal$/).first()).toBeVisible();
  for (let i = 0; i < 10 && (await merkle.zoomInto('A', /differ$/).count()) > 0; i++) await merkle.zoomInto('A', /differ$/).first().click();
  await expect(merkle.treeNode('A', /\(leaf\): hash \w+ as compared, now \w+, differs, keys .*\buser:(17|250|251|640)\b/).first()).toBeVisible();
  await expect(merkle.wholeTree).toBeVisible();
  await merkle.wholeTree.click();
  // A took keys from B since: its root as compared, and as it is now.
  await expect(merkle.treeNode('A', /^A root: hash \w+ as compared, now \w+, differs$/)).toBeVisible();

  // Wide: both trees side by side with the per-level counts of the levels not drawn.
  await merkle.wide.click();
  await expect(merkle.region.getByLabel('Levels')).toContainText(/leaf \d+\/4/);
  await expect(merkle.tree('A')).toBeVisible();
  await expect(merkle.tree('B')).toBeVisible();
});

test('an exchange with a destroyed replica gives up, and the panel says so: no "the trees agree", no full transfer to compare with', async ({ page }) => {
  const config = { n: 2, r: 1, w: 1, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [600] }] };
  const actions = [{ input: { type: 'put', key: 'cart', value: 'book', via: 'A' } }, { steps: 20 }, { input: { type: 'destroy', node: 'B' } }, { input: { type: 'antiEntropy', a: 'A', b: 'B' } }, { steps: 40 }];
  await page.goto(`/#${encodeLink({ seed: 1, config, actions } as Parameters<typeof encodeLink>[0])}`);
  const merkle = new MerklePanel(page);
  await merkle.open();
  await expect(merkle.stage).toHaveText('The exchange gave up: no answer.');
  await expect(merkle.keysSent).toContainText('none — the exchange gave up');
  await expect(merkle.keysSent).not.toContainText('the trees agree');
  await expect(merkle.cost).toHaveText(/^hashes compared: 0, bytes exchanged: \d+: the opening message, which got no answer$/);
});

test("before any exchange the panel compares two of the key's replicas, and its own comparison says it sent nothing", async ({ page }) => {
  const app = new AppPage(page);
  const merkle = new MerklePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await merkle.open();
  // cart lives on C, D, A: A and B, the first two nodes, share none of its range. Two of its replicas, in the members' order.
  await expect(merkle.firstReplica).toHaveValue('A');
  await expect(merkle.secondReplica).toHaveValue('C');
  // The panel's own comparison needs the pair's trees first: read before they came, Compare next level was still disabled, and the loop compared nothing.
  await expect(merkle.next).toBeEnabled();
  while (await merkle.next.isEnabled()) await merkle.compareNextLevel();
  // Compared at the cursor, just after the put: its own copy to A is still on the way, and the panel says so.
  await expect(merkle.stage).toHaveText('Done: 1 key differs. Run anti-entropy to send it. A write of that key is still on the way to A or C, and may get there first.');
  await expect(merkle.cost).toContainText('bytes it would exchange');
  await expect(merkle.keysToSend).toContainText('C → A: cart');
  // The narrow stage folds the legend behind a button: "h0 4623" and "cart" are explained there.
  const legend = merkle.region.getByRole('button', { name: 'Legend' });
  await expect(merkle.region.getByText(/^h0, h1, …: a name for each hash/)).toHaveCount(0);
  await legend.click();
  await expect(merkle.region.getByText(/^h0, h1, …: a name for each hash/)).toBeVisible();
  await legend.press('Escape');
  await expect(merkle.region.getByText(/^h0, h1, …: a name for each hash/)).toHaveCount(0);
});

test("a link opens the Merkle pair the lecturer compared, as far as they had compared it, and the request the trace told", async ({ page, context }) => {
  const app = new AppPage(page);
  const merkle = new MerklePanel(page);
  const share = new ShareTools(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.playback.settledPosition();
  await app.controls.put('mug', 'tea');
  await app.playback.settledPosition();
  const trace = new RequestTracePanel(page);
  await trace.region.getByRole('combobox', { name: 'Request' }).selectOption('1');
  await expect(trace.summary).toContainText('#1 put(cart)');
  await merkle.open();
  await merkle.firstReplica.selectOption('C');
  await merkle.secondReplica.selectOption('D');
  await merkle.compareNextLevel();
  const stage = await merkle.stage.textContent();
  expect(stage).toMatch(/^Roots compared/);
  // The ring and back: the pair and how far it was compared stay.
  await page.getByRole('tab', { name: 'Ring' }).click();
  await merkle.open();
  await expect(merkle.firstReplica).toHaveValue('C');
  await expect(merkle.stage).toHaveText(stage!);
  const link = await share.share();

  const other = await context.newPage();
  const theirs = new MerklePanel(other);
  await other.goto(link);
  await expect(theirs.tab).toHaveAttribute('aria-selected', 'true');
  await expect(theirs.follow).not.toBeChecked();
  await expect(theirs.firstReplica).toHaveValue('C');
  await expect(theirs.secondReplica).toHaveValue('D');
  await expect(theirs.stage).toHaveText(stage!);
  await expect(new RequestTracePanel(other).summary).toContainText('#1 put(cart)');
});

test('a tree that fits, then stops fitting as the window shrinks: the zoom bar takes its room and the bottom row stays in the panel', async ({ page }) => {
  // Six keys on one range: a tree of 8 leaves, four levels, whole at 1280 × 720 in the narrow stage, not at 650 px.
  const config = { n: 2, r: 1, w: 1, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [600] }] };
  const actions = [...Array.from({ length: 6 }, (_, i) => ({ input: { type: 'put', key: `k${i}`, value: `v${i}`, via: 'A' } })), { steps: 200 }, { input: { type: 'antiEntropy', a: 'A', b: 'B' } }, { steps: 40 }];
  await page.goto(`/#${encodeLink({ seed: 1, config, actions } as Parameters<typeof encodeLink>[0])}`);
  const merkle = new MerklePanel(page);
  await merkle.open();
  const zoomBar = merkle.region.getByText(/^All 8 leaves/);
  const area = merkle.region.locator('.mk-trees-area');
  /** How far the lower tree, down to its bottom row's summaries, reaches past the trees' area (≤ 0: inside it), in px. */
  const overshoot = async () => {
    const outer = (await area.boundingBox())!;
    const tree = (await merkle.tree('B').boundingBox())!;
    return tree.y + tree.height - (outer.y + outer.height);
  };
  await expect(merkle.treeNode('B', /\(leaf\)/)).toHaveCount(8);
  await expect(zoomBar).toHaveCount(0);
  // Shrunk, then back and shrunk again: the bar drawn each time is a new element, measured as it comes.
  for (const height of [650, 720, 650]) {
    await page.setViewportSize({ width: 1280, height });
    if (height === 720) {
      await expect(zoomBar).toHaveCount(0);
      continue;
    }
    await expect(zoomBar).toBeVisible();
    await expect(merkle.treeNode('B', /\(leaf\)/)).toHaveCount(0);
    await expect.poll(overshoot).toBeLessThanOrEqual(0.5);
  }
});

test("a hash the repair changed reads in the other tree's four digits: the roots that now agree show the same digits", async ({ page }) => {
  const app = new AppPage(page);
  const merkle = new MerklePanel(page);
  await app.open();
  await app.controls.failOrRecover('A').click();
  await app.controls.put('cart', 'shoes');
  for (let i = 0; i < 12; i++) await app.playback.stepForward();
  await app.controls.failOrRecover('A').click();
  await merkle.open();
  await merkle.firstReplica.selectOption('A');
  await merkle.secondReplica.selectOption('C');
  await merkle.run.click();
  // The exchange started (its first level to compare): read before the run's frame came, Compare next level could still be disabled, and the loop compared nothing.
  await expect(merkle.next).toBeEnabled();
  while (await merkle.next.isEnabled()) await merkle.compareNextLevel();
  await expect(merkle.stage).toContainText('Done: 1 key differed and was exchanged');
  const cRoot = (await merkle.treeNode('C', /root/).locator('text').textContent())!;
  expect(cRoot).toMatch(/^[0-9a-f]{4}$/);
  // A's root as compared (empty: A had missed the put) and as it is now, C's: the same four digits C's box shows.
  await expect(merkle.treeNode('A', /root/).locator('text')).toHaveText(`∅→${cRoot}`);
});

test.describe('a 720p projector at 125% zoom (1024×576)', () => {
  test.use({ viewport: { width: 1024, height: 576 }, deviceScaleFactor: 1.25 });

  test("lecture 001's steps 12 and 13: both trees' roots, k0's leaves and the key under them are whole in the trees' visible area", async ({ page }) => {
    test.setTimeout(90_000);
    // The trees had 100 to 116 px there: one above the other, Node0's tree was cut below its root, and its h3 the narration compares with Node1's h0 could not be seen.
    const { lecture, merkle } = await pressedOnTo(page, 'Step 12 of 16');
    const area = merkle.region.locator('.mk-trees-area');
    const shown = ['Node1', 'Node0'].flatMap((node) => [merkle.treeNode(node, /^\w+ root: /), merkle.treeNode(node, /node 0 \(leaf\): .*keys k0$/), merkle.tree(node).locator('text.mk-keys', { hasText: /^k0$/ })]);
    /** What is not whole inside the trees' area, the panel and the window, or is drawn under 14 px: "Node0 root: hash h4 …". */
    const hidden = async () => {
      const box = (await area.boundingBox())!;
      const panel = (await merkle.region.boundingBox())!;
      const viewport = page.viewportSize()!;
      const [left, top] = [Math.max(box.x, panel.x, 0), Math.max(box.y, panel.y, 0)];
      const [right, bottom] = [Math.min(box.x + box.width, panel.x + panel.width, viewport.width), Math.min(box.y + box.height, panel.y + panel.height, viewport.height)];
      const out: string[] = [];
      for (const item of shown) {
        const r = await item.boundingBox();
        const px = await item.evaluate((e) => parseFloat(getComputedStyle(e.tagName === 'text' ? e : e.querySelector('text')!).fontSize));
        const name = (await item.getAttribute('aria-label')) ?? (await item.textContent());
        if (!r || r.x < left - 1 || r.y < top - 1 || r.x + r.width > right + 1 || r.y + r.height > bottom + 1 || px < 14) out.push(name!);
      }
      return out;
    };
    await expect(merkle.stage).toHaveText('Nothing compared yet.');
    await expect.poll(hidden).toEqual([]);
    // Each tree's title names its replica whole, not "N…" beside "N…".
    for (const node of ['Node1', 'Node0']) await expect(merkle.tree(node).locator('.mk-owner text')).toHaveText(new RegExp(`${node}$`)); // after its tooltip's "…’s tree"
    // Step 13: the exchange done, a longer sentence above the trees and less room for them.
    // Each press waited for (pressNext): clicked back to back, a second click could land after the first had moved on, at step 14.
    for (let i = 0; i < 3 && (await lecture.progress.textContent()) !== 'Step 13 of 16'; i++) await lecture.pressNext();
    await expect(lecture.progress).toHaveText('Step 13 of 16');
    await expect(merkle.stage).toContainText('Done: 1 key differed and was exchanged.');
    await expect.poll(hidden).toEqual([]);
    // Side by side, the Legend button in the corner lies on no tree's words or boxes.
    const legend = (await merkle.region.getByRole('button', { name: 'Legend' }).boundingBox())!;
    const drawn = await merkle.tree('Node0').locator('text, rect').evaluateAll((items) => items.map((t) => t.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    expect(drawn.filter((r) => r.x < legend.x + legend.width && legend.x < r.x + r.width && r.y < legend.y + legend.height && legend.y < r.y + r.height)).toEqual([]);
  });
});

test('in free play the Merkle tab lists anti-entropy in the log while it is on the stage: Step stops where the log says', async ({ page }) => {
  // Step on the Merkle tab stops at the periodic exchanges. With the log hiding them, its current
  // line stood on a put's ack 9 s before the clock, while the panel showed an exchange done.
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  const chip = app.log.filter('Anti-entropy');
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  const merkle = new MerklePanel(page);
  await merkle.open();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await stepUntil(app.playback, async () => (await app.log.current.textContent())!.includes('Anti-entropy'), 40);
  await expect(app.log.current).toContainText(/Merkle|root|hash|range/);
  // Off the Merkle tab the log hides anti-entropy again, as the lecturer had it.
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Ring', exact: true }).click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  // A kind the lecturer listed by hand stays listed whatever the stage.
  await chip.click();
  await merkle.open();
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Ring', exact: true }).click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
});

test('a link made on the Merkle tab lends the log Anti-entropy as the sender\'s tab did; the tab clicked again keeps it hidden by hand', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  const merkle = new MerklePanel(page);
  await merkle.open();
  const chip = app.log.filter('Anti-entropy');
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  const link = await new ShareTools(page).share();
  // The opened link stands on the Merkle tab with Anti-entropy listed, lent: off the tab it goes, as in the sender's page.
  // It was taken as the viewer's own, and stayed listed on the ring, where Step stopped at every periodic exchange.
  const student = await page.context().newPage();
  await student.goto(link);
  await expect(student.getByRole('tab', { name: 'Merkle' })).toHaveAttribute('aria-selected', 'true');
  const theirs = new AppPage(student).log.filter('Anti-entropy');
  await expect(theirs).toHaveAttribute('aria-pressed', 'true');
  await student.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Ring', exact: true }).click();
  await expect(theirs).toHaveAttribute('aria-pressed', 'false');
  // Hidden by hand on its own tab, the kind stays hidden when that tab is clicked again.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await merkle.tab.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
});
