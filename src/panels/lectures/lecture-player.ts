/**
 * The lecture player: Next, Previous, a choice or a part picked, and the step it moves to,
 * recorded (a part at a time), played up to its end or jumped to, with the panels pointed at
 * the step's key and the log lent the kinds only that step made.
 */
import { traceIndex, useStore } from '../../store/store';
import { useClock } from '../../store/clock';
import { prefersReducedMotion } from '../../engine-client/playback-clock';
import type { Lecture } from '../../lectures/index';
import type { Controller } from '../../engine-client/controller';
import { isClassListed, stageShownWithTraffic, stepClassesShown, useStageStore } from '../../app/stage-store';
import type { EventClass } from '../../app/theme';
import { STEP_PLAY_MS, stepPlayWallMs } from './step-pace';
import { focusAt, viewAt, nextPlace, previousPlace, type LecturePlace, type StepFocus } from './lecture-nav';
import { isOffScript, useLectureStore } from './lecture-store';

/** Records part `part` of the open lecture: a built-in one by its id, the lecturer's own as its scenario. */
export function partLoaded(controller: Controller, lecture: Lecture, part: number) {
  return controller.loadLecture(lecture.id, part, useLectureStore.getState().ownSource !== null ? lecture.parts[part]?.scenario : undefined);
}

/** Next: finish the step playing, reveal the answer, or move to the next step (or part). */
export async function nextPressed(controller: Controller): Promise<void> {
  const { shape, place, isBusy, isPlayingStep } = useLectureStore.getState();
  // Pressed while the step plays: it ends at once (the step's end), as a slide's animation does.
  if (isPlayingStep && controller.isPlayingTo) return controller.skipPlay();
  if (!shape || isBusy) return;
  const next = nextPlace(shape, place);
  if (next) await goTo(controller, next);
}

/** A choice clicked (the class's answer, say): the answer is revealed with that choice marked beside the right one. */
export async function choicePicked(controller: Controller, choice: number): Promise<void> {
  // Clicked while the step still plays: it ends first (as Next would), then the answer shows. Clicked while it is
  // still being recorded or sought, before its play began, the answer shows once it is done: the click was dropped.
  if (useLectureStore.getState().isPlayingStep && controller.isPlayingTo) controller.skipPlay();
  await whenSettled();
  const { place, isBusy } = useLectureStore.getState();
  if (place.isRevealed || isBusy) return;
  await nextPressed(controller);
  const now = useLectureStore.getState().place;
  if (now.part === place.part && now.step === place.step && now.isRevealed) useLectureStore.setState({ picked: choice });
}

/** Resolves once no step is being recorded, sought or played. */
function whenSettled(): Promise<void> {
  if (!useLectureStore.getState().isBusy) return Promise.resolve();
  return new Promise((done) => {
    const stop = useLectureStore.subscribe((s) => {
      if (s.isBusy) return;
      stop();
      done();
    });
  });
}

export async function previousPressed(controller: Controller): Promise<void> {
  const { shape, place, isBusy } = useLectureStore.getState();
  if (!shape || isBusy) return;
  const previous = previousPlace(shape, place);
  if (previous) await goTo(controller, previous);
}

/** Records the part again and goes back to the current step, setting the lecturer's own actions aside. */
export async function scriptResumed(controller: Controller): Promise<void> {
  const { place, isBusy } = useLectureStore.getState();
  if (!isBusy) await goTo(controller, place);
}

/** Playback moved away from the step (Step back, Play…): back to where the step ends. */
export async function stepReturned(controller: Controller): Promise<void> {
  const { place, stepEnds, isBusy } = useLectureStore.getState();
  const end = stepEnds[place.step];
  if (!isBusy && end !== undefined) await controller.seek(end);
}

/**
 * Jumps to the first step of another part; chosen while the lecture is still loading, once it
 * has loaded (it was dropped then, and the menu showed a part the lecture was not on).
 */
export async function partChosen(controller: Controller, part: number): Promise<void> {
  // Chosen again while waiting, only the last choice opens.
  const request = ++partRequest;
  await whenSettled();
  if (request !== partRequest) return;
  await goTo(controller, { part, step: 0, isRevealed: false });
}

/** Bumped by each part chosen: one chosen while an earlier one waits replaces it. */
let partRequest = 0;

export async function goTo(controller: Controller, to: LecturePlace): Promise<void> {
  const { lecture, place, stepEnds } = useLectureStore.getState();
  if (!lecture) return;
  const needsPart = stepEnds.length === 0 || to.part !== place.part || isOffScript();
  const isSameStep = !needsPart && to.step === place.step;
  if (isSameStep) {
    useLectureStore.setState({ place: to, picked: null });
    return;
  }
  useLectureStore.setState({ isBusy: true });
  let ends = stepEnds;
  if (needsPart) {
    // Another part is another cluster, from time 0: a zoom kept from a long part squeezed the next
    // part's first 40 ms into a strip under "-300 ms". A link's own view is asked for after this.
    if (to.part !== place.part || stepEnds.length === 0) useStageStore.getState().timeViewAskedFor(null);
    const loaded = await partLoaded(controller, lecture, to.part);
    // Another lecture opened meanwhile is busy with its own recording: the flag is its to clear.
    if (useLectureStore.getState().lecture !== lecture) return;
    if (!loaded) return useLectureStore.setState({ isBusy: false });
    ends = loaded.cursors;
    useLectureStore.setState({ scriptRevision: useStore.getState().revision, stepTraceEnds: loaded.traceLengths });
  }
  await focusOn(controller, focusAt(lecture, to.part, to.step));
  stepClassesShown(stepOnlyClasses(to.step));
  const end = ends[to.step];
  const play = needsPart ? null : stepPlay(place, to, ends);
  // A step may name another panel (A's own view of who is down, in the Members panel); a tab the lecturer chose stays until it does.
  const view = viewAt(lecture, to.part, to.step);
  if (play) {
    // The next step is played, not jumped to: its narration shows at once, and its messages travel.
    if (view !== viewAt(lecture, place.part, place.step)) stageShownWithTraffic(view);
    useLectureStore.setState({ place: to, picked: null, isPlayingStep: true });
    // Cancelled (Step back, Pause, a click in the log): playback stands where that took it, "away from this step".
    await controller.playTo(play.cursor, play.speed, STEP_PLAY_MS.most + STEP_PLAY_MS.grace);
    if (useLectureStore.getState().lecture !== lecture) return;
    useLectureStore.setState({ stepEnds: ends, isBusy: false, isPlayingStep: false });
    return;
  }
  if (useLectureStore.getState().lecture !== lecture) return;
  if (end !== undefined) await controller.seek(end);
  if (useLectureStore.getState().lecture !== lecture) return;
  if (view !== viewAt(lecture, place.part, place.step)) stageShownWithTraffic(view);
  useLectureStore.setState({ place: to, stepEnds: ends, isBusy: false, picked: null });
}

/**
 * How to play the next step rather than jump to its end: up to which cursor, at what speed.
 * Null when it is not the next step of the part, when playback stands away from the step's
 * end, when nothing in it takes virtual time, or when the viewer asked for less motion. The
 * step plays at the page's speed when that takes at most 1.5 s, else faster, so that no step
 * keeps a class waiting (a wait of five seconds for gossip still plays in 1.5 s).
 */
function stepPlay(place: LecturePlace, to: LecturePlace, ends: readonly number[]): { cursor: number; speed: number } | null {
  const cursor = ends[to.step];
  const from = ends[place.step];
  if (cursor === undefined || from === undefined || to.part !== place.part || to.step !== place.step + 1 || useStore.getState().cursor !== from) return null;
  if (prefersReducedMotion()) return null;
  const endMs = traceIndex.events[(useLectureStore.getState().stepTraceEnds[to.step] ?? 0) - 1]?.atMs;
  const durationMs = endMs === undefined ? 0 : endMs - useClock.getState().clockMs;
  if (durationMs < 1) return null;
  const { speed } = useStore.getState();
  const wallMs = stepPlayWallMs(durationMs, speed);
  return { cursor, speed: (durationMs * 1000) / wallMs };
}

/**
 * The kinds of event step `step` made, when the log lists none of them: lecture 002's gossip
 * round (Gossip, hidden by default with the pings and the periodic gossip) showed nothing on
 * the ring or the space-time diagram. [] when the log lists any of them, or the step made none.
 */
export function stepOnlyClasses(step: number): EventClass[] {
  const { stepTraceEnds } = useLectureStore.getState();
  const from = step === 0 ? 0 : (stepTraceEnds[step - 1] ?? 0);
  const classes = new Set<EventClass>();
  for (let i = from; i < Math.min(stepTraceEnds[step] ?? from, traceIndex.length); i++) classes.add(traceIndex.classOf(i));
  return [...classes].some(isClassListed) ? [] : [...classes];
}

/** Points the panels at the step's key, with the list length it asks about (the token walk's RF=2). */
export async function focusOn(controller: Controller, { key, n }: StepFocus): Promise<void> {
  const { selectedKey, keyView, n: clusterN } = useStore.getState();
  const isShown = key === selectedKey && (key === null || (keyView?.key === key && keyView.n === (n ?? clusterN)));
  if (!isShown) await controller.selectKey(key, false, n);
}
