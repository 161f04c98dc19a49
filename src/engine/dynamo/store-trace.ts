/**
 * Storing a version on a node and recording what happened: the one place a replica's
 * sibling set changes, so the trace always says which versions were replaced.
 */
import type { World } from '../world';
import type { NodeId } from './ring';
import { storeVersion } from './node';
import type { Version } from './versions';
import type { StoreSource } from '../trace/events';

/**
 * Stores `version` on `node`. `source` says how it came when not by a put (read repair, a
 * hint, anti-entropy, a transfer): the log line names it, so a version that anti-entropy
 * brings, with anti-entropy's own messages hidden, does not read as a put's.
 */
export function storeAndTrace(world: World, node: NodeId, key: string, version: Version, source?: StoreSource): void {
  const result = storeVersion(world.node(node), key, version);
  if (result.coveredBy !== undefined) {
    world.emit(node, { kind: 'version-ignored', key, version, coveredBy: result.coveredBy.id, ...(source !== undefined ? { source } : {}) });
    return;
  }
  const superseded = result.superseded.length === 0 ? NONE_SUPERSEDED : result.superseded.map((v) => v.id);
  const siblings = result.siblings.map((v) => v.id);
  // Every put stores at least one version on each replica: one literal, see `World.record`.
  if (source === undefined) world.record({ seq: world.nextTraceSeq(), atMs: world.nowMs, node, causeSeq: world.causeSeq, kind: 'version-stored', key, version, superseded, siblings });
  else world.emit(node, { kind: 'version-stored', key, version, superseded, siblings, source });
}

/** A version that replaced nothing: one shared empty list for the events that keep it. Read-only by type. */
const NONE_SUPERSEDED: readonly number[] = [];
