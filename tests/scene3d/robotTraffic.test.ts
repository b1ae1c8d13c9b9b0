import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createFcLayout } from '../../src/scene3d/fcLayout';
import { MIN_FREE_CELLS_PER_LOOP, RobotTraffic } from '../../src/scene3d/robotTraffic';

const layout = createFcLayout();

/** The first cell two robots share, or null. */
function findSharedCell(traffic: RobotTraffic): { cell: number; robots: [number, number] } | null {
  const holder = new Map<number, number>();
  for (let r = 0; r < traffic.robots; r++) {
    const other = holder.get(traffic.cell[r]);
    if (other !== undefined) return { cell: traffic.cell[r], robots: [other, r] };
    holder.set(traffic.cell[r], r);
  }
  return null;
}

function gridDistance(a: number, b: number): number {
  const columns = layout.columns;
  return (
    Math.abs((a % columns) - (b % columns)) + Math.abs(Math.floor(a / columns) - Math.floor(b / columns))
  );
}

describe('drive units on the robot floor', () => {
  test('no two robots ever hold one cell, move more than one cell a step, or swap cells', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (robots, busyShare, dwellSteps) => {
          const traffic = new RobotTraffic(layout, 3000, { dwellSteps });
          traffic.setCounts(robots, robots * busyShare);
          for (let step = 0; step < 150; step++) {
            traffic.step();
            const shared = findSharedCell(traffic);
            if (shared) {
              throw new Error(
                `step ${step}: robots ${shared.robots.join(' and ')} both in cell ${shared.cell}`,
              );
            }
            const where = new Map<number, number>();
            for (let r = 0; r < traffic.robots; r++) where.set(traffic.cell[r], r);
            for (let r = 0; r < traffic.robots; r++) {
              const moved = gridDistance(traffic.previousCell[r], traffic.cell[r]);
              if (moved > 1) throw new Error(`step ${step}: robot ${r} jumped ${moved} cells`);
              // A swap: robot s now stands where r was, and r where s was.
              const s = where.get(traffic.previousCell[r]);
              if (s !== undefined && s !== r && traffic.previousCell[s] === traffic.cell[r]) {
                throw new Error(`step ${step}: robots ${r} and ${s} passed through each other`);
              }
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  test('robots keep moving: over a loop length of steps, every moving robot advances', () => {
    const traffic = new RobotTraffic(layout, 3000);
    traffic.setCounts(3000, 1500);
    const start = Int32Array.from(traffic.cell);
    for (let step = 0; step < traffic.loopLength; step++) traffic.step();
    let stuck = 0;
    for (let r = 0; r < traffic.moving; r++) if (traffic.cell[r] === start[r]) stuck++;
    expect(stuck, 'moving robots back in their start cell after one loop length of steps').toBeLessThan(
      traffic.moving * 0.05,
    );
    for (let r = traffic.moving; r < traffic.robots; r++) expect(traffic.cell[r]).toBe(start[r]);
  });

  test('queues form behind the pick point when the loop is dense', () => {
    const traffic = new RobotTraffic(layout, 3000, { dwellSteps: 2 });
    traffic.setCounts(2000, 2000);
    for (let step = 0; step < 300; step++) traffic.step();
    // The cell just before each pick point is held in most bands.
    let waiting = 0;
    for (let r = 0; r < traffic.moving; r++)
      if (traffic.robotPosition[r] === traffic.pickPosition - 1) waiting++;
    expect(waiting).toBeGreaterThan(layout.bands / 2);
  });

  test('moving robots never exceed the loops’ capacity, and changes keep robots distinct', () => {
    const traffic = new RobotTraffic(layout, 3000);
    traffic.setCounts(3000, 3000);
    expect(traffic.moving).toBe(layout.bands * (traffic.loopLength - MIN_FREE_CELLS_PER_LOOP));
    for (const [robots, moving] of [
      [1200, 300],
      [2500, 2000],
      [10, 10],
      [0, 0],
      [3000, 1000],
    ]) {
      traffic.setCounts(robots, moving);
      for (let step = 0; step < 20; step++) traffic.step();
      expect(traffic.robots).toBe(robots);
      expect(traffic.moving).toBe(Math.min(moving, traffic.movingCapacity));
      expect(findSharedCell(traffic)).toBeNull();
    }
  });

  test('robots carry pods toward the station and not on the north cross aisle', () => {
    const traffic = new RobotTraffic(layout, 100);
    expect(traffic.loopCarries[0]).toBe(1);
    expect(traffic.loopCarries[traffic.loopLength - 1]).toBe(0);
    expect(traffic.loopCells[traffic.pickPosition]).toBe(layout.pickPointCells[0]);
  });

  test('asking for more robots than parking cells is refused with the figures', () => {
    expect(() => new RobotTraffic(layout, layout.storageCells.length + 1)).toThrow(
      /exceeds the 3680 storage cells/,
    );
  });
});
