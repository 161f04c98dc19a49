/**
 * A lecturer plays "The shopping cart" from the library: Next through every step (on a
 * question, the first Next reveals the answer), with the Versions panel drawing D1 to D4
 * as the narration names them.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { actWhenShown } from './pages/in-page';
import { LecturePanel } from './pages/lecture-panel';
import { ShareTools } from './pages/share';
import { VersionsPanel } from './pages/versions-panel';
import { HintsPanel, stepUntil } from './pages/hints-panel';
import { SpaceTimePanel } from './pages/spacetime-panel';

// Lecture steps are checked at their ends: with reduced motion Next jumps there, as it did before
// steps played (lecture-play.spec.ts plays them).
test.use({ reducedMotion: 'reduce' });

const TITLE = 'The shopping cart, 10:00 to 10:07';

/** A lecturer's own two-step lecture (a put with a question, then a get), as a file would hold it. */
function quorumLecture(id: string, title: string, summary: string) {
  return {
    version: 1, id, title, lecture: '004', summary, seed: 5,
    config: { n: 3, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'n1', tokens: [100] }, { id: 'n2', tokens: [400] }, { id: 'n3', tokens: [700] }] },
    steps: [
      { op: 'put', key: 'cart', value: 'shoes', via: 'n1', narration: 'The client writes the cart through n1.', question: { prompt: 'How many acks does the write wait for?', choices: ['1', '3'], answer: '1: W=1.' } },
      { op: 'get', key: 'cart', via: 'n2', narration: 'A read through n2 with R=1.' },
    ],
  };
}

test('play the shopping cart lecture with Next, answers revealed only on the first Next', async ({ page }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await lecture.openButton.click();
  await expect(lecture.library.getByRole('button', { name: TITLE })).toBeVisible();
  await expect(lecture.library).toContainText('One cart on three of four nodes');
  await lecture.library.getByRole('button', { name: TITLE }).click();
  await expect(lecture.library).toBeHidden();
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  await expect(lecture.narration).toContainText('10:00 — the shopping cart is empty');
  await expect(versions.region).toContainText('No version of this key yet');

  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 2 of 18');
  await expect(versions.version('D1')).toHaveAccessibleName(/^D1 \(\[node1,1\]\): basketball/);

  // Step 6 asks "Can node2 save only D2?": hidden first, shown after one Next, then on.
  for (let i = 2; i < 6; i++) await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 6 of 18');
  await expect(lecture.question).toContainText('Can node2 save only D2?');
  await expect(lecture.answer).toHaveCount(0);
  await expect(versions.version('D2')).toHaveAccessibleName(/^D2 \(\[node1,1\],\[node2,1\]\)/);
  // The header's verdict waits with every panel, but says it is not what the question asks about.
  const verdict = page.getByRole('banner').getByRole('note');
  await expect(verdict).toHaveText('R + W vs N: hidden while the question waits');
  // Next keeps the focus after its click: Space goes on as with slides (here: the answer),
  // once, and neither plays the recording ahead nor clicks Next a second time.
  await page.keyboard.press(' ');
  await expect(lecture.answer).toContainText('every counter of D1 ≤ the matching counter of D2');
  await expect(lecture.progress).toHaveText('Step 6 of 18');
  await expect(verdict).toHaveText(/^R \+ W ≤ N: a read may miss/);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(lecture.progress).toHaveText('Step 7 of 18');
  await expect(lecture.answer).toHaveCount(0);
  // Back a step, the answer is hidden again: the first → shows it, the second goes on.
  await page.keyboard.press('PageUp');
  await expect(lecture.progress).toHaveText('Step 6 of 18');
  await expect(lecture.answer).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(lecture.answer).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(lecture.progress).toHaveText('Step 7 of 18');
  await expect(lecture.answer).toHaveCount(0);

  // Previous goes back a step with the answer hidden again.
  await lecture.previous.click();
  await expect(lecture.progress).toHaveText('Step 6 of 18');
  await expect(lecture.answer).toHaveCount(0);

  // From D3's write to the question about D2 and D3, the versions keep their veil: D2 ‖ D3
  // would answer "Can node1 save only D3 or only D2?" before it is asked (veilVersions). Who
  // holds which stays veiled too until the heal: at step 9, answered, "node1: D3" would answer
  // step 10's "Can node1 save only D3?".
  await lecture.pressNextTo('Step 9 of 18');
  if ((await lecture.answer.count()) === 0) await lecture.next.click(); // reveal
  await expect(lecture.answer).toBeVisible();
  await expect(versions.region).toContainText('Which version descends from which, and who holds which: hidden until the lecture asks about it.');
  await expect(versions.holdings).toHaveCount(0);
  await expect(versions.version('D1')).not.toHaveAccessibleName(/no longer held/);
  // Step 10 begins with D1 forgotten by every replica: node1 took D3 during step 9's write. The
  // class last saw the versions as step 9 began, with D1 held: greyed as held by no one, D1
  // would answer "Can node1 save only D3?". It stays so once answered: the step stays veiled
  // for the questions ahead.
  await lecture.pressNextTo('Step 10 of 18');
  await expect(lecture.question).toContainText('Can node1 save only D3?');
  await expect(versions.version('D1')).not.toHaveAccessibleName(/no longer held/);
  await lecture.next.click(); // reveal
  await expect(lecture.answer).toContainText('can be forgotten');
  await expect(versions.version('D1')).not.toHaveAccessibleName(/no longer held/);
  // The heal's narration names who holds which, "D2 on node2, D3 on node1 and node4": shown then.
  await lecture.pressNextTo('Step 11 of 18');
  await expect(lecture.narration).toContainText('D2 on node2, D3 on node1 and node4');
  await expect(versions.region).toContainText('Which version descends from which: hidden until the lecture asks about it.');
  await expect(versions.version('D3')).toHaveAccessibleName(/^D3 \(\[node1,1\],\[node4,1\]\)/);
  await expect(versions.version('D3')).not.toHaveAccessibleName(/sibling/);
  await expect(versions.version('D1')).toHaveAccessibleName(/no longer held/);
  await expect(versions.holdings.getByRole('listitem').filter({ hasText: /^node1:/ })).toHaveText('node1: D3');
  await expect(versions.holdings.getByRole('listitem').filter({ hasText: /^node2:/ })).toHaveText('node2: D2');
  await expect(versions.holdings.getByRole('listitem').filter({ hasText: /^node4:/ })).toHaveText('node4: D3');
  await lecture.pressNextTo('Step 12 of 18');
  await expect(lecture.question).toContainText('Can node1 save only D3 or only D2?');
  await lecture.next.click(); // reveal
  await expect(lecture.answer).toContainText('they are concurrent');
  await expect(versions.version('D3')).toHaveAccessibleName(/^D3 \(\[node1,1\],\[node4,1\]\).*sibling/);
  await expect(versions.version('D2')).toHaveAccessibleName(/sibling/);
  await expect(versions.holdings).toContainText('node1: D2, D3');
  await expect(versions.holdings).toContainText('node2: D2');

  // Two versions clicked: the lectures' sentence.
  await versions.version('D2').click();
  await versions.version('D3').click();
  await expect(versions.relation).toHaveText('D2 has [node2,1] where D3 has [node2,0], and D3 has [node4,1] where D2 has [node4,0]: they are concurrent, so the client must reconcile.');
  // The picked boxes' 4 px strokes and the focus ring, drawn outside the boxes, stay inside the drawing: at its edge they were cut.
  const graph = (await versions.region.locator('svg.versions-graph').boundingBox())!;
  for (const name of ['D2', 'D3']) {
    const box = (await versions.version(name).boundingBox())!;
    expect(box.x - 3).toBeGreaterThanOrEqual(graph.x);
    expect(box.x + box.width + 3).toBeLessThanOrEqual(graph.x + graph.width);
  }

  await lecture.pressNextTo('Step 15 of 18');
  await expect(versions.version('D4')).toHaveAccessibleName(/^D4 \(\[node1,2\],\[node2,1\],\[node4,1\]\): shoes, ps5/);
  // Answered, "Can node1 save only D4?" still veils who holds which: "node2: D4" and "node4: D4"
  // would answer the next two questions; step 17's, about node4, is answered at step 16 neither.
  await lecture.next.click(); // reveal
  await expect(lecture.answer).toContainText('D4 descends from both');
  await expect(versions.holdings).toHaveCount(0);
  // Answered, the write-back waits for a question ahead, and says so, as the line above it does.
  await expect(versions.region).toContainText('What writing it back did: hidden until the lecture asks about it.');
  await lecture.pressNextTo('Step 16 of 18');
  // Its choices are sentences: each wraps inside the column, none cut at its edge.
  const choices = await lecture.question.getByRole('button').all();
  expect(choices.length).toBe(3);
  for (const choice of choices) expect(await choice.evaluate((b) => b.scrollWidth <= b.clientWidth && b.getBoundingClientRect().right <= b.closest('section')!.getBoundingClientRect().right)).toBe(true);
  // D4's write (step 15) made node1, node2 and node4 forget D2 and D3, but the versions have been
  // veiled since it began: D2 greyed would answer "Can node2 save only D4?", and D3 step 17's
  // "Can node4 save only D4?". D1 was seen forgotten at the heal.
  await expect(lecture.question).toContainText('Can node2 save only D4?');
  const check = async () => {
    await expect(versions.version('D1')).toHaveAccessibleName(/no longer held/);
    for (const name of ['D2', 'D3']) await expect(versions.version(name)).not.toHaveAccessibleName(/no longer held/);
  };
  await check();
  await lecture.next.click(); // reveal
  await expect(lecture.answer).toContainText("D4's clock descends from D2's");
  await expect(versions.holdings).toHaveCount(0);
  await check();

  await lecture.pressNextTo('Step 17 of 18');
  await expect(lecture.question).toContainText('Can node4 save only D4?');
  await check();
  await expect(lecture.region.getByRole('note').filter({ hasText: 'End of the lecture' })).toHaveCount(0);
  await lecture.pressNextTo('Step 18 of 18');
  await expect(lecture.next).toBeDisabled();
  await expect(lecture.region.getByRole('note').filter({ hasText: 'End of the lecture' })).toHaveText('End of the lecture: Leave (Esc) returns to free play.');
  await expect(versions.holdings).toContainText('node4: D4');
  await expect(versions.version('D1')).toHaveAccessibleName(/no longer held/);

  await page.keyboard.press('Escape');
  await expect(lecture.region).toHaveCount(0);
  await expect(app.controls.region).toBeVisible();
});

test('while the cart lecture splits the network, the preference list says so beside its "up" nodes', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose(TITLE);
  const note = app.preferenceList.region.getByRole('note').filter({ hasText: /^Split/ });
  await expect(note).toHaveCount(0);
  await lecture.pressNextTo('Step 4 of 18');
  await expect(note).toHaveText('Split: “up” nodes may not reach each other');
  await expect(note).toHaveAttribute('title', 'Split: {node1, node4} | {node2, node3}');
  await lecture.pressNextTo('Step 11 of 18');
  await expect(note).toHaveCount(0); // healed
});

test('after a read returns two carts, Merge offers their union and writing it back collapses the branches', async ({ page }) => {
  const { app, lecture, versions, reconcile } = await atTenOhSix(page);
  // On the lecture's own steps, Undo offers nothing (Previous takes a step back), and Ctrl+Z does nothing.
  const undo = app.playback.region.getByRole('button', { name: /^Undo/ });
  await expect(undo).toHaveText('↶ Undo');
  await expect(undo).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(lecture.region.getByRole('status')).toHaveCount(0);
  await expect(reconcile).toContainText('The latest get returned 2 versions');
  await expect(reconcile).toContainText('context ([node1,1],[node2,1],[node4,1])');
  await reconcile.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(reconcile).toContainText('basketball, shoes, ps5');
  await expect(reconcile).toContainText('an item deleted on one branch can come back');
  await reconcile.getByRole('button', { name: 'Put merged cart' }).click();
  await expect(versions.version('D4')).toHaveAccessibleName(/^D4 \(.*\[node2,1\].*\[node4,1\]\): basketball, shoes, ps5/);
  // W=2: the write is done once a second replica acknowledges it, a message later.
  await expect(reconcile.getByRole('note')).toHaveCount(0);
  await stepUntil(app.playback, async () => (await reconcile.getByRole('note').count()) > 0, 10);
  await expect(reconcile.getByRole('note')).toHaveText('Written back as D4 ([node1,2],[node2,1],[node4,1]): its clock covers D2 and D3, so the branches collapse into one version.');
  await expect(reconcile.getByRole('button', { name: 'Merge', exact: true })).toHaveCount(0);

  // The lecturer's own merge replaced the lecture's recorded steps: said so, and Next goes back to the script.
  const offScript = lecture.region.getByRole('status');
  await expect(offScript).toContainText("Off script: the cluster shows your own actions, not the lecture's.");
  // The lecturer's own put can be taken back; once it is, Undo does not reach into the lecture's steps.
  await expect(undo).toHaveText('↶ Undo put cart');
  await undo.click();
  await expect(versions.version('D4')).toHaveCount(0);
  await expect(undo).toHaveText('↶ Undo');
  await expect(undo).toBeDisabled();
  // Redo is free play's: a lecture's steps are walked with Previous and Next.
  await expect(app.playback.region.getByRole('button', { name: /^Redo/ })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(reconcile).toContainText('The latest get returned 2 versions');
  await lecture.next.click();
  await expect(offScript).toHaveCount(0);
  // Next goes on from the step the lecturer left: the lecture's own merge, before its D4.
  await expect(lecture.progress).toHaveText('Step 14 of 18');
  await expect(lecture.narration).toContainText('Merge by the client');
  await expect(versions.version('D4')).toHaveCount(0);
  await lecture.pressNextTo('Step 15 of 18');
  await expect(versions.version('D4')).toHaveAccessibleName(/^D4 \(\[node1,2\],\[node2,1\],\[node4,1\]\): shoes, ps5/);
});

/** The shopping cart at 10:06: the read returned D2 and D3, and the client must reconcile. */
async function atTenOhSix(page: Page): Promise<{ app: AppPage; lecture: LecturePanel; versions: VersionsPanel; reconcile: Locator }> {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 13 of 18');
  return { app, lecture, versions, reconcile: versions.region.getByRole('group', { name: 'Reconcile' }) };
}

test('the merged cart can be edited before it is written back', async ({ page }) => {
  const { lecture, versions, reconcile } = await atTenOhSix(page);
  await reconcile.getByRole('button', { name: 'Merge', exact: true }).click();
  const field = reconcile.getByRole('textbox', { name: 'Merged value' });
  await expect(field).toHaveValue('basketball, shoes, ps5');
  await field.fill('basketball, ps5, socks');
  await reconcile.getByRole('button', { name: 'Put merged cart' }).click();
  await expect(versions.version('D4')).toHaveAccessibleName(/^D4 \(.*\[node2,1\].*\[node4,1\]\): basketball, ps5, socks/);
  // "Back to the lecture" sets the edit aside at the same step.
  await lecture.region.getByRole('button', { name: 'Back to the lecture' }).click();
  await expect(lecture.region.getByRole('status')).toHaveCount(0);
  await expect(lecture.progress).toHaveText('Step 13 of 18');
  await expect(versions.version('D4')).toHaveCount(0);
  // The read's two versions again, as the lecture left them.
  await expect(versions.version('D3')).toHaveAccessibleName(/sibling/);
  await expect(versions.version('D2')).toHaveAccessibleName(/sibling/);
});

test('last write wins, for comparison, names the version and the item it silently loses', async ({ page }) => {
  const { versions, reconcile } = await atTenOhSix(page);
  // The cart lecture opens with the versions on the stage; moved back to the key column, ⤢ enlarges them again.
  const mainView = page.getByRole('tablist', { name: 'Main view' });
  await expect(mainView.getByRole('tab', { name: 'Versions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Request trace' })).toBeVisible();
  await mainView.getByRole('tab', { name: 'Ring' }).click();
  await versions.region.getByRole('button', { name: 'Show the versions on the stage' }).click();
  await expect(mainView.getByRole('tab', { name: 'Versions' })).toHaveAttribute('aria-selected', 'true');
  await reconcile.getByRole('button', { name: 'Last write wins' }).click();
  await expect(reconcile).toContainText(/Last write wins keeps D3 \(basketball, ps5\), the newest timestamp: [\d.]+ ms at node4/);
  await expect(reconcile.getByRole('note')).toHaveText('Silently lost: D2 — shoes disappears from the cart, and no one is told.');
  await reconcile.getByRole('button', { name: 'Put D3 (last write wins)' }).click();
  await expect(versions.version('D4')).toHaveAccessibleName(/^D4 \(.*\[node2,1\].*\[node4,1\]\): basketball, ps5$/);
});

test('a lecture opens on the panel it is about, and leaving it goes back to the ring', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const mainView = page.getByRole('tablist', { name: 'Main view' });
  await app.open();
  await lecture.choose('Merkle trees: finding the key that differs');
  await expect(mainView.getByRole('tab', { name: 'Merkle' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Merkle trees', exact: true })).toBeVisible();
  await lecture.leave.click();
  await expect(mainView.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.ring.node('A')).toBeVisible();
});

test("the header shows each lecture part's own N, R, W and seed, locked until the lecture is left", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const header = page.getByRole('banner');
  const select = (name: string) => header.getByRole('combobox', { name, exact: true });
  await app.open();
  await expect(select('N')).toHaveValue('3');
  await expect(select('W')).toHaveValue('2');

  await lecture.choose(TITLE);
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  // The cart lecture runs N=3, R=1, W=2 with seed 2007: R + W ≤ N is why two carts appear.
  await expect(select('N')).toHaveValue('3');
  await expect(select('R')).toHaveValue('1');
  await expect(select('W')).toHaveValue('2');
  await expect(header.getByRole('textbox', { name: 'Seed' })).toHaveValue('2007');
  await expect(header.getByRole('note')).toHaveText('R + W ≤ N: a read may miss the latest write');
  await expect(select('N')).toBeDisabled();
  await expect(header.getByRole('button', { name: 'Reset' })).toBeDisabled();
  await expect(select('Cluster')).toHaveText('Lecture ring');
  // The part is recorded ahead of the narration: the playback bar does not call that "past".
  await expect(app.playback.position).toHaveText(/^event [\d,]+\/[\d,]+$/);
  // Background clients would rewrite the lecture's steps: none in lecture mode.
  await expect(page.getByRole('combobox', { name: 'Background load' })).toHaveCount(0);
  await lecture.leave.click();
  await expect(page.getByRole('combobox', { name: 'Background load' })).toBeVisible();

  await lecture.choose('Tuning R and W: the trade-off table');
  await expect(select('R')).toHaveValue('2');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(select('R')).toHaveValue('3');
  await expect(select('W')).toHaveValue('1');
  // Lecture 004's notes call N the replication factor: the header says RF, as the narration does.
  await expect(select('RF')).toHaveValue('3');
  await expect(select('N')).toHaveCount(0);
  // The part's questions are about what R and W buy: the verdict waits for the last answer, and says a question is to come.
  await expect(header.getByRole('note')).toHaveText('R + W vs RF: hidden for a question to come');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 3 });
  await expect(select('R')).toHaveValue('3');
  await expect(select('W')).toHaveValue('3');
  await lecture.pressNextTo('Step 37 of 44');
  // The trade-off table runs on a strict quorum: no stand-ins, so no proviso.
  await expect(header.getByRole('note')).toHaveText('R + W > RF: quorums overlap');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 4 });
  await expect(select('R')).toHaveValue('1');
  await expect(select('W')).toHaveValue('1');
  await expect(header.getByRole('note')).toHaveText('R + W vs RF: hidden for a question to come');

  await lecture.leave.click();
  await expect(select('N')).toBeEnabled();
  await expect(select('N')).toHaveValue('3');
  await expect(select('W')).toHaveValue('2');
  await expect(header.getByRole('textbox', { name: 'Seed' })).toHaveValue('42');
});

test('while a question waits, the panels that would answer it are veiled, and the log lists no recorded future', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  const preferenceList = page.getByRole('region', { name: /^Preference list/ });
  await app.open();
  await lecture.choose(TITLE);
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  // The put at 10:01 is recorded already, but not listed before its step.
  await expect(app.log.rows.filter({ hasText: 'put(cart)' })).toHaveCount(0);
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 2 of 18');
  await expect(app.log.rows.filter({ hasText: 'put(cart)' }).first()).toBeVisible();

  await lecture.pressNextTo('Step 6 of 18');
  await expect(lecture.question).toContainText('Can node2 save only D2?');
  await expect(versions.region).toContainText('Which version descends from which, and who holds which: hidden while the lecture');
  await expect(versions.holdings).toHaveCount(0);
  await expect(preferenceList).toContainText("Hidden while the lecture's question waits");
  // The clocks stay (the class reasons from them), but not what follows: D1 is not yet marked as forgotten.
  await expect(versions.version('D2')).toHaveAccessibleName(/^D2 \(\[node1,1\],\[node2,1\]\)/);
  await expect(versions.version('D1')).not.toHaveAccessibleName(/no longer held/);
  // The step's own events say "replacing D1": the log and the request trace keep them back too.
  await expect(app.log.region).toContainText("This step's events: hidden while the lecture's question waits.");
  await expect(app.log.current).toHaveCount(0);
  await expect(app.requestTrace.region).toContainText("hidden while the lecture's question waits");
  await expect(app.requestTrace.region).not.toContainText('replacing D1');
  await lecture.next.click();
  await expect(lecture.answer).toBeVisible();
  await expect(versions.holdings).toContainText('node2: D2');
  await expect(preferenceList.getByRole('table')).toBeVisible();
  await expect(app.log.region).not.toContainText("This step's events: hidden");
  await expect(app.log.current).toHaveCount(1);
  await expect(app.requestTrace.region).toContainText('replacing D1');
  // At 10:06's question (last-write-wins), D1 had been forgotten by every replica steps before:
  // it stays marked so, where veiled whole it stood as live again beside D2 and D3.
  await lecture.pressNextTo('Step 14 of 18');
  await expect(lecture.question).toContainText('With last-write-wins by timestamp');
  await expect(lecture.answer).toHaveCount(0);
  await expect(versions.region).toContainText('hidden while the lecture');
  await expect(versions.version('D1')).toHaveAccessibleName(/no longer held/);
  for (const name of ['D2', 'D3']) await expect(versions.version(name)).not.toHaveAccessibleName(/no longer held/);
});

test('the panels follow the key each step is about: the token walk moves on to its second row', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const preferenceList = page.getByRole('region', { name: /^Preference list/ });
  await app.open();
  await lecture.choose("Walking the token ring to find a row's replicas");
  await expect(lecture.question).toContainText('Which nodes hold this row with RF=2?');
  // While the question waits the walk is hidden, but not the row it starts from: "walk clockwise from the row".
  await expect(app.ring.keyName()).toHaveText('row');
  await expect(app.ring.walkStops()).toHaveCount(0);
  await lecture.next.click(); // reveal
  await expect(lecture.answer).toContainText('node4, node2');
  // The step's note, the notes' token map, is the log's current line: whole, its last node too, on three lines if it needs them.
  await expect(app.log.current).toContainText('node4 {t7, t8}');
  expect(await app.log.current.locator('.log-text').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  // The question is RF=2 on a cluster of N=3: the list the page shows is two long, as the answer says.
  await expect(preferenceList.getByRole('heading')).toContainText('row @ 550 · RF=2');
  // The locked header says the same RF as the list, not the cluster's 3, and says why on hover.
  const rf = page.getByRole('banner').getByRole('combobox', { name: 'RF', exact: true });
  await expect(rf).toHaveValue('2');
  await expect(rf).toHaveAttribute('title', /^This step walks the ring for RF=2 replicas; the lecture's cluster keeps 3\./);
  const ranks = preferenceList.getByRole('table').getByRole('row').locator('td:first-child');
  // No fallbacks (a strict quorum): an F1 row or stop on node3 would answer the next question, RF=3.
  await expect(ranks).toHaveText(['1', '2']);
  await expect(preferenceList.getByRole('table').getByRole('rowheader')).toHaveText(['node4', 'node2']);
  await expect(app.ring.walkStops()).toHaveText(['1', '2']);
  // The legend says what the walk's bands are, at the walk's own RF.
  await expect(app.ring.region.getByLabel('Legend')).toContainText('walk to the top 2');
  await expect(app.ring.region.getByLabel('Legend')).not.toContainText('on to fallbacks');
  await lecture.next.click();
  await expect(preferenceList.getByRole('heading')).toContainText('row @ 550 · RF=2');
  await lecture.pressNextTo('Step 4 of 8');
  // Lecture 004's notes say RF throughout (replicaName): RF=3 when it is the cluster's N too, not N=3.
  await expect(preferenceList.getByRole('heading')).toContainText('row @ 550 · RF=3');
  await expect(rf).toHaveValue('3');
  await expect(rf).toHaveAttribute('title', /^Set by the lecture/);
  await expect(ranks).toHaveText(['1', '2', '3']);
  await expect(app.ring.walkStops()).toHaveText(['1', '2', '3']);
  await expect(app.ring.region.getByLabel('Legend')).toContainText('walk to the top 3');
  // The note that sets up the wrap-around question already looks at that row, so its revealed answer matches the page.
  await lecture.pressNextTo('Step 5 of 8');
  await lecture.next.click(); // reveal
  await expect(lecture.answer).toContainText('node3, node1, node2');
  await expect(preferenceList.getByRole('heading')).toContainText('row-near-the-end @');
  await expect(preferenceList.getByRole('table').getByRole('rowheader').first()).toHaveText('node3');
  await lecture.pressNextTo('Step 6 of 8');
  await expect(preferenceList.getByRole('heading')).toContainText('row-near-the-end @');
  await expect(lecture.narration).toContainText('replicated on nodes 3, 1, 2');
  const nodes = preferenceList.getByRole('table').getByRole('rowheader');
  await expect(nodes.nth(0)).toHaveText('node3');
  await expect(nodes.nth(1)).toHaveText('node1');
  await expect(nodes.nth(2)).toHaveText('node2');
});

test('virtual nodes: the ring shows each node\'s share as the lecture reads it, hidden while a question waits', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Virtual nodes and heterogeneity');
  await expect(lecture.question).toContainText('Will the four nodes share the ring evenly?');
  // The shares are the answer: none on the page yet, not even on hover.
  await expect(app.ring.region.getByLabel('Legend')).toContainText('node3');
  await expect(app.ring.shares()).toHaveCount(0);
  await expect(app.ring.region).not.toContainText('53.2%');
  await app.ring.node('node3').hover();
  await expect(app.ring.region.getByRole('tooltip')).toContainText('node3 · up');
  await expect(app.ring.region.getByRole('tooltip')).not.toContainText('Node node');
  await expect(app.ring.region.getByRole('tooltip')).not.toContainText('%');
  // Nor its ranges, whose lengths are the shares.
  await expect(app.ring.region.getByRole('tooltip')).toContainText("Which keys it coordinates: hidden while the lecture's question waits");
  await lecture.next.click();
  await app.ring.node('node3').hover();
  await expect(app.ring.region.getByRole('tooltip')).toContainText('53.2% of the ring');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 9.2%, node2 2.4%, node3 53.2%, node4 35.2%');
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 2 of 12');
  await expect(app.ring.region).toContainText('node3 53.2%');
  // The badges of node4 (117) and node2 (141) are nudged apart rather than drawn one over the other.
  const b4 = await app.ring.node('node4').boundingBox();
  const b2 = await app.ring.node('node2').boundingBox();
  const centre = (b: { x: number; y: number; width: number; height: number }) => [b.x + b.width / 2, b.y + b.height / 2] as const;
  const [[x4, y4], [x2, y2]] = [centre(b4!), centre(b2!)];
  expect(Math.hypot(x4 - x2, y4 - y2)).toBeGreaterThanOrEqual((b4!.width + b2!.width) / 2);
  for (const expected of ['Step 3 of 12', 'Step 3 of 12', 'Step 4 of 12']) {
    await lecture.next.click();
    await expect(lecture.progress).toHaveText(expected);
  }
  // The leave's move is under way, then done before the shares are read: the key column says so.
  const move = page.getByRole('region', { name: 'Ranges' }).getByRole('listitem').filter({ hasText: /node3\s*→\s*node1/ });
  await expect(move).toContainText('(141, 673]');
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 5 of 12');
  await expect(lecture.narration).toContainText('the move is done');
  await expect(move).toContainText('done ✓');
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 6 of 12');
  await expect(lecture.narration).toContainText('node1 now carries 62.4% of the ring');
  await expect(move).toContainText('done ✓');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 62.4%, node2 2.4%, node4 35.2%');
});

test('after a node joins, the preference list names the new first node as coordinator, not the old one', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Consistent hashing and adding a node');
  // Twelve presses: ten steps, two of them questions revealed on the way.
  await lecture.pressNext(12);
  await expect(lecture.progress).toHaveText('Step 11 of 19');
  await expect(lecture.narration).toContainText('The key at 500 now walks to node5 at 644');
  await expect(app.preferenceList.nodes().first()).toHaveText('node5');
  await expect(app.preferenceList.row('node5')).toContainText('coordinator');
  // node4 coordinated the key's put before the join; now it is not on the list. N=1 with no
  // stand-ins (fallbacks are taught in part 2): the list is node5 alone, and so is the walk.
  await expect(app.preferenceList.nodes()).toHaveText(['node5']);
  await expect(app.ring.walkStops()).toHaveText(['1']);
  await expect(app.ring.region.getByLabel('Legend')).toContainText('walk to the top 1');
  await expect(app.ring.region.getByLabel('Legend')).not.toContainText('on to fallbacks');
  // The next step is about node4 letting the key go: the log under the key column shows that event whole.
  await lecture.pressNext(1);
  await expect(lecture.progress).toHaveText('Step 12 of 19');
  await expect(app.log.current).toContainText('node4 drops 1 key it no longer replicates');
  await expect(app.log.current).toBeInViewport({ ratio: 1 });
  const cut = await app.log.current.locator('.log-text').evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  expect(cut).toBe(false);
});

test("a lecture step's last event is whole in the three-row log under the key column, on three lines if it needs them", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await lecture.pressNextTo('Step 15 of 44');
  await expect(app.log.current).toContainText('get(row) failed after 300 ms: only 2 of R=3 replicas answered');
  await expect(app.log.current).toBeInViewport({ ratio: 1 });
  // Cut at two lines, it ended "only 2 of R=3 replicas…": the number the step is about.
  const cut = await app.log.current.locator('.log-text').evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  expect(cut).toBe(false);
});

test('stepping playback away from a lecture step says so, and one click goes back to it', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Consistent hashing and adding a node');
  await lecture.pressNext(4);
  await expect(lecture.progress).toHaveText('Step 4 of 19');
  await expect(lecture.next).toBeEnabled();
  const away = lecture.region.getByRole('status').filter({ hasText: 'Playback has moved away from this step' });
  await expect(away).toHaveCount(0);
  const at = await app.playback.position.innerText();
  await app.playback.stepBack();
  await expect(away).toBeVisible();
  await expect(app.playback.position).not.toHaveText(at);
  await away.getByRole('button', { name: 'Back to the step' }).click();
  await expect(away).toHaveCount(0);
  await expect(app.playback.position).toHaveText(at);
  // Next from there goes on as usual.
  await lecture.next.click();
  await expect(away).toHaveCount(0);

  // On a question step, what playback shows before the step began is the lecturer's to see: every veil lifts, and comes back with the step.
  await lecture.pressNextTo('Step 14 of 19');
  await expect(lecture.question).toBeVisible();
  const preferenceList = page.getByRole('region', { name: /^Preference list/ });
  await expect(preferenceList).toContainText("Hidden while the lecture's question waits");
  await expect(app.log.region).toContainText("This step's events: hidden");
  const slider = app.playback.region.getByRole('slider');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(away).toBeVisible();
  await expect(away).not.toContainText('answer still hidden');
  await expect(preferenceList.getByRole('table')).toBeVisible();
  await expect(page.getByText(/hidden while the lecture's question waits/i)).toHaveCount(0);
  await away.getByRole('button', { name: 'Back to the step' }).click();
  await expect(preferenceList).toContainText("Hidden while the lecture's question waits");
  await expect(app.log.region).toContainText("This step's events: hidden");
  // Stepping on past the step (a student taking the bar's Step forward for the way through) keeps the answer hidden, and says so.
  await app.playback.stepForward();
  await expect(away).toContainText("Playback has moved away from this step: the panels show another moment, the question's answer still hidden.");
  await expect(preferenceList).toContainText("Hidden while the lecture's question waits");
  await expect(app.log.region).toContainText("This step's events: hidden");
  await away.getByRole('button', { name: 'Back to the step' }).click();
  await expect(away).toHaveCount(0);
});

test('the longest narration, its question and its answer are all on screen at once, nothing scrolled away', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Virtual nodes and heterogeneity');
  await lecture.pressNext(9);
  await expect(lecture.progress).toHaveText('Step 7 of 12');
  await expect(lecture.answer).toContainText('About a third: 32 of the 96 tokens');
  // Clipped by the drawer's scrolling, a part would not be wholly in the viewport.
  await expect(lecture.narration).toBeInViewport({ ratio: 1 });
  await expect(lecture.question.getByText('What share of the ring should it get?')).toBeInViewport({ ratio: 1 });
  await expect(lecture.answer).toBeInViewport({ ratio: 1 });
  // The log moves beside the key panels and keeps showing where playback is.
  await expect(app.log.current).toBeVisible();
});

test('in a lecture, Escape closes an open dialog or menu, not the lecture; a file that cannot be opened says why there too', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  await lecture.pressNext(5);
  const progress = await lecture.progress.textContent();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  // Behind the dialog a remote's keys move neither the lecture nor the playback.
  const position = await app.playback.position.textContent();
  for (const key of ['PageDown', 'ArrowRight', 'Space']) await page.keyboard.press(key);
  await expect(lecture.progress).toHaveText(progress!);
  await expect(app.playback.position).toHaveText(position!);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await expect(lecture.progress).toHaveText(progress!);
  // The File menu, opened with the mouse: Escape closes it, the lecture stays.
  await page.getByRole('banner').getByRole('button', { name: 'File' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'File' })).toHaveCount(0);
  await expect(lecture.progress).toHaveText(progress!);
  // A file refused in a lecture says why over the stage, as in free play; the lecture stays where it was.
  await share.openInput.setInputFiles({ name: 'notes.txt', mimeType: 'application/json', buffer: Buffer.from('this is not json') });
  await expect(share.alert).toContainText('notes.txt could not be opened: it is not valid JSON');
  await expect(lecture.progress).toHaveText(progress!);
  // With nothing open, Escape leaves the lecture, as before.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('Escape');
  await expect(lecture.progress).toHaveCount(0);
});

test("a lecturer's own lecture file opens through File and plays like a built-in one; one that fails its check says where", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  const own = quorumLecture('my-first-quorum', 'My own quorum lecture', 'A write, then a read with R=1.');
  await share.openInput.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(lecture.region.getByRole('heading', { name: 'My own quorum lecture' })).toBeVisible();
  await expect(lecture.narration).toHaveText('The client writes the cart through n1.');
  await expect(lecture.progress).toHaveText('Step 1 of 2');
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('1: W=1.');
  await lecture.pressNext();
  await expect(lecture.progress).toHaveText('Step 2 of 2');
  await expect(lecture.narration).toHaveText('A read through n2 with R=1.');
  await expect(app.session.r).toHaveValue('1');
  // Shared, it holds the session, not the lecture: the viewer has no copy of the file, and the dialog says so.
  await share.shareButton.click();
  await expect(share.dialog).toContainText('Your own lecture is not in the link');
  await share.dialog.getByRole('button', { name: 'Close' }).click();
  // A step that names a node the cluster does not have: the lecture's own check, as npm run lecture words it.
  const broken = { ...own, steps: [{ ...own.steps[0], via: 'n9' }] };
  await share.openInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(share.alert).toContainText('broken.json could not be opened: it is a guided lecture, but steps[0].via: no node named "n9"');
  await expect(lecture.progress).toHaveText('Step 2 of 2');
  // Fixed and opened again: it starts afresh, and the old refusal goes.
  await share.openInput.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(lecture.progress).toHaveText('Step 1 of 2');
  await expect(share.alert).toHaveCount(0);
  // Leaving it goes back to free play.
  await lecture.pressNext(2);
  await expect(lecture.progress).toHaveText('Step 2 of 2');
  await lecture.leave.click();
  await expect(lecture.progress).toHaveCount(0);
  await expect(app.controls.region).toBeVisible();
  // The library, which lists only the built-in lectures, offers to resume it where it was left.
  await lecture.openButton.click();
  await expect(lecture.library).toContainText('My own quorum lecture · your own lecture, from a fileResume at step 2A write, then a read with R=1.');
  await lecture.library.getByRole('button', { name: 'Resume at step 2' }).click();
  await expect(lecture.progress).toHaveText('Step 2 of 2');
  await expect(lecture.narration).toHaveText('A read through n2 with R=1.');
});

test("a lecturer's own lecture that npm run lecture refuses to run (a settle that never settles, in part 2) is refused on opening, naming the part and step", async ({ page }) => {
  test.setTimeout(110_000);
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  const config = { n: 2, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [600] }] };
  const part = (gossipIntervalMs: number) => ({ title: `Gossip every ${gossipIntervalMs} ms`, seed: 1, config: { ...config, gossipIntervalMs }, steps: [{ op: 'put', key: 'k', value: 1, narration: 'A write.' }, { op: 'settle', narration: 'Everything arrives.' }] });
  const own = { version: 1, id: 'never-quiet', title: 'Never quiet', lecture: '002', summary: 'Gossip that never stops.', parts: [part(1000), part(1)] };
  await share.openInput.setInputFiles({ name: 'never-quiet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(share.alert).toContainText('never-quiet.json could not be opened: npm run lecture refuses to run it: parts[1].steps[1]: the lecture passed 1,000,000 engine events in all', { timeout: 30_000 });
  await expect(share.alert).toContainText('use a wait instead, or gossip less often (gossipIntervalMs)');
  await expect(lecture.region).toHaveCount(0);
  await expect(app.controls.region).toBeVisible();

  // The same file kept by the browser for the library's Resume (from a page that still ran it): refused in the same words, and no longer offered.
  await page.evaluate((text) => {
    localStorage.setItem('dynamoscope.own-lecture', text);
    localStorage.setItem('dynamoscope.lecture-left', JSON.stringify({ lectureId: 'never-quiet', own: true, place: { part: 1, step: 1, isRevealed: false } }));
  }, JSON.stringify(own));
  await page.reload();
  await expect(app.controls.region).toBeVisible();
  await lecture.openButton.click();
  const resume = lecture.library.getByRole('button', { name: 'Resume at step 4 (part 2)' });
  await expect(resume).toHaveAccessibleDescription('Never quiet');
  await resume.click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be resumed' })).toContainText('Never quiet could not be resumed: npm run lecture refuses to run it: parts[1].steps[1]: the lecture passed 1,000,000 engine events in all', { timeout: 30_000 });
  await expect(lecture.region).toHaveCount(0);
  await lecture.openButton.click();
  await expect(lecture.library.getByRole('button', { name: /^Resume/ })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('dynamoscope.lecture-left'))).toBeNull();
});

test("a lecturer's own lecture whose checks fail plays all the same, and its panel says which, by step", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  const own = {
    version: 1, id: 'two-writes', title: 'Two writes', lecture: '003', summary: 'One client writes twice.', seed: 5,
    config: { n: 2, r: 1, w: 1, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [600] }] },
    steps: [
      { op: 'put', key: 'cart', value: ['shoes'], via: 'A', narration: 'A writes D1 ([A,1]).', expect: { clock: { A: 1 } } },
      { op: 'get', key: 'cart', via: 'A', id: 'r1', narration: 'The client reads it back.' },
      { op: 'put', key: 'cart', value: ['shoes', 'hat'], via: 'A', contextFrom: 'r1', narration: 'A writes D2 ([A,3]).', expect: { clock: { A: 3 } } },
    ],
  };
  await share.openInput.setInputFiles({ name: 'two-writes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(lecture.progress).toHaveText('Step 1 of 3');
  const checks = lecture.region.locator('details', { hasText: 'Your lecture' });
  // Step 1 is sound; step 3's expect and its narration's clock are not (the run made D2 ([A,2])).
  await expect(checks.locator('summary')).toHaveText('⚠ Your lecture: 1 of its 2 expect checks fails, 1 narration warning');
  await checks.locator('summary').click();
  await expect(checks.getByRole('listitem')).toHaveText(['Step 3: clock.A: expected 3, got 2', 'Step 3: narration: quotes D2 ([A,3]), but the run made D2 ([A,2])']);
  await lecture.pressNext(2);
  await expect(lecture.progress).toHaveText('Step 3 of 3');
  await expect(checks.locator('summary')).toHaveText('⚠ Your lecture: 1 of its 2 expect checks fails, 1 narration warning (2 at this step)');
  await expect(lecture.narration).toHaveText('A writes D2 ([A,3]).');
  // Opened at 150% zoom on a 720p projector, the list gives way, not Next: it stays clear of the time slider.
  await page.setViewportSize({ width: 853, height: 480 });
  const slider = page.getByRole('slider', { name: 'Time: the recording, event by event' });
  await expect.poll(async () => (await lecture.next.boundingBox())!.y + (await lecture.next.boundingBox())!.height <= (await slider.boundingBox())!.y).toBe(true);
  await page.setViewportSize({ width: 1280, height: 720 });
  // Mended, it opens with nothing to say; a built-in lecture never shows the line.
  const mended = { ...own, steps: [own.steps[0], own.steps[1], { ...own.steps[2], narration: 'A writes D2 ([A,2]).', expect: { clock: { A: 2 } } }] };
  await share.openInput.setInputFiles({ name: 'two-writes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mended)) });
  await expect(lecture.progress).toHaveText('Step 1 of 3');
  await expect(lecture.narration).toHaveText('A writes D1 ([A,1]).');
  await expect(checks).toHaveCount(0);
});

// The two longest answers below a long narration (found by walking every step of every lecture at 1280×720).
for (const [title, presses, step, prompt, answer] of [
  ['The shopping cart, 10:00 to 10:07', 22, 'Step 16 of 18', 'Can node2 save only D4? Why?', 'arrives after D4, which descends from D3, so node2 stores nothing'],
  ['How can multiple versions arise?', 10, 'Step 10 of 16', 'Will Y replace X?', 'the client must reconcile'],
] as const) {
  test(`${title}, ${step.toLowerCase()}: the narration stays in view when the answer is revealed`, async ({ page }) => {
    const app = new AppPage(page);
    const lecture = new LecturePanel(page);
    await app.open();
    await lecture.choose(title);
    await lecture.pressNext(presses);
    await expect(lecture.progress).toHaveText(step);
    await expect(lecture.answer).toContainText(answer);
    await expect(lecture.narration).toBeInViewport({ ratio: 1 });
    await expect(lecture.question.getByText(prompt)).toBeInViewport({ ratio: 1 });
    await expect(lecture.answer).toBeInViewport({ ratio: 1 });
  });
}

// Longer still: the answer takes the room of the narration (down to a line) and of the first choices, never the question's.
test('Forwarding and gossip, step 7 of 12 (the gossip round): a long answer revealed keeps its question in view above it, and the right choice, not a wrong one', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Forwarding and gossip');
  await lecture.pressNext(9);
  await expect(lecture.progress).toHaveText('Step 7 of 12');
  await expect(lecture.answer).toContainText('a few rounds spread the news');
  await expect(lecture.question.getByText('How does E choose whom to contact in this round?')).toBeInViewport({ ratio: 1 });
  await expect(lecture.answer).toBeInViewport({ ratio: 1 });
  // The answer needs the room: the right choice stays, whole, and no wrong one is left above "A:" to be read as the answer.
  const choice = (text: string) => lecture.question.getByRole('listitem').filter({ hasText: text });
  await expect(choice('A node at random')).toBeInViewport({ ratio: 1 });
  await expect(choice('A node at random')).toContainText('✓');
  for (const wrong of ['The next node clockwise', 'The node it talked to last round']) await expect(choice(wrong)).toBeHidden();
  // Back to the question (Previous, then Next): every choice is there to vote on again.
  await lecture.previous.click();
  await lecture.pressNext();
  await expect(lecture.answer).toHaveCount(0);
  await expect(lecture.question.getByRole('button')).toHaveCount(3);
  // The class votes for a wrong choice: marked ✗ beside the right one, the answer's last line was cut off, and scrolled to
  // it, the ✗ stood alone above "A:". The answer is whole, under the right choice; the wrong pick makes way for it
  // among the choices, and the answer says it first, so the class still sees its vote marked wrong.
  await lecture.question.getByRole('button', { name: 'The node it talked to last round' }).click();
  await expect(lecture.answer).toContainText('a few rounds spread the news');
  await expect(lecture.answer).toBeInViewport({ ratio: 1 });
  await expect(choice('A node at random')).toBeInViewport({ ratio: 1 });
  await expect(choice('The node it talked to last round')).toBeHidden();
  const pickNoted = lecture.answer.getByText('Not “The node it talked to last round” (chosen).');
  await expect(pickNoted).toBeInViewport({ ratio: 1 });
  await expect(lecture.answer).toContainText('A: ✗ Not “The node it talked to last round” (chosen). A node at random');
  expect(await lecture.question.evaluate((box) => box.getBoundingClientRect().bottom - box.querySelector('.answer')!.getBoundingClientRect().bottom)).toBeGreaterThanOrEqual(0);
  // Part 3's question: "It coordinates the write too" stays; the choice above it went under the prompt, and "It passes the write on to C" stood alone.
  await lecture.pressNext(3); // step 8, step 9, its answer
  await expect(lecture.progress).toHaveText('Step 9 of 12');
  await expect(lecture.answer).toContainText('It coordinates the write too: nothing ties C\'s copy to G\'s request');
  await expect(choice('It coordinates the write too')).toBeInViewport({ ratio: 1 });
  for (const wrong of ['Nothing: C already has the write', 'It passes the write on to C']) await expect(choice(wrong)).toBeHidden();
});

test('a short history of versions is drawn in larger type on the stage; siblings side by side fit the width', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await lecture.choose("Vector clocks in Dynamo: the paper's D1 to D5");
  await lecture.next.click();
  await expect(versions.version('D1')).toBeVisible();
  // A box is 38 units tall: one version alone is drawn at 1.5× that on the stage.
  expect((await versions.version('D1').boundingBox())!.height).toBeGreaterThan(38 * 1.4);
  // Next is disabled while a step runs: wait for it before each click, until the last step.
  for (let i = 0; i < 30 && (await lecture.progress.textContent()) !== 'Step 13 of 13'; i++) await lecture.pressNext();
  await expect(lecture.progress).toHaveText('Step 13 of 13');
  await expect(versions.version('D5')).toBeVisible();
  // D3 and D4 are siblings side by side: the graph is laid out as wide as their row needs
  // (not as D5's long clock alone on its row would ask), so the type grows less than for one box.
  const d3 = (await versions.version('D3').boundingBox())!;
  const d4 = (await versions.version('D4').boundingBox())!;
  const panel = (await versions.region.boundingBox())!;
  expect(d3.height).toBeLessThan(38 * 1.4);
  expect(Math.abs(d3.y - d4.y)).toBeLessThan(1);
  expect(d3.x + d3.width).toBeLessThanOrEqual(d4.x);
  expect(d4.x + d4.width).toBeLessThanOrEqual(panel.x + panel.width);
  expect(await linesInsideBox(versions.version('D5'))).toBe(true);
});

/** Whether every line of a version's box is drawn inside the box's frame. */
async function linesInsideBox(box: Locator): Promise<boolean> {
  return box.evaluate((g) => {
    const frame = g.querySelector('rect')!.getBoundingClientRect();
    return [...g.querySelectorAll('text')].every((t) => {
      const r = t.getBoundingClientRect();
      return r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5;
    });
  });
}

test('a version box keeps its lines inside: the clock whole, a long value cut with an ellipsis', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  // Step 12 of the shopping cart, answered: D2 ([node1,1],[node2,1]) and D3 side by side, the longest clocks of the lecture.
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  await lecture.pressNextTo('Step 12 of 18');
  await lecture.next.click(); // reveal
  await expect(versions.version('D2')).toHaveAccessibleName(/sibling/);
  await expect(versions.version('D2')).toContainText('D2 ([node1,1],[node2,1])');
  expect(await linesInsideBox(versions.version('D2'))).toBe(true);
  expect(await linesInsideBox(versions.version('D3'))).toBe(true);

  await lecture.leave.click();
  const long = 'basketball, shoes, a very long winter coat, two pairs of socks and a hat';
  await app.controls.put('cart', long);
  await versions.tab.click();
  const box = versions.version('D1');
  await expect(box).toHaveAccessibleName(new RegExp(`"${long}"`));
  await expect(box).toContainText('…');
  expect(await linesInsideBox(box)).toBe(true);
});

test('each step shows the panel it is about: the ring for the walk, Hints for the stand-in, Members for a node\'s own view', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const mainView = page.getByRole('tablist', { name: 'Main view' });
  await app.open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  // The first step walks the ring from the key; the lecture's own panel comes when D takes the hint.
  await expect(lecture.narration).toContainText('the first three nodes clockwise from the key');
  await expect(mainView.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.ring.node('D')).toBeVisible();
  // The write to the stand-in is watched on the ring as it travels from A to D; the Hints panel follows.
  await lecture.pressNextTo('Step 5 of 27');
  await expect(lecture.narration).toContainText('The write travels from A to D');
  await expect(mainView.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.log.rows.filter({ hasText: 'A receives put-ack(cart) from D' })).toHaveCount(1);
  await expect(mainView.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
  await lecture.pressNextTo('Step 6 of 27');
  await expect(lecture.narration).toContainText('its hinted store holds the cart');
  await expect(mainView.getByRole('tab', { name: 'Hints' })).toHaveAttribute('aria-selected', 'true');
  await lecture.pressNextTo('Step 7 of 27');
  await expect(lecture.narration).toContainText("A's failure detector: A believes B is down");
  await expect(mainView.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: /^Members/ })).toBeVisible();
  await lecture.pressNextTo('Step 8 of 27');
  await expect(mainView.getByRole('tab', { name: 'Hints' })).toHaveAttribute('aria-selected', 'true');
  // Previous goes back to the step, and to its panel.
  await lecture.previous.click();
  await expect(lecture.progress).toHaveText('Step 7 of 27');
  await expect(mainView.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
});

test('partitioning: 1 → 1/2 → 1/3 as nodes join, then strategy 2 shares the same random tokens in whole partitions', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Partitioning: nodes joining, and the paper\'s three strategies');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 100.0%');
  await lecture.pressNextTo('Step 5 of 24');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 50.0%, node2 50.0%');
  await lecture.pressNextTo('Step 9 of 24');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 33.3%, node2 33.3%, node3 33.3%');
  await expect(app.ring.region.getByLabel('Legend')).toContainText('12 partition ends');
  // Strategy 1 and strategy 2: the same tokens, other shares (whole partitions of 100).
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 10 of 24');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 11.2%, node2 16.7%, node3 20.8%, node4 51.3%');
  await expect(app.ring.region.getByLabel('Legend')).not.toContainText('partition ends');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 2 });
  await expect(lecture.progress).toHaveText('Step 15 of 24');
  await expect(lecture.narration).toContainText('node4 7 of them (58.3%), node2 and node3 2 each, node1 only 1 (8.3%)');
  await expect(app.ring.shares()).toHaveAccessibleName('Share of the ring: node1 8.3%, node2 16.7%, node3 16.7%, node4 58.3%');
});

test('R=1, W=1: the request trace calls the read that missed v2 a stale read, and the read a moment later not', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 4 });
  // The part asks whether the read sees v2: the header's verdict on R + W waits for the answer,
  // from the part's first step (quorumVerdict: afterQuestions), not only while the question waits.
  const verdict = page.getByRole('banner').getByRole('note');
  await expect(lecture.progress).toHaveText('Step 38 of 44');
  await expect(verdict).toHaveText('R + W vs RF: hidden for a question to come');
  for (let i = 0; i < 10 && (await lecture.progress.textContent()) !== 'Step 41 of 44'; i++) await lecture.pressNext();
  await expect(lecture.question).toContainText('Does it see v2?');
  await expect(verdict).toHaveText('R + W vs RF: hidden until the answer');
  await lecture.pressNext();
  await expect(lecture.answer).toBeVisible();
  await expect(verdict).toHaveText('R + W ≤ RF: a read may miss the latest write');
  await lecture.pressNextTo('Step 42 of 44');
  await expect(lecture.narration).toContainText('A stale read: node3 answers at once with v1');
  await page.getByRole('tablist', { name: 'Key panel' }).getByRole('tab', { name: 'Request trace' }).click();
  await expect(app.requestTrace.summary).toContainText('get(row) via node3');
  await expect(app.requestTrace.summary.locator('.stale-read')).toHaveText(/^Stale read: it missed D2 \(#\d+ put\), acknowledged before this get began\.$/);
  await lecture.pressNextTo('Step 44 of 44');
  await expect(lecture.narration).toContainText('eventual consistency');
  await expect(app.requestTrace.summary).toContainText('get(row) via node3');
  await expect(app.requestTrace.summary.locator('.stale-read')).toHaveCount(0);
});

test('forwarding: while "Which node does G forward the request to?" waits, the space-time diagram draws none of the step\'s messages', async ({ page }) => {
  const lecture = new LecturePanel(page);
  const spacetime = new SpaceTimePanel(page);
  await new AppPage(page).open();
  await lecture.choose('Forwarding and gossip');
  await lecture.pressNext();
  await expect(lecture.question).toContainText('Which node does G forward the request to?');
  await expect(spacetime.region).toBeVisible();
  await expect(spacetime.region).toContainText("This step's messages: hidden while the lecture's question waits.");
  await expect(spacetime.messages).toHaveCount(0);
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('B: the key hashes to');
  await expect(spacetime.region).not.toContainText('hidden while');
  await expect.poll(async () => (await spacetime.messageNames()).some((name) => / G → B, /.test(name))).toBe(true);
});

test("forwarding: \"Where will G's forwarded write end up?\" is asked before the write; the next step's space-time diagram shows all of it, from G's forward to B that goes unanswered to the write C coordinates", async ({ page }) => {
  const lecture = new LecturePanel(page);
  const spacetime = new SpaceTimePanel(page);
  const versions = new VersionsPanel(page);
  await new AppPage(page).open();
  await lecture.choose('Forwarding and gossip');
  await lecture.pressNextTo('Step 4 of 12');
  await expect(lecture.question).toContainText("Where will G's forwarded write end up?");
  // No version yet: D1's clock, [C,1], would name the answer.
  await expect(versions.region).toContainText('No version of this key yet');
  await lecture.pressNext(); // the answer
  await expect(lecture.answer).toContainText('C: when B does not answer');
  await lecture.pressNext();
  await expect(lecture.progress).toContainText('Step 5 of 12');
  await expect(versions.version('D1')).toBeVisible();
  // C coordinated it, as the narration says: B, forwarded to first, never took it.
  const app = new AppPage(page);
  await expect(app.preferenceList.row('C')).toContainText('coordinator');
  await page.getByRole('tablist', { name: 'Key panel' }).getByRole('tab', { name: 'Request trace' }).click();
  await expect(app.requestTrace.summary).toContainText('via G → coordinator C (forwarded)');
  const names = await spacetime.messageNames();
  const toB = names.find((name) => /^put\(key\) G → B, /.test(name));
  const toC = names.find((name) => /^put\(key\) G → C, /.test(name));
  expect(toB, names.join('\n')).toBeDefined();
  expect(toC, names.join('\n')).toBeDefined();
  // Both ends of the step are on screen: the forward to B at its start, the forward to C after B's silence.
  await expect(spacetime.message(toB!)).toBeInViewport();
  await expect(spacetime.message(toC!)).toBeInViewport();
});

test("forwarding, B only slow: G's first forward reaches B after C wrote the key, B writes it too, and the class sees one write become two siblings", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await lecture.choose('Forwarding and gossip');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 2 });
  await expect(lecture.progress).toHaveText('Step 8 of 12');
  await lecture.pressNextTo('Step 9 of 12');
  await expect(lecture.question).toContainText("What does B do?");
  await lecture.question.getByRole('button', { name: 'It coordinates the write too' }).click();
  await expect(lecture.answer).toContainText('nothing ties C\'s copy to G\'s request');
  await lecture.pressNextTo('Step 10 of 12');
  // C's write, answered: the one version so far.
  await expect(versions.version('D1')).toBeVisible();
  await expect(versions.version('D2')).toHaveCount(0);
  await lecture.pressNextTo('Step 11 of 12');
  await expect(versions.version('D1')).toBeVisible();
  await expect(versions.version('D2')).toBeVisible();
  await expect(versions.region).toContainText('[B,1]');
  // The client's one request tells it: B's late coordination is part of its story.
  await page.getByRole('tablist', { name: 'Key panel' }).getByRole('tab', { name: 'Request trace' }).click();
  await expect(app.requestTrace.summary).toContainText('via G → coordinator C (forwarded)');
  await expect(app.requestTrace.steps.filter({ hasText: "B coordinates G's forwarded put(key), late" })).toHaveCount(1);
  await lecture.pressNextTo('Step 12 of 12');
  await expect(lecture.narration).toContainText('A timeout cannot tell a slow node from a dead one');
});

test('a lecture part that begins before any message: the space-time diagram says nothing shown has happened yet, and offers no whole run to show', async ({ page }) => {
  const lecture = new LecturePanel(page);
  const spacetime = new SpaceTimePanel(page);
  await new AppPage(page).open();
  await lecture.choose('Forwarding and gossip');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 2 });
  await expect(lecture.progress).toHaveText('Step 8 of 12');
  await spacetime.open();
  // Only the link has slowed, at 0 ms: the whole run is in view, and it holds no message.
  await expect(spacetime.region.getByRole('status').filter({ hasText: 'Nothing shown has happened yet: each message will appear as an arrow.' })).toBeVisible();
  await expect(spacetime.region.getByRole('button', { name: 'Show the whole run' })).toHaveCount(0);
  await lecture.pressNextTo('Step 10 of 12');
  await expect(spacetime.region.getByRole('status').filter({ hasText: 'Nothing shown' })).toHaveCount(0);
});

test("the space-time tab opened on a lecture step shows that step's messages, not only the quiet end of its wait", async ({ page }) => {
  const lecture = new LecturePanel(page);
  const spacetime = new SpaceTimePanel(page);
  await new AppPage(page).open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  await lecture.pressNextTo('Step 9 of 27');
  await expect(lecture.region).toContainText('D sends the write to B');
  await spacetime.open();
  const quiet = spacetime.region.getByRole('status').filter({ hasText: 'Nothing shown happens' });
  await expect(quiet).toHaveCount(0);
  await expect.poll(async () => (await spacetime.messageNames()).some((name) => /^hinted cart for B D → B, /.test(name))).toBe(true);
  const name = (await spacetime.messageNames()).find((n) => /^hinted cart for B D → B, /.test(n))!;
  await expect(spacetime.message(name)).toBeInViewport();
});

test('W=1, "What happens to v3 if node1\'s disk fails?": the ring draws none of the step\'s copies of v3, lost at the cut, until the answer', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  // The part's whole title is on screen, not cut to the drawer's width as a select shows it.
  await expect(lecture.region.getByText('Part 2 of 5: RF=3, R=3, W=1: slow reads, weak durability, fast writes')).toBeVisible();
  await lecture.pressNextTo('Step 20 of 44');
  await expect(lecture.question).toContainText("What happens to v3 if node1's disk now fails for good?");
  await expect(app.ring.messages()).toHaveCount(0);
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('It is lost');
  // Lost at the cut, unless the network healed before they arrived: a link is checked on arrival.
  await expect(app.ring.messages().first()).toHaveAccessibleName(/^Message put\(row\) from node1 to node[23], will be lost unless the network heals before it arrives$/);
});

test('D1–D5, "Which of D3 and D4 is newer?": while it waits, the versions stand in one column in the order made; the answer draws D3 and D4 side by side', async ({ page }) => {
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await new AppPage(page).open();
  await lecture.choose("Vector clocks in Dynamo: the paper's D1 to D5");
  for (let i = 0; i < 20 && !((await lecture.question.count()) > 0 && (await lecture.question.textContent())!.includes('Which of D3 and D4 is newer?')); i++) await lecture.pressNext();
  await expect(lecture.question).toContainText('Which of D3 and D4 is newer?');
  await expect(lecture.answer).toHaveCount(0);
  const at = async (name: string) => (await versions.version(name).boundingBox())!;
  // Waiting: D4 below D3, in the same column.
  await expect(versions.version('D4')).toBeVisible();
  const [d3, d4] = [await at('D3'), await at('D4')];
  expect(d4.y).toBeGreaterThan(d3.y + d3.height);
  expect(Math.abs(d4.x - d3.x)).toBeLessThan(2);
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('Neither');
  // Answered: siblings side by side, on one row.
  await expect.poll(async () => Math.abs((await at('D4')).y - (await at('D3')).y)).toBeLessThan(2);
});

test('leaving a lecture (Escape) brings back the free play it was opened from, and the library resumes the lecture where it was left', async ({ page }) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  // The lecturer's own session: B failed, then a put.
  await app.controls.fail('B');
  await app.controls.put('cart', 'shoes');
  await expect(app.requestTrace.region).toContainText('put(cart)');
  await app.playback.settledPosition();
  const events = await app.playback.eventCount();
  expect(events).toBeGreaterThan(0);

  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 3 of 18');
  await page.keyboard.press('Escape');
  await expect(lecture.region).toHaveCount(0);

  // The free play is back as it was: B still down, the put still there for Undo, at the same event.
  await expect(app.controls.nodeRow('B')).toContainText('down');
  await expect(page.getByRole('button', { name: 'Undo put cart' })).toBeEnabled();
  expect(await app.playback.eventCount()).toBe(events);
  await expect(page.getByRole('banner').getByLabel('Seed')).toHaveValue('42');

  // The library offers the lecture at the step it was left.
  await lecture.openButton.click();
  await lecture.library.getByRole('button', { name: 'Resume at step 3' }).click();
  await expect(lecture.progress).toHaveText('Step 3 of 18');
  await expect(lecture.narration).not.toBeEmpty();
  // Leaving again still brings back the first free play, not the lecture's cluster.
  await lecture.leave.click();
  await expect(app.controls.nodeRow('B')).toContainText('down');
  await expect(page.getByRole('button', { name: 'Undo put cart' })).toBeEnabled();
});

test('lecture 000\'s strict quorum: with node4 and node5 down, the write of the key at 344 can NOT complete, and no other node takes it', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 13 of 27');
  await expect(app.preferenceList.nodes()).toHaveText(['node3', 'node5', 'node4']);
  await lecture.pressNextTo('Step 15 of 27');
  await expect(lecture.question).toContainText('Can the write complete?');
  await lecture.question.getByRole('button', { name: 'No' }).click();
  await expect(lecture.answer).toContainText('a strict quorum may not use them');
  await lecture.pressNextTo('Step 16 of 27');
  await expect(app.log.current).toContainText('put(key) failed after 300 ms', { timeout: 10_000 });
  await expect(app.preferenceList.row('node4')).toContainText('down');
  await expect(app.preferenceList.row('node5')).toContainText('down');
  // No stand-in: nothing went to node1 or node2.
  await expect(app.log.region).not.toContainText('hint');
  await lecture.pressNextTo('Step 17 of 27');
  await expect(lecture.question).toContainText('Can we use the other nodes?');
});

test('the library offers to resume a lecture of parts at the step number the player showed, with its part beside it', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 13 of 27');
  await lecture.leave.click();
  await lecture.openButton.click();
  await lecture.library.getByRole('button', { name: 'Resume at step 13 (part 2)' }).click();
  await expect(lecture.progress).toHaveText('Step 13 of 27');
});

test("after a reload the library still offers the lecture where it stood, open or left, and a lecturer's own from its file", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 13 of 27');
  // The projector's browser is reloaded in the middle of the lecture: free play opens, nothing by itself.
  await page.reload();
  await expect(app.ring.node('A')).toBeVisible();
  await expect(lecture.progress).toHaveCount(0);
  await lecture.openButton.click();
  await lecture.library.getByRole('button', { name: 'Resume at step 13 (part 2)' }).click();
  await expect(lecture.progress).toHaveText('Step 13 of 27');

  // A lecturer's own lecture, left at its revealed answer, comes back from the file's text.
  const own = quorumLecture('kept-quorum', 'Kept quorum lecture', 'A write, then a read.');
  await share.openInput.setInputFiles({ name: 'kept.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(lecture.progress).toHaveText('Step 1 of 2');
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('1: W=1.');
  await lecture.leave.click();
  await expect(lecture.progress).toHaveCount(0);
  await page.reload();
  await expect(app.ring.node('A')).toBeVisible();
  await lecture.openButton.click();
  await expect(lecture.library).toContainText('Kept quorum lecture · your own lecture, from a file');
  await lecture.library.getByRole('button', { name: 'Resume at step 1' }).click();
  await expect(lecture.progress).toHaveText('Step 1 of 2');
  await expect(lecture.answer).toContainText('1: W=1.');
  await expect(lecture.narration).toHaveText('The client writes the cart through n1.');
});

test("clicking a question's choice (the class's vote) reveals the answer with that choice marked beside the right one", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 9 of 18');
  await expect(lecture.question).toContainText('Can node4 save only D3?');
  await expect(lecture.answer).toHaveCount(0);
  // The class votes Yes: right.
  await lecture.question.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(lecture.answer).toContainText('Yes: every counter of D1');
  await expect(lecture.question.getByRole('listitem').nth(0)).toHaveText('✓ Yes (right answer) (chosen)');
  await expect(lecture.question.getByRole('listitem').nth(1)).toHaveText('No');
  await expect(lecture.question.getByRole('button')).toHaveCount(0);
  await expect(lecture.progress).toHaveText('Step 9 of 18');
  // Next moves on as before; at the next question the class votes No: wrong.
  await lecture.next.click();
  await expect(lecture.progress).toHaveText('Step 10 of 18');
  await expect(lecture.question).toContainText('Can node1 save only D3?');
  await lecture.question.getByRole('button', { name: 'No', exact: true }).click();
  await expect(lecture.answer).toContainText('Yes: every counter of D1');
  // The right one is marked by sign as well as colour, and a screen reader hears the verdict before the answer.
  await expect(lecture.question.getByRole('listitem').nth(0)).toHaveText('✓ Yes (right answer)');
  await expect(lecture.question.getByRole('listitem').nth(1)).toHaveText('✗ No (chosen)');
  await expect(lecture.region.locator('[aria-live="polite"]').filter({ hasText: 'Your choice' })).toHaveText(/^Your choice, No, is wrong; the right one is Yes\. Answer: Yes: every counter of D1/);
  // Revealed with Next instead, nothing is marked as chosen.
  await lecture.previous.click();
  await expect(lecture.progress).toHaveText('Step 9 of 18');
  await lecture.pressNext(3); // step 9's answer, step 10, step 10's answer
  await expect(lecture.progress).toHaveText('Step 10 of 18');
  await expect(lecture.answer).toBeVisible();
  await expect(lecture.question.getByRole('listitem').nth(0)).toHaveText('✓ Yes (right answer)');
  await expect(lecture.question.getByRole('listitem').nth(1)).toHaveText('No');
});

test("on the stage, siblings whose clocks side by side would leave 14 px type get their clocks one entry a line, in larger type", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const versions = new VersionsPanel(page);
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 12 of 18');
  // The sync's handoff is on the stage (the Hints panel), the versions beside it; the lecturer puts them on the stage.
  const mainView = page.getByRole('tablist', { name: 'Main view' });
  await expect(mainView.getByRole('tab', { name: 'Hints' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: /^Hinted handoff/ })).toContainText('Handed over');
  await lecture.next.click(); // reveal: D2 and D3 side by side
  await mainView.getByRole('tab', { name: 'Versions' }).click();
  await expect(versions.version('D2')).toHaveAccessibleName(/sibling/);
  for (const [id, lines] of [
    ['D2', ['D2 ([node1,1],', '[node2,1])', '∥ basketball, shoes']],
    ['D3', ['D3 ([node1,1],', '[node4,1])', '∥ basketball, ps5']],
  ] as const) {
    expect(await versions.version(id).locator('text').allTextContents()).toEqual(lines);
    expect(await linesInsideBox(versions.version(id))).toBe(true);
  }
  // The drawing's 14-unit type is drawn at 17 px or more (it was 15 px with each clock on one line).
  const typePx = await versions.region.locator('svg.versions-graph').evaluate((svg) => (14 * svg.getBoundingClientRect().width) / (svg as SVGSVGElement).viewBox.baseVal.width);
  expect(typePx).toBeGreaterThanOrEqual(17);
  const d2 = (await versions.version('D2').boundingBox())!;
  const d3 = (await versions.version('D3').boundingBox())!;
  expect(Math.abs(d2.y - d3.y)).toBeLessThan(1);
  expect(d2.x + d2.width).toBeLessThanOrEqual(d3.x);
});

test('beside a lecture the narrow log folds its kinds behind one button, so it lists more events', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 4 of 18');
  const kinds = app.log.region.getByRole('button', { name: 'Hidden: Gossip, Anti-entropy' });
  await expect(kinds).toHaveAttribute('aria-expanded', 'false');
  await expect(app.log.region.getByRole('group', { name: 'Show events of kind' })).toHaveCount(0);
  // Two rows of chips used to leave room for one event's line here. (The room now goes to the step's event whole, the split's three lines.)
  const linesShown = await app.log.rows.evaluateAll((rows) => rows.filter((r) => r.getBoundingClientRect().bottom <= r.closest('.log-viewport')!.getBoundingClientRect().bottom + 0.5).reduce((sum, r) => sum + Math.round(r.getBoundingClientRect().height / 30), 0));
  expect(linesShown).toBeGreaterThanOrEqual(2);
  // Opened, it offers the kinds as in free play.
  await kinds.click();
  await app.log.filter('Gossip').click();
  await expect(app.log.region.getByRole('button', { name: 'Hidden: Anti-entropy' })).toHaveAttribute('aria-expanded', 'true');
  await app.log.filter('Gossip').click();
  await app.log.region.getByRole('button', { name: 'Hidden: Gossip, Anti-entropy' }).click();
  await expect(app.log.region.getByRole('group', { name: 'Show events of kind' })).toHaveCount(0);
});

test('leaving a lecture also brings back the log kinds shown and what Undo could bring back', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.playback.settledPosition();
  await app.session.r.selectOption('1');
  await expect(page.getByRole('button', { name: 'Undo R change' })).toBeEnabled();
  await app.log.filter('Gossip').click();
  await expect(app.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'true');
  await lecture.choose(TITLE);
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  await app.log.region.getByRole('button', { name: /^(Hidden|Every kind)/ }).click();
  await app.log.filter('Transfers').click(); // a kind turned off inside the lecture
  await lecture.leave.click();
  await expect(lecture.region).toHaveCount(0);
  await expect(app.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.log.filter('Transfers')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Undo R change' })).toBeEnabled();
  await page.getByRole('button', { name: 'Undo R change' }).click();
  await expect(app.session.r).toHaveValue('2');
  await expect(app.requestTrace.region).toContainText('put(cart)');
});

test('leaving a lecture brings back what Redo could bring back, which the lecture itself does not offer', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  const position = await app.playback.settledPosition();
  await app.playback.region.getByRole('button', { name: 'Undo put cart' }).click();
  await expect(app.playback.position).toHaveText('event 0');
  const redo = app.playback.region.getByRole('button', { name: /^Redo/ });
  await expect(redo).toHaveAccessibleName('Redo put cart');
  await lecture.choose(TITLE);
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  await expect(redo).toHaveCount(0);
  await lecture.leave.click();
  await expect(lecture.region).toHaveCount(0);
  await expect(redo).toHaveAccessibleName('Redo put cart');
  await redo.click();
  await expect(app.playback.position).toHaveText(position!);
  await expect(app.requestTrace.region).toContainText('put(cart)');
});

test('a question masks the panels in place: the ring and the preference list keep their size from the step before to its answer', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  const ring = app.ring.region.getByRole('img', { name: 'Token ring' });
  const preferenceList = page.getByRole('region', { name: /^Preference list/ });
  // To the pixel: the veil's em-based height may differ from the table's by a fraction.
  const rounded = (box: { x: number; y: number; width: number; height: number } | null) => box && { y: Math.round(box.y), height: Math.round(box.height), width: Math.round(box.width) };
  const sizes = async () => ({ ring: rounded(await ring.boundingBox()), list: rounded(await preferenceList.boundingBox()) });
  const before = await sizes();
  await lecture.next.click(); // "B fails … Can the write succeed?"
  await expect(lecture.question).toContainText('Can the write succeed?');
  await expect(preferenceList).toContainText("Hidden while the lecture's question waits");
  await expect(app.ring.shares()).toHaveCount(0);
  expect(await sizes()).toEqual(before);
  await lecture.next.click(); // the answer
  await expect(lecture.answer).toBeVisible();
  await expect(app.ring.shares()).toHaveCount(1);
  expect(await sizes()).toEqual(before);
});

test('in a lecture, the space-time diagram\'s All fits what has happened so far, not the whole recorded part', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 8 of 18');
  await app.playback.settledPosition();
  const nowMs = Number(/([\d.]+) ms/.exec((await app.playback.region.getByTitle('Virtual time').textContent())!)![1]);
  expect(nowMs).toBeLessThan(400); // the part runs past 1,400 ms
  await diagram.open();
  await diagram.region.getByRole('button', { name: 'All' }).click();
  const ticks = diagram.region.locator('svg.st-axis text').filter({ hasText: /ms$/ });
  await expect(ticks.first()).toBeVisible();
  const times = (await ticks.allTextContents()).map((t) => Number(t.replace(/[^\d.]/g, '')));
  expect(Math.max(...times)).toBeLessThanOrEqual(nowMs * 1.5);
});

test('an inspect step shows what the node holds beside the narration: D\'s own data empty, the cart kept as a hint for B', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await lecture.choose('Sloppy quorum and hinted handoff');
  await expect(lecture.region.getByRole('note', { name: /^What .* holds of/ })).toHaveCount(0);
  await lecture.pressNextTo('Step 6 of 27');
  await expect(lecture.narration).toContainText("D's own data is empty");
  await expect(lecture.region.getByRole('note', { name: 'What D holds of cart' })).toHaveText('D, key cart: in its own data, nothing; as hints, D1 for B.');
  await lecture.pressNextTo('Step 11 of 27');
  await expect(lecture.narration).toContainText('B holds the write it missed');
  await expect(lecture.region.getByRole('note', { name: 'What B holds of cart' })).toHaveText('B, key cart: in its own data, D1; no hints.');
});

test('Tuning R and W shows its timing steps on the space-time diagram: the write answers at 20 ms while the copy to slow node3 is still on its way', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  const mainView = page.getByRole('tablist', { name: 'Main view' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await expect(mainView.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
  await lecture.pressNextTo('Step 3 of 44');
  await expect(lecture.narration).toContainText('The client waits 20 ms, not for slow node3');
  await expect(mainView.getByRole('tab', { name: 'Space-time' })).toHaveAttribute('aria-selected', 'true');
  await expect(diagram.messages.first()).toBeVisible();
  await expect(diagram.messages.and(page.getByRole('button', { name: /^put\(row\) node1 → node3, sent at 0(\.0)? ms, in flight$/ }))).toHaveCount(1);
});

test('a lecture step about the ring as a whole shows who coordinates which range, and what the last join moved, where a key would be', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const ranges = page.getByRole('region', { name: 'Ranges' });
  const row = (node: string) => ranges.getByRole('row', { name: new RegExp(`^${node} `) });
  await app.open();
  // Free play keeps its key column, with its prompt to pick a key.
  await expect(page.getByRole('region', { name: /^Preference list/ })).toBeVisible();
  await expect(ranges).toHaveCount(0);
  await lecture.choose("Partitioning: nodes joining, and the paper's three strategies");
  await expect(row('node1')).toHaveText(/node1\s*12\s*100\.0%\s*the whole ring/);
  await expect(page.getByRole('region', { name: /^Preference list/ })).toHaveCount(0);
  // node3 joins with four of the twelve partitions, two from each of the others (lecture 001: 1 → 1/2 → 1/3).
  await lecture.pressNextTo('Step 9 of 24');
  await expect(row('node3')).toHaveText(/node3\s*4\s*33\.3%\s*\(1000, 0\] \(300, 400\] \(500, 600\]/);
  await expect(ranges.getByRole('group', { name: 'Ranges moving' })).toContainText('node3 joins at 0, 400, 600, 1100: 4 partitions move');
  await expect(ranges.getByRole('listitem').filter({ hasText: /^node1\s*→\s*node3/ })).toContainText('(1100, 0] (300, 400]');
  // Strategy 1: "What does node5 take?" waits with the ranges hidden, then the narration's answer is in the table.
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await lecture.pressNextTo('Step 11 of 24');
  await expect(lecture.question).toContainText('What does node5 take?');
  await expect(ranges).toContainText("Hidden while the lecture's question waits");
  await expect(ranges.getByRole('table')).toHaveCount(0);
  await lecture.pressNextTo('Step 12 of 24');
  await expect(lecture.narration).toContainText('it takes (338, 373] and (648, 693] from node2, and (877, 1113] from node4');
  await expect(row('node5')).toHaveText(/node5\s*3\s*26\.3%\s*\(338, 373\] \(648, 693\] \(877, 1113\]/);
  // A step with a key brings the preference list back.
  await lecture.choose('Consistent hashing and adding a node');
  await expect(page.getByRole('region', { name: /^Preference list/ })).toBeVisible();
  await expect(ranges).toHaveCount(0);
});

test('at the end of a lecture part, Step forward says nothing is left to happen, not that the log hides it', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  // This lecture runs no gossip and no anti-entropy: once its part has played, no event is left at all.
  await lecture.choose('Consistent hashing and adding a node');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await lecture.pressNextTo('Step 19 of 19');
  const notice = app.playback.region.getByRole('alert');
  for (let i = 0; i < 30 && !(await notice.isVisible()); i++) await app.playback.stepForward();
  await expect(notice).toHaveText('Nothing is left to happen in this part of the lecture.');
  // Play says so too, rather than move the clock away from the step with nothing to show.
  await notice.click(); // closes it
  await app.playback.playButton().click();
  await expect(notice).toHaveText('Nothing is left to happen in this part of the lecture.');
  await expect(app.playback.playButton()).toBeVisible();
  await expect(lecture.region).not.toContainText('Playback has moved away');
});

test('a long narration scrolls in its own box with a cue, and the question below it stays on screen', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const share = new ShareTools(page);
  await app.open();
  const long = Array.from({ length: 9 }, (_, i) => `Sentence ${i + 1} of a narration a lecturer wrote at length, about vector clocks and what each counter means.`).join(' ');
  const own = {
    version: 1, id: 'long-words', title: 'A long narration', lecture: '003', summary: 'One write, told at length.', seed: 5,
    config: { n: 2, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'n1', tokens: [100] }, { id: 'n2', tokens: [400] }] },
    steps: [{ op: 'put', key: 'cart', value: 'shoes', via: 'n1', narration: long, question: { prompt: 'Which node coordinates the write?', choices: ['n1', 'n2'], answer: 'n1: the client sent it there.' } }],
  };
  await share.openInput.setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(lecture.progress).toHaveText('Step 1 of 1');
  // Before, the question sat under the narration in one scrolling box, below the fold: the class never saw it.
  await expect(lecture.question.getByText('Which node coordinates the write?')).toBeInViewport({ ratio: 1 });
  await expect(lecture.question.getByRole('button', { name: 'n2' })).toBeInViewport({ ratio: 1 });
  const more = lecture.region.getByRole('button', { name: "▼ More of this step's text" });
  await expect(more).toBeVisible();
  // How far down the narration's box is scrolled, and what it hides below.
  const box = lecture.region.locator('.lecture-body');
  const hiddenBelow = () => box.evaluate((b) => b.scrollHeight - b.scrollTop - b.clientHeight);
  expect(await hiddenBelow()).toBeGreaterThan(40);
  const back = lecture.region.getByRole('button', { name: "▲ Start of this step's text" });
  for (let i = 0; i < 6 && (await back.count()) === 0; i++) {
    const before = await hiddenBelow();
    await more.click();
    await expect.poll(hiddenBelow).toBeLessThan(before);
    // The button's words follow the scroll a frame later: wait till they say where it stands.
    await expect.poll(async () => ((await hiddenBelow()) <= 8 ? back : more).count()).toBe(1);
  }
  expect(await hiddenBelow()).toBeLessThanOrEqual(8);
  await expect(lecture.question).toBeInViewport({ ratio: 1 });
  await back.click();
  await expect.poll(() => box.evaluate((b) => b.scrollTop)).toBe(0);
  await expect(more).toBeVisible();
});

test('with the keyboard, a lecture chosen takes focus to Next, and Next keeps it step after step; each step is announced', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.openButton.focus();
  await page.keyboard.press('Enter');
  await lecture.library.getByRole('button', { name: 'The shopping cart, 10:00 to 10:07', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  // Focus went back to the header's Lectures button, where Enter or Space opened the library again.
  await expect(lecture.next).toBeFocused();
  const said = lecture.region.locator('[aria-live="polite"]');
  await expect(said).toHaveText(/^Step 1 of 18\. /);
  for (const step of [2, 3]) {
    await page.keyboard.press('Enter');
    await expect(lecture.progress).toHaveText(`Step ${step} of 18`);
    // Next greys out while the step loads: disabled, it dropped the focus on the page's body.
    await expect(lecture.next).toBeFocused();
    await expect(said).toHaveText(new RegExp(`^Step ${step} of 18\\. `));
  }
  await lecture.previous.focus();
  await page.keyboard.press('Enter');
  await expect(lecture.progress).toHaveText('Step 2 of 18');
  await page.keyboard.press('Enter');
  await expect(lecture.progress).toHaveText('Step 1 of 18');
  await expect(lecture.previous).toBeFocused();
  await expect(lecture.previous).toBeDisabled();
  await lecture.leave.focus();
  await page.keyboard.press('Enter');
  await expect(lecture.progress).toHaveCount(0);
  await expect(lecture.openButton).toBeFocused();
});

test('arrowing through the Part menu opens only the part Enter chooses, and the focus stays on the menu', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await expect(lecture.progress).toHaveText('Step 1 of 44');
  const part = lecture.region.getByRole('combobox', { name: 'Part' });
  await part.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // Each arrow used to open a part (and disabled the menu while it loaded, dropping the focus).
  await expect(lecture.region.getByText('Part 3 of 5')).toBeVisible();
  await expect(lecture.region.getByText('— Enter opens it')).toBeVisible();
  await expect(lecture.progress).toHaveText('Step 1 of 44');
  await page.keyboard.press('Enter');
  await expect(lecture.progress).not.toHaveText('Step 1 of 44');
  await expect(part).toHaveValue('2');
  await expect(part).toBeFocused();
  // Esc takes back a part arrowed to and not yet opened.
  await page.keyboard.press('ArrowDown');
  await expect(lecture.region.getByText('Part 4 of 5')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(lecture.region.getByText('Part 3 of 5')).toBeVisible();
  await expect(lecture.progress).toBeVisible();
});

test('arrowing through the header\'s Cluster menu starts only the cluster Enter chooses', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  const undo = app.playback.region.getByRole('button', { name: /^Undo/ });
  await expect(undo).toHaveText(/Undo put cart/);
  await app.session.cluster.focus();
  await page.keyboard.press('ArrowDown');
  // Not applied yet: the cart's session is still the one Undo names.
  await expect(undo).toHaveText(/Undo put cart/);
  await page.keyboard.press('Enter');
  await expect(undo).toHaveText(/Undo (cluster|preset)/i);
  await expect(app.session.cluster).toBeFocused();
});

test("the cart's Hints panel says which copy a stand-in kept: node4's D3, sent to node3 across the cut, is lost and node3 keeps nothing, as the narration says", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const hints = new HintsPanel(page);
  await app.open();
  await lecture.choose(TITLE);
  await lecture.pressNextTo('Step 12 of 18');
  await page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name: 'Hints', exact: true }).click();
  const items = hints.sloppy.getByRole('listitem');
  await expect(items.filter({ hasText: 'node4 sent to node3 for node2' })).toContainText('node2 was cut off · lost on the way: node3 keeps nothing');
  await expect(items.filter({ hasText: 'node2 sent to node3 for node1' })).toContainText('node1 was cut off · node3 took it as a hint');
});

test('a lecture that teaches no quorums says nothing of R + W in the header; free play brings the verdict back', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await expect(app.session.quorum).toBeVisible();
  await lecture.choose('Consistent hashing and adding a node');
  await expect(lecture.progress).toHaveText('Step 1 of 19');
  await expect(page.getByRole('banner').getByText(/quorums/)).toHaveCount(0);
  await lecture.leave.click();
  await expect(app.session.quorum).toHaveText('R + W > N: quorums overlap (if no stand-ins)');
});

test('left with Escape while the focus stands on a ring node of the lecture, the focus goes to Lectures, not to the page', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await expect(lecture.progress).toHaveText('Step 1 of 44');
  await app.ring.node('node1').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Fail node node1' }).press('Enter');
  await expect(app.ring.node('node1')).toHaveAccessibleName(/^Node node1, down/);
  await page.keyboard.press('Control+z');
  await expect(app.ring.node('node1')).toHaveAccessibleName(/^Node node1, up/);
  await expect(app.ring.node('node1')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(lecture.progress).toHaveCount(0);
  await expect(lecture.openButton).toBeFocused();
});

test('the engine restarted mid-lecture records the lecture again and stands at its step, not narrating over a free-play cluster', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  await lecture.pressNext(4);
  await expect(lecture.progress).toHaveText('Step 5 of 18');
  await expect(lecture.narration).toContainText('reads D1');
  // The worker stops (an error it does not catch), and the next command finds it gone.
  await page.workers()[0]!.evaluate(() => {
    setTimeout(() => {
      throw new Error('stopped by a test');
    }, 0);
  });
  await expect.poll(() => app.playback.stepForwardButton.click().then(() => page.getByRole('alert').filter({ hasText: 'The engine stopped' }).count())).toBe(1);
  await page.getByRole('button', { name: 'Restart the engine' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The engine stopped' })).toHaveCount(0);
  // The button went with the notice; the focus stayed on a control, not on the page's body.
  expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
  await expect(lecture.progress).toHaveText('Step 5 of 18');
  // The lecture's own cluster (node1…node4, cart read as D1), not the header's free play (A…D).
  await expect(app.preferenceList.table).toContainText('node2');
  await expect(app.preferenceList.table).not.toContainText('230');
  await expect(app.playback.position).toHaveText(/^event \d+\/\d+/);
  await lecture.pressNext();
  await expect(lecture.question).toContainText('Can node2 save only D2?');
});

test('a part chosen while the lecture is still loading its first part opens once that has loaded, not dropped', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  // Chosen from the page itself the moment the menu says the lecture is busy loading.
  const chosenWhileBusy = actWhenShown(page, 'select[aria-label="Part"][aria-busy="true"]', { selectValue: '1' });
  await lecture.choose('Tuning R and W: the trade-off table');
  expect(await chosenWhileBusy).toBe(true);
  await expect(lecture.region.getByText('Part 2 of 5: RF=3, R=3, W=1: slow reads, weak durability, fast writes')).toBeVisible();
  await expect(lecture.region.getByRole('combobox', { name: 'Part' })).toHaveValue('1');
  await expect(lecture.region.getByRole('combobox', { name: 'Part' })).toHaveAttribute('aria-busy', 'false');
});
