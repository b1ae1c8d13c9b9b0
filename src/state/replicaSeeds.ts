/** Seeds of the replications: A's seed plus multiples of a large prime, so they never meet A's. */
const SEED_STRIDE = 7919;

/** The seed of replication `k` (1-based) of a run on seed `seedA`. */
export function getReplicaSeed(seedA: number, k: number): number {
  return (seedA + k * SEED_STRIDE) % 2 ** 31;
}
