import { describe, expect, test } from 'vitest';
import { FacilityHourRecorder } from '../../src/worker/facilityHours';
import { createSimulation } from '../../src/sim/simulation';
import { smallParams } from '../sim/simHelpers';

/** A ledger of `facilities` x 2 columns with the given rows. */
const ledger = (rows: number[][]) => Float64Array.from(rows.flat());

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

  test('a seek back re-records from the restored hour, and a replay gives the same rows', () => {
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, ledger([[0, 0]]), 2);
    recorder.closeHour(0, ledger([[5, 4]]));
    recorder.closeHour(1, ledger([[8, 6]]));
    recorder.closeHour(2, ledger([[9, 6]]));
    recorder.restart(1, ledger([[5, 4]]));
    expect(recorder.hours).toBe(1);
    recorder.closeHour(1, ledger([[8, 6]]));
    expect(Array.from(recorder.readFacility(0, 0).hourRows)).toEqual([5, 4, 3, 2]);
  });

  test("over a model run, a facility's hours add up to its row of the model's ledger", () => {
    const sim = createSimulation(smallParams(), 3);
    const start = sim.readFacilityDeliveries();
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, start.values, start.columns.length);
    for (let hour = 0; hour < 40; hour++) {
      sim.advanceTo((hour + 1) * 3600);
      recorder.closeHour(hour, sim.readFacilityDeliveries().values);
    }
    const { columns, values } = sim.readFacilityDeliveries();
    const delivered = columns.indexOf('delivered');
    let checked = 0;
    for (let facility = 0; facility < recorder.facilityCount; facility++) {
      const { hourRows } = recorder.readFacility(facility, 0);
      let sum = 0;
      for (let hour = 0; hour < 40; hour++) sum += hourRows[hour * columns.length + delivered];
      expect(sum, `facility ${facility}`).toBe(values[facility * columns.length + delivered]);
      if (sum > 0) checked++;
    }
    expect(checked, 'facilities with deliveries').toBeGreaterThan(3);
  });
});
