import { describe, expect, it } from 'vitest';
import { explainJourney, type JourneyCause, type JourneyStage } from '../../src/sim/journey';
import { DEFAULT_DISPATCH_RULES, type DispatchRules } from '../../src/sim/lastMile/dispatchRules';
import type { HandedOff } from '../../src/sim/parcelJournal';
import { createSimulation, type ParcelTrace } from '../../src/sim/simulation';
import {
  getRecipeParams,
  type JourneyRecipe,
  LATE_JOURNEY_RECIPE,
  ON_TIME_JOURNEY_RECIPE,
  runJourneyRecipe,
} from './journeyRecipes';

function causesOf(stage: JourneyStage | undefined): JourneyCause['kind'][] {
  return stage?.causes.map((cause) => cause.kind) ?? [];
}

function handoffOf(trace: ParcelTrace): HandedOff {
  const fact = trace.watch?.facts.find((candidate) => candidate.kind === 'handedOff');
  if (fact?.kind !== 'handedOff') throw new Error(`parcel ${trace.parcelId} was never handed off`);
  return fact;
}

/**
 * Places the recipe's order, runs until the dispatcher has handed it to a vehicle (still on its
 * way, so the trace's carrier and reason are the dispatcher's own columns, not the journal's),
 * and returns that trace.
 */
function runToHandoff(recipe: JourneyRecipe, rules: DispatchRules = DEFAULT_DISPATCH_RULES): ParcelTrace {
  const sim = createSimulation(getRecipeParams(recipe), recipe.seed, { dispatchRules: rules });
  sim.advanceTo(recipe.orderAtHour * 3600);
  const placed = sim.placeOrder(recipe.order);
  for (let hour = 0; hour < 6 * 24; hour++) {
    sim.advanceTo(sim.timeS + 3600);
    const trace = sim.traceParcel(placed.parcelId)!;
    if (trace.stage === 'outForDelivery' || trace.stage === 'withCarrier') return trace;
  }
  throw new Error(`${recipe.name}: not handed off within 6 days`);
}

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
        expect(journey.stages[i].startS, journey.stages[i].kind).toBe(journey.stages[i - 1].endS);
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

  it('the late recipe blames the FC pick queue, with the queue the FC really had when it was ordered', () => {
    const sim = createSimulation(getRecipeParams(LATE_JOURNEY_RECIPE), LATE_JOURNEY_RECIPE.seed);
    sim.advanceTo(LATE_JOURNEY_RECIPE.orderAtHour * 3600);
    const fc = late.placed.originFc;
    // A next-day order waits behind every parcel in its FC's pick queues (same-day ones first).
    const queueAtOrder = sim.readFacilityState().pickQueue[fc];

    const { journey } = late;
    expect(journey.isLate).toBe(true);
    expect(journey.lateS).toBeGreaterThan(3600);
    const [worst] = journey.costliestStages;
    expect(worst.kind).toBe('atFc');
    const fcQueue = worst.causes.find((cause) => cause.kind === 'fcQueue');
    expect(fcQueue).toMatchObject({ kind: 'fcQueue', parcelsAhead: queueAtOrder, picked: true });
    expect(queueAtOrder).toBeGreaterThan(100);
    // The stages named explain the lateness: their excess covers it, largest first.
    const excess = journey.costliestStages.map((stage) => stage.excessS!);
    expect(excess).toEqual([...excess].sort((a, b) => b - a));
    expect(excess.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(journey.lateS);
  });

  it('the last mile is who the dispatcher gave it to, and the line-haul legs are the trucks it boarded', () => {
    const trace = runToHandoff(ON_TIME_JOURNEY_RECIPE);
    const journey = explainJourney(trace, getRecipeParams(ON_TIME_JOURNEY_RECIPE));
    const lastMile = journey.stages.at(-1)!;
    // trace.lastMile is the dispatcher's own record of the parcel (its carrier and reason columns).
    expect(trace.lastMile).not.toBeNull();
    expect(lastMile.carrier).toBe(trace.lastMile!.carrier);
    expect(lastMile.causes[0]).toMatchObject({ kind: 'lastMileChoice', ...trace.lastMile });
    expect(lastMile.startS).toBe(handoffOf(trace).waveS);
    const legs = journey.stages.filter((stage) => stage.kind === 'lineHaul');
    expect(legs.map((stage) => [stage.facility, stage.toFacility])).toEqual(
      trace.path.slice(1).map((to, i) => [trace.path[i], to]),
    );
  });

  it('changing the dispatch rule changes the explanation with it', () => {
    // The on-time order reaches its Dallas station after the van wave with a two-day promise:
    // the default rule lets it wait for tomorrow's vans.
    const waits = runToHandoff(ON_TIME_JOURNEY_RECIPE, { needsFlexToday: () => false });
    const hurries = runToHandoff(ON_TIME_JOURNEY_RECIPE, { needsFlexToday: () => true });
    const params = getRecipeParams(ON_TIME_JOURNEY_RECIPE);
    const station = (trace: ParcelTrace) =>
      explainJourney(trace, params).stages.find((stage) => stage.kind === 'atStation')!;

    const waited = station(waits);
    expect(handoffOf(waits).waveIndex).toBe(1);
    expect(waits.lastMile?.reason).toBe('ownRoute');
    expect(causesOf(waited)).toContain('waitedForVans');
    expect(waited.excessS).toBeCloseTo(0, 6);

    // Offered a Flex block at the first later wave instead: no waiting for vans, and the nominal
    // (what the dispatcher's rule would do with vehicles to spare) is that wave, not tomorrow's.
    const hurried = station(hurries);
    expect(hurries.lastMile?.reason).toBe('flexSameDay');
    expect(causesOf(hurried)).not.toContain('waitedForVans');
    expect(hurried.endS!).toBeLessThan(waited.endS!);
    expect(hurried.startS! + hurried.expectedS).toBe(handoffOf(hurries).waveS);
    expect(waited.startS! + waited.expectedS).toBe(handoffOf(waits).waveS);
  });

  it('blocks no Flex driver takes are the cause the dispatcher recorded, wave by wave', () => {
    // No vans and no Flex driver ever accepting: every wave that offers it a block leaves it behind,
    // and the day's last wave hands it to a partner carrier.
    const recipe: JourneyRecipe = {
      ...ON_TIME_JOURNEY_RECIPE,
      name: 'no-drivers',
      overrides: { ...ON_TIME_JOURNEY_RECIPE.overrides, vansPerStation: 0, flexBaseAcceptance: 0 },
    };
    const { trace, journey, sim } = runJourneyRecipe(recipe);
    const deferrals = trace.watch!.facts.filter((fact) => fact.kind === 'waveDeferred');
    const unfilled = deferrals.filter((fact) => fact.cause === 'noFlexDriver');
    expect(unfilled.length).toBeGreaterThan(0);
    expect(trace.lastMile?.reason).toMatch(/^(usps|regional)Overflow$/);
    const kpis = sim.getKpis().cumulative;
    expect(kpis.flexBlocksAccepted).toBe(0);
    expect(kpis.flexBlocksUnfilled).toBeGreaterThanOrEqual(unfilled.length);

    const station = journey.stages.find((stage) => stage.kind === 'atStation')!;
    const cause = station.causes.find((candidate) => candidate.kind === 'noFlexDriver');
    expect(cause).toMatchObject({ waves: unfilled.length, waitingS: station.endS! - unfilled[0].waveS });
    expect(cause!.costS).toBeGreaterThan(0);
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
