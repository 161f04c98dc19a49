/**
 * Lecture mode's own state (DESIGN §5: a slice of UI state, named by events): which
 * lecture is open, where the player stands, and each step's end in the worker's timeline.
 * The lecture itself is data (src/lectures/); the worker records a part and answers with
 * `stepEnds`, and the player seeks to them.
 */
import { create } from 'zustand';
import { traceIndex, useStore } from '../../store/store';
import { useClock } from '../../store/clock';
import { prefersReducedMotion } from '../../engine-client/playback-clock';
import { loadLecture, type Lecture } from '../../lectures/index';
import type { Controller } from '../../engine-client/controller';
import { EngineError } from '../../engine-client/engine-client';
import type { LectureRef, Session } from '../../worker/protocol';
import type { FileChecks } from '../../worker/file-checks';
import { linkForgotten } from '../share/address-bar';
import { canonical } from '../../share/settings-of';
import { isClassListed, stageShownWithTraffic, stepClassesShown, useStageStore, type StageId, type TimeViewState } from '../../app/stage-store';
import type { EventClass } from '../../app/theme';
import { isOnScript } from './on-script';
import { STEP_PLAY_MS, stepPlayWallMs } from './step-pace';
import { DEFAULT_KEY } from '../../worker/default-config';
import { focusAt, viewAt, nextPlace, previousPlace, type LecturePlace, type LectureShape, type StepFocus } from './lecture-nav';
import { leftAt, leftFollowed, leftRemembered, shapeOf, type LeftLecture } from './lecture-memory';

interface LectureState {
  readonly isLibraryOpen: boolean;
  readonly lecture: Lecture | null;
  readonly shape: LectureShape | null;
  readonly place: LecturePlace;
  /** The cursor at the end of each step of the loaded part. */
  readonly stepEnds: readonly number[];
  /** The trace's length at the end of each step: step i made the events from `stepTraceEnds[i - 1]` on. */
  readonly stepTraceEnds: readonly number[];
  /**
   * The timeline's revision when the part was recorded (see `Timeline.revision`); -1 when a
   * shared link opened off the lecture's script. While the page's revision differs, the
   * lecturer has changed the recorded steps (a put, an Undo in the past): the page shows
   * their own actions, and Next or Previous records the part again.
   */
  readonly scriptRevision: number;
  /** A part is being recorded or a seek is on its way: Next and Previous wait. */
  readonly isBusy: boolean;
  /** The step is playing up to its end (messages travelling): Next ends the play at once. */
  readonly isPlayingStep: boolean;
  /**
   * The text of the lecturer's own lecture, opened from a file; null for a built-in one. The
   * worker records an own lecture's parts as sent, a link holds the session, not the lecture,
   * and the text is kept with its place so the library offers it after a reload.
   */
  readonly ownSource: string | null;
  /** The choice clicked to answer the step's question (its index), shown beside the right one; null when Next revealed it. */
  readonly picked: number | null;
  /** The lecture last left, and where (in this page or, kept in the browser's storage, before a reload): the library offers to resume it there. */
  readonly left: LeftLecture | null;
  /** The lecturer's own lecture checked as `npm run lecture` checks it (its expects, its narration's claims); null until checked, and for a built-in one. */
  readonly checks: FileChecks | null;
  libraryToggled(isOpen: boolean): void;
}

const START: LecturePlace = { part: 0, step: 0, isRevealed: false };

export const useLectureStore = create<LectureState>()((set) => ({
  isLibraryOpen: false,
  lecture: null,
  shape: null,
  place: START,
  stepEnds: [],
  stepTraceEnds: [],
  scriptRevision: 0,
  isBusy: false,
  isPlayingStep: false,
  ownSource: null,
  picked: null,
  left: leftRemembered(),
  checks: null,
  libraryToggled: (isLibraryOpen) => set({ isLibraryOpen }),
}));

leftFollowed(useLectureStore.subscribe);

/** The free play a lecture was opened from: leaving the lecture brings it back as it was. */
interface FreePlay {
  readonly session: Session;
  readonly stage: StageId;
  /** The space-time diagram's zoom and scroll (null: never drawn); a lecture's steps set their own. */
  readonly timeView: TimeViewState | null;
  readonly key: string | null;
  readonly workload: number;
  /** The kinds the log showed, and what Undo could bring back (a session a settings change replaced). */
  readonly logFilter: ReturnType<typeof useStore.getState>['logFilter'];
  readonly replaced: ReturnType<typeof useStore.getState>['replaced'];
}

let freePlay: FreePlay | null = null;

/** Keeps the free play being left for a lecture (not a lecture being left for another: the free play before it stays kept). */
async function freePlayKept(controller: Controller): Promise<void> {
  if (useLectureStore.getState().lecture !== null) return;
  const { selectedKey, workload, logFilter, replaced } = useStore.getState();
  const { stage, timeView } = useStageStore.getState();
  try {
    freePlay = { session: await controller.session(), stage, timeView, key: selectedKey, workload, logFilter, replaced };
  } catch {
    freePlay = null; // the engine is not running: leaving starts afresh, as before
  }
}

/**
 * Leaves lecture mode: the free play the lecture was opened from comes back as it was (its
 * cluster, actions, position, panel, the space-time diagram's zoom, key, the log's kinds and what Undo could bring back), and the library offers to resume the lecture
 * where it was left. Without one (a link opened the lecture), a fresh cluster of the
 * header's settings.
 */
export async function lectureLeft(controller: Controller): Promise<void> {
  if (!useLectureStore.getState().lecture) return;
  const before = freePlay;
  lectureEnded();
  linkForgotten(); // the address no longer names the lecture: a reload opens the free play's settings, not the lecture again
  if (before && (await controller.openSession(before.session)) === null) {
    useStageStore.getState().stageChosen(before.stage);
    useStageStore.getState().timeViewAskedFor(before.timeView);
    useStore.getState().workloadChosen(before.workload);
    useStore.setState({ logFilter: before.logFilter });
    useStore.getState().replacedKept(before.replaced);
    await controller.selectKey(before.key ?? DEFAULT_KEY);
    return;
  }
  useStageStore.getState().stageChosen('ring');
  await controller.loadSettings(useStore.getState().settings);
  if (useStore.getState().selectedKey === null) await controller.selectKey(DEFAULT_KEY);
}

/**
 * Lecture mode ends, the library offering to resume the lecture where it was left, and the free
 * play it was opened from is let go. On its own (not through `lectureLeft`): a scenario file, a
 * saved session or a free-play link opened over the lecture, which replaced its cluster. Before,
 * the lecture went on narrating its steps over the new cluster, its header still locked to the
 * lecture's settings.
 */
export function lectureEnded(): void {
  const { lecture, place, ownSource } = useLectureStore.getState();
  if (!lecture) return;
  freePlay = null;
  stepClassesShown([]);
  useLectureStore.setState({ lecture: null, shape: null, place: START, stepEnds: [], stepTraceEnds: [], isBusy: false, isPlayingStep: false, checks: null, left: leftAt(lecture, place, ownSource ?? undefined) });
}

/**
 * `lectureEnded` for a file or link opened over the lecture: the panels follow a key again (a
 * step with no key left the preference list asking for one beside the Key field's "cart").
 */
export async function lectureReplaced(controller: Controller): Promise<void> {
  if (!useLectureStore.getState().lecture) return;
  lectureEnded();
  if (useStore.getState().selectedKey === null) await controller.selectKey(DEFAULT_KEY);
}

/**
 * After the engine was restarted (it had stopped): the lecture open, if any, is recorded again
 * in the new engine, which knows nothing of it, and stands at the step it stood at. Before,
 * the lecture went on narrating its steps over the header's free-play cluster.
 */
export async function engineRestarted(controller: Controller, restart: () => Promise<unknown>): Promise<void> {
  // Busy from the click on: Next pressed while the new engine started raced the lecture's recording
  // again, and the lecture stood on its step as if Next had done nothing (a flaky test found it).
  if (useLectureStore.getState().lecture) useLectureStore.setState({ isBusy: true });
  try {
    await restart();
  } finally {
    useLectureStore.setState({ isBusy: false });
  }
  const { lecture, place } = useLectureStore.getState();
  if (!lecture) return;
  useLectureStore.setState({ stepEnds: [], stepTraceEnds: [], isBusy: true, isPlayingStep: false });
  await goTo(controller, place);
}

/** Lecture mode begins: the lecture's panel on the stage, and no background clients (they would rewrite its steps). */
function lectureEntered(lecture: Lecture, isBusy: boolean, ownSource: string | null = null): void {
  useStore.getState().workloadChosen(0);
  stepClassesShown([]);
  useLectureStore.setState({ isLibraryOpen: false, lecture, shape: shapeOf(lecture), place: START, stepEnds: [], stepTraceEnds: [], isBusy, ownSource, isPlayingStep: false, picked: null, checks: null });
  stageShownWithTraffic(viewAt(lecture, 0, 0));
}

/** Opens a lecture from the library at its first step, or at `place` (resuming where it was left). */
export async function lectureChosen(controller: Controller, lectureId: string, place: LecturePlace = START): Promise<void> {
  const lecture = loadLecture(lectureId);
  await freePlayKept(controller);
  linkForgotten();
  lectureEntered(lecture, false);
  await goTo(controller, place);
}

/**
 * Opens a lecturer's own lecture (a file, `source` its text, or resumed from the library) at `place`. Checked
 * first, as `npm run lecture` checks it: one the runner refuses (a settle that never settles,
 * a step the engine refuses) is refused here too, in its words, and the reason returned; before,
 * it opened over the free play and Next did nothing. One whose checks fail plays all the same,
 * and the panel says what failed.
 */
export async function ownLectureOpened(controller: Controller, lecture: Lecture, source: string, place: LecturePlace = START): Promise<string | null> {
  let checks: FileChecks | null = null;
  try {
    checks = (await controller.query({ type: 'checkFile', file: { lecture } })).checks;
  } catch (error) {
    if (error instanceof EngineError) return error.message;
    // The engine stopped (the page says so): the lecture opens, to be recorded once it is restarted.
  }
  await freePlayKept(controller);
  linkForgotten();
  lectureEntered(lecture, false, source);
  await goTo(controller, place);
  if (useLectureStore.getState().lecture === lecture) useLectureStore.setState({ checks });
  return null;
}

/** Records part `part` of the open lecture: a built-in one by its id, the lecturer's own as its scenario. */
function partLoaded(controller: Controller, lecture: Lecture, part: number) {
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
  // Clicked while the step still plays: it ends first (as Next would), then the answer shows.
  if (useLectureStore.getState().isPlayingStep && controller.isPlayingTo) {
    controller.skipPlay();
    await whenSettled();
  }
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
 * True when playback stands elsewhere than where the lecture's step ends (the lecturer
 * stepped or played on the lecture's own recording): the narration no longer describes
 * what the panels show.
 */
export function useIsAwayFromStep(): boolean {
  const cursor = useStore((s) => s.cursor);
  const revision = useStore((s) => s.revision);
  return useLectureStore((s) => {
    const end = s.stepEnds[s.place.step];
    return !s.isBusy && !offScript(s, revision) && end !== undefined && cursor !== end;
  });
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

async function goTo(controller: Controller, to: LecturePlace): Promise<void> {
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
function stepOnlyClasses(step: number): EventClass[] {
  const { stepTraceEnds } = useLectureStore.getState();
  const from = step === 0 ? 0 : (stepTraceEnds[step - 1] ?? 0);
  const classes = new Set<EventClass>();
  for (let i = from; i < Math.min(stepTraceEnds[step] ?? from, traceIndex.length); i++) classes.add(traceIndex.classOf(i));
  return [...classes].some(isClassListed) ? [] : [...classes];
}

/** Points the panels at the step's key, with the list length it asks about (the token walk's RF=2). */
async function focusOn(controller: Controller, { key, n }: StepFocus): Promise<void> {
  const { selectedKey, keyView, n: clusterN } = useStore.getState();
  const isShown = key === selectedKey && (key === null || (keyView?.key === key && keyView.n === (n ?? clusterN)));
  if (!isShown) await controller.selectKey(key, false, n);
}

/** True when the page no longer shows the lecture's own recording of the part (see `scriptRevision`). */
export function isOffScript(): boolean {
  return offScript(useLectureStore.getState(), useStore.getState().revision);
}

/** `isOffScript` for a component, which redraws when either store changes. */
export function useIsOffScript(): boolean {
  const revision = useStore((s) => s.revision);
  return useLectureStore((s) => offScript(s, revision));
}

/**
 * True when Undo would take back a step of the lecture rather than the lecturer's own
 * action: on the lecture's own recording, and also off it once the lecturer's actions have
 * been undone back to the step (the cursor at or before the step's end; each Undo makes a
 * new revision, so the page stays "off script" there). Previous takes a lecture step back;
 * Undo is for the lecturer's own actions.
 */
export function undoReachesLecture(): boolean {
  const { cursor, revision } = useStore.getState();
  return undoReachesScript(useLectureStore.getState(), revision, cursor);
}

/** `undoReachesLecture` for a component. */
export function useUndoReachesLecture(): boolean {
  const revision = useStore((s) => s.revision);
  const cursor = useStore((s) => s.cursor);
  return useLectureStore((s) => undoReachesScript(s, revision, cursor));
}

function undoReachesScript(s: Pick<LectureState, 'lecture' | 'scriptRevision' | 'stepEnds' | 'place'>, revision: number, cursor: number): boolean {
  if (s.lecture === null) return false;
  if (!offScript(s, revision)) return true;
  const end = s.stepEnds[s.place.step];
  return end !== undefined && cursor <= end;
}

function offScript({ lecture, scriptRevision }: Pick<LectureState, 'lecture' | 'scriptRevision'>, revision: number): boolean {
  return lecture !== null && scriptRevision !== revision;
}

/** Where the lecture stands, for a share link; null outside lecture mode. */
export function lecturePlace(): LectureRef | null {
  const { lecture, place, ownSource } = useLectureStore.getState();
  // A lecture of the lecturer's own is not in the viewer's library: its link holds the session as it stands.
  if (!lecture || ownSource !== null) return null;
  return { id: lecture.id, part: place.part, step: place.step, ...(place.isRevealed ? { isRevealed: true } : {}) };
}

/**
 * Opens a shared session that was made in lecture mode: the lecture's part is recorded (for
 * its steps' ends), then the session's own actions and cursor replace it, so what the
 * viewer sees is exactly what was shared. Null, or why it could not be opened.
 */
export async function lectureResumed(controller: Controller, session: Session): Promise<string | null> {
  const ref = session.lecture!;
  let lecture: Lecture;
  try {
    lecture = loadLecture(ref.id);
  } catch {
    return `there is no built-in lecture "${ref.id}"`;
  }
  const part = lecture.parts[ref.part];
  if (!part) return `lecture "${lecture.title}" has no part ${ref.part + 1}`;
  if (ref.step >= part.scenario.steps.length) return `part ${ref.part + 1} of lecture "${lecture.title}" has no step ${ref.step + 1}`;
  // What the page showed, opened again if the link turns out not to open: a bad link must not cost the class its cluster (or its lecture).
  const restore = await pageKept(controller);
  lectureEntered(lecture, true);
  const loaded = await partLoaded(controller, lecture, ref.part);
  const recorded = loaded ? await controller.session() : null;
  const script = recorded?.actions ?? [];
  // The narration is the built-in lecture's: a link that changes its cluster or seed would contradict it.
  const isChanged = recorded !== null && (session.seed !== recorded.seed || canonical(session.config) !== canonical(recorded.config));
  const error = !loaded ? 'the lecture could not be recorded' : isChanged ? `it changes the cluster or the seed of part ${ref.part + 1} of lecture "${lecture.title}", which a lecture link replays as the lecture has them` : await controller.openSession(session);
  if (error !== null || !loaded) {
    await restore();
    return error;
  }
  const ends = loaded.cursors;
  await focusOn(controller, focusAt(lecture, ref.part, ref.step));
  // A link shared after the lecturer changed the recorded steps opens off the script, as it was seen.
  const scriptRevision = isOnScript(session.actions, script) ? useStore.getState().revision : -1;
  useLectureStore.setState({ place: { part: ref.part, step: ref.step, isRevealed: ref.isRevealed ?? false }, stepEnds: ends, stepTraceEnds: loaded.traceLengths, scriptRevision, isBusy: false });
  stageShownWithTraffic(viewAt(lecture, ref.part, ref.step));
  // The kinds a step made only of hidden ones lends the log, as Next lent them in the lecturer's page.
  stepClassesShown(stepOnlyClasses(ref.step));
  return null;
}

/**
 * What the page shows now (the session, a lecture and where it stands, the header's
 * settings, the stage, the background clients), and the function that brings it all back.
 */
async function pageKept(controller: Controller): Promise<() => Promise<void>> {
  const session = await controller.session();
  const { lecture, shape, place, stepEnds, stepTraceEnds, scriptRevision, ownSource, checks } = useLectureStore.getState();
  const { settings, workload, revision } = useStore.getState();
  const { stage } = useStageStore.getState();
  const wasOnScript = lecture !== null && scriptRevision === revision;
  return async () => {
    useLectureStore.setState({ lecture, shape, place, stepEnds, stepTraceEnds, ownSource, checks, isBusy: false });
    await controller.openSession(session);
    // The same actions again: a lecture on its script stays on it (the recording is new, its steps end where they did).
    useLectureStore.setState({ scriptRevision: wasOnScript ? useStore.getState().revision : -1 });
    useStore.setState({ settings, workload });
    useStageStore.getState().stageChosen(stage);
  };
}
