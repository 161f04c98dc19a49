/** Network partitions: choose the nodes cut off from the rest, split, and heal. */
import { useRef, useState } from 'react';
import { useModalFocus } from '../../app/use-modal-focus';
import { useStore } from '../../store/store';
import { members } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { networkGroups, splitText } from './network-groups';

export function NetworkControls() {
  const controller = useController();
  const nodes = useStore((s) => s.nodes);
  const blockedLinks = useStore((s) => s.blockedLinks);
  const [isChoosing, setChoosing] = useState(false);
  // The chooser takes the focus (its first node), Escape cancels it, and focus goes back to Partition.
  const chooser = useRef<HTMLFieldSetElement>(null);
  useModalFocus(chooser, isChoosing, () => setChoosing(false), undefined, false);
  const [side, setSide] = useState<readonly string[]>([]);
  const ids = members(nodes).map((n) => n.id);
  const isSplit = blockedLinks.length > 0;
  const split = async () => {
    const chosen = ids.filter((id) => side.includes(id));
    const rest = ids.filter((id) => !side.includes(id));
    if (chosen.length === 0 || rest.length === 0) return;
    // In the nodes' order, as the header and the ring name the sides: the log then says "{A, B} | {C, D}" as they do.
    const groups = chosen[0] === ids[0] ? [chosen, rest] : [rest, chosen];
    if (await controller.input({ type: 'partition', groups })) {
      setChoosing(false);
      setSide([]);
    }
  };
  return (
    <div className="network">
      <div className="network-row">
        <button type="button" aria-expanded={isChoosing} onClick={() => setChoosing(!isChoosing)}>
          Partition
        </button>
        <button type="button" disabled={!isSplit} onClick={() => void controller.input({ type: 'heal' })}>
          Heal
        </button>
      </div>
      {isChoosing ? (
        <fieldset ref={chooser} className="partition-chooser">
          <legend>Nodes cut off from the rest</legend>
          <div className="chips">
            {ids.map((id) => (
              <label key={id} className="chip">
                <input type="checkbox" checked={side.includes(id)} onChange={(e) => setSide(e.target.checked ? [...side, id] : side.filter((x) => x !== id))} />
                {id}
              </label>
            ))}
          </div>
          <div className="form-buttons">
            <button type="button" disabled={side.length === 0 || side.length === ids.length} onClick={() => void split()}>
              Split the network
            </button>
            <button type="button" className="secondary" onClick={() => setChoosing(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}

/** Whether the network is whole or split, and into which groups (shown by the panel's title). */
export function NetworkState() {
  const nodes = useStore((s) => s.nodes);
  const blockedLinks = useStore((s) => s.blockedLinks);
  const groups = networkGroups(members(nodes).map((n) => n.id), blockedLinks);
  const isSplit = blockedLinks.length > 0;
  return (
    <span className={`network-state${isSplit ? ' split' : ''}`} role="status">
      {isSplit ? splitText(groups) : 'Network whole'}
    </span>
  );
}
