/**
 * Every boundary of the page, fuzzed: URL strings, scenario files, tour files and messages to
 * and from the worker. None may throw; each refusal names what was wrong; what gets through is
 * valid. Figures (inputs per class) are the numRuns below.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultParams, PARAM_DECLARATIONS, validateParams } from '../../src/sim/params';
import { DATA_FILE_LIMITS, parseDataFile } from '../../src/state/dataFile';
import { readUrlState } from '../../src/state/urlState';
import { createScenarioFile, parseScenarioFile } from '../../src/ui/demo/scenarioFile';
import { validateTour } from '../../src/ui/demo/tour';
import orderToDoor from '../../src/ui/demo/tours/orderToDoor.json';
import { readPageMessage } from '../../src/worker/pageMessageCheck';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import { readWorkerMessage } from '../../src/worker/workerMessageCheck';
import { smallParams } from '../sim/simHelpers';
import { HostDriver } from '../worker/hostDriver';
import { hostileValue, mutated } from './hostileData';

const FUZZ_RUNS = {
  url: 400,
  scenarioFile: 300,
  tourFile: 300,
  pageMessage: 300,
  startMessage: 20,
  workerMessage: 300,
};

const PARAM_KEYS = PARAM_DECLARATIONS.map((declaration) => declaration.key);
const PAGE_KEYS = ['seed', 't', 'speed', 'style', 'paused', 'cam', 'sel', 'preset', 'order'];

/** A query string of known and unknown keys with random, often hostile, values. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...PARAM_KEYS, ...PAGE_KEYS), fc.string({ maxLength: 12 })),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.double().map(String),
        fc.integer().map(String),
        fc.constantFrom(
          '',
          'NaN',
          '-0',
          '1e999',
          '0x10',
          ' 5 ',
          '%00',
          '<script>',
          'a'.repeat(5000),
          '-98,39,4',
        ),
      ),
    ),
    { maxLength: 12 },
  )
  .map(
    (pairs) =>
      `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`,
  );

describe('URL strings', () => {
  test('any query string opens a valid run; every refused value is named', () => {
    fc.assert(
      fc.property(fc.oneof(queryString, fc.string({ maxLength: 200 })), (search) => {
        const state = readUrlState(search);
        expect(validateParams(state.params as unknown as Record<string, unknown>).errors).toEqual([]);
        expect(Number.isInteger(state.seed) && state.seed >= 0).toBe(true);
        expect(state.startTimeS).toBeGreaterThanOrEqual(0);
        const keys = [...new URLSearchParams(search).keys()];
        for (const error of state.errors) {
          expect(
            keys.some((key) => error.startsWith(`${key}: `) || error.startsWith('(a value without a name)')),
          ).toBe(true);
          expect(error.length).toBeLessThanOrEqual(300);
        }
      }),
      { numRuns: FUZZ_RUNS.url, seed: 18 },
    );
  });
});

describe('scenario files', () => {
  const valid = createScenarioFile(defaultParams(), 7, null);

  test('random JSON, or a valid file with one part made wrong, never throws; a refusal names the problem', () => {
    const text = fc.oneof(
      fc.json({ maxDepth: 4 }),
      mutated(valid).map((value) => JSON.stringify(value) ?? 'undefined'),
      fc.string({ maxLength: 100 }),
    );
    fc.assert(
      fc.property(text, (input) => {
        const { scenario, errors } = parseScenarioFile(input);
        if (scenario) {
          expect(errors).toEqual([]);
          expect(validateParams(scenario.params as unknown as Record<string, unknown>).errors).toEqual([]);
        } else {
          expect(errors.length).toBeGreaterThan(0);
          for (const error of errors) expect(error.length).toBeLessThan(2000);
        }
      }),
      { numRuns: FUZZ_RUNS.scenarioFile, seed: 18 },
    );
  });

  test('huge, deeply nested and prototype-keyed files are refused by name', () => {
    expect(parseScenarioFile(' '.repeat(DATA_FILE_LIMITS.maxBytes + 1)).errors).toEqual([
      'the file is 1.0 MB; at most 1.0 MB is read',
    ]);
    expect(parseScenarioFile(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).errors[0]).toMatch(
      /nested deeper than 12 levels/,
    );
    const polluted = `{"format":"parcelscope-scenario","version":1,"presetName":null,"seed":1,"params":{"__proto__":{"scale":5}}}`;
    expect(parseScenarioFile(polluted).errors).toEqual([
      'params.__proto__: a key that is not allowed in a data file',
    ]);
    expect(parseDataFile(`[${'0,'.repeat(60_000)}0]`).error).toMatch(/more than 50000 values/);
    expect(({} as Record<string, unknown>).scale).toBeUndefined();
  });
});

describe('tour files', () => {
  test('random values, or the shipped tour with one part made wrong, never throw; each refusal names step and field', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(orderToDoor), hostileValue, fc.jsonValue({ maxDepth: 4 })), (input) => {
        const { tour, errors } = validateTour(input);
        if (tour) expect(errors).toEqual([]);
        else {
          expect(errors.length).toBeGreaterThan(0);
          for (const error of errors) expect(error).toMatch(/^(tour|name|steps|step \d+)/);
        }
      }),
      { numRuns: FUZZ_RUNS.tourFile, seed: 18 },
    );
  });

  test('a tour file with a prototype key is refused before any field is read', () => {
    const text = JSON.stringify(orderToDoor).replace('"selection":null', '"__proto__":{"title":"x"}');
    expect(parseDataFile(text).error).toMatch(/^steps\[\d+\]\.__proto__: a key that is not allowed/);
  });
});

describe('messages to the worker', () => {
  const validMessages: unknown[] = [
    { type: 'advance', displayTimeS: 3600, lookaheadS: 1800, tickIntervalS: 300 },
    { type: 'setParams', partial: { vansPerStation: 40 }, atTimeS: 3600 },
    { type: 'seek', timeS: 1800 },
    {
      type: 'placeOrder',
      order: { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' },
      orderKey: 'k',
      atTimeS: 3600,
    },
    { type: 'focusFacility', facilityId: 3 },
    { type: 'snapshot', atTimeS: 3600 },
  ];
  /** A start builds a network (a second at the default scale a bad `scale` falls back to): fewer of these. */
  const startMessage = { type: 'init', version: PROTOCOL_VERSION, params: smallParams(), seed: 1 };

  test('a random or half-wrong message never stops the worker: it is answered, named, and the run goes on', () => {
    const host = HostDriver.start(smallParams(), 9).playTo(3600);
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(hostileValue, ...validMessages.map(mutated)), (message) => {
        const before = host.received.length;
        host.send(message);
        expect(host.failures).toEqual([]);
        const answers = host.since(before);
        expect(answers.find((answer) => answer.type === 'error')).toBeUndefined();
        for (const answer of answers) {
          if (answer.type === 'rejected') {
            rejected++;
            expect(answer.message).toMatch(/^A message to the model was ignored: /);
          }
        }
        expect(host.worker.host.model).not.toBeNull();
      }),
      { numRuns: FUZZ_RUNS.pageMessage, seed: 18 },
    );
    // Still a working model: a move of the display gets ticks.
    const mark = host.received.length;
    host.playTo(host.model().timeS + 600);
    expect(host.since(mark).some((answer) => answer.type === 'tick')).toBe(true);
    expect(rejected).toBeGreaterThan(FUZZ_RUNS.pageMessage / 3);
  });

  test('a half-wrong start message starts a valid run or is refused by name', () => {
    const host = HostDriver.start(smallParams(), 9);
    fc.assert(
      fc.property(mutated(startMessage), (message) => {
        const before = host.received.length;
        host.send(message);
        expect(host.failures).toEqual([]);
        const answers = host.since(before);
        const ready = answers.find((answer) => answer.type === 'ready');
        const refusal = answers.find((answer) => answer.type === 'rejected' || answer.type === 'error');
        expect(
          Boolean(ready) !== Boolean(refusal),
          JSON.stringify(answers.map((answer) => answer.type)),
        ).toBe(true);
        if (ready?.type === 'ready')
          expect(validateParams(ready.params as unknown as Record<string, unknown>).errors).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS.startMessage, seed: 18 },
    );
  });

  test('values JSON cannot print (a BigInt, a cycle, Infinity) are named, not thrown on', () => {
    const host = HostDriver.start(smallParams(), 9).playTo(3600);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const before = host.received.length;
    host.send({
      type: 'setParams',
      partial: { vansPerStation: 10n, flexPayPerHourUsd: cyclic, demandMultiplier: Number.POSITIVE_INFINITY },
    });
    const applied = host.since(before).find((message) => message.type === 'paramsApplied');
    const errors = applied?.type === 'paramsApplied' ? applied.errors.join('\n') : '';
    expect(errors).toMatch(/^vansPerStation: a bigint is not a number; expected /m);
    expect(errors).toMatch(/^flexPayPerHourUsd: an object is not a number; expected /m);
    expect(errors).toMatch(/^demandMultiplier: Infinity is not a number; expected /m);
    expect(host.failures).toEqual([]);
  });

  test('each shape problem is named: the field, the value and what was expected', () => {
    expect(
      readPageMessage({ type: 'advance', displayTimeS: Number.NaN, lookaheadS: 1, tickIntervalS: 5 }),
    ).toEqual({
      error:
        'advance.displayTimeS: NaN is not valid; expected a number from 0 to 31622400; advance.tickIntervalS: 5 is not valid; expected a number from 60 to 86400',
    });
    expect(readPageMessage({ type: 'launch' }).error).toMatch(/^type: "launch" is not one of init, advance/);
    expect(readPageMessage([1, 2]).error).toBe('expected a message object, got a list of 2');
  });
});

describe('messages from the worker', () => {
  test('a random or half-wrong worker message is refused by name or accepted whole, never thrown on', () => {
    const host = HostDriver.start(smallParams(), 9).playTo(2 * 3600);
    host.send({
      type: 'placeOrder',
      order: { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' },
      orderKey: 'k',
      atTimeS: 7200,
    });
    host.send({ type: 'snapshot', atTimeS: 7200 });
    host.send({ type: 'setParams', partial: { vansPerStation: 40 } });
    const samples = ['ready', 'tick', 'trips', 'paramsApplied', 'orderPlaced', 'snapshot', 'timeline'].map(
      (type) => {
        const sample = host.received.find((message) => message.type === type);
        if (!sample) throw new Error(`no ${type} message to mutate`);
        return sample;
      },
    );
    for (const sample of samples) expect(readWorkerMessage(sample).error).toBeUndefined();
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(hostileValue, ...samples.map(mutated)), (message) => {
        const checked = readWorkerMessage(message);
        if (checked.error !== undefined) {
          refused++;
          expect(checked.error.length).toBeLessThan(2000);
        }
      }),
      { numRuns: FUZZ_RUNS.workerMessage, seed: 18 },
    );
    expect(refused).toBeGreaterThan(FUZZ_RUNS.workerMessage / 3);
  });
});
