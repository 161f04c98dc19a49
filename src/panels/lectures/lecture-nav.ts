/**
 * Where Next and Previous go in a guided lecture (docs/lecture-format.md, "How a step is
 * played"): on a step with a question, the first Next reveals the answer and the second
 * moves on; at the end of a part, Next opens the following part. Pure, so it is tested
 * without a worker.
 */

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
