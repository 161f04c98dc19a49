/**
 * The one store the panels read (DESIGN §5): the latest frame, the selection, playback
 * and preferences. Actions are named after what happened (`frameReceived`, `nodeClicked`).
 * The trace itself lives in `traceIndex` (too large to copy per frame); `traceVersion`
 * changes when it did, and only then: a frame that brings no events (a key selected, the
 * clock moved on through a quiet stretch) leaves the panels that read the trace as they are.
 */
import { create } from 'zustand';
import type { ClusterConfig, ClusterView, KeyView, MessageView, NodeView } from '../engine/index';
import type { Frame, Session } from '../worker/protocol';
import { EVENT_CLASSES, type EventClass } from '../app/theme';
import { mergeKeyView, mergeNodes, mergeStrings, sameTokens } from './frame-merge';
import { TraceIndex } from './trace-index';

export const traceIndex = new TraceIndex();

/**
 * A built-in cluster, or `opened`: the cluster of a link or file that was opened. The MD5
 * ring's ids keep the 32 of the only size it once had: its size is now chosen (`config`).
 */
export type PresetId = 'teaching' | 'md5-32' | 'md5-32-keys' | 'opened';

export interface SessionSettings {
  readonly preset: PresetId;
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly seed: number;
  /**
   * For `opened`: the cluster opened; for the MD5 ring of another size than 32 × 8: that ring
   * (session-config.ts `resized`). N, R and W above override its own. A new object for every
   * new cluster: a change of N, R or W keeps it, and that is how a change is told to be one of
   * N, R or W alone (`isQuorumChange`) rather than of the cluster.
   */
  readonly config?: ClusterConfig;
  /**
   * The title of the scenario, saved session or link opened (its `title`): the browser tab and
   * the Cluster menu's tooltip show it, and Save scenario and Share keep it. A change of N, R or W
   * that makes the session's actions again keeps it; any other new session is untitled
   * (`SessionLoader.loadSettings`).
   */
  readonly title?: string;
}

export interface Notice {
  readonly message: string;
  /** The input field the message is about, when the engine named one. */
  readonly field?: string;
  /** The kinds a "nothing shown ahead" notice says the log hides: it goes once one of them is shown (a tab lending it, a chip). */
  readonly hidden?: readonly EventClass[];
}

/** The cluster view's plain fields, copied from each frame as they are (the lists are merged to keep their identity). */
const VIEW_SCALARS = ['n', 'r', 'w', 'ringSize', 'isTeachingRing', 'placesJoinTokens', 'joinTokens', 'partitions', 'keyCount'] as const;
type ViewScalars = Pick<ClusterView, (typeof VIEW_SCALARS)[number]>;

function scalarsOf(view: ClusterView): ViewScalars {
  return Object.fromEntries(VIEW_SCALARS.map((field) => [field, view[field]])) as unknown as ViewScalars;
}

interface FrameSlice extends ViewScalars {
  readonly isReady: boolean;
  readonly isLoading: boolean;
  readonly cursor: number;
  readonly length: number;
  readonly traceLengthAtCursor: number;
  /** Every event recorded, the ones ahead of the cursor included. */
  readonly traceLength: number;
  readonly nowMs: number;
  readonly nextEventMs: number | null;
  /** What Undo would take back ("put cart"), or null. */
  readonly undoable: string | null;
  /** The lecturer's own inputs at or before the cursor (Frame.ownInputs): whether Undo reaches a replaced session. */
  readonly ownInputs: number;
  /** Times the recorded actions were rewritten (Frame.revision): a lecture knows when the page left its script. */
  readonly revision: number;
  readonly nodes: readonly NodeView[];
  readonly tokens: ClusterView['tokens'];
  readonly inFlight: readonly MessageView[];
  readonly blockedLinks: readonly string[];
  readonly keyView: KeyView | null;
  readonly keys: readonly { readonly key: string; readonly pos: number }[];
  readonly traceVersion: number;
}

interface SelectionSlice {
  readonly selectedKey: string | null;
  /** The node whose point of view the ring shows (who it believes unreachable). */
  readonly selectedNode: string | null;
  /** The node whose action menu is open on the ring. */
  readonly nodeMenu: string | null;
  /** The request the trace panel tells; null follows the latest one. */
  readonly pickedOpId: number | null;
  /** The message in flight whose menu is open. */
  readonly messageMenu: number | null;
  /** The node the client sends requests through ('' for the key's first live replica): the form's and the reconciliation's. */
  readonly clientVia: string;
  /** What the client form's Value field holds: what its next put writes. */
  readonly clientValue: string;
}

interface PlaybackSlice {
  readonly isPlaying: boolean;
  /** Virtual milliseconds per real second. */
  readonly speed: number;
  /** Background client operations per virtual second (0: none). */
  readonly workload: number;
}

interface PrefsSlice {
  readonly logFilter: Readonly<Record<EventClass, boolean>>;
  readonly isShortcutsOpen: boolean;
}

interface SessionSlice {
  readonly settings: SessionSettings;
  readonly notice: Notice | null;
  /** The session the lecturer's last action replaced, which Undo brings back (see `Replaced`). */
  readonly replaced: Replaced | null;
  /** What Undo took back, newest last, which Redo brings back (see `Redo`). */
  readonly redo: readonly Redo[];
  /** What the last Undo took back ("recover B") or Redo brought back, and where it left playback: said until playback or the session moves on. */
  readonly undone: { readonly label: string; readonly isRedo?: boolean; readonly revision: number; readonly cursor: number } | null;
  /**
   * The lecturer's own inputs the session came with from a link or a file (0 for any other
   * session): opening that link or file again brings them back, so only inputs beyond them are
   * work that leaving the page would lose (src/app/use-leave-guard.ts).
   */
  readonly openedInputs: number;
}

/**
 * The session as it was before an Undo, which Redo brings back as it was, cursor included,
 * with what Undo could then bring back (`replaced`). Undo in the past drops the recording
 * after the input it takes back: Undo again goes on back to the input before, and Redo, not
 * Undo, brings the dropped recording back. Any action that changes the recording (the
 * lecturer's or the background clients'), or a new session, forgets it, as editors do.
 */
export interface Redo {
  readonly session: Session;
  readonly settings: SessionSettings;
  /** What Undo took back, which Redo says it brings back: "put cart", "seed change". */
  readonly label: string;
  readonly replaced: Replaced | null;
}

/**
 * A whole session an action replaced: a change of cluster, N, R, W or seed starts afresh,
 * and an input while viewing the past drops what was recorded after it. Undo brings it back
 * as it was, cursor included, once it has taken back the lecturer's inputs made since (after
 * "W=1", a put and a get: Undo get, Undo put, then Undo the W change); it then keeps the
 * session that one replaced, if any, so Undo goes on back through every change.
 */
export interface Replaced {
  readonly session: Session;
  readonly settings: SessionSettings;
  /** What Undo says it takes back: "seed change", "put cart". */
  readonly label: string;
  /** The lecturer's own inputs in the new session when it replaced this one: Undo takes back those made after first. Absent: none is. */
  readonly atOwnInputs?: number;
  /** The session this one had replaced, which Undo brings back next. */
  readonly earlier?: Replaced | null;
}

/** How many replaced sessions Undo can go back through, and undone ones Redo can: each holds a whole session (a busy one, 250,000 actions). */
const MAX_REPLACED = 8;

/** `replaced` and at most `depth - 1` sessions it had replaced in turn. */
function chainAtMost(replaced: Replaced, depth: number): Replaced {
  if (!replaced.earlier) return replaced;
  return { ...replaced, earlier: depth <= 1 ? null : chainAtMost(replaced.earlier, depth - 1) };
}

/** True when Undo would bring back the replaced session now, rather than take back an input made since. */
export function isReplacedNext(s: Pick<State, 'replaced' | 'ownInputs'>): boolean {
  return s.replaced !== null && s.ownInputs <= (s.replaced.atOwnInputs ?? Infinity);
}

/** What Undo would take back now, as its button names it: a replaced session first, else the engine's last input; null: nothing. */
export function undoTarget(s: Pick<State, 'replaced' | 'undoable' | 'ownInputs'>): string | null {
  return isReplacedNext(s) ? s.replaced!.label : s.undoable;
}

/** What Redo would bring back now, as its button names it; null: nothing. */
export function redoTarget(s: Pick<State, 'redo'>): string | null {
  return s.redo.at(-1)?.label ?? null;
}

export interface Actions {
  frameReceived(frame: Frame, keys: Frame['keys']): void;
  loadingChanged(isLoading: boolean): void;
  sessionStarted(settings: SessionSettings): void;
  replacedKept(replaced: Replaced | null): void;
  /** Redo's stack, newest last (at most MAX_REPLACED are kept, the oldest dropped first). */
  redoKept(redo: readonly Redo[]): void;
  /** A link or a file opened the session on screen, with these actions (see `openedInputs`). */
  sessionOpened(actions: Session['actions']): void;
  /** An Undo cut the recording to `ownInputs` of the lecturer's: the opened link's inputs past them are gone, so a new one is work. */
  openedInputsCut(ownInputs: number): void;
  keyPicked(key: string | null): void;
  nodeClicked(node: string | null): void;
  nodeMenuClosed(): void;
  opPicked(opId: number | null): void;
  clientViaChosen(via: string): void;
  clientValueTyped(value: string): void;
  messageClicked(id: number | null): void;
  playbackChanged(isPlaying: boolean): void;
  speedChosen(speed: number): void;
  workloadChosen(opsPerSecond: number): void;
  filterToggled(cls: EventClass): void;
  shortcutsToggled(isOpen?: boolean): void;
  noticeShown(notice: Notice | null): void;
  /** Undo took back `label` (Redo brought it back, `isRedo`), leaving playback where it stands now. */
  undoneSaid(label: string, isRedo?: boolean): void;
}

export type State = FrameSlice & SelectionSlice & PlaybackSlice & PrefsSlice & SessionSlice & Actions;

const DEFAULT_FILTER = Object.fromEntries(EVENT_CLASSES.map((c) => [c, c !== 'gossip' && c !== 'anti-entropy'])) as Record<EventClass, boolean>;

/** The kinds of event the log hides: playback's Step buttons pass over steps made only of these. */
export function hiddenClasses(filter: Readonly<Record<EventClass, boolean>>): EventClass[] {
  return EVENT_CLASSES.filter((c) => !filter[c]);
}

export const DEFAULT_SETTINGS: SessionSettings = { preset: 'teaching', n: 3, r: 2, w: 2, seed: 42 };

const EMPTY_FRAME: FrameSlice = {
  isReady: false,
  isLoading: true,
  cursor: 0,
  length: 0,
  traceLengthAtCursor: 0,
  traceLength: 0,
  nowMs: 0,
  nextEventMs: null,
  undoable: null,
  ownInputs: 0,
  revision: 0,
  n: 3,
  r: 2,
  w: 2,
  ringSize: 1000,
  isTeachingRing: true,
  placesJoinTokens: false,
  joinTokens: 8,
  partitions: 0,
  nodes: [],
  tokens: [],
  inFlight: [],
  blockedLinks: [],
  keyCount: 0,
  keyView: null,
  keys: [],
  traceVersion: 0,
};

/** The playback speed a page opens with, in virtual milliseconds per second: a 10 ms message crosses in half a second. */
export const DEFAULT_SPEED = 20;

export const useStore = create<State>()((set, get) => ({
  ...EMPTY_FRAME,
  selectedKey: null,
  selectedNode: null,
  nodeMenu: null,
  pickedOpId: null,
  messageMenu: null,
  clientVia: '',
  clientValue: 'shoes',
  isPlaying: false,
  speed: DEFAULT_SPEED,
  workload: 0,
  logFilter: DEFAULT_FILTER,
  isShortcutsOpen: false,
  settings: DEFAULT_SETTINGS,
  notice: null,
  replaced: null,
  redo: [],
  undone: null,
  openedInputs: 0,

  frameReceived(frame, keys) {
    const prev = get();
    const { view } = frame;
    // A node removed from the ring (or not yet joined, at this point of the run) is no one's
    // viewpoint: its view, kept for its colour, would mark nodes unreachable with nothing selected on screen.
    const isSelectedGone = prev.selectedNode !== null && !view.nodes.some((n) => n.id === prev.selectedNode && n.isMember);
    set({
      ...(isSelectedGone ? { selectedNode: null, nodeMenu: prev.nodeMenu === prev.selectedNode ? null : prev.nodeMenu } : {}),
      isReady: true,
      cursor: frame.cursor,
      length: frame.length,
      traceLengthAtCursor: frame.traceLengthAtCursor,
      traceLength: frame.trace.from + frame.trace.events.length,
      nowMs: frame.nowMs,
      nextEventMs: frame.nextEventMs,
      undoable: frame.undoable,
      ownInputs: frame.ownInputs,
      revision: frame.revision,
      ...scalarsOf(view),
      nodes: mergeNodes(prev.nodes, view.nodes),
      tokens: sameTokens(prev.tokens, view.tokens) ? prev.tokens : view.tokens,
      inFlight: view.inFlight.length === 0 && prev.inFlight.length === 0 ? prev.inFlight : view.inFlight,
      blockedLinks: mergeStrings(prev.blockedLinks, view.blockedLinks),
      keyView: mergeKeyView(prev.keyView, frame.keyView),
      ...(keys ? { keys } : {}),
      traceVersion: traceIndex.changes,
    });
  },
  loadingChanged: (isLoading) => set({ isLoading }),
  sessionStarted: (settings) => set({ settings, selectedNode: null, nodeMenu: null, pickedOpId: null, messageMenu: null, notice: null, replaced: null, redo: [], undone: null, openedInputs: 0 }),
  replacedKept: (replaced) => set({ replaced: replaced && chainAtMost(replaced, MAX_REPLACED) }),
  redoKept: (redo) => set((s) => (redo.length === 0 && s.redo.length === 0 ? {} : { redo: redo.slice(-MAX_REPLACED) })),
  sessionOpened: (actions) => set({ openedInputs: actions.filter((a) => 'input' in a && a.background !== true).length }),
  openedInputsCut: (ownInputs) => set((s) => (ownInputs < s.openedInputs ? { openedInputs: ownInputs } : {})),
  keyPicked: (key) => set({ selectedKey: key }),
  nodeClicked: (node) => set((s) => ({ selectedNode: node, nodeMenu: node === null || s.nodeMenu === node ? null : node, messageMenu: null })),
  nodeMenuClosed: () => set({ nodeMenu: null }),
  opPicked: (opId) => set({ pickedOpId: opId }),
  clientViaChosen: (via) => set({ clientVia: via }),
  clientValueTyped: (value) => set({ clientValue: value }),
  messageClicked: (id) => set({ messageMenu: id, nodeMenu: null }),
  playbackChanged: (isPlaying) => set({ isPlaying }),
  speedChosen: (speed) => set({ speed }),
  workloadChosen: (workload) => set({ workload }),
  // A kind shown makes a notice that it is hidden untrue: the next Step forward stops at it.
  filterToggled: (cls) => set((s) => ({ logFilter: { ...s.logFilter, [cls]: !s.logFilter[cls] }, ...(!s.logFilter[cls] && s.notice?.hidden?.includes(cls) ? { notice: null } : {}) })),
  shortcutsToggled: (isOpen) => set((s) => ({ isShortcutsOpen: isOpen ?? !s.isShortcutsOpen })),
  noticeShown: (notice) => set({ notice }),
  undoneSaid: (label, isRedo) => set((s) => ({ undone: { label, ...(isRedo ? { isRedo } : {}), revision: s.revision, cursor: s.cursor } })),
}));
