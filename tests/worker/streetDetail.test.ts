import { describe, expect, test } from 'vitest';
import { VEHICLE_LINE_HAUL } from '../../src/sim/kinds';
import type { LonLatBounds, TripBatch } from '../../src/sim/simulation';
import { STREET_DETAIL_ZOOM } from '../../src/worker/streetDetailView';
import { concatTripBatches } from '../../src/worker/tripSieve';
import { fingerprint, smallParams } from '../sim/simHelpers';
import { HostDriver } from './hostDriver';

const H = 3600;
const SEED = 7;
/** Day 1, 11:00: the morning's vans are out. */
const WAVE_S = 11 * H;
const NATIONAL = { west: -125, south: 24, east: -66, north: 50 };

/** The trips a message list carried (the page's trips, not answers to drawStreets). */
function tripsOf(host: HostDriver, from = 0): TripBatch {
  return concatTripBatches(
    host
      .since(from)
      .flatMap((message) => (message.type === 'trips' && !message.streetPaths ? [message.batch] : [])),
  );
}

/** Last-mile trips with door stops (vans, Flex, carriers' door runs): those on a street grid. */
function doorRuns(batch: TripBatch): number[] {
  const runs: number[] = [];
  for (let trip = 0; trip < batch.length; trip++)
    if (
      batch.vehicleKind[trip] !== VEHICLE_LINE_HAUL &&
      (batch.stopStartIndices as Uint32Array)[trip + 1] > (batch.stopStartIndices as Uint32Array)[trip]
    )
      runs.push(trip);
  return runs;
}

function vertexCount(batch: TripBatch, trip: number): number {
  return batch.pathStartIndices[trip + 1] - batch.pathStartIndices[trip];
}

describe('the worker draws streets only where the map shows them', () => {
  test('zoomed out every door run comes stop to stop; at street zoom over a station its runs come street by street, and drawStreets draws the rest', () => {
    const host = HostDriver.start(smallParams(), SEED);
    host.send({ type: 'viewport', bounds: NATIONAL, zoom: 4 });
    host.send({ type: 'seek', timeS: WAVE_S });
    const zoomedOut = tripsOf(host);
    const runs = doorRuns(zoomedOut);
    expect(runs.length).toBeGreaterThan(50);
    for (const trip of runs) {
      const station = (zoomedOut.streetGridStation as Int32Array)[trip];
      expect({ trip, stopLevel: station >= 0 }).toEqual({ trip, stopLevel: true });
      expect(vertexCount(zoomedOut, trip)).toBeLessThanOrEqual(2 * zoomedOut.stopCount[trip] + 2);
    }

    // The view round one station's area at street zoom (a van's first door in the middle).
    const van = runs[0];
    const door = zoomedOut.pathStartIndices[van] + 1;
    const lon = zoomedOut.positions[2 * door];
    const lat = zoomedOut.positions[2 * door + 1];
    const view: LonLatBounds = { west: lon - 0.02, south: lat - 0.015, east: lon + 0.02, north: lat + 0.015 };
    let mark = host.received.length;
    host.send({ type: 'viewport', bounds: view, zoom: STREET_DETAIL_ZOOM + 3 });
    host.send({ type: 'seek', timeS: WAVE_S });
    const zoomedIn = tripsOf(host, mark);
    // The seek replays from a few hours before: the trips still on the road then come again.
    const again = new Map(Array.from(zoomedIn.vehicleId, (id, trip) => [id, trip]));
    const inView = runs.filter((trip) => {
      const other = again.get(zoomedOut.vehicleId[trip]);
      return other !== undefined && (zoomedIn.streetGridStation as Int32Array)[other] === -1;
    });
    expect(inView).toContain(van);
    expect(inView.length).toBeLessThan(runs.length / 2);
    for (const trip of inView)
      expect(vertexCount(zoomedIn, again.get(zoomedOut.vehicleId[trip]) as number)).toBeGreaterThan(
        vertexCount(zoomedOut, trip),
      );

    // The page holds the zoomed-out trips and asks for the streets of those in view.
    const asked = concatTripBatches([zoomedOut], [Uint32Array.from(inView)]);
    mark = host.received.length;
    host.send({ type: 'drawStreets', batch: asked });
    const answers = host.since(mark).filter((message) => message.type === 'trips');
    expect(answers).toHaveLength(1);
    const answer = answers[0] as Extract<(typeof answers)[number], { type: 'trips' }>;
    expect(answer.streetPaths).toBe(true);
    expect(Array.from(answer.batch.vehicleId)).toEqual(inView.map((trip) => zoomedOut.vehicleId[trip]));
    // Each drawn as the worker draws a trip in view (a stop within ~1 m of halfway between two
    // streets may turn at the other: Float32 degrees).
    let same = 0;
    inView.forEach((trip, k) => {
      const drawn = again.get(zoomedOut.vehicleId[trip]) as number;
      if (vertexCount(answer.batch, k) === vertexCount(zoomedIn, drawn)) same++;
      const end = answer.batch.pathStartIndices[k + 1] - 1;
      expect(answer.batch.vertexOffsetsS[end]).toBe(
        zoomedIn.vertexOffsetsS[zoomedIn.pathStartIndices[drawn + 1] - 1],
      );
    });
    expect(same).toBeGreaterThanOrEqual(inView.length - 1);
  });

  test('what the map shows changes no figure of the run: the model is the same bit for bit', () => {
    const zoomedOut = HostDriver.start(smallParams(), SEED);
    zoomedOut.send({ type: 'viewport', bounds: NATIONAL, zoom: 4 });
    const zoomedIn = HostDriver.start(smallParams(), SEED);
    zoomedIn.send({
      type: 'viewport',
      bounds: { west: -88, south: 41.6, east: -87.5, north: 42.1 },
      zoom: 13,
    });
    for (const host of [zoomedOut, zoomedIn]) {
      host.playTo(10 * H, 2 * H);
      host.send({ type: 'seek', timeS: 9 * H });
      host.playTo(13 * H);
    }
    expect(zoomedIn.messagesOf('tick').map((tick) => tick.kpis.cumulative)).toEqual(
      zoomedOut.messagesOf('tick').map((tick) => tick.kpis.cumulative),
    );
    zoomedIn.model().drainTrips();
    zoomedOut.model().drainTrips();
    expect(fingerprint(zoomedIn.model(), [])).toEqual(fingerprint(zoomedOut.model(), []));
  });
});
