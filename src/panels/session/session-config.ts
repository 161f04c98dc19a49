/**
 * The sessions a lecturer can start from the header: which ring (for the MD5 ring, how many
 * nodes and tokens per node), N, R, W and the seed. A change of any of them is a new session
 * (the recorded inputs belong to one cluster). Settings are checked by the scenario validator,
 * so the page refuses exactly what a scenario file would, with the same message.
 */
import type { ClusterConfig, Input } from '../../engine/index';
import { parseScenario } from '../../scenario/validate';
import type { Session } from '../../worker/protocol';
import { DEFAULT_CONFIG } from '../../worker/default-config';
import type { PresetId, SessionSettings } from '../../store/store';
import type { Lecture, ReplicaName } from '../../lectures/index';

export interface Preset {
  readonly id: PresetId;
  /** Short enough to show whole in the header's select. */
  readonly label: string;
  /** The whole description, shown on hover. */
  readonly description: string;
  readonly nodeCount: number;
  /** Keys written before the session starts (the busy ring). */
  readonly preloadKeys: number;
}

/**
 * An MD5 ring's size: its nodes, and the tokens (virtual nodes, §4.2 and §6.2) each places.
 * The header's Nodes and Tokens per node choose it, so a lecturer can show load balance
 * with 1, 8 or 64 tokens per node, or a ring small enough to follow by eye.
 */
export interface RingSize {
  readonly nodeCount: number;
  readonly tokensPerNode: number;
}

/** The MD5 presets' own size: the only one the header offered before, and the one links made then hold. */
export const MD5_RING_SIZE: RingSize = { nodeCount: 32, tokensPerNode: 8 };

/**
 * The sizes the header takes: the scenario validator's own bounds (configSchema's `nodes` and
 * `tokensPerNode`; a test holds them equal), checked before a list of nodes is built, so a
 * typed 10⁹ builds none. The ring's total (at most MAX_TOKENS tokens) is the validator's to refuse.
 */
export const RING_SIZE_BOUNDS: { readonly [K in keyof RingSize]: { readonly min: number; readonly max: number } } = {
  nodeCount: { min: 1, max: 512 },
  tokensPerNode: { min: 1, max: 1024 },
};

/** "32 nodes × 8 tokens": a ring's size in words, as the header's refusals and the Cluster menu say it. */
export function sizeText({ nodeCount, tokensPerNode }: RingSize): string {
  return `${nodeCount} ${nodeCount === 1 ? 'node' : 'nodes'} × ${tokensPerNode} ${tokensPerNode === 1 ? 'token' : 'tokens'}`;
}

/** "MD5 ring: 32 nodes × 8 tokens, …": the Cluster menu's description of an MD5 ring of this size. */
function md5Description(ring: RingSize, preloadKeys: number): string {
  const size = `MD5 ring: ${sizeText(ring)}`;
  return preloadKeys > 0 ? `${size}, with ${preloadKeys.toLocaleString('en')} keys written before you start` : `${size}, placed by the top 52 bits of each 128-bit MD5`;
}

export const PRESETS: readonly Preset[] = [
  { id: 'teaching', label: 'Teaching ring', description: 'Teaching ring: 4 nodes at the lecture notes’ positions 20, 230, 458 and 850 of 0–999 (node1 to node4 there, A to D here)', nodeCount: 4, preloadKeys: 0 },
  { id: 'md5-32', label: 'MD5 ring', description: md5Description(MD5_RING_SIZE, 0), nodeCount: 32, preloadKeys: 0 },
  { id: 'md5-32-keys', label: 'MD5 ring + keys', description: md5Description(MD5_RING_SIZE, 2000), nodeCount: 32, preloadKeys: 2000 },
];

/**
 * The preset of these settings; an opened cluster is one too, named as such. A title (the
 * opened file's or link's) leads the description: the label must fit the header's menu, and
 * a file's title ("The shopping cart, 10:00 to 10:07 (lecture 000)") would be cut there.
 */
export function presetOf(id: PresetId, config?: ClusterConfig, title?: string): Preset {
  const titled = (description: string) => (title === undefined ? description : `${title}. ${description}`);
  if (id === 'opened' && config) return { id, label: 'Opened scenario', description: titled(`Opened scenario: ${config.nodes.length} nodes`), nodeCount: config.nodes.length, preloadKeys: 0 };
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0]!;
  // An MD5 ring of another size than 32 × 8 carries its own config (ringSizeOf).
  const sized = isMd5(id) && config ? { ...preset, description: md5Description(sizeOfConfig(config), preset.preloadKeys), nodeCount: config.nodes.length } : preset;
  return title === undefined ? sized : { ...sized, description: titled(sized.description) };
}

/** Whether a preset is the MD5 ring, with or without its keys: the presets whose size the header chooses. */
export function isMd5(preset: PresetId): boolean {
  return preset === 'md5-32' || preset === 'md5-32-keys';
}

/** The MD5 ring's size in these settings; null for the teaching ring or an opened cluster. */
export function ringSizeOf(settings: Pick<SessionSettings, 'preset' | 'config'>): RingSize | null {
  if (!isMd5(settings.preset)) return null;
  return settings.config ? sizeOfConfig(settings.config) : MD5_RING_SIZE;
}

function sizeOfConfig(config: ClusterConfig): RingSize {
  return { nodeCount: config.nodes.length, tokensPerNode: config.tokensPerNode ?? MD5_RING_SIZE.tokensPerNode };
}

/**
 * The MD5 ring of this size: nodes n1 to nK, each placing `tokensPerNode` tokens. Any size is
 * recognised in a link (settingsOf) by comparing its config with the one made here.
 */
export function md5Config(size: RingSize, n: number, r: number, w: number): ClusterConfig {
  const nodes = Array.from({ length: size.nodeCount }, (_, i) => ({ id: `n${i + 1}` }));
  return { n, r, w, nodes, tokensPerNode: size.tokensPerNode };
}

/**
 * The settings with the MD5 ring resized, or why not. The 32 × 8 ring is kept without a
 * config, as it always was (its links open as before); any other size carries its own, so a
 * change of size is a change of cluster (a new object), and N, R or W changed after it keep it.
 */
export function resized(settings: SessionSettings, size: RingSize): { readonly ok: true; readonly settings: SessionSettings } | { readonly ok: false; readonly message: string; readonly field: 'settings' } {
  const problem = sizeProblem(size);
  if (problem !== null) return { ok: false, field: 'settings', message: problem };
  const { config: _, ...rest } = settings;
  const isDefault = size.nodeCount === MD5_RING_SIZE.nodeCount && size.tokensPerNode === MD5_RING_SIZE.tokensPerNode;
  return { ok: true, settings: isDefault ? rest : { ...rest, config: md5Config(size, settings.n, settings.r, settings.w) } };
}

/** A count the validator would refuse on its own (not whole, outside RING_SIZE_BOUNDS), said as the seed's are; the ring's total is the validator's. */
function sizeProblem(size: RingSize): string | null {
  const { nodeCount, tokensPerNode } = size;
  const nodes = RING_SIZE_BOUNDS.nodeCount;
  const tokens = RING_SIZE_BOUNDS.tokensPerNode;
  if (!Number.isInteger(nodeCount)) return 'the number of nodes must be a whole number';
  if (nodeCount < nodes.min || nodeCount > nodes.max) return `the ring must have ${nodeCount < nodes.min ? `at least ${nodes.min} node` : `at most ${nodes.max} nodes`}`;
  if (!Number.isInteger(tokensPerNode)) return 'tokens per node must be a whole number';
  if (tokensPerNode < tokens.min || tokensPerNode > tokens.max) return `tokens per node must be ${tokensPerNode < tokens.min ? `at least ${tokens.min}` : `at most ${tokens.max.toLocaleString('en')}`}`;
  return null;
}

/** The header's choices: the built-in clusters, and the opened one while it is open. */
export function presetChoices(settings: SessionSettings): readonly Preset[] {
  if (settings.preset === 'opened' && settings.config) return [...PRESETS, presetOf('opened', settings.config, settings.title)];
  // The MD5 rings at the size in use, which choosing the other of the two keeps: its tooltip said 32 × 8 beside a 6 × 2 ring.
  return isMd5(settings.preset) && settings.config ? PRESETS.map((p) => (isMd5(p.id) ? presetOf(p.id, settings.config) : p)) : PRESETS;
}

/** The cluster configuration of a preset with the chosen N, R and W. */
export function configFor(settings: SessionSettings): ClusterConfig {
  const { n, r, w } = settings;
  if (settings.preset === 'opened' && settings.config) return { ...settings.config, n, r, w };
  if (settings.preset === 'teaching') return { ...DEFAULT_CONFIG, n, r, w };
  return md5Config(ringSizeOf(settings) ?? MD5_RING_SIZE, n, r, w);
}

/** The keys the busy preset writes before the lecture starts. */
export function preloadInputs(count: number): Input[] {
  return preloadKeys(count).map((key, i) => ({ type: 'put', key, value: `v${i + 1}` }));
}

/** The keys `preloadInputs` puts. */
function preloadKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user:${i + 1}`);
}

/**
 * The keys background clients put and get (`workload.ts`): the preset's own preloaded keys,
 * else `key:0` to `key:99`, spread over the ring. Fixed by the settings, never read from the
 * keys stored at the moment, so each operation stays a function of virtual time alone (a
 * link plays on as the class saw it), and the lecturer's own keys (the cart) are left alone.
 */
export function backgroundKeys(preset: PresetId): readonly string[] {
  const count = presetOf(preset).preloadKeys;
  if (count === 0) return OWN_KEYS;
  // Asked for on every animation frame while playing: built once per preset.
  let keys = PRELOADED_KEYS.get(preset);
  if (!keys) PRELOADED_KEYS.set(preset, (keys = preloadKeys(count)));
  return keys;
}

const OWN_KEYS: readonly string[] = Array.from({ length: 100 }, (_, i) => `key:${i}`);
const PRELOADED_KEYS = new Map<PresetId, readonly string[]>();

/** `field`: which header control the refusal is about, the seed or N, R and W. */
export type Checked = { readonly ok: true; readonly session: Session } | { readonly ok: false; readonly message: string; readonly field: 'seed' | 'settings' };

const SEED_MIN = -(2 ** 31);
const SEED_MAX = 2 ** 31 - 1;

/** The seed typed in the header: a whole number, or NaN (an empty field is not seed 0). */
export function parseSeed(text: string): number {
  return /^\s*[-−]?\d+\s*$/.test(text) ? Number(text.trim().replace('−', '-')) : NaN;
}

/** A session for these settings, or why they are refused (the scenario validator's words). */
export function sessionFor(settings: SessionSettings): Checked {
  // Short enough for the header's note: the range is named only when it is what was missed.
  if (!Number.isInteger(settings.seed)) return { ok: false, field: 'seed', message: 'the seed must be a whole number' };
  if (settings.seed < SEED_MIN) return { ok: false, field: 'seed', message: `the seed must be at least ${SEED_MIN.toLocaleString('en')}` };
  if (settings.seed > SEED_MAX) return { ok: false, field: 'seed', message: `the seed must be at most ${SEED_MAX.toLocaleString('en')}` };
  const config = configFor(settings);
  const parsed = parseScenario({ version: 1, seed: settings.seed, config, steps: [] });
  if (!parsed.ok) return { ok: false, field: 'settings', message: readable(parsed.error.message) };
  const preset = presetOf(settings.preset);
  return { ok: true, session: { seed: settings.seed, config, actions: preloadInputs(preset.preloadKeys).map((input) => ({ input, background: true as const })) } };
}

/**
 * `config.r: r (4) is greater…` → `R (4) is greater…`: the page names its own fields. The
 * ring's total ("the nodes up to "n509" have 65,661 tokens in all, more than…") says itself.
 */
function readable(message: string): string {
  return message
    .replace(/^config\.([nrw]|tokensPerNode): /, '')
    .replace(/^seed: /, 'Seed: ')
    .replace(/\b([nrw]) \((\d+)\)/g, (_, p: string, v: string) => `${p.toUpperCase()} (${v})`);
}

/**
 * The settings with N changed, and R and W lowered with it where they would exceed it: the
 * lecturer asked for N=1, not for "R (2) is greater than N (1)" and two more changes to make
 * first. `note` says what was lowered ("R and W lowered to 1, as they cannot exceed N").
 */
export function withN(settings: SessionSettings, n: number): { readonly settings: SessionSettings; readonly note: string | null } {
  const lowered = [settings.r > n ? 'R' : null, settings.w > n ? 'W' : null].filter((q) => q !== null);
  const note = lowered.length === 0 ? null : `${lowered.join(' and ')} lowered to ${n}, as ${lowered.length === 1 ? 'it' : 'they'} cannot exceed N`;
  return { settings: { ...settings, n, r: Math.min(settings.r, n), w: Math.min(settings.w, n) }, note };
}

/**
 * What R and W buy together, in the header's few words (`text`) and a sentence more on hover
 * (`title`). Lecture 003: R + W > N makes read and write quorums overlap, but under a sloppy
 * quorum the overlap is not guaranteed: stand-ins outside the top N may answer instead.
 */
export function quorumExplanation(n: number, r: number, w: number, isSloppy = true, name: ReplicaName = 'N'): { readonly overlaps: boolean; readonly text: string; readonly title: string } {
  if (r + w > n) {
    const overlap = `Any ${r} of the top ${n} replicas share at least one node with any ${w} of them, so a read hears from a node that took the latest write.`;
    // A strict quorum (hintedHandoff: false) has no stand-ins to break the overlap.
    if (!isSloppy) return { overlaps: true, text: `R + W > ${name}: quorums overlap`, title: `${overlap} This cluster uses a strict quorum: no fallback node stands in.` };
    return {
      overlaps: true,
      text: `R + W > ${name}: quorums overlap (if no stand-ins)`,
      title: `${overlap} Under a sloppy quorum, fallback nodes stand in for unreachable ones, and then the overlap is not guaranteed.`,
    };
  }
  return {
    overlaps: false,
    text: `R + W ≤ ${name}: a read may miss the latest write`,
    title: `A read's ${r} and a write's ${w} of the top ${n} replicas can be different nodes, so a read may hear only from nodes that missed the latest write.`,
  };
}

/** What the header shows, locked, while a lecture plays: its part's cluster, N, R, W and seed. */
export interface LectureCluster {
  readonly label: string;
  readonly nodeCount: number;
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly seed: number;
  /** False for a strict quorum (`hintedHandoff: false`): no stand-ins. */
  readonly isSloppy: boolean;
}

export function lectureCluster(lecture: Pick<Lecture, 'parts'>, part: number): LectureCluster {
  const { config, seed } = (lecture.parts[part] ?? lecture.parts[0]!).scenario;
  const nodeCount = config.nodes.length;
  return { label: config.ringSize === undefined ? 'Lecture (MD5)' : 'Lecture ring', nodeCount, n: config.n, r: config.r, w: config.w, seed, isSloppy: config.hintedHandoff !== false };
}
