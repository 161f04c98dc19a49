/**
 * Moving data when an administrator adds or removes a node (paper §4.9; lecture 000).
 *
 * A joining node takes over key ranges from the nodes that held them; a leaving node
 * hands its ranges on. Only the ranges that change holder move — with consistent hashing
 * that is a small part of the ring. The data really travels: each transfer is a message
 * from the old holder to the new one, and the old holder lets go of the keys it no longer
 * holds only once the new one has acknowledged them.
 */
import type { World } from '../world';
import type { Transfer } from './ownership';
import type { NodeId } from './ring';
import { topNodes } from './preference-list';
import { storeAndTrace } from './store-trace';
import type { MessageBody } from './messages';

/** True when position `pos` lies in (start, end], wrapping past the top when start ≥ end. */
export function inRange(pos: number, [start, end]: readonly [number, number]): boolean {
  return start < end ? pos > start && pos <= end : pos > start || pos <= end;
}

/** Sends, for each transfer, the old holder's versions of the keys in its range. */
export function startTransfers(world: World, transfers: readonly Transfer[]): void {
  for (const t of transfers) {
    const from = world.node(t.from);
    if (!from.isUp) continue;
    const entries = [...from.store].filter(([key]) => inRange(world.keyPosition(key), t.range)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    world.send(t.from, t.to, { type: 'transfer', transferId: world.nextId('transfer'), range: t.range, entries });
  }
}

export function onTransferMessage(world: World, at: NodeId, from: NodeId, body: MessageBody): void {
  if (body.type === 'transfer') {
    for (const [key, versions] of body.entries) for (const v of versions) storeAndTrace(world, at, key, v);
    world.send(at, from, { type: 'transfer-ack', transferId: body.transferId, keys: body.entries.map(([key]) => key) });
  } else if (body.type === 'transfer-ack') {
    releaseKeys(world, at, body.keys);
  }
}

/** The old holder forgets the acknowledged keys it is no longer a replica of. */
function releaseKeys(world: World, at: NodeId, keys: readonly string[]): void {
  const node = world.node(at);
  const released = keys.filter((key) => !node.isMember || !topNodes(world.ring, world.keyPosition(key), world.config.n).includes(at));
  if (released.length === 0) return;
  for (const key of released) node.store.delete(key);
  world.emit(at, { kind: 'keys-released', keys: released });
}
