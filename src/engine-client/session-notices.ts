/**
 * What the page says, and keeps for Undo, when an action replaces or drops part of a session:
 * the controller's bookkeeping in the store, apart from its driving of the worker.
 */
import type { Session } from '../worker/protocol';
import { useStore, type Replaced, type SessionSettings } from '../store/store';
import { presetOf } from '../panels/session/session-config';

/** A step's "nothing shown happens next" goes when the next step is asked for. */
export function stepNoticeCleared(): void {
  const store = useStore.getState();
  if (store.notice?.field === 'step') store.noticeShown(null);
}

/** Keeps the session an action in the past replaces, for Undo, and says what it replaced. */
export function keptForUndo(session: Session, label: string, notice: string | null): void {
  const store = useStore.getState();
  store.replacedKept({ session, settings: store.settings, label });
  if (notice !== null) store.noticeShown({ message: notice, field: 'step' });
}

/**
 * Keeps the session a change in the header replaced, for Undo, and says so: the run the
 * class was looking at is gone from the screen, and an empty cluster looks like lost data.
 */
export function sessionReplaced(replaced: Replaced): void {
  const store = useStore.getState();
  store.replacedKept(replaced);
  const what = replaced.label.charAt(0).toUpperCase() + replaced.label.slice(1);
  // The "MD5 ring + keys" cluster writes its keys before anyone acts: they are there again, nothing else.
  const preloaded = presetOf(store.settings.preset, store.settings.config).preloadKeys;
  const stored = preloaded > 0 ? `only its ${preloaded.toLocaleString('en')} keys written again` : 'with nothing stored';
  store.noticeShown({ message: `${what}: the cluster started afresh, ${stored}. Undo brings back the run as it was.`, field: 'step' });
}

/** "1 event", "1,204 events". */
export function eventsText(count: number): string {
  return `${count.toLocaleString('en')} event${count === 1 ? '' : 's'}`;
}

/** What a change in the header did, as Undo names it: "seed change", "N change", "cluster change", or "reset". */
export function settingsChange(before: SessionSettings, after: SessionSettings): string {
  const changed = [before.preset !== after.preset || before.config !== after.config ? 'cluster' : null, before.n !== after.n ? 'N' : null, before.r !== after.r ? 'R' : null, before.w !== after.w ? 'W' : null, before.seed !== after.seed ? 'seed' : null].filter((x) => x !== null);
  return changed.length === 0 ? 'reset' : changed.length === 1 ? `${changed[0]} change` : 'settings change';
}
