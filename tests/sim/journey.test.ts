import { describe, expect, it } from 'vitest';
import { explainJourney } from '../../src/sim/journey';
import {
  getRecipeParams,
  LATE_JOURNEY_RECIPE,
  ON_TIME_JOURNEY_RECIPE,
  runJourneyRecipe,
} from '../../src/sim/journeyRecipes';
import { createSimulation } from '../../src/sim/simulation';

describe('explainJourney', () => {
  const onTime = runJourneyRecipe(ON_TIME_JOURNEY_RECIPE);
  const late = runJourneyRecipe(LATE_JOURNEY_RECIPE);

  it.each([
    ['on time', onTime],
    ['late', late],
  ])(
    '%s: stage durations add up to click-to-door, each stage starting where the last ended',
    (_name, run) => {
      const { journey } = run;
      expect(journey.delivered).toBe(true);
      const total = journey.stages.reduce((sum, stage) => sum + (stage.durationS ?? 0), 0);
      expect(total).toBeCloseTo(journey.clickToDoorS!, 3);
      for (let i = 1; i < journey.stages.length; i++)
        expect(journey.stages[i].startS, journey.stages[i].label).toBe(journey.stages[i - 1].endS);
      expect(journey.stages.every((stage) => stage.status === 'done')).toBe(true);
      expect(journey.stages[0].kind).toBe('atFc');
      expect(journey.stages.at(-1)!.kind).toBe('lastMile');
      for (const stage of journey.stages)
        expect(stage.excessS).toBeCloseTo(stage.durationS! - stage.expectedS, 6);
    },
  );

  it('the on-time recipe is on time and blames no stage', () => {
    expect(onTime.journey.isLate).toBe(false);
    expect(onTime.journey.lateS).toBeLessThan(0);
    expect(onTime.journey.costliestStages).toEqual([]);
  });

  it('the late recipe is late and names the stages that cost the time, with their cause', () => {
    const { journey } = late;
    expect(journey.isLate).toBe(true);
    expect(journey.lateS).toBeGreaterThan(3600);
    const [worst] = journey.costliestStages;
    expect(worst.kind).toBe('atFc');
    expect(worst.causes.map((cause) => cause.text).join('; ')).toMatch(
      /joined a pick queue of [\d,]+ parcels/,
    );
    // The stages named explain the lateness: their excess covers it, largest first.
    const excess = journey.costliestStages.map((stage) => stage.excessS!);
    expect(excess).toEqual([...excess].sort((a, b) => b - a));
    expect(excess.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(journey.lateS);
  });

  it('while the parcel is on its way, stages not reached are pending and the rest add up to the time so far', () => {
    const sim = createSimulation(getRecipeParams(ON_TIME_JOURNEY_RECIPE), ON_TIME_JOURNEY_RECIPE.seed);
    sim.advanceTo(ON_TIME_JOURNEY_RECIPE.orderAtHour * 3600);
    const placed = sim.placeOrder(ON_TIME_JOURNEY_RECIPE.order);
    sim.advanceTo(sim.timeS + 2 * 3600);
    const journey = explainJourney(sim.traceParcel(placed.parcelId)!, sim.params);
    expect(journey.delivered).toBe(false);
    const statuses = journey.stages.map((stage) => stage.status);
    expect(statuses.filter((status) => status === 'inProgress')).toHaveLength(1);
    expect(statuses.indexOf('inProgress')).toBe(statuses.lastIndexOf('done') + 1);
    expect(statuses.at(-1)).toBe('pending');
    const pending = journey.stages.filter((stage) => stage.status === 'pending');
    expect(pending.every((stage) => stage.durationS === null && stage.startS === null)).toBe(true);
    const total = journey.stages.reduce((sum, stage) => sum + (stage.durationS ?? 0), 0);
    expect(total).toBeCloseTo(sim.timeS - placed.orderedS, 3);
  });

  it('a parcel that was not placed cannot be explained, and says so', () => {
    const sim = onTime.sim;
    const [id] = sim.listLiveParcels(1);
    expect(() => explainJourney(sim.traceParcel(id)!, sim.params)).toThrow(/parcel \d+ is not watched/);
  });
});
