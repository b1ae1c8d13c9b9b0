import { InstancedMesh } from 'three';
import { describe, expect, test } from 'vitest';
import { explainJourney } from '../../src/sim/journey';
import { getRecipeParams, LATE_JOURNEY_RECIPE, ON_TIME_JOURNEY_RECIPE } from '../sim/journeyRecipes';
import type { ParcelStage } from '../../src/sim/kinds';
import { createSimulation, type ParcelTrace } from '../../src/sim/simulation';
import { DOOR_LOADING, DockYard } from '../../src/scene3d/dockYard';
import { type AreaName, createFcLayout } from '../../src/scene3d/fcLayout';
import { FcSceneDirector } from '../../src/scene3d/fcSceneDirector';
import { createFcSceneObjects } from '../../src/scene3d/fcSceneObjects';
import {
  FOLLOWED_STAGES,
  type FollowedStage,
  FollowedTote,
  getFollowedStage,
} from '../../src/scene3d/followedTote';
import { getAreaAt } from '../../src/scene3d/hoverText';
import type { OrderTrace } from '../../src/worker/protocol';

/** The area of the floor plan each stage inside the FC belongs to. */
const AREA_OF_STAGE: Record<FollowedStage, AreaName> = {
  awaitingPick: 'pick',
  awaitingPack: 'pack',
  awaitingSlam: 'slam',
  atFcDock: 'outbound',
};
const FC = 3;
/** Drawn queues: 30 bins over the 20 pick stations, 7 totes over the 12 pack stations. */
const QUEUES = { pickBinsShown: 30, packTotesShown: 7 };

/**
 * An order as a tick carries it, with only the fields the scene reads filled in (stage, origin FC,
 * parcel id): the rest of a trace and journey is the model's business, tested in tests/sim.
 */
function orderAt(stage: ParcelStage, originFacility = FC, parcelId = 41): OrderTrace {
  return {
    orderKey: 'order-1',
    placed: {
      parcelId,
      stationId: 0,
      originFc: originFacility,
      orderedS: 0,
      promise: 'nextDay',
      promiseDeadlineS: 0,
    },
    trace: { parcelId, stage, originFacility } as ParcelTrace,
    journey: {} as OrderTrace['journey'],
  };
}

/** A yard with trailers loading at `doors`. */
function yardLoadingAt(doors: number[]): DockYard {
  const yard = new DockYard(12);
  for (const door of doors) yard.state[door] = DOOR_LOADING;
  return yard;
}

describe('which tote is "Your order", and where', () => {
  const layout = createFcLayout();

  test('only a parcel inside the FC on screen is highlighted', () => {
    expect(getFollowedStage(null, FC)).toBeNull();
    for (const stage of FOLLOWED_STAGES) {
      expect(getFollowedStage(orderAt(stage), FC), stage).toBe(stage);
      expect(getFollowedStage(orderAt(stage, FC + 1), FC), `${stage} at another FC`).toBeNull();
    }
    for (const stage of ['free', 'lineHaulToSortCenter', 'awaitingStationSort', 'outForDelivery'] as const)
      expect(getFollowedStage(orderAt(stage), FC), stage).toBeNull();
  });

  test('for any parcel, each stage stands in its own area of the floor plan, inside the building', () => {
    const yard = yardLoadingAt([0, 6, 9]);
    const tote = new FollowedTote();
    for (let parcelId = 0; parcelId < 200; parcelId += 7) {
      for (const stage of FOLLOWED_STAGES) {
        tote.update(orderAt(stage, FC, parcelId), FC, layout, QUEUES, yard);
        const [x, y, z] = tote.position;
        const where = `parcel ${parcelId} at ${stage}: (${x.toFixed(1)}, ${y.toFixed(1)}, ${z.toFixed(1)})`;
        expect(getAreaAt(layout, z), where).toBe(AREA_OF_STAGE[stage]);
        expect(Math.abs(x), where).toBeLessThan(layout.widthM / 2);
        expect(Math.abs(z), where).toBeLessThan(layout.depthM / 2);
        expect(y, where).toBeGreaterThan(0);
        if (stage === 'atFcDock') expect([0, 6, 9], `${where}: a door with a trailer`).toContain(tote.slot);
      }
    }
  });

  test('the place holds still from tick to tick and moves with the stage', () => {
    const yard = yardLoadingAt([2, 5]);
    const tote = new FollowedTote();
    expect(tote.update(orderAt('awaitingPick'), FC, layout, QUEUES, yard)).toBe(true);
    const version = tote.version;
    expect(tote.update(orderAt('awaitingPick'), FC, layout, QUEUES, yard), 'same stage, next tick').toBe(
      false,
    );
    expect(tote.version).toBe(version);
    expect(tote.describe()).toBe(`in the queue at pick station ${(41 % layout.bands) + 1}`);

    tote.update(orderAt('atFcDock'), FC, layout, QUEUES, yard);
    const door = tote.slot;
    // More trailers back in: the parcel stays on the trailer it is being loaded into.
    yard.state[0] = DOOR_LOADING;
    yard.state[1] = DOOR_LOADING;
    expect(tote.update(orderAt('atFcDock'), FC, layout, QUEUES, yard)).toBe(false);
    expect(tote.slot).toBe(door);

    expect(tote.update(orderAt('lineHaulToSortCenter'), FC, layout, QUEUES, yard), 'left the FC').toBe(true);
    expect(tote.stage).toBeNull();
    expect(tote.describe()).toBe('');
  });

  test('waiting to be picked or packed, it is one of its station’s stack: the top bin or tote drawn there', () => {
    const director = new FcSceneDirector({ maxRobotInstances: 50 });
    const objects = createFcSceneObjects(director);
    const column = (value: number) => new Float32Array([value]);
    director.applyTick(
      {
        backlogParcels: column(50),
        throughputPerHour: column(30),
        robotsBusy: column(10),
        robotsTotal: column(50),
        pickQueue: column(45),
        packQueue: column(30),
        trailersAtDock: column(2),
        trailerFill: column(0.5),
        dockDoors: column(40),
        weatherSpeedFactor: column(1),
      },
      0,
      { scale: 0.01 },
    );
    for (const [stage, meshName] of [
      ['awaitingPick', 'orderBins'],
      ['awaitingPack', 'totes'],
    ] as const) {
      director.applyFollowedOrder(orderAt(stage, 0), 0);
      objects.writeFrame();
      const mesh = objects.root.children.find(
        (child): child is InstancedMesh => child instanceof InstancedMesh && child.name === meshName,
      );
      if (!mesh) throw new Error(`no ${meshName} mesh`);
      const [x, y, z] = director.followed.position;
      let sameSpot = 0;
      let above = 0;
      const m = mesh.instanceMatrix.array;
      for (let i = 0; i < mesh.count; i++) {
        const o = i * 16;
        const near = Math.abs(m[o + 12] - x) < 1.5 && Math.abs(m[o + 14] - z) < 0.01;
        if (near && m[o + 12] === x && m[o + 13] === y) sameSpot++;
        if (near && m[o + 13] > y + 0.01) above++;
      }
      expect(sameSpot, `${stage}: a ${meshName} instance where the highlight stands`).toBe(1);
      expect(above, `${stage}: ${meshName} stacked above the highlight`).toBe(0);
    }
    objects.dispose();
  });

  test('the highlight is one more draw call, drawn only while the parcel is in the FC', () => {
    const director = new FcSceneDirector({ maxRobotInstances: 50 });
    const objects = createFcSceneObjects(director);
    const mesh = objects.root.children.find(
      (child): child is InstancedMesh => child instanceof InstancedMesh && child.name === 'followedOrder',
    );
    if (!mesh) throw new Error('no followedOrder mesh in the scene');
    objects.writeFrame();
    expect(mesh.visible, 'no order followed').toBe(false);
    director.applyFollowedOrder(orderAt('awaitingPack'), FC);
    objects.writeFrame();
    expect(mesh.visible).toBe(true);
    expect(mesh.count, 'tote, beacon, diamond, floor patch').toBe(4);
    // The tote is drawn larger than the others at its place.
    const m = mesh.instanceMatrix.array;
    expect(m[0]).toBeGreaterThan(0.6);
    expect([m[12], m[14]]).toEqual([director.followed.position[0], director.followed.position[2]]);
    // It keeps the scene animating (the pulse) while playing, and stays still while paused.
    expect(director.advance(0.1, true), 'animating while playing').toBe(true);
    expect(director.advance(0.1, false), 'still while paused').toBe(false);
    director.applyFollowedOrder(orderAt('awaitingPack'), FC + 1);
    objects.writeFrame();
    expect(mesh.visible, 'the order is at another FC').toBe(false);
    expect(objects.meshCount, 'instanced meshes (draw calls at most)').toBeLessThanOrEqual(50);
    objects.dispose();
  });
});

describe('"Your order" follows a placed order through its FC (model run)', () => {
  test.each([
    ['late', LATE_JOURNEY_RECIPE, 'awaitingPick'],
    ['on time', ON_TIME_JOURNEY_RECIPE, null],
  ] as const)(
    '%s recipe: every stage seen at its FC shows in its area, then nothing once it leaves',
    (_name, recipe, firstStage) => {
      const sim = createSimulation(getRecipeParams(recipe), recipe.seed);
      sim.advanceTo(recipe.orderAtHour * 3600);
      const placed = sim.placeOrder(recipe.order, recipe.name);
      const layout = createFcLayout();
      const yard = yardLoadingAt([3, 8]);
      const tote = new FollowedTote();
      const seen: Array<string | null> = [];
      // Ticks every 10 sim minutes until the parcel is on its way (at most three days).
      for (let step = 1; step <= 3 * 144; step++) {
        sim.advanceTo(placed.orderedS + step * 600);
        sim.drainTrips();
        const trace = sim.traceParcel(placed.parcelId) as ParcelTrace;
        const order: OrderTrace = {
          orderKey: recipe.name,
          placed,
          trace,
          journey: explainJourney(trace, sim.params),
        };
        tote.update(order, placed.originFc, layout, QUEUES, yard);
        // Another FC on screen never shows it.
        expect(getFollowedStage(order, placed.originFc + 1)).toBeNull();
        if (seen.at(-1) !== tote.stage) seen.push(tote.stage);
        if (tote.stage === null) {
          expect(trace.stage, 'hidden only once it left the FC').not.toMatch(
            /^(awaiting(Pick|Pack|Slam)|atFcDock)$/,
          );
          break;
        }
        expect(getAreaAt(layout, tote.position[2]), `${trace.stage} at ${step * 10} min`).toBe(
          AREA_OF_STAGE[tote.stage],
        );
      }
      expect(seen.at(-1), `stages seen ${seen.join(' > ')}`).toBeNull();
      if (firstStage) expect(seen[0]).toBe(firstStage);
      // In journey order, never back.
      const order = seen.slice(0, -1).map((stage) => FOLLOWED_STAGES.indexOf(stage as FollowedStage));
      expect(order, `stages seen ${seen.join(' > ')}`).toEqual([...order].sort((a, b) => a - b));
    },
    120_000,
  );
});
