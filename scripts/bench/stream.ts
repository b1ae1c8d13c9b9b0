/**
 * What the worker streams to the page per sim hour at the default scale in the steady state
 * (sim day 2): the trip batches (every vehicle's path, stops and times as typed arrays) and the
 * per-facility state of each tick (every 300 sim s, the page's default), and how long the model
 * takes to produce an hour of them. The KPI rows of a tick are a few hundred numbers and left out.
 * Trips are drawn as the worker draws them for the page's opening view (the whole country, no
 * street shown): last-mile trips stop to stop (streetDetailView.ts).
 */
import { defaultParams } from '../../src/sim/params';
import { createSimulation, type FacilityState } from '../../src/sim/simulation';
import { getTripBatchBytes } from '../../src/sim/trips';
import { type BenchFigure, createTimingFigure } from '../benchFigures';

export const title = 'bytes the worker streams per sim hour (trips, facility ticks), default scale, day 2';

/** Sim seconds between two ticks at the page's default. */
const TICK_INTERVAL_S = 300;
/** Budget for trips + facility ticks per sim hour at the default scale (the 30-day soak of `npm run test:deep` holds its trips to it). */
export const STREAM_BUDGET_MB_PER_SIM_HOUR = 8;

function getFacilityStateBytes(state: FacilityState): number {
  let bytes = 8;
  for (const value of Object.values(state)) if (ArrayBuffer.isView(value)) bytes += value.byteLength;
  return bytes;
}

export async function run(): Promise<BenchFigure[]> {
  const sim = createSimulation(defaultParams(), 7);
  sim.setStreetDetailBounds(null);
  sim.advanceTo(86400);
  sim.drainTrips();
  const bytesPerHour: number[] = [];
  const msPerHour: number[] = [];
  let trips = 0;
  let vertices = 0;
  for (let hour = 24; hour < 48; hour++) {
    let bytes = 0;
    const started = performance.now();
    for (let t = hour * 3600 + TICK_INTERVAL_S; t <= (hour + 1) * 3600; t += TICK_INTERVAL_S) {
      sim.advanceTo(t);
      const batch = sim.drainTrips();
      trips += batch.length;
      vertices += batch.pathStartIndices[batch.length];
      bytes += getTripBatchBytes(batch) + getFacilityStateBytes(sim.readFacilityState());
    }
    msPerHour.push(performance.now() - started);
    bytesPerHour.push(bytes / 1e6);
  }
  console.log(
    `day 2: ${trips.toLocaleString('en-US')} trips, ${vertices.toLocaleString('en-US')} vertices; ${bytesPerHour.map((mb) => mb.toFixed(2)).join(' ')} MB by hour`,
  );
  return [
    createTimingFigure('trips + facility ticks streamed per sim hour, day 2 (hours)', bytesPerHour, 'MB', {
      max: STREAM_BUDGET_MB_PER_SIM_HOUR,
    }),
    createTimingFigure('model time to produce one sim hour, day 2', msPerHour, 'ms', { max: 1000 }),
  ];
}
