import { describe, expect, it } from 'vitest';
import { CARRIER_USPS } from '../../../src/sim/lastMile/carrierChoice';
import {
  drawPartnerRunStartS,
  getPeakSlipFactor,
  PARTNER_SLIP_CHANCE,
} from '../../../src/sim/lastMile/partnerCarriers';
import { RandomStream } from '../../../src/sim/rng';
import { DAY_S, HOUR_S } from '../../../src/sim/schedules';

/** Share of door runs that slip to the next day, over `runs` draws for parcels at the carrier at 06:00. */
function measureSlipShare(calendarMultiplier: number, runs: number): number {
  const stream = RandomStream.fromSeed(20261201, 0);
  const atCarrierS = DAY_S + 6 * HOUR_S;
  let slipped = 0;
  for (let run = 0; run < runs; run++) {
    const startS = drawPartnerRunStartS(stream, CARRIER_USPS, atCarrierS, 0, false, calendarMultiplier);
    if (startS >= 2 * DAY_S) slipped++;
  }
  return slipped / runs;
}

describe('partner door runs at peaks', () => {
  it('slip as often as on an ordinary day when the load is ordinary, and far more often near capacity', () => {
    expect(getPeakSlipFactor(1)).toBe(1);
    expect(getPeakSlipFactor(0.8)).toBe(1);
    // The December peak (x1.45) makes a loaded network's overruns more than x1.45 and than its square.
    const december = getPeakSlipFactor(1.45);
    expect(december).toBeGreaterThan(1.45 ** 2);
    expect(december).toBeLessThan(4);
    // Each step of load costs more than the one before (waiting is convex in load), up to the cap.
    const factors = [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6].map(getPeakSlipFactor);
    for (let i = 2; i < factors.length; i++)
      expect(factors[i] - factors[i - 1]).toBeGreaterThan(factors[i - 1] - factors[i - 2]);
    expect(getPeakSlipFactor(3)).toBe(getPeakSlipFactor(2));
  });

  it('draws slips at the carrier chance times the peak factor', () => {
    const runs = 40_000;
    for (const multiplier of [1, 1.45]) {
      const expected = PARTNER_SLIP_CHANCE[CARRIER_USPS] * getPeakSlipFactor(multiplier);
      // Four binomial standard deviations.
      const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / runs);
      expect(Math.abs(measureSlipShare(multiplier, runs) - expected)).toBeLessThan(tolerance);
    }
  });
});
