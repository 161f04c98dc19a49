/**
 * The MD5 ring's size in the header: nodes × tokens per node (the paper's virtual nodes,
 * §4.2; load balance by their number, §6.2). Shown for the MD5 ring only: the teaching ring's
 * four nodes sit at the lecture notes' positions. Typed, like the seed: a size applies on Enter,
 * or when the focus leaves the pair (going from Nodes to Tokens per node applies nothing yet,
 * so 6 × 2 from 32 × 8 is one new session, not two).
 */
import type { FocusEvent } from 'react';
import { RING_SIZE_BOUNDS, type RingSize } from './session-config';

/** A count typed in the header: a whole number, or NaN (an empty field is not 0). */
export function parseCount(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : NaN;
}

const FIELDS: readonly { readonly field: keyof RingSize; readonly label: string; readonly title: string }[] = [
  { field: 'nodeCount', label: 'Nodes', title: `Nodes on the MD5 ring, ${RING_SIZE_BOUNDS.nodeCount.min}–${RING_SIZE_BOUNDS.nodeCount.max} (Enter applies it)` },
  {
    field: 'tokensPerNode',
    label: 'Tokens per node',
    title: `Tokens per node: each node's virtual nodes on the ring, ${RING_SIZE_BOUNDS.tokensPerNode.min}–${RING_SIZE_BOUNDS.tokensPerNode.max.toLocaleString('en')} (Enter applies it)`,
  },
];

/**
 * `texts`: what the fields hold; `inUse`: the size the cluster runs. `isRefused`: the last
 * change refused was of the size, so a field whose text is not the size in use is marked.
 */
export function RingSizeFields({ texts, inUse, isRefused, onText, onApply }: { texts: { readonly [K in keyof RingSize]: string }; inUse: RingSize; isRefused: boolean; onText: (field: keyof RingSize, text: string) => void; onApply: () => void }) {
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onApply();
  };
  // Not a form: with two number fields and no submit button, a form takes no Enter (HTML's implicit submission).
  return (
    <div className="ring-size" role="group" aria-label="MD5 ring size" onBlur={onBlur} onKeyDown={(e) => e.key === 'Enter' && onApply()}>
      {FIELDS.map(({ field, label, title }, i) => (
        <label key={field} className="inline-label">
          {/* "32 × 8", as the ring's title says it: the names are the fields' own, said to a screen reader and on hover. */}
          {i > 0 ? <span aria-hidden="true">×</span> : null}
          <span className="visually-hidden">{label}</span>
          <input
            type="number"
            className={`ring-count ${field}`}
            min={RING_SIZE_BOUNDS[field].min}
            max={RING_SIZE_BOUNDS[field].max}
            step={1}
            value={texts[field]}
            title={title}
            aria-invalid={isRefused && texts[field] !== String(inUse[field]) ? 'true' : undefined}
            onChange={(e) => onText(field, e.target.value)}
          />
        </label>
      ))}
    </div>
  );
}
