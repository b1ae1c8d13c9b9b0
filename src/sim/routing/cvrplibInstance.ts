import type { RoutingInstance } from './routingInstance';

/** A CVRPLIB instance file, parsed. */
export interface CvrplibInstance {
  /** The NAME field, or '' when absent. */
  name: string;
  /** Depot at index 0, customers at 1..DIMENSION-1 in file order (node k+1 is index k when the depot is node 1). */
  instance: RoutingInstance;
}

type Section = 'none' | 'coords' | 'demands' | 'depots';

const SECTIONS: Record<string, Section> = {
  NODE_COORD_SECTION: 'coords',
  DEMAND_SECTION: 'demands',
  DEPOT_SECTION: 'depots',
};

/**
 * Parses the CVRPLIB (TSPLIB-style) text format: TYPE CVRP, DIMENSION, CAPACITY,
 * EDGE_WEIGHT_TYPE EUC_2D, NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION, and the optional
 * DISTANCE (max route length) and SERVICE_TIME fields. Distances follow EUC_2D: Euclidean,
 * rounded to the nearest integer.
 *
 * @throws Error whose message starts with `line N:` and says what was wrong.
 */
export function parseCvrplibInstance(text: string): CvrplibInstance {
  const lines = text.split(/\r?\n/);
  let name = '';
  let dimension = -1;
  let capacity = -1;
  let maxRouteLength: number | undefined;
  let serviceTime: number | undefined;
  let section: Section = 'none';
  let xs: Float64Array | undefined;
  let ys: Float64Array | undefined;
  let demands: Float64Array | undefined;
  let seenCoord: Uint8Array | undefined;
  let seenDemand: Uint8Array | undefined;
  let depot = -1;
  let depotsClosed = false;
  let lastLine = lines.length;

  const fail = (lineIndex: number, message: string): never => {
    throw new Error(`line ${lineIndex + 1}: ${message}`);
  };
  const readNumber = (lineIndex: number, field: string, raw: string): number => {
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) fail(lineIndex, `${field} '${raw}' is not a number`);
    return value;
  };
  const readNodeId = (lineIndex: number, raw: string): number => {
    const id = readNumber(lineIndex, 'node id', raw);
    if (!Number.isInteger(id) || id < 1 || id > dimension) {
      fail(lineIndex, `node id ${raw} is outside 1..${dimension} (DIMENSION)`);
    }
    return id - 1;
  };
  const requireDimension = (lineIndex: number): void => {
    if (dimension < 0) fail(lineIndex, 'section starts before DIMENSION is given');
  };

  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex].trim();
    if (line === '') continue;
    if (line === 'EOF') {
      lastLine = lineIndex;
      break;
    }
    const keyword = line.split(/[\s:]/, 1)[0];
    if (keyword in SECTIONS) {
      section = SECTIONS[keyword];
      requireDimension(lineIndex);
      continue;
    }
    const header = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (header) {
      section = 'none';
      const [, key, rawValue] = header;
      const value = rawValue.trim();
      switch (key) {
        case 'NAME':
          name = value;
          break;
        case 'TYPE':
          if (value !== 'CVRP') fail(lineIndex, `TYPE ${value} is not supported (expected CVRP)`);
          break;
        case 'DIMENSION': {
          dimension = readNumber(lineIndex, 'DIMENSION', value);
          if (!Number.isInteger(dimension) || dimension < 1)
            fail(lineIndex, `DIMENSION ${value} must be a positive integer`);
          xs = new Float64Array(dimension);
          ys = new Float64Array(dimension);
          demands = new Float64Array(dimension);
          seenCoord = new Uint8Array(dimension);
          seenDemand = new Uint8Array(dimension);
          break;
        }
        case 'CAPACITY':
          capacity = readNumber(lineIndex, 'CAPACITY', value);
          if (capacity <= 0) fail(lineIndex, `CAPACITY ${value} must be > 0`);
          break;
        case 'EDGE_WEIGHT_TYPE':
          if (value !== 'EUC_2D')
            fail(lineIndex, `EDGE_WEIGHT_TYPE ${value} is not supported (expected EUC_2D)`);
          break;
        case 'DISTANCE':
          maxRouteLength = readNumber(lineIndex, 'DISTANCE', value);
          break;
        case 'SERVICE_TIME':
          serviceTime = readNumber(lineIndex, 'SERVICE_TIME', value);
          break;
        default:
          // COMMENT and other descriptive fields carry nothing the optimiser needs.
          break;
      }
      continue;
    }
    const fields = line.split(/\s+/);
    if (section === 'coords') {
      if (fields.length !== 3) fail(lineIndex, `expected 'id x y' in NODE_COORD_SECTION, got '${line}'`);
      const node = readNodeId(lineIndex, fields[0]);
      if (seenCoord![node]) fail(lineIndex, `node ${node + 1} has a second coordinate line`);
      seenCoord![node] = 1;
      xs![node] = readNumber(lineIndex, 'x', fields[1]);
      ys![node] = readNumber(lineIndex, 'y', fields[2]);
    } else if (section === 'demands') {
      if (fields.length !== 2) fail(lineIndex, `expected 'id demand' in DEMAND_SECTION, got '${line}'`);
      const node = readNodeId(lineIndex, fields[0]);
      if (seenDemand![node]) fail(lineIndex, `node ${node + 1} has a second demand line`);
      seenDemand![node] = 1;
      const demand = readNumber(lineIndex, 'demand', fields[1]);
      if (demand < 0) fail(lineIndex, `demand ${fields[1]} of node ${node + 1} is negative`);
      demands![node] = demand;
    } else if (section === 'depots') {
      if (fields.length !== 1)
        fail(lineIndex, `expected one node id per line in DEPOT_SECTION, got '${line}'`);
      if (fields[0] === '-1') {
        depotsClosed = true;
        section = 'none';
        continue;
      }
      if (depot >= 0) fail(lineIndex, 'a second depot is not supported (single-depot CVRP only)');
      depot = readNodeId(lineIndex, fields[0]);
    } else {
      fail(lineIndex, `unexpected line '${line}' outside any section`);
    }
  }

  const end = Math.min(lastLine, lines.length - 1);
  if (dimension < 0) fail(end, 'DIMENSION is missing');
  if (capacity < 0) fail(end, 'CAPACITY is missing');
  for (let node = 0; node < dimension; node++) {
    if (!seenCoord![node]) fail(end, `node ${node + 1} has no line in NODE_COORD_SECTION`);
  }
  if (depot < 0) fail(end, 'DEPOT_SECTION with a depot id is missing');
  if (!depotsClosed) fail(end, 'DEPOT_SECTION is not closed by -1');
  for (let node = 0; node < dimension; node++) {
    if (!seenDemand![node] && node !== depot) fail(end, `node ${node + 1} has no line in DEMAND_SECTION`);
    if (demands![node] > capacity)
      fail(end, `node ${node + 1} demand ${demands![node]} exceeds CAPACITY ${capacity}`);
  }

  // Our index 0 is the depot; the customers keep their file order.
  const positions = new Float64Array(2 * dimension);
  const orderedDemands = new Float64Array(dimension);
  positions[0] = xs![depot];
  positions[1] = ys![depot];
  let index = 1;
  for (let node = 0; node < dimension; node++) {
    if (node === depot) continue;
    positions[2 * index] = xs![node];
    positions[2 * index + 1] = ys![node];
    orderedDemands[index] = demands![node];
    index++;
  }
  const instance: RoutingInstance = {
    positions,
    demands: orderedDemands,
    capacity,
    distanceRounding: 'nearest',
  };
  if (maxRouteLength !== undefined) instance.maxRouteDurationS = maxRouteLength;
  if (serviceTime !== undefined) instance.serviceDurationS = serviceTime;
  return { name, instance };
}
