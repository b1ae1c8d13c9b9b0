/**
 * What each KPI (kpis.ts) counts and in what unit, in the words of the network: the one place
 * the exports' column guide, and anyone reading a KPI name, learn it from. Keyed by KpiName, so a
 * KPI added without a description fails the build. Whether a KPI is a flow (the hourly series
 * holds the hour's amount) or a level (the value at the hour's end) is FLOW_KPIS / LEVEL_KPIS.
 *
 * Units: `parcels (modelled)` counts the parcels the model simulates, a fraction `scale` of the
 * real ones (x 1 / scale for real-world volume: ui/realVolume.ts's isParcelCountKpi reads this
 * unit to decide what the page and the CSV scale). A modelled trailer carries a real trailer's load at
 * scale, so line-haul trips, miles and costs are real ones; every `...CostUsd` is real money at
 * real volume. A sum (`...Sum`, route stops, miles and hours, flexPayUsd) is meant to be divided
 * by the count its meaning names.
 */
import type { KpiName } from './kpis';

export interface KpiDescription {
  /** What one unit of the figure is: `parcels (modelled)`, `miles`, `USD`, `hours, summed`... */
  unit: string;
  /** What it counts and when, and how to turn a sum into a mean or a rate. */
  meaning: string;
}

/** The unit of every KPI that counts modelled parcels (those with a `.real` column in the CSV). */
export const MODELLED_PARCELS = 'parcels (modelled)';

const parcels = (meaning: string): KpiDescription => ({ unit: MODELLED_PARCELS, meaning });

export const KPI_DESCRIPTIONS: Record<KpiName, KpiDescription> = {
  ordered: parcels(
    "Orders placed, one parcel each: the demand model's and those placed on the page. Summed from the run's start, ordered = liveParcels + delivered.",
  ),
  sourcedInRegion: parcels(
    'Orders sourced from a fulfillment center in the same region as their delivery station. In-region share = sourcedInRegion / ordered.',
  ),
  picked: parcels('Parcels picked at fulfillment centers (same-day orders first).'),
  packed: parcels('Parcels packed at fulfillment centers.'),
  loadedAtFc: parcels(
    'Parcels scanned and labelled (SLAM) at a fulfillment center and put on the lane of an outbound trailer.',
  ),
  lineHaul: parcels('Parcels leaving fulfillment centers on line-haul trailers to a sortation center.'),
  arrivedSortCenter: parcels(
    'Parcels unloaded at a sortation center, from a fulfillment center or another sortation center.',
  ),
  sorted: parcels(
    'Parcels sorted at a sortation center onto the lane of a trailer, for a delivery station or another sortation center.',
  ),
  lineHaulTransfer: parcels(
    'Parcels leaving a sortation center for another sortation center (out-of-region freight).',
  ),
  lineHaulToStation: parcels('Parcels leaving sortation centers on trailers to delivery stations.'),
  atStation: parcels('Parcels unloaded at a delivery station.'),
  readyAtStation: parcels('Parcels sorted at the delivery station: ready for the last mile.'),
  handedToLastMile: parcels(
    'Parcels given a carrier at a dispatch wave: assignedVan + assignedFlex + assignedUsps + assignedRegional.',
  ),
  lineHaulTrips: {
    unit: 'trips',
    meaning:
      'Line-haul trailer departures, every leg (fulfillment center to sortation center, between sortation centers, to a station); a trip counts when its trailer is dispatched.',
  },
  lineHaulMiles: {
    unit: 'miles',
    meaning: 'Road miles of the line-haul trips dispatched. Mean trip = lineHaulMiles / lineHaulTrips.',
  },
  lineHaulCostUsd: {
    unit: 'USD',
    meaning:
      'Cost of the line-haul trips dispatched: their miles x the truck cost per mile, plus the second driver on team-driven trips. Per real parcel = lineHaulCostUsd / lineHaul.real.',
  },
  trailerFillSum: {
    unit: 'trailer fill (0-1), summed over trips',
    meaning:
      "Each dispatched trailer's fill (parcels aboard / capacity, at most 1), summed. Mean fill = trailerFillSum / lineHaulTrips.",
  },
  trailersWaitedForDoor: {
    unit: 'trailers',
    meaning:
      'Trailers that found every dock door busy, to load at departure or to unload on arrival (a trailer can count at both ends).',
  },
  doorWaitHoursSum: {
    unit: 'hours, summed over trailers',
    meaning: 'Hours those trailers waited for a door. Mean wait = doorWaitHoursSum / trailersWaitedForDoor.',
  },
  clickToStationHoursSum: {
    unit: 'hours, summed over parcels',
    meaning:
      'Hours from order to ready at the delivery station, summed over the parcels ready in the hour. Mean = clickToStationHoursSum / readyAtStation.',
  },
  robotBusyHours: {
    unit: 'robot-hours',
    meaning:
      "Hours the fulfillment centers' drive units (real robots) spent bringing shelves to pick stations. Busy share = robotBusyHours / (the network's robots x hours).",
  },
  dueParcels: parcels(
    'Parcels whose promise fell due in the hour (deadline in it), delivered or not: the honest on-time base.',
  ),
  dueOnTime: parcels(
    'Of dueParcels, those at the door by their deadline; one still on its way is late. On-time rate = dueOnTime / dueParcels.',
  ),
  dueSameDay: parcels('dueParcels with a same-day promise.'),
  dueSameDayOnTime: parcels('Of dueSameDay, those at the door by their deadline.'),
  dueNextDay: parcels('dueParcels with a next-day promise.'),
  dueNextDayOnTime: parcels('Of dueNextDay, those at the door by their deadline.'),
  dueTwoDay: parcels('dueParcels with a two-day promise.'),
  dueTwoDayOnTime: parcels('Of dueTwoDay, those at the door by their deadline.'),
  dueStandard: parcels('dueParcels with a standard (five-day) promise.'),
  dueStandardOnTime: parcels('Of dueStandard, those at the door by their deadline.'),
  promisedSameDay: parcels(
    "Orders the storefront promised same-day delivery (21:00 local; next day if ordered after noon), by the hour ordered. The demand model's orders only.",
  ),
  promisedNextDay: parcels(
    "Orders promised next-day delivery, by the hour ordered. The demand model's orders only.",
  ),
  promisedTwoDay: parcels(
    "Orders promised two-day delivery, by the hour ordered. The demand model's orders only.",
  ),
  promisedStandard: parcels(
    "Orders promised standard (five-day) delivery, by the hour ordered. The demand model's orders only.",
  ),
  topMetroOrders: parcels(
    "The demand model's orders from addresses in the 60 largest metros (not rural ones, whatever their station).",
  ),
  topMetroFastPromises: parcels(
    'Of topMetroOrders, those promised same-day or next-day. Share = topMetroFastPromises / topMetroOrders (CALIBRATION: fast-promise share, top 60 metros).',
  ),
  assignedVan: parcels("Parcels loaded on Amazon's delivery vans (DSP routes) at a dispatch wave."),
  assignedFlex: parcels('Parcels on Flex blocks a driver accepted at a dispatch wave.'),
  assignedUsps: parcels('Parcels handed to USPS at a dispatch wave.'),
  assignedRegional: parcels('Parcels handed to a regional carrier at a dispatch wave.'),
  delivered: parcels('Parcels that reached the door, by any carrier, in the hour they arrived.'),
  deliveredOnTime: parcels(
    'Of delivered, those by their promise deadline. deliveredOnTime / delivered counts delivered parcels only; the honest rate is dueOnTime / dueParcels.',
  ),
  lateHoursSum: {
    unit: 'hours, summed over late parcels',
    meaning:
      'Hours past the deadline of the late deliveries, summed. Mean lateness = lateHoursSum / (delivered - deliveredOnTime).',
  },
  clickToDoorHoursSum: {
    unit: 'hours, summed over parcels',
    meaning:
      'Hours from order to door of the parcels delivered, summed. Mean = clickToDoorHoursSum / delivered.',
  },
  vanRoutes: {
    unit: 'routes (modelled)',
    meaning:
      "Van routes that left a delivery station. Each has a real route's stops, miles and hours, and stands for one real route or more (one at the default scale, 0.01).",
  },
  vanStops: {
    unit: 'stops, summed over routes',
    meaning: 'Real stops on the van routes. Stops per route = vanStops / vanRoutes.',
  },
  vanMiles: {
    unit: 'miles, summed over routes',
    meaning: 'Miles the van routes drive. Miles per route = vanMiles / vanRoutes.',
  },
  vanHours: {
    unit: 'hours, summed over routes',
    meaning: 'Hours of the van routes, loading to return. Hours per route = vanHours / vanRoutes.',
  },
  flexRoutes: {
    unit: 'routes (modelled)',
    meaning:
      "Flex routes driven, one per accepted block, every wave. Each has a real block's stops, miles and hours, and stands for one real block or more (flexRealBlocksAccepted).",
  },
  flexStops: {
    unit: 'stops, summed over routes',
    meaning: 'Real stops on the Flex routes. Stops per route = flexStops / flexRoutes.',
  },
  flexParcelsOnRoutes: {
    unit: 'parcels (real), summed over routes',
    meaning:
      "Real parcels the Flex routes carried (a modelled route stands for one real block). Parcels per block = flexParcelsOnRoutes / flexRoutes; counted, not derived from stops, since a later wave's doors take fewer parcels a stop.",
  },
  flexMiles: {
    unit: 'miles, summed over routes',
    meaning: 'Miles the Flex routes drive. Miles per route = flexMiles / flexRoutes.',
  },
  flexHours: {
    unit: 'hours, summed over routes',
    meaning:
      'Hours the Flex routes took, loading to return (a block ends early when its route does). Hours per route = flexHours / flexRoutes.',
  },
  flexSameDayRoutes: {
    unit: 'routes (modelled)',
    meaning:
      "Flex routes of the later (same-day) waves; also in flexRoutes. The rest are the van wave's overflow.",
  },
  flexSameDayStops: {
    unit: 'stops, summed over routes',
    meaning: 'Real stops on the same-day Flex routes; also in flexStops.',
  },
  flexSameDayParcelsOnRoutes: {
    unit: 'parcels (real), summed over routes',
    meaning: 'Real parcels the same-day Flex routes carried; also in flexParcelsOnRoutes.',
  },
  flexBlocksOffered: {
    unit: 'blocks (modelled)',
    meaning: 'Flex blocks offered to drivers. Offered = accepted + unfilled.',
  },
  flexBlocksAccepted: {
    unit: 'blocks (modelled)',
    meaning: 'Flex blocks a driver took (= flexRoutes).',
  },
  flexBlocksUnfilled: {
    unit: 'blocks (modelled)',
    meaning: 'Flex blocks no driver took: declined, or no driver left (flexBlocksNoDriverLeft).',
  },
  flexRealBlocksOffered: {
    unit: 'blocks (real)',
    meaning:
      'flexBlocksOffered as the real blocks they stand for (how many a modelled block stands for depends on its wave and the scale). Acceptance rate = flexRealBlocksAccepted / flexRealBlocksOffered.',
  },
  flexRealBlocksAccepted: { unit: 'blocks (real)', meaning: 'flexBlocksAccepted as real blocks.' },
  flexRealBlocksUnfilled: { unit: 'blocks (real)', meaning: 'flexBlocksUnfilled as real blocks.' },
  flexBlocksNoDriverLeft: {
    unit: 'blocks (modelled)',
    meaning:
      'Of the unfilled blocks, those no driver was left for: every Flex driver around the station had a block that day already. The rest were declined.',
  },
  flexRealBlocksNoDriverLeft: { unit: 'blocks (real)', meaning: 'flexBlocksNoDriverLeft as real blocks.' },
  flexPayUsd: {
    unit: 'USD, summed over blocks',
    meaning:
      "One real block's pay (surge included) for each accepted block, summed. Pay per block = flexPayUsd / flexBlocksAccepted; per hour worked = flexPayUsd / flexHours.",
  },
  vanCostUsd: {
    unit: 'USD',
    meaning:
      'Cost of the van routes (hours and stops) and of every real route they stand for. Per real parcel = vanCostUsd / assignedVan.real.',
  },
  flexCostUsd: {
    unit: 'USD',
    meaning:
      'Flex pay of the accepted blocks and of every real block they stand for. Per real parcel = flexCostUsd / assignedFlex.real.',
  },
  uspsCostUsd: {
    unit: 'USD',
    meaning:
      'USPS rates (by weight and distance) of the parcels handed to USPS, at real volume. Per real parcel = uspsCostUsd / assignedUsps.real.',
  },
  regionalCostUsd: {
    unit: 'USD',
    meaning:
      "Regional carriers' rates of the parcels handed to them, at real volume. Per real parcel = regionalCostUsd / assignedRegional.real.",
  },
  handoffTrucks: {
    unit: 'trucks',
    meaning:
      "Hand-off trucks driven from a delivery station to a partner carrier's hub: one per station, carrier and wave with parcels for it, where the hub is within 80 km (else a local unit collects them and no truck counts).",
  },
  partnerDoorRuns: {
    unit: 'door runs (modelled)',
    meaning:
      "USPS and regional carriers' door runs, each at most a real run's load at scale, of one promise class. A modelled run stands for one real run or more.",
  },
  deferredToLaterWave: parcels(
    "Parcels a dispatch wave left for a later one: the van wave's leftovers that tomorrow's vans can still bring in time, and parcels for Flex that no block took. A parcel counts once per wave it waits.",
  ),
  lateBeforeLastMile: parcels(
    'Late deliveries already past their promise when ready at the delivery station. Share of late = lateBeforeLastMile / (delivered - deliveredOnTime).',
  ),
  deliveredVan: parcels("Parcels delivered by Amazon's vans."),
  onTimeVan: parcels('Of deliveredVan, those by their promise deadline.'),
  deliveredFlex: parcels('Parcels delivered by Flex drivers.'),
  onTimeFlex: parcels('Of deliveredFlex, those by their promise deadline.'),
  deliveredUsps: parcels('Parcels delivered by USPS.'),
  onTimeUsps: parcels('Of deliveredUsps, those by their promise deadline.'),
  deliveredRegional: parcels('Parcels delivered by regional carriers.'),
  onTimeRegional: parcels('Of deliveredRegional, those by their promise deadline.'),
  late0To1H: parcels('Late deliveries up to 1 h past the deadline.'),
  late1To2H: parcels('Late deliveries 1 h to 2 h past the deadline.'),
  late2To4H: parcels('Late deliveries 2 h to 4 h past the deadline.'),
  late4To8H: parcels('Late deliveries 4 h to 8 h past the deadline.'),
  late8To12H: parcels('Late deliveries 8 h to 12 h past the deadline.'),
  late12To24H: parcels('Late deliveries 12 h to 24 h past the deadline.'),
  late24To48H: parcels('Late deliveries 24 h to 48 h past the deadline.'),
  late48HOrMore: parcels('Late deliveries 48 h or more past the deadline.'),
  liveParcels: parcels('Parcels ordered and not yet delivered, anywhere in the network.'),
  backlogAtFcs: parcels(
    'Parcels at fulfillment centers: waiting to be picked, packed or SLAMed, on outbound lanes, or in a trailer loading at a busy door.',
  ),
  backlogAtSortCenters: parcels(
    'Parcels at sortation centers: waiting to be sorted, on outbound lanes, or in a trailer loading at a busy door.',
  ),
  backlogAtStations: parcels(
    'Parcels at delivery stations: waiting to be sorted, or sorted and waiting for a wave.',
  ),
  onTheRoad: parcels(
    'Parcels aboard line-haul trailers between facilities (a trailer in the yard waiting to unload included).',
  ),
  trailersOnTheRoad: {
    unit: 'trailers',
    meaning: 'Line-haul trailers between facilities (not those still loading at a door).',
  },
  onTheirWayToTheDoor: parcels(
    'Parcels on a van or Flex car, or with a partner carrier, not yet at the door.',
  ),
};

/** The description of a KPI named by a string (a CSV column, a worker's name list); null if none. */
export function getKpiDescription(name: string): KpiDescription | null {
  return Object.hasOwn(KPI_DESCRIPTIONS, name) ? KPI_DESCRIPTIONS[name as KpiName] : null;
}
