import { describe, expect, it } from 'vitest';
import { KEEP_ROOM_S, type TripBatch, TripBuffer } from '../../src/sim/trips';
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
  return buffer.drain(0);
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
  it('keeps room through quiet drains (the next wave’s would grow it again), gives it back once they have gone on for two sim hours, and drains the same trips as a fresh buffer', () => {
    const buffer = new TripBuffer();
    // A wave's tick (a sim minute, as at 600x): many trips with long street paths.
    const TICK_S = 60;
    let nowS = 0;
    appendTrips(buffer, 0, 5_000, 100, 10);
    const busy = buffer.getHeldBytes();
    expect(busy, 'bytes held after the busy tick').toBeGreaterThan(5_000 * 100 * 12);
    expect(differingColumns(buffer.drain(nowS), freshDrain(0, 5_000, 100, 10))).toEqual([]);
    // Then quiet ticks: a few trips each. The room stays while they span less than KEEP_ROOM_S...
    let tick = 0;
    const quietTick = () => {
      nowS += TICK_S;
      appendTrips(buffer, 5_000 + tick * 10, 10, 100, 10);
      expect(differingColumns(buffer.drain(nowS), freshDrain(5_000 + tick * 10, 10, 100, 10))).toEqual([]);
      tick++;
    };
    while (tick < KEEP_ROOM_S / TICK_S) quietTick();
    expect(buffer.getHeldBytes(), 'bytes held through the quiet ticks').toBe(busy);
    // ...and a busy tick among them starts the clock again.
    nowS += TICK_S;
    appendTrips(buffer, 1e6, 3_000, 100, 10);
    buffer.drain(nowS);
    for (let k = 0; k < KEEP_ROOM_S / TICK_S; k++) quietTick();
    expect(buffer.getHeldBytes(), 'bytes held after a busy tick and quiet ones').toBe(busy);
    quietTick();
    // Room for twice a tick's 1,000 vertices, or the least room: ~50 kB, not the busy tick's 8 MB.
    expect(buffer.getHeldBytes(), 'bytes held after enough quiet ticks').toBeLessThan(100_000);
  });

  it('hands a half-full busy drain its columns without copying them, takes new ones, and what it handed over stays as drained', () => {
    const buffer = new TripBuffer();
    appendTrips(buffer, 0, 5_000, 100, 10);
    const columns = [buffer.positions, buffer.vertexOffsetsS, buffer.stopParcelIds, buffer.vehicleId];
    const drained = buffer.drain(0);
    expect(
      [drained.positions, drained.vertexOffsetsS, drained.stopParcelIds, drained.vehicleId].map(
        (column, k) => column?.buffer === columns[k]?.buffer,
      ),
      'batch columns on the buffer’s own memory',
    ).toEqual([true, true, true, true]);
    expect(buffer.positions.buffer, 'the buffer’s new positions').not.toBe(columns[0].buffer);
    expect(differingColumns(drained, freshDrain(0, 5_000, 100, 10))).toEqual([]);
    // The next trips go into the new columns: the batch handed over is untouched.
    appendTrips(buffer, 9_000, 5_000, 100, 10);
    expect(differingColumns(drained, freshDrain(0, 5_000, 100, 10))).toEqual([]);
    expect(differingColumns(buffer.drain(0), freshDrain(9_000, 5_000, 100, 10))).toEqual([]);
    // A small drain is copied: its batch owns exactly its bytes.
    appendTrips(buffer, 20_000, 10, 100, 10);
    const small = buffer.drain(0);
    expect(small.positions.buffer.byteLength).toBe(small.positions.byteLength);
  });

  it('hands over a busy drain above the room it may keep with only the least room left (a replay’s wave hour), and grows again for the next', () => {
    const maxBytes = 3_000_000;
    const buffer = new TripBuffer({ seconds: KEEP_ROOM_S, maxBytes });
    appendTrips(buffer, 0, 5_000, 100, 10);
    const busy = buffer.getHeldBytes();
    expect(busy, 'room the busy hour grew').toBeGreaterThan(2 * maxBytes);
    const columns = [buffer.positions, buffer.stopParcelIds];
    const drained = buffer.drain(0);
    expect(drained.positions.buffer, 'handed over, not copied').toBe(columns[0].buffer);
    // The least room (~10 kB), as a quiet drain gives back room over maxBytes.
    expect(buffer.getHeldBytes(), 'room left beside the batch').toBeLessThan(100_000);
    expect(differingColumns(drained, freshDrain(0, 5_000, 100, 10))).toEqual([]);
    // The next busy hour grows it again, and drains the same trips as a fresh buffer.
    appendTrips(buffer, 9_000, 5_000, 100, 10);
    expect(differingColumns(buffer.drain(0), freshDrain(9_000, 5_000, 100, 10))).toEqual([]);
    expect(differingColumns(drained, freshDrain(0, 5_000, 100, 10)), 'the first batch untouched').toEqual([]);
  });

  it('gives back large room at the first quiet drain (a replay’s hour)', () => {
    // 60,000 vertices: under what a drain hands over, so it copies them out and keeps its ~1 MB room.
    const buffer = new TripBuffer({ seconds: KEEP_ROOM_S, maxBytes: 500_000 });
    appendTrips(buffer, 0, 600, 100, 10);
    expect(buffer.getHeldBytes()).toBeGreaterThan(500_000);
    const room = buffer.getHeldBytes();
    buffer.drain(0);
    expect(buffer.getHeldBytes(), 'room kept by the busy drain').toBe(room);
    appendTrips(buffer, 5_000, 10, 100, 10);
    expect(differingColumns(buffer.drain(0), freshDrain(5_000, 10, 100, 10))).toEqual([]);
    expect(buffer.getHeldBytes()).toBeLessThan(100_000);
  });

  it('frees at once the columns a growth or a drain replaces, where the engine can move buffers, and drains the same trips', () => {
    // 600 trips of 100 vertices: a drain copies them out (a larger one hands its columns over).
    const expected = freshDrain(0, 600, 100, 10);
    const expectedQuiet = freshDrain(5_000, 10, 100, 10);
    withArrayBufferTransfer(() => {
      // Room given back at the first quiet drain, to see the columns it replaces freed.
      const buffer = new TripBuffer({ seconds: 0, maxBytes: 0 });
      appendTrips(buffer, 0, 1, 100, 10);
      const outgrown = [buffer.positions, buffer.vehicleId, buffer.stopParcelIds];
      appendTrips(buffer, 1, 599, 100, 10);
      expect(
        outgrown.map((column) => column.length),
        'columns left behind as the buffer grew',
      ).toEqual([0, 0, 0]);
      expect(differingColumns(buffer.drain(0), expected)).toEqual([]);
      const room = [buffer.positions, buffer.departS, buffer.stopDueS];
      appendTrips(buffer, 5_000, 10, 100, 10);
      expect(differingColumns(buffer.drain(0), expectedQuiet)).toEqual([]);
      expect(
        room.map((column) => column.length),
        "the busy hour's room, given back by a quiet drain",
      ).toEqual([0, 0, 0]);
    });
  });
});
