/**
 * What the page says, and keeps for Undo, when an action replaces or drops part of a session:
 * the controller's bookkeeping in the store, apart from its driving of the worker.
 */
import type { Session } from '../worker/protocol';
import type { TraceEvent } from '../engine/index';
import { EVENT_CLASS_LABEL, type EventClass } from '../app/theme';
import { useStore, type Notice, type Replaced, type SessionSettings } from '../store/store';
import { presetOf } from '../panels/session/session-config';

/**
 * A step forward that found only events the log hides ahead says so, in one line over the
 * stage's foot (not three over its legend): the log's buttons name what to turn on. A link or
 * file that could not be opened keeps its message until dismissed: the notice has one place.
 */
export function nothingShownAhead(hidden: readonly EventClass[]): void {
  const kept = useStore.getState().notice?.field;
  // Most kinds hidden, their names would fill three lines over the ring's legend: the log's buttons name them.
  const message = hidden.length > 3 ? 'Only events of kinds the log hides are ahead: its buttons show them' : `Only ${hidden.map((c) => EVENT_CLASS_LABEL[c]).join(', ')} events ahead, all hidden in the log`;
  if (kept !== 'link' && kept !== 'file') useStore.getState().noticeShown({ message: `${message}${clientsNote()}`, field: 'step', hidden });
}

/**
 * A step forward that found nothing at all ahead (no message in flight, no timer set, nothing
 * recorded) says so, rather than blame the log's hidden kinds: with every kind shown, or in a
 * lecture whose part has ended, the click would otherwise do nothing and say nothing.
 */
export function nothingAhead(isLecture: boolean): void {
  const kept = useStore.getState().notice?.field;
  const message = isLecture ? 'Nothing is left to happen in this part of the lecture.' : `Nothing is left to happen: no message is in flight and no timer is set. Put or get a key, or fail a node, to go on.${clientsNote()}`;
  if (kept !== 'link' && kept !== 'file') useStore.getState().noticeShown({ message, field: 'step' });
}

/**
 * With background clients chosen, what a step found ahead is not all that will happen: they make
 * their requests only while playing (at their own moments of virtual time), and Step does not
 * make them, so "only hidden events ahead" read as false once Play brought Client events at once.
 */
function clientsNote(): string {
  return useStore.getState().workload > 0 ? ' (the background clients make requests only while playing: press Play)' : '';
}

/** A step's "nothing shown happens next" goes when the next step is asked for. */
export function stepNoticeCleared(): void {
  const store = useStore.getState();
  if (store.notice?.field === 'step') store.noticeShown(null);
}

/**
 * Whether an input the engine took puts the notice on screen behind the lecturer: the refusal
 * it puts right, a link or file that could not be opened, or a refused header change (the
 * cluster acted on is the one in use, and the header goes back to showing it). Only a notice
 * they saw when acting (`seen`): one that came while the input was on its way stays.
 */
export function isPutRightByInput(notice: Notice | null, seen: Notice | null, refusal: Notice | null): boolean {
  if (notice === null || notice !== seen) return false;
  return notice === refusal || notice.field === 'link' || notice.field === 'file' || notice.field === 'settings' || notice.field === 'seed';
}

/** Keeps the session an action in the past replaces, for Undo, and says what it replaced. */
export function keptForUndo(session: Session, label: string, notice: string | null): void {
  const store = useStore.getState();
  store.replacedKept({ session, settings: store.settings, label, atOwnInputs: store.ownInputs, earlier: store.replaced });
  if (notice !== null) store.noticeShown({ message: notice, field: 'step' });
}

/**
 * Keeps the session a change in the header replaced, for Undo, and says so: the run the
 * class was looking at is gone from the screen, and an empty cluster looks like lost data.
 * `remade`: how many of the lecturer's own actions were made again on the new settings (a
 * change of N, R or W), or why they could not be.
 */
export function sessionReplaced(replaced: Replaced, remade: number | { readonly refusal: string } = 0, note: string | null = null): void {
  const store = useStore.getState();
  // Counted in the new session: the inputs made again on it are Undo's to pass over, as one change.
  store.replacedKept({ ...replaced, atOwnInputs: store.ownInputs });
  const what = replaced.label.charAt(0).toUpperCase() + replaced.label.slice(1);
  const { n, r, w } = store.settings;
  if (typeof remade === 'number' && remade > 0) {
    const actions = remade === 1 ? 'your action was' : `your ${remade.toLocaleString('en')} actions were`;
    // Which run Undo brings back, by its settings: after N then R, it is the first one, not the one between.
    const was = replaced.settings;
    const order = note === null ? '' : ` Mind the order: ${note}.`;
    store.noticeShown({ message: `${what}: ${actions} made again at the same moments, now with N=${n}, R=${r}, W=${w}.${order} Undo brings back the run with N=${was.n}, R=${was.r}, W=${was.w}.`, field: 'step' });
    return;
  }
  // The "MD5 ring + keys" cluster writes its keys before anyone acts: they are there again, nothing else.
  const preloaded = presetOf(store.settings.preset, store.settings.config).preloadKeys;
  const stored = preloaded > 0 ? `only its ${preloaded.toLocaleString('en')} keys written again` : 'with nothing stored';
  const why = typeof remade === 'number' ? '' : ` (your actions could not be made again: ${remade.refusal})`;
  // After a change of N, R or W that could not be made again, which run Undo brings back is said as when it was.
  const back = typeof remade === 'number' ? 'the run as it was' : `the run with N=${replaced.settings.n}, R=${replaced.settings.r}, W=${replaced.settings.w}`;
  store.noticeShown({ message: `${what}: the cluster started afresh, ${stored}${why}. Undo brings back ${back}.`, field: 'step' });
}

/**
 * After a header change loaded its session: keeps for Undo the run it replaced (`kept`), or
 * else, after a change that itself replaced one with nothing done since (`earlier`), still that
 * first run, named for everything Undo would take back: N, then R, is a "settings change" (but
 * 42 → 427 → 42 stays a "seed change").
 */
export function headerChanged(kept: Session | null, earlier: Replaced | null, before: SessionSettings, after: SessionSettings, remade: Parameters<typeof sessionReplaced>[1], note: string | null): void {
  if (kept) sessionReplaced({ session: kept, settings: before, label: settingsChange(before, after), earlier }, remade, note);
  else if (earlier) {
    const label = settingsChange(earlier.settings, after);
    sessionReplaced(label === 'reset' ? earlier : { ...earlier, label }, remade, note);
  }
}

/**
 * For each of the lecturer's own requests in `events`: whether it had answered before their
 * next one started. Remade on other settings at the same moments, a put that waited longer may
 * still be waiting when the get made after it starts: `overtaken` names the first. `isOwn[k]`:
 * whether the k-th request of the run is the lecturer's (`ownRequests`), not a background
 * client's, whose order other settings shuffle without anyone having asked for it.
 */
export function answeredInTurn(events: readonly TraceEvent[], isOwn: readonly boolean[]): { readonly label: string; readonly inTurn: boolean }[] {
  const own = events.filter((e): e is Extract<TraceEvent, { kind: 'op-start' }> => e.kind === 'op-start').filter((_, k) => isOwn[k] === true);
  const ends = new Map(events.flatMap((e) => (e.kind === 'op-end' ? [[e.opId, e.atMs] as const] : [])));
  return own.map((s, i) => {
    const end = ends.get(s.opId);
    const next = own[i + 1];
    return { label: `${s.op} ${s.key}`, inTurn: next === undefined || (end !== undefined && end <= next.atMs) };
  });
}

/** For each request a session makes, in order (each put or get starts one): whether it is the lecturer's own. */
export function ownRequests(session: Session): boolean[] {
  return session.actions.flatMap((a) => ('input' in a && (a.input.type === 'put' || a.input.type === 'get') ? [a.background !== true] : []));
}

/** "the put cart now answers after the get cart made after it starts", for the first request that answered in turn before and does not now. */
export function overtaken(before: ReturnType<typeof answeredInTurn>, after: ReturnType<typeof answeredInTurn>): string | null {
  const i = after.findIndex((a, k) => !a.inTurn && before[k]?.inTurn === true);
  return i < 0 ? null : `the ${after[i]!.label} now answers after the ${after[i + 1]?.label ?? 'next request'} made after it starts`;
}

/**
 * What a header change remakes: with only N, R or W changed on a run with the lecturer's own
 * actions in it, those actions, made again at the same moments ("the same failure, now with
 * W=1") rather than an empty cluster (`remade`: how many); and, once made, what the note says
 * of the order of their requests (`orderNote`, given the new run's events).
 */
export function remakePlan(current: Session | null, before: SessionSettings, after: SessionSettings, events: readonly TraceEvent[]): { readonly remade: number; readonly orderNote: (remadeEvents: readonly TraceEvent[]) => string | null } {
  const remade = current && isQuorumChange(before, after) ? ownInputCount(current) : 0;
  const own = current ? ownRequests(current) : [];
  const inTurn = remade > 0 ? answeredInTurn(events, own) : [];
  return { remade, orderNote: (remadeEvents) => overtaken(inTurn, answeredInTurn(remadeEvents, own)) };
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
