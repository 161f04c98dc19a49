/**
 * The one door for untrusted sessions (links, files): validates the shape with zod,
 * clamps the cursor, and explains what is wrong in one sentence naming the place. The
 * engine replays what passes here, and reports any action it still refuses (an unknown
 * node at that point of the session, say) the same way.
 */
import type { z } from 'zod';
import { sessionSchema } from '../scenario/input-schema';
import { firstProblem } from '../scenario/validate';
import type { Session } from '../worker/protocol';
import type { ClusterConfig, Input } from '../engine/index';

export type Restored = { readonly ok: true; readonly session: Session } | { readonly ok: false; readonly error: string };

export function restoreSession(data: unknown): Restored {
  const parsed = sessionSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error, data) };
  const s = parsed.data;
  if (s.config.r > s.config.n || s.config.w > s.config.n) return { ok: false, error: `config: r (${s.config.r}) and w (${s.config.w}) cannot exceed n (${s.config.n})` };
  const total = s.actions.reduce((sum, a) => sum + ('steps' in a ? a.steps : 1), 0);
  if (total > 1_000_000) return { ok: false, error: `the session has ${total} actions; at most 1,000,000 can be replayed` };
  const session: Session = {
    seed: s.seed,
    config: s.config as ClusterConfig,
    actions: s.actions.map((a) => ('input' in a ? { input: a.input as Input, ...(a.background ? { background: true as const } : {}) } : 'steps' in a ? { steps: a.steps } : { clockMs: a.clockMs })),
    cursor: Math.min(s.cursor ?? total, total),
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.lecture !== undefined ? { lecture: { id: s.lecture.id, part: s.lecture.part, step: s.lecture.step, ...(s.lecture.isRevealed ? { isRevealed: true } : {}) } } : {}),
  };
  return { ok: true, session };
}

function explain(error: z.ZodError, data: unknown): string {
  const problem = firstProblem(error.issues, data);
  const path = problem.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path || 'the scenario'}: ${problem.message}`;
}
