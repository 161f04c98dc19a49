/**
 * Lectures replacing one another while a part is being recorded: only the lecture open says
 * when Next and Previous may act again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useLectureStore } from './lecture-store';
import { lectureChosen } from './lecture-session';
import type { Controller, StepEnds } from '../../engine-client/controller';
import type { Session } from '../../worker/protocol';

const recorded: Session = { seed: 1, config: { n: 1, r: 1, w: 1, nodes: [{ id: 'A' }] }, actions: [], cursor: 0 };

/** A controller whose parts are recorded when the test says so, one recording per `loadLecture`, in order. */
function slowController(): { controller: Controller; recordings: ((ends: StepEnds | null) => void)[] } {
  const recordings: ((ends: StepEnds | null) => void)[] = [];
  const controller = {
    session: () => Promise.resolve(recorded),
    loadLecture: () => new Promise<StepEnds | null>((done) => recordings.push(done)),
    selectKey: () => Promise.resolve(),
    seek: () => Promise.resolve(),
  } as unknown as Controller;
  return { controller, recordings };
}

/** Lets the promises already settled run on. */
async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const ENDS: StepEnds = { cursors: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], traceLengths: [] };

beforeEach(() => {
  useLectureStore.setState({ lecture: null, ownSource: null, isBusy: false, stepEnds: [] });
});

describe('a lecture picked while another is being recorded', () => {
  it.each([
    ['recorded', ENDS],
    ['refused', null],
  ])("stays busy when the earlier lecture's part is %s late", async (_, late) => {
    const { controller, recordings } = slowController();
    const first = lectureChosen(controller, 'shopping-cart');
    await settled();
    expect(recordings).toHaveLength(1);
    const second = lectureChosen(controller, 'hinted-handoff');
    await settled();
    expect(recordings).toHaveLength(2);
    expect(useLectureStore.getState()).toMatchObject({ lecture: { id: 'hinted-handoff' }, isBusy: true });
    recordings[0]!(late);
    await first;
    // Still recording the new lecture: Next pressed now would race its recording.
    expect(useLectureStore.getState().isBusy).toBe(true);
    recordings[1]!(ENDS);
    await second;
    expect(useLectureStore.getState()).toMatchObject({ lecture: { id: 'hinted-handoff' }, isBusy: false, stepEnds: ENDS.cursors });
  });
});
