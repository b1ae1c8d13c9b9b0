import { describe, expect, it } from 'vitest';
import { type TripBatch, TripBuffer } from '../../src/sim/trips';
import { withArrayBufferTransfer } from './arrayBufferTransfer';

/** Appends `count` trips of `vertices` vertices and `stops` door stops each, numbered from `firstId`. */
function appendTrips(
  buffer: TripBuffer,
  firstId: number,
  count: number,
  vertices: number,
  stops: number,
): void {
  const positions = new Float32Array(vertices * 2);
  const offsets = new Float32Array(vertices);
  const stopVertex = new Uint32Array(stops);
  const parcelIds = new Float64Array(stops);
  const dueS = new Float64Array(stops);
  for (let trip = firstId; trip < firstId + count; trip++) {
    for (let v = 0; v < vertices; v++) {
      positions[2 * v] = -100 + trip * 1e-3;
      positions[2 * v + 1] = 40 + v * 1e-3;
      offsets[v] = v * 10;
    }
    for (let s = 0; s < stops; s++) {
      stopVertex[s] = s;
      parcelIds[s] = trip * 1000 + s;
      dueS[s] = trip + s;
    }
    const record = {
      vehicleKind: 1,
      vehicleId: trip,
      parcelsAboard: stops,
      stopCount: stops,
      originFacility: 3,
      destinationFacility: -1,
      departS: trip * 60,
    };
    buffer.append(record, positions, offsets, vertices);
    buffer.appendStops(stopVertex, parcelIds, dueS, stops);
  }
}

/** The same trips appended to a fresh buffer and drained (the reference for what a drain returns). */
function freshDrain(firstId: number, count: number, vertices: number, stops: number): TripBatch {
  const buffer = new TripBuffer();
  appendTrips(buffer, firstId, count, vertices, stops);
  return buffer.drain();
}

/** Column names whose bytes differ between two batches (none: the same trips). */
function differingColumns(a: TripBatch, b: TripBatch): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof TripBatch>;
  return [...names].filter((name) => {
    const x = a[name];
    const y = b[name];
    if (!ArrayBuffer.isView(x) || !ArrayBuffer.isView(y)) return x !== y;
    return !Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
      Buffer.from(y.buffer, y.byteOffset, y.byteLength),
    );
  });
}

describe('the trip buffer', () => {
  it('gives back room a drain left mostly unused, and drains the same trips as a fresh buffer', () => {
    const buffer = new TripBuffer();
    // A replay's sim hour: many trips with long street paths.
    appendTrips(buffer, 0, 5_000, 100, 10);
    const busy = buffer.getHeldBytes();
    expect(differingColumns(buffer.drain(), freshDrain(0, 5_000, 100, 10))).toEqual([]);
    // Then the worker's ticks: a few trips each.
    for (let tick = 0; tick < 3; tick++) {
      appendTrips(buffer, 5_000 + tick * 10, 10, 100, 10);
      expect(differingColumns(buffer.drain(), freshDrain(5_000 + tick * 10, 10, 100, 10))).toEqual([]);
    }
    const quiet = buffer.getHeldBytes();
    expect(busy, 'bytes held after the busy hour').toBeGreaterThan(5_000 * 100 * 12);
    // Room for twice a tick's 1,000 vertices, or the least room: ~50 kB, not the busy hour's 8 MB.
    expect(quiet, 'bytes held after three quiet ticks').toBeLessThan(100_000);
  });

  it('frees at once the columns a growth or a drain replaces, where the engine can move buffers, and drains the same trips', () => {
    const expected = freshDrain(0, 5_000, 100, 10);
    const expectedQuiet = freshDrain(5_000, 10, 100, 10);
    withArrayBufferTransfer(() => {
      const buffer = new TripBuffer();
      appendTrips(buffer, 0, 1, 100, 10);
      const outgrown = [buffer.positions, buffer.vehicleId, buffer.stopParcelIds];
      appendTrips(buffer, 1, 4_999, 100, 10);
      expect(
        outgrown.map((column) => column.length),
        'columns left behind as the buffer grew',
      ).toEqual([0, 0, 0]);
      expect(differingColumns(buffer.drain(), expected)).toEqual([]);
      const room = [buffer.positions, buffer.departS, buffer.stopDueS];
      appendTrips(buffer, 5_000, 10, 100, 10);
      expect(differingColumns(buffer.drain(), expectedQuiet)).toEqual([]);
      expect(
        room.map((column) => column.length),
        "the busy hour's room, given back by a quiet drain",
      ).toEqual([0, 0, 0]);
    });
  });
});
