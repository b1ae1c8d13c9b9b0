/**
 * The 3D FC draws the model's outbound dock doors (src/sim/dockDoors.ts): as many as the FC on
 * screen has, spaced as real doors are along a south wall that grows to hold them, each with its
 * chute from the sorter; trailers fill that many doors; the robot floor stays where it is.
 */
import { describe, expect, it } from 'vitest';
import { getFacilityDockDoors } from '../../src/sim/dockDoors';
import { buildNetwork } from '../../src/sim/network';
import { getCameraPresets } from '../../src/scene3d/cameraPresets';
import { createFixtures } from '../../src/scene3d/fcFixtures';
import { createFcLayout, MAX_DRAWN_OUTBOUND_DOORS, OUTBOUND_DOOR_PITCH_M } from '../../src/scene3d/fcLayout';
import { FcSceneDirector } from '../../src/scene3d/fcSceneDirector';
import { createFacilityColumns } from './facilityColumns';
import { smallParams } from '../sim/simHelpers';

describe("the 3D FC's outbound doors", () => {
  it("draws each FC's doors in the model, spaced as dock doors are, on the building's south wall", () => {
    const model = buildNetwork(smallParams());
    const counts = Array.from(model.fulfillmentCenterIds, (id) => getFacilityDockDoors(model, id));
    // The network's FCs differ in size, and so in doors: the view must not draw one fixed count.
    expect(new Set(counts).size).toBeGreaterThan(3);
    for (const doors of counts) {
      const director = new FcSceneDirector({ outboundDoors: doors });
      const { layout } = director;
      expect(layout.outboundDoorX.length, `${doors} doors`).toBe(doors);
      expect(director.yard.doors).toBe(doors);
      const sorter = layout.parcelPath;
      const sorterWestX = sorter[sorter.length - 2];
      const sorterEastX = sorter[sorter.length - 4];
      for (let d = 0; d < doors; d++) {
        const x = layout.outboundDoorX[d];
        const where = `door ${d} of ${doors} at x ${x.toFixed(1)} m`;
        if (d > 0)
          expect(x - layout.outboundDoorX[d - 1], where).toBeGreaterThanOrEqual(OUTBOUND_DOOR_PITCH_M - 1e-3);
        // A 3.2 m door inside the wall, its chute on the sorter's south run.
        expect(Math.abs(x) + 1.6, where).toBeLessThanOrEqual(layout.widthM / 2);
        expect(x >= sorterWestX && x <= sorterEastX, where).toBe(true);
      }
      const fixtures = createFixtures(layout);
      expect(fixtures.find((group) => group.name === 'chutes')?.count).toBe(doors);
      expect(fixtures.find((group) => group.name === 'doors')?.count).toBe(
        doors + layout.inboundDoorX.length,
      );
    }
  });

  it('backs as many trailers in as the model has at its dock, past the twelve doors it used to draw', () => {
    const director = new FcSceneDirector({ outboundDoors: 40 });
    director.applyTick(createFacilityColumns({ trailersAtDock: 30, trailerFill: 0.5, dockDoors: 40 }), 0, {
      scale: 0.01,
    });
    expect(director.quantities.trailersShown).toBe(30);
  });

  it('keeps the robot floor and the pick and pack lines in place whatever the doors', () => {
    const few = createFcLayout({ outboundDoors: 25 });
    const many = createFcLayout({ outboundDoors: 78 });
    expect(many.widthM).toBeGreaterThan(few.widthM);
    expect(many.gridOriginX).toBe(few.gridOriginX);
    expect(Array.from(many.packStationX)).toEqual(Array.from(few.packStationX));
    expect(Array.from(many.totePath)).toEqual(Array.from(few.totePath));
    // In a narrow pane the overview backs off to show the longer building whole.
    const overviewHeight = (layout: typeof few) => getCameraPresets(layout, 1.2).overview.position[1];
    expect(overviewHeight(many)).toBeGreaterThan(overviewHeight(few) * (many.widthM / few.widthM) * 0.99);
  });

  it('draws at most MAX_DRAWN_OUTBOUND_DOORS of an FC edited to 400, and knows the model has 400', () => {
    const director = new FcSceneDirector({ outboundDoors: 400 });
    expect(director.layout.outboundDoorX.length).toBe(MAX_DRAWN_OUTBOUND_DOORS);
    expect(director.outboundDoors).toBe(400);
  });
});
