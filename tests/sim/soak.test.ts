/**
 * Long runs lose nothing and hold flat memory. `npm test`: 6 sim days at a small scale (the
 * machinery and the accounting), memory from day 4: the small network is still filling on days
 * 2-3 (its live parcels grow ~10% to day 4), and a few MB of it would be noise, not a leak.
 * `npm run test:deep`: 30 sim days of the default scenario, memory within 5% of day 2's.
 * Both hold the budgets that do not depend on the machine: parcel column bytes per live parcel
 * (issue 15: <= 64) and the trip bytes streamed per sim hour (`npm run bench -- stream`).
 */
import { describe, expect, test } from 'vitest';
import { STREAM_BUDGET_MB_PER_SIM_HOUR } from '../../scripts/bench/stream';
import { MAX_KEPT_AT_STATION_S } from '../../src/sim/lastMile/dispatchRules';
import { defaultParams } from '../../src/sim/params';
import { getMemoryGrowth, soak } from './soak';

const DEEP = process.env.PARCELSCOPE_DEEP === '1';
const DAY_S = 86_400;
const DAYS = DEEP ? 30 : 6;
const BASE_DAY = DEEP ? 2 : 4;
const PARAMS = DEEP ? defaultParams() : { ...defaultParams(), scale: 0.0005 };
/** Trip bytes per sim hour, day average: ~0.9 MB at the default scale, ~0.13 MB at 0.0005 (the line-haul trips do not scale down). */
const TRIP_BYTES_PER_SIM_HOUR = DEEP ? STREAM_BUDGET_MB_PER_SIM_HOUR * 1e6 : 0.2e6;

describe('a long run', () => {
  test(`${DAYS} sim days${DEEP ? ' of the default scenario' : ' at 1/20 of the default scale'}: every parcel accounted for every day, memory flat from day ${BASE_DAY}`, {
    timeout: DEEP ? 3600_000 : 300_000,
  }, () => {
    const days = soak(PARAMS, 1, DAYS, (day) => {
      if (DEEP)
        console.log(
          `day ${day.day}: ${(day.memoryBytes / 1e6).toFixed(1)} MB, ${day.liveParcels} live of ${day.ordered} ordered, ${(day.wallMs / 1000).toFixed(1)} s`,
        );
    });
    for (const day of days) {
      expect(day.broken, `invariants at the end of day ${day.day}`).toEqual([]);
      expect(day.ordered, `day ${day.day}`).toBe(day.liveParcels + day.delivered);
      // Stations clear their floor: a parcel the vans left waits a day at most, then Flex takes
      // it; one no Flex driver took stays for the next day's waves only when it has waited under
      // MAX_KEPT_AT_STATION_S and its promise can wait, else a partner takes it; so no backlog
      // piles up at the stations over the weeks.
      expect(
        day.longestStationWaitS / 3600,
        `longest wait at a station, h, end of day ${day.day}`,
      ).toBeLessThan((MAX_KEPT_AT_STATION_S + DAY_S) / 3600);
    }
    // Parcels flow: the run delivers, and what is live stays a few days' worth, not a pile-up.
    const last = days[days.length - 1];
    expect(last.delivered).toBeGreaterThan(0.5 * last.ordered);
    expect(last.parcelSlots).toBeLessThanOrEqual(2 * days[1].parcelSlots);
    expect(last.columnBytesPerLiveParcel, 'parcel column bytes per live parcel').toBeLessThanOrEqual(64);
    for (const day of days.slice(1))
      expect(day.tripBytes / 24, `trip bytes per sim hour on day ${day.day}`).toBeLessThan(
        TRIP_BYTES_PER_SIM_HOUR,
      );
    const growth = getMemoryGrowth(days, BASE_DAY);
    console.log(`memory day ${BASE_DAY} -> day ${DAYS}: ${(growth * 100).toFixed(1)}%`);
    expect(growth, `memory growth from day ${BASE_DAY}`).toBeLessThan(0.05);
  });
});
