/**
 * The storefront's promises (src/sim/deliveryPromises.ts) keep each FC-to-station plan for the
 * cut-off and load it was worked out for: a memo must offer what a plan worked out afresh offers,
 * across cut-offs, days, peaks and rural addresses, and forget its plans when the parameters change.
 */
import { describe, expect, it } from 'vitest';
import { DeliveryPromises } from '../../src/sim/deliveryPromises';
import { DELIVERY_STATION, FULFILLMENT_CENTER } from '../../src/sim/kinds';
import { buildNetwork } from '../../src/sim/network';
import type { Params } from '../../src/sim/params';
import { hashUniform } from '../../src/sim/rng';
import { smallParams } from './simHelpers';

const DAY_S = 86_400;

describe('delivery promises', () => {
  const params = smallParams();
  const model = buildNetwork(params);
  const fcs: number[] = [];
  const stations: number[] = [];
  model.network.facilities.forEach((facility, id) => {
    if (facility.kind === FULFILLMENT_CENTER) fcs.push(id);
    if (facility.kind === DELIVERY_STATION) stations.push(id);
  });

  /** 3,000 orders over four days from 3 FCs to 40 stations: many share a plan, many do not. */
  const orders = Array.from({ length: 3000 }, (_, k) => ({
    orderS: 4 * DAY_S * hashUniform(11, k, 0),
    fc: fcs[Math.floor(3 * hashUniform(11, k, 1))],
    station: stations[Math.floor(40 * hashUniform(11, k, 2))],
    inside: hashUniform(11, k, 3) < 0.8,
    requested: Math.floor(4 * hashUniform(11, k, 4)),
  }));

  /** Each order's offer and planned ready time, from `promises` (null: a fresh one per order). */
  const offer = (promises: DeliveryPromises | null, p: Params) =>
    orders.map(({ orderS, fc, station, inside, requested }) => {
      const from = promises ?? new DeliveryPromises(model);
      return [
        from.offerPromise(p, orderS, fc, station, inside, requested),
        from.getPlannedReadyS(p, orderS, fc, station),
      ];
    });

  it('offers what a plan worked out afresh offers, order by order', () => {
    const kept = offer(new DeliveryPromises(model), params);
    expect(kept).toEqual(offer(null, params));
    // The orders reach every promise class but the slowest, so the comparison means something.
    expect(new Set(kept.map(([promise]) => promise)).size).toBeGreaterThanOrEqual(3);
  });

  it('works its plans out again when the parameters change', () => {
    const promises = new DeliveryPromises(model);
    offer(promises, params);
    // Slower trucks and rarer sortation departures: later ready times, slower promises.
    const slower = { ...params, truckSpeedMph: 30, sortCenterDepartureIntervalH: 12, decemberMultiplier: 3 };
    const afterChange = offer(promises, slower);
    expect(afterChange).toEqual(offer(null, slower));
    const before = offer(null, params);
    expect(afterChange.filter(([, readyS], k) => readyS > before[k][1]).length).toBeGreaterThan(
      orders.length / 2,
    );
  });

  it('tells apart orders that make one cut-off on days of different load', () => {
    // Day 1 of the run is the first day of Cyber Week: orders either side of midnight that make
    // one FC cut-off are planned with different handling allowances.
    const peak = { ...params, startDayOfYear: 330, cyberWeekMultiplier: 3 };
    const promises = new DeliveryPromises(model);
    let compared = 0;
    for (let orderS = DAY_S - 4 * 3600; orderS <= DAY_S + 4 * 3600; orderS += 300)
      for (const fc of fcs.slice(0, 3))
        for (const station of stations.slice(0, 10)) {
          const fresh = new DeliveryPromises(model).getPlannedReadyS(peak, orderS, fc, station);
          expect(promises.getPlannedReadyS(peak, orderS, fc, station), `order at ${orderS} s`).toBe(fresh);
          compared++;
        }
    expect(compared).toBeGreaterThan(1000);
  });
});
