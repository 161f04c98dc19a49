/**
 * What a screen reader hears in free play: after a step (forward or back) or a pause, the
 * last event the log shows at the cursor, in the log's words ("At 140.0 ms: node2 answers the
 * client: put(cart) succeeded in 120 ms"). Nothing while playing, where a line per event would
 * drown the reader; nothing in a lecture, whose panel says each step.
 */
import { describe } from '../../engine/index';
import { traceIndex, useStore } from '../../store/store';
import { useLectureStore } from '../lectures/lecture-store';

export function StepAnnouncer() {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const isPlaying = useStore((s) => s.isPlaying);
  const filter = useStore((s) => s.logFilter);
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const text = isPlaying || isLecture ? '' : announcement(upTo, (index) => filter[traceIndex.classOf(index)]);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}

/** The last event before `upTo` the log shows, with its time; empty at the start. */
export function announcement(upTo: number, isShown: (index: number) => boolean): string {
  for (let i = upTo - 1; i >= 0; i--) {
    if (!isShown(i)) continue;
    const event = traceIndex.events[i]!;
    return `At ${event.atMs.toFixed(1)} ms: ${describe(event)}`;
  }
  return '';
}
