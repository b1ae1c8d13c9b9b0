import { describe, expect, test } from 'vitest';
import { createSimulation } from '../../src/sim/simulation';
import type { SimSnapshot, TripBatch } from '../../src/sim/simulation';
import { PROTOCOL_VERSION, type TimelineChange } from '../../src/worker/protocol';
import { digestOf, fingerprint, smallParams } from '../sim/simHelpers';
import { VEHICLE_LINE_HAUL } from '../../src/sim/kinds';
import {
  concatTripBatches,
  FLOW_WINDOW_S,
  getTripEndS,
  keepTripsShownAfter,
} from '../../src/worker/tripSieve';
import { HostDriver } from './hostDriver';

const H = 3600;
const SEED = 3;
const ORDER = { lon: -87.65, lat: 41.88, weightKg: 1.2, promise: 'nextDay' as const };

/** A headless run's cumulative KPIs, in the order the worker sends them. */
function cumulativeOf(sim: ReturnType<typeof createSimulation>): number[] {
  return Object.values(sim.getKpis().cumulative);
}

describe('SimHost: the worker logic, driven as the page drives it', () => {
  test('a seek back shows what the first pass showed at that time, and playing on repeats it', () => {
    const host = HostDriver.start(smallParams(), SEED).playTo(12 * H);
    const firstAt8 = host.cumulativeAt(8 * H);
    const firstAt12 = host.cumulativeAt(12 * H);
    const firstRows = host.hourRows.slice(0, 12);
    const mark = host.received.length;
    host.send({ type: 'seek', timeS: 8 * H });
    const answer = host.since(mark);
    expect(answer[0]).toEqual({ type: 'seeked', timeS: 8 * H });
    expect(host.cumulativeAt(8 * H)).toEqual(firstAt8);
    host.playTo(12 * H);
    expect(host.cumulativeAt(12 * H)).toEqual(firstAt12);
    expect(host.hourRows.slice(0, 12)).toEqual(firstRows);
  });

  test('a change at the display time rewinds the run ahead of it and lands where a live run making it then does', () => {
    const params = smallParams();
    // The page shows 10:30; the worker has run 1.5 h ahead of it.
    const host = HostDriver.start(params, SEED).playTo(10.5 * H, 1.5 * H);
    expect(host.model().timeS).toBe(12 * H);
    let mark = host.received.length;
    host.send({ type: 'setParams', partial: { vansPerStation: 30 }, atTimeS: 10.5 * H });
    const answer = host.since(mark);
    expect(answer[0]).toMatchObject({ type: 'rewound', timeS: 10.5 * H });
    expect(answer.find((message) => message.type === 'paramsApplied')).toMatchObject({
      params: { vansPerStation: 30 },
      rebuilt: false,
      errors: [],
    });
    expect(answer.find((message) => message.type === 'timeline')).toEqual({
      type: 'timeline',
      changes: [{ atS: 10.5 * H, params: { ...params, vansPerStation: 30 } }],
    });
    mark = host.received.length;
    host.send({ type: 'placeOrder', order: ORDER, orderKey: 'order-1', atTimeS: 10.5 * H });
    expect(host.since(mark).find((message) => message.type === 'orderPlaced')).toBeDefined();
    host.playTo(16 * H);

    const live = createSimulation(params, SEED);
    live.advanceTo(10.5 * H);
    live.setParams({ vansPerStation: 30 });
    const placed = live.placeOrder(ORDER, 'order-1');
    live.advanceTo(16 * H);
    expect(host.cumulativeAt(16 * H)).toEqual(cumulativeOf(live));
    const order = host.tickAt(16 * H)?.orders[0];
    expect(order?.placed).toEqual(placed);
    expect(order?.trace).toEqual(live.traceParcel(placed.parcelId));
  });

  test('a seek replays the changes and orders made before its target; a seek before a change undoes it', () => {
    const params = smallParams();
    const host = HostDriver.start(params, SEED).playTo(10.5 * H);
    host.send({ type: 'setParams', partial: { demandMultiplier: 1.6 }, atTimeS: 10.5 * H });
    host.send({ type: 'placeOrder', order: ORDER, orderKey: 'order-1', atTimeS: 10.5 * H });
    host.playTo(22 * H);
    const firstAt14 = host.cumulativeAt(14 * H);
    const orderAt14 = host.tickAt(14 * H)?.orders;
    expect(orderAt14).toHaveLength(1);

    // Back to 14:00: replayed from an earlier snapshot, with the change and the order on the way.
    host.send({ type: 'seek', timeS: 14 * H });
    expect(host.cumulativeAt(14 * H)).toEqual(firstAt14);
    expect(host.tickAt(14 * H)?.orders).toEqual(orderAt14);

    // Back before the change: it is undone, the order with it, and the page is told so.
    const mark = host.received.length;
    host.send({ type: 'seek', timeS: 9 * H });
    expect(host.since(mark).find((message) => message.type === 'timeline')).toEqual({
      type: 'timeline',
      changes: [],
    });
    expect(host.since(mark).find((message) => message.type === 'paramsApplied')).toMatchObject({
      params: { demandMultiplier: params.demandMultiplier },
      rebuilt: false,
    });
    host.playTo(14 * H);
    const plain = createSimulation(params, SEED);
    plain.advanceTo(14 * H);
    expect(host.cumulativeAt(14 * H)).toEqual(cumulativeOf(plain));
    expect(host.tickAt(14 * H)?.orders).toEqual([]);
  });

  test('fork from now is exact: with no change, B − A is 0 on every KPI row at every later time (6 sim hours)', () => {
    const params = smallParams();
    const a = HostDriver.start(params, SEED).playTo(8 * H);
    a.send({ type: 'setParams', partial: { flexPayPerHourUsd: 30 }, atTimeS: 8 * H });
    a.send({ type: 'placeOrder', order: ORDER, orderKey: 'order-1', atTimeS: 8 * H });
    // The page shows 10:00 while A has run two hours ahead: the fork is at the time on screen.
    a.playTo(10 * H, 2 * H);
    a.send({ type: 'snapshot', atTimeS: 10 * H });
    const snapshot = a.messagesOf('snapshot')[0].snapshot as SimSnapshot;
    expect(snapshot.timeS).toBe(10 * H);

    const b = HostDriver.fork(snapshot, a.model().params);
    a.playTo(16 * H);
    b.playTo(16 * H);
    const bTicks = b.messagesOf('tick');
    expect(bTicks[0].timeS).toBe(10 * H);
    expect(bTicks[bTicks.length - 1].timeS).toBe(16 * H);
    for (const tick of bTicks) {
      expect(Array.from(tick.kpis.cumulative), `B − A at ${tick.timeS / H} h`).toEqual(
        a.cumulativeAt(tick.timeS),
      );
    }
    expect(b.hourRows).toHaveLength(16);
    expect(b.hourRows).toEqual(a.hourRows.slice(0, 16));
  });

  test('a fork with other parameters starts equal and then follows its own parameters', () => {
    const params = smallParams();
    const a = HostDriver.start(params, SEED).playTo(10 * H);
    a.send({ type: 'snapshot', atTimeS: 10 * H });
    const snapshot = a.messagesOf('snapshot')[0].snapshot as SimSnapshot;
    const b = HostDriver.fork(snapshot, { ...params, demandMultiplier: 2 });
    expect(Array.from(b.messagesOf('tick')[0].kpis.cumulative)).toEqual(a.cumulativeAt(10 * H));
    a.playTo(14 * H);
    b.playTo(14 * H);
    const ordered = a.kpiNames().indexOf('ordered');
    expect(b.cumulativeAt(14 * H)[ordered]).toBeGreaterThan(a.cumulativeAt(14 * H)[ordered]);
  });

  test('A/B from the start on one seed (a warm start): B, moved to the time on screen, equals A then and after', () => {
    const params = smallParams();
    const a = HostDriver.start(params, SEED).playTo(10 * H);
    // As the page starts a warm start: `init` saying where the first seek goes, then the seek.
    const b = new HostDriver().send({
      type: 'init',
      version: PROTOCOL_VERSION,
      params,
      seed: SEED,
      startTimeS: 10 * H,
    });
    const mark = b.received.length;
    b.send({ type: 'seek', timeS: 10 * H });
    // The warm-up streams nothing the page would not show: how far it got, then the run at 10:00.
    const answer = b.since(mark);
    const seekedAt = answer.findIndex((message) => message.type === 'seeked');
    expect(answer.slice(0, seekedAt).map((message) => message.type)).toEqual(
      Array(seekedAt).fill('progress'),
    );
    const fractions = b.messagesOf('progress').map((message) => message.fraction);
    expect(fractions.length).toBeGreaterThan(4);
    expect(fractions.at(-1)).toBe(1);
    expect(answer.slice(seekedAt).filter((message) => message.type === 'tick')).toHaveLength(1);
    // Its trips are the vehicles on the road at 10:00 and the trucks that left in the hour before
    // (the page's lane flows sum them), exactly those of the run played there.
    const shownAtTen = (driver: HostDriver) =>
      driver
        .since(driver === b ? mark : 0)
        .flatMap((message) => (message.type === 'trips' ? [message.batch] : []))
        .flatMap((batch) =>
          Array.from(batch.vehicleId).filter(
            (_, trip) =>
              getTripEndS(batch, trip) > 10 * H ||
              (batch.vehicleKind[trip] === VEHICLE_LINE_HAUL && batch.departS[trip] > 10 * H - FLOW_WINDOW_S),
          ),
        )
        .sort((x, y) => x - y);
    const sent = answer.flatMap((message) => (message.type === 'trips' ? [message.batch.length] : []));
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(shownAtTen(b).length);
    expect(shownAtTen(b).length).toBeGreaterThan(0);
    expect(shownAtTen(b)).toEqual(shownAtTen(a));
    // The hours before reach the page during the warm-up, one with each progress report (the
    // charts fill as it runs); the tick that opens the run carries them all again, so a page that
    // could not take one (its history reset, or behind it) still opens with every hour.
    expect(
      b.messagesOf('progress').flatMap((message) => (message.hours ? [message.hours.firstHour] : [])),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const opening = answer.find((message) => message.type === 'tick');
    expect(opening?.type === 'tick' && opening.kpis.firstHour).toBe(0);
    expect(opening?.type === 'tick' && opening.kpis.hourRows.length).toBe(10 * (b.hourRows[0]?.length ?? 0));
    expect(b.hourRows).toHaveLength(10);
    expect(b.hourRows).toEqual(a.hourRows);
    expect(b.cumulativeAt(10 * H)).toEqual(a.cumulativeAt(10 * H));
    a.playTo(13 * H);
    b.playTo(13 * H);
    expect(b.cumulativeAt(13 * H)).toEqual(a.cumulativeAt(13 * H));
    expect(b.hourRows).toEqual(a.hourRows);
  });

  test("a warm start to day 2 10:00 (the default link's) ends in the state of a plain run to then, and sends its trips on the road then", () => {
    const params = smallParams({ scale: 0.001 });
    const startS = 34 * H;
    const warm = new HostDriver().send({
      type: 'init',
      version: PROTOCOL_VERSION,
      params,
      seed: SEED,
      startTimeS: startS,
    });
    warm.send({ type: 'seek', timeS: startS });
    // The plain run: the model alone, advanced hour by hour, reading nothing but its trips, drawn
    // stop to stop as the worker draws them before the page says what it shows.
    const plain = createSimulation(params, SEED);
    plain.setStreetDetailBounds(null);
    const plainTrips: TripBatch[] = [];
    for (let hour = 1; hour <= 34; hour++) {
      plain.advanceTo(hour * H);
      plainTrips.push(plain.drainTrips());
    }
    // Every piece of run state, the KPIs and the facility columns, bit for bit (trips drained on both).
    expect(warm.model().timeS).toBe(startS);
    expect(fingerprint(warm.model(), [])).toEqual(fingerprint(plain, []));
    // The trips it sent are the plain run's that the page shows at 10:00, in dispatch order.
    const sent = warm.messagesOf('trips').map((message) => message.batch);
    expect(sent).toHaveLength(1);
    expect(digestOf(sent[0])).toBe(digestOf(keepTripsShownAfter(concatTripBatches(plainTrips), startS)));
  });

  test('a new worker resumed from the page’s timeline and checkpoints carries on with the same state', () => {
    const params = smallParams();
    const a = HostDriver.start(params, SEED);
    // The page's clock moves on in steps; checkpoints come as the display passes them.
    for (let hour = 1; hour <= 8; hour++) a.playTo(hour * H, H);
    a.send({ type: 'setParams', partial: { vansPerStation: 40 }, atTimeS: 8 * H });
    a.send({ type: 'placeOrder', order: ORDER, orderKey: 'order-1', atTimeS: 8 * H });
    for (let hour = 9; hour <= 19; hour++) a.playTo(hour * H, H);
    const checkpoints = a.messagesOf('checkpoint').map((message) => message.snapshot);
    expect(checkpoints.map((snapshot) => snapshot.timeS / H)).toEqual([6, 12, 18]);
    const timeline = a.messagesOf('timeline').at(-1)?.changes as TimelineChange[];
    expect(timeline).toHaveLength(2);

    const resumed = HostDriver.start(params, SEED, {
      timeline,
      checkpoints: checkpoints.slice(1),
      timeS: 19 * H,
    });
    expect(resumed.messagesOf('seeked')).toEqual([{ type: 'seeked', timeS: 19 * H }]);
    expect(resumed.cumulativeAt(19 * H)).toEqual(a.cumulativeAt(19 * H));
    expect(resumed.tickAt(19 * H)?.orders).toEqual(a.tickAt(19 * H)?.orders);
    a.playTo(21 * H);
    resumed.playTo(21 * H);
    expect(resumed.cumulativeAt(21 * H)).toEqual(a.cumulativeAt(21 * H));
    expect(resumed.hourRows).toEqual(a.hourRows);
  });

  test('a resume whose changes rebuilt the network tells the page the network it runs on', () => {
    const params = smallParams();
    const a = HostDriver.start(params, SEED).playTo(4 * H);
    a.send({ type: 'setParams', partial: { deliveryStationCount: 300 }, atTimeS: 4 * H });
    a.playTo(6 * H);
    const timeline = a.messagesOf('timeline').at(-1)?.changes as TimelineChange[];
    const resumed = HostDriver.start(params, SEED, { timeline, checkpoints: [], timeS: 6 * H });
    const applied = resumed.messagesOf('paramsApplied').at(-1);
    expect(applied?.rebuilt).toBe(true);
    expect(applied?.network?.facilities.length).toBe(a.model().network.facilities.length);
    expect(resumed.cumulativeAt(6 * H)).toEqual(a.cumulativeAt(6 * H));
  });

  test('paused on a time between steps, the worker goes idle instead of spinning', () => {
    const host = HostDriver.start(smallParams(), SEED).playTo(3 * H + 17.25, 0);
    expect(host.model().timeS).toBe(3 * H);
    // One more advance at the same display time has nothing to do: no slice runs.
    host.worker.post({ type: 'advance', displayTimeS: 3 * H + 17.25, lookaheadS: 0, tickIntervalS: 300 });
    expect(host.worker.pump()).toBe(1);
  });

  test('the crash drill fails the worker the way a bug in it would', () => {
    const host = HostDriver.start(smallParams(), SEED);
    host.send({ type: 'crash' });
    expect(host.failures).toEqual(['Fault drill: the worker was asked to crash']);
  });
});
