import { describe, expect, test } from 'vitest';
import { defaultParams } from '../../../src/sim/params';
import { applyPreset, getPreset } from '../../../src/sim/presets';
import { readUrlState } from '../../../src/state/urlState';
import {
  createScenarioFile,
  getScenarioB,
  getScenarioUrl,
  parseScenarioFile,
  SCENARIO_FORMAT,
} from '../../../src/ui/demo/scenarioFile';

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

  test('a file without a seed says it is missing (it read "seed: undefined is not valid")', () => {
    const { seed: _seed, ...withoutSeed } = createScenarioFile(defaultParams(), 7, null);
    const { scenario, errors } = parseScenarioFile(JSON.stringify(withoutSeed));
    expect(scenario).toBeNull();
    expect(errors).toEqual(['seed: missing; expected a whole number from 0 to 2147483647']);
  });

  test('text that is not JSON is refused with the parser message', () => {
    const { scenario, errors } = parseScenarioFile('{ not json');
    expect(scenario).toBeNull();
    expect(errors[0]).toMatch(/^not a JSON file/);
  });
});

describe("scenario B in a file: an A/B or a fork saved keeps B's changed values and its fork time", () => {
  const paramsA = { ...defaultParams(), demandMultiplier: 1.2 };
  const paramsB = { ...paramsA, flexPayPerHourUsd: 15, vansPerStation: 40 };

  test('only the values B changed are written; they read back into the same B', () => {
    const file = createScenarioFile(paramsA, 3, null, { params: paramsB, forkAtS: 100_800.7 });
    expect(file.paramsB).toEqual({ flexPayPerHourUsd: 15, vansPerStation: 40 });
    expect(file.forkAtS).toBe(100_800);
    expect(file).not.toHaveProperty('networkEditsB');
    const { scenario, errors } = parseScenarioFile(JSON.stringify(file));
    expect(errors).toEqual([]);
    if (!scenario) throw new Error('scenario expected');
    expect(getScenarioB(scenario)).toEqual({ params: paramsB, forkAtS: 100_800 });
    // A file of A alone has no B.
    expect(getScenarioB(createScenarioFile(paramsA, 3, null))).toBeNull();
  });

  test("the file's link opens A at B's fork with B's values and fork time, as a copied link does", () => {
    const file = createScenarioFile(paramsA, 3, null, { params: paramsB, forkAtS: 100_800 });
    const { scenario } = parseScenarioFile(JSON.stringify(file));
    if (!scenario) throw new Error('scenario expected');
    const url = new URL(
      getScenarioUrl('http://127.0.0.1:5173/?style=https://tiles.example/s.json', scenario, 600),
    );
    const state = readUrlState(url.search);
    expect(state.errors).toEqual([]);
    expect(state.params).toEqual(paramsA);
    expect(state.seed).toBe(3);
    expect(state.startTimeS).toBe(100_800);
    expect(state.compareB).toEqual({
      overrides: { flexPayPerHourUsd: 15, vansPerStation: 40 },
      forkAtS: 100_800,
    });
    expect(url.searchParams.get('style')).toBe('https://tiles.example/s.json');
    // An A/B from the start opens at the start.
    const fromStart = parseScenarioFile(
      JSON.stringify(createScenarioFile(paramsA, 3, null, { params: paramsB, forkAtS: null })),
    ).scenario;
    if (!fromStart) throw new Error('scenario expected');
    const fromStartState = readUrlState(
      new URL(getScenarioUrl('http://127.0.0.1:5173/', fromStart, 600)).search,
    );
    expect(fromStartState.startTimeS).toBe(0);
    expect(fromStartState.compareB).toEqual({
      overrides: { flexPayPerHourUsd: 15, vansPerStation: 40 },
      forkAtS: null,
    });
  });

  test("a bad value of B's, B's edits in the wrong place and a bad fork time are each named", () => {
    const { scenario, errors } = parseScenarioFile(
      fileText({ paramsB: { demandMultiplier: 12, networkEdits: 'remove:f1' }, forkAtS: -5 }),
    );
    expect(scenario).toBeNull();
    expect(errors).toEqual([
      "paramsB.networkEdits: B's network edits go in networkEditsB",
      expect.stringMatching(/^forkAtS: -5 is not valid; expected the whole sim seconds B forked at/),
    ]);
    const bad = parseScenarioFile(fileText({ paramsB: { demandMultiplier: 12 } }));
    expect(bad.errors[0]).toMatch(/^paramsB\.demandMultiplier: 12 is out of range; expected 0 to 4/);
  });
});
