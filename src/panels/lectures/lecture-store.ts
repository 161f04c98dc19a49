/**
 * Lecture mode's own state (DESIGN §5: a slice of UI state, named by events): which
 * lecture is open, where the player stands, and each step's end in the worker's timeline,
 * with the questions the panels ask of it. The lecture itself is data (src/lectures/); the
 * worker records a part and answers with `stepEnds`, and the player (lecture-player.ts)
 * seeks to them. Entering and leaving lecture mode is lecture-session.ts's.
 */
import { create } from 'zustand';
import { useStore } from '../../store/store';
import type { Lecture } from '../../lectures/index';
import type { LectureRef } from '../../worker/protocol';
import type { FileChecks } from '../../worker/file-checks';
import type { LecturePlace, LectureShape } from './lecture-nav';
import { leftFollowed, leftRemembered, type LeftLecture } from './lecture-memory';

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

/** A lecture's first step, its answer not yet revealed. */
export const START: LecturePlace = { part: 0, step: 0, isRevealed: false };

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
