/**
 * The Merkle panel's link to the engine: the trees it asks the worker for (one request in
 * flight, the latest wanted one next), and the stepping of the engine's exchange level by
 * level, which moves the playback cursor to the exchange's next or previous milestone.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Controller } from '../../engine-client/controller';
import type { MerkleReply } from '../../worker/protocol';
import { traceIndex, useStore } from '../../store/store';
import { exchangeMilestones } from './merkle-exchange';

export interface MerkleQuery {
  readonly a: string;
  readonly b: string;
  readonly exchangeId?: number;
}

export interface TreesResult {
  /** The last trees that arrived for this pair or exchange (possibly one cursor step old while new ones load). */
  readonly trees: MerkleReply | null;
  readonly error: string | null;
  readonly isLoading: boolean;
}

/**
 * Both replicas' trees for `query`, asked again whenever `refreshKey` changes (the cursor
 * moved in a way that can change them). Requests never pile up: while one is in flight, a
 * change only marks the next one wanted.
 */
export function useMerkleTrees(controller: Controller, query: MerkleQuery | null, refreshKey: string): TreesResult {
  const { a, b, exchangeId } = query ?? {};
  const stable = useMemo(() => (a === undefined || b === undefined ? null : { type: 'merkle' as const, a, b, ...(exchangeId === undefined ? {} : { exchangeId }) }), [a, b, exchangeId]);
  const subject = stable ? `${stable.a}|${stable.b}|${stable.exchangeId ?? ''}` : '';
  const wanted = `${subject}#${refreshKey}`;
  const [result, setResult] = useState<{ key: string; subject: string; trees: MerkleReply | null; error: string | null }>({ key: '', subject: '', trees: null, error: null });
  const isBusy = useRef(false);
  const [settled, setSettled] = useState(0);
  useEffect(() => {
    if (!stable || isBusy.current || result.key === wanted) return;
    isBusy.current = true;
    controller
      .query(stable)
      .then(
        (trees) => setResult({ key: wanted, subject, trees, error: null }),
        (error: unknown) => setResult({ key: wanted, subject, trees: null, error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        isBusy.current = false;
        setSettled((n) => n + 1);
      });
  }, [controller, stable, subject, wanted, settled, result.key]);
  const isCurrent = result.subject === subject && subject !== '';
  return { trees: isCurrent ? result.trees : null, error: isCurrent ? result.error : null, isLoading: result.key !== wanted };
}

/** Milestones of the exchange included at the cursor. */
function stagesAtCursor(exchangeId: number): number {
  const upTo = useStore.getState().traceLengthAtCursor;
  return exchangeMilestones(traceIndex, exchangeId).filter((i) => i < upTo).length;
}

/**
 * "Compare next level" on the engine's exchange: the cursor moves to its next milestone
 * (a level compared, or its end). In the recorded future that is a seek; past the end of
 * the recording, the worker runs the engine on until the exchange gets there, in one command
 * (one round trip per engine step took up to 2,000, and Play or Step back in between was undone).
 */
export async function stepExchangeForward(controller: Controller, exchangeId: number): Promise<void> {
  const upTo = useStore.getState().traceLengthAtCursor;
  const milestones = exchangeMilestones(traceIndex, exchangeId);
  const next = milestones.find((i) => i >= upTo);
  if (next !== undefined) {
    await controller.seekToEvent(traceIndex.events[next]!.seq);
    return;
  }
  await controller.stepToExchange(exchangeId);
}

/**
 * "Previous level": back to the milestone before the current one. Milestones reached in
 * one engine step (a level with no difference ends the exchange) count as one.
 */
export async function stepExchangeBack(controller: Controller, exchangeId: number): Promise<void> {
  const milestones = exchangeMilestones(traceIndex, exchangeId);
  const count = stagesAtCursor(exchangeId);
  for (let j = count - 2; j >= 0; j--) {
    await controller.seekToEvent(traceIndex.events[milestones[j]!]!.seq);
    if (stagesAtCursor(exchangeId) < count) return;
  }
}
