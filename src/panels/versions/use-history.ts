/** A key's version history at the playback cursor (the versions panel's, and a lecture inspect step's), how the panel lists what a node holds of it, and what the key's panels say with no key. */
import { useMemo } from 'react';
import { versionHistory, type NodeHolding, type VersionHistory } from '../../engine/index';
import { traceIndex, useStore } from '../../store/store';

export function useHistory(key: string | null): VersionHistory | null {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const version = useStore((s) => s.traceVersion);
  return useMemo(
    () => (key === null ? null : versionHistory(traceIndex.events, key, { atSeq: traceIndex.events[upTo - 1]?.seq ?? -1 })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the trace index changes with `version`
    [key, upTo, version],
  );
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
