import { describe, expect, test } from 'vitest';
import { getTourTarget, validateTour } from '../../../src/ui/demo/tour';
import { WARM_START_S } from '../../../src/state/urlState';
import orderToDoor from '../../../src/ui/demo/tours/orderToDoor.json';

function tourWith(steps: unknown[]): unknown {
  return { name: 'Test tour', steps };
}

describe('tour validation', () => {
  test('the shipped tour passes and tells the story in 8 to 11 steps, from an order placed to its journey', () => {
    const { tour, errors } = validateTour(orderToDoor);
    expect(errors).toEqual([]);
    expect(tour?.steps.length).toBeGreaterThanOrEqual(8);
    expect(tour?.steps.length).toBeLessThanOrEqual(11);
    // An order is placed on the first step, and a later step points at its journey.
    expect(tour?.steps[0].order?.city).toBeTruthy();
    // The story opens where the default link does, on the network in its steady state (day 4
    // 10:00): on day 1 the stations had sent no vans yet and no promise had fallen due, so the
    // KPI step showed an empty rail.
    expect(tour?.steps[0].seekTimeS).toBe(WARM_START_S);
    expect(tour?.steps.some((step) => step.highlight === '.journey-panel')).toBe(true);
    // The story's beats: an FC selected, a peak applied through params, a fork of the future.
    expect(
      tour?.steps.some(
        (step) => step.selection && 'kind' in step.selection && step.selection.kind === 'fulfillmentCenter',
      ),
    ).toBe(true);
    expect(tour?.steps.some((step) => (step.params?.demandMultiplier ?? 1) >= 2)).toBe(true);
    expect(tour?.steps.some((step) => typeof step.compare === 'object' && step.compare.fork)).toBe(true);
  });

  test('no caption puts the 3D view somewhere on the page: it may be docked below the map or full screen under the caption', () => {
    for (const step of orderToDoor.steps)
      expect(step.text, `step "${step.title}"`).not.toMatch(
        /3D (pane|view) (below|above|under)|(below|above) the map/i,
      );
  });

  test('a bad order step is named with what it expects', () => {
    const { errors } = validateTour(
      tourWith([{ title: 'A', text: 'B', order: { city: 'Chicago', item: 'huge', promise: 'nextDay' } }]),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^step 1\.order: expected \{city: "<metro>", item: "light" \| "heavy", promise: "sameDay"/,
    );
  });

  test('a step without a caption title is named', () => {
    const { tour, errors } = validateTour(
      tourWith([{ title: 'Hello', text: 'World' }, { text: 'No title' }]),
    );
    expect(tour).toBeNull();
    expect(errors).toEqual(['step 2.title: missing caption title']);
  });

  test('a bad camera is named by step and field', () => {
    const { errors } = validateTour(
      tourWith([
        { title: 'A', text: 'B', camera: { lon: -200, lat: 40, zoom: 5 } },
        { title: 'C', text: 'D', camera: { lon: 1, lat: 2 } },
      ]),
    );
    expect(errors).toEqual([
      'step 1.camera.lon: -200 is not valid; expected a number from -180 to 180',
      'step 2.camera.zoom: missing; expected a number from 0 to 22',
    ]);
  });

  test('a camera on the selection needs no lon/lat; bad params, presets and unknown fields are named', () => {
    const { errors } = validateTour(
      tourWith([
        { title: 'A', text: 'B', camera: { target: 'selection', zoom: 9 } },
        {
          title: 'C',
          text: 'D',
          params: { demandMultiplier: 9, warpDrive: 1 },
          preset: 'nope',
          colour: 'red',
        },
      ]),
    );
    expect(errors).toHaveLength(4);
    expect(errors[0]).toBe('step 2.colour: unknown field');
    expect(errors[1]).toMatch(/^step 2\.params\.demandMultiplier: 9 is out of range/);
    expect(errors[2]).toBe('step 2.params.warpDrive: unknown parameter');
    expect(errors[3]).toMatch(/^step 2\.preset: "nope" is not one of default, prime-day/);
  });

  test("a selection of the followed order's facility takes true or false", () => {
    const ok = validateTour(
      tourWith([{ title: 'A', text: 'B', selection: { kind: 'fulfillmentCenter', ofOrder: true } }]),
    );
    expect(ok.errors).toEqual([]);
    const bad = validateTour(
      tourWith([{ title: 'A', text: 'B', selection: { kind: 'deliveryStation', ofOrder: 'yes' } }]),
    );
    expect(bad.errors).toEqual(['step 1.selection.ofOrder: expected true or false']);
  });

  test('an empty tour or a non-object is refused with a clear message', () => {
    expect(validateTour({ name: 'x', steps: [] }).errors).toEqual([
      'steps: expected a non-empty list of steps',
    ]);
    expect(validateTour('tour').errors).toEqual(['tour: expected an object with name and steps']);
  });
});

describe('tour targets (steps apply the same going forward and back)', () => {
  const { tour } = validateTour(
    tourWith([
      { title: '1', text: '.', selection: null, speed: 600 },
      { title: '2', text: '.', selection: { kind: 'fulfillmentCenter' }, params: { demandMultiplier: 2 } },
      { title: '3', text: '.', compare: { fork: true, params: { flexPayPerHourUsd: 32 } }, speed: 3600 },
      { title: '4', text: '.', params: { demandMultiplier: 1.5 }, compare: false },
    ]),
  );

  test('each step folds the steps before it', () => {
    if (!tour) throw new Error('test tour should be valid');
    expect(getTourTarget(tour, 0)).toEqual({
      params: {},
      selection: null,
      speed: 600,
      playing: undefined,
      compare: false,
    });
    expect(getTourTarget(tour, 2)).toEqual({
      params: { demandMultiplier: 2 },
      selection: { kind: 'fulfillmentCenter' },
      speed: 3600,
      playing: undefined,
      compare: { fork: true, params: { flexPayPerHourUsd: 32 } },
    });
    expect(getTourTarget(tour, 3).params).toEqual({ demandMultiplier: 1.5 });
    expect(getTourTarget(tour, 3).compare).toBe(false);
  });

  test('going back to a step gives the same target as going forward to it', () => {
    if (!tour) throw new Error('test tour should be valid');
    const forward = getTourTarget(tour, 1);
    getTourTarget(tour, 3);
    expect(getTourTarget(tour, 1)).toEqual(forward);
  });
});
