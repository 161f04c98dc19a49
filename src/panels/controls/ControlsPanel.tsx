/** Cluster controls: the client's put and get, the nodes, the network. */
import { NoticeBox } from './NoticeBox';
import { ClientForm } from './ClientForm';
import { NodeList } from './NodeList';
import { NetworkControls, NetworkState } from './NetworkControls';

export function ControlsPanel() {
  return (
    <section className="panel controls-panel" aria-labelledby="controls-title">
      <h2 className="panel-title">
        <span id="controls-title">Cluster</span> <NetworkState />
      </h2>
      <ClientForm />
      <NoticeBox />
      <NodeList />
      <NetworkControls />
    </section>
  );
}
