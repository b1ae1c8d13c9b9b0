import { describe, expect, test } from 'vitest';
import { CAMERA_MOVE_S, getCameraMoveStepS } from '../../src/scene3d/cameraPresets';

/** Frames a preset move takes when every frame takes `frameS` wall seconds, the first after `idleS` idle. */
function framesToFinish(frameS: number, idleS: number): { frames: number; wallS: number } {
  let elapsedS = getCameraMoveStepS(idleS, true);
  let frames = 1;
  while (elapsedS < CAMERA_MOVE_S) {
    elapsedS += getCameraMoveStepS(frameS, false);
    frames++;
  }
  return { frames, wallS: (frames - 1) * frameS };
}

describe('a camera move between presets', () => {
  test('lasts its length in seconds at 60 frames a second, however long the scene sat idle before', () => {
    const smooth = framesToFinish(1 / 60, 120);
    expect(smooth.wallS).toBeGreaterThanOrEqual(CAMERA_MOVE_S - 1e-9);
    expect(smooth.wallS).toBeLessThan(CAMERA_MOVE_S + 1 / 30);
    expect(smooth.frames).toBeGreaterThan(60);
  });

  test('still shows as a move but ends within four frames when a frame takes seconds (software WebGL)', () => {
    // With a fixed 0.1 s a frame the move took 13 frames: 26 s at 2 s a frame.
    const slow = framesToFinish(2, 120);
    expect(slow.frames).toBe(4);
  });
});
