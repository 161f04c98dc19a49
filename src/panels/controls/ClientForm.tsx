/**
 * The client: put or get a key through a node of the lecturer's choice. A put carries a
 * context (paper §4.1: put(key, context, object)): none, a blind write whose version
 * descends from nothing the client saw, or, once the key was read, the one a recent get
 * returned: by default the latest get's while no put of the key has followed it, the
 * read-modify-write a cart's client does (lecture 000: D2 descends from D1 only so); an
 * earlier get's for another client the lecturer plays (lecture 003: D3 and D4, each written
 * with its own client's read).
 */
import { useId, useState, type FormEvent } from 'react';
import { formatClock } from '../../engine/index';
import { useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { carriedRead, chooseAt, contextMoment, type ContextChoice, type OfferedRead } from './context-choice';
import { members } from '../../store/selectors';
import { useController } from '../../app/controller-context';
import { viaOf } from './client-via';

export function ClientForm() {
  const controller = useController();
  const selectedKey = useStore((s) => s.selectedKey);
  const nodes = useStore((s) => s.nodes);
  const notice = useStore((s) => s.notice);
  const [key, setKey] = useState(selectedKey ?? 'cart');
  // In the store, not the form: a link keeps it (the next Put writes what the lecturer's would).
  const value = useStore((s) => s.clientValue);
  const setValue = useStore((s) => s.clientValueTyped);
  const via = useStore((s) => s.clientVia);
  const setVia = useStore((s) => s.clientViaChosen);
  const [lastSelected, setLastSelected] = useState(selectedKey);
  const id = useId();
  if (selectedKey !== lastSelected) {
    // A key clicked on the ring becomes the key to put or get.
    setLastSelected(selectedKey);
    if (selectedKey !== null && selectedKey !== key) setKey(selectedKey);
  }
  const ids = members(nodes).map((n) => n.id);
  const viaNode = viaOf(via, ids);
  const trimmed = key.trim();
  const { reads, carried, setContextChoice } = useContextChoice(trimmed);

  const send = async (op: 'put' | 'get', event?: FormEvent) => {
    event?.preventDefault();
    const k = key.trim();
    const base = viaNode === '' ? {} : { via: viaNode };
    if (k !== '') await controller.selectKey(k); // an empty key is the engine's to refuse, with a message
    await controller.input(op === 'put' ? { type: 'put', key: k, value, ...base, ...(carried ? { context: carried.context } : {}) } : { type: 'get', key: k, ...base });
  };
  const fieldError = (f: string) => (notice?.field === f ? 'true' : undefined);

  return (
    <form className="client-form" aria-label="Client request" onSubmit={(e) => void send('put', e)}>
      <label htmlFor={`${id}key`}>Key</label>
      <input
        id={`${id}key`}
        value={key}
        aria-invalid={fieldError('key')}
        onChange={(e) => {
          setKey(e.target.value);
          if (e.target.value.trim() !== '') void controller.selectKey(e.target.value.trim(), true);
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <label htmlFor={`${id}value`}>Value</label>
      <input id={`${id}value`} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} />
      <label htmlFor={`${id}via`}>Via node</label>
      <select id={`${id}via`} value={viaNode} aria-invalid={fieldError('via')} onChange={(e) => setVia(e.target.value)}>
        <option value="">first live replica</option>
        {ids.map((node) => (
          <option key={node} value={node}>
            {node}
          </option>
        ))}
      </select>
      <ContextField id={`${id}context`} reads={reads} carried={carried} onChoose={setContextChoice} />
      <div className="form-buttons">
        <button type="submit">Put</button>
        <button type="button" onClick={() => void send('get')}>
          Get
        </button>
      </div>
    </form>
  );
}

/**
 * The Context menu's choice (see `carriedRead`): the fresh read's context by default, a blind
 * write once a put has followed the read; the get (or none) the lecturer chooses holds while
 * the key's latest get is the same, in that recording, until the next put of the key.
 */
function useContextChoice(key: string) {
  const moment = useTraceMemo((index, upTo) => contextMoment(index, upTo, key), [key]);
  const [chosen, setChosen] = useState<ContextChoice | null>(null);
  const setContextChoice = (read: OfferedRead | null) => setChosen(chooseAt(moment, read));
  return { reads: moment.reads, carried: carriedRead(chosen, moment), setContextChoice };
}

/**
 * Why a blind write replaces one version and stands beside another: clocks are kept per
 * coordinator, and the coordinator only advances its own counter (a student saw D2 ([C,2])
 * replace D1 ([C,1]) through C, but stand beside it as D2 ([D,1]) through D).
 */
const BLIND_WRITE_NOTE =
  "With none, the new clock is only the coordinator's own counter, one up: the version replaces the versions that counter covers (ones that coordinator alone wrote) and stands beside the rest as a sibling.";

/**
 * The put's context: none, or one of the key's latest gets', newest first, each named with
 * its clock ("from get #4: ([A,1],[C,1],[D,1])"): a get a put has since followed stays, as
 * another client's read (lecture 003's D3 and D4). The field is there before the key was read
 * too, disabled, since every put is then a blind write: appearing with the first get, it moved
 * Put and Get down under the lecturer's pointer. Its menu keeps to one line, a clock too long
 * for it cut with an ellipsis and the chosen one written whole in its title (and every one in
 * the option a screen reader reads): written out under the menu, it took two nodes' rows from
 * the node list at 1280×720.
 */
function ContextField({ id, reads, carried, onChoose }: { id: string; reads: readonly OfferedRead[]; carried: OfferedRead | null; onChoose: (read: OfferedRead | null) => void }) {
  const from = reads.length === 0 ? 'none, as the key was not read yet' : carried === null ? 'none' : `get #${carried.opId}'s ${clockOf(carried)}`;
  const offered = reads.length === 0 ? '' : " The menu offers the key's latest gets, newest first: each client writes with the context of its own read.";
  return (
    <>
      <label htmlFor={id}>Context</label>
      <select
        id={id}
        className="context-menu"
        value={carried === null ? 'none' : valueOf(reads.indexOf(carried))}
        disabled={reads.length === 0}
        title={`The clock the put's new version descends from: ${from}.${offered} ${BLIND_WRITE_NOTE}`}
        onChange={(e) => onChoose(reads.find((_, back) => valueOf(back) === e.target.value) ?? null)}
      >
        <option value="none">none: a blind write</option>
        {reads.map((read, back) => (
          <option key={read.index} value={valueOf(back)}>{`from get #${read.opId}: ${clockOf(read)}`}</option>
        ))}
      </select>
    </>
  );
}

/** An offered get's value in the menu: "read" the latest's (the default's), "read-1" the one before it, and so on. */
const valueOf = (back: number) => (back === 0 ? 'read' : `read-${back}`);

const clockOf = (read: OfferedRead) => (read.context.length > 0 ? formatClock(read.context) : 'empty');
