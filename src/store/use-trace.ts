/**
 * Reading the trace in a component. The trace lives in `traceIndex`, changed in place, so a
 * memo over it cannot name it as a dependency: the store's `traceVersion` says when it
 * changed, and `traceLengthAtCursor` where the cursor stands. The hooks here read both, so a
 * panel lists only its own inputs.
 */
import { useMemo, type DependencyList } from 'react';
import type { TraceEvent } from '../engine/index';
import { traceIndex, useStore } from './store';
import type { TraceIndex } from './trace-index';

/**
 * `compute(traceIndex, upTo)`, `upTo` the number of events at the cursor, computed again when
 * the trace changes, the cursor moves, or one of `deps` (the caller's other inputs) changes.
 */
export function useTraceMemo<T>(compute: (index: TraceIndex, upTo: number) => T, deps: DependencyList): T {
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const version = useStore((s) => s.traceVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- the trace index changes in place, with `version`; `deps` are the caller's
  return useMemo(() => compute(traceIndex, upTo), [upTo, version, ...deps]);
}

/**
 * A reader that keeps what it read between calls and reads on from there (the hint, latency
 * and gossip ledgers): `epoch` changes when the trace was cut; `forget` lets go of all it holds.
 */
export interface TraceLedger<T> {
  at(events: readonly TraceEvent[], upTo: number, epoch: number): T;
  forget(): void;
}

const forgetting = new WeakMap<TraceIndex, WeakSet<TraceLedger<unknown>>>();

/**
 * Makes `index` call `ledger.forget()` at each cut, once however often it is asked: a ledger
 * kept until its panel was next drawn held the old recording (a million events) after Reset.
 */
export function forgetOnCut(ledger: TraceLedger<unknown>, index: TraceIndex = traceIndex): void {
  let ledgers = forgetting.get(index);
  if (!ledgers) forgetting.set(index, (ledgers = new WeakSet()));
  if (ledgers.has(ledger)) return;
  ledgers.add(ledger);
  index.whenCut(() => ledger.forget());
}

/** `ledger` read at the cursor; let go of when the trace is cut. One ledger per page, kept at module level. */
export function useLedgerAt<T>(ledger: TraceLedger<T>): T {
  forgetOnCut(ledger);
  return useTraceMemo((index, upTo) => ledger.at(index.events, upTo, index.epoch), [ledger]);
}
