/**
 * What `npm run lecture` would say of the lecturer's own lecture, said in its panel: each
 * `expect` the run fails and each claim of the narration the run does not bear out, by part
 * and step, folded into one line until opened. The lecture plays all the same, as the runner
 * still prints a run whose checks fail; without this the class would see the ring contradict
 * the narration, and the lecturer would learn why only from the command line.
 */
import type { FileChecks } from '../../worker/file-checks';
import type { LecturePlace } from './lecture-nav';

interface Problem {
  /** "Part 2, step 7", "Step 7", or "After the last step" for the run's own `expect`. */
  readonly where: string;
  readonly text: string;
  readonly isHere: boolean;
}

/** Reads the runners' paths (`parts[1].steps[6].clock.A: …`) as a lecturer counts steps, from 1. */
export function problemsOf(checks: FileChecks, place: LecturePlace, hasParts: boolean): Problem[] {
  return [...checks.failures, ...checks.warnings].map((line) => {
    const [, part, step, rest] = /^(?:parts\[(\d+)\]\.)?(?:steps\[(\d+)\]\.)?([\s\S]*)$/.exec(line)!;
    const p = part === undefined ? 0 : Number(part);
    const inPart = hasParts ? `Part ${p + 1}, ` : '';
    const where = step === undefined ? `${inPart}after the last step` : `${inPart}step ${Number(step) + 1}`;
    return { where: where[0]!.toUpperCase() + where.slice(1), text: rest!, isHere: step !== undefined && p === place.part && Number(step) === place.step };
  });
}

export function summaryOf(checks: FileChecks, hereCount: number): string {
  const parts: string[] = [];
  const { failed } = checks;
  const claims = checks.warnings.length;
  if (failed > 0) parts.push(`${failed} of its ${checks.checked} expect checks ${failed === 1 ? 'fails' : 'fail'}`);
  if (claims > 0) parts.push(`${claims} narration ${claims === 1 ? 'warning' : 'warnings'}`);
  return `Your lecture: ${parts.join(', ')}${hereCount > 0 ? ` (${hereCount} at this step)` : ''}`;
}

export function LectureChecks({ checks, place, hasParts }: { checks: FileChecks | null; place: LecturePlace; hasParts: boolean }) {
  if (!checks || checks.failures.length + checks.warnings.length === 0) return null;
  const problems = problemsOf(checks, place, hasParts);
  const here = problems.filter((p) => p.isHere).length;
  return (
    <details className="lecture-checks">
      <summary>
        <span aria-hidden="true">⚠ </span>
        {summaryOf(checks, here)}
      </summary>
      <ul>
        {problems.map((p, i) => (
          <li key={i} className={p.isHere ? 'here' : undefined}>
            <strong>{p.where}:</strong> {p.text}
          </li>
        ))}
      </ul>
      <p>The lecture plays as its steps run; the narration may not match. npm run lecture on your file lists the same: each failed check under its step, and each narration warning on standard error.</p>
    </details>
  );
}
