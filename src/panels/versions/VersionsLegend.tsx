/** Under the version graph: who holds which version now, and what the marks on the boxes mean. */
import { versionName, type VersionHistory } from '../../engine/index';
import { holdingText } from './use-history';

/**
 * What the marks on the boxes mean, for the marks drawn right now. Each meaning's second half is a
 * `foldable` span: where the key column is short of room it folds away (use-versions-room.ts), and
 * "siblings: concurrent" and "no longer held" share one line; the item's tooltip keeps it whole.
 */
export function VersionsLegend({ history }: { history: VersionHistory }) {
  const hasSiblings = history.siblings.length > 0;
  const hasGone = history.versions.some((v) => !history.live.includes(v.id));
  const hasTruncated = history.versions.some((v) => v.truncated.length > 0);
  if (!hasSiblings && !hasGone && !hasTruncated) return null;
  return (
    <ul className="versions-legend" aria-label="Legend">
      {hasSiblings ? (
        <li title="siblings: concurrent, neither clock descends from the other">
          <span className="swatch sibling" aria-hidden="true">∥</span> siblings: concurrent<span className="foldable">, neither clock descends from the other</span>
        </li>
      ) : null}
      {hasGone ? (
        <li title="no longer held by any replica">
          <span className="swatch gone" aria-hidden="true" /> no longer held<span className="foldable"> by any replica</span>
        </li>
      ) : null}
      {hasTruncated ? (
        <li title="clock truncated: its oldest entry was dropped">
          ✂ clock truncated<span className="foldable">: its oldest entry was dropped</span>
        </li>
      ) : null}
    </ul>
  );
}

/** Which versions each node holds at the cursor, a hint named as one, and which clocks were truncated. */
export function Holdings({ history }: { history: VersionHistory }) {
  const name = versionName;
  return (
    // Exported with the drawing (data-export): a slide of a failed node is about who holds which.
    <ul className="version-holdings" aria-label="Held now" data-export>
      {history.holdings.map((h) => (
        <li key={h.node}>
          {/* "D: hint D1 for B", with a colon: beside a node named D, "D — + D1" read as one name. */}
          <strong>{h.node}</strong>: {holdingText(h)}
        </li>
      ))}
      {history.truncations.length > 0 && <li className="warn">✂ clock truncated: {history.truncations.map((t) => name(t.versionId)).join(', ')}</li>}
    </ul>
  );
}
