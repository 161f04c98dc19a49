/**
 * The trace: every thing that happens in the simulated cluster, in order.
 *
 * The engine appends events and never edits them; playback, the panels, the consistency
 * checker and the headless runner all read this one record. Each event has a total order
 * (`seq`, unique even at equal times), a virtual time (`atMs`), the node where it
 * happened, and `causeSeq`, the event that led to it (a delivery points at its send), so a
 * space-time diagram can draw arrows from it.
 */
import type { ClockEntry, VectorClock } from '../dynamo/vector-clock';
import type { Json, Version } from '../dynamo/versions';
import type { Transfer } from '../dynamo/ownership';
import type { NodeId } from '../dynamo/ring';
import type { MessageBody } from '../dynamo/messages';

export type OpKind = 'put' | 'get';
/**
 * How a replica came to store a version other than by a put: from `from` by read repair, by
 * hinted handoff (a stand-in's hint), by Merkle anti-entropy, or by a range transfer on a join
 * or leave. `from` is the node itself when it stores from its own hand (a coordinator's own
 * read repair, a stand-in keeping its hint as a replica).
 */
export interface StoreSource {
  readonly by: 'read-repair' | 'hinted-handoff' | 'anti-entropy' | 'transfer';
  readonly from: NodeId;
}
export type DropReason = 'loss' | 'partition' | 'node-down' | 'user';

interface Base {
  readonly seq: number;
  readonly atMs: number;
  /** Where it happened; null for cluster-wide events (a partition, a note). */
  readonly node: NodeId | null;
  /** The event this one follows from, if any. */
  readonly causeSeq: number | null;
}

export type TraceEventBody =
  | { readonly kind: 'op-start'; readonly opId: number; readonly op: OpKind; readonly key: string; readonly via: NodeId; readonly value?: Json; readonly context?: VectorClock }
  | {
      readonly kind: 'op-route';
      readonly opId: number;
      readonly op: OpKind;
      readonly key: string;
      readonly md5: string;
      readonly position: number;
      readonly preferenceList: readonly NodeId[];
      readonly fallbacks: readonly NodeId[];
      /** The node that will coordinate: the receiving node itself, or the one it forwards to. */
      readonly coordinator: NodeId;
      readonly isForwarded: boolean;
    }
  | { readonly kind: 'send'; readonly msgId: number; readonly from: NodeId; readonly to: NodeId; readonly deliverAtMs: number; readonly body: MessageBody }
  | { readonly kind: 'deliver'; readonly msgId: number; readonly from: NodeId; readonly to: NodeId; readonly body: MessageBody }
  | { readonly kind: 'drop'; readonly msgId: number; readonly from: NodeId; readonly to: NodeId; readonly body: MessageBody; readonly reason: DropReason }
  | { readonly kind: 'message-delayed'; readonly msgId: number; readonly byMs: number; readonly deliverAtMs: number }
  /** `source` (here and in `version-ignored`): how a version other than a put's came (absent for a put's replica or coordinator). */
  | { readonly kind: 'version-stored'; readonly key: string; readonly version: Version; readonly superseded: readonly number[]; readonly siblings: readonly number[]; readonly source?: StoreSource }
  | { readonly kind: 'version-ignored'; readonly key: string; readonly version: Version; readonly coveredBy: number; readonly source?: StoreSource }
  | { readonly kind: 'clock-truncated'; readonly key: string; readonly versionId: number; readonly removed: readonly ClockEntry[] }
  /** The coordinator's new version descends from versions its client's context did not cover: those writes are lost unread. */
  | { readonly kind: 'unread-superseded'; readonly key: string; readonly versionId: number; readonly lost: readonly number[] }
  | { readonly kind: 'reply-counted'; readonly opId: number; readonly op: OpKind; readonly from: NodeId; readonly count: number; readonly needed: number }
  | {
      readonly kind: 'op-end';
      readonly opId: number;
      readonly op: OpKind;
      readonly key: string;
      readonly ok: boolean;
      readonly latencyMs: number;
      readonly coordinator: NodeId | null;
      readonly error?: string;
      /** put: the version written, and the replicas that acknowledged it in time. */
      readonly version?: Version;
      readonly acks?: readonly NodeId[];
      /** put: acknowledgements from stand-ins, and the node each one holds a hint for. */
      readonly hinted?: readonly { readonly holder: NodeId; readonly intendedFor: NodeId }[];
      /** get: the siblings returned and the context for the next put. */
      readonly versions?: readonly Version[];
      readonly context?: VectorClock;
      readonly replies?: readonly NodeId[];
    }
  | { readonly kind: 'keys-released'; readonly keys: readonly string[] }
  /** The coordinator sends a write or read to a stand-in beyond the top N (sloppy quorum). */
  | { readonly kind: 'sloppy-target'; readonly opId: number; readonly op: OpKind; readonly key: string; readonly standIn: NodeId; readonly intendedFor: NodeId }
  | { readonly kind: 'peer-unreachable'; readonly peer: NodeId }
  /** `heard`: the kind of message that came from the peer (a pong, its gossip, an ack): the log may hide it. */
  | { readonly kind: 'peer-reachable'; readonly peer: NodeId; readonly heard: MessageBody['type'] }
  | { readonly kind: 'hint-stored'; readonly key: string; readonly intendedFor: NodeId; readonly version: Version }
  /** `to`: where the hint goes when it is not `intendedFor`, which no longer holds the key. */
  | { readonly kind: 'hint-delivery-attempted'; readonly key: string; readonly intendedFor: NodeId; readonly versionIds: readonly number[]; readonly to?: NodeId }
  /** `intendedFor`: set when the hint was meant for another node, which no longer holds the key. */
  | { readonly kind: 'hint-delivered'; readonly key: string; readonly holder: NodeId; readonly versionIds: readonly number[]; readonly intendedFor?: NodeId }
  | { readonly kind: 'hint-deleted'; readonly key: string; readonly intendedFor: NodeId; readonly reason: 'delivered' | 'destroyed' }
  /**
   * A forwarded request reaches a node of the top N after `from` stopped waiting for it (its
   * forward timed out): another node may have taken it, or its client may have its answer or
   * failure already. The node cannot know, so it coordinates the request all the same, as
   * operation `duplicateOpId`, whose answer no client waits for (paper §4.5: a timeout cannot
   * tell a slow node from a dead one). What the receiver does not know: `isAnswered`, the
   * client had its answer or failure; `takenBy`, the node coordinating it, when still at work.
   */
  | {
      /**
       * A forward reaches a node after the request was taken or answered: the node coordinates it again,
       * as `duplicateOpId`. `isAwaited`: `from` was still waiting for this node (no word that another
       * node took the request had reached it); else it had stopped waiting for it.
       */
      readonly kind: 'late-forward';
      readonly opId: number;
      readonly op: OpKind;
      readonly key: string;
      readonly from: NodeId;
      readonly isAwaited: boolean;
      readonly isAnswered: boolean;
      readonly takenBy: NodeId | null;
      readonly duplicateOpId: number;
    }
  | { readonly kind: 'read-repair'; readonly opId: number; readonly key: string; readonly target: NodeId; readonly versionIds: readonly number[] }
  | { readonly kind: 'view-changed'; readonly learned: readonly { readonly node: NodeId; readonly status: 'joined' | 'left'; readonly version: number }[] }
  | { readonly kind: 'ae-started'; readonly exchangeId: number; readonly peer: NodeId; readonly ranges: readonly (readonly [number, number])[] }
  | {
      /** One level of a Merkle comparison: which tree nodes were compared and which differ. */
      readonly kind: 'ae-level';
      readonly exchangeId: number;
      readonly level: number;
      readonly compared: readonly { readonly range: number; readonly index: number }[];
      readonly differing: readonly { readonly range: number; readonly index: number }[];
    }
  | {
      readonly kind: 'ae-done';
      readonly exchangeId: number;
      readonly a: NodeId;
      readonly b: NodeId;
      readonly ok: boolean;
      readonly differingKeys: readonly string[];
      readonly hashesCompared: number;
      readonly bytesExchanged: number;
      readonly bytesFullTransfer: number;
    }
  | { readonly kind: 'link-changed'; readonly from: NodeId; readonly to: NodeId; readonly change: 'cut' | 'slow' | 'lossy'; readonly extraMs?: number; readonly lossRate?: number }
  | { readonly kind: 'node-failed' }
  | { readonly kind: 'node-recovered' }
  | { readonly kind: 'node-destroyed'; readonly keysLost: number; readonly hintsLost: number }
  /**
   * `transfers`: what old holders send; `repairs`: ranges whose old holder was destroyed, which
   * the new holder gets from the other replicas by anti-entropy (absent when there are none).
   */
  | { readonly kind: 'node-added'; readonly tokens: readonly number[]; readonly transfers: readonly Transfer[]; readonly repairs?: readonly Transfer[] }
  | { readonly kind: 'node-removed'; readonly transfers: readonly Transfer[]; readonly repairs?: readonly Transfer[] }
  | { readonly kind: 'partitioned'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly kind: 'healed' }
  | { readonly kind: 'note'; readonly text: string };

export type TraceEvent = Base & TraceEventBody;
export type TraceKind = TraceEvent['kind'];
export type EventOf<K extends TraceKind> = Extract<TraceEvent, { kind: K }>;
