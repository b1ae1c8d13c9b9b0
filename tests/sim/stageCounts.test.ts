import { describe, expect, test } from 'vitest';
import { PARCEL_STAGES } from '../../src/sim/kinds';
import { createSimulation, restoreSimulation } from '../../src/sim/simulation';
import { smallParams } from './simHelpers';

const H = 3600;

describe('parcels on their way to the door, by stage', () => {
  test('van/Flex and partner-carrier counts stay equal to the parcels themselves, through a restore', () => {
    const sim = createSimulation(smallParams({ scale: 0.001 }), 5);
    const withCarrier = PARCEL_STAGES.indexOf('withCarrier');
    const outForDelivery = PARCEL_STAGES.indexOf('outForDelivery');
    let sawCarrier = false;
    // checkInvariants compares the kept count with each heap parcel's own stage.
    for (const timeS of [8 * H, 14 * H, 30 * H]) {
      sim.advanceTo(timeS);
      sim.drainTrips();
      expect(sim.checkInvariants()).toEqual([]);
      const counts = sim.readParcelsByStage();
      sawCarrier ||= counts[withCarrier] > 0;
      expect(counts[withCarrier] + counts[outForDelivery]).toBeGreaterThan(0);
    }
    expect(sawCarrier).toBe(true);
    // A restored run counts them again from its parcels, then keeps counting as the original does.
    const restored = restoreSimulation(sim.snapshot());
    expect(Array.from(restored.readParcelsByStage())).toEqual(Array.from(sim.readParcelsByStage()));
    sim.advanceTo(40 * H);
    restored.advanceTo(40 * H);
    expect(restored.checkInvariants()).toEqual([]);
    expect(Array.from(restored.readParcelsByStage())).toEqual(Array.from(sim.readParcelsByStage()));
  });
});
