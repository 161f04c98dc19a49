import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runCli } from './run-cli';
import { parseScenarioText } from '../src/scenario/validate';
import { recordScenario } from '../src/worker/record-scenario';

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

const files: Record<string, string> = { 'good.json': scenario, 'bad.json': '{"version":1', 'wrong.json': scenario.replace('"via":"D"', '"via":"Z"') };
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return text;
};

describe('npm run sim', () => {
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
      ['bad.json', /^bad\.json: not valid JSON/],
      ['wrong.json', /^wrong\.json: steps\[0\]\.via: no node named "Z"/],
      ['missing.json', /^missing\.json: cannot read the file \(ENOENT\)/],
    ] as const) {
      const { code, stdout, stderr } = runCli([file], read);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('exits 1 and names the step when an expectation fails', () => {
    files['unmet.json'] = scenario.replace('"clock":{"A":2}', '"clock":{"A":3}');
    const { code, stdout, stderr } = runCli(['unmet.json'], read);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).expectations.failed).toEqual([{ path: 'steps[2].clock.A', expected: 3, actual: 2 }]);
    expect(stderr).toContain('steps[2].clock.A: expected 3, got 2');
  });

  it('refuses unknown options and missing paths with the usage line', () => {
    expect(runCli(['--frobnicate', 'good.json'], read)).toMatchObject({ code: 2, stdout: '' });
    expect(runCli([], read).stderr).toMatch(/^usage: npm run sim/);
  });

  it('includes the plain-language trace with --trace', () => {
    const out = JSON.parse(runCli(['good.json', '--trace'], read).stdout);
    expect(out.trace[0]).toMatchObject({ seq: 0, kind: 'op-start', text: 'Client asks D to put cart = ["book"]' });
    expect(out.trace.some((e: { text: string }) => e.text === 'D is not among cart\'s top 3 (A, B, C): it forwards the put to A, the coordinator')).toBe(true);
  });

  it('runs as a real process on an example file', () => {
    const stdout = execFileSync('npx', ['tsx', 'cli/sim.ts', 'examples/lecture-004-token-walk.json'], { encoding: 'utf8' });
    expect(JSON.parse(stdout).expectations).toEqual({ checked: 3, failed: [] });
    const bad = spawnSync('npx', ['tsx', 'cli/sim.ts', 'no-such-file.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  }, 30_000);

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

    it('stops at the saved cursor: the state the viewer saw', () => {
      files['early.json'] = JSON.stringify({ ...saved, cursor: 0 });
      const out = JSON.parse(runCli(['early.json'], read).stdout);
      expect(out.session.cursor).toBe(0);
      expect(out.final.atMs).toBe(0);
      expect(Object.values(out.final.nodes).every((n) => Object.keys((n as { data: object }).data).length === 0)).toBe(true);
    });

    it('exits 2 naming the field or the action the engine refuses', () => {
      files['badseed.json'] = JSON.stringify({ ...saved, seed: 'x' });
      expect(runCli(['badseed.json'], read)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^badseed\.json: seed: /) });
      files['ghost.json'] = JSON.stringify({ ...saved, actions: [{ input: { type: 'fail', node: 'ghost' } }] });
      const ghost = runCli(['ghost.json'], read);
      expect(ghost).toMatchObject({ code: 2, stdout: '' });
      expect(ghost.stderr).toMatch(/^ghost\.json: actions\[0\]\.input\.node: .*ghost/);
      expect(ghost.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
