import { describe, expect, test } from 'vitest';
import { createSimulation, restoreSimulation, type Simulation } from '../../src/sim/simulation';
import { ChangeTimeline } from '../../src/worker/changeTimeline';
import { smallParams } from '../sim/simHelpers';

const H = 3600;
const ORDER = { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' as const };

/** What a page reads of a run: the cumulative KPIs and the placed order's trace. */
function fingerprint(sim: Simulation, parcelId: number) {
  sim.drainTrips();
  return { kpis: sim.getKpis().cumulative, trace: sim.traceParcel(parcelId) };
}

describe("the worker's timeline of changes", () => {
  test('a change made after rewinding to the display time lands where a live run making it then does', () => {
    const params = smallParams();
    const changedParams = { ...params, vansPerStation: 30, demandMultiplier: 1.5 };

    // The reference: a run that makes the changes live at 10:30.
    const live = createSimulation(params, 3);
    live.advanceTo(10.5 * H);
    live.setParams(changedParams);
    const placedLive = live.placeOrder(ORDER, 'order-1');
    live.advanceTo(30 * H);

    // The worker: ran ahead to 11:30 (snapshot at 10:00), then rewinds to the display time 10:30.
    const worker = createSimulation(params, 3);
    const timeline = new ChangeTimeline();
    worker.advanceTo(10 * H);
    const snapshot = worker.snapshot();
    worker.advanceTo(11.5 * H);
    const rewound = restoreSimulation(snapshot);
    timeline.replay(rewound, 10.5 * H);
    rewound.setParams(changedParams);
    timeline.push({ atS: rewound.timeS, params: rewound.params });
    const placed = rewound.placeOrder(ORDER, 'order-1');
    timeline.push({ atS: rewound.timeS, order: { spec: ORDER, orderKey: 'order-1' } });
    expect(placed).toEqual(placedLive);
    rewound.advanceTo(30 * H);
    expect(fingerprint(rewound, placed.parcelId)).toEqual(fingerprint(live, placedLive.parcelId));

    // A seek replays the timeline from an earlier snapshot onto the same state.
    const fromStart = createSimulation(params, 3);
    timeline.replay(fromStart, 30 * H);
    expect(fromStart.params.vansPerStation).toBe(30);
    expect(fingerprint(fromStart, placed.parcelId)).toEqual(fingerprint(live, placedLive.parcelId));
    expect(timeline.ordersUntil(30 * H)).toHaveLength(1);
    expect(timeline.orderCount).toBe(1);
  });

  test('moving back before a change undoes it: the replay runs without it', () => {
    const params = smallParams();
    const timeline = new ChangeTimeline();
    timeline.push({ atS: 12 * H, params: { ...params, demandMultiplier: 3 } });
    expect(timeline.dropAfter(13 * H)).toBe(false);
    expect(timeline.dropAfter(11 * H)).toBe(true);
    const replayed = createSimulation(params, 5);
    timeline.replay(replayed, 20 * H);
    const plain = createSimulation(params, 5);
    plain.advanceTo(20 * H);
    expect(replayed.getKpis().cumulative).toEqual(plain.getKpis().cumulative);
    expect(replayed.params.demandMultiplier).toBe(params.demandMultiplier);
  });
});
