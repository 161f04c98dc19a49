/**
 * The lecture last left, and where, kept in the browser's storage so the library still offers
 * "Resume at step 13 (part 2)" after the page is reloaded or the browser closed: a lecturer who
 * stopped at step 30 of 44 at the end of one class, or whose projector's browser was restarted,
 * clicked through thirty steps again. The place is kept at every step while a lecture is open, so
 * a reload in the middle of it resumes where it stood.
 *
 * Only the library's offer comes back: nothing opens by itself, and a link in the address still
 * decides what the page opens. A lecturer's own lecture is kept as the text of its file (a
 * built-in one by its id) and read again with the lecture format's own check, as a file is. What
 * is kept is checked on reading: an unknown lecture, a place it does not have, a file it no
 * longer parses or storage the browser refuses are passed over, and the library offers nothing.
 */
import { z } from 'zod';
import { LECTURES, loadLecture, parseLectureText, type Lecture } from '../../lectures/index';
import { progress, type LecturePlace, type LectureShape } from './lecture-nav';

/** The lecture last left: the library offers to resume it at `place`. `own`: the lecturer's own, from a file (`ownSource`, its text), which the library does not list. */
export interface LeftLecture {
  readonly lectureId: string;
  readonly place: LecturePlace;
  /** "step 13 (part 2)", numbered as the player numbers steps. */
  readonly where: string;
  readonly own?: Lecture;
  readonly ownSource?: string;
}

/** The part of `Storage` used here; `localStorage`, or a stand-in in tests. */
export type KeptStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PLACE_KEY = 'dynamoscope.lecture-left';
const SOURCE_KEY = 'dynamoscope.own-lecture';

const keptSchema = z.object({
  lectureId: z.string().max(200),
  own: z.boolean(),
  place: z.object({ part: z.number().int().min(0), step: z.number().int().min(0), isRevealed: z.boolean() }),
});

/** What the navigation needs of a lecture: how many steps each part has, and which ask a question. */
export function shapeOf(lecture: Lecture): LectureShape {
  return { hasQuestion: lecture.parts.map((p) => p.scenario.steps.map((_, i) => p.guide[i]?.question !== undefined)) };
}

/** The lecture left at `place`, with its place said as the player says it. */
export function leftAt(lecture: Lecture, place: LecturePlace, ownSource?: string): LeftLecture {
  const { number } = progress(shapeOf(lecture), place);
  const where = `step ${number}${lecture.parts.length > 1 ? ` (part ${place.part + 1})` : ''}`;
  return { lectureId: lecture.id, place, where, ...(ownSource !== undefined ? { own: lecture, ownSource } : {}) };
}

/** The browser's storage, or null where there is none or it is refused (a test in Node, a browser with storage off). */
export function browserStore(): KeptStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // reading `localStorage` itself throws where the browser blocks storage
  }
}

/**
 * Keeps `left` (or forgets it, given null). `isNewSource`: the own lecture's text is written
 * too, which is needed only when the lecture is opened, not at every step. A full or refused
 * storage keeps nothing and says nothing: the offer is lost only after a reload, as before.
 */
export function leftKept(left: LeftLecture | null, isNewSource: boolean, store: KeptStore | null = browserStore()): void {
  if (!store) return;
  try {
    if (!left) {
      store.removeItem(PLACE_KEY);
      store.removeItem(SOURCE_KEY);
      return;
    }
    // The old text goes first: a new one the storage refuses must not leave the last file's text under this lecture's place.
    if (left.ownSource === undefined || isNewSource) store.removeItem(SOURCE_KEY);
    if (left.ownSource !== undefined && isNewSource) store.setItem(SOURCE_KEY, left.ownSource);
    store.setItem(PLACE_KEY, JSON.stringify({ lectureId: left.lectureId, own: left.ownSource !== undefined, place: left.place }));
  } catch {
    try {
      store.removeItem(PLACE_KEY); // a place without its lecture's text would resume nothing
    } catch {
      // storage refused altogether
    }
  }
}

/** What `leftFollowed` watches of the lecture store. */
interface Watched {
  readonly lecture: Lecture | null;
  readonly place: LecturePlace;
  readonly ownSource: string | null;
  readonly left: LeftLecture | null;
}

/** Keeps the place at every step while a lecture is open, so a reload resumes where it stood; then the place it was left at. */
export function leftFollowed(subscribe: (listener: (s: Watched, before: Watched) => void) => unknown): void {
  subscribe((s, before) => {
    if (s.lecture && (s.place !== before.place || s.lecture !== before.lecture)) leftKept(leftAt(s.lecture, s.place, s.ownSource ?? undefined), s.lecture !== before.lecture);
    else if (!s.lecture && s.left !== before.left) leftKept(s.left, false);
  });
}

/** The lecture kept by `leftKept`, checked again; null when there is none or it no longer fits. */
export function leftRemembered(store: KeptStore | null = browserStore()): LeftLecture | null {
  try {
    const text = store?.getItem(PLACE_KEY);
    if (!text) return null;
    const kept = keptSchema.safeParse(JSON.parse(text));
    if (!kept.success) return null;
    const { lectureId, own, place } = kept.data;
    const source = own ? store?.getItem(SOURCE_KEY) : undefined;
    const lecture = own ? ownLecture(source, lectureId) : builtIn(lectureId);
    if (!lecture || !isPlaceOf(lecture, place)) return null;
    return leftAt(lecture, place, own ? source! : undefined);
  } catch {
    return null; // storage refused, or text that is not JSON
  }
}

function ownLecture(source: string | null | undefined, id: string): Lecture | null {
  if (!source) return null;
  const parsed = parseLectureText(source);
  return parsed.ok && parsed.lecture.id === id ? parsed.lecture : null;
}

function builtIn(id: string): Lecture | null {
  return LECTURES.some((l) => l.id === id) ? loadLecture(id) : null;
}

function isPlaceOf(lecture: Lecture, place: LecturePlace): boolean {
  const steps = shapeOf(lecture).hasQuestion[place.part];
  return steps !== undefined && place.step < steps.length && (!place.isRevealed || steps[place.step] === true);
}
