/**
 * The Latency panel: a scenario's gets and puts, opened as a file and played to its end, counted and their
 * percentiles written as the headless runner's own latencies give them (the smallest latency
 * that a share q of the requests did not exceed); a get through a failed node counted as failed; and
 * stepping back takes the requests answered after the cursor off again.
 */
import { expect, test } from '@playwright/test';
import { parseScenario } from '../src/scenario/validate';
import { runScenario } from '../src/scenario/runner';
import { DEFAULT_CONFIG } from '../src/worker/default-config';
import { formatLatency } from '../src/panels/latency/latency-layout';
import { AppPage } from './pages/app-page';
import { ShareTools } from './pages/share';

test.use({ reducedMotion: 'reduce' });

const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
const scenario = {
  version: 1,
  seed: 11,
  config: DEFAULT_CONFIG,
  steps: [
    ...keys.map((key, i) => ({ op: 'put', key, value: i })),
    ...keys.map((key) => ({ op: 'get', key })),
    { op: 'fail', node: 'C' },
    { op: 'get', key: 'k0', via: 'C' },
    ...keys.slice(0, 4).map((key) => ({ op: 'get', key })),
  ],
};

/** The runner's latencies of one kind of request, succeeded and failed. */
function runnerLatencies(op: 'get' | 'put') {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw parsed.error;
  const steps = runScenario(parsed.scenario).steps.flatMap((s) => (s.op === op && 'latencyMs' in s && typeof s.latencyMs === 'number' ? [{ ok: 'ok' in s && s.ok === true, latencyMs: s.latencyMs }] : []));
  const ok = steps
    .filter((s) => s.ok)
    .map((s) => s.latencyMs)
    .sort((a, b) => a - b);
  return { answered: steps.length, failed: steps.length - ok.length, ok };
}

test('a scenario\'s gets and puts: counted, failures apart, with the runner\'s percentiles; stepping back takes the latest off', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const panel = page.getByRole('region', { name: 'Latency' });
  await page.getByRole('tab', { name: 'Latency' }).click();
  await expect(panel).toContainText('Choose Clients: 200 ops/s and Play, or put and get a key and step forward');
  // With background clients chosen, what is left to do is Play.
  const clients = app.playback.region.getByRole('combobox', { name: 'Clients' });
  await clients.selectOption('200 ops/s');
  await expect(panel).toContainText('Press Play: each request of the background clients lands here once it is answered.');
  await clients.selectOption('none');

  await new ShareTools(page).openInput.setInputFiles({ name: 'latency.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  // A scenario opens at its first event: nothing answered yet. The slider's far end is the end of the run.
  await expect(app.playback.position).toHaveText(/^event 0\/\d+ · past$/);
  await expect(panel).toContainText('Choose Clients: 200 ops/s and Play');
  const slider = app.playback.region.getByRole('slider', { name: 'Time: the recording, event by event' });
  await slider.fill((await slider.getAttribute('max'))!);
  const gets = panel.getByRole('region', { name: 'Gets' });
  const puts = panel.getByRole('region', { name: 'Puts' });
  const get = runnerLatencies('get');
  const put = runnerLatencies('put');
  expect([get.answered, get.failed, put.answered, put.failed]).toEqual([13, 1, 8, 0]);
  await expect(gets).toContainText('13 gets · 1 failed');
  await expect(puts).toContainText('8 puts · 0 failed · 100% within 300 ms');
  for (const [region, { ok }, op] of [[gets, get, 'gets'], [puts, put, 'puts']] as const) {
    const within = (q: number) => formatLatency(ok.find((v) => ok.filter((x) => x <= v).length >= q * ok.length)!);
    // Under 100 requests, "99% within" and "99.9% within" are both the slowest.
    await expect(region).toContainText(`99.9% of ${op} within ${formatLatency(ok.at(-1)!)}`);
    await expect(region).toContainText(`50%: ${within(0.5)} · 99%: ${formatLatency(ok.at(-1)!)} · max ${formatLatency(ok.at(-1)!)}`);
    await expect(region).toContainText(`With ${ok.length} ${op}, the 99.9th percentile (and the 99th too) is the slowest one: 1,000`);
    await expect(region.getByRole('img', { name: /^Histogram of / })).toBeVisible();
  }
  // At 1280×720 both histograms show whole, their axes too: the puts' was cut off by the panel's foot.
  expect(page.viewportSize()).toEqual({ width: 1280, height: 720 });
  for (const region of [gets, puts]) await expect(region.getByRole('img', { name: /^Histogram of / })).toBeInViewport({ ratio: 1 });

  // Step back until the last get's answer is before the cursor: one get fewer.
  for (let i = 0; i < 40 && (await gets.textContent())!.includes('13 gets ·'); i++) await app.playback.stepBack();
  await expect(gets).toContainText('12 gets · 1 failed');
  await expect(puts).toContainText('8 puts · 0 failed');

  // Shared there, the link opens a student's page on the Latency panel at the same cursor: the same counts and percentiles.
  const link = await new ShareTools(page).share();
  const headline = (await gets.locator('.lat-headline').textContent())!;
  const student = await page.context().newPage();
  await student.goto(link);
  await expect(student.getByRole('tab', { name: 'Latency' })).toHaveAttribute('aria-selected', 'true');
  const seen = student.getByRole('region', { name: 'Latency' });
  await expect(seen.getByRole('region', { name: 'Gets' })).toContainText('12 gets · 1 failed');
  await expect(seen.getByRole('region', { name: 'Gets' }).locator('.lat-headline')).toHaveText(headline);
});
