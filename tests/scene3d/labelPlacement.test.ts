import { describe, expect, test } from 'vitest';
import {
  createLabelPlacementBuffers,
  placeLabel,
  reserveBox,
  resetPlacement,
} from '../../src/scene3d/labelPlacement';

type Box = [number, number, number, number];

function overlap(a: Box, b: Box): boolean {
  return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}

describe("placing the 3D view's labels", () => {
  test('a lone label sits centred above its anchor', () => {
    const buffers = createLabelPlacementBuffers(4);
    const out = new Float32Array(2);
    expect(placeLabel(buffers, 200, 100, 80, 30, 400, 300, out)).toBe(true);
    expect(Array.from(out)).toEqual([160, 66]);
  });

  test('labels with anchors close together all find room, and none overlaps another or an overlay', () => {
    const buffers = createLabelPlacementBuffers(16);
    const out = new Float32Array(2);
    resetPlacement(buffers);
    const overlay: Box = [0, 0, 250, 24];
    reserveBox(buffers, ...overlay);
    const boxes: Box[] = [overlay];
    // Pick stations over SLAM and sort over the pack line: anchors 12 px apart.
    for (const [x, y] of [
      [300, 150],
      [305, 162],
      [310, 174],
      [295, 186],
    ]) {
      expect(placeLabel(buffers, x, y, 120, 32, 640, 360, out), `label at ${x},${y}`).toBe(true);
      const box: Box = [out[0], out[1], out[0] + 120, out[1] + 32];
      for (const other of boxes) expect(overlap(box, other)).toBe(false);
      expect(box[0]).toBeGreaterThanOrEqual(0);
      expect(box[2]).toBeLessThanOrEqual(640);
      boxes.push(box);
    }
  });

  test('a label near an edge slides inside the pane', () => {
    const buffers = createLabelPlacementBuffers(4);
    const out = new Float32Array(2);
    expect(placeLabel(buffers, 5, 10, 100, 30, 400, 300, out)).toBe(true);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeGreaterThanOrEqual(0);
  });

  test('when every place is taken the label is left out, and takes nothing', () => {
    const buffers = createLabelPlacementBuffers(4);
    const out = new Float32Array(2);
    reserveBox(buffers, 0, 0, 400, 300);
    expect(placeLabel(buffers, 200, 150, 50, 20, 400, 300, out)).toBe(false);
    expect(buffers.takenCount).toBe(1);
  });
});
