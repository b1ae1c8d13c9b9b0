/**
 * Door stops in the trip stream carry their parcel's promise deadline, so the page can say which
 * doors a vehicle reaches late (the van card, the door marks, the lateness hexagons).
 */
import { describe, expect, test } from 'vitest';
import { createSimulation } from '../../src/sim/simulation';
import { smallParams } from './simHelpers';

describe('door stops in the trip stream', () => {
  test('each has its parcel deadline; late ones are reached after it, and the model counts them late', () => {
    const sim = createSimulation(smallParams(), 5);
    sim.advanceTo(30 * 3600);
    const batch = sim.drainTrips();
    const stopCount = batch.stopVertexIndices?.length ?? 0;
    expect(stopCount).toBeGreaterThan(500);
    expect(batch.stopDueS?.length).toBe(stopCount);
    let late = 0;
    for (let trip = 0; trip < batch.length; trip++) {
      const first = batch.stopStartIndices?.[trip] ?? 0;
      const end = batch.stopStartIndices?.[trip + 1] ?? 0;
      for (let stop = first; stop < end; stop++) {
        const dueS = batch.stopDueS?.[stop] ?? Number.NaN;
        const vertex = batch.pathStartIndices[trip] + (batch.stopVertexIndices?.[stop] ?? 0);
        const arriveS = batch.departS[trip] + batch.vertexOffsetsS[vertex];
        // A promise falls due at 21:00 local within a week of the order, never before day 1.
        expect(dueS).toBeGreaterThan(0);
        expect(dueS).toBeLessThan(30 * 3600 + 7 * 86_400);
        if (arriveS > dueS) late++;
      }
    }
    // Some doors are late and most are not, as the model's own on-time figures say.
    const kpis = sim.getKpis().cumulative;
    expect(late).toBeGreaterThan(0);
    expect(late / stopCount).toBeLessThan(0.5);
    expect(kpis.delivered - kpis.deliveredOnTime).toBeGreaterThan(0);
  });
});
