/**
 * Writers of instance matrices (column-major 4x4, stride 16, the layout of
 * InstancedMesh.instanceMatrix.array). Each writes into the buffer it is given and returns how
 * many instances it wrote; none allocates, so they run per frame.
 */
import { CELL_M, type FcLayout, writePointAlongPath } from './fcLayout';
import type { RobotTraffic } from './robotTraffic';

/** Robot body height and the deck a carried pod sits on, m. */
export const ROBOT_HEIGHT_M = 0.35;
export const POD_HEIGHT_M = 2.2;

/** Writes a translation + axis-aligned scale matrix at instance `index`. */
export function writeScaleTranslate(
  out: Float32Array,
  index: number,
  x: number,
  y: number,
  z: number,
  sx = 1,
  sy = 1,
  sz = 1,
): void {
  const o = index * 16;
  out[o] = sx;
  out[o + 1] = 0;
  out[o + 2] = 0;
  out[o + 3] = 0;
  out[o + 4] = 0;
  out[o + 5] = sy;
  out[o + 6] = 0;
  out[o + 7] = 0;
  out[o + 8] = 0;
  out[o + 9] = 0;
  out[o + 10] = sz;
  out[o + 11] = 0;
  out[o + 12] = x;
  out[o + 13] = y;
  out[o + 14] = z;
  out[o + 15] = 1;
}

/** Writes a translation with a quarter turn about y (the robot drives along x) at `index`. */
function writeQuarterTurnTranslate(out: Float32Array, index: number, x: number, y: number, z: number): void {
  const o = index * 16;
  // Ry(90°): x' = z, z' = -x.
  out[o] = 0;
  out[o + 1] = 0;
  out[o + 2] = -1;
  out[o + 3] = 0;
  out[o + 4] = 0;
  out[o + 5] = 1;
  out[o + 6] = 0;
  out[o + 7] = 0;
  out[o + 8] = 1;
  out[o + 9] = 0;
  out[o + 10] = 0;
  out[o + 11] = 0;
  out[o + 12] = x;
  out[o + 13] = y;
  out[o + 14] = z;
  out[o + 15] = 1;
}

function getCellCentreX(layout: FcLayout, cell: number): number {
  return layout.gridOriginX + ((cell % layout.columns) + 0.5) * CELL_M;
}

function getCellCentreZ(layout: FcLayout, cell: number): number {
  return layout.gridOriginZ - (Math.floor(cell / layout.columns) + 0.5) * CELL_M;
}

/**
 * Writes every shown robot's matrix, `phase` (0-1) of the way from its previous cell to its
 * current one, into `robots`; and a pod matrix for each robot carrying one into `pods`.
 * Returns the number of carried pods written (robots written = traffic.robots).
 */
export function writeRobotMatrices(
  robots: Float32Array,
  pods: Float32Array,
  traffic: RobotTraffic,
  phase: number,
): number {
  const layout = traffic.layout;
  const t = Math.max(0, Math.min(1, phase));
  let podCount = 0;
  for (let r = 0; r < traffic.robots; r++) {
    const from = traffic.previousCell[r];
    const to = traffic.cell[r];
    const fromX = getCellCentreX(layout, from);
    const fromZ = getCellCentreZ(layout, from);
    const x = fromX + (getCellCentreX(layout, to) - fromX) * t;
    const z = fromZ + (getCellCentreZ(layout, to) - fromZ) * t;
    if (traffic.alongX[r] === 1) writeQuarterTurnTranslate(robots, r, x, ROBOT_HEIGHT_M / 2, z);
    else writeScaleTranslate(robots, r, x, ROBOT_HEIGHT_M / 2, z);
    if (traffic.isCarrying(r)) {
      writeScaleTranslate(pods, podCount++, x, ROBOT_HEIGHT_M + POD_HEIGHT_M / 2, z);
    }
  }
  return podCount;
}

/**
 * Writes `count` items spread evenly along a polyline (x, z; stride 2), all shifted `offsetM`
 * forward (wrapping), at height `y`. `scratch` holds two floats. Returns `count`.
 */
export function writeItemsAlongPath(
  out: Float32Array,
  path: Float32Array,
  pathLengthM: number,
  count: number,
  offsetM: number,
  y: number,
  scratch: Float32Array,
): number {
  if (count <= 0) return 0;
  const spacing = pathLengthM / count;
  const shift = ((offsetM % spacing) + spacing) % spacing;
  for (let i = 0; i < count; i++) {
    writePointAlongPath(scratch, path, i * spacing + shift);
    writeScaleTranslate(out, i, scratch[0], y, scratch[1]);
  }
  return count;
}
