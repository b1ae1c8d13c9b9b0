import { describe, expect, it } from 'vitest';
import { describePartnerSurcharges } from '../../src/panels/carriers';

// A run that starts on day of year `startDayOfYear`: its hour h falls on day startDayOfYear + h / 24.
describe("the cost panel's note on the partners' peak season", () => {
  it('says nothing in September or on Prime Day', () => {
    expect(describePartnerSurcharges(260, 72, 96)).toBeNull();
    expect(describePartnerSurcharges(195, 24, 72)).toBeNull();
  });

  it('names USPS alone from October 5 and both partners from October 27', () => {
    // Day 278 is October 5: USPS's season opens, the regional carrier's not yet.
    expect(describePartnerSurcharges(278, 0, 24)).toBe(
      "Partners' peak season (October to mid-January): USPS +$0.35 a parcel.",
    );
    expect(describePartnerSurcharges(342, 72, 96)).toBe(
      "Partners' peak season (October to mid-January): USPS +$0.35, regional +$0.50 a parcel.",
    );
  });

  it('counts a window that reaches into the season, and ends with it after January 18', () => {
    // Starting September 30 (day 273), hours 96-144 are October 4-5.
    expect(describePartnerSurcharges(273, 96, 144)).not.toBeNull();
    expect(describePartnerSurcharges(273, 72, 96)).toBeNull();
    expect(describePartnerSurcharges(18, 0, 24)).not.toBeNull();
    expect(describePartnerSurcharges(19, 0, 24)).toBeNull();
  });
});
