/**
 * Where Next and Previous go in a guided lecture (docs/lecture-format.md, "How a step is
 * played"): on a step with a question, the first Next reveals the answer and the second
 * moves on; at the end of a part, Next opens the following part. Pure, so it is tested
 * without a worker.
 */
import type { Lecture, LectureView } from '../../lectures/index';
import type { Step } from '../../scenario/schema';
import { keyName } from '../../engine/index';

/** The player's place: a step of a part, and whether its answer is shown. */
export interface LecturePlace {
  readonly part: number;
  readonly step: number;
  readonly isRevealed: boolean;
}

/** What a lecture looks like to the navigation: how many steps each part has, and which have a question. */
export interface LectureShape {
  /** `hasQuestion[part][step]`. */
  readonly hasQuestion: readonly (readonly boolean[])[];
}

/** The place after Next, or null at the very end. */
export function nextPlace(shape: LectureShape, at: LecturePlace): LecturePlace | null {
  const steps = shape.hasQuestion[at.part] ?? [];
  if (steps[at.step] && !at.isRevealed) return { ...at, isRevealed: true };
  if (at.step + 1 < steps.length) return { part: at.part, step: at.step + 1, isRevealed: false };
  if (at.part + 1 < shape.hasQuestion.length) return { part: at.part + 1, step: 0, isRevealed: false };
  return null;
}

/** The place after Previous (a step back, answer hidden again), or null at the very start. */
export function previousPlace(shape: LectureShape, at: LecturePlace): LecturePlace | null {
  if (at.step > 0) return { part: at.part, step: at.step - 1, isRevealed: false };
  if (at.part > 0) return { part: at.part - 1, step: (shape.hasQuestion[at.part - 1]?.length ?? 1) - 1, isRevealed: false };
  return null;
}

/** The step's position among all the lecture's steps, 1-based, and the total: "Step 3 of 12". */
export function progress(shape: LectureShape, at: LecturePlace): { readonly number: number; readonly total: number } {
  const before = shape.hasQuestion.slice(0, at.part).reduce((sum, p) => sum + p.length, 0);
  const total = shape.hasQuestion.reduce((sum, p) => sum + p.length, 0);
  return { number: before + at.step + 1, total };
}

/** What the panels look at on a step: a key, and how many nodes its preference list shows. */
export interface StepFocus {
  readonly key: string | null;
  /** The list's length when the step asks for another than the cluster's N (the token walk's RF=2); else undefined. */
  readonly n: number | undefined;
}

/**
 * The key a step is about, and the list length it asks for. The key is the last one a step
 * up to it puts, gets or inspects (the token walk moves on to a second row), else the
 * part's first; null when the part names no key, so the panels show no key the lecture
 * never uses. A step naming no key that sets up the
 * next step's preference-list question (a note: "another row hashes just before the last
 * token…") already looks at that row, at that length: its answer, once revealed, must match
 * what the ring shows. A step adding or removing a node looks at the next key the lecture
 * names, the one the narration says moved.
 */
export function focusAt(lecture: Pick<Lecture, 'parts'>, part: number, step: number): StepFocus {
  const steps = lecture.parts[part]?.scenario.steps ?? [];
  const here = steps[step];
  const next = steps[step + 1];
  if (here?.op === 'preferenceList') return { key: here.key, n: here.n };
  if (here !== undefined && keyOf(here) === null && next?.op === 'preferenceList') return { key: next.key, n: next.n };
  const keys = steps.map(keyOf);
  // A node joining or leaving moves keys: look at the key the lecture examines next, the one that moved.
  const ahead = keys.slice(step + 1).find((k) => k !== null);
  if ((here?.op === 'addNode' || here?.op === 'removeNode') && ahead) return { key: ahead, n: undefined };
  const upTo = keys.slice(0, step + 1).reverse();
  return { key: upTo.find((k) => k !== null) ?? keys.slice(step + 1).find((k) => k !== null) ?? null, n: undefined };
}

/** The big panel a step is shown on: the last view a step up to it names in its part, else the lecture's own. */
export function viewAt(lecture: Pick<Lecture, 'parts' | 'view'>, part: number, step: number): LectureView {
  const guide = lecture.parts[part]?.guide ?? [];
  for (let i = Math.min(step, guide.length - 1); i >= 0; i--) {
    const view = guide[i]?.view;
    if (view) return view;
  }
  return lecture.view;
}

function keyOf(step: Step): string | null {
  return 'key' in step && typeof step.key === 'string' ? step.key : null;
}

/** What a step without narration does, in a plain sentence, so the drawer never shows a bare op name. */
export function stepSummary(step: Step | undefined): string {
  if (!step) return '';
  switch (step.op) {
    case 'put':
      return `A client writes ${keyName(step.key)}${step.via ? ` through ${step.via}` : ''}.`;
    case 'get':
      return `A client reads ${keyName(step.key)}${step.via ? ` through ${step.via}` : ''}.`;
    case 'settle':
      return 'Every message still in flight arrives.';
    case 'wait':
      return `Time passes: ${step.ms} ms.`;
    case 'fail':
      return `${step.node} fails.`;
    case 'recover':
      return `${step.node} recovers.`;
    case 'destroy':
      return `${step.node} is destroyed: its data is gone.`;
    case 'partition':
      return `The network is cut into ${step.groups.length} parts: ${step.groups.map((g) => g.join(', ')).join(' | ')}.`;
    case 'isolateDc':
      return `Datacenter ${step.dc} is cut off from the others.`;
    case 'cutLink':
      return `The link from ${step.from} to ${step.to} is cut, one way: ${step.from}'s messages no longer reach ${step.to}.`;
    case 'lossyLink':
      return `The link from ${step.from} to ${step.to} loses ${Math.round(step.lossRate * 100)}% of its messages.`;
    case 'heal':
      return 'The network heals: every link works again.';
    case 'addNode':
      return `${step.id} joins the ring.`;
    case 'removeNode':
      return `${step.id} leaves the ring.`;
    case 'antiEntropy':
      return `${step.a} and ${step.b} compare their Merkle trees.`;
    case 'gossip':
      return step.rounds === 1 ? 'A round of gossip: each node exchanges its view of the members with another.' : `${step.rounds} rounds of gossip: in each, every node exchanges its view of the members with another.`;
    case 'preferenceList':
      return `The preference list of ${keyName(step.key)}.`;
    case 'inspect':
      return `A look inside ${step.node}: what it stores now.`;
    case 'ownership':
      return 'Who owns which share of the ring.';
    case 'slowLink':
      return `The link from ${step.from} to ${step.to} becomes ${step.extraMs} ms slower.`;
    case 'note':
      return step.text;
  }
}
