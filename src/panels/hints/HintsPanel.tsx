/**
 * Hinted handoff (paper §4.6; lectures 002, 003): each stand-in's hinted store at the
 * cursor — key, the node the write was meant for, since when — with the stand-in and the
 * intended node linked; the writes a coordinator sent to stand-ins; the hints handed over
 * (animated when it just happened); and how many hints the cluster held over time.
 * Everything is read from the trace up to the cursor, so stepping back shows the past.
 */
import { useLiveWhenPaused } from '../../app/use-live';
import { useMemo, useRef, useState } from 'react';
import { useStore } from '../../store/store';
import { useLedgerAt } from '../../store/use-trace';
import { nodeColours } from '../../store/selectors';
import { useSize } from '../../app/use-size';
import { HintLedger, recentDeliveries, type HintCountPoint } from './hint-ledger';
import { countChart, formatMs } from './hints-layout';
import { HintStores, StoreSizes } from './HintStores';
import { DeliveryList, SloppyList } from './HintEvents';
import { ExportButtons } from '../share/ExportButtons';
import './hints.css';

/** One hints panel per page: its ledger is kept between renders and remounts, and let go when the trace is cut. */
const ledger = new HintLedger();

/** How long after a handover (virtual ms) it is still shown as "just now". */
export const JUST_DELIVERED_MS = 500;

/** The chart's height: taller when the stage is wide (a projector's whole width). */
const chartHeight = (width: number) => (width >= 700 ? 130 : 92);

export function HintsPanel() {
  const hints = useLedgerAt(ledger);
  const nodes = useStore((s) => s.nodes);
  const nowMs = useStore((s) => s.nowMs);
  const idList = nodes.map((n) => n.id).join(',');
  const colours = useMemo(() => nodeColours(idList.split(',')), [idList]);
  const recent = useMemo(() => recentDeliveries(hints.deliveries, nowMs, JUST_DELIVERED_MS), [hints.deliveries, nowMs]);
  const count = hints.held.length;
  const live = useLiveWhenPaused();
  const panel = useRef<HTMLElement>(null);
  return (
    <section className="panel stage-panel hints-panel" aria-labelledby="hints-title" ref={panel}>
      <div className="panel-head">
        <h2 className="panel-title">
          <span id="hints-title">Hinted handoff</span>{' '}
          <span className="subtle" role="status" aria-live={live} aria-label="Hints held">
            · {count} hint{count === 1 ? '' : 's'} held
            {hints.lost > 0 ? ` · ${hints.lost} lost with a disk` : ''}
          </span>
        </h2>
        {/* For a slide on sloppy quorum: the chart and what is whole on screen of the lists under it (data-export). */}
        {hints.counts.length > 0 ? <ExportButtons target={panel} name="hints" label="Hinted handoff" /> : null}
      </div>
      <div className="panel-scroll-body" role="group" aria-label="Hinted stores and handovers" tabIndex={0}>
        <HintsChart counts={hints.counts} nowMs={nowMs} />
        <StoreSizes held={hints.held} nodes={nodes} colours={colours} />
        <HintStores held={hints.held} nodes={nodes} colours={colours} hasHistory={hints.counts.length > 0} />
        <DeliveryList deliveries={hints.deliveries} recent={recent} colours={colours} />
        <SloppyList sloppy={hints.sloppy} colours={colours} />
      </div>
    </section>
  );
}

function HintsChart({ counts, nowMs }: { counts: readonly HintCountPoint[]; nowMs: number }) {
  const [box, setBox] = useState<HTMLElement | null>(null);
  const { width } = useSize(box);
  const height = chartHeight(width);
  const chart = useMemo(() => (width > 0 ? countChart(counts, nowMs, { width, height, left: 34, bottom: 22 }) : null), [counts, nowMs, width, height]);
  return (
    <figure className="hh-chart" ref={setBox} data-export>
      <figcaption>Hints held over time{chart && chart.peak > 0 ? ` · peak ${chart.peak}` : ''}</figcaption>
      {chart ? (
        <svg width={width} height={height} role="img" aria-label={`Hints held over time, from 0 to ${formatMs(nowMs)}: now ${counts.at(-1)?.count ?? 0}, at most ${chart.peak}`}>
          {chart.yTicks.map((t) => (
            <g key={t.y}>
              <line x1={chart.plot.x0} x2={chart.plot.x1} y1={t.y} y2={t.y} className="hh-grid" />
              <text x={chart.plot.x0 - 6} y={t.y + 5} textAnchor="end" className="hh-tick">
                {t.label}
              </text>
            </g>
          ))}
          <path d={chart.areaPath} className="hh-area" />
          <path d={chart.linePath} className="hh-line" />
          {chart.xTicks.map((t) => (
            <text key={t.x} x={t.x} y={height - 4} textAnchor={t.anchor} className="hh-tick">
              {t.label}
            </text>
          ))}
          <line x1={chart.nowX} x2={chart.nowX} y1={chart.plot.y1} y2={chart.plot.y0} className="hh-now" />
        </svg>
      ) : null}
    </figure>
  );
}
