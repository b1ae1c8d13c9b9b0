import { describe, expect, it } from 'vitest';
import { sumHours } from '../../src/sim/kpis';
import { defaultParams } from '../../src/sim/params';
import { createSimulation } from '../../src/sim/simulation';
import { explainWatchedDay, tallyLateCauses } from '../../scripts/whyLate';

/** Tiny scale and a 2-minute step: the figures here are about which parcels, not how many. */
const TINY = { ...defaultParams(), scale: 0.0005, stepS: 120 };

describe('npm run why-late: a sample of real orders, explained', () => {
  it('watching a share of the demand’s orders changes nothing the model computes', () => {
    const plain = createSimulation(TINY, 3);
    plain.advanceTo(12 * 3600);
    const watched = createSimulation(TINY, 3);
    watched.advanceTo(4 * 3600);
    const ids: number[] = [];
    for (let t = 4 * 3600; t < 10 * 3600; ) {
      const sinceS = t;
      t += TINY.stepS;
      watched.advanceTo(t);
      ids.push(...watched.watchOrdersSince(sinceS, 0.5));
    }
    watched.advanceTo(12 * 3600);
    expect(watched.getKpis().cumulative).toEqual(plain.getKpis().cumulative);
    // About half of the window's orders, each with its journal from its FC's pick queue.
    const ordered = sumHours(watched.getKpis().hourly.ordered, 4, 10);
    expect(ids.length / ordered).toBeGreaterThan(0.35);
    expect(ids.length / ordered).toBeLessThan(0.65);
    for (const id of ids) {
      const trace = watched.traceParcel(id);
      expect(trace?.watch?.facts[0], `parcel ${id}`).toMatchObject({ kind: 'queueJoined', queue: 'pick' });
    }
  });

  it('with too few robots the late parcels are put down to the FC’s pick queue', () => {
    const sim = createSimulation({ ...TINY, robotsPerFc: 1000 }, 3);
    // Orders of day 1, followed to the end of day 2: the same-day and next-day ones fall due.
    const journeys = explainWatchedDay(sim, 1, 0.5, 1);
    const tally = tallyLateCauses(journeys, sim.timeS);
    expect(tally.due).toBeGreaterThan(50);
    expect(tally.late / tally.due).toBeGreaterThan(0.2);
    const [topCause, topCount] = [...tally.byCause].sort((a, b) => b[1] - a[1])[0];
    expect(topCause).toBe('atFc: fcQueue');
    expect(topCount / tally.late).toBeGreaterThan(0.5);
    // Every late parcel is counted once in each breakdown.
    for (const breakdown of [tally.byCause, tally.byCarrier, tally.byHoursLate])
      expect([...breakdown.values()].reduce((a, b) => a + b, 0)).toBe(tally.late);
  });
});
