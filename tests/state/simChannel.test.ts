import { describe, expect, test } from 'vitest';
import { smallParams } from '../sim/simHelpers';
import { createSimulation } from '../../src/sim/simulation';
import { SimChannel } from '../../src/state/simChannel';
import { createInProcessTransports, InProcessWorker } from '../../src/worker/inProcessTransport';
import { computeWarmState, computeWarmTrips } from '../../src/worker/precomputedWarmState';
import type { WarmStateSource } from '../../src/worker/simHost';
import { encodeWarmState, type WarmState } from '../../src/worker/warmState';
import { createHooks, PageHarness } from './channelHarness';

const H = 3600;
const SEED = 5;
const ORDER = { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' as const };

describe("the page's channel against an in-process host", () => {
  test('fork from now through the page: B − A is 0 on every KPI row at every publish for 6 sim hours', async () => {
    const page = new PageHarness(smallParams(), SEED);
    // An odd publish step, so the display sits between ticks most of the time.
    page.playTo(10 * H + 1234.5, 737);
    await page.fork(smallParams());
    const b = page.b;
    if (!b) throw new Error('no B');
    let compared = 0;
    page.playTo(16 * H + 1234.5, 737, () => {
      const a = PageHarness.figures(page.a);
      expect(PageHarness.figures(b), `B − A at display ${page.displayTimeS} s`).toEqual(a);
      compared++;
    });
    expect(compared).toBeGreaterThan(25);
    expect(page.a.kpiHistory.hours).toBe(16);
  });
});

describe('a failed worker is replaced without losing the run', () => {
  /** An undisturbed page playing the same display steps, for comparison. */
  function reference(untilS: number): PageHarness {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(10 * H);
    void page.a.placeOrder(ORDER, 'order-1', 10 * H);
    page.models.pump();
    page.playTo(untilS);
    return page;
  }

  test('a worker that throws: one line, a new worker at the time on screen, the same KPIs and order as a run that never failed', async () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(10 * H);
    const placed = page.a.placeOrder(ORDER, 'order-1', 10 * H);
    page.models.pump();
    await placed;
    page.playTo(14 * H);
    const shownS = page.a.view.currentTick?.timeS;
    page.a.crash();
    page.models.pump();
    expect(page.logA.recovering).toHaveLength(1);
    expect(page.logA.recovering[0]).toMatch(
      /^The model's worker failed \(Fault drill: the worker was asked to crash\); a new one is taking over/,
    );
    expect(page.logA.recovered.map((entry) => entry.timeS)).toEqual([shownS]);
    expect(page.models.workers).toHaveLength(2);
    const undisturbed = reference(20 * H);
    page.playTo(20 * H);
    expect(PageHarness.figures(page.a)).toEqual(PageHarness.figures(undisturbed.a));
    expect(page.a.view.currentTick?.orders).toEqual(undisturbed.a.view.currentTick?.orders);
    expect(page.a.view.currentTick?.orders[0].orderKey).toBe('order-1');
    expect(page.logA.failed).toEqual([]);
  });

  test('a worker that vanishes without a word is found by the watchdog and replaced', () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(12 * H);
    page.a.loseWorkerSilently();
    const lostAtMs = page.wallMs;
    // The page's clock keeps publishing; the lost worker answers nothing.
    for (let check = 0; check < 8 && page.logA.recovering.length === 0; check++) {
      page.wallMs += 1000;
      page.a.checkLiveness();
    }
    expect(page.logA.recovering[0]).toMatch(/failed \(it stopped answering\)/);
    expect(page.wallMs - lostAtMs).toBeLessThanOrEqual(6000);
    page.models.pump();
    expect(page.logA.recovered).toHaveLength(1);
    page.playTo(16 * H);
    const undisturbed = new PageHarness(smallParams(), SEED);
    undisturbed.playTo(16 * H);
    expect(PageHarness.figures(page.a)).toEqual(PageHarness.figures(undisturbed.a));
  });

  test('three failures within a minute stop the retries and say why; failures a minute apart do not', () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(6 * H);
    for (let failure = 0; failure < 2; failure++) {
      page.a.crash();
      page.models.pump();
      page.wallMs += 40_000;
    }
    // Two failures 40 s apart, then a third 40 s later: the first has left the window.
    page.a.crash();
    page.models.pump();
    expect(page.logA.failed).toEqual([]);
    expect(page.logA.recovered).toHaveLength(3);
    page.wallMs += 1000;
    page.a.crash();
    page.models.pump();
    expect(page.logA.failed).toHaveLength(1);
    expect(page.logA.failed[0]).toMatch(
      /failed 3 times within a minute \(last: Fault drill.*\), so it is not restarted again/,
    );
    expect(page.a.running).toBe(false);
  });

  test('scenario B (a fork) fails and comes back from its fork snapshot: B − A is still 0', async () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(8 * H);
    await page.fork(smallParams());
    page.playTo(11 * H);
    page.b?.crash();
    page.models.pump();
    expect(page.logB?.recovered).toHaveLength(1);
    page.playTo(14 * H, 900, () => {
      if (!page.b) return;
      expect(PageHarness.figures(page.b)).toEqual(PageHarness.figures(page.a));
    });
  });
});

describe('what the page makes of messages from the worker', () => {
  test('a message of no known type, or with fields it cannot use, is named and the run goes on', () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(H);
    // Delivered through the same door as a worker's message.
    const deliver = (data: unknown) => (page.a as unknown as { receive(data: unknown): void }).receive(data);
    deliver(null);
    deliver({ type: 'launch' });
    deliver({ type: 'tick', timeS: 3 });
    deliver({ type: 'trips', batch: { length: 2, vehicleKind: new Uint8Array(1) } });
    const hoursBefore = page.a.kpiHistory.hours;
    deliver({
      type: 'progress',
      phase: 'Warming up',
      fraction: 0.5,
      hours: { firstHour: -1, hourRows: [7] },
    });
    expect(page.logA.warnings).toHaveLength(5);
    expect(page.logA.warnings[4]).toMatch(
      /progress\.hours\.hourRows: a list of 1 is not a Float64Array; progress\.hours\.firstHour: -1 is not valid/,
    );
    expect(page.a.kpiHistory.hours, 'hours of history after the bad rows').toBe(hoursBefore);
    expect(page.logA.warnings[0]).toBe(
      'A message from the model was ignored: expected a message object, got null.',
    );
    expect(page.logA.warnings[1]).toBe('A message from the model was ignored: unknown type "launch".');
    expect(page.logA.warnings[2]).toMatch(
      /tick\.facilities: expected facility columns; tick\.kpis: expected/,
    );
    expect(page.logA.warnings[3]).toMatch(/trips\.batch\.vehicleKind: 1 entries; expected 2/);
    page.playTo(2 * H);
    expect(page.a.view.currentTick?.timeS).toBe(2 * H);
  });
});

describe('a warm start', () => {
  test('the page gets the network, how far the warm-up got with each hour it closed (the charts fill as it runs), then the run at its start time; nothing streamed before', () => {
    const models = createInProcessTransports();
    const heard: string[] = [];
    const hoursWhileWarming: number[] = [];
    let historyNews = 0;
    let readyAtS = -1;
    const { hooks } = createHooks();
    const channel = new SimChannel(
      'A',
      {
        ...hooks,
        onWarmingUp: (toS, fraction) => {
          heard.push(`warming ${toS / H} ${fraction.toFixed(2)}`);
          hoursWhileWarming.push(channel.kpiHistory.hours);
        },
        onReady: (_view, timeS) => {
          readyAtS = timeS;
          heard.push(`ready ${timeS / H}`);
        },
      },
      models.factory,
      undefined,
      { watchdogMs: 0 },
    );
    channel.onNetwork(() => heard.push('network'));
    channel.onTrips((batch) => heard.push(`trips ${batch.length}`));
    channel.onHistory(() => historyNews++);
    channel.start(smallParams(), SEED, { startTimeS: 8 * H });
    models.pump();
    expect(heard[0]).toBe('warming 8 0.00');
    expect(heard[1]).toBe('network');
    // Then the trips on the road at 08:00, and the run opens there with its tick on screen.
    expect(heard.slice(-2), heard.join(', ')).toEqual([expect.stringMatching(/^trips [1-9]/), 'ready 8']);
    expect(heard.slice(2, -2).every((line) => line.startsWith('warming 8 '))).toBe(true);
    expect(heard.length).toBeGreaterThan(5);
    expect(readyAtS).toBe(8 * H);
    expect(channel.view.currentTick?.timeS).toBe(8 * H);
    expect(channel.kpiHistory.hours).toBe(8);
    expect(channel.kpiHistory.sum('ordered')).toBeGreaterThan(0);
    // The charts fill while it warms up: each progress report brings the hour it closed, so
    // the history has grown hour by hour (not all at once at the end) before the run opens.
    expect(hoursWhileWarming.slice(1), 'hours of history at each progress report').toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(historyNews, 'history news to the charts').toBe(8);
    // And they are the model's own hours, as a run simulated straight through has them.
    const straight = createSimulation(smallParams(), SEED);
    straight.advanceTo(8 * H);
    const hourly = straight.getKpis().hourly;
    for (const name of ['ordered', 'delivered', 'dueParcels', 'dueOnTime'] as const)
      expect(Array.from(channel.kpiHistory.column(name)), name).toEqual(Array.from(hourly[name]).slice(0, 8));
    channel.stop();
  });

  test("a precomputed warm start: the opening's first trips come with the network, before the run opens (the page says it took them: the state's fetch waits for that), and are kept until the state's trips replace them in one step (a rewind of every vehicle, then the trips); when the state cannot be used, the replay's trips replace them", async () => {
    const params = smallParams();
    const startS = 4 * H;
    const state = computeWarmState({ fingerprint: 'test-code', params, seed: SEED, timeS: startS });
    const toBuffer = (bytes: Uint8Array) => bytes.slice().buffer;
    const open = async (served: WarmState) => {
      const source: WarmStateSource = {
        fingerprint: 'test-code',
        load: async () => toBuffer(encodeWarmState(served)),
        // A part of the state's trips (see warmState.test.ts: at 04:00 every trip has left).
        loadTrips: async () => toBuffer(encodeWarmState(computeWarmTrips(state, -3600))),
      };
      const workers: InProcessWorker[] = [];
      const heard: string[] = [];
      const { hooks } = createHooks();
      const channel = new SimChannel(
        'A',
        { ...hooks, onReady: (_view, timeS) => heard.push(`open ${timeS / H}`) },
        (events) => {
          const worker = new InProcessWorker(events, undefined, source);
          // The page's word that it took the opening trips, which the state's fetch waits for.
          const post = worker.post.bind(worker);
          worker.post = (message, transfer) => {
            if (message.type === 'tripsAtStartTaken') heard.push('taken');
            post(message, transfer);
          };
          workers.push(worker);
          return worker;
        },
        undefined,
        { watchdogMs: 0 },
      );
      channel.onNetwork(() => heard.push('network'));
      channel.onTripsReset(() => heard.push('reset'));
      channel.onTrips((batch) => heard.push(`trips ${batch.length}`));
      channel.onTripsRewound((firstVehicleId) => heard.push(`rewound ${firstVehicleId}`));
      channel.start(params, SEED, { startTimeS: startS });
      // The files settle a task or two later (the host holds the page's messages meanwhile).
      for (let round = 0; round < 5; round++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        for (const worker of workers) worker.pump();
      }
      return heard;
    };
    const sentAhead = computeWarmTrips(state, -3600).trips.length;
    expect(sentAhead).toBeGreaterThan(0);
    expect(sentAhead).toBeLessThan(state.trips.length);
    const restored = await open(state);
    expect(restored).toEqual([
      'reset',
      'network',
      `trips ${sentAhead}`,
      'taken',
      `open ${startS / H}`,
      'rewound 0',
      `trips ${state.trips.length}`,
    ]);
    // Another build's state: the seek replays and its answer drops what `ready` brought.
    const replayed = await open({ ...state, fingerprint: 'older-code' });
    expect(replayed.slice(0, 5)).toEqual(['reset', 'network', `trips ${sentAhead}`, 'taken', 'reset']);
    expect(replayed.slice(5), replayed.join(', ')).toEqual([
      expect.stringMatching(/^trips [1-9]/),
      `open ${startS / H}`,
    ]);
  });

  test('B does not warm up on its own: it has no screen to open, it follows A from the start', () => {
    const models = createInProcessTransports();
    const warmingUps: number[] = [];
    const { hooks } = createHooks();
    const channel = new SimChannel(
      'B',
      { ...hooks, onWarmingUp: (toS) => warmingUps.push(toS) },
      models.factory,
      undefined,
      { watchdogMs: 0 },
    );
    channel.start(smallParams(), SEED, { startTimeS: 8 * H });
    models.pump();
    expect(warmingUps).toEqual([]);
    expect(channel.view.currentTick?.timeS ?? 0).toBeLessThan(8 * H);
    channel.stop();
  });
});

describe('holding the model output (the page benchmark and the e2e check of time alone)', () => {
  test('while held the clock still runs to what the model simulated, but no trip or tick reaches the page; released, both come again', () => {
    const page = new PageHarness(smallParams(), SEED);
    let tripBatches = 0;
    let ticksShown = 0;
    page.a.onTrips(() => tripBatches++);
    page.a.onTick(() => ticksShown++);
    page.playTo(8 * H);
    expect(tripBatches, 'trip batches in the first 8 sim hours').toBeGreaterThan(0);
    expect(ticksShown, 'ticks shown in the first 8 sim hours').toBeGreaterThan(0);
    const shownTick = page.a.view.currentTick;
    page.a.holdOutput(true);
    tripBatches = 0;
    ticksShown = 0;
    page.playTo(10 * H);
    expect(page.displayTimeS, 'display time, held').toBe(10 * H);
    expect(page.a.view.simulatedTimeS, 'simulated time, held').toBeGreaterThanOrEqual(10 * H);
    expect({ tripBatches, ticksShown }, 'trip batches and ticks shown while held').toEqual({
      tripBatches: 0,
      ticksShown: 0,
    });
    expect(page.a.view.currentTick, 'the tick on screen while held').toBe(shownTick);
    page.a.holdOutput(false);
    page.playTo(12 * H);
    expect(tripBatches, 'trip batches once released').toBeGreaterThan(0);
    expect(page.a.view.currentTick?.timeS, 'the tick on screen once released').toBeGreaterThan(10 * H);
    // The hours closed while held are in the charts, as in a run that played through.
    const played = new PageHarness(smallParams(), SEED);
    played.playTo(12 * H);
    expect(page.a.kpiHistory.hours).toBe(12);
    expect(PageHarness.figures(page.a).rows).toEqual(PageHarness.figures(played.a).rows);
  });
});

describe('a seek keeps every hour of the history', () => {
  test('a seek forward past ticks the display had not reached: the hours they closed stay in the charts, as in a run that played through', () => {
    const played = new PageHarness(smallParams(), SEED);
    played.playTo(14 * H);
    const page = new PageHarness(smallParams(), SEED);
    // The display behind what the worker simulated (its lookahead): ticks closing hours 8 to 9
    // wait on the page when the seek comes.
    page.playTo(8 * H + 600);
    page.a.advance(page.displayTimeS, 2 * H, 300);
    page.models.pump();
    expect(page.a.view.simulatedTimeS, 'simulated ahead of the display').toBeGreaterThan(9 * H);
    page.displayTimeS = 11 * H + 300;
    page.a.seek(page.displayTimeS);
    page.models.pump();
    page.playTo(14 * H);
    expect(page.a.kpiHistory.hours).toBe(14);
    expect(PageHarness.figures(page.a).rows).toEqual(PageHarness.figures(played.a).rows);
  });
});
