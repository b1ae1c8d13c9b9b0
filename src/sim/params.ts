/**
 * Every model parameter, declared once. Sliders, URL state, CLI flags, validation and docs are
 * generated from PARAM_DECLARATIONS; nothing else in the app restates a range or a default.
 * `source` cites a row of shared/CALIBRATION.md (A = our assumption, no source found).
 */
import { parseNetworkEdits } from './networkEdits';

export const PARAM_GROUPS = [
  'demand',
  'fulfillment',
  'lineHaul',
  'lastMile',
  'flex',
  'carriers',
  'weather',
  'optimisation',
] as const;
export type ParamGroup = (typeof PARAM_GROUPS)[number];

/**
 * Who drives line-haul trucks: a solo driver stops as hours of service require; a team takes
 * turns and keeps going; `mixed` puts a team on a lane only where a solo driver would have to
 * rest on the way (more than 11 h of driving), as carriers do because a team costs more a mile.
 */
export const LINE_HAUL_DRIVERS = ['solo', 'team', 'mixed'] as const;
export type LineHaulDrivers = (typeof LINE_HAUL_DRIVERS)[number];

/** The last-mile route optimisers a user can pick (waveRoutes.ts maps them to the routing library's). */
export const OPTIMISERS = ['none', 'nearestNeighbour', 'savingsLocalSearch'] as const;
export type Optimiser = (typeof OPTIMISERS)[number];

interface DeclarationBase {
  key: string;
  label: string;
  group: ParamGroup;
  description: string;
  /** True when a change rebuilds the network (facility counts, service areas). */
  needsRebuild: boolean;
  /** CALIBRATION.md row the default comes from, with its confidence (H, M, L, A). */
  source: string;
}
export interface NumberParamDeclaration extends DeclarationBase {
  kind: 'number';
  unit: string;
  min: number;
  max: number;
  step: number;
  default: number;
}
export interface ChoiceParamDeclaration extends DeclarationBase {
  kind: 'choice';
  options: readonly string[];
  default: string;
}
/** The network edits (networkEdits.ts): a plan in the edits grammar, '' for none. */
export interface EditsParamDeclaration extends DeclarationBase {
  kind: 'edits';
  default: string;
}
export type ParamDeclaration = NumberParamDeclaration | ChoiceParamDeclaration | EditsParamDeclaration;

export const PARAM_DECLARATIONS = [
  // demand
  {
    kind: 'number',
    key: 'scale',
    label: 'Scale',
    unit: 'fraction of real volume',
    min: 0.0005,
    max: 1,
    step: 0.0005,
    default: 0.01,
    group: 'demand',
    description:
      'Fraction of real US volume simulated; each parcel stands for 1/scale real ones and facility and trailer capacities scale with it.',
    needsRebuild: false,
    source: 'A: 0.01 lets the browser run the default scenario at 3,600x',
  },
  {
    kind: 'number',
    key: 'parcelsPerDay',
    label: 'Parcels per day (at scale 1)',
    unit: 'parcels/day',
    min: 1_000_000,
    max: 40_000_000,
    step: 100_000,
    default: 17_300_000,
    group: 'demand',
    description: 'Average daily parcels of the whole network before calendar peaks and the multiplier.',
    needsRebuild: false,
    source: 'Volume: Amazon Logistics US parcels per day 17.3 M (Pitney Bowes 2024, H)',
  },
  {
    kind: 'number',
    key: 'demandMultiplier',
    label: 'Demand multiplier',
    unit: 'x',
    min: 0,
    max: 4,
    step: 0.05,
    default: 1,
    group: 'demand',
    description: 'Free multiplier on all demand, on top of the calendar.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'startDayOfYear',
    label: 'Start day of year',
    unit: 'day (1 = Jan 1)',
    min: 1,
    max: 365,
    step: 1,
    default: 260,
    group: 'demand',
    description:
      'Calendar day at sim time 0; decides which peaks (Prime Day, Cyber Week, December) the run meets.',
    needsRebuild: false,
    source: 'A: mid-September, an ordinary week',
  },
  {
    kind: 'number',
    key: 'primeDayMultiplier',
    label: 'Prime Day uplift',
    unit: 'x',
    min: 1,
    max: 3,
    step: 0.05,
    default: 2,
    group: 'demand',
    description: 'Demand multiplier on the two Prime Day days (days 196-197).',
    needsRebuild: false,
    source: 'Volume: Prime Day uplift 2.0x for 2 days (Red Stag, L)',
  },
  {
    kind: 'number',
    key: 'cyberWeekMultiplier',
    label: 'Cyber Week uplift',
    unit: 'x',
    min: 1,
    max: 3,
    step: 0.05,
    default: 1.3,
    group: 'demand',
    description: 'Demand multiplier from Thanksgiving to Cyber Monday (days 331-335).',
    needsRebuild: false,
    source: 'Volume: December peak row, industry Cyber Week ~1.3x (ShipMatrix, M)',
  },
  {
    kind: 'number',
    key: 'decemberMultiplier',
    label: 'December uplift',
    unit: 'x',
    min: 1,
    max: 3,
    step: 0.05,
    default: 1.45,
    group: 'demand',
    description: 'Demand multiplier from December 1 to December 20 (days 335-354).',
    needsRebuild: false,
    source: 'Volume: December peak 1.45x (ShipMatrix, M)',
  },
  {
    kind: 'number',
    key: 'weekendDemandFactor',
    label: 'Weekend demand',
    unit: 'x',
    min: 0.5,
    max: 1.5,
    step: 0.05,
    default: 1,
    group: 'demand',
    description: 'Demand on Saturdays and Sundays relative to weekdays (day 1 of the year is a Thursday).',
    needsRebuild: false,
    source: 'Volume: day of week flat (sources conflict, A)',
  },
  {
    kind: 'number',
    key: 'sameDayShare',
    label: 'Same-day share',
    unit: 'fraction',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.2,
    group: 'demand',
    description:
      'Share of buyers asking for same-day delivery (12:00 local cut-off); the storefront offers it only where the path from the FC allows, else the fastest promise it can keep.',
    needsRebuild: false,
    source:
      'Speed: pure same-day share 12-15% (Red Stag, L) asked for; offered only where the path allows (A)',
  },
  {
    kind: 'number',
    key: 'nextDayShare',
    label: 'Next-day share',
    unit: 'fraction',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.6,
    group: 'demand',
    description:
      'Share of buyers asking for next-day delivery; offered where the path allows, so same-day + next-day promised comes out ~60% in the top metros.',
    needsRebuild: false,
    source:
      'Speed: same-day or next-day share 60% in the top 60 metros (Amazon 2024, H): 80% ask, ~3 in 4 of those paths allow it',
  },
  {
    kind: 'number',
    key: 'twoDayShare',
    label: 'Two-day share',
    unit: 'fraction',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.12,
    group: 'demand',
    description:
      'Share of buyers asking for two-day delivery; the rest ask for standard (five days). A slower promise is offered where the path needs it.',
    needsRebuild: false,
    source: 'A: the buyers who choose a slower, consolidated delivery',
  },
  {
    kind: 'number',
    key: 'medianParcelWeightKg',
    label: 'Median parcel weight',
    unit: 'kg',
    min: 0.1,
    max: 10,
    step: 0.1,
    default: 1,
    group: 'demand',
    description: 'Median of the log-normal parcel weight (spread 0.9 in log space, clamped to 0.05-30 kg).',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'outsideMetroDemandShare',
    label: 'Demand outside metros',
    unit: 'fraction',
    min: 0,
    max: 0.6,
    step: 0.01,
    default: 0.2,
    group: 'demand',
    description: 'Share of orders from addresses outside every service area (rural and small towns).',
    needsRebuild: false,
    source: 'A: ~25% of Americans live outside the 150 largest metros',
  },
  // fulfillment
  {
    kind: 'number',
    key: 'fulfillmentCenterCount',
    label: 'Fulfillment centers',
    unit: 'sites',
    min: 8,
    max: 400,
    step: 1,
    default: 80,
    group: 'fulfillment',
    description:
      'Fulfillment centers that ship parcels (sortable, robotic), apportioned to metros by population.',
    needsRebuild: true,
    source:
      'FC: throughput 300k-600k items/day typical (Bloomberg, M): 17.3 M parcels x 1.5 items fill 80 FCs at 325k a day; the 190 FCs (MWPVL, L) include non-sortable and specialty sites (A)',
  },
  {
    kind: 'number',
    key: 'regionCount',
    label: 'Regions',
    unit: 'regions',
    min: 1,
    max: 12,
    step: 1,
    default: 8,
    group: 'fulfillment',
    description: 'Regions the network is split into; pre-positioning aims to ship from the buyer’s region.',
    needsRebuild: true,
    source: 'Network: regions 8 (Amazon Science, H)',
  },
  {
    kind: 'number',
    key: 'forecastAccuracy',
    label: 'Forecast accuracy',
    unit: 'fraction',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.76,
    group: 'fulfillment',
    description:
      'Chance the ordered item was pre-positioned in an FC of the buyer’s region; a miss ships from another region. The sourcing plan, lanes and sortation sizes are planned for it.',
    needsRebuild: true,
    source: 'Speed: orders fulfilled in-region 76% (Amazon Science, H)',
  },
  {
    kind: 'number',
    key: 'robotsPerFc',
    label: 'Robots per FC',
    unit: 'drive units',
    min: 0,
    max: 20_000,
    step: 100,
    default: 5_500,
    group: 'fulfillment',
    description:
      'Robotic drive units that bring pods to the pick stations, at an FC of mean size (each FC is equipped to its planned volume).',
    needsRebuild: false,
    source:
      'FC: robots ~1 M across 300+ sites (trade press, M); a sortable FC holds more than the average site (A): 5,500 x 6 units/h = 33k units/h',
  },
  {
    kind: 'number',
    key: 'unitsPerRobotHour',
    label: 'Units per robot-hour',
    unit: 'units/h',
    min: 1,
    max: 30,
    step: 0.5,
    default: 6,
    group: 'fulfillment',
    description: 'Units a drive unit feeds to pick stations per hour (pod trip of ~10 min with queueing).',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'pickStationsPerFc',
    label: 'Pick stations per FC',
    unit: 'stations',
    min: 1,
    max: 300,
    step: 1,
    default: 110,
    group: 'fulfillment',
    description: 'Robotic pick stations at an FC of mean size.',
    needsRebuild: false,
    source:
      'FC: FC throughput 300k-600k items/day (Bloomberg, M/A); 110 x 300/h x 20 h = 660k capacity for a 325k day, 470k at the December peak',
  },
  {
    kind: 'number',
    key: 'pickRatePerStationHour',
    label: 'Pick rate',
    unit: 'units/h per station',
    min: 50,
    max: 600,
    step: 10,
    default: 300,
    group: 'fulfillment',
    description: 'Units one pick station picks per hour.',
    needsRebuild: false,
    source: 'FC: robotic pick station rate 300 units/h (NYT, M)',
  },
  {
    kind: 'number',
    key: 'itemsPerParcel',
    label: 'Items per parcel',
    unit: 'units',
    min: 1,
    max: 5,
    step: 0.1,
    default: 1.5,
    group: 'fulfillment',
    description: 'Units picked per parcel shipped.',
    needsRebuild: false,
    source: 'Volume: items per order 1.5 (Capital One Shopping, L)',
  },
  {
    kind: 'number',
    key: 'packStationsPerFc',
    label: 'Pack stations per FC',
    unit: 'stations',
    min: 1,
    max: 300,
    step: 1,
    default: 130,
    group: 'fulfillment',
    description: 'Pack stations at an FC of mean size.',
    needsRebuild: false,
    source: 'A: matched to the pick capacity',
  },
  {
    kind: 'number',
    key: 'packRatePerStationHour',
    label: 'Pack rate',
    unit: 'parcels/h per station',
    min: 50,
    max: 600,
    step: 10,
    default: 250,
    group: 'fulfillment',
    description: 'Parcels one pack station packs per hour.',
    needsRebuild: false,
    source: 'FC: stow, pack rates 250 units/h (A)',
  },
  {
    kind: 'number',
    key: 'slamRatePerFcHour',
    label: 'SLAM and sort rate',
    unit: 'parcels/h per FC',
    min: 500,
    max: 60_000,
    step: 500,
    default: 30_000,
    group: 'fulfillment',
    description: 'Scan, label, manifest (SLAM) and sort-to-trailer rate at an FC of mean size.',
    needsRebuild: false,
    source: 'A: matched to the pick capacity',
  },
  {
    kind: 'number',
    key: 'packQueueCapacityParcels',
    label: 'Pack buffer',
    unit: 'totes per FC',
    min: 100,
    max: 100_000,
    step: 100,
    default: 8_000,
    group: 'fulfillment',
    description: 'Totes waiting for packing an FC can hold; picking stops while it is full.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'fcShiftStartHour',
    label: 'First shift starts',
    unit: 'h local',
    min: 0,
    max: 23,
    step: 1,
    default: 6,
    group: 'fulfillment',
    description: 'Local hour the FC day (first of two shifts) starts.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'fcStaffedHoursPerDay',
    label: 'Staffed hours per day',
    unit: 'h',
    min: 1,
    max: 24,
    step: 0.5,
    default: 20,
    group: 'fulfillment',
    description: 'Hours per day the FC picks and packs (two 10 h shifts).',
    needsRebuild: false,
    source: 'A',
  },
  // line-haul
  {
    kind: 'number',
    key: 'sortationCenterCount',
    label: 'Sortation centers',
    unit: 'sites',
    min: 4,
    max: 300,
    step: 1,
    default: 106,
    group: 'lineHaul',
    description: 'Sortation centers, apportioned to metros by population.',
    needsRebuild: true,
    source: 'Network: sortation centers 106 (MWPVL, M)',
  },
  {
    kind: 'number',
    key: 'deliveryStationCount',
    label: 'Delivery stations',
    unit: 'sites',
    min: 150,
    max: 1500,
    step: 10,
    default: 600,
    group: 'lineHaul',
    description: 'Delivery stations: at least one per metro, the rest apportioned by population.',
    needsRebuild: true,
    source: 'Network: delivery stations ~600 (NYT / MWPVL 2021, M)',
  },
  {
    kind: 'number',
    key: 'serviceRadiusKm',
    label: 'Service radius',
    unit: 'km',
    min: 5,
    max: 80,
    step: 1,
    default: 28,
    group: 'lineHaul',
    description:
      'How far a delivery station’s area reaches over land (28 km: 17.4 miles), up to where another station is nearer.',
    needsRebuild: true,
    source: 'Network: delivery-station service radius 15-20 miles (local news, M)',
  },
  {
    kind: 'edits',
    key: 'networkEdits',
    label: 'Network edits',
    default: '',
    group: 'lineHaul',
    description:
      'Facilities added, removed, taken offline or re-equipped, each at a sim time (networkEdits.ts: add:station:-104.99,39.74@day2; outage:f12:day2-day3; remove:f12@day4; capacity:f12:robots=300).',
    needsRebuild: true,
    source: "A: a person's what-if, not a calibrated figure",
  },
  {
    kind: 'number',
    key: 'highwayNeighbours',
    label: 'Highway links per metro',
    unit: 'links',
    min: 2,
    max: 8,
    step: 1,
    default: 4,
    group: 'lineHaul',
    description: 'Each metro links to this many nearest metros (plus a spanning tree so all connect).',
    needsRebuild: true,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'roadDistanceFactor',
    label: 'Road distance factor',
    unit: 'x great-circle',
    min: 1,
    max: 2,
    step: 0.05,
    default: 1.2,
    group: 'lineHaul',
    description:
      'Road distance between two facilities as a multiple of the great-circle one; a route that bends through metros on its way drives at least its own length.',
    needsRebuild: false,
    source: 'A: the issue’s ~1.2x',
  },
  {
    kind: 'number',
    key: 'truckSpeedMph',
    label: 'Truck speed (interstate)',
    unit: 'mph',
    min: 20,
    max: 75,
    step: 1,
    default: 50,
    group: 'lineHaul',
    description: 'Moving speed on the interstates between metros; on metro streets at either end, 50% of it.',
    needsRebuild: false,
    source: 'Line-haul: truck speed 50 mph moving (A)',
  },
  {
    kind: 'number',
    key: 'rushHourSpeedFactor',
    label: 'Rush-hour speed',
    unit: 'x',
    min: 0.3,
    max: 1,
    step: 0.05,
    default: 0.75,
    group: 'lineHaul',
    description: 'Speed multiplier on links entered 07:00-09:00 and 16:00-19:00 local.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'choice',
    key: 'lineHaulDrivers',
    label: 'Line-haul drivers',
    options: LINE_HAUL_DRIVERS,
    default: 'mixed',
    group: 'lineHaul',
    description:
      'Solo drivers take a 30 min break after 8 h driving and 10 h off after 11 h; teams take turns and keep going at a second driver’s wage a mile; mixed: teams on lanes over 11 h of driving, and where rush hour at departure would push a solo driver past 11 h.',
    needsRebuild: false,
    source:
      'Line-haul: hours of service 11 h driving, 10 h off, 30 min break after 8 h (FMCSA, H); a team where it saves the 10 h rest (A)',
  },
  {
    kind: 'number',
    key: 'trailerCapacityParcels',
    label: 'Trailer capacity',
    unit: 'parcels (at scale 1)',
    min: 100,
    max: 8_000,
    step: 100,
    default: 4_000,
    group: 'lineHaul',
    description: 'Parcels in a 53 ft trailer; scaled by `scale` in the model.',
    needsRebuild: false,
    source: 'Line-haul: 53 ft trailer ~4,000 parcels (trailer specs, H/L)',
  },
  {
    kind: 'number',
    key: 'fcDeparturesPerDay',
    label: 'FC departures per day',
    unit: 'per lane',
    min: 1,
    max: 24,
    step: 1,
    default: 6,
    group: 'lineHaul',
    description:
      'Scheduled departures (carrier cut-offs) per FC outbound lane, evenly spaced from midnight local.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'minTrailerFill',
    label: 'Minimum fill to depart',
    unit: 'fraction',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.3,
    group: 'lineHaul',
    description:
      'At a scheduled FC departure a trailer leaves only this full, unless its oldest parcel waited the hold limit.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'maxTrailerHoldH',
    label: 'Longest hold',
    unit: 'h',
    min: 0,
    max: 48,
    step: 1,
    default: 12,
    group: 'lineHaul',
    description: 'A trailer whose oldest parcel waited this long leaves at the next scheduled departure.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'sortCenterRatePerHour',
    label: 'Sortation center rate',
    unit: 'parcels/h per site',
    min: 500,
    max: 100_000,
    step: 500,
    default: 15_000,
    group: 'lineHaul',
    description:
      'Mean sort rate of a sortation center; each site is sized to its catchment (stations it feeds, FCs it collects from, hub inflow).',
    needsRebuild: false,
    source: 'A: 17.3 M x ~1.5 sorts per parcel / 106 sites = 10k/h, plus headroom',
  },
  {
    kind: 'number',
    key: 'sortCenterDepartureIntervalH',
    label: 'Sortation departures every',
    unit: 'h',
    min: 0.5,
    max: 12,
    step: 0.5,
    default: 2,
    group: 'lineHaul',
    description: 'Interval between scheduled trailers from a sortation center to each of its stations.',
    needsRebuild: false,
    source: 'Last mile: station dispatch, 25-30 inbound trailers 21:00-04:30 (local news, M)',
  },
  {
    kind: 'number',
    key: 'stationSortRatePerHour',
    label: 'Station sort rate',
    unit: 'parcels/h per station',
    min: 200,
    max: 30_000,
    step: 100,
    default: 4_000,
    group: 'lineHaul',
    description: 'Parcels a delivery station sorts to routes per hour.',
    needsRebuild: false,
    source: 'A: 17.3 M / 600 stations = 29k/day',
  },
  {
    kind: 'number',
    key: 'truckCostPerMileUsd',
    label: 'Truck cost per mile',
    unit: 'USD/mile',
    min: 0.5,
    max: 6,
    step: 0.01,
    default: 2.26,
    group: 'lineHaul',
    description: 'Operating cost of a line-haul truck per mile.',
    needsRebuild: false,
    source: 'Cost: truck operating cost $2.26/mile (ATRI 2024, H)',
  },
  // last mile
  {
    kind: 'number',
    key: 'firstWaveHour',
    label: 'First dispatch wave',
    unit: 'h local',
    min: 0,
    max: 23,
    step: 0.5,
    default: 10,
    group: 'lastMile',
    description:
      "Local hour a time zone's stations dispatch their first wave, on average: each station loads out at its own time within half an hour of it (its overnight sort ends when it ends). Ready parcels are handed to the last mile then.",
    needsRebuild: false,
    source: 'Last mile: first wave ~10:00-10:30 (local news, M)',
  },
  {
    kind: 'number',
    key: 'vansPerStation',
    label: 'Vans per station',
    unit: 'vans',
    min: 0,
    max: 400,
    step: 5,
    default: 75,
    group: 'lastMile',
    description:
      'DSP vans (one route a day each) at a delivery station of mean volume in a network of 600 stations; each station’s fleet is sized to its volume. Flex takes what they cannot.',
    needsRebuild: false,
    source:
      'A: sized so vans carry ~95% of an ordinary day’s own-fleet parcels (17.3 M x ~74% / ~270 per route / 600 stations ≈ 79 routes; stations reaching 15-20 miles keep rural doors within reach on their own fleet); DSP ~110k vans (CNBC, M/H) include spares and peak vans',
  },
  {
    kind: 'number',
    key: 'vanCapacityParcels',
    label: 'Van capacity',
    unit: 'parcels',
    min: 50,
    max: 500,
    step: 10,
    default: 300,
    group: 'lastMile',
    description: 'Parcels a DSP van carries.',
    needsRebuild: false,
    source: 'DSP: van 700 cu ft, ~300 parcels (Automotive News, H/A)',
  },
  {
    kind: 'number',
    key: 'vanShiftH',
    label: 'Van shift',
    unit: 'h',
    min: 4,
    max: 12,
    step: 0.5,
    default: 10,
    group: 'lastMile',
    description: 'Length of a DSP driver’s shift.',
    needsRebuild: false,
    source: 'DSP: route 10 h shift (industry write-ups, L)',
  },
  {
    kind: 'number',
    key: 'stopsPerHour',
    label: 'Stops per hour',
    unit: 'stops/h',
    min: 5,
    max: 60,
    step: 1,
    default: 25,
    group: 'lastMile',
    description: 'Stops a van driver makes per hour including driving between them.',
    needsRebuild: false,
    source: 'DSP: 20-30 stops/h (industry write-ups, L)',
  },
  {
    kind: 'number',
    key: 'vanCostPerHourUsd',
    label: 'Van cost per route hour',
    unit: 'USD/h',
    min: 10,
    max: 150,
    step: 1,
    default: 45,
    group: 'lastMile',
    description: 'Driver, van and DSP overhead per route hour.',
    needsRebuild: false,
    source: 'Cost: last-mile cost per drop $6-12 (benchmark sites, L) / A',
  },
  {
    kind: 'number',
    key: 'vanCostPerStopUsd',
    label: 'Van cost per stop',
    unit: 'USD/stop',
    min: 0,
    max: 5,
    step: 0.05,
    default: 0.4,
    group: 'lastMile',
    description: 'Fuel, wear and scanning per door stop, on top of the route hours.',
    needsRebuild: false,
    source: 'A',
  },
  // flex
  {
    kind: 'number',
    key: 'flexPayPerHourUsd',
    label: 'Flex pay',
    unit: 'USD/h',
    min: 10,
    max: 60,
    step: 0.5,
    default: 20,
    group: 'flex',
    description: 'Pay per block hour offered to Flex drivers.',
    needsRebuild: false,
    source: 'Flex: pay $18-25/h, mean ~$20/h (Ars Technica; Money, H)',
  },
  {
    kind: 'number',
    key: 'flexBlockH',
    label: 'Flex block length',
    unit: 'h',
    min: 1,
    max: 8,
    step: 0.5,
    default: 3,
    group: 'flex',
    description: 'Length of a Flex block.',
    needsRebuild: false,
    source: 'Flex: block length 3 h (driver reports, M)',
  },
  {
    kind: 'number',
    key: 'flexCapacityParcels',
    label: 'Flex car capacity',
    unit: 'parcels',
    min: 5,
    max: 150,
    step: 5,
    default: 60,
    group: 'flex',
    description: 'Parcels a Flex driver’s car carries per block.',
    needsRebuild: false,
    source:
      'Flex: load per block 40-80 parcels (driver reports, L): the middle; the block’s hours decide how many a far block carries (~38 to the edge of a 17-mile area), and a driver then earns Amazon’s $18-25 per hour worked (H; at 40 parcels a block was done in ~2.1 h, $26.5 an hour)',
  },
  {
    kind: 'number',
    key: 'flexSurgePay',
    label: 'Flex surge pay at peaks',
    unit: 'fraction',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.3,
    group: 'flex',
    description: 'Extra pay on blocks offered during calendar peaks.',
    needsRebuild: false,
    source: 'Flex: surge pay +20-50% (A)',
  },
  {
    kind: 'number',
    key: 'flexDriversPerStation',
    label: 'Flex drivers per station',
    unit: 'blocks/day',
    min: 0,
    max: 1000,
    step: 10,
    default: 170,
    group: 'flex',
    description:
      'Blocks the Flex drivers around a station of mean volume can take in a day on an ordinary day (the pool is finite: Flex overflows vans, it cannot replace them); each station’s pool is sized to its volume and grows with a peak’s volume and its surge pay.',
    needsRebuild: false,
    source:
      'A: no public figure; sized so a December peak (1.45x, ~100 blocks of 60 parcels a day at a mean station, far more at busy ones) fits the pool as it grows with the peak and its surge pay, while vans cut to 10 a station leave parcels undelivered (Flex overflows the vans, it cannot replace them); ~10,000 parcels a day, 250 blocks of 40 before',
  },
  {
    kind: 'number',
    key: 'flexBaseAcceptance',
    label: 'Flex acceptance at $20/h',
    unit: 'probability',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.8,
    group: 'flex',
    description: 'Chance a block offered at $20/h in fair weather is taken.',
    needsRebuild: false,
    source: 'A',
  },
  // carriers
  {
    kind: 'number',
    key: 'uspsRatePerParcelUsd',
    label: 'USPS rate',
    unit: 'USD/parcel',
    min: 0.5,
    max: 10,
    step: 0.05,
    default: 2,
    group: 'carriers',
    description:
      'Parcel Select rate Amazon pays USPS for a 1 kg parcel; lighter parcels pay less (down to 40% of it), heavier ones 12% more a kg, and from October to mid-January a peak surcharge is added.',
    needsRebuild: false,
    source: 'Carriers: USPS rate to Amazon ~$2/parcel (Bernstein via LA Times, M)',
  },
  {
    kind: 'number',
    key: 'uspsMaxWeightKg',
    label: 'USPS weight limit',
    unit: 'kg',
    min: 0.5,
    max: 30,
    step: 0.5,
    default: 9,
    group: 'carriers',
    description: 'Heaviest parcel handed to USPS at the base rate.',
    needsRebuild: false,
    source: 'Carriers: USPS role, light parcels (USPS statements, M) / A',
  },
  {
    kind: 'number',
    key: 'regionalRatePerParcelUsd',
    label: 'Regional carrier rate',
    unit: 'USD/parcel',
    min: 1,
    max: 20,
    step: 0.05,
    default: 5,
    group: 'carriers',
    description:
      'Rate a regional carrier charges per overflow parcel of up to 1 kg (8% more a kg above it); from late October to mid-January a $0.50 peak surcharge is added.',
    needsRebuild: false,
    source: 'Carriers: regional carriers (Pitney Bowes, L) / A',
  },
  // weather
  {
    kind: 'number',
    key: 'stormChancePerDay',
    label: 'Storm chance',
    unit: 'per region per day',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.05,
    group: 'weather',
    description: 'Chance a region’s weather turns stormy on a given day (checked every 6 h).',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'stormSpeedFactor',
    label: 'Storm speed',
    unit: 'x',
    min: 0.2,
    max: 1,
    step: 0.05,
    default: 0.6,
    group: 'weather',
    description: 'Speed multiplier on roads in a stormy region.',
    needsRebuild: false,
    source: 'A',
  },
  // optimisation
  {
    kind: 'choice',
    key: 'optimiser',
    label: 'Route optimiser',
    options: OPTIMISERS,
    default: 'savingsLocalSearch',
    group: 'optimisation',
    description:
      'How a station turns a wave into routes: arrival order, nearest neighbour, or savings + local search.',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'optimiserTimeBudgetMs',
    label: 'Optimiser time budget',
    unit: 'ms per wave',
    min: 0,
    max: 2_000,
    step: 1,
    default: 0,
    group: 'optimisation',
    description:
      'Route optimiser budget per station wave, as work not wall time (runs stay deterministic): every 100 ms buys one ruin-and-recreate iteration per stop after savings + local search (0: savings + local search alone, the default; 50 ms: half an iteration a stop).',
    needsRebuild: false,
    source: 'A',
  },
  {
    kind: 'number',
    key: 'stepS',
    label: 'Time step',
    unit: 's',
    min: 10,
    max: 600,
    step: 10,
    default: 60,
    group: 'optimisation',
    description: 'Fixed step of the bulk flows; vehicles move by events between steps.',
    needsRebuild: false,
    source: 'A: DESIGN.md default 60 s',
  },
] as const satisfies readonly ParamDeclaration[];

type Declared = (typeof PARAM_DECLARATIONS)[number];
export type ParamKey = Declared['key'];
/** A full parameter set: numbers, and choices as their option strings. */
export type Params = {
  [D in Declared as D['key']]: D extends { kind: 'choice'; options: readonly (infer O)[] }
    ? O
    : D extends { kind: 'edits' }
      ? string
      : number;
};

const DECLARATION_BY_KEY = new Map<string, ParamDeclaration>(
  PARAM_DECLARATIONS.map((declaration) => [declaration.key, declaration]),
);

export function getParamDeclaration(key: string): ParamDeclaration | undefined {
  return DECLARATION_BY_KEY.get(key);
}

export function defaultParams(): Params {
  const params: Record<string, number | string> = {};
  for (const declaration of PARAM_DECLARATIONS) params[declaration.key] = declaration.default;
  return params as Params;
}

export function describeRange(declaration: ParamDeclaration): string {
  if (declaration.kind === 'edits')
    return 'network edits separated by ; (add:station:-104.99,39.74@day2, remove:f12@day2, outage:f12:day2-day3, capacity:f12:robots=300)';
  return declaration.kind === 'number'
    ? `${declaration.min} to ${declaration.max} ${declaration.unit}`
    : `one of ${declaration.options.join(', ')}`;
}

/**
 * A bad value as a message shows it: numbers as written (NaN and Infinity too, which JSON would
 * print as null), strings quoted and shortened, anything else by its kind (JSON.stringify would
 * throw on a BigInt or a cycle, and a file or a message may carry either).
 */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function checkValue(declaration: ParamDeclaration, value: unknown): string | null {
  if (declaration.kind === 'edits') {
    if (typeof value !== 'string')
      return `${declaration.key}: ${describeValue(value)} is not valid; expected ${describeRange(declaration)}`;
    const { errors } = parseNetworkEdits(value);
    return errors.length > 0 ? `${declaration.key}: ${errors.join('; ')}` : null;
  }
  if (declaration.kind === 'choice') {
    return typeof value === 'string' && declaration.options.includes(value)
      ? null
      : `${declaration.key}: ${describeValue(value)} is not valid; expected ${describeRange(declaration)}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${declaration.key}: ${describeValue(value)} is not a number; expected ${describeRange(declaration)}`;
  }
  if (value < declaration.min || value > declaration.max) {
    return `${declaration.key}: ${value} is out of range; expected ${describeRange(declaration)}`;
  }
  return null;
}

/**
 * Checks a full or partial parameter object. Missing keys take their defaults (or `base`'s);
 * every error names the parameter and its valid range; `params` holds only valid values.
 */
export function validateParams(
  input: Record<string, unknown>,
  base: Params = defaultParams(),
): { params: Params; errors: string[] } {
  const params: Record<string, unknown> = { ...base };
  const errors: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const declaration = DECLARATION_BY_KEY.get(key);
    if (!declaration) {
      errors.push(`${key}: unknown parameter`);
      continue;
    }
    const error = checkValue(declaration, value);
    if (error) errors.push(error);
    else params[key] = value;
  }
  const promised =
    (params.sameDayShare as number) + (params.nextDayShare as number) + (params.twoDayShare as number);
  if (promised > 1 + 1e-9) {
    errors.push(
      `sameDayShare + nextDayShare + twoDayShare: ${promised.toFixed(2)} exceeds 1; the three shares must sum to 0 to 1`,
    );
  }
  return { params: params as Params, errors };
}

/**
 * Parses `key=value` overrides as they come from CLI flags or URL query pairs (URLSearchParams
 * iterates as [key, value]). Values are parsed by the declared kind; unknown keys and bad values
 * become errors naming the parameter and its range.
 */
export function parseParamOverrides(entries: Iterable<string | readonly [string, string]>): {
  overrides: Partial<Params>;
  errors: string[];
} {
  const overrides: Record<string, number | string> = {};
  const errors: string[] = [];
  for (const entry of entries) {
    let key: string;
    let raw: string;
    if (typeof entry === 'string') {
      const at = entry.indexOf('=');
      if (at < 0) {
        errors.push(`${entry}: expected key=value`);
        continue;
      }
      key = entry.slice(0, at);
      raw = entry.slice(at + 1);
    } else {
      [key, raw] = entry;
    }
    const declaration = DECLARATION_BY_KEY.get(key);
    if (!declaration) {
      errors.push(`${key}: unknown parameter`);
      continue;
    }
    const value = declaration.kind === 'number' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      errors.push(`${key}: ${describeValue(raw)} is not a number; expected ${describeRange(declaration)}`);
      continue;
    }
    const error = checkValue(declaration, value);
    if (error) errors.push(error);
    else overrides[key] = value;
  }
  return { overrides: overrides as Partial<Params>, errors };
}

/** Keys whose change needs a network rebuild. */
export const REBUILD_KEYS: readonly ParamKey[] = PARAM_DECLARATIONS.filter((d) => d.needsRebuild).map(
  (d) => d.key,
);

/**
 * Whether going from `before` to `after` renumbers the facilities: a rebuild for other counts or
 * rules does; network edits keep every facility's id (added ones come after the base network's).
 */
export function renumbersFacilities(before: Params, after: Params): boolean {
  return REBUILD_KEYS.some((key) => key !== 'networkEdits' && before[key] !== after[key]);
}
