import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANCHOR_STRIDE,
  ARTERIAL_SPACING_KM,
  ARTERIAL_U,
  ARTERIAL_V,
  createStreetGrid,
  getAnchoredPathKm,
  getAnchoredTravelS,
  getGridLinePosition,
  getStreetTravelS,
  LOCAL_BLOCK_KM,
  LOCAL_SPEED_KMH,
  LOCAL_U,
  LOCAL_V,
  MAX_PATH_VERTICES,
  STREET_SPEED_KMH,
  writeAnchoredStreetPath,
  writeStreetAnchors,
  writeStreetPath,
} from '../../../src/sim/lastMile/streetGrid';

const coordinate = fc.double({ min: -40, max: 40, noNaN: true });

describe('street grid', () => {
  it('anchors each address to the nearest line of each family, checking two lines where three were', () => {
    /** The nearest of lines k0 - 1, k0, k0 + 1 (k0 = c / spacing rounded), ties to k0 then k0 - 1. */
    const nearestOfThree = (
      grid: ReturnType<typeof createStreetGrid>,
      family: number,
      c: number,
      spacing: number,
    ) => {
      const k0 = Math.round(c / spacing);
      let best = getGridLinePosition(grid, family, k0, spacing);
      for (const k of [k0 - 1, k0 + 1]) {
        const p = getGridLinePosition(grid, family, k, spacing);
        if (Math.abs(p - c) < Math.abs(best - c)) best = p;
      }
      return best;
    };
    fc.assert(
      fc.property(fc.nat(2000), coordinate, coordinate, (station, x, y) => {
        const grid = createStreetGrid(station);
        const anchors = new Float64Array(ANCHOR_STRIDE);
        writeStreetAnchors(anchors, grid, [x, y], 1);
        const [u, v] = [anchors[2], anchors[3]];
        expect(Array.from(anchors.subarray(4))).toEqual([
          nearestOfThree(grid, LOCAL_V, v, LOCAL_BLOCK_KM),
          nearestOfThree(grid, ARTERIAL_U, u, ARTERIAL_SPACING_KM),
          nearestOfThree(grid, ARTERIAL_V, v, ARTERIAL_SPACING_KM),
          nearestOfThree(grid, LOCAL_U, u, LOCAL_BLOCK_KM),
        ]);
      }),
      { numRuns: 20_000 },
    );
  });

  it('drives from door to door along streets: ends exact, every segment along the turned grid', () => {
    fc.assert(
      fc.property(fc.nat(2000), coordinate, coordinate, coordinate, coordinate, (station, ax, ay, bx, by) => {
        const grid = createStreetGrid(station);
        const xy = new Float64Array(MAX_PATH_VERTICES * 2);
        const cls = new Uint8Array(MAX_PATH_VERTICES);
        const n = writeStreetPath(xy, cls, 0, grid, ax, ay, bx, by);
        expect(n).toBeGreaterThanOrEqual(1);
        expect(xy[0]).toBeCloseTo(ax, 9);
        expect(xy[1]).toBeCloseTo(ay, 9);
        expect(xy[2 * n - 2]).toBeCloseTo(bx, 9);
        expect(xy[2 * n - 1]).toBeCloseTo(by, 9);
        for (let i = 1; i < n; i++) {
          const du = (xy[2 * i] - xy[2 * i - 2]) * grid.cos + (xy[2 * i + 1] - xy[2 * i - 1]) * grid.sin;
          const dv = -(xy[2 * i] - xy[2 * i - 2]) * grid.sin + (xy[2 * i + 1] - xy[2 * i - 1]) * grid.cos;
          // Axis-aligned in the grid's own frame: one of the two moves is (numerically) zero.
          expect(Math.min(Math.abs(du), Math.abs(dv)), `segment ${i} of station ${station}`).toBeLessThan(
            1e-9,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes as long from A to B as from B to A, and its time and km are those of the path drawn', () => {
    fc.assert(
      fc.property(fc.nat(2000), coordinate, coordinate, coordinate, coordinate, (station, ax, ay, bx, by) => {
        const grid = createStreetGrid(station);
        const there = getStreetTravelS(grid, ax, ay, bx, by);
        const back = getStreetTravelS(grid, bx, by, ax, ay);
        expect(back).toBe(there);
        const anchors = new Float64Array(2 * ANCHOR_STRIDE);
        writeStreetAnchors(anchors, grid, [ax, ay, bx, by], 2);
        expect(getAnchoredTravelS(anchors, 0, 1)).toBe(there);
        expect(getAnchoredTravelS(anchors, 1, 0)).toBe(there);
        // The path the map draws, segment by segment at its streets' speeds.
        const pathXy = new Float64Array(MAX_PATH_VERTICES * 2);
        const pathClass = new Uint8Array(MAX_PATH_VERTICES);
        const n = writeStreetPath(pathXy, pathClass, 0, grid, ax, ay, bx, by);
        let pathKm = 0;
        let pathS = 0;
        for (let i = 1; i < n; i++) {
          const km = Math.hypot(pathXy[2 * i] - pathXy[2 * i - 2], pathXy[2 * i + 1] - pathXy[2 * i - 1]);
          pathKm += km;
          pathS += (km / STREET_SPEED_KMH[pathClass[i - 1]]) * 3600;
        }
        expect(there).toBeCloseTo(pathS, 6);
        expect(getAnchoredPathKm(anchors, 0, 1)).toBeCloseTo(pathKm, 9);
        // Never shorter than the straight line at arterial speed.
        expect(there).toBeGreaterThanOrEqual((Math.hypot(bx - ax, by - ay) / 48) * 3600 - 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('drives between two doors on one street along it: their driveways and the run between, no corner beyond them', () => {
    // At full scale a van's next door is often a neighbour on the same street; the path went on to
    // the cross street nearest the second door and back whenever that corner lay beyond both.
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.integer({ min: -60, max: 60 }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -0.8, max: 0.8, noNaN: true }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        (station, line, u, alongKm, offA, offB) => {
          const grid = createStreetGrid(station);
          // Lines of a family lie at least half a block apart (jitter: a quarter each way), so
          // both doors, within 20 m of line `line`, take it as their street.
          const streetV = getGridLinePosition(grid, LOCAL_V, line, LOCAL_BLOCK_KM);
          const toXy = (du: number, dv: number) => [
            du * grid.cos - dv * grid.sin,
            du * grid.sin + dv * grid.cos,
          ];
          const [ax, ay] = toXy(u, streetV + offA);
          const [bx, by] = toXy(u + alongKm, streetV + offB);
          const runKm = Math.abs(offA) + Math.abs(alongKm) + Math.abs(offB);
          expect(getStreetTravelS(grid, ax, ay, bx, by)).toBeCloseTo((runKm / LOCAL_SPEED_KMH) * 3600, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('draws and times a path between anchored addresses as between their coordinates, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        (station, points, from, to) => {
          const grid = createStreetGrid(station);
          // The station itself is an address too (the wave's anchors end with it).
          const xy = [...points.flat(), 0, 0];
          const count = xy.length / 2;
          const anchors = new Float64Array(count * ANCHOR_STRIDE);
          writeStreetAnchors(anchors, grid, xy, count);
          const a = from % count;
          const b = to % count;
          const expectedXy = new Float64Array(MAX_PATH_VERTICES * 2);
          const expectedClass = new Uint8Array(MAX_PATH_VERTICES);
          const n = writeStreetPath(
            expectedXy,
            expectedClass,
            0,
            grid,
            xy[2 * a],
            xy[2 * a + 1],
            xy[2 * b],
            xy[2 * b + 1],
          );
          const actualXy = new Float64Array(MAX_PATH_VERTICES * 2 + 2);
          const actualClass = new Uint8Array(MAX_PATH_VERTICES + 1);
          expect(writeAnchoredStreetPath(actualXy, actualClass, 1, grid, anchors, a, b)).toBe(n);
          expect(Array.from(actualXy.subarray(2, 2 + 2 * n))).toEqual(
            Array.from(expectedXy.subarray(0, 2 * n)),
          );
          expect(Array.from(actualClass.subarray(1, n))).toEqual(
            Array.from(expectedClass.subarray(0, n - 1)),
          );
          expect(getAnchoredTravelS(anchors, a, b)).toBe(
            getStreetTravelS(grid, xy[2 * a], xy[2 * a + 1], xy[2 * b], xy[2 * b + 1]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
