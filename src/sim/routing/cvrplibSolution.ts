/** A CVRPLIB solution file: routes of customer numbers (1..n-1; the depot is implicit) and a cost. */
export interface CvrplibSolution {
  /** Customer numbers per route, which are our stop indices. */
  routes: number[][];
  /** The `Cost` line's value, or undefined when the file has none. */
  cost: number | undefined;
}

/**
 * Parses `Route #k: c1 c2 ...` lines and a `Cost N` line.
 *
 * @param stopCount when given, customer numbers above it are rejected.
 * @throws Error whose message starts with `line N:` and says what was wrong.
 */
export function parseCvrplibSolution(text: string, stopCount?: number): CvrplibSolution {
  const routes: number[][] = [];
  let cost: number | undefined;
  const lines = text.split(/\r?\n/);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex].trim();
    if (line === '') continue;
    const route = /^Route\s*#\s*(\d+)\s*:(.*)$/i.exec(line);
    if (route) {
      const stops: number[] = [];
      for (const raw of route[2].trim().split(/\s+/)) {
        if (raw === '') continue;
        const stop = Number(raw);
        if (!Number.isInteger(stop) || stop < 1 || (stopCount !== undefined && stop > stopCount)) {
          const range = stopCount !== undefined ? `1..${stopCount}` : 'a positive integer';
          throw new Error(`line ${lineIndex + 1}: customer '${raw}' in route #${route[1]} is not ${range}`);
        }
        stops.push(stop);
      }
      routes.push(stops);
      continue;
    }
    const costLine = /^Cost\s+(\S+)$/i.exec(line);
    if (costLine) {
      cost = Number(costLine[1]);
      if (!Number.isFinite(cost))
        throw new Error(`line ${lineIndex + 1}: cost '${costLine[1]}' is not a number`);
      continue;
    }
    throw new Error(`line ${lineIndex + 1}: expected 'Route #k: ...' or 'Cost N', got '${line}'`);
  }
  return { routes, cost };
}

/**
 * Writes routes in the CVRPLIB solution format, routes numbered from 1. Integer costs are
 * written as integers, others with 3 decimals (metres when the unit is km).
 */
export function formatCvrplibSolution(routes: readonly (readonly number[])[], cost: number): string {
  const lines = routes.map((route, index) => `Route #${index + 1}: ${route.join(' ')}`);
  lines.push(`Cost ${Number.isInteger(cost) ? cost : cost.toFixed(3)}`);
  return `${lines.join('\n')}\n`;
}
