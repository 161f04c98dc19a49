/**
 * The step's event in words under the stage, in free play where the event log is not beside
 * it: on a projector at 125% or 150% zoom (two columns) the log and the request trace sit below
 * the work column's first screen, and a class saw a dot move with no sentence saying what it
 * did. The same line the log marks as now, in its words ("At 100.0 ms: B keeps D2 of cart in
 * its hinted store, for C"); shown by the layout only where the log is not beside the stage.
 * Not a live region: `StepAnnouncer` already says each step to a screen reader.
 */
import { TRAFFIC_COLOUR } from '../../app/theme';
import { NamedText } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { lastShown } from './StepAnnouncer';

export function StepCaption() {
  const filter = useStore((s) => s.logFilter);
  const told = useTraceMemo((index, upTo) => lastShown(upTo, (i) => filter[index.classOf(i)]), [filter]);
  return (
    <p className="step-caption" role="note" aria-label="The step's event" title={told ? withIsolates(told.text) : undefined}>
      {told === null ? (
        'Put a key, then Step forward: each step is told here.'
      ) : (
        <>
          <span className="step-caption-time" style={{ borderColor: TRAFFIC_COLOUR[told.cls] }}>
            {told.atMs.toFixed(1)} ms
          </span>{' '}
          <NamedText text={told.text} />
        </>
      )}
    </p>
  );
}
