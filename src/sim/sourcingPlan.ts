/**
 * The plan the network is built with, so no site is overloaded by geometry alone:
 * - FC sourcing shares: each station draws among its nearest in-region FCs (hit) and nearest
 *   out-of-region FCs (miss); 30 rounds of multiplicative reweighting by expected load even out
 *   the FCs' volumes. The plan, not the queues, decides, so an FC's arrivals never depend on
 *   another FC's speed (which keeps capacity effects monotone).
 * - Sortation center sizes: expected sorts at each site (stations it feeds, out-of-region freight
 *   entering at the gateway of the FC shipping it, inflow to a region hub) over the mean.
 */
/** Pre-positioning hit: the item is in one of the station's 4 nearest FCs of its region. */
export const NEAR_FC_COUNT = 4;
/** Miss: it ships from one of the 5 nearest FCs outside the region. */
export const FAR_FC_COUNT = 5;

/** Expected out-of-region share used to size sortation centers and balance FCs (CALIBRATION: 76% in-region). */
export const PLANNED_OUT_OF_REGION_SHARE = 0.24;

export interface CandidateSet {
  candidates: Int32Array;
  width: number;
  inShare: number;
  /** Output: cumulative shares per station row. */
  shares: Float32Array;
}

/** Multiplicative reweighting so that expected FC loads even out; writes cumulative shares. */
export function balanceFcLoads(
  sets: CandidateSet[],
  stationWeight: Float64Array,
  facilityCount: number,
): void {
  const weights = sets.map((set) => new Float64Array(set.candidates.length).fill(1));
  const load = new Float64Array(facilityCount);
  const stationCount = stationWeight.length;
  for (let round = 0; round < 30; round++) {
    load.fill(0);
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
    sets.forEach((set, k) => {
      for (let i = 0; i < set.candidates.length; i++)
        weights[k][i] *= Math.sqrt(mean / load[set.candidates[i]]);
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
}

/** Expected sorts per sortation center relative to the mean (see the header's sizing rule). */
export function sizeSortCenters(
  stationIds: Int32Array,
  stationWeight: Float64Array,
  parent: Int32Array,
  gateway: Int32Array,
  hub: Int32Array,
  facilityRegion: Uint8Array,
  outOfRegionFcs: Int32Array,
  outOfRegionShares: Float32Array,
  sortationCenterIds: Int32Array,
  facilityCount: number,
): Float32Array {
  const sorts = new Float64Array(facilityCount);
  stationIds.forEach((station, s) => {
    sorts[parent[station]] += stationWeight[s];
    sorts[hub[facilityRegion[parent[station]]]] += stationWeight[s] * PLANNED_OUT_OF_REGION_SHARE;
  });
  // Out-of-region freight enters at the gateway of the FC that ships it (balanced shares).
  stationIds.forEach((_, s) => {
    let previous = 0;
    for (let j = 0; j < FAR_FC_COUNT; j++) {
      const share = outOfRegionShares[s * FAR_FC_COUNT + j] - previous;
      previous = outOfRegionShares[s * FAR_FC_COUNT + j];
      sorts[gateway[outOfRegionFcs[s * FAR_FC_COUNT + j]]] +=
        stationWeight[s] * PLANNED_OUT_OF_REGION_SHARE * share;
    }
  });
  let sum = 0;
  for (const sc of sortationCenterIds) sum += sorts[sc];
  const mean = sum / sortationCenterIds.length;
  const size = new Float32Array(facilityCount);
  for (const sc of sortationCenterIds) size[sc] = Math.max(0.25, sorts[sc] / mean);
  return size;
}
