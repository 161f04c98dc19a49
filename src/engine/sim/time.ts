/** Virtual times are kept to 0.01 ms (see `Cluster.send`): a sum or difference of them is rounded back to that. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
