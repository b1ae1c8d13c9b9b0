import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { buildShareUrl, formatCompareB, readUrlState } from '../../src/state/urlState';

const BASE = 'http://127.0.0.1:5173/';

describe('scenario B in a link', () => {
  it("a fork's values and fork time ride beside A's parameters and read back as B's", () => {
    const paramsA = { ...defaultParams(), scale: 0.002 };
    const paramsB = { ...paramsA, vansPerStation: 10, flexPayPerHourUsd: 31 };
    const url = new URL(
      buildShareUrl(BASE, paramsA, 5, 151_200, 600, formatCompareB(paramsA, paramsB, 115_200)),
    );
    expect(url.searchParams.get('b.vansPerStation')).toBe('10');
    expect(url.searchParams.get('b.flexPayPerHourUsd')).toBe('31');
    expect(url.searchParams.get('bAt')).toBe('115200');
    // Only what B changes: A's own values are A's.
    expect([...url.searchParams.keys()].filter((key) => key.startsWith('b.'))).toHaveLength(2);
    const state = readUrlState(url.search);
    expect(state.errors).toEqual([]);
    expect(state.params).toEqual(paramsA);
    expect(state.compareB).toEqual({
      overrides: { vansPerStation: 10, flexPayPerHourUsd: 31 },
      forkAtS: 115_200,
    });
    expect(state.networkEditsB).toBeNull();
  });

  it('an A/B from the start has no fork time; a link without B has none', () => {
    const paramsA = defaultParams();
    const values = formatCompareB(paramsA, { ...paramsA, demandMultiplier: 1.5 }, null);
    expect(values).toEqual({ 'b.demandMultiplier': '1.5' });
    expect(readUrlState(`?${new URLSearchParams(values)}`).compareB).toEqual({
      overrides: { demandMultiplier: 1.5 },
      forkAtS: null,
    });
    expect(readUrlState('?seed=3').compareB).toBeNull();
    // A fork that changed nothing is still a fork.
    expect(readUrlState('?t=90000&bAt=36000').compareB).toEqual({ overrides: {}, forkAtS: 36_000 });
  });

  it("a bad B value is named and left out (B keeps A's); a fork time after the link's time drops B", () => {
    const bad = readUrlState('?t=90000&b.vansPerStation=9999&b.flexPayPerHourUsd=30&bAt=36000');
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatch(/^b\.vansPerStation: .*9999/);
    expect(bad.compareB).toEqual({ overrides: { flexPayPerHourUsd: 30 }, forkAtS: 36_000 });
    const late = readUrlState('?t=90000&b.vansPerStation=10&bAt=95000');
    expect(late.compareB).toBeNull();
    expect(late.errors).toEqual([
      'bAt: "95000" is not valid; expected the sim seconds B forked at, from 0 to the link\'s t. Scenario B is left out: from another time it would not be the fork the link was copied from',
    ]);
    // B's values never reach A.
    expect(late.params.vansPerStation).toBe(defaultParams().vansPerStation);
  });
});
