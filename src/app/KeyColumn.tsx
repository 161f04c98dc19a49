/**
 * The key's panels: the preference list over the request trace or the versions; in a lecture
 * step with no key, the ring's ranges. Beside the preference list the versions keep the room
 * their cards need (useVersionsRoom): what a versions step is about stays whole on screen.
 */
import { useRef, type CSSProperties } from 'react';
import { useStore } from '../store/store';
import { useStageStore, type KeyTab } from './stage-store';
import { onTabListKey } from './focus-origin';
import { roomClasses, useVersionsRoom } from './use-versions-room';
import { PreferenceListPanel } from '../panels/preference-list/PreferenceListPanel';
import { RequestTracePanel } from '../panels/request-trace/RequestTracePanel';
import { VersionsPanel } from '../panels/versions/VersionsPanel';
import { RangesPanel } from '../panels/ranges/RangesPanel';

export function KeyColumn({ isLecture, chosenTab, onChoose }: { isLecture: boolean; chosenTab: KeyTab | null; onChoose: (tab: KeyTab) => void }) {
  // When the stage shows the versions, the key column keeps the request trace beside them.
  const isVersionsStaged = useStageStore((s) => s.stage === 'versions');
  const tab = isVersionsStaged ? 'trace' : (chosenTab ?? (isLecture ? 'versions' : 'trace'));
  // A lecture step about the ring as a whole (no key) shows who holds which range, not "no key" twice.
  const isRingStep = useStore((s) => s.keyView === null) && isLecture;
  const column = useRef<HTMLDivElement>(null);
  const room = useVersionsRoom(column, !isRingStep && tab === 'versions');
  if (isRingStep) {
    return (
      <div className="key-column ranges-mode">
        <RangesPanel />
      </div>
    );
  }
  const modes = `${tab === 'versions' ? ' versions-mode' : ''}${isVersionsStaged ? ' compact-list no-tabs' : ''}${roomClasses(room)}`;
  const style = room.minPx > 0 ? ({ '--versions-min': `${Math.round(room.minPx)}px` } as CSSProperties) : undefined;
  return (
    <div className={`key-column${modes}`} ref={column} style={style}>
      <PreferenceListPanel />
      {isVersionsStaged ? null : <KeyTabs tab={tab} onChoose={onChoose} />}
      {tab === 'trace' ? <RequestTracePanel isTitledByTab={!isVersionsStaged} /> : <VersionsPanel isCompact />}
    </div>
  );
}

/** The key column's lower panel: the request trace or the key's versions. */
function KeyTabs({ tab, onChoose }: { tab: KeyTab; onChoose: (tab: KeyTab) => void }) {
  const tabs: readonly [KeyTab, string][] = [
    ['trace', 'Request trace'],
    ['versions', 'Versions'],
  ];
  return (
    <div className="key-tabs" role="tablist" aria-label="Key panel" onKeyDown={onTabListKey}>
      {tabs.map(([id, label]) => (
        // "Versions" is the stage's tab too: this one is named for what it shows, beside the preference list.
        <button key={id} type="button" role="tab" aria-label={id === 'versions' ? 'Versions of the selected key' : undefined} aria-selected={tab === id} tabIndex={tab === id ? 0 : -1} className={tab === id ? 'selected' : undefined} onClick={() => onChoose(id)}>
          {label}
        </button>
      ))}
    </div>
  );
}
