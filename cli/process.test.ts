import { describe, expect, it } from 'vitest';
import { fromCaller } from './process';

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
