import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store';
import { classChosen, classesToPassOver, isClassLent, lendingForgotten, ownFilter, stageShownWithTraffic, useStageStore } from './stage-store';

describe('a stage lends the log its traffic while it is shown; Step passes over what the log hides', () => {
  beforeEach(() => {
    lendingForgotten();
    useStageStore.setState({ stage: 'ring' });
    useStore.setState((s) => ({ logFilter: { ...s.logFilter, gossip: false, 'anti-entropy': false } }));
  });

  it('lends Anti-entropy on the Merkle tab, and lets it go on the ring', () => {
    stageShownWithTraffic('merkle');
    expect(useStore.getState().logFilter['anti-entropy']).toBe(true);
    expect(isClassLent('anti-entropy')).toBe(true);
    expect(classesToPassOver()).not.toContain('anti-entropy');
    // What is lent is not the lecturer's own: leaving a lecture restores the filter without it.
    expect(ownFilter(useStore.getState().logFilter)['anti-entropy']).toBe(false);
    stageShownWithTraffic('ring');
    expect(useStore.getState().logFilter['anti-entropy']).toBe(false);
    expect(classesToPassOver()).toContain('anti-entropy');
  });

  it('passes over a kind hidden by hand on its own tab, as the log hides it', () => {
    stageShownWithTraffic('merkle');
    classChosen('anti-entropy');
    expect(useStore.getState().logFilter['anti-entropy']).toBe(false);
    // Step stopped at anti-entropy on the Merkle tab whatever the log showed: its current line lagged behind the clock.
    expect(classesToPassOver()).toContain('anti-entropy');
  });
});
