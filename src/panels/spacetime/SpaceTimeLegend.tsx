/**
 * The diagram's key: message kinds (which are also the event log's filters: turning one
 * off hides it in both), request outcomes, and the marks for lost messages, messages in
 * flight, new versions and the current event.
 */
import { EVENT_CLASSES, EVENT_CLASS_LABEL, TRAFFIC_COLOUR } from '../../app/theme';
import { useState } from 'react';
import { hiddenClasses, useStore } from '../../store/store';
import { classChosen, useStageWide } from '../../app/stage-store';
import { OUTCOME_LABEL, type Outcome } from './spacetime-layout';
import { OUTCOME_COLOUR } from './SpaceTimeLayers';

const OUTCOMES: readonly Outcome[] = ['ok', 'siblings', 'failed', 'pending'];

/**
 * In the narrow stage the legend folds behind one button that names the kinds hidden: its four
 * lines took a quarter of the diagram's height at 1280×720. Wide, it shows whole.
 */
export function SpaceTimeLegend() {
  const isWide = useStageWide();
  const filter = useStore((s) => s.logFilter);
  const [isOpen, setOpen] = useState(false);
  if (isWide) return <FullLegend />;
  const hidden = hiddenClasses(filter).map((c) => EVENT_CLASS_LABEL[c]);
  return (
    <>
      <div className="st-legend folded">
        <button type="button" className="st-key-toggle" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
          Legend <span aria-hidden="true">{isOpen ? '▴' : '▾'}</span>
        </button>
        {/* On a slide too (data-export): a diagram without gossip should say it leaves gossip out. */}
        <span className="subtle" data-export>
          {hidden.length === 0 ? 'every kind shown' : `hidden: ${hidden.join(', ')}`}
        </span>
      </div>
      {isOpen ? <FullLegend /> : null}
    </>
  );
}

function FullLegend() {
  const filter = useStore((s) => s.logFilter);
  return (
    <div className="st-legend" role="group" aria-label="Legend">
      <div className="st-kinds" role="group" aria-label="Show in the diagram and the log">
        {EVENT_CLASSES.map((c) => (
          <button key={c} type="button" className={`st-kind ${filter[c] ? 'on' : 'off'}`} aria-pressed={filter[c]} title={`${filter[c] ? 'Hide' : 'Show'} ${EVENT_CLASS_LABEL[c].toLowerCase()} here and in the event log`} onClick={() => classChosen(c)}>
            <svg width="18" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="17" y2="5" stroke={TRAFFIC_COLOUR[c]} strokeWidth="3" strokeDasharray={c === 'cluster' ? '4 3' : undefined} />
            </svg>
            {EVENT_CLASS_LABEL[c]}
          </button>
        ))}
      </div>
      <ul className="st-keys">
        {OUTCOMES.map((o) => (
          <li key={o}>
            <span className={`st-swatch ${o}`} style={{ background: o === 'pending' ? undefined : OUTCOME_COLOUR[o] }} aria-hidden="true" />
            {OUTCOME_LABEL[o]}
          </li>
        ))}
        <li>
          <span className="st-mark lost" aria-hidden="true">
            ✕
          </span>
          lost
        </li>
        <li>
          <span className="st-mark flight" aria-hidden="true">
            ●
          </span>
          in flight, dashed on to where it is due
        </li>
        <li>
          <span className="st-mark version" aria-hidden="true">
            ◆
          </span>
          new version
        </li>
        <li>
          <svg className="st-mark now" width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5.5" />
          </svg>
          current event, as the log marks it
        </li>
      </ul>
    </div>
  );
}
