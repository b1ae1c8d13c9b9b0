import { describe, expect, test } from 'vitest';
import {
  createFacilityIconPixels,
  FACILITY_ICON_CELL_PX,
  FACILITY_ICON_NAMES,
  isInsideShape,
} from '../../src/map/facilityIcons';

const pixels = createFacilityIconPixels();

/** Alpha of pixel (x, y) of shape `index`'s cell. */
const alphaAt = (index: number, x: number, y: number) =>
  pixels.data[(y * pixels.width + index * FACILITY_ICON_CELL_PX + x) * 4 + 3];

/** The shape's area in px: its cell's alpha summed, a full pixel 255. */
function areaOf(index: number): number {
  let sum = 0;
  for (let y = 0; y < FACILITY_ICON_CELL_PX; y++)
    for (let x = 0; x < FACILITY_ICON_CELL_PX; x++) sum += alphaAt(index, x, y);
  return sum / 255;
}

describe('the facility marker atlas', () => {
  test('is a row of 64 px cells, one per shape, RGBA', () => {
    expect(pixels.width).toBe(FACILITY_ICON_CELL_PX * FACILITY_ICON_NAMES.length);
    expect(pixels.height).toBe(FACILITY_ICON_CELL_PX);
    expect(pixels.data.length).toBe(pixels.width * pixels.height * 4);
  });

  test('each shape covers its geometric area (square 44 px, diamond 26 px to a corner, circle r 22, triangle 52 x 46) within 1%', () => {
    const expected = [44 * 44, 2 * 26 * 26, Math.PI * 22 * 22, (52 * 46) / 2];
    FACILITY_ICON_NAMES.forEach((name, index) => {
      const area = areaOf(index);
      expect(
        Math.abs(area - expected[index]) / expected[index],
        `${name}: ${area.toFixed(1)} px`,
      ).toBeLessThan(0.01);
    });
  });

  test('each cell is opaque white at its centre, clear in its corners, and only the square fills near a corner', () => {
    FACILITY_ICON_NAMES.forEach((name, index) => {
      const centre = (FACILITY_ICON_CELL_PX / 2) * 4;
      const at = (FACILITY_ICON_CELL_PX / 2) * pixels.width * 4 + index * FACILITY_ICON_CELL_PX * 4 + centre;
      expect(Array.from(pixels.data.subarray(at, at + 4)), name).toEqual([255, 255, 255, 255]);
      expect(alphaAt(index, 0, 0), name).toBe(0);
      expect(alphaAt(index, 63, 63), name).toBe(0);
      expect(alphaAt(index, 12, 12), name).toBe(name === 'square' ? 255 : 0);
    });
  });

  test('edges are smoothed: the circle has partly covered pixels on its rim', () => {
    const rim = alphaAt(FACILITY_ICON_NAMES.indexOf('circle'), 32 + 21, 36);
    expect(rim).toBeGreaterThan(0);
    expect(rim).toBeLessThan(255);
  });

  test("each pixel's alpha is the share of its 4 x 4 subsamples inside the shape, as testing every subsample finds", () => {
    let pixelsCompared = 0;
    let edgePixels = 0;
    FACILITY_ICON_NAMES.forEach((name, index) => {
      for (let y = 0; y < FACILITY_ICON_CELL_PX; y++)
        for (let x = 0; x < FACILITY_ICON_CELL_PX; x++) {
          let inside = 0;
          for (let sy = 0; sy < 4; sy++)
            for (let sx = 0; sx < 4; sx++)
              if (isInsideShape(index, x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) inside++;
          const expected = Math.round((inside / 16) * 255);
          if (alphaAt(index, x, y) !== expected)
            expect.fail(`${name} (${x}, ${y}): ${alphaAt(index, x, y)}, not ${expected}`);
          pixelsCompared++;
          if (inside > 0 && inside < 16) edgePixels++;
        }
    });
    expect(pixelsCompared).toBe(4 * 64 * 64);
    expect(edgePixels).toBeGreaterThan(300);
  });
});
