/**
 * What a screen reader hears in free play: after a step (forward or back) or a pause, the
 * last event the log shows at the cursor, in the log's words ("At 140.0 ms: node2 answers the
 * client: put(cart) succeeded in 120 ms"). Nothing while playing, where a line per event would
 * drown the reader; nothing in a lecture, whose panel says each step. After an Undo or a Redo,
 * what it took back or brought back comes first.
 */
import type { EventClass } from '../../app/theme';
import { traceIndex, useStore } from '../../store/store';
import { describe } from '../../engine/index';
import { useLectureStore } from '../lectures/lecture-store';

export function StepAnnouncer() {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const isPlaying = useStore((s) => s.isPlaying);
  const filter = useStore((s) => s.logFilter);
  const isLecture = useLectureStore((s) => s.lecture !== null);
  // Right after an Undo, said first: "Undone: recover B. Now at 0.0 ms: B fails…", not a failure that seems to happen anew.
  const undone = useStore((s) => (s.undone !== null && s.undone.revision === s.revision && s.undone.cursor === s.cursor ? `${s.undone.isRedo ? 'Redone' : 'Undone'}: ${s.undone.label}` : null));
  const at = isPlaying || isLecture ? '' : announcement(upTo, (index) => filter[traceIndex.classOf(index)]);
  const text = undone === null || isLecture ? at : `${undone}. ${at === '' ? 'Nothing has happened yet.' : `Now at${at.slice('At'.length)}`}`;
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}

/** The last event before `upTo` the log shows, with its time; empty at the start. */
export function announcement(upTo: number, isShown: (index: number) => boolean): string {
  const told = lastShown(upTo, isShown);
  return told === null ? '' : `At ${told.atMs.toFixed(1)} ms: ${told.text}`;
}

/** The last event before `upTo` the log shows: its time, class and the log's words for it; null when there is none. */
export function lastShown(upTo: number, isShown: (index: number) => boolean): { readonly atMs: number; readonly cls: EventClass; readonly text: string } | null {
  for (let i = upTo - 1; i >= 0; i--) {
    if (!isShown(i)) continue;
    const event = traceIndex.events[i]!;
    const { ringSize, partitions } = useStore.getState();
    return { atMs: event.atMs, cls: traceIndex.classOf(i), text: describe(event, { ringSize, partitions }) };
  }
  return null;
}
