/**
 * Membership (paper §4.8; lectures 001, 002): each node's own view of the cluster as a
 * grid (observers × members, up / down / left / unknown with versions, seeds starred),
 * the gossip exchanges of the last moments, how many rounds of gossip it took until the
 * views agreed, and the key ranges that move when a node joins or leaves. The grid is the
 * frame's view at the cursor; the rest is read from the trace up to the cursor.
 */
import { useLiveWhenPaused } from '../../app/use-live';
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { classShown } from '../../app/stage-store';
import { nodeColours } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { useSize } from '../../app/use-size';
import { formatMs } from '../hints/hints-layout';
import { agreement, recentGossip, recentlyLearned, type Agreement, type GossipMessage, type MembershipStory } from './gossip-ledger';
import { gridSizing, localSuspicions, membershipGrid, type MembershipGrid as Grid } from './membership-grid';
import { GridLegend, MembershipGrid } from './MembershipGrid';
import { GossipCircle } from './GossipCircle';
import { RangeMoves } from './RangeMoves';
import { leastCircleSize } from './membership-layout';
import { useMembershipStory } from './use-membership-story';
import { useLectureStore } from '../lectures/lecture-store';
import { useIsVeiled } from '../lectures/use-veils';
import { ExportButtons } from '../share/ExportButtons';
import './membership.css';

/** The row headers' width in the grid (see membership.css). */
const GRID_HEADER_PX = 56;

/** "The last moments": one default gossip interval, in which every node gossips once. */
export const RECENT_MS = 1000;

export function MembershipPanel() {
  const controller = useController();
  const nodes = useStore((s) => s.nodes);
  const nowMs = useStore((s) => s.nowMs);
  const ringSize = useStore((s) => s.ringSize);
  const isTeaching = useStore((s) => s.isTeachingRing);
  const partitions = useStore((s) => s.partitions);
  const story = useMembershipStory();
  const isVeiled = useIsVeiled();
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const lower = useRef<HTMLDivElement>(null);
  const { width } = useSize(body);
  const idList = nodes.map((n) => n.id).join(',');
  const colours = useMemo(() => nodeColours(idList.split(',')), [idList]);
  const grid = useMemo(() => membershipGrid(nodes), [nodes]);
  const live = grid.rows.filter((r) => r.isLive).map((r) => r.observer);
  const agreed = agreement(story, grid.agree, live, nowMs);
  const recent = useTraceMemo((index, upTo) => recentGossip(index.events, upTo, nowMs, RECENT_MS), [nowMs]);
  // Sets as sorted keys, so the grid (up to 33 × 33 cells) redraws only when they change, not every frame.
  const learnedKey = useTraceMemo((index, upTo) => setKey(recentlyLearned(index.events, upTo, nowMs, RECENT_MS)), [nowMs]);
  const learned = useMemo(() => keySet(learnedKey), [learnedKey]);
  // A node gossips while its message is on the way, and so does its partner if the message
  // will arrive: a message to a node that is down (or cut off, or lost) involves only its sender.
  const gossipingKey = useStore((s) => setKey(new Set(s.inFlight.filter((m) => m.traffic === 'gossip').flatMap((m) => (m.isDoomed ? [m.from] : [m.from, m.to])))));
  const gossiping = useMemo(() => keySet(gossipingKey), [gossipingKey]);
  const sizing = gridSizing(width, grid.members.length, GRID_HEADER_PX);
  const gridWidth = GRID_HEADER_PX + grid.members.length * (sizing.cellPx + sizing.gapPx);
  // Beside the grid when there is room (Wide), else below it: the circle and the moving ranges side by side.
  const lowerWidth = width - gridWidth - 16 >= 460 ? width - gridWidth - 16 : width;
  // Below the grid, a join's or leave's ranges need the room more than the circle does.
  const roomBelow = useRoomBelow(body, lower, `${width}|${grid.members.length}|${story.change ? 1 : 0}`);
  // No taller than the room under the grid (less its caption): E, at the bottom of lecture 002's circle, was cut off.
  const circle = Math.round(Math.max(leastCircleSize(grid.rows.map((r) => r.observer)), Math.min(lowerWidth >= 700 ? 300 : story.change ? 150 : 176, lowerWidth * 0.42, roomBelow - CAPTION_PX)));
  const movesWidth = Math.min(520, lowerWidth - circle - 24 >= 200 ? lowerWidth - circle - 24 : lowerWidth - 8);
  const ringIds = useMemo(() => grid.rows.map((r) => r.observer), [grid]);
  const seeds = useMemo(() => new Set(grid.members.filter((m) => m.isSeed).map((m) => m.id)), [grid]);
  const down = useMemo(() => new Set(grid.rows.filter((r) => !r.isLive).map((r) => r.observer)), [grid]);
  const panel = useRef<HTMLElement>(null); // exported for a slide on gossip: the views, the circle and what is whole on screen beside them (data-export)
  return (
    <section className="panel stage-panel membership-panel" aria-labelledby="membership-title" ref={panel}>
      <div className="panel-head">
        <h2 className="panel-title">
          <span id="membership-title">Membership</span> <span className="subtle title-more">· {grid.rows.length} members</span>
        </h2>
        <button type="button" className="small" title="Every live member gossips once with a random peer, now" onClick={() => void controller.input({ type: 'gossipRound' }).then((ok) => ok && classShown('gossip'))}>
          Gossip round
        </button>
        <ExportButtons target={panel} name="membership" label="Membership" />
      </div>
      <div className="mb-body" ref={setBody} role="group" aria-label="Views, gossip and moving ranges" tabIndex={0}>
        <AgreementLine grid={grid} agreed={agreed} story={story} />
        <div className="mb-main">
          <div className="mb-grid-block">
            {width > 0 ? <MembershipGrid grid={grid} cellPx={sizing.cellPx} detail={sizing.detail} learned={learned} gossiping={gossiping} /> : null}
            <GridLegend isRoomy={width >= 700} maxWidth={gridWidth} />
          </div>
          <div className="mb-lower" ref={lower}>
          <figure className="mb-gossip" data-export>
            <figcaption>Gossip, last {formatMs(RECENT_MS)}</figcaption>
            <GossipCircle ids={ringIds} seeds={seeds} down={down} colours={colours} recent={isVeiled ? NO_GOSSIP : recent} isInFlightShown={!isVeiled} size={circle} nowMs={nowMs} windowMs={RECENT_MS} />
          </figure>
          {story.change ? (
            <RangeMoves change={story.change} transfers={story.transfers} ringSize={ringSize} isTeaching={isTeaching} partitions={partitions} colours={colours} width={movesWidth} />
          ) : (
            <div className="mb-no-change">
              <ExchangeList recent={recent} isVeiled={isVeiled} />
              <p className="empty" data-export>{isLecture ? 'No join or leave yet.' : 'No join or leave yet: add or remove a node to see its ranges move.'}</p>
            </div>
          )}
          </div>
        </div>
      </div>
    </section>
  );
}

const NO_GOSSIP: readonly GossipMessage[] = [];
/** The circle's caption ("Gossip, last 1 s") and the gap under it. */
const CAPTION_PX = 28;

/**
 * The height from the top of `lower` to the bottom of the scrolling `body`: what the circle may
 * take without being scrolled out of sight. Measured when the body resizes or `contents` change
 * (the grid above it grows with the members), not every frame.
 */
function useRoomBelow(b: HTMLDivElement | null, lower: RefObject<HTMLDivElement | null>, contents: string): number {
  const [room, setRoom] = useState(Infinity);
  useLayoutEffect(() => {
    const l = lower.current;
    if (!b || !l) return;
    const measure = () => setRoom(Math.floor(b.getBoundingClientRect().bottom - l.getBoundingClientRect().top));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(b);
    return () => observer.disconnect();
  }, [b, lower, contents]);
  return room;
}
/** Past this many, the list of exchanges ends in "+ N more" (the circle still draws them all). */
const MOST_LISTED = 12;

/**
 * Who contacted whom in the last moments, as text beside the circle, in the order of the
 * initiators' names: with eight chords in one round, "E → C" is easier to find here than
 * on the circle (lecture 002: E randomly chooses to exchange membership information with
 * C). Hidden while a lecture's question waits, since it may be the answer.
 */
function ExchangeList({ recent, isVeiled }: { recent: readonly GossipMessage[]; isVeiled: boolean }) {
  const openings = recent.filter((m) => !m.isReply).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.sentAtMs - b.sentAtMs));
  if (isVeiled) return <p className="veiled" data-export>Who contacted whom: hidden while the lecture's question waits.</p>;
  if (openings.length === 0) return null;
  const more = openings.length - MOST_LISTED;
  return (
    <div className="mb-exchanges" data-export>
      <h3>Who contacted whom</h3>
      <ul aria-label="Gossip exchanges">
        {openings.slice(0, MOST_LISTED).map((m) => (
          <li key={m.msgId}>
            {m.from} → {m.to}
          </li>
        ))}
        {more > 0 ? <li className="subtle">+ {more} more</li> : null}
      </ul>
    </div>
  );
}

const setKey = (set: ReadonlySet<string>) => [...set].sort().join('\n');
const keySet = (key: string): ReadonlySet<string> => new Set(key === '' ? [] : key.split('\n'));

function AgreementLine({ grid, agreed, story }: { grid: Grid; agreed: Agreement | null; story: MembershipStory }) {
  const change = story.change;
  const suspicions = localSuspicions(grid);
  const live = useLiveWhenPaused();
  return (
    // Agreeing on the members while one node alone believes another down is not "all agree"
    // (lecture 002: "That is A's local view; other nodes may disagree"): said in two parts, not in green.
    <div className={`mb-agreement${!grid.agree ? ' differ' : suspicions ? ' local' : ' agree'}`} role="status" aria-live={live} aria-label="Agreement" data-export>
      <span className="mb-verdict">{!grid.agree ? `Views differ: ${grid.current} of ${grid.live} up to date` : suspicions ? '✓ Views agree on who is a member' : '✓ Views agree'}</span>
      {grid.agree && suspicions ? <span className="mb-local">Failure detection is each node's own: {suspicions}</span> : null}
      {/* A student saw C send a key to E while C's row said "?" for E: say so, rather than let the two panels disagree silently. */}
      {!grid.agree && change?.kind === 'joined' ? (
        <span className="mb-routing" title="A simplification: in Dynamo each node routes on its own membership view, so a request would skip a node its coordinator has not heard of.">
          Requests still go to nodes not yet heard of (simplified).
        </span>
      ) : !grid.agree && change?.kind === 'left' ? (
        // A student saw D route a get around C while D's row still listed C as up: the same simplification, the other way.
        <span className="mb-routing" title="A simplification: in Dynamo each node routes on its own membership view, so a coordinator that has not heard of the leave would still send to the node that left.">
          Requests already skip {change.node}, though some views still list it (simplified).
        </span>
      ) : null}
      {change && agreed && agreed.agree && agreed.exchanges === 0 ? (
        // On a small ring a join's announcements (to the seeds, and to each node that owes it a
        // range) reach every node: "0 rounds" read as a miscount next to those messages in the log.
        <span className="mb-rounds">
          No gossip round needed: {change.node}
          {change.kind === 'joined' ? "'s announcements to the seeds and to the nodes that owe it ranges" : "'s announcement of its leave"} reached every view{' '}
          <span className="subtle">({formatMs(agreed.elapsedMs)})</span>
        </span>
      ) : change && agreed ? (
        <span className="mb-rounds">
          Rounds until views agree: <strong>{agreed.rounds}</strong>
          {agreed.agree ? '' : ' so far'}
          {/* While counting, the line under the verdict says how requests route meanwhile: the totals wait for the end. */}
          {agreed.agree ? (
            <span className="subtle">
              {' '}
              {/* Gossip's own exchanges: the log lists the announcements under Gossip too, and a student counting its lines found more. */}
              ({agreed.exchanges} gossip exchange{agreed.exchanges === 1 ? '' : 's'} besides {change.node}&apos;s announcement{change.kind === 'joined' ? 's' : ''}, {formatMs(agreed.elapsedMs)} since {change.node} {change.kind === 'joined' ? 'joined' : 'left'})
            </span>
          ) : null}
        </span>
      ) : (
        <span className="subtle">No join or leave yet</span>
      )}
    </div>
  );
}
