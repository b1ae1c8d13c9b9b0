import { describe, expect, test } from 'vitest';
import { reportLongWorkProgress, runHearingLongWork } from '../../src/sim/longWork';
import { createSimulation } from '../../src/sim/simulation';
import { InProcessWorker } from '../../src/worker/inProcessTransport';
import { PROTOCOL_VERSION, type WorkerMessage } from '../../src/worker/protocol';
import { fingerprint, smallParams } from '../sim/simHelpers';

const H = 3600;
const SEED = 11;

describe('the model says it is busy during long work, and the worker tells the page it is alive', () => {
  test('the signal comes after every step and every station wave, and changes no result', () => {
    const params = smallParams();
    const heard = createSimulation(params, SEED);
    let signals = 0;
    // Midnight to 10:00 crosses the morning waves of every station.
    runHearingLongWork(
      () => signals++,
      () => heard.advanceTo(10 * H),
    );
    const steps = (10 * H) / params.stepS;
    // One signal a step, and one more after each station's wave.
    const waves = signals - steps;
    expect(waves).toBeGreaterThanOrEqual(heard.network.serviceAreas.stationId.length);
    // Outside the call nobody hears it.
    reportLongWorkProgress();
    expect(signals).toBe(steps + waves);
    const unheard = createSimulation(params, SEED);
    unheard.advanceTo(10 * H);
    expect(fingerprint(heard, [heard.drainTrips()])).toEqual(fingerprint(unheard, [unheard.drainTrips()]));
  });

  test("a warm-up hour that takes seconds of wall time is sent with 'alive' messages within it, not only at its close", () => {
    // Each reading of the host's clock is a second later: an hour of model work then takes
    // far longer than the page's watchdog waits (4 s), as a sim hour does at full scale.
    let clockMs = 0;
    const received: WorkerMessage[] = [];
    const worker = new InProcessWorker(
      { onMessage: (message) => received.push(message as WorkerMessage), onFailure: () => {} },
      () => (clockMs += 1000),
    );
    const startS = 3 * H;
    worker.post({
      type: 'init',
      version: PROTOCOL_VERSION,
      params: smallParams(),
      seed: SEED,
      startTimeS: startS,
    });
    worker.post({ type: 'seek', timeS: startS });
    worker.pump();
    const types = received.map((message) => message.type);
    const hourCloses = types.flatMap((type, index) => (type === 'progress' ? [index] : []));
    // Between the progress rows of two warm-up hours, the host kept saying it is alive.
    const warmUpHours = received.filter(
      (message) => message.type === 'progress' && message.phase === 'Warming up',
    ).length;
    expect(warmUpHours).toBeGreaterThanOrEqual(2);
    const lastTwo = hourCloses.slice(-2);
    const aliveWithinHour = types.slice(lastTwo[0] + 1, lastTwo[1]).filter((type) => type === 'alive').length;
    expect(aliveWithinHour).toBeGreaterThan(10);
  });
});
