/**
 * What a lecture step veils while its question waits, as hooks for the panels: the answer
 * stays off every panel that would state it (see `useIsVeiled`), and some steps veil the
 * versions or the header's R + W verdict for a question still to come (lecture-veils.ts).
 */
import { useStore } from '../../store/store';
import { isVerdictAsked, versionsLastSeenStep, versionsVeiledAhead } from './lecture-veils';
import { useIsAwayFromStep, useIsOffScript, useLectureStore } from './lecture-store';

/** True while a lecture step's question waits for its answer (what that hides: `useIsVeiled`). */
export function useIsQuestionPending(): boolean {
  return useLectureStore((s) => s.lecture !== null && s.lecture.parts[s.place.part]?.guide[s.place.step]?.question !== undefined && !s.place.isRevealed);
}

/**
 * True while a question waits on the lecture's own recording: then the panels that would
 * state the answer are veiled. Stepping playback back before the step began, or acting on
 * the cluster (off the script), shows what the page shows: the lecturer's own view, which
 * holds nothing of the answer. Stepping or playing on past the step's end keeps the veil: a
 * student at home took the playback bar's Step forward for the way through the lecture, and
 * its next events showed who held which while "Can node2 save only D2?" still waited.
 */
export function useIsVeiled(): boolean {
  const isPending = useIsQuestionPending();
  const isOff = useIsOffScript();
  const isBefore = useIsBeforeStep();
  return isPending && !isOff && !isBefore;
}

/** Playback stands at or before the moment the lecture's step began (the step before's end), on the lecture's own recording. */
export function useIsBeforeStep(): boolean {
  const cursor = useStore((s) => s.cursor);
  return useLectureStore((s) => {
    const start = s.place.step === 0 ? 0 : s.stepEnds[s.place.step - 1];
    return !s.isBusy && start !== undefined && s.stepEnds.length > 0 && cursor <= start && cursor !== s.stepEnds[s.place.step];
  });
}

/** On the lecture's own recording of the step: not stepped away from it, not off the script. */
function useIsOnStep(): boolean {
  const isAway = useIsAwayFromStep();
  const isOff = useIsOffScript();
  return !isAway && !isOff;
}

/**
 * Why the versions are veiled, or null: a question waits (`question`, as every panel), or
 * the step keeps them veiled for a question still to come (`veilVersions`): wholly (`ahead`)
 * or only how they descend, who holds which shown (`lineage`).
 */
export function useVersionsVeil(): 'question' | 'ahead' | 'lineage' | null {
  const isQuestion = useIsVeiled();
  const isOnStep = useIsOnStep();
  const ahead = useLectureStore((s) => versionsVeiledAhead(s.lecture, s.place));
  return isQuestion ? 'question' : !isOnStep || ahead === null ? null : ahead === 'all' ? 'ahead' : 'lineage';
}

/**
 * Why the header's R + W verdict waits, or null: the lecture asks about it, now (`asked`) or
 * later in the part (`ahead`; `quorumVerdict: afterQuestions`), or some other question waits
 * (`question`, as every panel). Lecture 004 asks "with R=2, does the read see v2?" at step
 * 10, and "✓ R + W > N: quorums overlap" had stood in the header since step 1. The three are
 * told apart on screen: "hidden until the answer" beside the cart's "Can node2 save only
 * D2?" read as if that question were about quorums, and on a step with no question at all
 * a student looked for the question it meant.
 */
export function useVerdictWithheld(): 'question' | 'asked' | 'ahead' | null {
  const isQuestion = useIsVeiled();
  const isOnStep = useIsOnStep();
  const isAsked = useLectureStore((s) => isVerdictAsked(s.lecture, s.place));
  return isAsked && isQuestion ? 'asked' : isAsked && isOnStep ? 'ahead' : isQuestion ? 'question' : null;
}

/**
 * While the panels are veiled (`useIsVeiled`): where the step's own events begin in the
 * trace. The log and the request trace show what came before and veil the rest, since a
 * step's events ("replacing D3, D2", "2 siblings") often state the answer. Null otherwise.
 */
export function useQuestionVeilFrom(): number | null {
  const isVeiled = useIsVeiled();
  return useStepTraceFrom(isVeiled);
}

/** Where the lecture step's own events begin in the trace, while `isWanted`; null otherwise (or outside a lecture). */
export function useStepTraceFrom(isWanted: boolean): number | null {
  return useLectureStore((s) => (!isWanted || s.lecture === null ? null : s.place.step === 0 ? 0 : (s.stepTraceEnds[s.place.step - 1] ?? null)));
}

/**
 * While the versions are veiled whole (`isWanted`): where the trace stood when the class last
 * saw which versions are held (`versionsLastSeenStep`). Null otherwise.
 */
export function useVersionsSeenFrom(isWanted: boolean): number | null {
  return useLectureStore((s) => {
    if (!isWanted || s.lecture === null) return null;
    const step = versionsLastSeenStep(s.lecture, s.place);
    return step === 0 ? 0 : (s.stepTraceEnds[step - 1] ?? null);
  });
}
