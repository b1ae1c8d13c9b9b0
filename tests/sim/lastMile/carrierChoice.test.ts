import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARRIER_REGIONAL,
  CARRIER_USPS,
  carrierOfReason,
  chooseFirstReason,
  choosePartnerCarrier,
  type ParcelFacts,
  REASON_OWN_ROUTE,
} from '../../../src/sim/lastMile/carrierChoice';
import {
  createCostModel,
  getContractCostModel,
  getRegionalRateUsd,
  getUspsRateUsd,
} from '../../../src/sim/lastMile/costModel';
import { getFlexAcceptance } from '../../../src/sim/lastMile/flexBlocks';
import { defaultParams } from '../../../src/sim/params';
import { DAY_S } from '../../../src/sim/schedules';

const parcelFacts = fc.record({
  weightKg: fc.double({ min: 0.05, max: 30, noNaN: true }),
  distanceKm: fc.double({ min: 0, max: 90, noNaN: true }),
  insideServiceArea: fc.boolean(),
  deadlineS: fc.double({ min: 0, max: 5 * 86400, noNaN: true }),
  uspsExpectedS: fc.double({ min: 0, max: 5 * 86400, noNaN: true }),
  regionalExpectedS: fc.double({ min: 0, max: 5 * 86400, noNaN: true }),
}) as fc.Arbitrary<ParcelFacts>;
const rate = fc.double({ min: 0.5, max: 10, noNaN: true });

describe('carrier choice', () => {
  it('never moves a parcel away from USPS when the USPS rate falls', () => {
    fc.assert(
      fc.property(parcelFacts, rate, rate, (parcel, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const cheap = createCostModel({ ...defaultParams(), uspsRatePerParcelUsd: low }, 0);
        const dear = createCostModel({ ...defaultParams(), uspsRatePerParcelUsd: high }, 0);
        if (carrierOfReason(chooseFirstReason(dear, parcel)) === CARRIER_USPS) {
          expect(carrierOfReason(chooseFirstReason(cheap, parcel))).toBe(CARRIER_USPS);
        }
        if (choosePartnerCarrier(dear, parcel) === CARRIER_USPS) {
          expect(choosePartnerCarrier(cheap, parcel)).toBe(CARRIER_USPS);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('sends a parcel neither partner can bring in time to the cheaper one: paying more buys no on-time parcel', () => {
    const cost = createCostModel(defaultParams(), 0);
    fc.assert(
      fc.property(parcelFacts, (parcel) => {
        const hopeless = {
          ...parcel,
          uspsExpectedS: parcel.deadlineS + 3600,
          regionalExpectedS: parcel.deadlineS + 1800,
        };
        const usps = getUspsRateUsd(cost, hopeless.weightKg, hopeless.distanceKm);
        const regional = getRegionalRateUsd(cost, hopeless.weightKg, hopeless.distanceKm);
        expect(choosePartnerCarrier(cost, hopeless)).toBe(usps <= regional ? CARRIER_USPS : CARRIER_REGIONAL);
      }),
      { numRuns: 500 },
    );
  });

  it('serves inside the service area by its own fleet unless USPS is cheaper and on time', () => {
    const cost = createCostModel(defaultParams(), 0);
    const heavy: ParcelFacts = {
      weightKg: 5,
      distanceKm: 10,
      insideServiceArea: true,
      deadlineS: 86400,
      uspsExpectedS: 50000,
      regionalExpectedS: 50000,
    };
    expect(chooseFirstReason(cost, heavy)).toBe(REASON_OWN_ROUTE);
    const light = { ...heavy, weightKg: 0.3 };
    expect(carrierOfReason(chooseFirstReason(cost, light))).toBe(CARRIER_USPS);
    expect(chooseFirstReason(cost, { ...light, uspsExpectedS: 90000 })).toBe(REASON_OWN_ROUTE);
    expect(carrierOfReason(chooseFirstReason(cost, { ...heavy, insideServiceArea: false }))).not.toBe(1);
  });
});

describe('the USPS rate as a what-if', () => {
  it("moves USPS's share step by step, not as a switch", () => {
    // Parcels inside a station's area, each on time either way, with the demand model's weights
    // (log-normal, median 1 kg, spread 0.9) and doors up to 25 km out.
    const parcels: ParcelFacts[] = [];
    for (let i = 0; i < 2000; i++) {
      const u = (i + 0.5) / 2000;
      const z = inverseStandardNormal(u);
      parcels.push({
        weightKg: Math.min(30, Math.max(0.05, Math.exp(0.9 * z))),
        distanceKm: ((i * 7919) % 2000) / 80,
        insideServiceArea: true,
        deadlineS: 86400,
        uspsExpectedS: 50000,
        regionalExpectedS: 50000,
      });
    }
    const uspsShare = (rate: number) => {
      const cost = createCostModel({ ...defaultParams(), uspsRatePerParcelUsd: rate }, 0);
      const usps = parcels.filter(
        (parcel) => carrierOfReason(chooseFirstReason(cost, parcel)) === CARRIER_USPS,
      );
      return usps.length / parcels.length;
    };
    const shares = Array.from({ length: 31 }, (_, step) => uspsShare(1 + step * 0.1));
    const steps = shares.slice(1).map((share, step) => shares[step] - share);
    // One tariff factor for every light parcel, and one for every parcel up to 1 kg, made two
    // switches: half the parcels left USPS at one step of $0.10 ($1.40 to $1.50), the light ones
    // all at another ($2.40 to $2.50), and nothing moved between them. The weights near the median
    // (1 kg) still move together more than others do.
    expect(Math.max(...steps)).toBeLessThan(0.25);
    expect(steps.filter((drop) => drop > 0).length).toBeGreaterThanOrEqual(15);
    expect(shares[0]).toBeGreaterThan(shares[30] + 0.3);
  });
});

describe("partners' peak season", () => {
  // Day 1 of a run starting on January 1: sim day d is day of year d + 1.
  const onDayOfYear = (dayOfYear: number) =>
    createCostModel({ ...defaultParams(), startDayOfYear: 1 }, (dayOfYear - 1) * DAY_S + 12 * 3600);

  it('charges the surcharge from October to mid-January and not on Prime Day or in September', () => {
    const september = onDayOfYear(260);
    const primeDay = onDayOfYear(196);
    const december = onDayOfYear(345);
    const january = onDayOfYear(10);
    const lateJanuary = onDayOfYear(25);
    const usps = (cost: typeof september) => getUspsRateUsd(cost, 1, 10);
    const regional = (cost: typeof september) => getRegionalRateUsd(cost, 1, 10);
    expect(usps(primeDay)).toBe(usps(september));
    expect(usps(lateJanuary)).toBe(usps(september));
    expect(usps(december) - usps(september)).toBeCloseTo(0.35, 6);
    expect(usps(january) - usps(september)).toBeCloseTo(0.35, 6);
    expect(regional(december) - regional(september)).toBeCloseTo(0.5, 6);
    // USPS's season opens Oct 5 (day 278), the regional carrier's (as FedEx Ground's) Oct 27 (day 300).
    expect(usps(onDayOfYear(277))).toBe(usps(september));
    expect(usps(onDayOfYear(278))).toBeGreaterThan(usps(september));
    expect(regional(onDayOfYear(290))).toBe(regional(september));
    expect(regional(onDayOfYear(300))).toBeGreaterThan(regional(september));
  });

  it('changes the bill, not who carries what: choice plans on the contract rates', () => {
    const september = onDayOfYear(260);
    const december = getContractCostModel(onDayOfYear(345));
    fc.assert(
      fc.property(parcelFacts, (parcel) => {
        expect(chooseFirstReason(december, parcel)).toBe(chooseFirstReason(september, parcel));
        expect(choosePartnerCarrier(december, parcel)).toBe(choosePartnerCarrier(september, parcel));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Flex acceptance', () => {
  const pay = fc.double({ min: 5, max: 80, noNaN: true });
  const base = fc.double({ min: 0, max: 1, noNaN: true });
  const hour = fc.double({ min: 0, max: 24, noNaN: true });
  it('never falls when pay rises, and falls in a storm and for late blocks', () => {
    fc.assert(
      fc.property(base, pay, pay, fc.boolean(), hour, (b, p1, p2, stormy, h) => {
        const [low, high] = p1 < p2 ? [p1, p2] : [p2, p1];
        expect(getFlexAcceptance(b, high, stormy, h)).toBeGreaterThanOrEqual(
          getFlexAcceptance(b, low, stormy, h),
        );
        expect(getFlexAcceptance(b, low, true, h)).toBeLessThanOrEqual(getFlexAcceptance(b, low, false, h));
        expect(getFlexAcceptance(b, low, stormy, 21)).toBeLessThanOrEqual(
          getFlexAcceptance(b, low, stormy, 10),
        );
      }),
      { numRuns: 2000 },
    );
    expect(getFlexAcceptance(0.8, 20, false, 10)).toBeCloseTo(0.8, 9);
  });
});

/** The standard normal's quantile at `p` in (0, 1), by bisection on its CDF (erf, A&S 7.1.26). */
function inverseStandardNormal(p: number): number {
  const cdf = (x: number) => {
    const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
    const poly =
      t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    const erf = 1 - poly * Math.exp(-(x * x) / 2);
    return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  };
  let low = -8;
  let high = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (cdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
