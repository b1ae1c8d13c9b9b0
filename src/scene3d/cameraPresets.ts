/**
 * Camera presets of the fulfillment-center view and the eased move between two of them. Pure:
 * positions and targets in the floor plan's metres (x east, y up, z south).
 */
import type { FcLayout } from './fcLayout';

export const CAMERA_PRESET_NAMES = ['overview', 'robotFloor', 'packLine', 'docks'] as const;
export type CameraPresetName = (typeof CAMERA_PRESET_NAMES)[number];

export interface CameraPreset {
  label: string;
  position: readonly [number, number, number];
  target: readonly [number, number, number];
}

/** Seconds (wall) a move between presets takes. */
export const CAMERA_MOVE_S = 1.2;

/**
 * How far (seconds of CAMERA_MOVE_S) a frame of `frameS` wall seconds advances a move; `starting`
 * on the frame the move begins. A slow frame (software WebGL draws one in seconds) advances it by
 * its wall time, so the move keeps its length in seconds rather than its count of frames, yet by
 * at most a third of it, so it still shows as a move. The scene renders on demand, so the first
 * frame's delta is the idle time before it: the move starts there.
 */
export function getCameraMoveStepS(frameS: number, starting: boolean): number {
  return starting ? 0 : Math.min(frameS, CAMERA_MOVE_S / 3);
}

/** The building width the overview frames whole at aspect 1.6: the default floor plan's, m. */
const OVERVIEW_WIDTH_M = 186;

/**
 * The presets for a floor plan and a viewport aspect (width / height): each frames its area from
 * the open south side. The overview backs off in narrow viewports so the whole width shows.
 */
export function getCameraPresets(layout: FcLayout, aspect = 3): Record<CameraPresetName, CameraPreset> {
  const south = layout.depthM / 2;
  const pickX = layout.gridOriginX + 30;
  // Pitched 60° down from the south at ~200 m, the whole building fits a 40° field of view
  // vertically; 1.6 is the aspect below which its width (OVERVIEW_WIDTH_M) would clip, so narrower
  // panes, and buildings made wider by their dock doors, back off.
  const back = Math.max(1, (1.6 / Math.max(aspect, 0.2)) * (layout.widthM / OVERVIEW_WIDTH_M));
  return {
    overview: { label: 'Overview', position: [26, 172 * back, 8 + 98 * back], target: [0, 0, 8] },
    robotFloor: {
      label: 'Robot floor',
      position: [pickX + 8, 16, layout.pickStationZ + 16],
      target: [pickX - 4, 0, layout.pickStationZ - 14],
    },
    packLine: {
      label: 'Pack line',
      position: [layout.packStationX[6] + 6, 16, layout.packStationZ + 22],
      target: [layout.packStationX[4], 0, layout.packStationZ],
    },
    docks: { label: 'Docks', position: [35, 30, south + 62], target: [0, 0, south - 6] },
  };
}

/** Name of the move to the followed order ("Your order"), beside the presets. */
export const FOLLOWED_ORDER_VIEW = 'followedOrder';

/**
 * Writes a close view of the followed order's item at `position` (m): from the open south side,
 * a little east, looking down at the item so its station or door fills the view around it.
 */
export function writeFollowedOrderView(
  outPosition: Float32Array,
  outTarget: Float32Array,
  position: ArrayLike<number>,
): void {
  outTarget[0] = position[0];
  outTarget[1] = position[1];
  outTarget[2] = position[2];
  outPosition[0] = position[0] + 3;
  outPosition[1] = position[1] + 5;
  outPosition[2] = position[2] + 8;
}

/** Smoothstep easing of a move's progress (0-1). */
export function easeCameraMove(t: number): number {
  const c = Math.max(0, Math.min(1, t));
  return c * c * (3 - 2 * c);
}

/** Writes the eased point between `from` and `to` at progress t into out[0..2]. */
export function writeCameraTween(
  out: Float32Array,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  t: number,
): void {
  const e = easeCameraMove(t);
  for (let i = 0; i < 3; i++) out[i] = from[i] + (to[i] - from[i]) * e;
}
