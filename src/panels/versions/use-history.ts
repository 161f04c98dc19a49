/** A key's version history at the playback cursor (the versions panel's, and a lecture inspect step's), how the panel lists what a node holds of it, and what the key's panels say with no key. */
import { versionHistory, type NodeHolding, type VersionHistory } from '../../engine/index';
import { useTraceMemo } from '../../store/use-trace';

export function useHistory(key: string | null): VersionHistory | null {
  return useTraceMemo((index, upTo) => (key === null ? null : versionHistory(index.events, key, { atSeq: index.events[upTo - 1]?.seq ?? -1, indices: index.historyEventsOf(key, upTo) })), [key]);
}

/** What a key's panels say with no key: in a lecture (about the ring as a whole), not free play's instructions to the lecturer. */
export function noKeyText(isLecture: boolean): string {
  return isLecture ? 'No key in this step: it is about the ring as a whole.' : 'Type a key or click one on the ring.';
}

/** "D2, D3 + hint D1 for B", or "—" for nothing: what a node holds of the key. */
export function holdingText(h: NodeHolding | undefined): string {
  if (!h) return '—';
  const name = (id: number) => `D${id}`;
  return [h.stored.map(name).join(', '), ...h.hinted.map((x) => `hint ${x.versionIds.map(name).join(', ')} for ${x.intendedFor}`)].filter(Boolean).join(' + ') || '—';
}
