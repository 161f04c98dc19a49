/**
 * The messages nodes send each other. Every one is plain, immutable data, carried by the
 * simulated network and recorded in the trace when sent, delivered or dropped.
 */
import type { NodeId } from './ring';
import type { Json, Version } from './versions';
import type { VectorClock } from './vector-clock';
import type { Range } from './ownership';
import type { OpKind } from '../trace/events';

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

export type MessageBody =
  /** A node outside the key's top N hands the request to one inside it (lecture 002: G → B). */
  | { readonly type: 'forward'; readonly request: ClientRequest }
  /** The coordinator asks a replica to store a version. */
  | { readonly type: 'put'; readonly opId: number; readonly key: string; readonly version: Version }
  | { readonly type: 'put-ack'; readonly opId: number; readonly key: string; readonly versionId: number }
  /** The coordinator asks a replica for every version it holds. */
  | { readonly type: 'get'; readonly opId: number; readonly key: string }
  | { readonly type: 'get-reply'; readonly opId: number; readonly key: string; readonly versions: readonly Version[] }
  /** Membership changed: the sender hands the receiver a key range's data. */
  | { readonly type: 'transfer'; readonly transferId: number; readonly range: readonly [number, number]; readonly entries: readonly (readonly [string, readonly Version[]])[] }
  | { readonly type: 'transfer-ack'; readonly transferId: number; readonly keys: readonly string[] };

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

/** `put(cart)`-style label for logs and the event list. */
export function messageLabel(body: MessageBody): string {
  switch (body.type) {
    case 'forward':
      return `${body.request.op}(${body.request.key})`;
    case 'put':
    case 'put-ack':
    case 'get':
    case 'get-reply':
      return `${body.type}(${body.key})`;
    case 'transfer':
      return `transfer of ${body.entries.length} key${body.entries.length === 1 ? '' : 's'}`;
    case 'transfer-ack':
      return 'transfer-ack';
  }
}
