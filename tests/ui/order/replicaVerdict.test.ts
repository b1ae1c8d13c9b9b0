import { describe, expect, test } from 'vitest';
import type { Journey } from '../../../src/sim/journey';
import { getRunOutcome } from '../../../src/ui/order/ReplicaVerdict';

const journey = (delivered: boolean, isLate: boolean) => ({ delivered, isLate }) as Journey;

describe("a followed order's outcome in one run", () => {
  test('on time once at the door by the promise; late as soon as the promise passes; else not known yet', () => {
    expect(getRunOutcome(journey(true, false))).toBe('onTime');
    expect(getRunOutcome(journey(true, true))).toBe('late');
    expect(getRunOutcome(journey(false, true))).toBe('late');
    expect(getRunOutcome(journey(false, false))).toBe('pending');
    // A run that does not hold the order (refused there, or not caught up yet).
    expect(getRunOutcome(undefined)).toBe('pending');
  });
});
