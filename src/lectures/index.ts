/**
 * The built-in lecture library (DESIGN §6): guided scenarios that follow the lecture
 * notes, in teaching order. Each is a JSON file beside this one, data and not code,
 * checked by lectures.test.ts; the app lists them by title and loads one by id.
 */
import type { ScenarioError } from '../scenario/validate';
import { parseLecture, type Lecture } from './format';
import consistentHashing from './000-consistent-hashing.json';
import virtualNodes from './000-virtual-nodes.json';
import partitioningStrategies from './001-partitioning-strategies.json';
import shoppingCart from './000-shopping-cart.json';
import merkleRepair from './001-merkle-repair.json';
import hintedHandoff from './002-hinted-handoff.json';
import forwardingGossip from './002-forwarding-gossip.json';
import multipleVersions from './003-multiple-versions.json';
import paperVersions from './003-paper-versions.json';
import tokenWalk from './004-token-walk.json';
import quorumTradeoffs from './004-quorum-tradeoffs.json';

export { lectureFields, parseLecture, parseLectureText, playSteps, correctChoice, type Lecture, type LecturePart, type StepGuide, type Question, type PlayStep, type ParsedLecture, type LectureView, type ReplicaName } from './format';

/** What the library shows for a lecture before loading it. */
export interface LectureEntry {
  readonly id: string;
  readonly title: string;
  /** The lecture notes it follows, e.g. `["000", "002"]`. */
  readonly lecture: readonly string[];
  readonly summary: string;
}

/** The files, in teaching order. */
const FILES: readonly unknown[] = [consistentHashing, virtualNodes, partitioningStrategies, shoppingCart, merkleRepair, hintedHandoff, forwardingGossip, multipleVersions, paperVersions, tokenWalk, quorumTradeoffs];

interface Header {
  readonly id: string;
  readonly title: string;
  readonly lecture: string | readonly string[];
  readonly summary: string;
}

/** Every built-in lecture by title, in teaching order. */
export const LECTURES: readonly LectureEntry[] = FILES.map((file) => {
  const { id, title, lecture, summary } = file as Header;
  return { id, title, lecture: typeof lecture === 'string' ? [lecture] : lecture, summary };
});

/** Loads a built-in lecture by id; throws the validation error (naming step and field) if the file is wrong. */
export function loadLecture(id: string): Lecture {
  const index = LECTURES.findIndex((l) => l.id === id);
  if (index === -1) throw new Error(`no built-in lecture "${id}" (there are ${LECTURES.map((l) => l.id).join(', ')})`);
  const parsed = parseLecture(FILES[index]);
  if (!parsed.ok) throw withLecture(id, parsed.error);
  return parsed.lecture;
}

function withLecture(id: string, error: ScenarioError): Error {
  return new Error(`lecture "${id}": ${error.message}`);
}
