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
    // One trip per line-haul truck, van route, Flex block taken, hand-off truck and partner door run.
    expect(sim.drainTrips().length).toBe(
      cumulative.lineHaulTrips +
        cumulative.vanRoutes +
        cumulative.flexBlocksAccepted +
        cumulative.handoffTrucks +
        cumulative.partnerDoorRuns,
    );
  });
});

describe('following a parcel', () => {
  it('traces a live parcel’s journey in order along its planned path, and forgets it once it has left', () => {
    const sim = createSimulation({ ...defaultParams(), scale: 0.002 }, 4);
    sim.advanceTo(30 * 3600);
    const ids = sim.listLiveParcels(500);
    expect(ids.length).toBeGreaterThan(0);
    let sawStation = false;
    for (const id of ids) {
      const trace = sim.traceParcel(id)!;
      expect(trace.events[0].event).toBe('ordered');
      for (let i = 1; i < trace.events.length; i++) {
        expect(trace.events[i].timeS).toBeGreaterThanOrEqual(trace.events[i - 1].timeS);
      }
      expect(trace.path[0]).toBe(trace.originFacility);
      expect(trace.path.at(-1)).toBe(trace.destinationStation);
      expect(sim.network.facilities[trace.path[0]].kind).toBe(0);
      expect(trace.promiseDeadlineS).toBeGreaterThan(trace.events[0].timeS);
      if (trace.stage === 'readyAtStation') {
        sawStation = true;
        expect(sim.readReadyParcels(trace.destinationStation)).toContain(id);
      }
    }
    expect(sawStation).toBe(true);
    expect(sim.traceParcel(123.5)).toBeNull();
    // The first wave (10:00 local) hands ready parcels to the last mile; their ids stop resolving.
    const ready = ids.filter((id) => sim.traceParcel(id)?.stage === 'readyAtStation');
    sim.advanceTo(48 * 3600);
    expect(ready.some((id) => sim.traceParcel(id) === null)).toBe(true);
    const onTheirWay = sim
      .listLiveParcels(Number.POSITIVE_INFINITY)
      .map((id) => sim.traceParcel(id)!)
      .filter((trace) => trace.stage === 'outForDelivery' || trace.stage === 'withCarrier');
    expect(onTheirWay.length).toBeGreaterThan(0);
    for (const trace of onTheirWay) expect(trace.lastMile, `parcel ${trace.parcelId}`).not.toBeNull();
  });
});

describe('stage counts', () => {
  it('the per-stage counts from queues agree with every parcel’s own stage', () => {
    const sim = createSimulation({ ...defaultParams(), scale: 0.002 }, 8);
    sim.advanceTo(40 * 3600);
    const { inStage, cumulative } = sim.getKpis();
    const fromParcels: Record<string, number> = {};
    for (const id of sim.listLiveParcels(Number.POSITIVE_INFINITY)) {
      const stage = sim.traceParcel(id)!.stage;
      fromParcels[stage] = (fromParcels[stage] ?? 0) + 1;
    }
    for (const [stage, count] of Object.entries(inStage)) expect(count, stage).toBe(fromParcels[stage] ?? 0);
    expect(Object.values(inStage).reduce((a, b) => a + b, 0)).toBe(cumulative.liveParcels);
  });
});
