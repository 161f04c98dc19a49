/**
 * What a lecture step keeps whole at 1280×720, the projector's size: beside a preference list
 * with its fallbacks, notes and split banner, the versions the step is about (their cards, who
 * holds which, the legend); and beside a revealed answer, the narration it rests on, its More
 * button under the text rather than over it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { SpaceTimePanel } from './pages/spacetime-panel';
import { VersionsPanel } from './pages/versions-panel';

test.use({ reducedMotion: 'reduce' });

/** Whether the element is drawn whole: inside the window and inside every box around it that clips (a scroll box, a panel). */
function isWhole(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.top < -1 || box.bottom > window.innerHeight + 1) return false;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      const clips = style.overflowY !== 'visible' || /paint|content|strict/.test(style.contain);
      const rect = up.getBoundingClientRect();
      if (clips && (box.top < rect.top - 1 || box.bottom > rect.bottom + 1)) return false;
    }
    return true;
  });
}

/** Polls until every one of `parts` is visible and whole. */
async function expectWhole(parts: readonly Locator[]): Promise<void> {
  for (const part of parts) await expect(part).toBeVisible();
  await expect.poll(async () => (await Promise.all(parts.map(isWhole))).join(' ')).toBe(parts.map(() => 'true').join(' '));
}

/** Polls until the versions' named cards, the "Held now" line and the legend are all whole. */
async function expectVersionsWhole(page: Page, names: readonly string[]): Promise<void> {
  const versions = new VersionsPanel(page);
  await expectWhole([...names.map((name) => versions.version(name)), versions.holdings, versions.region.getByRole('list', { name: 'Legend' })]);
}

test("lecture 002's siblings D1 and D2, who holds them and the legend are whole under a preference list of six rows and its notes", async ({ page }) => {
  await new LecturePanel(page).openAt('Forwarding and gossip', 'Step 11 of 12', 2);
  // Before, the list's "+ 2 more fallbacks" and its note pushed the cards down until only their bottom edges showed.
  await expectVersionsWhole(page, ['D1', 'D2']);
  const app = new AppPage(page);
  // The list keeps its title, header and the key's top three rows whole.
  for (const node of ['B', 'C', 'D']) expect(await isWhole(app.preferenceList.row(node))).toBe(true);
});

test('the trade-off table keeps the chain D1 → D2 → D3 and "node2: D2, node3: D1" whole while the network is split and node1 destroyed', async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt('Tuning R and W: the trade-off table', 'Step 21 of 44', 1);
  await expectVersionsWhole(page, ['D1', 'D2', 'D3']);
  await expect(new VersionsPanel(page).holdings).toContainText('node2: D2');
  await lecture.pressNext(3);
  await expect(lecture.progress).toHaveText('Step 24 of 44');
  await expectVersionsWhole(page, ['D1', 'D2', 'D3']);
});

test("the cart's siblings legend, at 10:06's answer, is whole and clear of the hint under it", async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt('The shopping cart, 10:00 to 10:07', 'Step 12 of 18');
  await lecture.pressNext();
  await expect(lecture.answer).toBeVisible();
  await expectVersionsWhole(page, ['D1', 'D2', 'D3']);
  const versions = new VersionsPanel(page);
  const legend = (await versions.region.getByRole('list', { name: 'Legend' }).boundingBox())!;
  const hint = (await versions.region.getByText('Click two versions to compare their clocks.').boundingBox())!;
  expect(legend.y + legend.height).toBeLessThanOrEqual(hint.y + 1);
});

test("the cart's D1 to D4 are whole in the key column at 10:07's question, the space-time diagram on the stage", async ({ page }) => {
  await new LecturePanel(page).openAt('The shopping cart, 10:00 to 10:07', 'Step 17 of 18');
  await new SpaceTimePanel(page).tab.click();
  // Before, the preference list's veil stayed as tall as the table it hides, and the cards scrolled: D1's top and
  // D4's bottom ("shoes, ps5") were cut, and the question is about D4 and D3.
  const versions = new VersionsPanel(page);
  await expectWhole(['D1', 'D2', 'D3', 'D4'].map((name) => versions.version(name)));
  // The list still says why its table is not there, in one line.
  await expect(new AppPage(page).preferenceList.region.getByText("Hidden while the lecture's question waits.", { exact: true })).toBeVisible();
});

test("the cart's D1 to D3 and who holds them are whole at the partition's heal, the space-time diagram on the stage", async ({ page }) => {
  await new LecturePanel(page).openAt('The shopping cart, 10:00 to 10:07', 'Step 11 of 18');
  await new SpaceTimePanel(page).tab.click();
  // Before, the folded preference list left the Versions panel too short: "Held now" (four nodes, two lines) was cut by 48 px.
  // The lineage is veiled here, so no legend is drawn; its note still says so.
  const versions = new VersionsPanel(page);
  await expectWhole([...['D1', 'D2', 'D3'].map((name) => versions.version(name)), versions.holdings]);
  await expect(versions.holdings).toContainText('node3: hint D2 for node1');
  await expect(versions.region.getByText('Which version descends from which: hidden')).toBeVisible();
});

test("the cart's D1 to D4 are whole when the space-time diagram takes the stage at 10:07's answer", async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt('The shopping cart, 10:00 to 10:07', 'Step 15 of 18');
  await lecture.pressNext();
  await expect(lecture.answer).toBeVisible();
  await new SpaceTimePanel(page).tab.click();
  // Before, the Versions panel scrolled to D4 before the column made room for it, and kept that scroll: D1's name line was cut by 7 px.
  const versions = new VersionsPanel(page);
  await expectWhole(['D1', 'D2', 'D3', 'D4'].map((name) => versions.version(name)));
  await expect(versions.region.getByText('Which version descends from which, and who holds which: hidden')).toBeVisible();
});

test("the paper's D1 to D5, who holds them and the legend are whole from D4's write to the end, the space-time diagram on the stage", async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt("Vector clocks in Dynamo: the paper's D1 to D5", 'Step 8 of 13');
  const spaceTime = new SpaceTimePanel(page);
  await spaceTime.tab.click();
  const versions = new VersionsPanel(page);
  // Where the versions fit as they are, the column is drawn as it always was: the hint under them stays.
  await expectVersionsWhole(page, ['D1', 'D2', 'D3']);
  await expect(versions.region.getByText('Click two versions to compare their clocks.')).toBeVisible();
  // Before, from D4 on the legend was cut (by 34 px, and 38 with D5, "Held now" by 17 and D1's top by 6).
  const fours = ['D1', 'D2', 'D3', 'D4'];
  const stops: readonly [string, boolean, readonly string[]][] = [
    ['Step 9 of 13', true, fours],
    ['Step 10 of 13', false, fours],
    ['Step 11 of 13', true, fours],
    ['Step 12 of 13', false, [...fours, 'D5']],
    ['Step 13 of 13', false, [...fours, 'D5']],
  ];
  for (const [step, isQuestion, names] of stops) {
    await lecture.pressNext();
    await expect(lecture.progress).toHaveText(step);
    // A question veils who holds which and the legend: its answer shows them.
    if (isQuestion) {
      await lecture.pressNext();
      await expect(lecture.answer).toBeVisible();
    }
    await expect(spaceTime.tab).toHaveAttribute('aria-selected', 'true');
    await expectVersionsWhole(page, names);
  }
});

/** The narration's lines drawn whole in its box, and how many of them the More button lies over. */
function narrationLines(lecture: LecturePanel): Promise<{ whole: number; covered: number }> {
  return lecture.region.locator('.lecture-body').evaluate((body) => {
    const shown = body.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(body.querySelector('.narration')!);
    const lines = [...range.getClientRects()].filter((r) => r.width > 2 && r.top >= shown.top - 1 && r.bottom <= shown.bottom + 1);
    const button = body.parentElement!.querySelector('button')?.getBoundingClientRect();
    const covered = button ? lines.filter((r) => r.bottom > button.top && r.top < button.bottom && r.right > button.left && r.left < button.right).length : 0;
    // A line is made of one rectangle per text run: count distinct line tops.
    return { whole: new Set(lines.map((r) => Math.round(r.top))).size, covered };
  });
}

test("beside a revealed answer the narration keeps three whole lines and more, and its More button covers none (lecture 002's gossip round and B's slow forward)", async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt('Forwarding and gossip', 'Step 7 of 12', 1);
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('here E chose C');
  // Before, the answer squeezed the narration to "One round: each of the eight / nodes c…", the button over its second line.
  await expect.poll(async () => (await narrationLines(lecture)).whole).toBeGreaterThanOrEqual(3);
  expect((await narrationLines(lecture)).covered).toBe(0);
  await expect(lecture.answer).toBeInViewport();
  await lecture.pressNext(2);
  await expect(lecture.progress).toHaveText('Step 9 of 12');
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('It coordinates the write too');
  await expect.poll(async () => (await narrationLines(lecture)).whole).toBeGreaterThanOrEqual(3);
  expect((await narrationLines(lecture)).covered).toBe(0);
  // Its narration, shortened, and the wrong choices folded away: all of it is read beside the answer, with no More to press.
  await expect(lecture.region.getByRole('button', { name: "▼ More of this step's text" })).toHaveCount(0);
  expect(await isNarrationWhole(lecture)).toBe(true);
});

/** Whether the narration's box shows all of its text, nothing scrolled out of it. */
function isNarrationWhole(lecture: LecturePanel): Promise<boolean> {
  return lecture.region.locator('.lecture-body').evaluate((body) => body.scrollHeight <= body.clientHeight + 1);
}

test("the first step's narration, once answered, is read whole: the sentence the question rests on is not hidden under More", async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt('Consistent hashing and adding a node', 'Step 1 of 19');
  await lecture.question.getByRole('button', { name: 'node3' }).click();
  await expect(lecture.answer).toBeVisible();
  await expect(lecture.narration).toContainText('Each node is responsible for the range between it and its predecessor');
  await expect(lecture.region.getByRole('button', { name: "▼ More of this step's text" })).toHaveCount(0);
  expect(await isNarrationWhole(lecture)).toBe(true);
});

test("a key's one version in the key column is drawn in type a lecture hall reads, not 14 px over an empty card", async ({ page }) => {
  await new LecturePanel(page).openAt('Consistent hashing and adding a node', 'Step 3 of 19');
  const versions = new VersionsPanel(page);
  await expect(versions.region.getByRole('heading')).toContainText('key-at-344');
  const d1 = versions.version('D1');
  await expectWhole([d1, versions.holdings]);
  // The name line's height on screen: the SVG scales its 14 px type with the drawing.
  const namePx = await d1.locator('text').first().evaluate((t) => t.getBoundingClientRect().height);
  expect(namePx).toBeGreaterThanOrEqual(19);
});

/**
 * The narration's lines its box draws in part, cut through the letters, as 'top–bottom of shownTop–shownBottom: line 2 of "text"':
 * each line (its text's boxes, Range.getClientRects) that an edge of what the box shows crosses (its rect less its
 * clip-path's insets), or that a mask fading its foot lies over: a faded line reads as cut from the back of a hall.
 */
function cutLines(lecture: LecturePanel): Promise<string[]> {
  return lecture.region.locator('.lecture-body').evaluate((body) => {
    const rect = body.getBoundingClientRect();
    const style = getComputedStyle(body);
    // inset(top [sides [bottom]]) and its short forms, as the browser writes it.
    const inset = (/^inset\(([^)]*)\)$/.exec(style.clipPath)?.[1] ?? '0px').split(' ').map(parseFloat);
    const shownTop = rect.top + inset[0]!;
    const shownBottom = rect.bottom - (inset[2] ?? inset[0]!);
    const fade = style.maskImage === 'none' ? 0 : Number(/calc\(100% - ([\d.]+)px\)/.exec(style.maskImage)?.[1] ?? rect.height);
    const cut = new Map<number, string>();
    const texts = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const [i, line] of [...range.getClientRects()].entries()) {
        if (line.width === 0) continue;
        const crosses = (edge: number) => line.top < edge - 0.5 && line.bottom > edge + 0.5;
        const isShown = line.top < shownBottom - 0.5 && line.bottom > shownTop + 0.5;
        const isFaded = fade > 0 && isShown && line.bottom > rect.bottom - fade + 0.5;
        if (!crosses(shownTop) && !crosses(shownBottom) && !isFaded) continue;
        const at = `${Math.round(line.top)}–${Math.round(line.bottom)} of ${Math.round(shownTop)}–${Math.round(shownBottom)}`;
        // A line is one box per run of its text ("Node0", ", key ", "k0"): said once, by its first run.
        const key = Math.round(line.top);
        if (!cut.has(key)) cut.set(key, `${at}: line ${i + 1} of "${text.textContent!.trim().slice(0, 24)}"`);
      }
    }
    return [...cut.values()];
  });
}

test("Merkle step 12's narration, folded under More beside the answer, ends on a whole line: no row of cut letters above the button", async ({ page }) => {
  const lecture = await new LecturePanel(page).openAt('Merkle trees: finding the key that differs', 'Step 12 of 16');
  await lecture.pressNext();
  await expect(lecture.answer).toBeVisible();
  const more = lecture.region.getByRole('button', { name: "▼ More of this step's text" });
  await expect(more).toBeVisible();
  // Before, the box's foot fell 1 px under the inspect card's first line, and its fade drew "Node0, key k0: in its own" half gone.
  await expect.poll(() => cutLines(lecture)).toEqual([]);
  // The narration's own last line ("h1.)") stays in sight, whole.
  await expect(lecture.narration).toBeInViewport({ ratio: 1 });
  // Paged down, the box shows whole lines too, at its top as at its foot.
  await more.click();
  await expect(lecture.region.getByRole('button', { name: "▲ Start of this step's text" })).toBeVisible();
  await expect.poll(() => cutLines(lecture)).toEqual([]);
});

test("at 1024×576 a folded narration ends on a whole line too: Merkle step 12's answer, and B's slow forward, whose box cut its third line", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 576 });
  const merkle = await new LecturePanel(page).openAt('Merkle trees: finding the key that differs', 'Step 12 of 16');
  await merkle.pressNext();
  await expect(merkle.answer).toBeVisible();
  const more = merkle.region.getByRole('button', { name: "▼ More of this step's text" });
  await expect(more).toBeVisible();
  await expect.poll(() => cutLines(merkle)).toEqual([]);
  // Before, the box's foot itself ran through the narration's third line, "forwards it to C, as when B had failed.": its top half showed.
  const forward = await new LecturePanel(page).openAt('Forwarding and gossip', 'Step 9 of 12', 2);
  await expect(more).toBeVisible();
  await expect.poll(() => cutLines(forward)).toEqual([]);
  await more.click();
  await expect(forward.region.getByRole('button', { name: "▲ Start of this step's text" })).toBeVisible();
  await expect.poll(() => cutLines(forward)).toEqual([]);
});
