import { describe, expect, test } from 'vitest';
import { defaultParams, type Params } from '../../../src/sim/params';
import { getTourReturnPlan, type TourReturnPoint } from '../../../src/ui/demo/tourReturnPlan';
import type { TimelineChange } from '../../../src/worker/protocol';

const DAY_S = 86_400;
const base = defaultParams();

function point(overrides: Partial<TourReturnPoint> = {}): TourReturnPoint {
  return {
    timeS: 5 * DAY_S,
    playing: true,
    speed: 600,
    params: base,
    timelineA: [],
    events: [],
    scenarioB: null,
    selection: null,
    sceneOpen: false,
    order: { followedKey: null, tracking: true, stagesOpen: true },
    camera: null,
    ...overrides,
  };
}

const change = (atS: number, params: Partial<Params>): TimelineChange => ({
  atS,
  params: { ...base, ...params },
});

describe('the way back from a tour', () => {
  test("a tour that seeked back before the presenter's changes: they are made again, each at its own time", () => {
    const demandAt = 4.6 * DAY_S;
    const earlyChange = change(2 * DAY_S, { demandMultiplier: 1.2 });
    const lateChange = change(demandAt, { demandMultiplier: 1.3 });
    const plan = getTourReturnPlan(
      point({
        timelineA: [earlyChange, lateChange],
        events: [
          { atS: 2 * DAY_S, kind: 'params', label: 'Demand 1 → 1.2', detail: '' },
          { atS: demandAt, kind: 'params', label: 'Demand 1.2 → 1.3', detail: '' },
        ],
      }),
      { earliestSeekS: 4 * DAY_S, ranOwnB: false },
    );
    // Every change the tour made (from its seek on) is after the cut; the presenter's before it stay.
    expect(plan.cutS).toBe(4 * DAY_S - 1);
    expect(plan.remakeA).toEqual([lateChange]);
    expect(plan.events.map((event) => event.label)).toEqual(['Demand 1.2 → 1.3']);
    expect(plan.scenarioB).toBe('keep');
    expect(plan.notRestored).toEqual([]);
  });

  test('a tour that only went forward is undone from the time the presenter was at', () => {
    const plan = getTourReturnPlan(point({ timelineA: [change(DAY_S, { demandMultiplier: 2 })] }), {
      earliestSeekS: 6 * DAY_S,
      ranOwnB: false,
    });
    expect(plan.cutS).toBe(5 * DAY_S - 1);
    expect(plan.remakeA).toEqual([]);
  });

  test("the tour's own B is stopped when the presenter had none", () => {
    const plan = getTourReturnPlan(point(), { earliestSeekS: null, ranOwnB: true });
    expect(plan.scenarioB).toBe('stop');
    expect(plan.notRestored).toEqual([]);
  });

  test("the presenter's B left running by the tour keeps going, with its changes the tour's seek undid made again", () => {
    const bChange = change(4.8 * DAY_S, { flexPayPerHourUsd: 30 });
    const plan = getTourReturnPlan(
      point({
        scenarioB: {
          params: { ...base, flexPayPerHourUsd: 30 },
          forkAtS: 4.5 * DAY_S,
          timeline: [bChange],
          mapSource: 'B',
        },
      }),
      { earliestSeekS: 4 * DAY_S, ranOwnB: false },
    );
    expect(plan.scenarioB).toBe('keep');
    expect(plan.remakeB).toEqual([bChange]);
    expect(plan.notRestored).toEqual([]);
  });

  test("the presenter's B the tour replaced starts again as a copied link would, and the page says what that loses", () => {
    const paramsA = { ...base, demandMultiplier: 1.3 };
    const paramsB = { ...paramsA, flexPayPerHourUsd: 30, networkEdits: 'close:3@360000' };
    const plan = getTourReturnPlan(
      point({
        params: paramsA,
        scenarioB: { params: paramsB, forkAtS: 4.5 * DAY_S, timeline: [], mapSource: 'A' },
      }),
      { earliestSeekS: 4 * DAY_S, ranOwnB: true },
    );
    expect(plan.scenarioB).toEqual({
      base: { ...paramsA, networkEdits: 'close:3@360000' },
      overrides: { flexPayPerHourUsd: 30 },
      forkAtS: 4.5 * DAY_S,
    });
    expect(plan.notRestored).toHaveLength(1);
    expect(plan.notRestored[0]).toMatch(
      /^Scenario B was started again as a copied link starts it: A's values as you left them up to the fork at Day 5 · .* 12:00, your B values from there\. /,
    );
  });
});
