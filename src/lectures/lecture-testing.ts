/** A lecture small enough to read whole, for the tests of what runs and checks lectures (npm run lecture, the page's checks of a lecturer's file). */
export const TINY_LECTURE = {
  version: 1,
  id: 'tiny',
  title: 'A tiny lecture',
  lecture: '000',
  summary: 'Two nodes, one write.',
  seed: 1,
  config: { n: 2, r: 1, w: 1, ringSize: 100, latency: { kind: 'fixed', ms: 10 }, nodes: [{ id: 'a', tokens: [10] }, { id: 'b', tokens: [60] }] },
  steps: [
    { op: 'note', narration: 'Two nodes, a and b, both hold every key.' },
    { op: 'put', key: 'k', value: ['x'], via: 'a', narration: 'a writes D1 ([a,1]).', question: { prompt: 'Does b get a copy?', choices: ['Yes', 'No'], answer: 'Yes: N=2.' }, expect: { ok: true, clock: { a: 1 } } },
    { op: 'settle' },
    { op: 'inspect', node: 'b', expect: { data: { k: [{ value: ['x'] }] } } },
  ],
};
