/**
 * Which kind of traffic or concern each trace event belongs to: the event log's filter chips,
 * and what Step forward passes over when the log hides a kind (the worker reads it too).
 */
import { trafficClass, type TrafficClass } from '../dynamo/messages';
import type { TraceEvent } from './events';

/** Kinds of traffic a message or event belongs to: the event log's filter chips. */
export type EventClass = TrafficClass | 'cluster';

export const EVENT_CLASSES: readonly EventClass[] = ['client', 'replication', 'handoff', 'gossip', 'anti-entropy', 'membership', 'cluster'];

/** Which filter chip an event belongs to (its message's traffic class, or its concern). */
export function eventClass(e: TraceEvent): EventClass {
  switch (e.kind) {
    case 'send':
    case 'deliver':
    case 'drop':
      return trafficClass(e.body);
    case 'op-start':
    case 'op-route':
    case 'op-end':
    case 'late-forward':
      return 'client';
    case 'reply-counted':
    case 'version-stored':
    case 'version-ignored':
    case 'clock-truncated':
    case 'unread-superseded':
    case 'sloppy-target':
    case 'read-repair':
      return 'replication';
    case 'hint-stored':
    case 'hint-delivery-attempted':
    case 'hint-delivered':
    case 'hint-deleted':
      return 'handoff';
    case 'view-changed':
      return 'gossip';
    case 'ae-started':
    case 'ae-level':
    case 'ae-done':
      return 'anti-entropy';
    case 'keys-released':
      return 'membership';
    // What the lecturer or the cluster's own failure detector did: failures, the network, the ring, notes.
    case 'message-delayed':
    case 'peer-unreachable':
    case 'peer-reachable':
    case 'link-changed':
    case 'node-failed':
    case 'node-recovered':
    case 'node-destroyed':
    case 'node-added':
    case 'node-removed':
    case 'partitioned':
    case 'healed':
    case 'note':
      return 'cluster';
    default: {
      // Every kind is listed: a new one is a compile error here, not a line filed under Cluster unnoticed.
      const unlisted: never = e;
      return unlisted;
    }
  }
}

