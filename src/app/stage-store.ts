/**
 * Which big panel fills the stage (the page's left column): the ring, the selected key's
 * versions (room for a long history and its reconciliation), or one of the repair panels. "Wide" gives the stage the whole width, for a space-time diagram or a
 * large Merkle tree on a projector.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { EVENT_CLASSES, type EventClass } from './theme';
import { hiddenClasses, useStore } from '../store/store';
import { STACKED_QUERY, useMediaQuery } from './use-size';

export type StageId = 'ring' | 'versions' | 'spacetime' | 'hints' | 'merkle' | 'membership' | 'latency';

/** The key column's lower panel: the request trace or the key's versions. */
export type KeyTab = 'trace' | 'versions';

export const STAGES: readonly { readonly id: StageId; readonly label: string }[] = [
  { id: 'ring', label: 'Ring' },
  { id: 'versions', label: 'Versions' },
  { id: 'spacetime', label: 'Space-time' },
  { id: 'hints', label: 'Hints' },
  { id: 'merkle', label: 'Merkle' },
  { id: 'membership', label: 'Members' },
  { id: 'latency', label: 'Latency' },
];

/** The space-time diagram's zoom and scroll, kept while another panel has the stage, and put in links. */
export interface TimeViewState {
  readonly startMs: number;
  readonly pxPerMs: number;
  readonly isFollowing: boolean;
}

/** The Merkle panel's own pair (not following the engine's exchange) and how many levels its comparison had compared. */
export interface MerkleViewState {
  readonly pair: readonly [string, string];
  readonly stage: number;
}

interface StageState {
  readonly stage: StageId;
  readonly isWide: boolean;
  /** The diagram's view as it last drew it; null before it ever did. */
  readonly timeView: TimeViewState | null;
  /** Bumped when a link sets `timeView`: the diagram, if it is on the stage, takes it up. */
  readonly timeViewAsked: number;
  stageChosen(stage: StageId): void;
  wideToggled(isWide?: boolean): void;
  /** The Merkle panel's own pair, while it shows one; null while it follows the engine's exchange. */
  readonly merkleView: MerkleViewState | null;
  /** Bumped when a link sets `merkleView`, as `timeViewAsked`. */
  readonly merkleViewAsked: number;
  merkleViewShown(view: MerkleViewState | null): void;
  merkleViewAskedFor(view: MerkleViewState): void;
  timeViewShown(view: TimeViewState): void;
  /** Null: the diagram's default view (a lecture's next part, a cluster of its own). */
  timeViewAskedFor(view: TimeViewState | null): void;
  /** The key column's tab the lecturer chose; null: its own (the versions in a lecture, the request trace in free play). */
  readonly keyTab: KeyTab | null;
  keyTabChosen(tab: KeyTab | null): void;
}

/**
 * Kinds of event the log hides, listed for a while on the page's own account: while the
 * stage stays as it is, the traffic of the panel on it (its tab chosen, Run anti-entropy,
 * Gossip round, a lecture's step on the Merkle or Members panel); while a lecture stands on
 * a step, the kinds its events are all of (lecture 002's gossip round, watched on the ring or
 * the space-time diagram, showed nothing there). The filter also decides what Step passes
 * over, so left on, every periodic gossip would stop Step on the ring: a kind goes off again
 * once neither the stage nor the step that showed it is on screen.
 */
const shownFor = new Map<EventClass, Set<'stage' | 'step'>>();

function shownBy(cls: EventClass, by: 'stage' | 'step'): void {
  const lenders = shownFor.get(cls);
  if (lenders) {
    lenders.add(by);
    return;
  }
  const store = useStore.getState();
  if (store.logFilter[cls]) return; // the lecturer's own log lists it
  store.filterToggled(cls);
  shownFor.set(cls, new Set([by]));
}

/** `by` no longer shows the kinds it showed, except `kept`; each goes off once nothing shows it. */
function shownNoMoreBy(by: 'stage' | 'step', kept: readonly EventClass[] = []): void {
  for (const [cls, lenders] of shownFor) {
    if (kept.includes(cls) || !lenders.delete(by) || lenders.size > 0) continue;
    shownFor.delete(cls);
    if (useStore.getState().logFilter[cls]) useStore.getState().filterToggled(cls);
  }
}

/** Lists events of `cls` in the log while the stage stays as it is (see `shownFor`). */
export function classShown(cls: EventClass): void {
  shownBy(cls, 'stage');
}

/**
 * Lists events of `classes` in the log while the lecture stands on its step, and lets go of
 * the step before's (see `shownFor`); [] when the lecture moves on to a step of its own kinds, or is left.
 */
export function stepClassesShown(classes: readonly EventClass[]): void {
  for (const cls of classes) shownBy(cls, 'step');
  shownNoMoreBy('step', classes);
}

/**
 * The lecturer's own click on a kind's chip: the kind is theirs from then on, whatever had lent
 * it. Before, a kind a step had lent, switched off and on again by hand, was still counted as
 * lent, and the next step switched it off against the lecturer's choice.
 */
export function classChosen(cls: EventClass): void {
  shownFor.delete(cls);
  useStore.getState().filterToggled(cls);
}

/** True while a stage or a step lends `cls` to the log (see `shownFor`). */
export function isClassLent(cls: EventClass): boolean {
  return shownFor.has(cls);
}

/** The kinds the log lists of the lecturer's own choice: `filter` with every lent kind off (what leaving a lecture restores). */
export function ownFilter(filter: Record<EventClass, boolean>): Record<EventClass, boolean> {
  return Object.fromEntries(EVENT_CLASSES.map((cls) => [cls, filter[cls] && !shownFor.has(cls)])) as Record<EventClass, boolean>;
}

/** Forgets every loan, for a log filter about to be replaced whole (leaving a lecture): the stage then lends afresh. */
export function lendingForgotten(): void {
  shownFor.clear();
}

/** True when the log lists `cls` of the lecturer's own choice, not for a stage or a step. */
export function isClassListed(cls: EventClass): boolean {
  return useStore.getState().logFilter[cls] && !shownFor.has(cls);
}

export const useStageStore = create<StageState>()((set, get) => ({
  stage: 'ring',
  isWide: false,
  stageChosen: (stage) => {
    if (stage === get().stage) return;
    set({ stage });
    shownNoMoreBy('stage');
  },
  wideToggled: (isWide) => set((s) => ({ isWide: isWide ?? !s.isWide })),
  timeView: null,
  timeViewAsked: 0,
  timeViewShown: (timeView) => set({ timeView }),
  merkleView: null,
  merkleViewAsked: 0,
  merkleViewShown: (merkleView) => set({ merkleView }),
  merkleViewAskedFor: (merkleView) => set((s) => ({ merkleView, merkleViewAsked: s.merkleViewAsked + 1 })),
  timeViewAskedFor: (timeView) => set((s) => ({ timeView, timeViewAsked: s.timeViewAsked + 1 })),
  keyTab: null,
  keyTabChosen: (keyTab) => set({ keyTab }),
}));

/** The traffic a stage is about: its panel steps through it even while the log hides it. */
const STAGE_TRAFFIC: Partial<Record<StageId, EventClass>> = { membership: 'gossip', merkle: 'anti-entropy', hints: 'handoff' };

/**
 * Shows `stage`, and lists the traffic it is about in the log while it stays: its tab chosen,
 * a link or a lecture's step opening it (the Merkle lecture's log had hidden every
 * anti-entropy event it narrated; in free play, Step on the Merkle tab stopped at exchanges
 * the log did not list).
 */
export function stageShownWithTraffic(stage: StageId): void {
  useStageStore.getState().stageChosen(stage);
  const cls = STAGE_TRAFFIC[stage];
  if (cls !== undefined) classShown(cls);
}

/**
 * The kinds of event playback's Step buttons pass over: those the log hides. The Members,
 * Merkle and Hints tabs lend the log their traffic while they are on the stage, so Step stops
 * at it there; a kind the lecturer hid by hand on such a tab is passed over, as the log hides it.
 */
export function classesToPassOver(): EventClass[] {
  return hiddenClasses(useStore.getState().logFilter);
}

/**
 * Takes up a panel's view that a link asked for while the panel is on the stage: `take` is
 * called once per ask (`asked` counts them), with the view `viewOf` reads then. A panel
 * mounted after the ask reads the kept view as it starts instead.
 */
export function useAskedView<T>(askedOf: (s: StageState) => number, viewOf: (s: StageState) => T | null, take: (view: T) => void): void {
  const asked = useStageStore(askedOf);
  const seen = useRef(asked);
  const latestTake = useRef(take);
  useEffect(() => {
    latestTake.current = take;
  });
  useEffect(() => {
    if (asked === seen.current) return;
    seen.current = asked;
    const view = viewOf(useStageStore.getState());
    if (view !== null) latestTake.current(view);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per ask: viewOf is read when it comes
  }, [asked]);
}

/**
 * Wide as the page lays it out. The stacked page (a phone) gives the stage the whole width
 * already, so Wide does nothing there: it hid the lecture's narration and Next below the stage,
 * and a lecture link made with Wide on the projector opened phones that way.
 */
export function useStageWide(): boolean {
  const isWide = useStageStore((s) => s.isWide);
  return useMediaQuery(STACKED_QUERY) ? false : isWide;
}
