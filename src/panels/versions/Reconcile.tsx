/**
 * When the latest get returned several versions, the client must reconcile (lecture 000):
 * the siblings side by side with the context, and the cart's merge (the union), with its
 * warning, written back with that context so the branches collapse into one version.
 */
import { useMemo, useState } from 'react';
import { formatClock } from '../../engine/index';
import { traceIndex, useStore } from '../../store/store';
import { useController } from '../../app/controller-context';
import { latestRead, mergedCart } from './latest-read';

const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : JSON.stringify(value));

export function Reconcile({ itemKey }: { itemKey: string }) {
  const controller = useController();
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const version = useStore((s) => s.traceVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the trace index changes with `version`
  const read = useMemo(() => latestRead(traceIndex.events, upTo, itemKey), [itemKey, upTo, version]);
  const [mergedFor, setMergedFor] = useState<number | null>(null);
  if (!read || read.versions.length < 2) return null;
  const merged = mergedCart(read);
  const isMerged = mergedFor === read.opId;
  return (
    <div className="reconcile" role="group" aria-label="Reconcile">
      <p>
        <strong>The latest get returned {read.versions.length} versions</strong> · context {formatClock(read.context)}
      </p>
      <ul className="reconcile-siblings">
        {read.versions.map((v) => (
          <li key={v.id}>
            <strong>D{v.id}</strong> {show(v.value)}
          </li>
        ))}
      </ul>
      {!isMerged ? (
        <button type="button" onClick={() => setMergedFor(read.opId)}>
          Merge
        </button>
      ) : (
        <div className="reconcile-merged">
          <p>
            Cart rule (union): <strong>{show(merged)}</strong>. A union never loses an added item, but an item deleted on one branch can come back.
          </p>
          <button type="button" className="primary" onClick={() => void controller.input({ type: 'put', key: itemKey, value: merged, context: read.context })}>
            Put merged cart
          </button>
        </div>
      )}
    </div>
  );
}
