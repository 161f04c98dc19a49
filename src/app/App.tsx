/**
 * The page: a header with the session settings; the ring on the left; the cluster controls,
 * the preference list and the request trace on the right; playback and the event log below.
 * Sized to fit a 1280×720 projector without scrolling the main view.
 */
import { useEffect, useState } from 'react';
import { Controller } from '../engine-client/controller';
import { ControllerContext } from './controller-context';
import { useShortcuts } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useStore } from '../store/store';
import { SessionBar } from '../panels/session/SessionBar';
import { RingPanel } from '../panels/ring/RingPanel';
import { ControlsPanel } from '../panels/controls/ControlsPanel';
import { PreferenceListPanel } from '../panels/preference-list/PreferenceListPanel';
import { RequestTracePanel } from '../panels/request-trace/RequestTracePanel';
import { PlaybackBar } from '../panels/playback/PlaybackBar';
import { EventLogPanel } from '../panels/event-log/EventLogPanel';

export function App() {
  const [controller] = useState(() => new Controller());
  useEffect(() => {
    void controller.start();
    return () => controller.stop();
  }, [controller]);
  useShortcuts(controller);
  return (
    <ControllerContext.Provider value={controller}>
      <div className="app">
        <SessionBar />
        <EngineFailure controller={controller} />
        <div className="left-column">
          <RingPanel />
        </div>
        <div className="right-column">
          <main className="workspace">
            <ControlsPanel />
            <div className="key-column">
              <PreferenceListPanel />
              <RequestTracePanel />
            </div>
          </main>
          <EventLogPanel />
        </div>
        <PlaybackBar />
      </div>
      <ShortcutsDialog />
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
      <button type="button" onClick={() => void controller.restart()}>
        Restart the engine
      </button>
    </div>
  );
}
