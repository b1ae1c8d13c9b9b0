/**
 * A delivered parcel's slot keeps its carrier decision until the slot's next order clears it
 * (clearLastMileChoice): a new parcel in a recycled slot must read as undecided, never as the
 * van or partner carrier of the parcel delivered from that slot before it.
 */
import { describe, expect, it } from 'vitest';
import { SLOT_SPAN } from '../../../src/sim/parcels';
import { createSimulation } from '../../../src/sim/simulation';
import { smallParams } from '../simHelpers';

const DAY_S = 86_400;

describe('a recycled parcel slot', () => {
  it('holds no carrier decision for its new order', () => {
    const sim = createSimulation(smallParams(), 5);
    // Three days: the first days' parcels are delivered and their slots taken again.
    sim.advanceTo(3 * DAY_S + 10 * 3600);
    const ids = sim.watchOrdersSince(sim.timeS - 2 * 3600, 1);
    const recycled = ids.filter((id) => Math.floor(id / SLOT_SPAN) > 0);
    expect(recycled.length, 'new orders in slots a delivered parcel left').toBeGreaterThan(20);
    for (const id of recycled) expect(sim.traceParcel(id)?.lastMile, `parcel ${id}`).toBeNull();
  });
});
