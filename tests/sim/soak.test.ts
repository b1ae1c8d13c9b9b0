/**
 * Long runs lose nothing and hold flat memory. `npm test`: 5 sim days at a small scale (the
 * machinery and the accounting), memory from day 3: the small network is still filling on day 2
 * (its live parcels grow ~10% to day 4), and a few MB of it would be noise, not a leak.
 * `npm run test:deep`: 30 sim days of the default scenario, memory within 5% of day 2's.
 */
import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { getMemoryGrowth, soak } from './soak';

const DEEP = process.env.PARCELSCOPE_DEEP === '1';
const DAYS = DEEP ? 30 : 5;
const BASE_DAY = DEEP ? 2 : 3;
const PARAMS = DEEP ? defaultParams() : { ...defaultParams(), scale: 0.0005 };

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
      // Stations clear their floor daily: a parcel the vans left waits a day at most, then Flex
      // or a partner takes it, so no backlog piles up at the stations over the weeks.
      expect(
        day.longestStationWaitS / 3600,
        `longest wait at a station, h, end of day ${day.day}`,
      ).toBeLessThan(48);
    }
    // Parcels flow: the run delivers, and what is live stays a few days' worth, not a pile-up.
    const last = days[days.length - 1];
    expect(last.delivered).toBeGreaterThan(0.5 * last.ordered);
    expect(last.parcelSlots).toBeLessThanOrEqual(2 * days[1].parcelSlots);
    const growth = getMemoryGrowth(days, BASE_DAY);
    console.log(`memory day ${BASE_DAY} -> day ${DAYS}: ${(growth * 100).toFixed(1)}%`);
    expect(growth, `memory growth from day ${BASE_DAY}`).toBeLessThan(0.05);
  });
});
