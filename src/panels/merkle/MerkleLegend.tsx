/** The Merkle panel's legend: what the colours and the boxes' words mean. */
import { useState } from 'react';

/**
 * In the narrow stage the legend folds behind a button in the trees' corner and opens over
 * them (a mark, an "i" in a circle, where the trees stand side by side there): a class saw "h2 a826" and "book +2" with nothing to say what they were, the legend
 * being only in the wide stage, where there is room for it.
 */
export function FoldedLegend({ isCompact = false }: { isCompact?: boolean }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`mk-legend-toggle secondary small${isCompact ? ' compact' : ''}`} aria-expanded={isOpen} aria-label={isCompact ? 'Legend' : undefined} title={isCompact ? 'Legend: what the colours and the words mean' : undefined} onClick={() => setOpen(!isOpen)} onKeyDown={(e) => {
          if (e.key !== 'Escape' || !isOpen) return;
          e.stopPropagation(); // Escape closes the legend, not a lecture
          setOpen(false);
        }}>
        {/* Two trees side by side leave the corner beside the second root: room for a mark, not the word. */}
        {isCompact ? <InfoMark /> : <>Legend <span aria-hidden="true">{isOpen ? '▴' : '▾'}</span></>}
      </button>
      {isOpen ? (
        <div className="mk-legend-pop">
          <Legend />
        </div>
      ) : null}
    </>
  );
}

/** An "i" in a circle, drawn: not every projector's fonts hold the character ⓘ. */
function InfoMark() {
  return (
    <svg width={20} height={20} viewBox="0 0 20 20" aria-hidden="true" className="mk-info-mark">
      <circle cx={10} cy={10} r={8.5} />
      <circle cx={10} cy={5.8} r={1.5} className="dot" />
      <rect x={8.6} y={8.4} width={2.8} height={7} rx={0.8} className="dot" />
    </svg>
  );
}

/** What the colours and the boxes' words mean: whole in the wide stage, folded in the narrow one. */
export function Legend() {
  const items: readonly [string, string][] = [
    ['differing', 'hashes differ'],
    ['equal', 'equal'],
    ['skipped', 'not compared: equal above'],
    ['pending', 'not compared yet'],
  ];
  return (
    <p className="mk-legend" role="group" aria-label="Legend">
      {items.map(([state, text]) => (
        <span key={state}>
          <svg width={22} height={16} aria-hidden="true" className={`mk-node ${state}`}>
            <rect x={2} y={2} width={18} height={12} rx={3} />
          </svg>
          {text}
        </span>
      ))}
      {/* What the boxes' words are: asked about by a class that saw "h0 210a" and "book +1". */}
      <span className="mk-legend-words">h0, h1, …: a name for each hash (a leaf's covers its keys and values, a parent's its two children's), then its first digits · ∅: nothing below · under a leaf, its keys: "book +1" is book and one more · h0 → h3: the hash as compared, then as it is now (a repair changed it)</span>
    </p>
  );
}
