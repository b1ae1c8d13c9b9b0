/**
 * The floor plan of the fulfillment center the 3D view draws, in metres. World axes: x east,
 * y up, z south; the origin is the centre of the building. Pure data, no three.js, so the robot
 * scheduling and its tests share it with the renderer.
 *
 * North to south: inbound docks (north wall), the robot floor (a grid of pod storage split into
 * one band per pick station), the pick stations, the tote conveyor, the pack line, SLAM, the
 * sorter, and the outbound docks on the south wall with trailers outside.
 */

/** Side of one grid cell of the robot floor (a pod's footprint plus clearance), m. */
export const CELL_M = 1.25;

/**
 * One band per drawn pick station. Columns within a band: 0 = northbound aisle (robots leave
 * the station), 1-4 = pod storage, 5 = southbound aisle (robots bring pods to the station).
 * Row 0 (south) is the station row, the last row the north cross aisle.
 */
export const BAND_COLUMNS = 6;
export const STORAGE_COLUMNS_PER_BAND = 4;

export interface FcLayout {
  /** Building footprint: x from -widthM/2 to widthM/2, z from -depthM/2 to depthM/2. */
  widthM: number;
  depthM: number;
  wallHeightM: number;
  /** Robot floor grid: bands side by side along x, rows along z (row 0 south). */
  bands: number;
  rows: number;
  columns: number;
  /** World position of the south-west corner of the grid (cell (0, 0)'s outer corner). */
  gridOriginX: number;
  gridOriginZ: number;
  /** Grid cell index (column + row * columns) of each band's pick point (where the picker works). */
  pickPointCells: Int32Array;
  /** Cells where pods are stored (idle robots park under them); grid cell indices. */
  storageCells: Int32Array;
  /** z of the pick stations' centre line, m. */
  pickStationZ: number;
  /** Tote conveyor from the pick stations to the pack stations; points x, z; stride 2. */
  totePath: Float32Array;
  /** Pack stations: x of each, all at packStationZ. */
  packStationX: Float32Array;
  packStationZ: number;
  /** Parcel belt from the pack line through SLAM along the sorter; points x, z; stride 2. */
  parcelPath: Float32Array;
  slamX: number;
  slamZ: number;
  /** Outbound dock doors on the south wall: x of each. */
  outboundDoorX: Float32Array;
  /** Inbound dock doors on the north wall: x of each. */
  inboundDoorX: Float32Array;
  /** Anchor points of the area labels, m (x, y, z). */
  areaAnchors: Record<AreaName, readonly [number, number, number]>;
}

export const AREA_NAMES = ['inbound', 'robotFloor', 'pick', 'pack', 'slam', 'outbound'] as const;
export type AreaName = (typeof AREA_NAMES)[number];

export interface FcLayoutOptions {
  /** Pick stations drawn (one robot band each); default 20. */
  bands?: number;
  /** Rows of the robot floor grid; default 48 (60 m). */
  rows?: number;
  /** Pack stations drawn; default 12. */
  packStations?: number;
  /**
   * Outbound dock doors; default 12. The model's count for the FC on screen (src/sim/dockDoors.ts,
   * 25-78 in the default network), at most MAX_DRAWN_OUTBOUND_DOORS.
   */
  outboundDoors?: number;
}

/**
 * Closest spacing of the outbound doors, m: dock doors stand on 12-14 ft centres (3.7-4.3 m),
 * each 9 ft wide; past what the building's south wall holds at this spacing it grows longer, as
 * buildings with more doors are.
 */
export const OUTBOUND_DOOR_PITCH_M = 3.7;
/** The most outbound doors drawn (a 470 m wall); an edit may give an FC up to 400. */
export const MAX_DRAWN_OUTBOUND_DOORS = 120;

/** Builds the floor plan; every position derives from the grid so the parts never overlap. */
export function createFcLayout(options: FcLayoutOptions = {}): FcLayout {
  const bands = options.bands ?? 20;
  const rows = options.rows ?? 48;
  const packStations = options.packStations ?? 12;
  const outboundDoors = Math.max(1, Math.min(MAX_DRAWN_OUTBOUND_DOORS, options.outboundDoors ?? 12));
  const columns = bands * BAND_COLUMNS;
  const gridWidthM = columns * CELL_M;
  const gridDepthM = rows * CELL_M;
  // Margins around the grid: receiving in the north, pick-pack-sort in the south.
  const northM = 14;
  const southM = 62;
  const sideM = 12;
  // The floor's width round the robot grid; the building is wider where the doors need it,
  // the floor centred in it.
  const floorWidthM = gridWidthM + 2 * sideM + 12;
  const doorSpanM = Math.max(floorWidthM - 30, outboundDoors * OUTBOUND_DOOR_PITCH_M);
  const widthM = Math.max(floorWidthM, doorSpanM + 30);
  const depthM = northM + gridDepthM + southM;
  const gridOriginX = -floorWidthM / 2 + sideM;
  const gridOriginZ = -depthM / 2 + northM + gridDepthM;

  const pickPointCells = new Int32Array(bands);
  for (let band = 0; band < bands; band++) pickPointCells[band] = band * BAND_COLUMNS + 2;
  const storageCells = new Int32Array(bands * STORAGE_COLUMNS_PER_BAND * (rows - 2));
  let s = 0;
  for (let row = 1; row < rows - 1; row++) {
    for (let band = 0; band < bands; band++) {
      for (let c = 1; c <= STORAGE_COLUMNS_PER_BAND; c++)
        storageCells[s++] = row * columns + band * BAND_COLUMNS + c;
    }
  }

  const pickStationZ = gridOriginZ + 2.2;
  const conveyorZ = pickStationZ + 4;
  const eastX = gridOriginX + gridWidthM + 6;
  const packStationZ = conveyorZ + 12;
  const packLineZ = packStationZ - 2.5;
  const westPackX = gridOriginX + 20;
  const totePath = new Float32Array([
    gridOriginX + 1,
    conveyorZ,
    eastX,
    conveyorZ,
    eastX,
    packLineZ,
    westPackX,
    packLineZ,
  ]);
  const packStationX = new Float32Array(packStations);
  const packSpan = eastX - 8 - westPackX;
  for (let i = 0; i < packStations; i++) packStationX[i] = westPackX + ((i + 0.5) / packStations) * packSpan;

  const outboundDoorX = new Float32Array(outboundDoors);
  for (let i = 0; i < outboundDoors; i++)
    outboundDoorX[i] = -doorSpanM / 2 + ((i + 0.5) / outboundDoors) * doorSpanM;
  // The sorter's south run passes every door's chute.
  const sorterEastX = Math.max(eastX - 4, outboundDoorX[outboundDoors - 1]);
  const sorterWestX = Math.min(gridOriginX, outboundDoorX[0]);

  const parcelBeltZ = packStationZ + 3;
  const slamX = westPackX - 6;
  const slamZ = parcelBeltZ + 4;
  const sorterNorthZ = parcelBeltZ + 10;
  const sorterSouthZ = depthM / 2 - 14;
  const parcelPath = new Float32Array([
    eastX - 8,
    parcelBeltZ,
    slamX,
    parcelBeltZ,
    slamX,
    sorterNorthZ,
    sorterEastX,
    sorterNorthZ,
    sorterEastX,
    sorterSouthZ,
    sorterWestX,
    sorterSouthZ,
  ]);

  const inboundDoorX = new Float32Array(8);
  for (let i = 0; i < inboundDoorX.length; i++) inboundDoorX[i] = -floorWidthM / 2 + 20 + i * 8;

  const midGridX = gridOriginX + gridWidthM / 2;
  return {
    widthM,
    depthM,
    wallHeightM: 12,
    bands,
    rows,
    columns,
    gridOriginX,
    gridOriginZ,
    pickPointCells,
    storageCells,
    pickStationZ,
    totePath,
    packStationX,
    packStationZ,
    parcelPath,
    slamX,
    slamZ,
    outboundDoorX,
    inboundDoorX,
    areaAnchors: {
      inbound: [inboundDoorX[2], 6, -depthM / 2 + 4],
      robotFloor: [midGridX, 5, gridOriginZ - gridDepthM / 2],
      pick: [gridOriginX + 14, 4, pickStationZ],
      pack: [(westPackX + eastX) / 2, 4, packStationZ],
      slam: [slamX, 4, slamZ],
      outbound: [0, 6, depthM / 2 - 2],
    },
  };
}

/** World x of a grid column's centre, m. */
export function getCellX(layout: FcLayout, column: number): number {
  return layout.gridOriginX + (column + 0.5) * CELL_M;
}

/** World z of a grid row's centre, m (row 0 is the southmost). */
export function getCellZ(layout: FcLayout, row: number): number {
  return layout.gridOriginZ - (row + 0.5) * CELL_M;
}

/**
 * Writes the centre (x, y, z; m) of slot `k` of pick station `station`'s rack of order bins into
 * out[0..2]: bins stand two wide beside the station and stack up 0.34 m a row.
 */
export function writePickBinSlot(out: Float32Array, layout: FcLayout, station: number, k: number): void {
  out[0] = getCellX(layout, layout.pickPointCells[station] % layout.columns) + 2.2 + (k % 2) * 0.55;
  out[1] = 0.2 + Math.floor(k / 2) * 0.34;
  out[2] = layout.pickStationZ;
}

/**
 * Writes the centre (x, y, z; m) of slot `k` of pack station `station`'s tote queue into out[0..2]:
 * totes stand five in a row on the station's buffer and stack up 0.36 m a row.
 */
export function writePackToteSlot(out: Float32Array, layout: FcLayout, station: number, k: number): void {
  out[0] = layout.packStationX[station] - 1.2 + (k % 5) * 0.62;
  out[1] = 1.18 + Math.floor(k / 5) * 0.36;
  out[2] = layout.packStationZ - 0.2;
}

/** Length of a polyline given as x, z pairs (stride 2), m. */
export function getPathLength(path: Float32Array): number {
  let length = 0;
  for (let i = 2; i < path.length; i += 2)
    length += Math.hypot(path[i] - path[i - 2], path[i + 1] - path[i - 1]);
  return length;
}

/**
 * Writes the point at `distanceM` along a polyline (x, z; stride 2) into out[0], out[1];
 * distances past the end clamp to the last point.
 */
export function writePointAlongPath(out: Float32Array, path: Float32Array, distanceM: number): void {
  let remaining = Math.max(0, distanceM);
  for (let i = 2; i < path.length; i += 2) {
    const dx = path[i] - path[i - 2];
    const dz = path[i + 1] - path[i - 1];
    const segment = Math.hypot(dx, dz);
    if (remaining <= segment && segment > 0) {
      const f = remaining / segment;
      out[0] = path[i - 2] + dx * f;
      out[1] = path[i - 1] + dz * f;
      return;
    }
    remaining -= segment;
  }
  out[0] = path[path.length - 2];
  out[1] = path[path.length - 1];
}
