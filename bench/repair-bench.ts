/** Benchmarks of the repair mechanisms (Merkle anti-entropy, failures); filled in with them. */
import type { Row } from './engine-bench';

export function runMerkleBench(): Row[] {
  return [];
}

export function runRepairWorkloadBench(): Row[] {
  return [];
}
