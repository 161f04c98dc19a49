/**
 * Colours and sizes, defined once, and the names of the kinds of event they colour. Node colours are Tableau 10, a palette chosen to stay
 * distinguishable for the common colour-vision deficiencies; colour is never the only cue
 * (node state also has a dash pattern and a word, messages a shape and a label).
 */
import type { EventClass } from '../engine/index';

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

/** The event classes live with the trace (the worker passes over steps the log hides); the page names and colours them here. */
export { eventClass, EVENT_CLASSES, type EventClass } from '../engine/index';

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
