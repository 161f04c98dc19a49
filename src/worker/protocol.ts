/**
 * The messages between the page and the engine worker (types only, DESIGN §4).
 *
 * Every command carries an `id`; the worker answers each with exactly one reply with that
 * `id`: the reply of the same `type`, a `frame` for commands that move the simulation, or
 * an `error`. Everything is plain, structured-clonable data: the page never sees engine
 * objects, only views of them and trace events.
 */
import type { ClusterConfig, ClusterView, Input, KeyView, MerkleTree, Range, TraceEvent } from '../engine/index';
import type { EventClass } from '../engine/index';
import type { Scenario } from '../scenario/schema';
import type { Lecture } from '../lectures/format';
import type { FileChecks } from './file-checks';

/** The background clients' rates the page offers, in operations per second (0: none). */
export const CLIENT_RATES = [0, 20, 200, 1000] as const;
/** Playback speeds the page offers, in virtual milliseconds per second (1000: real time). */
export const PLAYBACK_SPEEDS = [5, 20, 100, 500, 1000] as const;

/**
 * One recorded action: a user input, a run of engine steps, or the clock moving on. `background`: an input of the
 * background clients or a preset's preloaded keys, not the lecturer's: Undo passes over it.
 */
export type SessionAction = { readonly input: Input; readonly background?: true } | { readonly steps: number } | { readonly clockMs: number };

/**
 * A session: what a share link holds (inputs, not results). The seed, the configuration
 * and the actions reproduce every event exactly; `cursor` is where the viewer stood.
 */
export interface Session {
  readonly seed: number;
  readonly config: ClusterConfig;
  readonly actions: readonly SessionAction[];
  /** Actions applied at the viewer's position (absent: the end). */
  readonly cursor?: number;
  readonly title?: string;
  /** The panel on the stage when it was shared (the page's StageId), and whether it had the whole width. */
  readonly view?: 'ring' | 'versions' | 'spacetime' | 'hints' | 'merkle' | 'membership' | 'latency';
  readonly wide?: true;
  /**
   * The space-time diagram's view when it was on the stage: its zoom (pixels per virtual
   * millisecond), the time at its top edge, and `follow: false` when the viewer had scrolled
   * away from the cursor (else it follows the cursor on, as it did).
   */
  readonly spacetime?: { readonly pxPerMs: number; readonly startMs: number; readonly follow?: false };
  /** The Merkle panel's pair when it was on the stage and not following the engine's exchange, and how far its own comparison had got (levels compared). */
  readonly merkle?: { readonly a: string; readonly b: string; readonly stage: number };
  /** The client request the request trace told (its op id), when one was chosen rather than the latest. */
  readonly request?: number;
  /**
   * The kinds of event the log hid when it was shared. Step forward and back pass over steps
   * made only of hidden kinds, so without them the same clicks stepped differently in the link.
   */
  readonly hidden?: readonly EventClass[];
  /** The key column's tab the lecturer had chosen (the request trace or the key's versions), when not the page's own. */
  readonly keyPanel?: 'trace' | 'versions';
  /** The key the panels followed when it was shared: the preference list, the versions and the ring's walk show it again. */
  readonly key?: string;
  /**
   * The client form as it was filled in: its Value (what the next Put writes) and its Via
   * node (absent: the key's first live replica). Absent: the page's own.
   */
  readonly client?: { readonly value: string; readonly via?: string };
  /**
   * Playback as it was set: the background clients' rate (ops/s; absent: none) and the
   * speed (virtual ms per second). The clients' operations follow from virtual time
   * (engine-client/workload.ts), so with the same rate, playing on gives the same run.
   */
  readonly clients?: (typeof CLIENT_RATES)[number];
  readonly speed?: (typeof PLAYBACK_SPEEDS)[number];
  /** A guided lecture being played: which one, and the place in it (its text is built in). */
  readonly lecture?: LectureRef;
}

export interface LectureRef {
  readonly id: string;
  readonly part: number;
  readonly step: number;
  /** The step's question already has its answer shown. */
  readonly isRevealed?: boolean;
}

/** Page → worker. */
export type Command =
  /** Starts a new session (the default one when `session` is absent). */
  | { readonly type: 'load'; readonly id: number; readonly session?: Session }
  /** Starts a new session on `config` (other N, R or W) making the current one's inputs again at the virtual times they were made. */
  | { readonly type: 'replayInputsOn'; readonly id: number; readonly config: ClusterConfig }
  /** A user action at the cursor; in the past, it forks the timeline. */
  | { readonly type: 'input'; readonly id: number; readonly input: Input }
  /** `hidden`: kinds of event hidden in the log; a step that shows none of the others is passed over. */
  /**
   * `untilExchange`: on until anti-entropy exchange `untilExchange` compares its next level or ends (the Merkle panel's
   * "Compare next level" past the recording's end), in one command; nothing moves if it does not within 2,000 steps.
   */
  | { readonly type: 'stepForward'; readonly id: number; readonly count?: number; readonly hidden?: readonly EventClass[]; readonly untilExchange?: number }
  | { readonly type: 'stepBack'; readonly id: number; readonly hidden?: readonly EventClass[] }
  /** Moves the cursor to `cursor` actions applied. */
  | { readonly type: 'seek'; readonly id: number; readonly cursor: number }
  /** Moves the cursor to just after the event with this seq. */
  | { readonly type: 'seekToEvent'; readonly id: number; readonly seq: number }
  /**
   * Plays forward until virtual time `timeMs` (what playback sends once per animation
   * frame), after applying `inputs` (background clients' requests) at the current time.
   */
  | { readonly type: 'advanceTo'; readonly id: number; readonly timeMs: number; readonly inputs?: readonly { readonly atMs: number; readonly input: Input }[]; readonly untilCursor?: number }
  /** The key the panels look at (or none); `n`, a list length other than the cluster's N (a lecture's RF=2 question). */
  | { readonly type: 'select'; readonly id: number; readonly key: string | null; readonly n?: number }
  /** Takes back the last input at or before the cursor, and everything after it. */
  | { readonly type: 'undo'; readonly id: number }
  /**
   * Both replicas' Merkle trees over the ranges `a` and `b` share, at the cursor (the Merkle
   * panel); with `exchangeId`, the trees that anti-entropy exchange compared, each side's
   * as it was when that side built it (or at the cursor, before it did).
   */
  | { readonly type: 'merkle'; readonly id: number; readonly a: string; readonly b: string; readonly exchangeId?: number }
  /** The session so far, to share or save. */
  | { readonly type: 'session'; readonly id: number }
  /** Opens a scenario file's text (the `npm run sim` format), recorded step by step. */
  | { readonly type: 'loadScenario'; readonly id: number; readonly text: string }
  /**
   * Opens one part of a guided lecture, recorded step by step: a built-in one by its id, or
   * the lecturer's own (opened from a file) by the part's scenario, which the worker has no copy of.
   */
  | { readonly type: 'loadLecture'; readonly id: number; readonly lectureId: string; readonly part: number; readonly scenario?: Scenario }
  /** Checks a lecturer's own lecture or scenario as the runners do (a query: the session stays). */
  | { readonly type: 'checkFile'; readonly id: number; readonly file: { readonly lecture: Lecture } | { readonly scenario: Scenario } };

/** What the page needs after the simulation moved: at most one per animation frame. */
export interface Frame {
  readonly type: 'frame';
  readonly id: number;
  /** Actions applied at the cursor, and recorded in all. */
  readonly cursor: number;
  readonly length: number;
  /** Trace events that exist at the cursor (later ones are the recorded future). */
  readonly traceLengthAtCursor: number;
  readonly nowMs: number;
  /** When the next thing happens, if anything is left to happen. */
  readonly nextEventMs: number | null;
  readonly view: ClusterView;
  readonly keyView: KeyView | null;
  /** Every stored key and its position, sent only when the set of keys changed. */
  readonly keys: readonly { readonly key: string; readonly pos: number }[] | null;
  /** New trace events: drop everything from index `from` on, then append `events`. */
  readonly trace: { readonly from: number; readonly events: readonly TraceEvent[] };
  /** What Undo would take back ("put cart", "fail C"), or null when there is nothing. */
  readonly undoable: string | null;
  /** How many of the lecturer's own inputs stand at or before the cursor (background clients' not counted). */
  readonly ownInputs: number;
  /** Times the recorded actions were dropped or rewritten since the session was loaded (see `Timeline.revision`). */
  readonly revision: number;
  /** After loadScenario or loadLecture: the cursor at the end of each scenario step. */
  readonly stepEnds?: readonly number[];
  /** With `stepEnds`: the trace's length at the end of each step (step i's events are those from `stepTraceEnds[i - 1]` on). */
  readonly stepTraceEnds?: readonly number[];
}

/** One replica's side of a Merkle comparison: its tree per shared range (paper §4.7). */
export interface MerkleSide {
  readonly node: string;
  /** One tree per range, in the order of `MerkleReply.ranges`; an empty subtree's hash is ''. */
  readonly trees: readonly MerkleTree[];
  /** Per range: each key this replica holds there → [its hash, the bytes it costs to send]. */
  readonly entries: readonly Readonly<Record<string, readonly [string, number]>>[];
  /** The trace seq of the moment these trees stand for (when the exchange built them); null: the cursor. */
  readonly atSeq: number | null;
}

/** The answer to a `merkle` command: two trees of equal shape per range, `a`'s first. */
export interface MerkleReply {
  readonly type: 'merkle';
  readonly id: number;
  /** The exchange asked about, or null for a pair at the cursor. */
  readonly exchangeId: number | null;
  readonly ranges: readonly Range[];
  /** Levels below the root: each tree has 2^depth leaves. */
  readonly depth: number;
  readonly sides: readonly [MerkleSide, MerkleSide];
  /**
   * Per range, the lecture's names of its hashes (hash → "h3"), carried through the pair's
   * earlier exchanges (`foldedNames`); null for trees too big to name.
   */
  readonly names: readonly (Readonly<Record<string, string>> | null)[];
}

/** Worker → page. */
export type Reply =
  | Frame
  | { readonly type: 'session'; readonly id: number; readonly session: Session }
  | MerkleReply
  | { readonly type: 'checkFile'; readonly id: number; readonly checks: FileChecks }
  /** A command failed; `id` is null when the command itself could not be read. */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string; readonly field?: string };

export type CommandType = Command['type'];

/** A command as the page writes it, before the client gives it an id. */
export type CommandBody<T extends CommandType = CommandType> = T extends CommandType ? Omit<Extract<Command, { type: T }>, 'id'> : never;

/** Commands answered by their own reply type; every other command is answered by a frame. */
type OwnReply = 'session' | 'merkle' | 'checkFile';

/** The successful reply to a command of type `T`. */
export type ReplyTo<T extends CommandType> = T extends OwnReply ? Extract<Reply, { type: T }> : Frame;
