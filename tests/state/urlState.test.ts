import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { DEFAULT_SEED, readUrlState } from '../../src/state/urlState';

describe('the run in the URL', () => {
  test('an empty query is the default scenario', () => {
    const state = readUrlState('');
    expect(state.params).toEqual(defaultParams());
    expect(state.seed).toBe(DEFAULT_SEED);
    expect(state.errors).toEqual([]);
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
