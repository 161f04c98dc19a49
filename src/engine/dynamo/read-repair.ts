/**
 * Read repair (paper §5): a get is also a chance to fix stale replicas.
 *
 * Once a get has its answer, the coordinator knows the siblings; any replica of the top N
 * that replied with a missing or older version is sent the versions it lacks. Replies
 * that arrive after the answer are repaired too, until the get's deadline.
 */
import type { RepairWindow, World } from '../world';
import type { NodeId } from './ring';
import { descendsOrEqual } from './vector-clock';
import { storeAndTrace } from './store-trace';
import type { Version } from './versions';

/** The siblings a replica that answered `had` is missing. */
export function missingFrom(siblings: readonly Version[], had: readonly Version[]): Version[] {
  return siblings.filter((s) => !had.some((h) => descendsOrEqual(h.clock, s.clock)));
}

/** Repairs one replica that answered a get, if it is behind. */
export function repairReplica(world: World, opId: number, repairWindow: RepairWindow, replica: NodeId, had: readonly Version[]): void {
  if (!repairWindow.replicas.includes(replica)) return; // stand-ins hold hints, not replicas
  const missing = missingFrom(repairWindow.siblings, had);
  if (missing.length === 0) return;
  world.emit(repairWindow.coordinator, { kind: 'read-repair', opId, key: repairWindow.key, target: replica, versionIds: missing.map((v) => v.id) });
  if (replica === repairWindow.coordinator) {
    for (const v of missing) storeAndTrace(world, replica, repairWindow.key, v);
  } else {
    world.send(repairWindow.coordinator, replica, { type: 'repair', key: repairWindow.key, versions: missing });
  }
}
