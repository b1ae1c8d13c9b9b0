import { describe, expect, it } from 'vitest';
import { DUE_RING_HOURS, DueLedger, getDueHour } from '../../src/sim/dueLedger';
import { getDueOnTime, KPI_COUNT, KPI_INDEX } from '../../src/sim/kpis';
import { createSimulation } from '../../src/sim/simulation';
import { smallParams } from './simHelpers';

describe('the due ledger', () => {
  it('files a deadline under the hour it ends, so a parcel due on the hour is final when that hour closes', () => {
    expect(getDueHour(21 * 3600)).toBe(20);
    expect(getDueHour(21 * 3600 + 1)).toBe(21);
    const ledger = new DueLedger();
    const flows = new Float64Array(KPI_COUNT);
    const base = KPI_INDEX.dueParcels;
    ledger.recordOrder(21 * 3600, 1);
    ledger.recordOrder(21 * 3600, 1);
    ledger.recordOrder(21 * 3600, 0);
    ledger.recordOnTime(21 * 3600, 1);
    ledger.closeHour(19, flows, base);
    expect(flows[KPI_INDEX.dueParcels]).toBe(0);
    ledger.closeHour(20, flows, base);
    expect(flows[KPI_INDEX.dueParcels]).toBe(3);
    expect(flows[KPI_INDEX.dueOnTime]).toBe(1);
    expect(flows[KPI_INDEX.dueNextDay]).toBe(2);
    expect(flows[KPI_INDEX.dueNextDayOnTime]).toBe(1);
    expect(flows[KPI_INDEX.dueSameDay]).toBe(1);
    expect(flows[KPI_INDEX.dueSameDayOnTime]).toBe(0);
    // Closing clears the slot: the same ring slot a ring later starts empty.
    ledger.closeHour(20 + DUE_RING_HOURS, flows, base);
    expect(flows[KPI_INDEX.dueParcels]).toBe(3);
  });
});

describe('honest on-time', () => {
  it('a network that delivers nothing is 0% on time for every parcel due, not a rate of nothing', () => {
    // No drive units: nothing is picked, so nothing reaches a door.
    const sim = createSimulation(smallParams({ robotsPerFc: 0, scale: 0.001 }), 5);
    sim.advanceTo(30 * 3600);
    const kpis = sim.getKpis();
    expect(kpis.lastMile.delivered).toBe(0);
    expect(kpis.onTime.due).toBeGreaterThan(0);
    expect(kpis.onTime.onTime).toBe(0);
    expect(kpis.onTime.rate).toBe(0);
    // Exactly the ordered parcels whose deadline has passed (all still in the model).
    const pastDue = sim
      .listLiveParcels(Number.POSITIVE_INFINITY)
      .map((id) => sim.traceParcel(id)!)
      .filter((trace) => getDueHour(trace.promiseDeadlineS) < kpis.hours).length;
    expect(kpis.onTime.due).toBe(pastDue);
    expect(kpis.onTime.toS).toBe(30 * 3600);
  });

  it('counts every parcel due in a window once, on time only when delivered by its deadline', () => {
    const sim = createSimulation(smallParams({ scale: 0.001 }), 2);
    sim.advanceTo(60 * 3600);
    const kpis = sim.getKpis();
    const whole = kpis.onTime;
    expect(whole.due).toBeGreaterThan(0);
    expect(whole.onTime).toBeLessThanOrEqual(whole.due);
    // Windows add up, per promise class too.
    const early = getDueOnTime(kpis.hourly, 0, 30);
    const late = getDueOnTime(kpis.hourly, 30, 60);
    expect(early.due + late.due).toBe(whole.due);
    expect(early.onTime + late.onTime).toBe(whole.onTime);
    let byPromise = 0;
    for (const by of Object.values(whole.byPromise)) byPromise += by.due;
    expect(byPromise).toBe(whole.due);
    // Every parcel due by now is either delivered (on time or late) or still in the model, late.
    const undeliveredPastDue = sim
      .listLiveParcels(Number.POSITIVE_INFINITY)
      .map((id) => sim.traceParcel(id)!)
      .filter((trace) => getDueHour(trace.promiseDeadlineS) < kpis.hours).length;
    expect(whole.due - whole.onTime).toBeGreaterThanOrEqual(undeliveredPastDue);
    // Delivered parcels still counted on time by their own deadline: never more than delivered.
    expect(whole.onTime).toBeLessThanOrEqual(kpis.lastMile.deliveredOnTime);
  });
});
