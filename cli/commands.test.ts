/**
 * The runners as a lecturer's CI runs them: a process of their own, on Node's main thread.
 * Its stack is a quarter of a test worker's, and a long list passed as a call's arguments
 * (spread) overflowed it where the workers' did not: exit 3 on files within every bound.
 * Lint now refuses such a spread in the sources (eslint.config.js, no-restricted-syntax).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'dynamoscope-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run sim` or `npm run lecture` (their scripts, without npm) on `file`. */
function run(command: 'sim' | 'lecture', file: object, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const path = join(dir, `${command}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(file));
  const result = spawnSync(process.execPath, ['--import', 'tsx', `cli/${command}.ts`, path, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const nodes = ['A', 'B', 'C', 'D'].map((id) => ({ id }));
/** An expect of 130,000 fields the result does not have: 130,000 failures. */
const wide = Object.fromEntries(Array.from({ length: 130_000 }, (_, i) => [`f${i}`, 1]));

// A process of its own starts slower than a test (tsx compiles the runner first) and prints up to 130,000 lines: a crash, not the time, is what these look for.
describe('files within every bound, with long lists in them', { timeout: 60_000 }, () => {
  it('npm run sim: an expect of 130,000 fields fails, each failure listed, exit 1', () => {
    const result = run('sim', { version: 1, seed: 1, config: { n: 3, r: 2, w: 2, nodes }, steps: [{ op: 'note', text: 'x', expect: wide }] });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { expectations: { failed: unknown[] } }).expectations.failed).toHaveLength(130_000);
  });

  it('npm run lecture --trace: a wait of 10,000,000 ms lists its 170,000 events, exit 0', () => {
    const result = run('lecture', { version: 1, id: 'busy', title: 'Busy', lecture: '000', summary: 'One busy wait.', seed: 1, config: { n: 3, r: 2, w: 2, nodes }, steps: [{ op: 'wait', ms: 10_000_000 }] }, '--trace');
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => / ms {2}/.test(line)).length).toBeGreaterThan(150_000);
  });
});
