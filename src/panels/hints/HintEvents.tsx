/**
 * The two moments of hinted handoff: a write that went to a stand-in (sloppy quorum), and
 * a hint handed over to the node it was meant for. A handover that just happened is
 * animated once — a dot travels from the stand-in to the intended node — or, with reduced
 * motion, simply marked.
 */
import { useReducedMotion } from '../../app/use-size';
import { KeyText } from '../../app/NamedText';
import type { HintDelivery, SloppyReason, SloppyTarget } from './hint-ledger';
import { formatMs } from './hints-layout';
import { NodeChip } from './NodeChip';
import { versionNames } from '../../engine/index';

/** Why the coordinator went past the node it meant: a stand-in with no node down surprises a class otherwise. */
const WHY: Readonly<Record<SloppyReason, (node: string) => string>> = {
  down: (node) => `${node} was down`,
  'cut-off': (node) => `${node} was cut off`,
  'no-answer': (node) => `${node} was up, but no answer came in time`,
};

/** What became of the copy or the read sent to the stand-in, after why it was sent there. */
function outcomeText(s: SloppyTarget): string {
  if (s.outcome === 'on-the-way') return ' · on its way';
  if (s.outcome === 'lost') return s.op === 'put' ? ` · lost on the way: ${s.standIn} keeps nothing` : ' · lost on the way';
  // "took", not "keeps": the line stays after the hint is handed over, when the stand-in no longer keeps it.
  return s.op === 'put' ? ` · ${s.standIn} took it as a hint` : ` · ${s.standIn} was asked`;
}

/** Items shown per list: the latest first. */
const SHOWN = 4;

export function SloppyList({ sloppy, colours }: { sloppy: readonly SloppyTarget[]; colours: ReadonlyMap<string, string> }) {
  if (sloppy.length === 0) return null;
  const shown = sloppy.slice(-SHOWN).reverse();
  return (
    <div className="hh-section" data-export>
      <h3>Sloppy quorum: sent to a stand-in</h3>
      <ul className="hh-events" aria-label="Sloppy writes">
        {shown.map((s) => (
          <li key={s.seq}>
            <span className="hh-what">
              {s.op} <strong>
                <KeyText k={s.key} />
              </strong>
            </span>
            <span className="hh-flow">
              <NodeChip id={s.coordinator} colour={colours.get(s.coordinator)} size="small" /> sent to <NodeChip id={s.standIn} colour={colours.get(s.standIn)} size="small" /> for{' '}
              <NodeChip id={s.intendedFor} colour={colours.get(s.intendedFor)} size="small" />
            </span>
            <span className="hh-when">{formatMs(s.atMs)}</span>
            <span className={`hh-why ${s.why}`}>
              {WHY[s.why](s.intendedFor)}
              {outcomeText(s)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface DeliveryProps {
  readonly deliveries: readonly HintDelivery[];
  /** Deliveries that happened just now: animated or marked. */
  readonly recent: readonly HintDelivery[];
  readonly colours: ReadonlyMap<string, string>;
}

export function DeliveryList({ deliveries, recent, colours }: DeliveryProps) {
  const isReduced = useReducedMotion();
  if (deliveries.length === 0) return null;
  const shown = deliveries.slice(-SHOWN).reverse();
  return (
    <div className="hh-section" data-export>
      <h3>Handed over</h3>
      <ul className="hh-events" aria-label="Hints handed over">
        {shown.map((d) => {
          const isJust = recent.includes(d);
          return (
            <li key={d.seq} className={isJust ? 'hh-just' : undefined}>
              <span className="hh-what">
                <strong>
                  <KeyText k={d.key} />
                </strong>{' '}
                {versionNames(d.versionIds)}
              </span>
              <span className="hh-flow hh-handover">
                <NodeChip id={d.holder} colour={colours.get(d.holder)} size="small" />
                <span className="hh-travel" aria-hidden="true">
                  {isJust && !isReduced ? <span className="hh-travel-dot" /> : null}
                </span>
                <NodeChip id={d.deliveredTo} colour={colours.get(d.deliveredTo)} size="small" />
                <span>
                  now holds {versionNames(d.versionIds)}
                  {d.deliveredTo !== d.intendedFor ? ` (meant for ${d.intendedFor}, who left)` : ''}
                </span>
              </span>
              <span className="hh-when">{isJust ? <strong>just now ✓</strong> : formatMs(d.atMs)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
