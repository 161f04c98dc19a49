/**
 * The token ring: every token coloured by its node, keys at their positions, node state
 * at a glance (also without colour), the selected key's preference-list walk, and the
 * messages in flight between nodes. Clicking a node opens its actions; hovering tells its
 * ranges and load.
 */
import { longestName, shortNodeNames } from '../../app/node-names';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store/store';
import { members, nodeColours, nodeStatus, viewpointOf, type NodeStatus } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { useSize } from '../../app/use-size';
import { keyDots, ringLabelBoxes, roomForKeyName } from './key-labels';
import type { Box } from './message-labels';
import { angleOf, captionBoxes, captionOffset, nodeAnchors, ringGeometry, sideName, stateWordBox, stateWordPlaces, type Anchor, type Point, type RingGeometry, type WordAt } from './ring-layout';
import { originSide, tokenMarks, type OriginSide, type TokenMark } from './token-labels';
import type { NodeView } from '../../engine/index';
import { KeysLayer, NodeBadge, RingBase, RingCaption, TokensLayer } from './RingLayers';
import { KeyMarker, WalkLayer, useIsWalkVeiled } from './WalkLayer';
import { MessagesLayer } from './MessagesLayer';
import { groupText, networkGroups, splitText } from '../controls/network-groups';
import { ExportButtons } from '../share/ExportButtons';
import { MessageMenu, NodeMenu, NodeTooltip, RingLegend } from './RingOverlays';

export function RingPanel() {
  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const panel = useRef<HTMLElement>(null);
  const { width, height } = useSize(stage);
  const controller = useController();
  const nodes = useStore((s) => s.nodes);
  const tokens = useStore((s) => s.tokens);
  const keys = useStore((s) => s.keys);
  const ringSize = useStore((s) => s.ringSize);
  const partitions = useStore((s) => s.partitions);
  const isTeaching = useStore((s) => s.isTeachingRing);
  const isVeiled = useIsWalkVeiled();
  const selectedKey = useStore((s) => s.selectedKey);
  const selectedNode = useStore((s) => s.selectedNode);
  const blockedLinks = useStore((s) => s.blockedLinks);
  const nodeClicked = useStore((s) => s.nodeClicked);
  const [hovered, setHovered] = useState<string | null>(null);

  const ring = useMemo(() => members(nodes), [nodes]);
  const idList = nodes.map((n) => n.id).join(',');
  const colours = useMemo(() => nodeColours(idList.split(',')), [idList]);
  const { names, longestId } = useShortNames(idList);
  const keyView = useStore((s) => s.keyView);
  const g = useRingGeometry({ width, height, nodeCount: ring.length, isTeaching, longestId, tokens, ringSize, names }, keyView);
  const anchorKey = ring.map((n) => `${n.id}:${n.tokens.join('/')}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed only when membership or tokens change
  const anchors = useMemo(() => nodeAnchors(ring, ringSize, g), [anchorKey, ringSize, g]);
  const badgeCentres = useMemo(() => [...anchors.values()], [anchors]);
  const viewpoint = viewpointOf(ring, selectedNode);
  const statuses = new Map(ring.map((node) => [node.id, nodeStatus(node, viewpoint, blockedLinks)]));
  const sides = useSides(ring, blockedLinks);
  const captionDy = captionOffset(badgeObstacles(ring, anchors, g, statuses), g);
  const { marks, origin } = useTokenMarks(tokens, ringSize, g, names, captionDy === null);
  const dots = useMemo(() => keyDots(keys, ringSize, g, marks), [keys, ringSize, g, marks]);
  const words = useMemo(() => ringLabelBoxes(marks, dots, g, selectedKey), [marks, dots, g, selectedKey]);
  const pickKey = useCallback((key: string) => void controller.selectKey(key), [controller]);
  // Where the key sits is not the answer to a question about its walk: named while one waits too.
  const walkKey = keyView && !isTeaching ? keyView : null;
  const isSplitShown = blockedLinks.length > 0 && !viewpoint;
  const stateWords = useStateWords(ring, anchors, statuses, g);
  const wordsAndCaption = useMemo(() => [...words, ...stateWords.boxes, ...captionBoxes(captionDy, g, walkKey !== null)], [words, stateWords, captionDy, g, walkKey]);

  const caption = <CaptionSvg width={width} height={height} caption={{ g, ringSize, isTeaching, captionDy, walkKey }} />;
  return (
    <section className="panel ring-panel" aria-labelledby="ring-title" ref={panel}>
      <RingTitle panel={panel} count={ring.length} isTeaching={isTeaching} tokenCount={tokens.length} isUniform={ring.every((n) => n.tokens.length === ring[0]!.tokens.length)} keyCount={keys.length} />
      <div className="ring-stage" ref={setStage}>
        {width > 0 ? (
          <>
            <svg className="ring-svg" width={width} height={height} aria-label="Token ring">
              <RingBase g={g} isTeaching={isTeaching} ringSize={ringSize} partitions={partitions} hasTokenAtZero={marks.some((m) => m.pos === 0)} origin={origin} />
              <TokensLayer marks={marks} colours={colours} g={g} focus={tokenFocus(marks, hovered ?? selectedNode)} onHover={setHovered} />
              <KeysLayer dots={dots} selectedKey={selectedKey} onPick={pickKey} />
              {keyView && !isVeiled ? <WalkLayer keyView={keyView} g={g} ringSize={ringSize} isTeaching={isTeaching} badges={badgeCentres} /> : null}
              {keyView ? <KeyMarker keyView={keyView} g={g} ringSize={ringSize} isTeaching={isTeaching} tokens={marks} /> : null}
              <Badges ring={ring} anchors={anchors} colours={colours} names={names} statuses={statuses} sides={sides} selectedNode={selectedNode} g={g} wordPlaces={stateWords.places} onClick={nodeClicked} onHover={setHovered} />
            </svg>
            {/* The teaching ring's few messages each matter: a lone dot passing the middle went under the caption. The busy MD5 ring's thirty hid the caption's letters: there it goes over them. */}
            {isTeaching ? caption : null}
            <svg className="ring-svg messages-svg" width={width} height={height} aria-label="Messages in flight">
              <MessagesLayer g={g} anchors={anchors} words={wordsAndCaption} />
            </svg>
            {isTeaching ? null : caption}
            {hovered ? <NodeTooltip nodeId={hovered} anchors={anchors} g={g} /> : null}
            <NodeMenu anchors={anchors} g={g} />
            <MessageMenu anchors={anchors} g={g} />
          </>
        ) : null}
      </div>
      {isSplitShown ? <SplitHint ids={ring.map((n) => n.id)} blockedLinks={blockedLinks} hasSides={sides.size > 0} /> : null}
      <RingLegend ring={ring} colours={colours} names={names} walkN={keyView ? keyView.n : null} hasFallbacks={(keyView?.fallbacks.length ?? 0) > 0} isSplit={isSplitShown} isWalkHidden={isVeiled} />
    </section>
  );
}

/**
 * The tokens' marks and labels, and where the ring's "0" goes among them. With the caption in
 * the panel's corner, the labels keep clear of it (the partitioning lecture's "node5 1113"
 * ran into "clockwise →"), and the "0" of the labels moved round to make room.
 */
function useTokenMarks(tokens: readonly { readonly pos: number; readonly node: string }[], ringSize: number, g: RingGeometry, names: ReadonlyMap<string, string>, isCaptionInCorner: boolean): { readonly marks: TokenMark[]; readonly origin: OriginSide } {
  return useMemo(() => {
    const marks = tokenMarks(tokens, ringSize, g, names, isCaptionInCorner ? captionBoxes(null, g)[0] : undefined);
    return { marks, origin: originSide(marks, g) };
  }, [tokens, ringSize, g, names, isCaptionInCorner]);
}

/**
 * What the ring calls each node: ids longer than five characters by their short names
 * (src/app/node-names.ts), as the gossip circle does. With ten-character ids the token labels'
 * margin left the ring a radius of about 40 px, and its badges lay on top of one another.
 */
function useShortNames(idList: string): { readonly names: ReadonlyMap<string, string>; readonly longestId: number } {
  return useMemo(() => {
    const names = shortNodeNames(idList === '' ? [] : idList.split(','));
    return { names, longestId: longestName(names) };
  }, [idList]);
}

/** The ring's geometry for the panel's size, a little smaller where the selected key's name needs room beside it (roomForKeyName). */
function useRingGeometry(at: { width: number; height: number; nodeCount: number; isTeaching: boolean; longestId: number; tokens: readonly { readonly pos: number; readonly node: string }[]; ringSize: number; names: ReadonlyMap<string, string> }, keyView: { readonly key: string; readonly position: number } | null): RingGeometry {
  const { width, height, nodeCount, isTeaching, longestId, tokens, ringSize, names } = at;
  const key = keyView?.key ?? null;
  const position = keyView?.position ?? 0;
  return useMemo(() => {
    const geometryWith = (extra: number) => ringGeometry(width, height, nodeCount, isTeaching, longestId, extra);
    const marksOf = (g: RingGeometry) => tokenMarks(tokens, ringSize, g, names);
    return roomForKeyName(geometryWith, marksOf, key === null ? null : { key, angle: angleOf(position, ringSize) });
  }, [width, height, nodeCount, isTeaching, longestId, tokens, ringSize, names, key, position]);
}

/** The caption in the middle, in its own layer: under the messages or over them (RingPanel). */
function CaptionSvg({ width, height, caption }: { width: number; height: number; caption: Parameters<typeof RingCaption>[0] }) {
  return (
    <svg className="ring-svg caption-svg" width={width} height={height} aria-hidden="true">
      <RingCaption {...caption} />
    </svg>
  );
}

/** Each state word ("down", "unreachable") placed clear of the other badges (stateWordPlaces), and the boxes message labels keep clear of. */
function useStateWords(ring: readonly NodeView[], anchors: ReadonlyMap<string, Anchor>, statuses: ReadonlyMap<string, NodeStatus>, g: RingGeometry): { readonly places: ReadonlyMap<string, WordAt>; readonly boxes: readonly Box[] } {
  const statusKey = [...statuses].map(([id, st]) => `${id}:${st}`).join(',');
  return useMemo(() => {
    const shown = ring.flatMap((node) => {
      const anchor = anchors.get(node.id);
      const status = statuses.get(node.id) ?? 'up';
      return anchor && status !== 'up' ? [{ id: node.id, anchor, word: status }] : [];
    });
    const charPx = g.isDetailed ? 9.6 : 7.8;
    const places = stateWordPlaces(shown, [...anchors.values()], g.badgeRadius, charPx);
    return { places, boxes: shown.map((w) => stateWordBox(w.anchor, places.get(w.id)!, w.word.length * charPx)) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `statuses` is rebuilt each render: recomputed when a state changes
  }, [ring, anchors, statusKey, g]);
}

interface BadgesProps {
  readonly ring: readonly NodeView[];
  readonly anchors: ReadonlyMap<string, Anchor>;
  readonly colours: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
  readonly statuses: ReadonlyMap<string, NodeStatus>;
  readonly sides: ReadonlyMap<string, number>;
  readonly selectedNode: string | null;
  readonly g: RingGeometry;
  /** Where each state word goes (stateWordPlaces). */
  readonly wordPlaces: ReadonlyMap<string, WordAt>;
  readonly onClick: (id: string) => void;
  readonly onHover: (id: string | null) => void;
}

function Badges({ ring, anchors, colours, names, statuses, sides, selectedNode, g, wordPlaces: words, onClick, onHover }: BadgesProps) {
  return (
    <g className="badges">
      {ring.map((node) => {
        const anchor = anchors.get(node.id);
        const status = statuses.get(node.id) ?? 'up';
        return anchor ? <NodeBadge key={node.id} node={node} name={names.get(node.id) ?? node.id} anchor={anchor} colour={colours.get(node.id) ?? '#444'} status={status} side={sides.get(node.id) ?? null} isSelected={node.id === selectedNode} g={g} wordAt={words.get(node.id) ?? null} onClick={onClick} onHover={onHover} /> : null;
      })}
    </g>
  );
}

/** What the centre caption must keep clear of: each badge, and the state word ("down") a badge not up shows on its inner side. */
function badgeObstacles(ring: readonly NodeView[], anchors: ReadonlyMap<string, Anchor>, g: RingGeometry, statuses: ReadonlyMap<string, NodeStatus>): Point[] {
  return ring.flatMap((node) => {
    const a = anchors.get(node.id);
    if (!a) return [];
    return statuses.get(node.id) !== 'up' ? [a, { x: a.x - Math.sin(a.angle) * (g.badgeRadius + 14), y: a.y + Math.cos(a.angle) * (g.badgeRadius + 14) }] : [a];
  });
}

function RingTitle({ panel, count, isTeaching, tokenCount, isUniform, keyCount }: { panel: React.RefObject<HTMLElement | null>; count: number; isTeaching: boolean; tokenCount: number; isUniform: boolean; keyCount: number }) {
  // Nodes of different capacity have different token counts: an average would name a count no node has.
  const tokensText = isUniform ? `× ${Math.round(tokenCount / Math.max(1, count))} tokens` : `· ${tokenCount} tokens`;
  return (
    <div className="panel-head">
      <h2 id="ring-title" className="panel-title">
        Token ring <span className="subtle">{isTeaching ? `· ${count} ${count === 1 ? 'node' : 'nodes'}` : `· ${count} nodes ${tokensText} · ${keyCount.toLocaleString('en')} ${keyCount === 1 ? 'key' : 'keys'}`}</span>
      </h2>
      <ExportButtons target={panel} name="ring" label="Token ring" />
    </div>
  );
}

/**
 * While the network is split and no node is selected, every badge looks alike: say so under
 * the ring, with the groups, and how to see one node's side of the cut.
 */
/** Most sides of a split tagged on the badges: past it, the tags would be a puzzle of their own. */
const MOST_SIDES = 6;
/** Most nodes on a ring whose badges get side tags. */
const MOST_TAGGED_NODES = 16;

/**
 * Each node's side of a split, numbered as the split's note lists the groups (I, II, …), so the
 * ring shows who is cut off from whom without a node clicked. Empty when the network is whole,
 * when only some links are cut (no clean sides), or past MOST_SIDES.
 */
function useSides(ring: readonly NodeView[], blockedLinks: Parameters<typeof networkGroups>[1]): ReadonlyMap<string, number> {
  const ids = ring.map((n) => n.id).join(',');
  return useMemo(() => {
    if (blockedLinks.length === 0) return new Map();
    const groups = networkGroups(ids.split(','), blockedLinks);
    // On a crowded ring the tags would cover the badges and their names: the note lists the sides there.
    const isCrowded = ids.split(',').length > MOST_TAGGED_NODES;
    return groups.length > 1 && groups.length <= MOST_SIDES && !isCrowded ? new Map(groups.flatMap((group, i) => group.map((id) => [id, i + 1] as const))) : new Map();
  }, [ids, blockedLinks]);
}

function SplitHint({ ids, blockedLinks, hasSides }: { ids: readonly string[]; blockedLinks: Parameters<typeof networkGroups>[1]; hasSides: boolean }) {
  const groups = networkGroups(ids, blockedLinks);
  return (
    <p className="ring-split-hint" role="note">
      {hasSides ? (
        <strong>
          Split:{' '}
          {groups.map((group, i) => (
            <span key={group.join(',')}>
              {i > 0 ? ' | ' : ''}
              <span className="side-tag" role="img" aria-label={`side ${sideName(i + 1)}`}>
                {sideName(i + 1)}
              </span>{' '}
              {groupText(group)}
            </span>
          ))}
        </strong>
      ) : (
        <strong>{splitText(groups)}</strong>
      )}{' '}
      · click a node to see what it can reach
    </p>
  );
}

/** The node whose virtual nodes are picked out: only one with several tokens (one token is found by its badge). */
function tokenFocus(marks: readonly TokenMark[], node: string | null): string | null {
  if (node === null) return null;
  let count = 0;
  for (const m of marks) if (m.node === node && ++count > 1) return node;
  return null;
}
