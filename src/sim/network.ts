/**
 * Builds the physical network from src/data/metros.json by documented, deterministic rules:
 *
 * - Regions: population-weighted k-means of metro centres (k = regionCount), seeded by
 *   farthest-point selection from the largest metro; 25 iterations.
 * - Facility counts per metro by the D'Hondt highest-averages method on population (ties: the
 *   larger metro). Delivery stations get at least one per metro first.
 * - A metro's footprint radius is 8 km + 10 km x sqrt(population in millions) (assumption).
 *   Within it, a metro's k facilities of a kind sit on a sunflower (golden-angle) layout:
 *   delivery stations spread over the disk (radius R x sqrt(j / k)), sortation centres at 0.5 R,
 *   fulfillment centres in the exurbs at 0.9 R (where the big sheds are). A spot in a lake or
 *   the sea (or within 1 km of its shore) moves to land by landPlacement.ts's fixed rule.
 * - Service areas: every station reaches serviceRadiusKm (15-20 miles, CALIBRATION.md) over land,
 *   up to where another station (of any metro) is nearer (serviceAreas.ts): a metro's stations
 *   share its land by those bisectors, and the metro's edge stations reach out to the full radius.
 *   A station's expected volume is its metro's population over the metro's station count; its van
 *   fleet is sized to it.
 * - Each station's parent sortation centre is the nearest one (great-circle).
 * - Lanes: a parcel travels FC -> its station's parent sortation centre when both are in one
 *   region, or when the lane to the other region fills a trailer a day (long-haul direct, as an
 *   operator runs it); a thinner lane consolidates: FC -> gateway (the FC's nearest sortation
 *   centre) -> hub of the destination region (the sortation centre nearest its largest metro)
 *   -> parent (see getNextSortCenter and sourcingPlan's planLanes).
 * - Sourcing candidates: per station, its 4 nearest FCs in its region (a forecast hit), its 5
 *   nearest FCs outside the region (a near miss) and every FC outside it (a far miss); the
 *   shares follow the forecast accuracy in force, and the chance of each near candidate is
 *   balanced at build time so FC volumes even out (sourcingPlan.ts): the plan, not the queues,
 *   decides, so an FC's arrivals never depend on another FC's speed. Each FC is sized to the
 *   volume the plan gives it.
 * - Sortation centers are sized to their catchment: rate = mean rate x (expected sorts at this
 *   site / mean over sites), counting every parcel at its station's parent and consolidated
 *   out-of-region parcels at their gateway and hub.
 * - Carrier hubs (the USPS / regional carrier facility a station's hand-off truck drives to,
 *   and their door runs start from; lastMile/): one per metro, 6 km east of its centre (on land).
 * - Network edits (networkEdits.ts): an added facility stands at its point and belongs to the
 *   nearest metro (its region, time zone and demand), named after the town it stands in
 *   (PlaceNamer: the runs' networks name by townPlaces.ts, within 15 km) or else that metro;
 *   its id follows the base network's. The
 *   network in force at a time holds every facility, but only those operating then (open, not
 *   removed, not in an outage) are in the kind lists, the sourcing plan, the lanes and the
 *   service areas, so a closed facility's work goes to its neighbours by the rules above. An added
 *   station within its metro's footprint shares the metro's demand; one beyond it (an outlying
 *   station) serves the metro's rural addresses nearest to it. A metro left with no station in
 *   its footprint is served from the operating station nearest its centre (fallbackStationId),
 *   its addresses as rural ones. A capacity edit replaces the facility's own figure (robots, sort
 *   rate, vans, dock doors).
 */
import { greatCircleKm, lonDegPerKm } from './geo';
import { buildHighwayGraph, type HighwayGraph } from './highway';
import { placeFacilityOnLand, round5, routeLinkOverLand } from './landPlacement';
import { buildServiceAreaPolygons, measureServiceReach, type ServiceAreaPolygons } from './serviceAreas';
import {
  balanceFcLoads,
  FAR_FC_COUNT,
  getSourcingShares,
  NEAR_FC_COUNT,
  planLanes,
  sizeFulfillmentCenters,
} from './sourcingPlan';

export { FAR_FC_COUNT, NEAR_FC_COUNT } from './sourcingPlan';
import { CARRIER_HUB, DELIVERY_STATION, FULFILLMENT_CENTER, SORTATION_CENTER } from './kinds';
import { isOnLand } from './land';
import { findNearestMetroIndex, METRO_PLACES, type MetroRecord } from './metroPlaces';
import { getTimeZoneOffsetH } from './timeZones';
import {
  CAPACITY_RESOURCES,
  type EditsInForce,
  formatNetworkEdit,
  getEditChangeTimes,
  getEditsInForce,
  getEditsInForceKey,
  type NetworkEdit,
  parseNetworkEdits,
} from './networkEdits';
import { type Params, REBUILD_KEYS } from './params';

export interface Facility {
  id: number;
  /** Index into FACILITY_KINDS. */
  kind: number;
  name: string;
  lon: number;
  lat: number;
  /** Name of the metro the facility serves. */
  metro: string;
  /** The region its metro belongs to (the unit of weather and of sourcing). */
  region: number;
}

/** The static network as the page draws it. */
export interface Network {
  facilities: Facility[];
  /** Highway links, one two-vertex path each. positions: lon, lat; stride 2. */
  highwayPaths: { length: number; startIndices: Uint32Array; positions: Float32Array };
  /**
   * One entry per delivery station: its facility id, service radius and the area it serves
   * (serviceAreas.ts: its reach over land, up to where another station, of any metro, is nearer).
   */
  serviceAreas: { stationId: Uint32Array; radiusKm: Float32Array; polygons: ServiceAreaPolygons };
  /** Per facility id: 1 when it operates at the time the network is in force for (NetworkModel.operating). */
  operating: Uint8Array;
  /**
   * Per metro name: the delivery stations that deliver its addresses: its own (in its footprint,
   * then outlying), or for a metro with none the one serving it from afar (fallbackStationId).
   */
  metroStations: Record<string, number[]>;
}

export interface Metro {
  name: string;
  state: string;
  lon: number;
  lat: number;
  population: number;
  region: number;
  /** Local time = sim time + offsetH hours. */
  offsetH: number;
  /** Footprint radius, km. */
  radiusKm: number;
  /** Facility ids of this metro's operating delivery stations within its footprint (its demand's). */
  stationIds: number[];
  /** Operating stations added beyond the footprint: they serve the rural addresses nearest them. */
  outlyingStationIds: number[];
  /**
   * For a metro left with no station in its footprint (network edits), the operating station
   * nearest its centre, which serves its addresses from afar (as rural ones: partner carriers);
   * -1 for a metro with its own.
   */
  fallbackStationId: number;
}

/** The network plus the derived tables the model needs. */
export interface NetworkModel {
  network: Network;
  metros: Metro[];
  regionCount: number;
  /** Per facility id. */
  facilityMetro: Int32Array;
  facilityRegion: Uint8Array;
  facilityOffsetH: Int8Array;
  /** Operating facilities of each kind (a closed or offline one is in none of these lists). */
  fulfillmentCenterIds: Int32Array;
  sortationCenterIds: Int32Array;
  stationIds: Int32Array;
  carrierHubIds: Int32Array;
  /** Per facility id: 1 when it operates at the time the network is in force for. */
  operating: Uint8Array;
  /**
   * Per facility id: its capacity as a network edit set it (an FC's robots, a sortation
   * center's sort rate in real parcels an hour, a station's vans), NaN for the parameters' own.
   */
  facilityCapacity: Float32Array;
  /** Per facility id: its dock doors as a network edit set them, NaN for its planned ones (dockDoors.ts). */
  facilityDocks: Float32Array;
  /** The edits the network was built with (parsed from params.networkEdits). */
  edits: readonly NetworkEdit[];
  /** Per facility id: the parent sortation centre of a station, else -1. */
  stationParentSortCenter: Int32Array;
  /** Per facility id: index among operating facilities of its kind (FC, SC, station index); -1 when not operating. */
  kindIndex: Int32Array;
  /** Per facility id: an FC's gateway sortation centre (nearest), else -1. */
  gatewaySortCenter: Int32Array;
  /** Per region: the hub sortation centre that receives freight from other regions. */
  regionHubSortCenter: Int32Array;
  /**
   * Sourcing candidates per station (by station index): the NEAR_FC_COUNT nearest FCs in the
   * station's region (stride NEAR_FC_COUNT), and the FAR_FC_COUNT nearest outside it (stride
   * FAR_FC_COUNT). A region without FCs borrows the nearest ones anywhere.
   */
  inRegionFcs: Int32Array;
  outOfRegionFcs: Int32Array;
  /** Cumulative shares (same layout) for drawing among the candidates: balanced FC loads. */
  inRegionFcShares: Float32Array;
  outOfRegionFcShares: Float32Array;
  /** Per region: the FCs outside it, where a far miss ships from (all FCs when none is outside). */
  fcsOutsideRegion: Int32Array[];
  /** Per facility id: an FC's size, its planned volume over the mean FC's (rates multiply by it). */
  fulfillmentCenterSize: Float32Array;
  /** Per facility id: a sortation center's size relative to the mean (its rate multiplier). */
  sortCenterSize: Float32Array;
  /**
   * Per FC index x sortation-center index (kindIndex): 1 when the FC ships there direct, 0 when
   * its parcels for that sortation center consolidate through its gateway and the hub.
   */
  directLane: Uint8Array;
  /** Per facility id (stations only): service radius, km. */
  serviceRadiusKm: Float32Array;
  /**
   * Per facility id: degrees of longitude per km at its latitude (geo.lonDegPerKm), found once:
   * every order's address is placed and stored in its station's frame, three calls an order.
   */
  facilityLonDegPerKm: Float64Array;
  /** Per metro index: lonDegPerKm at its centre (rural addresses are placed in its frame). */
  metroLonDegPerKm: Float64Array;
  /**
   * Per facility id (stations only): the station's expected volume (its metro's population over
   * its station count) over that of a mean station of the calibrated ~600: sizes its van fleet.
   */
  stationVolumeFactor: Float32Array;
  /**
   * Per station index: how far its service area reaches over land at each of
   * SERVICE_AREA_BEARINGS bearings, km (stride SERVICE_AREA_BEARINGS; serviceAreas.ts).
   */
  serviceReachKm: Float32Array;
  highway: HighwayGraph;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** A metro's carrier hub stands this far east of its centre, km (or on land nearest that). */
const CARRIER_HUB_EAST_KM = 6;

/** Stations of the calibrated network (CALIBRATION: delivery stations ~600), the fleet's yardstick. */
const REFERENCE_STATION_COUNT = 600;

/** D'Hondt apportionment of `seats` to weights, with `minimum` seats each first. */
export function apportion(weights: readonly number[], seats: number, minimum: number): Int32Array {
  const counts = new Int32Array(weights.length);
  let left = seats;
  for (let i = 0; i < weights.length && left > 0; i++) {
    counts[i] = Math.min(minimum, left);
    left -= counts[i];
  }
  // Plain loop over metros per seat: 150 metros x <= 1500 seats, built once.
  while (left > 0) {
    let best = 0;
    let bestQuotient = -1;
    for (let i = 0; i < weights.length; i++) {
      const quotient = weights[i] / (counts[i] + 1);
      if (quotient > bestQuotient) {
        bestQuotient = quotient;
        best = i;
      }
    }
    counts[best]++;
    left--;
  }
  return counts;
}

function assignRegions(metros: readonly MetroRecord[], k: number): Uint8Array {
  const n = metros.length;
  const centreLon: number[] = [metros[0].lon];
  const centreLat: number[] = [metros[0].lat];
  while (centreLon.length < Math.min(k, n)) {
    let farthest = 0;
    let farthestKm = -1;
    for (let i = 0; i < n; i++) {
      let nearestKm = Number.POSITIVE_INFINITY;
      for (let c = 0; c < centreLon.length; c++) {
        nearestKm = Math.min(
          nearestKm,
          greatCircleKm(metros[i].lon, metros[i].lat, centreLon[c], centreLat[c]),
        );
      }
      if (nearestKm > farthestKm) {
        farthestKm = nearestKm;
        farthest = i;
      }
    }
    centreLon.push(metros[farthest].lon);
    centreLat.push(metros[farthest].lat);
  }
  const region = new Uint8Array(n);
  for (let iteration = 0; iteration < 25; iteration++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestKm = Number.POSITIVE_INFINITY;
      for (let c = 0; c < centreLon.length; c++) {
        const km = greatCircleKm(metros[i].lon, metros[i].lat, centreLon[c], centreLat[c]);
        if (km < bestKm) {
          bestKm = km;
          best = c;
        }
      }
      region[i] = best;
    }
    for (let c = 0; c < centreLon.length; c++) {
      let weight = 0;
      let lon = 0;
      let lat = 0;
      for (let i = 0; i < n; i++) {
        if (region[i] !== c) continue;
        weight += metros[i].population;
        lon += metros[i].lon * metros[i].population;
        lat += metros[i].lat * metros[i].population;
      }
      if (weight > 0) {
        centreLon[c] = lon / weight;
        centreLat[c] = lat / weight;
      }
    }
  }
  return region;
}

/** Networks are immutable once built: keep the last few, keyed by the parameters that shape them. */
const NETWORK_CACHE = new Map<string, NetworkModel>();
const NETWORK_CACHE_SIZE = 4;

/**
 * The place name of a point, for a facility added there (null: none, it takes its metro's). The
 * runs' networks name by the bundled towns (simulation.ts passes townPlaces.ts's); the builder
 * does not import them itself, because the page imports this module for its rules and would then
 * load ~110 kB of towns up front.
 */
export type PlaceNamer = (lon: number, lat: number) => string | null;

/**
 * The network for these parameters as it stands at sim time `atS` (network edits in force then;
 * built, or reused when only non-structural parameters differ), added facilities named by
 * `nameAt`. Throws naming each network edit the model cannot honour (checkNetworkEdits).
 */
export function buildNetwork(params: Params, atS = 0, nameAt: PlaceNamer | null = null): NetworkModel {
  const { edits } = parseNetworkEdits(params.networkEdits);
  const key = `${REBUILD_KEYS.map((name) => params[name]).join(',')}|${getEditsInForceKey(edits, atS)}|${nameAt ? 'named' : ''}`;
  const cached = NETWORK_CACHE.get(key);
  if (cached) return cached;
  const model = buildNetworkUncached(params, edits, atS, nameAt);
  if (NETWORK_CACHE.size >= NETWORK_CACHE_SIZE)
    NETWORK_CACHE.delete(NETWORK_CACHE.keys().next().value as string);
  NETWORK_CACHE.set(key, model);
  return model;
}

/**
 * The highway graph depends on the metros (fixed data) and the links per metro only, so the
 * networks an edit plan rebuilds at its times share one (immutable once built).
 */
const HIGHWAY_CACHE = new Map<string, HighwayGraph>();
const HIGHWAY_CACHE_SIZE = 4;

function getHighwayGraph(metros: readonly Metro[], neighbours: number): HighwayGraph {
  const key = String(neighbours);
  let graph = HIGHWAY_CACHE.get(key);
  if (!graph) {
    graph = buildHighwayGraph(metros, neighbours, (a, b) =>
      routeLinkOverLand(metros[a].lon, metros[a].lat, metros[b].lon, metros[b].lat),
    );
    if (HIGHWAY_CACHE.size >= HIGHWAY_CACHE_SIZE)
      HIGHWAY_CACHE.delete(HIGHWAY_CACHE.keys().next().value as string);
    HIGHWAY_CACHE.set(key, graph);
  }
  return graph;
}

/** Labels of facility kinds in names, by kind code. */
const KIND_LABELS = ['FC', 'sortation center', 'delivery station', 'carrier hub'];

/**
 * An outlying station (added beyond its metro's footprint) is planned for this share of a metro
 * station's volume: it takes only the rural addresses nearest to it (assumption).
 */
const OUTLYING_STATION_VOLUME_SHARE = 0.25;

/**
 * Why each edit cannot be honoured, in words naming the edit (empty when all can): a point off
 * the contiguous US, a facility that does not exist (yet), a capacity of the wrong kind, or a
 * plan that leaves, at any time, a region without a fulfillment center or the network without
 * a sortation center or a delivery station. (A metro may lose its stations: its addresses are
 * then served from the nearest station elsewhere.)
 */
export function checkNetworkEdits(edits: readonly NetworkEdit[], facilities: readonly Facility[]): string[] {
  const errors: string[] = [];
  const baseCount = facilities.length - edits.filter((edit) => edit.type === 'add').length;
  const addedAtS = new Float64Array(facilities.length);
  let k = 0;
  for (const edit of edits) {
    const text = formatNetworkEdit(edit);
    if (edit.type === 'add') {
      if (!isOnLand(edit.lon, edit.lat))
        errors.push(`${text}: ${edit.lon},${edit.lat} is outside the contiguous US (the model's land)`);
      addedAtS[baseCount + k++] = edit.atS;
      continue;
    }
    const facility = facilities[edit.facilityId];
    if (!facility) {
      errors.push(`${text}: there is no facility f${edit.facilityId} (ids 0 to ${facilities.length - 1})`);
      continue;
    }
    const startS = edit.type === 'outage' ? edit.fromS : edit.atS;
    if (startS < addedAtS[edit.facilityId])
      errors.push(`${text}: f${edit.facilityId} is only added at sim time ${addedAtS[edit.facilityId]} s`);
    if (edit.type === 'capacity') {
      const kinds: readonly number[] = CAPACITY_RESOURCES[edit.resource].kinds;
      if (!kinds.includes(facility.kind)) {
        const labels = kinds.map((kind) => `a ${KIND_LABELS[kind]}`);
        const of = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels[0];
        errors.push(
          `${text}: f${edit.facilityId} (${facility.name}) is a ${KIND_LABELS[facility.kind]}; ${edit.resource} is the capacity of ${of}`,
        );
      }
    }
  }
  if (errors.length > 0) return errors;
  // What must always remain, checked at the start and at every time the plan changes.
  for (const timeS of [0, ...getEditChangeTimes(edits)]) {
    const { operating } = getEditsInForce(edits, baseCount, timeS);
    const fcsInRegion = new Map<number, number>();
    let stations = 0;
    let sortCenters = 0;
    facilities.forEach((facility, id) => {
      const on = operating[id];
      if (facility.kind === FULFILLMENT_CENTER)
        fcsInRegion.set(facility.region, (fcsInRegion.get(facility.region) ?? 0) + on);
      else if (facility.kind === SORTATION_CENTER) sortCenters += on;
      else if (facility.kind === DELIVERY_STATION) stations += on;
    });
    const when = timeS > 0 ? ` at sim time ${timeS} s` : '';
    for (const [region, count] of fcsInRegion)
      if (count === 0)
        errors.push(`the edits leave region ${region + 1} without a fulfillment center${when}`);
    if (stations === 0) errors.push(`the edits leave the network without a delivery station${when}`);
    if (sortCenters === 0) errors.push(`the edits leave the network without a sortation center${when}`);
    if (errors.length > 0) break;
  }
  return errors;
}

function buildNetworkUncached(
  params: Params,
  edits: readonly NetworkEdit[],
  atS: number,
  nameAt: PlaceNamer | null,
): NetworkModel {
  // The contiguous US only (metroPlaces.ts).
  const records = METRO_PLACES;
  const regionCount = Math.max(1, Math.min(params.regionCount, records.length));
  const regionOfMetro = assignRegions(records, regionCount);
  const metros: Metro[] = records.map((record, index) => ({
    ...record,
    region: regionOfMetro[index],
    offsetH: getTimeZoneOffsetH(record.state, record.lon, record.lat),
    stationIds: [],
    outlyingStationIds: [],
    fallbackStationId: -1,
  }));
  const populations = metros.map((metro) => metro.population);
  const fcCounts = apportion(populations, params.fulfillmentCenterCount, 0);
  const scCounts = apportion(populations, params.sortationCenterCount, 0);
  const stationCounts = apportion(populations, params.deliveryStationCount, 1);

  const facilities: Facility[] = [];
  const facilityMetro: number[] = [];
  const place = (kind: number, counts: Int32Array, ring: (j: number, k: number) => number, label: string) => {
    metros.forEach((metro, m) => {
      const k = counts[m];
      for (let j = 0; j < k; j++) {
        const r = metro.radiusKm * ring(j, k);
        // Each kind starts its spiral at a different angle so kinds do not stack up.
        const angle = j * GOLDEN_ANGLE + kind * 2.1;
        const [lon, lat] = placeFacilityOnLand(metro.lon, metro.lat, angle, r);
        facilities.push({
          id: facilities.length,
          kind,
          name: `${metro.name} ${label} ${j + 1}`,
          lon,
          lat,
          metro: metro.name,
          region: metro.region,
        });
        facilityMetro.push(m);
      }
    });
  };
  place(FULFILLMENT_CENTER, fcCounts, () => 0.9, 'FC');
  place(SORTATION_CENTER, scCounts, () => 0.5, 'sortation center');
  place(DELIVERY_STATION, stationCounts, (j, k) => Math.sqrt(j / k), 'delivery station');
  metros.forEach((metro, m) => {
    const [lon, lat] = placeFacilityOnLand(metro.lon, metro.lat, 0, CARRIER_HUB_EAST_KM);
    facilities.push({
      id: facilities.length,
      kind: CARRIER_HUB,
      name: `${metro.name} carrier hub`,
      lon,
      lat,
      metro: metro.name,
      region: metro.region,
    });
    facilityMetro.push(m);
  });
  const baseFacilityCount = facilities.length;
  let addedCount = 0;
  for (const edit of edits) {
    if (edit.type !== 'add') continue;
    const m = findNearestMetroIndex(metros, edit.lon, edit.lat);
    // Named after the town it stands in (the page snaps a click to one), else its metro.
    const place = nameAt?.(edit.lon, edit.lat) ?? metros[m].name;
    addedCount++;
    facilities.push({
      id: facilities.length,
      kind: edit.kind,
      name: `${place} new ${KIND_LABELS[edit.kind]} ${addedCount}`,
      lon: round5(edit.lon),
      lat: round5(edit.lat),
      metro: metros[m].name,
      region: metros[m].region,
    });
    facilityMetro.push(m);
  }
  // An added station beyond its metro's footprint is an outlying one (see the header).
  const isOutlying = (facility: Facility) =>
    facility.id >= baseFacilityCount &&
    facility.kind === DELIVERY_STATION &&
    greatCircleKm(
      facility.lon,
      facility.lat,
      metros[facilityMetro[facility.id]].lon,
      metros[facilityMetro[facility.id]].lat,
    ) > metros[facilityMetro[facility.id]].radiusKm;
  const editErrors = checkNetworkEdits(edits, facilities);
  if (editErrors.length > 0) throw new Error(`Invalid network edits: ${editErrors.join('; ')}`);
  const inForce: EditsInForce = getEditsInForce(edits, baseFacilityCount, atS);
  const { operating } = inForce;
  for (const facility of facilities) {
    if (facility.kind !== DELIVERY_STATION || !operating[facility.id]) continue;
    const metro = metros[facilityMetro[facility.id]];
    (isOutlying(facility) ? metro.outlyingStationIds : metro.stationIds).push(facility.id);
  }
  for (const metro of metros) {
    if (metro.stationIds.length > 0) continue;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const facility of facilities) {
      if (facility.kind !== DELIVERY_STATION || !operating[facility.id]) continue;
      const km = greatCircleKm(metro.lon, metro.lat, facility.lon, facility.lat);
      if (km < bestKm) {
        bestKm = km;
        metro.fallbackStationId = facility.id;
      }
    }
  }

  const n = facilities.length;
  const ofKind = (kind: number) =>
    Int32Array.from(facilities.filter((f) => f.kind === kind && operating[f.id]).map((f) => f.id));
  const fulfillmentCenterIds = ofKind(FULFILLMENT_CENTER);
  const sortationCenterIds = ofKind(SORTATION_CENTER);
  const stationIds = ofKind(DELIVERY_STATION);
  const carrierHubIds = ofKind(CARRIER_HUB);
  const kindIndex = new Int32Array(n).fill(-1);
  for (const ids of [fulfillmentCenterIds, sortationCenterIds, stationIds, carrierHubIds]) {
    ids.forEach((id, index) => {
      kindIndex[id] = index;
    });
  }
  const facilityMetroArray = Int32Array.from(facilityMetro);
  const facilityRegion = new Uint8Array(n);
  const facilityOffsetH = new Int8Array(n);
  for (let id = 0; id < n; id++) {
    facilityRegion[id] = metros[facilityMetroArray[id]].region;
    facilityOffsetH[id] = metros[facilityMetroArray[id]].offsetH;
  }
  // Every station reaches the sourced service radius; a metro's stations share its land by the
  // bisectors between them (serviceAreas.ts), not by a smaller radius of their own.
  const serviceRadiusKm = new Float32Array(n);
  for (const station of stationIds) serviceRadiusKm[station] = params.serviceRadiusKm;
  const stationParentSortCenter = new Int32Array(n).fill(-1);
  for (const station of stationIds) {
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const sc of sortationCenterIds) {
      const km = greatCircleKm(
        facilities[station].lon,
        facilities[station].lat,
        facilities[sc].lon,
        facilities[sc].lat,
      );
      if (km < bestKm) {
        bestKm = km;
        best = sc;
      }
    }
    stationParentSortCenter[station] = best;
  }
  const nearestSortCenter = (lon: number, lat: number, region: number): number => {
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const sc of sortationCenterIds) {
      // Prefer the region's own sortation centres; fall back to any when it has none.
      const penalty = region >= 0 && facilityRegion[sc] !== region ? 1e6 : 0;
      const km = greatCircleKm(lon, lat, facilities[sc].lon, facilities[sc].lat) + penalty;
      if (km < bestKm) {
        bestKm = km;
        best = sc;
      }
    }
    return best;
  };
  const gatewaySortCenter = new Int32Array(n).fill(-1);
  for (const fc of fulfillmentCenterIds)
    gatewaySortCenter[fc] = nearestSortCenter(facilities[fc].lon, facilities[fc].lat, -1);
  const regionHubSortCenter = new Int32Array(regionCount);
  for (let region = 0; region < regionCount; region++) {
    const largest = metros.find((metro) => metro.region === region) ?? metros[0];
    regionHubSortCenter[region] = nearestSortCenter(largest.lon, largest.lat, region);
  }
  const inRegionFcs = new Int32Array(stationIds.length * NEAR_FC_COUNT);
  const outOfRegionFcs = new Int32Array(stationIds.length * FAR_FC_COUNT);
  stationIds.forEach((station, index) => {
    const byDistance = Array.from(fulfillmentCenterIds)
      .map((fc) => ({
        fc,
        km: greatCircleKm(
          facilities[station].lon,
          facilities[station].lat,
          facilities[fc].lon,
          facilities[fc].lat,
        ),
      }))
      .sort((a, b) => a.km - b.km || a.fc - b.fc);
    const inside = byDistance.filter((entry) => facilityRegion[entry.fc] === facilityRegion[station]);
    const outside = byDistance.filter((entry) => facilityRegion[entry.fc] !== facilityRegion[station]);
    const near = inside.length > 0 ? inside : byDistance;
    const far = outside.length > 0 ? outside : byDistance;
    for (let k = 0; k < NEAR_FC_COUNT; k++) inRegionFcs[index * NEAR_FC_COUNT + k] = near[k % near.length].fc;
    for (let k = 0; k < FAR_FC_COUNT; k++) outOfRegionFcs[index * FAR_FC_COUNT + k] = far[k % far.length].fc;
  });
  const stationWeight = new Float64Array(stationIds.length);
  stationIds.forEach((station, index) => {
    const metro = metros[facilityMetroArray[station]];
    const share = isOutlying(facilities[station]) ? OUTLYING_STATION_VOLUME_SHARE : 1;
    stationWeight[index] = (share * metro.population) / Math.max(1, metro.stationIds.length);
  });
  // Against a station of the calibrated network (~600 stations), so that a network of fewer,
  // bigger stations gets bigger fleets. From the metros' population, so an edit at one station
  // leaves every other station's fleet as it was.
  const referenceStationWeight =
    metros.reduce((sum, metro) => sum + metro.population, 0) / REFERENCE_STATION_COUNT;
  const stationVolumeFactor = new Float32Array(n);
  stationIds.forEach((station, index) => {
    stationVolumeFactor[station] = stationWeight[index] / referenceStationWeight;
  });
  // Orders of a metro without a station of its own ship to the station serving it from afar:
  // the sourcing plan counts them there (its fleet stays sized to its own metro).
  for (const metro of metros)
    if (metro.fallbackStationId >= 0) stationWeight[kindIndex[metro.fallbackStationId]] += metro.population;
  const balance = (candidates: Int32Array, width: number, inShare: number, shares: Float32Array) => ({
    candidates,
    width,
    inShare,
    shares,
  });
  const inRegionFcShares = new Float32Array(inRegionFcs.length);
  const outOfRegionFcShares = new Float32Array(outOfRegionFcs.length);
  const shares = getSourcingShares(params.forecastAccuracy);
  const fcsOutsideRegion: Int32Array[] = [];
  for (let region = 0; region < regionCount; region++) {
    const outside = fulfillmentCenterIds.filter((fc) => facilityRegion[fc] !== region);
    fcsOutsideRegion.push(outside.length > 0 ? outside : fulfillmentCenterIds);
  }
  // Far misses spread evenly over the FCs outside the station's region: a base load the
  // balancing of the near candidates works around.
  const farMissLoad = new Float64Array(n);
  stationIds.forEach((station, index) => {
    const outside = fcsOutsideRegion[facilityRegion[station]];
    for (const fc of outside) farMissLoad[fc] += (stationWeight[index] * shares.farMiss) / outside.length;
  });
  const fcLoad = balanceFcLoads(
    [
      balance(inRegionFcs, NEAR_FC_COUNT, shares.hit, inRegionFcShares),
      balance(outOfRegionFcs, FAR_FC_COUNT, shares.nearMiss, outOfRegionFcShares),
    ],
    stationWeight,
    n,
    farMissLoad,
  );
  const fulfillmentCenterSize = sizeFulfillmentCenters(fcLoad, fulfillmentCenterIds, n);
  const { directLane, sortCenterSize } = planLanes({
    stationIds,
    stationWeight,
    stationParentSortCenter,
    facilityRegion,
    gatewaySortCenter,
    regionHubSortCenter,
    kindIndex,
    fcCount: fulfillmentCenterIds.length,
    sortationCenterIds,
    inRegionFcs,
    inRegionFcShares,
    outOfRegionFcs,
    outOfRegionFcShares,
    forecastAccuracy: params.forecastAccuracy,
    fcsOutsideRegion,
    facilityCount: n,
  });
  const stationSites = Array.from(stationIds, (id) => facilities[id]);
  const stationRadiusKm = Float32Array.from(stationIds, (id) => serviceRadiusKm[id]);
  const serviceReachKm = measureServiceReach(stationSites, stationRadiusKm);
  const serviceAreaPolygons = buildServiceAreaPolygons(stationSites, serviceReachKm);
  const highway = getHighwayGraph(metros, params.highwayNeighbours);
  return {
    network: {
      facilities,
      highwayPaths: highway.paths,
      serviceAreas: {
        stationId: Uint32Array.from(stationIds),
        radiusKm: stationRadiusKm,
        polygons: serviceAreaPolygons,
      },
      operating,
      metroStations: Object.fromEntries(
        metros.map((metro) => [
          metro.name,
          metro.fallbackStationId >= 0
            ? [metro.fallbackStationId]
            : [...metro.stationIds, ...metro.outlyingStationIds],
        ]),
      ),
    },
    metros,
    regionCount,
    facilityMetro: facilityMetroArray,
    facilityRegion,
    facilityOffsetH,
    fulfillmentCenterIds,
    sortationCenterIds,
    stationIds,
    carrierHubIds,
    operating,
    facilityCapacity: inForce.capacity,
    facilityDocks: inForce.docks,
    edits,
    stationParentSortCenter,
    kindIndex,
    gatewaySortCenter,
    regionHubSortCenter,
    inRegionFcs,
    outOfRegionFcs,
    inRegionFcShares,
    outOfRegionFcShares,
    fcsOutsideRegion,
    fulfillmentCenterSize,
    sortCenterSize,
    directLane,
    serviceRadiusKm,
    facilityLonDegPerKm: Float64Array.from(facilities, (f) => lonDegPerKm(f.lat)),
    metroLonDegPerKm: Float64Array.from(metros, (metro) => lonDegPerKm(metro.lat)),
    stationVolumeFactor,
    serviceReachKm,
    highway,
  };
}

/**
 * Drive units at an FC (real ones): robotsPerFc for an FC of mean size, scaled to its planned
 * size, or the robots a network edit gave it.
 */
export function getFcRobots(model: NetworkModel, params: Pick<Params, 'robotsPerFc'>, fc: number): number {
  const edited = model.facilityCapacity[fc];
  return Number.isNaN(edited) ? params.robotsPerFc * model.fulfillmentCenterSize[fc] : edited;
}

/**
 * The key of the parcel store's zone (slotZones.ts) whose blocks take a parcel bound for
 * `station`: the station's index (its own zone, or one of nearby stations' where the store is
 * small). The stages after the sortation centers work a station at a time (a trailer to
 * it, its sort, its waves), or a sortation center's few stations: a parcel's slot near the slots
 * of others bound for the same station keeps their reads on the same pages. (Zones by sortation
 * center, ~10 stations each, took ~12% off a full-scale day's CPU; by station, ~20%.)
 */
export function getParcelZoneKey(model: NetworkModel, station: number): number {
  return model.kindIndex[station];
}

/** Keys getParcelZoneKey gives on this network. */
export function getParcelZoneKeyCount(model: NetworkModel): number {
  return model.stationIds.length;
}

/**
 * The sortation centre a parcel at `atFacility` (an FC or a sortation centre) should go to next
 * on its way to `station`, or -1 when it is at the station's parent and goes to the station.
 */
export function getNextSortCenter(model: NetworkModel, atFacility: number, station: number): number {
  const parent = model.stationParentSortCenter[station];
  if (atFacility === parent) return -1;
  const region = model.facilityRegion[parent];
  if (model.facilityRegion[atFacility] === region) return parent;
  const gateway = model.gatewaySortCenter[atFacility];
  if (gateway >= 0) {
    // An FC shipping out of its region: direct on a lane that fills a trailer, else via its gateway.
    const lane = model.kindIndex[atFacility] * model.sortationCenterIds.length + model.kindIndex[parent];
    return model.directLane[lane] === 1 ? parent : gateway;
  }
  const hub = model.regionHubSortCenter[region];
  return atFacility === hub ? parent : hub;
}
