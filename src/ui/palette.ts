/**
 * The one palette the map, the 3D view and the charts share, so a colour means the same thing
 * everywhere. Based on Okabe & Ito's colour-blind-safe set, tuned for a dark background.
 * RGB triples (0-255) because deck.gl takes them as-is; `toCss` for SVG and HTML.
 */

type Rgb = readonly [number, number, number];

/** Okabe & Ito's colours by name; every other colour here is one of these or a neutral. */
export const OKABE_ITO = {
  orange: [230, 159, 0],
  skyBlue: [86, 180, 233],
  bluishGreen: [0, 158, 115],
  yellow: [240, 228, 66],
  blue: [0, 114, 178],
  vermillion: [213, 94, 0],
  reddishPurple: [204, 121, 167],
} as const satisfies Record<string, Rgb>;

/** Text on the dark background (styles.css --text), and a muted grey for totals and neutral bars. */
export const INK_COLOR = [227, 235, 243] as const;
export const MUTED_COLOR = [143, 163, 184] as const;
/** The page's background (styles.css --bg): behind exported pictures and video frames. */
export const PAGE_BACKGROUND_COLOR = [11, 22, 34] as const;

/** Vehicle kinds, indexed like VEHICLE_KINDS in src/sim/simulation.ts. */
export const VEHICLE_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  OKABE_ITO.yellow, // line-haul truck
  OKABE_ITO.skyBlue, // delivery van (DSP)
  OKABE_ITO.orange, // Flex car
  OKABE_ITO.reddishPurple, // USPS
  OKABE_ITO.bluishGreen, // regional carrier
];

export const VEHICLE_LABELS = ['Line-haul truck', 'Delivery van', 'Flex driver', 'USPS', 'Regional carrier'];

/** Facility kinds, indexed like FACILITY_KINDS in src/sim/simulation.ts. */
export const FACILITY_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [255, 255, 255], // fulfillment center: white (the 3D view's subject stands out)
  OKABE_ITO.blue, // sortation center
  OKABE_ITO.skyBlue, // delivery station
  OKABE_ITO.reddishPurple, // carrier hub
];

export const FACILITY_LABELS = ['Fulfillment center', 'Sortation center', 'Delivery station', 'Carrier hub'];

/**
 * "Your order": magenta, outside the Okabe-Ito set the vehicles and facilities use, so the
 * followed parcel never reads as a line-haul truck (yellow) or a USPS van (reddish purple) —
 * on the map, in the panels and in the 3D scene alike.
 */
export const ORDER_COLOR = [255, 63, 208] as const;
/** As hex, for three.js materials (which do not read CSS4 space-separated rgb()). */
export const ORDER_CSS = '#ff3fd0';

/** On time (green) and late (vermillion): lateness, backlog, better and worse. */
export const ON_TIME_COLOR = OKABE_ITO.bluishGreen;
export const LATE_COLOR = OKABE_ITO.vermillion;
/** Scenario B wherever it is drawn beside A (dashed lines, the compare panel). */
export const SCENARIO_B_COLOR = OKABE_ITO.reddishPurple;

export function toCss(rgb: readonly [number, number, number] | readonly number[], alpha = 1): string {
  return alpha >= 1 ? `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]})` : `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]} / ${alpha})`;
}
