/**
 * A procedural street grid around each delivery station, so last-mile vehicles follow streets at
 * street zoom instead of flying straight lines.
 *
 * The grid lives in the station's own frame: x east, y north in km from the station, turned by a
 * per-station angle of up to ±20° (streets rarely run due north). In the turned frame (u, v):
 * - arterials every ARTERIAL_SPACING_KM (a mile, the US section-line grid), local streets every
 *   LOCAL_BLOCK_KM (a 200 m block);
 * - every line is shifted by up to a quarter of its spacing (a stable hash of the station and the
 *   line index), so the grid is slightly irregular and does not look like graph paper.
 *
 * A path from A to B: A's driveway onto its local street, along it to the nearest arterial, along
 * arterials (first the one through A, then the one nearest B), down B's local street to B. Two
 * addresses in one arterial cell skip the arterials. The path is defined for the pair in a
 * canonical order and reversed for the other direction, so a path and its travel time are
 * symmetric (the router needs a symmetric matrix).
 */
import { mix32 } from '../rng';
import { cos, sin } from '../portableMath';

/** Arterial spacing, km: the one-mile section grid of US suburbs (A). */
export const ARTERIAL_SPACING_KM = 1.609;
/** Local street spacing, km: a 200 m block (A; US urban blocks run 80-250 m). */
export const LOCAL_BLOCK_KM = 0.2;
/** Free-flow speeds, km/h: arterials 30 mph, local streets 15 mph (A). */
export const ARTERIAL_SPEED_KMH = 48;
export const LOCAL_SPEED_KMH = 24;
/** Segment classes, the index into STREET_SPEED_KMH. */
export const STREET_LOCAL = 0;
export const STREET_ARTERIAL = 1;
export const STREET_SPEED_KMH = [LOCAL_SPEED_KMH, ARTERIAL_SPEED_KMH] as const;
/** Vertices a path between two addresses can have (see writeStreetPath). */
export const MAX_PATH_VERTICES = 8;

const MAX_TURN_RAD = (20 * Math.PI) / 180;
const LINE_JITTER = 0.25;

/** The grid of one station: its turn and the seed of its line offsets. */
export interface StreetGrid {
  cos: number;
  sin: number;
  lineSeed: number;
}

export function createStreetGrid(stationId: number): StreetGrid {
  const h = mix32(stationId * 0x9e3779b1 + 0x51f15e);
  const angle = ((h / 4294967296) * 2 - 1) * MAX_TURN_RAD;
  return { cos: cos(angle), sin: sin(angle), lineSeed: mix32(h ^ 0x3c6ef372) };
}

/**
 * Line families of a grid, in its turned frame (u, v): arterials at constant u and at constant v
 * (ARTERIAL_SPACING_KM apart), local cross streets at constant u and local streets at constant v
 * (LOCAL_BLOCK_KM apart). Family 2 carries every address's own street.
 */
export const ARTERIAL_U = 0;
export const ARTERIAL_V = 1;
export const LOCAL_V = 2;
export const LOCAL_U = 3;

/** Position (u or v, km) of grid line k of a family with the given spacing; the map draws these. */
export function getGridLinePosition(grid: StreetGrid, family: number, k: number, spacingKm: number): number {
  const h = mix32(grid.lineSeed + Math.imul(k, 0x85ebca6b) + family * 0x27d4eb2f) / 4294967296;
  return (k + (h * 2 - 1) * LINE_JITTER) * spacingKm;
}

/** The grid line of a family nearest to coordinate c. */
function nearestLine(grid: StreetGrid, family: number, c: number, spacingKm: number): number {
  const k0 = Math.round(c / spacingKm);
  const best = getGridLinePosition(grid, family, k0, spacingKm);
  // Lines stray at most LINE_JITTER (a quarter) of a spacing from k * spacing, so line k0 is within
  // 0.75 spacing of c, and of its neighbours only the one on c's side can be nearer: the one on the
  // other side is 0.75 spacing away or more. One hash fewer per line found (four lines an address).
  const side = c >= k0 * spacingKm ? k0 + 1 : k0 - 1;
  const p = getGridLinePosition(grid, family, side, spacingKm);
  return Math.abs(p - c) < Math.abs(best - c) ? p : best;
}

/** Vertices of a path closer than this (km) are one (pushPathVertex). */
const SAME_VERTEX_KM = 1e-12;

// Scratch for the turned-frame vertices of one path (u, v; stride 2) and segment classes.
const pathUv = new Float64Array(MAX_PATH_VERTICES * 2);
const pathClass = new Uint8Array(MAX_PATH_VERTICES);

/**
 * Appends vertex (u, v) to the scratch path of `n` vertices, reached by a segment of
 * `segmentClass`, unless it repeats the last vertex; returns the new vertex count. A function of
 * its own, not a closure, so a path allocates nothing.
 */
function pushPathVertex(n: number, u: number, v: number, segmentClass: number): number {
  // Within a nanometre is the same vertex: two doors on one street a rounding error apart would
  // otherwise leave a segment that turning the frame back to x, y makes of no length at all.
  if (n > 0 && Math.abs(pathUv[2 * n - 2] - u) + Math.abs(pathUv[2 * n - 1] - v) < SAME_VERTEX_KM) return n;
  if (n > 0) pathClass[n - 1] = segmentClass;
  pathUv[2 * n] = u;
  pathUv[2 * n + 1] = v;
  return n + 1;
}

/** Values per address in a StreetAnchors column: x, y, u, v, local v, arterial u, arterial v, cross u. */
export const ANCHOR_STRIDE = 8;

/** Writes the anchors of the address (x, y) as anchor `index` of `out` (see writeStreetAnchors). */
export function writeStreetAnchor(
  out: Float64Array,
  index: number,
  grid: StreetGrid,
  x: number,
  y: number,
): void {
  writeAnchor(out, index * ANCHOR_STRIDE, grid, x, y);
}

/** Writes the anchors of the address (x, y) into `out` from index `o` on (see writeStreetAnchors). */
function writeAnchor(out: Float64Array, o: number, grid: StreetGrid, x: number, y: number): void {
  const { cos, sin } = grid;
  const u = x * cos + y * sin;
  const v = -x * sin + y * cos;
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = u;
  out[o + 3] = v;
  out[o + 4] = nearestLine(grid, LOCAL_V, v, LOCAL_BLOCK_KM);
  out[o + 5] = nearestLine(grid, ARTERIAL_U, u, ARTERIAL_SPACING_KM);
  out[o + 6] = nearestLine(grid, ARTERIAL_V, v, ARTERIAL_SPACING_KM);
  out[o + 7] = nearestLine(grid, LOCAL_U, u, LOCAL_BLOCK_KM);
}

/**
 * Writes each address's grid anchors (the lines its paths use) into `out` (stride ANCHOR_STRIDE),
 * so that a path or a travel time between anchored addresses needs no hashing: a wave's matrix is
 * then plain arithmetic, and a parcel's lines are found once for all the paths it is on.
 * @param xy km east, north of the station; stride 2; `count` addresses.
 */
export function writeStreetAnchors(
  out: Float64Array,
  grid: StreetGrid,
  xy: ArrayLike<number>,
  count: number,
): void {
  for (let i = 0; i < count; i++) writeAnchor(out, i * ANCHOR_STRIDE, grid, xy[2 * i], xy[2 * i + 1]);
}

// The anchors of writeStreetPath's two ends.
const endAnchors = new Float64Array(2 * ANCHOR_STRIDE);

/**
 * Writes the street path from (ax, ay) to (bx, by) (km east, north of the station) into
 * `outXy` (x, y; stride 2, from `offset` vertices on) and each segment's class into
 * `outClass[offset + i]` (the segment from vertex i to i + 1). Consecutive duplicate vertices are
 * dropped. Returns the vertex count written (1 to MAX_PATH_VERTICES).
 */
export function writeStreetPath(
  outXy: Float64Array,
  outClass: Uint8Array,
  offset: number,
  grid: StreetGrid,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  writeAnchor(endAnchors, 0, grid, ax, ay);
  writeAnchor(endAnchors, ANCHOR_STRIDE, grid, bx, by);
  return writeAnchoredStreetPath(outXy, outClass, offset, grid, endAnchors, 0, 1);
}

/**
 * writeStreetPath between anchored addresses a and b (indices into `anchors`, from
 * writeStreetAnchors): the same vertices, bit for bit, without finding their lines again.
 */
export function writeAnchoredStreetPath(
  outXy: Float64Array,
  outClass: Uint8Array,
  offset: number,
  grid: StreetGrid,
  anchors: Float64Array,
  a: number,
  b: number,
): number {
  const oa = a * ANCHOR_STRIDE;
  const ob = b * ANCHOR_STRIDE;
  const ax = anchors[oa];
  const ay = anchors[oa + 1];
  const bx = anchors[ob];
  const by = anchors[ob + 1];
  // Canonical order: build the path from the lexicographically smaller end, reverse if needed.
  const swap = ax > bx || (ax === bx && ay > by);
  const p = swap ? ob : oa;
  const q = swap ? oa : ob;
  const pu = anchors[p + 2];
  const pv = anchors[p + 3];
  const qu = anchors[q + 2];
  const qv = anchors[q + 3];
  const pLocalV = anchors[p + 4];
  const qLocalV = anchors[q + 4];
  let n = pushPathVertex(0, pu, pv, STREET_LOCAL);
  n = pushPathVertex(n, pu, pLocalV, STREET_LOCAL);
  if (Math.abs(pu - qu) + Math.abs(pv - qv) < ARTERIAL_SPACING_KM) {
    // Same neighbourhood: along A's local street to a cross street near A or B (none when they
    // share a street), then along it to B's street.
    const crossU = getCrossU(anchors, p, q);
    n = pushPathVertex(n, crossU, pLocalV, STREET_LOCAL);
    n = pushPathVertex(n, crossU, qLocalV, STREET_LOCAL);
  } else {
    const pArterialU = anchors[p + 5];
    const qArterialU = anchors[q + 5];
    const qArterialV = anchors[q + 6];
    n = pushPathVertex(n, pArterialU, pLocalV, STREET_LOCAL);
    n = pushPathVertex(n, pArterialU, qArterialV, STREET_ARTERIAL);
    n = pushPathVertex(n, qArterialU, qArterialV, STREET_ARTERIAL);
    n = pushPathVertex(n, qArterialU, qLocalV, STREET_ARTERIAL);
  }
  n = pushPathVertex(n, qu, qLocalV, STREET_LOCAL);
  n = pushPathVertex(n, qu, qv, STREET_LOCAL);
  const { cos, sin } = grid;
  for (let i = 0; i < n; i++) {
    const source = swap ? n - 1 - i : i;
    const u = pathUv[2 * source];
    const v = pathUv[2 * source + 1];
    outXy[2 * (offset + i)] = u * cos - v * sin;
    outXy[2 * (offset + i) + 1] = u * sin + v * cos;
    if (i < n - 1) outClass[offset + i] = pathClass[swap ? n - 2 - i : i];
  }
  return n;
}

/**
 * The cross street (u) a path between nearby anchor offsets p and q turns on from p's street to
 * q's. Doors on one street need none: the path runs along it (a cross street beyond both would
 * drive to the corner and back). Otherwise the cross street nearest either door, whichever drives
 * less along the two streets.
 */
function getCrossU(anchors: Float64Array, p: number, q: number): number {
  const pu = anchors[p + 2];
  if (anchors[p + 4] === anchors[q + 4]) return pu;
  const qu = anchors[q + 2];
  const nearQ = anchors[q + 7];
  const nearP = anchors[p + 7];
  return Math.abs(nearP - pu) + Math.abs(qu - nearP) < Math.abs(nearQ - pu) + Math.abs(qu - nearQ)
    ? nearP
    : nearQ;
}

/**
 * Free-flow seconds along the street path between two addresses (km east, north of the station):
 * getAnchoredTravelS of the two, the model's figure for a leg.
 */
export function getStreetTravelS(grid: StreetGrid, ax: number, ay: number, bx: number, by: number): number {
  writeAnchor(endAnchors, 0, grid, ax, ay);
  writeAnchor(endAnchors, ANCHOR_STRIDE, grid, bx, by);
  return getAnchoredTravelS(endAnchors, 0, 1);
}

/**
 * The street path between anchors a and b (indices into `anchors`) weighed per km of each street
 * class: its local km x `perLocalKm` + its arterial km x `perArterialKm`, summed along u and v as
 * the path runs (every segment of it follows one of the grid's two directions). One function for
 * the leg's seconds and its km, each an inlined copy where it is called.
 */
function weighAnchoredPath(
  anchors: Float64Array,
  a: number,
  b: number,
  perLocalKm: number,
  perArterialKm: number,
): number {
  let p = a * ANCHOR_STRIDE;
  let q = b * ANCHOR_STRIDE;
  const pu = anchors[p + 2];
  const pv = anchors[p + 3];
  const pLocalV = anchors[p + 4];
  const qu = anchors[q + 2];
  const qv = anchors[q + 3];
  const qLocalV = anchors[q + 4];
  const ends = Math.abs(pLocalV - pv) + Math.abs(qv - qLocalV);
  if (Math.abs(pu - qu) + Math.abs(pv - qv) < ARTERIAL_SPACING_KM) {
    const km = getNeighbourhoodKm(ends, pu, pLocalV, anchors[p + 7], qu, qLocalV, anchors[q + 7]);
    return km * perLocalKm;
  }
  // Via the arterials: from the lexicographically smaller end, as writeAnchoredStreetPath draws it.
  if (anchors[p] > anchors[q] || (anchors[p] === anchors[q] && anchors[p + 1] > anchors[q + 1])) {
    const swap = p;
    p = q;
    q = swap;
  }
  const pArterialU = anchors[p + 5];
  const qArterialU = anchors[q + 5];
  const qArterialV = anchors[q + 6];
  const fromU = anchors[p + 2];
  const toU = anchors[q + 2];
  const localKm = ends + Math.abs(pArterialU - fromU) + Math.abs(toU - qArterialU);
  const arterialKm =
    Math.abs(qArterialV - anchors[p + 4]) +
    Math.abs(qArterialU - pArterialU) +
    Math.abs(anchors[q + 4] - qArterialV);
  return localKm * perLocalKm + arterialKm * perArterialKm;
}

/**
 * Km of getCrossU's path between doors in one neighbourhood (u: along their streets; local v:
 * their streets; near: each one's nearest cross street), `endsKm` their drives to their streets
 * included. The same in either direction, term by term: no canonical order of the two doors and
 * no branch on which cross street (a min), as these are nearly every leg inside a group of doors.
 */
function getNeighbourhoodKm(
  endsKm: number,
  pu: number,
  pLocalV: number,
  nearP: number,
  qu: number,
  qLocalV: number,
  nearQ: number,
): number {
  const acrossKm = Math.abs(qLocalV - pLocalV);
  const alongKm =
    acrossKm === 0
      ? Math.abs(qu - pu)
      : Math.min(Math.abs(nearP - pu) + Math.abs(qu - nearP), Math.abs(nearQ - pu) + Math.abs(qu - nearQ));
  return endsKm + alongKm + acrossKm;
}

const SECONDS_PER_LOCAL_KM = 3600 / LOCAL_SPEED_KMH;
const SECONDS_PER_ARTERIAL_KM = 3600 / ARTERIAL_SPEED_KMH;

/**
 * Free-flow seconds between anchors a and b (indices into `anchors`) along their street path,
 * from its km per street class: plain arithmetic. The model's one figure for a leg between doors:
 * the router's matrix, the checks of a plan as driven, and the trip as driven (writeRouteTrip);
 * the path's drawn vertices are timed within it.
 */
export function getAnchoredTravelS(anchors: Float64Array, a: number, b: number): number {
  return weighAnchoredPath(anchors, a, b, SECONDS_PER_LOCAL_KM, SECONDS_PER_ARTERIAL_KM);
}

/**
 * getAnchoredTravelS between every two of anchors 0..n-1, into `out` (n x n, row-major, both
 * halves; the diagonal unwritten): the same seconds to the bit, with each row's own values read
 * once for its n - a legs (shortenGroupPaths weighs n^2 / 2 legs a group).
 */
export function writeAnchoredTravelMatrix(anchors: Float64Array, n: number, out: Float64Array): void {
  for (let a = 0; a < n; a++) {
    const p = a * ANCHOR_STRIDE;
    const pu = anchors[p + 2];
    const pv = anchors[p + 3];
    const pLocalV = anchors[p + 4];
    const nearP = anchors[p + 7];
    const pEndKm = Math.abs(pLocalV - pv);
    for (let b = a + 1; b < n; b++) {
      const q = b * ANCHOR_STRIDE;
      const qu = anchors[q + 2];
      const qv = anchors[q + 3];
      const s =
        Math.abs(pu - qu) + Math.abs(pv - qv) < ARTERIAL_SPACING_KM
          ? getNeighbourhoodKm(
              pEndKm + Math.abs(qv - anchors[q + 4]),
              pu,
              pLocalV,
              nearP,
              qu,
              anchors[q + 4],
              anchors[q + 7],
            ) * SECONDS_PER_LOCAL_KM
          : getAnchoredTravelS(anchors, a, b);
      out[a * n + b] = s;
      out[b * n + a] = s;
    }
  }
}

/** Km of the street path between anchors a and b (getAnchoredTravelS's path). */
export function getAnchoredPathKm(anchors: Float64Array, a: number, b: number): number {
  return weighAnchoredPath(anchors, a, b, 1, 1);
}
