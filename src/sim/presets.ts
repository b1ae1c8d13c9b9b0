/**
 * Named scenarios as data: a description, parameter overrides and where on the calendar the
 * run starts. The UI lists them; `npm run sim -- --preset <name>` runs one.
 */
import type { Params } from './params';

export interface Preset {
  name: string;
  label: string;
  description: string;
  /** Calendar day at sim time 0 (written into startDayOfYear). */
  startDayOfYear: number;
  overrides: Partial<Params>;
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'default',
    label: 'An ordinary week',
    description: 'Mid-September: no calendar peak, fair weather, calibrated defaults.',
    startDayOfYear: 260,
    overrides: {},
  },
  {
    name: 'prime-day',
    label: 'Prime Day',
    description: 'Starts the day before the two Prime Day days (2x demand, CALIBRATION.md).',
    startDayOfYear: 195,
    overrides: {},
  },
  {
    name: 'cyber-week',
    label: 'Cyber Week',
    description: 'Thanksgiving to Cyber Monday at ~1.3x, running into the December peak.',
    startDayOfYear: 330,
    overrides: {},
  },
  {
    name: 'december-peak',
    label: 'December peak',
    description: 'Mid-December at 1.45x with a stormier sky.',
    startDayOfYear: 342,
    overrides: { stormChancePerDay: 0.15 },
  },
  {
    name: 'winter-storm',
    label: 'Winter storm',
    description: 'January with storms common and slow roads: watch line-haul times stretch.',
    startDayOfYear: 20,
    overrides: { stormChancePerDay: 0.6, stormSpeedFactor: 0.45 },
  },
  {
    name: 'poor-forecast',
    label: 'Poor forecast',
    description: 'Pre-positioning gets half the items into the buyer’s region: longer hauls.',
    startDayOfYear: 260,
    overrides: { forecastAccuracy: 0.5 },
  },
  {
    name: 'fewer-robots',
    label: 'Fewer robots',
    description: 'A third of the drive units: picking becomes the bottleneck.',
    startDayOfYear: 260,
    overrides: { robotsPerFc: 1500 },
  },
  {
    name: 'usps-disruption',
    label: 'USPS disruption',
    description:
      'USPS charges 4x and takes nothing over 2 kg: vans, Flex and regional carriers absorb its parcels.',
    startDayOfYear: 260,
    overrides: { uspsRatePerParcelUsd: 8, uspsMaxWeightKg: 2 },
  },
  {
    name: 'flex-pay-cut',
    label: 'Flex pay cut',
    description: 'Flex pay down to $15/h: fewer blocks taken, more parcels wait for a later wave.',
    startDayOfYear: 260,
    overrides: { flexPayPerHourUsd: 15 },
  },
  {
    name: 'no-pre-positioning',
    label: 'No pre-positioning',
    description:
      'No forecast: items sit wherever stock happens to be and ship from any FC outside the buyer’s region, on long hauls; the storefront stops offering next-day.',
    startDayOfYear: 260,
    overrides: { forecastAccuracy: 0 },
  },
  {
    name: 'no-route-optimisation',
    label: 'No route optimisation',
    description: 'Vans drive their stops in arrival order: see the miles and hours optimisation saves.',
    startDayOfYear: 260,
    overrides: { optimiser: 'none' },
  },
];

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((preset) => preset.name === name);
}

/** The preset's parameters on top of `base`. */
export function applyPreset(base: Params, preset: Preset): Params {
  return { ...base, ...preset.overrides, startDayOfYear: preset.startDayOfYear };
}
