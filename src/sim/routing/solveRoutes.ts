import { createArrivalOrderRoutes } from './arrivalOrderRoutes';
import { LocalSearch } from './localSearch';
import { createNearestNeighbourRoutes } from './nearestNeighbourRoutes';
import { orientRoutesForDeadlines } from './orientRoutes';
import { RoutePlan } from './routePlan';
import { createRoutingContext, type RoutingContext } from './routingContext';
import type { RoutingInstance } from './routingInstance';
import { runRuinAndRecreate } from './ruinAndRecreate';
import { createSavingsRoutes } from './savingsRoutes';
import { createRandomStream, type RandomStream } from './seededRandom';
import { createSweepRoutes } from './sweepRoutes';

/**
 * The selectable optimisers, from none to best, so users can see what optimisation buys:
 * a construction (`none` = arrival order, `nearest` neighbour, `sweep`, Clarke-Wright
 * `savings`), optionally followed by local search (`+ls`) and by ruin and recreate (`+rr`).
 */
export const ROUTING_OPTIMISERS = [
  'none',
  'nearest',
  'sweep',
  'savings',
  'nearest+ls',
  'sweep+ls',
  'savings+ls',
  'savings+ls+rr',
] as const;

/** One of `ROUTING_OPTIMISERS`. */
export type RoutingOptimiser = (typeof ROUTING_OPTIMISERS)[number];

/** The best optimiser, used when none is named. */
export const DEFAULT_ROUTING_OPTIMISER: RoutingOptimiser = 'savings+ls+rr';

/**
 * Ruin-and-recreate iterations per stop when the budget names none: about 1 ms per stop on
 * CVRPLIB X (~90 ms for X-n101-k25), time linear in the iterations; waves with long routes and
 * duration limits cost up to ~1.5 ms per stop. Mean / worst gap to best-known on the six X
 * instances by iterations per stop: 25: 2.0% / 3.2%, 50: 1.4% / 2.3%, 100: 1.3% / 1.7%,
 * 200: 0.7% / 2.3%, 400: 0.8% / 1.7% (one seed each, so differences under ~0.5% are noise).
 */
export const DEFAULT_ITERATIONS_PER_STOP = 100;

/** How much work the optimiser may do; constructions alone ignore it. */
export interface RoutingBudget {
  /** Ruin-and-recreate iterations; default DEFAULT_ITERATIONS_PER_STOP * stops. Deterministic. */
  iterations?: number;
  /**
   * Optional wall-clock cap in ms on the whole call, for the CLI only: with it the result depends
   * on machine speed. Needs `clock`. Ruin and recreate stops at whichever of `iterations` and
   * `timeLimitMs` comes first (pass `iterations: Infinity` to let the clock alone decide); the
   * final descent after it is not capped.
   */
  timeLimitMs?: number;
  /** Clock in ms (e.g. `performance.now`), injected so the model never reads one itself. */
  clock?: () => number;
  /**
   * Cap on move evaluations per local-search descent (`+ls`); default unlimited, since a descent
   * ends at a local optimum anyway (typically 50-200 evaluations per stop). Deterministic.
   */
  maxMoveEvaluations?: number;
}

/** Options of `solveRoutes`. */
export interface SolveRoutesOptions {
  /** Default DEFAULT_ROUTING_OPTIMISER. */
  optimiser?: RoutingOptimiser;
  budget?: RoutingBudget;
  /** Seeded uint32 stream; default a stream seeded with `seed`. */
  random?: RandomStream;
  /** Seed of the default stream; default 1. Ignored when `random` is given. */
  seed?: number;
  /**
   * Near neighbours of each stop the local search (`+ls`) pairs it with; default (and at most)
   * DEFAULT_NEIGHBOUR_COUNT, the lists savings and ruin and recreate use. Fewer: a faster descent
   * that may stop at a slightly longer plan.
   */
  localSearchNeighbours?: number;
  /**
   * Whether a last local-search descent polishes the plan ruin and recreate kept (`+rr` only);
   * default true. Without it a call is cheaper and its plan a little longer.
   */
  finalDescent?: boolean;
  /** Near neighbours a removed stop may go back in beside (`+rr`); default all of the lists' (40). */
  insertNeighbours?: number;
}

/** Routes of one wave and what they cost. */
export interface RoutingSolution {
  /** One array per van: stop indices (1..stopCount) in driving order; the depot is implicit at both ends. */
  routes: number[][];
  /** Parcels per route, same order as `routes`. */
  loads: Float64Array;
  /** Length per route, depot to depot, in distance units (km in the sim). */
  lengths: Float64Array;
  /**
   * Duration per route in seconds: length * secondsPerDistance + stops * serviceDurationS (the
   * instance's values; with the defaults, duration equals length).
   */
  durationsS: Float64Array;
  /** Sum of `lengths`. */
  cost: number;
  optimiser: RoutingOptimiser;
}

/**
 * Plans the routes of one delivery wave: every stop visited exactly once, by vans that start and
 * end at the depot and respect capacity (and max route duration if the instance has one).
 * Deterministic: the same instance, options and seed give the same routes bit for bit.
 *
 * Mean gap to best-known on the CVRPLIB X instances (`npm run bench routing`): none 270%,
 * nearest 22%, sweep 17%, savings 6.6%, nearest+ls 4.9%, sweep+ls 3.6%, savings+ls 4.8%,
 * savings+ls+rr 1.3%.
 *
 * @throws Error naming the stop when a stop cannot fit any van.
 */
export function solveRoutes(instance: RoutingInstance, options: SolveRoutesOptions = {}): RoutingSolution {
  const optimiser = options.optimiser ?? DEFAULT_ROUTING_OPTIMISER;
  if (!ROUTING_OPTIMISERS.includes(optimiser)) {
    throw new Error(
      `solveRoutes: unknown optimiser '${optimiser}', expected one of ${ROUTING_OPTIMISERS.join(', ')}`,
    );
  }
  const budget = options.budget ?? {};
  const clock = budget.timeLimitMs !== undefined ? budget.clock : undefined;
  const startedMs = clock ? clock() : 0;
  const context = createRoutingContext(instance);
  const random = options.random ?? createRandomStream(options.seed ?? 1);
  const [construction, ...improvements] = optimiser.split('+');
  const plan = getPooledPlan(0, context.distances, instance.demands);
  plan.setRoutes(construct(construction, context));
  const maxMoveEvaluations = budget.maxMoveEvaluations ?? Number.POSITIVE_INFINITY;
  // One search for both descents: the second skips what the first tried on routes left as they were.
  const search = new LocalSearch(plan, context, options.localSearchNeighbours);
  if (improvements.includes('ls')) search.run(random, maxMoveEvaluations);
  if (improvements.includes('rr')) {
    runRuinAndRecreate(plan, context, {
      iterations: budget.iterations ?? DEFAULT_ITERATIONS_PER_STOP * context.stopCount,
      // The wall-clock cap covers the whole call: construction and descent spend part of it.
      timeLimitMs: clock ? budget.timeLimitMs! - (clock() - startedMs) : undefined,
      clock,
      random,
      bestPlan: getPooledPlan(1, context.distances, instance.demands),
      insertNeighbours: options.insertNeighbours,
    });
    // A last descent polishes the best plan the annealing kept.
    if (options.finalDescent !== false) search.run(random, maxMoveEvaluations);
  }
  const routes = plan.getRoutes();
  for (const pooled of planPool.get(instance.demands.length)!) pooled.release();
  orientRoutesForDeadlines(routes, context);
  return describeSolution(routes, context, optimiser);
}

/**
 * Route plans of past calls by stop count, two per count (the working plan and ruin and
 * recreate's best), reset for each call (the model runs on one thread, and a call keeps no plan).
 */
const planPool = new Map<number, RoutePlan[]>();

/** Pooled plan `slot` (0 or 1) for an instance of `demands.length - 1` stops, reset to it. */
function getPooledPlan(slot: number, distances: Float64Array, demands: Float64Array): RoutePlan {
  let plans = planPool.get(demands.length);
  if (!plans) {
    plans = [];
    planPool.set(demands.length, plans);
  }
  let plan = plans[slot];
  if (plan) plan.reset(distances, demands);
  else {
    plan = new RoutePlan(distances, demands);
    plans[slot] = plan;
  }
  return plan;
}

function construct(construction: string, context: RoutingContext): number[][] {
  switch (construction) {
    case 'nearest':
      return createNearestNeighbourRoutes(context);
    case 'sweep':
      return createSweepRoutes(context);
    case 'savings':
      return createSavingsRoutes(context);
    default:
      return createArrivalOrderRoutes(context);
  }
}

function describeSolution(
  routes: number[][],
  context: RoutingContext,
  optimiser: RoutingOptimiser,
): RoutingSolution {
  const { distances, nodeCount } = context;
  const demands = context.instance.demands;
  const loads = new Float64Array(routes.length);
  const lengths = new Float64Array(routes.length);
  const durationsS = new Float64Array(routes.length);
  let cost = 0;
  routes.forEach((route, index) => {
    let previous = 0;
    for (const stop of route) {
      lengths[index] += distances[previous * nodeCount + stop];
      loads[index] += demands[stop];
      previous = stop;
    }
    lengths[index] += distances[previous];
    durationsS[index] =
      lengths[index] * context.limits.secondsPerDistance + route.length * context.limits.serviceDurationS;
    cost += lengths[index];
  });
  return { routes, loads, lengths, durationsS, cost, optimiser };
}
