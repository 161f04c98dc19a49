/**
 * The page: a header with the session settings; the ring on the left; the cluster controls
 * (or, in lecture mode, the lecture), the preference list and the request trace or the
 * key's versions on the right (in a lecture step with no key, the ring's ranges); playback
 * and the event log below.
 * Sized to fit a 1280×720 projector without scrolling the main view.
 */
import { focusHandedOff } from './focus-handoff';
import { useEffect, useState } from 'react';
import { Controller } from '../engine-client/controller';
import { ControllerContext } from './controller-context';
import { useShortcuts } from './shortcuts';
import { useLeaveGuard } from './use-leave-guard';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useStore } from '../store/store';
import { SessionBar } from '../panels/session/SessionBar';
import { Stage } from './Stage';
import { openLink } from '../panels/share/open-link';
import { linkInAddress } from '../panels/share/address-bar';
import { useStageStore, useStageWide } from './stage-store';
import { KeyColumn } from './KeyColumn';
import { ControlsPanel } from '../panels/controls/ControlsPanel';
import { PlaybackBar } from '../panels/playback/PlaybackBar';
import { StepCaption } from '../panels/playback/StepCaption';
import { EventLogPanel } from '../panels/event-log/EventLogPanel';
import { LecturePanel } from '../panels/lectures/LecturePanel';
import { LectureLibrary } from '../panels/lectures/LectureLibrary';
import { useLectureStore } from '../panels/lectures/lecture-store';
import { engineRestarted } from '../panels/lectures/lecture-session';
import { useLectureKeys } from '../panels/lectures/use-lecture-keys';
import { PanelBoundary } from './PanelBoundary';
import { StageNotices } from '../panels/controls/NoticeBox';


/** Starts the engine, opens the link in the address bar once it is up, and any link pasted later. */
function useEngine(controller: Controller): void {
  useEffect(() => {
    // A link in the address bar opens once the engine is up; one pasted later opens too.
    const hash = linkInAddress();
    // Stopped before it started (React's StrictMode mounts twice in development): that start opens no link.
    let isAlive = true;
    controller
      .start()
      .then(() => (isAlive ? openLink(controller, hash) : undefined))
      .catch((error: unknown) => isAlive && useStore.getState().noticeShown({ message: `The engine did not start: ${error instanceof Error ? error.message : String(error)}` }));
    const onHashChange = () => void openLink(controller, location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      isAlive = false;
      window.removeEventListener('hashchange', onHashChange);
      controller.stop();
    };
  }, [controller]);
}

export function App() {
  const [controller] = useState(() => new Controller(() => useLectureStore.getState().lecture !== null));
  useEngine(controller);
  useShortcuts(controller);
  useLeaveGuard();
  useLectureKeys(controller);
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const isWide = useStageWide();
  // In lecture mode the lecture takes the cluster controls' place, and the key column opens on Versions.
  const chosenTab = useStageStore((s) => s.keyTab);
  const keyColumn = <KeyColumn isLecture={isLecture} chosenTab={chosenTab} onChoose={useStageStore.getState().keyTabChosen} />;
  return (
    <ControllerContext.Provider value={controller}>
      <div className={`app${isWide ? ' stage-wide' : ''}`}>
        <SessionBar />
        <EngineFailure controller={controller} />
        <div className="left-column">
          <StageNotices />
          <PanelBoundary name="The stage">
            <Stage />
          </PanelBoundary>
        </div>
        <div className="right-column">
          {isLecture ? (
            // The narration takes the whole middle column, top to bottom: a lecture hall reads it
            // with its question and answer at once; the event log moves under the key column.
            <main className="workspace lecture-workspace">
              <PanelBoundary name="The lecture">
                <LecturePanel />
              </PanelBoundary>
              <div className="lecture-side">
                <PanelBoundary name="The key's panels">{keyColumn}</PanelBoundary>
                <PanelBoundary name="The event log">
                  <EventLogPanel />
                </PanelBoundary>
              </div>
            </main>
          ) : (
            <>
              <StepCaption />
              <main className="workspace">
                <PanelBoundary name="The cluster controls">
                  <ControlsPanel />
                </PanelBoundary>
                <PanelBoundary name="The key's panels">{keyColumn}</PanelBoundary>
              </main>
              <PanelBoundary name="The event log">
                <EventLogPanel />
              </PanelBoundary>
            </>
          )}
        </div>
        <PanelBoundary name="Playback">
          <PlaybackBar />
        </PanelBoundary>
      </div>
      <ShortcutsDialog />
      <LectureLibrary />
    </ControllerContext.Provider>
  );
}

/** A worker that stopped is said plainly, with a way back; the page never goes blank. */
function EngineFailure({ controller }: { controller: Controller }) {
  const notice = useStore((s) => s.notice);
  if (notice?.field !== 'engine') return null;
  return (
    <div className="engine-failure" role="alert">
      <span>{notice.message}</span>
      <button
        type="button"
        onClick={(e) => {
          // The button goes once the engine runs: the focus goes to the control before it, not to the page's body.
          focusHandedOff(e.currentTarget.closest('.engine-failure') ?? e.currentTarget);
          void engineRestarted(controller, () => controller.restart());
        }}>
        Restart the engine
      </button>
    </div>
  );
}
