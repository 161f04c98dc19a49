/**
 * What a class can read on the screen at 1280×720: a lecture step made only of traffic the
 * log hides shows it (a link made there too), the space-time diagram's labels keep off one
 * another and keep the versions' clocks, a fault's words and a message's name have no line
 * through them, the narration's More button leaves its line whole,
 * the put's Context menu keeps to one line, and leaving a lecture brings back the free play's zoom.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { SpaceTimePanel } from './pages/spacetime-panel';
import { ShareTools } from './pages/share';

const mainView = (page: Page, name: string) => page.getByRole('tablist', { name: 'Main view' }).getByRole('tab', { name });

/** Lecture 002's second part, the gossip round, at its first step, on the space-time diagram. */
async function gossipPart(page: Page): Promise<{ app: AppPage; lecture: LecturePanel; diagram: SpaceTimePanel }> {
  const [app, lecture, diagram] = [new AppPage(page), new LecturePanel(page), new SpaceTimePanel(page)];
  await app.open();
  await lecture.choose('Forwarding and gossip');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
  await expect(lecture.progress).toHaveText('Step 6 of 12');
  await diagram.open();
  return { app, lecture, diagram };
}

test("lecture 002's gossip round shows its gossip on the space-time diagram and the ring, though the log hides Gossip by default", async ({ page }) => {
  const { app, lecture, diagram } = await gossipPart(page);
  await lecture.pressNext();
  await expect(lecture.progress).toHaveText('Step 7 of 12');
  await lecture.question.getByRole('button', { name: 'A node at random' }).click();
  await expect(lecture.answer).toContainText('here E chose C');
  // The round's messages, E → C among them: before, the diagram said "Nothing shown happens in this stretch of time".
  await expect(diagram.message('gossip E → C, sent at 0.0 ms, delivered at 10.0 ms')).toBeVisible();
  await expect(diagram.region.getByText('hidden: Anti-entropy', { exact: true })).toBeVisible();
  // On the ring, stepping back into the round shows its messages in flight (Step passed over them all before).
  await mainView(page, 'Ring').click();
  await app.playback.stepBackButton.click();
  await expect(app.ring.messages().filter({ hasText: /gossip/ }).first()).toBeVisible();
  // The next lecture step, or leaving, lets Gossip go: the log hides it again.
  await lecture.leave.click();
  await expect(app.log.filter('Gossip')).toHaveAttribute('aria-pressed', 'false');
});

test("a lecture link made at the gossip round opens with the round's gossip shown, as the lecturer's page showed it; a chip switched by hand stays as chosen", async ({ page, context }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { app, lecture } = await gossipPart(page);
  await lecture.pressNext(2);
  await expect(lecture.answer).toContainText('here E chose C');
  const share = new ShareTools(page);
  const link = await share.share();
  await share.dialog.getByRole('button', { name: 'Close' }).click();
  const other = await context.newPage();
  await other.emulateMedia({ reducedMotion: 'reduce' });
  await other.goto(link);
  const otherDiagram = new SpaceTimePanel(other);
  await expect(new LecturePanel(other).progress).toHaveText('Step 7 of 12');
  await expect(otherDiagram.message('gossip E → C, sent at 0.0 ms, delivered at 10.0 ms')).toBeVisible();
  await expect(otherDiagram.region.getByText('hidden: Anti-entropy', { exact: true })).toBeVisible();
  // Back on the lecturer's page: Gossip switched off and on again by hand is the lecturer's own, and Previous leaves it on.
  await app.log.region.getByRole('button', { name: 'Hidden: Anti-entropy', exact: true }).click();
  const gossipChip = app.log.filter('Gossip');
  await gossipChip.click();
  await expect(gossipChip).toHaveAttribute('aria-pressed', 'false');
  await gossipChip.click();
  await lecture.previous.click();
  await expect(lecture.progress).toHaveText('Step 6 of 12');
  await expect(gossipChip).toHaveAttribute('aria-pressed', 'true');
});

/** The trade-off lecture's part `part` (0-based) on the space-time diagram, Next pressed until `step` ("Step 16 of 44"), with reduced motion. */
async function tradeoffAt(page: Page, part: number, step: string): Promise<SpaceTimePanel> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  await new AppPage(page).open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: part });
  await diagram.open();
  for (let i = 0; i < 12 && (await lecture.progress.textContent()) !== step; i++) await lecture.pressNext();
  await expect(lecture.progress).toHaveText(step);
  return diagram;
}

/**
 * The diagram's texts that overlap another, or sit under the lanes' names. A message's name
 * may be turned to lie along its arrow, so each text is its four corners on the page, and two
 * overlap when no side of either separates them by less than 2 px of overlap.
 */
function labelClashes(diagram: SpaceTimePanel): Promise<string[]> {
  return diagram.region.locator('svg.st-svg').evaluate((svg) => {
    const top = svg.getBoundingClientRect().top + 30;
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.getAttribute('visibility') !== 'hidden' && !t.closest('.st-lane-heads') && (t.textContent ?? '').trim() !== '');
    const corners = (t: SVGTextElement) => {
      const b = t.getBBox();
      const m = t.getScreenCTM()!;
      return [
        [b.x, b.y],
        [b.x + b.width, b.y],
        [b.x + b.width, b.y + b.height],
        [b.x, b.y + b.height],
      ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    };
    const quads = texts.map((t) => ({ text: t.textContent, at: corners(t) }));
    const out: string[] = quads.filter(({ at }) => Math.min(...at.map((p) => p.y)) < top - 1).map(({ text }) => `${text} under the lanes' names`);
    // How far two quads overlap along the normal of one side of `a`'s (negative: apart).
    const depth = (a: DOMPoint[], b: DOMPoint[], i: number) => {
      const [p, q] = [a[i]!, a[(i + 1) % 4]!];
      const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      const [nx, ny] = [-(q.y - p.y) / len, (q.x - p.x) / len];
      const pa = a.map((c) => c.x * nx + c.y * ny);
      const pb = b.map((c) => c.x * nx + c.y * ny);
      return Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
    };
    for (let i = 0; i < quads.length; i++) {
      for (let j = i + 1; j < quads.length; j++) {
        const [a, b] = [quads[i]!.at, quads[j]!.at];
        const least = Math.min(...[0, 1, 2, 3].flatMap((k) => [depth(a, b, k), depth(b, a, k)]));
        if (least > 2) out.push(`${quads[i]!.text} over ${quads[j]!.text}`);
      }
    }
    return out;
  });
}

/**
 * The diagram's words with a line through them: a fault's words that any line runs through (an
 * arrow, a message's dashes, a lost message's cross, the cursor's line, a fault's mark), and a
 * message's name that another arrow runs along, within 30° of it, so that it reads as that
 * arrow's. Each text is its four corners on the page, 1.5 px in from its box (its halo).
 */
function struckLabels(diagram: SpaceTimePanel): Promise<string[]> {
  return diagram.region.locator('svg.st-svg').evaluate((svg) => {
    const at = (x: number, y: number, m: DOMMatrix) => new DOMPoint(x, y).matrixTransform(m);
    const lines: { a: DOMPoint; b: DOMPoint; owner: Element | null; name: string }[] = [];
    for (const path of svg.querySelectorAll('.st-arrow path:not(.st-hit)')) {
      const m = (path as SVGGraphicsElement).getScreenCTM()!;
      const owner = path.closest('.st-arrow');
      for (const [, x1, y1, x2, y2] of (path.getAttribute('d') ?? '').matchAll(/M([-\d.e]+),([-\d.e]+) L([-\d.e]+),([-\d.e]+)/g)) lines.push({ a: at(+x1!, +y1!, m), b: at(+x2!, +y2!, m), owner, name: owner?.getAttribute('aria-label')?.split(',')[0] ?? '' });
    }
    for (const line of svg.querySelectorAll('.st-cursor line, .st-faults line')) {
      const m = (line as SVGGraphicsElement).getScreenCTM()!;
      const n = (k: string) => Number(line.getAttribute(k));
      lines.push({ a: at(n('x1'), n('y1'), m), b: at(n('x2'), n('y2'), m), owner: null, name: line.closest('.st-cursor') ? "the cursor's line" : "a fault's line" });
    }
    // How long a stretch of the line lies inside the text's corners, and its angle to the text.
    const inside = (l: (typeof lines)[number], q: DOMPoint[]) => {
      const [p0, p1, , p3] = q as [DOMPoint, DOMPoint, DOMPoint, DOMPoint];
      const [w, h] = [Math.hypot(p1.x - p0.x, p1.y - p0.y), Math.hypot(p3.x - p0.x, p3.y - p0.y)];
      const [cx, cy] = [(p1.x + p3.x) / 2, (p1.y + p3.y) / 2];
      const local = (p: DOMPoint) => [((p.x - cx) * (p1.x - p0.x) + (p.y - cy) * (p1.y - p0.y)) / w, ((p.x - cx) * (p3.x - p0.x) + (p.y - cy) * (p3.y - p0.y)) / h] as const;
      const [[x1, y1], [x2, y2]] = [local(l.a), local(l.b)];
      const [hw, hh, dx, dy] = [w / 2 - 1.5, h / 2 - 1.5, x2 - x1, y2 - y1];
      let [t0, t1] = [0, 1];
      for (const [p, r] of [[-dx, x1 + hw], [dx, hw - x1], [-dy, y1 + hh], [dy, hh - y1]] as const) {
        if (p === 0) {
          if (r < 0) return { px: 0, deg: 0 };
          continue;
        }
        if (p < 0) t0 = Math.max(t0, r / p);
        else t1 = Math.min(t1, r / p);
      }
      return { px: t1 > t0 ? (t1 - t0) * Math.hypot(dx, dy) : 0, deg: (Math.atan2(Math.abs(dy), Math.abs(dx)) * 180) / Math.PI };
    };
    const out: string[] = [];
    for (const text of svg.querySelectorAll('text.st-fault, .st-arrow text')) {
      const b = (text as SVGTextElement).getBBox();
      const m = (text as SVGTextElement).getScreenCTM()!;
      const q = [at(b.x, b.y, m), at(b.x + b.width, b.y, m), at(b.x + b.width, b.y + b.height, m), at(b.x, b.y + b.height, m)];
      const isFault = text.classList.contains('st-fault');
      for (const l of lines) {
        if (l.owner !== null && l.owner === text.closest('.st-arrow')) continue;
        const { px, deg } = inside(l, q);
        if (isFault ? px > 3 : px > 4 && deg < 30) out.push(`${text.textContent} ${isFault ? 'struck through' : 'run along'} by ${l.name}`);
      }
    }
    return out;
  });
}

/** Lecture 002 on the space-time diagram, Next pressed until `step` ("Step 5 of 12"), with reduced motion. */
async function forwardingAt(page: Page, step: string): Promise<{ lecture: LecturePanel; diagram: SpaceTimePanel }> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const [lecture, diagram] = [new LecturePanel(page), new SpaceTimePanel(page)];
  await new AppPage(page).open();
  await lecture.choose('Forwarding and gossip');
  for (let i = 0; i < 16 && (await lecture.progress.textContent()) !== step; i++) await lecture.pressNext();
  await expect(lecture.progress).toHaveText(step);
  await diagram.open();
  return { lecture, diagram };
}

test("lecture 002's steps 5 and 11 draw 'B failed' and the messages' names clear of the arrows, the crosses and one another", async ({ page }) => {
  // Step 5: "B failed" sat beside B's crosses with a get's replies through it.
  const { lecture, diagram } = await forwardingAt(page, 'Step 5 of 12');
  await expect(diagram.region.locator('text.st-fault').filter({ hasText: /^B failed$/ })).toBeVisible();
  expect(await labelClashes(diagram)).toEqual([]);
  expect(await struckLabels(diagram)).toEqual([]);
  // Step 11: "took put(key)", leaving B with its put to D, ran along the first letters of the put's name.
  for (let i = 0; i < 12 && (await lecture.progress.textContent()) !== 'Step 11 of 12'; i++) await lecture.pressNext();
  await diagram.open();
  expect(await labelClashes(diagram)).toEqual([]);
  expect(await struckLabels(diagram)).toEqual([]);
});

test("the trade-off lecture's step 10, answered, writes 'node2 failed' off the cursor's line and clear of node3's cross; step 32's 'node3 failed' has no arrow through it", async ({ page }) => {
  const diagram = await tradeoffAt(page, 0, 'Step 10 of 44');
  await new LecturePanel(page).pressNext();
  await expect(new LecturePanel(page).answer).toBeVisible();
  await expect(diagram.region.locator('text.st-fault').filter({ hasText: /^node2 failed$/ })).toBeVisible();
  expect(await labelClashes(diagram)).toEqual([]);
  expect(await struckLabels(diagram)).toEqual([]);
  const lecture = new LecturePanel(page);
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 2 });
  for (let i = 0; i < 12 && (await lecture.progress.textContent()) !== 'Step 32 of 44'; i++) await lecture.pressNext();
  await expect(lecture.progress).toHaveText('Step 32 of 44');
  await diagram.open();
  expect(await labelClashes(diagram)).toEqual([]);
  expect(await struckLabels(diagram)).toEqual([]);
});

test("a fault whose words have no clear place near its mark keeps the mark, named: the Merkle lecture's split, a moment before its heal", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const [lecture, diagram] = [new LecturePanel(page), new SpaceTimePanel(page)];
  await new AppPage(page).open();
  await lecture.choose('Merkle trees: finding the key that differs');
  for (let i = 0; i < 16 && (await lecture.progress.textContent()) !== 'Step 10 of 16'; i++) await lecture.pressNext();
  await diagram.open();
  // A second of waiting fits the split and the heal a few pixels apart: the heal's words are drawn, the split's are its mark's name.
  await expect(diagram.region.locator('text.st-fault').filter({ hasText: /^network heals$/ })).toBeVisible();
  await expect(diagram.region.locator('text.st-fault').filter({ hasText: /network splits/ })).toHaveCount(0);
  await expect(diagram.region.getByRole('img', { name: 'network splits {Node1} | {Node0}' })).toHaveCount(1);
  expect(await struckLabels(diagram)).toEqual([]);
});

test('on a step that spans a 300 ms deadline, the space-time diagram draws no label over another, and none under the lanes’ names', async ({ page }) => {
  // Part 2: the read fails at its 300 ms deadline (its ✗), then a put succeeds at once (its ✓) in the same instant on node1.
  const diagram = await tradeoffAt(page, 1, 'Step 16 of 44');
  await expect(diagram.requests.filter({ hasText: '✗' })).toHaveCount(1);
  expect(await labelClashes(diagram)).toEqual([]);
});

test("the space-time diagram keeps a version's clock, which the step's narration is about, before a request's ✓ beside it", async ({ page }) => {
  // Part 5's last step: "the same read returns v2". Its ✓ marks took the place of "D2 ([node1,2])" on node1.
  const diagram = await tradeoffAt(page, 4, 'Step 44 of 44');
  await expect(diagram.region.locator('svg.st-svg text').filter({ hasText: /^D2 \(\[node1,2\]\)$/ })).toBeVisible();
  expect(await labelClashes(diagram)).toEqual([]);
});

test("the space-time diagram keeps the clock a step's answer is about when the answer unveils the step's messages: D4 at the cart's 10:07", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  await new AppPage(page).open();
  await lecture.choose('The shopping cart, 10:00 to 10:07');
  await diagram.open();
  // The diagram looked at on every step, as a lecturer following along does (a step may show another panel).
  for (let i = 0; i < 24 && (await lecture.progress.textContent()) !== 'Step 16 of 18'; i++) {
    await lecture.pressNext();
    await diagram.open();
  }
  await expect(lecture.progress).toHaveText('Step 16 of 18');
  await lecture.pressNext();
  await expect(lecture.answer).toContainText("D4's clock descends from D2's");
  await diagram.open();
  // Revealed, the step's put-ack arrows came back, and "put-ack(cart)" took D4's place.
  await expect(diagram.region.locator('svg.st-svg text').filter({ hasText: /^D4 \(\[node1,2\],\[node2,1\],\[node4,1\]\)$/ })).toBeVisible();
  expect(await labelClashes(diagram)).toEqual([]);
});

test("the narration's More button, under a narration squeezed by a long answer, leaves whole lines to read, and pages down a line at a time", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  // A lecturer's own step, longer than lecture 002's slow B: its question and answer are long, and the narration longer than the lines it keeps.
  const own = {
    version: 1, id: 'slow-b', title: 'B is slow', lecture: '002', summary: 'A slow node.', seed: 5,
    config: { n: 2, r: 1, w: 1, ringSize: 1000, nodes: [{ id: 'B', tokens: [100] }, { id: 'C', tokens: [400] }] },
    steps: [{
      op: 'put', key: 'key', value: 'v', via: 'B',
      narration: 'A write for the same key is sent to G, which forwards it to B. When B has not said within 100 ms that it took it, G forwards it to C, as it did when B had failed. C coordinates the write, stores it and sends it on to the next replicas of the key.',
      question: { prompt: 'C writes the key and answers the client. Then, at 150 ms, G\'s first forward reaches B. What does B do?', choices: ['Nothing: C already has the write', 'It coordinates the write too', 'It passes the write on to C'], answer: 'It coordinates the write too: nothing has told B that C took it, so B writes the key as any node of the key\'s top N would.' },
    }],
  };
  await new ShareTools(page).openInput.setInputFiles({ name: 'slow-b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await expect(lecture.progress).toHaveText('Step 1 of 1');
  await lecture.pressNext();
  await expect(lecture.answer).toContainText('It coordinates the write too');
  const more = lecture.region.getByRole('button', { name: "▼ More of this step's text" });
  await expect(more).toBeVisible();
  // The first line, whole and clear of the button: before, the box was one line high and the button covered its end ("One rou").
  const clearLines = () =>
    lecture.region.locator('.lecture-body').evaluate((body) => {
      const button = body.parentElement!.querySelector('button')!.getBoundingClientRect();
      const shown = body.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(body.querySelector('.narration')!);
      const lines = [...range.getClientRects()].filter((r) => r.top >= shown.top - 1 && r.bottom <= shown.bottom + 1);
      return lines.filter((r) => r.bottom <= button.top || r.right <= button.left).length;
    });
  await expect.poll(clearLines).toBeGreaterThanOrEqual(1);
  await more.click();
  await expect.poll(clearLines).toBeGreaterThanOrEqual(1);
});

test("the put's Context menu, after a get of three siblings, keeps to one line: its clock is whole in the option and the title", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  for (const via of ['D', 'C', 'A']) await app.controls.put('cart', 'shoes', via);
  await app.controls.region.getByRole('combobox', { name: 'Via node' }).selectOption('B');
  await app.controls.region.getByRole('button', { name: 'Get', exact: true }).click();
  const context = app.controls.region.getByRole('combobox', { name: 'Context' });
  for (let i = 0; i < 40 && (await context.isDisabled()); i++) await app.playback.stepForward();
  await expect(context).toBeEnabled();
  // The option, which a screen reader reads and the open menu shows, names the get and its whole clock; the closed menu ends it in an ellipsis, and its title has it whole.
  await expect(context.locator('option:checked')).toHaveText(/^from get #\d+: \(\[A,1\],\[C,1\],\[D,1\]\)$/);
  await expect(context).toHaveCSS('text-overflow', 'ellipsis');
  await expect(context).toHaveAttribute('title', /get #\d+'s \(\[A,1\],\[C,1\],\[D,1\]\)/);
  // One line: the menu is as tall as the Via node menu above it, and nothing is written out under it (that took two nodes' rows from the list).
  const height = async (name: string) => (await app.controls.region.getByRole('combobox', { name }).boundingBox())!.height;
  expect(await height('Context')).toBe(await height('Via node'));
  await expect(app.controls.region.getByText(/context: \(\[A,1\]/)).toHaveCount(0);
});

test("leaving a lecture brings back the space-time diagram's zoom of the free play it was opened from", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'D');
  for (let i = 0; i < 4; i++) await app.playback.stepForward();
  await diagram.open();
  const ticks = () => page.locator('.st-axis g:not(.st-now) text').allTextContents();
  const unzoomed = await ticks();
  await diagram.zoomIn();
  await diagram.zoomIn();
  await expect.poll(ticks).not.toEqual(unzoomed);
  const zoomed = await ticks();
  await lecture.choose('Sloppy quorum and hinted handoff');
  await lecture.pressNext(3);
  await diagram.open();
  await expect.poll(ticks).not.toEqual(zoomed);
  await lecture.leave.click();
  await expect(lecture.progress).toHaveCount(0);
  await expect(diagram.region).toBeVisible();
  // Before, the diagram kept the lecture's scale (5 ms a tick) over the free play's put.
  await expect.poll(ticks).toEqual(zoomed);
});
