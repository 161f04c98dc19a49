import { describe, expect, it, vi } from 'vitest';

// A listing longer than the longest string Node.js holds (a wait of millions of events under
// --trace makes one), simulated: building an event's line fails as it does on the real thing.
vi.mock('../src/engine/index', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/engine/index')>()),
  describe: () => {
    throw new RangeError('Invalid string length');
  },
}));

const { runLectureCli } = await import('./lecture-cli');
const { TINY_LECTURE } = await import('../src/lectures/lecture-testing');

const file = JSON.stringify(TINY_LECTURE);

describe('npm run lecture on a listing too large to print', () => {
  it('exits 2 saying why and what to do, suggesting to leave out the trace that made it, not that DynamoScope has a bug', () => {
    expect(runLectureCli(['big.json', '--trace'], () => file)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'big.json: the output is too large to print (more text than Node.js can hold in one string, about 512 MB); use fewer steps or smaller values, or run without --trace\n',
    });
  });
});
