import { describe, expect, it } from 'vitest';
import { createDistanceMatrix } from '../../../src/sim/routing/distanceMatrix';
import { createNeighbourLists } from '../../../src/sim/routing/neighbourLists';
import { createRandomInstance } from './randomRoutingInstance';

describe('neighbour lists', () => {
  it('list the k nearest other stops, nearest first, never the depot or the stop itself', () => {
    const instance = createRandomInstance(4, 60);
    const nodeCount = 61;
    const distances = createDistanceMatrix(instance.positions);
    const { k, nearest } = createNeighbourLists(distances, nodeCount, 10);
    expect(k).toBe(10);
    for (let stop = 1; stop < nodeCount; stop++) {
      const expected = Array.from({ length: nodeCount - 1 }, (_, index) => index + 1)
        .filter((other) => other !== stop)
        .sort((a, b) => distances[stop * nodeCount + a] - distances[stop * nodeCount + b] || a - b)
        .slice(0, 10);
      expect(Array.from(nearest.subarray(stop * k, stop * k + k)), `stop ${stop}`).toEqual(expected);
    }
  });

  it('break distance ties on the lower stop index', () => {
    // Four stops at the same point: each lists the others in index order.
    const positions = new Float64Array([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const { k, nearest } = createNeighbourLists(createDistanceMatrix(positions), 5, 3);
    expect(Array.from(nearest.subarray(3 * k, 4 * k))).toEqual([1, 2, 4]);
  });

  it('round distances to the nearest integer in the CVRPLIB convention', () => {
    const distances = createDistanceMatrix(new Float64Array([0, 0, 1, 1, 3, 4]), 'nearest');
    expect(Array.from(distances)).toEqual([0, 1, 5, 1, 0, 4, 5, 4, 0]);
  });
});
