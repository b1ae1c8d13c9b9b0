/**
 * Street paths drawn back into stop-level trips. The worker thins the last-mile trips the page
 * does not show at street zoom to their stops (TripBuffer.streetDetailBounds); when the view
 * comes to them, the page sends those trips back and the worker draws each leg between two
 * doors along its station's street grid again, as the model drove it (streetGrid.ts's path
 * between the two places), and answers with the same trips, street by street.
 *
 * Times: each door's arrival and departure stay as they are (the model's); the vertices of a leg
 * between them are timed by the street classes' speeds, as writeRouteTrip times them (one speed
 * factor over a leg), so the vehicle passes each corner when it did in the model's trip.
 */
import { LAT_DEG_PER_KM, lonDegPerKm } from '../sim/geo';
import {
  createStreetGrid,
  MAX_PATH_VERTICES,
  STREET_SPEED_KMH,
  type StreetGrid,
  writeStreetPath,
} from '../sim/lastMile/streetGrid';
import type { Network, TripBatch } from '../sim/simulation';
import { growTypedArray } from '../sim/typedArrays';
import { hypot } from '../sim/portableMath';

/** A leg's street path in km east, north of the station (x, y; stride 2) and its segment classes. */
const legXy = new Float64Array(MAX_PATH_VERTICES * 2);
const legClass = new Uint8Array(MAX_PATH_VERTICES);
/** Free-flow seconds from a leg's start to each of its vertices. */
const legSeconds = new Float64Array(MAX_PATH_VERTICES);

/**
 * The trips of `batch` with street paths: a stop-level trip (streetGridStation >= 0) gets the
 * streets of its station's grid between consecutive places of its path; a trip drawn in full is
 * copied as it is. Door stops are re-indexed into the new paths. A new batch; `batch` is unchanged.
 */
export function drawStreetPaths(batch: TripBatch, facilities: Network['facilities']): TripBatch {
  const grids = new Map<number, StreetGrid>();
  let positions = new Float32Array(Math.max(16, batch.positions.length * 4));
  let offsetsS = new Float32Array(positions.length / 2);
  const pathStartIndices = new Uint32Array(batch.length + 1);
  const stopVertexIndices = batch.stopVertexIndices?.slice();
  let n = 0;
  const push = (lon: number, lat: number, offsetS: number) => {
    if (n === offsetsS.length) {
      offsetsS = growTypedArray(offsetsS, offsetsS.length * 2);
      positions = growTypedArray(positions, positions.length * 2);
    }
    positions[2 * n] = lon;
    positions[2 * n + 1] = lat;
    offsetsS[n] = offsetS;
    n++;
  };
  for (let trip = 0; trip < batch.length; trip++) {
    const first = batch.pathStartIndices[trip];
    const end = batch.pathStartIndices[trip + 1];
    const tripStart = n;
    const station = batch.streetGridStation?.[trip] ?? -1;
    const facility = station >= 0 ? facilities[station] : undefined;
    if (!facility || end - first < 2) {
      for (let v = first; v < end; v++)
        push(batch.positions[2 * v], batch.positions[2 * v + 1], batch.vertexOffsetsS[v]);
      pathStartIndices[trip + 1] = n;
      continue;
    }
    let grid = grids.get(station);
    if (!grid) {
      grid = createStreetGrid(station);
      grids.set(station, grid);
    }
    const lonPerKm = lonDegPerKm(facility.lat);
    // Where each vertex of the stop-level path lands in the new one (for the door stops).
    const newIndexOf = new Uint32Array(end - first);
    newIndexOf[0] = tripStart;
    push(batch.positions[2 * first], batch.positions[2 * first + 1], batch.vertexOffsetsS[first]);
    for (let v = first + 1; v < end; v++) {
      const aLon = batch.positions[2 * v - 2];
      const aLat = batch.positions[2 * v - 1];
      const bLon = batch.positions[2 * v];
      const bLat = batch.positions[2 * v + 1];
      const aS = batch.vertexOffsetsS[v - 1];
      const bS = batch.vertexOffsetsS[v];
      if (aLon !== bLon || aLat !== bLat) {
        const count = writeStreetPath(
          legXy,
          legClass,
          0,
          grid,
          (aLon - facility.lon) / lonPerKm,
          (aLat - facility.lat) / LAT_DEG_PER_KM,
          (bLon - facility.lon) / lonPerKm,
          (bLat - facility.lat) / LAT_DEG_PER_KM,
        );
        legSeconds[0] = 0;
        for (let i = 1; i < count; i++) {
          const km = hypot(legXy[2 * i] - legXy[2 * i - 2], legXy[2 * i + 1] - legXy[2 * i - 1]);
          legSeconds[i] = legSeconds[i - 1] + (km / STREET_SPEED_KMH[legClass[i - 1]]) * 3600;
        }
        const legS = legSeconds[count - 1];
        // The corners between the two places; the leg's ends are the trip's own vertices.
        for (let i = 1; i < count - 1; i++) {
          const offsetS = Math.fround(aS + ((bS - aS) * legSeconds[i]) / legS);
          // Float32 times must rise strictly along a path: a corner that would not is left out.
          if (offsetS <= offsetsS[n - 1] || offsetS >= bS) continue;
          push(
            facility.lon + legXy[2 * i] * lonPerKm,
            facility.lat + legXy[2 * i + 1] * LAT_DEG_PER_KM,
            offsetS,
          );
        }
      }
      newIndexOf[v - first] = n;
      push(bLon, bLat, bS);
    }
    pathStartIndices[trip + 1] = n;
    if (stopVertexIndices && batch.stopStartIndices) {
      for (let s = batch.stopStartIndices[trip]; s < batch.stopStartIndices[trip + 1]; s++)
        stopVertexIndices[s] = newIndexOf[stopVertexIndices[s]] - tripStart;
    }
  }
  return {
    ...batch,
    streetGridStation: new Int32Array(batch.length).fill(-1),
    pathStartIndices,
    positions: positions.slice(0, 2 * n),
    vertexOffsetsS: offsetsS.slice(0, n),
    ...(stopVertexIndices ? { stopVertexIndices } : {}),
  };
}
