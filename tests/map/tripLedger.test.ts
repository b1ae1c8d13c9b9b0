import { describe, expect, test } from 'vitest';
import { TripLedger } from '../../src/map/tripLedger';
import { createTripBatch, createVanRouteBatch } from './fixtures';

const DEPART_S = 36_000;

describe('the trip ledger', () => {
  test('records door stops with their arrival, lateness and serving station', () => {
    const ledger = new TripLedger();
    ledger.append(createVanRouteBatch(DEPART_S, [DEPART_S + 5000, DEPART_S + 1000, DEPART_S + 5000]));
    expect(ledger.stopCount).toBe(3);
    expect(Array.from(ledger.stopArriveS.subarray(0, 3))).toEqual([
      DEPART_S + 600,
      DEPART_S + 1200,
      DEPART_S + 1800,
    ]);
    expect(Array.from(ledger.stopLate.subarray(0, 3))).toEqual([0, 1, 0]);
    expect(Array.from(ledger.stopStation.subarray(0, 3))).toEqual([2, 2, 2]);
  });

  test('records each trip once, though a replay after a seek sends it again', () => {
    const ledger = new TripLedger();
    const trucks = createTripBatch([
      { kind: 0, departS: 100, durationS: 3600 },
      { kind: 0, departS: 200, durationS: 3600 },
    ]);
    ledger.append(trucks);
    ledger.append(trucks);
    expect(ledger.truckCount).toBe(2);
    expect(ledger.truckParcels[1]).toBe(40);
  });

  test('forgets the trips of vehicles a rewind dropped, then takes their replacements', () => {
    const ledger = new TripLedger();
    ledger.append(createTripBatch([{ kind: 0, departS: 100, durationS: 3600 }])); // vehicle 100
    ledger.append(createVanRouteBatch(DEPART_S, [0, 0, 0])); // vehicle 3097
    const resets = ledger.resets;
    ledger.dropVehiclesFrom(3000);
    expect(ledger.stopCount).toBe(0);
    expect(ledger.truckCount).toBe(1);
    expect(ledger.resets).toBe(resets + 1);
    ledger.append(createVanRouteBatch(DEPART_S + 60, [0, 0, 0]));
    expect(ledger.stopCount).toBe(3);
    expect(ledger.stopArriveS[0]).toBe(DEPART_S + 660);
  });

  test('grows its columns without losing stops', () => {
    const ledger = new TripLedger();
    for (let k = 0; k < 500; k++) {
      const batch = createVanRouteBatch(DEPART_S + k, [0, 0, 0]);
      batch.vehicleId[0] = 5000 + k;
      ledger.append(batch);
    }
    expect(ledger.stopCount).toBe(1500);
    expect(ledger.stopArriveS[1499]).toBe(DEPART_S + 499 + 1800);
  });
});
