/**
 * The veils that reach beyond a waiting question, as pure functions of the lecture and the
 * place in it (the hooks in lecture-store.ts add "on the lecture's own recording of the step").
 */
import type { Lecture } from '../../lectures/format';
import type { LecturePlace } from './lecture-nav';

/**
 * In a lecture whose questions the header's R + W verdict would answer (`quorumVerdict:
 * afterQuestions`): true until the part's last question is answered, from its first step.
 */
export function isVerdictAsked(lecture: Lecture | null, place: LecturePlace): boolean {
  if (lecture?.quorumVerdict !== 'afterQuestions') return false;
  const guide = lecture.parts[place.part]?.guide ?? [];
  return guide.some((g, i) => g.question !== undefined && (i > place.step || (i === place.step && !place.isRevealed)));
}

/**
 * What the step keeps veiled of the versions for a question still to come (`veilVersions`),
 * its own question answered or not: all of it (`all`: descent and who holds which), only how
 * they descend (`lineage`), or nothing.
 */
export function versionsVeiledAhead(lecture: Lecture | null, place: LecturePlace): 'all' | 'lineage' | null {
  const veil = lecture?.parts[place.part]?.guide[place.step]?.veilVersions;
  return veil === true ? 'all' : veil === 'lineage' ? 'lineage' : null;
}

/**
 * The step from whose start the class last saw which versions are still held, while the
 * versions are veiled whole: the first of the steps up to this one that keep them veiled
 * (`veilVersions: true`), or this step. The cart's D3 reached node1 during step 9's write,
 * whose versions stay veiled for step 10's "Can node1 save only D3?": greying D1 as held by
 * no one at step 10 answered it. What those steps forgot stays hidden until the veil lifts.
 */
export function versionsLastSeenStep(lecture: Lecture | null, place: LecturePlace): number {
  const guide = lecture?.parts[place.part]?.guide ?? [];
  let step = place.step;
  while (step > 0 && guide[step - 1]?.veilVersions === true) step--;
  return step;
}
