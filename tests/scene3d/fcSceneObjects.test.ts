import { InstancedMesh } from 'three';
import { describe, expect, test } from 'vitest';
import { createFcLayout, getPathLength, writePointAlongPath } from '../../src/scene3d/fcLayout';
import { FcSceneDirector } from '../../src/scene3d/fcSceneDirector';
import { createFcSceneObjects } from '../../src/scene3d/fcSceneObjects';
import { describeHover, getAreaAt } from '../../src/scene3d/hoverText';
import { RobotTraffic } from '../../src/scene3d/robotTraffic';
import type { FacilityStateColumns } from '../../src/worker/protocol';
import { createFacilityColumns } from './facilityColumns';

function columnsFor(robotsTotal: number, robotsBusy: number): FacilityStateColumns {
  return createFacilityColumns({
    backlogParcels: 50,
    throughputPerHour: 30,
    robotsBusy,
    robotsTotal,
    pickQueue: 40,
    packQueue: 12,
    trailersAtDock: 5,
    trailerFill: 0.5,
    dockDoors: 40,
    weatherSpeedFactor: 1,
  });
}

function meshes(root: { traverse(callback: (object: unknown) => void): void }): InstancedMesh[] {
  const found: InstancedMesh[] = [];
  root.traverse((object) => {
    if (object instanceof InstancedMesh) found.push(object);
  });
  return found;
}

describe('floor plan', () => {
  test('robot loops and pod storage share no cell; each pick point lies on its band’s loop', () => {
    const layout = createFcLayout();
    const traffic = new RobotTraffic(layout, 10);
    const storage = new Set(layout.storageCells);
    for (const cell of traffic.loopCells)
      expect(storage.has(cell), `loop cell ${cell} is a storage cell`).toBe(false);
    expect(new Set(traffic.loopCells).size, 'loop cells are distinct').toBe(traffic.loopCells.length);
    for (let band = 0; band < layout.bands; band++) {
      expect(traffic.loopCells[band * traffic.loopLength + traffic.pickPosition]).toBe(
        layout.pickPointCells[band],
      );
    }
  });

  test('points along a path start and end at its ends', () => {
    const path = new Float32Array([0, 0, 10, 0, 10, 5]);
    const out = new Float32Array(2);
    expect(getPathLength(path)).toBe(15);
    writePointAlongPath(out, path, 12);
    expect([...out]).toEqual([10, 2]);
    writePointAlongPath(out, path, 99);
    expect([...out]).toEqual([10, 5]);
  });
});

describe('scene objects', () => {
  test('after a tick and a frame, robot instances drawn equal the robots shown, within 50 draw calls', () => {
    const director = new FcSceneDirector();
    const objects = createFcSceneObjects(director);
    director.applyTick(columnsFor(6000, 3000), 0, { scale: 0.01 });
    for (let i = 0; i < 120; i++) {
      director.advance(1 / 60, true);
      objects.writeFrame();
    }
    expect(objects.robots.count).toBe(3000);
    expect(director.quantities.robotsPerInstance).toBe(2);
    const all = meshes(objects.root);
    const drawn = all.filter((mesh) => mesh.count > 0);
    expect(drawn.length).toBeLessThanOrEqual(50);
    for (const mesh of all) expect(mesh.count, mesh.name).toBeLessThanOrEqual(mesh.instanceMatrix.count);
    // Carried pods sit on robots that carry one: as many as the traffic says.
    const carried = all.find((mesh) => mesh.name === 'carriedPods');
    let carrying = 0;
    for (let r = 0; r < director.traffic.robots; r++) if (director.traffic.isCarrying(r)) carrying++;
    expect(carried?.count).toBe(carrying);
    objects.dispose();
  });

  test('paused playback freezes the robots', () => {
    const director = new FcSceneDirector();
    director.applyTick(columnsFor(3000, 1500), 0, { scale: 0.01 });
    const before = Int32Array.from(director.traffic.cell);
    for (let i = 0; i < 60; i++) director.advance(1 / 60, false);
    expect(Array.from(director.traffic.cell)).toEqual(Array.from(before));
    for (let i = 0; i < 60; i++) director.advance(1 / 60, true);
    expect(Array.from(director.traffic.cell)).not.toEqual(Array.from(before));
  });
});

describe('hover', () => {
  test('the floor names its area north to south, and robots say what they are doing', () => {
    const director = new FcSceneDirector();
    const layout = director.layout;
    expect(getAreaAt(layout, -layout.depthM / 2 + 2)).toBe('inbound');
    expect(getAreaAt(layout, layout.gridOriginZ - 10)).toBe('robotFloor');
    expect(getAreaAt(layout, layout.pickStationZ)).toBe('pick');
    expect(getAreaAt(layout, layout.packStationZ)).toBe('pack');
    expect(getAreaAt(layout, layout.slamZ)).toBe('slam');
    expect(getAreaAt(layout, layout.depthM / 2 - 1)).toBe('outbound');
    director.applyTick(columnsFor(6000, 3000), 0, { scale: 0.01 });
    expect(describeHover(director, 'robot', 0)).toMatch(/^Drive unit \(stands for 2 drive units\): /);
    expect(describeHover(director, 'robot', 2999)).toMatch(/idle, parked under a pod/);
    expect(describeHover(director, 'robot', 3000)).toBeNull();
  });
});
