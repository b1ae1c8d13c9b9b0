import { describe, expect, test } from 'vitest';
import { FACILITY_DELIVERY_COLUMNS } from '../../src/sim/lastMile/facilityDeliveries';
import { hashUniform } from '../../src/sim/rng';
import { createSimulation } from '../../src/sim/simulation';
import { FACILITY_HOUR_COLUMNS, FacilityKpiFeed } from '../../src/state/facilityKpis';
import { readAreaFigures, readClickToDoorByDay } from '../../src/panels/editImpact';
import { getHourShare, LEVEL_MEAN_HOURS, toFlowGrid } from '../../src/worker/facilityDays';
import { FacilityHourRecorder, HOURLY_DAYS } from '../../src/worker/facilityHours';
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
    expect(recorder.readFacility(2, 1)).toEqual({ firstHour: 1, hourRows: Float64Array.from([0, 0]) });
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
    expect(recorder.readFacility(0, 0)).toEqual({ firstHour: 2, hourRows: new Float64Array(0) });
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
      hourRows: Float64Array.from([5, 4, 3, 2, 1, 0]),
    });
    // Back to hour 1 and a change there: the snapshot at hour 3 (were it kept) is another run's.
    recorder.restart(1, ledger([[5, 4]]));
    recorder.forgetAfter(1);
    recorder.restart(3, ledger([[9, 6]]));
    expect(recorder.readFacility(0, 0)).toEqual({ firstHour: 3, hourRows: new Float64Array(0) });
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

const DAY = 24;

/**
 * A run of `facilities` whose ledger (FACILITY_DELIVERY_COLUMNS) gains, in the few hours a day a
 * facility works, whole counts in most columns and sums of hours or USD in the rest;
 * levels: a throughput with a daily wave and a whole backlog. `variant` changes the figures
 * from hour `variantFromHour` on (another run after a change).
 */
class SyntheticRun {
  readonly columns = FACILITY_DELIVERY_COLUMNS.length;
  ledger: Float64Array;
  /** What the recorder should hold hour by hour, unbounded: hours x facilities x (columns + 2). */
  readonly hourRows: Float64Array[] = [];

  constructor(
    readonly facilities: number,
    private readonly variant = 0,
    private readonly variantFromHour = Number.POSITIVE_INFINITY,
  ) {
    this.ledger = new Float64Array(facilities * this.columns);
  }

  /** The ledger and levels at the close of `hour` (and its unbounded row). */
  close(hour: number): { values: Float64Array; levels: Float32Array[] } {
    const seed = hour >= this.variantFromHour ? 7 + this.variant : 7;
    const width = this.columns + 2;
    const row = new Float64Array(this.facilities * width);
    const throughput = new Float32Array(this.facilities);
    const backlog = new Float32Array(this.facilities);
    for (let facility = 0; facility < this.facilities; facility++) {
      // A facility delivers in waves: a few hours a day.
      const works = (hour + facility) % DAY < 5 && hashUniform(seed, facility, hour * 64) < 0.8;
      for (let k = 0; k < this.columns && works; k++) {
        const draw = hashUniform(seed, facility, hour * 64 + k + 1);
        if (draw < 0.5) continue;
        // Counts up to ~600 (past a byte, and past two bytes summed over a day), or fractions.
        const gain = k < 30 ? Math.floor(draw * 1200) - 590 : draw * 97.3;
        if (gain <= 0) continue;
        const before = this.ledger[facility * this.columns + k];
        this.ledger[facility * this.columns + k] += gain;
        row[facility * width + k] = toFlowGrid(this.ledger[facility * this.columns + k]) - toFlowGrid(before);
      }
      throughput[facility] =
        100 + 80 * Math.sin((hour / 24) * 2 * Math.PI + facility) + hashUniform(seed, facility, hour);
      backlog[facility] = Math.floor(hashUniform(seed, facility, hour * 64 + 63) * 3000);
      row[facility * width + this.columns] = throughput[facility];
      row[facility * width + this.columns + 1] = backlog[facility];
    }
    this.hourRows[hour] = row;
    return { values: this.ledger.slice(), levels: [throughput, backlog] };
  }

  /** Records hours [from, to) into `recorder`. */
  record(recorder: FacilityHourRecorder, from: number, to: number): void {
    for (let hour = from; hour < to; hour++) {
      const { values, levels } = this.close(hour);
      recorder.closeHour(hour, values, levels);
    }
  }

  /** `facilities`' unbounded rows summed, for hours [from, to): hours x (columns + 2). */
  read(facilities: readonly number[], from: number, to: number): Float64Array {
    const width = this.columns + 2;
    const out = new Float64Array((to - from) * width);
    for (let hour = from; hour < to; hour++) {
      for (const facility of facilities)
        for (let k = 0; k < width; k++)
          out[(hour - from) * width + k] += this.hourRows[hour][facility * width + k];
    }
    return out;
  }
}

/** The recorder's rows of `facilities` from hour 0, as the panels hold them (FacilityKpiFeed). */
function feedOf(recorder: FacilityHourRecorder, facilities: number[]): FacilityKpiFeed {
  const feed = new FacilityKpiFeed();
  const { firstHour, hourRows } = recorder.readFacilitiesSum(facilities, 0);
  feed.receive(0, firstHour, hourRows, recorder.getFoldedBeforeHour());
  feed.syncTo(recorder.hours * 3600);
  return feed;
}

describe('older days of the per-facility history', () => {
  const days = 9;
  const facilities = [0, 3, 17, 40];

  test('the recent days read hour by hour as recorded; older ones as daily sums shared out over their hours and 4-hour mean levels, and windows of whole days sum exactly as recorded', () => {
    const run = new SyntheticRun(60);
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, run.ledger.slice(), run.columns, 2);
    run.record(recorder, 0, days * DAY + 5);
    const hourlyFrom = (days - HOURLY_DAYS) * DAY;
    const width = run.columns + 2;
    for (const area of [[3], facilities]) {
      const feed = feedOf(recorder, area);
      const history = feed.history;
      expect(history.hours).toBe(days * DAY + 5);
      expect(feed.foldedBeforeHour).toBe(hourlyFrom);
      const unbounded = run.read(area, 0, recorder.hours);
      // Hour by hour where hours are kept: exactly what was recorded.
      for (const [k, name] of FACILITY_HOUR_COLUMNS.entries()) {
        const column = history.column(name, hourlyFrom);
        for (let hour = hourlyFrom; hour < recorder.hours; hour++)
          expect(column[hour - hourlyFrom], `${name} at hour ${hour}`).toBe(unbounded[hour * width + k]);
      }
      for (let day = 0; day < days - HOURLY_DAYS; day++) {
        const from = day * DAY;
        for (const [k, name] of FACILITY_HOUR_COLUMNS.entries()) {
          const column = history.column(name, from, from + DAY);
          if (k < run.columns) {
            // Flows: each hour its share of each facility's day; the day sums exactly as recorded.
            let recorded = 0;
            for (let h = 0; h < DAY; h++) recorded += unbounded[(from + h) * width + k];
            // (in whole counts per facility: at most one apart from a 24th each)
            for (let h = 0; h < DAY; h++)
              expect(Math.abs(column[h] - recorded / DAY), `${name} at hour ${from + h}`).toBeLessThanOrEqual(
                area.length,
              );
            expect(history.sum(name, from, from + DAY), `${name} on day ${day}`).toBe(recorded);
          } else {
            // Levels: the mean of each 4-hour block of closes.
            for (let h = 0; h < DAY; h++) {
              const blockStart = from + h - (h % LEVEL_MEAN_HOURS);
              let mean = 0;
              for (let b = 0; b < LEVEL_MEAN_HOURS; b++) mean += unbounded[(blockStart + b) * width + k];
              expect(column[h], `${name} at hour ${from + h}`).toBeCloseTo(mean / LEVEL_MEAN_HOURS, 2);
            }
          }
        }
      }
      // A window of whole days across folded and hourly ones: the run's totals, to the bit.
      for (const name of ['delivered', 'clickToDoorHoursSum', 'vanCostUsd']) {
        const k = FACILITY_HOUR_COLUMNS.indexOf(name);
        let recorded = 0;
        for (let hour = DAY; hour < recorder.hours; hour++) recorded += unbounded[hour * width + k];
        expect(history.sum(name, DAY, recorder.hours), name).toBe(recorded);
      }
    }
  });

  test("a day's share of an hour: whole counts stay whole, and the shares add up to the total exactly", () => {
    expect([0, 1, 2].map((index) => getHourShare(7, 3, index))).toEqual([3, 2, 2]);
    for (const total of [
      0,
      1,
      23,
      24,
      25,
      153,
      1e6 + 7,
      toFlowGrid(146.53),
      toFlowGrid(0.1),
      toFlowGrid(98765.4321),
    ])
      for (const hours of [1, 10, 14, 24]) {
        let sum = 0;
        for (let index = 0; index < hours; index++) sum += getHourShare(total, hours, index);
        expect(sum, `${total} over ${hours} hours`).toBe(total);
      }
  });

  test('from the first older day on, a sim day adds under a third of what its hours held', () => {
    const run = new SyntheticRun(60);
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, run.ledger.slice(), run.columns, 2);
    const bytesAtDay: number[] = [0];
    for (let day = 1; day <= days; day++) {
      run.record(recorder, (day - 1) * DAY, day * DAY);
      bytesAtDay.push(recorder.getHeldBytes());
    }
    // Days 1 and 2 are hours only (no day is older than the hourly ones yet).
    const dayOfHours = bytesAtDay[2] - bytesAtDay[1];
    const firstFolded = HOURLY_DAYS + 1;
    const perDay = (bytesAtDay[days] - bytesAtDay[firstFolded]) / (days - firstFolded);
    expect(perDay).toBeLessThan(dayOfHours / 3);
  });

  test('a seek back to the start of an older day re-records it; a seek forward before it is whole reads the day as before; a change there replaces it', () => {
    const run = new SyntheticRun(60);
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, run.ledger.slice(), run.columns, 2);
    const ledgers: Float64Array[] = [run.ledger.slice()];
    for (let hour = 0; hour < days * DAY; hour++) {
      const { values, levels } = run.close(hour);
      recorder.closeHour(hour, values, levels);
      ledgers.push(values);
    }
    const before = feedOf(recorder, facilities).history;
    const oldDay = 2;
    // Back to the start of day 2 (a daily snapshot), six hours replayed: those read as recorded.
    recorder.restart(oldDay * DAY, ledgers[oldDay * DAY]);
    const replay = new SyntheticRun(60);
    replay.ledger = ledgers[oldDay * DAY].slice();
    replay.record(recorder, oldDay * DAY, oldDay * DAY + 6);
    const back = feedOf(recorder, facilities).history;
    expect(back.hours).toBe(oldDay * DAY + 6);
    const delivered = FACILITY_HOUR_COLUMNS.indexOf('delivered');
    const width = run.columns + 2;
    const unbounded = run.read(facilities, 0, days * DAY);
    for (let hour = oldDay * DAY; hour < oldDay * DAY + 6; hour++)
      expect(back.column('delivered', hour, hour + 1)[0]).toBe(unbounded[hour * width + delivered]);
    // Forward to the run's end again (a snapshot of the same run): everything reads as before.
    recorder.restart(days * DAY, ledgers[days * DAY]);
    const forward = feedOf(recorder, facilities).history;
    for (const name of FACILITY_HOUR_COLUMNS)
      expect(Array.from(forward.column(name)), name).toEqual(Array.from(before.column(name)));
    // Back again, and a change at hour 2 of day 2: the replayed day reads the new run's hours.
    recorder.restart(oldDay * DAY, ledgers[oldDay * DAY]);
    recorder.forgetAfter(oldDay * DAY + 2);
    const changed = new SyntheticRun(60, 1, oldDay * DAY + 2);
    changed.ledger = ledgers[oldDay * DAY].slice();
    changed.record(recorder, oldDay * DAY, (oldDay + 1) * DAY + 3);
    const after = feedOf(recorder, facilities).history;
    const changedRows = changed.read(facilities, oldDay * DAY, (oldDay + 1) * DAY + 3);
    for (let hour = oldDay * DAY; hour < (oldDay + 1) * DAY + 3; hour++)
      expect(after.column('delivered', hour, hour + 1)[0], `hour ${hour}`).toBe(
        changedRows[(hour - oldDay * DAY) * width + delivered],
      );
    expect(after.hours).toBe((oldDay + 1) * DAY + 3);
  });
});

/** Day 2, 10:00: a network edit's hour, inside a day folded by the time it is read. */
const EDIT_HOUR = 34;
/** Day 5, 00:00: where the edit's figures are read (the link is copied here). */
const READ_AT_HOUR = 4 * DAY;

/**
 * A page's copy of a recorder's rows as the worker sends them while the run is watched: the new
 * hours after each close, and again from wherever a close folded a day (closeHour's answer).
 */
class WatchingPage {
  readonly feed = new FacilityKpiFeed();
  private sentHours = 0;

  constructor(
    private readonly recorder: FacilityHourRecorder,
    private readonly area: number[],
  ) {}

  /** Records hours [from, to) of `run`, receiving the rows after each close. */
  watch(run: SyntheticRun, from: number, to: number): void {
    for (let hour = from; hour < to; hour++) {
      const { values, levels } = run.close(hour);
      this.sentHours = Math.min(this.sentHours, this.recorder.closeHour(hour, values, levels));
      const { firstHour, hourRows } = this.recorder.readFacilitiesSum(this.area, this.sentHours);
      this.feed.receive(0, firstHour, hourRows, this.recorder.getFoldedBeforeHour());
      this.sentHours = this.recorder.hours;
    }
    this.feed.syncTo(to * 3600);
  }
}

describe("a window from a network edit's hour in a folded day", () => {
  const area = [0, 3, 17, 40];
  const scale = 0.01;
  /** A's run, and B's: the same until the edit, another from it. */
  const runA = () => new SyntheticRun(60);
  const runB = () => new SyntheticRun(60, 1, EDIT_HOUR);

  test('sums exactly the hours since the edit, day by day too', () => {
    const run = runA();
    const recorder = new FacilityHourRecorder();
    recorder.reset(0, run.ledger.slice(), run.columns, 2);
    recorder.keepWindowsAt([EDIT_HOUR]);
    run.record(recorder, 0, READ_AT_HOUR);
    const feed = feedOf(recorder, area);
    // The edit's day is folded by now: the window reads it, not the hours.
    expect(feed.foldedBeforeHour).toBeGreaterThan(EDIT_HOUR);
    const width = run.columns + 2;
    const unbounded = run.read(area, 0, READ_AT_HOUR);
    for (const [k, name] of FACILITY_DELIVERY_COLUMNS.entries()) {
      for (const [from, to] of [
        [EDIT_HOUR, READ_AT_HOUR],
        [EDIT_HOUR, 2 * DAY],
        [0, EDIT_HOUR],
      ]) {
        let recorded = 0;
        for (let hour = from; hour < to; hour++) recorded += unbounded[hour * width + k];
        expect(feed.history.sum(name, from, to), `${name} over hours ${from}-${to}`).toBe(recorded);
      }
    }
  });

  test('the page that watched A and B (B forked at the edit) and the page reopened from the link (both replayed from the start) read the same figures, to the bit', () => {
    // Watched: A told of the edit as it is made; B forked from A's ledger at the edit.
    const watchedA = new FacilityHourRecorder();
    const a = runA();
    watchedA.reset(0, a.ledger.slice(), a.columns, 2);
    const pageA = new WatchingPage(watchedA, area);
    pageA.watch(a, 0, EDIT_HOUR);
    watchedA.keepWindowsAt([EDIT_HOUR]);
    const watchedB = new FacilityHourRecorder();
    const b = runB();
    b.record(new FacilityHourRecorder(), 0, EDIT_HOUR);
    watchedB.reset(EDIT_HOUR, b.ledger.slice(), b.columns, 2);
    const pageB = new WatchingPage(watchedB, area);
    pageA.watch(a, EDIT_HOUR, READ_AT_HOUR);
    pageB.watch(b, EDIT_HOUR, READ_AT_HOUR);
    // Reopened: both told of the edit before the replay (A by the page, B by its own plan).
    const reopened = [runA(), runB()].map((run) => {
      const recorder = new FacilityHourRecorder();
      recorder.reset(0, run.ledger.slice(), run.columns, 2);
      recorder.keepWindowsAt([EDIT_HOUR]);
      run.record(recorder, 0, READ_AT_HOUR);
      return feedOf(recorder, area).history;
    });
    const [watchedHistoryA, watchedHistoryB] = [pageA.feed.history, pageB.feed.history];
    expect(readAreaFigures(reopened[0], EDIT_HOUR, scale)).toEqual(
      readAreaFigures(watchedHistoryA, EDIT_HOUR, scale),
    );
    expect(readAreaFigures(reopened[1], EDIT_HOUR, scale)).toEqual(
      readAreaFigures(watchedHistoryB, EDIT_HOUR, scale),
    );
    expect(readClickToDoorByDay(reopened[0], reopened[1], EDIT_HOUR)).toEqual(
      readClickToDoorByDay(watchedHistoryA, watchedHistoryB, EDIT_HOUR),
    );
    // And B's figures are its own since the edit: they differ from A's.
    expect(readAreaFigures(reopened[1], EDIT_HOUR, scale).delivered).not.toBe(
      readAreaFigures(reopened[0], EDIT_HOUR, scale).delivered,
    );
  });
});
