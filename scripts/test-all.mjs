#!/usr/bin/env node
// `npm test`: every check, cheapest first, stopping at the first that fails.
// Neither Vitest nor Playwright ends with a plain count, so we print one per runner from
// its JSON report, and a combined line at the very end (DESIGN §12).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const VITEST_REPORT = 'reports/vitest.json';
const PLAYWRIGHT_REPORT = 'reports/playwright.json';
const env = process.env.CI ? { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } : process.env;
const totals = { passed: 0, failed: 0 };

/** Runs one stage with its output shown; exits with its code if it fails, after `onDone`. */
function stage(name, command, args, onDone = () => {}) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const { status, error } = spawnSync(command, args, { stdio: 'inherit', env });
  onDone();
  if (status !== 0) {
    console.error(`\n${name} failed${error ? `: ${error.message}` : ` (exit code ${status})`}.`);
    process.exit(status || 1);
  }
}

/** Prints `<runner>: N passed, N failed[, N skipped]` from a JSON report and adds it to the totals. */
function summarize(runner, reportPath, count) {
  if (!existsSync(reportPath)) {
    console.log(`${runner}: no report at ${reportPath}`);
    return;
  }
  const { passed, failed, skipped } = count(JSON.parse(readFileSync(reportPath, 'utf8')));
  totals.passed += passed;
  totals.failed += failed;
  console.log(`\n${runner}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

const countVitest = (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests });
// Playwright: "expected" passed first time, "flaky" passed on a retry, "unexpected" failed.
const countPlaywright = ({ stats }) => ({ passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });

// A stale report from an earlier run must never be counted as this run's.
rmSync(VITEST_REPORT, { force: true });
rmSync(PLAYWRIGHT_REPORT, { force: true });

stage('typecheck', 'npm', ['run', 'typecheck']);
stage('lint', 'npm', ['run', 'lint']);
stage('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`], () =>
  summarize('vitest', VITEST_REPORT, countVitest),
);
stage('build', 'npx', ['vite', 'build']);
stage('playwright', 'npx', ['playwright', 'test'], () => summarize('playwright', PLAYWRIGHT_REPORT, countPlaywright));

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
