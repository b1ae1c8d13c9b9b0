import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkRoutes,
  formatCvrplibSolution,
  parseCvrplibInstance,
  parseCvrplibSolution,
  solveRoutes,
} from '../../../src/sim/routing';

const SMALL_INSTANCE = `NAME : tiny
TYPE : CVRP
DIMENSION : 4
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 3 4
3 6 8
4 -3 -4
DEMAND_SECTION
1 0
2 4
3 5
4 7
DEPOT_SECTION
1
-1
EOF
`;

/** The shared CVRPLIB set, outside the repository (never copied into it). */
const SHARED_CVRP = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/cvrp');

function withLine(lineNumber: number, replacement: string): string {
  const lines = SMALL_INSTANCE.split('\n');
  lines[lineNumber - 1] = replacement;
  return lines.join('\n');
}

describe('CVRPLIB instances', () => {
  it('reads depot, customers, demands and capacity, depot first', () => {
    const { name, instance } = parseCvrplibInstance(SMALL_INSTANCE);
    expect(name).toBe('tiny');
    expect(instance.capacity).toBe(10);
    expect(Array.from(instance.positions)).toEqual([0, 0, 3, 4, 6, 8, -3, -4]);
    expect(Array.from(instance.demands)).toEqual([0, 4, 5, 7]);
    expect(instance.distanceRounding).toBe('nearest');
  });

  it.each([
    [5, 'CAPACITY : ten', /^line 5: CAPACITY 'ten' is not a number/],
    [4, 'EDGE_WEIGHT_TYPE : GEO', /^line 4: EDGE_WEIGHT_TYPE GEO is not supported/],
    [9, '3 6', /^line 9: expected 'id x y' in NODE_COORD_SECTION, got '3 6'/],
    [10, '9 1 1', /^line 10: node id 9 is outside 1\.\.4/],
    [10, '3 1 1', /^line 10: node 3 has a second coordinate line/],
    [14, '3 -5', /^line 14: demand -5 of node 3 is negative/],
    [15, '4 x', /^line 15: demand 'x' is not a number/],
    [2, 'TYPE : TSP', /^line 2: TYPE TSP is not supported/],
    [17, '1 2', /^line 17: expected one node id per line in DEPOT_SECTION/],
  ])('names line %i when it is wrong', (lineNumber, replacement, message) => {
    expect(() => parseCvrplibInstance(withLine(lineNumber, replacement))).toThrow(message);
  });

  it('names the end of the file for what is missing', () => {
    const withoutDemand = SMALL_INSTANCE.replace('4 7\n', '');
    expect(() => parseCvrplibInstance(withoutDemand)).toThrow(
      /^line 18: node 4 has no line in DEMAND_SECTION/,
    );
    expect(() => parseCvrplibInstance(SMALL_INSTANCE.replace('CAPACITY : 10\n', ''))).toThrow(
      /CAPACITY is missing/,
    );
  });

  it('computes costs with rounded Euclidean distances, as the best-known costs do', () => {
    const { instance } = parseCvrplibInstance(SMALL_INSTANCE);
    // Route 0-1-2-0 is 5 + 5 + 10, route 0-3-0 is 5 + 5.
    expect(checkRoutes(instance, [[1, 2], [3]]).cost).toBe(30);
  });

  it.runIf(existsSync(SHARED_CVRP))('recomputes the best-known cost of X-n101-k25 from its .sol', () => {
    const { instance } = parseCvrplibInstance(readFileSync(join(SHARED_CVRP, 'X-n101-k25.vrp'), 'utf8'));
    const best = parseCvrplibSolution(readFileSync(join(SHARED_CVRP, 'X-n101-k25.sol'), 'utf8'), 100);
    const check = checkRoutes(instance, best.routes);
    expect(check.problems).toEqual([]);
    expect(check.cost).toBe(best.cost);
  });
});

describe('CVRPLIB solutions', () => {
  it('round-trips routes and cost through the .sol format', () => {
    const { instance } = parseCvrplibInstance(SMALL_INSTANCE);
    const solution = solveRoutes(instance);
    const text = formatCvrplibSolution(solution.routes, solution.cost);
    expect(text).toMatch(/^Route #1: /);
    const parsed = parseCvrplibSolution(text, 3);
    expect(parsed.routes).toEqual(solution.routes);
    expect(parsed.cost).toBe(solution.cost);
  });

  it('writes a fractional cost with three decimals', () => {
    expect(formatCvrplibSolution([[2, 1]], 12.34567)).toBe('Route #1: 2 1\nCost 12.346\n');
  });

  it('names the line of a malformed solution', () => {
    expect(() => parseCvrplibSolution('Route #1: 1 2\nRoute #2: 3 x\nCost 9\n')).toThrow(
      /^line 2: customer 'x' in route #2 is not a positive integer/,
    );
    expect(() => parseCvrplibSolution('Route #1: 1 7\n', 5)).toThrow(
      /^line 1: customer '7' in route #1 is not 1\.\.5/,
    );
    expect(() => parseCvrplibSolution('Route #1: 1\nTotal 3\n')).toThrow(
      /^line 2: expected 'Route #k: \.\.\.'/,
    );
  });
});
