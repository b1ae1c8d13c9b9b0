/**
 * Queueing checks. Little's law per stage of the running model: the time-average number of
 * parcels in a stage (sampled every step from the model's own queue and truck counts) equals the
 * rate parcels pass through it times their mean time in it (from each parcel's own event times),
 * within 2% over a long run. And a single stage built from the model's queue primitives (parcel store,
 * FIFO queue set, delivery heap, seeded streams) with Poisson arrivals and exponential service
 * waits what the M/M/c formula says, within the simulation's 95% CI.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENT_ARRIVED_STATION,
  EVENT_DEPARTED_FC,
  EVENT_LOADED_AT_FC,
  EVENT_PACKED,
  EVENT_PICKED,
  EVENT_READY_AT_STATION,
  PARCEL_STAGES,
} from '../../src/sim/kinds';
import { DeliveryHeap } from '../../src/sim/lastMile/deliveryHeap';
import { type ParcelColumns, ParcelStore, QueueSet } from '../../src/sim/parcels';
import { RandomStream } from '../../src/sim/rng';
import type { createSimulation as CreateSimulation } from '../../src/sim/simulation';
import { getMeanCi } from '../../scripts/experiments/stats';
import { smallParams } from './simHelpers';

/**
 * Stages between two recorded moments of a parcel's journey: the event that enters it (0: the
 * order), the event that leaves it (-1: the door), and the model stages it spans.
 */
const STAGES = [
  { name: 'pick queue', enter: 0, leave: EVENT_PICKED, stages: ['awaitingPick'] },
  { name: 'pack buffer', enter: EVENT_PICKED, leave: EVENT_PACKED, stages: ['awaitingPack'] },
  { name: 'SLAM', enter: EVENT_PACKED, leave: EVENT_LOADED_AT_FC, stages: ['awaitingSlam'] },
  { name: 'FC dock', enter: EVENT_LOADED_AT_FC, leave: EVENT_DEPARTED_FC, stages: ['atFcDock'] },
  {
    name: 'line-haul and sortation',
    enter: EVENT_DEPARTED_FC,
    leave: EVENT_ARRIVED_STATION,
    stages: ['lineHaulToSortCenter', 'awaitingSortCenterSort', 'atSortCenterDock', 'lineHaulToStation'],
  },
  {
    name: 'station sort',
    enter: EVENT_ARRIVED_STATION,
    leave: EVENT_READY_AT_STATION,
    stages: ['awaitingStationSort'],
  },
  {
    name: 'station to door',
    enter: EVENT_READY_AT_STATION,
    leave: -1,
    stages: ['readyAtStation', 'outForDelivery', 'withCarrier'],
  },
] as const;

/** Every recorded moment of every parcel, by slot: its event writes and its release. */
const journeys = {
  window: [0, 0] as [number, number],
  stepS: 60,
  nowS: 0,
  /** Per live slot: time of each event of PARCEL_EVENTS (index 0: joining the pick queue), NaN until written. */
  times: new Map<number, Float64Array>(),
  /** The run's parcel columns (for the order times of parcels still waiting at the end). */
  columns: null as ParcelColumns | null,
  /** Per stage: parcels in it at some time in the window, and their summed time in it inside the window. */
  visits: new Float64Array(7),
  timeInWindowS: new Float64Array(7),
};

/** Books a visit to stage k from enteredS to leftS (Infinity: still there) against the window. */
function bookVisit(k: number, enteredS: number, leftS: number): void {
  const [fromS, toS] = journeys.window;
  if (Number.isNaN(enteredS) || enteredS >= toS || leftS < fromS) return;
  journeys.visits[k]++;
  journeys.timeInWindowS[k] += Math.min(leftS, toS) - Math.max(enteredS, fromS);
}

/**
 * When an order joins its pick queue: the model places a step's orders at the step's end (their
 * order time is spread inside it), so that is when the queue counts them.
 */
function getQueuedS(orderedS: number): number {
  return Math.ceil(orderedS / journeys.stepS) * journeys.stepS;
}

function leave(slot: number, event: number, t: number, orderedS: number): void {
  const times = journeys.times.get(slot);
  if (!times) return;
  times[0] = getQueuedS(orderedS);
  STAGES.forEach((stage, k) => {
    if (stage.leave === event) bookVisit(k, times[stage.enter], t);
  });
}

/**
 * The model with its parcel store and event writes recording into `journeys`: a fresh copy of the
 * model's modules, imported after the mock is in place. The unit project runs its files without
 * isolation (one module cache per worker), so a hoisted vi.mock would miss a model another file
 * had already loaded, and would leak into the files after this one; the modules are reset before
 * and after instead.
 */
let createSimulation: typeof CreateSimulation;
beforeAll(async () => {
  vi.resetModules();
  vi.doMock('../../src/sim/parcels', recordingParcels);
  ({ createSimulation } = await import('../../src/sim/simulation'));
});
afterAll(() => {
  vi.doUnmock('../../src/sim/parcels');
  vi.resetModules();
});

async function recordingParcels(importOriginal: () => Promise<unknown>) {
  const actual = (await importOriginal()) as typeof import('../../src/sim/parcels');
  class RecordingStore extends actual.ParcelStore {
    override allocate(): number {
      const slot = super.allocate();
      journeys.times.set(slot, new Float64Array(9).fill(Number.NaN));
      journeys.columns = this.columns;
      return slot;
    }
    override release(slot: number): void {
      leave(slot, -1, journeys.nowS, this.columns.orderedS[slot]);
      journeys.times.delete(slot);
      super.release(slot);
    }
  }
  return {
    ...actual,
    ParcelStore: RecordingStore,
    writeEventTime: (c: ParcelColumns, slot: number, event: number, t: number) => {
      leave(slot, event, t, c.orderedS[slot]);
      const times = journeys.times.get(slot);
      if (times) times[event] = t;
      actual.writeEventTime(c, slot, event, t);
    },
  };
}

describe("Little's law", () => {
  // Over a finite window (Stidham's form): the time-average number in a stage equals the rate of
  // parcels that spend time in it during the window (there at its start, or arriving) times
  // their mean time in it within the window. The left side comes from the model's queue and
  // truck counts every step, the right from each parcel's own event times: they agree only if
  // every parcel is counted where its timestamps say it is.
  it('holds for every stage within 2%: parcels in it = arrival rate x mean time in it', () => {
    const stepS = 60;
    const fromS = 2 * 86400;
    const toS = 5 * 86400;
    journeys.window = [fromS, toS];
    journeys.stepS = stepS;
    const sim = createSimulation(smallParams({ scale: 0.0005, stepS }), 11);
    const inStage = new Float64Array(STAGES.length);
    let samples = 0;
    for (let t = 0; t < toS; t += stepS) {
      // Parcels delivered in this step leave at its end, when the step's counts are read.
      journeys.nowS = t + stepS;
      sim.advanceTo(t + stepS);
      sim.drainTrips();
      if (t < fromS) continue;
      const counts = sim.readParcelsByStage();
      STAGES.forEach((stage, k) => {
        for (const s of stage.stages) inStage[k] += counts[PARCEL_STAGES.indexOf(s)];
      });
      samples++;
    }
    // Parcels still in a stage at the end spent the rest of the window there.
    for (const [slot, times] of journeys.times) {
      times[0] = getQueuedS(journeys.columns!.orderedS[slot]);
      STAGES.forEach((stage, k) => {
        const left = stage.leave === -1 ? Number.NaN : times[stage.leave];
        if (Number.isNaN(left)) bookVisit(k, times[stage.enter], Number.POSITIVE_INFINITY);
      });
    }
    const windowS = toS - fromS;
    STAGES.forEach((stage, k) => {
      const meanInStage = inStage[k] / samples;
      const arrivalsPerS = journeys.visits[k] / windowS;
      const meanTimeS = journeys.timeInWindowS[k] / journeys.visits[k];
      expect(journeys.visits[k], `${stage.name}: parcels through it`).toBeGreaterThan(1000);
      expect(
        Math.abs(arrivalsPerS * meanTimeS - meanInStage) / meanInStage,
        `${stage.name}: L = ${meanInStage.toFixed(1)}, lambda W = ${(arrivalsPerS * meanTimeS).toFixed(1)}`,
      ).toBeLessThan(0.02);
    });
  });
});

/** Erlang C: the mean wait in queue of an M/M/c queue with arrival rate lambda, service rate mu. */
function getErlangCWait(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  const rho = a / c;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho);
  return last / (sum + last) / (c * mu - lambda);
}

/**
 * One stage: Poisson arrivals join a FIFO queue (QueueSet over a ParcelStore); c servers take
 * them in order; service ends are a DeliveryHeap. Returns each customer's wait in queue.
 */
function simulateStage(lambda: number, mu: number, c: number, customers: number, seed: number): Float64Array {
  const arrivals = RandomStream.fromSeed(seed, 0);
  const services = RandomStream.fromSeed(seed, 1);
  const exponential = (stream: RandomStream, rate: number) => -Math.log(1 - stream.nextFloat()) / rate;
  const store = new ParcelStore();
  const queue = new QueueSet(1);
  const inService = new DeliveryHeap();
  const arrivedS = new Float64Array(customers);
  const waitS = new Float64Array(customers);
  const customerOf = new Int32Array(customers);
  let nextArrivalS = exponential(arrivals, lambda);
  let arrived = 0;
  const startService = (slot: number, nowS: number) => {
    const customer = customerOf[slot];
    waitS[customer] = nowS - arrivedS[customer];
    inService.push(nowS + exponential(services, mu), slot);
  };
  while (arrived < customers || inService.size > 0) {
    if (arrived < customers && nextArrivalS <= inService.peekS()) {
      const nowS = nextArrivalS;
      const slot = store.allocate();
      customerOf[slot] = arrived;
      arrivedS[arrived++] = nowS;
      if (inService.size < c) startService(slot, nowS);
      else queue.push(store.columns.next, 0, slot);
      nextArrivalS = nowS + exponential(arrivals, lambda);
    } else {
      const nowS = inService.peekS();
      store.release(inService.pop());
      if (queue.count[0] > 0) startService(queue.shift(store.columns.next, 0), nowS);
    }
  }
  return waitS;
}

describe('M/M/c', () => {
  it.each([
    [8, 1, 10],
    [4, 1, 5],
    [0.7, 1, 1],
  ])('a stage with arrivals %d/h, service %d/h and %d servers waits the Erlang C mean', (lambda, mu, c) => {
    const customers = 200_000;
    const warmUp = 10_000;
    const waits = simulateStage(lambda, mu, c, customers, 21);
    // Batch means over 40 batches after the warm-up: nearly independent, so a t CI applies.
    const batches = 40;
    const size = Math.floor((customers - warmUp) / batches);
    const means: number[] = [];
    for (let b = 0; b < batches; b++) {
      let sum = 0;
      for (let i = 0; i < size; i++) sum += waits[warmUp + b * size + i];
      means.push(sum / size);
    }
    const { mean, ci95 } = getMeanCi(means);
    const expected = getErlangCWait(lambda, mu, c);
    expect(
      Math.abs(mean - expected),
      `simulated ${mean.toFixed(4)} h +- ${ci95.toFixed(4)}, Erlang C ${expected.toFixed(4)} h`,
    ).toBeLessThan(ci95);
  });
});
