import { afterEach, describe, expect, it, vi } from 'vitest';

// An engine bug, simulated: whatever the runner throws that is not a ScenarioError.
vi.mock('../src/scenario/runner', () => ({
  runScenario: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  },
}));

const { runCli, DEBUG_ENV } = await import('./run-cli');

const scenario = '{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A"}]},"steps":[]}';

describe('npm run sim on an internal error', () => {
  afterEach(() => {
    delete process.env[DEBUG_ENV];
  });

  it('prints one line asking for a report, and exits 3', () => {
    const result = runCli(['x.json'], () => scenario);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`internal error: Cannot read properties of undefined (reading 'x') (a bug in DynamoScope: please report it with the file that caused it; DYNAMOSCOPE_DEBUG=1 shows the stack trace)\n`);
  });

  it('lets the error through, stack and all, with DYNAMOSCOPE_DEBUG=1', () => {
    process.env[DEBUG_ENV] = '1';
    expect(() => runCli(['x.json'], () => scenario)).toThrow(TypeError);
  });
});
