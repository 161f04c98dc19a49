/** Playback: play, pause, step one event forward or back (by replay), speed, background clients. */
import { useClock } from '../../store/clock';
import { useStore } from '../../store/store';
import { classesToPassOver } from '../../app/stage-store';
import { useController } from '../../app/controller-context';
import { useLectureStore } from '../lectures/lecture-store';

export const SPEEDS: readonly { readonly value: number; readonly label: string }[] = [
  { value: 5, label: '5 ms/s' },
  { value: 20, label: '20 ms/s' },
  { value: 100, label: '100 ms/s' },
  { value: 500, label: '500 ms/s' },
  { value: 1000, label: 'real time' },
];

export const WORKLOADS: readonly { readonly value: number; readonly label: string }[] = [
  { value: 0, label: 'none' },
  { value: 20, label: '20 ops/s' },
  { value: 200, label: '200 ops/s' },
  { value: 1000, label: '1,000 ops/s' },
];

function ClockReadout() {
  const clockMs = useClock((s) => s.clockMs);
  return (
    <span className="clock" title="Virtual time">
      {clockMs.toFixed(1)} ms
    </span>
  );
}

export function PlaybackBar() {
  const controller = useController();
  const isPlaying = useStore((s) => s.isPlaying);
  const speed = useStore((s) => s.speed);
  const workload = useStore((s) => s.workload);
  const workloadChosen = useStore((s) => s.workloadChosen);
  // A lecture's steps are its own: background clients would rewrite them, so none run in lecture mode.
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const cursor = useStore((s) => s.cursor);
  const length = useStore((s) => s.length);
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const total = useStore((s) => s.traceLength);
  const isLoading = useStore((s) => s.isLoading);
  const isPast = cursor < length;
  return (
    <section className="playback" aria-label="Playback">
      <button type="button" onClick={() => void controller.stepBack(classesToPassOver())} disabled={cursor === 0 || isLoading} aria-keyshortcuts="ArrowLeft">
        <span aria-hidden="true">◀ </span>Step back
      </button>
      <button type="button" className="play" onClick={() => controller.togglePlay()} disabled={isLoading} aria-keyshortcuts="Space">
        <span aria-hidden="true">{isPlaying ? '❚❚ ' : '▶ '}</span>
        {isPlaying ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => void controller.stepForward(classesToPassOver())} disabled={isLoading} aria-keyshortcuts="ArrowRight">
        Step forward<span aria-hidden="true"> ▶</span>
      </button>
      <label className="inline-label">
        <span>Speed</span>
        <select value={speed} onChange={(e) => controller.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {isLecture ? null : (
        <label className="inline-label">
          <span aria-hidden="true">Clients</span>
          <select value={workload} aria-label="Background load" title="Background load: clients putting and getting stored keys while playing" onChange={(e) => workloadChosen(Number(e.target.value))}>
            {WORKLOADS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <ClockReadout />
      {/* Counted in the event log's lines (hidden kinds included), not the engine's steps: a lecture's "Step 2 of 8" is the only step count on the page. */}
      <span className="position" role="status" aria-label="Position" title={isPast ? `${upTo.toLocaleString('en')} of the ${total.toLocaleString('en')} events recorded have happened` : `${upTo.toLocaleString('en')} events so far`}>
        {/* Where the bar is short of room, the count shrinks to an ellipsis, never "past" nor the Undo button. */}
        <span className="count">{isPast ? `event ${upTo.toLocaleString('en')}/${total.toLocaleString('en')}` : `event ${upTo.toLocaleString('en')}`}</span>
        {/* A lecture part is recorded ahead: being behind its end is the normal case, not a warning.
            An input here still drops that recorded future; the lecture panel says so ("Off script"). */}
        {isPast && !isLecture ? <strong className="past"> · past</strong> : null}
      </span>
      <StepNote />
      <UndoButton />
    </section>
  );
}

/** Why Step forward did not move: only events the log hides are ahead (the controller's notice). */
function StepNote() {
  const notice = useStore((s) => s.notice);
  if (notice?.field !== 'step') return null;
  return (
    <span className="step-note" role="alert">
      {notice.message}
    </span>
  );
}

/** Undo names what it takes back, so a lecturer sees which click it reverses. */
function UndoButton() {
  const controller = useController();
  const undoable = useStore((s) => s.undoable);
  const isLoading = useStore((s) => s.isLoading);
  return (
    <button type="button" className="undo" onClick={() => void controller.undo()} disabled={undoable === null || isLoading} aria-keyshortcuts="Control+Z" title={undoable === null ? 'Nothing to undo' : `Undo ${undoable}: take back the last action and everything after it`}>
      <span aria-hidden="true">↶ </span>
      {undoable === null ? 'Undo' : `Undo ${undoable}`}
    </button>
  );
}
