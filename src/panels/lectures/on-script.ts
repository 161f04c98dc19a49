/**
 * Whether a shared session still follows a lecture's own recording: it holds the whole
 * recording, action for action, and perhaps more after its end. One that stops short (an
 * Undo took the lecture's own steps back) does not: its cursor would not show what the
 * step's narration says, and Next would look for steps it does not have. Actions are
 * compared one by one, so runs of steps folded differently (`{steps: 5}, {steps: 7}` against
 * `{steps: 12}`) and inputs whose fields come back from a link in another order match.
 */
import type { SessionAction } from '../../worker/protocol';

export function isOnScript(shared: readonly SessionAction[], script: readonly SessionAction[]): boolean {
  const a = expand(shared);
  const b = expand(script);
  if (a.length < b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function expand(actions: readonly SessionAction[]): string[] {
  const out: string[] = [];
  for (const action of actions) {
    if ('steps' in action) for (let i = 0; i < action.steps; i++) out.push('step');
    else if ('clockMs' in action) out.push(`clock ${action.clockMs}`);
    else out.push(`input ${JSON.stringify(action.input, sortedKeys)}`);
  }
  return out;
}

/** A JSON.stringify replacer that writes every object's keys in sorted order. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
