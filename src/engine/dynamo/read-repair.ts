/**
 * Read repair (paper §5): a get is also a chance to fix stale replicas.
 *
 * Once a get has its answer, the coordinator knows the siblings; any replica of the top N
 * that replied with a missing or older version is sent the versions it lacks. Replies
 * that arrive after the answer are repaired too, until the get's deadline; one that holds
 * a newer version than the answer had brings it to the replicas that answered before.
 */
import type { RepairWindow, World } from '../world';
import type { NodeId } from './ring';
import { descendsOrEqual } from './vector-clock';
import { storeAndTrace } from './store-trace';
import { passOnIfNotHeld } from './rebalance';
import { reconcile, type Version } from './versions';

/** The siblings a replica that answered `had` is missing. */
export function missingFrom(siblings: readonly Version[], had: readonly Version[]): Version[] {
  return siblings.filter((s) => !had.some((h) => descendsOrEqual(h.clock, s.clock)));
}

/**
 * Opens a get's repair window once it has answered: each replica that replied is sent the
 * siblings it lacks.
 */
export function openRepairWindow(world: World, opId: number, opened: Omit<RepairWindow, 'answered'>, replies: readonly (readonly [NodeId, readonly Version[]])[]): void {
  const answered: NodeId[] = [];
  for (const [replica, had] of replies) {
    if (!opened.replicas.includes(replica)) continue; // stand-ins hold hints, not replicas
    sendRepair(world, opId, opened, replica, missingFrom(opened.siblings, had));
    answered.push(replica);
  }
  // Written out, not spread from `opened`: the same fields in the same order, without copying an object per get.
  const { key, coordinator, siblings, replicas, asked } = opened;
  world.repairWindows.set(opId, { key, coordinator, siblings, replicas, asked, answered });
}

/**
 * A late replica's answer inside the get's repair window (paper §5): it is sent what it lacks of
 * the latest versions, and when its answer holds a version newer than any the get had seen
 * (a late reply from the only replica that took a write, say), the replicas that answered
 * before are sent that too, the coordinator's own copy included.
 */
export function repairLateReply(world: World, opId: number, repairWindow: RepairWindow, replica: NodeId, had: readonly Version[]): void {
  if (!repairWindow.replicas.includes(replica)) return; // stand-ins hold hints, not replicas
  // A reply with no versions adds none: the window's siblings, reconciled already, stay as they are.
  const siblings = had.length === 0 ? repairWindow.siblings : reconcile([...repairWindow.siblings, ...had]);
  const news = had.length === 0 ? NO_VERSIONS : missingFrom(siblings, repairWindow.siblings);
  if (news.length > 0) for (const earlier of repairWindow.answered) if (earlier !== replica) sendRepair(world, opId, repairWindow, earlier, news);
  sendRepair(world, opId, repairWindow, replica, had.length === 0 ? siblings : missingFrom(siblings, had));
  const answered = repairWindow.answered.includes(replica) ? repairWindow.answered : [...repairWindow.answered, replica];
  if (news.length > 0 || answered !== repairWindow.answered) {
    const { key, coordinator, replicas, asked } = repairWindow;
    world.repairWindows.set(opId, { key, coordinator, siblings, replicas, asked, answered }); // the fields in `openRepairWindow`'s order
  }
}

/** Nothing new: one shared empty list. Read-only by type. */
const NO_VERSIONS: readonly Version[] = [];

function sendRepair(world: World, opId: number, repairWindow: Pick<RepairWindow, 'coordinator' | 'key'>, replica: NodeId, lacking: readonly Version[]): void {
  // The coordinator's own copy is read now: another get's repair may have brought it already.
  const missing = replica === repairWindow.coordinator ? missingFrom(lacking, world.node(replica).store.get(repairWindow.key) ?? []) : lacking;
  if (missing.length === 0) return;
  world.emit(repairWindow.coordinator, { kind: 'read-repair', opId, key: repairWindow.key, target: replica, versionIds: missing.map((v) => v.id) });
  if (replica === repairWindow.coordinator) {
    for (const v of missing) storeAndTrace(world, replica, repairWindow.key, v, { by: 'read-repair', from: replica });
    // A join may have taken the key's range from the coordinator since the get began.
    passOnIfNotHeld(world, replica, repairWindow.key);
  } else {
    world.send(repairWindow.coordinator, replica, { type: 'repair', key: repairWindow.key, versions: missing });
  }
}
