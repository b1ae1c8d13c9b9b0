import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../../src/sim/params';
import { applyPreset, getPreset } from '../../../src/sim/presets';
import { createScenarioFile, parseScenarioFile, SCENARIO_FORMAT } from '../../../src/ui/demo/scenarioFile';

function fileText(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...createScenarioFile(defaultParams(), 7, null), ...overrides });
}

describe('scenario files', () => {
  test('a saved scenario reads back to the same preset, parameters and seed', () => {
    const preset = getPreset('winter-storm');
    if (!preset) throw new Error('winter-storm preset expected');
    const params = { ...applyPreset(defaultParams(), preset), demandMultiplier: 1.8 };
    const saved = JSON.stringify(createScenarioFile(params, 42, 'winter-storm'));
    const { scenario, errors } = parseScenarioFile(saved);
    expect(errors).toEqual([]);
    expect(scenario).toEqual({
      format: SCENARIO_FORMAT,
      version: 1,
      presetName: 'winter-storm',
      params,
      seed: 42,
    });
  });

  test('parameters left out take the preset value', () => {
    const { scenario } = parseScenarioFile(
      JSON.stringify({
        format: SCENARIO_FORMAT,
        version: 1,
        presetName: 'poor-forecast',
        params: {},
        seed: 1,
      }),
    );
    expect(scenario?.params.forecastAccuracy).toBe(0.5);
  });

  test('a wrong format tag is refused and named', () => {
    const { scenario, errors } = parseScenarioFile(fileText({ format: 'kepler.gl' }));
    expect(scenario).toBeNull();
    expect(errors).toEqual([
      `format: "kepler.gl" is not a Parcelscope scenario; expected "${SCENARIO_FORMAT}"`,
    ]);
  });

  test('a bad parameter value is named with its range', () => {
    const { scenario, errors } = parseScenarioFile(
      fileText({ params: { ...defaultParams(), demandMultiplier: 12 } }),
    );
    expect(scenario).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^params\.demandMultiplier: 12 is out of range; expected 0 to 4/);
  });

  test('an unknown parameter, a bad seed and a bad preset are each named', () => {
    const { scenario, errors } = parseScenarioFile(
      fileText({ params: { teleporters: 3 }, seed: -1, presetName: 'mardi-gras' }),
    );
    expect(scenario).toBeNull();
    expect(errors).toEqual([
      expect.stringMatching(/^presetName: "mardi-gras" is not one of default/),
      'seed: -1 is not valid; expected a whole number from 0 to 2147483647',
      'params.teleporters: unknown parameter',
    ]);
  });

  test('text that is not JSON is refused with the parser message', () => {
    const { scenario, errors } = parseScenarioFile('{ not json');
    expect(scenario).toBeNull();
    expect(errors[0]).toMatch(/^not a JSON file/);
  });
});
