/** Kind codes shared by the model and the page (the index is the code in binary columns). */

export const VEHICLE_KINDS = ['lineHaul', 'van', 'flex', 'usps', 'regional'] as const;
export const VEHICLE_LINE_HAUL = 0;

export const FACILITY_KINDS = [
  'fulfillmentCenter',
  'sortationCenter',
  'deliveryStation',
  'carrierHub',
] as const;
export const FULFILLMENT_CENTER = 0;
export const SORTATION_CENTER = 1;
export const DELIVERY_STATION = 2;
export const CARRIER_HUB = 3;

/** Promise classes, fastest first; the index is the code in the parcel's promise column. */
export const PROMISE_CLASSES = ['sameDay', 'nextDay', 'twoDay', 'standard'] as const;
export type PromiseClass = (typeof PROMISE_CLASSES)[number];

/**
 * Where a live parcel is. Every ordered parcel is in exactly one of these until it leaves the
 * model (handed to the last mile). FREE marks a recycled slot.
 */
export const PARCEL_STAGES = [
  'free',
  'awaitingPick', // at its origin FC, ordered and sourced, waiting for a robot and a pick station
  'awaitingPack', // picked into a tote, in the FC's pack buffer
  'awaitingSlam', // packed, waiting for scan/label/manifest and the sort to an outbound trailer
  'atFcDock', // in an outbound trailer at the FC's dock, waiting for its departure
  'lineHaulToSortCenter', // on a truck from the FC to the sortation center
  'awaitingSortCenterSort', // unloaded at the sortation center
  'atSortCenterDock', // sorted into a trailer for its delivery station
  'lineHaulToStation', // on a truck from the sortation center to the delivery station
  'awaitingStationSort', // unloaded at the delivery station
  'readyAtStation', // sorted to a route: the hand-off to the last mile
  'outForDelivery', // on a DSP van or a Flex driver's car until its door (lastMile)
  'withCarrier', // handed to USPS or a regional carrier until its door (lastMile)
] as const;
export type ParcelStage = (typeof PARCEL_STAGES)[number];
export const STAGE_FREE = 0;
export const STAGE_AWAITING_PICK = 1;
export const STAGE_AWAITING_PACK = 2;
export const STAGE_AWAITING_SLAM = 3;
export const STAGE_AT_FC_DOCK = 4;
export const STAGE_LINE_HAUL_TO_SC = 5;
export const STAGE_AWAITING_SC_SORT = 6;
export const STAGE_AT_SC_DOCK = 7;
export const STAGE_LINE_HAUL_TO_STATION = 8;
export const STAGE_AWAITING_STATION_SORT = 9;
export const STAGE_READY_AT_STATION = 10;
export const STAGE_OUT_FOR_DELIVERY = 11;
export const STAGE_WITH_CARRIER = 12;

/**
 * Timestamps kept per parcel for traceParcel, in this order (index = column in the parcel's
 * stage-time block). Each is absolute sim seconds, NaN until reached.
 */
export const PARCEL_EVENTS = [
  'ordered',
  'picked',
  'packed',
  'loadedAtFc',
  'departedFc',
  'arrivedSortCenter',
  'departedSortCenter',
  'arrivedStation',
  'readyAtStation',
] as const;
export type ParcelEvent = (typeof PARCEL_EVENTS)[number];
export const EVENT_PICKED = 1;
export const EVENT_PACKED = 2;
export const EVENT_LOADED_AT_FC = 3;
export const EVENT_DEPARTED_FC = 4;
export const EVENT_ARRIVED_SC = 5;
export const EVENT_DEPARTED_SC = 6;
export const EVENT_ARRIVED_STATION = 7;
export const EVENT_READY_AT_STATION = 8;
