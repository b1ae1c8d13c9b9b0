import { describe, expect, test } from 'vitest';
import { FacilityHourRecorder } from '../../src/worker/facilityHours';
import { createSimulation } from '../../src/sim/simulation';
import { smallParams } from '../sim/simHelpers';

/** A ledger of `facilities` x 2 columns with the given rows. */
const ledger = (rows: number[][]) => Float64Array.from(rows.flat());

/** A recorder of one facility that closed hours 0 to 2 (ledger 5,4 then 8,6 then 9,6). */
function recordThreeHours(): FacilityHourRecorder {
  const recorder = new FacilityHourRecorder();
  recorder.reset(0, ledger([[0, 0]]), 2);
  recorder.closeHour(0, ledger([[5, 4]]));
  recorder.closeHour(1, ledger([[8, 6]]));
  recorder.closeHour(2, ledger([[9, 6]]));
  return recorder;
}

describe("the worker's per-facility hourly history", () => {
  test('each hour holds what the ledger gained in it, facility by facility', () => {
    const recorder = new FacilityHourRecorder();
    recorder.reset(
      0,
      ledger([
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
      2,
    );
    recorder.closeHour(
      0,
      ledger([
        [5, 4],
        [0, 0],
        [2, 2],
      ]),
    );
    recorder.closeHour(
      1,
      ledger([
        [8, 6],
        [1, 0],
        [2, 2],
      ]),
    );
    expect(Array.from(recorder.readFacility(0, 0).hourRows)).toEqual([5, 4, 3, 2]);
    expect(Array.from(recorder.readFacility(1, 0).hourRows)).toEqual([0, 0, 1, 0]);
    expect(recorder.readFacility(2, 1)).toEqual({ firstHour: 1, hourRows: Float32Array.from([0, 0]) });
  });

  test("a network edit that adds a facility keeps every other facility's hours; the new one counts from now, and an area sums its facilities", () => {
    const recorder = new FacilityHourRecorder();
    recorder.reset(
      0,
      ledger([
        [0, 0],
        [0, 0],
      ]),
      2,
    );
    recorder.closeHour(
      0,
      ledger([
        [5, 4],
        [1, 1],
      ]),
    );
    // A third facility appears with a ledger row already (what it took over counts from now on).
    recorder.extendTo(
      1,
      ledger([
        [5, 4],
        [1, 1],
        [7, 7],
      ]),
    );
    recorder.closeHour(
      1,
      ledger([
        [6, 4],
        [3, 2],
        [9, 8],
      ]),
    );
    expect(Array.from(recorder.readFacility(0, 0).hourRows)).toEqual([5, 4, 1, 0]);
    expect(Array.from(recorder.readFacility(2, 0).hourRows)).toEqual([0, 0, 2, 1]);
    expect(Array.from(recorder.readFacilitiesSum([1, 2], 0).hourRows)).toEqual([1, 1, 4, 2]);
    // Fewer facilities is another network: the history starts over.
    recorder.extendTo(2, ledger([[6, 4]]));
    expect(recorder.readFacility(0, 0)).toEqual({ firstHour: 2, hourRows: new Float32Array(0) });
  });

  test('a seek back re-records from the restored hour, and a replay gives the same rows', () => {
    const recorder = recordThreeHours();
    recorder.restart(1, ledger([[5, 4]]));
    expect(recorder.hours).toBe(1);
    recorder.closeHour(1, ledger([[8, 6]]));
    expect(Array.from(recorder.readFacility(0, 0).hourRows)).toEqual([5, 4, 3, 2]);
  });

  test('a seek back then forward to a snapshot of the same run keeps the hours between; after a change it does not', () => {
    const recorder = recordThreeHours();
    // Back to hour 1, then forward to the snapshot at hour 3: hours 1 and 2 are this run's still.
    recorder.restart(1, ledger([[5, 4]]));
    recorder.restart(3, ledger([[9, 6]]));
    expect(recorder.readFacility(0, 0)).toEqual({
      firstHour: 0,
      hourRows: Float32Array.from([5, 4, 3, 2, 1, 0]),
    });
    // Back to hour 1 and a change there: the snapshot at hour 3 (were it kept) is another run's.
    recorder.restart(1, ledger([[5, 4]]));
    recorder.forgetAfter(1);
    recorder.restart(3, ledger([[9, 6]]));
    expect(recorder.readFacility(0, 0)).toEqual({ firstHour: 3, hourRows: new Float32Array(0) });
  });

  test('levels (throughput, backlog) follow the ledger columns as they were at each close', () => {
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, ledger([[0], [0]]), 1, 2);
    recorder.closeHour(0, ledger([[3], [1]]), [Float32Array.from([30, 10]), Float32Array.from([7, 2])]);
    recorder.closeHour(1, ledger([[4], [1]]), [Float32Array.from([12, 0]), Float32Array.from([9, 0])]);
    expect(recorder.width).toBe(3);
    expect(Array.from(recorder.readFacility(0, 0).hourRows)).toEqual([3, 30, 7, 1, 12, 9]);
    expect(Array.from(recorder.readFacility(1, 1).hourRows)).toEqual([0, 0, 0]);
  });

  test("over a model run, a facility's hours add up to its row of the model's ledger", () => {
    const sim = createSimulation(smallParams(), 3);
    const start = sim.readFacilityDeliveries();
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, start.values, start.columns.length, 1);
    const backlogAtCloses: number[][] = [];
    for (let hour = 0; hour < 40; hour++) {
      sim.advanceTo((hour + 1) * 3600);
      const backlog = sim.readFacilityState().backlogParcels;
      backlogAtCloses.push(Array.from(backlog));
      recorder.closeHour(hour, sim.readFacilityDeliveries().values, [backlog]);
    }
    const { columns, values } = sim.readFacilityDeliveries();
    const delivered = columns.indexOf('delivered');
    let checked = 0;
    for (let facility = 0; facility < recorder.facilityCount; facility++) {
      const { hourRows } = recorder.readFacility(facility, 0);
      let sum = 0;
      const width = columns.length + 1;
      for (let hour = 0; hour < 40; hour++) {
        sum += hourRows[hour * width + delivered];
        expect(hourRows[hour * width + columns.length]).toBe(Math.fround(backlogAtCloses[hour][facility]));
      }
      expect(sum, `facility ${facility}`).toBe(values[facility * columns.length + delivered]);
      if (sum > 0) checked++;
    }
    expect(checked, 'facilities with deliveries').toBeGreaterThan(3);
    // Most facility-hours deliver nothing, and most flows are small counts: the hours hold under a
    // sixth of dense Float32 rows.
    const denseBytes = 40 * recorder.facilityCount * (columns.length + 1) * 4;
    expect(recorder.getHeldBytes()).toBeLessThan(denseBytes / 6);
  });
});
