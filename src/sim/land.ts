/**
 * Land and water: the contiguous-US outline of us-atlas (src/data/landOutline.json, built by
 * scripts/buildLandOutline.ts), which leaves the Great Lakes and the sea outside. The network
 * builder uses it to keep facilities and addresses on land and highway links off the lakes.
 *
 * Geometry is planar in degrees (lon, lat), as the outline is drawn: at the outline's vertex
 * spacing (a few km) a great-circle edge strays from the straight one by metres.
 *
 * Edges are indexed by latitude band (BAND_DEG), so a point test looks at the few dozen edges of
 * one band and a segment test at those of the bands it spans; nothing is allocated per query.
 */
import outlineFile from '../data/landOutline.json';

/** Height of a latitude band of the edge index, degrees. */
const BAND_DEG = 0.05;
/**
 * Side of a point cell, degrees. A cell no shore edge comes near is all land or all water, so a
 * point test there reads the cell (found once, at its centre) instead of a band's edges: orders'
 * addresses are tested ~10^7 times a sim day at full scale.
 */
const CELL_DEG = 0.05;
/** A shore edge nearer a cell than this counts as in it, degrees (~1 cm: far above rounding). */
const CELL_MARGIN_DEG = 1e-7;
const CELL_UNKNOWN = 0;
const CELL_SHORE = 1;
const CELL_WATER = 2;
const CELL_LAND = 3;

interface OutlineFile {
  scale: [number, number];
  translate: [number, number];
  /** Per ring: quantised x, y as deltas from the previous vertex (the first from 0, 0). */
  rings: number[][];
}

interface LandIndex {
  /** Edge endpoints: lon0, lat0, lon1, lat1; stride 4. */
  edges: Float64Array;
  minLat: number;
  bandCount: number;
  /** Edges of band b are bandEdges[bandStart[b], bandStart[b + 1]). */
  bandStart: Uint32Array;
  bandEdges: Uint32Array;
  /** Per edge: the query that last looked at it (a segment spans bands that share edges). */
  seenBy: Uint32Array;
  query: number;
  /** The outline's bounds: the point cells' grid starts at (minLon, minLat). */
  minLon: number;
  cellColumns: number;
  cellRows: number;
  /** Per cell of CELL_DEG (row-major from the south-west): CELL_UNKNOWN, _SHORE, _WATER or _LAND. */
  cells: Uint8Array;
}

let index: LandIndex | null = null;

function buildIndex(file: OutlineFile): LandIndex {
  const [kx, ky] = file.scale;
  const [x0, y0] = file.translate;
  const coordinates: number[] = [];
  for (const ring of file.rings) {
    let x = 0;
    let y = 0;
    const start = coordinates.length;
    for (let k = 0; k < ring.length; k += 2) {
      x += ring[k];
      y += ring[k + 1];
      // The same arithmetic as topojson-client's transform, so positions match us-atlas exactly.
      coordinates.push(x * kx + x0, y * ky + y0);
    }
    // Close the ring if the file did not repeat its first vertex.
    const n = coordinates.length;
    if (coordinates[start] !== coordinates[n - 2] || coordinates[start + 1] !== coordinates[n - 1]) {
      coordinates.push(coordinates[start], coordinates[start + 1]);
    }
    coordinates.push(Number.NaN, Number.NaN);
  }
  const edgeList: number[] = [];
  for (let k = 0; k + 3 < coordinates.length; k += 2) {
    const lonA = coordinates[k];
    const latA = coordinates[k + 1];
    const lonB = coordinates[k + 2];
    const latB = coordinates[k + 3];
    if (Number.isNaN(lonA) || Number.isNaN(lonB)) continue;
    edgeList.push(lonA, latA, lonB, latB);
  }
  const edges = Float64Array.from(edgeList);
  const edgeCount = edges.length / 4;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (let e = 0; e < edgeCount; e++) {
    minLat = Math.min(minLat, edges[e * 4 + 1], edges[e * 4 + 3]);
    maxLat = Math.max(maxLat, edges[e * 4 + 1], edges[e * 4 + 3]);
  }
  const bandCount = Math.ceil((maxLat - minLat) / BAND_DEG) + 1;
  const bandOf = (lat: number) => Math.min(bandCount - 1, Math.max(0, Math.floor((lat - minLat) / BAND_DEG)));
  const counts = new Uint32Array(bandCount + 1);
  const forEachBand = (e: number, visit: (band: number) => void) => {
    const a = bandOf(Math.min(edges[e * 4 + 1], edges[e * 4 + 3]));
    const b = bandOf(Math.max(edges[e * 4 + 1], edges[e * 4 + 3]));
    for (let band = a; band <= b; band++) visit(band);
  };
  for (let e = 0; e < edgeCount; e++) forEachBand(e, (band) => counts[band + 1]++);
  for (let band = 0; band < bandCount; band++) counts[band + 1] += counts[band];
  const bandStart = counts.slice();
  const fill = counts.slice();
  const bandEdges = new Uint32Array(bandStart[bandCount]);
  for (let e = 0; e < edgeCount; e++) {
    forEachBand(e, (band) => {
      bandEdges[fill[band]++] = e;
    });
  }
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  for (let e = 0; e < edgeCount; e++) {
    minLon = Math.min(minLon, edges[e * 4], edges[e * 4 + 2]);
    maxLon = Math.max(maxLon, edges[e * 4], edges[e * 4 + 2]);
  }
  const cellColumns = Math.ceil((maxLon - minLon) / CELL_DEG) + 1;
  const cellRows = Math.ceil((maxLat - minLat) / CELL_DEG) + 1;
  return {
    edges,
    minLat,
    bandCount,
    bandStart,
    bandEdges,
    seenBy: new Uint32Array(edgeCount),
    query: 0,
    minLon,
    cellColumns,
    cellRows,
    cells: new Uint8Array(cellColumns * cellRows),
  };
}

function getIndex(): LandIndex {
  index ??= buildIndex(outlineFile as unknown as OutlineFile);
  return index;
}

function bandOf(land: LandIndex, lat: number): number {
  return Math.floor((lat - land.minLat) / BAND_DEG);
}

/**
 * True when (lon, lat) is inside the land outline (even-odd rule over all rings). The same answer
 * as the edge test (isInsideOutline) bit for bit: a cell no edge comes within CELL_MARGIN_DEG of
 * lies inside one face of the outline, where that test gives every point the same answer (its
 * crossings change only across an edge, and no crossing longitude's rounding reaches the cell).
 */
export function isOnLand(lon: number, lat: number): boolean {
  const land = getIndex();
  const column = Math.floor((lon - land.minLon) / CELL_DEG);
  const row = Math.floor((lat - land.minLat) / CELL_DEG);
  if (column < 0 || column >= land.cellColumns || row < 0 || row >= land.cellRows)
    return isInsideOutline(lon, lat);
  const cell = row * land.cellColumns + column;
  let kind = land.cells[cell];
  if (kind === CELL_UNKNOWN) {
    kind = getCellKind(land, column, row);
    land.cells[cell] = kind;
  }
  if (kind === CELL_SHORE) return isInsideOutline(lon, lat);
  return kind === CELL_LAND;
}

/** Whether a cell has shore in it (or within CELL_MARGIN_DEG), else whether it is land or water. */
function getCellKind(land: LandIndex, column: number, row: number): number {
  const west = land.minLon + column * CELL_DEG;
  const south = land.minLat + row * CELL_DEG;
  const m = CELL_MARGIN_DEG;
  if (hasShoreNear(west - m, south - m, west + CELL_DEG + m, south + CELL_DEG + m)) return CELL_SHORE;
  return isInsideOutline(west + CELL_DEG / 2, south + CELL_DEG / 2) ? CELL_LAND : CELL_WATER;
}

/** The even-odd test over the edges of the point's latitude band: isOnLand without its cells (tests). */
export function isInsideOutline(lon: number, lat: number): boolean {
  const land = getIndex();
  const band = bandOf(land, lat);
  if (band < 0 || band >= land.bandCount) return false;
  const { edges, bandEdges } = land;
  let inside = false;
  for (let k = land.bandStart[band]; k < land.bandStart[band + 1]; k++) {
    const o = bandEdges[k] * 4;
    const latA = edges[o + 1];
    const latB = edges[o + 3];
    if (latA > lat === latB > lat) continue;
    const lonA = edges[o];
    const crossLon = lonA + ((edges[o + 2] - lonA) * (lat - latA)) / (latB - latA);
    if (lon < crossLon) inside = !inside;
  }
  return inside;
}

/**
 * Writes where the segment from (lon0, lat0) to (lon1, lat1) crosses the shoreline into `out`, as
 * fractions of the way along it, ascending. Returns how many (at most out.length are written).
 */
export function writeShoreCrossings(
  out: Float64Array,
  lon0: number,
  lat0: number,
  lon1: number,
  lat1: number,
): number {
  const land = getIndex();
  const { edges, bandEdges, seenBy } = land;
  land.query = (land.query + 1) >>> 0;
  if (land.query === 0) {
    seenBy.fill(0);
    land.query = 1;
  }
  const first = Math.max(0, bandOf(land, Math.min(lat0, lat1)));
  const last = Math.min(land.bandCount - 1, bandOf(land, Math.max(lat0, lat1)));
  const dLon = lon1 - lon0;
  const dLat = lat1 - lat0;
  let count = 0;
  for (let band = first; band <= last; band++) {
    // The segment's longitudes within this band: edges wholly east or west of them are skipped.
    let windowWest = Math.min(lon0, lon1);
    let windowEast = Math.max(lon0, lon1);
    if (dLat !== 0) {
      const bandSouth = land.minLat + band * BAND_DEG;
      const tA = Math.min(1, Math.max(0, (bandSouth - lat0) / dLat));
      const tB = Math.min(1, Math.max(0, (bandSouth + BAND_DEG - lat0) / dLat));
      windowWest = lon0 + dLon * Math.min(tA, tB);
      windowEast = lon0 + dLon * Math.max(tA, tB);
      if (windowWest > windowEast) [windowWest, windowEast] = [windowEast, windowWest];
    }
    for (let k = land.bandStart[band]; k < land.bandStart[band + 1]; k++) {
      const e = bandEdges[k];
      const o = e * 4;
      if (edges[o] < windowWest && edges[o + 2] < windowWest) continue;
      if (edges[o] > windowEast && edges[o + 2] > windowEast) continue;
      if (seenBy[e] === land.query) continue;
      seenBy[e] = land.query;
      const eLon = edges[o + 2] - edges[o];
      const eLat = edges[o + 3] - edges[o + 1];
      const denominator = dLon * eLat - dLat * eLon;
      if (denominator === 0) continue;
      const toLon = edges[o] - lon0;
      const toLat = edges[o + 1] - lat0;
      const t = (toLon * eLat - toLat * eLon) / denominator;
      const u = (toLon * dLat - toLat * dLon) / denominator;
      // Half-open on the edge (u in [0, 1)) so a crossing through a vertex counts once.
      if (t < 0 || t > 1 || u < 0 || u >= 1 || count >= out.length) continue;
      // Insertion keeps the few crossings sorted.
      let slot = count++;
      while (slot > 0 && out[slot - 1] > t) {
        out[slot] = out[slot - 1];
        slot--;
      }
      out[slot] = t;
    }
  }
  return count;
}

/** True when some shore edge has an end inside or crosses the box [lonMin, lonMax] x [latMin, latMax]. */
export function hasShoreNear(lonMin: number, latMin: number, lonMax: number, latMax: number): boolean {
  const land = getIndex();
  const { edges, bandEdges } = land;
  const first = Math.max(0, bandOf(land, latMin));
  const last = Math.min(land.bandCount - 1, bandOf(land, latMax));
  for (let band = first; band <= last; band++) {
    for (let k = land.bandStart[band]; k < land.bandStart[band + 1]; k++) {
      const o = bandEdges[k] * 4;
      // Bounding boxes overlap: conservative, which is all a skip test needs.
      if (Math.max(edges[o], edges[o + 2]) < lonMin || Math.min(edges[o], edges[o + 2]) > lonMax) continue;
      if (Math.max(edges[o + 1], edges[o + 3]) < latMin || Math.min(edges[o + 1], edges[o + 3]) > latMax)
        continue;
      return true;
    }
  }
  return false;
}

const crossingScratch = new Float64Array(256);

/** Fraction of the way from (lon0, lat0) to (lon1, lat1) where it first meets the shore; 1 if never. */
export function getFirstShoreFraction(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const count = writeShoreCrossings(crossingScratch, lon0, lat0, lon1, lat1);
  return count > 0 ? crossingScratch[0] : 1;
}

/** Fraction of the segment from (lon0, lat0) to (lon1, lat1) that lies over water. */
export function getWaterFraction(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const count = writeShoreCrossings(crossingScratch, lon0, lat0, lon1, lat1);
  let onLand = isOnLand(lon0, lat0);
  let from = 0;
  let water = 0;
  for (let k = 0; k <= count; k++) {
    const to = k < count ? crossingScratch[k] : 1;
    if (!onLand) water += to - from;
    onLand = !onLand;
    from = to;
  }
  return water;
}
