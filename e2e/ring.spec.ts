/**
 * The token ring as a class at the back of the hall sees it: a key's name never covers its own ◆,
 * a token's tick or a token's label, a long key's name stays inside the panel, a node's card
 * opens only when the pointer moves onto the node, a crowd of token labels keeps apart, and the
 * playback bar's note covers nothing of the ring's panel.
 */
import { expect, test, type Locator } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { LecturePanel } from './pages/lecture-panel';
import { keyName } from '../src/engine/index';

test.use({ reducedMotion: 'reduce' });

type Box = { x: number; y: number; width: number; height: number };

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box) => a.x >= outer.x && a.y >= outer.y && a.x + a.width <= outer.x + outer.width && a.y + a.height <= outer.y + outer.height;

async function boxes(locator: Locator): Promise<Box[]> {
  return locator.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map(({ x, y, width, height }) => ({ x, y, width, height })));
}

test('token walk, "Which nodes hold that row with RF=3?": the name "row-near-the-end" leaves its ◆ at 750 and the ticks at 700 and 800 in sight', async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose("Walking the token ring to find a row's replicas");
  await lecture.pressNext(6); // two questions on the way, each answered by a first Next
  await expect(lecture.progress).toContainText('Step 5 of 8');
  await expect(lecture.question).toContainText('Which nodes hold that row with RF=3?');
  await expect(app.ring.keyName()).toHaveText('row-near-the-end');
  const ring = (await app.ring.region.getByRole('img', { name: 'Token ring' }).boundingBox())!;
  for (const step of ['question', 'answer']) {
    const [name] = await boxes(app.ring.keyName());
    const [marker] = await boxes(app.ring.region.locator('.walk-key rect'));
    expect(intersects(name!, marker!), `${step}: name ${JSON.stringify(name)} over its ◆ ${JSON.stringify(marker)}`).toBe(false);
    for (const tick of await boxes(app.ring.region.locator('.tokens line:not(.token-leader)'))) expect(intersects(name!, tick), `${step}: name over a token's tick`).toBe(false);
    expect(inside(name!, ring), `${step}: name inside the ring's panel`).toBe(true);
    if (step === 'question') await lecture.pressNext(); // the answer: the walk drawn, the name where it was
  }
});

/** Each key's name drawn over a token's label, as "name on label": their glyph boxes meet by more than their lines' ascent and descent. */
function namesOverLabels(ring: Locator): Promise<string[]> {
  return ring.evaluate((region) => {
    const area = (a: DOMRect, b: DOMRect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
    const found: string[] = [];
    for (const name of region.querySelectorAll('.key-label, .walk-key-label')) {
      for (const label of region.querySelectorAll('.token-label')) {
        const [a, b] = [name.getBoundingClientRect(), label.getBoundingClientRect()];
        if (area(a, b) > 0.12 * Math.min(a.width * a.height, b.width * b.height)) found.push(`${name.textContent} on ${label.textContent}`);
      }
    }
    return found;
  });
}

for (const [width, height] of [
  [853, 480],
  [1280, 720],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('token walk, "Which nodes hold that row with RF=3?": no key\'s name lies on a token\'s label; the ◆ names the row on hover', async ({ page }) => {
      const app = new AppPage(page);
      const lecture = new LecturePanel(page);
      await app.open();
      await lecture.choose("Walking the token ring to find a row's replicas");
      await lecture.pressNext(6);
      await expect(lecture.progress).toContainText('Step 5 of 8');
      // At 853×480 (a 720p projector at 150%) "row-near-the-end" lay on "node2 700", a label the walk's answer needs.
      // There the ring is too small for the name anywhere in its key's arc: the ◆ is drawn without it.
      for (const step of ['question', 'answer']) {
        expect(await namesOverLabels(app.ring.region), step).toEqual([]);
        await expect(app.ring.region.locator('.walk-key rect')).toBeVisible();
        await expect(app.ring.region.locator('.walk-key title')).toHaveText('row-near-the-end');
        if (width === 1280) await expect(app.ring.keyName()).toHaveText('row-near-the-end');
        if (step === 'question') await lecture.pressNext();
      }
    });
  });
}

test('a put with a long key (100, 256 characters, spaces and umlauts) names it inside the panel, cut with "…", the whole key its tooltip and name', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const ring = (await app.ring.region.getByRole('img', { name: 'Token ring' }).boundingBox())!;
  for (const key of ['x'.repeat(100), 'y'.repeat(256), 'my shopping cart für Käthe, Ürsula und Åsa']) {
    await app.controls.put(key, 'shoes');
    await expect(app.ring.keyName()).toHaveText(/…$/);
    const [name] = await boxes(app.ring.keyName());
    const [marker] = await boxes(app.ring.region.locator('.walk-key rect'));
    expect(inside(name!, ring), `${key.slice(0, 8)}…: name ${JSON.stringify(name)} inside ${JSON.stringify(ring)}`).toBe(true);
    expect(intersects(name!, marker!), `${key.slice(0, 8)}…: name over its ◆`).toBe(false);
    for (const label of await boxes(app.ring.region.locator('.key-label, .message-label:not(.crowded):not([visibility=hidden])'))) expect(inside(label, ring), `${key.slice(0, 8)}…: a name or message label out of the panel: ${JSON.stringify(label)}`).toBe(true);
    // A name turned away from its key is tied to it by a dashed arc, not a filled black wedge.
    const fills = await app.ring.region.locator('.key-leader').evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
    for (const fill of fills) expect(fill).toBe('none');
    await expect(app.ring.region.locator('.walk-key title')).toHaveText(key);
    // Named as the log names it: a key with a space quoted.
    await expect(app.ring.region.getByRole('button', { name: `Key ${keyName(key)}`, exact: true })).toHaveCount(1);
  }
});

test("a lecture opened from the library shows no node's card under a pointer at rest; moving onto a node shows it", async ({ page }) => {
  const app = new AppPage(page);
  const lecture = new LecturePanel(page);
  await app.open();
  await lecture.choose('Virtual nodes and heterogeneity');
  await expect(lecture.progress).toContainText('Step 1 of');
  await expect(app.ring.node('node4')).toBeVisible();
  const card = app.ring.region.getByRole('tooltip');
  // The pointer is still where the lecture's title was clicked, over the ring now drawn beneath it.
  await page.waitForTimeout(600);
  await expect(card).toHaveCount(0);
  const node = (await app.ring.node('node4').boundingBox())!;
  await page.mouse.move(node.x + node.width / 2, node.y + node.height / 2, { steps: 3 });
  await expect(card).toContainText('node4 · up');
});

test('a message in flight points on to its receiver: a write and its ack, paused between steps, tell their ways apart', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.controls.put('cart', 'shoes');
  await app.playback.stepForward();
  await expect(app.ring.messages()).toHaveCount(2);
  await expect(app.ring.messageTracks()).toHaveCount(2);
  const centre = async (l: Locator) => {
    const b = (await l.boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const receivers: string[] = [];
  for (let i = 0; i < 2; i++) {
    const name = (await app.ring.messages().nth(i).getAttribute('aria-label'))!;
    const [, to] = /from \w+ to (\w+)/.exec(name)!;
    receivers.push(to!);
    // The arrow's tip, the track's far end, lies nearer the receiver's badge than any other node's.
    const tip = await app.ring.messageTracks().nth(i).locator('path').evaluate((p) => {
      const [x, y] = p.getAttribute('d')!.slice(1).split('L')[0]!.split(',').map(Number);
      const m = (p as SVGGraphicsElement).getScreenCTM()!;
      return { x: m.a * x! + m.c * y! + m.e, y: m.b * x! + m.d * y! + m.f };
    });
    const distances = await Promise.all(['A', 'B', 'C', 'D'].map(async (id) => ({ id, d: Math.hypot(...Object.values(await centre(app.ring.node(id))).map((v, k) => v - (k === 0 ? tip.x : tip.y))) })));
    expect(distances.sort((a, b) => a.d - b.d)[0]!.id, name).toBe(to);
  }
  // One is C's write on its way to D, the other A's ack on its way back to C.
  expect(receivers.sort()).toEqual(['C', 'D']);
});

test("a message across the split is marked lost only as things stand: the heal lets it through, and its name said it might", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // cart's replicas are C, D and A: a put through A sends to C and D, across the cut.
  await app.controls.partition(['C', 'D']);
  await app.controls.put('cart', 'shoes', 'A');
  await app.playback.stepForward();
  const toC = app.ring.messages().and(app.ring.region.getByLabel(/^Message put\(cart\) from A to C/));
  await expect(toC).toHaveAccessibleName('Message put(cart) from A to C, will be lost unless the network heals before it arrives');
  await app.controls.heal();
  await expect(toC).toHaveAccessibleName('Message put(cart) from A to C');
  // It arrives: C stores the write (the request trace lists every step of the put).
  for (let i = 0; i < 6; i++) await app.playback.stepForward();
  await expect(page.getByRole('list', { name: 'Request steps' })).toContainText('C stores cart D1');
});

/** Token labels nearer each other than `gap` px, as "node3 852 near 824"; and each tick's token as its label or tooltip names it ("node3 852"). */
function tokenLabelsOnScreen(ring: Locator, gap: number): Promise<{ near: string[]; named: string[] }> {
  return ring.evaluate((region, gap) => {
    const tokens = [...region.querySelectorAll('g.tokens > g')];
    // A label's words, its lines joined: "node3" over "852" is "node3 852".
    const words = (el: Element) => [...el.childNodes].map((n) => n.textContent).join(' ').replace(/\s+/g, ' ').trim();
    const labels = tokens.flatMap((t) => [...t.querySelectorAll('.token-label')].map((l) => ({ text: words(l), box: l.getBoundingClientRect() })));
    const near: string[] = [];
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1)) {
        const apart = Math.max(a.box.left - b.box.right, b.box.left - a.box.right, a.box.top - b.box.bottom, b.box.top - a.box.bottom);
        if (apart < gap) near.push(`${a.text} near ${b.text}`);
      }
    });
    const named = tokens.map((t) => t.querySelector(':scope > title')?.textContent ?? words(t.querySelector('.token-label') ?? t));
    return { near, named };
  }, gap);
}

for (const [width, height] of [
  [1280, 720],
  [1024, 576],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test("the note that only hidden events are ahead covers nothing of the ring's panel, its legend's last row included, nor Step forward or Undo", async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      const ring = (await app.ring.region.boundingBox())!;
      const legend = (await app.ring.region.getByRole('group', { name: 'Legend' }).boundingBox())!;
      const notice = app.playback.region.getByRole('alert');
      // The short note, then the long one that background clients add to (two lines and more).
      for (const load of ['none', '200 ops/s']) {
        await app.playback.region.getByRole('combobox', { name: 'Background load' }).selectOption(load);
        await app.playback.stepForward();
        await expect(notice).toHaveText(/^Only Gossip, Anti-entropy events ahead, all hidden in the log/);
        const [box] = await boxes(notice);
        expect(intersects(box!, legend), `${load}: note ${JSON.stringify(box)} over the legend ${JSON.stringify(legend)}`).toBe(false);
        expect(intersects(box!, ring), `${load}: note ${JSON.stringify(box)} over the ring's panel ${JSON.stringify(ring)}`).toBe(false);
        for (const button of [app.playback.stepForwardButton, app.playback.region.getByRole('button', { name: /Undo/ })]) expect(intersects(box!, (await button.boundingBox())!), `${load}: note over a button`).toBe(false);
        expect(inside(box!, { x: 0, y: 0, width, height }), `${load}: note in sight`).toBe(true);
        await notice.click();
        await expect(notice).toHaveCount(0);
      }
    });

    test("the partitioning lecture's 15 tokens: no two labels within 4 px of each other, and each token named by its label or its tooltip", async ({ page }) => {
      const lecture = await new LecturePanel(page).openAt("Partitioning: nodes joining, and the paper's three strategies", 'Step 14 of 24', 1);
      await expect(lecture.narration).toContainText('node5 now coordinates 26.3%');
      const ring = new AppPage(page).ring.region;
      await expect(ring.locator('g.tokens > g')).toHaveCount(15);
      const { near, named } = await tokenLabelsOnScreen(ring, 4);
      expect(near).toEqual([]);
      // node5 joined at 373, 693 and 1113: its ticks say so, as every other's do.
      expect(named.filter((n) => n.startsWith('node5 ')).sort()).toEqual(['node5 1113', 'node5 373', 'node5 693']);
      expect(named.every((n) => /^node[1-5] \d+$/.test(n)), named.join(', ')).toBe(true);
    });
  });
}
