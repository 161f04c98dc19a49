/**
 * Latency as the clients saw it (paper §2.3, §6; lectures 000, 003, 004): for gets and puts
 * apart, the requests answered by the cursor, the failed ones, and the 50th, 99th and 99.9th
 * percentiles of the successful ones, written large, over a histogram with the paper's
 * 300 ms line. Read from the trace up to the cursor, so stepping back shows the past; the
 * ledger reads each event once, so a million-event recording costs only what is new.
 */
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { useStore } from '../../store/store';
import { useLedgerAt } from '../../store/use-trace';
import { useSize } from '../../app/use-size';
import { LatencyLedger, type LatencyStats } from './latency-ledger';
import { formatLatency, histogram, ROW_PX } from './latency-layout';
import { latencyWords } from './latency-text';
import { ExportButtons } from '../share/ExportButtons';
import './latency.css';

/** One latency panel per page: its ledger is kept between renders and remounts, and let go when the trace is cut. */
const ledger = new LatencyLedger();

export function LatencyPanel() {
  const { get, put } = useLedgerAt(ledger);
  const isEmpty = get.answered === 0 && put.answered === 0;
  const hasClients = useStore((s) => s.workload > 0);
  const panel = useRef<HTMLElement>(null);
  return (
    <section className="panel stage-panel latency-panel" aria-labelledby="latency-title" ref={panel}>
      <div className="panel-head">
        <h2 className="panel-title">
          <span id="latency-title">Latency</span> <span className="subtle">· requests answered so far</span>
        </h2>
        {/* For a slide on the 99.9th percentile: each kind's figures go with its histogram (data-export). */}
        {isEmpty ? null : <ExportButtons target={panel} name="latency" label="Latency" />}
      </div>
      <div className="panel-scroll-body" role="group" aria-label="Latency of gets and puts" tabIndex={0}>
        {isEmpty ? (
          <p className="empty lat-empty">{hasClients ? 'Press Play: each request of the background clients lands here once it is answered.' : 'Choose Clients: 200 ops/s and Play, or put and get a key and step forward: each request lands here once it is answered.'}</p>
        ) : (
          <>
            <OpLatency stats={get} title="Gets" />
            <OpLatency stats={put} title="Puts" />
          </>
        )}
      </div>
    </section>
  );
}

function OpLatency({ stats, title }: { stats: LatencyStats; title: string }) {
  const words = latencyWords(stats);
  return (
    <section className={`lat-op lat-${stats.op}`} aria-label={title} data-export>
      <p className="lat-headline">
        {words.headline}
        {words.headlineMs ? <strong> {words.headlineMs}</strong> : null}
      </p>
      {words.figures ? <p className="lat-figures">{words.figures}</p> : null}
      {words.counts ? <p className="lat-counts">{words.counts}</p> : null}
      {words.note ? <p className="lat-note">{words.note}</p> : null}
      {stats.succeeded > 0 ? <LatencyHistogram stats={stats} /> : null}
    </section>
  );
}

/**
 * A histogram's height: the room the words leave it, between these. At 1280×720 a fixed 118 px
 * each put the puts' axis and its 300 ms label below the panel's edge; the smallest keeps the
 * three percentile labels and bars a few rows tall.
 */
const HIST_MIN_PX = 96;
const HIST_MAX_PX = 240;

function LatencyHistogram({ stats }: { stats: LatencyStats }) {
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const { width, height: room } = useSize(box);
  const height = Math.round(Math.min(HIST_MAX_PX, Math.max(HIST_MIN_PX, room)));
  const chart = useMemo(() => (width > 0 ? histogram(stats, { width, height }) : null), [stats, width, height]);
  const label = `Histogram of ${stats.succeeded} successful ${stats.op}s' latency, 1 ms to 1 s on a log scale: ${chart?.marks.map((m) => `${m.label} within ${formatLatency(m.ms)}`).join(', ') ?? ''}; the paper's line at 300 ms`;
  return (
    <div className="lat-hist" ref={setBox} style={{ '--lat-hist-min': `${HIST_MIN_PX}px`, '--lat-hist-max': `${HIST_MAX_PX}px` } as CSSProperties}>
      {chart ? (
        <svg width={width} height={height} role="img" aria-label={label}>
          <line x1={chart.plot.x0} x2={chart.plot.x1} y1={chart.plot.y0 + 0.5} y2={chart.plot.y0 + 0.5} className="lat-axis" />
          {chart.bars.map((b, i) => (b.count > 0 ? <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="lat-bar" /> : null))}
          {chart.xTicks.map((t) => (
            <text key={t.label} x={t.x} y={height - 4} textAnchor={t.anchor} className="lat-tick">
              {t.label}
            </text>
          ))}
          <line x1={chart.slaX} x2={chart.slaX} y1={chart.plot.y1 - 2} y2={chart.plot.y0} className="lat-sla" />
          <text x={chart.slaX + 4} y={chart.plot.y1 + 12} className="lat-sla-label">
            300 ms
          </text>
          {chart.marks.map((m) => (
            <g key={m.label} className="lat-mark">
              <line x1={m.x} x2={m.x} y1={(m.row + 1) * ROW_PX - 10} y2={chart.plot.y0} />
              <text x={m.x + 3} y={(m.row + 1) * ROW_PX - 2}>
                {m.label}
              </text>
            </g>
          ))}
        </svg>
      ) : null}
    </div>
  );
}
