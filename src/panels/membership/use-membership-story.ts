/**
 * The membership story at the cursor (the last join or leave, its transfers, the gossip
 * since), read from the trace by one ledger for the page: the Members panel and the key
 * column's ranges both show it, at the same cursor.
 */
import { useLedgerAt } from '../../store/use-trace';
import { GossipLedger, type MembershipStory } from './gossip-ledger';

/** One ledger per page: it is kept between renders and remounts, reads on from where it stopped, and is let go when the trace is cut. */
const ledger = new GossipLedger();

export function useMembershipStory(): MembershipStory {
  return useLedgerAt(ledger);
}
