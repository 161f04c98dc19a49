/**
 * Reads a file chosen with "Open scenario…": a scenario in the `npm run sim` format (it has
 * `version` and `steps`), a session saved with "Save scenario", or a guided lecture (the
 * `npm run lecture` format). Never throws; whatever is wrong is one sentence.
 */
import { restoreSession } from '../../share/restore';
import { isSavedSession, parseScenario } from '../../scenario/validate';
import type { Scenario } from '../../scenario/schema';
import type { Session } from '../../worker/protocol';
import { parseJsonText } from '../../scenario/json-text';
import { lectureFields, parseLecture, type Lecture } from '../../lectures/format';

export type ScenarioFile =
  | { readonly ok: true; readonly kind: 'scenario'; readonly text: string; readonly scenario: Scenario }
  | { readonly ok: true; readonly kind: 'lecture'; readonly text: string; readonly lecture: Lecture }
  | { readonly ok: true; readonly kind: 'session'; readonly session: Session; readonly left?: readonly string[] }
  | { readonly ok: false; readonly error: string };

export function readScenarioFile(text: string): ScenarioFile {
  const json = parseJsonText(text);
  // One line with its place, as the headless runner says it: "it is not valid JSON at line 4, column 3: …".
  if (!json.ok) return { ok: false, error: `it is ${json.error}` };
  const data = json.data;
  // Told apart as `npm run sim` tells them (docs/scenario-format.md): `actions` and no `steps`, a
  // saved session, unless its actions are steps (`isSavedSession`); a lecture's fields, a lecture;
  // anything else, a scenario. A scenario that misspelt "steps" was read as a session, and told
  // "actions: is required".
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && isSavedSession(data)) {
    const restored = restoreSession(data, { presentation: 'leave' });
    return restored.ok ? { ok: true, kind: 'session', session: restored.session, ...(restored.left ? { left: restored.left } : {}) } : { ok: false, error: restored.error };
  }
  // A guided lecture of the lecturer's own (docs/lecture-format.md), in the words `npm run lecture` uses.
  if (lectureFields(data) !== null) {
    const parsed = parseLecture(data);
    return parsed.ok ? { ok: true, kind: 'lecture', text, lecture: parsed.lecture } : { ok: false, error: `it is a guided lecture, but ${parsed.error.message}` };
  }
  const parsed = parseScenario(data);
  return parsed.ok ? { ok: true, kind: 'scenario', text, scenario: parsed.scenario } : { ok: false, error: parsed.error.message };
}

/**
 * The key the panels follow once a scenario has opened: the one they follow already if the
 * scenario's steps name it, else the first key its steps name; null to keep the one they follow
 * (a scenario of failures and gossip names none). A lecturer's file about "k" opened on the
 * panels' "cart", a key it never wrote, and the preference list and versions told of nothing.
 */
export function keyToFollow(scenario: Scenario, followed: string | null): string | null {
  const named: string[] = [];
  for (const step of scenario.steps) if ('key' in step && typeof step.key === 'string') named.push(step.key);
  return named.length === 0 || (followed !== null && named.includes(followed)) ? null : named[0]!;
}

/** `dynamoscope-seed-42.json` (`…-seed-minus-42` for -42), or the session's title made safe for a file name. */
export function sessionFileName(session: Session): string {
  const seed = session.seed < 0 ? `minus-${-session.seed}` : String(session.seed);
  const base = (session.title ?? `dynamoscope-seed-${seed}`).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${base || 'dynamoscope'}.json`;
}
