/**
 * The messages between the page and the engine worker (types only, DESIGN §4).
 *
 * Every command carries an `id`; the worker answers each with exactly one reply of the
 * same `type` and `id`, or an `error` reply with that `id`. Everything is plain,
 * structured-clonable data: the page never sees engine objects, only what they say.
 */

/** The cluster as the page describes it: enough to draw a ring and name the nodes. */
export interface ClusterSummary {
  readonly n: number;
  readonly r: number;
  readonly w: number;
  /** Positions on a teaching ring; null for the 128-bit MD5 ring. */
  readonly ringSize: number | null;
  /** Every token in ring order. */
  readonly tokens: readonly { readonly pos: number; readonly node: string }[];
}

/** Page → worker. */
export type Command =
  /** The handshake: the first command; its reply says the engine is up and what it runs. */
  | { readonly type: 'hello'; readonly id: number }
  /** Which nodes hold `key`: its preference list (paper §4.3). */
  | { readonly type: 'preferenceList'; readonly id: number; readonly key: string };

/** Worker → page. */
export type Reply =
  | { readonly type: 'hello'; readonly id: number; readonly cluster: ClusterSummary }
  | {
      readonly type: 'preferenceList';
      readonly id: number;
      readonly key: string;
      /** The key's position on the ring. */
      readonly position: number;
      /** The top N distinct nodes in walk order; the first is the usual coordinator. */
      readonly nodes: readonly string[];
      /** The other nodes in walk order, used by a sloppy quorum. */
      readonly fallbacks: readonly string[];
    }
  /** A command failed; `id` is null when the command itself could not be read. */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string };

export type CommandType = Command['type'];

/** A command as the page writes it, before the client gives it an id. */
export type CommandBody<T extends CommandType = CommandType> = T extends CommandType ? Omit<Extract<Command, { type: T }>, 'id'> : never;

/** The successful reply to a command of type `T`. */
export type ReplyTo<T extends CommandType> = Extract<Reply, { type: T }>;
