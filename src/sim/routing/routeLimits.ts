import type { RoutingInstance } from './routingInstance';

/**
 * The hard limits every route must respect: vehicle capacity and, optionally, shift duration.
 * Kept as plain numbers so the hot loops test them without lookups.
 */
export interface RouteLimits {
  /** Vehicle capacity, parcels. */
  capacity: number;
  /** Longest route duration, seconds; Infinity when unlimited. */
  maxDurationS: number;
  /** Seconds per stop. */
  serviceDurationS: number;
  /** Seconds per distance unit. */
  secondsPerDistance: number;
}

/** The limits of an instance with its documented defaults filled in. */
export function getRouteLimits(instance: RoutingInstance): RouteLimits {
  return {
    capacity: instance.capacity,
    maxDurationS: instance.maxRouteDurationS ?? Number.POSITIVE_INFINITY,
    serviceDurationS: instance.serviceDurationS ?? 0,
    secondsPerDistance: instance.secondsPerDistance ?? 1,
  };
}

/** Tolerance for duration checks: lengths are sums of floats and must not flip on rounding. */
const DURATION_EPSILON_S = 1e-9;

/** True if a route with this load, length and number of stops respects the limits. */
export function isWithinLimits(limits: RouteLimits, load: number, length: number, stops: number): boolean {
  if (load > limits.capacity) return false;
  if (limits.maxDurationS === Number.POSITIVE_INFINITY) return true;
  return (
    length * limits.secondsPerDistance + stops * limits.serviceDurationS <=
    limits.maxDurationS + DURATION_EPSILON_S
  );
}
