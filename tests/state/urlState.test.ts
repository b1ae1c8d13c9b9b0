import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import {
  buildShareUrl,
  DEFAULT_SEED,
  formatOrderLink,
  readUrlState,
  WARM_START_S,
} from '../../src/state/urlState';

describe('the run in the URL', () => {
  test('an empty query is the default scenario', () => {
    const state = readUrlState('');
    expect(state.params).toEqual(defaultParams());
    expect(state.seed).toBe(DEFAULT_SEED);
    expect(state.errors).toEqual([]);
  });

  test('without t the run opens warm, on day 4 at 10:00; t=0 opens at midnight on day 1', () => {
    expect(readUrlState('').startTimeS).toBe(WARM_START_S);
    expect(WARM_START_S).toBe((3 * 24 + 10) * 3600);
    expect(readUrlState('?t=0').startTimeS).toBe(0);
    // A bad t falls back to the warm start, as a missing one does.
    expect(readUrlState('?t=soon').startTimeS).toBe(WARM_START_S);
  });

  test('reads parameters, seed, time and speed', () => {
    const state = readUrlState('?scale=0.002&seed=7&t=7200&speed=3600&paused=1');
    expect(state.params.scale).toBe(0.002);
    expect(state.seed).toBe(7);
    expect(state.startTimeS).toBe(7200);
    expect(state.speed).toBe(3600);
    expect(state.paused).toBe(true);
    expect(state.errors).toEqual([]);
  });

  test('names every bad value and falls back to its default', () => {
    const state = readUrlState('?scale=lots&seed=-3&speed=0&bogus=1');
    expect(state.params.scale).toBe(defaultParams().scale);
    expect(state.seed).toBe(DEFAULT_SEED);
    expect(state.speed).toBeNull();
    expect(state.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^scale: .*expected/),
        expect.stringMatching(/^seed: "-3" is not valid/),
        expect.stringMatching(/^speed: "0" is not valid/),
        expect.stringMatching(/^bogus: unknown parameter/),
      ]),
    );
  });
});

describe('the shareable link', () => {
  test('round-trips: reading the link gives back the parameters, seed, time and speed', () => {
    const params = { ...defaultParams(), scale: 0.004, fulfillmentCenterCount: 30 };
    const link = buildShareUrl('http://127.0.0.1:5173/?old=1', params, 42, 5400.7, 600);
    const url = new URL(link);
    expect(url.searchParams.get('old')).toBeNull();
    const state = readUrlState(url.search);
    expect(state.errors).toEqual([]);
    expect(state.params).toEqual(params);
    expect(state.seed).toBe(42);
    expect(state.startTimeS).toBe(5400);
    expect(state.speed).toBe(600);
  });

  test('leaves defaults out, so links stay short', () => {
    const link = buildShareUrl('http://127.0.0.1:5173/', defaultParams(), 1, 0, 600);
    expect(new URL(link).search).toBe('?seed=1&t=0&speed=600');
  });
});

describe('camera and selection in the URL', () => {
  test('are read when well-formed and refused with a reason otherwise', () => {
    const good = readUrlState('?cam=-87.6,41.9,9&sel=f12');
    expect(good.camera).toEqual({ lon: -87.6, lat: 41.9, zoom: 9 });
    expect(good.selectedFacility).toBe(12);
    const bad = readUrlState('?cam=north&sel=12');
    expect(bad.camera).toBeNull();
    expect(bad.selectedFacility).toBeNull();
    expect(bad.errors).toEqual([expect.stringMatching(/^cam: "north"/), expect.stringMatching(/^sel: "12"/)]);
  });
});

describe('presets in the URL', () => {
  test('a preset sets its parameters, and explicit values still win', () => {
    const state = readUrlState('?preset=winter-storm&stormSpeedFactor=0.6');
    expect(state.presetName).toBe('winter-storm');
    expect(state.params.stormChancePerDay).toBe(0.6);
    expect(state.params.stormSpeedFactor).toBe(0.6);
    expect(state.errors).toEqual([]);
  });
  test('an unknown preset is named, and the defaults are used', () => {
    const state = readUrlState('?preset=mars');
    expect(state.presetName).toBeNull();
    expect(state.params).toEqual(defaultParams());
    expect(state.errors[0]).toMatch(/^preset: "mars" is not one of default, prime-day/);
  });
  test('a shared link keeps the preset and only the changes on top of it', () => {
    const params = { ...readUrlState('?preset=winter-storm').params, vansPerStation: 10 };
    const link = buildShareUrl('http://127.0.0.1:5173/', params, 3, 60, 600, {}, 'winter-storm');
    const url = new URL(link);
    expect(url.searchParams.get('preset')).toBe('winter-storm');
    expect(url.searchParams.has('stormChancePerDay')).toBe(false);
    expect(readUrlState(url.search).params).toEqual(params);
  });
});

describe('a placed order in the URL', () => {
  test('round-trips through the link, and a bad one is named and left out', () => {
    const spec = { lon: -87.65, lat: 41.88, weightKg: 12, promise: 'nextDay' as const };
    const link = buildShareUrl('http://localhost/', defaultParams(), 7, 40_000, 600, {
      order: formatOrderLink(spec, 36_000),
    });
    const state = readUrlState(new URL(link).search);
    expect(state.order).toEqual({ spec, atS: 36_000 });
    expect(state.errors).toEqual([]);
    for (const bad of [
      '-87.65,41.88,12,tomorrow,36000',
      '-87.65,41.88,99,nextDay,36000',
      '-87.65,41.88,12,nextDay',
    ]) {
      const refused = readUrlState(`?order=${bad}`);
      expect(refused.order, bad).toBeNull();
      expect(refused.errors[0]).toMatch(/^order: ".*" is not valid; expected lon,lat,kg,promise,sim seconds/);
    }
  });
});
