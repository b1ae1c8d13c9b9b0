/**
 * What a vehicle is doing at a moment, read from its trip columns: where it comes from and goes,
 * what it carries, its stops done and left, and whether its parcels reach their doors by their
 * promise. The hover card and the selection card both say this.
 */
import { VEHICLE_LINE_HAUL } from '../sim/kinds';
import { formatCount } from '../ui/format';
import { VEHICLE_LABELS } from '../ui/palette';
import { toRealParcels } from '../ui/realVolume';
import type { NetworkMessage } from '../worker/protocol';
import { tipCard, tipRow } from './tooltips';
import type { KindTrips } from './tripStore';

export interface VehicleStatus {
  /** E.g. "Delivery van #3097". */
  title: string;
  /** Facility the trip leaves from, and where it goes ("12 doors, then back" for a route). */
  origin: string;
  destination: string;
  /** Parcels on board now, at real volume (modelled / scale): a route's load less the doors served. */
  parcelsAboard: number;
  stopsDone: number;
  stopsLeft: number;
  /** Stops served after their parcel's promise, and stops ahead that will be. */
  lateDone: number;
  lateAhead: number;
  /** "On time", "2 of 14 late", ...; a truck's parcels meet their promise at the door, later. */
  onTime: string;
  /** Sim seconds until the trip ends (0 once over). */
  arrivesInS: number;
}

function facilityName(network: NetworkMessage | null, id: number): string {
  return (id >= 0 && network?.facilities[id]?.name) || 'unknown';
}

/**
 * The status of trip `trip` of `trips` at `timeS` (absolute sim seconds), epoch `epochS`. Stops
 * are the doors the map draws (modelled); parcels are at real volume (`scale`: params.scale).
 */
export function getVehicleStatus(
  network: NetworkMessage | null,
  trips: KindTrips,
  trip: number,
  epochS: number,
  timeS: number,
  scale: number,
): VehicleStatus {
  const nowS = timeS - epochS;
  const firstStop = trips.stopStart[trip];
  const endStop = trips.stopStart[trip + 1];
  let stopsDone = 0;
  let lateDone = 0;
  let lateAhead = 0;
  for (let stop = firstStop; stop < endStop; stop++) {
    const arriveS = trips.stopTimes[stop * 3 + 1];
    const late = arriveS > trips.stopDueS[stop];
    if (arriveS <= nowS) {
      stopsDone++;
      if (late) lateDone++;
    } else if (late) lateAhead++;
  }
  const stops = endStop - firstStop;
  const isRoute = trips.kind !== VEHICLE_LINE_HAUL && stops > 0;
  const late = lateDone + lateAhead;
  const onTime = !isRoute
    ? 'Checked at the door'
    : late === 0
      ? `On time: all ${stops} doors by their promise`
      : `${late} of ${stops} doors late${lateAhead > 0 ? ` (${lateAhead} still ahead)` : ''}`;
  const origin = facilityName(network, trips.originFacility[trip]);
  const destinationId = trips.destinationFacility[trip];
  const destination = isRoute
    ? `${stops} doors, then ${destinationId === trips.originFacility[trip] ? 'back' : facilityName(network, destinationId)}`
    : facilityName(network, destinationId);
  return {
    title: `${VEHICLE_LABELS[trips.kind] ?? 'Vehicle'} #${trips.vehicleId[trip]}`,
    origin,
    destination,
    parcelsAboard: toRealParcels(Math.max(0, trips.parcelsAboard[trip] - (isRoute ? stopsDone : 0)), scale),
    stopsDone,
    stopsLeft: stops - stopsDone,
    lateDone,
    lateAhead,
    onTime,
    arrivesInS: Math.max(0, trips.endS[trip] - timeS),
  };
}

/** Vehicle hover card: the same figures as the selection card. */
export function vehicleTooltip(status: VehicleStatus): string {
  const rows = [
    tipRow('From', status.origin),
    tipRow('To', status.destination),
    tipRow('Parcels aboard', formatCount(status.parcelsAboard)),
  ];
  if (status.stopsDone + status.stopsLeft > 0) {
    rows.push(tipRow('Doors on the map: done / left', `${status.stopsDone} / ${status.stopsLeft}`));
  }
  rows.push(tipRow('On time', status.onTime));
  rows.push(tipRow('Trip ends in', `${formatCount(status.arrivesInS / 60)} min (sim)`));
  return tipCard(status.title, null, rows);
}
