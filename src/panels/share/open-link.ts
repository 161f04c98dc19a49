/**
 * Opening a share link from the address bar: at start, and whenever the fragment changes
 * (a link pasted into the same tab does not reload the page). A link that cannot be opened
 * is said in one sentence and the session already running stays; nothing from the link
 * is ever run or inserted as HTML (it is data, checked by src/share/restore.ts).
 */
import type { Controller } from '../../engine-client/controller';
import { parseLink } from '../../share/link';
import { hiddenClasses, traceIndex, useStore } from '../../store/store';
import { EVENT_CLASSES, type EventClass } from '../../app/theme';
import { lecturePlace } from '../lectures/lecture-store';
import { lectureReplaced, lectureResumed } from '../lectures/lecture-session';
import { keySchema, MAX_FORM_VALUE } from '../../scenario/input-schema';
import { isClassLent, stageShownWithTraffic, useStageStore } from '../../app/stage-store';
import { CLIENT_RATES, PLAYBACK_SPEEDS, type Session } from '../../worker/protocol';

/** Opens the link in `hash` (`#s=1.…`); does nothing for an empty fragment. */
export async function openLink(controller: Controller, hash: string): Promise<void> {
  if (hash.length <= 1) return;
  const link = parseLink(hash);
  const error = !link.ok ? link.error : link.session.lecture ? await lectureResumed(controller, link.session) : await controller.openSession(link.session);
  if (error !== null) useStore.getState().noticeShown({ message: `This link could not be opened: ${error}`, field: 'link' });
  else if (link.ok) {
    // Its inputs are the link's, which opening it again brings back: not work that leaving would lose.
    useStore.getState().sessionOpened(link.session.actions);
    if (!link.session.lecture) await lectureReplaced(controller); // a free-play link opened over a lecture replaced its cluster
    await viewRestored(controller, link.session);
    if (link.left) useStore.getState().noticeShown({ message: leftOut('This link', link.left), field: 'link' });
  }
}

/**
 * What a link or file that opened without some of how it was shown says (a panel a later
 * version added, a hand-edited speed): each field left out, with why, in the checker's words.
 */
export function leftOut(what: string, left: readonly string[]): string {
  return `${what} opened, without what this page cannot show as it was shared: ${left.join('; ')}`;
}

/**
 * The panel the session was shared from takes the stage again, the panels follow the key they
 * followed, and playback is set as it was. In a lecture the step has set its own key, clients
 * and panel by now (`lectureResumed`); the panel the lecturer had chosen over it (the
 * space-time diagram at a step on the versions) replaces it, so the viewer sees what the
 * class saw. A link made before links named their panel (or key) leaves the stage (or key) alone.
 */
export async function viewRestored(controller: Controller, session: Session): Promise<void> {
  if (session.lecture === undefined) await freePlayRestored(controller, session);
  if (session.view !== undefined) stageRestored(session, session.view);
  // After the stage: choosing it lets go of the kinds the stage before had lent the log, which
  // switched off the link's own (a lecture link at the gossip round opened with Gossip hidden).
  playbackRestored(session);
}

function stageRestored(session: Session, view: NonNullable<Session['view']>): void {
  const stage = useStageStore.getState();
  // The stage lends the log its traffic, as the sender's did: kept lent by playbackRestored, hidden again off the tab.
  stageShownWithTraffic(view);
  stage.wideToggled(session.wide === true);
  stage.keyTabChosen(session.keyPanel ?? null);
  // A pair the cluster does not have (a hand-edited link) leaves the panel to choose its own.
  const ids = new Set(useStore.getState().nodes.map((n) => n.id));
  if (session.merkle && ids.has(session.merkle.a) && ids.has(session.merkle.b) && session.merkle.a !== session.merkle.b) stage.merkleViewAskedFor({ pair: [session.merkle.a, session.merkle.b], stage: session.merkle.stage });
  if (session.spacetime) stage.timeViewAskedFor({ pxPerMs: session.spacetime.pxPerMs, startMs: session.spacetime.startMs, isFollowing: session.spacetime.follow !== false });
}

/** The key the panels followed, and playback as it was set: the background clients (none when the link does not say), and the speed. */
async function freePlayRestored(controller: Controller, session: Session): Promise<void> {
  if (session.key !== undefined) await controller.selectKey(session.key);
  const store = useStore.getState();
  store.workloadChosen(session.clients ?? 0);
  // A node the cluster does not have (a hand-edited link) leaves the form to the key's first live replica.
  if (session.client !== undefined) {
    store.clientValueTyped(session.client.value);
    store.clientViaChosen(session.client.via !== undefined && store.nodes.some((n) => n.id === session.client!.via) ? session.client.via : '');
  }
}

/**
 * Speed, the request the trace told and the kinds the log hid, as they were: in a lecture too,
 * over what its step set (the README promises the request and the speed there as well).
 */
function playbackRestored(session: Session): void {
  const store = useStore.getState();
  if (session.speed !== undefined) store.speedChosen(session.speed);
  // A request the session never made (a hand-edited link) leaves the trace on the latest; a link made before links named one leaves the step's.
  if (session.request !== undefined || session.lecture === undefined) store.opPicked(session.request !== undefined && traceIndex.eventsOfOp(session.request).length > 0 ? session.request : null);
  // A kind a stage or the lecture's step lends the log (as it lent the lecturer's) stays lent, to be let go as it was there.
  if (session.hidden !== undefined) useStore.setState((s) => ({ logFilter: Object.fromEntries(EVENT_CLASSES.map((c) => [c, isClassLent(c) ? s.logFilter[c] : !session.hidden!.includes(c)])) as Record<EventClass, boolean> }));
}

/**
 * What a link or a saved session holds: the session, the panel on the stage (wide or not),
 * and where the lecture stands if one is being played; outside a lecture, also the key the
 * panels follow and playback's settings. In a lecture the lecturer's own choice of panel is
 * kept as well: the class saw the space-time diagram, not the step's own panel.
 */
export async function sessionShared(controller: Pick<Controller, 'session'>): Promise<Session> {
  const session = await controller.session();
  const { stage, isWide, timeView, merkleView, keyTab } = useStageStore.getState();
  // The diagram's zoom and place, rounded as a link is read (a link must open, and stay short).
  const spacetime = stage === 'spacetime' && timeView ? { spacetime: { pxPerMs: Number(timeView.pxPerMs.toPrecision(6)), startMs: Math.round(timeView.startMs * 100) / 100, ...(timeView.isFollowing ? {} : { follow: false as const }) } } : {};
  const merkle = stage === 'merkle' && merkleView ? { merkle: { a: merkleView.pair[0], b: merkleView.pair[1], stage: merkleView.stage } } : {};
  const { selectedKey, pickedOpId, logFilter, clientValue, clientVia } = useStore.getState();
  const view = { view: stage, ...(isWide ? { wide: true as const } : {}), ...spacetime, ...merkle, hidden: hiddenClasses(logFilter), ...(keyTab !== null ? { keyPanel: keyTab } : {}) };
  const request = pickedOpId !== null ? { request: pickedOpId } : {};
  const { speed, clients } = playbackOf(useStore.getState());
  const lecture = lecturePlace();
  // A lecture's key is its step's; it has no background clients.
  if (lecture) return { ...session, lecture, ...view, ...request, ...(speed !== undefined ? { speed } : {}) };
  // A key the link's check would refuse (over 256 characters) is left out: a link must open.
  const key = keySchema.safeParse(selectedKey).success ? { key: selectedKey! } : {};
  // The client form as filled in; a Value too long for a link is left out (the page's own comes back).
  const client = clientValue.length <= MAX_FORM_VALUE ? { client: { value: clientValue, ...(clientVia !== '' ? { via: clientVia } : {}) } } : {};
  return { ...session, ...view, ...key, ...client, ...request, ...(clients !== undefined ? { clients } : {}), ...(speed !== undefined ? { speed } : {}) };
}

/** The playback settings a link or a saved session keeps (see `Session.clients`). */
export function playbackOf(state: { readonly workload: number; readonly speed: number }): Pick<Session, 'clients' | 'speed'> {
  const clients = CLIENT_RATES.find((rate) => rate === state.workload);
  const speed = PLAYBACK_SPEEDS.find((s) => s === state.speed);
  return { ...(clients ? { clients } : {}), ...(speed !== undefined ? { speed } : {}) };
}
