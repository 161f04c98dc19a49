#!/usr/bin/env node
// `npm run bench:ui`: frame times of the page while it plays a busy cluster, in headless
// Chromium. The cluster is the MD5 ring with 32 nodes × 8 tokens and 2,000 keys; while it
// plays, background clients put and get those keys continuously. Reports p50 and p95 of the
// interval between animation frames, dropped frames, and main-thread long tasks (> 50 ms).
// Target (the issue): p95 ≤ 16.7 ms and no long task over 50 ms.
//
// Options: --no-build (reuse dist/), --seconds=N (measured time, default 10),
// --speed=MS (virtual ms per real second, default 1000: real time), --load=OPS (ops per virtual second, default 1000).
/* global document, requestAnimationFrame -- page.evaluate callbacks run in the browser */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const SECONDS = Number(args.seconds ?? 10);
const WARMUP_S = 3;
const SPEED = String(args.speed ?? 1000);
const LOAD = String(args.load ?? 1000);
const PORT = 4179;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function waitForServer(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url} after ${ms} ms`);
}

if (args.build !== 'false' && !args['no-build']) {
  console.log('Building…');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  process.exit(1);
}

const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);

let browser;
try {
  await waitForServer(`http://localhost:${PORT}/`, 20_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://localhost:${PORT}/`);
  await page.getByRole('button', { name: /^Node A,/ }).waitFor();

  console.log('Loading the MD5 ring with 32 nodes × 8 tokens and 2,000 keys…');
  const loadStart = Date.now();
  await page.getByRole('combobox', { name: 'Cluster' }).selectOption('md5-32-keys');
  await page.getByRole('heading', { name: /2,000 keys/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Play' }).waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.querySelector('.playback button.play')?.hasAttribute('disabled'));
  console.log(`  loaded in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);

  await page.getByLabel('Speed').selectOption(SPEED);
  await page.getByLabel('Background load').selectOption(LOAD);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(WARMUP_S * 1000);

  const result = await page.evaluate(async (seconds) => {
    const intervals = [];
    const longTasks = [];
    const inFlight = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const events = () => Number(document.querySelector('.position')?.getAttribute('title')?.replace(/[^0-9]/g, '') ?? 0);
    const eventsBefore = events();
    await new Promise((done) => {
      const end = performance.now() + seconds * 1000;
      let last = performance.now();
      const frame = (now) => {
        intervals.push(now - last);
        last = now;
        if (intervals.length % 30 === 0) inFlight.push(document.querySelectorAll('.messages-svg circle').length);
        if (now < end) requestAnimationFrame(frame);
        else done();
      };
      requestAnimationFrame(frame);
    });
    observer.disconnect();
    return { intervals, longTasks, inFlight, events: events() - eventsBefore };
  }, SECONDS);

  const sorted = [...result.intervals].sort((a, b) => a - b);
  const dropped = result.intervals.filter((d) => d > 16.7 * 1.5).length;
  const longest = result.longTasks.length ? Math.max(...result.longTasks) : 0;
  const over50 = result.longTasks.filter((d) => d > 50).length;
  const meanInFlight = result.inFlight.reduce((a, b) => a + b, 0) / Math.max(1, result.inFlight.length);
  const report = {
    cluster: 'MD5 ring, 32 nodes × 8 tokens, 2,000 keys',
    speedVirtualMsPerSecond: Number(SPEED),
    backgroundOpsPerVirtualSecond: Number(LOAD),
    seconds: SECONDS,
    frames: result.intervals.length,
    frameMsP50: percentile(sorted, 50),
    frameMsP95: percentile(sorted, 95),
    frameMsMax: sorted[sorted.length - 1],
    droppedFrames: dropped,
    longTasks: result.longTasks.length,
    longTasksOver50Ms: over50,
    longestTaskMs: longest,
    meanMessagesInFlight: meanInFlight,
    traceEventsDuringRun: result.events,
  };
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/ui-bench.json', `${JSON.stringify(report, null, 2)}\n`);
  const f = (x) => x.toFixed(1);
  console.log(`\n${report.cluster}; background clients ${LOAD} ops per virtual second; playing at ${SPEED} virtual ms per second; measured ${SECONDS} s`);
  console.log(`  ${report.frames} frames, ~${Math.round(meanInFlight)} messages in flight on screen, ${result.events.toLocaleString('en')} trace events added`);
  console.log(`  frame time p50 ${f(report.frameMsP50)} ms, p95 ${f(report.frameMsP95)} ms, max ${f(report.frameMsMax)} ms; ${dropped} frames over 25 ms`);
  console.log(`  long tasks: ${report.longTasks} (over 50 ms: ${over50}), longest ${f(longest)} ms`);
  const ok = report.frameMsP95 <= 16.7 + 0.5 && over50 === 0;
  console.log(`  target p95 ≤ 16.7 ms and no long task over 50 ms: ${ok ? 'met' : 'MISSED'}`);
  console.log('  (a p95 within 0.5 ms of 16.7 counts as met: the idle frame interval itself measures 16.7–16.8 ms here)');
} finally {
  await browser?.close();
  stopServer();
}
