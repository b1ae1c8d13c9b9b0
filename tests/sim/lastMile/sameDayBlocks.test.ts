/**
 * Same-day Flex blocks (a later wave's blocks, flexBlocks.ts getSameDayFlexClass): their doors lie
 * far apart, so a block carries what its hours leave time for, not a car's worth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOPS_PER_PARCEL } from '../../../src/sim/lastMile/costModel';
import {
  getDoorToDoorDriveS,
  getFlexClass,
  getSameDayFlexClass,
  getSparseStopsPerParcel,
} from '../../../src/sim/lastMile/flexBlocks';
import { defaultParams } from '../../../src/sim/params';
import { getMeanServiceReachKm } from '../../../src/sim/serviceAreas';
import { createWorld, handOff, runLastMile } from './lastMileWorld';

const DAY = 86400;

/** Real parcels one block of the class carries. */
function getBlockParcels(vehicle: { capacity: number; realPerModelled: number }): number {
  return vehicle.capacity * vehicle.realPerModelled;
}

describe('same-day Flex blocks', () => {
  const params = { ...defaultParams(), scale: 0.01 };

  it('carry fewer parcels the farther apart their doors lie, never more than a car', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (spacingKm, moreKm, meanDoorKm) => {
          const near = getSameDayFlexClass(params, {
            doorSpacingKm: spacingKm,
            routeDoorSpacingKm: 0.2,
            meanDoorKm,
            stopsPerParcel: STOPS_PER_PARCEL,
          });
          const far = getSameDayFlexClass(params, {
            doorSpacingKm: spacingKm + moreKm,
            routeDoorSpacingKm: 0.2,
            meanDoorKm,
            stopsPerParcel: STOPS_PER_PARCEL,
          });
          expect(getBlockParcels(far)).toBeLessThanOrEqual(getBlockParcels(near) + 1e-9);
          expect(getBlockParcels(near)).toBeLessThanOrEqual(params.flexCapacityParcels + 1e-9);
          expect(getBlockParcels(far)).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  it("at a full route's door spacing a block fills its hours as an ordinary block's stops do", () => {
    // Doors as close as a van route's: a stop takes a Flex stop's time, and a 3 h block (2.75 h
    // after loading) with no drive out carries 2.75 h / 180 s = 55 stops = 84 parcels, a car's 60.
    const dense = getSameDayFlexClass(params, {
      doorSpacingKm: 0.2,
      routeDoorSpacingKm: 0.2,
      meanDoorKm: 0,
      stopsPerParcel: STOPS_PER_PARCEL,
    });
    expect(getBlockParcels(dense)).toBe(params.flexCapacityParcels);
    expect(dense.dwellS).toBeCloseTo(getFlexClass(params).dwellS, 6);
  });

  it("a mean station's later wave: ~140 real stops over a 13.6 km area make blocks of about 24 parcels", () => {
    // The wave's doors 1.8 km apart on the grid (0.7124 x 4/pi x sqrt(area / stops)); a full
    // route's 0.18 km; the mean door 11.5 km out on the grid. Each stop adds ~3 minutes of driving
    // to a Flex stop's 3, so 2.2 h on the road after the drive out and back make ~23 stops; the
    // wave's ~145 parcels are 0.6% of the fleet's 22,500 a day, so a stop holds ~1.003 of them.
    const reachKm = 13.6;
    const areaKm2 = Math.PI * reachKm * reachKm;
    const bhhOnGrid = (0.7124 * 4) / Math.PI;
    const geometry = {
      doorSpacingKm: bhhOnGrid * Math.sqrt(areaKm2 / 140),
      routeDoorSpacingKm: bhhOnGrid * Math.sqrt(areaKm2 / (75 * 300 * STOPS_PER_PARCEL)),
      meanDoorKm: ((2 / 3) * reachKm * 4) / Math.PI,
    };
    const vehicle = getSameDayFlexClass(params, {
      ...geometry,
      stopsPerParcel: getSparseStopsPerParcel(145 / (75 * 300)),
    });
    expect(getBlockParcels(vehicle)).toBeGreaterThan(18);
    expect(getBlockParcels(vehicle)).toBeLessThan(30);
    expect(vehicle.dwellS).toBeGreaterThan(getFlexClass(params).dwellS * 0.5);
    // Counted at a full route's 1.53 parcels a stop, the same hours carried half as many again.
    const asFullRoute = getSameDayFlexClass(params, { ...geometry, stopsPerParcel: STOPS_PER_PARCEL });
    expect(getBlockParcels(asFullRoute)).toBeGreaterThan(1.4 * getBlockParcels(vehicle));
  });

  it("a wave's stops per parcel run from a full route's (a whole day's parcels) to one a parcel (a few)", () => {
    expect(getSparseStopsPerParcel(1)).toBeCloseTo(STOPS_PER_PARCEL, 6);
    expect(getSparseStopsPerParcel(0)).toBe(1);
    expect(getSparseStopsPerParcel(0.05)).toBeGreaterThan(0.97);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          // More of the day's parcels in the wave: more of them share a door.
          expect(getSparseStopsPerParcel(more)).toBeLessThanOrEqual(getSparseStopsPerParcel(fewer) + 1e-12);
        },
      ),
    );
  });

  it('drives between doors on local streets, or on arterials when that is quicker', () => {
    expect(getDoorToDoorDriveS(0.2)).toBeCloseTo((0.2 / 24) * 3600, 6);
    expect(getDoorToDoorDriveS(10)).toBeLessThan((10 / 24) * 3600);
    expect(getDoorToDoorDriveS(10)).toBeGreaterThan((10 / 48) * 3600);
  });

  it("a later wave's few same-day parcels ride blocks of fewer parcels than a busy wave's", () => {
    // The same station and wave (ready at 11:00 local, after the vans left; every parcel
    // promised today, so the 13:00 wave offers it a block), 3 modelled parcels (300 real) against
    // 40 (4,000 real): the sparse wave's doors lie ~3.7x as far apart.
    const { model } = createWorld(1);
    const byReach = Array.from(model.stationIds).sort(
      (a, b) =>
        getMeanServiceReachKm(model.serviceReachKm, model.kindIndex[a]) -
          getMeanServiceReachKm(model.serviceReachKm, model.kindIndex[b]) || a - b,
    );
    const station = byReach[Math.floor(byReach.length / 2)];
    const parcelsPerBlock = (count: number) => {
      const world = createWorld(1, { flexBaseAcceptance: 1 });
      const readyS = DAY + (11 - model.facilityOffsetH[station]) * 3600;
      const first = world.handed.length;
      handOff(world, station, count, readyS, 5, {
        ruralShare: 0,
        inDrawnArea: true,
        orderFromS: readyS - 3600,
      });
      const c = world.host.parcels.columns;
      for (const id of world.handed.slice(first)) c.promise[world.host.parcels.getSlot(id)] = 0;
      runLastMile(world, readyS - 300, readyS + DAY / 2, 300);
      const blocks = world.lastMile.getFlow('flexSameDayRoutes');
      expect(blocks, `${count} parcels: same-day blocks`).toBeGreaterThan(0);
      return world.lastMile.getFlow('flexSameDayParcelsOnRoutes') / blocks;
    };
    const sparse = parcelsPerBlock(3);
    const busy = parcelsPerBlock(40);
    expect(sparse, 'real parcels a block, 300 same-day parcels in the wave').toBeLessThan(0.8 * busy);
    expect(sparse, 'real parcels a block, 300 same-day parcels in the wave').toBeLessThan(45);
  });
});
