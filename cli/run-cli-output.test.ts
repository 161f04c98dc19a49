import { describe, expect, it, vi } from 'vitest';

// An output longer than the longest string Node.js holds (100,000 reads of a 6,000-character
// value make one), simulated: JSON.stringify fails on it as it does on the real thing.
vi.mock('../src/scenario/runner', () => ({
  runScenario: () => ({
    steps: [],
    toJSON: () => {
      throw new RangeError('Invalid string length');
    },
  }),
}));

const { runCli } = await import('./run-cli');

const scenario = '{"version":1,"seed":1,"config":{"n":1,"r":1,"w":1,"nodes":[{"id":"A"}]},"steps":[]}';

describe('npm run sim on an output too large to print', () => {
  it('exits 2 saying why and what to do, not that DynamoScope has a bug', () => {
    expect(runCli(['big.json'], () => scenario)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'big.json: the output is too large to print (more JSON than Node.js can hold in one string, about 512 MB); use fewer steps or smaller values\n',
    });
  });

  it('suggests leaving out the trace when there is one', () => {
    expect(runCli(['big.json', '--trace'], () => scenario).stderr).toMatch(/; use fewer steps or smaller values, or run without --trace\n$/);
  });
});
