import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDistanceMatrix } from '../../../src/sim/routing/distanceMatrix';
import { createNeighbourLists } from '../../../src/sim/routing/neighbourLists';
import { createRandomInstance } from './randomRoutingInstance';

describe('neighbour lists', () => {
  // Lists of few of many stops and of most of them both give the k nearest, ties on the lower
  // index (rounded distances tie often).
  for (const [width, rounding] of [
    [10, 'none'],
    [40, 'none'],
    [10, 'nearest'],
    [40, 'nearest'],
  ] as const) {
    it(`list the k nearest other stops, nearest first, never the depot or the stop itself (k ${width}, ${rounding} distances)`, () => {
      const instance = createRandomInstance(4, 60);
      const nodeCount = 61;
      const distances = createDistanceMatrix(instance.positions, rounding);
      const { k, nearest } = createNeighbourLists(distances, nodeCount, width);
      expect(k).toBe(width);
      for (let stop = 1; stop < nodeCount; stop++) {
        const expected = Array.from({ length: nodeCount - 1 }, (_, index) => index + 1)
          .filter((other) => other !== stop)
          .sort((a, b) => distances[stop * nodeCount + a] - distances[stop * nodeCount + b] || a - b)
          .slice(0, width);
        expect(Array.from(nearest.subarray(stop * k, stop * k + k)), `stop ${stop}`).toEqual(expected);
      }
    });
  }

  it('break distance ties on the lower stop index', () => {
    // Four stops at the same point: each lists the others in index order.
    const positions = new Float64Array([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const { k, nearest } = createNeighbourLists(createDistanceMatrix(positions), 5, 3);
    expect(Array.from(nearest.subarray(3 * k, 4 * k))).toEqual([1, 2, 4]);
  });

  it('list every order of distances exactly: one value, a few, far outliers and infinite ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 1, 1 + 2 ** -40, 2, 3, 1e9, Number.POSITIVE_INFINITY), {
          minLength: 16,
          maxLength: 16,
        }),
        fc.integer({ min: 1, max: 5 }),
        (values, width) => {
          // A symmetric matrix over 5 stops (the 10 distances between them from the draw).
          const nodeCount = 6;
          const distances = new Float64Array(nodeCount * nodeCount);
          let next = 0;
          for (let a = 1; a < nodeCount; a++)
            for (let b = a + 1; b < nodeCount; b++) {
              distances[a * nodeCount + b] = values[next];
              distances[b * nodeCount + a] = values[next++];
            }
          const { k, nearest } = createNeighbourLists(distances, nodeCount, width);
          for (let stop = 1; stop < nodeCount; stop++) {
            const row = stop * nodeCount;
            const expected = [1, 2, 3, 4, 5]
              .filter((other) => other !== stop)
              .sort((a, b) =>
                distances[row + a] === distances[row + b]
                  ? a - b
                  : distances[row + a] < distances[row + b]
                    ? -1
                    : 1,
              )
              .slice(0, k);
            expect(Array.from(nearest.subarray(stop * k, stop * k + k)), `stop ${stop}`).toEqual(expected);
          }
        },
      ),
      { numRuns: 500, seed: 15 },
    );
  });

  it('round distances to the nearest integer in the CVRPLIB convention', () => {
    const distances = createDistanceMatrix(new Float64Array([0, 0, 1, 1, 3, 4]), 'nearest');
    expect(Array.from(distances)).toEqual([0, 1, 5, 1, 0, 4, 5, 4, 0]);
  });
});
