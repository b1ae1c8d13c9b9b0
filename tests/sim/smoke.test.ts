import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';

describe('the model, end to end', () => {
  it('moves ordered parcels through the FC, line-haul and sortation to the stations, every one accounted for', () => {
    const sim = createSimulation({ ...defaultParams(), scale: 0.002 }, 1);
    sim.advanceTo(36 * 3600);
    expect(sim.checkInvariants()).toEqual([]);
    const { cumulative } = sim.getKpis();
    expect(cumulative.ordered).toBeGreaterThan(0);
    expect(cumulative.packed).toBeGreaterThan(0);
    expect(cumulative.lineHaul).toBeGreaterThan(0);
    expect(cumulative.readyAtStation).toBeGreaterThan(0);
    expect(sim.drainTrips().length).toBe(cumulative.lineHaulTrips);
  });
});
