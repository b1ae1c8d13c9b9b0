/**
 * A route's trip is timed by the model alone: drawn street by street or stop to stop (where no
 * view can see its streets), every arrival, its km and its duration are the same to the bit; the
 * stop-to-stop trip holds only its origin, each door as it arrives and leaves, and its end; and a
 * route whose streets meet the view is never left stop to stop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RouteFrame, RouteTripScratch, writeRouteTrip } from '../../../src/sim/lastMile/routeTrips';
import { createStreetGrid, MAX_PATH_VERTICES } from '../../../src/sim/lastMile/streetGrid';
import { EVERYWHERE, type LonLatBounds } from '../../../src/sim/trips';

const LAT_DEG_PER_KM = 1 / 111.32;

function createFrame(station: number, rushFactor: number): RouteFrame {
  const lat = 40;
  return {
    grid: createStreetGrid(station),
    lon: -75,
    lat,
    lonDegPerKm: LAT_DEG_PER_KM / Math.cos((lat * Math.PI) / 180),
    latDegPerKm: LAT_DEG_PER_KM,
    offsetH: 0,
    rushFactor,
    weatherFactor: 0.9,
  };
}

const point = fc.tuple(
  fc.double({ min: -15, max: 15, noNaN: true }),
  fc.double({ min: -15, max: 15, noNaN: true }),
);
const route = fc.record({
  station: fc.nat(500),
  stops: fc.array(point, { minLength: 1, maxLength: 12 }),
  // Some legs at rush hour: 16:00 local falls inside a long route leaving from 12:00.
  departS: fc.integer({ min: 6 * 3600, max: 15 * 3600 }),
  // The same door twice in a row, now and then (two parcels for one address).
  repeatFirst: fc.boolean(),
});

function drive(
  frame: RouteFrame,
  stops: [number, number][],
  departS: number,
  bounds: LonLatBounds | null,
): RouteTripScratch {
  const xy = new Float64Array(stops.flat());
  const out = new RouteTripScratch();
  writeRouteTrip(out, frame, xy, stops.length, 0, 0, departS, 60, true, null, bounds);
  return out;
}

describe('a route trip', () => {
  it('is timed the same to the bit whether its streets are drawn or not', () => {
    fc.assert(
      fc.property(route, ({ station, stops, departS, repeatFirst }) => {
        const doors = repeatFirst ? [stops[0], ...stops] : stops;
        const frame = createFrame(station, 0.6);
        const streets = drive(frame, doors, departS, EVERYWHERE);
        const stopToStop = drive(frame, doors, departS, null);
        expect(streets.drewStreets).toBe(true);
        expect(stopToStop.drewStreets).toBe(false);
        for (let k = 0; k < doors.length; k++) expect(stopToStop.arriveS[k]).toBe(streets.arriveS[k]);
        expect(stopToStop.pathKm).toBe(streets.pathKm);
        expect(stopToStop.durationS).toBe(streets.durationS);
        // Origin, arrival and departure at each door, the way back's end.
        expect(stopToStop.vertexCount).toBe(2 * doors.length + 2);
        expect(streets.vertexCount).toBeGreaterThan(stopToStop.vertexCount);
        expect(streets.vertexCount).toBeLessThanOrEqual(
          (doors.length + 1) * MAX_PATH_VERTICES + doors.length + 1,
        );
        // Each door is reached at its arrival in both drawings (vertex offsets are Float32).
        for (let k = 0; k < doors.length; k++) {
          const arrivalS = Math.fround(streets.arriveS[k] - departS);
          expect(streets.offsetsS[streets.stopVertex[k]]).toBeCloseTo(arrivalS, 1);
          expect(stopToStop.offsetsS[stopToStop.stopVertex[k]]).toBeCloseTo(arrivalS, 1);
        }
        // Drawn times strictly rise.
        for (const trip of [streets, stopToStop])
          for (let v = 1; v < trip.vertexCount; v++)
            expect(trip.offsetsS[v]).toBeGreaterThan(trip.offsetsS[v - 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out only streets no view can see: a route whose streets meet the bounds keeps them', () => {
    fc.assert(
      fc.property(
        route,
        point,
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        ({ station, stops, departS }, [viewX, viewY], viewKm) => {
          const frame = createFrame(station, 0.6);
          const streets = drive(frame, stops, departS, EVERYWHERE);
          // A small view somewhere around the route (km from the station, in degrees).
          const view: LonLatBounds = {
            west: frame.lon + viewX * frame.lonDegPerKm,
            south: frame.lat + viewY * frame.latDegPerKm,
            east: frame.lon + (viewX + viewKm) * frame.lonDegPerKm,
            north: frame.lat + (viewY + viewKm) * frame.latDegPerKm,
          };
          let west = Number.POSITIVE_INFINITY;
          let south = Number.POSITIVE_INFINITY;
          let east = Number.NEGATIVE_INFINITY;
          let north = Number.NEGATIVE_INFINITY;
          for (let v = 0; v < streets.vertexCount; v++) {
            west = Math.min(west, streets.positions[2 * v]);
            east = Math.max(east, streets.positions[2 * v]);
            south = Math.min(south, streets.positions[2 * v + 1]);
            north = Math.max(north, streets.positions[2 * v + 1]);
          }
          const streetsMeetView =
            west <= view.east && east >= view.west && south <= view.north && north >= view.south;
          const inView = drive(frame, stops, departS, view);
          if (streetsMeetView) expect(inView.drewStreets).toBe(true);
          if (!inView.drewStreets) expect(inView.vertexCount).toBe(2 * stops.length + 2);
        },
      ),
      { numRuns: 500 },
    );
  });
});
