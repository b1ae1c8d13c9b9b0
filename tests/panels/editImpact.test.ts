import { describe, expect, it } from 'vitest';
import {
  getImpactFirstHour,
  readAreaFigures,
  readAreaFiguresAB,
  readClickToDoorByDay,
} from '../../src/panels/editImpact';
import { FACILITY_HOUR_COLUMNS } from '../../src/state/facilityKpis';
import { KpiHistory } from '../../src/state/kpiHistory';

/** An area's history of `hours` hours, each hour's figures as `fill(hour)` gives them. */
function createAreaHistory(
  hours: number,
  fill: (hour: number) => Partial<Record<(typeof FACILITY_HOUR_COLUMNS)[number], number>>,
): KpiHistory {
  const history = new KpiHistory();
  history.reset(FACILITY_HOUR_COLUMNS);
  const width = FACILITY_HOUR_COLUMNS.length;
  const rows = new Float64Array(hours * width);
  for (let hour = 0; hour < hours; hour++)
    for (const [name, value] of Object.entries(fill(hour)))
      rows[hour * width + FACILITY_HOUR_COLUMNS.indexOf(name)] = value ?? 0;
  history.setRows(0, rows);
  return history;
}

describe('the figures of an edit’s area since the edit', () => {
  it('count the hours from the edit on, and cost per real parcel (the ledger books real USD per modelled parcel)', () => {
    // 4 modelled parcels an hour, 3 on time, 30 h from click to door each, handed to vans whose
    // routes cost $400 real an hour; at scale 0.01 each modelled parcel is 100 real ones.
    const history = createAreaHistory(10, (hour) =>
      hour < 6
        ? { delivered: 1, deliveredOnTime: 0, clickToDoorHoursSum: 90, assignedVan: 1, vanCostUsd: 1000 }
        : {
            delivered: 4,
            deliveredOnTime: 3,
            clickToDoorHoursSum: 120,
            assignedVan: 4,
            deliveredByVan: 4,
            vanCostUsd: 400,
          },
    );
    const figures = readAreaFigures(history, 6, 0.01);
    expect(figures.delivered).toBe(16);
    expect(figures.onTime).toBe(0.75);
    expect(figures.clickToDoorH).toBe(30);
    // $1,600 over 16 x 100 real parcels.
    expect(figures.costPerParcelUsd).toBeCloseTo(1, 9);
  });

  it('are not numbers before the first delivery, rather than zeros that read as figures', () => {
    const figures = readAreaFigures(
      createAreaHistory(4, () => ({})),
      0,
      0.01,
    );
    expect(figures.delivered).toBe(0);
    expect(figures.onTime).toBeNaN();
    expect(figures.clickToDoorH).toBeNaN();
    expect(figures.costPerParcelUsd).toBeNaN();
  });

  it('in A and B cover the same hours: a run whose rows are still on their way reads as behind, never as worse', () => {
    // A's rows are in to hour 30, B's only to hour 12 (its message after a seek not yet read):
    // both count hours 6-12, the same deliveries, instead of A's 24 hours against B's 6.
    const perHour = () => ({ delivered: 2, deliveredOnTime: 2, clickToDoorHoursSum: 40 });
    const { a, b } = readAreaFiguresAB(
      createAreaHistory(30, perHour),
      createAreaHistory(12, perHour),
      6,
      0.01,
    );
    expect(a.delivered).toBe(12);
    expect(b.delivered).toBe(12);
    // Before B's first row from the edit on, neither side has figures: the panel waits.
    const waiting = readAreaFiguresAB(createAreaHistory(30, perHour), createAreaHistory(6, perHour), 6, 0.01);
    expect(waiting.a.delivered + waiting.b.delivered).toBe(0);
  });
});

describe('the hours an edit’s A and B figures count', () => {
  it('start at the first whole hour after an edit made mid-hour: B’s rows of that hour hold only its part after the fork', () => {
    // The same run in A and B (a fork that changed nothing) from an edit at 13:51 on day 4:
    // A's row of hour 85 holds the whole hour, B's only the 9 minutes after the fork.
    const editAtS = 85 * 3600 + 51 * 60;
    const perHour = () => ({ delivered: 60, deliveredOnTime: 60, clickToDoorHoursSum: 1200 });
    const historyA = createAreaHistory(90, perHour);
    const historyB = createAreaHistory(90, (hour) =>
      hour < 85
        ? {}
        : hour === 85
          ? { delivered: 9, deliveredOnTime: 9, clickToDoorHoursSum: 180 }
          : perHour(),
    );
    const fromHour = getImpactFirstHour(editAtS);
    expect(fromHour).toBe(86);
    const { a, b } = readAreaFiguresAB(historyA, historyB, fromHour, 0.01);
    expect(b.delivered).toBe(a.delivered);
    expect(a.delivered).toBe(4 * 60);
    // An edit on the hour counts its own hour: both runs hold all of it.
    expect(getImpactFirstHour(85 * 3600)).toBe(85);
  });
});

describe('click to door by delivery day, A and B', () => {
  it('runs from the edit’s hour to the last hour both runs hold, one entry a day', () => {
    // A: 30 h a parcel throughout; B: 36 h on day 3 (hours 48-71), as A otherwise.
    const a = createAreaHistory(100, () => ({ delivered: 2, clickToDoorHoursSum: 60 }));
    const b = createAreaHistory(90, (hour) =>
      hour >= 48 && hour < 72
        ? { delivered: 2, clickToDoorHoursSum: 72 }
        : { delivered: 2, clickToDoorHoursSum: 60 },
    );
    const days = readClickToDoorByDay(a, b, 34);
    expect(days.map((day) => [day.day, day.firstHour, day.endHour])).toEqual([
      [1, 34, 48],
      [2, 48, 72],
      [3, 72, 90],
    ]);
    expect(days.map((day) => day.clickToDoorHB - day.clickToDoorHA)).toEqual([0, 6, 0]);
  });

  it('leaves a day without deliveries without a figure', () => {
    const a = createAreaHistory(48, (hour) => (hour < 24 ? {} : { delivered: 1, clickToDoorHoursSum: 20 }));
    const days = readClickToDoorByDay(a, a, 0);
    expect(days[0].clickToDoorHA).toBeNaN();
    expect(days[1].clickToDoorHA).toBe(20);
  });
});
