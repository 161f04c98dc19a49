/** Cluster controls: the client's put and get, the nodes, the network. */
import { useStore } from '../../store/store';
import { ClientForm } from './ClientForm';
import { NodeList } from './NodeList';
import { NetworkControls, NetworkState } from './NetworkControls';

export function ControlsPanel() {
  const notice = useStore((s) => s.notice);
  const noticeShown = useStore((s) => s.noticeShown);
  return (
    <section className="panel controls-panel" aria-labelledby="controls-title">
      <h2 className="panel-title">
        <span id="controls-title">Cluster</span> <NetworkState />
      </h2>
      <ClientForm />
      {notice && notice.field !== 'settings' && notice.field !== 'seed' && notice.field !== 'step' && notice.field !== 'engine' ? (
        <div className="notice" role="alert">
          <span>{notice.message}</span>
          <button type="button" className="small secondary" onClick={() => noticeShown(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <NodeList />
      <NetworkControls />
    </section>
  );
}
