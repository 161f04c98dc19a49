/** Under the version graph: who holds which version now, and what the marks on the boxes mean. */
import type { VersionHistory } from '../../engine/index';
import { holdingText } from './use-history';

/** What the marks on the boxes mean, for the marks drawn right now. */
export function VersionsLegend({ history }: { history: VersionHistory }) {
  const hasSiblings = history.siblings.length > 0;
  const hasGone = history.versions.some((v) => !history.live.includes(v.id));
  const hasTruncated = history.versions.some((v) => v.truncated.length > 0);
  if (!hasSiblings && !hasGone && !hasTruncated) return null;
  return (
    <ul className="versions-legend" aria-label="Legend">
      {hasSiblings ? (
        <li>
          <span className="swatch sibling" aria-hidden="true">∥</span> siblings: concurrent, neither clock descends from the other
        </li>
      ) : null}
      {hasGone ? (
        <li>
          <span className="swatch gone" aria-hidden="true" /> no longer held by any replica
        </li>
      ) : null}
      {hasTruncated ? <li>✂ clock truncated: its oldest entry was dropped</li> : null}
    </ul>
  );
}

/** Which versions each node holds at the cursor, a hint named as one, and which clocks were truncated. */
export function Holdings({ history }: { history: VersionHistory }) {
  const name = (id: number) => `D${id}`;
  return (
    <ul className="version-holdings" aria-label="Held now">
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
