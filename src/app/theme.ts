/**
 * Colours and sizes, defined once, and the kinds of event they colour (which the worker
 * also uses, to pass over steps the log hides). Node colours are Tableau 10, a palette chosen to stay
 * distinguishable for the common colour-vision deficiencies; colour is never the only cue
 * (node state also has a dash pattern and a word, messages a shape and a label).
 */
import { trafficClass, type TraceEvent, type TrafficClass } from '../engine/index';

/** Tableau 10 (Tableau's 2016 palette). */
export const NODE_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

/** The colour of the i-th node (in configuration order); more than ten nodes repeat colours. */
export function nodeColour(index: number): string {
  return NODE_PALETTE[((index % NODE_PALETTE.length) + NODE_PALETTE.length) % NODE_PALETTE.length]!;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): '#000' | '#fff' {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return luminance > 0.22 ? '#000' : '#fff';
}

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

export const EVENT_CLASS_LABEL: Readonly<Record<EventClass, string>> = {
  client: 'Client',
  replication: 'Replication',
  handoff: 'Handoff',
  gossip: 'Gossip',
  'anti-entropy': 'Anti-entropy',
  membership: 'Transfers',
  cluster: 'Cluster',
};

/** Okabe–Ito hues for traffic: distinct for colour-blind viewers, dark enough on white. */
export const TRAFFIC_COLOUR: Readonly<Record<EventClass, string>> = {
  client: '#000000',
  replication: '#0072b2',
  handoff: '#cc79a7',
  gossip: '#7a7a7a',
  'anti-entropy': '#009e73',
  membership: '#d55e00',
  cluster: '#a00000',
};

export const INK = '#111';
export const DOWN_GREY = '#8a8a8a';
export const DOOMED = '#c00000';
