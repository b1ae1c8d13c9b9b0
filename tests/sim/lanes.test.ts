import { describe, expect, it } from 'vitest';
import { buildNetwork, getNextSortCenter } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';
import { DIRECT_LANE_MIN_SHARE } from '../../src/sim/sourcingPlan';
import { VEHICLE_LINE_HAUL } from '../../src/sim/kinds';
import { getFreeFlowDriveS, hasOffDutyRest, isSoloDrive, RoutePlanner } from '../../src/sim/trips';
import { smallParams } from './simHelpers';

describe('the lane plan', () => {
  const model = buildNetwork(defaultParams());
  const scCount = model.sortationCenterIds.length;
  const isDirect = (fc: number, sc: number) =>
    model.directLane[model.kindIndex[fc] * scCount + model.kindIndex[sc]] === 1;

  it('ships within a region direct, and to another region direct on most lanes, via gateway and hub on the rest', () => {
    let direct = 0;
    let consolidated = 0;
    for (const fc of model.fulfillmentCenterIds) {
      for (const sc of model.sortationCenterIds) {
        if (model.facilityRegion[fc] === model.facilityRegion[sc]) expect(isDirect(fc, sc)).toBe(true);
        else if (isDirect(fc, sc)) direct++;
        else consolidated++;
      }
    }
    // Most FC x sortation-center pairs of different regions carry nothing and stay consolidated.
    expect(direct).toBeGreaterThan(100);
    expect(consolidated).toBeGreaterThan(direct);
  });

  it('sends a parcel on a direct lane straight to its station’s sortation center, and on a thin lane through gateway and hub', () => {
    let checkedDirect = false;
    let checkedConsolidated = false;
    model.stationIds.forEach((station, index) => {
      const parent = model.stationParentSortCenter[station];
      for (let k = 0; k < 5; k++) {
        const fc = model.outOfRegionFcs[index * 5 + k];
        if (model.facilityRegion[fc] === model.facilityRegion[parent]) continue;
        const next = getNextSortCenter(model, fc, station);
        if (isDirect(fc, parent)) {
          expect(next).toBe(parent);
          checkedDirect = true;
        } else {
          expect(next).toBe(model.gatewaySortCenter[fc]);
          const hub = getNextSortCenter(model, next, station);
          expect(hub).toBe(model.regionHubSortCenter[model.facilityRegion[parent]]);
          checkedConsolidated = true;
        }
      }
    });
    expect(checkedDirect).toBe(true);
    expect(checkedConsolidated).toBe(true);
  });

  it('plans for the forecast accuracy in force: more misses open more direct lanes between regions', () => {
    const count = (forecastAccuracy: number) =>
      buildNetwork({ ...defaultParams(), forecastAccuracy }).directLane.reduce((sum, d) => sum + d, 0);
    expect(count(0.2)).toBeGreaterThan(count(0.76));
    expect(count(0.76)).toBeGreaterThan(count(1));
    expect(DIRECT_LANE_MIN_SHARE).toBeCloseTo(4000 / 17_300_000);
  });
});

describe('line-haul drivers', () => {
  const model = buildNetwork(defaultParams());
  const routes = new RoutePlanner(model);
  const byName = (name: string) => model.network.facilities.find((f) => f.name === name)!.id;

  it('mixed: a team only where a solo driver would pass 11 h of driving', () => {
    const long = routes.getRoute(byName('Seattle FC 1'), byName('Miami sortation center 1'));
    const short = routes.getRoute(byName('Chicago FC 1'), byName('Chicago sortation center 1'));
    expect(getFreeFlowDriveS(long, 50, 1.2)).toBeGreaterThan(11 * 3600);
    expect(getFreeFlowDriveS(short, 50, 1.2)).toBeLessThan(11 * 3600);
    expect(isSoloDrive('mixed', long, 50, 1.2)).toBe(false);
    expect(isSoloDrive('mixed', short, 50, 1.2)).toBe(true);
    expect(isSoloDrive('solo', long, 50, 1.2)).toBe(true);
    expect(isSoloDrive('team', short, 50, 1.2)).toBe(false);
  });

  it('mixed, in fair weather: a lane within 11 h free-flow that rush hour pushes past it gets a team, not a 10 h rest', () => {
    // Minneapolis FC 1 to Chicago sortation center 1: 10.3 h free-flow, so a solo crew's lane,
    // but leaving at 13:30 it meets Chicago's evening rush and a solo driver would rest 10 h.
    const minneapolisToChicago = routes.getRoute(
      byName('Minneapolis FC 1'),
      byName('Chicago sortation center 1'),
    );
    expect(isSoloDrive('mixed', minneapolisToChicago, 50, 1.2)).toBe(true);
    /** Line-haul trips of a day and a half, and how many stop 10 h for a solo driver's rest. */
    const lineHaulRests = (lineHaulDrivers: 'solo' | 'mixed') => {
      const sim = createSimulation(smallParams({ lineHaulDrivers, scale: 0.001, stormChancePerDay: 0 }), 3);
      sim.advanceTo(36 * 3600);
      const trips = sim.drainTrips();
      let lineHaul = 0;
      let rested = 0;
      for (let i = 0; i < trips.length; i++) {
        if (trips.vehicleKind[i] !== VEHICLE_LINE_HAUL) continue;
        lineHaul++;
        const start = trips.pathStartIndices[i];
        const count = trips.pathStartIndices[i + 1] - start;
        const positions = trips.positions.subarray(start * 2, (start + count) * 2);
        if (hasOffDutyRest(positions, trips.vertexOffsetsS.subarray(start, start + count), count)) rested++;
      }
      return { lineHaul, rested };
    };
    const solo = lineHaulRests('solo');
    const mixed = lineHaulRests('mixed');
    expect(solo.rested).toBeGreaterThan(0);
    expect(mixed.lineHaul).toBeGreaterThan(100);
    expect(mixed.rested).toBe(0);
  });

  it('a team costs a second driver’s wage a mile', () => {
    const costPerMile = (lineHaulDrivers: 'solo' | 'team') => {
      const sim = createSimulation(smallParams({ lineHaulDrivers, scale: 0.001 }), 3);
      sim.advanceTo(12 * 3600);
      const { cumulative } = sim.getKpis();
      return cumulative.lineHaulCostUsd / cumulative.lineHaulMiles;
    };
    expect(costPerMile('solo')).toBeCloseTo(2.26, 6);
    expect(costPerMile('team')).toBeCloseTo(2.26 + 0.98, 6);
  });
});
