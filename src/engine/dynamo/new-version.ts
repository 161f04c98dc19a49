/**
 * A put's new version (paper §4.4): the coordinator advances its own counter in the clock of
 * the context the client sent, truncating the clock past the threshold, and records a write
 * the context did not cover that the new version replaces all the same.
 */
import type { World } from '../world';
import type { ClientRequest } from './messages';
import type { NodeId } from './ring';
import type { Version } from './versions';
import { ownCounter } from './node';
import { EMPTY_CLOCK, truncateClock, withCounter, counterOf, descendsOrEqual, type VectorClock } from './vector-clock';

/**
 * The new version's clock: the context's clock with the coordinator's counter advanced.
 * The counter is one past the highest the coordinator has written for this key (in the
 * context or on its own disk), so two different versions never share one clock.
 */
export function newVersion(world: World, coordinator: NodeId, request: ClientRequest): Version {
  const base = request.context ?? EMPTY_CLOCK;
  const counter = Math.max(counterOf(base, coordinator), ownCounter(world.node(coordinator), request.key)) + 1;
  world.node(coordinator).counters.set(request.key, counter);
  let clock = withCounter(base, coordinator, counter, world.nowMs);
  const id = world.nextVersionId(request.key);
  // Checked here so the usual put, under the threshold, allocates no truncation result.
  if (clock.length > world.config.clockTruncationThreshold) {
    const truncated = truncateClock(clock, world.config.clockTruncationThreshold, coordinator);
    clock = truncated.clock;
    if (truncated.removed.length > 0) world.emit(coordinator, { kind: 'clock-truncated', key: request.key, versionId: id, removed: truncated.removed });
  }
  // A blind write (no context at all) means to overwrite; a context that missed a write does not.
  const unread = request.context === undefined ? null : unreadSuperseded(world.node(coordinator).store.get(request.key), base, clock);
  if (unread !== null) world.emit(coordinator, { kind: 'unread-superseded', key: request.key, versionId: id, lost: unread });
  return { id, value: request.value ?? null, clock };
}

/**
 * The coordinator's versions the new clock descends from although the client's context did
 * not cover them: a write the client never read, replaced all the same, because the
 * coordinator's counter moved past it (vector clocks keyed by server cannot tell two
 * clients of one coordinator apart). Null when there are none, the usual case.
 */
function unreadSuperseded(stored: readonly Version[] | undefined, context: VectorClock, clock: VectorClock): number[] | null {
  let lost: number[] | null = null;
  for (const v of stored ?? []) if (!descendsOrEqual(context, v.clock) && descendsOrEqual(clock, v.clock)) (lost ??= []).push(v.id);
  return lost;
}
