/**
 * Lateness hexagons, the part every page load needs: the hexagon size per zoom and the colour
 * ramp the legend shows. The layer itself (LatenessHexLayer.ts, with h3-js, ~0.7 MB) loads the
 * first time a person turns the layer on.
 */

/** H3 resolution for a map zoom: cells a few tens of pixels across at every zoom. */
export function getHexResolution(zoom: number): number {
  if (zoom < 5) return 3;
  if (zoom < 7) return 4;
  if (zoom < 9) return 5;
  if (zoom < 11) return 6;
  if (zoom < 13) return 7;
  return 8;
}

/** Ramp stops for real late parcels per hexagon, light to dark: the legend shows the same. */
export const LATE_HEX_STEPS = [1, 10, 100, 1000] as const;
const LATE_HEX_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [253, 219, 164],
  [248, 166, 96],
  [230, 105, 40],
  [178, 44, 10],
];
const HEX_ALPHA = 170;

/** Fill for a hexagon holding `realLateParcels`, by the ramp's steps (log scale). */
export function getLateHexColor(realLateParcels: number): [number, number, number, number] {
  let step = 0;
  while (step + 1 < LATE_HEX_STEPS.length && realLateParcels >= LATE_HEX_STEPS[step + 1]) step++;
  const color = LATE_HEX_COLORS[step];
  return [color[0], color[1], color[2], HEX_ALPHA];
}

export interface LateHexagon {
  hex: string;
  /** Late parcels in it over the window, real volume. */
  lateParcels: number;
}
