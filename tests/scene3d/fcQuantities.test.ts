import { describe, expect, test } from 'vitest';
import {
  createFcSceneQuantities,
  describeRobotRatio,
  getUnitsPerInstance,
  easeToward,
  MAX_BINS_PER_PICK_STATION,
  MAX_TOTES_PER_PACK_STATION,
  MAX_ROBOT_INSTANCES,
  type SceneCapacity,
  writeFcSceneQuantities,
} from '../../src/scene3d/fcQuantities';
import { createFacilityColumns } from './facilityColumns';

const CAPACITY: SceneCapacity = {
  maxRobotInstances: MAX_ROBOT_INSTANCES,
  movingCapacity: 1920,
  pickStations: 20,
  packStations: 12,
  outboundDoors: 12,
};

const PARAMS = { scale: 0.01 };

describe('robot instances follow the model’s drive units', () => {
  test.each([
    [0, 0, 1],
    [100, 100, 1],
    [3000, 3000, 1],
    [3100, 1550, 2],
    [6000, 3000, 2],
    [12_000, 3000, 4],
    [15_000, 3000, 5],
    [20_000, 2000, 10],
  ])('%i drive units: %i instances at 1:%i', (robotsTotal, instances, ratio) => {
    const q = writeFcSceneQuantities(
      createFcSceneQuantities(),
      createFacilityColumns({ robotsTotal }),
      1,
      CAPACITY,
      PARAMS,
    );
    expect(q.robotInstances).toBe(instances);
    expect(q.robotsPerInstance).toBe(ratio);
    expect(q.robotInstances * q.robotsPerInstance).toBeCloseTo(robotsTotal, -1);
  });

  test('the moving share of instances equals the model’s busy share, within one instance', () => {
    for (const [total, busy] of [
      [3000, 0],
      [3000, 1],
      [3000, 750],
      [3000, 1800],
      [8000, 2000],
      [20_000, 6000],
    ]) {
      const q = writeFcSceneQuantities(
        createFcSceneQuantities(),
        createFacilityColumns({ robotsTotal: total, robotsBusy: busy }),
        1,
        CAPACITY,
        PARAMS,
      );
      if (busy === 0) expect(q.movingRobotInstances).toBe(0);
      else
        expect(Math.abs(q.movingRobotInstances / q.robotInstances - busy / total)).toBeLessThan(
          1 / q.robotInstances + 1e-9,
        );
    }
  });

  test('moving instances stop at what the loops can carry', () => {
    const q = writeFcSceneQuantities(
      createFcSceneQuantities(),
      createFacilityColumns({ robotsTotal: 3000, robotsBusy: 3000 }),
      1,
      CAPACITY,
      PARAMS,
    );
    expect(q.movingRobotInstances).toBe(CAPACITY.movingCapacity);
  });

  test('the ratio is said in words only when it is not 1:1', () => {
    expect(describeRobotRatio(1)).toBeNull();
    expect(describeRobotRatio(4)).toBe('1 robot shown = 4 drive units');
  });

  test('ratios are round numbers and never show more than the cap', () => {
    for (let count = 1; count < 100_000; count = Math.ceil(count * 1.37)) {
      const ratio = getUnitsPerInstance(count, 500);
      expect(Math.round(count / ratio)).toBeLessThanOrEqual(500);
    }
  });
});

describe('queues and docks', () => {
  test('figures are the model’s own; bins grow with the pick queue, one per parcel, up to the racks', () => {
    let previous = -1;
    for (const pickQueue of [0, 1, 15, 120, 240, 2000, 50_000]) {
      const q = writeFcSceneQuantities(
        createFcSceneQuantities(),
        createFacilityColumns({ pickQueue, packQueue: pickQueue / 2 }),
        1,
        CAPACITY,
        PARAMS,
      );
      expect(q.pickQueueParcels).toBe(pickQueue);
      expect(q.packQueueParcels).toBe(pickQueue / 2);
      expect(q.pickBinsShown).toBe(Math.min(pickQueue, MAX_BINS_PER_PICK_STATION * CAPACITY.pickStations));
      expect(q.pickBinsShown).toBeGreaterThanOrEqual(previous);
      expect(q.packTotesShown).toBeLessThanOrEqual(MAX_TOTES_PER_PACK_STATION * CAPACITY.packStations);
      previous = q.pickBinsShown;
    }
  });

  test('totes and parcels in motion follow the real hourly rate', () => {
    const slow = writeFcSceneQuantities(
      createFcSceneQuantities(),
      createFacilityColumns({ throughputPerHour: 10 }),
      1,
      CAPACITY,
      PARAMS,
    );
    const fast = writeFcSceneQuantities(
      createFcSceneQuantities(),
      createFacilityColumns({ throughputPerHour: 40 }),
      1,
      CAPACITY,
      PARAMS,
    );
    expect(slow.totesMoving).toBe(25);
    expect(fast.totesMoving).toBe(100);
    expect(fast.parcelsMoving).toBeGreaterThan(slow.parcelsMoving);
  });

  test('eased quantities approach the model’s and never overshoot', () => {
    let value = 0;
    for (let i = 0; i < 100; i++) {
      value = easeToward(value, 1500, 0.1, 1.5);
      expect(value).toBeLessThanOrEqual(1500);
    }
    expect(value).toBeGreaterThan(1490);
  });

  test('trailers shown stop at the doors drawn and fill stays within 0-1', () => {
    const q = writeFcSceneQuantities(
      createFcSceneQuantities(),
      createFacilityColumns({ trailersAtDock: 40, trailerFill: 1.3 }),
      1,
      CAPACITY,
      PARAMS,
    );
    expect(q.trailersAtDock).toBe(40);
    expect(q.trailersShown).toBe(12);
    expect(q.trailerFill).toBe(1);
  });
});

describe('the area figures', () => {
  test('SLAM & sort counts what is packed and not yet on a trailer, not the pick and pack queues again', () => {
    const q = writeFcSceneQuantities(
      createFcSceneQuantities(),
      createFacilityColumns({ backlogParcels: 2_550, pickQueue: 2_465, packQueue: 5 }),
      1,
      CAPACITY,
      PARAMS,
    );
    expect(q.packedParcels).toBe(80);
    expect(q.pickQueueParcels + q.packQueueParcels + q.packedParcels).toBe(q.backlogParcels);
  });
});
