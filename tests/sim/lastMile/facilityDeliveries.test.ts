import { describe, expect, it } from 'vitest';
import {
  DELIVERY_STATION,
  FULFILLMENT_CENTER,
  PROMISE_CLASSES,
  SORTATION_CENTER,
} from '../../../src/sim/kinds';
import {
  FACILITY_DELIVERY_COLUMN_INDEX as COL,
  FACILITY_DELIVERY_COLUMNS,
  FacilityDeliveryLedger,
  getFacilityDeliveryKpis,
} from '../../../src/sim/lastMile/facilityDeliveries';
import { DELIVERING_CARRIERS } from '../../../src/sim/lastMile/lastMileKpis';
import { LATENESS_BIN_EDGES_H } from '../../../src/sim/lastMile/lastMileMetrics';
import type { NetworkModel } from '../../../src/sim/network';
import { createSimulation, restoreSimulation, type Simulation } from '../../../src/sim/simulation';
import { smallParams } from '../simHelpers';

const STRIDE = FACILITY_DELIVERY_COLUMNS.length;
const SEEDS = [1, 7, 42];
const HOURS = 40;

/** Column sums over the facilities of one kind. */
function sumOverKind(sim: Simulation, kind: number): Float64Array {
  const { values } = sim.readFacilityDeliveries();
  const sums = new Float64Array(STRIDE);
  for (const facility of sim.network.facilities) {
    if (facility.kind !== kind) continue;
    for (let k = 0; k < STRIDE; k++) sums[k] += values[facility.id * STRIDE + k];
  }
  return sums;
}

/** The network-wide figure of each ledger column, from the last mile's KPIs. */
function networkFigures(sim: Simulation): Record<string, number> {
  const kpis = sim.getKpis();
  const lm = kpis.lastMile;
  const cumulative = kpis.cumulative as Record<string, number>;
  const figures: Record<string, number> = {
    delivered: lm.delivered,
    deliveredOnTime: lm.deliveredOnTime,
    lateHoursSum: cumulative.lateHoursSum,
    clickToDoorHoursSum: cumulative.clickToDoorHoursSum,
    lateBeforeLastMile: cumulative.lateBeforeLastMile,
  };
  for (const carrier of DELIVERING_CARRIERS) {
    const by = lm.byCarrier[carrier];
    const title = carrier[0].toUpperCase() + carrier.slice(1);
    figures[`deliveredBy${title}`] = by.delivered;
    figures[`onTimeBy${title}`] = Math.round(by.onTimeRate * by.delivered) || 0;
    figures[`assigned${title}`] = by.assigned;
    figures[`${carrier}CostUsd`] = cumulative[`${carrier}CostUsd`];
  }
  PROMISE_CLASSES.forEach((name) => {
    const title = name[0].toUpperCase() + name.slice(1);
    figures[`delivered${title}`] = lm.byPromise[name].delivered;
    figures[`onTime${title}`] = Math.round(lm.byPromise[name].onTimeRate * lm.byPromise[name].delivered) || 0;
  });
  lm.lateness.lateParcels.forEach((late, bin) => {
    figures[FACILITY_DELIVERY_COLUMNS[COL.late0To1H + bin]] = late;
  });
  return figures;
}

/** Sums of real-valued columns (hours, USD) differ from the network's only by summation order. */
const SUMMED_REALS = new Set([
  'lateHoursSum',
  'clickToDoorHoursSum',
  'vanCostUsd',
  'flexCostUsd',
  'uspsCostUsd',
  'regionalCostUsd',
]);

function expectSplitsNetwork(sums: Float64Array, figures: Record<string, number>, who: string): void {
  FACILITY_DELIVERY_COLUMNS.forEach((column, k) => {
    const expected = figures[column];
    if (expected === undefined) throw new Error(`no network figure for column ${column}`);
    if (SUMMED_REALS.has(column)) {
      expect(sums[k], `${who}: ${column}`).toBeCloseTo(expected, 6);
    } else {
      expect(sums[k], `${who}: ${column} summed ${sums[k]}, network ${expected}`).toBe(expected);
    }
  });
}

function run(seed: number, hours = HOURS): Simulation {
  const sim = createSimulation(smallParams(), seed);
  sim.advanceTo(hours * 3600);
  return sim;
}

describe('per-facility delivery ledger (issue #7)', () => {
  it('lays its columns out as the carriers, promise classes and lateness bins are ordered', () => {
    // One column per LATENESS_BIN_EDGES_H bin, named by its edges ([edge, next edge) hours late).
    const binNames = LATENESS_BIN_EDGES_H.map((edge, bin) => {
      const next = LATENESS_BIN_EDGES_H[bin + 1];
      return next === undefined ? `late${edge}HOrMore` : `late${edge}To${next}H`;
    });
    expect(FACILITY_DELIVERY_COLUMNS.slice(COL.late0To1H, COL.late0To1H + binNames.length)).toEqual(binNames);
    expect(COL.lateHoursSum).toBe(COL.late0To1H + LATENESS_BIN_EDGES_H.length);
    PROMISE_CLASSES.forEach((name, p) => {
      expect(FACILITY_DELIVERY_COLUMNS[COL.deliveredSameDay + p].toLowerCase()).toBe(
        `delivered${name}`.toLowerCase(),
      );
      expect(FACILITY_DELIVERY_COLUMNS[COL.onTimeSameDay + p].toLowerCase()).toBe(
        `ontime${name}`.toLowerCase(),
      );
    });
    DELIVERING_CARRIERS.forEach((name, c) => {
      expect(FACILITY_DELIVERY_COLUMNS[COL.deliveredByVan + c].toLowerCase()).toBe(`deliveredby${name}`);
      expect(FACILITY_DELIVERY_COLUMNS[COL.assignedVan + c].toLowerCase()).toBe(`assigned${name}`);
      expect(FACILITY_DELIVERY_COLUMNS[COL.vanCostUsd + c]).toBe(`${name}CostUsd`);
    });
  });

  for (const seed of SEEDS) {
    describe(`seed ${seed}, ${HOURS} sim hours`, () => {
      const sim = run(seed);
      const figures = networkFigures(sim);

      it('parcels were delivered, by more than one station', () => {
        expect(figures.delivered).toBeGreaterThan(50);
        const { values } = sim.readFacilityDeliveries();
        const stations = sim.network.facilities.filter(
          (f) => f.kind === DELIVERY_STATION && values[f.id * STRIDE + COL.delivered] > 0,
        );
        expect(stations.length).toBeGreaterThan(1);
      });

      it("the network's hourly late parcels per lateness bin add up to its histogram (a window of hours has its own)", () => {
        const kpis = sim.getKpis();
        const hourly = kpis.hourly as unknown as Record<string, Float64Array>;
        const binNames = FACILITY_DELIVERY_COLUMNS.slice(
          COL.late0To1H,
          COL.late0To1H + LATENESS_BIN_EDGES_H.length,
        );
        const perBin = binNames.map((name) => hourly[name].reduce((sum, late) => sum + late, 0));
        expect(perBin).toEqual(kpis.lastMile.lateness.lateParcels);
        expect(
          perBin.reduce((a, b) => a + b, 0),
          'late parcels',
        ).toBe(kpis.lastMile.delivered - kpis.lastMile.deliveredOnTime);
      });

      it('the delivery stations split the network figures exactly (every parcel has one station)', () => {
        expectSplitsNetwork(sumOverKind(sim, DELIVERY_STATION), figures, 'stations');
      });

      it('the fulfillment centers split the network figures exactly (every parcel has one origin FC)', () => {
        expectSplitsNetwork(sumOverKind(sim, FULFILLMENT_CENTER), figures, 'FCs');
      });

      it('no sortation center counts more than the network, and every parcel crossed at least one', () => {
        const { values } = sim.readFacilityDeliveries();
        let sortedDelivered = 0;
        for (const facility of sim.network.facilities) {
          if (facility.kind !== SORTATION_CENTER) continue;
          sortedDelivered += values[facility.id * STRIDE + COL.delivered];
          FACILITY_DELIVERY_COLUMNS.forEach((column, k) => {
            const mine = values[facility.id * STRIDE + k];
            expect(mine, `sortation center ${facility.id}: ${column}`).toBeLessThanOrEqual(
              figures[column] * (1 + 1e-12) + 1e-9,
            );
          });
        }
        expect(sortedDelivered).toBeGreaterThanOrEqual(figures.delivered);
      });

      it("every facility's rates and shares lie in [0, 1]", () => {
        const { values } = sim.readFacilityDeliveries();
        const inUnit = (x: number, what: string) => {
          if (Number.isNaN(x)) return;
          expect(x, what).toBeGreaterThanOrEqual(0);
          expect(x, what).toBeLessThanOrEqual(1);
        };
        for (const facility of sim.network.facilities) {
          const kpis = getFacilityDeliveryKpis(values, facility.id, sim.params.scale);
          const at = `facility ${facility.id}`;
          inUnit(kpis.onTimeRate, `${at} on-time rate`);
          inUnit(kpis.lateBeforeLastMileShare, `${at} late before the last mile`);
          for (const carrier of DELIVERING_CARRIERS) {
            inUnit(kpis.byCarrier[carrier].onTimeRate, `${at} ${carrier} on-time rate`);
            inUnit(kpis.byCarrier[carrier].share, `${at} ${carrier} share`);
          }
          for (const name of PROMISE_CLASSES)
            inUnit(kpis.byPromise[name].onTimeRate, `${at} ${name} on-time rate`);
          expect(
            kpis.lateness.lateParcels.reduce((a, b) => a + b, 0),
            `${at} late parcels`,
          ).toBe(kpis.delivered - kpis.deliveredOnTime);
        }
      });
    });
  }

  it('snapshot -> restore -> advance gives the same ledger, bit for bit', () => {
    const straight = createSimulation(smallParams(), 3);
    straight.advanceTo(20 * 3600);
    const restored = restoreSimulation(structuredClone(straight.snapshot()));
    straight.advanceTo(36 * 3600);
    restored.advanceTo(36 * 3600);
    const a = straight.readFacilityDeliveries().values;
    const b = restored.readFacilityDeliveries().values;
    expect(a.reduce((sum, x) => sum + x, 0)).toBeGreaterThan(0);
    expect(b.length).toBe(a.length);
    const differing = [];
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differing.push(i);
    expect(differing, 'cells that differ after restore').toEqual([]);
  });

  it('after a rebuild the stations and FCs still split the network figures', () => {
    const sim = createSimulation(smallParams(), 5);
    sim.advanceTo(24 * 3600);
    const before = sim.network.facilities.length;
    const { rebuilt } = sim.setParams({ deliveryStationCount: sim.params.deliveryStationCount - 40 });
    expect(rebuilt).toBe(true);
    expect(sim.network.facilities.length).toBe(before - 40);
    expect(sim.readFacilityDeliveries().values.length).toBe(sim.network.facilities.length * STRIDE);
    sim.advanceTo(40 * 3600);
    const figures = networkFigures(sim);
    expectSplitsNetwork(sumOverKind(sim, DELIVERY_STATION), figures, 'stations after rebuild');
    expectSplitsNetwork(sumOverKind(sim, FULFILLMENT_CENTER), figures, 'FCs after rebuild');
  });

  describe('a hand-checked parcel', () => {
    // A five-facility network: FC 0 in region 0 ships through its gateway SC 1, region 1's hub
    // SC 2 and the station's parent SC 3 to station 4 (its lane to SC 3 is too thin to run
    // direct); facility 5 (another station) sees nothing.
    // Only the fields getNextSortCenter reads are given, hence the cast.
    const model = {
      stationParentSortCenter: Int32Array.from([-1, -1, -1, -1, 3, 3]),
      facilityRegion: Int32Array.from([0, 0, 1, 1, 1, 1]),
      gatewaySortCenter: Int32Array.from([1, -1, -1, -1, -1, -1]),
      regionHubSortCenter: Int32Array.from([1, 2]),
      kindIndex: Int32Array.from([0, 0, 1, 2, 0, 1]),
      sortationCenterIds: Int32Array.from([1, 2, 3]),
      directLane: new Uint8Array(3),
    } as unknown as NetworkModel;
    const ledger = new FacilityDeliveryLedger();
    ledger.ensureFacilities(6);
    // Flex, next-day, 3 h late (bin [2, 4) h), 30 h click to door, already late at the station.
    ledger.recordDelivery(model, 0, 4, 2, 1, 3 * 3600, 30 * 3600, true);
    // Van route cost share of 12 USD.
    ledger.recordAssignment(model, 0, 4, 1, 12);

    it('counts for the FC, every sortation center on its path and its station, and nowhere else', () => {
      for (let facility = 0; facility < 6; facility++) {
        const row = ledger.values.subarray(facility * STRIDE, (facility + 1) * STRIDE);
        const expected = new Float64Array(STRIDE);
        if (facility < 5) {
          expected[COL.delivered] = 1;
          expected[COL.deliveredByFlex] = 1;
          expected[COL.deliveredNextDay] = 1;
          expected[COL.late2To4H] = 1;
          expected[COL.lateHoursSum] = 3;
          expected[COL.clickToDoorHoursSum] = 30;
          expected[COL.lateBeforeLastMile] = 1;
          expected[COL.assignedVan] = 1;
          expected[COL.vanCostUsd] = 12;
        }
        expect(Array.from(row), `facility ${facility}`).toEqual(Array.from(expected));
      }
    });

    it('reads back as rates: 0 on time, 3 h late, 6 USD per real parcel at scale 0.5', () => {
      const kpis = getFacilityDeliveryKpis(ledger.values, 3, 0.5);
      expect(kpis.delivered).toBe(1);
      expect(kpis.onTimeRate).toBe(0);
      expect(kpis.meanLatenessH).toBe(3);
      expect(kpis.meanClickToDoorH).toBe(30);
      expect(kpis.lateBeforeLastMileShare).toBe(1);
      expect(kpis.byCarrier.flex.delivered).toBe(1);
      expect(kpis.byCarrier.flex.onTimeRate).toBe(0);
      expect(kpis.byCarrier.van.share).toBe(1);
      expect(kpis.byCarrier.van.costPerParcelUsd).toBe(6);
      expect(kpis.byCarrier.usps.costPerParcelUsd).toBeNaN();
      expect(kpis.byPromise.nextDay).toEqual({ delivered: 1, onTimeRate: 0 });
      expect(kpis.lateness.lateParcels).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
      expect(kpis.costPerParcelUsd).toBe(6);
    });

    it('an unknown facility is an error that names it', () => {
      expect(() => getFacilityDeliveryKpis(ledger.values, 6, 1)).toThrow(
        'facility 6 is not in the delivery ledger',
      );
    });

    it('a rebuild merges the rows of facilities that map to one', () => {
      const merged = ledger.copy();
      merged.remapFacilities(Int32Array.from([0, 1, 1, 1, 2, 2]), 3);
      expect(merged.values.length).toBe(3 * STRIDE);
      expect(merged.values[1 * STRIDE + COL.delivered]).toBe(3);
      expect(merged.values[2 * STRIDE + COL.delivered]).toBe(1);
      expect(ledger.values[1 * STRIDE + COL.delivered]).toBe(1);
    });
  });
});
