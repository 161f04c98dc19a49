/**
 * Entering and leaving lecture mode: a lecture opened from the library, a file or a shared
 * link, with the free play it was opened from kept and brought back when the lecture is left;
 * a lecture ended by a file or link opened over it; and the lecture recorded again after the
 * engine was restarted.
 */
import { useStore } from '../../store/store';
import { loadLecture, type Lecture } from '../../lectures/index';
import type { Controller } from '../../engine-client/controller';
import { EngineError } from '../../engine-client/engine-client';
import type { Session } from '../../worker/protocol';
import type { FileChecks } from '../../worker/file-checks';
import { linkForgotten } from '../share/address-bar';
import { canonical } from '../../share/settings-of';
import { lendingForgotten, ownFilter, stageShownWithTraffic, stepClassesShown, useStageStore, type StageId, type TimeViewState } from '../../app/stage-store';
import { isOnScript } from './on-script';
import { DEFAULT_KEY } from '../../worker/default-config';
import { focusAt, viewAt, type LecturePlace } from './lecture-nav';
import { leftAt, shapeOf } from './lecture-memory';
import { START, useLectureStore } from './lecture-store';
import { focusOn, goTo, partLoaded, stepOnlyClasses } from './lecture-player';

/** The free play a lecture was opened from: leaving the lecture brings it back as it was. */
interface FreePlay {
  readonly session: Session;
  readonly stage: StageId;
  /** The space-time diagram's zoom and scroll (null: never drawn); a lecture's steps set their own. */
  readonly timeView: TimeViewState | null;
  readonly key: string | null;
  readonly workload: number;
  /** The kinds the log showed, and what Undo could bring back (a session a settings change replaced) and Redo. */
  readonly logFilter: ReturnType<typeof useStore.getState>['logFilter'];
  readonly replaced: ReturnType<typeof useStore.getState>['replaced'];
  readonly redo: ReturnType<typeof useStore.getState>['redo'];
}

let freePlay: FreePlay | null = null;

/** Keeps the free play being left for a lecture (not a lecture being left for another: the free play before it stays kept). */
async function freePlayKept(controller: Controller): Promise<void> {
  if (useLectureStore.getState().lecture !== null) return;
  const { selectedKey, workload, logFilter, replaced, redo } = useStore.getState();
  const { stage, timeView } = useStageStore.getState();
  try {
    // The log's own kinds: a kind the stage lent is lent again when the free play comes back.
    freePlay = { session: await controller.session(), stage, timeView, key: selectedKey, workload, logFilter: ownFilter(logFilter), replaced, redo };
  } catch {
    freePlay = null; // the engine is not running: leaving starts afresh, as before
  }
}

/**
 * Leaves lecture mode: the free play the lecture was opened from comes back as it was (its
 * cluster, actions, position, panel, the space-time diagram's zoom, key, the log's kinds and what Undo and Redo could bring back), and the library offers to resume the lecture
 * where it was left. Without one (a link opened the lecture), a fresh cluster of the
 * header's settings.
 */
export async function lectureLeft(controller: Controller): Promise<void> {
  if (!useLectureStore.getState().lecture) return;
  const before = freePlay;
  lectureEnded();
  linkForgotten(); // the address no longer names the lecture: a reload opens the free play's settings, not the lecture again
  if (before && (await controller.openSession(before.session)) === null) {
    // The log's own kinds first, then the stage, which lends its traffic afresh (the Members tab, Gossip).
    lendingForgotten();
    useStore.setState({ logFilter: before.logFilter });
    stageShownWithTraffic(before.stage);
    useStageStore.getState().timeViewAskedFor(before.timeView);
    useStore.getState().workloadChosen(before.workload);
    useStore.getState().replacedKept(before.replaced);
    useStore.getState().redoKept(before.redo);
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
 * settings, the stage, the background clients, what Undo and Redo could bring back), and the
 * function that brings it all back.
 */
async function pageKept(controller: Controller): Promise<() => Promise<void>> {
  const session = await controller.session();
  const { lecture, shape, place, stepEnds, stepTraceEnds, scriptRevision, ownSource, checks } = useLectureStore.getState();
  const { settings, workload, revision, replaced, redo } = useStore.getState();
  const { stage } = useStageStore.getState();
  const wasOnScript = lecture !== null && scriptRevision === revision;
  return async () => {
    useLectureStore.setState({ lecture, shape, place, stepEnds, stepTraceEnds, ownSource, checks, isBusy: false });
    await controller.openSession(session);
    // What Undo and Redo could bring back, which opening the session again forgets.
    useStore.getState().replacedKept(replaced);
    useStore.getState().redoKept(redo);
    // The same actions again: a lecture on its script stays on it (the recording is new, its steps end where they did).
    useLectureStore.setState({ scriptRevision: wasOnScript ? useStore.getState().revision : -1 });
    useStore.setState({ settings, workload });
    useStageStore.getState().stageChosen(stage);
  };
}
