/**
 * One plain-language line per trace event, for the event log and the headless runner:
 * "node2 forwards put(cart) to node1, the coordinator". Written for a student reading a
 * projector, so it says what happened and, where it matters, why.
 */
import { messageLabel } from '../dynamo/messages';
import { keyName, oneLine } from './key-name';
import { formatClock } from '../dynamo/vector-clock';
import { rangeLength, type Transfer } from '../dynamo/ownership';
import { versionName, versionNames } from '../dynamo/versions';
import type { StoreSource, TraceEvent } from './events';
import type { NodeId } from '../dynamo/ring';

/**
 * The ring a line is read against, where it changes the words: under strategies 2 and 3 a
 * join or leave counts the Q equal partitions that move, as the lectures and the Members
 * panel do, not the ranges the engine merges them into ((800, 1100] is three partitions).
 * `partitions` is Q, 0 under strategy 1 (the view's fields, so a view can be passed).
 */
export interface RingWords {
  readonly ringSize: number;
  readonly partitions: number;
}

const ms = (x: number): string => `${Math.round(x * 10) / 10} ms`;

/** Keys as a list names them: `a, b, "c d"`. */
const keysNamed = (keys: readonly string[]): string => keys.map(keyName).join(', ');

/**
 * The event's line, kept to one line (`oneLine`): keys are quoted where odd already, and a value
 * holding a line break or a bidi control is escaped too, so the page, `--trace` and a lecture's
 * listing write every event alike.
 */
export function describe(e: TraceEvent, ring?: RingWords): string {
  return oneLine(sentence(e, ring));
}

function sentence(e: TraceEvent, ring?: RingWords): string {
  switch (e.kind) {
    case 'op-start':
      return e.op === 'put'
        ? `Client asks ${e.via} to put ${keyName(e.key)} = ${short(e.value)}${e.context && e.context.length > 0 ? ` with context ${formatClock(e.context)}` : ''}`
        : `Client asks ${e.via} to get ${keyName(e.key)}`;
    case 'op-route':
      return e.isForwarded
        ? `${e.node} is not among ${keyName(e.key)}'s top ${e.preferenceList.length} (${e.preferenceList.join(', ')}): it forwards the ${e.op} to ${e.coordinator} to coordinate`
        : `${e.node} coordinates ${e.op}(${keyName(e.key)}): preference list ${e.preferenceList.join(', ')}`;
    case 'send':
      return describeSend(e);
    case 'deliver':
      return e.body.type === 'forward-ack' ? `${e.to} hears from ${e.from} that it took ${e.body.op}(${keyName(e.body.key)})` : `${e.to} receives ${messageLabel(e.body)} from ${e.from}`;
    case 'drop':
      return `${messageLabel(e.body)} from ${e.from} to ${e.to} is lost (${dropWhy(e.reason, e.to)})`;
    case 'message-delayed':
      return `Message ${e.msgId} is held back ${ms(e.byMs)}`;
    case 'version-stored':
      return `${e.node} stores ${keyName(e.key)} ${versionName(e.version.id)} ${formatClock(e.version.clock)}${e.source ? ` ${storedBy(e.source, e.node)}` : ''}${e.superseded.length > 0 ? `, replacing ${versionNames(e.superseded)}` : ''}${e.siblings.length > 1 ? ` (${e.siblings.length} siblings)` : ''}`;
    case 'version-ignored':
      // The version offered says how it came, as a stored one does: "A already has D1 (from C by anti-entropy)".
      return `${e.node} already has ${e.coveredBy === e.version.id ? versionName(e.version.id) : `${versionName(e.coveredBy)}, which descends from ${versionName(e.version.id)}`}${e.source ? ` (${storedBy(e.source, e.node)})` : ''}: nothing to store`;
    case 'unread-superseded':
      return `Lost update: ${e.node}'s ${versionName(e.versionId)} of ${keyName(e.key)} replaces ${versionNames(e.lost)}, which its client never read (${e.node} counts both writes on one counter, so ${versionName(e.versionId)}'s clock covers ${e.lost.length === 1 ? 'it' : 'them'})`;
    case 'clock-truncated':
      return `${e.node} truncates ${versionName(e.versionId)}'s clock, dropping ${e.removed.map((r) => `[${r.node},${r.counter}]`).join(', ')}`;
    case 'reply-counted':
      return `${e.node} counts ${e.from}'s ${e.op === 'put' ? 'ack' : 'reply'}: ${e.count} of ${e.op === 'put' ? 'W' : 'R'}=${e.needed}`;
    case 'op-end':
      return e.ok ? `${e.coordinator} answers the client: ${e.op}(${keyName(e.key)}) succeeded in ${ms(e.latencyMs)}${e.op === 'get' && e.versions ? ` with ${e.versions.length} version${e.versions.length === 1 ? '' : 's'}` : ''}` : `${e.op}(${keyName(e.key)}) failed after ${ms(e.latencyMs)}: ${e.error ?? 'unknown error'}`;
    case 'keys-released':
      return `${e.node} drops ${e.keys.length} key${e.keys.length === 1 ? '' : 's'} it no longer replicates`;
    case 'node-failed':
      return `${e.node} fails (its disk survives)`;
    case 'node-recovered':
      return `${e.node} recovers`;
    case 'node-destroyed':
      return `${e.node} is destroyed: ${plural(e.keysLost, 'key')}${e.hintsLost > 0 ? ` and ${plural(e.hintsLost, 'hint')}` : ''} lost with its disk`;
    case 'node-added':
      return `${e.node} joins the ring with ${e.tokens.length} token${e.tokens.length === 1 ? '' : 's'}; ${moves(e, ring)}`;
    case 'node-removed':
      return `${e.node} leaves the ring; ${moves(e, ring)}`;
    case 'partitioned':
      return `The network splits into ${e.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
    case 'healed':
      return 'The network heals: every link works again';
    case 'note':
      return e.text;
    default:
      return describeRepair(e);
  }
}

/** The ranges a join or leave moves: sent by their old holders, or, where that holder was destroyed, repaired by anti-entropy. */
function moves(e: Extract<TraceEvent, { kind: 'node-added' | 'node-removed' }>, ring: RingWords | undefined): string {
  const receivers = [...new Set(e.transfers.map((t) => t.to))];
  const sent = `${movedCount(e.transfers, ring, ['moves', 'move'])} to ${receivers.length === 1 ? receivers[0]! : 'new holders'}`;
  const repairs = e.repairs ?? [];
  if (repairs.length === 0) return sent;
  const lost = [...new Set(repairs.map((t) => t.from))].sort().join(', ');
  const repaired = `${movedCount(repairs, ring)} to repair by anti-entropy (${lost} ${lost.includes(',') ? 'were' : 'was'} destroyed)`;
  return e.transfers.length === 0 ? repaired : `${sent}; ${repaired}`;
}

/**
 * "3 ranges move", or with Q equal partitions "3 partitions move", counted from the length
 * that moves (a partition split between two receivers counts once, as the Members panel counts).
 */
function movedCount(transfers: readonly Transfer[], ring: RingWords | undefined, verbs: readonly [string, string] = ['', '']): string {
  const [one, many] = verbs.map((v) => (v === '' ? '' : ` ${v}`));
  if (ring === undefined || ring.partitions <= 0) return `${transfers.length} ${transfers.length === 1 ? `range${one}` : `ranges${many}`}`;
  const moving = transfers.reduce((sum, t) => sum + rangeLength(t.range, ring.ringSize), 0);
  const count = Math.round(moving / (ring.ringSize / ring.partitions));
  return `${count} ${count === 1 ? `partition${one}` : `partitions${many}`}`;
}

/** Failure detection, hinted handoff, read repair, gossip, anti-entropy and links. */
function describeRepair(e: TraceEvent): string {
  switch (e.kind) {
    case 'sloppy-target':
      return `${e.node} sends the ${e.op} of ${keyName(e.key)} to ${e.standIn}, standing in for ${e.intendedFor} (sloppy quorum)`;
    case 'peer-unreachable':
      return `${e.node} got no answer from ${e.peer} in time: it now believes ${e.peer} is down`;
    case 'peer-reachable':
      // Which message says how: a pong or gossip, which the log hides by default, left the line without a visible cause.
      return `${e.node} hears from ${e.peer} again (${e.peer}'s ${e.heard}): it believes ${e.peer} is up`;
    case 'hint-stored':
      return `${e.node} keeps ${versionName(e.version.id)} of ${keyName(e.key)} in its hinted store, for ${e.intendedFor}`;
    case 'hint-delivery-attempted':
      return e.to === undefined
        ? `${e.node} tries to hand ${keyName(e.key)} (${versionNames(e.versionIds)}) to ${e.intendedFor}`
        : `${e.node} tries to hand ${keyName(e.key)} (${versionNames(e.versionIds)}) to ${e.to}, one of its replicas now: ${e.intendedFor}, whom it was meant for, no longer holds it`;
    case 'hint-delivered':
      return e.intendedFor === undefined
        ? // Said once the versions are stored (the lines before): after "D stores cart D2", "D receives…" read as a second, later delivery.
          `${e.node} now has its hinted ${keyName(e.key)} (${versionNames(e.versionIds)}) from ${e.holder}: handed over`
        : `${e.node} now has ${keyName(e.key)} (${versionNames(e.versionIds)}) from ${e.holder}, hinted for ${e.intendedFor}, who no longer holds it`;
    case 'hint-deleted':
      return `${e.node} deletes its hint of ${keyName(e.key)} for ${e.intendedFor}${e.reason === 'delivered' ? ': delivered' : ''}`;
    case 'late-forward':
      return describeLate(e);
    case 'read-repair':
      return e.target === e.node
        ? `Read repair: ${e.node}'s own copy of ${keyName(e.key)} lacked ${versionNames(e.versionIds)}; it stores ${e.versionIds.length === 1 ? 'it' : 'them'}`
        : `Read repair: ${e.node} sends ${versionNames(e.versionIds)} of ${keyName(e.key)} to ${e.target}, which lacked ${e.versionIds.length === 1 ? 'it' : 'them'}`;
    case 'view-changed':
      return `${e.node} learns: ${e.learned.map((l) => `${l.node} ${l.status}`).join(', ')}`;
    case 'ae-started':
      return `${e.node} starts anti-entropy with ${e.peer} over ${plural(e.ranges.length, 'shared key range')}`;
    case 'ae-level':
      return `${e.node} compares ${plural(e.compared.length, 'hash', 'hashes')} at level ${e.level}: ${e.differing.length === 0 ? 'all equal' : `${e.differing.length} differ${e.differing.length === 1 ? 's' : ''}`}`;
    case 'ae-done':
      return e.ok
        ? `Anti-entropy ${e.a}–${e.b} done: ${e.differingKeys.length === 0 ? 'replicas agree' : `${plural(e.differingKeys.length, 'key')} repaired (${keysNamed(e.differingKeys.slice(0, 5))}${e.differingKeys.length > 5 ? ', …' : ''})`}; ${e.bytesExchanged} bytes sent${e.bytesExchanged < e.bytesFullTransfer ? ` instead of ${e.bytesFullTransfer}` : e.bytesExchanged === e.bytesFullTransfer ? `, as many as a full transfer` : `, more than a full transfer's ${e.bytesFullTransfer}: with this few keys the hashes cost more than the data`}`
        : `Anti-entropy ${e.a}–${e.b} gave up: no answer`;
    case 'link-changed':
      return e.change === 'cut'
        ? `The link from ${e.from} to ${e.to} is cut (one way)`
        : e.change === 'slow'
          ? `The link from ${e.from} to ${e.to} slows by ${ms(e.extraMs ?? 0)}`
          : `The link from ${e.from} to ${e.to} loses ${Math.round((e.lossRate ?? 0) * 100)}% of messages`;
    default:
      return e.kind;
  }
}

/**
 * A forward coordinated a second time: by a node `from` had stopped waiting for, by the node
 * `from` was still waiting for (no word that another node took it had reached `from`), or by
 * `from` itself, which gave up on its forwards. Each says what the node could not know.
 */
function describeLate(e: Extract<TraceEvent, { kind: 'late-forward' }>): string {
  const facts = [...(e.takenBy !== null ? [e.takenBy === e.from && e.from !== e.node ? `${e.from} took it itself` : `${e.takenBy} took it`] : []), ...(e.isAnswered ? ['the client has had its answer'] : [])];
  const again = `it ${e.op === 'put' ? 'writes' : 'reads'} ${keyName(e.key)} all the same, as request #${e.duplicateOpId}`;
  const request = `${e.op}(${keyName(e.key)})`;
  if (e.from === e.node) return `${e.node} coordinates ${request} itself, as no node it forwarded it to said it took it in time; but ${listed(facts)}, which ${e.node} cannot know; ${again}`;
  if (e.isAwaited) return `${e.node} coordinates ${e.from}'s forwarded ${request}, a repeat: ${listed(facts)}, which ${e.node} cannot know, and ${e.from} forwarded it again because no word that it was taken reached ${e.from} in time; ${again}`;
  return `${e.node} coordinates ${e.from}'s forwarded ${request}, late: ${listed([`${e.from} had stopped waiting for ${e.node}`, ...facts])}, which ${e.node} cannot know; ${again}`;
}

/** "a", "a and b", "a, b and c". */
function listed(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

function describeSend(e: Extract<TraceEvent, { kind: 'send' }>): string {
  const b = e.body;
  switch (b.type) {
    case 'forward':
      return `${e.from} forwards ${b.request.op}(${keyName(b.request.key)}) to ${e.to} to coordinate`;
    case 'forward-ack':
      return `${e.from} tells ${e.to} it has taken ${b.op}(${keyName(b.key)})`;
    case 'put':
      return b.hintFor !== undefined ? `${e.from} sends ${versionName(b.version.id)} of ${keyName(b.key)} to ${e.to}, with a hint for ${b.hintFor}` : `${e.from} sends ${versionName(b.version.id)} of ${keyName(b.key)} to replica ${e.to}`;
    case 'put-ack':
      return `${e.from} acknowledges put(${keyName(b.key)}) to ${e.to}`;
    case 'get':
      return `${e.from} asks ${e.to} for ${keyName(b.key)}`;
    case 'transfer':
      // A teaching ring's positions read well; the MD5 ring's 16-digit ones would fill the line.
      return `${e.from} hands range${Math.max(...b.range) < 1e6 ? ` (${b.range[0]}, ${b.range[1]}]` : ''} to ${e.to}: ${b.entries.length === 0 ? 'no keys stored there yet' : `${b.entries.length} key${b.entries.length === 1 ? '' : 's'}`}`;
    case 'transfer-ack':
      return b.refused === undefined
        ? `${e.from} acknowledges ${b.keys.length === 1 ? '1 key' : `${b.keys.length} keys`} to ${e.to}`
        : `${e.from} acknowledges ${b.keys.length === 1 ? '1 key' : `${b.keys.length} keys`} to ${e.to} and refuses ${keysNamed(b.refused)}: ${e.from} no longer holds ${b.refused.length === 1 ? 'it' : 'them'}`;
    case 'get-reply':
      // Siblings are a set: named in the order they were made, not as the replica happens to keep them ("D3, D2" from one, "D2, D3" from another).
      return `${e.from} replies to ${e.to} with ${b.versions.length === 0 ? 'no version' : [...b.versions].sort((x, y) => x.id - y.id).map((v) => versionName(v.id)).join(', ')} of ${keyName(b.key)}`;
    default:
      return `${e.from} sends ${messageLabel(b)} to ${e.to}`;
  }
}

function dropWhy(reason: string, to: string): string {
  switch (reason) {
    case 'loss':
      return 'the network lost it';
    case 'partition':
      return 'the link is cut';
    case 'node-down':
      return `${to} is down`;
    default:
      return 'dropped by hand';
  }
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const STORED_BY: Readonly<Record<StoreSource['by'], string>> = { 'read-repair': 'read repair', 'hinted-handoff': 'hinted handoff', 'anti-entropy': 'anti-entropy', transfer: 'range transfer' };

/**
 * How a version not a put's came: "from C by anti-entropy"; "by read repair" for a
 * coordinator's own copy; "from its hinted store" for a stand-in that became a replica and
 * keeps its hint's versions as its own (no node handed them over).
 */
function storedBy(source: StoreSource, node: NodeId | null): string {
  if (source.from !== node) return `from ${source.from} by ${STORED_BY[source.by]}`;
  return source.by === 'hinted-handoff' ? 'from its hinted store' : `by ${STORED_BY[source.by]}`;
}
