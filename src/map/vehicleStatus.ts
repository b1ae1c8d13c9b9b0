/**
 * What a vehicle is doing at a moment, read from its trip columns: what the hover card and the
 * selection card say about it.
 */
import { formatCount } from '../ui/format';
import { VEHICLE_LABELS } from '../ui/palette';
import { tipCard, tipRow } from './tooltips';
import type { KindTrips } from './tripStore';

/** Vehicle hover: kind, parcels aboard, stops done and left by route progress at `timeS`. */
export function vehicleTooltip(trips: KindTrips, trip: number, timeS: number): string {
  const departS = trips.departS[trip];
  const endS = trips.endS[trip];
  const progress = endS > departS ? Math.min(1, Math.max(0, (timeS - departS) / (endS - departS))) : 1;
  const stops = trips.stopCount[trip];
  const stopsDone = Math.floor(stops * progress);
  const aboard = trips.parcelsAboard[trip];
  const rows = [
    tipRow('Parcels aboard at departure', formatCount(aboard)),
    tipRow('Stops done / left', `${stopsDone} / ${stops - stopsDone}`),
    tipRow('Arrives in', `${formatCount(Math.max(0, endS - timeS) / 60)} min (sim)`),
  ];
  return tipCard(`${VEHICLE_LABELS[trips.kind] ?? 'Vehicle'} #${trips.vehicleId[trip]}`, null, rows);
}
