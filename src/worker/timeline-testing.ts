/** A small recorded session the timeline's tests share: five nodes, a few inputs with steps between. */
import type { ClusterConfig, Input } from '../engine/index';
import { Timeline } from './timeline';

export const config: ClusterConfig = {
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1000,
  gossipIntervalMs: 300,
  nodes: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
};

export const inputs: Input[] = [
  { type: 'put', key: 'cart', value: ['book'] },
  { type: 'fail', node: 'B' },
  { type: 'put', key: 'cart', value: ['book', 'pen'], via: 'C' },
  { type: 'get', key: 'cart' },
  { type: 'recover', node: 'B' },
];

/** Records `inputs` interleaved with `stepsBetween` steps each. */
export function record(stepsBetween: number): Timeline {
  const t = Timeline.create(config, 7);
  for (const input of inputs) {
    t.input(input);
    for (let i = 0; i < stepsBetween; i++) t.stepForward();
  }
  return t;
}
