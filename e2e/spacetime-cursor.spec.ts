/**
 * The space-time diagram's ring on the current event: it marks the event the event log marks
 * as now, among the kinds shown, not the last event of all. Gossip is hidden by default, and
 * a Play paused after a put usually stops on a gossip event: the ring stood on an empty lane.
 */
import { expect, test, type Locator } from '@playwright/test';
import { AppPage } from './pages/app-page';
import { SpaceTimePanel } from './pages/spacetime-panel';
import { stepUntil } from './pages/hints-panel';

/** The ring's centre, and the points of an item it may stand on, in page pixels. */
type Point = { readonly x: number; readonly y: number };

async function ringCentre(diagram: SpaceTimePanel): Promise<Point> {
  const box = (await diagram.region.locator('.st-cursor circle').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where a request's span ends: the bottom of its last part, on the lane of the node that answered. */
async function spanEnd(request: Locator): Promise<Point> {
  const box = (await request.locator('rect').last().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height };
}

/** The two ends of an arrow: its send and its delivery. */
function arrowEnds(arrow: Locator): Promise<Point[]> {
  return arrow.evaluate((g) => {
    const path = g.querySelector<SVGPathElement>('path:not(.st-hit)')!;
    const at = (length: number) => {
      const p = path.getPointAtLength(length);
      const screen = new DOMPoint(p.x, p.y).matrixTransform(path.getScreenCTM()!);
      return { x: screen.x, y: screen.y };
    };
    return [at(0), at(path.getTotalLength())];
  });
}

const near = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y) < 3;
const at = (p: Point) => `(${p.x.toFixed(1)}, ${p.y.toFixed(1)})`;

test('paused on a hidden gossip event, the ring stands on the event the log marks as now; with gossip shown, on the gossip', async ({ page }) => {
  const app = new AppPage(page);
  const diagram = new SpaceTimePanel(page);
  await app.open();
  await diagram.open();
  // cart's top 3 are C, D, A: with D down, B forwards the put to C, which answers at 22.3 ms with
  // A's ack. Then, hidden, gossip runs from 35.1 ms to 67.0 ms, and C's hint for D goes at 107.7 ms.
  await app.controls.fail('D');
  await app.controls.put('cart', 'shoes', 'B');
  // Stood on the first gossip after the answer, then gossip hidden: the cursor stays on a hidden
  // gossip event, as a Play paused in the gossip leaves it (Play and Pause raced a busy machine:
  // the pause came after the hint). Stepped there with gossip shown, so the place is exact.
  const gossip = app.log.filter('Gossip');
  await gossip.click();
  await stepUntil(app.playback, async () => /gossip/.test((await app.log.current.textContent()) ?? ''), 80);
  await gossip.click();
  await app.playback.settledPosition();
  const clock = await app.playback.region.getByTitle('Virtual time').textContent().then((t) => parseFloat(t!));
  expect(clock, 'on the gossip after the answer, before C sends the hint').toBeGreaterThan(22.3);
  expect(clock, 'on the gossip after the answer, before C sends the hint').toBeLessThan(107);

  // The log marks the put's answer as now: the gossip after it is hidden.
  await expect(app.log.current).toContainText('C answers the client: put(cart) succeeded');
  const request = diagram.region.getByRole('group', { name: 'Requests', exact: true }).getByRole('button', { name: /^put\(cart\) via B/ });
  await expect(request).toHaveAccessibleName(/^put\(cart\) via B: succeeded/);
  // The ring is where C answered the client: the end of the request's span, not an empty lane below it.
  const [ring, end] = [await ringCentre(diagram), await spanEnd(request)];
  expect(near(ring, end), `the ring, at ${at(ring)}, stands on the end of put(cart) on C, at ${at(end)}`).toBe(true);
  await expect(diagram.current).toHaveAccessibleName(/^put\(cart\) via B: succeeded/);

  // Shown, the gossip is what the log marks as now, and the ring stands on its arrow.
  await gossip.click();
  await expect(app.log.current).toContainText('gossip');
  await expect(diagram.current).toHaveAccessibleName(/^gossip/);
  const ends = await arrowEnds(diagram.current);
  const ringNow = await ringCentre(diagram);
  expect(ends.some((e) => near(ringNow, e)), `the ring, at ${at(ringNow)}, stands on an end of the gossip arrow, at ${ends.map(at).join(' or ')}`).toBe(true);
});
