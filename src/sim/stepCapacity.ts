/**
 * How much a facility does in one step. Per-step capacities are rate x dt rounded by a shared
 * random number (hashUniform of the seed, the facility and the capacity kind, and the time), so
 * a higher rate never gives a lower count in any step: capacity effects are monotone, which the
 * directional tests rely on.
 */
import { hashUniform } from './rng';

/** Integer capacity for a step: floor(x) plus one with probability frac(x), by a shared number. */
export function getStepCapacity(seed: number, x: number, facility: number, kind: number, t0: number): number {
  const whole = Math.floor(x);
  return whole + (hashUniform(seed, facility * 8 + kind, t0) < x - whole ? 1 : 0);
}

/** Blends a step's processed parcels into a facility's parcels per hour (exponential average, 1 h time constant). */
export function updateThroughput(
  throughputPerHour: Float32Array,
  facility: number,
  processed: number,
  dt: number,
): void {
  const rate = (processed * 3600) / dt;
  const blend = Math.min(1, dt / 3600);
  throughputPerHour[facility] += (rate - throughputPerHour[facility]) * blend;
}
