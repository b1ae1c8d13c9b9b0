import { beforeAll, describe, expect, it } from 'vitest';
import { VEHICLE_LINE_HAUL } from '../../src/sim/kinds';
import { createSimulation, EVERYWHERE, type Simulation, type TripBatch } from '../../src/sim/simulation';
import { drawStreetPaths } from '../../src/worker/streetPaths';
import { concatTripBatches } from '../../src/worker/tripSieve';
import { fingerprint, smallParams } from './simHelpers';

/** Day 1 to 14:00: the morning's vans, Flex blocks and carrier runs are out. */
const UNTIL_S = 14 * 3600;

/** Runs seed 7 to UNTIL_S in ticks, drawing street detail where `bounds` says, and drains its trips. */
function runDrawing(bounds: Parameters<Simulation['setStreetDetailBounds']>[0]) {
  const sim = createSimulation(smallParams(), 7);
  sim.setStreetDetailBounds(bounds);
  const batches: TripBatch[] = [];
  for (let t = 1800; t <= UNTIL_S; t += 1800) {
    sim.advanceTo(t);
    batches.push(sim.drainTrips());
  }
  return { sim, trips: concatTripBatches(batches) };
}

/** Absolute sim second of each door arrival, in trip order (stop vertex times). */
function arrivalTimes(batch: TripBatch): Float64Array {
  const starts = batch.stopStartIndices as Uint32Array;
  const out = new Float64Array(starts[batch.length]);
  for (let trip = 0; trip < batch.length; trip++)
    for (let s = starts[trip]; s < starts[trip + 1]; s++)
      out[s] =
        batch.departS[trip] +
        batch.vertexOffsetsS[batch.pathStartIndices[trip] + (batch.stopVertexIndices as Uint32Array)[s]];
  return out;
}

function vertexCount(batch: TripBatch, trip: number): number {
  return batch.pathStartIndices[trip + 1] - batch.pathStartIndices[trip];
}

describe('street detail only where the page shows streets', () => {
  let full: ReturnType<typeof runDrawing>;
  let stopLevel: ReturnType<typeof runDrawing>;
  beforeAll(() => {
    full = runDrawing(EVERYWHERE);
    stopLevel = runDrawing(null);
  });

  it('the model computes the same run whatever is drawn: state, figures and door times bit for bit', () => {
    expect(fingerprint(stopLevel.sim, [])).toEqual(fingerprint(full.sim, []));
    const a = full.trips;
    const b = stopLevel.trips;
    expect(b.length).toBe(a.length);
    expect(b.vehicleId).toEqual(a.vehicleId);
    expect(b.departS).toEqual(a.departS);
    expect(b.stopParcelIds).toEqual(a.stopParcelIds);
    expect(arrivalTimes(b)).toEqual(arrivalTimes(a));
    // Every trip ends when it did.
    for (let trip = 0; trip < a.length; trip++)
      expect(b.vertexOffsetsS[b.pathStartIndices[trip + 1] - 1]).toBe(
        a.vertexOffsetsS[a.pathStartIndices[trip + 1] - 1],
      );
  });

  it('stop to stop, last-mile trips have about a third of the vertices; line-haul keeps its path', () => {
    const a = full.trips;
    const b = stopLevel.trips;
    let lastMileFull = 0;
    let lastMileStops = 0;
    for (let trip = 0; trip < a.length; trip++) {
      const lineHaul = a.vehicleKind[trip] === VEHICLE_LINE_HAUL;
      // Hand-off trucks to a carrier's hub drive highways: no street grid.
      const onStreets = (b.streetGridStation as Int32Array)[trip] >= 0;
      if (lineHaul) expect({ trip, onStreets }).toEqual({ trip, onStreets: false });
      if (!onStreets) {
        expect(vertexCount(b, trip)).toBe(vertexCount(a, trip));
        continue;
      }
      // Origin, arrival and departure at each door, end.
      expect(vertexCount(b, trip)).toBeLessThanOrEqual(2 * b.stopCount[trip] + 2);
      lastMileFull += vertexCount(a, trip);
      lastMileStops += vertexCount(b, trip);
    }
    expect(lastMileFull).toBeGreaterThan(10_000);
    expect(lastMileStops / lastMileFull).toBeLessThan(0.4);
    expect((full.trips.streetGridStation as Int32Array).every((station) => station === -1)).toBe(true);
  });

  it('drawn back on the streets, a stop-level trip is the trip the model drove', () => {
    const a = full.trips;
    const redrawn = drawStreetPaths(stopLevel.trips, full.sim.network.facilities);
    expect(arrivalTimes(redrawn)).toEqual(arrivalTimes(a));
    // Float32 degrees carry a place to ~1 m, so a stop within ~1 m of halfway between two streets
    // may take the other (a corner a block or an arterial away); the rest are the same corners at
    // the same times.
    let same = 0;
    for (let trip = 0; trip < a.length; trip++) {
      if (vertexCount(redrawn, trip) !== vertexCount(a, trip)) continue;
      let worstDeg = 0;
      let worstS = 0;
      for (let v = a.pathStartIndices[trip]; v < a.pathStartIndices[trip + 1]; v++) {
        const w = redrawn.pathStartIndices[trip] + v - a.pathStartIndices[trip];
        worstDeg = Math.max(
          worstDeg,
          Math.abs(redrawn.positions[2 * w] - a.positions[2 * v]),
          Math.abs(redrawn.positions[2 * w + 1] - a.positions[2 * v + 1]),
        );
        worstS = Math.max(worstS, Math.abs(redrawn.vertexOffsetsS[w] - a.vertexOffsetsS[v]));
      }
      if (worstDeg < 2e-5 && worstS < 0.5) same++;
    }
    expect(same / a.length).toBeGreaterThan(0.995);
    expect((redrawn.streetGridStation as Int32Array).every((station) => station === -1)).toBe(true);
  });

  it('a trip keeps its streets when its path meets the bounds, and only then', () => {
    // A box round one station's area: its trips keep streets, the rest go stop to stop.
    const a = full.trips;
    const trip = a.vehicleKind.findIndex((kind) => kind !== VEHICLE_LINE_HAUL);
    const station = a.originFacility[trip];
    const { lon, lat } = full.sim.network.facilities[station];
    const bounds = { west: lon - 0.05, south: lat - 0.05, east: lon + 0.05, north: lat + 0.05 };
    const boxed = runDrawing(bounds).trips;
    let kept = 0;
    for (let t = 0; t < a.length; t++) {
      if (a.vehicleKind[t] === VEHICLE_LINE_HAUL) continue;
      let meets = false;
      for (let v = a.pathStartIndices[t]; v < a.pathStartIndices[t + 1] && !meets; v++) {
        const vLon = a.positions[2 * v];
        const vLat = a.positions[2 * v + 1];
        meets = vLon >= bounds.west && vLon <= bounds.east && vLat >= bounds.south && vLat <= bounds.north;
      }
      const detailed = (boxed.streetGridStation as Int32Array)[t] === -1;
      // A vertex inside is enough; a path can also cross the box between vertices.
      if (meets) expect({ t, detailed }).toEqual({ t, detailed: true });
      if (detailed) kept++;
    }
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(a.length / 2);
  });
});
