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
  /** The same, as the model counts them (the doors on the map are modelled parcels too). */
  parcelsAboardModelled: number;
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
  const doors = (count: number) => `${count} ${count === 1 ? 'door' : 'doors'}`;
  const onTime = !isRoute
    ? 'Checked at the door'
    : late === 0
      ? stops === 1
        ? 'On time: its door by the promise'
        : `On time: all ${stops} doors by their promise`
      : `${late} of ${doors(stops)} late${lateAhead > 0 ? ` (${lateAhead} still ahead)` : ''}`;
  const origin = facilityName(network, trips.originFacility[trip]);
  const destinationId = trips.destinationFacility[trip];
  const destination = isRoute
    ? `${doors(stops)}, then ${destinationId === trips.originFacility[trip] ? 'back' : facilityName(network, destinationId)}`
    : facilityName(network, destinationId);
  const aboard = Math.max(0, trips.parcelsAboard[trip] - (isRoute ? stopsDone : 0));
  return {
    title: `${VEHICLE_LABELS[trips.kind] ?? 'Vehicle'} #${trips.vehicleId[trip]}`,
    origin,
    destination,
    parcelsAboard: toRealParcels(aboard, scale),
    parcelsAboardModelled: aboard,
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
    tipRow('Parcels aboard', describeParcelsAboard(status)),
  ];
  if (status.stopsDone + status.stopsLeft > 0) {
    rows.push(tipRow('Doors on the map: done / left', `${status.stopsDone} / ${status.stopsLeft}`));
  }
  rows.push(tipRow('On time', status.onTime));
  rows.push(tipRow('Trip ends in', formatTripEnd(status.arrivesInS)));
  return tipCard(status.title, null, rows);
}

/**
 * "500 at real volume (1 in the model)": one vehicle on the map stands for 1/scale real ones, so
 * its load reads at real volume like every count on the page, and the model's own count sits
 * beside it, as the doors on the map are counted.
 */
export function describeParcelsAboard(status: VehicleStatus): string {
  if (status.parcelsAboard === status.parcelsAboardModelled) return formatCount(status.parcelsAboard);
  return `${formatCount(status.parcelsAboard)} at real volume (${formatCount(status.parcelsAboardModelled)} in the model)`;
}

/** Sim time until a trip ends: minutes under two hours, else hours ("45 min", "8.6 h"). */
export function formatTripEnd(seconds: number): string {
  return seconds < 7200 ? `${Math.round(seconds / 60)} min (sim)` : `${(seconds / 3600).toFixed(1)} h (sim)`;
}
