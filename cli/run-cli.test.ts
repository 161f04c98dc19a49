import { describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { parseScenarioText } from '../src/scenario/validate';
import { recordScenario } from '../src/worker/record-scenario';
import { Timeline } from '../src/worker/timeline';

const scenario = JSON.stringify({
  version: 1,
  seed: 3,
  config: { n: 3, r: 2, w: 2, ringSize: 1000, keyPositions: { cart: 10 }, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [400] }, { id: 'C', tokens: [700] }, { id: 'D', tokens: [900] }] },
  steps: [
    { op: 'put', key: 'cart', value: ['book'], via: 'D' },
    { op: 'get', key: 'cart', id: 'g1' },
    { op: 'put', key: 'cart', value: ['book', 'pen'], contextFrom: 'g1', expect: { ok: true, clock: { A: 2 } } },
    { op: 'preferenceList', key: 'cart' },
  ],
});

const files: Record<string, string> = {
  'good.json': scenario,
  'bad.json': '{"version":1',
  'wrong.json': scenario.replace('"via":"D"', '"via":"Z"'),
  'full.json': JSON.stringify({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, ringSize: 4, nodes: ['A', 'B', 'C', 'D'].map((id) => ({ id })) }, steps: [{ op: 'addNode', id: 'E' }] }),
};
const read = (path: string): string => {
  const text = files[path];
  if (path === 'adir') throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
  if (path === 'locked.json') throw Object.assign(new Error("EACCES: permission denied, open 'locked.json'"), { code: 'EACCES' });
  if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return text;
};

describe('npm run sim', () => {
  it('names standard input "standard input" in its messages, not "-"', () => {
    const stdin = (text: string) => (path: string) => (path === '-' ? text : read(path));
    expect(runCli(['-'], stdin('  \n'))).toEqual({ code: 2, stdout: '', stderr: 'standard input: not valid JSON at line 1, column 1: the file holds only white space (spaces, tabs or line breaks), no JSON\n' });
    expect(runCli(['-'], stdin(scenario.replace('"via":"D"', '"via":"Z"'))).stderr).toMatch(/^standard input: steps\[0\]\.via: no node named "Z"/);
  });

  it('prints one JSON document with each step and the final state', () => {
    const { code, stdout, stderr } = runCli(['good.json'], read);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.steps).toHaveLength(4);
    expect(out.steps[0]).toMatchObject({ op: 'put', ok: true, coordinator: 'A', clock: { A: 1 } });
    expect(out.steps[0].acks).toHaveLength(2);
    expect(out.steps[1]).toMatchObject({ op: 'get', id: 'g1', ok: true, versions: [{ value: ['book'], clock: { A: 1 } }], context: { A: 1 } });
    expect(out.steps[3]).toMatchObject({ nodes: ['A', 'B', 'C'], fallbacks: ['D'] });
    expect(Object.keys(out.final.nodes)).toEqual(['A', 'B', 'C', 'D']);
    expect(out.final.nodes.D).toEqual({ up: true, data: {}, hints: [], view: { A: 'up', B: 'up', C: 'up', D: 'up' } });
  });

  it('exits 2 with one line naming the problem and no output for bad input', () => {
    for (const [file, message] of [
      ['bad.json', /^bad\.json: not valid JSON at line 1, column 13: the text ends before the JSON does/],
      ['wrong.json', /^wrong\.json: steps\[0\]\.via: no node named "Z"/],
      ['missing.json', /^missing\.json: no such file\n$/],
      ['adir', /^adir: is a directory\n$/],
      ['locked.json', /^locked\.json: cannot read the file \(permission denied\)\n$/],
      // Refused before any step runs, naming the step (not steps[0].tokens, which it does not have).
      ['full.json', /^full\.json: steps\[0\]: adding "E" \(1 token: tokensPerNode × capacity\) needs 5 token positions in all, more than the 4 of the teaching ring \(ringSize\)\n$/],
    ] as const) {
      const { code, stdout, stderr } = runCli([file], read);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('exits 2 with one line, before running any step, for more joins and leaves than a ring of its size allows', () => {
    const nodes = [{ id: 'A' }];
    files['churn.json'] = JSON.stringify({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, strategy: 3, partitions: 65_536, nodes }, steps: Array.from({ length: 31 }, (_, i) => ({ op: 'addNode', id: `j${i}` })) });
    const { code, stdout, stderr } = runCli(['churn.json'], read);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('churn.json: steps[30]: on a ring of 65,536 tokens a scenario may join or remove nodes at most 30 times (each moves ranges all round the ring), and this would be number 31\n');
  });

  it('exits 1 and names the step when an expectation fails', () => {
    files['unmet.json'] = scenario.replace('"clock":{"A":2}', '"clock":{"A":3}');
    const { code, stdout, stderr } = runCli(['unmet.json'], read);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).expectations.failed).toEqual([{ path: 'steps[2].clock.A', expected: 3, actual: 2 }]);
    expect(stderr).toContain('steps[2].clock.A: expected 3, got 2');
  });

  it('refuses unknown options and missing paths, saying which, with the usage line', () => {
    expect(runCli(['--frobnicate', 'good.json'], read)).toMatchObject({ code: 2, stdout: '' });
    expect(runCli([], read)).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^no file given\nusage: npm run sim/) });
    expect(runCli(['good.json', '-t'], read)).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^unknown option -t\nusage: npm run sim/) });
    expect(runCli(['good.json', 'other.json'], read)).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^one file at a time, not 2 \(good.json, other.json\)\nusage:/) });
    expect(runCli([''], read)).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^an empty path was given \(a shell variable that was never set\?\)\nusage:/) });
  });

  it('takes -- as the end of the options (npx tsx cli/sim.ts -- file.json)', () => {
    expect(runCli(['--', 'good.json'], read)).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(runCli(['--trace', '--', 'good.json'], read).stdout).trace).toBeDefined();
    expect(runCli(['--', '--trace'], read)).toEqual({ code: 2, stdout: '', stderr: '--trace: no such file\n' });
  });

  it('includes the plain-language trace with --trace', () => {
    const out = JSON.parse(runCli(['good.json', '--trace'], read).stdout);
    expect(out.trace[0]).toMatchObject({ seq: 0, kind: 'op-start', text: 'Client asks D to put cart = ["book"]' });
    expect(out.trace.some((e: { text: string }) => e.text === 'D is not among cart\'s top 3 (A, B, C): it forwards the put to A to coordinate')).toBe(true);
  });

  it('writes every trace line on one line: a key that would split it quoted as JSON, as its value is, and as npm run lecture --trace writes it', () => {
    const config = { n: 2, r: 1, w: 1, nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] };
    files['odd-key.json'] = JSON.stringify({ version: 1, seed: 1, config, steps: [{ op: 'put', key: 'a\nb\u2028c', value: 'x\ny', via: 'A' }, { op: 'note', text: 'one\ntwo\u0085three' }, { op: 'settle' }] });
    const out = JSON.parse(runCli(['odd-key.json', '--trace'], read).stdout) as { trace: { kind: string; text: string }[] };
    expect(out.trace[0]!.text).toBe('Client asks A to put "a\\nb\\u2028c" = "x\\ny"');
    expect(out.trace.find((e) => e.kind === 'note')!.text).toBe('one\\u000atwo\\u0085three');
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    for (const e of out.trace) expect(e.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    // A node id with a line break, which a session written under the earlier rules may have.
    files['odd-node.json'] = JSON.stringify({ seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A\nB' }] }, actions: [{ input: { type: 'put', key: 'k', value: 1 } }, { steps: 3 }] });
    const session = JSON.parse(runCli(['odd-node.json', '--trace'], read).stdout) as { trace: { text: string }[] };
    expect(session.trace[0]!.text).toBe('Client asks A\\u000aB to put k = 1');
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    for (const e of session.trace) expect(e.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('runs as a real process on an example file', () => {
    const stdout = execFileSync('npx', ['tsx', 'cli/sim.ts', 'examples/lecture-004-token-walk.json'], { encoding: 'utf8' });
    expect(JSON.parse(stdout).expectations).toEqual({ checked: 3, failed: [] });
    const bad = spawnSync('npx', ['tsx', 'cli/sim.ts', 'no-such-file.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  }, 30_000);

  it.runIf(existsSync('/dev/full'))('says it cannot write the output to a full disk, exit 2, not that DynamoScope has a bug', () => {
    const full = openSync('/dev/full', 'w');
    const result = spawnSync('npx', ['tsx', 'cli/sim.ts', 'examples/lecture-004-token-walk.json'], { encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    expect(result.stderr).toBe('cannot write the output (ENOSPC: no space left on device)\n');
    expect(result.status).toBe(2);
  }, 30_000);

  it('reads the file as bytes and refuses what is not UTF-8, as a real process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynamoscope-'));
    writeFileSync(join(dir, 'utf16.json'), Buffer.from(`\uFEFF${scenario}`, 'utf16le'));
    const result = spawnSync('npx', ['tsx', 'cli/sim.ts', join(dir, 'utf16.json')], { encoding: 'utf8' });
    expect(result.stderr).toBe(`${join(dir, 'utf16.json')}: is not UTF-8 text (it is UTF-16; save it as UTF-8)\n`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  }, 30_000);

  describe('text that is not JSON, or not UTF-8', () => {
    const bytes: Record<string, Uint8Array> = {
      'utf16.json': Uint8Array.from([0xff, 0xfe, ...[...scenario].flatMap((c) => [c.charCodeAt(0), 0])]),
      'latin1.json': Uint8Array.from([...new TextEncoder().encode(scenario.slice(0, -2)), 0x2c, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0x63, 0x61, 0x66, 0xe9, 0x22, 0x7d]),
      'bom.json': Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(scenario)]),
      'comma.json': new TextEncoder().encode('{\n  "version": 1,\n  "steps": [\n    {"op": "note", "text": "x"},\n  ]\n}\n'),
    };
    const readBytes = (path: string): Uint8Array => bytes[path]!;

    it.each([
      ['comma.json', 'comma.json: not valid JSON at line 5, column 3: unexpected "]" (JSON allows no comma before a closing bracket)\n'],
      ['utf16.json', 'utf16.json: is not UTF-8 text (it is UTF-16; save it as UTF-8)\n'],
      ['latin1.json', 'latin1.json: is not UTF-8 text (byte 0xE9 on line 1 is not UTF-8; save it as UTF-8)\n'],
    ])('refuses %s with one line, exit 2', (file, message) => {
      expect(runCli([file], readBytes)).toEqual({ code: 2, stdout: '', stderr: message });
    });

    it('reads UTF-8 bytes, with a byte order mark or without', () => {
      expect(runCli(['bom.json'], readBytes)).toMatchObject({ code: 0, stderr: '' });
    });
  });

  describe('a session saved from the page ("Save scenario")', () => {
    const text = readFileSync('examples/lecture-000-shopping-cart.json', 'utf8');
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw parsed.error;
    const timeline = recordScenario(parsed.scenario);
    const saved = { seed: parsed.scenario.seed, config: parsed.scenario.config, actions: timeline.compactActions(), cursor: timeline.cursor, title: 'Cart' };
    files['session.json'] = JSON.stringify(saved);

    it('replays to the same final state and trace as the scenario it was recorded from', () => {
      const fromScenario = JSON.parse(runCli(['scenario.json', '--trace'], (p) => (p === 'scenario.json' ? text : read(p))).stdout);
      const { code, stdout, stderr } = runCli(['session.json', '--trace'], read);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect(out.title).toBe('Cart');
      expect(out.session).toEqual({ actions: timeline.length, cursor: timeline.cursor });
      expect(out.final).toEqual(fromScenario.final);
      expect(out.trace).toEqual(fromScenario.trace);
      expect(out.final.nodes.node1.data.cart.map((v: { clock: object }) => v.clock)).toContainEqual({ node1: 2, node2: 1, node4: 1 });
    });

    it("reports what the clients got and how replicas caught up as the scenario does, naming each operation by the action that made it", () => {
      // Lecture 003's example: a late reply's read repair brings X to n1 and n2.
      const text003 = readFileSync('examples/lecture-003-multiple-versions.json', 'utf8');
      const parsed003 = parseScenarioText(text003);
      if (!parsed003.ok) throw parsed003.error;
      const recorded = recordScenario(parsed003.scenario);
      const actions = recorded.compactActions();
      files['session003.json'] = JSON.stringify({ seed: parsed003.scenario.seed, config: parsed003.scenario.config, actions, cursor: recorded.cursor });
      const fromScenario = JSON.parse(runCli(['scenario003.json'], (p) => (p === 'scenario003.json' ? text003 : read(p))).stdout);
      const out = JSON.parse(runCli(['session003.json'], read).stdout);
      const inputOf = (action: number) => (actions[action] as { input?: { type: string; key?: string } }).input;
      expect(out.consistency.reads).toEqual(fromScenario.consistency.reads);
      expect(out.consistency.staleReads.length).toBe(fromScenario.consistency.staleReads.length);
      expect(out.repairs.handoffs).toEqual(fromScenario.repairs.handoffs);
      // The same read repairs, each by the get whose action started it rather than by a step.
      const withoutRef = ({ step, action, ...rest }: { step?: number; action?: number }) => (void step, void action, rest);
      expect(out.repairs.readRepairs.map(withoutRef)).toEqual(fromScenario.repairs.readRepairs.map(withoutRef));
      expect(out.repairs.readRepairs.length).toBe(2);
      for (const r of out.repairs.readRepairs) expect(inputOf(r.action)).toMatchObject({ type: 'get', key: r.key });
    });

    it('stops at the saved cursor: the state the viewer saw', () => {
      files['early.json'] = JSON.stringify({ ...saved, cursor: 0 });
      const out = JSON.parse(runCli(['early.json'], read).stdout);
      expect(out.session.cursor).toBe(0);
      // Nothing had happened yet at the cursor: no client report, no repairs.
      expect(out.consistency).toBeUndefined();
      expect(out.repairs).toBeUndefined();
      expect(out.final.atMs).toBe(0);
      expect(Object.values(out.final.nodes).every((n) => Object.keys((n as { data: object }).data).length === 0)).toBe(true);
    });

    it('exits 2 naming the field or the action the engine refuses', () => {
      files['badseed.json'] = JSON.stringify({ ...saved, seed: 'x' });
      expect(runCli(['badseed.json'], read)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^badseed\.json: seed: /) });
      files['ghost.json'] = JSON.stringify({ ...saved, actions: [{ input: { type: 'fail', node: 'ghost' } }], cursor: 1 });
      const ghost = runCli(['ghost.json'], read);
      expect(ghost).toMatchObject({ code: 2, stdout: '' });
      expect(ghost.stderr).toMatch(/^ghost\.json: actions\[0\]\.input\.node: .*ghost/);
      expect(ghost.stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  describe('input that used to crash, loop or mislead', () => {
    const oneLine2 = (file: string, text: string, message: RegExp) => {
      files[file] = text;
      const result = runCli([file], read);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    };

    it('refuses a teaching ring too small for random tokens with one line, exit 2', () => {
      oneLine2('ring.json', '{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"ringSize":10,"tokensPerNode":4,"nodes":[{"id":"A"},{"id":"B"},{"id":"C"}]},"steps":[]}', /^ring\.json: config\.tokensPerNode: the nodes up to "C" need 12 token positions/);
    });

    it('refuses a cursor past the last action, naming cursor and the number of actions, exit 2', () => {
      oneLine2('far-session.json', '{"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A"}]},"actions":[{"input":{"type":"get","key":"k"}},{"steps":2}],"cursor":9}', /^far-session\.json: cursor: is 9, but the session has 3 actions \(each engine step counted\): the cursor is at most the number of actions$/);
    });

    describe('a cursor past the actions the replay made, though within those the file writes', () => {
      // Gossip and anti-entropy off: of the 12 engine steps asked for, only 4 have an event to run, so the replay makes 7 actions.
      const session = (cursor: number) => JSON.stringify({ seed: 1, config: { n: 3, r: 2, w: 2, ringSize: 1000, latency: { kind: 'fixed', ms: 10 }, gossipIntervalMs: 0, antiEntropyIntervalMs: 0, nodes: [{ id: 'A', tokens: [100] }, { id: 'B', tokens: [300] }, { id: 'C', tokens: [500] }, { id: 'D', tokens: [700] }] }, actions: [{ input: { type: 'put', key: 'cart', value: 'hat', context: [] } }, { steps: 12 }, { clockMs: 480 }, { input: { type: 'fail', node: 'C' } }], cursor });
      const why = /^short-\d+\.json: cursor: is \d+, but the session replays as 7 actions \(each engine step counted, as the output's session\.actions\), not the 15 written \(actions\[1\] asked for 12 engine steps and only 4 had an event to run\): the cursor is at most the number of actions replayed$/;

      it('is refused rather than moved to the end, saying why the count is lower, exit 2', () => {
        oneLine2('short-14.json', session(14), why);
        oneLine2('short-8.json', session(8), why);
      });

      it('is refused counting as the output counts, not as the file writes', () => {
        oneLine2('short-16.json', session(16), why);
      });

      it('is told from the one replay that ran the session, not by replaying it again', () => {
        const replays = vi.spyOn(Timeline, 'create');
        try {
          oneLine2('short-15.json', session(15), why);
          expect(replays).toHaveBeenCalledTimes(1);
        } finally {
          replays.mockRestore();
        }
      });

      it('at the last action made, runs as written', () => {
        files['short-7.json'] = session(7);
        const { code, stdout } = runCli(['short-7.json'], read);
        expect(code).toBe(0);
        expect(JSON.parse(stdout).session).toEqual({ actions: 7, cursor: 7 });
      });

      it('names a clock move that made no action, and counts what it does not list', () => {
        const clocks = [{ clockMs: 100 }, { clockMs: 200 }, { clockMs: 50 }, { steps: 3 }, { steps: 2 }, { steps: 1 }, { input: { type: 'get', key: 'k' } }];
        oneLine2('clocks.json', JSON.stringify({ seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }], gossipIntervalMs: 0, antiEntropyIntervalMs: 0 }, actions: clocks, cursor: 10 }), /^clocks\.json: cursor: is 10, but the session replays as 2 actions .*, not the 10 written \(actions\[1\] \(clockMs 200\) joined the move of the clock just before it; actions\[2\] \(clockMs 50\) moved nothing, the clock being at 200 ms already; actions\[3\] asked for 3 engine steps and none had an event to run; and 2 more made fewer\): /);
      });
    });

    it('checks a saved session’s configuration as a scenario’s, exit 2', () => {
      oneLine2('dup-session.json', '{"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A"},{"id":"A"}]},"actions":[]}', /^dup-session\.json: config\.nodes\[1\]\.id: duplicate node id "A"$/);
      oneLine2('n-session.json', '{"seed":1,"config":{"n":5,"r":1,"w":1,"nodes":[{"id":"A"}]},"actions":[]}', /^n-session\.json: config\.n: n \(5\) is more than the 1 node configured$/);
    });

    it('refuses a dc or a get id with a space at either end in a scenario, as a node id, naming the field, exit 2; a saved session keeps the rules it was written under', () => {
      const config = { n: 1, r: 1, w: 1, nodes: [{ id: 'A', dc: 'east' }, { id: 'B', dc: 'west' }, { id: 'C', dc: ' east' }] };
      oneLine2('dc.json', JSON.stringify({ version: 1, seed: 1, config, steps: [] }), /^dc\.json: config\.nodes\[2\]\.dc: must not start or end with a space: " east" would read as east wherever datacenters are listed$/);
      const steps = [{ op: 'get', key: 'k', id: 'g1 ' }, { op: 'put', key: 'k', value: 1, contextFrom: 'g1 ' }];
      oneLine2('get-id.json', JSON.stringify({ version: 1, seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }] }, steps }), /^get-id\.json: steps\[0\]\.id: must not start or end with a space: "g1 " would read as g1 wherever gets are named$/);
      // A link made from a scenario file the page opened before the rule still opens, as one with a node " B" does.
      files['dc-session.json'] = JSON.stringify({ seed: 1, config, actions: [{ input: { type: 'addNode', id: 'D', dc: 'west ' } }, { input: { type: 'isolateDc', dc: ' east' } }] });
      const { code, stdout, stderr } = runCli(['dc-session.json'], read);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(stdout).session).toEqual({ actions: 2, cursor: 2 });
    });

    it('refuses an expect nested 20,000 deep with one line, exit 2', () => {
      oneLine2('deep.json', `{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A"}]},"steps":[{"op":"settle","expect":${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`, /^deep\.json: steps\[0\]\.expect: is nested more than 64 levels deep$/);
    });

    it('reads steps written under "actions" as a scenario and says where they go; a session with "version" is still a session', () => {
      const config = { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }] };
      oneLine2('actions.json', JSON.stringify({ version: 1, seed: 1, config, actions: [{ op: 'put', key: 'k', value: 1 }] }), /^actions\.json: unknown field "actions" \(a scenario lists its steps in "steps"; "actions" holds the clicks of a session saved from the page\)$/);
      oneLine2('versioned-session.json', JSON.stringify({ version: 1, seed: 1, config, actions: [{ input: { type: 'get', key: 'k' } }, { steps: 5 }] }), /^versioned-session\.json: unknown field "version"$/);
      // A session with one stray step among its clicks is still a session, told what is wrong with that action.
      oneLine2('stray.json', JSON.stringify({ seed: 1, config, actions: [{ input: { type: 'get', key: 'k' } }, { op: 'settle' }] }), /^stray\.json: actions\[1\]: /);
    });

    it('tells a lecture file from a scenario and points to npm run lecture', () => {
      oneLine2('lecture.json', JSON.stringify({ version: 1, id: 'x', title: 'X', lecture: '000', summary: 'S', parts: [] }), /^lecture\.json: this is a guided lecture, not a scenario \(it has "parts" and "lecture" and "id"\); check it with npm run lecture -- lecture\.json$/);
      oneLine2('plain-lecture.json', JSON.stringify({ ...JSON.parse(scenario), id: 'x', title: 'X', lecture: '000', summary: 'S' }), /^plain-lecture\.json: this is a guided lecture, not a scenario \(it has "lecture" and "id"\)/);
      oneLine2('parts.json', JSON.stringify({ parts: [] }), /^parts\.json: this is a guided lecture, not a scenario \(it has "parts"\)/);
    });

    it('reads a scenario with a top-level "id" or "lecture" alone as a scenario, naming the unknown field', () => {
      oneLine2('hw1.json', JSON.stringify({ ...JSON.parse(scenario), id: 'hw1' }), /^hw1\.json: unknown field "id"$/);
      oneLine2('dynamo.json', JSON.stringify({ ...JSON.parse(scenario), lecture: 'Dynamo' }), /^dynamo\.json: unknown field "lecture"$/);
    });

    it('refuses a key given twice in one object, naming both places, exit 2', () => {
      oneLine2('twice.json', scenario.replace('"steps":', '"seed": 2, "steps":'), /^twice\.json: ambiguous JSON at line 1, column \d+: "seed" is given twice \(also at line 1, column \d+\); only the last would count, so remove one$/);
      oneLine2('twice-session.json', '{"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A","id":"B"}]},"actions":[]}', /^twice-session\.json: ambiguous JSON at line 1, column 58: "id" is given twice in config\.nodes\[0\] \(also at line 1, column 49\)/);
    });

    it('reads a file that starts with a UTF-8 byte order mark', () => {
      files['bom.json'] = `\uFEFF${scenario}`;
      expect(runCli(['bom.json'], read)).toMatchObject({ code: 0, stderr: '' });
    });

    it('prints the usage and exits 0 with -h or --help, with what the command prints, its exit codes and where the format is', () => {
      for (const flag of ['-h', '--help']) expect(runCli([flag], read)).toEqual({ code: 0, stdout: expect.stringMatching(/^usage: npm run sim/), stderr: '' });
      const help = runCli(['--help'], read).stdout;
      for (const said of ['--trace', 'standard input', '0 ran, every expect met', '1 ran, some expect failed', '2 the file cannot run', '3 an internal error', 'docs/scenario-format.md']) expect(help).toContain(said);
      // A usage error stays one line, so the message above it is not lost in a page of help.
      expect(runCli(['good.json', '-t'], read).stderr.split('\n').filter(Boolean)).toHaveLength(2);
    });

    it('names a field an expect gives that the result does not have', () => {
      files['typo.json'] = scenario.replace('"expect":{"ok":true', '"expect":{"okk":true');
      const { code, stderr } = runCli(['typo.json'], read);
      expect(code).toBe(1);
      expect(stderr).toBe('typo.json: steps[2].okk: the step\'s result has no field "okk" here; did you mean "ok"? (its fields: op, atMs, key, ok, coordinator, version, clock, acks, hinted, latencyMs)\n');
    });

    it('stops quietly when the reader of its output goes away (… | head)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dynamoscope-'));
      const big = { version: 1, seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }] }, steps: Array.from({ length: 3000 }, (_, i) => ({ op: 'put', key: `key-${i}`, value: 'x'.repeat(40) })) };
      writeFileSync(join(dir, 'big.json'), JSON.stringify(big));
      const child = spawn('npx', ['tsx', 'cli/sim.ts', join(dir, 'big.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(status).toBe(0);
    }, 30_000);
  });
});
