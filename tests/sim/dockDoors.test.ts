/**
 * Dock doors (src/sim/dockDoors.ts): a facility whose doors are cut queues its trailers, so they
 * leave later and its parcels arrive late more often; every parcel stays accounted for; and the
 * planned doors never bind on an ordinary day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DockDoors, DOOR_TURN_S, getFacilityDockDoors } from '../../src/sim/dockDoors';
import { FULFILLMENT_CENTER } from '../../src/sim/kinds';
import { buildNetwork, type NetworkModel } from '../../src/sim/network';
import { defaultParams } from '../../src/sim/params';
import { applyPreset, getPreset } from '../../src/sim/presets';
import {
  createSimulation,
  getFacilityDeliveryKpis,
  restoreSimulation,
  type Simulation,
} from '../../src/sim/simulation';
import { describeCause } from '../../src/ui/order/journeyWords';
import { getRecipeParams, ON_TIME_JOURNEY_RECIPE, runJourneyRecipe } from './journeyRecipes';
import { fingerprint, smallParams } from './simHelpers';

const HOUR_S = 3600;
const DAY_S = 86_400;

describe('a door pool', () => {
  it('gives a trailer a free door at once, and the earliest-free door when every door is busy', () => {
    const model = buildNetwork(smallParams({ networkEdits: 'capacity:f0:docks=2' }));
    const doors = DockDoors.create(model);
    expect(doors.getDoorCount(0)).toBe(2);
    expect(doors.take(0, 1000)).toBe(1000);
    expect(doors.take(0, 1500)).toBe(1500);
    // Both doors busy: the third trailer takes the first to free up, the fourth the second.
    expect(doors.take(0, 1600)).toBe(1000 + DOOR_TURN_S);
    expect(doors.take(0, 1600)).toBe(1500 + DOOR_TURN_S);
    expect(doors.peakBusy[0]).toBe(2);
  });

  it('sizes each facility to its plan, and a docks edit replaces the plan', () => {
    const model = buildNetwork(smallParams());
    const fcs = Array.from(model.fulfillmentCenterIds);
    const doors = fcs.map((id) => getFacilityDockDoors(model, id));
    // The largest FC has more doors than the smallest, as it has more volume.
    const largest = fcs[doors.indexOf(Math.max(...doors))];
    const smallest = fcs[doors.indexOf(Math.min(...doors))];
    expect(model.fulfillmentCenterSize[largest]).toBeGreaterThan(model.fulfillmentCenterSize[smallest]);
    const edited = buildNetwork(smallParams({ networkEdits: `capacity:f${largest}:docks=3` }));
    expect(getFacilityDockDoors(edited, largest)).toBe(3);
    expect(getFacilityDockDoors(edited, smallest)).toBe(getFacilityDockDoors(model, smallest));
  });
});

describe('an FC whose dock doors are cut to one an hour before day 2', () => {
  const params = smallParams();
  // An hour before the day's first cut-off, so its trailers are loaded through the one door too
  // (cut at that cut-off's instant, they would leave as loaded at the planned doors).
  const edits = (fcId: number) => `capacity:f${fcId}:docks=1@day1h23`;
  let model: NetworkModel;
  let fcId: number;
  let plain: Simulation;
  let cut: Simulation;
  const invariantErrors: string[] = [];
  /** Line-haul trips leaving the FC on day 2, by departure time (from the trips the page gets). */
  const departures = { plain: [] as number[], cut: [] as number[] };
  /** The cut run at day 2 12:00, with trailers at its door; and its fingerprint 6 h on. */
  let midSnapshot: ReturnType<Simulation['snapshot']>;
  let laterFingerprint: unknown;
  /** Each run's delivery ledger at day 2 00:00 (an hour into the cut): figures since then are the end's minus these. */
  const ledgerAtCut = { plain: new Float64Array(0), cut: new Float64Array(0) };
  const dueAtCut = { plain: { parcels: 0, onTime: 0 }, cut: { parcels: 0, onTime: 0 } };

  beforeAll(() => {
    model = buildNetwork(params);
    // The FC with the most doors (the most trailers): the cut bites hardest there.
    fcId = Array.from(model.fulfillmentCenterIds).reduce((best, id) =>
      getFacilityDockDoors(model, id) > getFacilityDockDoors(model, best) ? id : best,
    );
    plain = createSimulation(params, 5);
    cut = createSimulation({ ...params, networkEdits: edits(fcId) }, 5);
    for (const [name, sim] of [
      ['plain', plain],
      ['cut', cut],
    ] as const) {
      for (let hour = 6; hour <= 3 * 24; hour += 6) {
        sim.advanceTo(hour * HOUR_S);
        const batch = sim.drainTrips();
        for (let i = 0; i < batch.length; i++)
          if (batch.originFacility[i] === fcId && batch.departS[i] >= DAY_S && batch.departS[i] < 2 * DAY_S)
            departures[name].push(batch.departS[i]);
        if (hour === 24) {
          ledgerAtCut[name] = sim.readFacilityDeliveries().values.slice();
          const { dueParcels, dueOnTime } = sim.getKpis().cumulative;
          dueAtCut[name] = { parcels: dueParcels, onTime: dueOnTime };
        }
        if (name !== 'cut') continue;
        if (hour % 24 === 0) invariantErrors.push(...sim.checkInvariants());
        if (hour === 36) midSnapshot = sim.snapshot();
        if (hour === 42) laterFingerprint = fingerprint(sim, [batch]);
      }
    }
    departures.plain.sort((a, b) => a - b);
    departures.cut.sort((a, b) => a - b);
  }, 120_000);

  it('keeps its trailers at the dock: they leave one door turn apart, and wait for the door', () => {
    expect(plain.getKpis().cumulative.trailersWaitedForDoor).toBe(0);
    const waited = cut.getKpis().cumulative.trailersWaitedForDoor;
    expect(waited).toBeGreaterThan(10);
    expect(cut.getKpis().cumulative.doorWaitHoursSum / waited, 'mean wait for the door, h').toBeGreaterThan(
      1,
    );
    // Several trailers leave together at a cut-off with its planned doors; with one door, one an hour.
    const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]);
    expect(Math.min(...gaps(departures.plain))).toBeLessThan(DOOR_TURN_S);
    expect(Math.min(...gaps(departures.cut))).toBeGreaterThanOrEqual(DOOR_TURN_S - 1e-6);
    expect(departures.cut.length).toBeLessThan(departures.plain.length);
  });

  it("lowers on-time and lengthens click to door for the FC's parcels delivered since the cut", () => {
    const since = (name: 'plain' | 'cut', sim: Simulation) => {
      const values = sim.readFacilityDeliveries().values.slice();
      ledgerAtCut[name].forEach((value, i) => {
        values[i] -= value;
      });
      return getFacilityDeliveryKpis(values, fcId, params.scale);
    };
    const before = since('plain', plain);
    const after = since('cut', cut);
    // Measured (seed 5, scale 0.002, days 2-3; Detroit FC 1): 1,455 delivered, 99.7% on time,
    // 28.1 h click to door; cut, 858 delivered (the rest still at its dock), 99.0%, 31.6 h.
    expect(after.onTimeRate).toBeLessThan(before.onTimeRate - 0.005);
    expect(after.meanClickToDoorH).toBeGreaterThan(before.meanClickToDoorH + 3);
    expect(after.delivered).toBeLessThan(0.8 * before.delivered);
    // Honest on-time (every parcel due since the cut, late if not delivered) drops network-wide.
    const dueOnTime = (name: 'plain' | 'cut', sim: Simulation) => {
      const { dueParcels, dueOnTime: onTime } = sim.getKpis().cumulative;
      return (onTime - dueAtCut[name].onTime) / (dueParcels - dueAtCut[name].parcels);
    };
    expect(dueOnTime('cut', cut)).toBeLessThan(dueOnTime('plain', plain) - 0.005);
  });

  it('loses no parcel: every invariant holds, and a run restored mid-queue lands where this one does', () => {
    expect(invariantErrors).toEqual([]);
    expect(midSnapshot.trailers.atDoorCount, 'trailers loading at its one door').toBeGreaterThan(0);
    const restored = restoreSimulation(midSnapshot);
    restored.advanceTo(42 * HOUR_S);
    expect(fingerprint(restored, [restored.drainTrips()])).toEqual(laterFingerprint);
  });
});

describe('the planned doors on an ordinary day', () => {
  it('never keep a trailer waiting, and leave most doors free at the busiest moment', () => {
    const params = applyPreset({ ...defaultParams(), scale: 0.002 }, getPreset('default')!);
    const sim = createSimulation(params, 7);
    sim.advanceTo(2 * DAY_S);
    expect(sim.getKpis().cumulative.trailersWaitedForDoor).toBe(0);
    const doors = sim.snapshot().dockDoors;
    const model = buildNetwork(params);
    let busiest = 0;
    for (const facility of model.network.facilities) {
      const count = doors.firstDoor[facility.id + 1] - doors.firstDoor[facility.id];
      if (count > 0) busiest = Math.max(busiest, doors.peakBusy[facility.id] / count);
    }
    // Measured: at most ~45% of a facility's doors busy at once (FCs at their cut-offs).
    expect(busiest).toBeGreaterThan(0.1);
    expect(busiest).toBeLessThan(0.7);
    expect(model.network.facilities.some((f) => f.kind === FULFILLMENT_CENTER)).toBe(true);
  }, 120_000);
});

describe("a placed order's journey through an FC with one dock door", () => {
  it('puts the time its trailer waited for the door down to the doors, not to a missed cut-off', () => {
    // The on-time recipe's Dallas order, its FC cut to one door from 20:00 the day before.
    const params = getRecipeParams(ON_TIME_JOURNEY_RECIPE);
    const dallasFc = buildNetwork(params).network.facilities.find((f) => f.name === 'Dallas FC 1');
    if (!dallasFc) throw new Error('no Dallas FC 1');
    const recipe = {
      ...ON_TIME_JOURNEY_RECIPE,
      overrides: {
        ...ON_TIME_JOURNEY_RECIPE.overrides,
        networkEdits: `capacity:f${dallasFc.id}:docks=1@day1h20`,
      },
    };
    const { journey, trace } = runJourneyRecipe(recipe, 3);
    expect(trace.path[0], 'shipped from Dallas FC 1').toBe(dallasFc.id);
    const dock = journey.stages.find((stage) => stage.kind === 'atFcDock');
    const cause = dock?.causes.find((c) => c.kind === 'dockDoors');
    if (cause?.kind !== 'dockDoors') throw new Error(`no dock-door cause: ${JSON.stringify(dock?.causes)}`);
    expect(cause.waitS).toBeGreaterThan(3600);
    expect(describeCause(cause)).toMatch(
      /^every dock door was busy: its trailer waited \d+\.\d h for one to be loaded$/,
    );
  }, 120_000);
});
