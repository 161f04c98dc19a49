/**
 * The engine's inputs (src/engine/inputs.ts) as zod schemas, for data that comes from
 * outside: share links and saved sessions. Strict objects, bounded strings and numbers, so
 * nothing untrusted reaches the engine unchecked.
 */
import { z } from 'zod';
import { configSchema, dcSchema, keySchema, msSchema, nodeIdSchema, positiveMsSchema, tokensSchema } from './schema';
import { CLIENT_RATES, PLAYBACK_SPEEDS } from '../worker/protocol';
import { EVENT_CLASSES, type EventClass } from '../engine/index';

const nodeId = nodeIdSchema;
/** The longest Value a link keeps of the client form (a put's value itself may be longer: it is in the actions). */
export const MAX_FORM_VALUE = 1000;
/** A key as the engine takes it, in the scenario format's words (schema.ts); a session's `key` is checked the same way. */
export { keySchema };
const key = keySchema;
/** A clock entry's time: any the engine wrote, kept to 0.01 ms. */
const atMs = z.number().finite().min(0).max(1e9);

/**
 * A put's context, a vector clock as the engine keeps one (vector-clock.ts): entries sorted by
 * node id, each node once. Taken as given, a context written "C, A" made a version that
 * descends from D1 ([A,1]) look concurrent with it, and one naming B twice was printed as one B.
 */
const clockSchema = z
  .array(z.strictObject({ node: nodeId, counter: z.int().min(1).max(1e9), atMs }))
  .max(64)
  .superRefine((clock, ctx) => {
    for (let i = 1; i < clock.length; i++) {
      const [before, entry] = [clock[i - 1]!.node, clock[i]!.node];
      if (before < entry) continue;
      const why = before === entry ? `names node "${entry}" twice` : `has "${entry}" after "${before}"`;
      ctx.addIssue({ code: 'custom', path: [i, 'node'], message: `${why}: a clock's entries go in order of node id, each node once, as the page writes them` });
      return;
    }
  });

export const inputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('put'), key, value: z.json(), via: nodeId.optional(), context: clockSchema.optional() }),
  z.strictObject({ type: z.literal('get'), key, via: nodeId.optional() }),
  z.strictObject({ type: z.literal('fail'), node: nodeId }),
  z.strictObject({ type: z.literal('recover'), node: nodeId }),
  z.strictObject({ type: z.literal('destroy'), node: nodeId }),
  z.strictObject({ type: z.literal('partition'), groups: z.array(z.array(nodeId).min(1).max(512)).min(2).max(64) }),
  z.strictObject({ type: z.literal('heal') }),
  z.strictObject({ type: z.literal('addNode'), id: nodeId, tokens: tokensSchema.optional(), capacity: z.number().positive().max(1000).optional(), dc: dcSchema.optional() }),
  z.strictObject({ type: z.literal('removeNode'), id: nodeId }),
  z.strictObject({ type: z.literal('isolateDc'), dc: dcSchema }),
  z.strictObject({ type: z.literal('cutLink'), from: nodeId, to: nodeId }),
  z.strictObject({ type: z.literal('slowLink'), from: nodeId, to: nodeId, extraMs: msSchema() }),
  z.strictObject({ type: z.literal('lossyLink'), from: nodeId, to: nodeId, lossRate: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('antiEntropy'), a: nodeId, b: nodeId }),
  z.strictObject({ type: z.literal('gossipRound') }),
  z.strictObject({ type: z.literal('dropMessage'), msgId: z.int().min(1) }),
  z.strictObject({ type: z.literal('delayMessage'), msgId: z.int().min(1), byMs: positiveMsSchema(1e7) }),
  z.strictObject({ type: z.literal('note'), text: z.string().max(2000) }),
]);

/** A recorded action: an input (`background`: the background clients' or a preset's, which Undo passes over), a run of engine steps, or the clock moving on. */
export const actionSchema = z.union([
  z.strictObject({ input: inputSchema, background: z.literal(true).optional() }),
  z.strictObject({ steps: z.int().min(1).max(1_000_000) }),
  z.strictObject({ clockMs: z.number().finite().min(0).max(1e12) }),
], { error: 'an action is {"input": {…}}, {"steps": k} or {"clockMs": t}' });

export const sessionSchema = z.strictObject({
  seed: z.int().min(-(2 ** 31)).max(2 ** 31 - 1),
  config: configSchema,
  // A busy session: background clients at 1,000 ops/s record about 1,000 actions a second,
  // until the page's recording is full (1,000,000 events, a few minutes).
  actions: z.array(actionSchema).max(250_000),
  cursor: z.int().min(0).optional(),
  title: z.string().max(200).optional(),
  /** The panel on the stage when the link was made, and whether it had the whole width. */
  view: z.enum(['ring', 'versions', 'spacetime', 'hints', 'merkle', 'membership', 'latency']).optional(),
  wide: z.literal(true).optional(),
  /** The space-time diagram's view: its zoom (the page's MIN_ and MAX_PX_PER_MS bound it), the time at its top, and whether it followed the cursor. */
  spacetime: z.strictObject({ pxPerMs: z.number().min(0.002).max(400), startMs: z.number().min(-1e9).max(1e12), follow: z.literal(false).optional() }).optional(),
  /** The Merkle panel's own pair and how far its comparison had got; a node it names that the cluster lacks leaves the panel as it opens. */
  merkle: z.strictObject({ a: z.string().min(1).max(64), b: z.string().min(1).max(64), stage: z.int().min(0).max(64) }).optional(),
  /** The client request the request trace told, by its op id. */
  request: z.int().min(1).max(1e9).optional(),
  /** The kinds of event the log hid: playback's Step buttons pass over steps made only of these, so the same clicks step alike. */
  keyPanel: z.enum(['trace', 'versions']).optional(),
  hidden: z.array(z.enum(EVENT_CLASSES as [EventClass, ...EventClass[]])).max(EVENT_CLASSES.length).optional(),
  /** The key the panels followed (the preference list, the versions, the ring's walk). */
  key: key.optional(),
  /** The client form's Value and Via node, as filled in. */
  client: z.strictObject({ value: z.string().max(MAX_FORM_VALUE), via: nodeId.optional() }).optional(),
  /** Playback as it was set: the background clients' rate and the speed, among the page's choices. */
  clients: z.literal(CLIENT_RATES, { error: `is not a rate the page offers (${CLIENT_RATES.join(', ')} ops/s)` }).optional(),
  speed: z.literal(PLAYBACK_SPEEDS, { error: `is not a speed the page offers (${PLAYBACK_SPEEDS.join(', ')} ms/s)` }).optional(),
  /** Where a guided lecture stood: the narration and questions come from the built-in lecture. */
  lecture: z
    .strictObject({
      id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'a lecture id is lower-case letters, digits and dashes'),
      part: z.int().min(0).max(100),
      step: z.int().min(0).max(10_000),
      isRevealed: z.boolean().optional(),
    })
    .optional(),
});
