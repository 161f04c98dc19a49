import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import { builtInFile, builtInIds, runLectureCli } from './lecture-cli';
import { runCli } from './run-cli';
import { Cluster } from '../src/engine/index';
import { TINY_LECTURE } from '../src/lectures/lecture-testing';

const lecture = TINY_LECTURE;

const text = JSON.stringify(lecture);
const files: Record<string, string> = {
  'tiny.json': text,
  'unmet.json': text.replace('"clock":{"a":1}', '"clock":{"a":2}'),
  'bad.json': text.replace('"via":"a"', '"via":"z"'),
  'misspelt.json': text.replace('{"op":"inspect",', '{"op":"inspect","naration":"b holds it.",'),
  'empty-note.json': text.replace('{"op":"note","narration":"Two nodes, a and b, both hold every key."}', '{"op":"note"}'),
};
const read = (path: string): string => {
  const found = files[path];
  if (found === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return found;
};

describe('the listing of a failed put', () => {
  it('says what it wrote and where, as the runner output does: a put that misses W may be stored all the same', () => {
    const nodes = ['A', 'B', 'C'].map((id, i) => ({ id, tokens: [100 + 300 * i] }));
    const config = { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, hintedHandoff: false, nodes };
    const steps = [{ op: 'fail', node: 'B', narration: 'B fails.' }, { op: 'fail', node: 'C', narration: 'C fails.' }, { op: 'put', key: 'k', value: 1, via: 'A', narration: 'A write through A.' }];
    const file = JSON.stringify({ version: 1, id: 'fail-put', title: 'A put that fails', lecture: '000', summary: 'One node up of three.', seed: 1, config, steps });
    expect(runLectureCli(['f.json'], () => file).stdout).toContain('put k = 1 via A → failed: only 1 of W=2 replicas answered within 300 ms (D1 ([A,1]) written by A, acks A)');
  });

  it('with --trace, lists under each step the events it made, in the log\'s words', () => {
    const nodes = ['A', 'B', 'C'].map((id, i) => ({ id, tokens: [100 + 300 * i] }));
    const config = { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, hintedHandoff: false, nodes };
    const steps = [{ op: 'fail', node: 'B', narration: 'B fails.' }, { op: 'put', key: 'k', value: 1, via: 'A', narration: 'A write through A.' }];
    const file = JSON.stringify({ version: 1, id: 'fail-put', title: 'A put', lecture: '000', summary: 'B down.', seed: 1, config, steps });
    const lines = runLectureCli(['f.json', '--trace'], () => file).stdout.split('\n');
    const put = lines.findIndex((l) => l.startsWith('  2. [0 ms] put k = 1 via A'));
    expect(lines.slice(1 + lines.findIndex((l) => l.startsWith('  1.')), put)).toEqual(['       B fails.', '              0 ms  B fails (its disk survives)']);
    expect(lines.slice(put + 2)).toContain('             10 ms  put(k) from A to B is lost (B is down)');
    expect(runLectureCli(['f.json'], () => file).stdout).not.toContain('is lost');
  });
});

describe("a lecture's whole-run expect, as a scenario's", () => {
  it('checks what the run ends with, and names the part in a lecture with parts', () => {
    const held = JSON.stringify({ ...lecture, expect: { final: { nodes: { a: { up: true } } }, consistency: { staleReads: [] } } });
    expect(runLectureCli(['held.json'], () => held)).toMatchObject({ code: 0, stderr: '' });
    const unmet = JSON.stringify({ ...lecture, expect: { final: { nodes: { a: { up: false } } } } });
    expect(runLectureCli(['unmet.json'], () => unmet)).toMatchObject({ code: 1, stderr: 'unmet.json: expect.final.nodes.a.up: expected false, got true\n' });
    const { seed, config, steps } = lecture as unknown as { seed: unknown; config: unknown; steps: unknown };
    const parts = JSON.stringify({ version: 1, id: lecture.id, title: lecture.title, lecture: lecture.lecture, summary: lecture.summary, parts: [{ seed, config, steps }, { seed, config, steps, expect: { final: { nodes: { b: { up: false } } } } }] });
    expect(runLectureCli(['parts.json'], () => parts)).toMatchObject({ code: 1, stderr: 'parts.json: parts[1].expect.final.nodes.b.up: expected false, got true\n' });
    const misplaced = JSON.stringify({ ...JSON.parse(parts), expect: { final: {} } });
    expect(runLectureCli(['misplaced.json'], () => misplaced)).toMatchObject({ code: 2, stderr: 'misplaced.json: expect: in a lecture with parts, each part has its own expect (what that part must end with)\n' });
  });
});

describe('npm run lecture', () => {
  it('prints each step with its result, narration, question and answer, then the expectations', () => {
    const { code, stdout, stderr } = runLectureCli(['tiny.json'], read);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('A tiny lecture (lecture 000)');
    expect(stdout).toContain('  2. [0 ms] put k = ["x"] via a → D1 ([a,1]) by a, acks a, 0 ms');
    expect(stdout).toContain('       a writes D1 ([a,1]).');
    expect(stdout).toContain('       Q: Does b get a copy? (Yes ✓ / No)');
    expect(stdout).toContain('       A: Yes: N=2.');
    expect(stdout).toContain('inspect b → k: D1 ["x"]');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('expectations: 2 checked, 0 failed');
  });

  it('runs a built-in lecture by id, and prints the runner output with --json', () => {
    const { code, stdout } = runLectureCli(['tiny', '--json'], read, { files: ['000-tiny.json'], read: (file) => (file === '000-tiny.json' ? text : '') });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0].expectations).toEqual({ checked: 2, failed: [] });
  });

  it('exits 1 naming the step when an expectation fails, and marks it under the step in the listing (2. is steps[1])', () => {
    const { code, stdout, stderr } = runLectureCli(['unmet.json'], read);
    expect(code).toBe(1);
    expect(stderr).toBe('unmet.json: steps[1].clock.a: expected 2, got 1\n');
    const lines = stdout.split('\n');
    const mark = lines.indexOf('       ✗ steps[1].clock.a: expected 2, got 1');
    expect(mark).toBeGreaterThan(0);
    expect(lines.slice(0, mark).filter((l) => /^\s+\d+\. /.test(l)).at(-1)).toMatch(/^ {2}2\. \[0 ms\] put k/);
  });

  it('names a scenario or a saved session given instead of a lecture, and the command that runs it', () => {
    const scenario = JSON.stringify({ version: 1, title: 't', seed: 1, config: lecture.config, steps: [{ op: 'settle' }] });
    const session = JSON.stringify({ version: 1, seed: 1, config: lecture.config, actions: [] });
    const files2: Record<string, string> = { 'lecture-x.json': scenario, 's.json': session };
    expect(runLectureCli(['lecture-x.json'], (p) => files2[p]!)).toEqual({ code: 2, stdout: '', stderr: 'lecture-x.json: this is a scenario, not a guided lecture (a lecture has "id", "lecture" and "summary" besides its steps); run it with npm run sim -- lecture-x.json\n' });
    expect(runLectureCli(['s.json'], (p) => files2[p]!).stderr).toMatch(/^s.json: this is a saved session, not a guided lecture/);
  });

  it('exits 2 with one line naming the step and field for a lecture that cannot run', () => {
    for (const [file, message] of [
      ['bad.json', 'bad.json: steps[1].via: no node named "z" at this step (the cluster has a, b)\n'],
      ['missing.json', 'missing.json: no such file\n'],
      ['misspelt.json', 'misspelt.json: steps[3]: unknown field "naration" (did you mean "narration"?)\n'],
      ['empty-note.json', 'empty-note.json: steps[0]: a note needs "text" or "narration"\n'],
    ] as const) {
      expect(runLectureCli([file], read)).toEqual({ code: 2, stdout: '', stderr: message });
    }
    expect(runLectureCli([], read).stderr).toMatch(/^no file given\nusage: npm run lecture/);
    expect(runLectureCli(['tiny.json', '-x'], read).stderr).toMatch(/^unknown option -x\n/);
    expect(runLectureCli(['tiny.json', '--frob'], read).code).toBe(2);
    expect(runLectureCli(['--', 'tiny.json'], read).code).toBe(0);
  });

  it('refuses a dc or a get id with a space at either end, as a scenario does, naming the part and the field', () => {
    const withDc = JSON.stringify({ ...lecture, config: { ...lecture.config, nodes: [{ id: 'a', tokens: [10], dc: 'east ' }, { id: 'b', tokens: [60] }] } });
    expect(runLectureCli(['dc.json'], () => withDc)).toEqual({ code: 2, stdout: '', stderr: 'dc.json: config.nodes[0].dc: must not start or end with a space: "east " would read as east wherever datacenters are listed\n' });
    const steps = [{ op: 'get', key: 'k', id: ' read', narration: 'a reads.' }];
    const parts = JSON.stringify({ version: 1, id: lecture.id, title: lecture.title, lecture: lecture.lecture, summary: lecture.summary, parts: [{ seed: 1, config: lecture.config, steps: lecture.steps }, { seed: 1, config: lecture.config, steps }] });
    expect(runLectureCli(['parts.json'], () => parts)).toEqual({ code: 2, stdout: '', stderr: 'parts.json: parts[1].steps[0].id: must not start or end with a space: " read" would read as read wherever gets are named\n' });
  });

  it("writes a lecturer's control characters as escapes: a key \"a\\nb\" does not split its line, an escape sequence does not reach the terminal", () => {
    const odd = JSON.stringify({ ...lecture, steps: [{ op: 'note', narration: 'Bold: \u001b[1mlook\u001b[0m' }, { op: 'put', key: 'a\nb', value: 1, via: 'a' }] });
    const { code, stdout } = runLectureCli(['odd.json'], () => odd);
    expect(code).toBe(0);
    expect([...stdout].filter((c) => c !== '\n' && c.charCodeAt(0) < 0x20)).toEqual([]);
    expect(stdout).toContain('Bold: \\u001b[1mlook\\u001b[0m');
    // A key is named as the trace names it: quoted as JSON where it would split the line.
    expect(stdout).toMatch(/^ {2}2\. \[[\d.]+ ms\] put "a\\nb" = 1 via a → D1/m);
  });

  it('lists a key that would split a line in the trace as npm run sim --trace words it: quoted as JSON', () => {
    const odd = JSON.stringify({ ...lecture, steps: [{ op: 'put', key: 'a\nb\u2028c', value: 'x\ny', via: 'a' }] });
    const { code, stdout } = runLectureCli(['odd.json', '--trace'], () => odd);
    expect(code).toBe(0);
    expect(stdout).toContain('  Client asks a to put "a\\nb\\u2028c" = "x\\ny"\n');
    const sim = JSON.parse(runCli(['odd.json', '--trace'], () => JSON.stringify({ version: 1, seed: lecture.seed, config: lecture.config, steps: [{ op: 'put', key: 'a\nb\u2028c', value: 'x\ny', via: 'a' }] })).stdout) as { trace: { text: string }[] };
    for (const { text } of sim.trace) expect(stdout).toContain(`  ${text}\n`);
  });

  it('warns, on standard error and without failing, of a clock the narration quotes that the run did not make', () => {
    const wrong = text.replace('a writes D1 ([a,1]).', 'a writes D1 ([a,7]).');
    const { code, stdout, stderr } = runLectureCli(['wrong.json'], () => wrong);
    expect(code).toBe(0);
    expect(stderr).toBe('wrong.json: warning: steps[1].narration: quotes D1 ([a,7]), but the run made D1 ([a,1])\n');
    expect(stdout.trimEnd().split('\n').slice(-2)).toEqual(['expectations: 2 checked, 0 failed', 'narration: 1 claim the run does not bear out (warnings on standard error)']);
    // The JSON on standard output stays the runner's, for a grader's pipe.
    expect(JSON.parse(runLectureCli(['wrong.json', '--json'], () => wrong).stdout)).toEqual(JSON.parse(runLectureCli(['tiny.json', '--json'], read).stdout));
    // With --strict a CI job fails on it, as on a wrong expect; a lecture whose narration holds still passes.
    const strict = runLectureCli(['wrong.json', '--strict'], () => wrong);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('wrong.json: error: steps[1].narration: quotes D1 ([a,7]), but the run made D1 ([a,1])\n');
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toBe('narration: 1 claim the run does not bear out (errors on standard error)');
    expect(runLectureCli(['tiny.json', '--strict'], read).code).toBe(0);
  });

  it('heads each part with its title, and an untitled one with its number alone', () => {
    const parts = [{ title: 'Two nodes', seed: 1, config: lecture.config, steps: lecture.steps }, { seed: 1, config: lecture.config, steps: lecture.steps }];
    const file = JSON.stringify({ ...lecture, seed: undefined, config: undefined, steps: undefined, parts });
    const headings = runLectureCli(['parts.json'], () => file).stdout.split('\n').filter((line) => line.startsWith('Part '));
    expect(headings).toEqual(['Part 1 of 2: Two nodes', 'Part 2 of 2']);
  });

  it('runs each part once, as npm run sim runs a scenario, however many steps it has', () => {
    // It re-ran every prefix of the steps to know where each ends, which it never prints:
    // time in the square of the steps, 23 s for 10,000 where npm run sim took under 1.
    const long = JSON.stringify({ ...lecture, steps: Array.from({ length: 300 }, (_, i) => ({ op: 'note', narration: `Step ${i + 1}.` })) });
    const twoParts = JSON.stringify({ ...lecture, seed: undefined, config: undefined, steps: undefined, parts: [0, 1].map((p) => ({ title: `Part ${p + 1}`, seed: 1, config: lecture.config, steps: lecture.steps })) });
    const created = vi.spyOn(Cluster, 'create');
    try {
      expect(runLectureCli(['long.json'], () => long).code).toBe(0);
      expect(created).toHaveBeenCalledTimes(1);
      created.mockClear();
      expect(runLectureCli(['parts.json', '--json'], () => twoParts).code).toBe(0);
      expect(created).toHaveBeenCalledTimes(2);
    } finally {
      created.mockRestore();
    }
  });

  it('names standard input "standard input" in its messages, not "-", as npm run sim does, and says in its usage that - reads it', () => {
    const stdin = (given: string) => (path: string) => (path === '-' ? given : read(path));
    expect(runLectureCli(['-'], stdin(''))).toEqual({ code: 2, stdout: '', stderr: 'standard input: not valid JSON at line 1, column 1: the file is empty\n' });
    expect(runLectureCli(['-'], stdin(files['bad.json']!)).stderr).toMatch(/^standard input: steps\[\d+\]\.via: /);
    expect(runLectureCli(['-'], stdin(files['unmet.json']!))).toMatchObject({ code: 1, stderr: expect.stringMatching(/^standard input: steps\[\d+\]\.clock\.a: expected 2, got 1\n$/) });
    expect(runLectureCli(['-'], stdin('{"steps": []}')).stderr).toBe('standard input: this is a scenario, not a guided lecture (a lecture has "id", "lecture" and "summary" besides its steps); run it with npm run sim -- -\n');
    expect(runLectureCli([], read).stderr).toMatch(/\nusage: npm run lecture -- <lecture\.json \| built-in id \| -> /);
    expect(runLectureCli(['--help'], read).stdout).toMatch(/^ {2}- {10,}read the lecture from standard input$/m);
  });

  it('refuses bad JSON and text that is not UTF-8 in one line, exit 2', () => {
    files['comma.json'] = text.replace(/\]\}$/, ',\n]}');
    expect(runLectureCli(['comma.json'], read)).toEqual({ code: 2, stdout: '', stderr: 'comma.json: not valid JSON at line 2, column 1: unexpected "]" (JSON allows no comma before a closing bracket)\n' });
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(runLectureCli(['utf16.json'], () => utf16)).toEqual({ code: 2, stdout: '', stderr: 'utf16.json: is not UTF-8 text (it is UTF-16; save it as UTF-8)\n' });
  });
});

describe('npm run lecture: built-in lectures by exact id', () => {
  const files = readdirSync(join(import.meta.dirname, '../src/lectures')).sort();
  const library = { files, read: (file: string) => readFileSync(join(import.meta.dirname, '../src/lectures', file), 'utf8') };

  it('finds a built-in lecture only by its whole id', () => {
    expect(builtInFile('shopping-cart', files)).toBe('000-shopping-cart.json');
    expect(builtInFile('cart', files)).toBeUndefined();
    expect(builtInFile('versions', files)).toBeUndefined();
    expect(builtInIds(files)).toContain('paper-versions');
  });

  it('lists the ids when nothing matches exactly, rather than picking one', () => {
    for (const id of ['cart', 'versions']) {
      const result = runLectureCli([id], read, library);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toBe(`${id}: no built-in lecture has this id, and no file has this name (built-in ids: ${builtInIds(files).join(', ')})\n`);
    }
  });

  it('offers the built-in id closest to a misspelt one', () => {
    const result = runLectureCli(['shoping-cart'], read, library);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`shoping-cart: no built-in lecture has this id (did you mean "shopping-cart"?), and no file has this name (built-in ids: ${builtInIds(files).join(', ')})\n`);
  });

  it('runs a built-in lecture by id', () => {
    expect(runLectureCli(['shopping-cart', '--json'], read, library).code).toBe(0);
  });

  it('prints the usage and exits 0 with -h, and reads a file with a byte order mark', () => {
    expect(runLectureCli(['-h'], read)).toEqual({ code: 0, stdout: expect.stringMatching(/^usage: npm run lecture/), stderr: '' });
    // The help names every built-in lecture by the id the command takes, and each flag.
    const help = runLectureCli(['--help'], read, library).stdout;
    for (const said of ['shopping-cart', 'token-walk', '--json', '--strict', '--trace', 'docs/lecture-format.md']) expect(help).toContain(said);
    expect(Math.max(...help.split('\n').map((line) => line.length))).toBeLessThanOrEqual(92);
    const bom = runLectureCli(['bom.json'], (p) => (p === 'bom.json' ? `\uFEFF${text}` : read(p)));
    expect(bom).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a lecture on a ring too small for its tokens with one line, exit 2', () => {
    const small = JSON.stringify({ ...lecture, config: { ...lecture.config, ringSize: 10, tokensPerNode: 6, nodes: [{ id: 'a' }, { id: 'b' }] } });
    expect(runLectureCli(['small.json'], () => small)).toEqual({ code: 2, stdout: '', stderr: 'small.json: config.tokensPerNode: the nodes up to "b" need 12 token positions, more than the 10 of the teaching ring (ringSize)\n' });
  });
});

describe('docs/lecture-format.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '../docs/lecture-format.md'), 'utf8');
  const blockAfter = (heading: string): string => {
    const rest = doc.slice(doc.indexOf(heading));
    const start = rest.indexOf('```');
    const body = rest.slice(rest.indexOf('\n', start) + 1);
    return body.slice(0, body.indexOf('```'));
  };

  it('has a complete example that runs, meets its expectations and prints what the page shows', () => {
    const example = blockAfter('## A complete example');
    const { code, stdout, stderr } = runLectureCli(['two-carts.json'], () => example);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(blockAfter('For the example above it prints:'));
  });
});
