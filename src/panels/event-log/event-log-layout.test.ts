import { describe, expect, it } from 'vitest';
import type { EventClass } from '../../app/theme';
import { FilterCache, filteredIndices, lastBelow, scrollToShow } from './event-log-layout';

const ALL_ON: Record<EventClass, boolean> = { client: true, replication: true, handoff: true, gossip: true, 'anti-entropy': true, membership: true, cluster: true };

function source(classes: EventClass[], epoch = 0) {
  return { length: classes.length, epoch, classOf: (i: number) => classes[i]! };
}

describe('event log filter', () => {
  it('keeps the events of the chosen kinds, extending its list as events are appended', () => {
    const classes: EventClass[] = ['client', 'gossip', 'replication'];
    const noGossip = { ...ALL_ON, gossip: false };
    const first = filteredIndices(source(classes), noGossip, null);
    expect(first.indices).toEqual([0, 2]);
    classes.push('gossip', 'client');
    const second = filteredIndices(source(classes), noGossip, first);
    expect(second).toBe(first);
    expect(second.indices).toEqual([0, 2, 4]);
  });

  it('starts again when the filter changes or the trace was cut', () => {
    const classes: EventClass[] = ['client', 'gossip'];
    const list = filteredIndices(source(classes), ALL_ON, null);
    expect(filteredIndices(source(classes), { ...ALL_ON, client: false }, list).indices).toEqual([1]);
    expect(filteredIndices(source(['gossip'], 1), ALL_ON, list).indices).toEqual([0]);
    const cache = new FilterCache();
    expect(cache.indices(source(classes), ALL_ON)).toEqual([0, 1]);
  });
});

describe('virtual rows', () => {
  it('scrolls only as far as needed to show a row at the bottom', () => {
    expect(scrollToShow(2, 30, 0, 150)).toBe(0);
    expect(scrollToShow(10, 30, 0, 150)).toBe(180);
    expect(scrollToShow(0, 30, 180, 150)).toBe(0);
  });

  it('shows both lines of a tall row, at the bottom of the view, whether it starts above the view (a step back) or ends below', () => {
    // Three rows in view (90 px) from row 5: a tall row at 4 has its second line (row 5) in view, its first not.
    expect(scrollToShow(4, 30, 150, 90, 2)).toBe(90);
    // A tall row at 7 ends below the view: scrolled so its second line is the last.
    expect(scrollToShow(7, 30, 150, 90, 2)).toBe(180);
    expect(scrollToShow(5, 30, 150, 90, 2)).toBe(150);
  });

  it('finds the last event before the cursor among the filtered ones', () => {
    expect(lastBelow([1, 4, 9], 5)).toBe(1);
    expect(lastBelow([1, 4, 9], 1)).toBe(-1);
    expect(lastBelow([1, 4, 9], 100)).toBe(2);
  });
});
