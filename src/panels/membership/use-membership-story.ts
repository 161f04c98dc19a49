/**
 * The membership story at the cursor (the last join or leave, its transfers, the gossip
 * since), read from the trace by one ledger for the page: the Members panel and the key
 * column's ranges both show it, at the same cursor.
 */
import { useMemo } from 'react';
import { traceIndex, useStore } from '../../store/store';
import { GossipLedger, type MembershipStory } from './gossip-ledger';

/** One ledger per page: it is kept between renders and remounts, and reads on from where it stopped. */
const ledger = new GossipLedger();

export function useMembershipStory(): { story: MembershipStory; upTo: number; version: number } {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const version = useStore((s) => s.traceVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the trace index changes with `version`
  const story = useMemo(() => ledger.at(traceIndex.events, upTo, traceIndex.epoch), [upTo, version]);
  return { story, upTo, version };
}
