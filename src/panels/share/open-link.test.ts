import { beforeEach, describe, expect, it } from 'vitest';
import { sessionShared, viewRestored } from './open-link';
import { useStageStore } from '../../app/stage-store';
import { useStore } from '../../store/store';
import { useLectureStore } from '../lectures/lecture-store';
import { loadLecture } from '../../lectures/index';
import type { Controller } from '../../engine-client/controller';
import type { Session } from '../../worker/protocol';

const recorded: Session = { seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }] }, actions: [], cursor: 0 };
const lectureAtStep6 = { id: 'shopping-cart', part: 0, step: 5 };

/** A controller that records the keys it is asked to follow. */
function fakeController(): Controller & { keys: (string | null)[] } {
  const keys: (string | null)[] = [];
  return { keys, session: () => Promise.resolve(recorded), selectKey: (key: string | null) => (keys.push(key), Promise.resolve()) } as unknown as Controller & { keys: (string | null)[] };
}

beforeEach(() => {
  useStageStore.setState({ stage: 'versions', isWide: false });
  useLectureStore.setState({ lecture: null, ownSource: null });
  useStore.setState({ selectedKey: null, workload: 0 });
});

describe('a lecture link keeps the panel on the stage', () => {
  it('a lecture shared with the space-time diagram on the stage says so, wide too', async () => {
    useLectureStore.setState({ lecture: loadLecture('shopping-cart'), place: { part: 0, step: 5, isRevealed: false } });
    useStageStore.setState({ stage: 'spacetime', isWide: true });
    // With the speed and the kinds the log hid, as free play's links: Step forward passes over those.
    expect(await sessionShared(fakeController())).toEqual({ ...recorded, lecture: lectureAtStep6, view: 'spacetime', wide: true, hidden: ['gossip', 'anti-entropy'], speed: 20 });
  });

  it("opened, it replaces the step's own panel, and sets no key or clients of free play", async () => {
    const controller = fakeController();
    useStore.setState({ workload: 0, selectedKey: 'cart' });
    await viewRestored(controller, { ...recorded, lecture: lectureAtStep6, view: 'spacetime' });
    expect(useStageStore.getState()).toMatchObject({ stage: 'spacetime', isWide: false });
    expect(controller.keys).toEqual([]);
    expect(useStore.getState().selectedKey).toBe('cart');
  });

  it("an older lecture link, without a panel, leaves the step's own panel", async () => {
    useStageStore.setState({ stage: 'versions', isWide: false });
    await viewRestored(fakeController(), { ...recorded, lecture: lectureAtStep6 });
    expect(useStageStore.getState()).toMatchObject({ stage: 'versions', isWide: false });
  });

  it('a free-play link still restores its panel, key and clients', async () => {
    const controller = fakeController();
    await viewRestored(controller, { ...recorded, view: 'merkle', wide: true, key: 'user42', clients: 200 });
    expect(useStageStore.getState()).toMatchObject({ stage: 'merkle', isWide: true });
    expect(controller.keys).toEqual(['user42']);
    expect(useStore.getState().workload).toBe(200);
  });
});
