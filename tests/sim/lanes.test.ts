import { describe, expect, it } from 'vitest';
import { buildNetwork, getNextSortCenter } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';
import { DIRECT_LANE_MIN_SHARE } from '../../src/sim/sourcingPlan';
import { VEHICLE_LINE_HAUL } from '../../src/sim/kinds';
import { greatCircleKm } from '../../src/sim/geo';
import {
  getFreeFlowDriveS,
  getRoadKmPerPathKm,
  hasOffDutyRest,
  isSoloDrive,
  RoutePlanner,
  writeLineHaulTrip,
} from '../../src/sim/trips';
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
    // Minneapolis FC 2 to Chicago sortation center 2: 9.6 h free-flow, so a solo crew's lane,
    // but leaving at 07:00 local it meets the morning rush and a solo driver would rest 10 h.
    const minneapolisToChicago = routes.getRoute(
      byName('Minneapolis FC 2'),
      byName('Chicago sortation center 2'),
    );
    expect(isSoloDrive('mixed', minneapolisToChicago, 50, 1.2)).toBe(true);
    const positions = new Float32Array(6 * minneapolisToChicago.vertexCount);
    const offsetsS = new Float32Array(3 * minneapolisToChicago.vertexCount);
    const sevenLocalS = 86400 + (7 - model.facilityOffsetH[byName('Minneapolis FC 2')]) * 3600;
    const vertexCount = writeLineHaulTrip(positions, offsetsS, minneapolisToChicago, sevenLocalS, {
      truckSpeedMph: 50,
      roadDistanceFactor: 1.2,
      rushHourSpeedFactor: 0.75,
      regionSpeedFactor: new Float32Array(model.regionCount).fill(1),
      soloDriver: true,
    });
    expect(hasOffDutyRest(positions, offsetsS, vertexCount)).toBe(true);
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

describe('line-haul roads', () => {
  const model = buildNetwork(defaultParams());
  const routes = new RoutePlanner(model);
  const byName = (name: string) => model.network.facilities.find((f) => f.name === name)!.id;
  const KM_PER_MILE = 1.609344;

  it('drives a lane the road miles of the interstate between its cities, at interstate speed', () => {
    // Road miles between the cities by interstate: Chicago to Detroit on I-94 282, Tampa to Miami
    // on I-75 279, Indianapolis to Detroit on I-69 and I-94 287. The highway graph's path bends
    // through the metros on the way (Chicago to Detroit through South Bend and Fort Wayne); its
    // bends and a road's circuity were counted both (366 miles), and links between metros
    // outside the largest 60 were US highways at 40 mph (9.5 h free-flow).
    const lanes: [string, string, number][] = [
      ['Chicago sortation center 1', 'Detroit sortation center 1', 282],
      ['Tampa FC 1', 'Miami sortation center 1', 279],
      ['Indianapolis FC 1', 'Detroit sortation center 1', 287],
    ];
    for (const [from, to, interstateMiles] of lanes) {
      const route = routes.getRoute(byName(from), byName(to));
      const roadMiles = (route.totalKm * getRoadKmPerPathKm(route, 1.2)) / KM_PER_MILE;
      expect(roadMiles, `${from} to ${to}`).toBeGreaterThan(0.9 * interstateMiles);
      expect(roadMiles, `${from} to ${to}`).toBeLessThan(1.15 * interstateMiles);
      // 50 mph moving on the interstate, 25 mph on the streets at each end: under 7 h.
      expect(getFreeFlowDriveS(route, 50, 1.2) / 3600, `${from} to ${to}`).toBeLessThan(7);
    }
  });

  it('counts a road’s circuity on a straight path and a bent path’s own length', () => {
    const straight = routes.getRoute(byName('Chicago FC 1'), byName('Chicago sortation center 1'));
    expect(getRoadKmPerPathKm(straight, 1.2)).toBeGreaterThan(1);
    const bent = routes.getRoute(byName('Chicago sortation center 1'), byName('Detroit sortation center 1'));
    expect(bent.totalKm).toBeGreaterThan(1.2 * bent.directKm);
    expect(getRoadKmPerPathKm(bent, 1.2)).toBe(1);
  });

  it('in fair weather, trucks on lanes of 300-600 km average 40-55 mph door to door, breaks included', () => {
    // ATRI's cost figures imply ~40 mph all-in over a truck's whole working time, waits at docks
    // included (CALIBRATION.md); a trip from dock to dock waits at none. Before the interstates
    // and the circuity counted once: 35 mph.
    const sim = createSimulation(smallParams({ scale: 0.001, stormChancePerDay: 0 }), 3);
    sim.advanceTo(36 * 3600);
    const trips = sim.drainTrips();
    const facilities = model.network.facilities;
    let miles = 0;
    let hours = 0;
    let counted = 0;
    for (let i = 0; i < trips.length; i++) {
      if (trips.vehicleKind[i] !== VEHICLE_LINE_HAUL) continue;
      const from = facilities[trips.originFacility[i]];
      const to = facilities[trips.destinationFacility[i]];
      const directKm = greatCircleKm(from.lon, from.lat, to.lon, to.lat);
      if (directKm < 300 || directKm > 600) continue;
      const route = routes.getRoute(trips.originFacility[i], trips.destinationFacility[i]);
      miles += (route.totalKm * getRoadKmPerPathKm(route, 1.2)) / KM_PER_MILE;
      hours += trips.vertexOffsetsS[trips.pathStartIndices[i + 1] - 1] / 3600;
      counted++;
    }
    expect(counted).toBeGreaterThan(50);
    expect(miles / hours).toBeGreaterThan(40);
    expect(miles / hours).toBeLessThan(55);
  });
});
