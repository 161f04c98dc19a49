/**
 * The sessions a lecturer can start from the header: which ring, N, R, W and the seed.
 * A change of any of them is a new session (the recorded inputs belong to one cluster).
 * Settings are checked by the scenario validator, so the page refuses exactly what a
 * scenario file would, with the same message.
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

export const PRESETS: readonly Preset[] = [
  { id: 'teaching', label: 'Teaching ring', description: 'Teaching ring: 4 nodes at the lecture notes’ positions 20, 230, 458 and 850 of 0–999 (node1 to node4 there, A to D here)', nodeCount: 4, preloadKeys: 0 },
  { id: 'md5-32', label: 'MD5 ring', description: 'MD5 ring: 32 nodes × 8 tokens, placed by the top 52 bits of each 128-bit MD5', nodeCount: 32, preloadKeys: 0 },
  { id: 'md5-32-keys', label: 'MD5 ring + keys', description: 'MD5 ring: 32 nodes × 8 tokens, with 2,000 keys written before you start', nodeCount: 32, preloadKeys: 2000 },
];

/**
 * The preset of these settings; an opened cluster is one too, named as such. A title (the
 * opened file's or link's) leads the description: the label must fit the header's menu, and
 * a file's title ("The shopping cart, 10:00 to 10:07 (lecture 000)") would be cut there.
 */
export function presetOf(id: PresetId, opened?: ClusterConfig, title?: string): Preset {
  const titled = (description: string) => (title === undefined ? description : `${title}. ${description}`);
  if (id === 'opened' && opened) return { id, label: 'Opened scenario', description: titled(`Opened scenario: ${opened.nodes.length} nodes`), nodeCount: opened.nodes.length, preloadKeys: 0 };
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0]!;
  return title === undefined ? preset : { ...preset, description: titled(preset.description) };
}

/** The header's choices: the built-in clusters, and the opened one while it is open. */
export function presetChoices(settings: SessionSettings): readonly Preset[] {
  return settings.preset === 'opened' && settings.config ? [...PRESETS, presetOf('opened', settings.config, settings.title)] : PRESETS;
}

/** The cluster configuration of a preset with the chosen N, R and W. */
export function configFor(settings: SessionSettings): ClusterConfig {
  const { n, r, w } = settings;
  if (settings.preset === 'opened' && settings.config) return { ...settings.config, n, r, w };
  if (settings.preset === 'teaching') return { ...DEFAULT_CONFIG, n, r, w };
  const nodes = Array.from({ length: 32 }, (_, i) => ({ id: `n${i + 1}` }));
  return { n, r, w, nodes, tokensPerNode: 8 };
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

/** `config.r: r (4) is greater…` → `R (4) is greater…`: the page names its own fields. */
function readable(message: string): string {
  return message
    .replace(/^config\.([nrw]): /, '')
    .replace(/^seed: /, 'Seed: ')
    .replace(/\b([nrw]) \((\d+)\)/g, (_, p: string, v: string) => `${p.toUpperCase()} (${v})`);
}

/** What R and W mean together, in one sentence for the header. */
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
