/**
 * Orbit and zoom (three's OrbitControls) plus eased moves to the presets. Renders on demand: the
 * controls invalidate when the user drags, and a move invalidates until it ends.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import {
  CAMERA_MOVE_S,
  type CameraPreset,
  type CameraPresetName,
  FOLLOWED_ORDER_VIEW,
  getCameraMoveStepS,
  writeCameraTween,
  writeFollowedOrderView,
} from './cameraPresets';
import type { FollowedTote } from './followedTote';

/** A view a preset move can end at: a preset, or the close view of the followed order. */
export type CameraViewName = CameraPresetName | typeof FOLLOWED_ORDER_VIEW;

/** A preset asked for by the buttons outside the canvas; the rig picks it up on the next frame. */
export interface CameraRequest {
  preset: CameraViewName | null;
}

export function CameraRig({
  presets,
  request,
  followed,
  onMoved,
}: {
  presets: Record<CameraPresetName, CameraPreset>;
  request: CameraRequest;
  /** Where the followed order stands, for the FOLLOWED_ORDER_VIEW move. */
  followed: FollowedTote;
  /** Called when a preset move ends (the container records it for tests). */
  onMoved?: (preset: CameraViewName) => void;
}) {
  const camera = useThree((state) => state.camera);
  const domElement = useThree((state) => state.gl.domElement);
  const invalidate = useThree((state) => state.invalidate);
  const move = useMemo(
    () => ({
      active: false,
      preset: 'overview' as CameraViewName,
      elapsedS: 0,
      fromPosition: new Float32Array(3),
      fromTarget: new Float32Array(3),
      toPosition: new Float32Array(3),
      toTarget: new Float32Array(3),
      scratch: new Float32Array(3),
    }),
    [],
  );
  const controls = useMemo(() => new OrbitControls(camera, domElement), [camera, domElement]);

  useEffect(() => {
    const overview = presets.overview;
    camera.position.set(overview.position[0], overview.position[1], overview.position[2]);
    controls.target.set(overview.target[0], overview.target[1], overview.target[2]);
    controls.maxPolarAngle = Math.PI * 0.47;
    controls.minDistance = 6;
    controls.maxDistance = 420;
    controls.zoomSpeed = 1.2;
    controls.update();
    const handleChange = () => invalidate();
    // A drag cancels a preset move in progress, so the user is never fought.
    const handleStart = () => {
      move.active = false;
    };
    controls.addEventListener('change', handleChange);
    controls.addEventListener('start', handleStart);
    invalidate();
    return () => {
      controls.removeEventListener('change', handleChange);
      controls.removeEventListener('start', handleStart);
      controls.dispose();
    };
  }, [camera, controls, invalidate, move, presets]);

  useFrame((_, deltaS) => {
    const starting = request.preset !== null;
    if (request.preset) {
      camera.position.toArray(move.fromPosition);
      controls.target.toArray(move.fromTarget);
      if (request.preset === FOLLOWED_ORDER_VIEW) {
        writeFollowedOrderView(move.toPosition, move.toTarget, followed.position);
      } else {
        const preset = presets[request.preset];
        move.toPosition.set(preset.position);
        move.toTarget.set(preset.target);
      }
      move.elapsedS = 0;
      move.active = true;
      move.preset = request.preset;
      request.preset = null;
    }
    if (!move.active) return;
    move.elapsedS += getCameraMoveStepS(deltaS, starting);
    const t = move.elapsedS / CAMERA_MOVE_S;
    writeCameraTween(move.scratch, move.fromPosition, move.toPosition, t);
    camera.position.set(move.scratch[0], move.scratch[1], move.scratch[2]);
    writeCameraTween(move.scratch, move.fromTarget, move.toTarget, t);
    controls.target.set(move.scratch[0], move.scratch[1], move.scratch[2]);
    controls.update();
    if (t >= 1) {
      move.active = false;
      onMoved?.(move.preset);
    }
    invalidate();
  });
  return null;
}
