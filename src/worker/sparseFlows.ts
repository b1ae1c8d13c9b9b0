/**
 * One period's flows of every facility (what the delivery ledger gained in it), kept sparse: in
 * an hour most facilities deliver nothing (at the default scale ~14% of the facility-hour values
 * are not zero), so a block lists the facilities with any flow and their non-zero columns; most
 * of those are small whole counts (~3 in 4 under 256 in an hour), kept in a byte (a period's sums
 * in two bytes), the rest as Float64: the flows are multiples of 2^-16 (facilityHours.ts puts
 * them on that grid so that sums of them are exact in any order), which Float32 would round.
 */
export interface FlowBlock {
  /** Facilities with a non-zero flow, ascending (ids are 16-bit: networks hold a few thousand). */
  facility: Uint16Array;
  /** Per listed facility k, its values are [valueStart[k], valueStart[k + 1]). */
  valueStart: Uint32Array;
  /** Flow column of each value (the ledger has a few dozen). */
  valueColumn: Uint8Array;
  /** Each value if a whole number up to the array's limit, else 0: the next of `otherValue`. */
  smallValue: Uint8Array | Uint16Array;
  /** The other values in order; listed facility k's start at otherStart[k]. */
  otherValue: Float64Array;
  otherStart: Uint32Array;
}

/** Whole counts up to this fit a byte (an hour's flows) or two (a day's sums). */
export const BYTE_COUNTS = 0xff;
export const TWO_BYTE_COUNTS = 0xffff;

/**
 * Packs `flows` (facilities x `columns`, dense; a flow of 0 is not kept) into a new block whose
 * small values are whole counts up to `smallLimit` (BYTE_COUNTS or TWO_BYTE_COUNTS).
 */
export function packFlows(
  flows: ArrayLike<number>,
  facilityCount: number,
  columns: number,
  smallLimit: number,
): FlowBlock {
  const isSmall = (flow: number) => flow >= 1 && flow <= smallLimit && Number.isInteger(flow);
  let listedCount = 0;
  let valueCount = 0;
  let otherCount = 0;
  for (let facility = 0; facility < facilityCount; facility++) {
    let any = false;
    for (let k = facility * columns; k < (facility + 1) * columns; k++) {
      const flow = flows[k];
      if (flow === 0) continue;
      valueCount++;
      if (!isSmall(flow)) otherCount++;
      any = true;
    }
    if (any) listedCount++;
  }
  const block: FlowBlock = {
    facility: new Uint16Array(listedCount),
    valueStart: new Uint32Array(listedCount + 1),
    valueColumn: new Uint8Array(valueCount),
    smallValue: smallLimit <= BYTE_COUNTS ? new Uint8Array(valueCount) : new Uint16Array(valueCount),
    otherValue: new Float64Array(otherCount),
    otherStart: new Uint32Array(listedCount + 1),
  };
  let listed = 0;
  let value = 0;
  let other = 0;
  for (let facility = 0; facility < facilityCount; facility++) {
    const from = facility * columns;
    const start = value;
    const otherFrom = other;
    for (let k = 0; k < columns; k++) {
      const flow = flows[from + k];
      if (flow === 0) continue;
      block.valueColumn[value] = k;
      if (isSmall(flow)) block.smallValue[value] = flow;
      else block.otherValue[other++] = flow;
      value++;
    }
    if (value > start) {
      block.facility[listed] = facility;
      block.otherStart[listed] = otherFrom;
      block.valueStart[listed++] = start;
    }
  }
  block.valueStart[listed] = value;
  block.otherStart[listed] = other;
  return block;
}

/**
 * Adds `facilityId`'s flows in `block` into `out` at `outStart` + column (nothing for a facility
 * without flows); with `share`, what `share` gives for each flow instead (an hour's part of it).
 */
export function addFacilityFlows(
  block: FlowBlock,
  facilityId: number,
  out: Float64Array,
  outStart: number,
  share?: (flow: number) => number,
): void {
  const listed = findFacility(block.facility, facilityId);
  if (listed < 0) return;
  let other = block.otherStart[listed];
  for (let v = block.valueStart[listed]; v < block.valueStart[listed + 1]; v++) {
    const small = block.smallValue[v];
    const flow = small !== 0 ? small : block.otherValue[other++];
    out[outStart + block.valueColumn[v]] += share ? share(flow) : flow;
  }
}

/** Adds every facility's flows in `block` into the dense `out` (facilities x `columns`). */
export function addAllFlows(block: FlowBlock, columns: number, out: Float64Array): void {
  for (let listed = 0; listed < block.facility.length; listed++) {
    const from = block.facility[listed] * columns;
    let other = block.otherStart[listed];
    for (let v = block.valueStart[listed]; v < block.valueStart[listed + 1]; v++) {
      const small = block.smallValue[v];
      out[from + block.valueColumn[v]] += small !== 0 ? small : block.otherValue[other++];
    }
  }
}

/** Index of `facilityId` in the ascending `facilities`, or -1. */
function findFacility(facilities: Uint16Array, facilityId: number): number {
  let low = 0;
  let high = facilities.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = facilities[middle];
    if (at === facilityId) return middle;
    if (at < facilityId) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
