/**
 * When the latest get returned several versions, the client must reconcile (lecture 000):
 * the siblings side by side with the context, then either the cart's merge (the union,
 * with its warning, editable before it is written) or last-write-wins for comparison,
 * which names the version — and the items — it silently throws away. Either is written
 * back with the read's context, so the branches collapse into one version.
 *
 * The focus follows the form, as everywhere on the page a control that goes hands it on
 * (docs/decisions.md): left on the page's body, the next Space played. Merge takes it to the
 * merged value, the field typed in next; Last write wins to its Back; Back gives it to the
 * button that opened the form; and once the write has come back, to the line that says what
 * it wrote, in the form's place.
 */
import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { formatClock, versionName, type Json } from '../../engine/index';
import { useTraceMemo } from '../../store/use-trace';
import { useController } from '../../app/controller-context';
import { useClientVia } from '../controls/client-via';
import { editedValue, isPlainCart, lastWriteWinsOf, latestRead, mergedCart, shownValue, valueText, writtenBack, type LatestRead } from './latest-read';
import { NamedText, ValueText } from '../../app/NamedText';
import { focusHandedOff } from '../../app/focus-handoff';

type Mode = 'choose' | 'merge' | 'lww';
/** A form opened from the choice. */
type Form = Exclude<Mode, 'choose'>;

/**
 * `isVeiled`: a lecture's question waits, or one ahead (`isAhead`) asks about this; what a
 * write-back did is its answer, and neither choice is the one to press.
 */
export function Reconcile({ itemKey, isVeiled = false, isAhead = false }: { itemKey: string; isVeiled?: boolean; isAhead?: boolean }) {
  const read = useTraceMemo((index, upTo) => latestRead(index, upTo, itemKey), [itemKey]);
  const written = useTraceMemo((index, upTo) => (read ? writtenBack(index, upTo, itemKey, read) : null), [itemKey, read]);
  const [mode, setMode] = useState<{ readonly opId: number; readonly mode: Mode } | null>(null);
  const group = useRef<HTMLDivElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const lwwButton = useRef<HTMLButtonElement>(null);
  /** The form that went while it held the focus (set as it goes, see useFocusLost). */
  const lostFrom = useRef<Form | null>(null);
  /**
   * The form just opened by a press of Merge or Last write wins, to take the focus once it is
   * drawn. Not `autoFocus`: a form that comes back by itself (a step back past its write-back)
   * would pull the focus out of Step back or Previous.
   */
  const opened = useRef<Form | null>(null);
  // After the commit that removed it: to what took the form's place, the written-back line or
  // the button that opened it; only if the focus was lost with the form (StrictMode's rehearsal
  // of a form's cleanup marks it lost while the form is still on screen, the focus in it).
  useLayoutEffect(() => {
    const from = lostFrom.current;
    lostFrom.current = null;
    const isLost = document.activeElement === null || document.activeElement === document.body || !document.activeElement.isConnected;
    if (from !== null && isLost && group.current) focusHandedOff(group.current, outcome.current ?? (from === 'merge' ? mergeButton : lwwButton).current);
  });
  if (!read || read.versions.length < 2) return null;
  const current = mode?.opId === read.opId ? mode.mode : 'choose';
  const choose = (next: Mode) => {
    opened.current = next === 'choose' ? null : next;
    setMode({ opId: read.opId, mode: next });
  };
  return (
    <div className="reconcile" role="group" aria-label="Reconcile" ref={group}>
      <p>
        <strong>The latest get returned {read.versions.length} versions</strong> · context {formatClock(read.context)}
      </p>
      <ul className="reconcile-siblings">
        {read.versions.map((v) => (
          <li key={v.id}>
            <strong>D{v.id}</strong> <ValueText value={v.value} />
          </li>
        ))}
      </ul>
      {written && isVeiled ? (
        <p className="veiled" tabIndex={-1} ref={outcome}>
          What writing it back did: hidden {isAhead ? 'until the lecture asks about it' : "while the lecture's question waits"}.
        </p>
      ) : written ? (
        <p className="reconcile-done" role="note" tabIndex={-1} ref={outcome}>
          <strong>
            Written back as D{written.id} {formatClock(written.clock)}
          </strong>
          : its clock covers {read.versions.map((v) => versionName(v.id)).join(' and ')}, so the branches collapse into one version.
        </p>
      ) : current === 'choose' ? (
        <div className="reconcile-actions">
          <button type="button" ref={mergeButton} className={isVeiled ? 'secondary' : undefined} onClick={() => choose('merge')}>
            Merge
          </button>
          <button type="button" ref={lwwButton} className="secondary" onClick={() => choose('lww')} title="For comparison: keep only the version with the latest timestamp">
            Last write wins
          </button>
        </div>
      ) : current === 'merge' ? (
        <MergeEditor key={read.opId} itemKey={itemKey} read={read} lostFrom={lostFrom} opened={opened} onBack={() => choose('choose')} />
      ) : (
        <LastWriteWinsView itemKey={itemKey} read={read} lostFrom={lostFrom} opened={opened} onBack={() => choose('choose')} />
      )}
    </div>
  );
}

/**
 * Marks `lostFrom` with `form` when the form goes while the focus is in it, for Reconcile to
 * hand the focus on. Checked as it goes (a layout effect's cleanup runs before React removes
 * the form's elements): once they are gone, the focus is on the body whatever held it.
 */
function useFocusLost(form: Form, lostFrom: RefObject<Form | null>): RefObject<HTMLDivElement | null> {
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = root.current;
    return () => {
      if (element?.contains(document.activeElement)) lostFrom.current = form;
    };
  }, [form, lostFrom]);
  return root;
}

/** Focuses `target` once drawn if this form was just opened by its button (`openedRef`), and clears the mark. */
function useFocusWhenOpened(form: Form, openedRef: RefObject<Form | null>, target: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (openedRef.current !== form) return;
    openedRef.current = null;
    target.current?.focus();
  }, [form, openedRef, target]);
}

/** The cart rule's union, editable (the client may remove an item that came back) before it is written. */
function MergeEditor({ itemKey, read, lostFrom, opened, onBack }: { itemKey: string; read: LatestRead; lostFrom: RefObject<Form | null>; opened: RefObject<Form | null>; onBack: () => void }) {
  const controller = useController();
  const merged = mergedCart(read);
  const [text, setText] = useState(() => valueText(merged));
  const id = useId();
  const via = useClientVia();
  const put = (value: Json) => void controller.input({ type: 'put', key: itemKey, value, context: read.context, ...via });
  const root = useFocusLost('merge', lostFrom);
  const field = useRef<HTMLInputElement>(null);
  useFocusWhenOpened('merge', opened, field);
  return (
    <div className="reconcile-merged" ref={root}>
      <p>
        Cart rule (union): <strong><ValueText value={merged} /></strong>. A union never loses an added item, but an item deleted on one branch can come back.
      </p>
      <label className="merged-field" htmlFor={id}>
        Merged value
      </label>
      {/* Opened with Merge, the form takes the focus here: the lecturer edits the union next (the field's keys are its own, Space too). */}
      <input id={id} ref={field} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-help`} />
      <p id={`${id}-help`} className="subtle">
        {/* A cart with an item that is not plain text, or holds a comma, is shown as JSON: commas alone could not say where its items end. */}
        Edit it before writing, as a client would ({isPlainCart(merged) ? 'items separated by commas' : 'as JSON'}).
      </p>
      <WriteBack label="Put merged cart" kind="primary" onWrite={() => put(editedValue(text, merged))} onBack={onBack} />
    </div>
  );
}

/** Last-write-wins by timestamp: what it keeps, and what disappears without anyone being told. */
function LastWriteWinsView({ itemKey, read, lostFrom, opened, onBack }: { itemKey: string; read: LatestRead; lostFrom: RefObject<Form | null>; opened: RefObject<Form | null>; onBack: () => void }) {
  const controller = useController();
  const via = useClientVia();
  const lww = lastWriteWinsOf(read);
  const lostNames = lww.lost.map((v) => versionName(v.id)).join(' and ');
  const root = useFocusLost('lww', lostFrom);
  const back = useRef<HTMLButtonElement>(null);
  useFocusWhenOpened('lww', opened, back);
  return (
    <div className="reconcile-lww" ref={root}>
      <p>
        Last write wins keeps <strong>D{lww.winner.id}</strong> (<ValueText value={lww.winner.value} />){lww.stamp ? `, the newest timestamp: ${lww.stamp.atMs.toFixed(1)} ms at ${lww.stamp.node}` : ''}.
      </p>
      {lww.lost.length > 0 ? (
        <p className="lww-loss" role="note">
          <strong>Silently lost: {lostNames}</strong>
          {lww.lostItems.length > 0 ? <NamedText text={` — ${lww.lostItems.map((item) => shownValue(item)).join(', ')} disappears from the cart, and no one is told.`} /> : ', and no one is told.'}
        </p>
      ) : null}
      {/* Opened, the view's focus is on Back, not on the write: Enter pressed twice must not throw a version away unread. */}
      <WriteBack label={`Put ${versionName(lww.winner.id)} (last write wins)`} kind="danger" backRef={back} onWrite={() => void controller.input({ type: 'put', key: itemKey, value: lww.winner.value, context: read.context, ...via })} onBack={onBack} />
    </div>
  );
}

/** Writing the reconciled value back (with the read's context), or going back to the choice. */
function WriteBack({ label, kind, backRef, onWrite, onBack }: { label: string; kind: 'primary' | 'danger'; backRef?: RefObject<HTMLButtonElement | null>; onWrite: () => void; onBack: () => void }) {
  return (
    <div className="reconcile-actions">
      <button type="button" className={kind} onClick={onWrite}>
        {label}
      </button>
      <button type="button" className="secondary" ref={backRef} onClick={onBack}>
        Back
      </button>
    </div>
  );
}
