/**
 * Fixed "place your order" scenarios that the tests and the browser end-to-end test replay: a scenario, a seed, when to order, where to, what and how fast. Each runs to the door
 * in a few sim days on a small network (a browser worker does it in seconds).
 */
import { type Journey, explainJourney } from '../../src/sim/journey';
import { defaultParams, type Params } from '../../src/sim/params';
import type { OrderSpec, PlacedOrder } from '../../src/sim/placedOrders';
import { applyPreset, getPreset } from '../../src/sim/presets';
import {
  createSimulation,
  type ParcelTrace,
  type Simulation,
  type SimulationOptions,
} from '../../src/sim/simulation';

export interface JourneyRecipe {
  name: string;
  /** What the recipe shows, in words. */
  description: string;
  /** Preset applied first (presets.ts), or null. */
  preset: string | null;
  /** Parameter overrides on top of the preset (the page's URL parameters). */
  overrides: Partial<Params>;
  seed: number;
  /** Sim hour at which the order is placed (advance to it first). */
  orderAtHour: number;
  order: OrderSpec;
}

/**
 * Late: the e2e test's small network (20 FCs for the whole country, short of robots) in the
 * winter-storm preset. The order from Chicago waits in its FC's pick queue of ~490 parcels for
 * ~55 h and arrives ~50 h after its next-day promise.
 */
export const LATE_JOURNEY_RECIPE: JourneyRecipe = {
  name: 'late-pick-queue',
  description:
    'Winter storm on a 20-FC network short of robots: a heavy next-day order to Chicago waits two days in a pick queue.',
  preset: 'winter-storm',
  overrides: {
    scale: 0.002,
    fulfillmentCenterCount: 20,
    sortationCenterCount: 10,
    deliveryStationCount: 150,
    robotsPerFc: 1000,
  },
  seed: 7,
  orderAtHour: 10,
  order: { lon: -87.65, lat: 41.88, weightKg: 12, promise: 'nextDay' },
};

/**
 * On time: the default network at scale 0.002 on day 2, a light two-day order in Dallas: picked
 * within minutes at Dallas FC 1, at the station the same afternoon, after the van wave, so on
 * tomorrow's van, a day early.
 */
export const ON_TIME_JOURNEY_RECIPE: JourneyRecipe = {
  name: 'on-time-dallas',
  description: 'An ordinary week: a light two-day order in Dallas, delivered a day early by a DSP van.',
  preset: null,
  overrides: { scale: 0.002 },
  seed: 7,
  orderAtHour: 32,
  order: { lon: -96.8, lat: 32.78, weightKg: 1.2, promise: 'twoDay' },
};

export const JOURNEY_RECIPES: readonly JourneyRecipe[] = [LATE_JOURNEY_RECIPE, ON_TIME_JOURNEY_RECIPE];

/** The recipe's parameters: defaults, then its preset, then its overrides. */
export function getRecipeParams(recipe: JourneyRecipe): Params {
  let params = defaultParams();
  if (recipe.preset !== null) {
    const preset = getPreset(recipe.preset);
    if (!preset) throw new Error(`journey recipe ${recipe.name}: preset "${recipe.preset}" is unknown`);
    params = applyPreset(params, preset);
  }
  return { ...params, ...recipe.overrides };
}

/**
 * Runs a recipe: builds the scenario, advances to the order time, places the order and advances
 * until the parcel is at the door (or `maxDays` after the order). Returns the run and its journey.
 */
export function runJourneyRecipe(
  recipe: JourneyRecipe,
  maxDays = 6,
  options: SimulationOptions = {},
): { sim: Simulation; placed: PlacedOrder; trace: ParcelTrace; journey: Journey } {
  const sim = createSimulation(getRecipeParams(recipe), recipe.seed, options);
  sim.advanceTo(recipe.orderAtHour * 3600);
  const placed = sim.placeOrder(recipe.order, recipe.name);
  const endS = placed.orderedS + maxDays * 86400;
  let trace = sim.traceParcel(placed.parcelId) as ParcelTrace;
  while (sim.timeS < endS && trace.watch?.deliveredS === null) {
    sim.advanceTo(Math.min(endS, sim.timeS + 6 * 3600));
    sim.drainTrips();
    trace = sim.traceParcel(placed.parcelId) as ParcelTrace;
  }
  return { sim, placed, trace, journey: explainJourney(trace, sim.params) };
}
