/**
 * The messages nodes send each other. Every one is plain, immutable data, carried by the
 * simulated network and recorded in the trace when sent, delivered or dropped.
 */
import type { NodeId } from './ring';
import type { Json, Version } from './versions';
import type { VectorClock } from './vector-clock';
import type { MemberEntry } from './node';
import type { OpKind } from '../trace/events';
import { keyName } from '../trace/key-name';

/** What a client asked for, as the node it contacted received it. */
export interface ClientRequest {
  readonly opId: number;
  readonly op: OpKind;
  readonly key: string;
  readonly value?: Json;
  readonly context?: VectorClock;
  readonly via: NodeId;
  readonly startedAtMs: number;
}

/** One hash of one Merkle tree node, sent during anti-entropy. */
export interface TreeHash {
  /** Index of the key range among the exchange's common ranges. */
  readonly range: number;
  /** Index of the tree node within its level. */
  readonly index: number;
  readonly hash: string;
}

export type KeyEntries = readonly (readonly [string, readonly Version[]])[];

export type MessageBody =
  /** A node outside the key's top N hands the request to one inside it (lecture 002: G → B). */
  | { readonly type: 'forward'; readonly request: ClientRequest }
  /** The node a request was forwarded to tells the forwarding node it took it, so that one stops waiting (B → G). */
  | { readonly type: 'forward-ack'; readonly opId: number; readonly op: OpKind; readonly key: string }
  /** The coordinator asks a replica to store a version; `hintFor` when it stands in for another node. */
  | { readonly type: 'put'; readonly opId: number; readonly key: string; readonly version: Version; readonly hintFor?: NodeId }
  | { readonly type: 'put-ack'; readonly opId: number; readonly key: string; readonly versionId: number }
  /** The coordinator asks a replica for every version it holds. */
  | { readonly type: 'get'; readonly opId: number; readonly key: string }
  | { readonly type: 'get-reply'; readonly opId: number; readonly key: string; readonly versions: readonly Version[] }
  /** Read repair: versions a replica was missing (paper §5). */
  | { readonly type: 'repair'; readonly key: string; readonly versions: readonly Version[] }
  /** Hinted handoff: the stand-in hands the intended node its writes (paper §4.6). */
  | { readonly type: 'hint-deliver'; readonly key: string; readonly intendedFor: NodeId; readonly versions: readonly Version[] }
  | { readonly type: 'hint-ack'; readonly key: string; readonly intendedFor: NodeId; readonly versionIds: readonly number[] }
  /** The failure detector asks a peer it believes down whether it answers again. */
  | { readonly type: 'ping' }
  | { readonly type: 'pong' }
  /** Gossip: two nodes exchange their membership views (paper §4.8). */
  | { readonly type: 'gossip'; readonly view: readonly (readonly [NodeId, MemberEntry])[] }
  | { readonly type: 'gossip-reply'; readonly view: readonly (readonly [NodeId, MemberEntry])[] }
  /** Anti-entropy (paper §4.7): key ranges and counts, then tree hashes level by level, then keys. */
  | { readonly type: 'ae-start'; readonly exchangeId: number; readonly ranges: readonly (readonly [number, number])[]; readonly keyCounts: readonly number[] }
  | { readonly type: 'ae-hashes'; readonly exchangeId: number; readonly level: number; readonly depths: readonly number[]; readonly hashes: readonly TreeHash[] }
  | { readonly type: 'ae-keys'; readonly exchangeId: number; readonly leaves: readonly TreeHash[]; readonly entries: KeyEntries; readonly isReply: boolean }
  /** Membership changed: the sender hands the receiver a key range's data. */
  | { readonly type: 'transfer'; readonly transferId: number; readonly range: readonly [number, number]; readonly entries: KeyEntries }
  /** The receiver names each key and the version ids it now holds, so the sender lets go of exactly those. */
  | {
      readonly type: 'transfer-ack';
      readonly transferId: number;
      readonly keys: readonly (readonly [string, readonly number[]])[];
      /** Keys the receiver no longer holds a replica of (the ring changed again on the way): not stored, for the sender to pass on. */
      readonly refused?: readonly string[];
    };

export interface Message {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAtMs: number;
  readonly deliverAtMs: number;
  /** Trace seq of the send, so the delivery can point back at it. */
  readonly sendSeq: number;
  /** Decided at send time by the network's loss draw; dropped on arrival. */
  readonly isLost: boolean;
  readonly body: MessageBody;
}

/** The kind of traffic a message belongs to, so background traffic can be filtered out. */
export type TrafficClass = 'client' | 'replication' | 'handoff' | 'gossip' | 'anti-entropy' | 'membership';

export function trafficClass(body: MessageBody): TrafficClass {
  switch (body.type) {
    case 'forward':
    case 'forward-ack':
      return 'client';
    case 'put':
    case 'put-ack':
    case 'get':
    case 'get-reply':
    case 'repair':
      return 'replication';
    case 'hint-deliver':
    case 'hint-ack':
      return 'handoff';
    case 'ping':
    case 'pong':
    case 'gossip':
    case 'gossip-reply':
      return 'gossip';
    case 'ae-start':
    case 'ae-hashes':
    case 'ae-keys':
      return 'anti-entropy';
    case 'transfer':
    case 'transfer-ack':
      return 'membership';
  }
}

/** `put(cart)`-style label for logs, the event list, and a message on the ring and the space-time diagram; an odd key quoted (`put("my cart")`, keyName). */
export function messageLabel(body: MessageBody): string {
  switch (body.type) {
    case 'forward':
      return `${body.request.op}(${keyName(body.request.key)})`;
    case 'forward-ack':
      return `took ${body.op}(${keyName(body.key)})`;
    case 'put':
      return body.hintFor !== undefined ? `put(${keyName(body.key)}) hinted for ${body.hintFor}` : `put(${keyName(body.key)})`;
    case 'put-ack':
    case 'get':
    case 'get-reply':
    case 'repair':
      return `${body.type}(${keyName(body.key)})`;
    case 'hint-deliver':
      return `hinted ${keyName(body.key)} for ${body.intendedFor}`;
    case 'hint-ack':
      return `hint-ack(${keyName(body.key)})`;
    case 'ae-hashes':
      return `Merkle hashes, level ${body.level}`;
    case 'ae-keys':
      return `${body.entries.length} differing key${body.entries.length === 1 ? '' : 's'}`;
    case 'ae-start':
      return `anti-entropy over ${body.ranges.length} range${body.ranges.length === 1 ? '' : 's'}`;
    case 'transfer':
      return `transfer of ${body.entries.length} key${body.entries.length === 1 ? '' : 's'}`;
    default:
      return body.type;
  }
}
