/**
 * The highway graph trucks drive on: a proximity graph of metro centres. Each metro links to its
 * `neighbours` nearest metros it may link to (not across a lake or the sea), plus the edges of a
 * minimum spanning tree so every metro is reachable. A route's road km: trips.ts getRoadKmPerPathKm.
 * Road classes (speed as a share of the interstate truck speed):
 *   interstate 1.0: a link between two metros over land. Every metro the model has (the 150
 *     largest, 450,000 people and more) lies on the Interstate system, and trucks between
 *     neighbouring metros take it: Chicago to Detroit is I-94, Tampa to Miami I-75;
 *   US highway 0.8: a link the spanning tree kept though no land route joins its metros;
 *   metro streets 0.5: a facility's connector to its metro centre, or a trip inside one metro.
 * Shortest paths (by free-flow time; the distance factor scales every link alike so it cannot
 * change them) are precomputed from every metro as a next-hop table.
 */
import { greatCircleKm } from './geo';

export const ROAD_CLASS_SPEED = [1, 0.8, 0.5] as const;
export const ROAD_INTERSTATE = 0;
export const ROAD_US_HIGHWAY = 1;
export const ROAD_METRO_STREETS = 2;

/** What the graph reads of a metro: where it is. */
type GraphMetro = { lon: number; lat: number };

export interface HighwayGraph {
  nodeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Road km along the link's geometry (straight or bent once), great-circle. */
  edgeKm: Float64Array;
  edgeClass: Uint8Array;
  /** Where a link bends to stay off the water, NaN for a straight link. */
  edgeViaLon: Float64Array;
  edgeViaLat: Float64Array;
  /** nextHop[from * nodeCount + to]: the next metro on the fastest path, -1 on the diagonal. */
  nextHop: Int16Array;
  /** Links as drawable paths (two vertices, three where a link bends). positions: lon, lat; stride 2. */
  paths: { length: number; startIndices: Uint32Array; positions: Float32Array };
}

/**
 * @param routeLink how two metros may be linked directly: `[]` straight, `[lon, lat]` bending
 *   once there (round a bay), null not at all (the network builder refuses links over a lake or
 *   the sea). Asked lazily, at most once per pair. A metro links to its `neighbours` nearest
 *   metros it may link to.
 */
export function buildHighwayGraph(
  metros: readonly GraphMetro[],
  neighbours: number,
  routeLink: (a: number, b: number) => number[] | null = () => [],
): HighwayGraph {
  const n = metros.length;
  const km = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = greatCircleKm(metros[i].lon, metros[i].lat, metros[j].lon, metros[j].lat);
      km[i * n + j] = d;
      km[j * n + i] = d;
    }
  }
  /** Per pair (lower index first): the link's bend, [] when straight, null when refused. */
  const routes = new Map<number, number[] | null>();
  const getRoute = (i: number, j: number): number[] | null => {
    const key = Math.min(i, j) * n + Math.max(i, j);
    if (!routes.has(key)) routes.set(key, routeLink(Math.min(i, j), Math.max(i, j)));
    return routes.get(key) ?? null;
  };
  const linked = new Uint8Array(n * n);
  const link = (i: number, j: number) => {
    linked[i * n + j] = 1;
    linked[j * n + i] = 1;
  };
  for (let i = 0; i < n; i++) {
    const order = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => km[i * n + a] - km[i * n + b] || a - b);
    let linkedHere = 0;
    for (let r = 0; r < order.length && linkedHere < neighbours; r++) {
      if (getRoute(i, order[r]) === null) continue;
      link(i, order[r]);
      linkedHere++;
    }
  }
  // Kruskal's minimum spanning tree so every metro connects: shortest pairs first, joining two
  // parts over an allowed link; a refused link only if no allowed one could join them.
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push(i * n + j);
  pairs.sort((a, b) => km[a] - km[b] || a - b);
  const part = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (part[root] !== root) root = part[root];
    part[i] = root;
    return root;
  };
  let parts = n;
  for (const allowRefused of [false, true]) {
    for (const pair of pairs) {
      if (parts === 1) break;
      const i = Math.floor(pair / n);
      const j = pair % n;
      const a = find(i);
      const b = find(j);
      if (a === b || (!allowRefused && getRoute(i, j) === null)) continue;
      part[Math.max(a, b)] = Math.min(a, b);
      parts--;
      link(i, j);
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (linked[i * n + j]) {
        from.push(i);
        to.push(j);
      }
    }
  }
  const edgeCount = from.length;
  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  // A refused link in the tree (no land route at all) is drawn straight.
  const edgeBend = from.map((i, e) => getRoute(i, to[e]) ?? []);
  const edgeViaLon = Float64Array.from(edgeBend, (bend) => (bend.length > 0 ? bend[0] : Number.NaN));
  const edgeViaLat = Float64Array.from(edgeBend, (bend) => (bend.length > 0 ? bend[1] : Number.NaN));
  const edgeKm = Float64Array.from(from, (i, e) => {
    const j = to[e];
    if (Number.isNaN(edgeViaLon[e])) return km[i * n + j];
    return (
      greatCircleKm(metros[i].lon, metros[i].lat, edgeViaLon[e], edgeViaLat[e]) +
      greatCircleKm(edgeViaLon[e], edgeViaLat[e], metros[j].lon, metros[j].lat)
    );
  });
  const edgeClass = Uint8Array.from(from, (i, e) =>
    getRoute(i, to[e]) === null ? ROAD_US_HIGHWAY : ROAD_INTERSTATE,
  );

  // Adjacency lists, then Dijkstra from every metro on free-flow hours (speed 1 = interstate).
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < edgeCount; e++) {
    adjacency[edgeFrom[e]].push(e);
    adjacency[edgeTo[e]].push(e);
  }
  const nextHop = new Int16Array(n * n).fill(-1);
  const cost = new Float64Array(n);
  const previous = new Int32Array(n);
  const done = new Uint8Array(n);
  for (let source = 0; source < n; source++) {
    cost.fill(Number.POSITIVE_INFINITY);
    previous.fill(-1);
    done.fill(0);
    cost[source] = 0;
    // O(n^2) Dijkstra: 150 nodes, built once per network.
    for (let step = 0; step < n; step++) {
      let u = -1;
      for (let i = 0; i < n; i++) if (!done[i] && (u < 0 || cost[i] < cost[u])) u = i;
      if (u < 0 || cost[u] === Number.POSITIVE_INFINITY) break;
      done[u] = 1;
      for (const e of adjacency[u]) {
        const v = edgeFrom[e] === u ? edgeTo[e] : edgeFrom[e];
        const c = cost[u] + edgeKm[e] / ROAD_CLASS_SPEED[edgeClass[e]];
        if (c < cost[v]) {
          cost[v] = c;
          previous[v] = u;
        }
      }
    }
    // Walk back from every target to find the first hop out of the source.
    for (let target = 0; target < n; target++) {
      if (target === source || previous[target] < 0) continue;
      let hop = target;
      while (previous[hop] !== source) hop = previous[hop];
      nextHop[source * n + target] = hop;
    }
  }
  const startIndices = new Uint32Array(edgeCount + 1);
  for (let e = 0; e < edgeCount; e++) startIndices[e + 1] = startIndices[e] + 2 + edgeBend[e].length / 2;
  const positions = new Float32Array(startIndices[edgeCount] * 2);
  for (let e = 0; e < edgeCount; e++) {
    positions.set(
      [
        metros[edgeFrom[e]].lon,
        metros[edgeFrom[e]].lat,
        ...edgeBend[e],
        metros[edgeTo[e]].lon,
        metros[edgeTo[e]].lat,
      ],
      startIndices[e] * 2,
    );
  }
  return {
    nodeCount: n,
    nodeLon: Float64Array.from(metros, (m) => m.lon),
    nodeLat: Float64Array.from(metros, (m) => m.lat),
    edgeFrom,
    edgeTo,
    edgeKm,
    edgeClass,
    edgeViaLon,
    edgeViaLat,
    nextHop,
    paths: { length: edgeCount, startIndices, positions },
  };
}

/** The link between two adjacent metros, -1 if they are not linked. */
export function getLink(graph: HighwayGraph, a: number, b: number): number {
  for (let e = 0; e < graph.edgeFrom.length; e++) {
    if (
      (graph.edgeFrom[e] === a && graph.edgeTo[e] === b) ||
      (graph.edgeFrom[e] === b && graph.edgeTo[e] === a)
    ) {
      return e;
    }
  }
  return -1;
}
