/**
 * The Merkle panel (paper §4.7, lecture 001): two replicas' trees for one key range, side
 * by side (or one above the other in the narrow stage, where that fits: merkle-fit.ts), and their comparison step by step:
 * roots first, descending only where hashes differ, down to the keys that are sent, with
 * the hashes compared and bytes exchanged against a full transfer.
 *
 * It follows the engine's latest exchange at the cursor (stepping moves the playback
 * cursor from level to level), or compares a pair the lecturer picks at the cursor, with
 * the same protocol run by the panel; "Run anti-entropy" starts the engine's exchange.
 */
import { useLiveWhenPaused } from '../../app/use-live';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ExportButtons } from '../share/ExportButtons';
import { keyName, type Range } from '../../engine/index';
import { NamedText } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import type { MerkleReply } from '../../worker/protocol';
import { useController } from '../../app/controller-context';
import { useQuestionVeilFrom } from '../lectures/use-veils';
import { useSize } from '../../app/use-size';
import { traceIndex, useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { classShown, useAskedView, useStageStore, type MerkleViewState } from '../../app/stage-store';
import { members, nodeColours } from '../../store/selectors';
import { exchangeAt, exchangeMilestones, fullTransferBytes, latestExchange, sidesBuilt, simulateExchange, type ExchangeProgress } from './merkle-exchange';
import { levelSummaries, nodeStates, treeLayout, type TreeNodeRef } from './merkle-layout';
import { fitTrees, GUTTER } from './merkle-fit';
import { MerkleTreeView, levelName } from './MerkleTreeView';
import { FoldedLegend, Legend } from './MerkleLegend';
import { repairedText, stageText, writesOnTheWay, type RingNow } from './merkle-text';
import { stepExchangeBack, stepExchangeForward, useMerkleTrees } from './use-merkle';
import './merkle.css';

const ROOT: TreeNodeRef = { level: 0, index: 0 };

/** What the panel shows: the engine's exchange it follows, or the pair picked. */
interface Subject {
  readonly pair: readonly [string, string] | null;
  readonly exchangeId: number | null;
}

function useSubject(isFollowing: boolean, picked: readonly [string, string] | null) {
  const nodes = useStore((s) => s.nodes);
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const latest = useTraceMemo(latestExchange, []);
  const ids = useMemo(() => members(nodes).map((n) => n.id), [nodes]);
  const keyReplicas = useStore((s) => s.keyView?.preferenceList);
  // An exchange whose replicas have changed since is history: follow the pair as it is now.
  const followed = isFollowing && latest && !latest.isStale ? latest : null;
  // Before any exchange: two replicas of the key in view that can answer, which share its
  // range (A and B may share nothing of it), in the members' order (A before B, as lectures say it).
  const replicas = ids.filter((id) => keyReplicas?.includes(id) && nodes.some((n) => n.id === id && n.isUp && !n.isDestroyed));
  const fallback = latest ? ([latest.a, latest.b] as const) : replicas.length >= 2 ? ([replicas[0]!, replicas[1]!] as const) : ids.length >= 2 ? ([ids[0]!, ids[1]!] as const) : null;
  const subject: Subject = { pair: followed ? [followed.a, followed.b] : (picked ?? fallback), exchangeId: followed?.exchangeId ?? null };
  // An exchange that repaired a replica is drawn as it compared the trees, each hash changed since "h0 → h3"; a sentence says what the roots are now.
  const repaired = followed?.repaired ?? NO_NODES;
  return { subject, ids, upTo, isStale: isFollowing && latest !== null && latest.isStale, repaired };
}

/** What the panel shows, as a key: the panel's own comparison's stage belongs to one pair, and the engine's exchange to its id. */
function subjectKeyOf(pair: readonly [string, string] | null, exchangeId: number | null): string {
  return `${pair?.join('|') ?? ''}|${exchangeId ?? ''}`;
}

/**
 * Following the engine's exchange, or a pair picked, and how far the panel's own comparison
 * of it has got: kept in the stage's store, so the pair a lecturer compared survives a visit
 * to another tab and goes into a link (`adopt` takes up a link's).
 */
function useSelection() {
  const kept = useStageStore.getState().merkleView;
  const [isFollowing, setFollowing] = useState(kept === null);
  const [picked, setPicked] = useState<readonly [string, string] | null>(kept?.pair ?? null);
  const [pairStage, setPairStage] = useState({ key: kept ? subjectKeyOf(kept.pair, null) : '', stage: kept?.stage ?? 0 });
  const adopt = (view: MerkleViewState) => {
    setFollowing(false);
    setPicked(view.pair);
    setPairStage({ key: subjectKeyOf(view.pair, null), stage: view.stage });
  };
  return { isFollowing, setFollowing, picked, setPicked, pairStage, setPairStage, adopt };
}

/** Writes the panel's own comparison (`pair`, null while it follows an exchange) to the stage's store, and takes up one a link asks for. */
function useMerkleViewKept(pair: readonly [string, string] | null, stage: number, onAsked: (view: MerkleViewState) => void): void {
  const [a, b] = pair ?? [];
  useEffect(() => useStageStore.getState().merkleViewShown(a !== undefined && b !== undefined ? { pair: [a, b], stage } : null), [a, b, stage]);
  useAskedView((s) => s.merkleViewAsked, (s) => s.merkleView, onAsked);
}

export function MerklePanel() {
  const controller = useController();
  const { isFollowing, setFollowing, picked, setPicked, pairStage, setPairStage, adopt } = useSelection();
  const { subject, ids, upTo, isStale, repaired } = useSubject(isFollowing, picked);
  const { pair, exchangeId } = subject;
  const subjectKey = subjectKeyOf(pair, exchangeId);
  const built = exchangeId === null ? 0 : sidesBuilt(traceIndex, upTo, exchangeId);
  const refreshKey = exchangeId !== null && built === 2 ? 'built' : `${built}:${upTo}`;
  const query = pair && pair[0] !== pair[1] ? { a: pair[0], b: pair[1], ...(exchangeId === null ? {} : { exchangeId }) } : null;
  const { trees, error } = useMerkleTrees(controller, query, refreshKey);
  // After an exchange that repaired a replica: the trees as they are now, for that sentence.
  const now = useMerkleTrees(controller, repaired.length > 0 && query ? { a: query.a, b: query.b } : null, `now:${upTo}`).trees;
  const ring = useRingNow();
  // While a lecture's question waits on the step that ran this exchange ("how many hashes do
  // Node0 and Node1 compare now?"), the trees are drawn as it found them, nothing compared yet.
  const veilFrom = useQuestionVeilFrom();
  const exchangeStart = exchangeId === null ? null : (exchangeMilestones(traceIndex, exchangeId)[0] ?? null);
  const isVeiled = veilFrom !== null && exchangeStart !== null && exchangeStart >= veilFrom;
  const shownUpTo = isVeiled ? exchangeStart + 1 : upTo;
  const engine = useTraceMemo((index) => (exchangeId === null ? null : exchangeAt(index, shownUpTo, exchangeId)), [exchangeId, shownUpTo]);
  const stages = useMemo(() => (exchangeId === null && trees ? simulateExchange(trees) : null), [exchangeId, trees]);
  const stage = stages && pairStage.key === subjectKey ? Math.min(pairStage.stage, stages.length - 1) : 0;
  const progress = exchangeId === null ? (stages?.[stage] ?? null) : engine;
  useMerkleViewKept(exchangeId === null ? pair : null, stage, adopt);
  const [isBusy, setBusy] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const busy = (work: () => Promise<void>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };
  const stepper: StepperProps = exchangeId === null
    ? { canBack: stage > 0, canForward: !!stages && stage < stages.length - 1, onBack: () => setPairStage({ key: subjectKey, stage: stage - 1 }), onForward: () => setPairStage({ key: subjectKey, stage: stage + 1 }) }
    : isVeiled
      ? { canBack: false, canForward: false, onBack: () => {}, onForward: () => {} }
      : { canBack: stagesIncluded(exchangeId, upTo) > 1, canForward: !!engine && !engine.isDone, onBack: () => busy(() => stepExchangeBack(controller, exchangeId)), onForward: () => busy(() => stepExchangeForward(controller, exchangeId)) };
  const pickPair = (next: readonly [string, string]) => {
    setFollowing(false);
    setPicked(next);
  };
  const run = () => busy(async () => {
    if (!pair || !(await controller.input({ type: 'antiEntropy', a: pair[0], b: pair[1] }))) return;
    setFollowing(true);
    // The lecturer asked for this exchange: the log lists it, though it hides anti-entropy by default.
    classShown('anti-entropy');
  });
  return (
    // What the comparison has found and cost (data-export) goes into the panel's SVG and PNG with its trees.
    <section className="panel stage-panel merkle-panel" aria-labelledby="merkle-title" ref={panel}>
      <div className="panel-head">
        <h2 id="merkle-title" className="panel-title">
          Merkle trees
        </h2>
        <label className="mk-follow" title="Follow the anti-entropy exchange the engine is running, or ran last">
          <input type="checkbox" checked={isFollowing} onChange={(e) => setFollowing(e.target.checked)} />
          Follow the exchange
        </label>
        <ExportButtons target={panel} name="merkle" label="Merkle trees" />
      </div>
      {isStale ? <p className="mk-stale" data-export>The replicas changed after the last exchange: their trees as they are now, not compared yet.</p> : null}
      {isVeiled ? <p className="veiled" data-export>How this exchange went: hidden while the lecture's question waits.</p> : null}
      <Body subjectKey={subjectKey} trees={trees} error={error} progress={progress} pair={pair} since={repaired.length > 0 && now && trees && !isVeiled ? repairedText(repaired, trees.ranges, now, ring) : null} now={repaired.length > 0 && !isVeiled ? now : null} isVeiled={isVeiled} isPreview={exchangeId === null}>
        {(rangeSelect) => (
          <>
            <PairControls ids={ids} pair={pair} isBusy={isBusy} onPick={pickPair} onRun={run}>
              {rangeSelect}
            </PairControls>
            <Stepper {...stepper} isBusy={isBusy} />
          </>
        )}
      </Body>
    </section>
  );
}

function stagesIncluded(exchangeId: number, upTo: number): number {
  return exchangeMilestones(traceIndex, exchangeId).filter((i) => i < upTo).length;
}

interface PairControlsProps {
  readonly ids: readonly string[];
  readonly pair: readonly [string, string] | null;
  readonly isBusy: boolean;
  readonly onPick: (pair: readonly [string, string]) => void;
  readonly onRun: () => void;
  /** The key range select, when the pair shares more than one range. */
  readonly children?: ReactNode;
}

function PairControls({ ids, pair, isBusy, onPick, onRun, children }: PairControlsProps) {
  const [a, b] = pair ?? ['', ''];
  return (
    <div className="mk-pair">
      <label className="inline-label">
        <span>Replicas</span>
        <select aria-label="First replica" value={a} onChange={(e) => onPick([e.target.value, b])}>
          {ids.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
      </label>
      <span aria-hidden="true">↔</span>
      <select aria-label="Second replica" value={b} onChange={(e) => onPick([a, e.target.value])}>
        {ids.map((id) => (
          <option key={id}>{id}</option>
        ))}
      </select>
      <button type="button" onClick={onRun} disabled={isBusy || !pair || a === b}>
        Run anti-entropy
      </button>
      {children}
    </div>
  );
}

interface StepperProps {
  readonly canBack: boolean;
  readonly canForward: boolean;
  readonly onBack: () => void;
  readonly onForward: () => void;
}

function Stepper({ canBack, canForward, onBack, onForward, isBusy }: StepperProps & { isBusy: boolean }) {
  return (
    <div className="mk-stepper">
      <button type="button" className="secondary" onClick={onBack} disabled={isBusy || !canBack}>
        ◀ Previous level
      </button>
      <button type="button" onClick={onForward} disabled={isBusy || !canForward}>
        Compare next level ▶
      </button>
    </div>
  );
}

interface BodyProps {
  readonly subjectKey: string;
  readonly trees: MerkleReply | null;
  readonly error: string | null;
  readonly progress: ExchangeProgress | null;
  readonly pair: Subject['pair'];
  /** What changed since the exchange ended (its repairs), said after "Done". */
  readonly since: string | null;
  /** The pair's trees as they are now, once the exchange drawn has repaired one of them: drawn beside its old hashes. */
  readonly now: MerkleReply | null;
  /** A lecture's question waits on this exchange ("how many hashes now?"): no counts. */
  readonly isVeiled: boolean;
  /** The panel compares a picked pair itself: nothing is sent until "Run anti-entropy". */
  readonly isPreview: boolean;
  /** The pair controls and the stepper, given the range select to place among them. */
  readonly children: (rangeSelect: ReactNode) => ReactNode;
}

function Body({ subjectKey, trees, error, progress, pair, since, now, isVeiled, isPreview, children }: BodyProps) {
  const [rangeChoice, setRangeChoice] = useState({ key: '', range: 0 });
  const problem = !pair
    ? 'Anti-entropy needs two replicas.'
    : pair[0] === pair[1]
      ? 'Pick two different replicas.'
      : (error ?? (!trees ? 'Building the trees…' : trees.ranges.length === 0 ? `${pair[0]} and ${pair[1]} hold no key range in common: there is nothing to compare.` : null));
  if (problem !== null || !trees) {
    return (
      <>
        {children(null)}
        <p className="empty" role={error ? 'alert' : undefined}>
          {problem}
        </p>
      </>
    );
  }
  const range = rangeChoice.key === subjectKey ? Math.min(rangeChoice.range, trees.ranges.length - 1) : preferredRange(trees);
  const select = trees.ranges.length > 1 ? <RangeSelect trees={trees} range={range} onChange={(r) => setRangeChoice({ key: subjectKey, range: r })} /> : null;
  return (
    <>
      {children(select)}
      <StageText progress={progress} depth={trees.depth} since={since} isPreview={isPreview} />
      {isVeiled ? null : <Cost progress={progress} trees={trees} isPreview={isPreview} />}
      <Trees key={`${subjectKey}|${range}|${trees.depth}`} trees={trees} range={range} progress={progress} now={since !== null && progress?.isDone === true ? now : null} />
      <KeysSent progress={progress} isPreview={isPreview} />
    </>
  );
}

/** The range to open on: the first whose roots differ, else the first holding keys. */
function preferredRange(trees: MerkleReply): number {
  const [a, b] = trees.sides;
  const differing = trees.ranges.findIndex((_, r) => a.trees[r]!.levels[0]![0] !== b.trees[r]!.levels[0]![0]);
  if (differing >= 0) return differing;
  return Math.max(0, trees.ranges.findIndex((_, r) => a.trees[r]!.levels[0]![0] !== ''));
}

/** How a range is named: its bounds, ring positions on a teaching ring, else percentages of the ring. */
function useRangeName(): (range: Range) => string {
  const ringSize = useStore((s) => s.ringSize);
  const isTeaching = useStore((s) => s.isTeachingRing);
  const at = (p: number) => (isTeaching ? String(p) : `${((p / ringSize) * 100).toFixed(1)}%`);
  return ([start, end]) => `(${at(start)}, ${at(end)}]`;
}

/** How a range of `trees` is named, by its index. */
function useRangeBounds(trees: MerkleReply): (range: number) => string {
  const name = useRangeName();
  return (i) => name(trees.ranges[i]!);
}

/** The ring as the sentence after a repair needs it: the pair's ranges may have moved, or one of the pair left. */
function useRingNow(): RingNow {
  const rangeName = useRangeName();
  const nodes = useStore((s) => s.nodes);
  return { rangeName, hasLeft: (id) => !nodes.some((n) => n.id === id && n.isMember) };
}

function RangeSelect({ trees, range, onChange }: { trees: MerkleReply; range: number; onChange: (range: number) => void }) {
  const ranges = trees.ranges;
  const bounds = useRangeBounds(trees);
  const label = (i: number) => {
    const keys = new Set([...trees.sides[0].trees[i]!.leafKeys.flat(), ...trees.sides[1].trees[i]!.leafKeys.flat()]).size;
    return `${bounds(i)} · ${keys} key${keys === 1 ? '' : 's'}`;
  };
  return (
    <label className="inline-label">
      <span>Key range</span>
      <select value={range} onChange={(e) => onChange(Number(e.target.value))}>
        {ranges.map((_, i) => (
          <option key={i} value={i}>
            {label(i)}
          </option>
        ))}
      </select>
    </label>
  );
}

function StageText({ progress, depth, since, isPreview }: { progress: ExchangeProgress | null; depth: number; since: string | null; isPreview: boolean }) {
  const onTheWay = useStore((s) => (isPreview && progress?.isDone ? writesOnTheWay(s.inFlight, progress) : 0));
  const live = useLiveWhenPaused();
  return (
    <p className="mk-stage" role="status" data-export aria-live={live} aria-label="Comparison">
      {stageText(progress, depth, isPreview)}
      {since !== null && progress?.isDone ? <span className="mk-since"> {since}</span> : null}
      {/* Compared at the cursor: a put's own replication still in flight may repair the replica before an exchange would. */}
      {onTheWay > 0 ? <span className="mk-since"> {onTheWay === 1 ? 'A write of that key is' : `${onTheWay} writes of those keys are`} still on the way to {progress!.a} or {progress!.b}, and may get there first.</span> : null}
    </p>
  );
}

function Cost({ progress, trees, isPreview }: { progress: ExchangeProgress | null; trees: MerkleReply; isPreview: boolean }) {
  if (!progress) return null;
  const full = progress.bytesFullTransfer ?? fullTransferBytes(trees);
  const n = (x: number) => x.toLocaleString('en');
  // No answer: nothing was compared, and what a full transfer would have cost is beside the point.
  if (progress.isDone && !progress.isOk) {
    return (
      <p className="mk-cost" role="group" aria-label="Cost" data-export>
        hashes compared: <strong>0</strong>, bytes exchanged: <strong>{n(progress.bytesExchanged)}</strong>: the opening message, which got no answer
      </p>
    );
  }
  return (
    <p className="mk-cost" role="group" aria-label="Cost" data-export>
      hashes compared: <strong>{n(progress.hashesCompared)}</strong>, bytes {isPreview ? 'it would exchange' : 'exchanged'}: <strong>{n(progress.bytesExchanged)}</strong> vs full transfer: <strong>{n(full)}</strong>
      {progress.hashesCompared === 0 && progress.bytesExchanged > 0 && !progress.isDone ? ' (so far only the opening message, which names the ranges to compare)' : null}
      {progress.isDone && progress.bytesExchanged >= full ? ' — with this few keys the hashes cost more than the data; the saving comes when few of many keys differ (100,000 keys, 1% differing: about 4% of a full transfer)' : null}
    </p>
  );
}

const NO_LEVELS: ExchangeProgress['levels'] = [];
const NO_NODES: readonly string[] = [];

/**
 * Both trees. `now`, once the exchange drawn has repaired a replica since: the trees are drawn
 * as compared, each hash the repair changed followed by what it is now ("h0 → h3").
 */
function Trees({ trees, range, progress, now }: { trees: MerkleReply; range: number; progress: ExchangeProgress | null; now: MerkleReply | null }) {
  // Held in state: the bar is drawn only once the tree stops fitting, and must be measured from then on.
  const [area, setArea] = useState<HTMLDivElement | null>(null);
  const [bar, setBar] = useState<HTMLDivElement | null>(null);
  const { width, height } = useSize(area);
  const barHeight = useSize(bar).height;
  const [zoom, setZoom] = useState<TreeNodeRef>(ROOT);
  const colours = nodeColours(useStore((s) => s.nodes).map((n) => n.id));
  const levels = progress?.levels ?? NO_LEVELS;
  const states = useMemo(() => nodeStates(trees.depth, levels, range), [trees.depth, levels, range]);
  const fit = fitTrees({ width, height, barHeight, depth: trees.depth, zoom });
  const { shown, isWhole, rowHeight, nodeHeight } = fit;
  const isWide = fit.arrangement === 'wide';
  const layout = treeLayout(shown, states, { width: fit.treeWidth, rowHeight, nodeHeight, gutter: GUTTER, footHeight: fit.footHeight, maxNodeWidth: fit.maxNodeWidth });
  // Room to spare (the wide stage, a small tree): larger type for the back of the hall.
  const isLarge = nodeHeight >= 34 && (layout.nodes.at(-1)?.width ?? 0) >= 60;
  const current = levels.at(-1)?.level ?? null;
  // Small trees, whole on screen, name their hashes as the lecture does (h0 = hash(v0), …), as the worker named them from the trace.
  const named = trees.names[range] ?? null;
  const nowRange = now ? sameRange(trees, range, now) : -1;
  const nowNamed = now?.names[nowRange] ?? null;
  // The names of the hashes now carry on from the exchange's (the worker's `foldedNames`): one map serves both.
  const names = useMemo(() => (isWhole && named ? new Map(Object.entries({ ...nowNamed, ...named })) : null), [isWhole, named, nowNamed]);
  const isAsCompared = now !== null;
  // A slide names the range its trees are of, which the page says in the select (left out) or not at all (one range).
  const bounds = useRangeBounds(trees)(range);
  return (
    <div ref={setArea} className="mk-trees-area" data-export-title={`key range ${bounds}`}>
      {isWide ? <Legend /> : <FoldedLegend isCompact={fit.arrangement === 'beside'} />}
      {isWhole ? null : (
        <div ref={setBar}>
          <ZoomBar zoom={zoom} depth={trees.depth} onZoom={setZoom} summaries={isWide ? levelSummaries(trees.depth, levels, range) : null} current={current} />
        </div>
      )}
      <div className={`mk-trees${fit.arrangement === 'stacked' ? '' : ' side-by-side'}`}>
        {width > 0
          ? trees.sides.map((side) => (
              <MerkleTreeView key={side.node} isLarge={isLarge} node={side.node} colour={colours.get(side.node) ?? '#444'} tree={side.trees[range]!} states={states} layout={layout} currentLevel={current} onZoom={setZoom} names={names} isAsCompared={isAsCompared} isCaptionLeftOut={!isWide} isTitleTight={fit.arrangement === 'beside'} now={now?.sides.find((s) => s.node === side.node)?.trees[nowRange] ?? null} />
            ))
          : null}
      </div>
    </div>
  );
}

/** The index of `trees`' range `range` among `now`'s, of the same depth; -1 if the ranges have changed. */
function sameRange(trees: MerkleReply, range: number, now: MerkleReply): number {
  const [start, end] = trees.ranges[range] ?? [];
  return now.depth === trees.depth ? now.ranges.findIndex(([s, e]) => s === start && e === end) : -1;
}

/**
 * Above a tree too large to draw whole: where the zoom stands, the way back out, and (when
 * there is room) each level's hashes compared and differing, including the levels not drawn.
 */
function ZoomBar({ zoom, depth, onZoom, summaries, current }: { zoom: TreeNodeRef; depth: number; onZoom: (z: TreeNodeRef) => void; summaries: ReturnType<typeof levelSummaries> | null; current: number | null }) {
  const span = 2 ** (depth - zoom.level);
  const isRoot = zoom.level === 0;
  return (
    <div className="mk-zoom">
      {summaries ? (
        <p className="mk-levels" role="group" aria-label="Levels">
          {summaries.map((l) => (
            <span key={l.level} className={l.level === current ? 'current' : undefined}>
              {levelName(l.level, depth)} {l.compared}/{l.differing}
            </span>
          ))}
          <span className="subtle"> (compared/differ)</span>
        </p>
      ) : null}
      <div className="mk-zoom-nav">
        <span>{isRoot ? `All ${(2 ** depth).toLocaleString('en')} leaves: click a node to zoom in.` : `${levelName(zoom.level, depth)}: leaves ${zoom.index * span}–${(zoom.index + 1) * span - 1}`}</span>
        {isRoot ? null : (
          <>
            <button type="button" className="secondary small" onClick={() => onZoom({ level: zoom.level - 1, index: Math.floor(zoom.index / 2) })}>
              Zoom out
            </button>
            <button type="button" className="secondary small" onClick={() => onZoom(ROOT)}>
              Whole tree
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** How many keys a message lists before "+N more": the line must stay short on a projector. */
const KEYS_LISTED = 3;

function KeysSent({ progress, isPreview }: { progress: ExchangeProgress | null; isPreview: boolean }) {
  if (!progress) return null;
  const list = (keys: readonly string[]) => (keys.length === 0 ? 'nothing' : keys.length > KEYS_LISTED ? `${keys.slice(0, KEYS_LISTED - 1).join(', ')} +${keys.length - KEYS_LISTED + 1} more` : keys.join(', '));
  const title = isPreview ? 'Keys to send' : 'Keys sent';
  return (
    <div className="mk-keys-sent" role="region" aria-label={title} data-export>
      <strong>{title}:</strong>{' '}
      {progress.keyMessages.length === 0 ? (
        <span className="subtle">{!progress.isDone ? 'none yet' : progress.isOk ? 'none — the trees agree' : 'none — the exchange gave up'}</span>
      ) : (
        progress.keyMessages.map((m, i) => (
          <span key={i} className="mk-message" title={withIsolates(m.keys.map((k) => keyName(k)).join(', '))}>
            {m.from} → {m.to}: <NamedText text={list(m.keys.map((k) => keyName(k)))} />
          </span>
        ))
      )}
      {/* The finder's keys go first and the answer a step later: "A → D: nothing" alone read as if D would send nothing either. */}
      {!progress.isDone && progress.keyMessages.length === 1 ? (
        <span className="subtle">
          {' '}
          — next, {progress.keyMessages[0]!.to} → {progress.keyMessages[0]!.from}: its versions of the keys that differ
        </span>
      ) : null}
    </div>
  );
}
