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
 * `remade`: how many of the lecturer's own actions were made again on the new settings (a
 * change of N, R or W), or why they could not be.
 */
export function sessionReplaced(replaced: Replaced, remade: number | { readonly refusal: string } = 0): void {
  const store = useStore.getState();
  store.replacedKept(replaced);
  const what = replaced.label.charAt(0).toUpperCase() + replaced.label.slice(1);
  const { n, r, w } = store.settings;
  if (typeof remade === 'number' && remade > 0) {
    const actions = remade === 1 ? 'your action was' : `your ${remade.toLocaleString('en')} actions were`;
    store.noticeShown({ message: `${what}: ${actions} made again at the same moments, now with N=${n}, R=${r}, W=${w}. Undo brings back the run as it was.`, field: 'step' });
    return;
  }
  // The "MD5 ring + keys" cluster writes its keys before anyone acts: they are there again, nothing else.
  const preloaded = presetOf(store.settings.preset, store.settings.config).preloadKeys;
  const stored = preloaded > 0 ? `only its ${preloaded.toLocaleString('en')} keys written again` : 'with nothing stored';
  const why = typeof remade === 'number' ? '' : ` (your actions could not be made again: ${remade.refusal})`;
  store.noticeShown({ message: `${what}: the cluster started afresh, ${stored}${why}. Undo brings back the run as it was.`, field: 'step' });
}

/**
 * After a header change loaded its session: keeps for Undo the run it replaced (`kept`), or
 * else, after a change that itself replaced one with nothing done since (`earlier`), still that
 * first run, named for everything Undo would take back: N, then R, is a "settings change" (but
 * 42 → 427 → 42 stays a "seed change").
 */
export function headerChanged(kept: Session | null, earlier: Replaced | null, before: SessionSettings, after: SessionSettings, remade: Parameters<typeof sessionReplaced>[1]): void {
  if (kept) sessionReplaced({ session: kept, settings: before, label: settingsChange(before, after) }, remade);
  else if (earlier) {
    const label = settingsChange(earlier.settings, after);
    sessionReplaced(label === 'reset' ? earlier : { ...earlier, label }, remade);
  }
}

/** Only N, R or W changed: the same cluster and seed, so the same actions can be made on it again. */
export function isQuorumChange(before: SessionSettings, after: SessionSettings): boolean {
  return before.preset === after.preset && before.config === after.config && before.seed === after.seed && (before.n !== after.n || before.r !== after.r || before.w !== after.w);
}

/** The lecturer's own inputs in a session (background clients' and a preset's preloaded keys left out). */
export function ownInputCount(session: Session): number {
  return session.actions.filter((a) => 'input' in a && a.background !== true).length;
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
