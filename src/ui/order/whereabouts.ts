/**
 * Where a followed parcel is, for the map and the 3D pane: at a facility, aboard a vehicle the
 * page can find in its trip store (TripBatch.vehicleId), or at its door. Read from the order's
 * trace at tick rate, never per frame.
 */
import { VEHICLE_LINE_HAUL } from '../../sim/kinds';
import { CARRIER_NAMES } from '../../sim/lastMile/carrierChoice';
import type { OrderTrace } from '../../worker/protocol';

export type Whereabouts =
  | { kind: 'facility'; facilityId: number }
  | { kind: 'vehicle'; vehicleId: number; vehicleKind: number }
  | { kind: 'door'; lon: number; lat: number };

const AT_ORIGIN_FC = new Set(['awaitingPick', 'awaitingPack', 'awaitingSlam', 'atFcDock']);
const ON_LINE_HAUL = new Set(['lineHaulToSortCenter', 'lineHaulToStation']);
const AT_SORT_CENTER = new Set(['awaitingSortCenterSort', 'atSortCenterDock']);
const AT_STATION = new Set(['awaitingStationSort', 'readyAtStation']);

export function getWhereabouts(order: OrderTrace, timeS: number): Whereabouts {
  const { trace } = order;
  const watch = trace.watch;
  const facts = watch?.facts ?? [];
  const door: Whereabouts = { kind: 'door', lon: trace.destinationLon, lat: trace.destinationLat };
  if (watch?.deliveredS !== null && watch?.deliveredS !== undefined && watch.deliveredS <= timeS) return door;
  if (AT_ORIGIN_FC.has(trace.stage)) return { kind: 'facility', facilityId: trace.originFacility };
  if (ON_LINE_HAUL.has(trace.stage)) {
    const truck = facts.findLast((fact) => fact.kind === 'truckBoarded');
    return truck
      ? { kind: 'vehicle', vehicleId: truck.vehicleId, vehicleKind: VEHICLE_LINE_HAUL }
      : { kind: 'facility', facilityId: trace.originFacility };
  }
  if (AT_SORT_CENTER.has(trace.stage)) {
    const arrived = facts.findLast((fact) => fact.kind === 'queueJoined' && fact.queue === 'sortCenterSort');
    return {
      kind: 'facility',
      facilityId:
        arrived?.kind === 'queueJoined' ? arrived.facility : (trace.path[1] ?? trace.originFacility),
    };
  }
  if (AT_STATION.has(trace.stage)) return { kind: 'facility', facilityId: trace.destinationStation };
  const handoff = facts.findLast((fact) => fact.kind === 'handedOff');
  if (handoff?.kind === 'handedOff') {
    const truck = handoff.handoffTruck;
    // Carrier codes are the vehicle kinds' codes (carrierChoice.ts).
    const vehicleKind = CARRIER_NAMES.indexOf(handoff.carrier);
    // A partner's parcel rides the hand-off truck to the carrier's hub before its door run.
    if (truck && timeS < truck.arriveS && timeS >= truck.departS)
      return { kind: 'vehicle', vehicleId: truck.vehicleId, vehicleKind };
    if (timeS >= handoff.departS) return { kind: 'vehicle', vehicleId: handoff.vehicleId, vehicleKind };
    if (truck) return { kind: 'facility', facilityId: truck.hubFacility };
  }
  return { kind: 'facility', facilityId: trace.destinationStation };
}

/** Whether two whereabouts are the same place (the page moves the camera only when it changes). */
export function isSamePlace(a: Whereabouts | null, b: Whereabouts | null): boolean {
  if (!a || !b || a.kind !== b.kind) return a === b;
  if (a.kind === 'facility' && b.kind === 'facility') return a.facilityId === b.facilityId;
  if (a.kind === 'vehicle' && b.kind === 'vehicle') return a.vehicleId === b.vehicleId;
  return a.kind === 'door';
}
