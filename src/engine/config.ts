/**
 * A cluster's configuration and its defaults.
 *
 * N, R and W are the paper's quorum parameters (§4.5): each key lives on N nodes, a get
 * waits for R replies and a put for W acknowledgements. The rest describes the ring
 * (teaching ring or MD5 ring, partitioning strategy, tokens) and the network.
 */
import { DEFAULT_LATENCY, type LatencyConfig } from './sim/network';
import type { Strategy } from './dynamo/ring';

export interface NodeConfig {
  readonly id: string;
  /** A count of virtual nodes, or explicit token positions (strategies 1 and 2). */
  readonly tokens?: number | readonly number[];
  /** Relative capacity (default 1): a node with capacity 2 gets twice the tokens. */
  readonly capacity?: number;
  readonly dc?: string;
}

export interface ClusterConfig {
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly nodes: readonly NodeConfig[];
  /** A teaching ring of this many positions; absent: the 128-bit MD5 ring. */
  readonly ringSize?: number;
  /** Teaching ring only: fixed positions of named keys. */
  readonly keyPositions?: Readonly<Record<string, number>>;
  readonly strategy?: Strategy;
  /** Q, the number of equal partitions (strategies 2 and 3). */
  readonly partitions?: number;
  /** Tokens per unit of capacity when a node does not say (default 8; 1 on a teaching ring). */
  readonly tokensPerNode?: number;
  readonly latency?: LatencyConfig;
  /** Probability that any one message is lost. */
  readonly lossRate?: number;
  /** How long a client operation may take before it fails (the paper's SLA is 300 ms). */
  readonly requestTimeoutMs?: number;
  /** Vector clocks longer than this lose their oldest entries (paper §4.4: 10). */
  readonly clockTruncationThreshold?: number;
  /** Spread each key's top N over datacenters. */
  readonly spanDatacenters?: boolean;
  /** Sloppy quorum with hinted handoff (default on); off: strict quorum on the top N only. */
  readonly hintedHandoff?: boolean;
  /** How long a node waits for a peer's answer before it believes the peer unreachable. */
  readonly replicaTimeoutMs?: number;
  /** How often a node holding hints tries to deliver them, and probes peers it believes down. */
  readonly hintRetryMs?: number;
  /** How often each node gossips membership with a random peer (0: never on its own). */
  readonly gossipIntervalMs?: number;
  /** How often each node starts a Merkle exchange with a random replica peer (0: never on its own). */
  readonly antiEntropyIntervalMs?: number;
  /** Nodes every node knows from the start and a joining node announces itself to. */
  readonly seeds?: readonly string[];
}

export type ResolvedConfig = Required<Omit<ClusterConfig, 'ringSize' | 'keyPositions'>> &
  Pick<ClusterConfig, 'ringSize' | 'keyPositions'>;

export function resolveConfig(config: ClusterConfig): ResolvedConfig {
  const isTeaching = config.ringSize !== undefined;
  return {
    ...config,
    strategy: config.strategy ?? 1,
    partitions: config.partitions ?? (isTeaching ? Math.min(10, config.ringSize ?? 10) : 256),
    tokensPerNode: config.tokensPerNode ?? (isTeaching ? 1 : 8),
    latency: config.latency ?? DEFAULT_LATENCY,
    lossRate: config.lossRate ?? 0,
    requestTimeoutMs: config.requestTimeoutMs ?? 300,
    clockTruncationThreshold: config.clockTruncationThreshold ?? 10,
    spanDatacenters: config.spanDatacenters ?? false,
    hintedHandoff: config.hintedHandoff ?? true,
    replicaTimeoutMs: config.replicaTimeoutMs ?? 100,
    hintRetryMs: config.hintRetryMs ?? 500,
    gossipIntervalMs: config.gossipIntervalMs ?? 1000,
    antiEntropyIntervalMs: config.antiEntropyIntervalMs ?? 10_000,
    seeds: config.seeds ?? config.nodes.slice(0, 2).map((n) => n.id),
  };
}

/**
 * Refuses a configuration the engine cannot run, naming the field. The scenario format
 * checks the same and more with friendlier messages; this is the engine's own guard for
 * callers that build configurations in code.
 */
export function configProblem(config: ClusterConfig): { field: string; message: string } | null {
  const { n, r, w, nodes, ringSize } = config;
  const isCount = (x: number): boolean => Number.isInteger(x) && x >= 1;
  if (!isCount(n) || !isCount(r) || !isCount(w)) return { field: 'n', message: 'n, r and w must be whole numbers of at least 1' };
  if (r > n || w > n) return { field: r > n ? 'r' : 'w', message: `r (${r}) and w (${w}) cannot exceed n (${n})` };
  if (nodes.length === 0) return { field: 'nodes', message: 'a cluster needs at least one node' };
  if (ringSize !== undefined && !(Number.isInteger(ringSize) && ringSize >= 2)) return { field: 'ringSize', message: 'ringSize must be a whole number of at least 2' };
  const size = ringSize ?? 2 ** 52;
  const ids = new Set<string>();
  for (const node of nodes) {
    if (ids.has(node.id)) return { field: 'nodes', message: `duplicate node id ${JSON.stringify(node.id)}` };
    ids.add(node.id);
    const tokens = node.tokens;
    if (Array.isArray(tokens) && tokens.some((p) => !Number.isInteger(p) || p < 0 || p >= size)) {
      return { field: 'tokens', message: `node ${JSON.stringify(node.id)} has a token outside the ring 0–${size - 1}` };
    }
  }
  return null;
}
