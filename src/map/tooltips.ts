/**
 * Hover text for the map, built from what the page already holds (the network, the current tick,
 * the trip columns). Plain strings escaped for HTML: deck.gl sets them as the tooltip's innerHTML.
 */
import type { NetworkMessage } from '../worker/protocol';
import type { Tick } from '../state/simClient';
import { FACILITY_LABELS, VEHICLE_LABELS } from '../ui/palette';
import { simView } from '../state/simClient';
import { formatCount } from '../ui/format';
import { formatRealParcelCount } from '../ui/realVolume';
import type { KindTrips } from './tripStore';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function row(label: string, value: string): string {
  return `<div class="tip-row"><span>${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`;
}

export function facilityTooltip(network: NetworkMessage, tick: Tick | null, facilityId: number): string {
  const facility = network.facilities[facilityId];
  if (!facility) return '';
  const state = tick?.facilities;
  // Parcel figures at real volume, as everywhere on the page (the header states the scale).
  const scale = simView.params?.scale ?? 1;
  const rows = [
    row(
      'Throughput',
      state ? `${formatRealParcelCount(state.throughputPerHour[facilityId], scale)} parcels/h` : '…',
    ),
    row('Backlog', state ? `${formatRealParcelCount(state.backlogParcels[facilityId], scale)} parcels` : '…'),
  ];
  if (facility.kind === 0 && state) {
    rows.push(
      row(
        'Robots busy',
        `${formatCount(state.robotsBusy[facilityId])} of ${formatCount(state.robotsTotal[facilityId])}`,
      ),
    );
    rows.push(row('Pick queue', `${formatRealParcelCount(state.pickQueue[facilityId], scale)} parcels`));
  }
  if (state) rows.push(row('Trailers at docks', formatCount(state.trailersAtDock[facilityId])));
  return `<div class="tip-title">${escapeHtml(facility.name)}</div><div class="tip-kind">${escapeHtml(
    FACILITY_LABELS[facility.kind] ?? 'Facility',
  )} · ${escapeHtml(facility.metro)}</div>${rows.join('')}`;
}

/** Vehicle hover: kind, parcels aboard, stops done and left by route progress at `timeS`. */
export function vehicleTooltip(kind: number, trips: KindTrips, trip: number, timeS: number): string {
  const departS = trips.departS[trip];
  const endS = trips.endS[trip];
  const progress = endS > departS ? Math.min(1, Math.max(0, (timeS - departS) / (endS - departS))) : 1;
  const stops = trips.stopCount[trip];
  const stopsDone = Math.floor(stops * progress);
  const aboard = trips.parcelsAboard[trip];
  const rows = [
    row('Parcels aboard at departure', formatCount(aboard)),
    row('Stops done / left', `${stopsDone} / ${stops - stopsDone}`),
    row('Arrives in', `${formatCount(Math.max(0, endS - timeS) / 60)} min (sim)`),
  ];
  return `<div class="tip-title">${escapeHtml(VEHICLE_LABELS[kind] ?? 'Vehicle')} #${trips.vehicleId[trip]}</div>${rows.join('')}`;
}
