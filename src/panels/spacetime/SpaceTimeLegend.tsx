/**
 * The diagram's key: message kinds (which are also the event log's filters: turning one
 * off hides it in both), request outcomes, and the marks for lost messages, messages in
 * flight and new versions.
 */
import { EVENT_CLASSES, EVENT_CLASS_LABEL, TRAFFIC_COLOUR } from '../../app/theme';
import { useStore } from '../../store/store';
import { OUTCOME_LABEL, type Outcome } from './spacetime-layout';
import { OUTCOME_COLOUR } from './SpaceTimeLayers';

const OUTCOMES: readonly Outcome[] = ['ok', 'siblings', 'failed', 'pending'];

export function SpaceTimeLegend() {
  const filter = useStore((s) => s.logFilter);
  const toggled = useStore((s) => s.filterToggled);
  return (
    <div className="st-legend" aria-label="Legend">
      <div className="st-kinds" role="group" aria-label="Show in the diagram and the log">
        {EVENT_CLASSES.map((c) => (
          <button key={c} type="button" className={`st-kind ${filter[c] ? 'on' : 'off'}`} aria-pressed={filter[c]} title={`${filter[c] ? 'Hide' : 'Show'} ${EVENT_CLASS_LABEL[c].toLowerCase()} here and in the event log`} onClick={() => toggled(c)}>
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
          in flight
        </li>
        <li>
          <span className="st-mark version" aria-hidden="true">
            ◆
          </span>
          new version
        </li>
      </ul>
    </div>
  );
}
