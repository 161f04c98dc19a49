/**
 * The stage: the page's big panel, the ring or one of the repair panels, chosen with tabs.
 * Only the chosen panel is mounted, so a hidden diagram costs nothing while the ring plays.
 */
import { RingPanel } from '../panels/ring/RingPanel';
import { VersionsPanel } from '../panels/versions/VersionsPanel';
import { SpaceTimePanel } from '../panels/spacetime/SpaceTimePanel';
import { HintsPanel } from '../panels/hints/HintsPanel';
import { MerklePanel } from '../panels/merkle/MerklePanel';
import { MembershipPanel } from '../panels/membership/MembershipPanel';
import { LatencyPanel } from '../panels/latency/LatencyPanel';
import { STAGES, stageShownWithTraffic, useStageStore, type StageId } from './stage-store';
import { onTabListKey } from './focus-origin';

const PANELS: Record<StageId, React.ComponentType> = {
  ring: RingPanel,
  versions: VersionsPanel,
  spacetime: SpaceTimePanel,
  hints: HintsPanel,
  merkle: MerklePanel,
  membership: MembershipPanel,
  latency: LatencyPanel,
};

export function Stage() {
  const stage = useStageStore((s) => s.stage);
  const Panel = PANELS[stage];
  return (
    <>
      <StageTabs />
      <Panel />
    </>
  );
}

function StageTabs() {
  const stage = useStageStore((s) => s.stage);
  const isWide = useStageStore((s) => s.isWide);
  const wideToggled = useStageStore((s) => s.wideToggled);
  return (
    <div className="stage-tabs">
      <div role="tablist" aria-label="Main view" onKeyDown={onTabListKey}>
        {STAGES.map(({ id, label }) => (
          <button key={id} type="button" role="tab" aria-selected={stage === id} tabIndex={stage === id ? 0 : -1} className={stage === id ? 'selected' : undefined} onClick={() => id !== stage && stageShownWithTraffic(id)}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" className="wide-toggle" aria-pressed={isWide} aria-label="Wide view" title="Give this view the whole width" onClick={() => wideToggled()}>
        <span aria-hidden="true">{isWide ? '⇥⇤' : '⇤⇥'}</span>
      </button>
    </div>
  );
}
