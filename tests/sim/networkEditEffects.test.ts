/**
 * What a network edit changes, A (without it) against B (with it) on one seed, at the smallest
 * scale and horizon that show it: delivery stations added where metros have none, and an FC
 * taken offline for half a day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../src/sim/geo';
import { buildNetwork } from '../../src/sim/network';
import {
  createSimulation,
  type DeliveryKpis,
  getFacilityDeliveryKpis,
  type Simulation,
  sumFacilityDeliveries,
} from '../../src/sim/simulation';
import { smallParams } from './simHelpers';

const HOUR_S = 3600;
const SEED = 7;
const tinyParams = (networkEdits = '') => smallParams({ scale: 0.0005, networkEdits });

const DAY_S = 24 * HOUR_S;

/** The delivery figures of the stations `ids`, summed. */
function getStationDeliveries(sim: Simulation, ids: readonly number[]): DeliveryKpis {
  return getFacilityDeliveryKpis(sumFacilityDeliveries(sim.readFacilityDeliveries().values, ids), 0, 0.0005);
}

/** Parcels that fell due, and how many of them reached the door by their deadline. */
interface DueTally {
  due: number;
  onTime: number;
}

const getRate = (tally: DueTally) => tally.onTime / tally.due;

describe('a delivery station added where a metro has none', () => {
  /**
   * Twenty metros of one station each (every other one of those metros, in the data’s order). A
   * removes their stations from the start, so their addresses are served from the nearest
   * station elsewhere, as rural ones: partner carriers, and slower promises. B removes them too
   * and adds a station at each metro's centre. Both watch every order of day 2 (the network has
   * filled for a day) and run to the end of day 3; a metro's parcels are those addressed within
   * its station's service radius of its centre, counted when their promise falls due (late if
   * not delivered by then), as the due ledger counts them.
   */
  const METRO_COUNT = 20;
  let a: DeliveryKpis;
  let b: DeliveryKpis;
  let added: number[];
  const metroDue = { a: { due: 0, onTime: 0 }, b: { due: 0, onTime: 0 } };
  const allDue = { a: { due: 0, onTime: 0 }, b: { due: 0, onTime: 0 } };
  beforeAll(() => {
    const base = buildNetwork(tinyParams());
    const singleStation = base.metros.filter((metro) => metro.stationIds.length === 1);
    const every = Math.floor(singleStation.length / METRO_COUNT);
    const metros = singleStation.filter((_, k) => k % every === 0).slice(0, METRO_COUNT);
    expect(metros).toHaveLength(METRO_COUNT);
    const reachKm = metros.map((metro) => base.serviceRadiusKm[metro.stationIds[0]]);
    const removeAll = metros.map((metro) => `remove:f${metro.stationIds[0]}`).join(';');
    const addAll = metros.map((metro) => `add:station:${metro.lon},${metro.lat}`).join(';');
    const without = createSimulation(tinyParams(removeAll), SEED);
    const withStations = createSimulation(tinyParams(`${removeAll};${addAll}`), SEED);
    const endS = 3 * DAY_S;
    for (const [sim, metroTally, allTally] of [
      [without, metroDue.a, allDue.a],
      [withStations, metroDue.b, allDue.b],
    ] as const) {
      sim.advanceTo(DAY_S);
      const watched: number[] = [];
      while (sim.timeS < 2 * DAY_S) {
        const sinceS = sim.timeS;
        sim.advanceTo(sinceS + sim.params.stepS);
        watched.push(...sim.watchOrdersSince(sinceS, 1));
      }
      sim.advanceTo(endS);
      expect(sim.checkInvariants()).toEqual([]);
      for (const id of watched) {
        const trace = sim.traceParcel(id);
        if (!trace?.watch || trace.promiseDeadlineS > endS) continue;
        const deliveredS = trace.watch.deliveredS;
        const onTime = deliveredS !== null && deliveredS <= trace.promiseDeadlineS ? 1 : 0;
        allTally.due++;
        allTally.onTime += onTime;
        const inMetro = metros.some(
          (metro, k) =>
            greatCircleKm(trace.destinationLon, trace.destinationLat, metro.lon, metro.lat) <= reachKm[k],
        );
        if (!inMetro) continue;
        metroTally.due++;
        metroTally.onTime += onTime;
      }
    }
    const names = metros.map((metro) => metro.name);
    const fallbacks = buildNetwork(without.params, endS)
      .metros.filter((metro) => names.includes(metro.name))
      .map((metro) => metro.fallbackStationId);
    added = buildNetwork(withStations.params, endS)
      .metros.filter((metro) => names.includes(metro.name))
      .flatMap((metro) => metro.stationIds);
    // The stations that deliver these metros' parcels in either run (a fallback also serves its own metro).
    const serving = [...new Set(fallbacks)];
    a = getStationDeliveries(without, serving);
    b = getStationDeliveries(withStations, [...serving, ...added]);
  });

  it('the metros get stations of their own, and their parcels go by van instead of a partner carrier', () => {
    expect(added).toHaveLength(METRO_COUNT);
    expect(b.byCarrier.van.delivered).toBeGreaterThan(a.byCarrier.van.delivered * 1.2);
    expect(b.byCarrier.usps.delivered).toBeLessThan(a.byCarrier.usps.delivered * 0.8);
  });

  it('their parcels cost less to deliver: a van route instead of a partner carrier’s rate', () => {
    expect(a.delivered).toBeGreaterThan(80);
    expect(b.costPerParcelUsd).toBeLessThan(a.costPerParcelUsd * 0.9);
  });

  it('more of the parcels to those metros arrive on time, and no fewer of the network’s', () => {
    expect(metroDue.a.due).toBeGreaterThan(150);
    expect(metroDue.b.due).toBeGreaterThan(150);
    expect(getRate(metroDue.b), `on time with stations ${JSON.stringify(metroDue)}`).toBeGreaterThan(
      getRate(metroDue.a) + 0.02,
    );
    expect(getRate(allDue.b), `on time, network ${JSON.stringify(allDue)}`).toBeGreaterThanOrEqual(
      getRate(allDue.a),
    );
  });
});

describe('an FC offline for half a day', () => {
  /** Per sampled hour: the FC's backlog and throughput, and its region's other FCs' throughput. */
  interface Sample {
    hour: number;
    backlog: number;
    throughput: number;
    othersThroughput: number;
  }
  const OUTAGE_FROM_H = 10;
  const OUTAGE_UNTIL_H = 22;
  let fc: number;
  const samplesA: Sample[] = [];
  const samplesB: Sample[] = [];
  beforeAll(() => {
    const base = buildNetwork(tinyParams());
    // The largest FC of a region that has several (its work is plain to see at a small scale).
    const regionFcs = (id: number) =>
      Array.from(base.fulfillmentCenterIds).filter(
        (other) => base.facilityRegion[other] === base.facilityRegion[id],
      );
    fc = Array.from(base.fulfillmentCenterIds)
      .filter((id) => regionFcs(id).length >= 3)
      .reduce((best, id) => (base.fulfillmentCenterSize[id] > base.fulfillmentCenterSize[best] ? id : best));
    const others = regionFcs(fc).filter((id) => id !== fc);
    const a = createSimulation(tinyParams(), SEED);
    const b = createSimulation(
      tinyParams(`outage:f${fc}:day1h${OUTAGE_FROM_H}-day1h${OUTAGE_UNTIL_H}`),
      SEED,
    );
    for (let hour = 8; hour <= 30; hour += 2) {
      for (const [sim, samples] of [
        [a, samplesA],
        [b, samplesB],
      ] as const) {
        sim.advanceTo(hour * HOUR_S);
        const state = sim.readFacilityState();
        samples.push({
          hour,
          backlog: state.backlogParcels[fc],
          throughput: state.throughputPerHour[fc],
          othersThroughput: others.reduce((sum, id) => sum + state.throughputPerHour[id], 0),
        });
      }
    }
    expect(b.checkInvariants()).toEqual([]);
  });

  const during = (samples: Sample[]) =>
    samples.filter((sample) => sample.hour >= OUTAGE_FROM_H && sample.hour <= OUTAGE_UNTIL_H);

  it('while offline it holds and ships nothing: its orders go to the other FCs of its region', () => {
    for (const sample of during(samplesB)) {
      expect(sample.backlog, `hour ${sample.hour}`).toBe(0);
      expect(sample.throughput, `hour ${sample.hour}`).toBe(0);
    }
    expect(during(samplesA).some((sample) => sample.backlog + sample.throughput > 0)).toBe(true);
    // Its region's other FCs take on its work: they process more than in A by a good share of what
    // it processed in A (throughput is an hour's moving average, and the orders placed before the
    // outage began are still on their way to them: ~30% at tiny scale over these twelve hours).
    const sum = (samples: Sample[], of: (sample: Sample) => number) =>
      samples.reduce((total, sample) => total + of(sample), 0);
    const othersGain =
      sum(during(samplesB), (sample) => sample.othersThroughput) -
      sum(during(samplesA), (sample) => sample.othersThroughput);
    expect(othersGain).toBeGreaterThan(0.2 * sum(during(samplesA), (sample) => sample.throughput));
  });

  it('before the outage B is A; after it the FC works again and, once its queues refill, B is A again', () => {
    expect(samplesB[0]).toEqual(samplesA[0]);
    const firstAfter = samplesB.find((sample) => sample.hour > OUTAGE_UNTIL_H);
    expect(firstAfter?.throughput).toBeGreaterThan(0);
    // The same parcels in the same queues; the hourly averages still remember the outage a little.
    const [lastA, lastB] = [samplesA.at(-1) as Sample, samplesB.at(-1) as Sample];
    expect(lastB.backlog).toBe(lastA.backlog);
    expect(Math.abs(lastB.throughput - lastA.throughput)).toBeLessThan(0.05 * lastA.throughput + 0.05);
    expect(Math.abs(lastB.othersThroughput - lastA.othersThroughput)).toBeLessThan(
      0.05 * lastA.othersThroughput + 0.05,
    );
  });
});
