import { describe, expect, test, vi } from 'vitest';
import type { Params } from '../../src/sim/params';
import { createSimulation, type SimSnapshot, type TripBatch } from '../../src/sim/simulation';
import { packValue, unpackValue } from '../../src/worker/packedValue';
import {
  computeWarmHours,
  computeWarmState,
  computeWarmTrips,
  OPENING_TRIPS_SPAN_S,
} from '../../src/worker/precomputedWarmState';
import { PROTOCOL_VERSION, type WorkerMessage } from '../../src/worker/protocol';
import { TRIPS_AT_START_WAIT_MS, SimHost, type WarmStateSource } from '../../src/worker/simHost';
import { keepTripsShownAfter, concatTripBatches, getTripEndS } from '../../src/worker/tripSieve';
import { encodeWarmState, isWarmStateFor, type WarmStateKey } from '../../src/worker/warmState';
import { digestOf, fingerprint, smallParams } from '../sim/simHelpers';
import { WorkerRun } from '../../src/worker/workerRun';
import { HostDriver } from './hostDriver';

/** WorkerRun's private restore, spied on to see where a seek starts. */
type WithRestore = { restore(snapshot: SimSnapshot): unknown };

const H = 3600;
const FINGERPRINT = 'test-model-code-1';

/** Every column of a trip batch, as plain numbers (byte-for-byte equality of the typed arrays). */
function columnsOf(batch: TripBatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(batch))
    out[key] = ArrayBuffer.isView(value) ? [value.constructor.name, ...(value as Float64Array)] : value;
  return out;
}

/** A source serving `bytes` (or failing) for any warm start, as the worker's fetch would. */
function serving(bytes: () => Promise<ArrayBuffer | null>): WarmStateSource {
  return { fingerprint: FINGERPRINT, load: () => bytes() };
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** The page's warm start: `init` with its start, the seek there, then the host left to finish. */
async function openWarm(driver: HostDriver, params: Params, seed: number, startS: number): Promise<number> {
  driver.send({ type: 'init', version: PROTOCOL_VERSION, params, seed, startTimeS: startS });
  const mark = driver.received.length;
  driver.send({ type: 'seek', timeS: startS });
  // The fetch settles in a later task; the held seek is handled then.
  await new Promise((resolve) => setTimeout(resolve, 0));
  driver.worker.pump();
  return mark;
}

/** Lets the host's fetches settle and its queued work run (a task later, as in the worker). */
async function settle(driver: HostDriver): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  driver.worker.pump();
}

function seekedOf(messages: WorkerMessage[]) {
  return messages.find((message) => message.type === 'seeked');
}

describe('packed values: what a warm-state file holds', () => {
  test('come back bit for bit: typed arrays (views too), NaN, -0, infinities, undefined, nesting', () => {
    const backing = new Float64Array([1, 2, 3, 4]);
    const value = {
      counts: new Uint16Array([0, 65535, 7]),
      view: backing.subarray(1, 3),
      odd: new Uint8Array([1, 2, 3]),
      after: new Float32Array([0.1, -0]),
      numbers: [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5e-300],
      nested: { text: 'a "quoted" é', missing: undefined, none: null, yes: true, list: [undefined, 2] },
    };
    const back = unpackValue(toBuffer(packValue(value))) as typeof value;
    expect(back).toEqual(value);
    expect(back.view).toBeInstanceOf(Float64Array);
    expect(Array.from(back.view)).toEqual([2, 3]);
    expect(Object.is(back.numbers[1], -0)).toBe(true);
    expect(Object.is(back.after[1], -0)).toBe(true);
    expect('missing' in back.nested).toBe(true);
    // Each array owns its buffer: one can be transferred without the others.
    expect(back.counts.buffer).not.toBe(back.odd.buffer);
    expect(back.counts.byteLength).toBe(back.counts.buffer.byteLength);
  });

  test('refuse what they cannot write, and bytes that are not theirs or cut short, naming why', () => {
    expect(() => packValue({ lookup: new Map() })).toThrow('value.lookup is a object ([object Map])');
    expect(() => packValue({ $: 1 })).toThrow('has a key "$"');
    const bytes = packValue({ columns: new Float64Array(1000) });
    expect(() => unpackValue(toBuffer(bytes.subarray(0, bytes.length - 8)))).toThrow('cut short');
    expect(() => unpackValue(toBuffer(new TextEncoder().encode('<html>404</html>')))).toThrow(
      'not a packed value',
    );
    expect(() => unpackValue(new ArrayBuffer(3))).toThrow('too short');
  });
});

describe("a precomputed warm state: the worker restores the state the default link's warm-up ends in", () => {
  test('restored, the run equals one that replayed to day 2 10:00 and a plain run to then: its trips byte for byte, KPIs, facility hours, and the hours after', async () => {
    const params = smallParams({ scale: 0.001 });
    const seed = 1;
    const startS = 34 * H;
    const key: WarmStateKey = { fingerprint: FINGERPRINT, params, seed, timeS: startS };
    // Written to bytes and read back, as the build writes the file and the worker reads it.
    const bytes = encodeWarmState(computeWarmState(key));

    const replayed = new HostDriver();
    const replayedFrom = await openWarm(replayed, params, seed, startS);
    const restored = new HostDriver(serving(async () => toBuffer(bytes)));
    const restoredFrom = await openWarm(restored, params, seed, startS);

    const restoredAnswer = restored.since(restoredFrom);
    const replayedAnswer = replayed.since(replayedFrom);
    expect(seekedOf(restoredAnswer)).toEqual({ type: 'seeked', timeS: startS, warmState: { used: true } });
    expect(seekedOf(replayedAnswer)).toEqual({ type: 'seeked', timeS: startS });
    // No replay: no progress reports, and the messages the replay sends after its own, the tick
    // (with every hour, for the charts) before the trips.
    expect(
      replayedAnswer.filter((message) => message.type !== 'progress').map((message) => message.type),
    ).toEqual(['seeked', 'trips', 'tick']);
    expect(restoredAnswer.map((message) => message.type)).toEqual(['seeked', 'tick', 'trips']);

    // The trips message, byte for byte: the replay's, and the plain run's the page shows at 10:00.
    const tripsOf = (driver: HostDriver) => driver.messagesOf('trips').map((message) => message.batch);
    expect(tripsOf(restored)).toHaveLength(1);
    expect(columnsOf(tripsOf(restored)[0])).toEqual(columnsOf(tripsOf(replayed)[0]));
    const plain = createSimulation(params, seed);
    // Stop to stop, as the worker draws trips before the page says what it shows.
    plain.setStreetDetailBounds(null);
    const plainTrips: TripBatch[] = [];
    for (let hour = 1; hour <= 34; hour++) {
      plain.advanceTo(hour * H);
      plainTrips.push(plain.drainTrips());
    }
    expect(digestOf(tripsOf(restored)[0])).toBe(
      digestOf(keepTripsShownAfter(concatTripBatches(plainTrips), startS)),
    );
    // Every piece of run state, the KPIs and the facility columns, bit for bit.
    expect(fingerprint(restored.model(), [])).toEqual(fingerprint(plain, []));
    // The tick that opens the run: every hour from the start, the cumulative figures, the facilities.
    const opening = (driver: HostDriver) => driver.tickAt(startS);
    expect(opening(restored)?.kpis.firstHour).toBe(0);
    expect(Array.from(opening(restored)?.kpis.hourRows ?? [])).toEqual(
      Array.from(opening(replayed)?.kpis.hourRows ?? []),
    );
    expect(digestOf(opening(restored))).toBe(digestOf(opening(replayed)));
    expect(restored.hourRows).toHaveLength(34);
    expect(restored.hourRows).toEqual(replayed.hourRows);

    // A facility selected now shows its whole history, as after the replay.
    const busiest = Array.from(plain.readFacilityState().throughputPerHour).reduce(
      (best, value, id, all) => (value > all[best] ? id : best),
      0,
    );
    for (const driver of [restored, replayed]) driver.send({ type: 'focusFacility', facilityId: busiest });
    const hoursOf = (driver: HostDriver) => driver.messagesOf('facilityHours').at(-1);
    expect(hoursOf(restored)?.firstHour).toBe(0);
    expect(hoursOf(restored)?.hourRows.length).toBeGreaterThan(0);
    expect(digestOf(hoursOf(restored))).toBe(digestOf(hoursOf(replayed)));

    // Played on, the two runs stay one: ticks, trips and facility hours alike.
    for (const driver of [restored, replayed]) driver.playTo(37 * H);
    expect(restored.cumulativeAt(37 * H)).toEqual(replayed.cumulativeAt(37 * H));
    expect(restored.hourRows).toEqual(replayed.hourRows);
    expect(digestOf(tripsOf(restored).slice(1))).toBe(digestOf(tripsOf(replayed).slice(1)));
    expect(digestOf(hoursOf(restored))).toBe(digestOf(hoursOf(replayed)));
    expect(fingerprint(restored.model(), [])).toEqual(fingerprint(replayed.model(), []));
    // A scrub back into the six hours after the warm start (a seek's look-back reaches before it,
    // where the restored run has no snapshot but the start) starts at the warm state, not at the
    // run's start (three days of replay on the default link, ~8 s on the page), 12 h on, when the
    // snapshot policy would have dropped an hourly snapshot that old: the same state as the
    // replayed run's, and the vehicles on the road then.
    for (const driver of [restored, replayed]) driver.playTo(46 * H);
    const restoreSpy = vi.spyOn(WorkerRun.prototype as unknown as WithRestore, 'restore');
    const seekToS = 35 * H + 1800;
    const seekTripsFrom = restored.messagesOf('trips').length;
    const replayedTripsFrom = replayed.messagesOf('trips').length;
    restored.send({ type: 'seek', timeS: seekToS });
    const restoredFromS = restoreSpy.mock.calls.map(([snapshot]) => snapshot.timeS);
    restoreSpy.mockClear();
    replayed.send({ type: 'seek', timeS: seekToS });
    const replayedFromS = restoreSpy.mock.calls.map(([snapshot]) => snapshot.timeS);
    restoreSpy.mockRestore();
    expect(restoredFromS).toEqual([startS]);
    // The replayed run has snapshots before it (its own look-back's).
    expect(replayedFromS[0]).toBeLessThanOrEqual(seekToS - 6 * H);
    expect(restored.cumulativeAt(seekToS)).toEqual(replayed.cumulativeAt(seekToS));
    expect(fingerprint(restored.model(), [])).toEqual(fingerprint(replayed.model(), []));
    // Every vehicle the replayed run's seek puts on the road is there, and those it adds are on the
    // road too (or due to leave): trucks dispatched before the replayed seek's look-back, which it
    // could not know of (the warm state's replay began at the run's start).
    const tripsAfterSeek = (driver: HostDriver, from: number) =>
      driver
        .messagesOf('trips')
        .slice(from)
        .flatMap(({ batch }) =>
          Array.from(batch.vehicleId, (id, trip) => ({
            key: `${id}@${batch.departS[trip]}`,
            departS: batch.departS[trip],
            endS: getTripEndS(batch, trip),
          })),
        );
    const restoredTrips = tripsAfterSeek(restored, seekTripsFrom);
    const replayedKeys = new Set(tripsAfterSeek(replayed, replayedTripsFrom).map((trip) => trip.key));
    const restoredKeys = new Set(restoredTrips.map((trip) => trip.key));
    expect([...replayedKeys].filter((key) => !restoredKeys.has(key))).toEqual([]);
    const added = restoredTrips.filter((trip) => !replayedKeys.has(trip.key));
    for (const trip of added) expect(trip.endS).toBeGreaterThan(seekToS);
    // A scrub back before the warm start replays from the run's start, as the page asks.
    for (const driver of [restored, replayed]) driver.send({ type: 'seek', timeS: 20 * H });
    expect(restored.cumulativeAt(20 * H)).toEqual(replayed.cumulativeAt(20 * H));
  });

  test('a stale, broken, missing or unfetchable file, or one of another run, and the seek replays as before, saying why', async () => {
    const params = smallParams();
    const seed = 5;
    const startS = 4 * H;
    const good = encodeWarmState(computeWarmState({ fingerprint: FINGERPRINT, params, seed, timeS: startS }));
    const stale = encodeWarmState(
      computeWarmState({ fingerprint: 'older-code', params, seed, timeS: startS }),
    );
    const otherSeed = encodeWarmState(
      computeWarmState({ fingerprint: FINGERPRINT, params, seed: seed + 1, timeS: startS }),
    );
    const replayed = new HostDriver();
    await openWarm(replayed, params, seed, startS);
    const cases: Array<[string, () => Promise<ArrayBuffer | null>, string]> = [
      ['stale', async () => toBuffer(stale), 'made by other model code (fingerprint older-code'],
      ['cut short', async () => toBuffer(good.subarray(0, good.length >> 1)), 'could not be read: cut short'],
      [
        'not a file of ours',
        async () => toBuffer(new TextEncoder().encode('<!doctype html>')),
        'not a packed',
      ],
      ['missing', async () => null, 'the app serves none'],
      ['unfetchable', () => Promise.reject(new TypeError('Failed to fetch')), 'could not be fetched'],
      ['of another run', async () => toBuffer(otherSeed), 'another run'],
    ];
    for (const [name, bytes, why] of cases) {
      const driver = new HostDriver(serving(bytes));
      const from = await openWarm(driver, params, seed, startS);
      const seeked = seekedOf(driver.since(from));
      expect(seeked?.type === 'seeked' && seeked.warmState, name).toEqual({
        used: false,
        why: expect.stringContaining(why),
      });
      expect(driver.failures, name).toEqual([]);
      expect(driver.cumulativeAt(startS), name).toEqual(replayed.cumulativeAt(startS));
      expect(driver.hourRows, name).toEqual(replayed.hourRows);
      expect(digestOf(driver.messagesOf('trips')), name).toBe(digestOf(replayed.messagesOf('trips')));
    }
    // A link's order placed before the seek is a change the file does not hold: replayed with it.
    const ordered = new HostDriver(serving(async () => toBuffer(good)));
    ordered.send({ type: 'init', version: PROTOCOL_VERSION, params, seed, startTimeS: startS });
    ordered.send({
      type: 'placeOrder',
      order: { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' },
      orderKey: 'order-1',
      atTimeS: 2 * H,
    });
    ordered.send({ type: 'seek', timeS: startS });
    await new Promise((resolve) => setTimeout(resolve, 0));
    ordered.worker.pump();
    expect(ordered.messagesOf('seeked')[0].warmState).toEqual({
      used: false,
      why: expect.stringContaining('placed order'),
    });
    expect(ordered.tickAt(startS)?.orders).toHaveLength(1);
    // While the file is on its way the watchdog's pings are answered; the rest waits its turn.
    let arrive = (_bytes: ArrayBuffer | null) => {};
    const waiting = new HostDriver(serving(() => new Promise((resolve) => (arrive = resolve))));
    waiting.send({ type: 'init', version: PROTOCOL_VERSION, params, seed, startTimeS: startS });
    waiting.send({ type: 'seek', timeS: startS });
    const mark = waiting.received.length;
    waiting.send({ type: 'ping' });
    expect(waiting.since(mark).map((message) => message.type)).toEqual(['alive']);
    arrive(toBuffer(good));
    await new Promise((resolve) => setTimeout(resolve, 0));
    waiting.worker.pump();
    expect(waiting.messagesOf('seeked')).toEqual([
      { type: 'seeked', timeS: startS, warmState: { used: true } },
    ]);
    expect(waiting.cumulativeAt(startS)).toEqual(replayed.cumulativeAt(startS));
  });

  test("the charted hours come with `ready`, before the state arrives: the opening tick's rows; a stale, broken, missing or unfetchable hours file leaves them to that tick", async () => {
    const params = smallParams();
    const seed = 5;
    const startS = 4 * H;
    const state = computeWarmState({ fingerprint: FINGERPRINT, params, seed, timeS: startS });
    const stateBytes = encodeWarmState(state);
    const hoursBytes = encodeWarmState(computeWarmHours(state));
    const staleHours = encodeWarmState(computeWarmHours({ ...state, fingerprint: 'older-code' }));
    const cases: Array<[string, () => Promise<ArrayBuffer | null>, boolean]> = [
      ['made with the state', async () => toBuffer(hoursBytes), true],
      ['stale', async () => toBuffer(staleHours), false],
      ['cut short', async () => toBuffer(hoursBytes.subarray(0, hoursBytes.length >> 1)), false],
      ['missing', async () => null, false],
      ['unfetchable', () => Promise.reject(new DOMException('signal timed out', 'TimeoutError')), false],
    ];
    let expectedRows: number[][] | null = null;
    for (const [name, hours, early] of cases) {
      // The state's file is still on its way when the network is built.
      let arrive = (_bytes: ArrayBuffer | null) => {};
      const driver = new HostDriver({
        fingerprint: FINGERPRINT,
        load: () => new Promise((resolve) => (arrive = resolve)),
        loadHours: hours,
      });
      driver.send({ type: 'init', version: PROTOCOL_VERSION, params, seed, startTimeS: startS });
      driver.send({ type: 'seek', timeS: startS });
      await new Promise((resolve) => setTimeout(resolve, 0));
      driver.worker.pump();
      const ready = driver.messagesOf('ready');
      expect(ready, name).toHaveLength(1);
      expect(ready[0].hoursBeforeStart !== undefined, name).toBe(early);
      expect(driver.messagesOf('seeked'), name).toEqual([]);
      arrive(toBuffer(stateBytes));
      await new Promise((resolve) => setTimeout(resolve, 0));
      driver.worker.pump();
      expect(driver.messagesOf('seeked')[0]?.warmState, name).toEqual({ used: true });
      const opening = driver.tickAt(startS);
      expect(opening?.kpis.firstHour, name).toBe(0);
      expectedRows ??= driver.hourRows;
      expect(driver.hourRows, name).toEqual(expectedRows);
      expect(driver.hourRows, name).toHaveLength(4);
      // Early, the rows are the ones the opening tick brings again, bit for bit.
      if (early) {
        expect(ready[0].hoursBeforeStart?.firstHour).toBe(0);
        expect(Array.from(ready[0].hoursBeforeStart?.hourRows ?? [])).toEqual(
          Array.from(opening?.kpis.hourRows ?? []),
        );
      }
      expect(driver.failures, name).toEqual([]);
    }
  });

  test('the opening trips come before the seek, and the seek restoring the state keeps them (sent once); a stale, broken or missing trips file, or a seek that replays, leaves the trips to the seek', async () => {
    const params = smallParams();
    const seed = 5;
    const startS = 4 * H;
    const state = computeWarmState({ fingerprint: FINGERPRINT, params, seed, timeS: startS });
    const stateBytes = encodeWarmState(state);
    // The file holds the trips departing before a time past the opening (half an hour). At 04:00
    // of this small run every trip of the state has left (the default link's, at 10:00 on day 2,
    // has carrier pick-ups hours ahead): a time an hour before makes them a part.
    const spanS = -3600;
    const tripsBytes = encodeWarmState(computeWarmTrips(state, spanS));
    const staleTrips = encodeWarmState(computeWarmTrips({ ...state, fingerprint: 'older-code' }, spanS));
    const openingTrips = computeWarmTrips(state, spanS).trips;
    expect(openingTrips.length).toBeGreaterThan(0);
    expect(openingTrips.length).toBeLessThan(state.trips.length);
    for (let trip = 0; trip < state.trips.length; trip++) {
      const departS = state.trips.departS[trip];
      expect(openingTrips.vehicleId.includes(state.trips.vehicleId[trip])).toBe(departS < startS + spanS);
    }
    expect(computeWarmTrips(state).trips.length).toBe(
      state.trips.departS.filter((departS) => departS < startS + OPENING_TRIPS_SPAN_S).length,
    );
    const stateTrips = columnsOf(state.trips);
    const sentAhead = columnsOf(openingTrips);
    /** The page's view: what came, in order, and the trips' columns. */
    const heardOf = (driver: HostDriver) =>
      driver.received
        .filter((message) => ['ready', 'seeked', 'trips'].includes(message.type))
        .map((message) =>
          message.type === 'trips'
            ? {
                trips: columnsOf(message.batch),
                atStart: message.atStart,
                replacesAtStart: message.replacesAtStart,
              }
            : message.type === 'seeked'
              ? { seeked: message.timeS, keepsTrips: message.keepsTrips }
              : { ready: true },
        );
    const cases: Array<[string, () => Promise<ArrayBuffer | null>, boolean]> = [
      ['made with the state', async () => toBuffer(tripsBytes), true],
      ['stale', async () => toBuffer(staleTrips), false],
      ['cut short', async () => toBuffer(tripsBytes.subarray(0, tripsBytes.length >> 1)), false],
      ['missing', async () => null, false],
      ['unfetchable', () => Promise.reject(new DOMException('signal timed out', 'TimeoutError')), false],
    ];
    for (const [name, trips, early] of cases) {
      // The trips file comes first, the state's (larger) a task later.
      let arrive = (_bytes: ArrayBuffer | null) => {};
      const driver = new HostDriver({
        fingerprint: FINGERPRINT,
        load: () => new Promise((resolve) => (arrive = resolve)),
        loadTrips: trips,
      });
      await openWarm(driver, params, seed, startS);
      arrive(toBuffer(stateBytes));
      await new Promise((resolve) => setTimeout(resolve, 0));
      driver.worker.pump();
      expect(heardOf(driver), name).toEqual(
        early
          ? [
              { ready: true },
              { trips: sentAhead, atStart: true },
              { seeked: startS, keepsTrips: true },
              { trips: stateTrips, replacesAtStart: true },
            ]
          : [{ ready: true }, { seeked: startS }, { trips: stateTrips }],
      );
      expect(driver.messagesOf('seeked')[0].warmState, name).toEqual({ used: true });
      expect(driver.failures, name).toEqual([]);
    }
    // The state is asked for only once the trips file is in (both bodies are read on the worker's
    // thread: fetched together, the larger delayed the trips), so a quick state cannot overtake
    // the trips: they still come first.
    let tripsArrive = (_bytes: ArrayBuffer | null) => {};
    let stateAskedBeforeTrips = false;
    let tripsIn = false;
    const late = new HostDriver({
      fingerprint: FINGERPRINT,
      load: async () => {
        stateAskedBeforeTrips ||= !tripsIn;
        return toBuffer(stateBytes);
      },
      loadTrips: () => new Promise((resolve) => (tripsArrive = resolve)),
    });
    await openWarm(late, params, seed, startS);
    tripsIn = true;
    tripsArrive(toBuffer(tripsBytes));
    await new Promise((resolve) => setTimeout(resolve, 0));
    late.worker.pump();
    // The trips were sent; the state is asked for after the wait for the page to draw them.
    await settle(late);
    expect(stateAskedBeforeTrips, 'the state asked for before the trips came').toBe(false);
    expect(heardOf(late)).toEqual([
      { ready: true },
      { trips: sentAhead, atStart: true },
      { seeked: startS, keepsTrips: true },
      { trips: stateTrips, replacesAtStart: true },
    ]);
    // The state cannot be used (another build's): the seek replays, and its answer tells the
    // page to drop the trips sent ahead; the replay's follow.
    const stale = new HostDriver({
      fingerprint: FINGERPRINT,
      load: async () => toBuffer(encodeWarmState({ ...state, fingerprint: 'older-code' })),
      loadTrips: async () => toBuffer(tripsBytes),
    });
    await openWarm(stale, params, seed, startS);
    await settle(stale);
    const heard = heardOf(stale);
    expect(heard.slice(0, 3)).toEqual([
      { ready: true },
      { trips: sentAhead, atStart: true },
      { seeked: startS, keepsTrips: undefined },
    ]);
    expect(heard.slice(3).length).toBeGreaterThan(0);
    expect(stale.messagesOf('seeked')[0].warmState?.used).toBe(false);
  });

  test("the state is fetched once the page has taken in the opening trips ('tripsAtStartTaken'), or once the wait for that runs out, or at once when no trips were sent; the seek then restores it", async () => {
    const params = smallParams();
    const seed = 5;
    const startS = 4 * H;
    const state = computeWarmState({ fingerprint: FINGERPRINT, params, seed, timeS: startS });
    const stateBytes = encodeWarmState(state);
    const tripsBytes = encodeWarmState(computeWarmTrips(state, -3600));
    /** A host whose timers wait until the test runs them, as a page that has not taken the trips yet. */
    const open = async (trips: Uint8Array | null) => {
      const sent: WorkerMessage[] = [];
      const tasks: Array<() => void> = [];
      const timers: Array<{ ms: number; task: () => void }> = [];
      let stateAskedFor = 0;
      const host = new SimHost(
        { post: (message) => sent.push(structuredClone(message)) },
        {
          schedule: (task) => tasks.push(task),
          scheduleAfter: (ms, task) => timers.push({ ms, task }),
          nowMs: () => 0,
          nowEpochMs: () => 0,
        },
        {
          fingerprint: FINGERPRINT,
          load: async () => {
            stateAskedFor++;
            return toBuffer(stateBytes);
          },
          loadTrips: async () => (trips ? toBuffer(trips) : null),
        },
      );
      const settle = async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        while (tasks.length > 0) (tasks.shift() as () => void)();
      };
      host.receive({ type: 'init', version: PROTOCOL_VERSION, params, seed, startTimeS: startS });
      host.receive({ type: 'seek', timeS: startS });
      await settle();
      return { host, sent, timers, settle, stateAskedFor: () => stateAskedFor };
    };
    const seekedOf = (sent: WorkerMessage[]) => sent.find((message) => message.type === 'seeked');

    // Taken: the page says so (while the seek is held), and the state comes then.
    const taken = await open(tripsBytes);
    expect(taken.sent.some((message) => message.type === 'trips' && message.atStart)).toBe(true);
    expect(taken.timers.map((timer) => timer.ms)).toEqual([TRIPS_AT_START_WAIT_MS]);
    await taken.settle();
    expect(taken.stateAskedFor(), 'asked for before the page took the trips').toBe(0);
    expect(seekedOf(taken.sent), 'the seek waits for the state').toBeUndefined();
    taken.host.receive({ type: 'tripsAtStartTaken' });
    await taken.settle();
    await taken.settle();
    expect(taken.stateAskedFor()).toBe(1);
    expect(seekedOf(taken.sent)).toMatchObject({
      timeS: startS,
      warmState: { used: true },
      keepsTrips: true,
    });
    // The wait running out later asks for nothing more.
    taken.timers[0].task();
    await taken.settle();
    expect(taken.stateAskedFor()).toBe(1);

    // Never taken (the page's main thread held): the wait runs out, and the state comes then.
    const untaken = await open(tripsBytes);
    await untaken.settle();
    expect(untaken.stateAskedFor()).toBe(0);
    untaken.timers[0].task();
    await untaken.settle();
    await untaken.settle();
    expect(untaken.stateAskedFor()).toBe(1);
    expect(seekedOf(untaken.sent)).toMatchObject({
      timeS: startS,
      warmState: { used: true },
      keepsTrips: true,
    });

    // No trips file: nothing to draw, nothing waited for.
    const tripless = await open(null);
    await tripless.settle();
    expect(tripless.timers).toEqual([]);
    expect(tripless.stateAskedFor()).toBe(1);
    expect(seekedOf(tripless.sent)).toMatchObject({ timeS: startS, warmState: { used: true } });
  });

  test('a file is fetched only for the run it was made for: its parameters, seed and start', () => {
    const params = smallParams();
    const key = { params, seed: 1, timeS: 34 * H };
    expect(isWarmStateFor(key, { params, seed: 1, startTimeS: 34 * H })).toBe(true);
    expect(isWarmStateFor(key, { params: { ...params }, seed: 1, startTimeS: 34 * H })).toBe(true);
    expect(isWarmStateFor(key, { params, seed: 2, startTimeS: 34 * H })).toBe(false);
    expect(isWarmStateFor(key, { params, seed: 1, startTimeS: 33 * H })).toBe(false);
    expect(isWarmStateFor(key, { params, seed: 1 })).toBe(false);
    expect(
      isWarmStateFor(key, { params: { ...params, scale: params.scale * 2 }, seed: 1, startTimeS: 34 * H }),
    ).toBe(false);
  });
});
