import { describe, expect, test } from 'vitest';
import { FACILITY_DELIVERY_COLUMNS } from '../../src/sim/lastMile/facilityDeliveries';
import { FACILITY_HOUR_COLUMNS, FacilityKpiFeed } from '../../src/state/facilityKpis';
import { sumWindowColumns } from '../../src/panels/aggregate';

const WIDTH = FACILITY_HOUR_COLUMNS.length;
const DELIVERED = FACILITY_HOUR_COLUMNS.indexOf('delivered');
const ON_TIME = FACILITY_HOUR_COLUMNS.indexOf('deliveredOnTime');

/** Hour rows with `delivered` and `deliveredOnTime` set, other columns 0. */
function rows(hours: Array<[number, number]>): Float64Array {
  const out = new Float64Array(hours.length * WIDTH);
  hours.forEach(([delivered, onTime], hour) => {
    out[hour * WIDTH + DELIVERED] = delivered;
    out[hour * WIDTH + ON_TIME] = onTime;
  });
  return out;
}

describe("the page's feed of a selected facility's delivery figures", () => {
  test('shows only the hours the display clock has passed, though the worker sent more', () => {
    const feed = new FacilityKpiFeed();
    feed.clear(7);
    feed.receive(
      7,
      0,
      rows([
        [10, 9],
        [20, 15],
        [30, 30],
      ]),
    );
    expect(feed.syncTo(2 * 3600 + 1800)).toBe(true);
    expect(feed.history.hours).toBe(2);
    expect(feed.history.total('delivered')).toBe(30);
    expect(feed.history.total('deliveredOnTime')).toBe(24);
    expect(feed.syncTo(2 * 3600 + 1900)).toBe(false);
    feed.syncTo(3 * 3600);
    expect(feed.history.total('delivered')).toBe(60);
  });

  test('a seek back drops the hours after it; rows sent again replace them', () => {
    const feed = new FacilityKpiFeed();
    feed.clear(7);
    feed.receive(
      7,
      0,
      rows([
        [10, 9],
        [20, 15],
        [30, 30],
      ]),
    );
    feed.syncTo(3 * 3600);
    feed.truncate(1);
    expect(feed.history.hours).toBe(1);
    expect(feed.history.total('delivered')).toBe(10);
    feed.receive(7, 1, rows([[5, 5]]));
    feed.syncTo(3 * 3600);
    expect(feed.history.hours).toBe(2);
    expect(feed.history.total('delivered')).toBe(15);
  });

  test('rows for another facility start the feed over', () => {
    const feed = new FacilityKpiFeed();
    feed.clear(7);
    feed.receive(7, 0, rows([[10, 9]]));
    feed.syncTo(3600);
    feed.receive(8, 0, rows([[4, 1]]));
    feed.syncTo(3600);
    expect(feed.facilityId).toBe(8);
    expect(feed.history.total('delivered')).toBe(4);
  });

  test('a brushed window sums its hours only', () => {
    const feed = new FacilityKpiFeed();
    feed.clear(1);
    feed.receive(
      1,
      0,
      rows([
        [10, 9],
        [20, 15],
        [30, 30],
      ]),
    );
    feed.syncTo(3 * 3600);
    const window = sumWindowColumns(feed.history, FACILITY_DELIVERY_COLUMNS, [1, 3]);
    expect(window[DELIVERED]).toBe(50);
    expect(window[ON_TIME]).toBe(45);
    expect(sumWindowColumns(feed.history, FACILITY_DELIVERY_COLUMNS, null)[DELIVERED]).toBe(60);
  });
});
