import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromCaller, readArgument } from './process';
import { TooLargeToRead } from './input';
import { runCli } from './run-cli';
import { runLectureCli } from './lecture-cli';
import { MAX_TEXT_MB } from '../src/scenario/json-text';

describe('a relative path given to npm run sim or lecture', () => {
  it('is read from the directory npm was called in, for our own scripts', () => {
    expect(fromCaller('a.json', { npm_lifecycle_event: 'sim', INIT_CWD: '/home/me/course' }, '/repo')).toBe('/home/me/course/a.json');
    expect(fromCaller('a.json', { npm_lifecycle_event: 'lecture', INIT_CWD: '/home/me/course' }, '/repo')).toBe('/home/me/course/a.json');
  });

  it("is read from the process's own directory otherwise, even with an INIT_CWD inherited from another script", () => {
    expect(fromCaller('a.json', { npm_lifecycle_event: 'test', INIT_CWD: '/elsewhere' }, '/tmp/x')).toBe('/tmp/x/a.json');
    expect(fromCaller('a.json', { INIT_CWD: '/elsewhere' }, '/tmp/x')).toBe('/tmp/x/a.json');
    expect(fromCaller('/abs/a.json', { npm_lifecycle_event: 'sim', INIT_CWD: '/home/me' }, '/repo')).toBe('/abs/a.json');
  });
});

describe('reading what the runners are given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dynamoscope-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file whole within the limit, and refuses a larger one by its size, before reading it', () => {
    const path = join(dir, 'two-kb.json');
    writeFileSync(path, 'x'.repeat(2000));
    expect(readArgument(path, 4096)).toHaveLength(2000);
    expect(() => readArgument(path, 1024)).toThrow(expect.objectContaining({ name: 'TooLargeToRead', bytes: 2000, limit: 1024 }));
  });

  it.runIf(existsSync('/dev/zero'))('stops reading endless input at the limit (/dev/zero), rather than reading until killed', () => {
    expect(() => readArgument('/dev/zero', 1024)).toThrow(expect.objectContaining({ name: 'TooLargeToRead', bytes: undefined, limit: 1024 }));
  });

  it('stops reading an endless standard input at the limit (yes | npm run sim -- -)', () => {
    const script = "import { readArgument } from './cli/process.ts'; try { readArgument('-', 4096); console.log('read it all'); } catch (e) { console.log(e.name, e.bytes, e.limit); }";
    const result = spawnSync('sh', ['-c', `yes | timeout 30 "${process.execPath}" --import tsx --input-type=module -e "${script}"`], { encoding: 'utf8' });
    expect(result.stdout).toBe('TooLargeToRead undefined 4096\n');
  }, 40_000);

  it('says why a file cannot be read in plain words: a loop of symbolic links, a file used as a directory', () => {
    const [one, two] = [join(dir, 'loop1'), join(dir, 'loop2')];
    symlinkSync(two, one);
    symlinkSync(one, two);
    expect(runCli([one], (path) => readArgument(path))).toEqual({ code: 2, stdout: '', stderr: `${one}: cannot read the file (a loop of symbolic links)\n` });
    expect(runLectureCli([one], (path) => readArgument(path))).toEqual({ code: 2, stdout: '', stderr: `${one}: cannot read the file (a loop of symbolic links)\n` });
    const file = join(dir, 'plain.json');
    writeFileSync(file, '{}');
    expect(runCli([`${file}/x.json`], (path) => readArgument(path)).stderr).toBe(`${file}/x.json: no such file (a part of its path is a file, not a directory)\n`);
  });

  it('says so in one line, exit 2, in the runners\' words', () => {
    const endless = () => {
      throw new TooLargeToRead(undefined, MAX_TEXT_MB * 2 ** 20);
    };
    expect(runCli(['-'], endless)).toEqual({ code: 2, stdout: '', stderr: 'standard input: is too large to read (more than 256 MB; a file may be at most 256 MB)\n' });
    expect(runLectureCli(['big.json'], () => {
      throw new TooLargeToRead(600 * 2 ** 20, MAX_TEXT_MB * 2 ** 20);
    })).toEqual({ code: 2, stdout: '', stderr: 'big.json: is too large to read (600 MB; a file may be at most 256 MB)\n' });
  });
});
