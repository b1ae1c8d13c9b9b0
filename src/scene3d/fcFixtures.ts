/**
 * The fixed parts of the building as groups of boxes, one group per material: each group becomes
 * one InstancedMesh of a shared unit box (so one draw call). Pure: matrices from the floor plan.
 */
import { CELL_M, type FcLayout, getCellX } from './fcLayout';
import { POD_HEIGHT_M, ROBOT_HEIGHT_M, writeScaleTranslate } from './instanceMatrices';
import { ORDER_CSS } from '../ui/palette';

/** Height of the conveyor belts' top surface, m. */
export const BELT_TOP_M = 0.9;
/** Trailer box: width, height, length, m (a 53 ft trailer is 16.2 m long). */
export const TRAILER_SIZE_M = [2.6, 4, 16.2] as const;

export interface BoxGroup {
  name: FixtureName;
  /** Colour as a CSS hex string. */
  color: string;
  /** Instance matrices, column-major, stride 16. */
  matrices: Float32Array;
  count: number;
}

export const FIXTURE_NAMES = [
  'floor',
  'zones',
  'walls',
  'roof',
  'storagePods',
  'pickStations',
  'belts',
  'packStations',
  'slam',
  'chutes',
  'doors',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** Colours of the fixtures and the moving parts, shared with the legend-like hover texts. */
export const SCENE_COLORS = {
  background: '#0d1824',
  floor: '#2c3d50',
  zones: '#3a5068',
  walls: '#6d8096',
  roof: '#506378',
  storagePods: '#b8953a',
  carriedPods: '#ffe14d',
  robots: '#e69f00',
  pickStations: '#56b4e9',
  associates: '#cc79a7',
  bins: '#f7f7f7',
  belts: '#1f2a36',
  totes: '#0072b2',
  packStations: '#009e73',
  slam: '#cc79a7',
  parcels: '#d2a86e',
  chutes: '#44586c',
  doors: '#101820',
  trailers: '#dfe6ee',
  cargo: '#b8864b',
  cabs: '#d55e00',
  pallets: '#a0774a',
  // "Your order": a hot magenta no other part of the building (nor the palette's vehicles,
  // facilities or lateness ramp) uses, so the followed parcel reads at a glance.
  followedOrder: ORDER_CSS,
} as const;

class BoxWriter {
  readonly matrices: Float32Array;
  count = 0;
  constructor(capacity: number) {
    this.matrices = new Float32Array(capacity * 16);
  }
  /** A box from its centre and size, m. */
  add(x: number, y: number, z: number, sx: number, sy: number, sz: number): void {
    writeScaleTranslate(this.matrices, this.count++, x, y, z, sx, sy, sz);
  }
  /** A flat box between two corners on the floor (x0, z0)-(x1, z1), height h, resting at y0. */
  addSpan(x0: number, z0: number, x1: number, z1: number, y0: number, h: number, thickness: number): void {
    const sx = Math.max(Math.abs(x1 - x0), thickness);
    const sz = Math.max(Math.abs(z1 - z0), thickness);
    this.add((x0 + x1) / 2, y0 + h / 2, (z0 + z1) / 2, sx, h, sz);
  }
}

/** Belt segments of a polyline (x, z; stride 2): one box per segment. */
function addBelt(boxes: BoxWriter, path: Float32Array, width: number): void {
  for (let i = 2; i < path.length; i += 2) {
    boxes.addSpan(path[i - 2], path[i - 1], path[i], path[i + 1], BELT_TOP_M - 0.2, 0.2, width);
  }
}

/** Builds every fixed box group of the building from its floor plan. */
export function createFixtures(layout: FcLayout): BoxGroup[] {
  const { widthM, depthM, wallHeightM } = layout;
  const groups: BoxGroup[] = [];
  const group = (name: FixtureName, capacity: number, fill: (boxes: BoxWriter) => void) => {
    const boxes = new BoxWriter(capacity);
    fill(boxes);
    groups.push({ name, color: SCENE_COLORS[name], matrices: boxes.matrices, count: boxes.count });
  };
  const gridWidth = layout.columns * CELL_M;
  const gridDepth = layout.rows * CELL_M;
  const southZ = depthM / 2;
  const northZ = -depthM / 2;

  group('floor', 1, (b) => b.add(0, -0.05, 0, widthM, 0.1, depthM));
  group('zones', 4, (b) => {
    // Robot floor (fenced, associates stay out), receiving, pack line, sorter.
    b.add(
      layout.gridOriginX + gridWidth / 2,
      0.01,
      layout.gridOriginZ - gridDepth / 2,
      gridWidth,
      0.02,
      gridDepth,
    );
    b.add(0, 0.01, northZ + 6, widthM - 4, 0.02, 10);
    b.add(layout.packStationX[0] + 30, 0.01, layout.packStationZ, 110, 0.02, 10);
    b.add(0, 0.01, southZ - 10, widthM - 4, 0.02, 14);
  });
  group('walls', 6, (b) => {
    // Full walls north and west; the south and east walls are cut low so the camera sees in.
    b.add(0, wallHeightM / 2, northZ, widthM, wallHeightM, 0.4);
    b.add(-widthM / 2, wallHeightM / 2, 0, 0.4, wallHeightM, depthM);
    b.add(0, 1, southZ, widthM, 2, 0.4);
    b.add(widthM / 2, 1, 0, 0.4, 2, depthM);
    // Robot floor fence (low) along its south edge, behind the pick stations.
    b.add(layout.gridOriginX + gridWidth / 2, 0.6, layout.gridOriginZ + 0.1, gridWidth, 1.2, 0.08);
  });
  group('roof', 16, (b) => {
    // Cutaway: a roof slab over the receiving strip, then bare trusses every 12 m.
    b.add(0, wallHeightM, northZ + 9, widthM, 0.3, 18);
    for (let z = northZ + 24; z < southZ - 4; z += 12) b.add(0, wallHeightM, z, widthM, 0.5, 0.35);
  });
  group('storagePods', layout.storageCells.length, (b) => {
    for (const cell of layout.storageCells) {
      const column = cell % layout.columns;
      const row = Math.floor(cell / layout.columns);
      b.add(
        getCellX(layout, column),
        ROBOT_HEIGHT_M + POD_HEIGHT_M / 2,
        layout.gridOriginZ - (row + 0.5) * CELL_M,
        CELL_M * 0.78,
        POD_HEIGHT_M,
        CELL_M * 0.78,
      );
    }
  });
  group('pickStations', layout.bands, (b) => {
    for (const cell of layout.pickPointCells) {
      b.add(getCellX(layout, cell % layout.columns), 0.6, layout.pickStationZ, 3.2, 1.2, 1.4);
    }
  });
  group('belts', 16, (b) => {
    addBelt(b, layout.totePath, 0.8);
    addBelt(b, layout.parcelPath, 1.0);
  });
  group('packStations', layout.packStationX.length, (b) => {
    for (const x of layout.packStationX) b.add(x, 0.5, layout.packStationZ, 2.4, 1, 1.2);
  });
  group('slam', 3, (b) => {
    // An arch over the belt: two posts and a head with the scanners and label applicator.
    b.add(layout.slamX - 1.3, 1.3, layout.slamZ, 0.4, 2.6, 1.6);
    b.add(layout.slamX + 1.3, 1.3, layout.slamZ, 0.4, 2.6, 1.6);
    b.add(layout.slamX, 2.8, layout.slamZ, 3, 0.6, 1.6);
  });
  group('chutes', layout.outboundDoorX.length, (b) => {
    const sorterSouthZ = layout.parcelPath[layout.parcelPath.length - 1];
    for (const x of layout.outboundDoorX) b.addSpan(x, sorterSouthZ + 0.6, x, southZ - 6, 0.5, 0.15, 1.2);
  });
  group('doors', layout.outboundDoorX.length + layout.inboundDoorX.length, (b) => {
    for (const x of layout.outboundDoorX) b.add(x, 1.6, southZ + 0.1, 3.2, 3.2, 0.5);
    for (const x of layout.inboundDoorX) b.add(x, 1.6, northZ - 0.1, 3.2, 3.2, 0.5);
  });
  return groups;
}
