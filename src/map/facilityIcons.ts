/**
 * Facility markers: one shape per facility kind, computed once at start as the pixels of a small
 * atlas (no canvas, no image to encode or decode: drawing on a canvas and reading it back as a
 * data URL held the page's main thread 0.16-0.58 s at opening in headless Chromium). White masks,
 * tinted per facility by backlog. Shapes by FACILITY_KINDS index: fulfillment center square,
 * sortation center diamond, delivery station circle, carrier hub triangle.
 */
import type { IconLayerProps } from '@deck.gl/layers';

type IconMapping = Exclude<IconLayerProps['iconMapping'], string | undefined>;

/** Side of each shape's square cell in the atlas, px; the cells sit in one row. */
export const FACILITY_ICON_CELL_PX = 64;
export const FACILITY_ICON_NAMES = ['square', 'diamond', 'circle', 'triangle'] as const;
/** Subsamples per pixel side: a pixel's alpha is the share of its 4x4 subsamples inside the shape. */
const SUBSAMPLES = 4;

/** The marker shapes as one image and where each sits in it. */
export interface FacilityIcons {
  /** RGBA, FACILITY_ICON_CELL_PX high, a cell per shape wide. */
  atlas: ImageData;
  mapping: IconMapping;
}

/** RGBA pixels, row by row from the top, 4 bytes a pixel (what ImageData holds). */
export interface IconPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

const CENTER = FACILITY_ICON_CELL_PX / 2;
/**
 * Whether the point (x, y) of a cell (px from its top-left corner) is inside shape `index`. The
 * same outlines the canvas drew: each shape in the cell less a 6 px inset (52 px).
 */
export function isInsideShape(index: number, x: number, y: number): boolean {
  const dx = x - CENTER;
  const dy = y - CENTER;
  switch (index) {
    case 0: // square, 44 px
      return Math.abs(dx) < 22 && Math.abs(dy) < 22;
    case 1: // diamond, corners 26 px from the centre
      return Math.abs(dx) + Math.abs(dy) < 26;
    case 2: // circle, 22 px radius
      return dx * dx + dy * dy < 22 * 22;
    default: {
      // triangle: apex (32, 8), base from (6, 54) to (58, 54)
      if (y > 54 || y < 8) return false;
      return Math.abs(dx) < ((y - 8) / 46) * 26;
    }
  }
}

/**
 * The last sample column (0 .. CELL_PX * SUBSAMPLES - 1) inside shape `index` on the sample row
 * at `y` (px), going from column `middle` (inside) towards `step`'s side. Every shape is convex
 * and mirrored about the cell's middle, so a sample row crosses it in one run of columns around
 * the middle, whose ends bisection finds in ~8 tests instead of 256: testing every sample held the
 * opening's main thread ~50 ms (V8's interpreter, where that cold code runs).
 */
function runEnd(index: number, y: number, middle: number, step: 1 | -1): number {
  const inside = (column: number) => isInsideShape(index, (column + 0.5) / SUBSAMPLES, y);
  // Invariant: `inner` is inside, `outer` is outside (or one past the cell's edge).
  let inner = middle;
  let outer = step > 0 ? FACILITY_ICON_CELL_PX * SUBSAMPLES : -1;
  while (Math.abs(outer - inner) > 1) {
    const probe = (inner + outer) >> 1;
    if (inside(probe)) inner = probe;
    else outer = probe;
  }
  return inner;
}

/** The atlas's pixels: white where a shape is, alpha its coverage (edges smoothed), clear elsewhere. */
export function createFacilityIconPixels(): IconPixels {
  const width = FACILITY_ICON_CELL_PX * FACILITY_ICON_NAMES.length;
  const height = FACILITY_ICON_CELL_PX;
  const data = new Uint8ClampedArray(width * height * 4);
  const samples = SUBSAMPLES * SUBSAMPLES;
  // Subsamples inside per pixel of one row of one cell.
  const insideCounts = new Uint8Array(FACILITY_ICON_CELL_PX);
  const middle = (FACILITY_ICON_CELL_PX * SUBSAMPLES) / 2;
  for (let index = 0; index < FACILITY_ICON_NAMES.length; index++) {
    for (let y = 0; y < height; y++) {
      insideCounts.fill(0);
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        const rowY = y + (sy + 0.5) / SUBSAMPLES;
        // The two columns either side of the middle line; the shapes' mirror puts them in or out together.
        if (!isInsideShape(index, (middle + 0.5) / SUBSAMPLES, rowY)) continue;
        const first = runEnd(index, rowY, middle - 1, -1);
        const last = runEnd(index, rowY, middle, 1);
        const firstPixel = Math.floor(first / SUBSAMPLES);
        const lastPixel = Math.floor(last / SUBSAMPLES);
        for (let x = firstPixel; x <= lastPixel; x++)
          insideCounts[x] +=
            Math.min(last, x * SUBSAMPLES + SUBSAMPLES - 1) - Math.max(first, x * SUBSAMPLES) + 1;
      }
      for (let x = 0; x < FACILITY_ICON_CELL_PX; x++) {
        const inside = insideCounts[x];
        if (inside === 0) continue;
        const at = (y * width + index * FACILITY_ICON_CELL_PX + x) * 4;
        data[at] = 255;
        data[at + 1] = 255;
        data[at + 2] = 255;
        data[at + 3] = Math.round((inside / samples) * 255);
      }
    }
  }
  return { width, height, data };
}

/** The marker atlas for the facilities layer (in the page: ImageData is a browser type). */
export function createFacilityIconAtlas(): FacilityIcons {
  const pixels = createFacilityIconPixels();
  const mapping: IconMapping = {};
  FACILITY_ICON_NAMES.forEach((name, index) => {
    mapping[name] = {
      x: index * FACILITY_ICON_CELL_PX,
      y: 0,
      width: FACILITY_ICON_CELL_PX,
      height: FACILITY_ICON_CELL_PX,
      mask: true,
    };
  });
  return { atlas: new ImageData(pixels.data, pixels.width, pixels.height), mapping };
}

/**
 * Backlog colour: hours of work queued (backlog / hourly throughput) from green (none) through
 * yellow (2 h) to vermillion (8 h or more). Writes RGBA into `out`.
 */
export function writeBacklogColor(
  out: [number, number, number, number],
  backlogParcels: number,
  throughputPerHour: number,
): [number, number, number, number] {
  const hours = backlogParcels <= 0 ? 0 : backlogParcels / Math.max(1, throughputPerHour);
  const t = Math.min(1, hours / 8);
  // green (0,158,115) -> yellow (240,228,66) -> vermillion (213,94,0)
  if (t < 0.25) {
    const u = t / 0.25;
    out[0] = 0 + (240 - 0) * u;
    out[1] = 158 + (228 - 158) * u;
    out[2] = 115 + (66 - 115) * u;
  } else {
    const u = (t - 0.25) / 0.75;
    out[0] = 240 + (213 - 240) * u;
    out[1] = 228 + (94 - 228) * u;
    out[2] = 66 + (0 - 66) * u;
  }
  out[3] = 235;
  return out;
}
