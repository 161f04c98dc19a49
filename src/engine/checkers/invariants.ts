/**
 * Named invariants of the simulated cluster, checked after every step in tests and shown
 * in the UI when one breaks (a teaching moment, not a crash).
 */
import type { Cluster } from '../cluster';
import { isDelivery } from '../dispatch';
import { compareClocks } from '../dynamo/vector-clock';
import { versionName } from '../dynamo/versions';

export interface InvariantViolation {
  readonly invariant: 'ring-order' | 'ring-members' | 'clock-shape' | 'sibling-set' | 'in-flight' | 'transfer-to-unknown';
  readonly detail: string;
}

export function checkInvariants(cluster: Cluster): InvariantViolation[] {
  return [...checkRing(cluster), ...checkStores(cluster), ...checkInFlight(cluster)];
}

function checkRing(cluster: Cluster): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const tokens = cluster.ring.tokens;
  for (let i = 1; i < tokens.length; i++) {
    if (!(tokens[i - 1]!.pos < tokens[i]!.pos)) out.push({ invariant: 'ring-order', detail: `tokens ${i - 1} and ${i} are out of order or share position ${tokens[i]!.pos}` });
  }
  for (const t of tokens) {
    if (!cluster.nodes.get(t.node)?.isMember) out.push({ invariant: 'ring-members', detail: `token at ${t.pos} belongs to ${t.node}, which is not a member` });
  }
  return out;
}

function checkStores(cluster: Cluster): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const threshold = cluster.config.clockTruncationThreshold;
  for (const node of cluster.nodes.values()) {
    for (const [key, siblings] of node.store) {
      for (const v of siblings) {
        const sorted = v.clock.every((e, i) => i === 0 || v.clock[i - 1]!.node < e.node);
        if (!sorted || v.clock.length > threshold || v.clock.some((e) => e.counter < 1)) {
          out.push({ invariant: 'clock-shape', detail: `${node.id} holds ${key} ${versionName(v.id)} with a malformed clock` });
        }
      }
      siblings.forEach((a, i) =>
        siblings.forEach((b, j) => {
          if (i !== j && compareClocks(a.clock, b.clock) !== 'concurrent') {
            out.push({ invariant: 'sibling-set', detail: `${node.id} keeps both ${versionName(a.id)} and ${versionName(b.id)} of ${key}, but they are not concurrent` });
          }
        }),
      );
    }
  }
  return out;
}

function checkInFlight(cluster: Cluster): InvariantViolation[] {
  const queued = new Set<number>();
  for (const e of cluster.queue.toSortedArray()) if (isDelivery(e.item)) queued.add(e.item.id);
  const out: InvariantViolation[] = [];
  for (const id of cluster.inFlight.keys()) if (!queued.has(id)) out.push({ invariant: 'in-flight', detail: `message ${id} is in flight but not queued` });
  // A node hands a range only to a node its own view knows of (views never forget a member).
  for (const msg of cluster.inFlight.values()) {
    if (msg.body.type === 'transfer' && !cluster.nodes.get(msg.from)?.view.has(msg.to)) {
      out.push({ invariant: 'transfer-to-unknown', detail: `${msg.from} sends a range to ${msg.to}, which its membership view does not list` });
    }
  }
  return out;
}
