#!/usr/bin/env node
// Screenshots of the page and of each panel at 1280×720, for docs/screenshots/ (and for a
// human to look at before calling a change done). Needs a built app: `npx vite build` first.
// Usage: node scripts/screenshots.mjs [outDir]
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const OUT = process.argv[2] ?? 'docs/screenshots';
const PORT = 4181;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
mkdirSync(OUT, { recursive: true });

const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
process.on('exit', () => {
  try {
    process.kill(-server.pid);
  } catch {
    // gone
  }
});
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://localhost:${PORT}/`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
page.on('pageerror', (e) => console.error('page error:', e.message));
const region = (name) => page.getByRole('region', { name });
const shot = async (name, locator = null) => {
  await (locator ?? page).screenshot({ path: `${OUT}/${name}.png` });
  console.log(`${OUT}/${name}.png`);
};
const step = async (n) => {
  for (let i = 0; i < n; i++) await page.getByRole('button', { name: 'Step forward' }).click();
};

await page.goto(`http://localhost:${PORT}/`);
await page.getByRole('button', { name: /^Node A,/ }).waitFor();
await page.waitForTimeout(2500); // the walk draws itself step by step

// Lecture 000: put cart through B, one step in: the forward has arrived and C sends to its replicas.
const cluster = region('Cluster');
await cluster.getByLabel('Via node').selectOption('B');
await cluster.getByRole('button', { name: 'Put', exact: true }).click();
await step(2);
await page.waitForTimeout(120); // mid-glide: messages between nodes
await shot('teaching-page-messages-in-flight');
await page.waitForTimeout(600);
await step(5);
await page.waitForTimeout(600);
await shot('teaching-page');
await shot('panel-request-trace', region('Request trace'));
await shot('panel-playback', page.getByRole('region', { name: 'Playback' }));

// C fails; the next put goes to D and B stands in for C with a hint.
await cluster.getByRole('button', { name: 'Fail node C' }).click();
await cluster.getByLabel('Via node').selectOption('');
await cluster.getByLabel('Value').fill('hat');
await cluster.getByRole('button', { name: 'Put', exact: true }).click();
for (let i = 0; i < 40; i++) {
  const text = (await region(/^Preference list/).textContent()) ?? '';
  if (text.includes('for C')) break;
  await step(1);
}
await page.waitForTimeout(600);
await page.getByRole('button', { name: /^Node D,/ }).hover();
await page.waitForTimeout(200);
await shot('teaching-page-failed-node');
await shot('panel-ring-teaching', region(/^Token ring/));
await page.mouse.move(1, 1);
await shot('panel-preference-list', region(/^Preference list/));
await shot('panel-request-trace-sloppy-quorum', region('Request trace'));
await shot('panel-cluster-controls', cluster);
await shot('panel-event-log', region('Event log'));

// The MD5 ring: 32 nodes × 8 tokens, 2,000 keys, background clients, playing.
await page.getByRole('combobox', { name: 'Cluster' }).selectOption('md5-32-keys');
await page.getByRole('heading', { name: /2,000 keys/ }).waitFor({ timeout: 60_000 });
await page.waitForTimeout(1500);
await shot('md5-page');
await page.getByLabel('Speed').selectOption('100');
await page.getByLabel('Background load').selectOption('1000');
await page.getByRole('button', { name: 'Play' }).click();
await page.waitForTimeout(2500);
await page.getByRole('button', { name: 'Pause' }).click();
await page.waitForTimeout(300);
await shot('md5-page-playing');
await shot('panel-ring-md5', region(/^Token ring/));
await page.locator('body').press('?');
await shot('shortcuts');

await page.locator('body').press('Escape');

// Sharing: the link dialog and the File menu, on the teaching ring after a put.
await page.goto(`http://localhost:${PORT}/`);
await page.getByRole('button', { name: /^Node A,/ }).waitFor();
await region('Cluster').getByRole('button', { name: 'Put', exact: true }).click();
await step(4);
await page.getByRole('banner').getByRole('button', { name: 'Share', exact: true }).click();
await page.getByRole('dialog', { name: 'Share this session' }).waitFor();
await shot('share-dialog');
await page.getByRole('button', { name: 'Close', exact: true }).click();
await page.getByRole('banner').getByRole('button', { name: 'File' }).click();
await shot('file-menu');
await page.locator('body').press('Escape');
await page.mouse.click(640, 700);

// Lecture mode: the shopping cart at 10:06, two siblings; Versions on the stage, last write wins.
await page.getByRole('banner').getByRole('button', { name: 'Lectures' }).click();
await page.getByRole('button', { name: /^The shopping cart/ }).click();
for (let i = 0; i < 40; i++) {
  const progress = await page.getByLabel('Progress').textContent();
  if (progress === 'Step 13 of 18' && (await page.getByLabel('Answer').count()) === 0) break;
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.waitForTimeout(150);
}
await page.waitForTimeout(800);
await shot('lecture-mode');
await page.getByRole('tab', { name: 'Versions' }).first().click();
await page.getByRole('button', { name: 'Last write wins' }).click();
await page.waitForTimeout(300);
await shot('lecture-mode-versions-last-write-wins');
await page.getByRole('button', { name: 'Back', exact: true }).click();
await page.getByRole('button', { name: 'Merge', exact: true }).click();
await shot('panel-versions', region(/^Versions/));
// The lecturer writes the merge back: off the lecture's script, said so in the drawer.
await page.getByRole('button', { name: 'Put merged cart' }).click();
await page.waitForTimeout(600);
await shot('lecture-mode-off-script');

// A lecture step about the ring as a whole: the key column shows who holds which range, and what node5's join moved.
await page.getByRole('banner').getByRole('button', { name: 'Lectures' }).click();
await page.getByRole('button', { name: /^Partitioning: nodes joining/ }).click();
await page.getByRole('combobox', { name: 'Part' }).selectOption({ index: 1 });
for (let i = 0; i < 20; i++) {
  if ((await page.getByLabel('Progress').textContent()) === 'Step 12 of 24') break;
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.waitForTimeout(150);
}
await page.waitForTimeout(800);
await shot('lecture-mode-ranges');

await browser.close();
process.exit(0);
