/**
 * Playwright runs the e2e specs against the built app (`vite preview`); `npm test` builds
 * first. Playwright cannot download its own browser on these machines (DESIGN §10), so we
 * look for one before anything else and stop at once, with an install hint, if none exists.
 */
import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

/** Flags that keep Debian's Chromium headless and quiet on a closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The launch options for the browser found: a system Chromium first, then Playwright's own. */
function findBrowser(): { executablePath?: string; args?: string[] } {
  const systemPath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  if (systemPath && existsSync(systemPath)) return { executablePath: systemPath, args: CHROMIUM_ARGS };
  if (existsSync(chromium.executablePath())) return {};
  console.error(
    `No Chromium found: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH${systemPath ? ` (${systemPath} does not exist)` : ''}, or run \`npx playwright install chromium\`.`,
  );
  process.exit(1);
}

const isCI = Boolean(process.env.CI);
/** E2E_PORT and E2E_DIST let several checkouts' suites run side by side on one machine. */
const port = Number(process.env.E2E_PORT) || 4173;
const outDir = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';

export default defineConfig({
  testDir: 'e2e',
  workers: 2,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  // Opening a link or a lecture replays a session in the worker; on a loaded 2-core machine that can take seconds.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    browserName: 'chromium',
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: findBrowser(),
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort${outDir}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !isCI,
    timeout: 30_000,
  },
});
