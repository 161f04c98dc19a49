/** The space-time diagram: a put's messages in order, click-to-jump, lost messages, scrolling. */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { SpaceTimePanel } from './pages/spacetime-panel';
import { ShareTools } from './pages/share';
import { LecturePanel } from './pages/lecture-panel';
import { encodeLink } from '../src/share/link';
import { DEFAULT_SEED } from '../src/worker/default-config';

/** The teaching ring's put of cart via D (seed 42): D coordinates, C and A are its replicas. */
const PUT_DONE = [
  'put(cart) D → C, sent at 0.0 ms, delivered at 7.7 ms',
  'put(cart) D → A, sent at 0.0 ms, delivered at 5.0 ms',
  'put-ack(cart) A → D, sent at 5.0 ms, delivered at 18.1 ms',
  'put-ack(cart) C → D, sent at 7.7 ms, delivered at 18.2 ms',
];

/** The put of cart via D, stepped until its four messages are delivered, with the diagram open. */
async function putDoneViaD(page: Page): Promise<{ app: AppPage; diagram: SpaceTimePanel }> {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'D');
  await diagram.open();
  for (let i = 0; i < 4; i++) await app.playback.stepForward();
  return { app, diagram };
}

test('the space-time diagram shows the messages of a put in order', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'D');
  await diagram.open();
  // Just sent: the coordinator's two messages to the replicas are in flight; nothing came back yet.
  await expect.poll(() => diagram.messageNames()).toEqual(['put(cart) D → C, sent at 0.0 ms, in flight', 'put(cart) D → A, sent at 0.0 ms, in flight']);
  await expect(diagram.requests).toHaveAccessibleName('put(cart) via D: waiting since 0.0 ms');
  await expect(diagram.versions).toHaveAccessibleName('D creates cart D1 ([D,1]) at 0.0 ms');
  await expect(diagram.region.getByText('D1 ([D,1])', { exact: true })).toBeVisible();

  await app.playback.stepForward();
  await expect.poll(() => diagram.messageNames()).toEqual(['put(cart) D → C, sent at 0.0 ms, in flight', 'put(cart) D → A, sent at 0.0 ms, delivered at 5.0 ms', 'put-ack(cart) A → D, sent at 5.0 ms, in flight']);
  for (let i = 0; i < 3; i++) await app.playback.stepForward();
  // Coordinator → replicas, then replicas → coordinator, each drawn from send to delivery.
  await expect.poll(() => diagram.messageNames()).toEqual(PUT_DONE);
  await expect(diagram.requests).toHaveAccessibleName('put(cart) via D: succeeded in 18.1 ms');
  await expect(diagram.current).toHaveAccessibleName(PUT_DONE[3]!);
});

test('a message in flight is drawn dashed on to the lane it is going to, not ended at a lane on its way', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.controls.put('cart', 'shoes', 'D');
  await diagram.open();
  await app.playback.stepForward(); // A took it; D → C is still on its way, over lanes A and B
  const toC = diagram.message('put(cart) D → C, sent at 0.0 ms, in flight');
  await expect(toC).toBeVisible();
  const ends = await toC.evaluate((arrow) => {
    const due = arrow.querySelector<SVGPathElement>('.st-due')!;
    const at = (path: SVGPathElement, length: number) => new DOMPoint(path.getPointAtLength(length).x, path.getPointAtLength(length).y).matrixTransform(path.getScreenCTM()!);
    const head = at(due, 0);
    const end = at(due, due.getTotalLength());
    const lane = [...arrow.closest('section')!.querySelectorAll('.st-lane-heads text')].find((t) => t.textContent === 'C')!.getBoundingClientRect();
    return { headY: head.y, endX: end.x, endY: end.y, laneX: lane.x + lane.width / 2 };
  });
  expect(Math.abs(ends.endX - ends.laneX)).toBeLessThan(2);
  expect(ends.endY).toBeGreaterThan(ends.headY);
  // Delivered, it is one solid arrow with nothing dashed left.
  for (let i = 0; i < 4; i++) await app.playback.stepForward();
  await expect(diagram.message('put(cart) D → C, sent at 0.0 ms, delivered at 7.7 ms').locator('.st-due')).toHaveCount(0);
});

test('clicking an arrow moves the playback cursor there, and later messages are not drawn as happened', async ({ page }) => {
  const { app, diagram } = await putDoneViaD(page);
  await expect.poll(() => diagram.messageNames()).toEqual(PUT_DONE);
  await expect(app.playback.position).not.toHaveText(/past/);

  await diagram.message(PUT_DONE[1]!).click();
  // The cursor is now just after A took the put and acknowledged it: the recorded future is not drawn.
  await expect(app.playback.position).toHaveText(/past/);
  await expect(app.log.current).toContainText('A acknowledges put(cart) to D');
  await expect.poll(() => diagram.messageNames()).toEqual(['put(cart) D → C, sent at 0.0 ms, in flight', PUT_DONE[1], 'put-ack(cart) A → D, sent at 5.0 ms, in flight']);
  await expect(diagram.current).toHaveAccessibleName('put-ack(cart) A → D, sent at 5.0 ms, in flight');
  await expect(diagram.requests).toHaveAccessibleName('put(cart) via D: waiting since 0.0 ms');

  // From the keyboard too: Enter on a focused arrow.
  await diagram.messages.first().focus();
  await page.keyboard.press('Enter');
  await expect(app.log.current).toContainText('C acknowledges put(cart) to D');
});

test('a message to a node that is down ends in a cross where it was lost', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.controls.fail('A');
  await app.controls.put('cart', 'shoes', 'D');
  await diagram.open();
  await app.playback.stepForward();
  await expect.poll(() => diagram.messageNames()).toContain('put(cart) D → A, sent at 0.0 ms, lost at 5.0 ms (the receiver is down)');
  await expect(diagram.message('put(cart) D → A, sent at 0.0 ms, lost at 5.0 ms (the receiver is down)').locator('path[stroke="#c00000"]')).toHaveCount(1);
});

test('scrolling away stops following the cursor; Follow brings it back; zoom keeps the arrows', async ({ page }) => {
  const { diagram } = await putDoneViaD(page);
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'true');
  await diagram.diagram.hover();
  await page.mouse.wheel(0, 400);
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'false');
  await diagram.followButton.click();
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'true');
  await diagram.zoomOut();
  await diagram.zoomOut();
  await expect.poll(() => diagram.messageNames()).toEqual(PUT_DONE);
  await diagram.zoomIn();
  await expect(diagram.current).toBeVisible();
});

test('the zoom and place the lecturer chose stay through a visit to another tab, and a link opens the diagram as they were', async ({ page, context }) => {
  const { diagram } = await putDoneViaD(page);
  const share = new ShareTools(page);
  await diagram.zoomIn();
  await diagram.zoomIn();
  await diagram.diagram.hover();
  await page.mouse.wheel(0, 60);
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'false');
  const arrow = async (p: SpaceTimePanel) => (await p.messages.first().boundingBox())!;
  const zoomed = await arrow(diagram);
  // The ring and back: the diagram is drawn afresh with the zoom and place it had (it came back at the default zoom, following the cursor).
  await page.getByRole('tab', { name: 'Ring' }).click();
  await diagram.open();
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await arrow(diagram)).height).toBeCloseTo(zoomed.height, 0);
  const link = await share.share();

  const other = await context.newPage();
  const theirs = new SpaceTimePanel(other);
  await other.goto(link);
  await expect(other.getByRole('tab', { name: 'Space-time' })).toHaveAttribute('aria-selected', 'true');
  await expect(theirs.followButton).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await arrow(theirs)).height).toBeCloseTo(zoomed.height, 0);
  expect((await arrow(theirs)).y).toBeCloseTo(zoomed.y, 0);
});

test("a lecture's next part starts the diagram afresh at time 0: a zoom kept from the part before does not put negative times at its top", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  const spacetime = new SpaceTimePanel(page);
  await app.open();
  await lecture.choose('Tuning R and W: the trade-off table');
  await spacetime.open();
  for (let i = 0; i < 8; i++) await spacetime.zoomOut();
  const ticks = spacetime.region.locator('.st-axis g text');
  await lecture.region.getByRole('combobox', { name: 'Part' }).selectOption({ index: 4 });
  await expect(page.getByRole('banner').getByRole('combobox', { name: 'R', exact: true })).toHaveValue('1');
  await expect(ticks.first()).toBeVisible();
  // Before: ticks every 200 ms (or, stepped into, "−300 ms … 100 ms"), the part's 40 ms squeezed into a strip.
  // Now the default scale, from time 0: its first tick (under the cursor's "0.0") or the next, 5 ms.
  await expect.poll(() => ticks.allTextContents()).not.toContainEqual(expect.stringMatching(/^[−-]/));
  await expect(ticks.first()).toHaveText(/^[05] ms$/);
});

test('32 nodes: lanes out of sight in the narrow stage are counted and reachable; Wide shows them all', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.session.cluster.selectOption({ label: 'MD5 ring' });
  await expect(app.controls.nodeNames()).toHaveCount(32);
  await diagram.open();
  const right = diagram.region.getByRole('button', { name: /^Scroll to \d+ more lanes on the right$/ });
  await expect(right).toBeVisible();
  await right.click();
  const left = diagram.region.getByRole('button', { name: /^Scroll to \d+ more lanes on the left$/ });
  await expect(left).toBeVisible();
  // It sits at the lanes' edge, clear of the time axis and its title.
  const axisRight = await diagram.region.locator('svg.st-axis').evaluate((svg) => svg.getBoundingClientRect().right);
  expect((await left.boundingBox())!.x).toBeGreaterThanOrEqual(axisRight - 0.5);
  await page.getByRole('button', { name: 'Wide' }).click();
  await expect(diagram.region.getByRole('button', { name: /^Scroll to \d+ more lanes/ })).toHaveCount(0);
  await expect(diagram.region.getByText('n32', { exact: true })).toBeVisible();
});

test('a busy diagram is painted plainly while the wheel moves it, and its labelled arrows come back when it stops', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await app.playback.playWithClients('20 ops/s', 1500);
  await diagram.open();
  await diagram.region.getByRole('button', { name: 'All' }).click();
  const plain = diagram.region.getByRole('img', { name: /in view: zoom in to pick one$/ });
  // Closer in until the arrows are SVG buttons again: many of them, but few enough to label.
  for (let i = 0; i < 8 && (await plain.count()) > 0; i++) await diagram.zoomIn();
  await diagram.zoomIn(); // one step more: a turn of the wheel must not bring a window of over 250 things
  await expect(plain).toHaveCount(0);
  const still = await diagram.messages.count();
  expect(still).toBeGreaterThanOrEqual(60);
  // Watch for the plain drawing while the wheel turns: it lasts only until the wheel stops.
  await page.evaluate(() => {
    const seen = { plain: false };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      if (document.querySelector('.st-canvas')) seen.plain = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await diagram.diagram.hover();
  await page.mouse.wheel(0, -30);
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: { plain: boolean } }).seen.plain)).toBe(true);
  await expect(plain).toHaveCount(0);
  await expect.poll(() => diagram.messages.count()).toBeGreaterThanOrEqual(60);
});

test('two minutes into a run, the time axis and the event log show their long times whole, and the lanes start after the axis', async ({ page }) => {
  // Nothing periodic runs, so the clock can move on to 130 s at once; then a put. 12 lanes do not fit the narrow stage.
  const nodes = Array.from({ length: 12 }, (_, i) => ({ id: `node${i + 1}` }));
  const config = { n: 3, r: 2, w: 2, nodes, gossipIntervalMs: 0, antiEntropyIntervalMs: 0 };
  const link = encodeLink({ seed: DEFAULT_SEED, config, actions: [{ clockMs: 130_000 }, { input: { type: 'put', key: 'cart', value: 'x' } }, { steps: 4 }] });
  const diagram = new SpaceTimePanel(page);
  await new ShareTools(page).openLink(`/#${link}`);
  await diagram.open();
  const axis = diagram.region.locator('svg.st-axis');
  await expect(axis.getByText(/^130,0\d\d ms$/).first()).toBeVisible();
  const cut = await axis.evaluate((svg) => {
    const left = svg.getBoundingClientRect().left;
    return [...svg.querySelectorAll('text')].filter((t) => /ms$/.test(t.textContent ?? '') && t.getBoundingClientRect().left < left).map((t) => t.textContent);
  });
  expect(cut).toEqual([]);
  // The log's times ("130012.3 ms"), the current row's too, fit their column.
  const times = page.getByRole('list', { name: 'Event list' }).locator('.log-time');
  await expect(times.last()).toHaveText(/^1300\d\d\.\d ms$/);
  expect(await times.evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth).map((s) => s.textContent))).toEqual([]);
  await diagram.region.getByRole('button', { name: /^Scroll to \d+ more lanes on the right$/ }).click();
  const left = diagram.region.getByRole('button', { name: /^Scroll to \d+ more lanes on the left$/ });
  await expect(left).toBeVisible();
  const axisRight = await axis.evaluate((svg) => svg.getBoundingClientRect().right);
  expect((await left.boundingBox())!.x).toBeGreaterThanOrEqual(axisRight - 0.5);
});


test('paused soon after the last shown event, the following diagram reaches back to it rather than show empty lanes', async ({ page }) => {
  const { app, diagram } = await putDoneViaD(page);
  const quiet = diagram.region.getByRole('status').filter({ hasText: 'Nothing shown happens in this stretch of time.' });
  // 5 ms/s: through the quiet after the put the clock runs ten times faster (▶▶ ×10), still slow enough to pause near it
  // on a loaded machine (at 20 ms/s a slow poll let it run on to 432 ms before the pause).
  await app.playback.region.getByRole('combobox', { name: 'Speed' }).selectOption('5 ms/s');
  await app.playback.playButton().click();
  const clock = () => app.playback.region.getByTitle('Virtual time').textContent().then((t) => parseFloat(t!));
  // The put is done by about 30 ms; a follow window is about 35 ms tall.
  await expect.poll(clock, { timeout: 15_000 }).toBeGreaterThan(150);
  await app.playback.pauseButton().click();
  expect(await clock()).toBeLessThan(400);
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'true');
  await expect(diagram.messages.first()).toBeInViewport();
  await expect(quiet).toHaveCount(0);
});

test('played on long past the last shown event, the following diagram says nothing shown happens there and offers the whole run', async ({ page }) => {
  const { app, diagram } = await putDoneViaD(page);
  const quiet = diagram.region.getByRole('status').filter({ hasText: 'Nothing shown happens in this stretch of time.' });
  await expect(quiet).toHaveCount(0);
  await app.playback.region.getByRole('combobox', { name: 'Speed' }).selectOption('real time');
  await app.playback.playButton().click();
  // Gossip and anti-entropy are hidden by default: after the put, the lanes go quiet.
  const clock = () => app.playback.region.getByTitle('Virtual time').textContent().then((t) => parseFloat(t!));
  await expect.poll(clock, { timeout: 15_000 }).toBeGreaterThan(600);
  await app.playback.pauseButton().click();
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'true');
  await expect(quiet).toBeVisible();
  await expect(diagram.messages).toHaveCount(0);
  await quiet.getByRole('button', { name: 'Show the whole run' }).click();
  await expect(quiet).toHaveCount(0);
  await expect(diagram.messages.first()).toBeVisible();
});

test('in the narrow stage the legend folds behind one button naming the kinds hidden; Wide shows it whole', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await diagram.tab.click();
  const toggle = diagram.region.getByRole('button', { name: 'Legend', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(diagram.region).toContainText('hidden: Gossip, Anti-entropy');
  await expect(diagram.region.getByLabel('Legend')).toHaveCount(0);
  await toggle.click();
  await expect(diagram.region.getByLabel('Legend')).toContainText('in flight');
  // A kind turned on in the legend is no longer named as hidden.
  await diagram.region.getByRole('group', { name: 'Show in the diagram and the log' }).getByRole('button', { name: 'Gossip' }).click();
  await expect(diagram.region).toContainText('hidden: Anti-entropy');
  await toggle.click();
  await expect(diagram.region.getByLabel('Legend')).toHaveCount(0);
  await page.getByRole('button', { name: 'Wide' }).click();
  await expect(diagram.region.getByLabel('Legend')).toContainText('new version');
  await expect(diagram.region.getByRole('button', { name: 'Legend', exact: true })).toHaveCount(0);
});

test.describe('on a touch screen', () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

  test('a pinch zooms time, and a finger dragged scrolls it', async ({ page }) => {
    const { diagram } = await putDoneViaD(page);
    const box = (await diagram.diagram.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: readonly (readonly [number, number])[]) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    const arrow = async () => (await diagram.messages.first().boundingBox())!;
    const x = box.x + box.width / 2;
    const mid = box.y + box.height / 2;
    const shortBefore = (await arrow()).height;
    await touch('touchStart', [[x, mid - 20], [x, mid + 20]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[x, mid - 20 - i * 10], [x, mid + 20 + i * 10]]);
    await touch('touchEnd', []);
    // Fingers from 40 px apart to 200: the time axis zooms in, the page itself does not.
    await expect.poll(async () => (await arrow()).height).toBeGreaterThan(shortBefore * 2);
    expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
    // Zoomed in, one finger dragged up moves the diagram on in time: it follows the finger, and stops following the cursor.
    const before = (await arrow()).y;
    const y = box.y + box.height * 0.8;
    await touch('touchStart', [[x, y]]);
    for (let i = 1; i <= 10; i++) await touch('touchMove', [[x, y - i * 12]]);
    await touch('touchEnd', []);
    await expect.poll(async () => Math.round(before - (await arrow()).y)).toBeGreaterThan(100);
    await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'false');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the stacked page gives the diagram room to draw', async ({ page }) => {
    const { diagram } = await putDoneViaD(page);
    // The stage panels filled a height the stacked page never gave: the diagram was 0 px tall.
    expect((await diagram.diagram.boundingBox())!.height).toBeGreaterThan(250);
    await expect(diagram.messages.first()).toBeVisible();
  });
});

test("in a lecture, a step that only looks, long after the last message, shows that message, not empty lanes", async ({ page }) => {
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  await lecture.openAt('Sloppy quorum and hinted handoff', 'Step 10 of 27');
  await expect(lecture.narration).toContainText("D's hinted store is empty.");
  // The cursor is at 1,300 ms; the hint was handed over and acknowledged at 610–630 ms, 670 ms before.
  await diagram.open();
  await expect(diagram.followButton).toHaveAttribute('aria-pressed', 'true');
  await expect(diagram.region.getByRole('status').filter({ hasText: 'Nothing shown happens' })).toHaveCount(0);
  await expect(diagram.messages.and(page.getByRole('button', { name: /^hint-ack\(cart\) B → D/ }))).toBeInViewport();
});

test("while a lecture's question hides the step's messages, the diagram says so, not that nothing has happened", async ({ page }) => {
  const lecture = new LecturePanel(page);
  const diagram = new SpaceTimePanel(page);
  await lecture.openAt('Forwarding and gossip', 'Step 7 of 12');
  await expect(lecture.question).toContainText('How does E choose whom to contact');
  await diagram.open();
  await expect(diagram.region.getByText("This step's messages: hidden while the lecture's question waits.")).toBeVisible();
  await expect(diagram.region.getByRole('status').filter({ hasText: /^Nothing shown/ })).toHaveCount(0);
  await expect(diagram.messages).toHaveCount(0);
  // The answer lifts the veil: the round's gossip is drawn.
  await lecture.pressNext();
  await expect(lecture.answer).toBeVisible();
  await expect(diagram.messages.and(page.getByRole('button', { name: /^gossip E → C/ }))).toBeVisible();
});
