import { afterEach, describe, expect, test } from 'vitest';
import type { TripBatch } from '../../src/sim/simulation';
import { concatTripBatches } from '../../src/worker/tripSieve';
import { TRIP_FLUSH_LIMITS } from '../../src/worker/workerRun';
import { smallParams } from '../sim/simHelpers';
import { HostDriver, type TickMessage } from './hostDriver';

const H = 3600;
const SEED = 7;
const DEFAULT_LIMITS = { ...TRIP_FLUSH_LIMITS };

/** Plays a run through the morning's waves (to 12:00) in half-hour advances, ticking every 5 min. */
function playMorning(): HostDriver {
  const host = HostDriver.start(smallParams(), SEED);
  for (let displayS = 0.5 * H; displayS <= 12 * H; displayS += 0.5 * H) host.playTo(displayS);
  return host;
}

function tripBatchesOf(host: HostDriver): TripBatch[] {
  return host.messagesOf('trips').flatMap((message) => (message.streetPaths ? [] : [message.batch]));
}

/** Each column of a batch as a plain array, to compare two runs' trips whatever their batches. */
function columnsOf(batch: TripBatch): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(batch).map(([name, value]) => [
      name,
      ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : [value as number],
    ]),
  );
}

describe('the worker sends trips mid-step when its model holds many', () => {
  afterEach(() => Object.assign(TRIP_FLUSH_LIMITS, DEFAULT_LIMITS));

  test('a wave dispatching more than the limits goes in several messages, the same trips in the same order, and the ticks are the same', () => {
    const whole = playMorning();
    Object.assign(TRIP_FLUSH_LIMITS, { vertices: 800, stops: 300 });
    const flushed = playMorning();
    const wholeBatches = tripBatchesOf(whole);
    const flushedBatches = tripBatchesOf(flushed);
    // The morning's van wave alone dispatches more than the lowered limits in one step.
    expect(flushedBatches.length).toBeGreaterThan(wholeBatches.length + 3);
    expect(columnsOf(concatTripBatches(flushedBatches))).toEqual(columnsOf(concatTripBatches(wholeBatches)));
    // No message holds more than the limit and one trip: a flush comes before the trip that passes it.
    const all = concatTripBatches(wholeBatches);
    let longestTrip = 0;
    for (let trip = 0; trip < all.length; trip++)
      longestTrip = Math.max(longestTrip, all.pathStartIndices[trip + 1] - all.pathStartIndices[trip]);
    const biggest = Math.max(...flushedBatches.map((batch) => batch.pathStartIndices[batch.length]));
    expect(Math.max(...wholeBatches.map((batch) => batch.pathStartIndices[batch.length]))).toBeGreaterThan(
      800,
    );
    expect(biggest).toBeLessThanOrEqual(800 + longestTrip);
    const ticks = (host: HostDriver) =>
      host.messagesOf('tick').map((tick: TickMessage) => [tick.timeS, Array.from(tick.kpis.cumulative)]);
    expect(ticks(flushed)).toEqual(ticks(whole));
  });
});
