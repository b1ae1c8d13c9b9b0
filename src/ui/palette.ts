/**
 * The one palette the map, the 3D view and the charts share, so a colour means the same thing
 * everywhere. Based on Okabe & Ito's colour-blind-safe set, tuned for a dark background.
 * RGB triples (0-255) because deck.gl takes them as-is; `toCss` for SVG and HTML.
 */

/** Vehicle kinds, indexed like VEHICLE_KINDS in src/sim/simulation.ts. */
export const VEHICLE_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [240, 228, 66], // line-haul truck: yellow
  [86, 180, 233], // delivery van (DSP): sky blue
  [230, 159, 0], // Flex car: orange
  [204, 121, 167], // USPS: reddish purple
  [0, 158, 115], // regional carrier: bluish green
];

export const VEHICLE_LABELS = ['Line-haul truck', 'Delivery van', 'Flex driver', 'USPS', 'Regional carrier'];

/** Facility kinds, indexed like FACILITY_KINDS in src/sim/simulation.ts. */
export const FACILITY_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [255, 255, 255], // fulfillment center: white (the 3D view's subject stands out)
  [0, 114, 178], // sortation center: blue
  [86, 180, 233], // delivery station: sky blue
  [204, 121, 167], // carrier hub: reddish purple
];

export const FACILITY_LABELS = ['Fulfillment center', 'Sortation center', 'Delivery station', 'Carrier hub'];

/** Lateness and backlog ramp: on time (green) to late (vermillion). */
/**
 * "Your order": magenta, outside the Okabe-Ito set the vehicles and facilities use, so the
 * followed parcel never reads as a line-haul truck (yellow) or a USPS van (reddish purple) —
 * on the map, in the panels and in the 3D scene alike.
 */
export const ORDER_COLOR = [255, 63, 208] as const;
export const ORDER_CSS = '#ff3fd0';

export const ON_TIME_COLOR = [0, 158, 115] as const;
export const LATE_COLOR = [213, 94, 0] as const;

export function toCss(rgb: readonly [number, number, number] | readonly number[], alpha = 1): string {
  return alpha >= 1 ? `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]})` : `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]} / ${alpha})`;
}
