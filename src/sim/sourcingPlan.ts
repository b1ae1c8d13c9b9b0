/**
 * The plan the network is built with, for the forecast accuracy `a` it is run at, so no site is
 * overloaded by geometry alone. Where an order ships from (getSourcingShares):
 * - a forecast hit (share a): the item was pre-positioned in the buyer's region and ships from
 *   one of the station's NEAR_FC_COUNT nearest FCs there;
 * - a near miss (share (1 - a) a): the forecast still placed it next door, in one of the
 *   FAR_FC_COUNT nearest FCs of another region;
 * - a far miss (share (1 - a)^2): the item is wherever stock happens to be, any FC of another
 *   region, each as likely. With no forecast at all (a = 0) every order is a far miss: stock is
 *   spread over the network and so is the work.
 * Then:
 * - FC sourcing shares: 30 rounds of multiplicative reweighting by expected load even out the
 *   FCs' volumes among each station's near candidates. The plan, not the queues, decides, so an
 *   FC's arrivals never depend on another FC's speed (which keeps capacity effects monotone).
 * - FC sizes: each FC's staff, robots and stations are allocated to its planned volume (its size
 *   is that volume over the mean), so no FC is overloaded by the plan alone.
 * - Lanes: FC to sortation center direct within a region and where a lane fills a trailer a day;
 *   thin lanes to another region consolidate through gateway and hub (planLanes).
 * - Sortation center sizes: expected sorts at each site over the mean.
 */
/** Pre-positioning hit: the item is in one of the station's 4 nearest FCs of its region. */
export const NEAR_FC_COUNT = 4;
/** Miss: it ships from one of the 5 nearest FCs outside the region. */
export const FAR_FC_COUNT = 5;

export interface CandidateSet {
  candidates: Int32Array;
  width: number;
  inShare: number;
  /** Output: cumulative shares per station row. */
  shares: Float32Array;
}

/** Shares of orders that are hits, near misses and far misses at forecast accuracy `a`. */
export function getSourcingShares(forecastAccuracy: number): {
  hit: number;
  nearMiss: number;
  farMiss: number;
} {
  const a = forecastAccuracy;
  return { hit: a, nearMiss: (1 - a) * a, farMiss: (1 - a) * (1 - a) };
}

/**
 * Multiplicative reweighting so that expected FC loads even out; writes cumulative shares and
 * returns each facility's planned load (stationWeight units), `baseLoad` (far misses) included.
 */
export function balanceFcLoads(
  sets: CandidateSet[],
  stationWeight: Float64Array,
  facilityCount: number,
  baseLoad: Float64Array,
): Float64Array {
  const weights = sets.map((set) => new Float64Array(set.candidates.length).fill(1));
  const load = new Float64Array(facilityCount);
  const stationCount = stationWeight.length;
  for (let round = 0; round <= 30; round++) {
    load.set(baseLoad);
    sets.forEach((set, k) => {
      for (let s = 0; s < stationCount; s++) {
        let total = 0;
        for (let j = 0; j < set.width; j++) total += weights[k][s * set.width + j];
        for (let j = 0; j < set.width; j++) {
          load[set.candidates[s * set.width + j]] +=
            (stationWeight[s] * set.inShare * weights[k][s * set.width + j]) / total;
        }
      }
    });
    let sum = 0;
    let used = 0;
    for (let f = 0; f < facilityCount; f++) {
      if (load[f] > 0) {
        sum += load[f];
        used++;
      }
    }
    const mean = sum / Math.max(1, used);
    // The last round only measures the loads the final weights give.
    if (round === 30) break;
    sets.forEach((set, k) => {
      // A candidate no order reaches (its set's share is 0) keeps its weight.
      for (let i = 0; i < set.candidates.length; i++)
        if (load[set.candidates[i]] > 0) weights[k][i] *= Math.sqrt(mean / load[set.candidates[i]]);
    });
  }
  sets.forEach((set, k) => {
    for (let s = 0; s < stationCount; s++) {
      let total = 0;
      for (let j = 0; j < set.width; j++) total += weights[k][s * set.width + j];
      let cumulative = 0;
      for (let j = 0; j < set.width; j++) {
        cumulative += weights[k][s * set.width + j] / total;
        set.shares[s * set.width + j] = cumulative;
      }
    }
  });
  return load;
}

/**
 * FC sizes: planned load over the mean FC's (at least 0.25, so a barely used FC still has a
 * crew). Robots, stations and rates of the parameters are those of an FC of size 1.
 */
export function sizeFulfillmentCenters(
  load: Float64Array,
  fulfillmentCenterIds: Int32Array,
  facilityCount: number,
): Float32Array {
  let sum = 0;
  for (const fc of fulfillmentCenterIds) sum += load[fc];
  const mean = sum / fulfillmentCenterIds.length;
  const size = new Float32Array(facilityCount);
  for (const fc of fulfillmentCenterIds) size[fc] = mean > 0 ? Math.max(0.25, load[fc] / mean) : 1;
  return size;
}

/**
 * A lane (FC to sortation center) of another region runs direct when its planned volume fills a
 * 53 ft trailer a day: 4,000 parcels (CALIBRATION: trailer) of the calibrated 17.3 M a day
 * (CALIBRATION: Volume, H). Thinner lanes consolidate through the FC's gateway and the
 * destination region's hub, as a carrier does with part loads (A).
 */
export const DIRECT_LANE_MIN_SHARE = 4_000 / 17_300_000;

/** What planLanes needs of the network, by facility id unless said otherwise. */
export interface LanePlanInput {
  /** Station facility ids, and each station's share of demand (same order). */
  stationIds: Int32Array;
  stationWeight: Float64Array;
  stationParentSortCenter: Int32Array;
  facilityRegion: Uint8Array;
  gatewaySortCenter: Int32Array;
  regionHubSortCenter: Int32Array;
  kindIndex: Int32Array;
  fcCount: number;
  sortationCenterIds: Int32Array;
  /** Per station index: candidate FCs and their cumulative shares (see CandidateSet). */
  inRegionFcs: Int32Array;
  inRegionFcShares: Float32Array;
  outOfRegionFcs: Int32Array;
  outOfRegionFcShares: Float32Array;
  /** Params.forecastAccuracy: the shares of hits, near and far misses (getSourcingShares). */
  forecastAccuracy: number;
  /** Per region: the FCs outside it (a far miss ships from any of them, each as likely). */
  fcsOutsideRegion: Int32Array[];
  facilityCount: number;
}

export interface LanePlan {
  /** Per FC index x sortation-center index (kindIndex): 1 when the FC ships there direct. */
  directLane: Uint8Array;
  /** Per facility id: a sortation center's expected sorts over the mean (its rate multiplier). */
  sortCenterSize: Float32Array;
}

/**
 * Plans the FC-to-sortation-center lanes from the sourcing plan's expected volumes: every lane
 * within a region is direct, a lane to another region is direct when it fills a trailer a day
 * (DIRECT_LANE_MIN_SHARE), else its parcels go through the gateway and hub. Sortation centers are
 * sized to the sorts they expect: every parcel at its station's parent, consolidated ones also at
 * the gateway and the hub.
 */
export function planLanes(input: LanePlanInput): LanePlan {
  const scCount = input.sortationCenterIds.length;
  const laneShare = new Float64Array(input.fcCount * scCount);
  let totalWeight = 0;
  for (let s = 0; s < input.stationIds.length; s++) totalWeight += input.stationWeight[s];
  const addLanes = (candidates: Int32Array, cumulative: Float32Array, width: number, share: number) => {
    for (let s = 0; s < input.stationIds.length; s++) {
      const parent = input.stationParentSortCenter[input.stationIds[s]];
      let previous = 0;
      for (let j = 0; j < width; j++) {
        const part = cumulative[s * width + j] - previous;
        previous = cumulative[s * width + j];
        const fc = candidates[s * width + j];
        laneShare[input.kindIndex[fc] * scCount + input.kindIndex[parent]] +=
          (input.stationWeight[s] / totalWeight) * share * part;
      }
    }
  };
  const shares = getSourcingShares(input.forecastAccuracy);
  addLanes(input.inRegionFcs, input.inRegionFcShares, NEAR_FC_COUNT, shares.hit);
  addLanes(input.outOfRegionFcs, input.outOfRegionFcShares, FAR_FC_COUNT, shares.nearMiss);
  for (let s = 0; s < input.stationIds.length; s++) {
    const station = input.stationIds[s];
    const parent = input.stationParentSortCenter[station];
    const outside = input.fcsOutsideRegion[input.facilityRegion[station]];
    for (const fc of outside) {
      laneShare[input.kindIndex[fc] * scCount + input.kindIndex[parent]] +=
        ((input.stationWeight[s] / totalWeight) * shares.farMiss) / outside.length;
    }
  }
  const directLane = new Uint8Array(input.fcCount * scCount);
  const sorts = new Float64Array(input.facilityCount);
  // FC facility ids by FC index: the gateways are per FC facility.
  const fcIds = new Int32Array(input.fcCount);
  for (let id = 0; id < input.facilityCount; id++) {
    if (input.gatewaySortCenter[id] >= 0) fcIds[input.kindIndex[id]] = id;
  }
  for (let f = 0; f < input.fcCount; f++) {
    const fc = fcIds[f];
    for (let k = 0; k < scCount; k++) {
      const sc = input.sortationCenterIds[k];
      const share = laneShare[f * scCount + k];
      const region = input.facilityRegion[sc];
      const direct = input.facilityRegion[fc] === region || share >= DIRECT_LANE_MIN_SHARE;
      directLane[f * scCount + k] = direct ? 1 : 0;
      if (share === 0) continue;
      sorts[sc] += share;
      if (direct) continue;
      sorts[input.gatewaySortCenter[fc]] += share;
      const hub = input.regionHubSortCenter[region];
      if (hub !== sc) sorts[hub] += share;
    }
  }
  let sum = 0;
  for (const sc of input.sortationCenterIds) sum += sorts[sc];
  const mean = sum / scCount;
  const sortCenterSize = new Float32Array(input.facilityCount);
  for (const sc of input.sortationCenterIds) sortCenterSize[sc] = Math.max(0.25, sorts[sc] / mean);
  return { directLane, sortCenterSize };
}
